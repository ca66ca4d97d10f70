"""Phrasing families of adult spine notes (eviCore / Cohere spine requests): how clinicians write the
diagnosis, the exam and the pain scale in ways the earlier rules did not read."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.dates import find_dates

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str = "lumbar", age: int = 50) -> list:
    return [f for f in read_notes([text], REF, region, age).clinical.facts if f.fact == name]


def polarity(text: str, name: str, region: str = "lumbar") -> set[bool]:
    return {f.present for f in records(text, name, region)}


# --- radiculopathy: the clinician's diagnosis, in any spelling -------------------------------------

@pytest.mark.parametrize("text, region, level", [
    ("A/P: L L5 radiculopathy, failed >6 wks PT + NSAID.", "lumbar", "L5"),
    ("Assessment: left S1 radiculopathy with failed six weeks of care.", "lumbar", "S1"),
    ("Imp: recurrent R S1 radiculopathy ~6 wks after L5-S1 microdiscectomy.", "lumbar", "S1"),
    ("Dx: M54.12 Radiculopathy, cervical region", "cervical", None),
    ("Assessment left C7 radiculoapthy with motor and reflex changes.", "cervical", "C7"),
    ("Impression: cervical radiculopathy, C6 distribution.", "cervical", None),
])
def test_a_named_radiculopathy_is_the_fact(text, region, level):
    recs = records(text, "radiculopathy", region)
    assert recs and all(r.present for r in recs), text
    if level:
        assert any(r.level == level for r in recs)


@pytest.mark.parametrize("text, present", [
    ("No radiculopathy on exam.", False),
    ("Denies symptoms; exam without radiculopathy.", False),
])
def test_a_denied_radiculopathy_is_documented_absent(text, present):
    assert polarity(text, "radiculopathy") == {present}


def test_a_radiculopathy_to_rule_out_is_no_diagnosis():
    assert records("Plan: EMG to r/o radiculopathy vs peripheral neuropathy.", "radiculopathy") == []


# --- a general strength statement: the grade written before the limbs it covers -----------------------

@pytest.mark.parametrize("text", [
    "Neuro: 5/5 b/l LE, sensation intact, DTRs 2+ sym, neg SLR b/l.",
    "Back exam benign, neuro exam normal (5/5 LE, DTR 2+ sym, SLR neg b/l, sensation intact).",
    "Motor: 5/5 BLE. SILT.",
    "5/5 strength throughout, reflexes symmetric.",
    "MS 5/5 x4.",
    "5/5 in bilateral lower extremities.",
])
def test_a_grade_before_the_limbs_is_one_general_record(text):
    recs = records(text, "motor_grade")
    assert [(r.location, r.value) for r in recs] == [("all tested muscles", 5.0)], text


def test_a_grade_after_a_named_muscle_stays_the_muscles():
    recs = records("EHL 5/5 b/l, DF 5/5 b/l.", "motor_grade")
    assert {r.location for r in recs} == {"extensor hallucis longus", "tibialis anterior"}


@pytest.mark.parametrize("text, location, value", [
    ("On exam today left tri sep strength is 4 out of 5.", "triceps", 4.0),
    ("Right bi sep strength is 4 out of 5.", "biceps", 4.0),
])
def test_dictation_splits_the_muscle_name(text, location, value):
    recs = records(text, "motor_grade", "cervical")
    assert [(r.location, r.value) for r in recs] == [(location, value)]


# --- pain scale: a range is its lower end (the guideline thresholds are floors) ------------------------

@pytest.mark.parametrize("text, value", [
    ("Severe radicular pain (VAS 9-10/10) with major functional loss.", 9.0),
    ("Leg pain 6-8/10.", 6.0),
    ("Leg pain 6 to 8 out of 10.", 6.0),
    ("Leg pain 8/10, was 5-8/10 last month.", 8.0),
    ("Sciatica. He rates it 7-9/10.", 7.0),
])
def test_a_score_range_reads_its_lower_end(text, value):
    assert {r.value for r in records(text, "radicular_pain")} == {value}


# --- the root of a diagnosed radiculopathy is the radicular pain's distribution ------------------------

def test_radicular_pain_takes_the_root_of_the_diagnosis():
    text = "ASSESSMENT: Acute L S1 radiculopathy, probable L5-S1 HNP. Severe radicular pain (VAS 9-10/10)."
    (pain,) = records(text, "radicular_pain")
    assert (pain.level, pain.side, pain.value) == ("S1", "left", 9.0)


def test_two_roots_diagnosed_leave_the_pain_unplaced():
    text = "A: L L5 radiculopathy. Also R C6 radiculopathy. Radicular pain 8/10."
    assert {r.level for r in records(text, "radicular_pain")} == {None}


# --- reflexes: symmetric grades, one side against the other ----------------------------------------------

@pytest.mark.parametrize("text", [
    "DTRs: patellar 2+ b/l, achilles 2+ b/l. Babinski downgoing b/l.",
    "KJ 1+ b/l, AJ 1+ b/l. Toes downgoing.",
    "Reflexes 2+ bilat.",
])
def test_equal_grades_on_both_sides_are_no_asymmetry(text):
    # (the "b/l." that ends a sentence is no reach for the next sentence's "downgoing")
    assert polarity(text, "reflex_asymmetry") == {False}


@pytest.mark.parametrize("text", [
    "Her left ankle jerk was absent and the right was 2+, knee jerks 2+ and symmetric.",
    "L achilles reflex diminished compared to the right.",
    "Achilles trace vs 2+ on the right.",
    "Exam then showed R biceps 4/5, brachioradialis reflex diminished on R.",
])
def test_one_side_graded_against_the_other_is_asymmetry(text):
    assert True in polarity(text, "reflex_asymmetry", "cervical" if "biceps" in text else "lumbar")


def test_both_sides_absent_is_no_asymmetry():
    assert True not in polarity("Achilles absent bilaterally, knee jerks 2+.", "reflex_asymmetry")


# --- visits dated by the event before them, and weekday dates -------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("55M s/p fall from ladder onto concrete on 10/20/26. ED same day: L-spine xrays neg.", dt.date(2026, 10, 20)),
    ("MVC 10/18/26 on I-80. No head strike, no LOC. Seen at County ED same night - exam only.", dt.date(2026, 10, 18)),
    ("Fell down the stairs on Sat 10/24. Went to urgent care the next day; declined x-rays.", dt.date(2026, 10, 25)),
    ("Seen at urgent care 9/10: medrol dosepak + flexeril.", dt.date(2026, 9, 10)),
])
def test_a_visit_dated_by_its_event_is_an_encounter(text, day):
    encounters = read_notes([text], REF, "lumbar", 50).clinical.encounters
    assert day in {e.date for e in encounters}


def test_same_day_without_a_visit_is_no_encounter():
    encounters = read_notes(["Back pain since 10/2. Same day surgery center flyer given."], REF, "lumbar", 50)
    assert encounters.clinical.encounters == []


@pytest.mark.parametrize("text, day", [
    ("seen Tuesday in clinic", dt.date(2026, 10, 27)),      # the note is dated Wednesday 10/28
    ("fell last Friday", dt.date(2026, 10, 23)),
    ("ED on Sat, d/c home", dt.date(2026, 10, 24)),
    ("seen Wednesday", dt.date(2026, 10, 21)),               # the note's own weekday: a week before
])
def test_a_weekday_alone_is_the_last_such_day(text, day):
    assert [f.value for f in find_dates(text, dt.date(2026, 10, 28))] == [day]


@pytest.mark.parametrize("text", ["PT Mondays and Thursdays", "works Monday-Friday", "every Tuesday", "next Friday",
                                  "Monday through Friday", "Sun exposure"])
def test_a_weekly_schedule_is_no_date(text):
    assert find_dates(text, dt.date(2026, 10, 28)) == ()


# --- the injury: each mechanism its own fact, the head strike among them ----------------------------------

def mechanisms(text: str) -> set[tuple]:
    return {(r.present, r.value) for r in records(text, "trauma_mechanism", "cervical")}


@pytest.mark.parametrize("text, expected", [
    ("Tripped over dog, struck forehead on bedroom dresser.", {(True, "fall_ground_level"), (True, "head_or_facial_trauma")}),
    ("Slipped on ice, fell backwards and hit the back of his head/neck on the car door.",
     {(True, "fall_ground_level"), (True, "head_or_facial_trauma")}),
    ("Fell off an extension ladder ~8 ft. Did not hit head, no LOC.", {(True, "fall_from_height"), (False, None)}),
    ("Driver in high-speed MVC, T-boned on the passenger side.", {(True, "mvc_high_speed")}),
])
def test_each_mechanism_is_its_own_fact(text, expected):
    assert mechanisms(text) == expected


@pytest.mark.parametrize("text", ["No head strike, no LOC.", "Did not hit her head.", "Denies hitting his head.",
                                  "No facial injury."])
def test_a_denied_head_strike_is_documented_absent(text):
    assert mechanisms(text) == {(False, None)}


@pytest.mark.parametrize("text", ["Exam: Midline TTP C6-C7.", "PE: midline TTP C5-C7.",
                                  "Exam: midline tenderness C6-7, painful ROM.", "New midline neck pain after the fall."])
def test_an_adults_midline_neck_tenderness(text):
    assert polarity(text, "posterior_midline_cervical_pain", "cervical") == {True}


# --- osteoporosis predisposes to insufficiency fractures ---------------------------------------------------

@pytest.mark.parametrize("text", ["PMH: osteoporosis (alendronate), HTN.", "81 yo F w/ osteoporosis, T-score -3.1.",
                                  "Known osteoporotic spine."])
def test_osteoporosis_is_the_predisposition(text):
    assert polarity(text, "insufficiency_fracture_predisposed") == {True}
    assert polarity(text, "low_bone_density") == {True}


def test_no_osteoporosis_leaves_the_predisposition_open():
    text = "No hx osteoporosis, not on steroids."
    assert records(text, "insufficiency_fracture_predisposed") == []
    assert polarity(text, "low_bone_density") == {False}
