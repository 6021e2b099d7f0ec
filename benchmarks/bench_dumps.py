"""Benchmark of newsclean.dumps (segment + classify) on the dev dumps, 2 datasets x 6 renderers.

Run: PYTHONPATH=src /work/venv/bin/python benchmarks/bench_dumps.py [--baselines] [--templates]
Writes runs/newsclean__<dataset>__<renderer>.jsonl and scores them with the shared scorer.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from newsclean.dumps import classify_segments, segment_dump

REPO = Path(__file__).resolve().parents[1]
EVAL = REPO.parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")
DATASETS = ("scrapinghub", "readability")
RENDERERS = ("bs4_newline", "bs4_nosep", "html_text", "inscriptis", "lynx", "w3m")


def clean_dump(text: str, template=None, options=None):  # type: ignore[no-untyped-def]
    segs = segment_dump(text)
    labels = classify_segments(text, segs, template=template, options=options)
    body = "\n\n".join(s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.keep)
    title = next(
        (s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.role == "title"), ""
    )
    return body, title


def load_ids(dataset: str) -> list[dict]:  # type: ignore[type-arg]
    rows = []
    with open(EVAL / "data" / dataset / "ground_truth.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
    return rows


def run(system: str, out_dir: Path, build, datasets=DATASETS, renderers=RENDERERS):  # type: ignore[no-untyped-def]
    paths = []
    for ds in datasets:
        rows = load_ids(ds)
        for r in renderers:
            path = out_dir / f"{system}__{ds}__{r}.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                for row in rows:
                    text = (EVAL / "dumps" / ds / r / f"{row['id']}.txt").read_text(
                        encoding="utf-8"
                    )
                    text = text.replace("\r\n", "\n").replace("\r", "\n")
                    t0 = time.perf_counter()
                    body, title = build(text, ds, r, row)
                    el = time.perf_counter() - t0
                    rec = {"id": row["id"], "body": body, "title": title, "elapsed_s": el}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            paths.append(path)
    return paths


def score(paths: list[Path], json_out: Path) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ, NEWSCLEAN_EVAL_DATA=str(EVAL / "data"))
    subprocess.run(
        [sys.executable, str(EVAL / "score.py"), *map(str, paths), "--json", str(json_out)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(json_out.read_text())


def site_of(row: dict) -> str | None:  # type: ignore[type-arg]
    url = row.get("url")
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(REPO / "runs"))
    ap.add_argument("--baselines", action="store_true")
    ap.add_argument("--templates", action="store_true")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(exist_ok=True)
    paths = run("newsclean", out, lambda t, ds, r, row: clean_dump(t))
    res = score(paths, out / "score_newsclean.json")
    print(json.dumps(res)[:200])


if __name__ == "__main__":
    main()
