"""Publication dates from an HTML page: structured data first, then markup, URL and text.

Order of trust: JSON-LD ``datePublished``; publication meta tags (Open Graph / article,
Dublin Core, parsely, sailthru, itemprop); ``<time datetime>`` and elements whose class names
a date inside the article; a date in the URL path; finally the visible text near the ``<h1>``
(through :func:`find_publication_date`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import regex
from lxml import etree, html

from ._dates import (
    DateFinding,
    DateMatch,
    DateOrderProfile,
    _naive_utc,
    find_publication_date,
    parse_date,
    url_date,
)
from ._dates_parse import MIN_YEAR

__all__ = ["find_html_publication_date"]

# Meta names/properties that carry the publication date, best first.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "article:published", "datepublished", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "dcterms.date", "citation_publication_date", "citation_date", "prism.publicationdate",
    "publish-date", "publish_date", "publishdate", "published-date", "publication_date",
    "pubdate", "article.published", "article_date_original", "original-publish-date",
    "cxenseparse:recs:publishtime", "date", "dc.created", "created", "datecreated",
    "sort_date", "parsely-page",
)  # fmt: skip
_UPDATED_META = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated",
    "modified", "revised",
)  # fmt: skip
_PUBLISHED_RANK = {name: i for i, name in enumerate(_PUBLISHED_META)}
_UPDATED_SET = frozenset(_UPDATED_META)
_JSONLD_PUBLISHED = ("datePublished", "dateCreated", "uploadDate")
_ARTICLE_TYPES = regex.compile(r"article|posting|report|news|blog|review|video|webpage", regex.I)
_DATE_CLASS = regex.compile(
    r"date|time|publish|posted|byline|dateline|timestamp|meta|datum|fecha|data|дата", regex.I
)
_NOISE_CLASS = regex.compile(
    r"comment|related|sidebar|aside|footer|widget|recommend|popular|teaser|more-|trending|share",
    regex.I,
)
# Containers whose dates are someone else's: page chrome, and quoted or embedded posts
# (tweets and Instagram posts are embedded as <blockquote> with their own <time>).
_NOISE_TAGS = frozenset(("footer", "aside", "nav", "blockquote"))
_EPOCH = regex.compile(r"^\d{10}(?:\d{3})?$")
_BLOCK_TAGS = frozenset(
    (
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dd", "dt", "header",
        "section", "article", "aside", "footer", "figcaption", "blockquote", "address", "main",
        "nav", "ul", "ol", "table", "tr", "form", "body",
    )
)  # fmt: skip
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "head"))
_MAX_BLOCKS = 3000
# How credible (DateMatch.confidence) a dateline found in the visible text must be to move a
# structured date by a day: one placed by the headline, in a block of its own or with a time.
_SHOWN_CONFIDENCE = 0.6
# How far past the headline (in text blocks) a shown dateline is looked for.
_SHOWN_AFTER = 25
_PUBLISH_ATTR = regex.compile(r"publish|pubdate|created", regex.I)


def find_html_publication_date(
    tree: html.HtmlElement,
    *,
    url: str | None = None,
    date_order: str | None = None,
    language: str | None = None,
    reference_time: datetime | None = None,
    site_profile: DateOrderProfile | None = None,
) -> DateFinding | None:
    """Find the published and updated dates of an HTML page (never raises on bad input)."""
    try:
        return _find(tree, url, date_order, language, reference_time, site_profile)
    except (ValueError, TypeError, AttributeError, etree.LxmlError, RecursionError):
        return None


def _find(
    tree: html.HtmlElement,
    url: str | None,
    date_order: str | None,
    language: str | None,
    reference_time: datetime | None,
    site_profile: DateOrderProfile | None,
) -> DateFinding | None:
    if language is None:
        language = _page_language(tree)
    reference = reference_time if reference_time is not None else datetime.now()
    opts: dict[str, Any] = {
        "date_order": date_order,
        "language": language,
        "reference_time": reference,
        "site_profile": site_profile,
    }
    (ld_pub, _ld_rank), ld_upd = _from_json_ld(tree, opts)
    meta_pub, meta_upd = _from_meta(tree, opts)
    updated = ld_upd or meta_upd
    # Measured on the development pages (docs/dates.md): itemprop markup and publication
    # meta tags beat JSON-LD, whose datePublished is more often a UTC timestamp, the date of
    # another entity on the page, or a re-publication.
    published = _from_itemprop(tree, opts) or meta_pub or ld_pub
    published = (
        published
        or _from_time_elements(tree, opts)
        or _from_date_classes(tree, opts)
        or _from_script_state(tree, opts)
    )
    url_day = url_date(url, reference_time=reference) if url else None
    if url_day is not None:
        published = _prefer_url_day(published, url_day)
    if published is not None and url_day is None:
        shown = _shown_dateline(tree, opts, url)
        if shown is not None and _shown_outweighs(shown, published):
            published = replace(shown, source="text")
    if published is None:
        text_finding = _from_text(tree, opts, url)
        if text_finding is not None:
            return DateFinding(
                text_finding.published, updated or text_finding.updated, text_finding.block_index
            )
    if published is None and updated is None:
        return None
    if (
        published is not None
        and updated is not None
        and _naive_utc(updated.value) < _naive_utc(published.value)
    ):
        updated = None
    return DateFinding(published=published or updated, updated=updated, block_index=None)


def _shown_outweighs(shown: DateMatch, structured: DateMatch) -> bool:
    """Does the dateline shown near the headline correct the structured date by a day?

    Structured timestamps are instants, often in UTC or the server's zone, so near midnight
    they fall on the day before or after the calendar day the publisher shows its readers;
    the shown day is the publication day as the site states it. A larger disagreement is
    not a time zone: the structured value (a record's own field) is kept.
    """
    if shown.kind == "updated" or not shown.has_year or shown.relative:
        return False
    if structured.ambiguous and shown.value.date() == _swapped(structured.value):
        # "11/01/2023" in a meta tag read day-first on a German page, the page showing
        # "01.11.2023": the page settles the day/month order of its own metadata.
        return True
    if shown.confidence < _SHOWN_CONFIDENCE:
        return False
    return abs((shown.value.date() - structured.value.date()).days) == 1


def _swapped(value: datetime) -> date | None:
    try:
        return date(value.year, value.day, value.month)
    except ValueError:
        return None


def _prefer_url_day(published: DateMatch | None, url_date: DateMatch) -> DateMatch:
    # A full date in the URL path is the publisher's own (local) day, fixed when the article
    # went up; structured timestamps are often UTC-shifted or rewritten on update. Keep the
    # richer structured value when it names the same day.
    if published is not None and published.value.date() == url_date.value.date():
        return published
    return replace(url_date, confidence=0.8, kind="published")


def _page_language(tree: html.HtmlElement) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for value in (root.get("lang"), root.get("xml:lang")):
        if isinstance(value, str) and value.strip():
            return value.strip()
    for meta in root.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            value = (meta.get("content") or "").strip()
            if value:
                return value.split(",")[0].strip()
    return None


def _structured(value: str, source: str, kind: str, opts: dict[str, Any]) -> DateMatch | None:
    value = value.strip()
    if not value or len(value) > 200:
        return None
    if _EPOCH.match(value):
        seconds = int(value[:10])
        try:
            stamp = datetime.utcfromtimestamp(seconds)
        except (OverflowError, OSError, ValueError):
            return None
        if stamp.year < MIN_YEAR or stamp > opts["reference_time"].replace(tzinfo=None):
            return None
        return DateMatch(stamp, value, 0, len(value), True, kind, confidence=0.85, source=source)
    found = parse_date(value, **opts)
    if found is None or found.relative or found.value.year < MIN_YEAR:
        return None
    confidence = 0.95 if source == "json_ld" else 0.9
    if found.ambiguous:
        confidence -= 0.2
    return replace(found, kind=kind, source=source, confidence=confidence)


def _walk_json(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 12:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, (dict, list)):
                yield from _walk_json(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_json(value, depth + 1)


def _from_json_ld(
    tree: html.HtmlElement, opts: dict[str, Any]
) -> tuple[tuple[DateMatch | None, int], DateMatch | None]:
    best: tuple[int, DateMatch] | None = None
    updated: DateMatch | None = None
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for node in _walk_json(data):
            kind = node.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            rank = 0 if _ARTICLE_TYPES.search(kinds) else 1
            for key in _JSONLD_PUBLISHED:
                value = node.get(key)
                if isinstance(value, str):
                    found = _structured(value, "json_ld", "published", opts)
                    if found is not None and (best is None or rank < best[0]):
                        best = (rank, found)
                    break
            modified = node.get("dateModified")
            if updated is None and isinstance(modified, str):
                updated = _structured(modified, "json_ld", "updated", opts)
    return ((best[1], best[0]) if best else (None, 0)), updated


def _from_meta(
    tree: html.HtmlElement, opts: dict[str, Any]
) -> tuple[DateMatch | None, DateMatch | None]:
    best: tuple[int, DateMatch] | None = None
    updated: DateMatch | None = None
    for meta in tree.iter("meta"):
        key = (
            meta.get("property") or meta.get("name") or meta.get("itemprop")
            or meta.get("http-equiv") or ""
        ).strip().lower()  # fmt: skip
        content = meta.get("content")
        if not key or not content:
            continue
        if key in _PUBLISHED_RANK:
            rank = _PUBLISHED_RANK[key]
            if best is not None and best[0] <= rank:
                continue
            if key == "parsely-page":
                content = _parsely_date(content)
                if not content:
                    continue
            found = _structured(content, f"meta:{key}", "published", opts)
            if found is not None:
                best = (rank, found)
        elif key in _UPDATED_SET and updated is None:
            updated = _structured(content, f"meta:{key}", "updated", opts)
    return (best[1] if best else None), updated


def _parsely_date(content: str) -> str:
    try:
        data = json.loads(content)
    except ValueError:
        return ""
    value = data.get("pub_date") if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def _from_itemprop(tree: html.HtmlElement, opts: dict[str, Any]) -> DateMatch | None:
    for el in tree.iterfind(".//*[@itemprop]"):
        if (el.get("itemprop") or "").strip().lower() not in ("datepublished", "datecreated"):
            continue
        value = el.get("datetime") or el.get("content") or el.text_content()
        found = _structured(value or "", "itemprop:datePublished", "published", opts)
        if found is not None:
            return found
    return None


def _noisy(el: html.HtmlElement) -> bool:
    depth = 0
    node: Any = el
    while node is not None and depth < 12:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _NOISE_TAGS:
            return True
        attrs = f"{node.get('class') or ''} {node.get('id') or ''}"
        if attrs.strip() and _NOISE_CLASS.search(attrs):
            return True
        node = node.getparent()
        depth += 1
    return False


_TITLE_WORD = regex.compile(r"\w+")
# A <time> this many elements (in document order) after the article's <h1>, or a few before
# it, belongs to the article's header.
_HEADER_AFTER = 60
_HEADER_BEFORE = 15


def _title_heading(tree: html.HtmlElement) -> html.HtmlElement | None:
    """The article's ``<h1>``: the one sharing most words with the page title.

    Pages often hold several: the site logo, a teaser, the article's own headline.
    """
    headings = [h for h in tree.iter("h1") if (h.text_content() or "").strip()]
    if len(headings) <= 1:
        return headings[0] if headings else None
    title = ""
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in (
            "og:title",
            "twitter:title",
        ):
            title = meta.get("content") or ""
            break
    if not title:
        node = next(tree.iter("title"), None)
        title = node.text_content() if node is not None else ""
    words = {w.casefold() for w in _TITLE_WORD.findall(title)}
    if not words:
        return headings[0]
    best, best_overlap = headings[0], 0
    for h in headings[:20]:
        overlap = len(words & {w.casefold() for w in _TITLE_WORD.findall(h.text_content())})
        if overlap > best_overlap:
            best, best_overlap = h, overlap
    return best


def _from_time_elements(tree: html.HtmlElement, opts: dict[str, Any]) -> DateMatch | None:
    times = [t for t in tree.iter("time") if t.get("datetime")]
    if not times:
        return None
    heading = _title_heading(tree)
    order_of: dict[Any, int] = {}
    if heading is not None:
        wanted = set(times) | {heading}
        for order, el in enumerate(tree.iter()):
            if el in wanted:
                order_of[el] = order
    scored = []
    for order, el in enumerate(times):
        attrs = f"{el.get('class') or ''} {el.get('itemprop') or ''} {el.get('id') or ''}"
        distance = 0
        if heading is not None:
            distance = order_of[el] - order_of[heading]
        in_header = heading is not None and -_HEADER_BEFORE <= distance <= _HEADER_AFTER
        rank = 2
        if _noisy(el):
            rank = 5  # a "published" time inside a related-articles box is still not ours
        elif regex.search(r"updat|modif", attrs, regex.I):
            rank = 4
        elif in_header:
            rank = 0
        elif el.get("pubdate") is not None or regex.search(_PUBLISH_ATTR, attrs):
            rank = 1
        scored.append((rank, abs(distance), order, el))
    for rank, _distance, _order, el in sorted(scored, key=lambda x: x[:3]):
        if rank >= 4:
            break
        found = _shown_date(el, opts)
        if found is not None:
            return replace(found, confidence=0.85 if rank <= 1 else 0.75)
    return None


def _shown_date(el: html.HtmlElement, opts: dict[str, Any]) -> DateMatch | None:
    """The date of a ``<time>`` element: its ``datetime``, unless its text shows another day.

    The text is what readers are shown as the publication date; a ``datetime`` naming a
    different day is a UTC instant past midnight or a template filling in another record's
    (the modification's) timestamp.
    """
    machine = _structured(el.get("datetime") or "", "time_element", "published", opts)
    text = " ".join((el.text_content() or "").split())
    shown = _structured(text, "time_element", "published", opts) if text else None
    if shown is None or not shown.has_year or shown.relative:
        return machine
    if machine is None or machine.value.date() != shown.value.date():
        return shown
    return machine


def _from_date_classes(tree: html.HtmlElement, opts: dict[str, Any]) -> DateMatch | None:
    h1 = _title_heading(tree)
    seen_h1 = h1 is None
    fallback: DateMatch | None = None
    count = 0
    for el in tree.iter():
        if el is h1:
            seen_h1 = True
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "meta"):
            continue
        attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not attrs.strip() or not _DATE_CLASS.search(attrs):
            continue
        count += 1
        if count > 200:
            break
        text = " ".join(el.text_content().split())
        if not text or len(text) > 160 or _noisy(el):
            continue
        found = parse_date(text, **opts)
        if found is None or found.value.year < MIN_YEAR or found.kind == "updated":
            continue
        if not found.has_year and not found.relative:
            continue
        found = replace(found, source="date_element", confidence=min(found.confidence, 0.75))
        if seen_h1:
            return found
        if fallback is None:
            fallback = found
    return fallback


_STATE_KEYS = (
    "datePublished", "publishedAt", "published_at", "firstPublishedAt", "first_published_at",
    "publishDate", "publish_date", "pubDate", "dateCreated", "createdAt", "created_at",
)  # fmt: skip
_STATE_DATE = regex.compile(
    r'"(?P<key>' + "|".join(_STATE_KEYS) + r')"\s*:\s*"(?P<value>[^"]{8,40})"'
)
_MAX_SCRIPT = 300_000


def _from_script_state(tree: html.HtmlElement, opts: dict[str, Any]) -> DateMatch | None:
    """Read a publication timestamp from a page's inline application state (JSON in scripts).

    Server-rendered apps (Next.js, Shopify, Nuxt) ship the article record as JSON; its
    publication key is as reliable as a meta tag, its creation key a little less.
    """
    best: tuple[int, str] | None = None
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or "").lower() or script.get("src"):
            continue
        text = (script.text or "")[:_MAX_SCRIPT]
        if '"' not in text:
            continue
        for m in _STATE_DATE.finditer(text):
            rank = _STATE_KEYS.index(m.group("key"))
            if best is None or rank < best[0]:
                best = (rank, m.group("value"))
            break  # the first record in the state is the page's own
    if best is None:
        return None
    found = _structured(best[1], "script_state", "published", opts)
    return replace(found, confidence=0.7) if found is not None else None


def _shown_dateline(
    tree: html.HtmlElement, opts: dict[str, Any], url: str | None
) -> DateMatch | None:
    """The dateline shown by the article's headline (read no further than a little past it),
    or, on a page without an ``<h1>``, above its first paragraph."""
    blocks, title_index = _text_blocks(tree, after_title=_SHOWN_AFTER)
    if not blocks:
        return None
    found = find_publication_date(_clip(blocks), title_index=title_index, url=url, **opts)
    return found.published if found is not None else None


def _text_blocks(
    tree: html.HtmlElement, after_title: int | None = None
) -> tuple[list[str], int | None]:
    """The page's text blocks and the index of the article's heading among them.

    With ``after_title``, the walk stops that many blocks past the heading.
    """
    blocks: list[str] = []
    title_index: int | None = None
    body = tree.find(".//body")
    root = body if body is not None else tree
    heading = _title_heading(tree)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
            continue
        if el.tag not in _BLOCK_TAGS:
            continue
        own = " ".join(_own_text(el).split())
        if not own:
            continue
        if el is heading and title_index is None:
            title_index = len(blocks)
        blocks.append(own)
        if len(blocks) >= _MAX_BLOCKS:
            break
        if (
            after_title is not None
            and title_index is not None
            and len(blocks) > title_index + after_title
        ):
            break
    return blocks, title_index


def _own_text(el: html.HtmlElement) -> str:
    # Text of the element and its inline children, without nested block elements.
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS | _SKIP_TAGS:
            parts.append(" " + (child.text_content() or "") + " ")
        parts.append(child.tail or "")
    return "".join(parts)


def _from_text(
    tree: html.HtmlElement, opts: dict[str, Any], url: str | None = None
) -> DateFinding | None:
    blocks, title_index = _text_blocks(tree)
    if not blocks:
        return None
    return find_publication_date(_clip(blocks), title_index=title_index, url=url, **opts)


def _clip(blocks: Sequence[str]) -> list[str]:
    return [b[:5000] for b in blocks]
