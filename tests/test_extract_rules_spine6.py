"""Phrasing families of adult spine notes, sixth round (read from the fresh tune notes' misses): foot drop told by
what the foot does, an urgent spine referral in other words, a compression fracture's acuity written on its own,
pain concordant "w/" the film, a past fracture from a fall from standing, an insufficiency fracture as a
pathological one, a specialist's recommendation with its source between, legs that "go heavy", the sensory exam
intact by modality, a rectal exam after a colon, pain down both legs, a reflex lower than last time, other causes
named as ruled out, and a denial's list ended by ", now"."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def polarity(text: str, name: str, region: str = "lumbar", age: int = 55) -> set[bool]:
    return {f.present for f in read_notes([text], REF, region, age).clinical.facts if f.fact == name}


@pytest.mark.parametrize("text", [
    "He has been catching his right toes on the stairs.",
    "Toes keep catching on the curb.",
    "His foot \"slaps\" on the stairs.",
    "She is dragging her L foot.",
    "Cannot heel-walk on the right.",
    "Unable to heel walk on the L.",
    "This is a progressive motor deficit with a new foot drop.",
    "Reeval: no better, pain same, now catching L toe on curbs.",
])
def test_foot_drop_told_by_what_the_foot_does(text):
    assert polarity(text, "foot_drop") == {True}


def test_a_new_foot_drop_is_also_a_new_deficit():
    assert polarity("Exam shows a new foot drop.", "new_neuro_deficit") == {True}


@pytest.mark.parametrize("text", [
    "I am requesting an MRI and an urgent spine surgery referral.",
    "Plan: urgent NSGY consult.",
    "Transfer to ED by ambulance, neurosurgery on call (Dr. B) notified.",
    "Discussed with the on-call spine surgeon.",
    "Referral to spine surgery (urgent).",
])
def test_an_urgent_spine_referral_in_other_words(text):
    assert polarity(text, "urgent_specialist_referral") == {True}


def test_a_routine_referral_is_not_urgent():
    assert polarity("Referral to spine surgery for discussion of options.", "urgent_specialist_referral") == set()


@pytest.mark.parametrize("text", [
    "~30% anterior wedge compression of T12; no prior films for comparison, acuity indeterminate.",
    "T12 wedging, chronicity unclear.",
    "Age-indeterminate L1 wedging.",
    "Acuity cannot be determined on plain films.",
])
def test_a_compression_fractures_acuity_written_on_its_own(text):
    assert polarity(text, "fracture_acuity_indeterminate") == {True}


@pytest.mark.parametrize("text", ["Pain location concordant w/ the x-ray level.",
                                  "Tenderness is concordant with the T12 level."])
def test_pain_concordant_with_the_film(text):
    assert polarity(text, "pain_concordant_with_xray") == {True}


@pytest.mark.parametrize("text", [
    "Osteoporosis; hx L distal radius fx 2022 from a trip on the curb.",
    "Hx R distal radius fx 2019 (fall from standing).",
    "History of a hip fracture after a ground-level fall.",
])
def test_a_past_fracture_from_a_low_energy_fall(text):
    assert polarity(text, "prior_low_energy_fracture") == {True}


def test_a_past_fracture_from_a_car_crash_is_not_low_energy():
    assert polarity("Hx R femur fx 2019 in a car crash.", "prior_low_energy_fracture") == set()


@pytest.mark.parametrize("text", ["T12 compression deformity, suspected osteoporotic insufficiency fx.",
                                  "Suspected osteoporotic insufficiency fx of T11."])
def test_an_insufficiency_fracture_is_a_pathological_one(text):
    assert polarity(text, "suspected_pathological_fracture") == {True}


@pytest.mark.parametrize("text", ["Spine surgery (Dr. Iyer) curbside 1/18: recommends outpt MRI T-spine w/o contrast.",
                                  "Neurosurgery, seen in clinic, recs: MRI C-spine."])
def test_a_specialists_recommendation_with_its_source_between(text):
    assert polarity(text, "specialist_recommended") == {True}


@pytest.mark.parametrize("text", ["Both buttocks -> posterior thighs ache and go heavy after 2 blocks.",
                                  "Legs feel heavy when he walks."])
def test_legs_that_go_heavy(text):
    assert polarity(text, "extremity_neurological_symptoms") == {True}


@pytest.mark.parametrize("text", ["LT/PP intact.", "PP intact b/l.", "Sensation intact to LT and PP."])
def test_the_sensory_exam_intact_by_modality(text):
    assert polarity(text, "sensory_loss") == {False}


@pytest.mark.parametrize("text", ["Rectal: decreased tone, decreased voluntary squeeze.", "DRE: lax tone.",
                                  "Weak squeeze on rectal exam."])
def test_a_rectal_exam_after_a_colon(text):
    assert polarity(text, "anal_tone_decreased") == {True}


@pytest.mark.parametrize("text", ["He felt pain shoot down BOTH legs to the calves, 8/10 b/l.",
                                  "Burning pain radiating into b/l thighs since yesterday."])
def test_pain_down_both_legs(text):
    assert polarity(text, "bilateral_sciatica_acute") == {True}


def test_pain_down_both_legs_keeps_its_score():
    facts = read_notes(["He felt pain shoot down BOTH legs to the calves, 8/10."], REF, "lumbar", 55).clinical.facts
    assert {f.value for f in facts if f.fact == "radicular_pain"} == {8.0}


def test_pain_down_one_leg_is_not_bilateral():
    assert polarity("Pain shoots down the left leg.", "bilateral_sciatica_acute") == set()


@pytest.mark.parametrize("text", ["Achilles 1+ b/l (was 2+), patellar 2+ b/l.", "Ankle jerk 0 (previously 1+)."])
def test_a_reflex_lower_than_last_time(text):
    assert polarity(text, "progressive_neuro_deficit") == {True}


@pytest.mark.parametrize("text", ["Vascular claudication and hip source felt ruled out.",
                                  "PAD excluded by normal ABIs."])
def test_other_causes_named_as_ruled_out(text):
    assert polarity(text, "other_causes_ruled_out") == {True}


def test_a_cause_still_to_rule_out_is_not_ruled_out():
    assert True not in polarity("Need to rule out hip pathology.", "other_causes_ruled_out")
