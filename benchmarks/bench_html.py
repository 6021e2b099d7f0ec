"""Side-by-side HTML extraction benchmark: newsclean.html vs trafilatura / readability-lxml.

Runs every system on the same pages in the same process, writes one prediction file per system
and dataset under ``runs/`` (``<system>__<dataset>__html.jsonl``) and scores them with the
shared scorer. Usage::

    PYTHONPATH=src /work/venv/bin/python benchmarks/bench_html.py [--systems newsclean,...]
        [--datasets scrapinghub,readability] [--limit N] [--runs runs/bench_html]
        [--out benchmarks/results/html.md]

The anchors (trafilatura, readability-lxml) are benchmark-only: ``pip install newsclean[bench]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
DATA = EVAL / "data"
RUNS = REPO / "runs" / "bench_html"

Extractor = Callable[[str, "str | None"], tuple[str, "str | None"]]


def newsclean_extract(html: str, url: str | None) -> tuple[str, str | None]:
    from newsclean.html import extract_html

    page = extract_html(html, url=url)
    return page.body, page.title


def trafilatura_extract(html: str, url: str | None) -> tuple[str, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return "", None
    return doc.text or "", doc.title


def readability_extract(html: str, url: str | None) -> tuple[str, str | None]:
    import lxml.html
    from readability import Document

    doc = Document(html, url=url)
    summary = doc.summary(html_partial=True)
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return body, doc.short_title()


SYSTEMS: dict[str, Extractor] = {
    "newsclean": newsclean_extract,
    "trafilatura": trafilatura_extract,
    "readability-lxml": readability_extract,
}


def load(dataset: str, limit: int | None) -> list[tuple[str, str | None, str]]:
    docs = []
    with open(DATA / dataset / "ground_truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            gt = json.loads(line)
            if gt.get("kind") != "body":
                continue
            html = (DATA / dataset / "html" / f"{gt['id']}.html").read_text(encoding="utf-8")
            docs.append((gt["id"], gt.get("url"), html))
    return docs[:limit] if limit else docs


def run(
    systems: list[str], dataset: str, docs: list[tuple[str, str | None, str]], runs: Path
) -> list[Path]:
    """Run every system on each page in turn, so that machine load (this box is shared) falls
    on all systems alike; per-page times are summed per system."""
    for system in systems:  # warm-up: imports and caches are not per-page cost
        SYSTEMS[system](docs[0][2], docs[0][1])
    outs = {s: runs / f"{s}__{dataset}__html.jsonl" for s in systems}
    handles = {s: open(outs[s], "w", encoding="utf-8") for s in systems}  # noqa: SIM115
    totals = dict.fromkeys(systems, 0.0)
    try:
        for doc_id, url, html in docs:
            for system in systems:
                start = time.perf_counter()
                try:
                    body, title = SYSTEMS[system](html, url)
                except Exception as exc:  # an anchor crashing on a page scores as empty output
                    body, title = "", None
                    print(f"{system} failed on {doc_id}: {exc!r}", file=sys.stderr)
                elapsed = time.perf_counter() - start
                totals[system] += elapsed
                record = {"id": doc_id, "body": body, "title": title, "elapsed_s": elapsed}
                handles[system].write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    for system in systems:
        rate = len(docs) / totals[system]
        print(f"{system:18} {dataset:12} {rate:8.1f} docs/s", file=sys.stderr)
    return [outs[s] for s in systems]


def version(module: str) -> str:
    try:
        from importlib.metadata import version as v

        return v(module)
    except Exception:
        return "n/a"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--systems", default="newsclean,trafilatura,readability-lxml")
    parser.add_argument("--datasets", default="scrapinghub,readability")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--runs", type=Path, default=RUNS, help="prediction files go here (one dir per user)"
    )
    parser.add_argument("--out", default=None, help="write the markdown section here")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"benchmark data not found at {DATA}")
    args.runs.mkdir(parents=True, exist_ok=True)
    files = []
    for dataset in args.datasets.split(","):
        docs = load(dataset, args.limit)
        files.extend(run(args.systems.split(","), dataset, docs, args.runs))
    env = dict(os.environ, NEWSCLEAN_EVAL_DATA=str(DATA))
    scored = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    print(scored)
    if args.out:
        command = "PYTHONPATH=src /work/venv/bin/python benchmarks/bench_html.py " + " ".join(
            sys.argv[1:]
        )
        versions = ", ".join(
            f"{m} {version(m)}" for m in ("newsclean", "lxml", "trafilatura", "readability-lxml")
        )
        section = (
            "## HTML extraction (newsclean.html)\n\n"
            f"- command: `{command.strip()}`\n"
            f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n"
            f"- Python {platform.python_version()}, {versions}\n"
            "- all systems run in the same process on the same pages, interleaved page by page "
            "(each page goes through every system before the next page), so load on the shared "
            "machine falls on all alike; docs/s = pages / summed per-page extraction time "
            "(after one warm-up page)\n\n"
            "```\n" + scored.strip() + "\n```\n"
        )
        Path(args.out).write_text(section, encoding="utf-8")


if __name__ == "__main__":
    main()
