"""Render an lxml tree into text blocks in one iterative pass (no recursion, no text_content()).

Every visible piece of text lands in exactly one block; each block remembers the element that
owns it (its nearest block-level ancestor), so the classifier can label blocks without deleting
anything from the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree as etree
import lxml.html

# Elements whose text is never shown as page text (or is not text at all).
SKIP_TAGS = frozenset(
    """script style noscript template svg math select option optgroup textarea button input
    iframe object embed canvas head title meta link audio video map datalist param source
    track base""".split()
)
BLOCK_TAGS = frozenset(
    """address article aside blockquote body center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu
    nav ol p pre section summary table tbody td tfoot th thead tr ul caption""".split()
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TABLE_PARTS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"})
_LAYOUT_CUES = (
    ".//table|.//p|.//div|.//ul|.//ol|.//h1|.//h2|.//h3|.//h4|.//blockquote|.//pre|.//article"
    "|.//section"
)
_BR = "\x00"  # parse_html removes NUL from input, so it is free to mark line breaks
_SPACE_RE = re.compile(r"\s+")
_BREAKS_RE = re.compile(r"[ \t\r\f\v]*\x00(?:[\s]*\x00)+[ \t\r\f\v]*")
_CELL_SEP = " | "


@dataclass
class RawBlock:
    """A block before labelling; mutable while the classifier fills in decisions."""

    text: str
    kind: str
    owner: lxml.html.HtmlElement
    link_len: int
    index: int = 0
    keep: bool = False
    reason: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _is_data_table(table: lxml.html.HtmlElement) -> bool:
    """A table of data (rows as text) rather than page layout (cells as containers)."""
    if (table.get("role") or "").lower() in {"presentation", "none"}:
        return False
    return not bool(table.xpath(_LAYOUT_CUES))


def _normalise(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _normalise_lines(text: str) -> str:
    lines = [_SPACE_RE.sub(" ", line).strip() for line in text.replace(_BR, "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _is_hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and "none" in style:
        compact = style.replace(" ", "").lower()
        return "display:none" in compact or "visibility:hidden" in compact
    return False


class _Renderer:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.pieces: list[tuple[str, bool]] = []
        self.link_depth = 0
        self.pre_depth = 0
        self.quote_depth = 0
        self.data_tables: dict[lxml.html.HtmlElement, bool] = {}
        self.hidden: list[lxml.html.HtmlElement] = []

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append((text, self.link_depth > 0))

    def flush(self, owner: lxml.html.HtmlElement, row: bool = False) -> None:
        if not self.pieces:
            return
        pieces, self.pieces = self.pieces, []
        tag = owner.tag
        if self.pre_depth > 0 or row:
            kind = "preformatted" if self.pre_depth > 0 and not row else "table_row"
            text = "".join(p for p, _ in pieces)
            if self.pre_depth > 0 and not row:
                lines = text.replace(_BR, "\n").strip("\n").split("\n")
                body = "\n".join(line.rstrip() for line in lines if line.strip())
            else:
                body = _normalise_lines(text)
            if body:
                link = sum(len(p.strip()) for p, is_link in pieces if is_link)
                self.blocks.append(RawBlock(body, kind, owner, link))
            return
        if tag in HEADING_TAGS:
            kind = "heading"
        elif tag in {"li", "dd", "dt"}:
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
            breaks = 0 if text.strip() else breaks
            segment.append(text)
            if is_link:
                link += len(text.strip())
        self._emit(segment, kind, owner, link)

    def _emit(self, segment: list[str], kind: str, owner: lxml.html.HtmlElement, link: int) -> None:
        text = _normalise("".join(segment))
        if text:
            self.blocks.append(RawBlock(text, kind, owner, min(link, len(text))))

    def in_data_table(self, el: lxml.html.HtmlElement) -> bool:
        for anc in el.iterancestors("table"):
            known = self.data_tables.get(anc)
            if known is None:
                known = self.data_tables[anc] = _is_data_table(anc)
            return known
        return False

    def run(self, root: lxml.html.HtmlElement) -> list[RawBlock]:
        owners: list[lxml.html.HtmlElement] = [root]
        row_owner: list[bool] = [False]
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                if event == "end":
                    self.add(el.tail)
                continue
            tag = tag.lower() if not tag.islower() else tag
            if event == "start":
                if tag in SKIP_TAGS:
                    walker.skip_subtree()
                    continue
                if tag == "br":
                    self.pieces.append((_BR, False))
                    continue
                if tag in _TABLE_PARTS and tag != "table" and self.in_data_table(el):
                    if tag == "tr":
                        self.flush(owners[-1], row_owner[-1])
                        owners.append(el)
                        row_owner.append(True)
                    elif tag in {"td", "th"}:
                        if self.pieces:
                            self.add(_CELL_SEP)
                    elif tag == "caption":
                        self.flush(owners[-1], row_owner[-1])
                        owners.append(el)
                        row_owner.append(False)
                    self.add(el.text)
                    continue
                if tag in BLOCK_TAGS:
                    self.flush(owners[-1], row_owner[-1])
                    owners.append(el)
                    row_owner.append(False)
                    if tag == "pre":
                        self.pre_depth += 1
                    elif tag == "blockquote":
                        self.quote_depth += 1
                    if _is_hidden(el):
                        self.hidden.append(el)
                elif tag == "a":
                    self.link_depth += 1
                self.add(el.text)
                continue
            # event == "end"
            if tag in SKIP_TAGS or tag == "br":
                self.add(el.tail)
                continue
            if owners[-1] is el:
                self.flush(el, row_owner[-1])
                owners.pop()
                row_owner.pop()
                if tag == "pre":
                    self.pre_depth -= 1
                elif tag == "blockquote":
                    self.quote_depth -= 1
            elif tag == "a":
                self.link_depth -= 1
            self.add(el.tail)
        self.flush(owners[-1], row_owner[-1])
        for i, block in enumerate(self.blocks):
            block.index = i
        return self.blocks


def render_blocks(
    root: lxml.html.HtmlElement,
) -> tuple[list[RawBlock], list[lxml.html.HtmlElement]]:
    """Return the page's blocks in document order and the hidden block-level elements."""
    renderer = _Renderer()
    blocks = renderer.run(root)
    return blocks, renderer.hidden


def element_path(el: lxml.html.HtmlElement, stop: lxml.html.HtmlElement | None = None) -> str:
    """A short path like ``body/div[2]/article/p[3]`` (index among same-tag siblings, 1-based)."""
    parts: list[str] = []
    node: lxml.html.HtmlElement | None = el
    while node is not None and node is not stop:
        parent = node.getparent()
        tag = node.tag if isinstance(node.tag, str) else "node"
        if tag == "html" and parent is None:
            break
        if parent is not None:
            same = [c for c in parent.iterchildren(tag)]
            if len(same) > 1:
                tag = f"{tag}[{same.index(node) + 1}]"
        parts.append(tag)
        node = parent
        if len(parts) > 64:
            parts.append("...")
            break
    return "/".join(reversed(parts)) or "html"
