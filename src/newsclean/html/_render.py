"""Render an lxml tree into text blocks in one iterative pass (no recursion, no text_content()).

Every visible piece of text lands in exactly one block; each block remembers the element that
owns it (its nearest block-level ancestor), so the classifier can label blocks without deleting
anything from the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree as etree

# Elements whose text is never shown as page text (or is not text at all).
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "annotation",
        "annotation-xml",
        "select",
        "option",
        "optgroup",
        "textarea",
        "button",
        "input",
        "iframe",
        "object",
        "embed",
        "canvas",
        "head",
        "title",
        "meta",
        "link",
        "audio",
        "video",
        "map",
        "datalist",
        "param",
        "source",
        "track",
        "base",
    ]
)
# Everything that is not inline is treated as a block (custom elements included: modern pages
# wrap articles in <article-body>-like tags).
INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "nobr",
        "output",
        "picture",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
# MathML renders inline with the sentence around it; its TeX annotations are not shown.
INLINE_TAGS = INLINE_TAGS | frozenset(
    [
        "math",
        "mi",
        "mo",
        "mn",
        "ms",
        "mtext",
        "mrow",
        "msup",
        "msub",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "mstyle",
        "mspace",
        "mpadded",
        "mphantom",
        "mfenced",
        "menclose",
        "munder",
        "mover",
        "munderover",
        "mtable",
        "mtr",
        "mtd",
        "mlabeledtr",
        "semantics",
    ]
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"})
_LAYOUT_CUES = (
    ".//table|.//p|.//div|.//ul|.//ol|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//pre|.//article"
    "|.//section"
)
_LIST_TAGS = frozenset({"li", "dd", "dt"})
_CELL_TAGS = frozenset({"td", "th"})
_COMMA_RE = re.compile("[,\uff0c\u3001\u060c]")
_BR = "\x00"  # parse_html removes NUL from input, so it is free to mark line breaks
_SPACE_RE = re.compile(r"\s+")
_CELL_SEP = " | "


@dataclass
class RawBlock:
    """A block before labelling; mutable while the classifier fills in decisions."""

    text: str
    kind: str
    owner: etree._Element
    link_len: int
    chain: tuple[etree._Element, ...] = ()
    commas: int = 0
    hidden: bool = False
    index: int = 0
    keep: bool = False
    reason: str = ""


class NodeStats:
    """Text facts about one block-level element's whole subtree, summed bottom-up once."""

    __slots__ = ("commas", "links", "score", "scored", "text")

    def __init__(self) -> None:
        self.text = 0
        self.links = 0
        self.commas = 0
        self.score = 0.0
        self.scored = False


def _is_data_table(table: etree._Element) -> bool:
    """A table of data (rows as text) rather than page layout (cells as containers)."""
    if (table.get("role") or "").lower() in {"presentation", "none"}:
        return False
    return not bool(table.xpath(_LAYOUT_CUES))


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _normalise_lines(text: str) -> str:
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.replace(_BR, "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _is_hidden(el: etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and ("none" in style or "hidden" in style):
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


_MAYBE_HIDDEN = etree.XPath(
    "//*[@hidden or @aria-hidden='true' or contains(@style,'none') or contains(@style,'hidden')]"
)


def _after_text(pieces: list[tuple[str, bool]]) -> bool:
    """Whether the row so far ends with visible text (not with a separator or nothing)."""
    for text, _ in reversed(pieces):
        if text == _CELL_SEP:
            return False
        if text != _BR and not text.isspace():
            return True
    return False


def _drop_trailing_separator(pieces: list[tuple[str, bool]]) -> None:
    while pieces and (pieces[-1][0] == _BR or pieces[-1][0].isspace()):
        pieces.pop()
    if pieces and pieces[-1][0] == _CELL_SEP:
        pieces.pop()


def _is_link(el: etree._Element) -> bool:
    """A real hyperlink: an anchor without href or with a script href is plain text."""
    href = el.get("href")
    return href is not None and not href.lstrip().lower().startswith("javascript:")


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.pieces: list[tuple[str, bool]] = []
        self.pre_depth = 0
        self.quote_depth = 0
        self.hidden: list[etree._Element] = []
        self.stats: dict[etree._Element, NodeStats] = {}
        self.owners: list[etree._Element] = []
        self.hidden_depth = 0

    def flush(self, owner: etree._Element, row: bool = False) -> None:
        # Copy and clear in place: run() holds a bound append on this very list.
        pieces = self.pieces[:]
        self.pieces.clear()
        tag = owner.tag
        if self.pre_depth > 0 or row:
            kind = "preformatted" if self.pre_depth > 0 and not row else "table_row"
            if row:
                _drop_trailing_separator(pieces)
            text = "".join(p for p, _ in pieces)
            if self.pre_depth > 0 and not row:
                lines = text.replace(_BR, "\n").strip("\n").split("\n")
                body = "\n".join(line.rstrip() for line in lines if line.strip())
            else:
                body = _normalise_lines(text)
            if body:
                link = sum(len(p.strip()) for p, is_link in pieces if is_link)
                self._add_block(body, kind, owner, link)
            return
        if tag in HEADING_TAGS:
            kind = "heading"
        elif tag in _LIST_TAGS:
            kind = "list_item"
        elif self.quote_depth > 0:
            kind = "quote"
        else:
            kind = "paragraph"
        # Split on runs of two or more <br>: old pages separate paragraphs that way.
        segment: list[str] = []
        link = 0
        breaks = 0
        for text, is_link in pieces:
            if text == _BR:
                breaks += 1
                segment.append(" ")
                continue
            if breaks >= 2 and segment:
                self._emit(segment, kind, owner, link)
                segment, link = [], 0
            if not text.isspace():
                breaks = 0
            segment.append(text)
            if is_link:
                link += len(text.strip())
        self._emit(segment, kind, owner, link)

    def _emit(self, segment: list[str], kind: str, owner: etree._Element, link: int) -> None:
        text = _normalise("".join(segment))
        if text:
            self._add_block(text, kind, owner, min(link, len(text)))

    def _add_block(self, text: str, kind: str, owner: etree._Element, link: int) -> None:
        chain = tuple(reversed(self.owners))
        if chain[0] is not owner:
            chain = (owner, *chain)
        commas = len(_COMMA_RE.findall(text))
        self.blocks.append(RawBlock(text, kind, owner, link, chain, commas, self.hidden_depth > 0))
        st = self.stats[owner]
        st.text += len(text)
        st.links += link
        st.commas += commas

    def run(self, root: etree._Element) -> list[RawBlock]:
        owners = self.owners
        owners.append(root)
        stats = self.stats
        stats[root] = NodeStats()
        rows: list[bool] = [False]
        hidden_owners: set[etree._Element] = set()
        link_anchors: set[etree._Element] = set()
        skipped: set[etree._Element] = set()
        # One XPath (in C) finds the few elements that may be hidden; the walk then only
        # tests membership instead of reading three attributes on every element.
        found = _MAYBE_HIDDEN(root)
        maybe_hidden: set[etree._Element] = set()
        if isinstance(found, list):
            maybe_hidden = {el for el in found if isinstance(el, etree._Element)}
        pieces = self.pieces
        append = pieces.append
        link_depth = 0
        # Whether each enclosing <table> holds data (rows as text) or layout, innermost last.
        tables: list[bool] = []
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if tag.__class__ is not str:
                if event == "end" and el.tail:
                    append((el.tail, link_depth > 0))
                continue
            if event == "start":
                if tag in SKIP_TAGS:
                    walker.skip_subtree()
                    continue
                if tag in INLINE_TAGS:
                    if maybe_hidden and el in maybe_hidden and _is_hidden(el):
                        # Invisible inline text (screen-reader copies, MathML behind an image):
                        # not page text. Its tail is visible and is kept at the end event.
                        walker.skip_subtree()
                        skipped.add(el)
                        continue
                    if tag == "a" and _is_link(el):
                        link_depth += 1
                        link_anchors.add(el)
                    elif tag == "br":
                        append((_BR, False))
                        continue
                    text = el.text
                    if text and (pieces or not text.isspace()):
                        append((text, link_depth > 0))
                    continue
                if tag == "table":
                    tables.append(_is_data_table(el))
                elif tag in _TABLE_PARTS and tables and tables[-1]:
                    if tag == "tr" or tag == "caption":
                        if pieces:
                            self.flush(owners[-1], rows[-1])
                        owners.append(el)
                        stats[el] = NodeStats()
                        rows.append(tag == "tr")
                    elif tag in _CELL_TAGS and _after_text(pieces):
                        # Empty cells (spacers, image-only cells) get no separator of their
                        # own: a row is its cells' text, not a run of bare " | ".
                        append((_CELL_SEP, False))
                    if el.text:
                        append((el.text, link_depth > 0))
                    continue
                if pieces:
                    self.flush(owners[-1], rows[-1])
                owners.append(el)
                stats[el] = NodeStats()
                rows.append(False)
                if tag == "pre":
                    self.pre_depth += 1
                elif tag == "blockquote":
                    self.quote_depth += 1
                if maybe_hidden and el in maybe_hidden and _is_hidden(el):
                    self.hidden.append(el)
                    self.hidden_depth += 1
                    hidden_owners.add(el)
                text = el.text
                if text and not text.isspace():
                    append((text, link_depth > 0))
                continue
            # event == "end"
            if tag == "table" and tables:
                tables.pop()
            if owners[-1] is el:
                if pieces:
                    self.flush(el, rows[-1])
                owners.pop()
                rows.pop()
                st = stats[el]
                parent_st = stats[owners[-1]]
                parent_st.text += st.text
                parent_st.links += st.links
                parent_st.commas += st.commas
                if tag == "pre":
                    self.pre_depth -= 1
                elif tag == "blockquote":
                    self.quote_depth -= 1
                if el in hidden_owners:
                    self.hidden_depth -= 1
            elif el in link_anchors:
                link_depth -= 1
            tail = el.tail
            if tail and (pieces or not tail.isspace()):
                append((tail, link_depth > 0))
        if pieces:
            self.flush(owners[-1], rows[-1])
        for i, block in enumerate(self.blocks):
            block.index = i
        return self.blocks


@dataclass
class Rendered:
    blocks: list[RawBlock]
    hidden: list[etree._Element]
    stats: dict[etree._Element, NodeStats]


def render_blocks(root: etree._Element) -> Rendered:
    """Render the page's blocks in document order, with per-element subtree statistics."""
    body = root.find("body")
    renderer = _Renderer()
    blocks = renderer.run(body if body is not None else root)
    return Rendered(blocks, renderer.hidden, renderer.stats)
