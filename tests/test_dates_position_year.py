"""Tests for the first-paragraph anchor beside the title index and the year of year-less dates."""

from __future__ import annotations

from datetime import datetime

from newsclean.filters._dates import find_publication_date

REF = datetime(2026, 1, 1, 12, 0)
PROSE = (
    "The council voted on Tuesday evening to fund the bridge across the river, ending a "
    "debate that had lasted more than ten years and divided the town into two camps."
)


def test_dateline_above_the_first_paragraph_counts_when_the_title_index_is_wrong() -> None:
    # The title index points at the site name in the header; the article starts far below.
    blocks = ["Example Daily", "Home", "News", "Archive: 12 May 2012", "Sport", "Weather"]
    blocks += [f"Menu item {k}" for k in range(30)]
    blocks += ["Council votes on the new bridge", "Published on 13 January 2014 by J. Doe"]
    blocks += [PROSE, PROSE]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2014, 1, 13)
    assert found.block_index == len(blocks) - 3


def test_dateline_under_the_title_still_wins() -> None:
    blocks = ["Council votes on the new bridge", "12 May 2023", PROSE]
    blocks += [f"Menu item {k}" for k in range(20)]
    blocks += ["Older story", "3 March 2021", PROSE]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2023, 5, 12)


def test_year_less_dateline_takes_the_copyright_year() -> None:
    blocks = ["Council votes on the new bridge", "20 janvier", PROSE, "Copyright © 2005-2020 Site"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2020, 1, 20)


def test_copyright_year_beats_older_full_dates_on_the_page() -> None:
    blocks = ["Council votes on the new bridge", "Jan 04 09:34", *[PROSE] * 12]
    blocks += ["Earlier: 3 March 2019", "© 2022 Example Daily. All rights reserved."]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2022, 1, 4, 9, 34)


def test_year_less_dateline_without_copyright_takes_the_latest_full_year() -> None:
    blocks = ["Council votes on the new bridge", "30 May, 13:26", *[PROSE] * 12]
    blocks += ["Earlier: 3 March 2019"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2019, 5, 30, 13, 26)


def test_copyright_year_never_puts_a_date_after_the_reference() -> None:
    ref = datetime(2025, 3, 1)
    blocks = ["Council votes on the new bridge", "20 December", PROSE, "© 2025 Example Daily"]
    found = find_publication_date(blocks, title_index=0, reference_time=ref)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2024, 12, 20)


def test_copyright_year_after_the_reference_is_ignored() -> None:
    blocks = ["Council votes on the new bridge", "20 janvier", PROSE, "© 2031 Example Daily"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2025, 1, 20)


def test_date_split_over_tiny_blocks_is_read() -> None:
    blocks = ["Council votes on the new bridge", "28.", "Januar", "2022", "Stadt", PROSE]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2022, 1, 28)
    assert found.block_index == 1


def test_split_parts_must_be_tiny_and_adjacent() -> None:
    # A day number in a list and a month in the next, longer line are not one date.
    blocks = ["Council votes on the new bridge", "3.", "Januar ist der kälteste Monat", PROSE]
    assert find_publication_date(blocks, title_index=0, reference_time=REF) is None


def test_label_glued_to_the_previous_clock() -> None:
    block = "Letzte Änderung: 31.10.2023 - 14:49:39Erschienen am: 01.11.2023"
    found = find_publication_date(
        ["Council votes on the new bridge", PROSE, block], title_index=0, reference_time=REF
    )
    assert found is not None and found.published is not None and found.updated is not None
    assert found.published.value == datetime(2023, 11, 1)
    assert found.published.kind == "published"
    assert found.updated.value == datetime(2023, 10, 31, 14, 49, 39)


def test_dates_in_file_names_are_not_dates() -> None:
    from newsclean.filters._dates import find_dates

    assert find_dates("[WS1.9.11.png.low-90x40.png] Accessoires", reference_time=REF) == []
    assert find_dates("Screenshot 2020-03-18_12.22.03.png", reference_time=REF) == []
    assert find_dates("annual-report-2021-05-03.pdf", reference_time=REF) == []
    # A date followed by a sentence that names a file is still a date.
    kept = find_dates("Published 30.05.2023. Photo: harbour.jpg", reference_time=REF)
    assert [m.value for m in kept] == [datetime(2023, 5, 30)]


def test_german_article_of_label() -> None:
    from newsclean.filters._dates import parse_date

    found = parse_date("Artikel vom 31.10.23", reference_time=REF)
    assert found is not None and found.kind == "published"
    assert found.value == datetime(2023, 10, 31)


def test_commenter_says_header_marks_a_comment_date() -> None:
    blocks = ["Council votes on the new bridge", PROSE, "16. Mai 2019 Markus Muster"]
    blocks += [PROSE, "Karl sagt:", "24. November 2019 um 17:53 Uhr", "Danke für den Artikel!"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2019, 5, 16)


def test_update_label_aktualisierung() -> None:
    from newsclean.filters._dates import parse_date

    found = parse_date("Letzte Aktualisierung am 2.02.2022", reference_time=REF)
    assert found is not None and found.kind == "updated"


def test_bare_lower_case_short_word_is_not_a_month() -> None:
    from newsclean.filters._dates import find_dates

    assert find_dates("Vous avez lu 1 des 4 articles gratuits", reference_time=REF) == []
    # With a year, a time, a full stop or a capital it still reads as a date.
    for text in ("3 mar 2021", "12 jan, 13:26", "1. des.", "3 Mar"):
        assert len(find_dates(text, reference_time=REF)) == 1, text


def test_event_date_is_not_the_publication_date() -> None:
    blocks = ["Whisky tastings in spring", "Termin: 21.02.2020, 19 Uhr", PROSE, "27.11.2019"]
    found = find_publication_date(blocks, title_index=0, reference_time=REF)
    assert found is not None and found.published is not None
    assert found.published.value == datetime(2019, 11, 27)


def test_year_less_month_word_of_another_language_is_not_a_month() -> None:
    from newsclean.filters._dates import find_dates

    # "Pro" is a Czech abbreviation of December, "iPhone 11 Pro" on a German page is not.
    assert find_dates("Das neue iPhone 11 Pro", language="de", reference_time=REF) == []
    assert len(find_dates("Das neue iPhone 11 Pro", reference_time=REF)) == 1
    # English month names are used on pages of every language; the page's own always count.
    assert len(find_dates("Update: 30 May", language="de", reference_time=REF)) == 1
    assert len(find_dates("12 Okt", language="de", reference_time=REF)) == 1
    assert len(find_dates("3 pro 2021", language="de", reference_time=REF)) == 1


def test_short_month_word_ending_a_dateline_is_kept() -> None:
    from newsclean.filters._dates import find_dates

    assert len(find_dates("5 мая", language="ru", reference_time=REF)) == 1
    assert len(find_dates("3 mar", reference_time=REF)) == 1


def test_noun_labels_label_only_the_date_right_after_them() -> None:
    from newsclean.filters._dates import parse_date

    for text in ("Date: 30.05.2023", "Data 30.05.2023", "Fecha: 30/05/2023"):
        found = parse_date(text, reference_time=REF)
        assert found is not None and found.kind == "published", text
    found = parse_date("Euroforum Data Analytics 12. März 2020", reference_time=REF)
    assert found is not None and found.kind == "unknown"
    for text in ("Data publicării: 30.05.2023", "Publication date: May 30, 2023"):
        found = parse_date(text, reference_time=REF)
        assert found is not None and found.kind == "published", text
