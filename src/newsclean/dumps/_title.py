"""Find the article's title among a dump's blocks.

bs4 and html-text dumps start with the page's <title>; the article's own heading repeats it,
usually without the site name. lynx, w3m and inscriptis dumps have no <title> line, so the
headline is picked from the blocks just above the article by shape and position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsclean.dumps._features import DATE_LINE_RE, BlockFeatures
from newsclean.dumps._segment import Segment
from newsclean.dumps._text import normalize_phrase

if TYPE_CHECKING:
    from newsclean.dumps._classify import DumpOptions

# A full stop after a word ends a sentence; "N.Y.C." or "U.S." closing a headline does not.
_SENTENCE_STOP_RE = re.compile(r"\w\w\.$")
_LINK_REL_RE = re.compile(
    r"^#(?:(?:alternate|publisher|home|copyright|search|author|canonical|edit|next|prev|start"
    r"|help|index|contents|top|up|amphtml|manifest|preload|shortlink|pingback)\b\s*)+",
    re.IGNORECASE,
)
_SITE_PREFIX_RE = re.compile(r"[^:|]{2,40}:\s+")
_TITLE_SEP_RE = re.compile(r"\s+(?:[|\-–—:»/\\·•]|::)\s+")


def _title_candidate_score(f: BlockFeatures, seg: Segment, text: str, opts: DumpOptions) -> float:
    if f.lexicon is not None or f.artefact or seg.kind == "list_item":
        return -1.0
    if f.words < 2 or f.words > opts.title_max_words:
        return -1.0
    if seg.cleaned.endswith((",", ";")) or (
        f.words > 6 and _SENTENCE_STOP_RE.search(seg.cleaned) is not None
    ):
        return -1.0
    return 1.0


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
    return {v for v in out if len(v.split()) >= 2}


def _title_from_head(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> int | None:
    """Return the heading that repeats the page's first line (the HTML <title>), if any.

    bs4 and html-text dumps start with the <title>; the article's h1 repeats it, often without
    the site name. The repeat closest to the article's start wins.
    """
    if len(segments) < 3:
        return None
    variants = _head_variants(segments[0].cleaned)
    if not variants:
        return None
    best: int | None = None
    for i in range(1, min(len(segments), region[1] + 1)):
        if feats[i].words > 40 or feats[i].lexicon is not None:
            continue
        closer = best is None or abs(i - region[0]) < abs(best - region[0])
        if closer and normalize_phrase(segments[i].cleaned) in variants:
            best = i
    return best


_HEAD_NEAR_REGION = 3
_TITLE_LOOK_BACK = 40
_TITLE_REPEAT_BONUS = 1.5
_HEADLINE_MIN_WORDS = 5
_HEADLINE_BONUS = 1.0


def _head_is_page_title(
    segments: Sequence[Segment], feats: Sequence[BlockFeatures], region: tuple[int, int]
) -> bool:
    """Return True when a short page's first block is its <title> (bs4 and html-text dumps).

    Those renderers print the <title> first. When the article starts right below it, nothing
    else can be the title, and a menu would have pushed the article further down; a menu line
    in lower case ("tv live menu") or a sentence is still refused.
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
    if _head_is_page_title(segments, feats, region):
        return 0
    lo = max(0, start - _TITLE_LOOK_BACK)
    hi = min(len(segments), start + 3)
    head = segments[0].cleaned if segments else ""
    counts: dict[str, int] = {}
    for i in range(lo, len(segments)):
        if 2 <= feats[i].words <= opts.title_max_words:
            counts[segments[i].cleaned] = counts.get(segments[i].cleaned, 0) + 1
    best: tuple[float, int] | None = None
    for i in range(lo, hi):
        if _title_candidate_score(feats[i], segments[i], text, opts) <= 0:
            continue
        if i == 0:
            continue
        # Short names ("Site Name") also occur in the head line; a headline is longer.
        sim = _similar_to_head(segments[i].cleaned, head) * min(1.0, feats[i].words / 4.0)
        closeness = 1.0 - abs(start - i) / (_TITLE_LOOK_BACK + 5.0)
        value = 2.0 * sim + closeness
        if not feats[i].sentence_end:
            value += 0.3
        if segments[i].kind == "heading":
            value += 1.5
        if feats[i].words >= 3 and counts.get(segments[i].cleaned, 0) > 1:
            # The headline recurs in breadcrumbs, share text or a caption; a paragraph does not.
            value += _TITLE_REPEAT_BONUS
        if DATE_LINE_RE.search(segments[i].cleaned) or feats[i].words < 3:
            value -= 1.0
        if _HEADLINE_MIN_WORDS <= feats[i].words <= 20:
            value += _HEADLINE_BONUS
        if best is None or value > best[0]:
            best = (value, i)
    if best is None:
        return None
    return best[1]
