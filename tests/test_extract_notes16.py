"""Note readings fixed after the outside testers' round-22 cases: a denial that leads to a list of courses ("has not
started PT, a home exercise program, or topical diclofenac") says each was not given."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 6, 8)


def _dated(text: str, ref: dt.date = REF):
    return read_notes([Note(text=text, date=ref)], ref).clinical


def _not_done(clinical) -> set[str]:
    return {f.value for f in clinical.facts if f.fact == "treatment_not_done" and f.present}


# --- a denial reaches every item of the list it leads to ---------------------------------------------------------

@pytest.mark.parametrize("text, kinds", [
    ("Pt has not started PT, a home exercise program, or topical diclofenac since the MRI.",
     {"physical_therapy", "home_exercise", "nsaid"}),
    ("Has not tried PT, HEP or NSAIDs.", {"physical_therapy", "home_exercise", "nsaid"}),
    ("No PT or HEP so far.", {"physical_therapy", "home_exercise"}),
    ("Never did formal PT or a home exercise program.", {"physical_therapy", "home_exercise"}),
])
def test_a_denial_reaches_every_course_of_its_list(text, kinds):
    c = _dated(text)
    assert _not_done(c) == kinds
    assert not c.treatments  # none of them is a course given


def test_items_without_a_joining_word_are_no_list():
    c = _dated("No ESI, PT 6 wks done.")  # no "or"/"and": two statements, not one list
    assert _not_done(c) == {"interventional_pain"}


def test_a_list_ends_where_its_joining_words_end():
    c = _dated("Has not done PT and then ibuprofen for 6 weeks helped.")  # "then" ends it
    assert _not_done(c) == {"physical_therapy"}
    assert [t.kind for t in c.treatments] == ["nsaid"]


def test_a_failed_list_of_courses_is_still_a_list_of_courses():
    c = _dated("No relief with PT, HEP or NSAIDs.")
    assert not _not_done(c)
    assert {t.kind for t in c.treatments} == {"physical_therapy", "home_exercise", "nsaid"}
    assert {t.response for t in c.treatments} == {"none"}
