"""Batch runner benchmark: throughput with 1 and 2 jobs, and peak memory for 10k vs 100k docs.

Run: ``PYTHONPATH=src /work/venv/bin/python benchmarks/bench_batch.py [--limit N] [--write]``

1. Throughput: ``newsclean clean`` on the dev text dumps (``../shared/eval/dumps/*/html_text``),
   ``--jobs 1`` and ``--jobs 2``, with site templates (two passes, the default) and without.
   Times come from the run's own ``--summary`` (learn and clean passes) plus wall-clock time.
2. Memory: peak RSS of the main process and of the whole process tree (main + workers, sampled
   every 50 ms) for 10k and 100k small generated documents in one JSONL file, ``--jobs 2``. Once
   with a trivial clean function (isolates the runner: reading, ordering, writing) and once with
   the real pipeline on 2k vs 10k documents unless ``--skip-real-memory``.

Prints a markdown section; ``--write`` stores it in ``benchmarks/results/batch.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = ROOT / "benchmarks" / "results" / "batch.md"

WORDS = [
    "council",
    "harbour",
    "ferry",
    "route",
    "market",
    "school",
    "river",
    "bridge",
    "festival",
    "library",
    "station",
    "weather",
    "storm",
    "road",
    "budget",
    "mayor",
    "police",
    "museum",
    "park",
    "hospital",
    "train",
    "bakery",
    "farmers",
]


def trivial_clean(raw: str | bytes, **options: Any) -> Any:
    """A stand-in for newsclean.clean that does almost nothing (measures the runner alone)."""
    from newsclean import Article, Block

    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    return Article(title=text[:40], blocks=(Block("paragraph", text),))


def child_main(argv: list[str]) -> int:
    """Run the CLI with the trivial clean function (the workers import it from this file)."""
    from newsclean.cli import main

    return main(argv, clean_fn=trivial_clean)


def generate_jsonl(path: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` small news-like records over 200 sites (about 350 bytes each)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for n in range(count):
            site = n % 200
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(3)
            ]
            text = (
                f"Home | News | Sport\nStory {n} from site {site}\n"
                + "\n".join(sentences)
                + "\nShare this article\n"
            )
            record = {"url": f"https://site{site}.example/{n}", "text": text}
            handle.write(json.dumps(record) + "\n")


def run_measured(cmd: list[str], cwd: Path) -> dict[str, Any]:
    """Run ``cmd``; return wall time, CPU seconds of the process tree and peak RSS (MiB).

    Workers are children of the multiprocessing fork server, not of the main process, so the
    tree is sampled (every 50 ms) rather than read from ``RUSAGE_CHILDREN``.
    """
    import psutil

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stderr=subprocess.PIPE)
    watched = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            processes = [watched, *watched.children(recursive=True)]
        except psutil.Error:
            break
        tree = 0
        for process in processes:
            with contextlib.suppress(psutil.Error):
                rss = process.memory_info().rss
                times = process.cpu_times()
                cpu[process.pid] = times.user + times.system
                tree += rss
                if process is watched:
                    peak_main = max(peak_main, rss)
        peak_tree = max(peak_tree, tree)
        time.sleep(0.05)
    _, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}): {stderr.decode()[-2000:]}")
    return {
        "wall": wall,
        "cpu": sum(cpu.values()),
        "main_mib": peak_main / 2**20,
        "tree_mib": peak_tree / 2**20,
    }


def _burn(n: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - started


def machine_parallelism() -> float:
    """How many cores this benchmark really gets: 2 x (one busy loop) / (two in parallel).

    About 2.0 on an idle two-core machine; less when other jobs share the cores.
    """
    import multiprocessing

    n = 10_000_000
    one = _burn(n)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_burn, [n, n])
        two = time.perf_counter() - started
    return 2 * one / two


def throughput(limit: int | None, workdir: Path) -> list[dict[str, Any]]:
    dumps = sorted(SHARED.glob("eval/dumps/*/html_text"))
    files = sorted(str(p) for d in dumps for p in d.glob("*.txt"))
    if limit and limit < len(files):
        # Evenly spaced, so that every dataset (and its sites) is represented.
        files = [files[i * len(files) // limit] for i in range(limit)]
    listing = workdir / "files.txt"
    listing.write_text("\n".join(files) + "\n", encoding="utf-8")
    rows = []
    for templates in (True, False):
        for jobs in (1, 2):
            summary = workdir / "summary.json"
            cmd = [sys.executable, "-m", "newsclean", "clean", "--files-from", str(listing)]
            cmd += ["-o", str(workdir / "out.jsonl"), "--jobs", str(jobs), "-q"]
            cmd += ["--summary", str(summary)] + ([] if templates else ["--no-templates"])
            measured = run_measured(cmd, workdir)
            data = json.loads(summary.read_text())
            rows.append(
                {
                    "templates": templates,
                    "jobs": jobs,
                    "docs": data["documents"],
                    "errors": data["errors"],
                    "learn_s": data["learn_seconds"],
                    "clean_s": data["clean_seconds"],
                    **measured,
                }
            )
    return rows


def memory(counts: list[int], real: bool, workdir: Path) -> list[dict[str, Any]]:
    rows = []
    for count in counts:
        source = workdir / f"gen{count}.jsonl"
        if not source.exists():
            generate_jsonl(source, count)
        out = workdir / "mem.jsonl"
        args = ["clean", str(source), "-o", str(out), "--jobs", "2", "-q", "--no-templates"]
        if real:
            cmd = [sys.executable, "-m", "newsclean", *args]
        else:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
        measured = run_measured(cmd, workdir)
        with open(out, "rb") as handle:
            lines = sum(1 for _ in handle)
        rows.append({"count": count, "real": real, "lines": lines, **measured})
    return rows


def render(
    throughput_rows: list[dict[str, Any]],
    memory_rows: list[dict[str, Any]],
    command: str,
    parallelism: float,
) -> str:
    import newsclean

    out = [
        "## Batch runner (`newsclean clean`)",
        "",
        f"Command: `{command}`  ",
        f"Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; newsclean {newsclean.__version__};"
        f" Python {platform.python_version()}; {os.cpu_count()} cores shared with other jobs"
        " (absolute figures are noisy; compare within a table).",
        "",
        "### Throughput on the dev text dumps (`eval/dumps/*/html_text`)",
        "",
        f"Parallel capacity measured just before: {parallelism:.2f} cores of {os.cpu_count()}"
        " (two busy loops vs one; 2.0 = both cores free).",
        "",
        "| templates | jobs | docs | errors | learn pass s | clean pass s | clean docs/s |"
        " end-to-end docs/s | wall s | CPU s/doc |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    base: dict[bool, float] = {}
    for r in throughput_rows:
        clean_rate = r["docs"] / r["clean_s"] if r["clean_s"] else 0.0
        e2e = r["docs"] / r["wall"]
        if r["jobs"] == 1:
            base[r["templates"]] = e2e
        out.append(
            f"| {'yes' if r['templates'] else 'no'} | {r['jobs']} | {r['docs']} | {r['errors']} |"
            f" {r['learn_s']:.1f} | {r['clean_s']:.1f} | {clean_rate:.1f} | {e2e:.1f} |"
            f" {r['wall']:.1f} | {r['cpu'] / r['docs']:.3f} |"
        )
    out.append("")
    for templates, rate1 in base.items():
        rate2 = next(
            r["docs"] / r["wall"]
            for r in throughput_rows
            if r["templates"] == templates and r["jobs"] == 2
        )
        cpu1, cpu2 = (
            next(r["cpu"] / r["docs"] for r in throughput_rows if (r["templates"], r["jobs"]) == k)
            for k in ((templates, 1), (templates, 2))
        )
        label = "with templates" if templates else "without templates"
        out.append(
            f"- Scaling {label}: jobs 2 / jobs 1 = {rate2 / rate1:.2f}x measured end-to-end with"
            f" {parallelism:.2f} free cores; with two free cores, the CPU cost per document"
            f" ({cpu1:.3f} s with 1 job, {cpu2:.3f} s with 2) would allow about"
            f" {min(2.0, 2 * cpu1 / cpu2):.2f}x (estimate, not a measurement)."
        )
    out += [
        "",
        "### Peak memory, 10k vs 100k generated documents (`--jobs 2`, one JSONL file)",
        "",
        "| clean function | documents | records written | wall s | docs/s |"
        " peak RSS main MiB | peak RSS main+workers MiB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in memory_rows:
        fn = "newsclean.clean" if r["real"] else "trivial (runner only)"
        out.append(
            f"| {fn} | {r['count']} | {r['lines']} | {r['wall']:.1f} |"
            f" {r['count'] / r['wall']:.0f} | {r['main_mib']:.0f} | {r['tree_mib']:.0f} |"
        )
    out.append("")
    for real in (False, True):
        rows = [r for r in memory_rows if r["real"] == real]
        if len(rows) >= 2:
            small, large = rows[0], rows[-1]
            growth = 100 * (large["tree_mib"] / small["tree_mib"] - 1)
            out.append(
                f"- {'Pipeline' if real else 'Runner only'}: {small['count']} -> {large['count']}"
                f" documents ({large['count'] / small['count']:.0f}x), peak RSS main"
                f" {small['main_mib']:.0f} -> {large['main_mib']:.0f} MiB, main+workers"
                f" {small['tree_mib']:.0f} -> {large['tree_mib']:.0f} MiB ({growth:+.0f}%)."
            )
    out += [
        "",
        "The runner streams its input, keeps at most max(64, 32 x jobs) records pending for"
        " ordered output and flushes as it goes; the workers' memory is the pipeline's (language"
        " profiles, lexicons, caches).",
    ]
    return "\n".join(out) + "\n"


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child_main(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="only N dump files, evenly spaced")
    parser.add_argument("--skip-real-memory", action="store_true")
    parser.add_argument("--real-counts", default="2000,10000")
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS}")
    args = parser.parse_args()
    if not (SHARED / "eval" / "dumps").is_dir():
        print(f"benchmark data not found under {SHARED}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        parallelism = machine_parallelism()
        rows = throughput(args.limit, workdir)
        mem = memory([10_000, 100_000], False, workdir)
        if not args.skip_real_memory:
            mem += memory([int(c) for c in args.real_counts.split(",")], True, workdir)
    command = "PYTHONPATH=src /work/venv/bin/python benchmarks/bench_batch.py " + " ".join(
        sys.argv[1:]
    )
    text = render(rows, mem, command.strip(), parallelism)
    print(text)
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
