#!/usr/bin/env python3
"""Where the time goes: per-step cost of ``newsclean.clean`` on dev dumps and pages.

    python benchmarks/bench_pipeline.py [--data ../shared/eval] [--limit 120] [--write FILE]

Each document is cleaned once to warm up, then ``--rounds`` times; the fastest round counts
(the machine is shared, so the minimum is the least disturbed figure). Reported per input kind:
mean ms per document for loading (decode + segmentation or HTML extraction) and for each step.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

import newsclean
from newsclean import Document, Pipeline

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("html", "html_text", "lynx", "bs4_nosep")


@dataclass(frozen=True)
class _Timed:
    """Wrap a step and add its wall time to a shared table."""

    step: newsclean.Filter
    table: dict[str, float]
    switch: ClassVar[str] = ""

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.step.name

    def __call__(self, doc: Document) -> None:
        if self.step.switch and not getattr(doc.config, self.step.switch):
            return
        start = time.perf_counter()
        self.step(doc)
        self.table[self.step.name] += time.perf_counter() - start


def _files(data: Path, input_name: str, limit: int) -> list[Path]:
    if input_name == "html":
        files = sorted((data / "data" / "scrapinghub" / "html").glob("*.html"))
        files += sorted((data / "data" / "readability" / "html").glob("*.html"))
    else:
        files = sorted((data / "dumps" / "scrapinghub" / input_name).glob("*.txt"))
        files += sorted((data / "dumps" / "readability" / input_name).glob("*.txt"))
    step = max(1, len(files) // limit)
    return files[::step][:limit]


def measure(data: Path, input_name: str, limit: int, rounds: int) -> dict[str, float]:
    raws = [p.read_bytes() for p in _files(data, input_name, limit)]
    fmt = "html" if input_name == "html" else "text"
    best: dict[str, float] | None = None
    for _ in range(rounds + 1):
        table: dict[str, float] = defaultdict(float)
        pipeline = Pipeline([_Timed(s, table) for s in newsclean.default_pipeline()])
        for raw in raws:
            start = time.perf_counter()
            doc = newsclean.load_document(raw, config=newsclean.CleanConfig(input_format=fmt))
            table["load"] += time.perf_counter() - start
            pipeline.run(doc)
            start = time.perf_counter()
            doc.to_article()
            table["to_article"] += time.perf_counter() - start
        total = sum(table.values())
        if best is None or total < sum(best.values()):
            best = dict(table)
    assert best is not None
    return {k: v / len(raws) * 1000 for k, v in best.items()} | {"n": float(len(raws))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--write", type=Path)
    args = ap.parse_args(argv)
    steps = ["load", *newsclean.default_pipeline().names, "to_article"]
    lines = [
        "## Where the time goes (`benchmarks/bench_pipeline.py`)",
        "",
        f"Command: `python benchmarks/bench_pipeline.py --limit {args.limit}"
        + (f" --write {args.write}`" if args.write else "`"),
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores; fastest of {args.rounds} rounds after a warm-up; "
        "mean ms per document (scrapinghub + readability pages, evenly sampled).",
        "",
        "| input | docs | " + " | ".join(steps) + " | total | docs/s |",
        "|---|---|" + "---|" * (len(steps) + 2),
    ]
    for input_name in INPUTS:
        row = measure(args.data, input_name, args.limit, args.rounds)
        total = sum(row.get(s, 0.0) for s in steps)
        lines.append(
            f"| {input_name} | {int(row['n'])} | "
            + " | ".join(f"{row.get(s, 0.0):.1f}" for s in steps)
            + f" | **{total:.1f}** | {1000 / total:.0f} |"
        )
        print(lines[-1], file=sys.stderr)
    text = "\n".join(lines) + "\n"
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
