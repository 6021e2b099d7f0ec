"""Find input files and turn them into a stream of documents.

Inputs are folders (walked recursively), globs, single files, or a list of paths read from a text
stream. A file holds one document (``.txt``, ``.html``, ``.htm``) or many (``.json``, ``.jsonl``
records, ``.warc``/``.warc.gz`` response records). Everything is streamed: a document is read when
it is needed and dropped once it has been handed on.

Reading never raises for a bad document: a file or record that cannot be read becomes a
:class:`InputDocument` whose ``error`` is set, so the batch writes an error record and goes on.
"""

from __future__ import annotations

import glob
import gzip
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import IO, Any
from urllib.parse import urlsplit

from ._errors import EmptyDocumentError, InputError, MissingExtraError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES + WARC_SUFFIXES

_GLOB_CHARS = frozenset("*?[")
_HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ErrorInfo:
    """Why a document produced no article: a stable ``code`` and a human ``message``."""

    code: str
    message: str


@dataclass(frozen=True)
class SourceOptions:
    """How to read record files (JSON, JSONL) and how large a single-document file may be."""

    text_field: str = "text"
    html_field: str = "html"
    url_field: str = "url"
    date_field: str | None = None
    id_field: str | None = None
    max_file_bytes: int = 64 * 1024 * 1024


@dataclass(frozen=True)
class InputFile:
    """One file to read; ``name`` is the path as the user spelled it (posix separators)."""

    path: str
    name: str


@dataclass(frozen=True)
class InputDocument:
    """One document to clean, with where it came from.

    ``position`` is the 1-based line number in a JSONL file, the 0-based index in a JSON array,
    the byte offset of the record in a WARC file, and ``None`` for a one-document file.
    ``site`` groups documents that share a page template (domain of the URL, else the folder).
    ``http_charset`` is the charset a WARC record's HTTP header declares.
    """

    id: str
    path: str
    position: int | None
    url: str | None
    raw: str | bytes
    reference_time: datetime | None
    site: str
    error: ErrorInfo | None = None
    warning: str | None = None
    http_charset: str | None = None

    def source(self) -> dict[str, Any]:
        """Return the ``source`` object written into every output record."""
        return {"path": self.path, "position": self.position, "url": self.url}


def discover_files(paths: Sequence[str], exclude: Iterable[str] = ()) -> Iterator[InputFile]:
    """Yield the files named by ``paths`` (files, folders, globs) in a stable order, once each.

    Folders are walked recursively in sorted order, skipping hidden entries and files with an
    unknown suffix; a file named explicitly is read whatever its suffix (as text if unknown).
    Files in ``exclude`` (e.g. the run's own output) are skipped.
    Raises :class:`InputError` for a path that does not exist and matches no glob.
    """
    seen: set[str] = {os.path.realpath(path) for path in exclude}
    for arg in paths:
        for path, explicit in _expand(arg):
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            if explicit or has_known_suffix(path):
                yield InputFile(path=path, name=_display_name(path))


def check_paths(paths: Sequence[str]) -> None:
    """Raise :class:`InputError` for a path that does not exist and matches no glob."""
    for arg in paths:
        if not os.path.lexists(arg) and not (_GLOB_CHARS.intersection(arg) and glob.glob(arg)):
            raise InputError(f"no such file or folder: {arg!r}")


def read_file_list(stream: IO[str]) -> Iterator[InputFile]:
    """Yield the files listed one per line in ``stream`` (blank lines and ``#`` lines skipped).

    Listed paths are taken as given (no folder walk); a missing one becomes an error document.
    """
    for line in stream:
        path = line.rstrip("\r\n")
        if path.strip() and not path.lstrip().startswith("#"):
            yield InputFile(path=path, name=_display_name(path))


def has_known_suffix(path: str) -> bool:
    """Return whether ``path`` ends with a suffix newsclean reads when walking a folder."""
    return path.lower().endswith(KNOWN_SUFFIXES)


def iter_documents(
    files: Iterable[InputFile], options: SourceOptions | None = None
) -> Iterator[InputDocument]:
    """Yield every document of every file, in file order then record order."""
    opts = options or SourceOptions()
    for item in files:
        yield from read_documents(item, opts)


def read_documents(item: InputFile, options: SourceOptions) -> Iterator[InputDocument]:
    """Yield the documents held by one file; unreadable content yields error documents."""
    lower = item.path.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from _read_warc(item)
    elif lower.endswith(".json"):
        yield from _read_json_array(item, options)
    elif lower.endswith(RECORD_SUFFIXES):
        yield from _read_jsonl(item, options)
    else:
        yield _read_single(item, options)


def site_of(url: str | None, path: str) -> str:
    """Return the template group of a document: the URL's host without ``www.``, else its folder."""
    if url:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if host:
            return host[4:] if host.startswith("www.") else host
    parent = os.path.dirname(path)
    return parent if parent else "."


def parse_reference_time(value: object) -> datetime | None:
    """Parse an ISO 8601 string or a Unix timestamp into an aware UTC datetime.

    Returns ``None`` when ``value`` is empty; raises :class:`InputError` when it is unreadable.
    Naive values are taken as UTC, because crawl dates in dumps are nearly always UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"date field is not a date: {value!r}")
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError) as exc:
            raise InputError(f"date field is out of range: {value!r}") from exc
    if not isinstance(value, str):
        raise InputError(f"date field is not a string or number: {type(value).__name__}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"date field is not ISO 8601: {value[:80]!r}") from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _expand(arg: str) -> Iterator[tuple[str, bool]]:
    if os.path.isdir(arg):
        yield from ((p, False) for p in _walk(arg))
    elif os.path.lexists(arg):
        yield arg, True
    elif _GLOB_CHARS.intersection(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise InputError(f"no file matches {arg!r}")
        for match in matches:
            if os.path.isdir(match):
                yield from ((p, False) for p in _walk(match))
            else:
                yield match, True
    else:
        raise InputError(f"no such file or folder: {arg!r}")


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield os.path.join(dirpath, name)


def _display_name(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _error_document(
    item: InputFile, position: int | None, error: ErrorInfo, url: str | None = None
) -> InputDocument:
    return InputDocument(
        id=_record_id(item.name, position),
        path=item.name,
        position=position,
        url=url,
        raw="",
        reference_time=None,
        site=site_of(url, item.name),
        error=error,
    )


def _record_id(name: str, position: int | None) -> str:
    return name if position is None else f"{name}#{position}"


def _read_error(exc: OSError) -> ErrorInfo:
    return ErrorInfo("read_error", f"cannot read file: {exc.strerror or exc}")


def _read_single(item: InputFile, options: SourceOptions) -> InputDocument:
    try:
        size = os.path.getsize(item.path)
        if size > options.max_file_bytes:
            return _error_document(
                item,
                None,
                ErrorInfo(
                    "input_too_large",
                    f"file has {size} bytes, more than the limit of {options.max_file_bytes}",
                ),
            )
        with open(item.path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        return _error_document(item, None, _read_error(exc))
    if not raw.strip():
        return _error_document(item, None, ErrorInfo(EmptyDocumentError.code, "empty document"))
    return InputDocument(
        id=item.name,
        path=item.name,
        position=None,
        url=None,
        raw=raw,
        reference_time=None,
        site=site_of(None, item.name),
    )


def _read_jsonl(item: InputFile, options: SourceOptions) -> Iterator[InputDocument]:
    opener = gzip.open if item.path.lower().endswith(".gz") else open
    try:
        with opener(item.path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield _record_document(item, number, line, options)
    except OSError as exc:
        # Covers a missing file as well as a truncated gzip stream midway.
        yield _error_document(item, None, _read_error(exc))
    except EOFError as exc:
        yield _error_document(item, None, ErrorInfo("read_error", f"truncated file: {exc}"))


def _read_json_array(item: InputFile, options: SourceOptions) -> Iterator[InputDocument]:
    try:
        with open(item.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        yield _error_document(item, None, _read_error(exc))
        return
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        yield _error_document(item, None, ErrorInfo("decode_error", f"invalid UTF-8: {exc}"))
        return
    except json.JSONDecodeError as exc:
        yield _error_document(item, None, ErrorInfo(InputError.code, f"invalid JSON: {exc}"))
        return
    records = parsed if isinstance(parsed, list) else [parsed]
    for index, record in enumerate(records):
        yield _document_from_record(item, index, record, options)


def _record_document(
    item: InputFile, number: int, line: bytes, options: SourceOptions
) -> InputDocument:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _error_document(item, number, ErrorInfo("decode_error", f"invalid UTF-8: {exc}"))
    except json.JSONDecodeError as exc:
        return _error_document(item, number, ErrorInfo(InputError.code, f"invalid JSON: {exc}"))
    return _document_from_record(item, number, record, options)


def _document_from_record(
    item: InputFile, position: int, record: object, options: SourceOptions
) -> InputDocument:
    if not isinstance(record, dict):
        return _error_document(
            item,
            position,
            ErrorInfo(InputError.code, f"record is a JSON {type(record).__name__}, not an object"),
        )
    url = _string_field(record, options.url_field)
    html = _string_field(record, options.html_field)
    text = _string_field(record, options.text_field)
    raw = html if html and html.strip() else text
    record_id = _record_id(item.name, position)
    if options.id_field is not None and record.get(options.id_field) not in (None, ""):
        record_id = str(record[options.id_field])
    if raw is None or not raw.strip():
        fields = f"{options.html_field!r} or {options.text_field!r}"
        error = ErrorInfo(InputError.code, f"record has no non-empty string field {fields}")
        return replace(_error_document(item, position, error, url), id=record_id)
    reference_time = None
    warning = None
    if options.date_field is not None:
        try:
            reference_time = parse_reference_time(record.get(options.date_field))
        except InputError as exc:
            # The text is still worth cleaning; the batch summary counts the unusable date.
            warning = f"unparsed_date_field: {exc}"
    return InputDocument(
        id=record_id,
        path=item.name,
        position=position,
        url=url,
        raw=raw,
        reference_time=reference_time,
        site=site_of(url, item.name),
        warning=warning,
    )


def _string_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) else None


def _read_warc(item: InputFile) -> Iterator[InputDocument]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise MissingExtraError(
            "reading WARC files needs the 'warc' extra: pip install 'newsclean[warc]'"
        ) from exc
    try:
        handle = open(item.path, "rb")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        yield _error_document(item, None, _read_error(exc))
        return
    offset: int | None = None
    end = 0
    try:
        records = ArchiveIterator(handle)
        for record in records:
            payload = _warc_payload(record)
            offset = records.get_record_offset()  # known only once the record has been read
            end = offset + records.get_record_length()
            if payload is not None:
                yield _warc_document(item, offset, *payload)
        size = os.fstat(handle.fileno()).st_size
        handle.seek(end)
        if handle.read(4096).strip():
            # warcio stops silently at a truncated last gzip member: report the lost tail.
            message = f"cannot read WARC after byte {end} of {size}: truncated or corrupt"
            yield _error_document(item, end, ErrorInfo("read_error", message))
    except Exception as exc:
        where = "at the start" if offset is None else f"after the record at byte {offset}"
        yield _error_document(
            item, offset, ErrorInfo("read_error", f"cannot read WARC {where}: {exc}")
        )
    finally:
        handle.close()


def _warc_payload(record: Any) -> tuple[str | None, str, bytes, str | None] | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(_HTML_CONTENT_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    return url, content_type, record.content_stream().read(), date


def _warc_document(
    item: InputFile, offset: int, url: str | None, content_type: str, raw: bytes, date: str | None
) -> InputDocument:
    if not raw.strip():
        error = ErrorInfo(EmptyDocumentError.code, "empty document")
        return _error_document(item, offset, error, url)
    warning = None
    try:
        reference_time = parse_reference_time(date)
    except InputError as exc:
        reference_time = None
        warning = f"unparsed_date_field: {exc}"
    return InputDocument(
        id=_record_id(item.name, offset),
        path=item.name,
        position=offset,
        url=url,
        raw=raw,
        reference_time=reference_time,
        site=site_of(url, item.name),
        warning=warning,
        http_charset=_declared_charset(content_type),
    )


def _declared_charset(content_type: str) -> str | None:
    _, _, params = content_type.partition(";")
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("'\"")
    return None
