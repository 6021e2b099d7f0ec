"""Output writers for batch runs: JSON Lines (default), one JSON array, or Parquet.

Every writer takes records as UTF-8 encoded JSON lines (no trailing newline), the form the worker
processes produce, so the main process does not re-serialise anything for JSONL.

JSONL files are written with whole lines only and flushed regularly; :func:`recover_jsonl` makes
a file left by a killed run safe to append to and tells which ids it already holds.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any, Protocol

from ._errors import ConfigError, MissingExtraError
from ._model import BLOCK_SEPARATOR

FORMATS = ("jsonl", "json", "parquet")

#: Article fields copied into their own Parquet column (when the article dict has them).
PARQUET_ARTICLE_COLUMNS = ("title", "published", "language", "text")

_PARQUET_ROWS_PER_GROUP = 1000


class Sink(Protocol):
    """Where batch records go."""

    def write(self, line: bytes) -> None:
        """Write one record, given as its UTF-8 JSON encoding without a newline."""

    def flush(self) -> None:
        """Push buffered records to the operating system."""

    def close(self) -> None:
        """Finish the output (closing brackets, Parquet footer) and release the file."""


class JsonlSink:
    """One JSON object per line; ``path`` ``-`` means standard output."""

    def __init__(self, path: str, *, append: bool = False) -> None:
        self._owned = path != "-"
        self._handle: IO[bytes] = (
            open(path, "ab" if append else "wb") if self._owned else sys.stdout.buffer  # noqa: SIM115
        )

    def write(self, line: bytes) -> None:
        self._handle.write(line + b"\n")

    def flush(self) -> None:
        self._handle.flush()

    def close(self) -> None:
        self._handle.flush()
        if self._owned:
            self._handle.close()


class JsonArraySink:
    """A single JSON array, one record per line, for tools that cannot read JSON Lines."""

    def __init__(self, path: str) -> None:
        self._inner = JsonlSink(path)
        self._count = 0

    def write(self, line: bytes) -> None:
        self._inner.write((b"[" if self._count == 0 else b",") + line)
        self._count += 1

    def flush(self) -> None:
        self._inner.flush()

    def close(self) -> None:
        self._inner.write(b"[]" if self._count == 0 else b"]")
        self._inner.close()


class ParquetSink:
    """A Parquet file with a fixed schema (see ``docs/cli.md``), written in row groups."""

    def __init__(self, path: str) -> None:
        if path == "-":
            raise ConfigError("Parquet output needs a file name, not '-'")
        pa, pq = _import_pyarrow()
        self._pa = pa
        self._schema = parquet_schema()
        self._writer = pq.ParquetWriter(path, self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def write(self, line: bytes) -> None:
        self._rows.append(parquet_row(json.loads(line)))
        if len(self._rows) >= _PARQUET_ROWS_PER_GROUP:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            table = self._pa.Table.from_pylist(self._rows, schema=self._schema)
            self._writer.write_table(table)
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()


def open_sink(path: str, fmt: str, *, append: bool = False) -> Sink:
    """Return the writer for ``fmt``; ``append`` (resume) is only possible for JSONL."""
    if fmt == "jsonl":
        return JsonlSink(path, append=append)
    if append:
        raise ConfigError(f"--resume needs JSONL output; {fmt} files cannot be appended to")
    if fmt == "json":
        return JsonArraySink(path)
    if fmt == "parquet":
        return ParquetSink(path)
    raise ConfigError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def parquet_schema() -> Any:
    """Return the pyarrow schema of Parquet output (documented in ``docs/cli.md``)."""
    pa, _ = _import_pyarrow()
    fields = [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source_path", pa.string()),
        pa.field("source_position", pa.int64()),
        pa.field("source_url", pa.string()),
        pa.field("error_code", pa.string()),
        pa.field("error_message", pa.string()),
    ]
    fields += [pa.field(name, pa.string()) for name in PARQUET_ARTICLE_COLUMNS]
    fields.append(pa.field("article", pa.string()))
    return pa.schema(fields)


def parquet_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten one output record into a Parquet row; the whole article is kept as JSON."""
    source = record.get("source") or {}
    error = record.get("error")
    row: dict[str, Any] = {
        "id": record["id"],
        "source_path": source.get("path"),
        "source_position": source.get("position"),
        "source_url": source.get("url"),
        "error_code": error.get("code") if error else None,
        "error_message": error.get("message") if error else None,
    }
    article = {k: v for k, v in record.items() if k not in ("id", "source", "error")}
    if error is None:
        blocks = article.get("blocks") or []
        article_text = BLOCK_SEPARATOR.join(str(b.get("text", "")) for b in blocks)
    for name in PARQUET_ARTICLE_COLUMNS:
        value = article_text if name == "text" and error is None else article.get(name)
        row[name] = None if value is None else str(value)
    row["article"] = json.dumps(article, ensure_ascii=False) if error is None else None
    return row


def recover_jsonl(path: str) -> set[str]:
    """Make a JSONL file left by a killed run appendable and return the ids it holds.

    A run killed mid-write can leave a torn last line; it is cut off (its document is processed
    again). Raises :class:`ConfigError` if a complete line is not a newsclean record, so that
    ``--resume`` never appends to an unrelated file.
    """
    if not os.path.exists(path):
        return set()
    _truncate_partial_line(path)
    ids: set[str] = set()
    for number, line in _numbered_lines(path):
        try:
            ids.add(_record_id(line))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(
                f"cannot resume: line {number} of {path} is not a newsclean record"
            ) from exc
    return ids


_ID_PREFIX = b'{"id": '
_DECODER = json.JSONDecoder()


def _record_id(line: bytes) -> str:
    """Return a record's id; records start with it, so the rest of a long line is not parsed."""
    text = line.decode("utf-8").rstrip()
    if line.startswith(_ID_PREFIX) and text.endswith("}"):
        value, _ = _DECODER.raw_decode(text, len(_ID_PREFIX))
    else:
        value = json.loads(text)["id"]
    return str(value)


def _numbered_lines(path: str) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def _truncate_partial_line(path: str) -> None:
    with open(path, "rb+") as handle:
        end = handle.seek(0, os.SEEK_END)
        pos = end
        block = 1 << 16
        while pos > 0:
            start = max(0, pos - block)
            handle.seek(start)
            chunk = handle.read(pos - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                cut = start + newline + 1
                break
            pos = start
        else:
            cut = 0
        if cut != end:
            handle.truncate(cut)


def _import_pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtraError(
            "Parquet output needs the 'parquet' extra: pip install 'newsclean[parquet]'"
        ) from exc
    return pa, pq
