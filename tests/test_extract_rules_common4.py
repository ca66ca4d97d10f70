"""Phrasing families of every note, fourth round: the clinic's "us" is no ultrasound, the posterior tibial
pulse is no physical therapy, a staging CT of chest, abdomen and pelvis is one survey of the body, an
as-needed medicine standing alone is an order, a course not begun is none; and the readers: sides set
against each other in running words, strength in R/L columns and tables, a score range's lower end."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.readers import read_sided_values, read_value
from necessity.extract.rules import ValueReader

REF = dt.date(2026, 10, 27)


def clinical(text: str, region: str = "knee", age: int = 50):
    return read_notes([text], REF, region, age).clinical


def studies(text: str, region: str = "knee") -> set:
    return {(i.modality, i.region) for i in clinical(text, region).imaging}


def kinds(text: str, region: str = "knee") -> set:
    return {t.kind for t in clinical(text, region).treatments}


def records(text: str, name: str, region: str = "lumbar", age: int = 50) -> set:
    return {(f.location, f.value, f.side) for f in clinical(text, region, age).facts if f.fact == name and f.present}


# --- "us" is the clinic; "US" / "U/S" / "ultrasound" the study -------------------------------------------

@pytest.mark.parametrize("text", [
    "She saw us 9/14 for the same pain.",
    "Last seen by us on 10/2 for knee pain.",
    "Came to see us 8/1 after the fall.",
    "Pt was with us 9/2026 for a sprain.",
    "F/U WITH US 10/2 AS PLANNED.",
])
def test_the_clinic_us_is_no_ultrasound(text):
    assert not any(m == "ultrasound" for m, _ in studies(text))


@pytest.mark.parametrize("text, region", [
    ("Hip US 10/2 showed effusion.", "hip"),
    ("US R calf 10/14/26: 5.8 cm solid mass.", "leg"),
    ("U/S of the calf 10/1 neg for DVT.", "leg"),
    ("Ultrasound of the knee 9/3 showed a Baker cyst.", "knee"),
])
def test_an_ultrasound_written_as_us_or_u_s_is_the_study(text, region):
    assert ("ultrasound", region) in studies(text)


# --- DP/PT is the posterior tibial pulse -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "NV: DP/PT 2+, sensation intact.",
    "DP/PT pulses 2+ bilat.",
    "2+ DP/PT pulses bilaterally.",
    "DP/PT dopplerable.",
    "Pulses: DP 2+, PT 1+ bilat.",
    "DP and PT pulses palpable.",
    "ORTHO SPORTS - NEW PT  10/2/26",
])
def test_the_posterior_tibial_pulse_is_no_physical_therapy(text):
    assert "physical_therapy" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Did PT x 6 wks, no better.",
    "PT/OT 3/1 - 4/2 helped.",
    "PT 2x/wk since 9/1 with minimal relief.",
])
def test_physical_therapy_written_pt_is_still_read(text):
    assert "physical_therapy" in kinds(text)


# --- a CT of chest, abdomen and pelvis is one study of the body --------------------------------------------

@pytest.mark.parametrize("text", [
    "Last CT C/A/P 3/2024 NED.",
    "CT chest/abd/pelvis 5/2026 negative.",
    "CT CAP 5/2026 negative.",
    "CT chest, abdomen and pelvis 5/2026 without metastases.",
])
def test_a_staging_ct_of_the_trunk_is_one_body_study(text):
    assert studies(text, "lumbar") == {("ct", "body")}


def test_a_ct_of_the_chest_alone_stays_the_chest():
    assert studies("CT chest 5/2026 negative.", "lumbar") == {("ct", "chest")}


# --- an as-needed medicine standing alone is an order; the patient's use of it is a course -------------------

@pytest.mark.parametrize("text", [
    "Plan: continue HEP + water aerobics. Tylenol prn. RTC 3 mo or sooner.",
    "A/P: knee OA. Ibuprofen 400 mg q6h prn. F/u 6 wks.",
    "P: ice, elevation. Acetaminophen as needed. RTC 2 wks.",
])
def test_a_prn_order_is_no_course_tried(text):
    assert not kinds(text) & {"analgesic", "nsaid"}


@pytest.mark.parametrize("text, kind", [
    ("Takes Tylenol prn.", "analgesic"),
    ("Uses ibuprofen as needed.", "nsaid"),
    ("Tylenol prn helps a little.", "analgesic"),
    ("Ibuprofen 600 mg tid x 3 weeks without relief.", "nsaid"),
])
def test_the_patients_own_prn_use_is_a_course(text, kind):
    assert kind in kinds(text)


# --- a course not begun is none ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "PT not ordered at this time.",
    "Gabapentin not yet started.",
    "Formal PT not tried.",
])
def test_a_course_not_begun_is_none(text):
    assert not kinds(text, "lumbar") & {"physical_therapy", "neuropathic_pain_medication"}


# --- readers: the other side named after a conjunction ------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Her left ankle jerk was absent and the right was 2+.", {("achilles", 0, "left"), ("achilles", 2, "right")}),
    ("Left ankle jerk absent but right 2+.", {("achilles", 0, "left"), ("achilles", 2, "right")}),
    ("Achilles 1+ on the left while the right is 2+.", {("achilles", 1, "left"), ("achilles", 2, "right")}),
    ("Patellar 2+ on the right and 1+ on the left.", {("patellar", 2, "right"), ("patellar", 1, "left")}),
])
def test_a_conjunction_turning_to_the_other_side_splits_the_sides(text, expected):
    assert records(text, "reflex_grade") == expected


def test_a_conjunction_without_a_side_is_no_second_value():
    assert records("Patellar 2+ and symmetric.", "reflex_grade") == {("patellar", 2, None)}


# --- readers: strength written in R/L columns ----------------------------------------------------------------

def test_strength_under_an_r_l_header_is_read_per_column():
    got = records("Strength (R/L): deltoid 5/5, triceps 3/5 / 5/5, grip 5/5.", "motor_grade", "cervical")
    assert got == {("deltoid", 5, "bilateral"), ("triceps", 3, "right"), ("triceps", 5, "left"),
                   ("grip", 5, "bilateral")}


def test_the_header_order_decides_the_sides():
    got = records("Motor L/R: hip flexion 4/5 / 5/5.", "motor_grade")
    assert got == {("iliopsoas", 4, "left"), ("iliopsoas", 5, "right")}


@pytest.mark.parametrize("text", [
    "Strength  R  L\nHip flex 5 5\nKnee ext 4 5\n",
    "Strength   Right   Left\nHip flex   5   5\nKnee ext   4   5\n",
    "Strength R L: hip flex 5 5, knee ext 4 5.",
])
def test_a_strength_table_gives_one_record_per_muscle_and_side(text):
    assert records(text, "motor_grade") == {("iliopsoas", 5, "bilateral"), ("quadriceps", 4, "right"),
                                            ("quadriceps", 5, "left")}


def test_two_grades_without_a_header_are_not_given_sides():
    assert read_sided_values(ValueReader(read="grade"), "triceps 3/5 / 5/5", 0, 7, 17) == [(3.0, None)]


def test_a_grade_before_a_list_of_muscles_is_each_ones():
    got = records("Str 5/5 all groups bilat incl EHL/TA/gastroc.", "motor_grade")
    assert got == {("extensor hallucis longus", 5, "bilateral"), ("tibialis anterior", 5, "bilateral"),
                   ("gastrocnemius", 5, "bilateral")}


# --- readers: a score range is its lower end ----------------------------------------------------------------

@pytest.mark.parametrize("sentence, value", [
    ("VAS 7-8/10", 7), ("leg pain 3-4/10 today", 3), ("Leg pain 6 to 8 out of 10.", 6), ("VAS 9-10/10", 9),
    ("VAS 7-8 today", 7), ("pain 8/10", 8), ("VAS 7 - 8 / 10", 7),
])
def test_the_score_reader_gives_the_lower_end_of_a_range(sentence, value):
    assert read_value(ValueReader(read="score"), sentence, 0, 3) == value


@pytest.mark.parametrize("sentence", ["Pain 6 to 7 days.", "pain 2-3 weeks"])
def test_a_duration_is_no_score(sentence):
    assert read_value(ValueReader(read="score"), sentence, 0, 3) is None


def test_a_score_range_end_to_end_is_its_lower_end():
    assert {f.value for f in clinical("Sciatica down the L leg, VAS 7-8/10.", "lumbar").facts
            if f.fact == "radicular_pain"} == {7}
