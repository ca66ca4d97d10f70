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


# --- a spinal level is no side; the thoracolumbar "T/L" is no left ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "X-ray T/L spine 10/30/2026: new compression deformity of L1 w/ approx 30% anterior height loss.",
    "XR T-L junction: new L1 compression fx.",
    "New L1 osteoporotic compression fx.",
])
def test_a_spinal_level_or_a_spine_region_is_no_side(text):
    c = _dated(text)
    fx = [f for f in c.facts if f.fact in ("compression_fracture_new", "spinal_fracture_known", "compression_fracture_suspected")]
    assert fx and all(f.side is None for f in fx)


# --- pain at the level of the x-ray's fracture is concordant --------------------------------------------------------

@pytest.mark.parametrize("pain", [
    "Pain localizes exactly to L1, still 8/10.",
    "Point tenderness over T12-L1 spinous processes.",
    "TTP at L1.",
    "L1 tenderness on palpation.",
])
def test_pain_at_the_fractured_level_is_concordant_with_the_xray(pain):
    c = _dated("X-ray L-spine 3/1/26: new compression deformity of L1 with 30% height loss. " + pain)
    conc = [f for f in c.facts if f.fact == "pain_concordant_with_xray"]
    assert conc and conc[0].present and conc[0].level == "L1"


@pytest.mark.parametrize("pain", ["Tenderness over L4.", "No tenderness at L1.", "Nontender over L1."])
def test_pain_elsewhere_or_denied_is_not_concordant(pain):
    c = _dated("X-ray L-spine 3/1/26: new compression deformity of L1 with 30% height loss. " + pain)
    assert not any(f.fact == "pain_concordant_with_xray" and f.present for f in c.facts)


# --- the radicular pain takes the root its other mentions or the exam's dermatome name ------------------------------

def test_the_radicular_pain_takes_the_root_its_assessment_names():
    c = _dated("Pain shoots from L neck down the back of the arm to the middle finger, 10/10 on VAS.\n"
               "A: severe L C7 radicular pain, refractory.")
    rp = [f for f in c.facts if f.fact == "radicular_pain" and f.present]
    assert len(rp) == 1 and rp[0].level == "C7" and rp[0].value == 10 and rp[0].side == "left"


def test_the_radicular_pain_takes_the_root_of_the_exams_sensory_loss_on_its_side():
    c = _dated("Radicular pain down the L arm to the middle finger, 9/10 on VAS.\n"
               "Exam: decreased pinprick L middle finger (C7).")
    rp = [f for f in c.facts if f.fact == "radicular_pain" and f.present]
    assert rp and rp[0].level == "C7"


# --- the asymmetric reflex is the diminished one ------------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("L triceps reflex absent (R 2+).", "left"),
    ("R biceps reflex 1+ (L 2+).", "right"),
])
def test_the_asymmetric_reflex_is_on_the_weaker_side(text, side):
    c = _dated(text)
    asym = [f for f in c.facts if f.fact == "reflex_asymmetry" and f.present]
    assert asym and all(f.side == side for f in asym)


# --- the sentence after the courses telling the symptoms persist is their response ----------------------------------

@pytest.mark.parametrize("after", [
    "Pain and weakness persist.", "Symptoms persist.", "Pain is ongoing.", "She still has pain.",
    "He continues to have pain with stairs.", "Remains symptomatic.", "Persistent pain at night.",
])
def test_symptoms_persisting_after_the_courses_are_no_response(after):
    c = _dated("Formal physical therapy 12/1/2025 through 1/30/2026 (12 sessions). " + after)
    pt = [t for t in c.treatments if t.kind == "physical_therapy"]
    assert pt and pt[0].response == "none"


@pytest.mark.parametrize("after", ["Exam today below.", "She continues to work full duty."])
def test_no_persisting_symptoms_is_no_response_of_none(after):
    c = _dated("Formal physical therapy 12/1/2025 through 1/30/2026 (12 sessions). " + after)
    pt = [t for t in c.treatments if t.kind == "physical_therapy"]
    assert pt and pt[0].response != "none"


# --- an in-person visit with the note's date outranks a phone triage named in the same header ----------------------

@pytest.mark.parametrize("text", [
    "Neurosurgery referral - intake note (telephone triage RN), then MD visit 11-11-2026\nExam: hairy patch.",
    "RN phone triage, then office visit 11/11/2026: exam normal.",
    "Telephone triage (RN) 11/11/26 then MD visit 11/11/26.",
    "Phone intake by RN; clinic visit on 11/11/2026 with exam below.",
])
def test_a_dated_in_person_visit_beside_a_phone_triage_is_in_person(text):
    ref = dt.date(2026, 11, 11)
    c = _dated(text, ref)
    assert [(e.date, e.mode) for e in c.encounters] == [(ref, "in_person")]


@pytest.mark.parametrize("text", [
    "TELEPHONE ENCOUNTER 11/11/26: mom called re: rash.",
    "TELEPHONE ENCOUNTER 11/11/26: mom called; next office visit 11/20/26.",
    "Phone triage note 11/11/26. Pt called, will schedule office visit.",
])
def test_a_phone_note_without_a_visit_that_day_stays_a_phone_call(text):
    ref = dt.date(2026, 11, 11)
    c = _dated(text, ref)
    assert [(e.date, e.mode) for e in c.encounters] == [(ref, "phone")]


# --- a date in a reference aside dates only the course right before it ---------------------------------------------

def test_a_discharge_date_in_an_aside_ends_its_course_and_no_other():
    ref = dt.date(2026, 11, 17)
    c = _dated("Completed 6 wks formal PT (see d/c summary 11/10) plus naproxen 250 bid x 4 wks - no better.", ref)
    got = {t.kind: (t.start, t.end) for t in c.treatments}
    assert got["physical_therapy"] == (dt.date(2026, 9, 29), dt.date(2026, 11, 10))
    assert got["nsaid"] == (ref - dt.timedelta(days=28), ref)


@pytest.mark.parametrize("aside", ["(per discharge note 11/10)", "(see d/c summary dated 11/10/26)"])
def test_a_discharge_aside_in_other_words(aside):
    ref = dt.date(2026, 11, 17)
    c = _dated(f"Completed 6 wks of PT {aside}; still hurts.", ref)
    pt = [t for t in c.treatments if t.kind == "physical_therapy"]
    assert pt and pt[0].end == dt.date(2026, 11, 10) and pt[0].start == dt.date(2026, 9, 29)


# --- an injury of an earlier episode beside "no injury" for this one is history -------------------------------------

def test_an_injury_before_the_episode_with_no_injury_now_is_history():
    ref = dt.date(2026, 11, 11)
    c = _dated("12yo boy c/o lower back pain since first week of october (~6wk) no injury.\n"
               "had lumbar xrays back in march 2026 after a sledding fall which were normal.", ref)
    trauma = [f for f in c.facts if f.fact == "spinal_trauma"]
    assert trauma and not any(f.present for f in trauma)


def test_an_injury_that_began_this_episode_stays_present():
    ref = dt.date(2026, 11, 11)
    c = _dated("12yo boy with lower back pain since a sledding fall on 10/1/2026.\n"
               "No injury to the neck.", ref)
    assert any(f.fact == "spinal_trauma" and f.present for f in c.facts)
