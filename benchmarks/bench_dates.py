"""Benchmark newsclean's publication-date finder.

Runs (1) day accuracy on the shared evaluation pages (htmldate set from the HTML and from the
text dumps; readability pages that carry a date), scored by ``shared/eval/score.py``; (2) the
cost of parsing one dateline, beside dateparser when it is installed; (3) bad-input timings.

    PYTHONPATH=src /work/venv/bin/python benchmarks/bench_dates.py [--quick] [--write]

No crawl date is stored with the pages, so the reference time is fixed at 2026-01-01.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from lxml import html as lxml_html

from newsclean.filters._dates import find_publication_date, parse_date
from newsclean.filters._dates_html import find_html_publication_date

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
RUNS = ROOT / "benchmarks" / "runs" / "dates"
REFERENCE = datetime(2026, 1, 1)
RENDERERS = ("html_text", "lynx", "bs4_nosep", "bs4_newline", "w3m", "inscriptis")


def load_truth(dataset: str) -> list[dict[str, object]]:
    path = SHARED / "data" / dataset / "ground_truth.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def split_blocks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def predict_html(rows: Iterable[dict[str, object]], dataset: str) -> list[dict[str, object]]:
    out = []
    parser = lxml_html.HTMLParser(
        encoding="utf-8", no_network=True, recover=True, remove_comments=True
    )
    for row in rows:
        page = SHARED / "data" / dataset / "html" / f"{row['id']}.html"
        # Pages are stored decoded as UTF-8: the parser is told so, and a stale <meta charset>
        # in the page cannot make libxml2 re-decode (and truncate) it.
        data = page.read_bytes()
        t0 = time.perf_counter()
        try:
            tree = lxml_html.document_fromstring(data, parser=parser)
        except Exception:
            tree = None
        found = (
            find_html_publication_date(
                tree, url=str(row.get("url") or ""), reference_time=REFERENCE
            )
            if tree is not None
            else None
        )
        elapsed = time.perf_counter() - t0
        date = found.published.value.date().isoformat() if found and found.published else ""
        out.append(
            {
                "id": row["id"],
                "body": "",
                "date": date,
                "elapsed_s": elapsed,
                "source": found.published.source if found and found.published else None,
            }
        )
    return out


def predict_dump(
    rows: Iterable[dict[str, object]], dataset: str, renderer: str
) -> list[dict[str, object]]:
    out = []
    for row in rows:
        path = SHARED / "dumps" / dataset / renderer / f"{row['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        language = detect_language(text)
        t0 = time.perf_counter()
        found = find_publication_date(
            split_blocks(text), language=language, reference_time=REFERENCE
        )
        elapsed = time.perf_counter() - t0
        date = found.published.value.date().isoformat() if found and found.published else ""
        out.append({"id": row["id"], "body": "", "date": date, "elapsed_s": elapsed})
    return out


PIPELINE_RENDERERS = ("html_text", "lynx", "bs4_nosep")


def predict_pipeline(
    rows: Iterable[dict[str, object]], dataset: str, renderer: str
) -> tuple[list[dict[str, object]], list[dict[str, object]], list[dict[str, object]], list[float]]:
    """Dumps as the pipeline sees them: ``newsclean.clean(raw, url=..., input_format="text")``.

    Returns (end-to-end predictions from ``article.published``, predictions of
    ``find_publication_date`` alone on the pipeline's own arguments — its segmented blocks,
    the classifier's title index, the language —, the same call given the page's URL as well
    (``url=``, which the pipeline step does not pass yet), and the first call's CPU time per
    document). The call is recorded by wrapping the function the pipeline imports, then
    replayed alone.
    """
    import newsclean
    import newsclean.filters._dates as dates_module

    recorded: list[tuple[list[str], dict[str, object]]] = []
    original = dates_module.find_publication_date

    def recording(blocks, **kwargs):  # type: ignore[no-untyped-def]
        recorded.append((list(blocks), dict(kwargs)))
        return original(blocks, **kwargs)

    e2e, alone, with_url, times = [], [], [], []
    dates_module.find_publication_date = recording  # type: ignore[assignment]
    try:
        for row in rows:
            path = SHARED / "dumps" / dataset / renderer / f"{row['id']}.txt"
            if not path.exists():
                continue
            raw = path.read_text(encoding="utf-8", errors="replace")
            recorded.clear()
            url = str(row.get("url") or "") or None
            try:
                article = newsclean.clean(
                    raw, url=url, input_format="text", reference_time=REFERENCE
                )
                published = article.published
            except Exception:  # a benchmark row, not a crash: the page counts as missed
                published = None
            date = published.date().isoformat() if published else ""
            e2e.append({"id": row["id"], "body": "", "date": date})
            if not recorded:
                alone.append({"id": row["id"], "body": "", "date": ""})
                with_url.append({"id": row["id"], "body": "", "date": ""})
                continue
            blocks, kwargs = recorded[-1]
            t0 = time.process_time()
            found = original(blocks, **kwargs)  # type: ignore[arg-type]
            times.append(time.process_time() - t0)
            date = found.published.value.date().isoformat() if found and found.published else ""
            alone.append({"id": row["id"], "body": "", "date": date})
            found = original(blocks, **{**kwargs, "url": url})  # type: ignore[arg-type]
            date = found.published.value.date().isoformat() if found and found.published else ""
            with_url.append({"id": row["id"], "body": "", "date": date})
    finally:
        dates_module.find_publication_date = original
    return e2e, alone, with_url, times


def detect_language(text: str) -> str | None:
    """Guess the dump's language as the pipeline does before it looks for dates."""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    blocks = sorted(split_blocks(text), key=len, reverse=True)[:20]
    try:
        return str(detect(" ".join(blocks)[:5000]))
    except LangDetectException:
        return None


def write_run(name: str, rows: list[dict[str, object]]) -> Path:
    RUNS.mkdir(parents=True, exist_ok=True)
    path = RUNS / name
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def accuracy(pred: list[dict[str, object]], truth: list[dict[str, object]]) -> tuple[float, int]:
    by_id = {p["id"]: p.get("date") or "" for p in pred}
    dated = [t for t in truth if t.get("date")]
    hits = sum(1 for t in dated if str(by_id.get(t["id"], ""))[:10] == t["date"])
    return hits / max(1, len(dated)), len(dated)


def load_datelines() -> list[tuple[str, datetime | None]]:
    """The unit-test dateline table (written from common site formats) with expectations."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_dateline_table", ROOT / "tests" / "test_dates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.DATELINES)


def time_per_call(func, items, repeat: int) -> float:  # type: ignore[no-untyped-def]
    # CPU time of this process: the machine is shared, and wall time would count waiting.
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        for _ in range(repeat):
            for item in items:
                func(item)
        best = min(best, (time.process_time() - t0) / (repeat * len(items)))
    return best


def best_each(func, items, repeat: int) -> float:  # type: ignore[no-untyped-def]
    # On a shared machine the minimum over many calls is the stable figure: interference
    # only ever adds time.
    best = [float("inf")] * len(items)
    for _ in range(repeat):
        for k, item in enumerate(items):
            t0 = time.perf_counter()
            func(item)
            best[k] = min(best[k], time.perf_counter() - t0)
    return sum(best) / len(best)


def bench_parsing() -> list[str]:
    table = load_datelines()
    strings = [s for s, _ in table if s]
    ref = datetime(2026, 1, 1, 12, 0)
    parse_date("warm up 30.05.23", reference_time=ref)
    ours = time_per_call(lambda s: parse_date(s, reference_time=ref), strings, 20)
    ours_ok = sum(
        1
        for s, expected in table
        if (lambda f: (f is None) if expected is None else (f is not None and f.value == expected))(
            parse_date(s, reference_time=ref)
        )
    )
    per_string = best_each(lambda s: parse_date(s, reference_time=ref), strings, 30)
    lines = [
        f"- newsclean `parse_date`: **{per_string * 1e6:.1f} µs** per dateline on average over "
        f"{len(strings)} datelines (each string's best of 30 calls, then the mean; "
        f"{ours * 1e6:.1f} µs as the best of 3 runs x 20 passes of CPU time, which counts the "
        f"other jobs' interference); {ours_ok}/{len(table)} give the expected value (the "
        "unit-test table)."
    ]
    try:
        import dateparser  # benchmark-only comparison, never a dependency
    except ImportError:
        lines.append("- dateparser: not installed, no comparison.")
        return lines
    settings = {"RELATIVE_BASE": ref, "PREFER_DATES_FROM": "past"}
    dateparser.parse("30.05.23", settings=settings)
    theirs = time_per_call(lambda s: dateparser.parse(s, settings=settings), strings, 1)
    day_ok = 0
    for s, expected in table:
        got = dateparser.parse(s, settings=settings) if s else None
        if expected is None:
            day_ok += got is None
        elif got is not None and got.date() == expected.date():
            day_ok += 1
    ours_day = sum(
        1
        for s, expected in table
        if (
            lambda f: (
                (f is None)
                if expected is None
                else (f is not None and f.value.date() == expected.date())
            )
        )(parse_date(s, reference_time=ref))
    )
    lines.append(
        f"- dateparser {dateparser.__version__} `parse` on the same strings: "
        f"**{theirs * 1e6:.0f} µs** per string; right day (or None when expected) for "
        f"{day_ok}/{len(table)} (newsclean: {ours_day}/{len(table)})."
    )
    return lines


def bench_bad_input() -> list[str]:
    ref = datetime(2026, 1, 1)
    cases = {
        "5,000-digit number": "9" * 5000,
        "100,000 question marks": "?" * 100_000,
        '"99.99.99"': "99.99.99",
        "50,000 digits and dots": "1.2." * 12_500,
    }
    out = []
    for name, text in cases.items():
        t0 = time.perf_counter()
        result = parse_date(text, reference_time=ref)
        out.append(f"- {name}: {result!r} in {(time.perf_counter() - t0) * 1e3:.2f} ms")
    return out


def bench_dump_speed(rows: list[dict[str, object]]) -> str:
    sizes = []
    total = 0.0
    for row in rows[:200]:
        path = SHARED / "dumps" / "htmldate" / "html_text" / f"{row['id']}.txt"
        text = path.read_text(encoding="utf-8", errors="replace")
        blocks = split_blocks(text)
        t0 = time.perf_counter()
        find_publication_date(blocks, reference_time=REFERENCE)
        total += time.perf_counter() - t0
        sizes.append(len(text))
    kb = sum(sizes) / len(sizes) / 1000
    return (
        f"- `find_publication_date` on html_text dumps: {total / len(sizes) * 1e3:.1f} ms per "
        f"document (mean size {kb:.0f} KB, {len(sizes)} documents)."
    )


def score(paths: list[Path]) -> str:
    env = dict(os.environ, NEWSCLEAN_EVAL_DATA=str(SHARED / "data"))
    result = subprocess.run(
        [sys.executable, str(SHARED / "score.py"), *map(str, paths)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.stdout + result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="HTML and html_text only")
    parser.add_argument("--write", action="store_true", help="write benchmarks/results/dates.md")
    args = parser.parse_args()
    if not SHARED.exists():
        print("shared/eval not found beside the repository; nothing to measure")
        return
    renderers = ("html_text",) if args.quick else ("html_text", "lynx", "bs4_nosep", "w3m",
                                                   "inscriptis", "bs4_newline")  # fmt: skip
    table = ["| dataset | input | pages with a date | day accuracy |", "|---|---|---|---|"]
    paths = []
    pipeline_speed: list[str] = []
    for dataset in ("htmldate", "readability"):
        truth = load_truth(dataset)
        dated = [t for t in truth if t.get("date")]
        runs = {"html": predict_html(dated, dataset)}
        for renderer in renderers:
            runs[renderer] = predict_dump(dated, dataset, renderer)
        for name, pred in runs.items():
            acc, n = accuracy(pred, dated)
            label = name if name == "html" else f"{name} (lines)"
            table.append(f"| {dataset} | {label} | {n} | **{acc:.3f}** |")
            paths.append(write_run(f"newsclean-dates__{dataset}__{name}.jsonl", pred))
            print(table[-1], flush=True)
        for renderer in PIPELINE_RENDERERS if not args.quick else ("html_text",):
            e2e, alone, with_url, times = predict_pipeline(dated, dataset, renderer)
            acc_alone, n = accuracy(alone, dated)
            acc_e2e, _ = accuracy(e2e, dated)
            acc_url, _ = accuracy(with_url, dated)
            table.append(
                f"| {dataset} | {renderer} (pipeline blocks) | {n} | **{acc_alone:.3f}** "
                f"(end to end: {acc_e2e:.3f}; with `url=`: {acc_url:.3f}) |"
            )
            print(table[-1], flush=True)
            if dataset == "htmldate":
                ordered = sorted(times)
                pipeline_speed.append(
                    f"- `find_publication_date` inside the pipeline ({renderer} dumps, the "
                    f"pipeline's blocks and title index): mean {sum(times) / len(times) * 1e3:.2f}"
                    f" ms, median {ordered[len(ordered) // 2] * 1e3:.2f} ms, 90th percentile "
                    f"{ordered[int(len(ordered) * 0.9)] * 1e3:.2f} ms per document "
                    f"({len(times)} documents)."
                )
    scored = score(paths)
    speed = [*bench_parsing(), *pipeline_speed, bench_dump_speed(load_truth("htmldate")),
             *bench_bad_input()]  # fmt: skip
    print("\n".join(speed))
    if args.write:
        write_results(table, speed, scored)


def write_results(table: list[str], speed: list[str], scored: str) -> None:
    import babel
    import lxml.etree
    import regex

    date_lines = [line for line in scored.splitlines() if "date" in line.lower()][:40]
    text = f"""## Publication dates (`newsclean.filters._dates`)

Measured {datetime.now().strftime("%Y-%m-%d %H:%M")} UTC on {platform.machine()}
({os.cpu_count()} cores, shared with other jobs; load average at the end of the run
{" / ".join(f"{x:.2f}" for x in os.getloadavg())}), Python {platform.python_version()},
babel {babel.__version__}, regex {regex.__version__}, lxml {lxml.etree.__version__}.

Command: `PYTHONPATH=src /work/venv/bin/python benchmarks/bench_dates.py --write`

Reference time for relative dates and the future check: fixed at 2026-01-01 (the pages carry no
crawl date). HTML input: `find_html_publication_date(tree, url=<ground-truth url>)`. Dumps, two
ways: "(lines)" = the dump's non-empty lines, `find_publication_date(lines, title_index=None)`
with langdetect's language; "(pipeline blocks)" = what the pipeline passes:
`newsclean.clean(raw, url=<ground-truth url>, input_format="text", reference_time=...)` is
run and its call to `find_publication_date` (segmented blocks, the classifier's title index,
the language) is recorded and replayed alone; "end to end" is `article.published` of that same
run; "with `url=`" replays the same call with the page's URL added (the pipeline step does not
pass it yet). The day of `published` is compared with the annotated day (first YYYY-MM-DD),
pages with a date only.

### Day accuracy

{chr(10).join(table)}

Reference (shared/README): trafilatura 2.3 with htmldate's extensive search 0.905 on the HTML.

### Scorer output (`shared/eval/score.py`, date rows)

```
{chr(10).join(date_lines)}
```

### Speed and bad input

{chr(10).join(speed)}

`parse_date` per dateline: each string's best of 30 calls (wall clock), averaged; the CPU
time of whole passes is given beside it. The in-pipeline figure is the CPU time of the recorded
`find_publication_date` call replayed alone. The machine has 2 cores shared with other jobs
(load average above), so every figure is an upper bound. The dumps figure with lines is
`find_publication_date` on all non-empty lines with no title index (its worst case: no title to
start the search from). "N/N" for newsclean on its own unit-test table holds by construction
(the tests assert it); the dateparser column on the same strings is the informative comparison.

### Notes

- Dumps: `language` is what the pipeline passes (None for text dumps unless the caller gives a
  hint); without it the day/month order comes from the page's own unambiguous dates.
- Task bars (htmldate, day accuracy): HTML >= 0.93; lynx, bs4_nosep, html_text >= 0.85 on the
  pipeline's blocks. The pipeline's blocks and title index come from other components that
  change during a session, so the replayed call and `benchmarks/run.py` can differ by a page
  or two.
- What moved the figures this session (each a general signal, checked for losses per page):
  a full date in the URL path is the publication day and a /YYYY/MM/ archive segment demotes
  other months (text finder, `url=`); the article's `<h1>` is the one matching the page title;
  `<time>` elements rank by closeness to that heading, embedded posts (`<blockquote>`) and
  aside blocks are skipped, and a `<time>`'s shown date beats its `datetime` when they name
  different days; a dateline shown by the headline one day off a structured timestamp wins
  (UTC instant vs local day); the first paragraph of running text places datelines beside
  the title index; year-less datelines take the copyright year; dates split over tiny blocks
  are read; labels may touch the previous clock's digits.
- Remaining error categories on the htmldate pages (studied, not fixed per page): the annotated
  day is the last-modified or an "Updated" date (about 10 pages with both dates shown); relative
  datelines ("vor 2 Stunden", "сегодня в 05:46"), which need the crawl time these pages lack;
  the site header's "today" date (a weekday date above the headline) outranking the dateline
  when the title index misses the headline; event and range dates ("Termin: ...",
  "14. - 20. Januar"); dates absent from the dump; no date anywhere in the page (9 pages).
"""
    out = ROOT / "benchmarks" / "results" / "dates.md"
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
