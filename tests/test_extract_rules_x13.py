"""Phrasing families from outside testers' notes-only cases (round 19: notes_spine, notes_pedms, notes_le,
notes_pedsp): the alternative a study is chosen over, a treatment a study is to decide on, what a CT is to assess,
a pars stress injury, walking and standing limits, the hip as the limping child's pain site, the thighs named in
the plural, a plan's study target. Each test runs a short sentence through the extractor and checks the fact,
its polarity and value."""

from __future__ import annotations

import pytest

from necessity.extract import read_notes
from tests.limb_notes import REF, absent, check, facts, imaging


def treatments(text, region="lumbar", age=23):
    return [t.kind for t in read_notes([text], REF, region, age=age).clinical.treatments]


# --- "rather than MRI" denies the MRI, not the device that is the reason (A) ----------------------------------

@pytest.mark.parametrize("text", [
    "Reason for CT rather than MRI: Patient has a dual-chamber pacemaker (implanted 2019, leads not MRI-conditional).",
    "CT rather than MRI: patient has a pacemaker.",
    "CT in lieu of MRI: PPM in place.",
    "CT instead of an MRI: patient has a pacemaker.",
    "CT in place of MRI: she has a pacemaker.",
    "CT because MRI is contraindicated due to pacemaker.",
])
def test_the_alternative_to_mri_keeps_the_device(text):
    check(text, "implanted_device", True, "lumbar", 70, value="pacemaker")


@pytest.mark.parametrize("text", ["CT rather than MRI.", "CT instead of MRI.", "CT in lieu of MRI."])
def test_the_alternative_named_is_no_study_done(text):
    assert [i for i in imaging(text, "lumbar", 70) if i.modality == "mri"] == []


# --- a treatment a study is to decide on is no treatment given (B, K) ------------------------------------------

@pytest.mark.parametrize("text", [
    "CT L-spine w/o contrast to assess for fracture line & healing potential before deciding on bracing.",
    "Will consider a brace.",
    "Will decide about a TLSO brace after the CT.",
    "Decision regarding bracing after CT.",
])
def test_a_brace_in_a_plan_is_no_orthosis(text):
    assert "spinal_orthosis" not in treatments(text)


def test_a_brace_worn_is_still_an_orthosis():
    assert "spinal_orthosis" in treatments("Wearing a Boston brace since 3/2026.")


@pytest.mark.parametrize("text", [
    "CT L-spine w/o contrast to assess for fracture line & healing potential before deciding on bracing.",
    "CT to evaluate healing potential of the pars lesion.",
    "CT to determine healing potential.",
])
def test_healing_potential_to_be_assessed_is_no_finding(text):
    absent(text, "pars_healing_potential", "lumbar", 23)


@pytest.mark.parametrize("text", [
    "Prior CT: non-sclerotic margins, good healing potential.",
    "CT 3/2026 showed an acute pars fracture with healing potential.",
])
def test_healing_potential_found_on_ct(text):
    check(text, "pars_healing_potential", True, "lumbar", 23)


@pytest.mark.parametrize("text", [
    "R L5 pars stress injury on SPECT.",
    "Overuse injury of the low back from gymnastics.",
    "Repetitive stress injury of the pars.",
])
def test_a_stress_injury_is_no_trauma(text):
    absent(text, "spinal_trauma", "lumbar", 23)


def test_an_injury_is_still_trauma():
    check("Low back injury lifting a box 3 weeks ago.", "spinal_trauma", True, "lumbar", 45)


# --- walking and standing limits are claudication that restricts activity (J, SP-9) ----------------------------

@pytest.mark.parametrize("text", [
    "Walking limited to 1 block by leg pain.",
    "Walking tolerance 1-2 blocks.",
    "Walk tolerance: 5 min.",
    "Stopped going to church choir b/c cannot stand >10 min.",
    "Can't stand for more than 10 minutes.",
    "Unable to walk more than 2 blocks.",
    "Standing tolerance ~10 min.",
])
def test_walking_or_standing_limit_is_severe_claudication(text):
    check(text, "neurogenic_claudication_severe", True, "lumbar", 68)


@pytest.mark.parametrize("text", ["Can walk 20 blocks.", "Walking tolerance 2 miles.", "Can stand for 2 hours."])
def test_a_long_walk_is_no_restriction(text):
    absent(text, "neurogenic_claudication_severe", "lumbar", 68)


# --- the hip as the limping child's pain site (C, PEDMS-4) ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pain w/ passive IR and log roll of R hip.",
    "Pain with IR/ER of the L hip.",
    "Fever + R hip pain.",
    "L hip pain x 2 days, refuses to bear weight.",
    "C/o pain in the right hip.",
])
def test_limping_child_pain_at_the_hip(text):
    check(text, "limp_pain_site", True, "hip", age=5, value="hip")


def test_a_denied_hip_pain_gives_no_site():
    rec = facts("No hip pain.", "hip", 5).get("limp_pain_site")
    assert rec is None or rec.value != "hip"


# --- the thighs named in the plural are the thigh (H) -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "XR bilat femurs (8/4/26): no soft tissue calcinosis; bones normal.",
    "XR both thighs 8/4/26: negative.",
    "XR femora 8/4/26: normal.",
    "XR bilateral femurs 8/4/26: normal.",
])
def test_plural_femurs_are_the_thigh(text):
    regions = [i.region for i in imaging(text, "thigh", 8) if i.modality == "xray"]
    assert regions and set(regions) == {"thigh"}
