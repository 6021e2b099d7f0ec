#!/usr/bin/env python3
"""Dump titles against what the dumps can give: the share of readability pages whose expected
title appears in the dump at all (the ceiling), and newsclean's match on all pages and on those.

Reads newsclean's predictions from a run folder of ``benchmarks/run.py``:

    python benchmarks/bench_titles.py --runs runs/main
    python benchmarks/bench_titles.py --runs runs/main --misses   # and list the pages missed
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
RENDERERS = ("bs4_nosep", "bs4_newline", "lynx", "w3m", "html_text", "inscriptis")


def load_scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--runs", type=Path, default=ROOT / "runs" / "main")
    ap.add_argument(
        "--misses",
        action="store_true",
        help="after the table, list each page whose title is in the dump but was missed",
    )
    args = ap.parse_args(argv)
    if not (args.data / "score.py").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    score = load_scorer(args.data)
    gt_path = args.data / "data" / "readability" / "ground_truth.jsonl"
    truth = {
        rec["id"]: rec["title"]
        for rec in map(json.loads, gt_path.read_text(encoding="utf-8").splitlines())
        if rec.get("title")
    }
    print(
        "| input | pages with a title | title in the dump (ceiling) | match, all "
        "| match, where in the dump |"
    )
    print("|---|---|---|---|---|")
    misses: list[str] = []
    for renderer in RENDERERS:
        pred_path = args.runs / f"newsclean__readability__{renderer}.jsonl"
        if not pred_path.exists():
            continue
        preds = {
            rec["id"]: rec.get("title") or ""
            for rec in map(json.loads, pred_path.read_text(encoding="utf-8").splitlines())
        }
        present = right = right_present = 0
        missed: list[str] = []
        for doc_id, title in truth.items():
            dump = args.data / "dumps" / "readability" / renderer / f"{doc_id}.txt"
            want = score.norm_title(title)
            # Normalising the whole dump joins its lines with single spaces, so a title wrapped
            # over two lines still counts as present.
            shown = want in score.norm_title(dump.read_text(encoding="utf-8", errors="replace"))
            ok = score.norm_title(preds.get(doc_id, "")) == want
            present += shown
            right += ok
            right_present += ok and shown
            if shown and not ok:
                missed.append(f"{renderer}\t{doc_id}\twant={title!r}\tgot={preds.get(doc_id)!r}")
        n = len(truth)
        print(
            f"| {renderer} | {n} | {present / n:.3f} | {right / n:.3f} | "
            f"{right_present / present if present else 0:.3f} |"
        )
        misses.extend(missed)
    if args.misses:
        print()
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
