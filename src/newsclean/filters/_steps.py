"""The default pipeline's steps: thin adapters from the pure functions to the working document.

Each step's ``name`` is what ``Removal.filter`` / ``Edit.filter`` record; ``switch`` is the
:class:`~newsclean.CleanConfig` field that turns it off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .._document import Document, WorkingBlock

if TYPE_CHECKING:
    from ..dumps import DumpOptions


@dataclass(frozen=True)
class NormalizeText:
    """Unicode repair inside every block (NFC, mojibake, invisible characters, spaces)."""

    name: ClassVar[str] = "normalize"
    switch: ClassVar[str] = "normalize_text"

    def __call__(self, doc: Document) -> None:
        from ._unicode import find_text_normalization_fixes

        for block in doc.blocks:
            block.text.apply(find_text_normalization_fixes(block.current), self.name)


@dataclass(frozen=True)
class RemoveBoilerplate:
    """Label menus, share bars, related links, footers... and find the title block.

    ``options`` tune the text-dump classifier (``DumpOptions``: thresholds, the block model).
    """

    name: ClassVar[str] = "boilerplate"
    switch: ClassVar[str] = "remove_boilerplate"
    options: DumpOptions | None = None

    def __call__(self, doc: Document) -> None:
        if doc.html_page is not None:
            self._label_html(doc)
            return
        from ..dumps import classify_segments
        from ..dumps._title import article_title

        labels = classify_segments(
            doc.source,
            doc.segments,
            language=doc.config.language_hint or doc.declared_language,
            template=doc.template,
            options=self.options,
        )
        if doc.title is None:
            # The title block may be the page's <title> line, whose site name is not the title's.
            title_index = next((i for i, lab in enumerate(labels) if lab.role == "title"), None)
            doc.title = article_title([b.current for b in doc.blocks], title_index)
        for block, label in zip(doc.blocks, labels, strict=True):
            if label.role == "title":
                block.drop("title", "title", role="title")
            elif not label.keep:
                block.drop("template" if label.reason == "template" else self.name, label.reason)

    def _label_html(self, doc: Document) -> None:
        for block, html_block in zip(doc.blocks, doc.html_page.blocks, strict=True):
            if html_block.kind == "title" or html_block.reason == "title":
                block.drop("title", "title", role="title")
            elif not html_block.keep:
                block.drop("html", _path_reason(html_block.reason, html_block.path))


def _path_reason(reason: str, path: str | None) -> str:
    return f"{reason} at {path}" if path else reason


@dataclass(frozen=True)
class RejoinGluedBlocks:
    """Rejoin body blocks that the segmenter split at a glued boundary ("end.Next").

    Splitting there lets the classifier cut a menu glued to a paragraph; when both halves are
    article text they become one block again, and the spacing step repairs the glue in place.
    """

    name: ClassVar[str] = "rejoin"
    switch: ClassVar[str] = ""

    def __call__(self, doc: Document) -> None:
        merged: list[WorkingBlock] = []
        for block in doc.blocks:
            prev = merged[-1] if merged else None
            if (
                prev is not None
                and prev.keep
                and block.keep
                and prev.end == block.start
                and prev.role == block.role == "body"
            ):
                prev.text.extend(block.text)
                prev.end = block.end
                continue
            merged.append(block)
        doc.blocks = merged


@dataclass(frozen=True)
class RemoveForeignScript:
    """Drop header and footer blocks written in a script other than the article's."""

    name: ClassVar[str] = "foreign_script"
    switch: ClassVar[str] = "remove_foreign_script"
    #: How many already-cut blocks next to the body are re-examined on each side.
    edge_reach: int = 8

    def __call__(self, doc: Document) -> None:
        from ..dumps import find_foreign_script_edges

        blocks = doc.blocks
        kept = [i for i, b in enumerate(blocks) if b.keep]
        if not kept:
            return
        first, last = kept[0], kept[-1]
        # Boilerplate already cut outside the body is walked too, so that a footer in another
        # script is recorded with the more telling reason.
        considered = [
            b.keep
            or (
                b.role == "boilerplate"
                and (first - self.edge_reach <= i < first or last < i <= last + self.edge_reach)
            )
            for i, b in enumerate(blocks)
        ]
        for index in find_foreign_script_edges([b.current for b in blocks], considered):
            blocks[index].drop(self.name, "foreign_script")


@dataclass(frozen=True)
class ExtractDates:
    """Find the publication date (and update date); drop a block that is only a dateline."""

    name: ClassVar[str] = "dates"
    switch: ClassVar[str] = "extract_dates"

    def __call__(self, doc: Document) -> None:
        from ._dates import find_publication_date, is_dateline_block
        from ._dates_html import find_html_publication_date

        config = doc.config
        # Month names and the day/month order depend on the language; the language step runs
        # later (on the final blocks), so a page that does not declare one gets a guess here.
        language = config.language_hint or doc.declared_language or _body_language(doc)
        finding = None
        if doc.html_tree is not None:
            finding = find_html_publication_date(
                doc.html_tree,
                url=doc.url,
                date_order=config.date_order,
                language=language,
                reference_time=config.reference_time,
            )
        if finding is None or finding.published is None:
            title_index = next((i for i, b in enumerate(doc.blocks) if b.role == "title"), None)
            text_finding = find_publication_date(
                [b.current for b in doc.blocks],
                title_index=title_index,
                date_order=config.date_order,
                language=language,
                reference_time=config.reference_time,
                site_profile=doc.date_profile,
                url=doc.url,
            )
            if text_finding is not None and text_finding.published is not None:
                finding = text_finding
        if finding is None:
            return
        published, updated = finding.published, finding.updated
        if published is not None:
            doc.published = published.value
            doc.published_text = published.text
            doc.date_confidence = published.confidence
            doc.date_ambiguity = published.ambiguity
        if updated is not None:
            doc.updated = updated.value
            doc.updated_text = updated.text
        index = finding.block_index
        if index is not None and 0 <= index < len(doc.blocks):
            block = doc.blocks[index]
            # A dateline may already be cut as boilerplate; "dateline" is the telling reason.
            if block.role in ("body", "boilerplate") and is_dateline_block(block.current):
                block.drop(self.name, "dateline", role="dateline")


def _body_language(doc: Document) -> str | None:
    from ._langid import identify_document_language

    return identify_document_language([b.current for b in doc.blocks if b.keep]).language


@dataclass(frozen=True)
class RepairSpacing:
    """Insert the missing space at glued sentence boundaries in body blocks."""

    name: ClassVar[str] = "spacing"
    switch: ClassVar[str] = "repair_spacing"

    def __call__(self, doc: Document) -> None:
        from ._spacing import find_sentence_spacing_fixes

        for block in doc.blocks:
            if block.keep:
                block.text.apply(find_sentence_spacing_fixes(block.current), self.name)


@dataclass(frozen=True)
class DetectLanguage:
    """The article's language from its body, and each block's own language."""

    name: ClassVar[str] = "language"
    switch: ClassVar[str] = "detect_language"

    def __call__(self, doc: Document) -> None:
        from ._langid import identify_block_languages, identify_document_language

        body = [b for b in doc.blocks if b.keep]
        guess = identify_document_language(
            [b.current for b in body], hint=doc.config.language_hint, prior=doc.declared_language
        )
        doc.language = guess.language
        doc.language_confidence = round(guess.confidence, 4) if guess.language else None
        if guess.language is None and body:
            doc.warnings.append(f"language_undetermined:{guess.reason or 'no_evidence'}")
        # Only body blocks reach the Article, so only they are worth a per-block guess.
        block_guesses = identify_block_languages([b.current for b in body])
        for block, block_guess in zip(body, block_guesses, strict=True):
            block.language = block_guess.language
