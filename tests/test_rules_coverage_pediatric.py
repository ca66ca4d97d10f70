"""Rules for the pediatric MSK (PEDMS-*) and pediatric spine (PEDSP-*) facts that had no extraction
rule: each is read from the words a pediatric clinic note or prior-authorization letter uses; a
negated mention is documented false; a relative's or a hypothetical mention leaves the fact unknown;
a *suspected* fact is read from its uncertainty ("r/o", "concern for")."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str, age: int = 10) -> list:
    ex = read_notes([text], REF, region, age=age)
    return [f for f in ex.clinical.facts if f.fact == name]


def one(text: str, name: str, region: str, age: int = 10):
    found = records(text, name, region, age)
    assert len(found) <= 1, found
    return found[0] if found else None


# --- affirmed: the fact is documented true (with its value) -------------------------------------

@pytest.mark.parametrize("region, text, name, value", [
    # PEDMS-10 inflammatory disease
    ("knee", "7 yo F with oligo JIA on methotrexate, R knee swelling.", "juvenile_idiopathic_arthritis", None),
    ("knee", "Per mom, she was diagnosed with Still's disease at age 4.", "juvenile_idiopathic_arthritis", None),
    ("thigh", "Proximal weakness and elevated CK, concern for juvenile myositis.", "inflammatory_myopathy", None),
    ("thigh", "Diagnosis remains uncertain; MRI of the knee before starting methotrexate.", "jia_diagnosis_uncertain", None),
    ("knee", "MRI requested to assess response to methotrexate and etanercept.", "treatment_response_assessment", None),
    ("knee", "MRI to decide on escalation of therapy to a biologic.", "treatment_change_decision", None),
    ("knee", "Requesting routine follow-up MRI of the knee.", "routine_followup_imaging", None),
    ("hip", "Only partial response to naproxen, still limping.", "pain_not_resolved_on_treatment", None),
    ("hip", "X-rays and bone scan were nondiagnostic for the tibial lesion.", "xray_bone_scan_insufficient", None),
    ("thigh", "MRI thighs to guide muscle biopsy.", "biopsy_site_selection", None),
    ("thigh", "Characteristic MRI findings would avoid a muscle biopsy.", "imaging_avoids_biopsy", None),
    ("thigh", "JDM with worsening calcinosis over the forearms.", "muscle_calcification_progressive", None),
    # PEDMS-2 fractures and growth plate
    ("wrist", "Buckle fracture of the distal radius, placed in a splint.", "fracture_suspected", None),
    ("ankle", "CT shows a displaced triplane fracture of the distal tibia.", "complex_joint_fracture", None),
    ("wrist", "Scaphoid fx 14 wks ago, repeat films show a persistent lucency, concern for nonunion.",
     "delayed_union_suspected", None),
    ("knee", "Follow-up films after the distal femoral SH II fracture show a physeal bar.", "physeal_bar_suspected", None),
    ("ankle", "Axial load injury, concern for Salter-Harris V injury of the distal tibial physis.",
     "salter_harris_v_suspected", None),
    ("foot", "First x-rays taken 3 weeks after the pain began were negative.", "initial_xray_14_days_after_onset", None),
    ("leg", "Pain with passive stretch, concern for compartment syndrome.", "acute_compartment_syndrome_suspected", None),
    ("leg", "Runner with exertional leg pain, suspect chronic exertional compartment syndrome.",
     "exertional_compartment_syndrome_suspected", None),
    ("thigh", "Felt a pop sprinting, likely hamstring strain.", "muscle_tendon_injury", None),
    # PEDMS-3 masses and bone lesions
    ("thigh", "Exam: ill-defined area of fullness in the L anterior thigh.", "mass_ill_defined", None),
    ("thigh", "Lump has been stable in size for 2 years per mom.", "mass_stable", None),
    ("thigh", "US shows an intramuscular lipoma in the vastus lateralis.", "lipoma_deep", None),
    ("knee", "XR: eccentric lucency with a sclerotic rim, classic non-ossifying fibroma.",
     "benign_bone_lesion_characteristic", None),
    ("knee", "Known NOF of the distal femur under surveillance, new pain.", "benign_bone_lesion_known", None),
    ("knee", "XR shows an indeterminate lytic lesion of the proximal tibia.", "bone_lesion_indeterminate", None),
    ("knee", "Repeat films show interval enlargement of the bone cyst.", "bone_lesion_new_xray_findings", None),
    ("knee", "Neuroblastoma, concern for bone metastases.", "bone_metastasis_suspected", None),
    # PEDMS-6.2 osteonecrosis risk
    ("hip", "12 yo with pre-B ALL in maintenance, hip pain.", "lymphoblastic_leukemia_lymphoma", None),
    ("hip", "Nephrotic syndrome with multiple courses of high-dose prednisone.", "high_dose_steroid_exposure", None),
    ("hip", "Neuroblastoma survivor, off therapy for 6 years.", "childhood_cancer_survivor", None),
    # PEDMS-7 suspected abuse
    ("brain", "8 mo twin brother of the index child admitted with NAT; asymptomatic.", "abuse_contact_child", None),
    ("brain", "Skeletal survey showed a R parietal skull fracture and 2 healing rib fractures.",
     "skull_fracture_on_xray", None),
    ("brain", "Subdural on CT head; MRI to evaluate for parenchymal injury.", "brain_parenchymal_injury_suspected", None),
    ("brain", "Seizures despite a normal head CT.", "brain_signs_unexplained_by_ct", None),
    ("abdomen", "Elevated transaminases (AST 310), concern for occult abdominal injury.",
     "abdominal_pelvic_injury_suspected", None),
    ("chest", "Chest wall bruising noted on exam.", "chest_injury_suspected", None),
    # PEDMS-16 feet
    ("foot", "3 wk old with R clubfoot; tarsal bones not yet ossified.", "tarsal_bones_unossified", None),
    ("foot", "6 yo s/p Ponseti casting and Achilles tenotomy for L clubfoot, now residual deformity.",
     "foot_deformity_repaired", None),
    # PEDSP-1 modality
    ("lumbar", "Myelomeningocele repair; absent posterior elements L3-S1 provide an acoustic window.",
     "posterior_spinal_defect", None),
    ("lumbar", "76800 requested for intraoperative guidance during untethering.", "intraoperative_ultrasound", None),
    ("thoracic", "Prior MRI nondiagnostic due to metal artifact from the growing rods.", "spinal_hardware_limits_mri", None),
    ("lumbar", "Allergies: anaphylaxis to gadolinium in 2024.", "gadolinium_contrast_contraindicated", None),
    ("cervical", "3 mo with L Erb palsy after shoulder dystocia, concern for C5-6 root avulsion.",
     "brachial_plexus_injury", None),
    ("cervical", "Pseudomeningocele at C7 on MRI.", "paraspinal_cyst", None),
    ("lumbar", "Interval progression of the syrinx since the 2025 MRI.", "disease_progression", None),
    # PEDSP-2 pain, infection, trauma
    ("lumbar", "Excruciating back pain, 10/10, waking him at night.", "pain_extremely_severe", None),
    ("lumbar", "Back pain worsening despite 3 weeks of ibuprofen and PT.", "pain_worse_despite_treatment", None),
    ("lumbar", "Night pain relieved by NSAIDs, concern for osteoid osteoma.", "mass_lesion_suspected", None),
    ("lumbar", "Films show early spondylotic changes at L5-S1.", "xray_spondylotic_changes", None),
    ("lumbar", "Recent MRI does not adequately show the bony anatomy of the pars.", "mri_lacks_bony_detail", None),
    ("lumbar", "CT to re-evaluate her known vertebral anomaly at L3.", "known_vertebral_bony_disorder", None),
    ("lumbar", "Known L3-4 discitis on IV cefazolin, worsening pain.", "spinal_infection_known", None),
    ("lumbar", "Follow-up xrays show endplate erosion at L3-4.", "osteomyelitis_bony_changes", None),
    ("lumbar", "Known discitis with new leg weakness, concern for epidural abscess.", "epidural_abscess_concern", None),
    ("cervical", "GCS 6 (E1 V2 M3), does not open eyes to pain.", "no_eye_opening", None),
    ("cervical", "New torticollis since the fall from the trampoline.", "torticollis_new", None),
    ("cervical", "Seat belt sign across the abdomen.", "torso_injury_substantial", None),
    ("cervical", "Midline C-spine TTP at C6.", "posterior_midline_cervical_pain", None),
    ("cervical", "16 yo intoxicated driver, EtOH on board.", "intoxication", None),
    ("cervical", "Obvious femur fracture - distracting injury.", "distracting_pain", None),
    # PEDSP-3 .. PEDSP-7
    ("thoracic", "Early-onset scoliosis with thoracic insufficiency syndrome.", "lung_development_at_risk", None),
    ("chest", "Chest CT for lung volumes 2 years after the spinal fusion.", "lung_ct_timepoint", "two_years_postop"),
    ("chest", "Preoperative chest CT for lung volume before growing rods.", "lung_ct_timepoint", "perioperative"),
    ("brain", "Congenital scoliosis with macrocephaly; concern for intracranial anomaly.",
     "intracranial_anomaly_suspected", None),
    ("lumbar", "MRI: lipomyelomeningocele with tethered cord.", "significant_dysraphism", None),
    ("brain", "Myelomeningocele with bulging fontanelle and sunsetting eyes.", "cerebral_involvement_signs", None),
    ("brain", "MRI spine: multilevel hydromyelia from C4 to T10.", "hydromyelia_multiple", None),
    ("pelvis", "Flattened buttocks and short gluteal cleft, concern for pelvic malformation.",
     "pelvic_malformation_signs", None),
    ("lumbar", "Spinal US: cutaneous dermal cleft only, no intraspinal abnormality.", "ultrasound_dermal_cleft_only", None),
    ("lumbar", "Spinal US: conus at L2-3, borderline low, in a 34-week preemie.", "conus_level_uncertain", None),
    ("lumbar", "MRI 9/2 showed a tethered cord with fatty filum.", "tethered_cord_found", None),
    ("lumbar", "Achondroplasia with neurogenic claudication, r/o spinal stenosis.", "spinal_stenosis_suspected", None),
    ("cervical", "Klippel-Feil with congenital fusion at multiple levels (C2-3, C5-6).", "klippel_feil_multilevel", None),
    ("lumbar", "Marfan with new sacral pain, r/o complicated dural ectasia.", "dural_ectasia_suspected", None),
    ("thoracic", "VHL with a known unresected T6 hemangioblastoma.", "von_hippel_lindau", None),
    ("thoracic", "VHL with a known unresected T6 hemangioblastoma.", "spinal_hemangioblastoma", None),
    ("thoracic", "VHL with a known unresected T6 hemangioblastoma.", "hemangioblastoma_unresected", None),
    ("lumbar", "SPECT to evaluate for facet arthropathy.", "facet_arthropathy_suspected", None),
    ("lumbar", "Hx of RA on methotrexate.", "rheumatoid_arthritis", None),
    ("brain", "MRI is not readily available at our center for sedated infants.", "mri_unavailable", None),
    ("lumbar", "She was seen by the pediatric spine surgeon on 10/1 who recommended MRI.",
     "pediatric_spine_surgeon_evaluation", None),
])
def test_affirmed_mention_documents_the_fact(region, text, name, value):
    rec = one(text, name, region)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is True and rec.value == value


# --- negated: documented false -------------------------------------------------------------------

@pytest.mark.parametrize("region, text, name", [
    ("knee", "No hx of JIA or other arthritis.", "juvenile_idiopathic_arthritis"),
    ("thigh", "No evidence of dermatomyositis.", "inflammatory_myopathy"),
    ("knee", "No evidence of growth arrest on follow-up films.", "physeal_bar_suspected"),
    ("wrist", "Follow-up films: no evidence of delayed union.", "delayed_union_suspected"),
    ("wrist", "Low suspicion for fracture.", "fracture_suspected"),
    ("foot", "Xrays obtained 4-5 days after onset were negative.", "initial_xray_14_days_after_onset"),
    ("leg", "Compartments soft and compressible.", "acute_compartment_syndrome_suspected"),
    ("thigh", "No hamstring strain.", "muscle_tendon_injury"),
    ("thigh", "Firm, well-circumscribed mobile mass.", "mass_ill_defined"),
    ("thigh", "Lump has been stable in size for 2 years per mom.", "mass_enlarging"),
    ("knee", "Repeat films: no interval change in the lesion.", "bone_lesion_new_xray_findings"),
    ("hip", "No chronic steroid use.", "high_dose_steroid_exposure"),
    ("chest", "No signs of chest injury.", "chest_injury_suspected"),
    ("lumbar", "Neurologically normal, asymptomatic infant with a simple dimple.", "active_spinal_symptoms"),
    ("lumbar", "No known allergy to gadolinium.", "gadolinium_contrast_contraindicated"),
    ("lumbar", "No paraspinal mass palpable.", "mass_lesion_suspected"),
    ("cervical", "No posterior midline cervical tenderness.", "posterior_midline_cervical_pain"),
    ("cervical", "No evidence of intoxication.", "intoxication"),
    ("cervical", "No distracting injuries.", "distracting_pain"),
    ("thoracic", "s/p resection of the C4 hemangioblastoma in 2023.", "hemangioblastoma_unresected"),
])
def test_negated_mention_documents_absence(region, text, name):
    rec = one(text, name, region)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is False


# --- relatives, plans, risks and look-alikes leave the fact unknown ------------------------------

@pytest.mark.parametrize("region, text, name", [
    ("knee", "Family hx of JRA in maternal aunt.", "juvenile_idiopathic_arthritis"),
    ("knee", "Mom has JIA herself.", "juvenile_idiopathic_arthritis"),
    ("knee", "r/o JIA vs reactive arthritis.", "juvenile_idiopathic_arthritis"),  # a diagnosis, not a suspicion fact
    ("thigh", "Calf pain after influenza, likely benign acute childhood myositis.", "inflammatory_myopathy"),
    ("thigh", "Firm calcified mass, myositis ossificans.", "inflammatory_myopathy"),
    ("wrist", "Scaphoid fracture is high-risk (AVN/nonunion).", "delayed_union_suspected"),
    ("wrist", "XR: no fracture.", "fracture_suspected"),  # a film's result is not the suspicion
    ("elbow", "Mother had a wrist fracture last year.", "fracture_suspected"),
    ("hip", "Moves ALL extremities.", "lymphoblastic_leukemia_lymphoma"),
    ("hip", "Moves ALL extremities, completed therapy with PT.", "childhood_cancer_survivor"),
    ("brain", "4 mo with bruising, concern for NAT, skeletal survey ordered.", "abuse_contact_child"),
    ("brain", "8 mo twin brother of the index child admitted with NAT; asymptomatic.", "physical_abuse_suspected"),
    ("thigh", "US shows an intramuscular lipoma in the vastus lateralis.", "subcutaneous_lipoma"),
    ("ankle", "Salter-Harris II fracture of the distal radius.", "salter_harris_v_suspected"),
    ("lumbar", "Asymptomatic atlantoaxial instability.", "active_spinal_symptoms"),
    ("lumbar", "Curve progression despite bracing.", "disease_progression"),
    ("lumbar", "r/o paraspinal or epidural abscess.", "epidural_abscess_concern"),
    ("lumbar", "SpO2 98% on RA.", "rheumatoid_arthritis"),
    ("lumbar", "Family history of osteoarthritis.", "osteoarthritis"),
    ("lumbar", "Will refer to pediatric spine surgery.", "pediatric_spine_surgeon_evaluation"),
    ("leg", "Runner with exertional leg pain, suspect chronic exertional compartment syndrome.",
     "acute_compartment_syndrome_suspected"),
])
def test_relative_plan_or_lookalike_leaves_the_fact_unknown(region, text, name):
    assert records(text, name, region) == []


def test_a_suspicion_is_the_suspected_fact_and_the_known_one_stays_unknown():
    text = "Multiple foci of bone edema, r/o CRMO vs osteomyelitis."
    assert [f.present for f in records(text, "crmo_suspected", "hip")] == [True]
    assert records(text, "crmo_established", "hip") == []


def test_a_complex_joint_fracture_is_also_the_acute_fracture_and_a_repair_keeps_the_clubfoot():
    got = {f.fact for f in read_notes(["Comminuted displaced intra-articular distal radius fracture."], REF,
                                      "wrist", age=12).clinical.facts}
    assert {"complex_joint_fracture", "fracture_suspected"} <= got
    got = {f.fact for f in read_notes(["s/p R clubfoot repair in 2021, residual forefoot adductus."], REF,
                                      "foot", age=6).clinical.facts}
    assert {"foot_deformity_repaired", "clubfoot"} <= got


def test_pediatric_rules_read_only_childrens_notes_and_their_own_body_area():
    # an adult's note is not read with the pediatric rules; a limb finding is not read for a spine request
    assert records("Concern for Salter-Harris V injury of the distal tibial physis.", "salter_harris_v_suspected",
                   "ankle", age=40) == []
    assert records("US shows an intramuscular lipoma in the thigh.", "lipoma_deep", "lumbar") == []
