"""Label each block of a dump as title, article body or boilerplate, with a reason.

Blocks are scored with cheap features (length, sentence punctuation, stopword density, share of
title-cased words, boilerplate lexicon). The main article region is the run of blocks with the
largest total content score (a maximum-sum subarray: long prose counts for it, menus, lexicon
hits and runs of short lines count against it), so isolated prose in a footer stays out while
short subheadings and list items between paragraphs stay in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from newsclean._errors import ConfigError
from newsclean.dumps._foreign_script import find_foreign_script_edges
from newsclean.dumps._lexicon import has_keyword, match_lexicon
from newsclean.dumps._segment import Segment, ends_sentence
from newsclean.dumps._stopwords import guess_language, stopwords_for
from newsclean.dumps._template import Template
from newsclean.dumps._text import count_words, normalize_phrase, tokenize

_SENTENCE_PUNCT_RE = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")
_UNSPACED_RE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
_ARTEFACT_RE = re.compile(
    r"^(?:IFRAME:|\[(?:IMG|INS:|BUTTON|_|X|\s*\])|:INS\]|_{3,}|\(BUTTON\)|\[[^\]]{0,40}\]$)"
)
# "companyNews CorpBarron'sBigCharts": menu items glued by a renderer without separators.
# "(Image: GETTY)", "(Photo: Jane Doe/AP)" closing a caption.
_CREDIT_TAIL_RE = re.compile(
    r"\((?:images?|photos?|pictures?|credit|foto|bild|source|fuente|fonte)\s*:[^()]{1,60}\)\s*$",
    re.IGNORECASE,
)
# A photo caption ends with its credit: "... in 2019. (AP)", "... New York. Reuters",
# "... Photograph by Jane Doe/AFP", "... Credit: Jane Doe". A paragraph that names an agency ends
# with a sentence ("..., she told Reuters."), so the agency must follow a sentence end or a slash.
_AGENCY_TAIL_RE = re.compile(
    r"(?:[.!?”\")]\s+\(?|\s\(|/)(?:AP|AFP|Reuters|Getty Images|EPA|Shutterstock|Bloomberg|Xinhua"
    r"|dpa|TASS|ANSA|EFE|Alamy|PA|AAP|Anadolu|Sputnik|RIA Novosti|UPI)(?:\s+(?:Photo|Images?))?\)?"
    r"\s*$"
)
_PHOTO_BY_RE = re.compile(
    r"\b(?:Photograph|Photo|Image|Picture|Foto|Bild|Credit|Crédit|Crédito)s?\s*(?:by\b|von\b|par\b"
    r"|de\b|:)\s*[^.!?:]{2,60}$",
    re.IGNORECASE,
)
_CAPTION_MAX_WORDS = 60
_CAPTION_TAIL_CHARS = 120
# The stopword guess reads at most this many tokens of prose-like blocks.
_GUESS_TOKENS = 3000
# HTML that leaked into the text (noscript/iframe fallbacks, MathML) and bare URLs.
_MARKUP_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,300})?/?>|https?://\S+")
_CAMEL_JOIN_RE = re.compile(r"[a-zß-ÿ](?:'s)?[A-ZÀ-Þ]")
# Lines that head a reader comment: "Jane on May 2, 2019 at 6:34 am said:", "2 days ago".
_COMMENT_META_RE = re.compile(
    r"(?:\b(?:says|said|wrote|writes|schreibt|schrieb|écrit|dit|escribió|escribe|disse|scrive"
    r"|пишет|написал|написала|пише|napisał|napisała|yazdı)\s*:\s*$"
    r"|^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\b\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)(?:\s|$))",
    re.IGNORECASE,
)
# A short block that is only a date ("Wednesday November 20, 2019", "19.11.2019 12:26"): under
# the article, repeated dates mark a teaser list or a comment thread.
_DATE_META_RE = re.compile(r"(?:\b(?:19|20)\d\d\b.*|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b.*)$")
_COMMENT_WINDOW = 8
# A full stop after a word ends a sentence; "N.Y.C." or "U.S." closing a headline does not.
_SENTENCE_STOP_RE = re.compile(r"\w\w\.$")
_LINK_REL_RE = re.compile(
    r"^#(?:(?:alternate|publisher|home|copyright|search|author|canonical|edit|next|prev|start"
    r"|help|index|contents|top|up|amphtml|manifest|preload|shortlink|pingback)\b\s*)+",
    re.IGNORECASE,
)
_SITE_PREFIX_RE = re.compile(r"[^:|]{2,40}:\s+")
_TITLE_SEP_RE = re.compile(r"\s+(?:[|\-–—:»/\\·•]|::)\s+")
# A block repeated in one page is a caption, a teaser or a banner; long repeated paragraphs are
# more likely the article quoting itself, so they are left to the other signals.
_MAX_DUPLICATE_WORDS = 30
_COMMENT_CUT_SHARE = 0.4
_COMMENT_CUT_WORDS = 60.0


@dataclass(frozen=True)
class DumpOptions:
    """Switches and thresholds of :func:`classify_segments`."""

    lexicon: bool = True
    layout: bool = True
    templates: bool = True
    foreign_script: bool = True
    min_good_words: int = 12
    min_stopword_density: float = 0.2
    short_penalty: float = 2.5
    bad_penalty: float = 4.0
    title_max_words: int = 30
    gap_growth: float = 0.0

    def __post_init__(self) -> None:
        if self.min_good_words < 1 or not 0.0 <= self.min_stopword_density <= 1.0:
            raise ConfigError("min_good_words must be >= 1, min_stopword_density in [0, 1]")
        if self.short_penalty < 0 or self.bad_penalty < 0 or self.title_max_words < 1:
            raise ConfigError("penalties must be >= 0 and title_max_words >= 1")


@dataclass(frozen=True)
class SegmentLabel:
    """The verdict on one block: kept or not, its role, a snake_case reason and a score."""

    keep: bool
    role: str
    reason: str
    score: float


@dataclass(frozen=True)
class _Features:
    words: int
    stop_density: float
    sentence_end: bool
    sentences: int
    cap_share: float
    lexicon: str | None
    artefact: bool
    unspaced: bool
    keyword: bool
    camel_share: float


def _features(seg: Segment, stops: frozenset[str], use_lexicon: bool) -> _Features:
    text = seg.cleaned
    toks = tokenize(text)
    words = count_words(text, toks)
    # map() over C predicates: this runs for every block of every page.
    stop = sum(map(stops.__contains__, map(str.casefold, toks))) / len(toks) if toks else 0.0
    end = ends_sentence(text)
    firsts = "".join([t[0] for t in toks])
    upper = sum(map(str.isupper, firsts))
    lower = sum(map(str.islower, firsts))
    caps = upper / (upper + lower) if upper + lower else 0.0
    key = normalize_phrase(text) if use_lexicon and words <= 40 else ""
    lex = match_lexicon(text, words, sentence_end=end, key=key) if use_lexicon else None
    if lex is None and use_lexicon and words <= 40 and _CREDIT_TAIL_RE.search(text):
        lex = "credit"
    if lex is None and use_lexicon and words <= _CAPTION_MAX_WORDS and _is_caption(text):
        lex = "credit"
    return _Features(
        words=words,
        stop_density=stop,
        sentence_end=end,
        sentences=len(_SENTENCE_PUNCT_RE.findall(text)),
        cap_share=caps,
        lexicon=lex,
        artefact=_ARTEFACT_RE.match(text) is not None or _is_markup(text),
        unspaced=not text.isascii() and len(_UNSPACED_RE.findall(text)) > len(toks),
        keyword=use_lexicon and words <= 25 and has_keyword(text, key=key),
        camel_share=len(_CAMEL_JOIN_RE.findall(text)) / words if words else 0.0,
    )


def _is_caption(text: str) -> bool:
    """Return True for a photo caption that closes with its credit or agency."""
    # Both patterns end at the block's end and span < 100 characters: scan the tail only.
    tail = text[-_CAPTION_TAIL_CHARS:]
    return _AGENCY_TAIL_RE.search(tail) is not None or _PHOTO_BY_RE.search(tail) is not None


def _is_markup(text: str) -> bool:
    """Return True when tags or URLs make up a large part of the block."""
    if "<" not in text and "://" not in text:
        return False
    covered = sum(m.end() - m.start() for m in _MARKUP_RE.finditer(text))
    return covered > 0.3 * len(text)


def _content_score(f: _Features, opts: DumpOptions, has_stoplist: bool) -> float:
    """Positive for prose-like blocks (about their word count), negative for boilerplate."""
    if f.lexicon is not None or f.artefact or f.keyword:
        return -(opts.bad_penalty + 0.5 * f.words)
    prose = f.sentence_end or f.sentences > 0
    dense = f.unspaced or not has_stoplist or f.stop_density >= opts.min_stopword_density
    headline_like = (f.cap_share > 0.6 and f.words >= 4 and not f.unspaced) or (
        f.camel_share > 0.08 and f.words >= 8
    )
    if f.words >= opts.min_good_words and dense and not headline_like:
        if prose or f.words >= 2 * opts.min_good_words:
            return float(f.words)
        # A line without a sentence end is a headline, caption or link more often than prose.
        return -0.5 * opts.short_penalty
    if f.words >= opts.min_good_words // 2 and prose and (dense or f.stop_density > 0.1):
        return 0.6 * f.words
    if f.words >= opts.min_good_words and not headline_like:
        return 0.2 * f.words
    return -opts.short_penalty


def _escalate_gaps(scores: Sequence[float], growth: float) -> list[float]:
    """Make the k-th block of a run of non-content blocks cost k times more.

    One caption or subheading between paragraphs is cheap to bridge; the menus, bylines and
    dates between an article and a teaser list are not.
    """
    out: list[float] = []
    run = 0
    for s in scores:
        if s > 0:
            run = 0
            out.append(s)
        else:
            run += 1
            out.append(s * (1.0 + growth * (run - 1)))
    return out


def _main_region(scores: Sequence[float]) -> tuple[int, int]:
    """Return [start, end) of the maximum-sum run of scores (Kadane); (0, 0) if none is > 0."""
    best, best_span = 0.0, (0, 0)
    cur, cur_start = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, cur_start = s, i
        else:
            cur += s
        if cur > best:
            best, best_span = cur, (cur_start, i + 1)
    return best_span


def _is_comment_meta(f: _Features, text: str) -> bool:
    if f.words > 16:
        return False
    if _COMMENT_META_RE.search(text) is not None:
        return True
    return f.words <= 8 and not f.sentence_end and _DATE_META_RE.search(text) is not None


def _cut_at_comments(
    segments: Sequence[Segment],
    feats: Sequence[_Features],
    scores: Sequence[float],
    region: tuple[int, int],
) -> tuple[int, int]:
    """End the region where a reader-comment section starts (comments look like prose too).

    A comments heading from the lexicon, or two comment meta lines ("X says:", "2 days ago")
    close together, end the article once a fair share of its prose lies above them.
    """
    start, end = region
    total = sum(s for s in scores[start:end] if s > 0)
    if total <= 0:
        return region
    seen = 0.0
    meta = [False] * len(segments)
    strong = [False] * len(segments)
    for i in range(start, end):
        meta[i] = _is_comment_meta(feats[i], segments[i].cleaned)
        strong[i] = feats[i].lexicon == "comments" or (
            meta[i] and _COMMENT_META_RE.search(segments[i].cleaned) is not None
        )
    for i in range(start, end):
        share_ok = seen >= _COMMENT_CUT_SHARE * total
        words_ok = seen >= _COMMENT_CUT_WORDS
        if share_ok and feats[i].lexicon == "comments":
            return (start, i)
        window = range(i + 1, min(end, i + _COMMENT_WINDOW))
        if (
            meta[i]
            and (share_ok or (words_ok and strong[i]))
            and any(meta[j] and (share_ok or strong[j]) for j in window)
        ):
            cut = i
            while cut > start and scores[cut - 1] <= 0:
                cut -= 1
            return (start, max(cut, start + 1))
        if scores[i] > 0:
            seen += scores[i]
    return region


_END_MARKERS = frozenset({"share", "related", "tags", "newsletter", "comments", "menu_words"})
_END_MIN_BEFORE = 0.6
_END_MAX_AFTER = 0.3


def _cut_at_end_marker(
    feats: Sequence[_Features], scores: Sequence[float], region: tuple[int, int]
) -> tuple[int, int]:
    """End the region at a share/related/tags block once most of the article lies above it.

    What follows such a block ("Share", "Related stories", "Tags") is teasers and widgets; it is
    kept only if it still holds a large part of the region's prose.
    """
    start, end = region
    total = sum(s for s in scores[start:end] if s > 0)
    if total <= 0:
        return region
    seen = 0.0
    for i in range(start, end):
        if (
            feats[i].lexicon in _END_MARKERS
            and seen >= _END_MIN_BEFORE * total
            and total - seen <= _END_MAX_AFTER * total
        ):
            return (start, i)
        if scores[i] > 0:
            seen += scores[i]
    return region


def _is_headline(f: _Features, seg: Segment) -> bool:
    return (
        f.cap_share > 0.6
        and f.words >= 3
        and not f.sentence_end
        and not f.unspaced
        and seg.kind != "list_item"
    )


def _find_link_lists(
    segments: Sequence[Segment], feats: Sequence[_Features], region: tuple[int, int]
) -> list[int]:
    """Return blocks in runs of two or more headline-like blocks (teaser links inside the text).

    A subheading is followed by its paragraph; consecutive title-cased lines are a list of links.
    """
    out: list[int] = []
    run: list[int] = []
    for i in range(region[0], region[1] + 1):
        if i < region[1] and _is_headline(feats[i], segments[i]):
            run.append(i)
            continue
        if len(run) >= 2:
            out.extend(run)
        run = []
    return out


def _title_candidate_score(f: _Features, seg: Segment, text: str, opts: DumpOptions) -> float:
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
    segments: Sequence[Segment], feats: Sequence[_Features], region: tuple[int, int]
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
    segments: Sequence[Segment], feats: Sequence[_Features], region: tuple[int, int]
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


def _pick_title(
    text: str,
    segments: Sequence[Segment],
    feats: Sequence[_Features],
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
        if _DATE_META_RE.search(segments[i].cleaned) or feats[i].words < 3:
            value -= 1.0
        if _HEADLINE_MIN_WORDS <= feats[i].words <= 20:
            value += _HEADLINE_BONUS
        if best is None or value > best[0]:
            best = (value, i)
    if best is None:
        return None
    return best[1]


def classify_segments(
    text: str,
    segments: Sequence[Segment],
    *,
    language: str | None = None,
    template: Template | None = None,
    options: DumpOptions | None = None,
) -> list[SegmentLabel]:
    """Return one label per segment: the title (keep=False), body blocks and boilerplate.

    ``template`` (see :func:`learn_template`) marks blocks that recur across the site as
    boilerplate (reason ``template``); ``language`` picks the stopword list (guessed if None).
    """
    opts = options or DumpOptions()
    if not segments:
        return []
    if language is None:
        sample: list[str] = []
        for seg in segments:
            toks = tokenize(seg.cleaned)
            if len(toks) >= 8:
                sample.extend(map(str.casefold, toks))
                if len(sample) >= _GUESS_TOKENS:
                    break
        language = guess_language(sample)
    stops = stopwords_for(language)
    has_stoplist = language is not None
    feats = [_features(seg, stops, opts.lexicon) for seg in segments]
    scores = [_content_score(f, opts, has_stoplist) for f in feats]
    seen: dict[str, int] = {}
    for seg, f in zip(segments, feats, strict=False):
        if 4 <= f.words <= _MAX_DUPLICATE_WORDS:
            seen[seg.cleaned] = seen.get(seg.cleaned, 0) + 1
    scores = [
        -(opts.bad_penalty + 0.5 * f.words) if seen.get(seg.cleaned, 0) > 1 else s
        for seg, f, s in zip(segments, feats, scores, strict=False)
    ]
    templ = [
        bool(opts.templates and template is not None and template.is_template_line(seg.cleaned))
        for seg in segments
    ]
    region_scores = _escalate_gaps(
        [
            -(opts.bad_penalty + 0.5 * f.words) if t else s
            for s, f, t in zip(scores, feats, templ, strict=False)
        ],
        opts.gap_growth,
    )
    if opts.layout:
        region = _main_region(region_scores)
        if region == (0, 0):
            region = (0, len(segments))
        region = _cut_at_comments(segments, feats, region_scores, region)
        region = _cut_at_end_marker(feats, region_scores, region)
    else:
        region = (0, len(segments))
    labels: list[SegmentLabel] = []
    for i, (f, s) in enumerate(zip(feats, scores, strict=False)):
        if templ[i]:
            labels.append(SegmentLabel(False, "boilerplate", "template", s))
        elif f.lexicon is not None:
            labels.append(SegmentLabel(False, "boilerplate", f"lexicon:{f.lexicon}", s))
        elif f.artefact:
            labels.append(SegmentLabel(False, "boilerplate", "renderer_artefact", s))
        elif not region[0] <= i < region[1]:
            labels.append(SegmentLabel(False, "boilerplate", "outside_main_region", s))
        else:
            labels.append(SegmentLabel(True, "body", "main_region", s))
    if opts.layout:
        for i in _find_link_lists(segments, feats, region):
            if labels[i].keep:
                labels[i] = SegmentLabel(False, "boilerplate", "link_list", scores[i])
    title = _pick_title(text, segments, feats, region, opts) if opts.layout else None
    if title is not None:
        labels[title] = SegmentLabel(False, "title", "title", scores[title])
    if opts.foreign_script:
        keep = [lab.keep for lab in labels]
        for i in find_foreign_script_edges([s.cleaned for s in segments], keep):
            labels[i] = SegmentLabel(False, "boilerplate", "foreign_script", scores[i])
    return labels
