"""Rules for the spine (SP-*) and Preface facts that had no extraction rule: each is read from the
words a clinic note or prior-authorization letter uses, negated mentions are documented false,
hypothetical and family mentions leave the fact unknown, and a *suspected* fact is read from its
uncertainty ("r/o", "?", "concern for")."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str | None = "lumbar", age: int | None = 55) -> list:
    """The facts an adult's note for a lumbar study documents (the usual spine request)."""
    ex = read_notes([text], REF, default_region=region, age=age)
    return [f for f in ex.clinical.facts if f.fact == name]


def one(text: str, name: str, region: str | None = "lumbar", age: int | None = 55):
    found = records(text, name, region, age)
    assert len(found) <= 1, found
    return found[0] if found else None


# --- affirmed: the fact is documented true (with its value) -------------------------------------

@pytest.mark.parametrize("text, name, value", [
    # SP-1.2 aortic / cancer / infection
    ("Reports new abdominal pain radiating to the back since yesterday.", "abdominal_pain", None),
    ("PMH: HTN, 4.8 cm AAA followed by vascular surgery.", "known_aaa", None),
    ("Tearing chest and back pain, r/o aortic dissection.", "aortic_aneurysm_symptoms", None),
    ("Breast ca with known T9 vertebral metastases, now new leg weakness.", "spine_neoplasm", None),
    ("Concern for malignant spinal cord compression given her metastatic lung ca.", "cord_compression_suspected", None),
    ("Stage 3 sacral pressure ulcer, draining.", "decubitus_over_spine", None),
    # SP-2
    ("Hx of multiple sclerosis, on ocrelizumab.", "multiple_sclerosis", None),
    ("PMH: HTN, MS, hypothyroidism.", "multiple_sclerosis", None),
    ("Two weeks after L4-5 laminectomy, positional headache and clear drainage - r/o CSF leak.",
     "post_surgical_complication_suspected", None),
    ("CT for suspected pseudarthrosis at L4-5 after the 2024 fusion.", "pseudoarthrosis_suspected", None),
    ("Cervical x-rays show OPLL from C3 to C6.", "ossified_lesion", None),
    ("Lumbosacral transitional vertebra with sacralized L5 noted on films.", "variant_bony_anatomy", None),
    ("MRI showed a 2 cm Tarlov cyst at S2.", "tarlov_cyst", None),
    ("Incidental L2 vertebral hemangioma on the outside MRI.", "hemangioma_vertebral", None),
    ("X-ray shows an atypical L2 hemangioma with coarse trabeculae.", "hemangioma_atypical", None),
    ("Suspected spinal dural AVF given stepwise myelopathy.", "spinal_avm_suspected", None),
    ("MRI: serpiginous flow voids along the dorsal cord.", "avm_suspicion_high_after_mri", None),
    ("EMG 9/2 c/w chronic L5 radiculopathy.", "radiculopathy", None),
    # SP-3 to SP-7
    ("Known DISH on prior films, fell from standing.", "dish", None),
    ("Diffuse idiopathic skeletal hyperostosis of the thoracic spine.", "dish", None),
    ("Exam: bilateral grip weakness, Hoffmann positive.", "bilateral_motor_weakness", None),
    ("Unexplained hyperreflexia in all four limbs.", "findings_unexplained", None),
    ("Hx of C6 spinal cord injury (ASIA C) in 2015.", "spinal_cord_injury", None),
    ("Post-traumatic syrinx from C5 to T2.", "post_traumatic_syrinx", None),
    # SP-10 / SP-11
    ("Right SI joint pain with positive Gaenslen and thigh thrust.", "si_joint_pain", None),
    ("CT showed a left sacral insufficiency fracture.", "sacral_fracture", None),
    ("Known ankylosing spondylitis on Humira, here for follow-up.", "inflammatory_disease_known", None),
    ("Osteoporotic T12 compression fracture suspected, no trauma.", "compression_fracture_suspected", None),
    ("X-ray: age-indeterminate L1 compression deformity.", "fracture_acuity_indeterminate", None),
    ("Candidate for kyphoplasty per IR.", "vertebral_augmentation_candidate", None),
    ("S/p T12 kyphoplasty 10/26/26.", "vertebral_augmentation", None),
    ("Post-procedure new leg numbness, concern for cement extravasation.", "cement_extravasation_concern", None),
    # SP-13 syrinx
    ("Cervical MRI showed a C4-T1 syrinx.", "syrinx_known", None),
    ("Chiari I with r/o syrinx, MRI requested.", "syringomyelia_suspected", None),
    ("The syrinx is unchanged on serial MRIs since 2022.", "syrinx_nonprogression_established", None),
    ("S/p posterior fossa decompression for Chiari in 2019.", "posterior_fossa_decompression", None),
    ("Worsening neurologic deficits since the last MRI.", "neuro_deterioration", None),
    # SP-14 / SP-15
    ("Solid L4-5 fusion on flexion-extension films.", "fusion_clinically_successful", None),
    ("Planning revision ALIF at L5-S1.", "planned_revision_anterior_surgery", None),
    # Preface
    ("Newly diagnosed multiple myeloma, whole-body low-dose CT for staging.", "multiple_myeloma", None),
    ("Hx MM on lenalidomide.", "multiple_myeloma", None),
    ("Newly diagnosed multiple myeloma, whole-body low-dose CT for staging.", "whole_body_study", None),
    ("Newly diagnosed multiple myeloma, whole-body low-dose CT for staging.", "oncologic_staging", None),
    ("Li-Fraumeni syndrome (germline TP53), annual whole-body MRI.", "cancer_predisposition_syndrome", "li_fraumeni"),
    ("Known von Hippel-Lindau disease.", "cancer_predisposition_syndrome", "other"),
    ("Established CRMO on naproxen; whole-body MRI to look for clinically silent lesions.", "crmo_established", None),
    ("Established CRMO on naproxen; whole-body MRI to look for clinically silent lesions.", "crmo_monitoring", None),
    ("Multifocal bone pain, r/o CRMO.", "crmo_suspected", None),
    ("CT simulation for radiation treatment planning.", "therapy_treatment_planning", None),
    ("MRI brain with Stealth protocol for the resection.", "neurosurgical_navigation_planning", None),
    ("The fusion has been approved by the insurer.", "planned_procedure_authorized", None),
    ("Requesting PET/MRI instead of PET/CT.", "pet_mri_in_lieu_of_pet_ct", None),
    ("PET/CT is not available at our institution.", "pet_ct_unavailable", None),
])
def test_affirmed_mention_is_documented_true(text, name, value):
    rec = one(text, name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is True
    assert rec.value == value


# --- negated: documented false --------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Denies abdominal pain.", "abdominal_pain"),
    ("No hx of MS.", "multiple_sclerosis"),
    ("No history of multiple sclerosis.", "multiple_sclerosis"),
    ("No known AAA.", "known_aaa"),
    ("No DISH or ankylosing spondylitis.", "dish"),
    ("No spinal cord injury.", "spinal_cord_injury"),
    ("No syrinx.", "syrinx_known"),
    ("Denies SI joint pain.", "si_joint_pain"),
    ("No sacral fracture on CT.", "sacral_fracture"),
    ("No Tarlov cyst.", "tarlov_cyst"),
    ("No evidence of pseudarthrosis on CT.", "pseudoarthrosis_suspected"),
    ("Typical L3 hemangioma on x-ray.", "hemangioma_atypical"),
    ("The syrinx is enlarging compared with 2024.", "syrinx_nonprogression_established"),
    ("Hyperreflexia explained by her known MS.", "findings_unexplained"),
    ("No multiple myeloma.", "multiple_myeloma"),
    ("No history of kyphoplasty or vertebroplasty.", "vertebral_augmentation"),
    ("EMG/NCS 8/30: no evidence of radiculopathy.", "radiculopathy"),
    ("Surgery is not yet approved.", "planned_procedure_authorized"),
])
def test_negated_mention_is_documented_false(text, name):
    rec = one(text, name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is False


# --- hypothetical, family or uncertain (non-suspected) mentions leave the fact unknown --------------

@pytest.mark.parametrize("text, name", [
    ("Mother has multiple sclerosis.", "multiple_sclerosis"),
    ("FHx: mother - MS.", "multiple_sclerosis"),
    ("Father had a AAA repair.", "known_aaa"),
    ("Brother with multiple myeloma.", "multiple_myeloma"),
    ("Her sister has Li-Fraumeni syndrome.", "cancer_predisposition_syndrome"),
    ("Return to ED if abdominal pain develops.", "abdominal_pain"),
    ("Call if you develop bilateral weakness.", "bilateral_motor_weakness"),
    ("r/o syrinx.", "syrinx_known"),                      # a suspicion is not a known syrinx
    ("?CRMO, biopsy vs MRI.", "crmo_established"),
    ("Candidate for kyphoplasty per IR.", "vertebral_augmentation"),   # the plan is not the procedure done
    ("Plan: kyphoplasty next week.", "vertebral_augmentation"),
    ("Fibromyalgia, HTN, GERD.", "fibromyalgia"),         # a comorbidity, not the condition evaluated
    ("Fall from ladder with suspected L1 compression fx.", "compression_fracture_suspected"),  # traumatic
    ("XR L-spine: no lytic lesion.", "spinal_lesion_other"),  # an x-ray's normal result, not a lesion ruled out
    ("Boston Sci ICD, not MRI conditional.", "spinal_cord_injury"),
    ("MS Contin 15 mg bid.", "multiple_sclerosis"),
    ("Screening hip ultrasound at 6 weeks.", "asymptomatic_screening"),
    ("MRI thigh for local staging of the mass.", "oncologic_staging"),
    ("Restaging PET/CT 6/12/26 showed stable disease.", "oncologic_staging"),  # a past study, not the purpose
    ("Gaenslen neg, SLR neg.", "si_joint_pain"),          # one negative test does not rule out SI joint pain
    ("Placed in lateral decubitus position.", "decubitus_over_spine"),
])
def test_hypothetical_family_or_other_mentions_leave_the_fact_unknown(text, name):
    assert one(text, name) is None


# --- suspicion is the finding for suspected facts --------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("R/o epidural abscess in PWID with fever.", "suspected_spinal_infection"),
    ("?pathologic fracture of L2 in a myeloma patient.", "suspected_pathological_fracture"),
    ("Concern for spinal cord tumor on the outside study.", "spinal_cord_tumor"),
    ("R/o septic sacroiliitis.", "suspected_pelvic_neoplasm_inflammation_infection"),
    ("Possible transverse myelitis.", "multiple_sclerosis"),
])
def test_an_uncertain_mention_documents_a_suspected_fact(text, name):
    rec = one(text, name)
    assert rec is not None and rec.present is True


# --- a qualifier does not swallow the finding it qualifies -----------------------------------------

@pytest.mark.parametrize("text, names", [
    ("S/p T12 kyphoplasty 10/26/26.", {"vertebral_augmentation", "spinal_surgery"}),
    ("Osteoporotic T12 compression fracture on x-ray, no trauma.", {"compression_fracture_suspected", "low_bone_density"}),
    ("Unexplained hyperreflexia in all four limbs.", {"findings_unexplained", "hyperreflexia"}),
    ("Solid L4-5 fusion on flexion-extension films.", {"fusion_clinically_successful"}),
    ("Post-traumatic syrinx from C5 to T2.", {"post_traumatic_syrinx", "syrinx_known"}),
    ("X-ray shows an atypical L2 hemangioma with coarse trabeculae.", {"hemangioma_atypical", "hemangioma_vertebral"}),
    ("Hx multiple myeloma.", {"multiple_myeloma", "known_cancer"}),
    ("Planning revision ALIF at L5-S1.", {"planned_revision_anterior_surgery", "spinal_fusion"}),
    ("Requesting PET/MRI instead of PET/CT.", {"pet_mri_in_lieu_of_pet_ct", "pet_mri_requested"}),
])
def test_both_facts_of_a_qualified_mention_are_read(text, names):
    got = {f.fact for f in read_notes([text], REF, default_region="lumbar", age=55).clinical.facts if f.present}
    assert names <= got, names - got


def test_the_augmentation_date_is_the_procedure_date():
    rec = one("S/p T12 kyphoplasty on 10/26/26 with new leg pain.", "vertebral_augmentation")
    assert rec is not None and rec.date == dt.date(2026, 10, 26)


# --- scope: preface facts read for any body area and any age; spine facts only for spine studies ---

def test_preface_rules_read_every_area_and_age():
    for region, age in (("knee", 9), ("lumbar", 60), ("brain", 40), (None, None)):
        rec = one("Li-Fraumeni syndrome, annual whole-body MRI surveillance.", "cancer_predisposition_syndrome",
                  region=region, age=age)
        assert rec is not None and rec.value == "li_fraumeni", (region, age)


def test_spine_rules_do_not_read_a_knee_note():
    assert one("Known DISH.", "dish", region="knee") is None
    assert one("Known DISH.", "dish", region="lumbar") is not None
    # JIA is asked by the lower-extremity and pediatric MSK guidelines too
    assert one("Polyarticular JIA on methotrexate.", "juvenile_idiopathic_arthritis", region="knee", age=12) is not None
