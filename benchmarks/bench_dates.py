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
    parser = lxml_html.HTMLParser(no_network=True, recover=True, remove_comments=True, huge_tree=False)
    for row in rows:
        page = SHARED / "data" / dataset / "html" / f"{row['id']}.html"
        data = page.read_bytes()
        t0 = time.perf_counter()
        try:
            tree = lxml_html.document_fromstring(data, parser=parser)
        except Exception:  # noqa: BLE001 - a page lxml cannot read counts as a miss
            tree = None
        found = (
            find_html_publication_date(tree, url=str(row.get("url") or ""), reference_time=REFERENCE)
            if tree is not None
            else None
        )
        elapsed = time.perf_counter() - t0
        date = found.published.value.date().isoformat() if found and found.published else ""
        out.append({"id": row["id"], "body": "", "date": date, "elapsed_s": elapsed,
                    "source": found.published.source if found and found.published else None})
    return out


def predict_dump(rows: Iterable[dict[str, object]], dataset: str, renderer: str) -> list[dict[str, object]]:
    out = []
    for row in rows:
        path = SHARED / "dumps" / dataset / renderer / f"{row['id']}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        t0 = time.perf_counter()
        found = find_publication_date(split_blocks(text), reference_time=REFERENCE)
        elapsed = time.perf_counter() - t0
        date = found.published.value.date().isoformat() if found and found.published else ""
        out.append({"id": row["id"], "body": "", "date": date, "elapsed_s": elapsed})
    return out


def write_run(name: str, rows: list[dict[str, object]]) -> Path:
    RUNS.mkdir(parents=True, exist_ok=True)
    path = RUNS / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def accuracy(pred: list[dict[str, object]], truth: list[dict[str, object]]) -> tuple[float, int]:
    by_id = {p["id"]: p.get("date") or "" for p in pred}
    dated = [t for t in truth if t.get("date")]
    hits = sum(1 for t in dated if str(by_id.get(t["id"], ""))[:10] == t["date"])
    return hits / max(1, len(dated)), len(dated)
