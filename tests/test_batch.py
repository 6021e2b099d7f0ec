"""The batch runner: ordered output, time limits, crashes, resume, site templates, summary.

The workers run stand-in clean functions from ``fixtures/cli/hooks.py`` so that these tests check
the machinery, not cleaning quality (the CLI tests run the real pipeline).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._batch import (
    BatchOptions,
    _Task,
    _WorkerPool,
    audit_counts,
    error_result,
    run_batch,
)
from newsclean._sources import ErrorInfo, InputDocument

HOOKS_DIR = Path(__file__).parent / "fixtures" / "cli"
if str(HOOKS_DIR) not in sys.path:
    # Worker processes inherit sys.path, so they can import the hooks too.
    sys.path.insert(0, str(HOOKS_DIR))

import hooks  # noqa: E402


class ListSink:
    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.flushes = 0

    def write(self, line: bytes) -> None:
        self.lines.append(line)

    def flush(self) -> None:
        self.flushes += 1

    def close(self) -> None:
        pass

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines]


def make_docs(texts: list[str], site: str = "s") -> list[InputDocument]:
    return [
        InputDocument(
            id=f"doc{i}",
            path=f"doc{i}.txt",
            position=None,
            url=None,
            raw=text,
            reference_time=None,
            site=site,
        )
        for i, text in enumerate(texts)
    ]


def run(docs: list[InputDocument], **options: Any) -> tuple[ListSink, Any]:
    sink = ListSink()
    opts = BatchOptions(
        **{"jobs": 2, "templates": False, "progress": "none", "clean_fn": hooks.echo_clean}
        | options
    )
    summary = run_batch(lambda: iter(docs), sink, options=opts)
    return sink, summary


def test_output_follows_input_order_and_is_identical_for_one_and_two_jobs() -> None:
    docs = make_docs([f"Story number {i}." for i in range(40)])
    one, _ = run(docs, jobs=1)
    two, summary = run(docs, jobs=2, window=4)
    assert one.lines == two.lines
    assert [r["id"] for r in two.records()] == [f"doc{i}" for i in range(40)]
    assert summary.documents == summary.articles == 40


def test_record_is_id_and_source_then_the_article_dict() -> None:
    sink, _ = run(make_docs(["Café news."]), jobs=1)
    record = sink.records()[0]
    assert list(record)[:3] == ["id", "source", "title"]
    assert record["source"] == {"path": "doc0.txt", "position": None, "url": None}
    assert record["blocks"] == [{"kind": "paragraph", "text": "Café news.", "language": None}]
    assert "Café" in sink.lines[0].decode("utf-8")  # not \u-escaped


def test_hanging_document_times_out_and_its_worker_is_replaced() -> None:
    docs = make_docs(["first", "HANG here", "third", "fourth", "fifth"])
    sink, summary = run(docs, jobs=1, timeout=1.0)
    records = sink.records()
    assert [r["id"] for r in records] == ["doc0", "doc1", "doc2", "doc3", "doc4"]
    assert records[1]["error"]["code"] == "timeout"
    assert all("error" not in r for r in records[2:])  # the replacement worker carried on
    assert summary.errors == {"timeout": 1} and summary.articles == 4


def test_crashing_worker_yields_internal_error_record() -> None:
    docs = make_docs(["a", "CRASH now", "c"])
    sink, summary = run(docs, jobs=2)
    error = sink.records()[1]["error"]
    assert error["code"] == "internal_error" and "worker process died" in error["message"]
    assert summary.articles == 2


def test_exceptions_become_error_records_with_their_code() -> None:
    sink, summary = run(make_docs(["BOOM", "REJECT", "fine"]), jobs=1)
    errors = [r.get("error") for r in sink.records()]
    assert errors[0] == {"code": "internal_error", "message": "RuntimeError: boom"}
    assert errors[1] == {"code": "invalid_input", "message": "rejected by the test hook"}
    assert errors[2] is None
    assert summary.errors == {"internal_error": 1, "invalid_input": 1}


def test_unreadable_documents_need_no_worker_and_keep_their_place() -> None:
    docs = make_docs(["a", "b"])
    broken = InputDocument(
        "bad", "bad.txt", None, None, "", None, "s", ErrorInfo("read_error", "no")
    )
    sink, _ = run([docs[0], broken, docs[1]], jobs=1)
    assert [r["id"] for r in sink.records()] == ["doc0", "bad", "doc1"]
    assert sink.records()[1]["error"] == {"code": "read_error", "message": "no"}


def test_error_sink_receives_error_records_only() -> None:
    sink, errors = ListSink(), ListSink()
    docs = make_docs(["ok", "BOOM"])
    opts = BatchOptions(jobs=1, templates=False, progress="none", clean_fn=hooks.echo_clean)
    run_batch(lambda: iter(docs), sink, options=opts, error_sink=errors)
    assert [r["id"] for r in sink.records()] == ["doc0"]
    assert [r["id"] for r in errors.records()] == ["doc1"]


def test_done_ids_are_skipped() -> None:
    _, summary = run(make_docs(["a", "b", "c"]), jobs=1, templates=False)
    assert summary.skipped == 0
    resumed = ListSink()
    opts = BatchOptions(jobs=1, templates=False, progress="none", clean_fn=hooks.echo_clean)
    docs = make_docs(["a", "b", "c"])
    summary = run_batch(lambda: iter(docs), resumed, options=opts, done_ids={"doc0", "doc2"})
    assert [r["id"] for r in resumed.records()] == ["doc1"]
    assert (summary.documents, summary.skipped) == (1, 2)


def test_each_document_gets_its_sites_merged_template() -> None:
    # 70 documents of one site span two learning chunks: both must be merged.
    docs = make_docs([f"Menu\nStory {i} on 30.05.23.\nFooter" for i in range(70)], site="a")
    docs += make_docs(["Other site on 05/30/23."] * 2, site="b")
    sink, summary = run(docs, jobs=1, templates=True, clean_fn=hooks.template_probe_clean)
    titles = [r["title"] for r in sink.records()]
    assert set(titles[:70]) == {"template:70 order:DMY"}
    # Two documents are too few for a template (min_documents), not for a date order.
    assert set(titles[70:]) == {"template:none order:MDY"}
    assert (summary.sites, summary.templates) == (2, 1)


def test_pool_keeps_at_most_window_tasks_ahead_of_the_output() -> None:
    consumed = 0

    def tasks() -> Iterator[_Task]:
        nonlocal consumed
        for i in range(30):
            consumed += 1
            fail = lambda error: error  # noqa: E731
            yield _Task("clean", (f"d{i}", {}, f"text {i}", None, {}), fail=fail)

    pool = _WorkerPool(2, hooks.echo_clean, None, window=3)
    try:
        for index, _ in enumerate(pool.imap(tasks())):
            # Results are yielded in order; the iterator is never more than window ahead.
            assert consumed <= index + 1 + 3
    finally:
        pool.close()
    assert consumed == 30


def test_audit_counts_by_filter() -> None:
    article = {
        "removed": [{"filter": "boilerplate"}, {"filter": "boilerplate"}, {"filter": "dates"}],
        "edits": [{"filter": "spacing"}],
    }
    assert audit_counts(article) == {
        "removals": {"boilerplate": 2, "dates": 1},
        "edits": {"spacing": 1},
    }


def test_error_record_with_lone_surrogate_stays_valid_json() -> None:
    line, code, _ = error_result("x\ud800", {"path": "p"}, ErrorInfo("decode_error", "bad"))
    assert code == "decode_error"
    assert json.loads(line)["id"] == "x\ud800"


def test_summary_dict_has_documents_errors_and_throughput() -> None:
    _, summary = run(make_docs(["a", "BOOM"]), jobs=1)
    data = summary.to_dict()
    assert data["documents"] == 2 and data["errors_by_code"] == {"internal_error": 1}
    assert data["docs_per_second"] > 0
    json.dumps(data)


def test_nonpositive_timeout_is_a_config_error() -> None:
    from newsclean import ConfigError

    with pytest.raises(ConfigError):
        run(make_docs(["a"]), timeout=0)


def test_resumed_run_with_templates_gives_the_records_of_a_full_run() -> None:
    docs = make_docs([f"Menu\nStory {i} on 30.05.23.\nFooter" for i in range(8)], site="a")
    full, _ = run(docs, jobs=1, templates=True, clean_fn=hooks.template_probe_clean)
    rest = ListSink()
    opts = BatchOptions(
        jobs=1, templates=True, progress="none", clean_fn=hooks.template_probe_clean
    )
    done = {f"doc{i}" for i in range(5)}
    run_batch(lambda: iter(docs), rest, options=opts, done_ids=done)
    # Skipped documents still feed the site template, so the remaining records are unchanged.
    assert rest.lines == full.lines[5:]


def test_plain_progress_line_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from newsclean import _batch

    monkeypatch.setattr(_batch, "_PLAIN_PROGRESS_EVERY_S", 0.0)
    stream = io.StringIO()
    progress = _batch._Progress("auto", 10, stream, "cleaning")
    progress.update(4, 4, 1)
    progress.close()
    assert stream.getvalue().startswith("newsclean: cleaning 4/10 documents, ")
    assert "1 errors" in stream.getvalue() and "ETA" in stream.getvalue()


def test_progress_bar_on_request() -> None:
    import io

    from newsclean import _batch

    stream = io.StringIO()
    progress = _batch._Progress("bar", 3, stream, "cleaning")
    progress.update(3, 3, 0)
    progress.close()
    assert "3/3" in stream.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcd"), st.integers(min_value=0, max_value=3000)),
        max_size=200,
    )
)
def test_learning_chunks_hold_each_document_once_per_site_within_bounds(
    docs: list[tuple[str, int]],
) -> None:
    from newsclean import _batch

    inputs = [
        InputDocument(f"d{i}", "p", None, None, "x" * size, None, site)
        for i, (site, size) in enumerate(docs)
    ]
    counter: list[int] = [0]
    sites: set[str] = set()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_batch, "_TEMPLATE_CHUNK_DOCS", 5)
        patch.setattr(_batch, "_TEMPLATE_CHUNK_BYTES", 4000)
        patch.setattr(_batch, "_TEMPLATE_BUFFERED_BYTES", 6000)
        tasks = list(_batch._learn_tasks(inputs, BatchOptions(), counter, sites))
    seen = []
    for task in tasks:
        site, chunk = task.payload
        assert len(chunk) <= 5
        assert sum(len(raw) for raw, _, _ in chunk) < 4000 + 3000
        seen += [(site, len(raw)) for raw, _, _ in chunk]
    assert sorted(seen) == sorted(docs)
    assert counter[0] == len(docs) and sites == {site for site, _ in docs}
