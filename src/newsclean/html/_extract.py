"""Label rendered blocks: main content or page furniture, with a reason for each decision.

The main-content container is chosen Readability-style (paragraph evidence propagated to
ancestors, weighted by class/id cues and link density, then siblings that look alike), with all
per-node statistics computed bottom-up once from the blocks. Inside the container, blocks under
page-furniture markup, link-dense lists, bylines, UI phrases and the repeated title are labelled
as removed. Nothing is deleted: every block keeps a reason.
"""

from __future__ import annotations

import re

import lxml.etree as etree

from newsclean.html._cues import STRONG, attr_tokens, boilerplate_cue, class_weight
from newsclean.html._render import NodeStats, RawBlock, Rendered

_SCORED_KINDS = frozenset({"paragraph", "quote", "preformatted"})
_INIT_SCORE = {
    "div": 5,
    "article": 5,
    "main": 5,
    "section": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
# Share of link text above which a block is navigation rather than prose (a sentence that
# carries a link or two stays), and above which a container of blocks is a link list.
_LD_BLOCK = 0.8
_LD_CONT = 0.5
_TEASER_MAX = 0.9  # share of the content above which the items are the content
_LONG_PROSE = 300  # characters of plain text that are article text, whatever box holds them
_TEASER_ONLY = 0.1  # kept share of the container below which teasers are the content
_MEANINGFUL_TAGS = frozenset({"nav", "aside", "footer"})
_NEAR_TIE = 0.5  # score ratio within which more prose beats a class bonus
_BONUS_TEXT = 1000.0  # characters of text that earn a class/tag bonus in full
_CELL_PARTS = frozenset({"td", "th", "tr", "table"})
_NON_CANDIDATES = frozenset({"li", "ul", "ol", "dl", "dd", "dt"})
_CONTAINER_TAGS = frozenset({"ul", "ol", "dl", "div", "section", "table", "header", "figure"})
_SENTENCE_END_RE = re.compile(r"[.!?\u3002\uff01\uff1f\u061f\u0964]['\"\u201d\u2019)]?$")
_BYLINE_RE = re.compile(
    r"^(?:by|par|von|por|di|door|av|af|автор|written by|posted by|words by)[\s:]+\S",
    re.IGNORECASE,
)
_BYLINE_TOKENS = frozenset(
    {
        "byline",
        "author",
        "authors",
        "dateline",
        "timestamp",
        "date",
        "time",
        "published",
        "pubdate",
        "posted",
        "meta",
        "postmeta",
        "entrymeta",
        "articlemeta",
        "credit",
        "credits",
        "contributor",
        "contributors",
    }
)
# Short UI lines that are never article text, in the languages we see most.
_UI_LINE_RE = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored|sponsored content|share|share this|"
    r"share this article|share on \w+|tweet|email|print|comments?|\d+ comments?|"
    r"leave a comment|read more|read next|continue reading|see also|related|related articles|"
    r"related stories|more stories|recommended|subscribe|sign up|log ?in|follow us|"
    r"click here|skip to (?:main )?content|back to top|top|menu|close|loading|"
    r"image|photo|video|play video|listen|copy link|link copied|"
    r"advert|publicité|anzeige|werbung|publicidad|pubblicità|реклама)[\s.:!»›>]*$",
    re.IGNORECASE,
)


_CAPTION_TEXT_RE = re.compile(
    r"\((?:image|images|photo|photos|picture|pic|credit|source|foto|bild|video)s?\s*:[^)]*\)\s*$"
    r"|^(?:image|photo|picture|credit|foto|bild)s?\s*(?:credit)?\s*:",
    re.IGNORECASE,
)
_COPYRIGHT_RE = re.compile(
    r"^\s*(?:©|\(c\)|copyright\b)[^!?]{0,100}$|all rights reserved|alle rechte vorbehalten|"
    r"tous droits réservés|todos los derechos reservados",
    re.IGNORECASE,
)


def _link_density(stats: NodeStats) -> float:
    return stats.links / stats.text if stats.text else 0.0


class _Classifier:
    def __init__(self, rendered: Rendered, body: etree._Element):
        self.blocks = rendered.blocks
        self.body = body
        self.hidden = set(rendered.hidden)
        self.stats = rendered.stats
        self.chains = [b.chain for b in rendered.blocks]
        self.cues: dict[etree._Element, tuple[str, bool] | None] = {}
        self.furniture_cache: dict[etree._Element, tuple[etree._Element, str] | None] = {}
        self.body_text = self.stats[body].text if body in self.stats else 0
        self._block_counts: dict[etree._Element, int] | None = None
        self._owned: dict[etree._Element, RawBlock] | None = None

    @property
    def block_counts(self) -> dict[etree._Element, int]:
        """Blocks under each element (built on first use: rarely needed)."""
        if self._block_counts is None:
            counts: dict[etree._Element, int] = {}
            for chain in self.chains:
                for el in chain:
                    counts[el] = counts.get(el, 0) + 1
            self._block_counts = counts
        return self._block_counts

    def cue(self, el: etree._Element) -> tuple[str, bool] | None:
        if el in self.cues:
            return self.cues[el]
        value = boilerplate_cue(el) if el is not self.body else None
        self.cues[el] = value
        return value

    def _valid_cue(self, el: etree._Element) -> str | None:
        cue = self.cue(el)
        if cue is None:
            return None
        st = self.stats[el]
        # A wrapper that holds most of the page's text is layout, not a sidebar (a class name,
        # or the <form> some frameworks wrap whole pages in); <nav>/<aside>/<footer> mean it.
        layout_able = el.tag not in _MEANINGFUL_TAGS
        if layout_able and st.text > 0.6 * self.body_text:
            return None
        if not cue[1] and st.text >= 500 and _link_density(st) < 0.25:
            return None
        return cue[0]

    def furniture(self, chain: tuple[etree._Element, ...], limit: int) -> tuple[int, str] | None:
        """Nearest page-furniture element in ``chain[:limit]`` as (index, reason).

        The nearest furniture ancestor of each element is memoised, so a page costs one walk
        per distinct element rather than one per block and ancestor.
        """
        memo = self.furniture_cache
        pending: list[etree._Element] = []
        found: tuple[etree._Element, str] | None = None
        for el in chain:
            if el in memo:
                found = memo[el]
                break
            pending.append(el)
            reason = self._valid_cue(el)
            if reason is not None:
                found = (el, reason)
                break
        for el in pending:
            memo[el] = found
        if found is None:
            return None
        for i, el in enumerate(chain[:limit]):
            if el is found[0]:
                return i, found[1]
        return None

    def score(self, use_cues: bool) -> list[etree._Element]:
        for st in self.stats.values():
            st.score = 0.0
            st.scored = False
        candidates: list[etree._Element] = []
        for block, chain in zip(self.blocks, self.chains, strict=True):
            if block.kind not in _SCORED_KINDS or len(block.text) < 25:
                continue
            if block.hidden:
                continue
            if use_cues and self.furniture(chain, len(chain) - 1) is not None:
                continue
            points = 1.0 + block.commas + min(len(block.text) // 100, 3)
            for level, anc in enumerate(chain[1:6]):
                # A list item or a list is a teaser box or a gallery far more often than
                # the article; its paragraphs count for the container around it.
                if anc.tag in _NON_CANDIDATES:
                    continue
                st = self.stats[anc]
                if not st.scored:
                    tag = anc.tag if isinstance(anc.tag, str) else ""
                    # Markup says "article" on teaser boxes too: a bonus needs text to back it.
                    backing = min(1.0, st.text / _BONUS_TEXT)
                    st.score = _INIT_SCORE.get(tag, 0) + class_weight(anc) * backing
                    st.scored = True
                    candidates.append(anc)
                divider = 1 if level == 0 else 2 if level == 1 else level * 3
                st.score += points / divider
        for anc in candidates:
            st = self.stats[anc]
            st.score *= 1.0 - _link_density(st)
        return candidates

    def pick_top(self, candidates: list[etree._Element]) -> etree._Element:
        ranked = sorted(candidates, key=lambda el: -self.stats[el].score)
        top = ranked[0]
        if top is self.body:
            return top
        top_score = self.stats[top].score
        # Class bonuses can still lift a short lede box over the article body: among scores
        # within _NEAR_TIE, a candidate outside the top that holds 3x its prose wins.
        top_prose = self.stats[top].text - self.stats[top].links
        above_top = set(top.iterancestors())
        for el in ranked[1:5]:
            st = self.stats[el]
            if st.score < _NEAR_TIE * top_score or el in above_top:
                continue
            if st.text - st.links >= 3 * top_prose:
                top, top_score = el, st.score
                break
        alternatives = [
            set(el.iterancestors())
            for el in ranked[1:5]
            if top_score > 0 and self.stats[el].score / top_score >= 0.75
        ]
        if len(alternatives) >= 3:
            parent = top.getparent()
            while parent is not None and parent is not self.body:
                if parent in self.stats and sum(1 for anc in alternatives if parent in anc) >= 3:
                    top = parent
                    break
                parent = parent.getparent()
        last = self.stats[top].score
        threshold = last / 3
        parent = top.getparent()
        while parent is not None and parent is not self.body:
            parent_st = self.stats.get(parent)
            if parent_st is None or not parent_st.scored:
                parent = parent.getparent()
                continue
            if parent_st.score < threshold:
                break
            if parent_st.score > last:
                top = parent
                break
            last = parent_st.score
            parent = parent.getparent()
        top = self._climb_to_prose(top)
        parent = top.getparent()
        # Inline wrappers (a <span> around a <div>, which parsers keep) have no statistics:
        # the climb stops below them.
        while (
            parent is not None
            and parent is not self.body
            and len(parent) == 1
            and parent in self.stats
        ):
            top = parent
            parent = top.getparent()
        return top

    def _climb_to_prose(self, top: etree._Element) -> etree._Element:
        """An ancestor (two levels up at most) that holds prose paragraphs of its own next to
        the container holds the start of the article too: the lede is often set apart from
        the rest of the text by a wrapper that carries an image, a byline or an ad slot."""
        el = top
        for _ in range(2):
            parent = el.getparent()
            if parent is None or parent is self.body or parent not in self.stats:
                break
            prose = 0
            for child in parent.iterchildren("p"):
                st = self.stats.get(child)
                if st is not None and st.text >= 80 and _link_density(st) < 0.25:
                    prose += st.text
            if prose >= 0.2 * self.stats[top].text and prose >= 400:
                return parent
            el = parent
        return top

    def siblings(self, top: etree._Element) -> set[etree._Element]:
        roots = {top}
        parent = top.getparent()
        if parent is None or top is self.body:
            return roots
        top_st = self.stats[top]
        threshold = max(10.0, top_st.score * 0.2)
        top_class = top.get("class")
        for sib in parent.iterchildren():
            if sib is top or not isinstance(sib.tag, str):
                continue
            st = self.stats.get(sib)
            if st is None or st.text == 0:
                continue
            same_class = bool(top_class) and sib.get("class") == top_class
            bonus = top_st.score * 0.2 if same_class else 0.0
            score = st.score if st.scored else 0.0
            if (score + bonus >= threshold and (st.scored or _link_density(st) < 0.3)) or (
                same_class and st.text >= 200 and _link_density(st) < 0.2
            ):
                roots.add(sib)
            elif (
                sib.tag in {"p", "blockquote", "pre"}
                or (sib.tag in {"ul", "ol"} and st.text > 80)
                or self._is_bare_paragraph(sib)
            ):
                density = _link_density(st)
                long_enough = st.text > 80 and density < 0.25
                short_sentence = 0 < st.text <= 80 and density == 0 and self._ends_sentence(sib)
                if long_enough or short_sentence:
                    roots.add(sib)
        return roots

    def _is_bare_paragraph(self, el: etree._Element) -> bool:
        """A ``<div>`` (or other box) holding one run of text and no block markup: written
        as a paragraph without ``<p>`` (a lede or a closing line set in its own box)."""
        if el.tag in _NON_CANDIDATES or el.tag in _CELL_PARTS:
            return False
        if self.block_counts.get(el, 0) != 1:
            return False
        if self._valid_cue(el) is not None:
            return False
        block = self.owned_block(el)
        # Bare boxes also hold URLs, labels and credits: only a sentence counts as prose.
        return (
            block is not None
            and block.kind == "paragraph"
            and " " in block.text
            and bool(_SENTENCE_END_RE.search(block.text))
        )

    def owned_block(self, el: etree._Element) -> RawBlock | None:
        """The first block whose own element is ``el`` (map built on first use)."""
        if self._owned is None:
            owned: dict[etree._Element, RawBlock] = {}
            for block in self.blocks:
                owned.setdefault(block.owner, block)
            self._owned = owned
        return self._owned.get(el)

    def _ends_sentence(self, el: etree._Element) -> bool:
        for block, chain in zip(self.blocks, self.chains, strict=True):
            if el in chain:
                return bool(_SENTENCE_END_RE.search(block.text))
        return False


def _is_byline(block: RawBlock, chain: tuple[etree._Element, ...], root_index: int) -> bool:
    if len(block.text) > 150:
        return False
    if _BYLINE_RE.match(block.text):
        return True
    for el in chain[:root_index]:
        if el.get("itemprop") in {"author", "datePublished", "dateModified", "dateCreated"}:
            return True
        if el.get("rel") == "author" or attr_tokens(el) & _BYLINE_TOKENS:
            return True
        if el.tag in {"address"}:
            return True
    owner = block.owner
    if len(owner) > 20:  # a big container merely holds this text: its subtree says nothing
        return False
    if owner.find(".//*[@rel='author']") is not None:
        return True
    if owner.find(".//*[@itemprop='author']") is not None:
        return True
    return bool(owner.find(".//time") is not None and len(block.text) < 80)


def classify(rendered: Rendered, root: etree._Element) -> etree._Element | None:
    """Set ``keep`` and ``reason`` on every block; return the main-content element (or None)."""
    body = root.find("body")
    if body is None:
        body = root
    if not rendered.blocks:
        return None
    clf = _Classifier(rendered, body)
    top: etree._Element | None = None
    roots: set[etree._Element] = set()
    for use_cues in (True, False):
        candidates = clf.score(use_cues)
        if not candidates:
            continue
        top = clf.pick_top(candidates)
        roots = clf.siblings(top)
        kept = sum(clf.stats[r].text for r in roots)
        if kept >= 250 or not use_cues:
            break
    if top is None:
        top = body
        roots = {body}
    _label(clf, roots, trust_cues=True)
    # Markup cues are guesses; when they would leave a substantial container empty (a blog
    # engine that calls every box a "widget"), the container's text is the better evidence.
    container = sum(clf.stats[r].text for r in roots)
    if container >= 200 and not any(block.keep for block in clf.blocks):
        _label(clf, roots, trust_cues=False)
    # A container made only of self-contained items (a front page, a list of posts) has
    # those items as its content: when the teaser rule alone would leave it nearly empty,
    # the items are kept.
    kept = sum(len(block.text) for block in clf.blocks if block.keep)
    if container >= 500 and kept < _TEASER_ONLY * container:
        teasers = sum(len(b.text) for b in clf.blocks if b.reason == "teaser")
        if teasers >= 0.5 * container:
            _label(clf, roots, trust_cues=True, find_teasers=False)
    _keep_lists_in_text(clf.blocks)
    return top


def _keep_lists_in_text(blocks: list[RawBlock]) -> None:
    """A list of links with article text kept on both sides belongs to the text (a list of
    sources, tools or sections the author wrote out): navigation and related-story boxes sit
    at the edges of the article or in boxes of their own. A run of three or more links, two
    thirds of them headline-like (several words, no sentence end), is still a list of other
    stories."""
    i, n = 0, len(blocks)
    while i < n:
        if not _is_linked_item(blocks[i]):
            i += 1
            continue
        end = i
        while end < n and _is_linked_item(blocks[end]):
            end += 1
        run = blocks[i:end]
        inside = i > 0 and blocks[i - 1].keep and end < n and blocks[end].keep
        # One-word links only are buttons and counters ("Share", "Comment", "0"), not text.
        worded = any(len(b.text.split()) > 1 for b in run)
        if inside and worded and not _is_headline_list(run):
            for block in run:
                block.keep, block.reason = True, "list_in_text"
        i = end


def _is_linked_item(block: RawBlock) -> bool:
    return block.kind == "list_item" and not block.keep and block.reason == "link_density"


def _is_headline_list(run: list[RawBlock]) -> bool:
    # Two thirds, not all: story titles of two or three words ("Peanut Butter Mousse") or a
    # "More in ..." link mixed in do not make a list of other stories part of the text.
    headlines = sum(
        1 for b in run if len(b.text.split()) >= 4 and not _SENTENCE_END_RE.search(b.text)
    )
    return len(run) >= 3 and 3 * headlines >= 2 * len(run)


def _ui_clusters(clf: _Classifier, root_indexes: list[int]) -> set[etree._Element]:
    """Small containers in the content made only of several tiny, sentence-less blocks
    (player controls, share bars, rating widgets) that carry no cue in their markup."""
    count: dict[etree._Element, int] = {}
    spoiled: set[etree._Element] = set()
    for block, chain, root_index in zip(clf.blocks, clf.chains, root_indexes, strict=True):
        if root_index <= 0:
            continue
        tiny = (
            len(block.text) < 40
            and block.kind in {"paragraph", "heading"}
            and not _SENTENCE_END_RE.search(block.text)
            and not any(el.tag in _CELL_PARTS for el in chain)
        )
        for el in chain[:root_index]:
            if tiny:
                count[el] = count.get(el, 0) + 1
            else:
                spoiled.add(el)
    return {
        el for el, n in count.items() if n >= 3 and el not in spoiled and clf.stats[el].text < 300
    }


def _teaser_articles(
    clf: _Classifier, roots: set[etree._Element], root_indexes: list[int]
) -> set[etree._Element]:
    """``<article>`` elements nested in the content, when there are several: each is a
    self-contained item (teaser cards, related posts), not a part of the article."""
    found: set[etree._Element] = set()
    headed: dict[etree._Element, set[etree._Element]] = {}
    linked: dict[etree._Element, set[etree._Element]] = {}
    for block, chain, root_index in zip(clf.blocks, clf.chains, root_indexes, strict=True):
        for i, el in enumerate(chain[: max(root_index, 0)]):
            if el.tag == "article":
                found.add(el)
            elif el.tag == "li" and block.kind == "heading" and i + 1 < len(chain):
                headed.setdefault(chain[i + 1], set()).add(el)
                if block.link_len > 0.5 * len(block.text):
                    linked.setdefault(chain[i + 1], set()).add(el)
    # A list whose items each open with a heading can be a list of cards (story
    # teasers, galleries), not an enumeration inside the text: its headings link elsewhere, or
    # it is too long to be a list of sections.
    cards = {
        lst
        for lst, items in headed.items()
        if lst.tag in {"ul", "ol"}
        and len(items) >= 3
        and len(items) >= 0.5 * len(lst)
        and (len(linked.get(lst, ())) >= 0.5 * len(items) or len(items) >= 10)
    }
    total = sum(clf.stats[r].text for r in roots)
    small = {el for el in found if clf.stats[el].text < 0.2 * total}
    # Items that make up nearly all of the content are the content (a forum thread, a list).
    if len(small) < 2 or sum(clf.stats[el].text for el in small) > _TEASER_MAX * total:
        return cards
    return cards | small


def _label(
    clf: _Classifier, roots: set[etree._Element], *, trust_cues: bool, find_teasers: bool = True
) -> None:
    seen_long = False
    root_indexes = [
        next((i for i, el in enumerate(chain) if el in roots), -1) for chain in clf.chains
    ]
    clusters = _ui_clusters(clf, root_indexes)
    teasers = _teaser_articles(clf, roots, root_indexes) if find_teasers else set()
    for block, chain, root_index in zip(clf.blocks, clf.chains, root_indexes, strict=True):
        if block.hidden:
            block.keep, block.reason = False, "hidden"
            continue
        if root_index < 0:
            found = clf.furniture(chain, len(chain) - 1)
            block.keep = False
            block.reason = found[1] if found else "outside_main_content"
            continue
        found = clf.furniture(chain, root_index) if trust_cues else None
        if found is not None and not _quoted_post(clf, block, chain, found[0]):
            block.keep, block.reason = False, found[1]
            continue
        dense = _dense_container(clf, chain, root_index) if not _is_long_prose(block) else None
        if dense is not None:
            block.keep, block.reason = False, dense
            continue
        if teasers and any(el in teasers for el in chain[:root_index]):
            block.keep, block.reason = False, "teaser"
            continue
        if clusters and any(el in clusters for el in chain[:root_index]):
            block.keep, block.reason = False, "ui_cluster"
            continue
        n = len(block.text)
        if block.link_len > _LD_BLOCK * n and n < 300 and not _in_prose_list(clf, block, chain):
            block.keep, block.reason = False, "link_density"
            continue
        if n < 60 and _UI_LINE_RE.match(block.text):
            block.keep, block.reason = False, "boilerplate_text"
            continue
        if n < 300 and _CAPTION_TEXT_RE.search(block.text):
            block.keep, block.reason = False, "caption"
            continue
        if n < 200 and _COPYRIGHT_RE.search(block.text):
            block.keep, block.reason = False, "copyright"
            continue
        if any(el.tag == "header" for el in chain[:root_index]):
            block.keep, block.reason = False, "article_header"
            continue
        if not seen_long and _is_byline(block, chain, root_index):
            block.keep, block.reason = False, "byline"
            continue
        if n >= 150:
            seen_long = True
        block.keep, block.reason = True, "main_content"


def _quoted_post(
    clf: _Classifier, block: RawBlock, chain: tuple[etree._Element, ...], cue_index: int
) -> bool:
    """A ``<blockquote>`` in the article quotes someone (an embedded post): the weak cue of
    the box that embeds it ("social-embed", "widget") describes the box, not the quotation."""
    if block.kind != "quote":
        return False
    cue = clf.cue(chain[cue_index])
    if cue is None or cue[1] or chain[cue_index].tag in _MEANINGFUL_TAGS:
        return False
    # Comments quote too, but a comment thread is furniture even when it also says "entry".
    if cue[0].rpartition(":")[2] in STRONG:
        return False
    return any(el.tag == "blockquote" for el in chain[:cue_index])


def _in_prose_list(clf: _Classifier, block: RawBlock, chain: tuple[etree._Element, ...]) -> bool:
    """A linked item in a list that is mostly plain text (a changelog, a list of fixed bugs):
    the list is judged as a whole, by ``_dense_container``, not item by item."""
    if block.owner.tag in {"td", "th"}:
        return _in_data_row(clf, chain)
    if block.kind == "heading":
        # A linked heading followed by its section's prose heads a section of the article
        # (teaser headings are caught by the teaser rules first).
        following = clf.blocks[block.index + 1 : block.index + 2]
        return bool(following) and _is_prose(following[0])
    if block.kind != "list_item":
        return False
    for el in chain[1:4]:
        if el.tag in {"ul", "ol"}:
            st = clf.stats[el]
            if st.text < 200:
                return False
            density = _link_density(st)
            long_items = density <= _LD_BLOCK and st.text / clf.block_counts.get(el, 1) >= 80
            return density < _LD_CONT or long_items
    return False


def _is_long_prose(block: RawBlock) -> bool:
    """A paragraph long and plain enough to be article text wherever it sits: the link
    density of a box around it (a sidebar of tag links in the same wrapper) says nothing
    about it."""
    n = len(block.text)
    return n >= _LONG_PROSE and block.link_len < 0.1 * n


def _is_prose(block: RawBlock) -> bool:
    n = len(block.text)
    return block.kind == "paragraph" and n >= 80 and block.link_len < 0.25 * n


def _in_data_row(clf: _Classifier, chain: tuple[etree._Element, ...]) -> bool:
    """A linked cell (a film title, a name) in a row of a long table whose other cells are
    plain text: a record in a table of data, not a navigation cell of a layout table."""
    row = next((el for el in chain[1:3] if el.tag == "tr"), None)
    if row is None:
        return False
    table = row.getparent()
    if table is not None and table.tag in {"tbody", "thead", "tfoot"}:
        table = table.getparent()
    if table is None or len(row) < 2 or sum(1 for el in table.iter("tr")) < 5:
        return False
    st = clf.stats.get(row)
    return st is not None and _link_density(st) < _LD_CONT


def _dense_container(
    clf: _Classifier, chain: tuple[etree._Element, ...], root_index: int
) -> str | None:
    for el in chain[1:root_index]:
        if el.tag not in _CONTAINER_TAGS:
            continue
        st = clf.stats[el]
        density = _link_density(st)
        if st.commas >= 10:
            continue
        if density > _LD_CONT or (density > 0.33 and st.text < 200 and el.tag in {"ul", "ol"}):
            # Long items that merely cite a link (bug lists, reference notes) are prose;
            # navigation and teaser lists are short items that are links through and through.
            blocks = clf.block_counts.get(el, 1)
            if density <= _LD_BLOCK and st.text / blocks >= 80:
                continue
            return "link_density"
    return None
