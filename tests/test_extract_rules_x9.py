"""Phrasing families from outside testers' notes-only cases (notes_adult, notes_peds): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import REF, check, facts, imaging
from necessity.extract import read_notes


# --- functional loss told as what the patient has not been able to do, the help needed, the leave ----------

@pytest.mark.parametrize("text", [
    "Has not been able to work since 2/19 (on leave).",
    "Hasn't been able to go to work for 3 weeks.",
    "Has not worked since March.",
    "Not back to work yet.",
    "On medical leave since 2/19.",
    "Out on FMLA.",
    "Needs wife's help putting on socks/shoes.",
    "Requires assistance with dressing and bathing.",
    "Husband has to help her get dressed.",
    "Dependent for ADLs.",
    "Sleeping in recliner.",
    "Can't do ADLs.",
    "Unable to perform job duties.",
    "Not able to do his job.",
    "Missed work.",
    "Needs help dressing.",
])
def test_functional_loss(text):
    check(text, "functional_loss", True, "lumbar", age=48)


@pytest.mark.parametrize("text", [
    "Onset after sleeping on couch armrest.",
    "Not able to perform SLR due to pain.",
    "Independent with ADLs, working full duty.",
])
def test_no_functional_loss_read(text):
    rec = facts(text, "lumbar", 48).get("functional_loss")
    assert rec is None or rec.present is False


# --- a tear suspected by the history: the mechanical symptom with its feel or trigger, the clinician's suspicion

@pytest.mark.parametrize("text", [
    "Catching sensation w/ squatting and twisting, occasional giving way.",
    "Locking episodes when pivoting.",
    "Knee catches on stairs.",
    "A: L knee pain, suspect medial meniscus tear.",
    "Concern for ACL tear.",
    "Likely degenerative posterior horn medial meniscus tear.",
    "Possible ACL rupture.",
    "Meniscal tear suspected.",
    "Suspected degenerative MMT.",
])
def test_tear_suspected_by_history(text):
    check(text, "tear_suspected_by_history", True)


@pytest.mark.parametrize("text", [
    "Low suspicion for meniscal tear.",
    "No concern for Achilles rupture.",
    "Suspect MCL injury, exam c/w sprain.",
    "Landed from a rebound and the knee buckled inward.",
])
def test_no_tear_suspicion_read(text):
    assert "tear_suspected_by_history" not in facts(text)


def test_the_symptom_keeps_its_own_facts():
    got = facts("Catching sensation w/ squatting and twisting, occasional giving way.")
    assert got["internal_derangement_suspected"].present is True
    assert got["joint_instability"].present is True
    assert got["internal_derangement_suspected"].present is True


# --- an x-ray whose findings do not account for the complaint is non-diagnostic for it ----------------------

@pytest.mark.parametrize("text", [
    "XR L knee (wt-bearing, 1/12/2026): mild medial joint space narrowing, no fracture, no loose bodies - does not "
    "explain mechanical sx.",
    "XR knee 1/12/2026: mild OA, doesn't explain her symptoms.",
    "X-rays 1/12/2026 showed mild degenerative change, which cannot account for the locking.",
    "XR knee 1/12/2026 unrevealing.",
    "XR knee 1/12/2026: not diagnostic.",
    "XR knee 1/12/2026: small spur, does not correlate with exam.",
])
def test_xray_not_explaining_the_complaint_is_equivocal(text):
    studies = imaging(text)
    assert studies and studies[0].result == "equivocal"


# --- a rule-out list in an order: every item is hypothetical, none documented present or absent ------------

@pytest.mark.parametrize("text", [
    "MRI T-spine w/o to r/o syrinx/Chiari/intraspinal anomaly before bracing.",
    "MRI T-spine to r/o syrinx/Chiari/intraspinal anomaly.",
    "MRI T-spine w/o contrast to r/o syrinx, Chiari.",
    "MRI to rule out syrinx or Chiari.",
])
def test_rule_out_list_makes_no_chiari(text):
    got = facts(text, "thoracic", 13)
    assert "chiari_malformation" not in got
    assert "syrinx_known" not in got
    assert got["syringomyelia_suspected"].present is True


@pytest.mark.parametrize("text", [
    "MRI R wrist w/o now to exclude occult scaphoid fracture.",
    "MRI R wrist w/o stat to r/o occult scaphoid fx.",
    "MRI R wrist w/o today to exclude occult fracture of the scaphoid.",
])
def test_to_exclude_in_an_order_is_a_suspicion(text):
    rec = facts(text, "wrist", 16).get("occult_fracture_suspected")
    assert rec is not None and rec.present is True and rec.location == "scaphoid"


def test_an_order_to_exclude_is_not_a_study_done():
    assert imaging("MRI R wrist w/o now to exclude occult scaphoid fracture.", "wrist", 16) == []


def test_without_before_a_finding_still_negates():
    check("Walks w/o limp.", "limp", False, "knee", age=8)


# --- the curve's convexity named in other words --------------------------------------------------------------

@pytest.mark.parametrize("text, present", [
    ("XR: levoconvex thoracic curve T5-T11, Cobb 24 deg, apex T8.", True),
    ("A/P: thoracic scoliosis, LEFT-sided thoracic curve which is atypical for AIS.", True),
    ("Left-sided curve (concave to the right).", True),
    ("Thoracic curve, convex left, 22 deg.", True),
    ("Thoracic curve concave right.", True),
    ("Dextroconvex thoracic curve.", False),
    ("Right-sided thoracic curve 30 deg.", False),
    ("Thoracic curve convex right.", False),
    ("Thoracic curve concave left.", False),
    ("Right-sided curve (concave to the left).", False),
])
def test_curve_side(text, present):
    check(text, "convex_left_thoracic_curve", present, "thoracic", age=13)


def test_a_left_thoracolumbar_curve_is_no_left_thoracic_curve():
    assert "convex_left_thoracic_curve" not in facts("Left-sided thoracolumbar curve.", "thoracic", 13)


# --- the result's treatment spelled out: the study would change management -----------------------------------

@pytest.mark.parametrize("text", [
    "If positive will cast vs. fix; if negative will d/c splint and return him to sport.",
    "If MRI neg -> RTP.",
    "If fracture seen we will cast.",
    "If no fx, will d/c splint.",
    "Result will determine whether to cast or operate.",
    "Plan depends on the MRI.",
])
def test_imaging_would_change_management(text):
    check(text, "imaging_would_change_management", True, "wrist", age=16)


def test_a_work_up_step_is_not_a_management_change():
    assert "imaging_would_change_management" not in facts("If US abnormal -> neurosurgery referral + MRI.", "lumbar", 0)


# --- the fractured bone: metatarsals, the proximal 5th, the scaphoid suspected clinically ---------------------

@pytest.mark.parametrize("text, name, location", [
    ("Possible 2nd MT stress fx.", "stress_fracture_suspected", "metatarsal"),
    ("Suspect stress fracture of the 3rd metatarsal.", "stress_fracture_suspected", "metatarsal"),
    ("Concern for 2nd metatarsal shaft stress reaction.", "stress_fracture_suspected", "metatarsal"),
    ("Proximal 5th MT stress fx suspected.", "stress_fracture_suspected", "proximal 5th metatarsal"),
    ("Concern for occult fracture at base of 5th MT.", "occult_fracture_suspected", "proximal 5th metatarsal"),
    ("r/o occult 4th metatarsal fx.", "occult_fracture_suspected", "metatarsal"),
    ("Dx: R wrist injury, clinical suspicion of scaphoid fx.", "occult_fracture_suspected", "scaphoid"),
    ("Clinically suspected scaphoid fracture.", "occult_fracture_suspected", "scaphoid"),
])
def test_fracture_location(text, name, location):
    region = "wrist" if "scaphoid" in text else "foot"
    got = [f for f in read_notes([text], REF, region, age=15).clinical.facts if f.fact == name]
    assert [(f.present, f.location) for f in got] == [(True, location)]


def test_a_denied_metatarsal_stress_fracture():
    rec = facts("No 2nd MT stress fx.", "foot", 15)["stress_fracture_suspected"]
    assert rec.present is False


# --- the limping child's pain placed in the hip by the exam ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Holds R hip flexed/externally rotated, screams with passive internal rotation of R hip.",
    "Guarding with hip ROM.",
    "Cries with passive ROM of the left hip.",
    "Pain with passive IR of the L hip.",
    "Resists log roll.",
    "Pain with hip IR.",
    "Pain on log roll.",
])
def test_hip_localization(text):
    check(text, "limp_pain_site", True, "hip", age=4, value="hip")


@pytest.mark.parametrize("text", [
    "Concern for syrinx/Chiari.",
    "c/f syrinx, Chiari.",
    "Possible syrinx or Chiari.",
])
def test_a_suspicion_list_leaves_chiari_uncertain(text):
    got = facts(text, "thoracic", 13)
    assert "chiari_malformation" not in got and "syrinx_known" not in got
    assert got["syringomyelia_suspected"].present is True


@pytest.mark.parametrize("text", [
    "Probable syringomyelia.", "Questionable syrinx.", "Cannot exclude small syrinx.", "?syrinx",
    "r/o syrinx - MRI C-spine requested.", "Eval for syrinx.",
])
def test_syrinx_suspected(text):
    got = facts(text, "thoracic", 13)
    assert got["syringomyelia_suspected"].present is True and "syrinx_known" not in got
