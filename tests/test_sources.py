"""Input discovery and readers: folders, globs, file lists, JSON/JSONL records, WARC."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from newsclean import InputError
from newsclean._sources import (
    InputFile,
    SourceOptions,
    discover_files,
    iter_documents,
    parse_reference_time,
    read_file_list,
    site_of,
)

CORPUS = Path(__file__).parent / "fixtures" / "cli" / "corpus"


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture corpus, with the working directory at its parent."""
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    monkeypatch.chdir(tmp_path)
    return root


def names(files: list[InputFile]) -> list[str]:
    return [f.name for f in files]


def test_folder_walk_is_sorted_recursive_and_skips_hidden_and_unknown(corpus: Path) -> None:
    assert names(list(discover_files(["corpus"]))) == [
        "corpus/empty.txt",
        "corpus/records.jsonl",
        "corpus/site_a/one.txt",
        "corpus/site_a/three.txt",
        "corpus/site_a/two.txt",
        "corpus/site_b/page.html",
    ]


def test_explicit_file_is_read_whatever_its_suffix_and_listed_once(corpus: Path) -> None:
    found = names(list(discover_files(["corpus/notes.md", "corpus/site_b", "corpus/site_b/*"])))
    assert found == ["corpus/notes.md", "corpus/site_b/page.html"]


def test_glob_expands_sorted(corpus: Path) -> None:
    assert names(list(discover_files(["corpus/**/t*.txt"]))) == [
        "corpus/site_a/three.txt",
        "corpus/site_a/two.txt",
    ]


@pytest.mark.parametrize("arg", ["corpus/missing.txt", "corpus/nothing-*.txt"])
def test_missing_path_raises_input_error(corpus: Path, arg: str) -> None:
    with pytest.raises(InputError):
        list(discover_files([arg]))


def test_file_list_skips_blank_and_comment_lines() -> None:
    stream = io.StringIO("a.txt\n\n# comment\nsub/b.html\r\n")
    assert names(list(read_file_list(stream))) == ["a.txt", "sub/b.html"]


def test_single_files_become_documents_with_folder_as_site(corpus: Path) -> None:
    docs = list(iter_documents(discover_files(["corpus/site_a"])))
    assert [d.id for d in docs] == [
        "corpus/site_a/one.txt",
        "corpus/site_a/three.txt",
        "corpus/site_a/two.txt",
    ]
    assert {d.site for d in docs} == {"corpus/site_a"}
    assert all(isinstance(d.raw, bytes) and d.error is None for d in docs)
    assert docs[0].source() == {"path": "corpus/site_a/one.txt", "position": None, "url": None}


def test_empty_and_unreadable_files_become_error_documents(corpus: Path) -> None:
    os.symlink(corpus / "gone.txt", corpus / "dangling.txt")
    docs = {d.id: d for d in iter_documents(discover_files(["corpus"]))}
    empty = docs["corpus/empty.txt"].error
    dangling = docs["corpus/dangling.txt"].error
    assert empty is not None and empty.code == "empty_document"
    assert dangling is not None and dangling.code == "read_error"


def test_oversized_file_is_an_error_document_without_reading_it(corpus: Path) -> None:
    options = SourceOptions(max_file_bytes=100)
    (doc,) = iter_documents([InputFile("corpus/site_a/one.txt", "one.txt")], options)
    assert doc.error is not None and doc.error.code == "input_too_large"


def test_jsonl_records_and_broken_lines(corpus: Path) -> None:
    item = InputFile(str(corpus / "records.jsonl"), "records.jsonl")
    docs = list(iter_documents([item], SourceOptions(date_field="crawled")))
    summary = [(d.id, d.position, d.error.code if d.error else None) for d in docs]
    assert summary == [
        ("records.jsonl#1", 1, None),
        ("records.jsonl#2", 2, None),
        ("records.jsonl#4", 4, None),
        ("records.jsonl#5", 5, "invalid_input"),
        ("records.jsonl#6", 6, "invalid_input"),
        ("records.jsonl#7", 7, "decode_error"),
    ]
    first, second, third = docs[:3]
    assert first.url == "https://www.example.org/news/1"
    assert first.site == "example.org" and second.site == "example.org"
    assert first.reference_time == datetime(2024, 1, 15, 10, tzinfo=timezone.utc)
    assert second.reference_time == datetime(2024, 1, 15, 10, tzinfo=timezone.utc)
    assert isinstance(second.raw, str) and second.raw.startswith("<html>")
    assert third.reference_time is None and third.warning is not None
    assert third.warning.startswith("unparsed_date_field")


def test_jsonl_id_field_and_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(
        json.dumps({"key": "doc-9", "body": "Some words here.", "link": "http://a.example/x"})
        + "\n",
        encoding="utf-8",
    )
    options = SourceOptions(text_field="body", url_field="link", id_field="key")
    (doc,) = iter_documents([InputFile(str(path), "custom.jsonl")], options)
    assert (doc.id, doc.raw, doc.url, doc.site) == (
        "doc-9",
        "Some words here.",
        "http://a.example/x",
        "a.example",
    )


def test_gzipped_jsonl_is_read(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Zürich tram news."}, ensure_ascii=False) + "\n")
    (doc,) = iter_documents([InputFile(str(path), "x.jsonl.gz")])
    assert doc.raw == "Zürich tram news." and doc.id == "x.jsonl.gz#1"


def test_json_array_records_are_indexed_from_zero(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": "First."}, {"html": "<p>Second.</p>"}, 3]), "utf-8")
    docs = list(iter_documents([InputFile(str(path), "a.json")]))
    assert [d.id for d in docs] == ["a.json#0", "a.json#1", "a.json#2"]
    assert [d.error.code if d.error else None for d in docs] == [None, None, "invalid_input"]


def test_invalid_json_file_is_one_error_document(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b"[{")
    (doc,) = iter_documents([InputFile(str(path), "bad.json")])
    assert doc.error is not None and doc.error.code == "invalid_input"


@pytest.mark.parametrize(
    ("url", "path", "site"),
    [
        ("https://www.Example.COM/a/b", "x/y.txt", "example.com"),
        ("http://news.example.co.uk:8080/", "y.txt", "news.example.co.uk"),
        (None, "dumps/site/a.txt", "dumps/site"),
        (None, "a.txt", "."),
        ("not a url", "d/a.txt", "d"),
    ],
)
def test_site_of(url: str | None, path: str, site: str) -> None:
    assert site_of(url, path) == site


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-30T13:26:00Z", datetime(2024, 5, 30, 13, 26, tzinfo=timezone.utc)),
        ("2024-05-30 15:26:00+02:00", datetime(2024, 5, 30, 13, 26, tzinfo=timezone.utc)),
        ("2024-05-30", datetime(2024, 5, 30, tzinfo=timezone.utc)),
        (0, datetime(1970, 1, 1, tzinfo=timezone.utc)),
        ("", None),
        (None, None),
    ],
)
def test_parse_reference_time(value: object, expected: datetime | None) -> None:
    assert parse_reference_time(value) == expected


@pytest.mark.parametrize("value", ["yesterday", True, [2024], 1e300])
def test_parse_reference_time_rejects_garbage(value: object) -> None:
    with pytest.raises(InputError):
        parse_reference_time(value)


PAGE_A = (
    "<html><body><nav><a href='/'>Home</a></nav><article><h1>Caf\u00e9 owners welcome longer"
    " hours</h1><p>Caf\u00e9 owners in the old town welcomed the longer summer opening hours"
    " that the city council approved on Friday after a long debate.</p><p>The new rules apply"
    " from June until the end of September, the council said in a statement.</p></article>"
    "</body></html>"
).encode("iso-8859-1")


def _write_warc(path: Path, *, gz: bool) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    assert warcio
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)

        def response(url: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-03-01T12:00:00Z"},
            )
            writer.write_record(record)

        response("https://www.example.org/a", "text/html; charset=iso-8859-1", PAGE_A)
        response("https://example.org/logo.png", "image/png", b"\x89PNG")
        writer.write_record(writer.create_warc_record("https://example.org/b", "request"))
        response("https://example.org/b", "application/xhtml+xml", b"<p>B</p>")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_response_records_with_html_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gz=name.endswith(".gz"))
    docs = list(iter_documents([InputFile(str(path), name)]))
    assert [d.url for d in docs] == ["https://www.example.org/a", "https://example.org/b"]
    assert docs[0].id == f"{name}#0" and docs[1].position is not None and docs[1].position > 0
    assert docs[0].raw == PAGE_A and docs[0].http_charset == "iso-8859-1"
    assert docs[0].reference_time == datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
    assert {d.site for d in docs} == {"example.org"}


def test_truncated_warc_keeps_earlier_records_and_reports_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _write_warc(path, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    docs = list(iter_documents([InputFile(str(path), "cut.warc.gz")]))
    assert docs[0].error is None and docs[0].url == "https://www.example.org/a"
    assert docs[-1].error is not None and docs[-1].error.code == "read_error"


def test_excluded_files_are_not_listed(corpus: Path) -> None:
    found = names(list(discover_files(["corpus"], exclude=["corpus/records.jsonl"])))
    assert "corpus/records.jsonl" not in found and "corpus/empty.txt" in found
