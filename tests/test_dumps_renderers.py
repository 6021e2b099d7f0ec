"""Renderer-specific layouts of wrapping renderers (lynx, w3m) that segment_dump must undo."""

from __future__ import annotations

import textwrap

from newsclean.dumps import detect_wrap_width, segment_dump

_PROSE = [
    "Many developers think that having a critical bug in their code is the worst thing that "
    "can happen. Well, there is something much worse than that: having a critical bug in your "
    "code and not knowing about it until a customer calls to complain about the service.",
    "To make sure I get notified about critical bugs as soon as possible, I started looking "
    "for ways to find anomalies in the data that the application writes to its log tables "
    "every minute of every day, without adding any new dependencies to the system.",
    "The number that stands out in this series is twelve, and it is intuitive to a human, "
    "but computer programs do not have intuition, so we first need to define what a "
    "reasonable value is and then how far a value may stray from it before we call it odd.",
]
# Preformatted lines are not wrapped: they run past the width the prose was wrapped at.
_CODE = [
    "SELECT status_code, period, entries, AVG(entries) OVER status_window AS mean",
    "FROM server_log_summary WINDOW status_window AS (PARTITION BY status_code ORDER",
    "2020-08-01 18:00:00+00 |         400 |      24 |  0.3278688524590163934 |",
]


def _wrap(paragraph: str, width: int = 74) -> str:
    return textwrap.fill(paragraph, width=width, initial_indent="   ", subsequent_indent="   ")


def test_wrap_width_found_despite_preformatted_lines_beyond_it() -> None:
    page = "\n\n".join([_wrap(_PROSE[0]), "\n".join(_CODE), _wrap(_PROSE[1]), _wrap(_PROSE[2])])
    assert detect_wrap_width(page) == 74
    texts = [s.cleaned for s in segment_dump(page)]
    assert _PROSE[0] in texts and _PROSE[1] in texts and _PROSE[2] in texts


# lynx counts a CJK character as one column when it wraps; in display columns the wrapped lines
# are twice as wide as the width they were wrapped at.
_CJK = (
    "翱翔于距地球数千公里的太空中，进入广袤漆黑的未知领域，是一项艰苦卓绝的工作。这让人感到巨大压力和极度恐慌。"
    "不幸的是，对于希望能喝上一杯的太空探险者，那些将他们送上太空的政府机构普遍禁止他们染指包括酒在内的含酒精饮料。"
    "但是，很快普通人都会有机会向人类最终的边疆出发，以平民化旅行的形式，去探索和殖民火星。"
)


def _wrap_chars(paragraph: str, width: int) -> str:
    return "\n".join("   " + paragraph[i : i + width] for i in range(0, len(paragraph), width))


def test_cjk_wrapped_by_character_count_is_unwrapped() -> None:
    paragraphs = [_CJK, _CJK[20:] + _CJK[:20], _CJK[40:] + _CJK[:40]]
    page = "导航 | 首页 | 新闻\n\n" + "\n\n".join(_wrap_chars(p, 71) for p in paragraphs)
    assert detect_wrap_width(page) == 74
    texts = [s.cleaned for s in segment_dump(page)]
    assert texts[1:] == paragraphs


def test_cjk_wrapped_by_display_columns_keeps_the_display_measure() -> None:
    # w3m wraps at display columns: 35 wide characters fill 70 columns plus the indent.
    paragraphs = [_CJK, _CJK[20:] + _CJK[:20], _CJK[40:] + _CJK[:40]]
    page = "\n\n".join(_wrap_chars(p, 35) for p in paragraphs)
    assert detect_wrap_width(page) == 73
    texts = [s.cleaned for s in segment_dump(page)]
    assert texts == paragraphs


def test_one_paragraph_per_line_is_not_taken_for_a_wrap() -> None:
    # html-text and inscriptis print each paragraph on one line, far beyond any wrap width.
    page = "\n".join(["Home", "News", "Sport", *_PROSE, *_CODE, *_PROSE])
    assert detect_wrap_width(page) is None
    assert [s.cleaned for s in segment_dump(page)][3:6] == _PROSE
