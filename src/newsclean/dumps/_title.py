"""Find the article's title among a dump's blocks, and its text.

bs4 and html-text dumps start with the page's <title>; the article's own heading repeats it,
usually without the site name. lynx, w3m and inscriptis dumps have no <title> line, so the
headline is picked from the blocks just above the article by shape and position.

Two questions, two functions: :func:`pick_title` says which block is the title (it is removed
from the body), :func:`article_title` what the title's text is. They differ when the page's
<title> line ("Headline | Site") is the title: the text is the line without the site name
(:func:`trim_site_name`, Readability.js's rules), while the block removed may be the article's
own heading that repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from newsclean.dumps._features import BlockFeatures
from newsclean.dumps._segment import Segment
from newsclean.dumps._text import count_words, normalize_phrase, tokenize

if TYPE_CHECKING:
    from newsclean.dumps._classify import DumpOptions

# A full stop after a word ends a sentence; "N.Y.C." or "U.S." closing a headline does not.
_SENTENCE_STOP_RE = re.compile(r"\w\w\.$")
_LINK_REL_RE = re.compile(
    r"^#(?:(?:alternate|publisher|home|copyright|search|author|canonical|edit|next|prev|start"
    r"|help|index|contents|top|up|amphtml|manifest|preload|shortlink|pingback)\b\s*)+",
    re.IGNORECASE,
)
_CONTINUATION_MARKS = ("...", "…")
_BREADCRUMB_SEP_RE = re.compile(r"\s[>»›/]\s")
_BREADCRUMB_MIN_SEPS = 2
_FORM_CONTROL_RE = re.compile(r"\[[^\]]*_{3,}[^\]]*\]|\(BUTTON\)|_{6,}")
_BRACKET_TAG_RE = re.compile(r"\s+(?:\[[^\[\]]{2,40}\]|\([^()]{2,40}\))$")
_SITE_PREFIX_RE = re.compile(r"[^:|]{2,40}:\s+")
_TITLE_SEP_RE = re.compile(r"\s+(?:[|\-–—:»/\\·•]|::)\s+")


def _title_candidate_score(f: BlockFeatures, seg: Segment, text: str, opts: DumpOptions) -> float:
    if f.lexicon is not None or f.artefact or seg.kind == "list_item":
        return -1.0
    if f.words < 2 or f.words > opts.title_max_words:
        return -1.0
    if seg.cleaned.startswith(_CONTINUATION_MARKS):
        # "...or, why do I bother.": the rest of a line above (a deck, a tagline), not a headline.
        return -1.0
    if _FORM_CONTROL_RE.search(seg.cleaned) is not None:
        # "Font Size [100%]", "Background [---____]": a text browser's form field or button.
        return -1.0
    if len(_BREADCRUMB_SEP_RE.findall(seg.cleaned)) >= _BREADCRUMB_MIN_SEPS:
        # "News > Tech > Article": a breadcrumb trail names sections, not the article.
        return -1.0
    if _is_doubled(seg.cleaned):
        # "Site NameSite Name": a logo link printed with its alt text, not a headline.
        return -1.0
    if seg.cleaned.endswith((",", ";", "。", "，")) or (
        f.words > 6 and _SENTENCE_STOP_RE.search(seg.cleaned) is not None
    ):
        return -1.0
    return 1.0


def _is_doubled(text: str) -> bool:
    """Return True for a text that is one phrase twice ("Firefox EditionFirefox Edition")."""
    half = len(text) // 2
    first, second = text[:half], text[half + len(text) % 2 :]
    return bool(first.strip()) and first.strip() == second.strip()


def _similar_to_head(candidate: str, head: str) -> float:
    """Share of the candidate's words found in the page head line (the HTML <title>)."""
    cand = normalize_phrase(candidate).split()
    if not cand:
        return 0.0
    head_words = set(normalize_phrase(head).split())
    return sum(1 for w in cand if w in head_words) / len(cand)


def _head_variants(head: str) -> set[str]:
    """The page's first line and its parts around " | ", " - " ...: "Title | Site" -> "Title"."""
    # lynx lists the page's <link> relations first: "#alternate alternate Headline".
    head = _LINK_REL_RE.sub("", head)
    out = {normalize_phrase(head)}
    for m in _TITLE_SEP_RE.finditer(head):
        out.add(normalize_phrase(head[: m.start()]))
        out.add(normalize_phrase(head[m.end() :]))
    # "Site Name: Headline": a site name glued to its colon (a headline's own "X: Y" only
    # matters when a later block repeats its second half alone).
    prefix = _SITE_PREFIX_RE.match(head)
    if prefix is not None:
        out.add(normalize_phrase(head[prefix.end() :]))
    # "Headline [Site]", "Headline (Site)": a site tag in brackets closing the line.
    tag = _BRACKET_TAG_RE.search(head)
    if tag is not None:
        out.add(normalize_phrase(head[: tag.start()]))
    return {v for v in out if len(v.split()) >= 2}


def _leading_name(head: str) -> str | None:
    """Return the one-word first part of a "Name - Site" line, normalised, if it has one."""
    if head.startswith("#"):
        return None
    sep = _TITLE_SEP_RE.search(head)
    if sep is None:
        return None
    name = normalize_phrase(head[: sep.start()])
    return name if len(name.split()) == 1 and len(name) >= _NAME_MIN_CHARS else None


_NAME_MIN_CHARS = 3


def _title_from_head(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> int | None:
    """Return the heading that repeats the page's first line (the HTML <title>), if any.

    bs4 and html-text dumps start with the <title>; the article's h1 repeats it, often without
    the site name. The repeat closest to the article's start wins.
    """
    if len(segments) < 3:
        return None
    # lynx's first line lists the page's <link>s: feeds named after the site ("#Blog Name -
    # Atom"), whose repeat in the masthead is no headline, or an alternate named after the
    # article, whose repeat is.
    min_words = _LINK_LINE_MIN_WORDS if segments[0].cleaned.startswith("#") else 1
    variants = {v for v in _head_variants(segments[0].cleaned) if len(v.split()) >= min_words}
    name = _leading_name(segments[0].cleaned)
    if name is not None:
        # "Mozilla - Wikipedia" over "Mozilla": a one-word page name right under the <title>.
        for i in range(1, min(len(segments), _HEAD_NEAR_REGION + 1, region[1] + 1)):
            if normalize_phrase(segments[i].cleaned) == name:
                return i
    if not variants:
        return None
    # The headline is the longest part of the line; a block repeating the site name ("The
    # Verge" in the masthead) is a worse pick than the article's own heading.
    whole = normalize_phrase(segments[0].cleaned)
    best: tuple[int, int, int] | None = None
    for i in range(1, min(len(segments), region[1] + 1)):
        if feats[i].words > 40 or feats[i].lexicon is not None:
            continue
        key = normalize_phrase(segments[i].cleaned)
        if key not in variants:
            continue
        if (
            key == whole
            and len(key.split()) <= _SITE_NAME_MAX_WORDS
            and region[0] - i > _HEAD_NEAR_REGION
        ):
            # A short repeat far above the article ("The Telegraph" in the masthead, under a
            # <title> that is the site name alone) names the site, not the article.
            continue
        rank = (len(key.split()), -abs(i - region[0]), i)
        if best is None or rank > best:
            best = rank
    return None if best is None else best[2]


_HEAD_NEAR_REGION = 3
_SITE_NAME_MAX_WORDS = 3
# Below this score a headline candidate is a guess ("Test Case 1", a photo credit): a
# <title>-shaped first line is the better title.
_WEAK_HEADLINE = 2.5
_IN_REGION_PENALTY = 1.0
_LINK_LINE_MIN_WORDS = 4
_TITLE_LOOK_BACK = 40
_TITLE_REPEAT_BONUS = 1.5
_HEADLINE_MIN_WORDS = 5
_HEADLINE_BONUS = 1.0


_BYLINE_BONUS = 2.0
_BYLINE_WINDOW = 3
# An author's name is followed by the date too; a headline has more words.
_BYLINE_HEADLINE_MIN_WORDS = 4
_BYLINE_MAX_WORDS = 16
_DATELINE_MAX_WORDS = 10
# A question can be a headline; a full stop ends a sentence.
_HEADLINE_ENDINGS = ("?", "?»", "?”", '?"')
_NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_NUMBER_RE = re.compile(r"\d+")
# "By Jane Doe", "Posted by", "Von", "Par", "Por", "Di", "Door", "Av", "Przez", "Автор".
_BYLINE_RE = re.compile(
    r"^(?:(?:posted|written|words)\s+by|by|von|par|por|di|door|av|af|przez|автор|от)\b\s*:?\s*\S",
    re.IGNORECASE,
)


_LEDE_WEIGHT = 1.5
_LEDE_WORDS = 250
_LEDE_MIN_CHARS = 4


def _lede_words(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> frozenset[str]:
    """Return the long words of the article's first paragraphs (about ``_LEDE_WORDS`` words)."""
    words: list[str] = []
    for i in range(region[0], region[1]):
        if feats[i].sentence_end or feats[i].words >= _BYLINE_MAX_WORDS:
            words.extend(_title_key(segments[i].cleaned).split())
        if len(words) >= _LEDE_WORDS:
            break
    return frozenset(w for w in words if len(w) >= _LEDE_MIN_CHARS)


def _lede_overlap(candidate: str, lede: frozenset[str]) -> float:
    """Share of the candidate's long words found in the article's first paragraphs.

    A headline sums up its lede ("Un troisième Français mort ... au Népal" above "Un troisième
    Français a été tué ... au Népal"); a teaser or a caption is about something else.
    """
    words = [w for w in _title_key(candidate).split() if len(w) >= _LEDE_MIN_CHARS]
    if not words or not lede:
        return 0.0
    return sum(1 for w in words if w in lede) / len(words)


def _byline_follows(segments: Sequence[Segment], feats: Sequence[BlockFeatures], i: int) -> bool:
    """Return True when a byline or dateline follows block ``i`` before any paragraph.

    News pages set the author and date right under the headline; a caption, a teaser or a
    section label is followed by other things.
    """
    for j in range(i + 1, min(len(segments), i + 1 + _BYLINE_WINDOW)):
        f = feats[j]
        if f.words > _BYLINE_MAX_WORDS:
            break
        text = segments[j].cleaned
        if _BYLINE_RE.match(text) is not None or _is_dateline(text, f.words):
            return True
        if f.words >= _BYLINE_HEADLINE_MIN_WORDS and (
            not f.sentence_end or text.rstrip().endswith(_HEADLINE_ENDINGS)
        ):
            # Another headline-like line sits between: the byline belongs to that one.
            break
    return False


def _is_date_line(text: str) -> bool:
    """Return True for a line that carries a full date ("March 25, 2015", "Dec. 6, 2024, 10:00
    PM"); a headline that mentions a year alone ("... Lula em 2012") is not one."""
    if _NUMERIC_DATE_RE.search(text) is not None:
        return True
    return _YEAR_RE.search(text) is not None and len(_NUMBER_RE.findall(text)) >= 2


def _is_dateline(text: str, words: int) -> bool:
    """Return True for a short line holding a full date ("March 25, 2015", "08.04.2015 12:46").

    A year alone ("Europe 2020") or a long breadcrumb that mentions one is not a dateline.
    """
    if words > _DATELINE_MAX_WORDS:
        return False
    if _NUMERIC_DATE_RE.search(text) is not None:
        return True
    return _YEAR_RE.search(text) is not None and len(_NUMBER_RE.findall(text)) >= 2


def _head_is_page_title(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> bool:
    """Return True when a short page's first block is its <title> (bs4 and html-text dumps).

    Those renderers print the <title> first. When the article starts right below it, little
    else can be the title (:func:`pick_title` still prefers a convincing headline between), and
    a menu would have pushed the article further down; a menu line in lower case ("tv live
    menu") or a sentence is still refused.
    """
    if len(segments) < 3 or not 0 < region[0] <= _HEAD_NEAR_REGION:
        return False
    head, f = segments[0], feats[0]
    if f.lexicon is not None or f.artefact or f.keyword or head.kind == "list_item":
        return False
    if not 2 <= f.words <= 15 or f.sentence_end or head.cleaned[:1].islower():
        return False
    return not head.cleaned.startswith(("#", "[", "*", "("))


def pick_title(
    text: str,
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    region: tuple[int, int],
    opts: DumpOptions,
) -> int | None:
    start, _end = region
    from_head = _title_from_head(segments, feats, region)
    if from_head is not None:
        return from_head
    head_is_title = _head_is_page_title(segments, feats, region)
    lo = max(0, start - _TITLE_LOOK_BACK)
    # A headline stands above the article: a block with no article text after it is not one.
    hi = min(len(segments), start + 3, max(start, region[1] - 1))
    head = segments[0].cleaned if segments else ""
    counts: dict[str, int] = {}
    for i in range(lo, len(segments)):
        if 2 <= feats[i].words <= opts.title_max_words:
            key = _strip_enumerator(segments[i].cleaned)
            counts[key] = counts.get(key, 0) + 1
    lede = _lede_words(segments, feats, region)
    best: tuple[float, int] | None = None
    for i in range(lo, hi):
        if i == 0 or _title_candidate_score(feats[i], segments[i], text, opts) <= 0:
            continue
        if _in_numbered_run(segments, i) or _after_prose(feats, region, i):
            continue
        value = _headline_value(segments, feats, region, i, head, counts, lede)
        if best is None or value > best[0]:
            best = (value, i)
    # No convincing headline near the article (no byline under it, little in common with the
    # lede, not a heading): a bs4/html-text dump's first line is the page's <title>, and
    # Readability keeps the <title> when it finds nothing better.
    if head_is_title and (best is None or best[0] < _WEAK_HEADLINE or feats[best[1]].sentence_end):
        # The article starts right under a <title>-shaped first line; only a convincing
        # headline between them (not a sentence, "Lorem ipsum dolor sit amet.") comes first:
        # a blog's name above its post title is no title.
        return 0
    if best is None:
        return 0 if _head_can_stand_in(segments, feats, region) else None
    # Against a weak candidate, a one-word first line ("Lorem", "Home") is too thin a <title>.
    if (
        best[0] < _WEAK_HEADLINE
        and feats[0].words >= 2
        and _head_can_stand_in(segments, feats, region)
    ):
        return 0
    return best[1]


# "26. Data Integrity", "Appendix F. Example Minutes": an entry of a numbered list.
_ENUMERATED_RE = re.compile(r"^(?:([^\W\d_]+)\s+)?(\d{1,3}|[A-Z])[.)]\s+\S")


def _enumerator(text: str) -> tuple[str, int] | None:
    """Return the label and number of an enumerated line ("Appendix B." -> ("appendix", 66))."""
    m = _ENUMERATED_RE.match(text)
    if m is None:
        return None
    label, num = m.group(1) or "", m.group(2)
    return label.casefold(), int(num) if num.isdigit() else ord(num)


_PROSE_MIN_WORDS = 20


def _after_prose(feats: Sequence[BlockFeatures], region: tuple[int, int], i: int) -> bool:
    """Return True when article prose precedes block ``i`` inside the article: a subheading."""
    return any(
        feats[j].sentence_end and feats[j].words >= _PROSE_MIN_WORDS for j in range(region[0], i)
    )


def _strip_enumerator(text: str) -> str:
    """Return ``text`` without a leading list number: a breadcrumb's "4. Headline" repeats
    "Headline"."""
    m = _ENUMERATED_RE.match(text)
    return text if m is None else text[m.end() - 1 :]


def _in_numbered_run(segments: Sequence[Segment], i: int) -> bool:
    """Return True when block ``i`` is numbered and a neighbour carries the next or previous
    number ("25. ...", "26. ...", "27. ..."): a table of contents or a ranking, not a headline."""
    own = _enumerator(segments[i].cleaned)
    if own is None:
        return False
    label, num = own
    before = _enumerator(segments[i - 1].cleaned) if i > 0 else None
    after = _enumerator(segments[i + 1].cleaned) if i + 1 < len(segments) else None
    return before == (label, num - 1) or after == (label, num + 1)


def _headline_value(
    segments: Sequence[Segment],
    feats: Sequence[BlockFeatures],
    region: tuple[int, int],
    i: int,
    head: str,
    counts: dict[str, int],
    lede: frozenset[str],
) -> float:
    """Score block ``i`` as the article's headline (higher is likelier)."""
    start = region[0]
    f, seg = feats[i], segments[i]
    # Short names ("Site Name") also occur in the head line; a headline is longer.
    sim = _similar_to_head(seg.cleaned, head) * min(1.0, f.words / 4.0)
    closeness = 1.0 - abs(start - i) / (_TITLE_LOOK_BACK + 5.0)
    value = 2.0 * sim + closeness
    if not f.sentence_end:
        value += 0.3
    if seg.kind == "heading":
        value += 1.5
    if (f.words >= 3 and counts.get(_strip_enumerator(seg.cleaned), 0) > 1) or (
        f.words >= _QUOTED_MIN_WORDS and _quoted_elsewhere(segments, feats, i)
    ):
        # The headline recurs in breadcrumbs, share text or a caption; a paragraph does not.
        value += _TITLE_REPEAT_BONUS
    dated = _is_date_line(seg.cleaned)
    if dated or f.words < 3:
        value -= 1.0
    if _HEADLINE_MIN_WORDS <= f.words <= 20:
        value += _HEADLINE_BONUS
    if (
        f.words >= _BYLINE_HEADLINE_MIN_WORDS
        and _BYLINE_RE.match(seg.cleaned) is None
        and not dated
        and _byline_follows(segments, feats, i)
    ):
        value += _BYLINE_BONUS
    value += _LEDE_WEIGHT * _lede_overlap(seg.cleaned, lede)
    if i >= start:
        # Inside the article: a subheading more often than the headline.
        value -= _IN_REGION_PENALTY
    if _under_related_label(segments, feats, i):
        value -= _TEASER_PENALTY
    return value


_QUOTED_MIN_WORDS = 5
_QUOTING_MAX_WORDS = 80
# A kicker glued to the headline ("Name's" + "Headline") is no quote; a caption or share text
# adds a few words of its own ("Illustration for article titled", "Share on Twitter:").
_QUOTING_MIN_EXTRA = 3


def _quoted_elsewhere(segments: Sequence[Segment], feats: Sequence[BlockFeatures], i: int) -> bool:
    """Return True when a longer block of the page quotes block ``i`` whole.

    A caption ("Illustration for article titled <headline>"), a share text or an image's alt
    text repeats the headline inside a longer line; a deck or a teaser is rarely quoted. A line
    only a word or two longer is the same headline with a kicker, not a quote.
    """
    key = f" {_title_key(segments[i].cleaned)} "
    if len(key) < 3:
        return False
    for j, seg in enumerate(segments):
        extra = feats[j].words - feats[i].words
        if abs(j - i) <= 1 or extra < _QUOTING_MIN_EXTRA or feats[j].words > _QUOTING_MAX_WORDS:
            continue
        if key in f" {_title_key(seg.cleaned)} ":
            return True
    return False


_TEASER_PENALTY = 3.0
_TEASER_LOOK_BACK = 12
_TEASER_SECTION_END_WORDS = 30
_TEASER_LABEL_MAX_WORDS = 5
# A menu item between a "Related" label and the block: the label was a menu entry.
_MENU_LEXICON = frozenset({"nav", "account", "menu_words"})


def _under_related_label(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], i: int
) -> bool:
    """Return True when block ``i`` sits in a "Related" / "Sur le même sujet" teaser list.

    Teasers carry their own bylines and share words with the article, but they follow a
    related-stories label with no paragraph of prose between; the article's headline does not.
    A "See also" entry in a table of contents (a list item, or followed by menu items) and a
    hatnote ("See also: Mozilla Foundation and ...") label no teasers.
    """
    for j in range(i - 1, max(0, i - _TEASER_LOOK_BACK) - 1, -1):
        f = feats[j]
        if f.words >= _TEASER_SECTION_END_WORDS or f.lexicon in _MENU_LEXICON:
            return False
        if f.lexicon == "related":
            return segments[j].kind != "list_item" and f.words <= _TEASER_LABEL_MAX_WORDS
    return False


def _head_can_stand_in(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> bool:
    """Return True when the first block may be taken as the title for want of a headline.

    Never the only text of the article, nor a lower-case line (body text or a menu).
    """
    return not (
        len(segments) < 2
        or region[1] - max(region[0], 1) < 1
        or segments[0].cleaned[:1].islower()
        or not _could_be_page_title(segments[0], feats[0])
    )


def _could_be_page_title(seg: Segment, f: BlockFeatures) -> bool:
    """Return True when a first block has the shape of a <title>: short, no sentence, no menu."""
    if f.lexicon is not None or f.artefact or f.keyword or seg.kind == "list_item":
        return False
    return _has_title_shape(seg.cleaned)


# Readability.js's title separators: " | Site", " - Site", " » Section"; the "hierarchical" ones
# (\\ / > ») mark breadcrumb-like titles, where one-word parts are kept.
_RDB_SEPS = r"|\-–—\\/>»"
_RDB_SEP_RE = re.compile(rf"\s[{_RDB_SEPS}]\s")
_RDB_HIER_RE = re.compile(r"\s[\\/>»]\s")
_RDB_FIRST_PART_RE = re.compile(rf"^[^{_RDB_SEPS}]*[{_RDB_SEPS}]")
_RDB_SEP_RUN_RE = re.compile(rf"[{_RDB_SEPS}]+")
_RDB_MIN_CHARS = 15
_RDB_MAX_CHARS = 150


def _word_count(text: str) -> int:
    return len(text.split())


def trim_site_name(
    title: str, headings: Collection[str] = (), *, sole_heading: str | None = None
) -> str:
    """Return a page <title> without its site name, by Readability.js's rules.

    "Headline | Site" and "Headline - Site" lose their last part ("A | B | Site" -> "A | B"); when
    that leaves fewer than three words the first part goes instead ("Site - Headline"). "Site:
    Headline" keeps what follows the last colon unless a heading in ``headings`` repeats the whole
    title or more than five words precede the colon. A result of four words or fewer falls back
    to the whole title unless the cut removed exactly one breadcrumb part. Whitespace is
    collapsed; no other character is changed.

    ``sole_heading`` is the page's only <h1>, when the caller knows it (HTML; a dump cannot tell
    an <h1> from other lines): a title with neither separator nor colon that is shorter than 15
    or longer than 150 characters gives way to it, before the four-word fallback.
    """
    orig = " ".join(title.split())
    cur = orig
    hierarchical = False
    seps = list(_RDB_SEP_RE.finditer(orig))
    if seps:
        hierarchical = _RDB_HIER_RE.search(orig) is not None
        cur = orig[: seps[-1].start()]
        if _word_count(cur) < 3:
            cur = _RDB_FIRST_PART_RE.sub("", orig, count=1)
    elif ": " in orig:
        if not any(" ".join(h.split()) == orig for h in headings):
            cur = orig[orig.rfind(":") + 1 :]
            if _word_count(cur) < 3:
                cur = orig[orig.find(":") + 1 :]
            elif _word_count(orig[: orig.find(":")]) > 5:
                cur = orig
    elif sole_heading is not None and not _RDB_MIN_CHARS <= len(orig) <= _RDB_MAX_CHARS:
        cur = sole_heading
    cur = " ".join(cur.split())
    words = _word_count(cur)
    if words <= 4 and (not hierarchical or words != _word_count(_RDB_SEP_RUN_RE.sub("", orig)) - 1):
        return orig
    return cur


# A part boundary inside a <title>: a run of symbols between spaces (" | ", " - ", " ✩ ", " :: ").
_PART_BOUNDARY_RE = re.compile(r"\s+[^\w\s\"'“‘«(\[]+\s+")
_HEAD_MAX_WORDS = 40
# What follows the page's own heading in its <title> is a label when short: "Wikipedia",
# "07.12.2017 - LA NACION"; a longer tail ("evolve extension for Mercurial") may be part of the
# title, and Readability keeps it.
_LABEL_MAX_WORDS = 3
_PUNCT_RE = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=8192)
def _title_key(text: str) -> str:
    """Casefold and drop punctuation, keeping digits ("Issue 85" is not "Issue 86")."""
    return " ".join(_PUNCT_RE.sub(" ", text.casefold()).replace("_", " ").split())


def _leading_parts(title: str) -> list[str]:
    """Return the title's prefixes that end before a separator, longest first."""
    return [title[: m.start()] for m in reversed(list(_PART_BOUNDARY_RE.finditer(title)))]


def _is_page_title_line(head: str) -> bool:
    """Return False for first lines that cannot be a <title>: lynx's "#alternate ..." link list,
    image or button markers, bullets, and long runs of text."""
    if not head or head.startswith(("#", "[", "*", "(", "<", "•")):
        return False
    return 1 <= _word_count(head) <= _HEAD_MAX_WORDS


def title_from_page_title(head: str, texts: Sequence[str]) -> str:
    """Return the article title carried by a page's <title> line ``head``.

    Readability.js's cut (:func:`trim_site_name`) is the base. When a block of the page repeats
    the cut title, or a leading part of it ("Headline" of "Headline - 07.12.2017", "Name" of
    "Name - Wikipedia"), the page's own heading is taken as the article's title: the rest is
    site, section or date decoration that Readability keeps only because it cannot see it.
    """
    head = " ".join(head.split())
    shown = {_title_key(t) for t in texts if t and _word_count(t) <= _HEAD_MAX_WORDS}
    shown.discard("")
    trimmed = trim_site_name(head, [t for t in texts if _word_count(t) <= _HEAD_MAX_WORDS])
    if _title_key(trimmed) in shown:
        return trimmed
    for part in _leading_parts(trimmed):
        tail = trimmed[len(part) :]
        # A doubled title ("Name - Name - Site") is the heading too.
        # Dates do not count; Chinese or Japanese words are counted as such, not as one token.
        words = count_words(tail, [t for t in tokenize(tail) if not t.isdigit()])
        label = _title_key(tail) == _title_key(part) or words <= _LABEL_MAX_WORDS
        if label and _word_count(part) >= 2 and _title_key(part) in shown:
            return part
        if label and _word_count(part) >= _GLUED_MIN_WORDS and _glued_heading(part, texts):
            return part
    return trimmed


_GLUED_MIN_WORDS = 3


def _glued_heading(part: str, texts: Sequence[str]) -> bool:
    """Return True when a block opens with ``part`` glued to a capitalised word: a heading run
    into its first paragraph by a renderer that adds no line break ("Title”You either...")."""
    n = len(part)
    return any(
        len(t) > n and t.startswith(part) and t[n].isupper() and not part[-1].isspace()
        for t in texts
    )


_SENTENCE_BREAK_RE = re.compile(r"\w[.!?]\s+[A-Z]")
_TITLE_SHAPE_MAX_WORDS = 20
_SHARED_MIN_WORDS = 2
_SHARED_WORD_CHARS = 3


def _has_title_shape(head: str) -> bool:
    """Return True for a line that can be a <title>: not a sentence, a bullet or a long run."""
    if not _is_page_title_line(head) or head.rstrip().endswith((".", ",", ";", ":")):
        return False
    if _SENTENCE_BREAK_RE.search(head) is not None:
        return False
    return count_words(head) <= _TITLE_SHAPE_MAX_WORDS


def _shares_words(block: str, head: str) -> bool:
    """Return True when ``block`` and ``head`` share two words of three letters or more."""
    a = {w for w in _title_key(block).split() if len(w) >= _SHARED_WORD_CHARS}
    b = {w for w in _title_key(head).split() if len(w) >= _SHARED_WORD_CHARS}
    return len(a & b) >= _SHARED_MIN_WORDS


def _repeats_part_of(block: str, head: str) -> bool:
    """Return True when ``block`` repeats a run of whole words of the <title> line ``head``."""
    if normalize_phrase(block) in _head_variants(head) or normalize_phrase(block) == _leading_name(
        head
    ):
        return True
    key = _title_key(block)
    if len(key) < 4 or (len(key.split()) < 2 and key.isascii()):
        return False
    return f" {key} " in f" {_title_key(head)} "


def article_title(texts: Sequence[str], title_index: int | None) -> str | None:
    """Return the article's title text, given the blocks' texts and :func:`pick_title`'s index.

    When the picked block is the page's <title> line (the first block) or repeats a part of it,
    the title is that line without its site name (:func:`title_from_page_title`); otherwise it
    is the picked block, whitespace collapsed. The text is always words of the page, in order.
    """
    if title_index is None or not 0 <= title_index < len(texts):
        return None
    picked = " ".join(texts[title_index].split())
    head = texts[0]
    if not _is_page_title_line(head):
        return _drop_kicker(picked) or None
    if (
        title_index == 0
        or _repeats_part_of(picked, head)
        # The picked heading tells the same story as a <title>-shaped first line ("The 21 best
        # movies of 2017" under "How to watch the 21 best films of 2017 - Vox"): the page's
        # <title> is what Readability returns.
        or (_has_title_shape(head) and _shares_words(picked, head))
    ):
        return title_from_page_title(head, texts[1:]) or picked or None
    return _drop_kicker(picked) or None


_KICKER_RE = re.compile(r"^([^|\d]{2,40}?)\s*\|\s*([^|]+)$")
_KICKER_MAX_WORDS = 3


def _drop_kicker(heading: str) -> str:
    """Return a heading without a section label run into it ("New York|Manhole Fires ...").

    Only a short label before the one bar of a longer headline goes; the headline's own words
    stay as they are.
    """
    m = _KICKER_RE.match(heading)
    if m is None:
        return heading
    label, rest = m.group(1), m.group(2)
    if _word_count(label) > _KICKER_MAX_WORDS or _word_count(rest) < _HEADLINE_MIN_WORDS:
        return heading
    return rest.strip()
