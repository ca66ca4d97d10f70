"""Phrasing families from outside testers' notes-only cases (notes_msk p04, p07): the limping child's pain site,
a film with soft-tissue swelling only, a joint's painless motion, the OCD fragment and its mechanical symptoms.
Each test runs a short sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import check, facts, imaging



# --- limp_pain_site: below the hip, or not localized (PEDMS-4.3) ---------------------------------------------

@pytest.mark.parametrize("text", [
    "Pain localized distal to hip (distal right femur).",
    "Impression: limping child with fever and pain localized to the distal right femur.",
    "Pain is localized to the R distal tibia.",
    "There is focal tenderness and warmth over the distal right femur just above the knee.",
    "Tender distal R femur.",
    "Mild tenderness distal R tibia with twisting.",
    "Point tenderness over the tibia.",
])
def test_limping_child_pain_below_the_hip(text):
    check(text, "limp_pain_site", True, "thigh", age=4, value="distal_to_hip")


@pytest.mark.parametrize("text", [
    "Unable to localize the pain.",
    "He can't localize the pain.",
    "Pain is diffuse.",
    "Diffusely tender R leg.",
])
def test_limping_child_pain_not_localized(text):
    check(text, "limp_pain_site", True, "thigh", age=4, value="not_localized")


@pytest.mark.parametrize("text", ["Non-tender distal femur.", "Tenderness over the femoral head."])
def test_no_distal_site_from_a_denied_or_hip_tenderness(text):
    rec = facts(text, "thigh", 4).get("limp_pain_site")
    assert rec is None or rec.value != "distal_to_hip"


# --- a joint's painless motion is no denial of limb pain -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "The right hip has full painless range of motion including internal rotation.",
    "Hip and knee ROM full, painless.",
    "Painless ROM of the knee.",
    "R hip: FROM, pain-free.",
])
def test_painless_joint_motion_says_nothing_of_limb_pain(text):
    assert "limb_pain" not in facts(text, "thigh", 4)
    assert "limb_pain" not in facts(text, "knee", 50)


@pytest.mark.parametrize("text", ["Walks pain-free now.", "Her leg is painless today."])
def test_a_painless_limb_is_still_pain_denied(text):
    check(text, "limb_pain", False, "thigh", age=4)


# --- a film whose only finding is soft-tissue swelling is non-diagnostic --------------------------------------

def _xray(text, age=4, region="thigh"):
    return [i.result for i in imaging(text, region, age) if i.modality == "xray"]


@pytest.mark.parametrize("text", [
    "X-rays of the right femur, two views, read by radiology as no fracture, no lytic lesion, no periosteal "
    "reaction, mild soft tissue swelling only.",
    "XR R tib/fib 10/20: no fracture; soft tissue swelling only.",
    "XR R tib/fib 10/20: no fracture or periosteal reaction, only mild soft tissue swelling.",
    "XR R tib/fib 10/20: negative other than soft tissue swelling.",
])
def test_swelling_only_film_is_equivocal(text):
    assert _xray(text) == ["equivocal"]


def test_swelling_with_a_named_bone_finding_stays_abnormal():
    assert _xray("XR L foot 10/20: soft tissue swelling and periosteal reaction 2nd MT.", age=50, region="foot") \
        == ["abnormal"]


# --- OCD: the non-displaced fragment, and mechanical symptoms denied (PEDMS-2.4) -------------------------------

@pytest.mark.parametrize("text", [
    "X-rays showed a small (8 mm) non-displaced osteochondritis dissecans fragment of the MFC.",
    "XR: nondisplaced OCD fragment lateral MFC.",
    "X-rays show an osteochondral fragment of the medial femoral condyle that is not displaced.",
    "Undisplaced osteochondral fragment on the notch view.",
])
def test_nondisplaced_fragment(text):
    check(text, "osteochondral_fragment_nondisplaced", True, "knee", age=11)
    assert "osteochondral_injury_unstable" not in facts(text, "knee", 11)


def test_the_lesion_still_reads_beside_its_fragment():
    check("XR: nondisplaced OCD fragment lateral MFC.", "osteochondritis_dissecans", True, "knee", age=11)


def test_displaced_fragment_is_unstable():
    check("XR: displaced osteochondral fragment.", "osteochondral_injury_unstable", True, "knee", age=11)


@pytest.mark.parametrize("text", ["Denies locking or catching.", "No mechanical sx.",
                                  "Without locking or giving way.", "No mechanical symptoms."])
def test_mechanical_symptoms_denied(text):
    check(text, "osteochondral_injury_unstable", False, "knee", age=11)


def test_mechanical_symptoms_reported_are_not_a_denial():
    rec = facts("Reports locking and catching.", "knee", 11).get("osteochondral_injury_unstable")
    assert rec is None or rec.present is True
