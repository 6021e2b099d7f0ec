"""Per-site templates: learning, share rule, merge, JSON round trip, effect on cleaning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsclean._errors import ConfigError, InputError
from newsclean.dumps import Template, classify_segments, learn_template, segment_dump

SITE = Path(__file__).parent / "fixtures" / "dumps" / "site"
PAGES = sorted(SITE.glob("page_*.txt"))
PAGES = [p for p in PAGES if not p.name.endswith(".expected.txt")]
QUOTE = "“We will keep the valley line open, whatever the timetable says,”"


def _read(p: Path) -> str:
    return p.read_text(encoding="utf-8")


def _body(text: str, template: Template | None) -> str:
    segs = segment_dump(text)
    labels = classify_segments(text, segs, template=template)
    return " ".join(s.cleaned for s, lab in zip(segs, labels, strict=False) if lab.keep)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_site_corpus_has_several_pages() -> None:
    assert len(PAGES) >= 5


def test_recurring_lines_become_template() -> None:
    tpl = learn_template(_read(p) for p in PAGES)
    assert tpl.n_documents == len(PAGES)
    tagline = next(ln for ln in _read(PAGES[0]).splitlines() if ln.startswith("Local news"))
    assert tagline in tpl
    assert tpl.is_template_line("© 2024 Valley Herald")
    # Digits are normalised: another year is the same footer line.
    assert tpl.is_template_line("© 2031 Valley Herald")
    assert "Parking on the square will be closed from Friday evening." not in tpl


def test_quote_repeated_in_two_articles_is_not_template() -> None:
    texts = [_read(p) for p in PAGES]
    assert sum(QUOTE in t for t in texts) == 2
    tpl = learn_template(texts)
    quote_line = next(line for line in _read(PAGES[0]).splitlines() if QUOTE in line)
    assert not tpl.is_template_line(quote_line)


def test_min_documents_is_required() -> None:
    texts = [_read(p) for p in PAGES[:2]]
    tpl = learn_template(texts)
    assert "© 2024 Valley Herald" not in tpl


def test_templates_remove_what_layout_alone_keeps() -> None:
    texts = [_read(p) for p in PAGES]
    tpl = learn_template(texts)
    gained = 0
    for page in PAGES:
        expected = _norm(_read(page.with_name(page.stem + ".expected.txt")).replace("\n\n", " "))
        text = _read(page)
        with_tpl = _norm(_body(text, tpl))
        without = _norm(_body(text, None))
        assert with_tpl == expected, page.name
        assert expected in without
        gained += len(without) > len(with_tpl)
    assert gained >= len(PAGES) // 2


def test_template_reason_is_recorded() -> None:
    text = _read(PAGES[0])
    tpl = learn_template(_read(p) for p in PAGES)
    segs = segment_dump(text)
    labels = classify_segments(text, segs, template=tpl)
    reasons = {lab.reason for lab in labels}
    assert "template" in reasons


def test_merge_equals_learning_all_at_once() -> None:
    texts = [_read(p) for p in PAGES]
    whole = learn_template(texts)
    merged = learn_template(texts[:2]).merge(learn_template(texts[2:]))
    assert merged == whole
    assert merged.to_dict() == whole.to_dict()


def test_json_round_trip() -> None:
    tpl = learn_template(_read(p) for p in PAGES)
    data = json.loads(json.dumps(tpl.to_dict()))
    back = Template.from_dict(data)
    assert back == tpl
    assert tpl.n_documents == back.n_documents


def test_from_dict_rejects_garbage() -> None:
    with pytest.raises(InputError):
        Template.from_dict({"format": "something else"})
    with pytest.raises(InputError):
        Template.from_dict({"format": "newsclean.template/1", "counts": 3})


def test_bad_thresholds_raise() -> None:
    with pytest.raises(ConfigError):
        learn_template([], min_documents=0)
    with pytest.raises(ConfigError):
        learn_template([], min_share=1.5)


def test_empty_template_marks_nothing() -> None:
    tpl = learn_template([])
    assert tpl.n_documents == 0
    assert "anything" not in tpl
    assert 3 not in tpl
