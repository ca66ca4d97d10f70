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
