"""Negative fixtures: real article shapes that a boilerplate cleaner must keep whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsclean.dumps import classify_segments, segment_dump

FIXTURES = Path(__file__).parent / "fixtures" / "dumps" / "negative"
CASES = sorted(p.name[: -len(".expected.txt")] for p in FIXTURES.glob("*.expected.txt"))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clean(text: str) -> tuple[str, str]:
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    body = "\n\n".join(s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.keep)
    title = next(
        (s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.role == "title"), ""
    )
    return body, title


def test_all_cases_present() -> None:
    assert set(CASES) >= {
        "three_sentences",
        "short_paragraphs",
        "article_list",
        "interview",
        "one_long_paragraph",
        "live_blog",
        "georgian",
        "arabic",
        "chinese",
    }


@pytest.mark.parametrize("case", CASES)
def test_article_text_is_kept_whole(case: str) -> None:
    dump = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.expected.txt").read_text(encoding="utf-8")
    body, _title = _clean(dump)
    kept = _norm(body)
    for para in expected.split("\n\n"):
        assert _norm(para) in kept, f"{case}: lost {para[:60]!r}"


@pytest.mark.parametrize("case", CASES)
def test_page_noise_is_dropped(case: str) -> None:
    dump = (FIXTURES / f"{case}.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.expected.txt").read_text(encoding="utf-8")
    body, title = _clean(dump)
    # Every kept character beyond the article is noise: allow none of the menu/footer lines.
    assert _norm(body) == _norm(" ".join(expected.split("\n\n"))), case
    assert title, f"{case}: no title found"
