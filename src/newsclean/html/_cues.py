"""Class / id / tag vocabulary: what a page's own markup says about a node's role.

Matching is on tokens of the class and id attributes (split on punctuation and camelCase), so
"shadow" never matches "ad" and "relatedStories" matches "related". Only generic web vocabulary
here, never a site's name.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import lxml.etree as etree

_SPLIT_RE = re.compile(r"[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])")

POSITIVE = frozenset(
    [
        "article",
        "articlebody",
        "artikel",
        "body",
        "content",
        "contents",
        "entry",
        "hentry",
        "main",
        "page",
        "post",
        "posts",
        "story",
        "text",
        "blog",
        "prose",
        "richtext",
        "rte",
        "copy",
        "storycontent",
        "postcontent",
        "entrycontent",
        "articlecontent",
        "bodytext",
        "maincontent",
    ]
)
# Words that mark a node as not being part of the article, wherever they sit.
BOILERPLATE = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menus",
        "footer",
        "sidebar",
        "aside",
        "comment",
        "comments",
        "commentlist",
        "disqus",
        "share",
        "shares",
        "sharing",
        "social",
        "socials",
        "sharebar",
        "related",
        "relatedposts",
        "recommended",
        "recommendations",
        "recirc",
        "recirculation",
        "promo",
        "promos",
        "promotion",
        "newsletter",
        "newsletters",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "subscribe",
        "subscription",
        "signup",
        "paywall",
        "ad",
        "ads",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "adslot",
        "adunit",
        "dfp",
        "sponsor",
        "sponsored",
        "widget",
        "widgets",
        "breadcrumb",
        "breadcrumbs",
        "tags",
        "tagcloud",
        "popup",
        "modal",
        "overlay",
        "masthead",
        "trending",
        "popular",
        "mostpopular",
        "mostread",
        "outbrain",
        "taboola",
        "pagination",
        "pager",
        "toolbar",
        "skip",
        "login",
        "banner",
        "rss",
        "print",
        "jump",
        "more",
        "readmore",
        "readnext",
        "next",
        "prev",
        "previous",
        "footnotes-nav",
        "author-bio",
        "bio",
        "byline",
        "dateline",
        "timestamp",
        "meta",
        "metadata",
        "credit",
        "credits",
        "caption",
        "captions",
        "photocredit",
        "imagecredit",
    ]
)
# Of those, the ones we still trust when they sit on an element that carries positive cues too
# ("post-meta" is not content, "article-body" is).
_WEAK = frozenset({"more", "meta", "metadata", "page", "next", "prev", "previous", "print"})
# Cues that hold even on a node that looks like article text (long, few links): a long comment
# thread is still comments. The others ("sidebar", "widget", "promo" ...) are also used on
# layout wrappers around articles, so a node that reads like an article overrides them.
STRONG = frozenset(
    [
        "comment",
        "comments",
        "commentlist",
        "disqus",
        "related",
        "relatedposts",
        "recommended",
        "recommendations",
        "outbrain",
        "taboola",
        "newsletter",
        "newsletters",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "breadcrumb",
        "breadcrumbs",
        "share",
        "sharing",
        "sharebar",
    ]
)
NEGATIVE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu", "dialog"})
NEGATIVE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "search"}
)
POSITIVE_ROLES = frozenset({"main", "article"})


@lru_cache(maxsize=8192)
def tokens_of(value: str) -> frozenset[str]:
    """Lower-cased tokens of a class/id string, plus the compounds of adjacent pairs."""
    parts = [p.lower() for p in _SPLIT_RE.split(value) if p]
    compounds = {a + b for a, b in itertools.pairwise(parts)}
    return frozenset(parts) | compounds


def attr_tokens(el: etree._Element) -> frozenset[str]:
    cls = el.get("class")
    ident = el.get("id")
    if not cls and not ident:
        return frozenset()
    return tokens_of(f"{cls or ''} {ident or ''}")


# Trailing words that name a box, not its role: "related-posts-wrapper" is about "related".
_MODIFIERS = frozenset(
    [
        "wrapper",
        "wrap",
        "wrp",
        "container",
        "cont",
        "inner",
        "outer",
        "holder",
        "area",
        "box",
        "section",
        "block",
        "module",
        "list",
        "items",
        "item",
        "inner",
        "content",
        "enabled",
        "disabled",
        "open",
        "active",
        "handle",
        "visible",
        "el",
        "js",
        "top",
        "bottom",
        "left",
        "right",
        "main",
    ]
)
# A class that describes a layout ("has-sidebar", "with-comments", "no-ads", "article-and-social")
# is not the thing itself.
_LAYOUT_WORDS = frozenset(
    {"has", "with", "without", "and", "no", "show", "hide", "enable", "enabled"}
)


@lru_cache(maxsize=16384)
def _name_role(name: str) -> tuple[str, str] | None:
    """Role of one class name or id: ("positive", word) or ("negative", word) or None."""
    words = [w.lower() for w in _SPLIT_RE.split(name) if w]
    if not words or _LAYOUT_WORDS.intersection(words):
        return None
    core = list(words)
    while len(core) > 1 and core[-1] in _MODIFIERS:
        core.pop()
    joined = "".join(core[-2:]) if len(core) >= 2 else ""
    head = core[-1]
    for word in (joined, head, core[0]):
        if word and word in BOILERPLATE:
            return "negative", word
    if POSITIVE.intersection(words) or "".join(words) in POSITIVE:
        return "positive", words[0]
    return None


def boilerplate_cue(el: etree._Element) -> tuple[str, bool] | None:
    """Why this element looks like page furniture, and whether the cue is strong; or None.

    Each class name (and the id) is judged on its own; an element that also carries a
    positive name ("article", "post-body") only gets a weak cue, and only for strong words.
    """
    tag = el.tag
    if tag in NEGATIVE_TAGS:
        return f"boilerplate_tag:{tag}", False
    if tag == "figcaption":
        return "caption", False
    role = el.get("role")
    cls = el.get("class")
    ident = el.get("id")
    if not role and not cls and not ident:
        return None
    # Pages repeat the same few attribute sets on thousands of elements: judge each once.
    return _attribute_cue(role, cls, ident)


@lru_cache(maxsize=16384)
def _attribute_cue(role: str | None, cls: str | None, ident: str | None) -> tuple[str, bool] | None:
    if role and role.lower() in NEGATIVE_ROLES:
        return f"boilerplate_role:{role.lower()}", False
    if not cls and not ident:
        return None
    names = (cls or "").split()
    if ident:
        names.append(ident)
    negative: list[str] = []
    positive = False
    for name in names:
        role_word = _name_role(name)
        if role_word is None:
            continue
        if role_word[0] == "positive":
            positive = True
        else:
            negative.append(role_word[1])
    if not negative:
        return None
    strong = sorted(w for w in negative if w in STRONG)
    if positive:
        return ("boilerplate_class:" + strong[0], False) if strong else None
    if strong:
        return "boilerplate_class:" + strong[0], True
    weak = sorted(w for w in negative if w not in _WEAK)
    if not weak:
        return None
    return "boilerplate_class:" + weak[0], False


def class_weight(el: etree._Element) -> int:
    """Readability-style +/-25 from class and id cues (and roles / semantic tags)."""
    weight = 0
    tag = el.tag
    if tag in {"article", "main"}:
        weight += 25
    role = el.get("role")
    if role and role.lower() in POSITIVE_ROLES:
        weight += 25
    if el.get("itemprop") in {"articleBody", "text", "reviewBody"}:
        weight += 50
    toks = attr_tokens(el)
    if toks & POSITIVE:
        weight += 25
    if toks & BOILERPLATE - _WEAK:
        weight -= 25
    return weight
