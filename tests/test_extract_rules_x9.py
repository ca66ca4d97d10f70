"""Phrasing families from outside testers' notes-only cases (notes_adult, notes_peds): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import REF, check, facts
from necessity.extract import read_notes


def imaging(text: str, region: str = "knee", age: int = 50) -> list:
    return read_notes([text], REF, region, age=age).clinical.imaging


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
