#!/usr/bin/env python3
"""Fit the dump block model on the dev benchmark, and measure it on pages it has not seen.

    python tools/train_block_model.py --cv 5            # cross-validated predictions + scores
    python tools/train_block_model.py --write           # fit on all pages, write package data

Every block of every dump (two datasets x six renderers) is labelled article text when at
least half of its word 4-grams occur in the page's ground-truth body. Features come from
newsclean's own rule classifier (``block_vectors``), so the model learns how much to trust
each rule in context, not the pages' strings. ``--cv`` splits pages by site (registered
domain), fits one model per fold, and runs the whole pipeline with that model on the fold's
held-out pages: every predicted page was scored by a model that saw neither it nor any page of
its site. The predictions are JSONL files ``score.py`` reads.

Needs scikit-learn and numpy (``pip install -e ".[train]"``); the shipped model is plain JSON and
needs neither.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
MODEL_PATH = ROOT / "src" / "newsclean" / "data" / "block_model.json.gz"
RENDERERS = ("bs4_nosep", "bs4_newline", "lynx", "w3m", "html_text", "inscriptis")
DATASETS = ("scrapinghub", "readability")
REFERENCE_TIME = datetime(2026, 1, 1, tzinfo=timezone.utc)
# Fixed before fitting: how the probabilities are read into an article (decode_article). Chosen
# once on cross-validated probabilities of the first version of the features (flat optimum).
DECODER = {"center": 0.45, "power": 0.7, "inside": 0.3, "outside": 0.9}
TREE_PARAMS: dict[str, Any] = {
    "max_iter": 150,
    "learning_rate": 0.1,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}
SHINGLE = 4
LABEL_MIN_COVER = 0.5


# ------------------------------------------------------------------------------ data
def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"\w+", text)


def _label(text: str, grams: set[tuple[str, ...]], joined: str) -> tuple[bool, int]:
    toks = _tokens(text)
    if not toks:
        return False, 0
    if len(toks) < SHINGLE:
        return (" " + " ".join(toks) + " ") in joined, len(toks)
    own = [tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)]
    return sum(g in grams for g in own) >= LABEL_MIN_COVER * len(own), len(toks)


def _page_rows(job: tuple[str, str, str, str, Path]) -> dict[str, Any] | None:
    from newsclean import CleanConfig
    from newsclean._pipeline import load_document
    from newsclean.dumps import DumpOptions
    from newsclean.dumps._classify import analyse_segments

    dataset, renderer, doc_id, body, path = job
    try:
        doc = load_document(path.read_bytes(), config=CleanConfig(input_format="text"))
    except Exception:  # an empty dump: nothing to learn from
        return None
    rules = analyse_segments(doc.source, doc.segments, options=DumpOptions(block_model=False))
    vectors = rules.vectors(doc.segments)
    toks = _tokens(body)
    grams = {tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)}
    joined = " " + " ".join(toks) + " "
    labels = [_label(seg.cleaned, grams, joined) for seg in doc.segments]
    return {
        "dataset": dataset,
        "renderer": renderer,
        "id": doc_id,
        "X": vectors,
        "y": [y for y, _ in labels],
        "tokens": [n for _, n in labels],
        "rule_keep": [lab.keep for lab in rules.labels],
        "rule_reason": [lab.reason for lab in rules.labels],
        "text": [seg.cleaned for seg in doc.segments],
    }


def _ground_truth(eval_dir: Path, dataset: str) -> Iterator[dict[str, Any]]:
    with (eval_dir / "data" / dataset / "ground_truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row.get("kind") == "body":
                yield row


def site_of(row: dict[str, Any]) -> str:
    """The registered domain of a page (two labels), the unit pages are split by."""
    host = urlsplit(row.get("url") or "").hostname
    if not host:
        return row["id"].rsplit("-", 1)[0]
    return ".".join(host.split(".")[-2:])


def build_rows(eval_dir: Path, jobs: int) -> list[dict[str, Any]]:
    tasks = []
    for dataset in DATASETS:
        for row in _ground_truth(eval_dir, dataset):
            for renderer in RENDERERS:
                path = eval_dir / "dumps" / dataset / renderer / f"{row['id']}.txt"
                if path.is_file():
                    tasks.append((dataset, renderer, row["id"], row["body"], path))
    with ProcessPoolExecutor(jobs) as pool:
        return [r for r in pool.map(_page_rows, tasks, chunksize=8) if r is not None]


# ------------------------------------------------------------------------------ fitting
def fit(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Fit the trees on ``rows`` and return the model as :meth:`BlockModel.to_dict` data."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from newsclean.dumps._block_model import FEATURE_NAMES

    xs, ys, ws = [], [], []
    for r in rows:
        # Every page weighs the same (the benchmark averages per page); inside a page a block
        # weighs its share of the article's words, plus a floor so menus still count.
        article = sum(n for y, n in zip(r["y"], r["tokens"], strict=True) if y) or 1
        xs.extend(r["X"])
        ys.extend(r["y"])
        ws.extend(n / article + 0.002 for n in r["tokens"])
    clf = HistGradientBoostingClassifier(**TREE_PARAMS)
    clf.fit(np.asarray(xs, dtype=np.float64), np.asarray(ys), sample_weight=np.asarray(ws))
    trees = []
    for (predictor,) in clf._predictors:  # one regression tree per boosting round
        nodes = []
        for node in predictor.nodes:
            if node["is_leaf"]:
                nodes.append([-1, 0.0, 0, 0, float(node["value"])])
            else:
                nodes.append(
                    [
                        int(node["feature_idx"]),
                        float(node["num_threshold"]),
                        int(node["left"]),
                        int(node["right"]),
                        0.0,
                    ]
                )
        trees.append(nodes)
    model = {
        "feature_names": list(FEATURE_NAMES),
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "decoder": DECODER,
        "trees": trees,
    }
    # The exported trees must give sklearn's own scores.
    from newsclean.dumps._block_model import BlockModel

    check = BlockModel.from_dict(model)
    sample = np.asarray(xs[:: max(1, len(xs) // 500)], dtype=np.float64)
    ours = np.asarray([check.log_odds(list(v)) for v in sample])
    theirs = clf.decision_function(sample)
    if not np.allclose(ours, theirs, atol=1e-6):
        raise SystemExit("exported trees disagree with scikit-learn")
    return model


def write_model(model: dict[str, Any], path: Path) -> None:
    data = json.dumps(model, separators=(",", ":"), sort_keys=True).encode()
    path.write_bytes(gzip.compress(data, mtime=0))


# ------------------------------------------------------------------------------ CV
def _predict_page(job: tuple[Path, str, str, str, str | None, Path]) -> dict[str, Any]:
    import newsclean
    from newsclean.dumps import DumpOptions
    from newsclean.filters import RemoveBoilerplate

    model_path, dataset, renderer, doc_id, url, path = job
    pipeline = newsclean.default_pipeline().replace(
        "boilerplate", RemoveBoilerplate(DumpOptions(model=_load_model(model_path)))
    )
    t0 = time.perf_counter()
    try:
        article = newsclean.clean(
            path.read_bytes(),
            url=url,
            input_format="text",
            reference_time=REFERENCE_TIME,
            pipeline=pipeline,
        )
        out = {"body": article.text, "title": article.title}
    except newsclean.NewscleanError as exc:
        out = {"body": "", "error": exc.code}
    out.update(id=doc_id, dataset=dataset, input=renderer, elapsed_s=time.perf_counter() - t0)
    return out


# One model per fold, loaded once per worker process.
_MODELS: dict[Path, Any] = {}


def _load_model(path: Path) -> Any:
    from newsclean.dumps import BlockModel

    if path not in _MODELS:
        _MODELS[path] = BlockModel.from_dict(json.loads(gzip.decompress(path.read_bytes())))
    return _MODELS[path]


def cross_validate(
    rows: list[dict[str, Any]], eval_dir: Path, folds: int, out_dir: Path, jobs: int
) -> None:
    from newsclean.dumps._block_model import BlockModel

    truth = {(d, r["id"]): r for d in DATASETS for r in _ground_truth(eval_dir, d)}
    sites = sorted({site_of(truth[(r["dataset"], r["id"])]) for r in rows})
    # Sites dealt round-robin in a fixed order: folds of similar size, the same on every run.
    fold_of = {s: k % folds for k, s in enumerate(sites)}
    out_dir.mkdir(parents=True, exist_ok=True)
    preds: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for k in range(folds):
        t0 = time.time()
        train = [r for r in rows if fold_of[site_of(truth[(r["dataset"], r["id"])])] != k]
        model_path = out_dir / f"fold{k}.json.gz"
        model = fit(train)
        write_model(model, model_path)
        held = BlockModel.from_dict(model)
        for r in rows:
            if fold_of[site_of(truth[(r["dataset"], r["id"])])] == k:
                r["oof"] = [held.log_odds(v) for v in r["X"]]
        tasks = []
        for (dataset, doc_id), row in truth.items():
            if fold_of[site_of(row)] != k:
                continue
            for renderer in RENDERERS:
                path = eval_dir / "dumps" / dataset / renderer / f"{doc_id}.txt"
                if path.is_file():
                    tasks.append((model_path, dataset, renderer, doc_id, row.get("url"), path))
        with ProcessPoolExecutor(jobs) as pool:
            for p in pool.map(_predict_page, tasks, chunksize=8):
                preds.setdefault((p["dataset"], p["input"]), []).append(p)
        print(
            f"fold {k}: {len(train)} training dumps, {len(tasks)} held out, "
            f"{time.time() - t0:.0f}s",
            file=sys.stderr,
        )
    for (dataset, renderer), items in sorted(preds.items()):
        items.sort(key=lambda p: p["id"])
        path = out_dir / f"newsclean-cv__{dataset}__{renderer}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for p in items:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    (out_dir / "oof_rows.pkl").write_bytes(pickle.dumps(rows))
    print(f"wrote {len(preds)} prediction files to {out_dir}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_EVAL, help="the eval folder")
    ap.add_argument("--cache", type=Path, default=ROOT / "runs" / "block_rows.pkl")
    ap.add_argument("--rebuild", action="store_true", help="recompute the cached rows")
    ap.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold CV by site")
    ap.add_argument("--cv-out", type=Path, default=ROOT / "runs" / "cv")
    ap.add_argument("--write", action="store_true", help=f"fit on all and write {MODEL_PATH}")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if args.cache.is_file() and not args.rebuild:
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = build_rows(args.data, args.jobs)
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        args.cache.write_bytes(pickle.dumps(rows))
    print(f"{len(rows)} dumps, {sum(len(r['y']) for r in rows)} blocks", file=sys.stderr)
    if args.cv:
        cross_validate(rows, args.data, args.cv, args.cv_out, args.jobs)
    if args.write:
        write_model(fit(rows), MODEL_PATH)
        print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
