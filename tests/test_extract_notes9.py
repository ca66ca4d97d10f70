"""Reading notes (outside testers, round 15): an event's own date, a symptom's length as its onset,
pain scores that are not dates, a dose pack's end, a minimal response, planned bracing, vertebral
levels that are not temperatures, an injury's day as the onset, and ordered studies that are not done."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract.dates import find_dates
from tests.note_reading import NoteReader

REF = dt.date(2026, 3, 4)
_reader = NoteReader(REF)
read, fact, course = _reader.read, _reader.fact, _reader.course


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


# --- a dose pack is a 6-day course ------------------------------------------------------------------

@pytest.mark.parametrize("text, start", [
    ("Started methylprednisolone dosepak 2/20/26, no relief.", dt.date(2026, 2, 20)),
    ("Medrol dose pack 2/20.", dt.date(2026, 2, 20)),
    ("Completed a 6-day prednisone taper 2/1.", dt.date(2026, 2, 1)),
])
def test_a_dose_pack_ends_six_days_after_it_starts(text, start):
    t = course(text, "oral_steroid")
    assert t is not None and t.start == start
    assert t.end == start + dt.timedelta(days=6)


def test_a_steroid_course_without_a_pack_stays_open():
    t = course("Prednisone since 2/1.", "oral_steroid")
    assert t is not None and t.end is None


# --- an improvement called slight is a minimal response; "persisting despite" a course is a failed one ---

RESP = ("Since 9/10: Boston brace 23h/day from 9/12, PT (core stabilization) weekly. Today (7 wks into "
        "treatment) still with pain on extension, 6/10, {}.")


@pytest.mark.parametrize("phrase", [
    "pain w/ ADLs improving minimally", "minimally improved", "improved only slightly", "only marginal improvement",
    "mildly improved", "barely improved", "slightly better",
])
def test_an_improvement_called_slight_is_minimal(phrase):
    t = course(RESP.format(phrase), "physical_therapy", dt.date(2026, 10, 29))
    assert t is not None and t.response == "minimal"


@pytest.mark.parametrize("phrase, response", [
    ("much better", "significant"), ("improved significantly", "significant"), ("not much better", "none"),
])
def test_other_responses_keep_their_reading(phrase, response):
    t = course(RESP.format(phrase), "physical_therapy", dt.date(2026, 10, 29))
    assert t is not None and t.response == response


@pytest.mark.parametrize("text, kind", [
    ("A/P: suspected L5 spondylolysis (L) persisting despite >4 wks of bracing/activity restriction/PT.",
     "spinal_orthosis"),
    ("A/P: suspected L5 spondylolysis (L) persisting despite >4 wks of bracing/activity restriction/PT.",
     "physical_therapy"),
    ("A/P: LBP, failed 6 wks of PT. MRI L-spine.", "physical_therapy"),
    ("P: neck pain persisting despite 2 months of NSAIDs.", "nsaid"),
])
def test_a_course_a_plan_says_failed_was_given_without_benefit(text, kind):
    t = course(text, kind, dt.date(2026, 10, 29))
    assert t is not None and t.response == "none"


# --- a vertebral level is no temperature --------------------------------------------------------------

def test_vertebral_levels_in_a_study_are_not_a_temperature_finding():
    c = read("XR whole spine 10/20: levoconvex thoracic curve T5-T11, Cobb 24 deg, apex T8.", dt.date(2026, 11, 2))
    assert c.imaging and "temperature_f" not in c.imaging[0].findings
    assert not [f for f in c.facts if f.fact == "temperature_f"]


def test_a_written_temperature_is_still_read():
    rec = fact("T 101.2 F in clinic.", "temperature_f", dt.date(2026, 11, 2))
    assert rec is not None and rec.value == pytest.approx(101.2)


# --- an injury the note says happened today began the episode today -----------------------------------

@pytest.mark.parametrize("text", [
    "ED NOTE 10/31/2026\n16 yo M fell onto outstretched R hand skateboarding today. Pain radial wrist.",
    "ED NOTE 10/31/2026\n16 yo M fell onto outstretched R hand at 3 pm today (10/31/2026), pain since.",
    "Urgent care 10/31/2026. Twisted R ankle this morning playing soccer.",
])
def test_an_injury_today_begins_the_episode_on_the_notes_day(text):
    assert read(text, dt.date(2026, 10, 31)).episode_onset == dt.date(2026, 10, 31)


def test_the_notes_heading_date_alone_does_not_begin_the_episode():
    assert read("New Patient - 10/29/2026\n50F knee pain x ~5 months, twisted it skiing.",
                dt.date(2026, 10, 29)).episode_onset != dt.date(2026, 10, 29)
