"""Note readings fixed in the round-19 session: a film's verdict in the sentence after it, and denied
mechanical symptoms that are not an activity the patient is kept from."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.note_reading import NoteReader

R = NoteReader(dt.date(2026, 10, 1))


@pytest.mark.parametrize("text", [
    "Lumbar x-rays 9/1/26 obtained. Nondiagnostic due to body habitus.",
    "XR R knee 9/2/26 done. Read as indeterminate by radiology.",
])
def test_a_verdict_of_doubt_opening_the_next_sentence_is_the_films(text):
    (xr,) = R.studies(text, "xray")
    assert xr.result == "equivocal"


@pytest.mark.parametrize("text", [
    "XR R knee 9/2/26: normal. Inconclusive exam today due to guarding.",  # the exam's, not the film's
    "XR R knee 9/2/26: normal. Equivocal MRI findings at the outside facility.",  # another study's
])
def test_a_verdict_about_the_exam_or_another_study_leaves_the_film(text):
    (xr,) = R.studies(text, "xray")
    assert xr.result == "normal"


@pytest.mark.parametrize("text", [
    "Knee: no locking, no catching.",
    "No catching, no locking.",
    "Mechanical sx: no catching/locking.",
])
def test_denied_catching_is_a_symptom_not_an_activity_kept_from(text):
    assert R.course(text, "activity_modification") is None


def test_not_catching_in_practice_stays_an_activity_kept_from():
    assert R.course("Practicing (hitting only, not catching) since 9/1.", "activity_modification") is not None
