"""Phrasing families from outside testers' notes-only cases (round 23: notes_adult, notes_peds): the patient's
own "<age> <sex>" descriptor after a relative, another child (index child, sibling) as another experiencer, CML
as the classic metaphyseal lesion, the clinical evidence of a head injury documented absent, and others. Each
test runs a short sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts


# --- Q1: the patient's descriptor after a relative; another child's findings; CML -------------------------------

@pytest.mark.parametrize("text", [
    "Pt's mother called re: 11yo F w/ Down syndrome; PCP sent screening lat C-spine xrays.",
    "Mom called about 11 y/o M with trisomy 21, asymptomatic.",
    "Father phoned re: 9 yo girl w/ Down syndrome.",
    "Grandmother here with 12-year-old boy with Down syndrome.",
    "Mother messaged re: her son, 10 yo M w/ T21.",
])
def test_the_patients_descriptor_after_a_relative_is_the_patients(text):
    check(text, "trisomy_21", True, "cervical", 11)


@pytest.mark.parametrize("text", [
    "Mother has Down syndrome.",
    "Brother with Down syndrome.",
])
def test_a_relatives_own_condition_stays_the_relatives(text):
    absent(text, "trisomy_21", "cervical", 11)


@pytest.mark.parametrize("text", [
    "Index child with a CML R femur and rib fx.",
    "The index child: rib fx, femur fx.",
    "The sibling's rib fractures were found on survey.",
    "18 mo contact of an abused infant (CML R femur, rib fx).",
    "Twin sister has rib fractures.",
    "Half-brother had rib fractures on his survey.",
])
def test_another_childs_findings_are_not_this_childs(text):
    absent(text, "rib_fracture_suspected", "femur", 1)


@pytest.mark.parametrize("text", [
    "Index child with rib fx.",
    "Sibling of the index case, here for skeletal survey.",
])
def test_a_note_naming_the_index_child_is_about_a_contact(text):
    check(text, "abuse_contact_child", True, "femur", 1)


@pytest.mark.parametrize("text", [
    "Skeletal survey: CML R distal femur.",
    "CML of the distal tibia and posterior rib fx.",
    "Classic metaphyseal lesion (CML) L proximal tibia.",
    "CML L femur, rib fx.",
])
def test_cml_at_a_bone_is_the_classic_metaphyseal_lesion(text):
    absent(text, "known_cancer", "femur", 1)


@pytest.mark.parametrize("text", [
    "Hx of CML on imatinib.",
    "PMH: CML, in remission.",
])
def test_cml_as_a_diagnosis_is_still_the_leukaemia(text):
    check(text, "known_cancer", True, "lumbar", 60)


# --- Q2: clinical evidence of a head injury documented absent ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "No signs of head injury.",
    "No external evidence of head trauma.",
    "Exam without any signs of head injury.",
    "Neuro nonfocal, no bruising, HC stable, no vomiting or lethargy.",
    "AF soft and flat, NCAT.",
    "Head atraumatic.",
])
def test_no_clinical_evidence_of_head_injury(text):
    check(text, "head_injury_signs", False, "head", 1)


@pytest.mark.parametrize("text", [
    "Boggy scalp swelling R parietal.",
    "Bulging fontanelle on exam.",
    "Signs of head injury: scalp hematoma.",
])
def test_clinical_evidence_of_head_injury(text):
    check(text, "head_injury_signs", True, "head", 1)


def test_no_signs_of_head_injury_is_not_a_mechanism_denied():
    rec = facts("No signs of head injury.", "head", 1).get("trauma_mechanism")
    assert rec is None


# --- Q3: template separators: "|" and dot leaders ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Derm: no lesions | Neuro: decreased LT adjacent sides 3rd/4th toes",
    "no fever|decreased sensation L foot",
    "Skin: no rash || Neuro: diminished sensation to LT dorsal foot",
])
def test_a_bar_ends_the_denial_before_it(text):
    check(text, "sensory_loss", True, "foot", 50)


@pytest.mark.parametrize("text, name", [
    ("ROS: back pain (-) | neck pain (-) | N/T arms/legs (-) | weakness (-) | fevers (-)",
     "extremity_neurological_symptoms"),
    ("Fever: neg | Numbness/tingling in legs: no | Weakness: yes |", "extremity_neurological_symptoms"),
    ("ROS: HA (-) | fevers (-) | wt loss (-)", "fever"),
])
def test_each_bar_item_answers_for_itself(text, name):
    check(text, name, False, "lumbar", 14)


@pytest.mark.parametrize("text", [
    "L knee .......... no effusion, nontender",
    "R knee ..... No effusion or warmth",
    "Knee ______ without effusion",
])
def test_a_dot_leader_before_a_denial_denies_what_follows(text):
    check(text, "joint_effusion", False, "knee", 12)


@pytest.mark.parametrize("text", [
    "L knee ..... effusion",
    "L knee ..... moderate effusion, warm",
])
def test_a_dot_leader_before_a_finding_affirms_it(text):
    check(text, "joint_effusion", True, "knee", 12)


def test_a_form_answer_after_a_leader_still_looks_back():
    check("Cardiac pacemaker/ICD ........ NO", "implanted_device", False, "knee", 50)


# --- Q4: swelling -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "XR R femur + knee 2 views: no fracture, no lytic lesion, soft tissue swelling only -- nondiagnostic.",
    "XR L ankle: no fx, no dislocation, soft tissue swelling only.",
    "Films neg for fracture; soft-tissue swelling only.",
])
def test_a_finding_said_to_be_all_there_is_is_affirmed(text):
    check(text, "soft_tissue_swelling", True, "femur", 3)


@pytest.mark.parametrize("text", [
    "Exam: no swelling/warmth over clavicles or tibiae, FROM.",
    "WB-MRI (STIR) 04/14/2026: interval improvement L distal tibia, residual edema R clavicle, no new lesions",
    "MRI: edema in the distal femoral metaphysis.",
    "no fracture, no dislocation, no swelling.",
])
def test_no_swelling_and_bone_edema_are_no_soft_tissue_swelling(text):
    absent(text, "soft_tissue_swelling", "femur", 9)


def test_edema_of_a_joint_is_still_swelling():
    check("edema of the L ankle", "soft_tissue_swelling", True, "ankle", 40)


# --- Q5: the osteochondral lesion said to be unstable --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Given the mechanical symptoms, I am concerned that this lesion is unstable.",
    "The fragment appears unstable on the notch view.",
    "OCD lesion likely unstable.",
    "I worry the osteochondral lesion may be unstable.",
    "The OCD is now unstable.",
])
def test_the_lesion_said_unstable_is_an_unstable_osteochondral_injury(text):
    check(text, "osteochondral_injury_unstable", True, "ankle", 13)
    absent(text, "joint_instability", "ankle", 13)


def test_a_joint_that_feels_unstable_is_still_joint_instability():
    check("Knee feels unstable with cutting.", "joint_instability", True, "knee", 13)


# --- Q6: plain films named by their views -----------------------------------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("Repeat lumbar obliques + standing lat 10/24/26: unchanged bilateral L5 pars defects, no listhesis.", "lumbar"),
    ("L-spine obliques 9/12/26 showed bilateral L5 pars defects.", "lumbar"),
    ("3 views R ankle 10/2/26: no fracture.", "ankle"),
    ("Sunrise view 9/1/26 showed lateral patellar tilt.", "knee"),
    ("Merchant views 10/3/26: patellar subluxation.", "knee"),
    ("Mortise view 10/5/26 normal.", "ankle"),
    ("Flexion/extension views 10/1/26: no instability.", "lumbar"),
])
def test_views_are_plain_films(text, region):
    from tests.limb_notes import imaging
    assert any(im.modality == "xray" for im in imaging(text, region, 40)), text


def test_views_ordered_today_are_not_a_study_done():
    from tests.limb_notes import imaging
    assert not imaging("Standing AP/lat + flex/ext L-spine x-rays ordered today (to be done at imaging center)",
                       "lumbar", 50)


def test_the_oblique_muscles_are_no_film():
    from tests.limb_notes import imaging
    assert not imaging("TTP over the R obliques and paraspinals.", "lumbar", 30)


# --- Q8: leftovers ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Achilles reflex: 2+ on the R, absent on the L.",
    "Achilles 2+ R, absent L.",
    "Patellar 2+ on the right but diminished on the left.",
    "Ankle jerk 2+ rt, trace lt.",
])
def test_a_grade_then_the_other_sides_loss_is_an_asymmetry(text):
    check(text, "reflex_asymmetry", True, "lumbar", 40)
    assert facts(text, "lumbar", 40)["reflex_asymmetry"].side == "left"


def test_equal_grades_on_both_sides_are_no_asymmetry():
    absent("Reflexes 2+ R, 2+ L.", "reflex_asymmetry", "lumbar", 40)


def test_pain_at_the_fracture_level_is_still_concordant():
    check("Pain corresponds to the fracture level.", "pain_concordant_with_xray", True, "thoracic", 75)


def test_ref_abbreviation_does_not_end_the_sentence():
    from necessity.extract.pipeline import nlp
    doc = nlp()("Completed 6 wks PT (ref. discharge summary 11/10) plus naproxen. Next.")
    assert [s.text for s in doc.sents][0].endswith("plus naproxen.")


# --- Q7: an abnormal joint exam beside negative maneuvers; the hip's tests positive together --------------------

@pytest.mark.parametrize("text", [
    "Exam R knee: small effusion, TTP medial femoral condyle, McMurray neg, Lachman stable 1A, post drawer neg, "
    "varus/valgus stable, patellar grind mildly +.",
    "Knee: McMurray neg, Lachman neg, + patellar grind.",
    "McMurray negative, PF grind positive.",
])
def test_an_abnormal_knee_exam_outweighs_its_negative_maneuvers(text):
    check(text, "orthopedic_exam_finding", True, "knee", 45, value="other_abnormality")


@pytest.mark.parametrize("text", [
    "Exam R hip: C-sign, FADIR positive, FABER positive reproducing groin pain, log roll neg.",
    "Hip: +FADIR, +FABER.",
    "FADIR/FABER both positive.",
    "FABER + and FADIR + on the R.",
])
def test_the_hips_tests_positive_together_are_the_exams_tear_concern(text):
    check(text, "tear_suspected_on_exam", True, "hip", 35)


def test_one_positive_hip_test_beside_a_negative_one_is_no_tear_concern():
    absent("FADIR positive, FABER negative.", "tear_suspected_on_exam", "hip", 35)
