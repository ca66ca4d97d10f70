"""Phrasing families from outside testers' notes-only cases (notes_msk, notes_spine): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts


# --- a "neg" / "negative" / "(-)" leading a list denies every item, as "negative for" and "denies" do ----------

@pytest.mark.parametrize("text", [
    "ROS: neg fever, wt loss, gait change, hand clumsiness, bowel/bladder change.",
    "ROS: neg fever, chills, wt loss, b/b dysfunction, saddle numbness.",
    "Constitutional: neg fever, chills, wt loss, bowel/bladder changes.",
    "ROS neg fever, wt loss, bowel/bladder change.",
    "ROS: negative fever, wt loss, bowel/bladder changes.",
    "ROS negative: fever, wt loss, bowel/bladder changes.",
    "Neg fever, wt loss, bowel/bladder changes.",
    "(-) fever, wt loss, bowel/bladder changes.",
    "ROS: (-) fever, wt loss, bowel/bladder changes.",
    "Sleeping poorly; neg fever, wt loss, bowel/bladder changes.",
    "ROS: neg for fever, wt loss, bowel/bladder changes.",
])
def test_leading_neg_denies_the_list(text):
    for name in ("fever", "weight_loss_unintended", "bowel_bladder_incontinence_new"):
        check(text, name, False, "lumbar", age=55)


def test_leading_neg_denies_saddle_numbness():
    check("ROS: neg fever, chills, wt loss, b/b dysfunction, saddle numbness.", "saddle_anesthesia", False,
          "lumbar", age=55)


@pytest.mark.parametrize("text, name", [
    # "neg" after its finding still looks back, and does not reach on
    ("SLR: neg, saddle anesthesia present.", "saddle_anesthesia"),
    ("SLR neg bilat, saddle anesthesia present.", "saddle_anesthesia"),
    ("Spurling: neg L, fever 101.5 today.", "fever"),
    ("Neg XR doesn't exclude a stress fracture; fever 101.5.", "fever"),
])
def test_trailing_neg_does_not_lead(text, name):
    check(text, name, True, "lumbar", age=55)


@pytest.mark.parametrize("text", ["SLR neg.", "SLR: neg bilat.", "SLR negative bilaterally.", "Exam: neg SLR."])
def test_trailing_neg_still_negates(text):
    check(text, "nerve_tension_sign", False, "lumbar", age=55)


def test_form_answers_each_label():
    # a form's "Label: neg   Label: neg" answers the label before each "neg", not the next one
    text = "Fever/chills: neg    Wt loss: neg    Numbness/tingling/weakness: pos"
    check(text, "fever", False, "lumbar", age=55)
    check(text, "weight_loss_unintended", False, "lumbar", age=55)


# --- no newness or worsening since the last study: one phrase, so the "No new" cue does not vanish -------------

@pytest.mark.parametrize("text", [
    "No new or worsening symptoms since the MRI.",
    "No new or worsening symptoms.",
    "No new or worse pain.",
    "no new/worse sx",
    "Denies new or worsening sx.",
    "No new symptoms.",
    "No worse pain since the MRI.",
    "Symptoms unchanged since the MRI.",
    "Pain is about the same since the MRI.",
    "About the same as before the MRI.",
    "Stable since the MRI.",
    "No change since the x-rays.",
])
def test_no_new_or_worsening_symptoms(text):
    check(text, "new_or_worsening_symptoms", False, "knee", age=40)


def test_new_or_worsening_symptoms_still_read():
    check("New or worsening symptoms since the MRI.", "new_or_worsening_symptoms", True, "knee", age=40)


# --- a positive item ends the denial before it ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Exam: no effusion, + med JLT, + McMurray medially, + Thessaly.",
    "Exam: no effusion, (+) McMurray, pos Thessaly.",
    "No effusion, McMurray +, Thessaly pos.",
    "no effusion, + McMurray",
    "no effusion, +McMurray, +Thessaly",
    "+McMurray medially.",
])
def test_positive_item_ends_the_denial(text):
    if "effusion" in text:
        check(text, "joint_effusion", False, "knee", age=40)
    check(text, "tear_suspected_on_exam", True, "knee", age=40)


def test_denial_list_still_denies():
    check("No effusion, McMurray neg.", "orthopedic_exam_finding", False, "knee", age=40)


# --- treatment since the last study, the study named the sentence before ----------------------------------------

@pytest.mark.parametrize("text, present", [
    ("Since then she has not had any treatment.", False),
    ("Since then he hasn't had any PT.", False),
    ("Since the MRI she has not had any treatment.", False),
    ("No treatment since then.", False),
    ("No treatment since the MRI.", False),
    ("Has had PT since the MRI.", True),
    ("Since then, she has had 6 wks of PT.", True),
])
def test_treatment_since_prior_imaging(text, present):
    check(text, "treatment_since_prior_imaging", present, "knee", age=40)


# --- a bare "T" is a temperature only with a body temperature's number, a decimal or a unit -----------------------

@pytest.mark.parametrize("text", ["MRI showed a syrinx at T11.", "T11 compression fx.", "Levoconvex curve T5-T11.",
                                  "Apex T12."])
def test_spinal_level_is_no_temperature(text):
    assert "temperature_f" not in facts(text, "thoracic", 10)


@pytest.mark.parametrize("text, value", [("T 101.2 F.", 101.2), ("T=38.5 C.", 101.3), ("T 99.", 99.0),
                                         ("Tmax 102.", 102.0)])
def test_temperature_still_read(text, value):
    check(text, "temperature_f", True, "thoracic", age=10, value=value)
