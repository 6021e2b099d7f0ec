"""Repair glued sentence boundaries ("health.Israel", "over?Nobody", "году.В") by inserting a space.

Scrapers that join block texts without a separator glue the last sentence of one block to the
first of the next. A sentence boundary is terminal punctuation (``.`` ``!`` ``?`` an ellipsis,
or a script's own full stop), optionally followed by closing quotes or brackets, then the next
sentence: optional opening quotes or brackets and a word that starts a sentence (capitalised in
cased scripts). The hard part is everything that looks like that and is not a boundary:
abbreviations and initials ("Dr.Smith", "z.B.", "J.R.R."), numbers, dates and versions,
domains, e-mail addresses, URLs, file and code names ("pd.DataFrame", "Console.WriteLine").
Those are recognised from the word before the punctuation, the word after it, and the
whitespace-delimited token around it; when a case stays ambiguous the text is left alone.

Every decision looks at a bounded window around one candidate, so the run time is linear in
the length of the text. Only spaces are inserted; nothing is ever removed or rewritten.

Reason codes:

* ``glued_sentence`` -- ``.`` ``!`` ``?`` or an ellipsis (also the Greek question mark ``;``
  and the Armenian ``:`` used as a full stop) followed by a capitalised word.
* ``glued_sentence_caseless`` -- the same punctuation between words of a script without case
  (Georgian, Hebrew, Arabic, Hangul, Indic scripts...), where length rules stand in for case.
* ``glued_number`` -- a period after a one- or two-digit number before a capitalised word:
  a sentence ending in a number, a list number ("1.Introduction") or an ordinal ("3.Oktober");
  the space is correct typography in each reading.
* ``glued_terminator`` -- an unambiguous script full stop (Armenian ``։``, Devanagari ``।``,
  Ethiopic ``።``, Urdu ``۔``, Arabic ``؟``) directly followed by a letter.

CJK text needs no space after its full stops and is never touched.
"""

from __future__ import annotations

import re
import unicodedata

from newsclean._fix import Fix, apply_fixes

__all__ = ["find_sentence_spacing_fixes", "repair_sentence_spacing"]

GLUED_SENTENCE = "glued_sentence"
GLUED_SENTENCE_CASELESS = "glued_sentence_caseless"
GLUED_TERMINATOR = "glued_terminator"
GLUED_NUMBER = "glued_number"

# Quotes and brackets that may stand between the punctuation and the next sentence. Whether
# each one closes the sentence before or opens the next one decides where the space goes.
_QUOTES = ")]\"'”’»›“‘«‹„‚([¿¡"
_ALWAYS_CLOSING = frozenset(")]")
_ALWAYS_OPENING = frozenset("([¿¡„‚‘")
_DOUBLE_FAMILY = '"“”„'
_GUILLEMET_FAMILY = "«»"
_SINGLE_GUILLEMET_FAMILY = "‹›"
_SENTENCE_PUNCT = frozenset(".!?…")
_UNAMBIGUOUS_TERMINATORS = frozenset("։।॥።۔؟")

# One candidate: punctuation, then up to four quotes/brackets, then a letter. One pattern per
# punctuation character, because a pattern that starts with a literal is found by a fast
# substring search, while a character class is tested at every position (10x slower). A run
# ("...", "?!") is matched from its first character only.
_QUOTE_RUN = r"[)\]\"'”’»›“‘«‹„‚(\[¿¡]{0,4}(?=[^\W\d_])"
_RUN_PUNCT = ".!?…"
_CANDIDATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (ch, re.compile(re.escape(ch) + r"(?<![.!?…]" + re.escape(ch) + r")[.!?…]*" + _QUOTE_RUN))
    for ch in _RUN_PUNCT
) + tuple((ch, re.compile(re.escape(ch) + _QUOTE_RUN)) for ch in ";:։।॥።۔؟")


def _iter_candidates(text: str) -> list[re.Match[str]]:
    found: list[re.Match[str]] = []
    for ch, pattern in _CANDIDATE_PATTERNS:
        if ch in text:
            found.extend(pattern.finditer(text))
    found.sort(key=lambda m: m.start())
    return found


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations that are normally followed by a name or a number rather than ending a sentence,
# casefolded, from several languages. Sentence-final abbreviations (etc., usw., Inc.) are not
# here: a capitalised word after them starts a new sentence.
_ABBREVIATIONS = _word_set(
    """
    mr mrs ms mx messrs mmes dr drs prof profs rev hon gen col lt maj capt cpt sgt cpl adm cmdr
    gov sen rep pres supt insp det fr br sr jr sra srta sres dra st ste sts mt mts ft pt rd ave
    blvd sq nos nr vol vols ch chap fig figs eq eqs pp para sec approx appx ca cf vs viz al
    esp incl excl dept univ co jan feb mar apr jun jul aug sep sept oct nov dec wm chas jas thos
    geo th chr ed eds ibid op bros
    hr hrn frl dipl ing bd abs str bzw vgl sog inkl exkl zzgl evtl ggf gem lt mio mrd tsd jh jhd
    geb verh gest hl kath ev röm allg bes insb max min ca
    lic arq av avda pdte gral sto sta dña dn mons pág pag núm num ud uds profa pe eng sig sigg
    dott avv geom rag arch mme mlle pr bd fg env
    ul pl os mgr inż ks św płk im tzw np tj godz woj pow gm nám tř sv mudr judr phdr rndr mvdr
    bc doc tzv např resp popř dhr mevr mw ir bijv nl dvs jf jfr evt pga esim ns mm doç alb yrd
    sn cad sok mah bşk org ifj id özv krt ill kb ún dl dna
    ул пр просп пер пл наб бул ш д кв корп стр им см рис табл св ст обл пос дер пгт тов госп
    гр проф акад доц ген полк напр др вул пров смт ім див бр оз
    κα κκ αγ οδ λεωφ καθ δρ στρ υπ
    """
)

# Top-level domains, so that a sentence ending in a domain name ("... in Tbilisi, bm.ge.The")
# can be told from abbreviation chains ("p.ej.", "m.in.").
_TLDS = _word_set(
    """
    com net org edu gov mil int info biz io co me tv ai app dev news online site xyz eu asia
    ac ad ae af ag al am ao ar at au az ba bd be bg bh bo br by bz ca ch cl cn cr cu cy cz de
    dk do dz ec ee eg es fi fj fr ge gh gr gt hk hn hr hu id ie il in iq ir is it jm jo jp ke
    kg kh kr kw kz lb li lk lt lu lv ly ma md mk mn mo mt mx my ng ni nl no np nz om pa pe ph
    pk pl pr ps pt py qa ro rs ru sa se sg si sk sn su sy th tj tn tr tw tz ua ug uk us uy uz
    ve vn za zw
    """
)

# Characters that make the word before the punctuation part of code, a path or an address.
_CODE_BEFORE = frozenset("/\\@_=&~<>|^*+`")
# Characters that make the word after the punctuation part of code or an address.
_CODE_AFTER = frozenset("([{<_@=/\\`")
_TOKEN_WINDOW = 100
# Longer dotted chains are code, data or navigation, never prose.
_MAX_CHAIN = 12
_MAX_WORD = 64
_WHITESPACE = " \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000"
_URL_MARKERS = ("://", "www.", "@")


def _is_word_char(ch: str) -> bool:
    # Combining marks belong to the word: Indic words often end in a vowel sign.
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def _is_letters(word: str) -> bool:
    return all(c.isalpha() or unicodedata.category(c)[0] == "M" for c in word)


def _is_caseless_spaced_letter(ch: str) -> bool:
    """A letter of a script without case that still separates sentences with spaces."""
    cp = ord(ch)
    if 0x10D0 <= cp <= 0x10FF:
        # Georgian Mkhedruli is Ll since Unicode 11 (Mtavruli became its upper case), but
        # running text does not capitalise sentences.
        return True
    if unicodedata.category(ch) != "Lo":
        return False
    # Scripts written without spaces between sentences: Thai, Lao, Tibetan, Myanmar, Khmer,
    # CJK, kana, Yi, and the CJK compatibility and supplementary blocks.
    return not (
        0x0E00 <= cp <= 0x0FFF
        or 0x1000 <= cp <= 0x109F
        or 0x1780 <= cp <= 0x17FF
        or 0x2E80 <= cp <= 0xA4CF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF00 <= cp <= 0xFFEF
        or cp >= 0x20000
    )


def _is_hangul(ch: str) -> bool:
    cp = ord(ch)
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF


def _is_greek(ch: str) -> bool:
    cp = ord(ch)
    return 0x0370 <= cp <= 0x03FF or 0x1F00 <= cp <= 0x1FFF


def _is_armenian(ch: str) -> bool:
    return 0x0530 <= ord(ch) <= 0x058F


class _QuoteParity:
    """Count quotes line by line, so that a glued quote can be told opening or closing.

    Candidates are visited left to right, so the counts advance incrementally and the whole
    pass stays linear.
    """

    __slots__ = ("_counts", "_pos", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._counts = [0, 0, 0, 0]

    def _advance(self, pos: int) -> None:
        if pos <= self._pos:
            return
        chunk_start = self._pos
        newline = self._text.rfind("\n", chunk_start, pos)
        if newline != -1:
            self._counts = [0, 0, 0, 0]
            chunk_start = newline + 1
        chunk = self._text[chunk_start:pos]
        counts = self._counts
        counts[0] += sum(chunk.count(q) for q in _DOUBLE_FAMILY)
        counts[1] += sum(chunk.count(q) for q in _GUILLEMET_FAMILY)
        counts[2] += sum(chunk.count(q) for q in _SINGLE_GUILLEMET_FAMILY)
        counts[3] += len(_STRAIGHT_SINGLE_QUOTE_RE.findall(chunk))
        self._pos = pos

    def is_closing(self, pos: int) -> bool:
        """Whether the quote at ``pos`` closes (an odd number of its family precedes it)."""
        ch = self._text[pos]
        # ” and ’ never open a quotation in English; where they do (Swedish ”…”), the parity
        # rule would only move the space across the quote.
        if ch in _ALWAYS_CLOSING or ch in "”’":
            return True
        if ch in _ALWAYS_OPENING:
            return False
        self._advance(pos)
        if ch in _DOUBLE_FAMILY:
            family = 0
        elif ch in _GUILLEMET_FAMILY:
            family = 1
        elif ch in _SINGLE_GUILLEMET_FAMILY:
            family = 2
        else:
            family = 3
        return self._counts[family] % 2 == 1


# A straight single quote that is not an apostrophe inside a word.
_STRAIGHT_SINGLE_QUOTE_RE = re.compile(r"(?<![^\W_])'|'(?![^\W_])")


def _split_quotes(text: str, start: int, end: int, parity: _QuoteParity) -> int | None:
    """Where the space goes inside the quote run ``text[start:end]``; None if inconsistent."""
    split = start
    seen_opening = False
    for pos in range(start, end):
        if parity.is_closing(pos):
            if seen_opening:
                return None
            split = pos + 1
        else:
            seen_opening = True
    return split


def _has_url_marker(text: str, start: int, end: int) -> bool:
    window = text[start:end]
    return any(marker in window for marker in _URL_MARKERS)


def _left_token_start(text: str, pos: int) -> int:
    lo = max(0, pos - _TOKEN_WINDOW)
    best = lo
    for ws in _WHITESPACE:
        found = text.rfind(ws, lo, pos)
        if found + 1 > best:
            best = found + 1
    return best


def _right_token_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + _TOKEN_WINDOW)
    best = hi
    for ws in _WHITESPACE:
        found = text.find(ws, pos, hi)
        if found != -1 and found < best:
            best = found
    return best


def _in_address(text: str, punct_start: int, right: int) -> bool:
    """Whether the candidate sits in a URL, an e-mail address or a handle."""
    # The left window runs up to the next word, so that it covers the punctuation: a marker
    # that ends in it ("www.") then counts, and a space inserted here can never split one.
    if _has_url_marker(text, _left_token_start(text, punct_start), right):
        return True
    return _has_url_marker(text, right, _right_token_end(text, right))


def _scan_quotes_back(text: str, end: int) -> int:
    pos = end
    while pos > 0 and end - pos < 4 and text[pos - 1] in _QUOTES:
        pos -= 1
    return pos


def _scan_quotes_forward(text: str, start: int) -> int:
    pos = start
    n = len(text)
    while pos < n and pos - start < 4 and text[pos] in _QUOTES:
        pos += 1
    return pos


def _scan_word_back(text: str, end: int) -> int:
    """Start of the word ending at ``end`` (letters, digits, marks, inner apostrophes).

    Returns -1 for an implausibly long word.
    """
    pos = end
    while pos > 0:
        ch = text[pos - 1]
        inner_apostrophe = ch in "'’" and pos < end and pos >= 2 and text[pos - 2].isalpha()
        if _is_word_char(ch) or inner_apostrophe:
            pos -= 1
        else:
            break
        if end - pos > _MAX_WORD:
            return -1
    return pos


def _scan_word_forward(text: str, start: int) -> int:
    """End of the word starting at ``start``; -1 if it is implausibly long."""
    pos = start
    n = len(text)
    while pos < n:
        ch = text[pos]
        inner_apostrophe = ch in "'’" and pos > start and pos + 1 < n and text[pos + 1].isalpha()
        if _is_word_char(ch) or inner_apostrophe:
            pos += 1
        else:
            break
        if pos - start > _MAX_WORD:
            return -1
    return pos


def _is_short_alias(word: str) -> bool:
    """A code alias such as ``pd``, ``np``, ``tf``: short, lower-case, no vowel."""
    return len(word) <= 2 and word.isascii() and word.islower() and not set(word) & set("aeiouy")


def _has_inner_capital(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


def _right_ok(text: str, right: int, right_end: int, left: str, punct: str) -> str | None:
    """Judge the word that follows the punctuation; returns the reason code or None."""
    word = text[right:right_end]
    if any(c.isdigit() for c in word):
        return None
    if right_end < len(text) and text[right_end] in _CODE_AFTER:
        return None
    if text.startswith(" =", right_end) and not text.startswith(" ==", right_end):
        return None  # exports.Cow = Cow
    first = word[0]
    second = text[right + 1] if right + 1 < len(text) else ""
    if first.isupper():
        if second.islower():
            if _is_short_alias(left) and _has_inner_capital(word):
                return None  # pd.DataFrame, np.NaN
            return GLUED_SENTENCE
        if second in "'’" and len(word) > 2:
            return GLUED_SENTENCE  # O'Brien, I'm, L'État
        if len(word) == 1 and second.isspace():
            # A one-letter word ("году.В Москве", "said.I think") only after a real word.
            after = text[right + 2] if right + 2 < len(text) else ""
            if (
                punct == "."
                and after.isalpha()
                and len(left) >= 3
                and _is_letters(left)
                and left[-1].islower()
            ):
                return GLUED_SENTENCE
        return None
    if _is_caseless_spaced_letter(first) and punct not in (";", ":"):
        if len(word) < 2 or not all(
            _is_caseless_spaced_letter(c) or unicodedata.category(c)[0] == "M" for c in word
        ):
            return None
        min_left = 2 if _is_hangul(left[-1]) else 3
        if left.isdigit() or (_is_letters(left) and len(left) >= min_left):
            return GLUED_SENTENCE_CASELESS
    return None


def _left_word_ok_before_period(word: str) -> bool:
    """Whether a word directly followed by a period may end a sentence."""
    if word.isdigit():
        return True
    if len(word) == 1 or word.casefold() in _ABBREVIATIONS:
        return False
    # "L'Avv.", "dell'Ing.": the abbreviation follows an elided article.
    tail = word.replace("’", "'").rpartition("'")[2]
    return not (tail != word and tail.casefold() in _ABBREVIATIONS)


# A decision for one period of a chain: the reason code and its quote run, or None to leave it.
_Decision = tuple[str, int, int] | None


class _Joint:
    """A single period joining two words with no space: ``word.Word`` (quotes allowed)."""

    __slots__ = ("dot", "left_start", "quoted_before", "right_end", "right_start")

    def __init__(
        self, dot: int, left_start: int, right_start: int, right_end: int, quoted_before: bool
    ) -> None:
        self.dot = dot
        self.left_start = left_start
        self.right_start = right_start
        self.right_end = right_end
        self.quoted_before = quoted_before


def _joint_at(text: str, dot: int) -> _Joint | None:
    """The joint whose period is at ``dot``, if that period joins two words."""
    n = len(text)
    if text[dot] != "." or (dot > 0 and text[dot - 1] in _SENTENCE_PUNCT):
        return None
    if dot + 1 >= n or text[dot + 1] in _SENTENCE_PUNCT:
        return None
    word_end = _scan_quotes_back(text, dot)
    left_start = _scan_word_back(text, word_end)
    if left_start < 0 or left_start == word_end:
        return None
    right_start = _scan_quotes_forward(text, dot + 1)
    right_end = _scan_word_forward(text, right_start)
    if right_end <= right_start:
        return None
    return _Joint(dot, left_start, right_start, right_end, word_end < dot)


def _collect_chain(
    text: str, joint: _Joint, decided: dict[int, _Decision]
) -> tuple[list[_Joint], bool]:
    """The joints of the dotted chain ``a.b.C...`` around ``joint``, and whether it is complete.

    A chain longer than ``_MAX_CHAIN`` is returned incomplete, cut where the walk stopped. So
    is a chain that reaches a period already decided: chains are maximal, so that period was
    the cut end of a chain too long to judge.
    """
    chain = [joint]
    first = joint
    while True:
        before = _scan_quotes_back(text, first.left_start)
        if before < 2:
            break
        previous = _joint_at(text, before - 1)
        # The previous joint's right word must be this joint's left word.
        if previous is None or previous.right_start != first.left_start:
            break
        if previous.dot in decided:
            return chain, False
        chain.insert(0, previous)
        first = previous
        if len(chain) > _MAX_CHAIN:
            return chain, False
    last = joint
    while True:
        after = _scan_quotes_forward(text, last.right_end)
        if after >= len(text) or text[after] != ".":
            break
        following = _joint_at(text, after)
        if following is None or following.left_start != last.right_start:
            break
        chain.append(following)
        last = following
        if len(chain) > _MAX_CHAIN:
            return chain, False
    return chain, True


def _host_joints(text: str, chain: list[_Joint]) -> set[int]:
    """Indices of joints inside a host name (``bm.ge``, ``news.example.com``)."""
    hosts: set[int] = set()
    i = 0
    while i < len(chain):
        j = i
        run: list[int] = []
        while j < len(chain):
            joint = chain[j]
            right = text[joint.right_start : joint.right_end]
            left = text[joint.left_start : joint.dot]
            if joint.quoted_before or joint.right_start != joint.dot + 1:
                break
            if not (right.isascii() and right.isalnum() and right.islower()):
                break
            if not (left.isascii() and left.isalnum()):
                break
            run.append(j)
            if right in _TLDS and len(text[chain[i].left_start : chain[i].dot]) >= 2:
                hosts.update(run)
            j += 1
        i = max(j, i + 1)
    return hosts


def _chain_is_code(text: str, chain: list[_Joint], hosts: set[int]) -> bool:
    """Whether any part of the chain marks it as code, a number, a path or an abbreviation."""
    first = chain[0]
    if first.left_start > 0 and text[first.left_start - 1] in _CODE_BEFORE:
        return True
    for index, joint in enumerate(chain):
        right = text[joint.right_start : joint.right_end]
        left = text[joint.left_start : joint.dot].rstrip(_QUOTES)
        head = right[0]
        if (head.isdigit() or (head.islower() and not _is_caseless_spaced_letter(head))) and (
            index not in hosts
        ):
            return True
        # System.Console.WriteLine, UnityEngine.GameObject, pd.DataFrame -- but "said.YouTube"
        # and "Brooklyn.CreditFred" (a glued caption) are prose.
        if (
            _has_inner_capital(right)
            and head.isupper()
            and (
                len(chain) > 1
                or _is_short_alias(left)
                or (_has_inner_capital(left) and not left.isupper())
            )
        ):
            return True
        if joint.right_end < len(text) and text[joint.right_end] in _CODE_AFTER:
            return True
    return False


def _judge_chain(text: str, joint: _Joint, decided: dict[int, _Decision]) -> dict[int, _Decision]:
    """Decide every period of the dotted chain around ``joint`` at once.

    Deciding a chain as a whole keeps the repair idempotent: a decision never depends on
    whether a neighbouring period of the same chain has already been given its space.
    """
    chain, complete = _collect_chain(text, joint, decided)
    if not complete:
        return {j.dot: None for j in chain}
    hosts = _host_joints(text, chain)
    if _chain_is_code(text, chain, hosts):
        return {j.dot: None for j in chain}
    decisions: dict[int, _Decision] = {}
    for index, item in enumerate(chain):
        decisions[item.dot] = None
        if index in hosts or (index + 1) in hosts:
            # Inside a host name, or right before one ("docs.Python.org"): an address.
            continue
        left = text[item.left_start : _scan_quotes_back(text, item.dot)]
        if not (item.quoted_before or (index - 1) in hosts or _left_word_ok_before_period(left)):
            continue
        reason = _right_ok(text, item.right_start, item.right_end, left, ".")
        if reason is None or _in_address(text, item.dot, item.right_start):
            continue
        if (
            left.isdigit()
            and len(left) <= 2
            and text.startswith(".", item.right_end)
            and text[item.right_start : item.right_end].casefold() in _ABBREVIATIONS
        ):
            continue  # an ordinal before an abbreviation: "im 19.Jh. in Wien"
        standalone = item.left_start == 0 or text[item.left_start - 1].isspace()
        if (
            reason == GLUED_SENTENCE
            and left.isdigit()
            and len(left) <= 2
            and standalone
            and not item.quoted_before
        ):
            # "6.The" after a date, or a list number / ordinal ("1.Aaron", "3.Oktober"): the
            # space is right in every reading, but it need not be a sentence boundary.
            reason = GLUED_NUMBER
        decisions[item.dot] = (reason, item.dot + 1, item.right_start)
    return decisions


def _judge_single(text: str, match: re.Match[str], parity: _QuoteParity) -> Fix | None:
    """Judge a candidate other than a single period: ! ? ellipsis, script punctuation."""
    start = match.start()
    right = match.end()
    quote_start = start
    while quote_start < right and text[quote_start] not in _QUOTES:
        quote_start += 1
    punct = text[start:quote_start]

    if punct[-1] in _UNAMBIGUOUS_TERMINATORS:
        if start == 0 or not (_is_word_char(text[start - 1]) or text[start - 1] in _QUOTES):
            return None
        if _in_address(text, start, right):
            return None
        insert = _split_quotes(text, quote_start, right, parity)
        return None if insert is None else Fix(insert, insert, " ", GLUED_TERMINATOR)

    pos = start
    if punct[0] in "?!" and pos > 0 and text[pos - 1] in " \u00a0\u202f":
        pos -= 1
    word_end = _scan_quotes_back(text, pos)
    word_start = _scan_word_back(text, word_end)
    if word_start < 0 or word_start == word_end:
        return None
    if word_start > 0 and text[word_start - 1] in _CODE_BEFORE:
        return None
    left = text[word_start:word_end]
    after_dot = word_start > 0 and text[word_start - 1] == "."
    if after_dot and left[0].islower() and _has_inner_capital(left):
        return None  # Object.setPrototypeOf?Object...: an identifier, not a sentence
    first = text[right]
    if punct == ";" and not (_is_greek(left[-1]) and _is_greek(first)):
        return None
    if punct == ":" and not (_is_armenian(left[-1]) and _is_armenian(first)):
        return None
    right_end = _scan_word_forward(text, right)
    if right_end < 0:
        return None
    reason = _right_ok(text, right, right_end, left, punct)
    if reason is None or _in_address(text, start, right):
        return None
    insert = _split_quotes(text, quote_start, right, parity)
    return None if insert is None else Fix(insert, insert, " ", reason)


def find_sentence_spacing_fixes(text: str) -> list[Fix]:
    """Return one space insertion per glued sentence boundary in ``text``, sorted.

    >>> find_sentence_spacing_fixes("since 1993.Baku had been hesitant")
    [Fix(start=11, end=11, replacement=' ', reason='glued_sentence')]
    """
    fixes: list[Fix] = []
    parity = _QuoteParity(text)
    decided: dict[int, _Decision] = {}
    for match in _iter_candidates(text):
        start = match.start()
        fix: Fix | None = None
        if text[start] == "." and (match.end() - start == 1 or text[start + 1] in _QUOTES):
            if start not in decided:
                joint = _joint_at(text, start)
                if joint is None:
                    continue
                decided.update(_judge_chain(text, joint, decided))
            decision = decided.get(start)
            if decision is not None:
                reason, quote_start, quote_end = decision
                insert = _split_quotes(text, quote_start, quote_end, parity)
                if insert is not None:
                    fix = Fix(insert, insert, " ", reason)
        else:
            fix = _judge_single(text, match, parity)
        if fix is not None:
            fixes.append(fix)
    return fixes


def repair_sentence_spacing(text: str) -> str:
    """Return ``text`` with a space inserted at every glued sentence boundary.

    >>> repair_sentence_spacing("digital health.Israel and Azerbaijan")
    'digital health. Israel and Azerbaijan'
    """
    return apply_fixes(text, find_sentence_spacing_fixes(text))
