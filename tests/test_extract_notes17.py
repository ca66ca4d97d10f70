"""Note readings fixed after the outside testers' round-22 cases (second pass): numeric dates written with dashes
("12-01-2025", "11-24-25"), a whole number with a fraction as one length ("2 1/2 wks ago", "2½ weeks"), US
holidays as dates ("around Thanksgiving", "the week before Halloween")."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes
from necessity.extract.dates import find_dates, find_durations

REF = dt.date(2026, 3, 5)


def _dated(text: str, ref: dt.date = REF):
    return read_notes([Note(text=text, date=ref)], ref).clinical


def _dates(text: str, ref: dt.date = REF) -> list[dt.date]:
    return [d.value for d in find_dates(text, ref)]


# --- numeric dates with dashes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("x-ray 11-24-2025 negative", [dt.date(2025, 11, 24)]),
    ("seen 03-02-2026", [dt.date(2026, 3, 2)]),
    ("seen 3-2-26 in clinic", [dt.date(2026, 3, 2)]),
    ("DOS: 01-15-26", [dt.date(2026, 1, 15)]),
    ("seen 25-12-2025", [dt.date(2025, 12, 25)]),  # a first number > 12 is the day
    ("PT 12-01-2025 through 01-30-2026", [dt.date(2025, 12, 1), dt.date(2026, 1, 30)]),
    ("PT 12-01-25 - 01-30-26", [dt.date(2025, 12, 1), dt.date(2026, 1, 30)]),
    ("PT 12-01-2025-01-30-2026", [dt.date(2025, 12, 1), dt.date(2026, 1, 30)]),
])
def test_dashed_numeric_dates_are_read_month_first(text, want):
    assert _dates(text) == want


@pytest.mark.parametrize("text", [
    "L4-5 disc bulge", "C5-6-7 fusion", "pain 1-2 weeks", "call 555-12-1234", "ICD M54.16", "strength 4-5-5",
    "10-12-15 lbs", "3-4 times a day", "grade 2-3 slip",
])
def test_dashed_numbers_that_are_no_date(text):
    assert _dates(text) == []


def test_a_dashed_date_range_dates_the_course():
    c = _dated("Formal physical therapy 12-01-2025 through 01-30-2026 (12 sessions).")
    pt = [t for t in c.treatments if t.kind == "physical_therapy"]
    assert pt and pt[0].start == dt.date(2025, 12, 1) and pt[0].end == dt.date(2026, 1, 30)


# --- a fraction after a whole number is a length --------------------------------------------------------------------

@pytest.mark.parametrize("text, days", [
    ("since about 2 1/2 wks ago", 17.5), ("2½ weeks ago", 17.5), ("1 1/2 months ago", 45),
])
def test_a_whole_number_and_fraction_ago_is_one_length(text, days):
    got = find_dates(text, REF)
    assert len(got) == 1 and abs((REF - got[0].value).days - days) <= 1
    assert got[0].value != dt.date(2026, 1, 2)


@pytest.mark.parametrize("text, days", [("for 1 1/2 months", 45), ("x 2 1/2 wks", 17), ("3½ weeks", 24)])
def test_a_whole_number_and_fraction_is_one_duration(text, days):
    got = find_durations(text)
    assert len(got) == 1 and abs(got[0].value - days) <= 1


def test_a_bare_fraction_like_date_is_still_a_date():
    assert _dates("seen 1/2 in clinic") == [dt.date(2026, 1, 2)]


# --- holidays as dates ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("first noticed a lump around Thanksgiving", dt.date(2025, 11, 27)),
    ("pain since Christmas", dt.date(2025, 12, 25)),
    ("started the week before Halloween", dt.date(2025, 10, 24)),
    ("fell over New Year's", dt.date(2026, 1, 1)),
    ("worse after Easter", dt.date(2025, 4, 20)),  # the latest one on or before the note
    ("hurt on the 4th of July", dt.date(2025, 7, 4)),
    ("since Labor Day", dt.date(2025, 9, 1)),
    ("since Memorial Day weekend", dt.date(2025, 5, 26)),
    ("the day after Thanksgiving", dt.date(2025, 11, 28)),
    ("on Valentine's Day", dt.date(2026, 2, 14)),
    ("since xmas", dt.date(2025, 12, 25)),
])
def test_holidays_are_dates(text, want):
    assert _dates(text) == [want]


def test_a_holiday_in_a_note_after_it_is_this_years():
    assert _dates("since Easter", dt.date(2026, 4, 20)) == [dt.date(2026, 4, 5)]


def test_a_holiday_dates_an_onset():
    c = _dated("R ankle inversion injury around Thanksgiving, still turning the ankle every few weeks.")
    assert any(f.onset == dt.date(2025, 11, 27) for f in c.facts if f.present)
