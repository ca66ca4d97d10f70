"""Phrasing families of lower-extremity and pediatric notes (third round): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def facts(text: str, region: str | None = "knee", age: int | None = 50) -> dict:
    return {f.fact: f for f in read_notes([text], REF, region, age=age).clinical.facts}


def all_facts(text: str, region: str | None = "knee", age: int | None = 50) -> list:
    return read_notes([text], REF, region, age=age).clinical.facts


# --- a clinician's judgement that something is improbable is a negation ------------------------------

@pytest.mark.parametrize("text, name", [
    ("Discussed that MRI is unlikely to change management at this point.", "imaging_would_change_management"),
    ("Imaging unlikely to alter treatment given improvement.", "imaging_would_change_management"),
    ("Septic arthritis unlikely.", "septic_arthritis_suspected"),
    ("Low suspicion for septic arthritis.", "septic_arthritis_suspected"),
])
def test_unlikely_and_low_suspicion_negate(text, name):
    rec = facts(text).get(name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is False


# --- a dislocation the history denies ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He has not fallen and there has been no dislocation or feeling of the hip slipping.",
    "She denies any prior patellar dislocations.",
    "The hip has never dislocated.",
    "No patellar subluxations since the last visit.",
    "Denies episodes of subluxation.",
    "No h/o dislocation.",
])
def test_a_denied_dislocation_is_documented_absent(text):
    rec = facts(text, "hip").get("joint_dislocation")
    assert rec is not None, f"joint_dislocation not read from {text!r}"
    assert rec.present is False


@pytest.mark.parametrize("text", [
    "XR hip: no fracture or dislocation.",
    "No dislocation or fracture.",
    "Peroneals 5/5, no subluxation.",  # a tendon's, not a joint's
])
def test_a_films_result_or_a_tendon_is_no_dislocation_history(text):
    assert "joint_dislocation" not in facts(text, "ankle")


# --- FADIR: a tear sign only with the labrum's mechanical signs ----------------------------------------

@pytest.mark.parametrize("text", [
    "FADIR reproduces his groin pain, straight leg raise is negative.",
    "Positive FADIR on the left.",
    "FADIR +. IR 5 deg w/ groin pain.",
    "Log roll is mildly positive.",
    "+ Stinchfield test.",
])
def test_hip_provocation_signs_alone_are_another_abnormality(text):
    found = facts(text, "hip")
    assert found.get("orthopedic_exam_finding") is not None, text
    assert found["orthopedic_exam_finding"].value == "other_abnormality"
    assert "tear_suspected_on_exam" not in found


@pytest.mark.parametrize("text", [
    "FADIR +, reproduces her groin pain w/ click.",
    "Positive impingement testing with catching, suspect labral tear.",
])
def test_fadir_with_mechanical_signs_suggests_a_tear(text):
    found = facts(text, "hip")
    assert found["orthopedic_exam_finding"].value == "tear"
    assert found["tear_suspected_on_exam"].present is True


def test_a_childs_log_roll_is_left_to_the_pediatric_reading():
    assert "orthopedic_exam_finding" not in facts("Log roll +.", "hip", age=6)


# --- masses: growth, trauma denied as a list, characterization ---------------------------------------

@pytest.mark.parametrize("text", [
    "She thinks it has gotten a little bigger since then but isn't sure.",
    "The lump got larger over the summer.",
    "Mass is bigger than before.",
])
def test_a_mass_the_patient_says_got_bigger_is_enlarging(text):
    rec = facts(text, "thigh").get("mass_enlarging")
    assert rec is not None and rec.present is True, text


def test_an_enlarging_abscess_under_suspicion_is_no_enlarging_mass():
    assert "mass_enlarging" not in facts("Concern for an enlarging subperiosteal abscess.", "ankle")


@pytest.mark.parametrize("text", [
    "No injury, bruise or fall to the thigh that she remembers.",
    "Denies trauma/bump to the area.",
])
def test_a_listed_denial_of_injury_to_the_part_is_no_trauma_to_the_mass(text):
    rec = facts(text, "thigh").get("mass_related_to_trauma")
    assert rec is not None and rec.present is False, text


@pytest.mark.parametrize("text", [
    "Deep thigh soft tissue mass - needs MRI to characterize.",
    "MRI recommended for further characterization.",
    "MRI thigh w/ and w/o contrast to better characterise.",
])
def test_an_mri_to_characterize_is_lesion_characterization(text):
    rec = facts(text, "thigh").get("lesion_characterization_needed")
    assert rec is not None and rec.present is True, text
