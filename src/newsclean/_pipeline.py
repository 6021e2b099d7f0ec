"""The pipeline: a plain sequence of filters over a working :class:`Document`, and ``clean()``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, overload, runtime_checkable

from ._config import CleanConfig
from ._document import Document
from ._errors import ConfigError, EmptyDocumentError
from ._input import check_size, decode_text, normalize_newlines, sniff_format
from ._model import Article, Removal

if TYPE_CHECKING:
    from .dumps import Template
    from .filters._dates import DateOrderProfile


@runtime_checkable
class Filter(Protocol):
    """One pipeline step.

    ``name`` is what the audit trail records; ``switch`` names the :class:`CleanConfig` field
    that turns the step on or off (empty: always on). A step labels or edits the document's
    blocks in place and never deletes one.
    """

    @property
    def name(self) -> str: ...

    @property
    def switch(self) -> str: ...

    def __call__(self, doc: Document) -> None: ...


class Pipeline(Sequence[Filter]):
    """An ordered, immutable sequence of filters. Build variants with ``without``/``replace``."""

    __slots__ = ("_steps",)

    def __init__(self, steps: Sequence[Filter] = ()) -> None:
        for step in steps:
            if not isinstance(step, Filter):
                raise ConfigError(f"{step!r} is not a Filter (needs name, switch and __call__)")
        self._steps = tuple(steps)

    @overload
    def __getitem__(self, index: int) -> Filter: ...
    @overload
    def __getitem__(self, index: slice) -> Pipeline: ...
    def __getitem__(self, index: int | slice) -> Filter | Pipeline:
        if isinstance(index, slice):
            return Pipeline(self._steps[index])
        return self._steps[index]

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Filter]:
        return iter(self._steps)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(step.name for step in self._steps)}])"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(step.name for step in self._steps)

    def without(self, *names: str) -> Pipeline:
        """A copy without the named steps."""
        return Pipeline([s for s in self._steps if s.name not in names])

    def replace(self, name: str, step: Filter) -> Pipeline:
        """A copy with the step called ``name`` replaced by ``step``."""
        if name not in self.names:
            raise ConfigError(f"no step named {name!r} in {self!r}")
        return Pipeline([step if s.name == name else s for s in self._steps])

    def run(self, doc: Document) -> Document:
        """Run each enabled step over ``doc`` in order."""
        for step in self._steps:
            if not step.switch or getattr(doc.config, step.switch, True):
                step(doc)
        return doc


def default_pipeline() -> Pipeline:
    """The standard steps, in order: normalize, boilerplate, foreign_script, dates, rejoin,
    spacing, language."""
    from .filters._steps import (
        DetectLanguage,
        ExtractDates,
        NormalizeText,
        RejoinGluedBlocks,
        RemoveBoilerplate,
        RemoveForeignScript,
        RepairSpacing,
    )

    return Pipeline(
        [
            NormalizeText(),
            RemoveBoilerplate(),
            RemoveForeignScript(),
            ExtractDates(),
            RejoinGluedBlocks(),
            RepairSpacing(),
            DetectLanguage(),
        ]
    )


_DEFAULT_PIPELINE: Pipeline | None = None


def _default() -> Pipeline:
    global _DEFAULT_PIPELINE
    if _DEFAULT_PIPELINE is None:
        _DEFAULT_PIPELINE = default_pipeline()
    return _DEFAULT_PIPELINE


def load_document(
    raw: str | bytes,
    *,
    url: str | None = None,
    config: CleanConfig | None = None,
    template: Template | None = None,
    date_profile: DateOrderProfile | None = None,
) -> Document:
    """Decode ``raw``, sniff its format and split it into labelled-to-be blocks."""
    config = config or CleanConfig()
    check_size(raw, config)
    fmt = sniff_format(raw, config)
    if fmt == "html":
        return _load_html(raw, url=url, config=config, template=template, date_profile=date_profile)
    if isinstance(raw, (bytes, bytearray)):
        text, encoding = decode_text(bytes(raw), charset=config.http_charset)
        warnings = [] if encoding.startswith("utf-") else [f"decoded_as:{encoding}"]
    else:
        text, warnings = raw, []
    source = normalize_newlines(text)
    if not source.strip():
        raise EmptyDocumentError("the document holds no text")
    doc = Document(
        source=source,
        config=config,
        url=url,
        template=template,
        date_profile=date_profile,
        warnings=warnings,
    )
    from .dumps import segment_dump

    doc.segments = segment_dump(source)
    pos = 0
    for segment in doc.segments:
        _record_unsegmented(doc, pos, segment.start)
        doc.add_block(segment.start, segment.end, segment.kind, tuple(segment.fixes))
        pos = segment.end
    _record_unsegmented(doc, pos, len(source))
    return doc


def _record_unsegmented(doc: Document, start: int, end: int) -> None:
    gap = doc.source[start:end]
    if gap.strip():
        # The segmenter promises to cover all visible text; if it ever does not, keep the
        # promise of the audit trail instead of losing the characters.
        doc.extra_removals.append(Removal(gap, start, end, "segment", "unsegmented_text"))
        doc.warnings.append("unsegmented_text")


def _load_html(
    raw: str | bytes,
    *,
    url: str | None,
    config: CleanConfig,
    template: Template | None,
    date_profile: DateOrderProfile | None,
) -> Document:
    from .html import extract_html

    page = extract_html(raw, url=url, http_charset=config.http_charset, max_bytes=config.max_bytes)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for block in page.blocks:
        if parts:
            pos += 2
        spans.append((pos, pos + len(block.text)))
        parts.append(block.text)
        pos += len(block.text)
    source = "\n\n".join(parts)
    doc = Document(
        source=source,
        config=config,
        url=url,
        source_format="html",
        template=template,
        date_profile=date_profile,
        warnings=list(page.warnings),
    )
    for block, (start, end) in zip(page.blocks, spans, strict=True):
        kind = block.kind if block.kind != "title" else "heading"
        doc.add_block(start, end, kind, path=block.path)
    doc.html_page = page
    doc.html_tree = page.tree
    doc.title = page.title
    doc.authors = tuple(page.authors)
    doc.canonical_url = page.canonical_url
    doc.site_name = page.site_name
    doc.declared_language = page.declared_language
    return doc


def clean(
    raw: str | bytes,
    *,
    url: str | None = None,
    config: CleanConfig | None = None,
    template: Template | None = None,
    date_profile: DateOrderProfile | None = None,
    pipeline: Pipeline | None = None,
    **options: Any,
) -> Article:
    """Clean one document (a text dump or an HTML page) into an :class:`Article`.

    ``options`` are :class:`CleanConfig` field names and override ``config``. ``template`` is a
    site template from :func:`learn_template`; ``date_profile`` a site's learned day/month order.
    Raises a :class:`NewscleanError` subclass for input that cannot be processed.
    """
    config = (config or CleanConfig()).with_options(options)
    doc = load_document(raw, url=url, config=config, template=template, date_profile=date_profile)
    (pipeline if pipeline is not None else _default()).run(doc)
    return doc.to_article()
