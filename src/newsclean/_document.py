"""The working document that filters label and edit, and its conversion to an Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ._config import CleanConfig
from ._fix import Fix
from ._model import BLOCK_SEPARATOR, Article, Block, Edit, Removal
from ._tracked import TrackedText

if TYPE_CHECKING:
    from .dumps import Template
    from .filters._dates import DateOrderProfile

#: Roles a block can have; only "body" blocks end up in Article.blocks.
ROLES = ("body", "title", "dateline", "boilerplate")


@dataclass(eq=False)
class WorkingBlock:
    """A span of the source text with its current text, label and reason."""

    start: int
    end: int
    kind: str
    text: TrackedText
    keep: bool = True
    role: str = "body"
    filter: str | None = None
    reason: str | None = None
    language: str | None = None
    path: str | None = None

    @property
    def current(self) -> str:
        return self.text.text

    def drop(self, filter_name: str, reason: str, role: str = "boilerplate") -> None:
        """Label the block as not part of the body (it is recorded, never deleted)."""
        self.keep = False
        self.role = role
        self.filter = filter_name
        self.reason = reason


@dataclass
class Document:
    """What the pipeline steps share: the source text, its blocks and what was found so far."""

    source: str
    config: CleanConfig
    url: str | None = None
    source_format: str = "text"
    blocks: list[WorkingBlock] = field(default_factory=list)
    template: Template | None = None
    date_profile: DateOrderProfile | None = None
    title: str | None = None
    published: datetime | None = None
    published_text: str | None = None
    updated: datetime | None = None
    updated_text: str | None = None
    date_confidence: float | None = None
    date_ambiguity: str | None = None
    language: str | None = None
    language_confidence: float | None = None
    declared_language: str | None = None
    authors: tuple[str, ...] = ()
    canonical_url: str | None = None
    site_name: str | None = None
    html_tree: Any = None
    #: What the reader produced: ``dumps.Segment`` objects for text, an ``html.HtmlPage`` for HTML.
    segments: list[Any] = field(default_factory=list)
    html_page: Any = None
    warnings: list[str] = field(default_factory=list)
    #: Gaps between segments that hold text the segmenter left out (recorded, never lost).
    extra_removals: list[Removal] = field(default_factory=list)

    def add_block(
        self, start: int, end: int, kind: str, fixes: tuple[Fix, ...] = (), path: str | None = None
    ) -> WorkingBlock:
        """Append a block covering ``source[start:end]``; ``fixes`` are in source offsets."""
        tracked = TrackedText(self.source, start, end)
        if fixes:
            tracked.apply(
                [Fix(f.start - start, f.end - start, f.replacement, f.reason) for f in fixes],
                "segment",
            )
        block = WorkingBlock(start, end, kind, tracked, path=path)
        self.blocks.append(block)
        return block

    @property
    def body(self) -> list[WorkingBlock]:
        return [b for b in self.blocks if b.keep]

    def to_article(self) -> Article:
        """Freeze the document: body blocks, removals and edits in source offsets."""
        removed: list[Removal] = list(self.extra_removals)
        edits: list[Edit] = []
        body: list[Block] = []
        kept = [b for b in self.blocks if b.keep and b.current.strip()]
        kept_ids = {id(b) for b in kept}
        for block in self.blocks:
            if id(block) in kept_ids:
                continue
            reason = block.reason or "empty"
            removed.append(
                Removal(
                    self.source[block.start : block.end],
                    block.start,
                    block.end,
                    block.filter or "segment",
                    reason,
                )
            )
        edits.extend(_layout_edits(self.source, self.blocks, kept))
        for block in kept:
            body.append(Block(block.kind, block.current, block.language))
            edits.extend(block.text.edits())
        if not body:
            self.warnings.append("no_content")
        removed.sort(key=lambda r: (r.start, r.end))
        edits.sort(key=lambda e: (e.start, e.end != e.start))
        return Article(
            title=self.title,
            published=self.published,
            published_text=self.published_text,
            language=self.language,
            blocks=tuple(body),
            removed=tuple(removed),
            edits=tuple(edits),
            warnings=tuple(dict.fromkeys(self.warnings)),
            updated=self.updated,
            updated_text=self.updated_text,
            date_confidence=self.date_confidence,
            date_ambiguity=self.date_ambiguity,
            language_confidence=self.language_confidence,
            authors=self.authors,
            url=self.url,
            canonical_url=self.canonical_url,
            site_name=self.site_name,
            source_format=self.source_format,
        )


def _layout_edits(source: str, blocks: list[WorkingBlock], kept: list[WorkingBlock]) -> list[Edit]:
    """Whitespace edits that turn the gaps around kept blocks into single blank lines.

    Between two kept blocks the first whitespace run becomes the block separator and the other
    runs go; before the first and after the last kept block all whitespace goes. Removed blocks
    in a gap are covered by their own Removal records.
    """
    kept_ids = {id(b) for b in kept}
    edits: list[Edit] = []
    # Walk the gaps between consecutive blocks (kept or not), tracking whether a separator is owed.
    pos = 0
    seen_kept = False
    separator_owed = False
    pending_gaps: list[tuple[int, int]] = []

    def flush(next_is_kept: bool) -> None:
        nonlocal separator_owed
        for i, (a, b) in enumerate(pending_gaps):
            want = BLOCK_SEPARATOR if (next_is_kept and separator_owed and i == 0) else ""
            if source[a:b] != want:
                edits.append(Edit(a, b, source[a:b], want, "layout", _gap_reason(want)))
        if next_is_kept and separator_owed and not pending_gaps:
            edits.append(Edit(pos, pos, "", BLOCK_SEPARATOR, "layout", "paragraph_break"))
        pending_gaps.clear()

    for block in blocks:
        if block.start > pos:
            pending_gaps.append((pos, block.start))
        is_kept = id(block) in kept_ids
        if is_kept:
            flush(True)
            seen_kept = True
            separator_owed = True
        elif not seen_kept:
            # Gaps before the first kept block are dropped; removed blocks break the gap run so
            # the separator lands at the first gap after the previous kept block.
            flush(False)
        pos = block.end
    if pos < len(source):
        pending_gaps.append((pos, len(source)))
    flush(False)
    return edits


def _gap_reason(replacement: str) -> str:
    return "block_separator" if replacement else "strip_whitespace"
