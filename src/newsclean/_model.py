"""The output model: an :class:`Article` with its blocks and its audit trail.

Offsets in :class:`Removal` and :class:`Edit` refer to the document's *source text*: the input
after decoding and newline normalisation (for HTML input, the page rendered as text blocks, see
``docs/audit.md``). Replaying the removals and edits on that text gives :attr:`Article.text`
exactly (:func:`replay`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

from ._errors import InputError

BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table_row", "preformatted"]
BLOCK_KINDS: frozenset[str] = frozenset(
    ("paragraph", "heading", "list_item", "quote", "table_row", "preformatted")
)

#: Separator between blocks in :attr:`Article.text`.
BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One unit of the article body."""

    kind: str
    text: str
    language: str | None = None


@dataclass(frozen=True)
class Removal:
    """A span of the source text that is not part of the article, and why."""

    text: str
    start: int
    end: int
    filter: str
    reason: str


@dataclass(frozen=True)
class Edit:
    """A whitespace or punctuation-spacing change: ``source[start:end]`` became ``after``."""

    start: int
    end: int
    before: str
    after: str
    filter: str
    reason: str


@dataclass(frozen=True)
class Article:
    """A cleaned article.

    ``published`` is timezone-aware when the source gave a zone or offset. ``removed`` and
    ``edits`` are sorted by offset and never overlap.
    """

    title: str | None = None
    published: datetime | None = None
    published_text: str | None = None
    language: str | None = None
    blocks: tuple[Block, ...] = ()
    removed: tuple[Removal, ...] = ()
    edits: tuple[Edit, ...] = ()
    warnings: tuple[str, ...] = ()
    updated: datetime | None = None
    updated_text: str | None = None
    date_confidence: float | None = None
    date_ambiguity: str | None = None
    language_confidence: float | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    source_format: str = "text"

    @property
    def text(self) -> str:
        """The body: block texts joined by blank lines."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict; :meth:`from_dict` restores an equal Article."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif f.name == "blocks":
                value = [_block_to_dict(b) for b in value]
            elif f.name == "removed":
                value = [_plain(r) for r in value]
            elif f.name == "edits":
                value = [_plain(e) for e in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Rebuild an Article from :meth:`to_dict` output (unknown keys are ignored)."""
        try:
            return cls(
                title=data.get("title"),
                published=_parse_datetime(data.get("published")),
                published_text=data.get("published_text"),
                language=data.get("language"),
                blocks=tuple(Block(**b) for b in data.get("blocks", ())),
                removed=tuple(Removal(**r) for r in data.get("removed", ())),
                edits=tuple(Edit(**e) for e in data.get("edits", ())),
                warnings=tuple(data.get("warnings", ())),
                updated=_parse_datetime(data.get("updated")),
                updated_text=data.get("updated_text"),
                date_confidence=data.get("date_confidence"),
                date_ambiguity=data.get("date_ambiguity"),
                language_confidence=data.get("language_confidence"),
                authors=tuple(data.get("authors", ())),
                url=data.get("url"),
                canonical_url=data.get("canonical_url"),
                site_name=data.get("site_name"),
                source_format=data.get("source_format", "text"),
            )
        except (TypeError, ValueError) as exc:
            raise InputError(f"not an Article dict: {exc}") from exc


def _block_to_dict(block: Block) -> dict[str, Any]:
    return {"kind": block.kind, "text": block.text, "language": block.language}


def _plain(obj: Removal | Edit) -> dict[str, Any]:
    return {f.name: getattr(obj, f.name) for f in fields(obj)}


def _parse_datetime(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class _Op:
    start: int
    end: int
    after: str
    order: int = field(default=0)


def replay(source: str, removed: Iterable[Removal], edits: Iterable[Edit]) -> str:
    """Apply an article's audit trail to its source text.

    This is the audit contract: ``replay(source, a.removed, a.edits) == a.text``. Characters not
    covered by a removal or an edit are copied unchanged, so nothing can vanish unrecorded.
    """
    ops = [_Op(r.start, r.end, "", i) for i, r in enumerate(removed)]
    ops += [_Op(e.start, e.end, e.after, len(ops) + i) for i, e in enumerate(edits)]
    # Insertions sort before a span starting at the same offset; ties keep recording order.
    ops.sort(key=lambda op: (op.start, op.end != op.start, op.order))
    out: list[str] = []
    pos = 0
    for op in ops:
        if op.start < pos or op.end < op.start or op.end > len(source):
            raise InputError(f"overlapping or out-of-range audit span {op.start}-{op.end}")
        out.append(source[pos : op.start])
        out.append(op.after)
        pos = op.end
    out.append(source[pos:])
    return "".join(out)
