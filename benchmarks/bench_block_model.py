#!/usr/bin/env python3
"""What the dump block model costs: the classifier with the model on and off, interleaved.

    python benchmarks/bench_block_model.py [--data ../shared/eval] [--limit 120] [--rounds 3]

Dumps are segmented once; then ``classify_segments`` runs over all of them with the model off,
then on, ``--rounds`` times in turn; the fastest round of each counts (the machine is shared).
Also reported: the share of that time spent building feature vectors and walking the trees.
"""

from __future__ import annotations

import argparse
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

from newsclean.dumps import DumpOptions, classify_segments, segment_dump
from newsclean.dumps._block_model import default_block_model
from newsclean.dumps._classify import analyse_segments

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("html_text", "lynx", "bs4_nosep")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    model = default_block_model()
    if model is None:
        raise SystemExit("no block model shipped")
    off, on = DumpOptions(block_model=False), DumpOptions()
    print(
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, Python "
        f"{platform.python_version()}, {len(model.trees)} trees; fastest of {args.rounds} "
        "interleaved rounds; mean ms per dump.\n"
    )
    print("| input | dumps | blocks/dump | rules | rules + model | vectors | trees |")
    print("|---|---|---|---|---|---|---|")
    for input_name in INPUTS:
        paths = []
        for dataset in ("scrapinghub", "readability"):
            paths += sorted((args.data / "dumps" / dataset / input_name).glob("*.txt"))
        step = max(1, len(paths) // args.limit)
        texts = [p.read_text(encoding="utf-8") for p in paths[::step][: args.limit]]
        docs = [(t, segment_dump(t)) for t in texts]
        best = {"off": float("inf"), "on": float("inf"), "vec": float("inf"), "tree": float("inf")}
        for _ in range(args.rounds):
            for name, opts in (("off", off), ("on", on)):
                t0 = time.perf_counter()
                for text, segs in docs:
                    classify_segments(text, segs, options=opts)
                best[name] = min(best[name], time.perf_counter() - t0)
            vec = tree = 0.0
            for text, segs in docs:
                an = analyse_segments(text, segs, options=off)
                t0 = time.perf_counter()
                vectors = an.vectors(segs)
                t1 = time.perf_counter()
                for v in vectors:
                    model.log_odds(v)
                vec += t1 - t0
                tree += time.perf_counter() - t1
            best["vec"], best["tree"] = min(best["vec"], vec), min(best["tree"], tree)
        n = len(docs)
        blocks = sum(len(s) for _, s in docs) / n
        print(
            f"| {input_name} | {n} | {blocks:.0f} | {1000 * best['off'] / n:.1f} | "
            f"{1000 * best['on'] / n:.1f} | {1000 * best['vec'] / n:.1f} | "
            f"{1000 * best['tree'] / n:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
