"""Phrasing families from outside testers' notes-only cases (notes_msk, notes_spine): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import check, facts


def absent(text, name, region="lumbar", age=55):
    rec = facts(text, region, age).get(name)
    assert rec is None or rec.present is False, f"{name} read present from {text!r}"


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
