"""Language-ID benchmark: accuracy and speed of newsclean's detector next to langdetect's.

    PYTHONPATH=src /work/venv/bin/python benchmarks/bench_langid.py [--skip-langdetect]
        [--out benchmarks/results/langid.md]

1. Sentences (../shared/eval/langid/sentences.jsonl, Lingua's test sentences; never used to
   build or tune anything): writes predictions with ``pred`` and ``ms`` for newsclean and for
   langdetect 1.0.9 (seeded) to runs/, scores both with score_langid.py.
2. Articles: per-article time of :func:`identify_document_language` on the dev dumps
   (readability + scrapinghub ``html_text`` dumps, paragraphs as blocks).
3. Readability pages with a ground-truth ``lang``: document language must match (after dropping
   the region subtag), from the ``html_text`` dump text.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
LANGID = SHARED / "langid"
RUNS = REPO / "benchmarks" / "runs"


def split_blocks(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def predict_sentences(name: str, detect: object, rows: list[dict[str, str]]) -> Path:
    RUNS.mkdir(parents=True, exist_ok=True)
    path = RUNS / f"{name}__sentence.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"_meta": {"system": name}}) + "\n")
        for row in rows:
            start = time.perf_counter()
            pred = detect(row["text"])  # type: ignore[operator]
            ms = (time.perf_counter() - start) * 1000
            out.write(json.dumps({**row, "pred": pred, "ms": round(ms, 4)}, ensure_ascii=False))
            out.write("\n")
    return path


def score(path: Path) -> str:
    cmd = [sys.executable, str(LANGID / "score_langid.py"), str(path)]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def langdetect_top(seed: int = 0) -> object:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = seed

    def run(text: str) -> str | None:
        try:
            return str(detect(text))
        except LangDetectException:
            return None

    return run


def article_times(identify: object) -> tuple[int, float, float, float]:
    times: list[float] = []
    for dataset in ("readability", "scrapinghub"):
        for path in sorted((SHARED / "dumps" / dataset / "html_text").glob("*.txt")):
            blocks = split_blocks(path.read_text(encoding="utf-8"))
            start = time.perf_counter()
            identify(blocks)  # type: ignore[operator]
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return len(times), statistics.mean(times), statistics.median(times), times[-1]


def readability_check(identify: object) -> tuple[int, int, list[str]]:
    ok = 0
    wrong: list[str] = []
    total = 0
    for line in (SHARED / "data" / "readability" / "ground_truth.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if not record.get("lang"):
            continue
        gold = record["lang"].lower().split("-")[0]
        path = SHARED / "dumps" / "readability" / "html_text" / f"{record['id']}.txt"
        guess = identify(split_blocks(path.read_text(encoding="utf-8")))  # type: ignore[operator]
        total += 1
        if guess.language == gold:
            ok += 1
        else:
            wrong.append(f"{record['id']}: gold {gold}, got {guess.language}")
    return ok, total, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-langdetect", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "langid.md")
    args = parser.parse_args()
    if not LANGID.exists():
        raise SystemExit(f"benchmark data not found: {LANGID}")

    from newsclean.filters._langid import (
        _load_groups,
        detect_language,
        identify_document_language,
    )

    rows = [json.loads(line) for line in (LANGID / "sentences.jsonl").open(encoding="utf-8")]
    start = time.perf_counter()
    _load_groups()
    load_s = time.perf_counter() - start

    sections: list[str] = []
    ours = predict_sentences("newsclean", detect_language, rows)
    sections.append("newsclean\n" + score(ours))
    if not args.skip_langdetect:
        theirs = predict_sentences("langdetect", langdetect_top(), rows)
        sections.append("langdetect 1.0.9 (seeded)\n" + score(theirs))

    n_articles, mean_ms, median_ms, max_ms = article_times(identify_document_language)
    ok, total, wrong = readability_check(identify_document_language)

    from importlib.metadata import version

    import langdetect  # noqa: F401  (version below)

    cmd = "PYTHONPATH=src /work/venv/bin/python benchmarks/bench_langid.py"
    lines = [
        "## Language identification (`newsclean.filters.detect_language`)",
        "",
        f"Command: `{cmd}`  ",
        f"Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
        f"Python {platform.python_version()}; langdetect {version('langdetect')}; "
        f"regex {version('regex')}; machine: 2 shared cores (timings are noisy).",
        "",
        f"Profile load (once per process, lazy): {load_s:.2f} s.",
        "",
        "### Sentences (`../shared/eval/langid/sentences.jsonl`, scored by score_langid.py)",
        "",
        "```",
        *"\n".join(sections).splitlines(),
        "```",
        "",
        "### Articles",
        "",
        f"`identify_document_language` on {n_articles} `html_text` dumps (readability +"
        f" scrapinghub, one block per line): mean {mean_ms:.3f} ms, median {median_ms:.3f} ms,"
        f" max {max_ms:.3f} ms per article.",
        "",
        f"Readability pages with a ground-truth `lang`: {ok}/{total} correct"
        + ("." if not wrong else ": wrong " + "; ".join(wrong)),
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
