"""The ``newsclean`` command line, through ``main(argv)`` and once as ``python -m newsclean``."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import ConfigError
from newsclean._sinks import recover_jsonl
from newsclean.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
SRC = Path(__file__).resolve().parents[1] / "src"

EXPECTED_IDS = [
    "corpus/dangling.txt",
    "corpus/empty.txt",
    "corpus/records.jsonl#1",
    "corpus/records.jsonl#2",
    "corpus/records.jsonl#4",
    "corpus/records.jsonl#5",
    "corpus/records.jsonl#6",
    "corpus/records.jsonl#7",
    "corpus/site_a/one.txt",
    "corpus/site_a/three.txt",
    "corpus/site_a/two.txt",
    "corpus/site_b/page.html",
]
EXPECTED_ERRORS = {
    "corpus/dangling.txt": "read_error",
    "corpus/empty.txt": "empty_document",
    "corpus/records.jsonl#5": "invalid_input",
    "corpus/records.jsonl#6": "invalid_input",
    "corpus/records.jsonl#7": "decode_error",
}


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the corpus plus an unreadable file (a dangling link), cwd at its parent."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "corpus")
    os.symlink(tmp_path / "corpus" / "gone.txt", tmp_path / "corpus" / "dangling.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"newsclean {newsclean.__version__}"


def test_help_lists_the_clean_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--jobs", "--timeout", "--resume", "--format", "--errors", "--no-templates"):
        assert option in out


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["clean"],
        ["clean", "corpus/missing.txt"],
        ["clean", "corpus", "--jobs", "-1"],
        ["clean", "corpus", "--timeout", "0"],
        ["clean", "corpus", "--format", "xml"],
        ["clean", "corpus", "--resume"],
        ["clean", "corpus", "--resume", "-o", "out.json", "--format", "json"],
        ["clean", "corpus", "--date-order", "DDD"],
        ["clean", "corpus", "--language-hint", "english"],
        ["clean", "corpus", "--disable", "everything"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(workdir: Path, argv: list[str]) -> None:
    assert main(argv) == 2


def test_clean_writes_one_record_per_document_identically_with_one_and_two_jobs(
    workdir: Path,
) -> None:
    argv = ["clean", "corpus", "--date-field", "crawled", "-q"]
    assert main([*argv, "-o", "one.jsonl", "--jobs", "1", "--summary", "summary.json"]) == 0
    assert main([*argv, "-o", "two.jsonl", "--jobs", "2"]) == 0
    assert (workdir / "one.jsonl").read_bytes() == (workdir / "two.jsonl").read_bytes()
    records = read_jsonl(workdir / "one.jsonl")
    assert [r["id"] for r in records] == EXPECTED_IDS
    errors = {r["id"]: r["error"]["code"] for r in records if "error" in r}
    assert errors == EXPECTED_ERRORS
    articles = {r["id"]: r for r in records if "error" not in r}
    assert articles["corpus/records.jsonl#1"]["source"] == {
        "path": "corpus/records.jsonl",
        "position": 1,
        "url": "https://www.example.org/news/1",
    }
    page = articles["corpus/site_b/page.html"]
    assert page["title"] and page["source_format"] == "html"
    body = " ".join(b["text"] for b in page["blocks"])
    assert "eighteen months of renovation" in body
    summary = json.loads((workdir / "summary.json").read_text())
    assert summary["documents"] == len(EXPECTED_IDS)
    assert summary["errors_by_code"] == {
        "decode_error": 1,
        "empty_document": 1,
        "invalid_input": 2,
        "read_error": 1,
    }
    assert summary["warnings"] == {"unparsed_date_field": 1}


def test_json_array_output_with_errors_in_their_own_file(workdir: Path) -> None:
    argv = ["clean", "corpus", "-o", "ok.json", "--format", "json", "--errors", "err.jsonl"]
    assert main([*argv, "-q", "--no-templates", "--jobs", "1"]) == 0
    ok = [r["id"] for r in json.loads((workdir / "ok.json").read_text(encoding="utf-8"))]
    errors = {r["id"]: r["error"]["code"] for r in read_jsonl(workdir / "err.jsonl")}
    assert errors == EXPECTED_ERRORS
    assert ok == [i for i in EXPECTED_IDS if i not in errors]


def test_parquet_output_has_the_documented_schema(workdir: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    argv = ["clean", "corpus", "-o", "out.parquet", "--format", "parquet", "-q", "--no-templates"]
    argv += ["--jobs", "1"]
    assert main(argv) == 0
    table = pq.read_table(workdir / "out.parquet")
    assert table.column_names == [
        "id",
        "source_path",
        "source_position",
        "source_url",
        "error_code",
        "error_message",
        "title",
        "published",
        "language",
        "text",
        "article",
    ]
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == EXPECTED_IDS
    assert {r["id"]: r["error_code"] for r in rows if r["error_code"]} == EXPECTED_ERRORS
    page = next(r for r in rows if r["id"] == "corpus/site_b/page.html")
    assert "eighteen months" in page["text"]
    assert json.loads(page["article"])["title"] == page["title"]


def test_file_list_on_stdin(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("corpus/site_a/two.txt\ncorpus/nope.txt\n"))
    assert main(["clean", "-", "-o", "out.jsonl", "-q", "--no-templates", "--jobs", "1"]) == 0
    records = read_jsonl(workdir / "out.jsonl")
    assert [r["id"] for r in records] == ["corpus/site_a/two.txt", "corpus/nope.txt"]
    assert "error" not in records[0] and records[1]["error"]["code"] == "read_error"


def test_recover_jsonl_cuts_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(
        b'{"id": "a"}\n{"id": "b\\u00e9", "x": 1}\n{"title": 2, "id": 3}\n{"id": "c", "tit'
    )
    assert recover_jsonl(str(path)) == {"a", "b\u00e9", "3"}
    assert path.read_bytes().endswith(b'"id": 3}\n')
    path.write_bytes(b'{"id": "a"}\nnot json\n')
    with pytest.raises(ConfigError):
        recover_jsonl(str(path))


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import hooks; from newsclean.cli import main;"
        " sys.exit(main(sys.argv[2:], clean_fn=hooks.slow_clean))"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(FIXTURES), *args],
        cwd=cwd,
        env=env,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so that the kill reaches the workers too
    )


def _wait_for_lines(path: Path, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    pytest.fail("the run did not get far enough to be interrupted")


def test_interrupted_and_killed_runs_resume_to_every_document_exactly_once(tmp_path: Path) -> None:
    expected = []
    for site in range(3):
        folder = tmp_path / "in" / f"site{site}"
        folder.mkdir(parents=True)
        for n in range(40):
            text = f"Report {n} from site {site}." + (" REJECT" if n == 7 else "")
            (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
            expected.append(f"in/site{site}/{n:03d}.txt")
    out = tmp_path / "out.jsonl"
    args = ["clean", "in", "-o", str(out), "--jobs", "2", "--no-templates"]

    # Ctrl-C in a terminal signals the whole process group; workers must leave it to the main.
    first = _start(args, tmp_path)
    _wait_for_lines(out, 15, first)
    os.killpg(first.pid, signal.SIGINT)
    assert first.wait(20) == 130
    assert out.read_bytes().endswith(b"\n")

    terminated = _start([*args, "--resume"], tmp_path)
    _wait_for_lines(out, out.read_bytes().count(b"\n") + 15, terminated)
    terminated.send_signal(signal.SIGTERM)
    assert terminated.wait(20) == 143
    assert out.read_bytes().endswith(b"\n")

    second = _start([*args, "--resume"], tmp_path)
    _wait_for_lines(out, out.read_bytes().count(b"\n") + 15, second)
    os.killpg(second.pid, signal.SIGKILL)
    second.wait(20)

    third = _start([*args, "--resume"], tmp_path)
    assert third.wait(60) == 0
    ids = [r["id"] for r in read_jsonl(out)]
    assert sorted(ids) == sorted(expected)  # every document, each exactly once
    errors = [r["id"] for r in read_jsonl(out) if "error" in r]
    assert errors == [f"in/site{s}/007.txt" for s in range(3)]


def test_python_dash_m_runs_the_cli(workdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    version = subprocess.run(
        [sys.executable, "-m", "newsclean", "--version"], capture_output=True, env=env, check=True
    )
    assert version.stdout.decode().strip() == f"newsclean {newsclean.__version__}"
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", "corpus/site_a", "-j", "1", "--no-templates"],
        capture_output=True,
        env=env,
        cwd=workdir,
    )
    assert done.returncode == 0
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in records] == [
        "corpus/site_a/one.txt",
        "corpus/site_a/three.txt",
        "corpus/site_a/two.txt",
    ]
    assert b"newsclean: 3 documents" in done.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean"], capture_output=True, env=env, cwd=workdir
    )
    assert usage.returncode == 2


def test_warc_input(workdir: Path) -> None:
    pytest.importorskip("warcio")
    from test_sources import _write_warc

    _write_warc(workdir / "crawl.warc.gz", gz=True)
    argv = ["clean", "crawl.warc.gz", "-o", "out.jsonl", "-q", "--no-templates", "--jobs", "1"]
    assert main(argv) == 0
    records = read_jsonl(workdir / "out.jsonl")
    assert [r["source"]["url"] for r in records] == [
        "https://www.example.org/a",
        "https://example.org/b",
    ]
    assert records[0]["id"] == "crawl.warc.gz#0"
    assert records[0]["url"] == "https://www.example.org/a"
    # The HTTP header's charset (ISO-8859-1) decoded the page.
    assert "Café" in " ".join(b["text"] for b in records[0]["blocks"])


def test_output_inside_an_input_folder_is_not_read_back(workdir: Path) -> None:
    argv = ["clean", "corpus/site_a", "-o", "corpus/site_a/out.jsonl", "-q", "--jobs", "1"]
    assert main([*argv, "--no-templates"]) == 0
    assert main([*argv, "--no-templates", "--resume"]) == 0
    ids = [r["id"] for r in read_jsonl(workdir / "corpus" / "site_a" / "out.jsonl")]
    assert ids == ["corpus/site_a/one.txt", "corpus/site_a/three.txt", "corpus/site_a/two.txt"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=8), st.data())
def test_recover_jsonl_after_any_cut_keeps_a_prefix_of_whole_records(
    ids: list[str], data: st.DataObject
) -> None:
    import tempfile

    from newsclean._batch import error_result
    from newsclean._sources import ErrorInfo

    lines = [error_result(i, {"path": "p"}, ErrorInfo("x", "é"))[0] + b"\n" for i in ids]
    content = b"".join(lines)
    cut = data.draw(st.integers(min_value=0, max_value=len(content)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.jsonl"
        path.write_bytes(content[:cut])
        found = recover_jsonl(str(path))
        kept = path.read_bytes()
    whole = 0
    while whole < len(lines) and len(b"".join(lines[: whole + 1])) <= cut:
        whole += 1
    assert kept == b"".join(lines[:whole])
    assert found == set(ids[:whole])
