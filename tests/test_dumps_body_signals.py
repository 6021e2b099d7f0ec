"""Body-region signals: glued menus, code and formulas inside the article, repeated teasers."""

from __future__ import annotations

from newsclean.dumps import DumpOptions, classify_segments, segment_dump
from newsclean.dumps._features import block_features
from newsclean.dumps._segment import Segment
from newsclean.dumps._stopwords import stopwords_for

PROSE = (
    "The council said on Tuesday that the harbour wall would be rebuilt before the winter "
    "storms, after engineers found deep cracks along most of its length last month."
)


def _features(text: str):  # type: ignore[no-untyped-def]
    seg = Segment(0, len(text), "paragraph", (), text, 0, 1)
    return block_features(seg, stopwords_for("en"), True)


def test_glued_menu_is_split_into_items() -> None:
    text = "HomeNewsSportsWeatherOpinion\n" + PROSE + "\n"
    pieces = [s.cleaned for s in segment_dump(text)]
    assert pieces[:5] == ["Home", "News", "Sports", "Weather", "Opinion"]
    assert pieces[5] == PROSE


def test_names_with_one_or_two_case_joins_stay_whole() -> None:
    for line in ["Michael McDonald joined the band", "Our 2024 Global DevSecOps Survey"]:
        assert [s.cleaned for s in segment_dump(line + "\n")] == [line]


def test_ellipsis_glue_is_a_block_boundary() -> None:
    pieces = [s.cleaned for s in segment_dump("You may also like...Who will win the cup?\n")]
    assert pieces == ["You may also like...", "Who will win the cup?"]


def test_code_and_figures_are_code_like_but_menus_and_counters_are_not() -> None:
    assert _features("SELECT avg(n)").code_like
    assert _features("FROM unnest(array[2, 3, 5]) AS n;").code_like
    assert _features("4.3333333333333333").code_like
    assert not _features("Privacy Policy").code_like
    assert not _features("Comments (0)").code_like
    assert not _features("12.05.2019 12:30").code_like


def test_lower_case_fragment_with_function_words() -> None:
    assert _features("and the matrices").fragment
    assert not _features("About Us").fragment


def test_code_between_paragraphs_stays_in_the_article() -> None:
    code = "\n".join(["SELECT avg(n)", "FROM unnest(array[2, 3, 5]) AS n;", "avg", "4.3333"] * 2)
    text = f"Menu\nAbout\n\n{PROSE}\n\n{code}\n\n{PROSE.replace('Tuesday', 'Monday')}\n"
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    assert "SELECT avg(n)" in kept
    assert kept[-1].startswith("The council said on Monday")


def test_teaser_repeated_three_times_is_dropped_but_a_page_repeating_itself_is_not() -> None:
    teaser = (
        "Police said two people were in custody after the death of a student athlete whose "
        "body was found near the campus on Sunday morning by a passer-by walking a dog."
    )
    body = "\n\n".join(PROSE.replace("Tuesday", day) for day in ["Monday", "Tuesday", "Friday"])
    text = "\n\n".join([teaser, body, teaser, teaser]) + "\n"
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    assert teaser not in kept
    assert len(kept) == 3
    # The whole article three times over (print + screen versions): nothing is a teaser.
    text2 = "\n\n".join([body, body, body]) + "\n"
    segs2 = segment_dump(text2)
    labels2 = classify_segments(text2, segs2)
    assert sum(lab.keep for lab in labels2) >= 3


def test_self_repeating_headline_is_a_teaser_but_prose_is_not() -> None:
    assert _features(
        "Kylie Jenner -- When I Was 17 ... (PHOTO) Kylie Jenner -- When I Was 17 ..."
    ).teaser
    assert not _features(PROSE).teaser


def test_cookie_notice_is_boilerplate_and_ends_the_article() -> None:
    notice = (
        "This website uses cookies to improve your experience while you navigate through the "
        "website. Out of these cookies, the cookies that are categorized as necessary are stored "
        "on your browser as they are essential for the working of basic functionalities."
    )
    assert _features(notice).lexicon == "notice"
    assert (
        _features(
            "Diese Website verwendet Cookies, um Ihnen ein besseres Erlebnis zu bieten."
        ).lexicon
        == "notice"
    )
    assert _features(PROSE).lexicon is None


def test_about_the_author_box_is_cut_after_the_article() -> None:
    paras = [PROSE.replace("Tuesday", day) for day in ["Monday", "Tuesday", "Friday", "Sunday"]]
    bio = (
        "Jane Doe is a reporter who covers local government, transport and the harbour for the "
        "paper, and has written for several national titles over the past twenty years."
    )
    text = "\n\n".join([*paras, "About Jane Doe", bio]) + "\n"
    segs = segment_dump(text)
    labels = classify_segments(text, segs)
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    assert kept == paras


def test_embedded_post_signatures_do_not_start_a_comment_section() -> None:
    paras = [PROSE.replace("Tuesday", day) for day in ["Monday", "Tuesday", "Friday"]]
    text = "\n\n".join(
        [
            paras[0],
            paras[1],
            "— Jane Roe (@janeroe) November 18, 2019",
            "meth. we're on it.",
            "— John Poe (@johnpoe) November 19, 2019",
            paras[2],
        ]
    )
    segs = segment_dump(text + "\n")
    labels = classify_segments(text, segs)
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    assert kept[-1] == paras[2]


def test_table_cells_of_figures_are_neutral() -> None:
    assert _features("200 │").figures
    assert _features("4084").figures
    assert not _features("Privacy Policy").figures


def _kept(text: str, **kw: object) -> list[str]:
    segs = segment_dump(text)
    labels = classify_segments(text, segs, **kw)  # type: ignore[arg-type]
    return [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]


HARBOUR = [
    "The town council voted on Tuesday to rebuild the eastern harbour wall before the winter "
    "storms, after engineers found cracks along most of its length.",
    "Engineers said the harbour wall had been weakened by years of storms and that the cracks "
    "would widen quickly if the council waited another winter.",
    "The council will pay for the harbour works from its reserves, and the fish market will move "
    "to the car park by the station while the wall is rebuilt.",
]
MENU = [
    f"{side} {name}"
    for side in ("North", "South")
    for name in ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
]


def test_off_topic_prose_across_a_long_run_of_links_is_left_out() -> None:
    teasers = [
        "A famous singer announced a world tour with twelve concerts across three continents and "
        "said tickets for every concert would go on sale online next Friday morning.",
        "Shares of the largest carmaker fell sharply after the company warned that profits would "
        "shrink this year because of weaker demand for electric models in Europe.",
    ]
    text = "\n\n".join([*HARBOUR, *MENU, *teasers]) + "\n"
    assert _kept(text) == HARBOUR
    # With the tight core switched off the plain region bridges the links.
    assert _kept(text, options=DumpOptions(core_gap_growth=0.0))[-1] == teasers[-1]


def test_the_article_goes_on_across_a_long_run_of_short_blocks_when_on_topic() -> None:
    rest = [
        "Residents asked the council to keep the harbour wall open to walkers during the works, "
        "and engineers agreed to build a temporary path along the cracks.",
        "The council expects the rebuilt harbour wall to withstand winter storms for fifty years, "
        "the engineers said after the vote on Tuesday.",
    ]
    text = "\n\n".join([*HARBOUR, *MENU, *rest]) + "\n"
    assert _kept(text)[-1] == rest[-1]


def test_code_listing_one_token_per_line_does_not_split_the_article() -> None:
    listing = ["fetch", '( "/data.json").', "then", "( function", "( res)", "{", "}", "});"] * 2
    text = "\n".join([HARBOUR[0], HARBOUR[1], *listing, HARBOUR[2]]) + "\n"
    kept = _kept(text)
    assert kept[0] == HARBOUR[0]
    assert kept[-1] == HARBOUR[2]
    assert "( function" in kept


_PARAGRAPHS = [
    "The council said on Tuesday that the harbour wall would be rebuilt before the winter "
    "storms, after engineers found deep cracks along most of its length last month.",
    "Fishermen who moor their boats behind the wall have asked for a temporary barrier, "
    "because the autumn tides already reach the quay on most nights.",
    "Work on the new foundations is expected to start in March and to last until the end "
    "of the summer, when the old stones will be set back in place.",
]


def _kept_and_reasons(text: str) -> tuple[list[str], dict[str, str]]:
    segs = segment_dump(text)
    labels = classify_segments(text, segs, language="en")
    kept = [s.cleaned for s, lab in zip(segs, labels, strict=True) if lab.keep]
    reasons = {s.cleaned: lab.reason for s, lab in zip(segs, labels, strict=True)}
    return kept, reasons


def test_article_repeated_as_one_run_together_block_is_dropped() -> None:
    flat = " ".join(_PARAGRAPHS)
    text = "Home\nNews\n\n" + "\n\n".join(_PARAGRAPHS) + "\n\nShare\n\n" + flat + "\n"
    kept, reasons = _kept_and_reasons(text)
    assert kept == _PARAGRAPHS
    assert reasons[flat] == "duplicate_text"


def test_paragraph_sharing_phrases_with_two_blocks_is_not_a_copy() -> None:
    # The lede repeats the headline and part of the caption: two parts only, still article.
    headline = "Harbour wall to be rebuilt before the winter storms"
    lede = (
        "Harbour wall to be rebuilt before the winter storms, the council said on Tuesday, "
        "after engineers found deep cracks along most of its length last month and warned "
        "that the autumn tides already reach the quay on most nights. " + _PARAGRAPHS[2]
    )
    text = f"{headline}\n\n{lede}\n\n{_PARAGRAPHS[0]}\n\n{_PARAGRAPHS[1]}\n"
    kept, reasons = _kept_and_reasons(text)
    assert lede in kept
    assert reasons[lede] == "main_region"


def test_agency_photo_captions_are_credits() -> None:
    captions = [
        "FILE - In this Monday, Oct. 28, 2019, file photo, the ambassador walks to a hearing.",
        "FILE PHOTO: Traders work on the floor of the stock exchange in New York.",
        "In this photo issued by the broadcaster, two candidates debate live on television.",
        "The defence secretary, left, and his counterpart shake hands in Hanoi on Tuesday.",
        "The house where the poet was born, in a village near the border. Jane Doe / Reuters file",
        "A cyclist rides past a blocked fuel plant outside the city. © Reuters",
    ]
    for caption in captions:
        assert _features(caption).lexicon == "credit", caption


def test_prose_that_mentions_photos_or_sides_is_not_a_caption() -> None:
    prose = [
        "In this article, I explain how the council raised the money for the harbour wall.",
        "He said the man on the left, who was tall, had already gone when the police came.",
        '"My brother, left, and I waited for hours in the rain," she said, "and nobody came."',
    ]
    for text in prose:
        assert _features(text).lexicon is None, text


def test_article_under_its_headline_wins_over_a_longer_legal_footer() -> None:
    # An article of short steps under its headline, and a long disclaimer in the footer: the
    # footer has more prose, but the headline repeating the <title> says where the article is.
    headline = "How to rebuild a harbour wall in five steps"
    steps = "\n".join(f"Step {n}" for n in range(1, 16))
    footer = " ".join(
        [
            "The information provided on this website is for general purposes only and does not"
            " replace the advice of a qualified engineer or of the local harbour authority.",
        ]
        * 3
    )
    menu = "\n".join(["Home", "News", "Guides", "Shop", "About"] * 8)
    text = (
        f"{headline} | Example Guides\n{menu}\n{headline}\n\n{_PARAGRAPHS[0]}\n\n{steps}\n\n"
        f"{_PARAGRAPHS[1]}\n\n"
        + "\n".join(["Related", "Share", "Newsletter"] * 12)
        + f"\n\n{footer}\n"
    )
    kept, reasons = _kept_and_reasons(text)
    assert kept[0] == _PARAGRAPHS[0]
    assert footer not in kept
    assert reasons[footer] == "outside_main_region"


def test_region_stays_when_the_headline_is_only_a_site_name() -> None:
    # "Example News" repeats the <title>'s site part; it is no anchor for the article.
    menu = "\n".join(["Home", "World", "Sport"] * 15)
    text = (
        f"Harbour wall to be rebuilt | Example News\nExample News\n{menu}\n\n"
        + "\n\n".join(_PARAGRAPHS)
        + "\n"
    )
    kept, _ = _kept_and_reasons(text)
    assert kept == _PARAGRAPHS


def test_video_player_controls_inside_the_article_are_dropped_without_splitting_it() -> None:
    controls = [
        "Video Player is loading.",
        "Mute",
        "Current Time 0:00",
        "Remaining Time -0:00",
        "Playback Rate",
        "captions off, selected",
        "Fullscreen",
        "This is a modal window.",
        "Beginning of dialog window. Escape will cancel and close the window.",
        "Text Edge Style",
        "Font Family",
        "End of dialog window.",
    ]
    text = "\n\n".join([_PARAGRAPHS[0], *controls, _PARAGRAPHS[1], _PARAGRAPHS[2]]) + "\n"
    kept, reasons = _kept_and_reasons(text)
    assert kept == _PARAGRAPHS
    assert {reasons[c] for c in controls} == {"lexicon:player"}


HARBOUR_MORE = [
    "Builders will start on the northern end in March, the council said, because the cracks "
    "there are the deepest and the fishing boats can still use the southern quay meanwhile.",
    "The harbour master said the boats had been warned about the works for months and that most "
    "skippers would rather lose a few weeks now than the whole quay in a bad storm later on.",
    "Residents asked the council to keep the footpath along the wall open at weekends, and the "
    "engineers said they would try to fence off only the stretch being rebuilt at any one time.",
    "The works are due to finish before next winter, when the council will decide whether the "
    "western wall, which is older still, needs the same repairs or can wait for a few years.",
    "A survey of the western wall last spring found it in better shape, the engineers said, "
    "although its foundations had not been inspected since the storm that flooded the market.",
    "The opposition on the council said the reserves should have been spent on the school roof "
    "instead, and that the harbour could have been paid for by a grant from the region.",
]


def test_dated_headlines_set_into_an_article_do_not_end_it() -> None:
    # "More about ..." with dated headlines is a box inside the article, not a comment thread:
    # the article goes on below it at length, with no meta line of its own.
    box = [
        "Council Approves New Budget for the Year",
        "July 30, 2018",
        "Fish Market Moves to a New Home",
        "July 25, 2018",
    ]
    before, after = [*HARBOUR, HARBOUR_MORE[0]], HARBOUR_MORE[1:]
    text = "\n\n".join([*before, "More about the harbour", *box, *after]) + "\n"
    kept = _kept(text, options=DumpOptions(block_model=False))
    assert kept[: len(before)] == before
    assert kept[-len(after) :] == after


def test_a_comment_thread_with_dated_comments_is_still_cut() -> None:
    comments = []
    for name, day, said in [
        ("Pat", "July 30, 2018", "Good news at last, the wall has been a danger for years now."),
        ("Sam", "July 31, 2018", "Who pays for this? The reserves were meant for the school."),
        ("Lee", "August 1, 2018", "My father fished from that quay, glad it will be saved."),
    ]:
        comments += [name, day, said]
    text = "\n\n".join([*HARBOUR, *HARBOUR_MORE, *comments]) + "\n"
    kept = _kept(text, options=DumpOptions(block_model=False))
    assert kept == [*HARBOUR, *HARBOUR_MORE]
