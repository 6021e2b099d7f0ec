"""classify_segments: labels, reasons, title, options, comment cut, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean._errors import ConfigError
from newsclean.dumps import DumpOptions, SegmentLabel, classify_segments, segment_dump
from newsclean.dumps._features import BlockFeatures, block_features

PAGE = (Path(__file__).parent / "fixtures" / "dumps" / "page_comments.txt").read_text(
    encoding="utf-8"
)


def _labels(text: str, **kw: object) -> tuple[list[str], list[SegmentLabel]]:
    segs = segment_dump(text)
    labels = classify_segments(text, segs, **kw)  # type: ignore[arg-type]
    return [s.cleaned for s in segs], labels


def test_article_blocks_kept_and_boilerplate_dropped() -> None:
    texts, labels = _labels(PAGE)
    kept = [t for t, lab in zip(texts, labels, strict=False) if lab.keep]
    assert kept == [
        "The town council voted on Tuesday to rebuild the eastern harbour wall before the winter "
        "storms, after engineers found cracks along most of its length.",
        "Work will start next month and is expected to take ten weeks, during which the fish "
        "market will move to the car park by the station.",
        "What happens next",
        "The contractor has promised to keep one berth open for the ferry throughout the works, "
        "the harbour master said in a statement.",
    ]


def test_title_is_found_and_not_kept() -> None:
    texts, labels = _labels(PAGE)
    titles = [t for t, lab in zip(texts, labels, strict=False) if lab.role == "title"]
    assert titles == ["Harbour wall to be rebuilt before winter"]
    assert all(not lab.keep for lab in labels if lab.role == "title")


def test_reasons_are_snake_case_codes() -> None:
    _texts, labels = _labels(PAGE)
    reasons = {lab.reason for lab in labels}
    assert "lexicon:account" in reasons
    assert "lexicon:share" in reasons or "lexicon:menu_words" in reasons
    for lab in labels:
        assert lab.role in {"title", "body", "boilerplate"}
        assert lab.reason.replace(":", "_").replace("_", "").isalnum()
        assert lab.keep == (lab.role == "body")


def test_comments_are_cut_even_though_they_read_like_prose() -> None:
    texts, labels = _labels(PAGE)
    by_text = dict(zip(texts, labels, strict=False))
    comment = by_text[
        "About time too, that wall has been falling apart for years and everyone could see it."
    ]
    assert not comment.keep


def test_layout_off_keeps_prose_everywhere() -> None:
    _texts, labels = _labels(PAGE, options=DumpOptions(layout=False))
    assert not any(lab.role == "title" for lab in labels)
    assert sum(lab.keep for lab in labels) > 4


def test_lexicon_off_changes_reasons() -> None:
    _texts, labels = _labels(PAGE, options=DumpOptions(lexicon=False))
    assert not any(lab.reason.startswith("lexicon:") for lab in labels)


def test_language_hint_is_accepted() -> None:
    _t1, a = _labels(PAGE, language="en")
    _t2, b = _labels(PAGE, language="en-GB")
    assert a == b


def test_empty_input() -> None:
    assert classify_segments("", []) == []


def test_options_are_validated() -> None:
    with pytest.raises(ConfigError):
        DumpOptions(min_good_words=0)
    with pytest.raises(ConfigError):
        DumpOptions(min_stopword_density=2.0)
    with pytest.raises(ConfigError):
        DumpOptions(short_penalty=-1.0)


def test_deterministic() -> None:
    assert _labels(PAGE) == _labels(PAGE)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_one_label_per_segment_and_at_most_one_title(text: str) -> None:
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    assert len(labels) == len(segs)
    assert sum(lab.role == "title" for lab in labels) <= 1


def test_lone_surrogates_and_controls_do_not_crash() -> None:
    from newsclean.dumps import find_foreign_script_edges, learn_template

    text = "Head\ud800line\n\nA paragraph with a lone \udfff surrogate, \x00 and \u202e marks.\n"
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    assert len(labels) == len(segs)
    tpl = learn_template([text, text, text])
    assert tpl.is_template_line("Head\ud800line")
    assert find_foreign_script_edges([s.cleaned for s in segs], [True] * len(segs)) == []


_PARA = (
    "The council said the new bridge would open in the spring, after two years of delays caused "
    "by flooding and a dispute over the contract."
)


@pytest.mark.parametrize(
    ("caption", "dropped"),
    [
        ("A cargo ship leaves the port on the first day of the strike. (AP)", True),
        ("The company logo is displayed outside its office in New York. Reuters", True),
        ("Workers repair the road. Photograph by Jane Doe/AFP via Getty Images", True),
        ("The harbour at dawn Credit: Jane Doe", True),
        (
            "The mayor welcomed the decision and said the town would be safer, she told Reuters.",
            False,
        ),
    ],
)
def test_photo_captions_with_a_credit_are_dropped(caption: str, dropped: bool) -> None:
    text = "\n\n".join([_PARA, caption, _PARA.replace("council", "mayor")])
    texts, labels = _labels(text)
    label = labels[texts.index(caption)]
    assert (label.reason == "lexicon:credit") is dropped
    assert label.keep is not dropped


def test_title_is_the_first_line_of_a_short_page() -> None:
    text = "\n\n".join(["Harbour Wall Rebuilt", "Menu", _PARA, _PARA.replace("council", "mayor")])
    texts, labels = _labels(text)
    titles = [t for t, lab in zip(texts, labels, strict=False) if lab.role == "title"]
    assert titles == ["Harbour Wall Rebuilt"]


def test_title_block_repeating_the_page_title_without_site_name() -> None:
    lines = ["Site Name: Harbour wall to be rebuilt before winter", "Home", "News", "Sport"]
    paras = [_PARA, _PARA.replace("council", "mayor"), _PARA.replace("bridge", "harbour wall")]
    lines += ["Contact", "Harbour wall to be rebuilt before winter", *paras]
    text = "\n\n".join(lines)
    _texts, labels = _labels(text)
    assert [i for i, lab in enumerate(labels) if lab.role == "title"] == [5]


def _features_of(text: str) -> BlockFeatures:
    (seg,) = segment_dump(text)
    return block_features(seg, frozenset({"the", "a", "of", "to"}), use_lexicon=True)


def test_attribute_url_with_escaped_ampersands_is_an_artefact() -> None:
    # lynx prints an image's address as its alt text, copied from the HTML attribute.
    alt = (
        "[dims?thumbnail=130%2C87&amp;quality=80&amp;image_uri=https%3A%2F%2Fs.example.com"
        "%2Fslides%2F714.jpg&amp;client=cbc79c14efcebee57402&amp;signature=9a8b7c]"
    )
    assert _features_of(alt).artefact


def test_url_quoted_in_the_text_is_not_an_artefact() -> None:
    prose = (
        "The client then sends the user to the authorization endpoint, for example "
        "/oauth/jane?redirect_uri=https%3A%2F%2Fdrinks.example.com%2F&scope=drinks%3Arw, "
        "and waits for the token to come back in the fragment of the redirect address."
    )
    assert not _features_of(prose).artefact


def test_box_drawn_table_row_is_code_like() -> None:
    assert _features_of("2020-08-01 17:59:00+00 │ 400 │ 12").code_like
    # A rule line of box characters carries no figures: it is no table row.
    assert not _features_of("━━━━━━━━━━━━━━━━━━━━").code_like


def test_table_rows_with_dates_do_not_end_the_article_as_comments() -> None:
    # Wrapping renderers print a console table one row per line; dated rows are not the
    # "Jane, 2 May 2019" lines that head reader comments.
    rows = [f"2020-08-01 17:{m:02d}:00+00 │ 400 │ {m % 7}" for m in range(59, 39, -1)]
    blocks = [_PARA, _PARA.replace("council", "mayor"), "SELECT * FROM log;", *rows]
    blocks += [_PARA.replace("bridge", "harbour wall")]
    texts, labels = _labels("\n\n".join(blocks))
    kept = [t for t, lab in zip(texts, labels, strict=True) if lab.keep]
    assert _PARA.replace("bridge", "harbour wall") in kept


def test_image_placeholder_needs_a_word_inside_the_brackets() -> None:
    assert _features_of("[harbour-wall.jpg]").placeholder
    assert _features_of("[IMG] [IMG]").placeholder
    # An empty check box is a form field, not an image.
    assert not _features_of("[ ]").placeholder


def test_gallery_of_placeholders_does_not_split_a_short_article() -> None:
    # lynx and w3m print each image of a gallery as a bracketed placeholder; the prose after
    # the gallery continues the article (same names and terms) and stays in.
    first = (
        "Engineers inspected the eastern harbour wall on Tuesday and found deep cracks along "
        "most of its length, so the council will rebuild it before winter."
    )
    second = (
        "The rebuilt harbour wall will be taller, and the engineers say the cracks found on "
        "Tuesday came from the storms of last winter."
    )
    gallery = [f"[harbour-wall-{i}.jpg]" for i in range(6)]
    texts, labels = _labels("\n\n".join([first, "Along the wall", *gallery, "Repairs", second]))
    kept = [t for t, lab in zip(texts, labels, strict=True) if lab.keep]
    assert first in kept and second in kept
    assert not any(t.startswith("[") for t in kept)


def test_placeholders_do_not_bridge_to_off_topic_prose() -> None:
    article = (
        "Engineers inspected the eastern harbour wall on Tuesday and found deep cracks along "
        "most of its length, so the council will rebuild it before winter."
    )
    other = (
        "Seven recipes for a quick weeknight dinner that your children will actually eat, "
        "from creamy pasta bakes to crunchy vegetable tacos and sweet pancakes."
    )
    gallery = [f"[thumb-{i}.jpg]" for i in range(6)]
    texts, labels = _labels("\n\n".join([article, *gallery, other]))
    kept = [t for t, lab in zip(texts, labels, strict=True) if lab.keep]
    assert article in kept and other not in kept


def test_alt_text_opening_like_the_credit_caption_below_it_is_dropped() -> None:
    # lynx prints the image's alt text, then its caption with the credit, both describing the
    # same picture.
    alt = "A man walks past a flooded harbour wall in the town centre on Tuesday"
    caption = "A man walks past the damaged harbour wall after the storm Credit: Jane Doe/AFP"
    later = _PARA.replace("bridge", "harbour wall")
    texts, labels = _labels("\n\n".join([_PARA, alt, caption, later]))
    by_text = dict(zip(texts, labels, strict=True))
    assert by_text[alt].reason == "lexicon:credit" and not by_text[alt].keep
    assert by_text[_PARA].keep and by_text[later].keep


def test_paragraph_before_a_caption_with_other_words_stays() -> None:
    para = (
        "Engineers inspected the eastern harbour wall on Tuesday and found deep cracks along "
        "most of its length, so the council will rebuild it before winter."
    )
    caption = "A man walks past the damaged harbour wall after the storm Credit: Jane Doe/AFP"
    texts, labels = _labels("\n\n".join([_PARA, para, caption, _PARA.replace("council", "mayor")]))
    assert dict(zip(texts, labels, strict=True))[para].keep
