"""Phrasing families from outside testers' notes-only cases (round 19: notes_spine, notes_pedms, notes_le,
notes_pedsp): the alternative a study is chosen over, a treatment a study is to decide on, what a CT is to assess,
a pars stress injury, walking and standing limits, the hip as the limping child's pain site, the thighs named in
the plural, a plan's study target. Each test runs a short sentence through the extractor and checks the fact,
its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts, imaging, treatment_kinds


def treatments(text, region="lumbar", age=23):
    return treatment_kinds(text, region, age)


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


# --- a consented or scheduled fusion is planned surgery; parents decide for a child (L) -------------------------

@pytest.mark.parametrize("text", [
    "Plan: Family consented to posterior spinal fusion T2-pelvis; surgery date pending scheduling (target Oct 2026).",
    "Family elects surgery.",
    "Parents wish to proceed with surgery.",
    "Posterior spinal fusion T2-pelvis is scheduled for October 2026.",
    "PSF has been booked for 10/20/2026.",
    "Consent signed for PSF T4-L1.",
])
def test_consented_or_scheduled_fusion_is_planned_surgery(text):
    check(text, "planned_spine_surgery", True, "thoracic", 15)


def test_a_scheduled_fusion_is_no_fusion_done():
    assert "spinal_fusion" not in facts("Posterior spinal fusion T2-pelvis is scheduled for October 2026.", "thoracic", 15)


def test_a_relatives_operation_is_still_the_relatives():
    assert "planned_spine_surgery" not in facts("Mother had a spinal fusion.", "thoracic", 15)


# --- a child's past cancer, new or worsening pain, chemotherapy finished (M, PEDSP-2.3) --------------------------

@pytest.mark.parametrize("text", [
    "Hx of Ewing sarcoma, off therapy.",
    "Ewing sarcoma L femur dx 3/2024, completed therapy 4/2025, NED.",
    "Osteosarcoma s/p resection 2023.",
    "Neuroblastoma in remission.",
])
def test_a_named_cancer_is_an_established_cancer(text):
    check(text, "cancer_not_leukemia", True, "thoracic", 14)


def test_no_cancer_history_is_denied():
    absent("No history of cancer.", "cancer_not_leukemia", "thoracic", 14)


@pytest.mark.parametrize("text", [
    "NEW: 3 weeks of mid-back pain, progressively worse, now 6/10.",
    "New/worsening thoracic back pain.",
    "New or worsening back pain over 3 weeks.",
    "Back pain, new or increasing since August.",
])
def test_new_or_worsening_pain_in_a_childs_spine_note(text):
    check(text, "new_or_worsening_symptoms", True, "thoracic", 14)


@pytest.mark.parametrize("text", [
    "Ewing sarcoma dx 3/2024, s/p VDC/IE chemo + resection, completed therapy 4/2025.",
    "Completed chemo in 2024.",
    "History of chemotherapy, now in remission.",
])
def test_finished_chemotherapy_is_no_current_immunosuppression(text):
    absent(text, "immunosuppressant_therapy", "thoracic", 14)


def test_current_chemotherapy_is_immunosuppression():
    check("Currently on chemotherapy for lymphoma.", "immunosuppressant_therapy", True, "lumbar", 60)


# --- a typical right curve and a normal itemised neuro exam answer PEDSP-3.2's negatives (N) ---------------------

@pytest.mark.parametrize("text", [
    "Typical R thoracic curve.",
    "XR: mild dextroscoliosis T6-T12, Cobb 17 deg, single curve.",
    "Dextroscoliosis of the thoracic spine.",
])
def test_a_right_thoracic_curve_is_no_left_curve(text):
    check(text, "convex_left_thoracic_curve", False, "thoracic", 12)


@pytest.mark.parametrize("text", [
    "Single curve, no bony anomaly.",
    "No vertebral anomalies.",
    "No osseous anomalies.",
])
def test_no_bony_anomaly_is_no_abnormality_beyond_the_curve(text):
    check(text, "xray_abnormality_beyond_curve", False, "thoracic", 12)


def test_a_hemivertebra_is_an_abnormality_beyond_the_curve():
    check("XR: hemivertebra at T9.", "xray_abnormality_beyond_curve", True, "thoracic", 12)


@pytest.mark.parametrize("text", [
    "Neuro: nl strength, nl sensation, DTRs 2+ symmetric, abd reflexes intact, gait nl.",
    "Neuro: strength 5/5 x4, sensation intact, reflexes 2+ symmetric.",
    "Neuro: normal strength and sensation, DTRs 2+.",
    "Neuro: motor 5/5 throughout, sensory intact.",
])
def test_a_normal_itemised_exam_is_no_focal_deficit(text):
    check(text, "focal_neuro_deficit", False, "thoracic", 12)


@pytest.mark.parametrize("text", ["Neuro: nl strength, nl sensation, reflexes 3+ R patellar.",
                                  "Neuro: nl strength, decreased sensation L foot."])
def test_a_neuro_line_with_an_abnormal_item_is_not_a_normal_exam(text):
    assert "focal_neuro_deficit" not in facts(text, "thoracic", 12)
