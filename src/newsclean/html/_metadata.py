"""Page metadata: title, authors, canonical URL, site name, declared language, description.

Sources are read once (one pass over ``<meta>``/``<link>``, JSON-LD parsed once) and reconciled
in a fixed priority: metadata written for sharing (JSON-LD, Open Graph, Twitter cards, Dublin
Core) is the cleanest title; the ``<title>`` element usually carries the site name, which is
stripped when we can recognise it; the page's ``<h1>`` settles ties.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree as etree

from newsclean.dumps._title import trim_site_name

_ARTICLE_TYPES = frozenset(
    [
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
        "Review",
        "Recipe",
    ]
)
_SEPARATORS_RE = re.compile(r"\s+[|\-\u2013\u2014\\/>\u00bb\u00b7:]{1,2}\s+|\s+::\s+")
_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")
_BY_RE = re.compile(r"^(?:by|par|von|por|di|door|av|af|written by|posted by)\s+", re.IGNORECASE)
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
_LANG_RE = re.compile(r"^([A-Za-z]{2,3})(?:[-_].*)?$")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    title_source: str | None
    authors: tuple[str, ...]
    canonical_url: str | None
    site_name: str | None
    declared_language: str | None
    description: str | None


def normalise_title(text: str) -> str:
    """Casefolded words only: for comparing titles, never for output."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD_RE.findall(text))


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _SPACE_RE.sub(" ", text).strip()
    return text or None


def _read_meta(root: etree._Element) -> tuple[dict[str, str], dict[str, str]]:
    # The RDFa ``property`` attribute is the more specific declaration; it wins over ``name``.
    by_attr: dict[str, dict[str, str]] = {
        a: {} for a in ("property", "name", "itemprop", "http-equiv")
    }
    links: dict[str, str] = {}
    head = root.find("head")
    for el in (head if head is not None else root).iter("meta", "link"):
        if el.tag == "meta":
            content = el.get("content")
            if content is None:
                continue
            for attr, table in by_attr.items():
                key = el.get(attr)
                if key:
                    for k in key.lower().split():
                        table.setdefault(k, content.strip())
        else:
            rel, href = el.get("rel"), el.get("href")
            if rel and href:
                for r in rel.lower().split():
                    links.setdefault(r, href.strip())
    meta: dict[str, str] = {}
    for table in by_attr.values():
        for key, value in table.items():
            meta.setdefault(key, value)
    return meta, links


def _json_objects(value: object) -> Iterator[dict[str, object]]:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if graph is not None:
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                stack.append(main)


# Pages carry dozens of scripts; the filter runs in C and Python sees only the candidates.
_LD_JSON_SCRIPTS = etree.XPath(
    "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
)


def _read_json_ld(root: etree._Element) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    scripts = _LD_JSON_SCRIPTS(root)
    for script in scripts if isinstance(scripts, list) else ():
        if not isinstance(script, etree._Element):
            continue
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if raw.startswith("<!--"):
            raw = raw[4:]
        if raw.endswith("-->"):
            raw = raw[:-3]
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_json_objects(data))
    return found


def _types(obj: dict[str, object]) -> set[str]:
    value = obj.get("@type")
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _names(value: object) -> list[str]:
    out: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            name = item
        elif isinstance(item, dict):
            raw = item.get("name")
            name = raw if isinstance(raw, str) else ""
        else:
            continue
        cleaned = _clean(name)
        if cleaned and not cleaned.startswith(("http://", "https://")):
            out.append(cleaned)
    return out


def _split_authors(text: str) -> list[str]:
    text = _BY_RE.sub("", text.strip())
    parts = [p.strip(" .,;:|") for p in _AUTHOR_SPLIT_RE.split(text)]
    return [p for p in parts if p and len(p) <= 60 and not p.startswith(("http://", "https://"))]


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


def _strip_site(title: str, site: str | None) -> str:
    """Drop a leading or trailing segment that names the site."""
    if not site:
        return title
    parts = _SEPARATORS_RE.split(title)
    if len(parts) < 2:
        return title
    site_key = normalise_title(site)
    for candidate in (parts[-1], parts[0]):
        key = normalise_title(candidate)
        if key and (key == site_key or key in site_key or (site_key in key and len(key) < 40)):
            matches = list(_SEPARATORS_RE.finditer(title))
            if candidate is parts[-1]:
                return title[: matches[-1].start()].strip()
            return title[matches[0].end() :].strip()
    return title


def _similarity(a: str, b: str) -> float:
    wa, wb = set(normalise_title(a).split()), set(normalise_title(b).split())
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _json_ld_title(obj: dict[str, object], doc_title: str | None) -> str | None:
    """``headline`` or ``name``; some sites put their own name in one of them, so when both
    exist and differ, the one closer to the ``<title>`` element wins."""
    headline = obj.get("headline")
    name = obj.get("name")
    options = [v for v in (headline, name) if isinstance(v, str) and v.strip()]
    if not options:
        return None
    if len(options) == 2 and doc_title and options[0] != options[1]:
        return max(options, key=lambda v: _similarity(v, doc_title))
    return options[0]


def _language(root: etree._Element, meta: dict[str, str]) -> str | None:
    body = root.find("body")
    for value in (
        root.get("lang"),
        root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        meta.get("content-language"),
        meta.get("og:locale"),
        meta.get("language") or meta.get("dc.language"),
        body.get("lang") if body is not None else None,
    ):
        if not value:
            continue
        match = _LANG_RE.match(value.split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None


def read_metadata(
    root: etree._Element,
    *,
    url: str | None,
    headings: list[str],
    byline_texts: list[str],
) -> Metadata:
    """Collect metadata; ``headings`` are h1 texts, ``byline_texts`` the byline blocks found."""
    meta, links = _read_meta(root)
    objects = _read_json_ld(root)
    articles = [o for o in objects if _types(o) & _ARTICLE_TYPES]

    site_name = _clean(meta.get("og:site_name") or meta.get("application-name"))
    if site_name is None:
        for obj in articles:
            names = _names(obj.get("publisher"))
            if names:
                site_name = names[0]
                break

    head = root.find("head")
    title_el = (head if head is not None else root).find(".//title")
    doc_title = (
        _clean(etree.tostring(title_el, method="text", encoding="unicode", with_tail=False))
        if title_el is not None
        else None
    )
    candidates: list[tuple[str, str | None]] = []
    for obj in articles:
        chosen = _json_ld_title(obj, doc_title)
        if chosen:
            candidates.append(("json_ld", _clean(chosen)))
            break
    candidates += [
        ("dc_title", _clean(meta.get("dc:title") or meta.get("dc.title"))),
        ("dc_title", _clean(meta.get("dcterm:title") or meta.get("dcterms.title"))),
        ("og_title", _clean(meta.get("og:title"))),
        ("meta_title", _clean(meta.get("title"))),
        ("twitter_title", _clean(meta.get("twitter:title"))),
        ("parsely_title", _clean(meta.get("parsely-title"))),
    ]
    title: str | None = None
    source: str | None = None
    for name, value in candidates:
        if value:
            # Declared titles are the publisher's own words: taken as they are.
            title, source = value, name
            break
    if title is None and doc_title:
        stripped = _strip_site(doc_title, site_name)
        if stripped != doc_title:
            title, source = stripped, "title_element"
        else:
            # Readability.js's <title> rules, shared with the text dumps; only HTML knows the h1.
            sole_h1 = headings[0] if len(headings) == 1 else None
            title = trim_site_name(doc_title, headings, sole_heading=sole_h1)
            source = "title_element"
    if title is None and headings:
        title, source = headings[0], "h1"

    authors: list[str] = []
    for obj in articles:
        authors.extend(_names(obj.get("author")) or _names(obj.get("creator")))
        if authors:
            break
    if not authors:
        for key in ("author", "article:author", "dc.creator", "parsely-author", "byl"):
            value = meta.get(key)
            if value and not value.startswith(("http://", "https://")):
                authors.extend(_split_authors(value))
                break
    if not authors:
        for text in byline_texts:
            if _BY_RE.match(text):
                authors.extend(_split_authors(text))
                break

    base = url
    base_el = root.find(".//base")
    if base_el is not None and base_el.get("href"):
        base = urljoin(url or "", base_el.get("href") or "")
    canonical = links.get("canonical") or meta.get("og:url")
    if canonical:
        canonical = urljoin(base or "", canonical) if base else canonical

    description = _clean(
        meta.get("description") or meta.get("og:description") or meta.get("twitter:description")
    )
    return Metadata(
        title=title,
        title_source=source,
        authors=_dedupe(authors)[:10],
        canonical_url=canonical,
        site_name=site_name,
        declared_language=_language(root, meta),
        description=description,
    )
