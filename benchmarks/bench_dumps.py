"""Benchmark of newsclean.dumps (segment + classify) on the dev dumps, 2 datasets x 6 renderers.

Run:
    PYTHONPATH=src /work/venv/bin/python benchmarks/bench_dumps.py [--baselines] [--templates]

Writes runs/<system>__<dataset>__<renderer>.jsonl and scores them with the shared scorer
(../shared/eval/score.py). Systems: ``newsclean`` (this package), ``asis`` (the whole dump as the
body), and with --baselines ``c4lines`` (datatrove's C4 line rules) and ``justext`` (jusText over
dump lines); both are benchmark-only tools, never imported by the package. --templates learns a
per-site template for every site with >= 3 pages (domain of the ground-truth url) and reports body
F1 on those pages with and without it.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsclean.dumps import (
    DumpOptions,
    Template,
    classify_segments,
    learn_template,
    segment_dump,
)

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
DATASETS = ("scrapinghub", "readability")
RENDERERS = ("bs4_newline", "bs4_nosep", "html_text", "inscriptis", "lynx", "w3m")

Row = dict[str, Any]
Builder = Callable[[str, str, str, Row], tuple[str, str]]


def clean_dump(
    text: str, template: Template | None = None, options: DumpOptions | None = None
) -> tuple[str, str]:
    """Return (body, title) as the lead's pipeline would build them from the labels."""
    segs = segment_dump(text)
    labels = classify_segments(text, segs, template=template, options=options)
    body = "\n\n".join(s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep)
    title = next(
        (s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.role == "title"), ""
    )
    return body, title


def load_rows(dataset: str) -> list[Row]:
    with open(EVAL / "data" / dataset / "ground_truth.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def read_dump(dataset: str, renderer: str, doc_id: str) -> str:
    text = (EVAL / "dumps" / dataset / renderer / f"{doc_id}.txt").read_text(encoding="utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run(system: str, out_dir: Path, build: Builder) -> list[Path]:
    paths = []
    for ds in DATASETS:
        rows = load_rows(ds)
        for r in RENDERERS:
            path = out_dir / f"{system}__{ds}__{r}.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                for row in rows:
                    text = read_dump(ds, r, row["id"])
                    t0 = time.perf_counter()
                    body, title = build(text, ds, r, row)
                    elapsed = time.perf_counter() - t0
                    rec = {"id": row["id"], "body": body, "title": title, "elapsed_s": elapsed}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def score(paths: list[Path], json_out: Path) -> Any:
    env = dict(os.environ, NEWSCLEAN_EVAL_DATA=str(EVAL / "data"))
    subprocess.run(
        [sys.executable, str(EVAL / "score.py"), *map(str, paths), "--json", str(json_out)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(json_out.read_text(encoding="utf-8"))


def _cells(result: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Index the scorer's JSON by (system, dataset, input)."""
    rows = result if isinstance(result, list) else result.get("rows", result.get("results", []))
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        out[(r["system"], r["dataset"], r["input"])] = r
    return out


# ---------------------------------------------------------------- baselines (benchmark only)


def build_c4lines() -> Builder:
    from datatrove.data import Document
    from datatrove.pipeline.filters import C4QualityFilter

    # Line rules only: the document-level drops (too few sentences, "{", lorem ipsum) are off so
    # that every page gets a body to score.
    filt = C4QualityFilter(
        min_num_sentences=-1, filter_curly_bracket=False, filter_lorem_ipsum=False
    )

    def build(text: str, ds: str, r: str, row: Row) -> tuple[str, str]:
        doc = Document(text=text, id=row["id"])
        res = filt.filter(doc)
        ok = res is True or (isinstance(res, tuple) and res[0])
        return (doc.text if ok else ""), ""

    return build


def build_justext() -> Builder:
    import justext

    stoplists = {"en": "English", "fr": "French", "es": "Spanish", "de": "German"}

    def build(text: str, ds: str, r: str, row: Row) -> tuple[str, str]:
        lang = (row.get("lang") or "en").split("-")[0].lower()
        stop = justext.get_stoplist(stoplists.get(lang, "English"))
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines)
        page += "</body></html>"
        if not lines:
            return "", ""
        paras = justext.justext(page.encode("utf-8"), stop, encoding="utf-8")
        return "\n\n".join(p.text for p in paras if not p.is_boilerplate), ""

    return build


# ---------------------------------------------------------------- templates


def site_of(row: Row) -> str | None:
    url = row.get("url")
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _scorer() -> Any:
    """The shared scorer as a module, to score a subset of pages with its own functions."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("nc_eval_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def template_experiment(out_dir: Path, min_pages: int) -> list[Path]:
    """Score pages of sites with >= ``min_pages`` pages, without and with the site's template.

    The dev sets hold at most two pages per site, so with ``min_pages=2`` the template is learnt
    with ``min_documents=2, min_share=1.0`` (a block on both pages of the site); with three or
    more pages the package defaults apply.
    """
    paths = []
    for ds in DATASETS:
        rows = load_rows(ds)
        sites: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            site = site_of(row)
            if site:
                sites[site].append(row)
        multi = {s: rs for s, rs in sites.items() if len(rs) >= min_pages}
        if not multi:
            continue
        sc = _scorer()
        tfs: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for r in RENDERERS:
            for system, use in (("sites_notemplate", False), ("sites_template", True)):
                path = out_dir / f"{system}__{ds}__{r}.jsonl"
                with open(path, "w", encoding="utf-8") as out:
                    for site_rows in multi.values():
                        texts = [read_dump(ds, r, row["id"]) for row in site_rows]
                        tpl = None
                        if use and len(texts) >= 3:
                            tpl = learn_template(texts)
                        elif use:
                            tpl = learn_template(texts, min_documents=2, min_share=1.0)
                        for row, text in zip(site_rows, texts, strict=True):
                            body, title = clean_dump(text, tpl)
                            rec = {"id": row["id"], "body": body, "title": title}
                            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                            tfs[(system, r)].append(sc.shingle_tp_fp_fn(row["body"], body))
                paths.append(path)
        print(
            f"{ds}: {len(multi)} sites with >= {min_pages} pages, "
            f"{sum(len(v) for v in multi.values())} pages"
        )
        print("| renderer | F1 without template | F1 with template |")
        print("|---|---|---|")
        for r in RENDERERS:
            f_without = sc.bench_prf(tfs[("sites_notemplate", r)])[2]
            f_with = sc.bench_prf(tfs[("sites_template", r)])[2]
            print(f"| {r} | {f_without:.3f} | {f_with:.3f} |")
    return paths


# ---------------------------------------------------------------- report


def table(cells: dict[tuple[str, str, str], dict[str, Any]], systems: list[str]) -> str:
    head = "| dataset | renderer | " + " | ".join(systems) + " |"
    lines = [head, "|" + "---|" * (2 + len(systems))]
    means: dict[str, list[float]] = defaultdict(list)
    for ds in DATASETS:
        for r in RENDERERS:
            vals = []
            for s in systems:
                c = cells.get((s, ds, r))
                f1 = c.get("f1") if c else None
                if isinstance(f1, (int, float)):
                    means[s].append(float(f1))
                    vals.append(f"{f1:.3f}")
                else:
                    vals.append("–")
            lines.append(f"| {ds} | {r} | " + " | ".join(vals) + " |")
    mean = [f"{sum(v) / len(v):.3f}" if v else "–" for v in (means[s] for s in systems)]
    low = [f"{min(v):.3f}" if v else "–" for v in (means[s] for s in systems)]
    lines.append("| **mean** | | " + " | ".join(mean) + " |")
    lines.append("| **min cell** | | " + " | ".join(low) + " |")
    return "\n".join(lines)


def main_table(out: Path, baselines: bool) -> None:
    paths = run("newsclean", out, lambda t, ds, r, row: clean_dump(t))
    paths += run("asis", out, lambda t, ds, r, row: (t, ""))
    systems = ["newsclean", "asis"]
    if baselines:
        paths += run("c4lines", out, build_c4lines())
        paths += run("justext", out, build_justext())
        systems += ["c4lines", "justext"]
    cells = _cells(score(paths, out / "score_dumps.json"))
    print(table(cells, systems))
    for ds in DATASETS:
        for r in RENDERERS:
            c = cells.get(("newsclean", ds, r), {})
            keys = ("title_norm", "title_tokf1", "docs_per_s", "glue_per_doc")
            print(ds, r, {k: c.get(k) for k in keys})


def speed() -> None:
    """CPU time of segment + classify per document and per 20 KB, per renderer."""
    for r in ("html_text", "lynx", "bs4_nosep"):
        texts = [read_dump(ds, r, row["id"]) for ds in DATASETS for row in load_rows(ds)]
        for t in texts[:20]:
            clean_dump(t)
        t0 = time.process_time()
        for t in texts:
            clean_dump(t)
        cpu = time.process_time() - t0
        kb = sum(len(t) for t in texts) / 1024
        print(
            f"{r}: {len(texts)} docs, mean {kb / len(texts):.1f} KB, "
            f"{cpu / len(texts) * 1000:.1f} ms/doc CPU, {cpu / kb * 20 * 1000:.1f} ms per 20 KB"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(REPO / "runs"))
    ap.add_argument("--baselines", action="store_true")
    ap.add_argument("--templates", action="store_true")
    ap.add_argument("--templates-only", action="store_true")
    ap.add_argument("--speed", action="store_true", help="only measure CPU time per document")
    args = ap.parse_args()
    if not EVAL.exists():
        sys.exit(f"benchmark data not found at {EVAL}")
    if args.speed:
        speed()
        return
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    if not args.templates_only:
        main_table(out, args.baselines)
    if args.templates or args.templates_only:
        for min_pages in (3, 2):
            tpaths = template_experiment(out, min_pages)
            if not tpaths:
                print(f"no site with >= {min_pages} pages in the dev sets")
                continue

    print(
        f"python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


if __name__ == "__main__":
    main()
