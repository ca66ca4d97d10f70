"""Phrasing families from outside testers' notes-only cases (notes_pedsp, notes_mixed, notes_msk, notes_spine):
each test runs a short sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from necessity.extract import read_notes
from tests.limb_notes import REF, absent, check, facts, imaging


# --- A. a denied focal deficit stays denied whatever follows it on a "Neuro:" line -------------------------------
# (the templated-line rule's mention took the heading's ":", the start of medspaCy's ": no" cue, and ConText drops
# a cue a mention overlaps; a "no ..." phrase of the summary rule swallowed the "no" the same way)

@pytest.mark.parametrize("text", [
    "Neuro: no focal deficit, gait nl, reflexes 2+.",
    "Neuro: no focal deficits, strength 5/5, sensation intact, reflexes 2+ symmetric.",
    "Neuro: no focal neurologic deficit; strength 5/5 x4, sensation intact.",
    "Neuro: no focal neurological deficits, gait normal, DTRs 2+, toes down.",
    "no focal neurologic deficits, gait normal",
    "No focal neuro deficits.",
    "Neuro exam: no focal findings, strength 5/5, reflexes 2+ and symmetric.",
])
@pytest.mark.parametrize("region", ["lumbar", "thoracic", "cervical"])
def test_denied_focal_deficit_with_more_items(text, region):
    check(text, "focal_neuro_deficit", False, region, age=9)
    check(text, "abnormal_neuro_exam", False, region, age=9)


@pytest.mark.parametrize("text", [
    "Neuro: focal weakness L foot, reflexes 2+, sensation intact.",
    "Neuro: strength 4/5 L EHL, reflexes 2+, sensation intact.",
    "Neuro: strength 5/5, reflexes 2+, sustained clonus L.",
])
def test_a_neuro_line_with_an_abnormal_item_is_not_a_normal_exam(text):
    rec = facts(text, "lumbar", 9).get("abnormal_neuro_exam")
    assert rec is None or rec.present is True
    absent(text, "focal_neuro_deficit", "lumbar", age=9) if "focal" not in text else None


@pytest.mark.parametrize("text", [
    "Neuro: tone normal, moves all 4 ext, reflexes 2+ symmetric, no clonus, feet normal.",
    "Neuro: 5/5 all myotomes BLE, DTR 2+ symm, no clonus, Babinski down b/l.",
    "Neuro: CN intact, strength 5/5 x4, sensation intact, reflexes symmetric.",
])
def test_a_neuro_line_of_normal_items_is_a_normal_exam(text):
    check(text, "abnormal_neuro_exam", False, "lumbar", age=9)


# --- B. a normal neurological examination documents no focal deficit -------------------------------------------

@pytest.mark.parametrize("text", [
    "Neuro nonfocal.",
    "Neuro: nonfocal.",
    "Neuro exam non-focal.",
    "Nonfocal neuro exam.",
    "neuro exam normal",
    "Neurologic exam is normal.",
    "Normal neurological examination.",
    "Neuro exam unremarkable.",
    "Benign neuro exam.",
])
@pytest.mark.parametrize("region", ["lumbar", "thoracic", "cervical"])
def test_normal_neuro_exam_is_no_focal_deficit(text, region):
    check(text, "focal_neuro_deficit", False, region, age=12)
    check(text, "abnormal_neuro_exam", False, region, age=12)


@pytest.mark.parametrize("text", ["Neurologically intact.", "Neuro: grossly intact.", "Neuro intact.",
                                  "Neuro exam benign.", "Neuro unremarkable."])
def test_intact_neuro_exam_is_a_normal_exam(text):
    check(text, "abnormal_neuro_exam", False, "lumbar", age=12)
    absent(text, "focal_neuro_deficit", "lumbar", age=12)


@pytest.mark.parametrize("text", [
    "Neuro: CN intact, strength 5/5 x4, sensation intact, reflexes symmetric.",
    "Neuro: strength 5/5 BLE, sensation intact to LT, DTRs 2+ symmetric.",
    "Neuro: motor 5/5 throughout, sensory grossly intact, gait normal.",
])
def test_a_normal_motor_and_sensory_neuro_line_is_no_focal_deficit(text):
    check(text, "focal_neuro_deficit", False, "cervical", age=10)


@pytest.mark.parametrize("text", [
    "Neuro: strength 5/5 BLE, sensation decreased L foot, DTRs 2+.",
    "Neuro: CN intact, strength 4/5 L hip flexors, sensation intact.",
    "Neuro: strength 5/5, sensation intact, reflexes 3+ R patellar.",
])
def test_a_neuro_line_with_one_abnormal_item_gives_no_denial(text):
    absent(text, "focal_neuro_deficit", "cervical", age=10)
    rec = facts(text, "cervical", 10).get("focal_neuro_deficit")
    assert rec is None


# --- D2. the guideline's "normal level of alertness" and its exam forms are a normal mental status --------------

@pytest.mark.parametrize("text", [
    "Pertinent negatives: no midline neck pain or tenderness, no focal neuro deficit, normal alertness, no intoxication.",
    "Normal level of alertness.",
    "Exam: Alert, playful, appropriate.",
    "Awake and alert, no distress.",
    "A&O x4.",
    "Mental status at baseline per mother.",
    "Normal LOC.",
])
def test_normal_alertness_is_no_altered_mental_status(text):
    check(text, "altered_mental_status", False, "cervical", age=9)


def test_gcs_stays_its_own_fact():
    check("Vitals: HR 88 | GCS 15", "glasgow_coma_scale", True, "cervical", age=9, value=15)


# --- C. a plan that says no operation: the spine fact for a spine study, the limb fact for a limb study ----------

NO_SURGERY = [
    "Plan: no surgical indication; will start PT and brace.",
    "Plan: Not a surgical candidate.",
    "A/P: Not a surgical candidate.",
    "Plan: surgery is not planned.",
    "Surgery is not indicated at this time.",
    "Plan: no indication for surgery, continue PT.",
    "Nonoperative treatment: PT and NSAIDs.",
    "Discussed options; does not need surgery.",
]


@pytest.mark.parametrize("text", NO_SURGERY)
@pytest.mark.parametrize("age", [14, 55])
def test_no_surgery_planned_spine(text, age):
    check(text, "planned_spine_surgery", False, "lumbar", age=age)
    assert "planned_limb_surgery" not in facts(text, "lumbar", age)


@pytest.mark.parametrize("text", NO_SURGERY)
def test_no_surgery_planned_limb(text):
    check(text, "planned_limb_surgery", False, "knee", age=40)


@pytest.mark.parametrize("text", ["Plan: surgery isn't planned yet.", "Surgery is not currently planned."])
def test_a_denied_plan_is_no_planned_limb_surgery(text):
    absent(text, "planned_limb_surgery", "knee", age=40)


@pytest.mark.parametrize("text", ["Surgery is planned for 12/2.", "ACL reconstruction planned after PT."])
def test_a_planned_limb_surgery_still_reads(text):
    check(text, "planned_limb_surgery", True, "knee", age=40)


# --- D. pediatric spine ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Imaging: XR L-spine AP/lat/obl today - clear bilateral L5 pars interarticularis defects.",
    "XR L-spine 3/1: bilateral L5 pars fractures, no listhesis.",
    "L-spine x-rays show L4 pars defects bilaterally.",
])
def test_pars_defects_on_the_film(text):
    got = facts(text, "lumbar", 14)
    assert got["spondylolysis_suspected"].present is True
    studies = imaging(text, "lumbar", 14)
    assert any(s.result == "abnormal" for s in studies), studies


@pytest.mark.parametrize("text", ["Mild idiopathic scoliosis, R thoracic 18 deg. Typical pattern.",
                                  "Typical curve pattern for AIS.", "Typical right thoracic curve, 22 deg."])
def test_typical_pattern_is_no_double_or_high_thoracic_curve(text):
    check(text, "double_or_high_thoracic_curve", False, "thoracic", age=12)


LOW_RISK = ["MDM: Meets low-risk criteria for c-spine injury, clinically cleared.",
            "Meets all NEXUS criteria.", "NEXUS negative.", "NEXUS 0/5.", "Low risk by NEXUS.",
            "C-spine cleared clinically.", "Cervical spine cleared clinically and radiographically."]


@pytest.mark.parametrize("text", LOW_RISK)
@pytest.mark.parametrize("name", ["posterior_midline_cervical_pain", "focal_neuro_deficit", "altered_mental_status",
                                  "intoxication", "distracting_pain"])
def test_cspine_low_risk_criteria_met(text, name):
    check(text, name, False, "cervical", age=10)


def test_cspine_low_risk_criteria_not_met():
    got = facts("Does not meet low-risk criteria for c-spine injury.", "cervical", 10)
    for name in ("posterior_midline_cervical_pain", "focal_neuro_deficit", "intoxication"):
        assert name not in got or got[name].present is True


@pytest.mark.parametrize("text", [
    "A/P: likely lumbar dermal sinus tract - risk of tethering/infection.",
    "Exam: Pinpoint midline ostium at approx L4, ~4 cm above gluteal cleft.",
    'Mom noticed "a little hole" on her lower back.',
    "Possible dermal sinus at L5.",
])
def test_dermal_sinus(text):
    check(text, "back_skin_lesion", True, "lumbar", age=1, value="dermal_sinus")


@pytest.mark.parametrize("text", ['Mom noticed "a little hole" on her lower back w/ crusting.',
                                  "Rash on the lower back x 2 days."])
def test_a_thing_seen_on_the_lower_back_is_no_back_pain(text):
    absent(text, "low_back_pain", "lumbar", age=1)


@pytest.mark.parametrize("text", ["Points to lower back.", "Fell and landed on her low back.",
                                  "Pain in the lower back x 3 wks."])
def test_the_lower_back_as_the_site_of_pain(text):
    check(text, "low_back_pain", True, "lumbar", age=12)


# --- D2. a mass exam's table rows: "Size: 6.2 x 4.5 cm", "Mobility: fixed to deep fascia" -----------------------

MASS_TABLE = """Mass exam:
  Location:       R lateral thigh, mid-femur level
  Size:           6.2 x 4.5 cm
  Consistency:    firm, rubbery
  Mobility:       fixed to deep fascia
  Tenderness:     non-tender
"""


@pytest.mark.parametrize("age", [12, 45])
def test_mass_exam_table(age):
    check(MASS_TABLE, "mass_size_cm", True, "thigh", age=age, value=6.2)
    check(MASS_TABLE, "mass_deep", True, "thigh", age=age)


@pytest.mark.parametrize("text", ["Dimensions: approx 4 x 3 cm.", "Size - 4 cm x 3 cm."])
def test_mass_size_row_forms(text):
    check("Firm thigh mass. " + text, "mass_size_cm", True, "thigh", age=12, value=4)


def test_wound_size_is_no_mass_size():
    assert "mass_size_cm" not in facts("Ulcer size: 2 x 1 cm, clean base.", "foot", 60)


@pytest.mark.parametrize("text", ["A/P: Deep R thigh soft tissue mass >5 cm.", "Deep left calf mass, firm.",
                                  "Mass is fixed to underlying structures.", "Lump fixed to the fascia."])
@pytest.mark.parametrize("age", [12, 45])
def test_mass_deep_forms(text, age):
    check(text, "mass_deep", True, "thigh", age=age)


def test_deep_thigh_mass_keeps_the_soft_tissue_mass():
    check("A/P: Deep R thigh soft tissue mass >5 cm.", "soft_tissue_mass", True, "thigh", age=12)


# --- F. nothing new since the prior imaging, in spine notes ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No new symptoms.", "No new sx.", "No new or worsening symptoms.", "no new/worse sx", "No worse pain.",
    "Exam stable/unchanged vs prior visits.", "Neuro exam unchanged.", "Exam unchanged from prior.",
    "Same distribution, same character.", "Symptoms unchanged since the MRI.", "No interval worsening.",
])
@pytest.mark.parametrize("region", ["lumbar", "cervical"])
def test_spine_no_new_or_worsening_symptoms(text, region):
    check(text, "new_or_worsening_symptoms", False, region, age=50)


def test_spine_new_weakness_is_no_denial():
    absent("New weakness in the L foot.", "new_or_worsening_symptoms", "lumbar", age=50)
    check("New weakness in the L foot.", "new_neuro_deficit", True, "lumbar", age=50)


# --- G11. a level then the operation is a spine operation ---------------------------------------------------------

@pytest.mark.parametrize("text,fusion", [
    ("s/p L4-5 fusion 12/2025.", True), ("L4-S1 instrumented fusion in 2020.", True),
    ("Hx C5-6 decompression 2019.", False), ("s/p L5-S1 posterior fusion.", True),
])
def test_level_then_operation(text, fusion):
    check(text, "spinal_surgery", True, "lumbar", age=60)
    if fusion:
        check(text, "spinal_fusion", True, "lumbar", age=60)


def test_level_operation_denied():
    check("No prior L4-5 fusion.", "spinal_surgery", False, "lumbar", age=60)


# --- G13. minimal response, the adverb on either side of its verb --------------------------------------------------

@pytest.mark.parametrize("text", [
    "PT x 6 wks 8/1-9/15, improving minimally.", "Naproxen since 8/1, minimally improved.",
    "PT 6 wks, improved slightly.", "Gabapentin since June - only slightly better.",
    "Meloxicam since 7/1, marginally better.",
])
def test_minimal_response(text):
    got = read_notes([text], REF, "lumbar", age=50).clinical.treatments
    assert got and all(t.response == "minimal" for t in got), got


# --- G14. adult spine notes (notes_spine) -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Leg pain resolved.", "Doing GREAT, leg pain resolved, solid clinical result.",
                                  "Sciatica has completely resolved.", "R leg pain is now gone.",
                                  "No longer has leg pain."])
def test_resolved_radicular_pain_is_absent(text):
    check(text, "radicular_pain", False, "lumbar", age=60)


@pytest.mark.parametrize("text", ["Her leg pain resolved and she did well for about nine months.",
                                  "Leg pain resolved after surgery but returned in May."])
def test_an_earlier_episode_that_resolved_is_no_denial(text):
    rec = facts(text, "lumbar", 60).get("radicular_pain")
    assert rec is None or rec.present is True


@pytest.mark.parametrize("text", ["Solid clinical result.", "Excellent clinical outcome after the fusion."])
def test_clinical_result_of_a_fusion(text):
    check(text, "fusion_clinically_successful", True, "lumbar", age=60)


@pytest.mark.parametrize("text", [
    "MRI was ordered inpatient but pt unable to tolerate due to severe claustrophobia/anxiety and left the scanner; "
    "he agrees to outpatient MRI under oral sedation (lorazepam).",
    "Claustrophobic - will do MRI with conscious sedation.",
    "Hx of claustrophobia, MRI under general anesthesia planned.",
])
def test_claustrophobia_managed_by_sedation_is_no_contraindication(text):
    check(text, "mri_contraindication_other", False, "lumbar", age=40)


def test_unmanaged_claustrophobia_is_a_contraindication():
    check("Severe claustrophobia, cannot tolerate MRI.", "mri_contraindication_other", True, "lumbar", age=40)


@pytest.mark.parametrize("text", [
    "A: Neurogenic claudication - clinically lumbar spinal stenosis, severe functional limitation, requiring daily narcotics.",
    "Neurogenic claudication with significant functional impairment.",
    "Stenosis; requires daily opioids to walk.",
    "Can now only walk about 1 block before he has to stop and sit.",
])
def test_severe_neurogenic_claudication(text):
    check(text, "neurogenic_claudication_severe", True, "lumbar", age=73)


def test_severe_claudication_keeps_the_functional_loss():
    check("A: Neurogenic claudication - severe functional limitation.", "functional_loss", True, "lumbar", age=73)


# --- G12. a heading joining the assessment to the plan is read as "A/P:" is ----------------------------------------

@pytest.mark.parametrize("heading", ["Assessment/Plan:", "Impression/plan:", "Assessment and Plan:", "Assessment & Plan:",
                                     "A/P:"])
def test_assessment_plan_heading_is_not_hypothetical(heading):
    text = heading + " LBP, failed 6 wks of PT."
    check(text, "low_back_pain", True, "lumbar", age=50)
    got = read_notes([text], REF, "lumbar", age=50).clinical.treatments
    assert any(t.kind == "physical_therapy" for t in got), got


def test_a_plan_heading_still_plans():
    got = read_notes(["Plan: start PT 2x/wk."], REF, "lumbar", age=50).clinical.treatments
    assert not got, got
