"""Reading notes (outside testers, round 15): an event's own date, a symptom's length as its onset,
pain scores that are not dates, a dose pack's end, a minimal response, planned bracing, vertebral
levels that are not temperatures, an injury's day as the onset, and ordered studies that are not done."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.dates import find_dates

REF = dt.date(2026, 3, 4)


def read(text: str, ref: dt.date = REF):
    return read_notes([text], ref).clinical


def fact(text: str, name: str, ref: dt.date = REF):
    found = [f for f in read(text, ref).facts if f.fact == name]
    return found[0] if found else None


def course(text: str, kind: str, ref: dt.date = REF):
    found = [t for t in read(text, ref).treatments if t.kind == kind]
    return found[0] if found else None


# --- a surgery's own date, written with it, is the surgery's date ---------------------------------

@pytest.mark.parametrize("text, when", [
    ("51F s/p R L5-S1 microdiscectomy 12/16/2025 (Dr. Varga). Imaging: Standing AP/lat L-spine XR today - "
     "expected post-surgical changes L5-S1 (R hemilaminotomy), no instability.", dt.date(2025, 12, 16)),
    ("51F underwent R L5-S1 microdiscectomy on 12/16/2025. Flex/ext XR today: postoperative changes L5-S1.",
     dt.date(2025, 12, 16)),
    ("L4-5 TLIF (11/3/2025). Flex/ext XR today: postoperative changes L4-5.", dt.date(2025, 11, 3)),
    ("s/p L4-5 laminectomy 12/2025. Back pain again.", dt.date(2025, 12, 1)),
    ("Hx: underwent L4-5 laminectomy in 2019. MRI today shows postop changes at L4-5.", dt.date(2019, 1, 1)),
    ("s/p L4-5 laminectomy (2021). Back pain again.", dt.date(2021, 1, 1)),
])
def test_a_surgery_is_dated_by_the_date_written_with_it(text, when):
    rec = fact(text, "spinal_surgery")
    assert rec is not None and rec.present is True
    assert rec.date == when


# --- a symptom's length, written with it, sets its onset ------------------------------------------

@pytest.mark.parametrize("text, name, onset", [
    ("Now 3 wks of recurrent R buttock/post thigh pain radiating to the heel, 7/10.", "radicular_pain",
     REF - dt.timedelta(days=21)),
    ("Reports 2 months of low back pain.", "low_back_pain", REF - dt.timedelta(days=60)),
    ("Recurrent low back pain for 3 wks.", "low_back_pain", REF - dt.timedelta(days=21)),
    ("Low back pain for the past 3 weeks.", "low_back_pain", REF - dt.timedelta(days=21)),
    ("3-week history of low back pain.", "low_back_pain", REF - dt.timedelta(days=21)),
    ("Low back pain started 3 weeks ago.", "low_back_pain", REF - dt.timedelta(days=21)),
])
def test_a_symptoms_length_sets_its_onset(text, name, onset):
    rec = fact(text, name)
    assert rec is not None and rec.present is True
    assert rec.onset == onset


@pytest.mark.parametrize("text", [
    "6 wks of PT for low back pain.",
    "Low back pain treated with PT for 6 weeks.",
    "Low back pain, PT for 6 wks.",
])
def test_a_courses_length_is_not_the_symptoms_onset(text):
    rec = fact(text, "low_back_pain")
    assert rec is not None and rec.onset is None


# --- a pain score is not a date ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Per PT discharge summary 2/27: pain 2/10 (from 7/10).",
    "pain improved from 7/10 to 3/10",
    "pain 7/10 -> 2/10 after PT",
    "VAS 8/10, now down to 3/10",
    "pain scores went from 8/10 to 2/10",
])
def test_a_pain_score_written_from_or_to_another_is_not_a_date(text):
    assert not [f for f in find_dates(text, REF) if f.text.endswith("/10")]


@pytest.mark.parametrize("text, day", [
    ("started PT 8/10", dt.date(2025, 8, 10)),
    ("PT from 7/10 to 8/20", dt.date(2025, 7, 10)),
    ("pain since 7/10", dt.date(2025, 7, 10)),
])
def test_a_date_led_by_its_word_is_still_a_date(text, day):
    assert day in [f.value for f in find_dates(text, REF)]


def test_a_pt_course_starts_when_its_dates_say_not_at_a_pain_score():
    t = course("Per PT discharge summary 2/27: pain 2/10 (from 7/10). PT 1/5/26-2/27/26.", "physical_therapy")
    assert t is not None and t.start == dt.date(2026, 1, 5)
