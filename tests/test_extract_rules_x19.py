"""An injury dated by the evening before ("missed a step going down stairs at home last evening, R knee buckled ...
fell") is an acute limb injury (Cohere's acute-trauma section), as "last night" already was."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.note_reading import NoteReader

R = NoteReader(dt.date(2026, 11, 14))


@pytest.mark.parametrize("text", [
    "58M missed a step going down stairs at home last evening, R knee buckled, felt a pop, fell.",
    "Tripped over the dog the night before, twisted R ankle.",
    "Twisted her R knee playing soccer this past evening.",
])
def test_an_injury_of_the_evening_before_is_acute(text):
    found = R.fact(text, "acute_limb_injury")
    assert found is not None and found.present


def test_a_step_missed_long_ago_is_not_dated_acute_by_these_words():
    found = R.fact("Missed a step on the stairs in March; knee pain since.", "acute_limb_injury")
    assert found is None or not found.present
