"""Safe HTML parsing: no entity expansion, no network, bounded size, bounded depth, no silent loss.

libxml2 stops building the tree below 256 levels (2048 with ``huge_tree``) and silently drops the
rest of the document. We parse with ``huge_tree`` (safe here: entities are never resolved and the
input size is capped before parsing), then flatten everything below ``max_depth`` into its ancestor
at that depth, with a recorded warning. When a page is deeper than even libxml2's huge limit, its
markup is pre-flattened with a tag scanner before parsing, so text below the limit survives too.
If lxml cannot build a tree at all, BeautifulSoup (``html.parser``) is the fallback.
"""

from __future__ import annotations

import re
import threading
from typing import cast

import lxml.etree as etree
import lxml.html

from newsclean._errors import InputError, InputTooLargeError
from newsclean.html._decode import strip_xml_declaration

DEFAULT_MAX_DEPTH = 256
DEFAULT_MAX_CHARS = 20_000_000
# libxml2's hard depth limit with XML_PARSE_HUGE; a tree this deep has lost content.
_LIBXML_HUGE_DEPTH = 2040

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    ]
)
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_TAG_RE = re.compile(r"<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
_RAW_TEXT_RE = re.compile(r"<(script|style|textarea)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)


def _make_parser() -> etree.HTMLParser:
    # HTML has no DTD-defined entities to expand, and no_network forbids any fetch.
    parser = etree.HTMLParser(
        huge_tree=True,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )
    # lxml.html's own parser picks element classes with a Python callback per element, which is
    # slow to walk; a C-level default lookup still gives lxml.html.HtmlElement (text_content(),
    # cssselect, ...) for callers at almost the cost of plain elements.
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment
        )
    )
    return parser


# lxml parser objects keep per-parse state: one per thread (batch runs may use threads).
_LOCAL = threading.local()


def _parser() -> etree.HTMLParser:
    parser: etree.HTMLParser | None = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = _make_parser()
    return parser


_DEPTH_XPATHS: dict[int, etree.XPath] = {}


def _deeper_than(root: etree._Element, depth: int) -> bool:
    """Whether any element sits below ``depth`` levels (one XPath step per level, in C)."""
    xpath = _DEPTH_XPATHS.get(depth)
    if xpath is None:
        xpath = _DEPTH_XPATHS[depth] = etree.XPath("/*" + "/*" * depth)
    return bool(xpath(root))


def _flatten_below(root: etree._Element, max_depth: int) -> int:
    """Unwrap every element deeper than ``max_depth``; its text and tail stay in place."""
    too_deep: list[etree._Element] = []
    depth = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > max_depth:
                too_deep.append(el)
        else:
            depth -= 1
    # Reverse document order: children are unwrapped before their parents.
    for el in reversed(too_deep):
        _unwrap(el)
    return len(too_deep)


def _append_text(parent: etree._Element, before: etree._Element | None, text: str | None) -> None:
    if not text:
        return
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text


def _unwrap(el: etree._Element) -> None:
    """Replace ``el`` by its content (text, children, tail) in its parent."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    previous = el.getprevious()
    _append_text(parent, previous, el.text)
    children = list(el)
    tail = el.tail
    parent.remove(el)  # lxml removes the tail with the element; it is re-added below
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _append_text(parent, children[-1] if children else previous, tail)


def _preflatten_markup(text: str, max_depth: int) -> str:
    """Drop open/close tag pairs nested deeper than ``max_depth`` (scanner, not a parser)."""
    protected = [(m.start(), m.end()) for m in _RAW_TEXT_RE.finditer(text)]
    out: list[str] = []
    stack: list[tuple[str, bool]] = []
    pos = 0
    guard = 0
    for match in _TAG_RE.finditer(text):
        start = match.start()
        while guard < len(protected) and protected[guard][1] <= start:
            guard += 1
        if guard < len(protected) and protected[guard][0] <= start:
            continue
        closing, name, rest = match.group(1), match.group(2).lower(), match.group(3)
        drop = False
        if closing:
            for i in range(len(stack) - 1, max(-1, len(stack) - 32), -1):
                if stack[i][0] == name:
                    drop = stack[i][1]
                    del stack[i:]
                    break
        elif name not in _VOID and not rest.rstrip().endswith("/"):
            drop = len(stack) >= max_depth
            stack.append((name, drop))
        if drop:
            out.append(text[pos:start])
            # A space keeps words of adjacent dropped blocks apart.
            out.append(" ")
            pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _has_surrogates(text: str) -> bool:
    # A strict UTF-8 encode fails only on surrogates, and is several times faster than a regex
    # scan of the whole page.
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _parse_with_lxml(text: str) -> lxml.html.HtmlElement | None:
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    # A fragment's root is its first element; the rest of the page lives in its siblings.
    if root.tag != "html":
        tree_root = root.getroottree().getroot()
        root = tree_root if tree_root is not None else root
    return cast(lxml.html.HtmlElement, root)


def _parse_with_soup(text: str) -> lxml.html.HtmlElement:
    from lxml.html import soupparser

    root: lxml.html.HtmlElement = soupparser.fromstring(text, features="html.parser")
    return root


def parse_html(
    text: str,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> tuple[lxml.html.HtmlElement, list[str]]:
    """Parse ``text`` into an lxml tree; return ``(root, warnings)``.

    Raises :class:`InputTooLargeError` above ``max_chars``. Warnings are short codes with details
    (``"depth_flattened:..."``, ``"parser_fallback:bs4"``, ...) for the audit trail.
    """
    if max_depth < 8:
        raise InputError("max_depth must be at least 8")
    if len(text) > max_chars:
        raise InputTooLargeError(
            f"HTML document has {len(text)} characters, above the limit of {max_chars}"
        )
    warnings: list[str] = []
    text = strip_xml_declaration(text)
    # libxml2 treats NUL as end of input; C0 controls are never page content.
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append("nul_removed")
    if _has_surrogates(text):
        # Lone surrogates (from surrogateescape'd bytes) make lxml refuse the whole string.
        text = _SURROGATE_RE.sub("\ufffd", text)
        warnings.append("surrogates_replaced")
    if not text.strip():
        text = "<html><body></body></html>"
    root = _parse_with_lxml(text)
    deep = root is not None and _deeper_than(root, min(max_depth, _LIBXML_HUGE_DEPTH - 1))
    if root is not None and deep and _deeper_than(root, _LIBXML_HUGE_DEPTH - 1):
        warnings.append(f"depth_preflattened:markup deeper than {_LIBXML_HUGE_DEPTH} levels")
        root = _parse_with_lxml(_preflatten_markup(text, max_depth))
    if root is None:
        warnings.append("parser_fallback:bs4")
        root = _parse_with_soup(text)
    if (deep or root.tag != "html") and _deeper_than(root, max_depth):
        moved = _flatten_below(root, max_depth)
        warnings.append(f"depth_flattened:{moved} elements below depth {max_depth} unwrapped")
    return root, warnings
