"""Raw HTML in, labelled blocks and metadata out."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as etree
import lxml.html

from newsclean._errors import InputError, InputTooLargeError
from newsclean.html._decode import decode_html
from newsclean.html._extract import classify
from newsclean.html._metadata import normalise_title, read_metadata
from newsclean.html._parse import DEFAULT_MAX_DEPTH, parse_html
from newsclean.html._render import RawBlock, render_blocks

BLOCK_KINDS = frozenset(
    {"paragraph", "heading", "list_item", "quote", "table_row", "preformatted", "title"}
)


@dataclass(frozen=True)
class HtmlBlock:
    """One block of page text, in document order, with the decision taken about it.

    ``text`` is whitespace-normalised (line breaks kept only in ``preformatted`` and
    ``table_row``), never empty and never contains a blank line. ``path`` locates the element
    (``body/div[2]/article/p[3]``); ``reason`` says why the block is kept or removed.
    """

    text: str
    kind: str
    path: str
    keep: bool
    reason: str


@dataclass(frozen=True)
class HtmlPage:
    """The article found in an HTML page, plus every other block labelled as removed."""

    blocks: tuple[HtmlBlock, ...]
    title: str | None
    title_source: str | None
    authors: tuple[str, ...]
    canonical_url: str | None
    site_name: str | None
    declared_language: str | None
    description: str | None
    tree: lxml.html.HtmlElement | None
    warnings: tuple[str, ...]
    encoding: str
    encoding_source: str

    @property
    def body(self) -> str:
        """The kept blocks joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.keep)

    @property
    def source_text(self) -> str:
        """All blocks, kept and removed, joined by blank lines (what removals refer to)."""
        return "\n\n".join(b.text for b in self.blocks)


_SNIFF_CHARS = 2048
_START_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml)", re.I | re.S)
_DOCUMENT_TAG_RE = re.compile(r"<(?:html|head|body)[\s>]", re.I)
_BLOCK_TAG_RE = re.compile(
    r"<(?:p|div|br|li|ul|ol|table|tr|td|h[1-6]|body|head|meta|span|a\s+href|article|section|"
    r"script|link|img)\b[^>]*>",
    re.I,
)


def looks_like_html(raw: str | bytes) -> bool:
    """Cheap sniff: markup at the start, or distinct tags on most lines of the first kilobytes."""
    head = raw[: _SNIFF_CHARS * 2]
    text = head.decode("latin-1") if isinstance(head, (bytes, bytearray)) else head
    text = text.lstrip("\ufeff\xef\xbb\xbf")
    if _START_RE.match(text):
        return True
    tags = _BLOCK_TAG_RE.findall(text)
    if len(tags) < 4 or len({t.split()[0].rstrip(">").lower() for t in tags}) < 2:
        return False
    if text.lstrip().startswith("<") or _DOCUMENT_TAG_RE.search(text):
        return True
    # A text dump can print markup the page left as text (a noscript fallback, an ad snippet):
    # it starts with the page's words, and its markup stands on a few of its lines; an HTML
    # fragment that opens with a word still has tags on most lines.
    lines = [line for line in text.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _BLOCK_TAG_RE.search(line))
    return 2 * tagged >= len(lines)


def _mark_title(blocks: list[RawBlock], title: str | None) -> None:
    """Label the in-body copy of the title (usually the h1) so the body does not repeat it."""
    if not title:
        return
    key = normalise_title(title)
    if not key:
        return
    best: RawBlock | None = None
    for block in blocks:
        if len(block.text) > 2 * len(title) + 20:
            continue
        text_key = normalise_title(block.text)
        if not text_key:
            continue
        exact = text_key == key
        close = block.kind == "heading" and (
            (len(text_key) >= 15 and text_key in key) or (len(key) >= 15 and key in text_key)
        )
        if exact or close:
            if block.owner.tag == "h1" or best is None:
                best = block
            if block.owner.tag == "h1" and block.keep:
                break
    if best is None:
        return
    in_content = best.keep
    best.kind, best.keep, best.reason = "title", False, "title"
    if not in_content:
        return
    # Kickers, section labels and breadcrumbs sit above the headline; the article starts below.
    for block in blocks[: best.index]:
        if block.keep and len(block.text) < 100:
            block.keep, block.reason = False, "before_title"


# The root's own step: "/html", or "/html[1]" when the document has a sibling node at the top.
_ROOT_STEP_RE = re.compile(r"^/(?:html(?:\[\d+\])?(?:/|$))?")


def _paths(blocks: list[RawBlock], root: etree._Element) -> list[str]:
    # libxml2 builds the same short paths (a [n] index only among several same-tag siblings)
    # in C, faster than any Python walk; the leading "/html" is dropped.
    getpath = root.getroottree().getpath
    paths = []
    for block in blocks:
        paths.append(_ROOT_STEP_RE.sub("", getpath(block.owner)))
    return paths


def extract_html(
    raw: bytes | str,
    *,
    url: str | None = None,
    http_charset: str | None = None,
    max_bytes: int = 20_000_000,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> HtmlPage:
    """Decode, parse and label ``raw``; raise :class:`InputTooLargeError` above ``max_bytes``."""
    if not isinstance(raw, (bytes, bytearray, memoryview, str)):
        raise InputError(f"expected bytes or str, got {type(raw).__name__}")
    if isinstance(raw, str):
        # Encoding only to measure is wasted work when even 4 bytes a character fit.
        size = len(raw) if len(raw) * 4 <= max_bytes else len(raw.encode("utf-8", "replace"))
    else:
        size = len(raw)
    if size > max_bytes:
        raise InputTooLargeError(f"HTML document has {size} bytes, above the limit of {max_bytes}")
    text, encoding, encoding_source = decode_html(raw, http_charset=http_charset)
    root, warnings = parse_html(text, max_depth=max_depth, max_chars=max(max_bytes, 1))
    rendered = render_blocks(root)
    blocks = rendered.blocks
    classify(rendered, root)
    headings = [b.text for b in blocks if b.owner.tag == "h1"]
    bylines = [b.text for b in blocks if b.reason.endswith("byline")]
    meta = read_metadata(root, url=url, headings=headings, byline_texts=bylines)
    _mark_title(blocks, meta.title)
    paths = _paths(blocks, root)
    out = tuple(
        HtmlBlock(text=b.text, kind=b.kind, path=p, keep=b.keep, reason=b.reason)
        for b, p in zip(blocks, paths, strict=True)
    )
    return HtmlPage(
        blocks=out,
        title=meta.title,
        title_source=meta.title_source,
        authors=meta.authors,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
        declared_language=meta.declared_language,
        description=meta.description,
        tree=root,
        warnings=tuple(warnings),
        encoding=encoding,
        encoding_source=encoding_source,
    )
