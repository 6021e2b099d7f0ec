#!/usr/bin/env python3
"""Run newsclean (and the anchors that are installed) over the dev benchmark and write
docs/benchmarks.md.

    python benchmarks/run.py                       # everything, ../shared/eval
    python benchmarks/run.py --data DIR --datasets scrapinghub --inputs html,lynx
    python benchmarks/run.py --no-anchors --jobs 2

Predictions go to runs/<system>__<dataset>__<input>.jsonl and are scored with the benchmark's
own score.py. Anchors (extra ``bench``): trafilatura, readability-lxml and jusText on HTML; the
dump as-is, datatrove's C4 line filter and jusText over dump lines on text dumps. An anchor that
is not installed is skipped and said so in the report.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
RENDERERS = ("bs4_nosep", "bs4_newline", "lynx", "w3m", "html_text", "inscriptis")
DATASETS = ("scrapinghub", "readability", "htmldate")
# A fixed "now" so relative dates and the future-date check do not depend on the day of the run.
REFERENCE_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)

Prediction = dict[str, Any]


# ----------------------------------------------------------------------------- systems
def run_newsclean(raw: bytes, url: str | None, input_name: str) -> Prediction:
    return _newsclean_prediction(raw, url, input_name, None)


def run_newsclean_rules(raw: bytes, url: str | None, input_name: str) -> Prediction:
    """newsclean with the dump block model switched off: the rules alone."""
    from newsclean.dumps import DumpOptions

    return _newsclean_prediction(raw, url, input_name, DumpOptions(block_model=False))


def _newsclean_prediction(raw: bytes, url: str | None, input_name: str, options: Any) -> Prediction:
    import newsclean
    from newsclean.filters import RemoveBoilerplate

    pipeline = (
        None
        if options is None
        else newsclean.default_pipeline().replace("boilerplate", RemoveBoilerplate(options))
    )
    fmt = "html" if input_name == "html" else "text"
    article = newsclean.clean(
        raw, url=url, input_format=fmt, reference_time=REFERENCE_TIME, pipeline=pipeline
    )
    return {
        "body": article.text,
        "title": article.title,
        "date": article.published.date().isoformat() if article.published else None,
    }


def run_trafilatura(raw: bytes, url: str | None, input_name: str) -> Prediction:
    import trafilatura

    doc = trafilatura.bare_extraction(raw.decode("utf-8", "replace"), url=url, with_metadata=True)
    if doc is None:
        return {"body": ""}
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return {"body": data.get("text") or "", "title": data.get("title"), "date": data.get("date")}


def run_readability(raw: bytes, url: str | None, input_name: str) -> Prediction:
    import lxml.html
    from readability import Document

    doc = Document(raw.decode("utf-8", "replace"))
    summary = doc.summary(html_partial=True)
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return {"body": body, "title": doc.short_title()}


def run_justext_html(raw: bytes, url: str | None, input_name: str) -> Prediction:
    import justext

    paragraphs = justext.justext(raw, justext.get_stoplist("English"))
    return {"body": "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)}


def run_dump_as_is(raw: bytes, url: str | None, input_name: str) -> Prediction:
    return {"body": raw.decode("utf-8", "replace")}


def run_c4_lines(raw: bytes, url: str | None, input_name: str) -> Prediction:
    """datatrove's C4 quality filter, line rules only (terminal punctuation, >= 3 words...)."""
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    filt = C4QualityFilter(filter_no_terminal_punct=True, min_num_sentences=-1)
    doc = Document(text=raw.decode("utf-8", "replace"), id="x")
    filt.filter(doc)
    return {"body": doc.text}


def run_justext_lines(raw: bytes, url: str | None, input_name: str) -> Prediction:
    import html

    import justext

    lines = raw.decode("utf-8", "replace").split("\n")
    page = "<html><body>" + "".join(f"<p>{html.escape(x)}</p>" for x in lines) + "</body></html>"
    paragraphs = justext.justext(page.encode(), justext.get_stoplist("English"))
    return {"body": "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)}


SYSTEMS: dict[str, tuple[str, Callable[[bytes, str | None, str], Prediction], str | None]] = {
    # name: (applies to "html" | "dump" | "both", function, module needed)
    "newsclean": ("both", run_newsclean, None),
    "newsclean-rules": ("dump", run_newsclean_rules, None),
    "trafilatura": ("html", run_trafilatura, "trafilatura"),
    "readability-lxml": ("html", run_readability, "readability"),
    "justext": ("html", run_justext_html, "justext"),
    "dump-as-is": ("dump", run_dump_as_is, None),
    "datatrove-c4": ("dump", run_c4_lines, "datatrove"),
    "justext-lines": ("dump", run_justext_lines, "justext"),
}


# ----------------------------------------------------------------------------- running
def load_ground_truth(eval_dir: Path, dataset: str) -> list[dict[str, Any]]:
    path = eval_dir / "data" / dataset / "ground_truth.jsonl"
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def input_path(eval_dir: Path, dataset: str, input_name: str, doc_id: str) -> Path:
    if input_name == "html":
        return eval_dir / "data" / dataset / "html" / f"{doc_id}.html"
    return eval_dir / "dumps" / dataset / input_name / f"{doc_id}.txt"


def _run_one(args: tuple[str, str, str | None, str]) -> Prediction:
    system, path, url, input_name = args
    func = SYSTEMS[system][1]
    raw = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        pred = func(raw, url, input_name)
    except Exception as exc:  # an anchor's crash is a data point, not the end of the run
        pred = {"body": "", "error": f"{type(exc).__name__}: {exc}"}
    pred["elapsed_s"] = time.perf_counter() - start
    return pred


def run_cell(
    system: str, dataset: str, input_name: str, eval_dir: Path, out_dir: Path, jobs: int
) -> Path:
    truth = load_ground_truth(eval_dir, dataset)
    tasks = []
    for rec in truth:
        path = input_path(eval_dir, dataset, input_name, rec["id"])
        if path.exists():
            tasks.append((rec["id"], (system, str(path), rec.get("url"), input_name)))
    out = out_dir / f"{system}__{dataset}__{input_name}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for doc_id, pred in zip(
            (t[0] for t in tasks), _map(_run_one, [t[1] for t in tasks], jobs), strict=True
        ):
            pred["id"] = doc_id
            f.write(json.dumps(pred, ensure_ascii=False) + "\n")
    return out


def _map(func: Callable[[Any], Prediction], items: list[Any], jobs: int) -> Iterator[Prediction]:
    if jobs <= 1:
        yield from map(func, items)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(func, items, chunksize=8)


def applies_to(system: str, input_name: str) -> bool:
    kind = SYSTEMS[system][0]
    return kind == "both" or (kind == "html") == (input_name == "html")


def available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        __import__(module)
    except Exception:
        return False
    return True


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


# ----------------------------------------------------------------------------- report
def score(eval_dir: Path, files: list[Path], json_out: Path) -> list[dict[str, Any]]:
    env = dict(os.environ, NEWSCLEAN_EVAL_DATA=str(eval_dir / "data"))
    subprocess.run(
        [
            sys.executable,
            str(eval_dir / "score.py"),
            *map(str, files),
            "--json",
            str(json_out),
            "--n-bootstrap",
            "200",
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    return list(json.loads(json_out.read_text()))


def _f(value: Any, spec: str = ".3f") -> str:
    return "–" if value is None else format(value, spec)


def render_report(
    results: list[dict[str, Any]], command: str, skipped: list[str], preamble: str = ""
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Measured on the development benchmark in `../shared/eval` (830 real pages; see its",
        "README) with its own scorer. Body F1 is the scrapinghub article-extraction-benchmark's",
        "token-4-gram-shingle F1; title is the normalised exact match; date is day accuracy;",
        "glue columns count glued sentence boundaries per document; docs/s is single-process",
        "throughput from per-document wall time on a 2-core machine (relative, not absolute).",
        "",
        f"Command: `{command}`",
        "",
        f"Run: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}; Python "
        f"{platform.python_version()}; newsclean {version_of('newsclean')}; "
        + "; ".join(
            f"{d} {version_of(d)}"
            for d in ("trafilatura", "readability-lxml", "justext", "datatrove")
        ),
        "",
    ]
    if skipped:
        lines += [f"Skipped (not installed): {', '.join(skipped)}.", ""]
    if preamble:
        lines += [preamble.strip(), ""]
    lines += render_bars(results)
    by_dataset: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_dataset.setdefault(r["dataset"], []).append(r)
    for dataset in DATASETS:
        rows = by_dataset.get(dataset)
        if not rows:
            continue
        lines += [f"## {dataset}", ""]
        if rows[0]["kind"] == "body":
            lines += [
                "| input | system | F1 | P | R | title norm | date | glue/doc | gt/doc "
                "| glue_body | docs/s |",
                "|---|---|---|---|---|---|---|---|---|---|---|",
            ]
        else:
            lines += [
                "| input | system | date acc | date given | docs/s |",
                "|---|---|---|---|---|",
            ]
        order = ["html", *RENDERERS]
        rows.sort(
            key=lambda r: (
                order.index(r["input"]) if r["input"] in order else 99,
                not r["system"].startswith("newsclean"),
                r["system"],
            )
        )
        for r in rows:
            if r["kind"] == "body":
                lines.append(
                    f"| {r['input']} | {r['system']} | **{_f(r.get('f1'))}** | "
                    f"{_f(r.get('precision'))} | {_f(r.get('recall'))} | "
                    f"{_f(r.get('title_norm'))} | {_f(r.get('date_acc'))} | "
                    f"{_f(r.get('glue_per_doc'), '.2f')} | {_f(r.get('glue_gt_per_doc'), '.2f')} | "
                    f"{_f(r.get('glue_body_per_doc'), '.3f')} | {_f(r.get('docs_per_s'), '.0f')} |"
                )
            else:
                lines.append(
                    f"| {r['input']} | {r['system']} | **{_f(r.get('date_acc'))}** | "
                    f"{_f(r.get('date_given'))} | {_f(r.get('docs_per_s'), '.0f')} |"
                )
        lines.append("")
    summary = []
    for system, what in (
        (HELD_OUT, "held out: each page cleaned by a block model fitted without its site"),
        ("newsclean-rules", "the rules alone, block model off"),
        ("newsclean", "the shipped block model, in-sample: it was fitted on these pages"),
    ):
        dumps = _dump_cells(results, system)
        if dumps:
            mean = sum(r["f1"] for r in dumps) / len(dumps)
            worst = min(dumps, key=lambda r: r["f1"])
            summary.append(
                f"- `{system}` ({what}): mean body F1 over {len(dumps)} dataset × renderer "
                f"cells **{mean:.3f}**, lowest cell {worst['f1']:.3f} "
                f"({worst['dataset']}/{worst['input']})."
            )
    if summary:
        lines += ["## Summary: text dumps", "", *summary, ""]
    return "\n".join(lines)


def _cell(
    results: list[dict[str, Any]], dataset: str, input_name: str, system: str = "newsclean"
) -> dict[str, Any] | None:
    return next(
        (
            r
            for r in results
            if r["system"] == system and r["dataset"] == dataset and r["input"] == input_name
        ),
        None,
    )


def _bar_row(label: str, target: str, value: float | None, ok: bool, note: str = "") -> str:
    shown = "–" if value is None else f"{value:.3f}"
    met = "–" if value is None else ("yes" if ok else "no")
    return f"| {label} | {target} | {shown}{note} | {met} |"


# The shipped dump block model was fitted on the dev pages: its dump figures on them are
# in-sample. The bars are read off the held-out run (tools/train_block_model.py --cv), where
# every page was cleaned by a model that saw neither it nor its site.
HELD_OUT = "newsclean-cv"


def _dump_cells(results: list[dict[str, Any]], system: str) -> list[dict[str, Any]]:
    return [
        r
        for r in results
        if r["system"] == system
        and r["kind"] == "body"
        and r["input"] != "html"
        and r.get("f1") is not None
    ]


def render_bars(results: list[dict[str, Any]]) -> list[str]:
    """The issues' bars that this harness measures, computed from the scored runs."""
    rows: list[str] = []
    system = HELD_OUT if _dump_cells(results, HELD_OUT) else "newsclean"
    dumps = _dump_cells(results, system)
    if dumps:
        mean = sum(r["f1"] for r in dumps) / len(dumps)
        worst = min(dumps, key=lambda r: r["f1"])
        rows.append(
            _bar_row(
                f"dumps: mean body F1, {len(dumps)} cells ({system})",
                ">= 0.93",
                mean,
                mean >= 0.93,
            )
        )
        rows.append(
            _bar_row(
                f"dumps: lowest cell ({system})",
                ">= 0.88",
                worst["f1"],
                worst["f1"] >= 0.88,
                f" ({worst['dataset']}/{worst['input']})",
            )
        )
    for input_name in RENDERERS:
        r = _cell(results, "readability", input_name, system)
        if r is not None and r.get("title_norm") is not None:
            v = r["title_norm"]
            rows.append(
                _bar_row(f"dumps: title norm, readability/{input_name}", ">= 0.85", v, v >= 0.85)
            )
    for dataset, target in (("scrapinghub", 0.965), ("readability", 0.965)):
        r = _cell(results, dataset, "html")
        if r is not None and r.get("f1") is not None:
            v = r["f1"]
            rows.append(_bar_row(f"HTML: {dataset} body F1", f">= {target}", v, v >= target))
    r = _cell(results, "readability", "html")
    if r is not None and r.get("title_norm") is not None:
        v = r["title_norm"]
        rows.append(_bar_row("HTML: readability title norm", ">= 0.90", v, v >= 0.90))
    for input_name, target in (
        ("html", 0.93),
        ("html_text", 0.85),
        ("lynx", 0.85),
        ("bs4_nosep", 0.85),
    ):
        r = _cell(results, "htmldate", input_name)
        if r is not None and r.get("date_acc") is not None:
            v = r["date_acc"]
            rows.append(
                _bar_row(f"dates: htmldate day, {input_name}", f">= {target}", v, v >= target)
            )
    if not rows:
        return []
    return [
        "### Bars this harness measures (computed from the runs above)",
        "",
        "| bar | target | measured | met |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_EVAL, help="the eval folder")
    ap.add_argument("--datasets", default=",".join(DATASETS))
    ap.add_argument("--inputs", default="html," + ",".join(RENDERERS))
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--no-anchors", action="store_true", help="run newsclean only")
    ap.add_argument(
        "--score-only",
        action="store_true",
        help="run nothing; score what is in --runs and write the report",
    )
    ap.add_argument("--jobs", type=int, default=1, help="processes (docs/s stay per process)")
    ap.add_argument("--runs", type=Path, default=ROOT / "runs")
    ap.add_argument("--report", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument(
        "--preamble",
        type=Path,
        default=ROOT / "benchmarks" / "preamble.md",
        help="hand-written markdown put after the run line (how the runs were made, other bars)",
    )
    ap.add_argument(
        "--extra",
        type=Path,
        nargs="*",
        default=sorted((ROOT / "benchmarks" / "results").glob("*.md")),
        help="markdown sections appended to the report",
    )
    args = ap.parse_args(argv)
    if not (args.data / "score.py").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    args.runs.mkdir(parents=True, exist_ok=True)
    systems = ["newsclean"] if args.no_anchors else args.systems.split(",")
    if args.score_only:
        systems = []
    skipped = [s for s in systems if not available(SYSTEMS[s][2])]
    files = []
    for dataset in args.datasets.split(","):
        for input_name in args.inputs.split(","):
            for system in systems:
                if system in skipped or not applies_to(system, input_name):
                    continue
                if dataset == "htmldate" and system not in ("newsclean", "trafilatura"):
                    continue
                t0 = time.perf_counter()
                files.append(run_cell(system, dataset, input_name, args.data, args.runs, args.jobs))
                print(
                    f"{system:18s} {dataset:12s} {input_name:12s} {time.perf_counter() - t0:6.1f}s",
                    file=sys.stderr,
                )
    # Results of systems not re-run this time (e.g. anchors from an earlier run into the same
    # folder) are scored too, so one report can hold them all.
    datasets, inputs = set(args.datasets.split(",")), set(args.inputs.split(","))
    for path in sorted(args.runs.glob("*__*__*.jsonl")):
        _, dataset, input_name = path.stem.split("__")
        if path not in files and dataset in datasets and input_name in inputs:
            files.append(path)
    results = score(args.data, files, args.runs / "scores.json")
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    preamble = args.preamble.read_text(encoding="utf-8") if args.preamble.exists() else ""
    report = render_report(results, command.strip(), skipped, preamble)
    for extra in args.extra:
        report += "\n" + extra.read_text(encoding="utf-8").strip() + "\n"
    args.report.write_text(report + "\n", encoding="utf-8")
    print(f"wrote {args.report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
