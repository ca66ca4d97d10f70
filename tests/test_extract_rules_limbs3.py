"""Phrasing families of lower-extremity and pediatric notes (third round): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from necessity.extract import read_notes
from tests.limb_notes import REF, facts


def all_facts(text: str, region: str | None = "knee", age: int | None = 50) -> list:
    return read_notes([text], REF, region, age=age).clinical.facts


# --- a clinician's judgement that something is improbable is a negation ------------------------------

@pytest.mark.parametrize("text, name", [
    ("Discussed that MRI is unlikely to change management at this point.", "imaging_would_change_management"),
    ("Imaging unlikely to alter treatment given improvement.", "imaging_would_change_management"),
    ("Septic arthritis unlikely.", "septic_arthritis_suspected"),
    ("Low suspicion for septic arthritis.", "septic_arthritis_suspected"),
])
def test_unlikely_and_low_suspicion_negate(text, name):
    rec = facts(text).get(name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is False


# --- a dislocation the history denies ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He has not fallen and there has been no dislocation or feeling of the hip slipping.",
    "She denies any prior patellar dislocations.",
    "The hip has never dislocated.",
    "No patellar subluxations since the last visit.",
    "Denies episodes of subluxation.",
    "No h/o dislocation.",
])
def test_a_denied_dislocation_is_documented_absent(text):
    rec = facts(text, "hip").get("joint_dislocation")
    assert rec is not None, f"joint_dislocation not read from {text!r}"
    assert rec.present is False


@pytest.mark.parametrize("text", [
    "XR hip: no fracture or dislocation.",
    "No dislocation or fracture.",
    "Peroneals 5/5, no subluxation.",  # a tendon's, not a joint's
])
def test_a_films_result_or_a_tendon_is_no_dislocation_history(text):
    assert "joint_dislocation" not in facts(text, "ankle")


# --- FADIR: a tear sign only with the labrum's mechanical signs ----------------------------------------

@pytest.mark.parametrize("text", [
    "FADIR reproduces his groin pain, straight leg raise is negative.",
    "Positive FADIR on the left.",
    "FADIR +. IR 5 deg w/ groin pain.",
    "Log roll is mildly positive.",
    "+ Stinchfield test.",
])
def test_hip_provocation_signs_alone_are_another_abnormality(text):
    found = facts(text, "hip")
    assert found.get("orthopedic_exam_finding") is not None, text
    assert found["orthopedic_exam_finding"].value == "other_abnormality"
    assert "tear_suspected_on_exam" not in found


@pytest.mark.parametrize("text", [
    "FADIR +, reproduces her groin pain w/ click.",
    "Positive impingement testing with catching, suspect labral tear.",
])
def test_fadir_with_mechanical_signs_suggests_a_tear(text):
    found = facts(text, "hip")
    assert found["orthopedic_exam_finding"].value == "tear"
    assert found["tear_suspected_on_exam"].present is True


# --- masses: growth, trauma denied as a list, characterization ---------------------------------------

@pytest.mark.parametrize("text", [
    "She thinks it has gotten a little bigger since then but isn't sure.",
    "The lump got larger over the summer.",
    "Mass is bigger than before.",
])
def test_a_mass_the_patient_says_got_bigger_is_enlarging(text):
    rec = facts(text, "thigh").get("mass_enlarging")
    assert rec is not None and rec.present is True, text


def test_an_enlarging_abscess_under_suspicion_is_no_enlarging_mass():
    assert "mass_enlarging" not in facts("Concern for an enlarging subperiosteal abscess.", "ankle")


@pytest.mark.parametrize("text", [
    "No injury, bruise or fall to the thigh that she remembers.",
    "Denies trauma/bump to the area.",
])
def test_a_listed_denial_of_injury_to_the_part_is_no_trauma_to_the_mass(text):
    rec = facts(text, "thigh").get("mass_related_to_trauma")
    assert rec is not None and rec.present is False, text


@pytest.mark.parametrize("text", [
    "Deep thigh soft tissue mass - needs MRI to characterize.",
    "MRI recommended for further characterization.",
    "MRI thigh w/ and w/o contrast to better characterise.",
])
def test_an_mri_to_characterize_is_lesion_characterization(text):
    rec = facts(text, "thigh").get("lesion_characterization_needed")
    assert rec is not None and rec.present is True, text


# --- contrast written "w/o and w/": the tokenizer splits "w/", which is no negation ---------------------

@pytest.mark.parametrize("text", [
    "MRI L knee w/o and w/ contrast to guide treatment.",
    "MRI L knee w/o & w/ gad to guide treatment.",
])
def test_without_and_with_contrast_negates_nothing_after_it(text):
    rec = facts(text, age=9).get("imaging_to_guide_treatment")
    assert rec is not None and rec.present is True, text


def test_to_guide_treatment_reaches_over_a_line_break():
    text = "MRI L knee w/ contrast to guide\n    treatment change."
    found = facts(text, age=9)
    assert found["imaging_to_guide_treatment"].present is True
    assert found["imaging_would_change_management"].present is True


# --- an intra-articular steroid named by its drug ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hx: IA triamcinolone L knee 06/2025 -> good response x ~5 mo.",
    "R knee IA triamcinolone hexacetonide 05/2024 -> partial response.",
    "Kenalog injection R knee 3/2026, helped 2 months.",
    "Intra-articular steroid 4/2026 with brief relief.",
    "Cortisone shot R knee 5/2026.",
])
def test_an_intra_articular_steroid_is_a_steroid_injection(text):
    kinds = {t.kind for t in read_notes([text], REF, "knee", age=9).clinical.treatments}
    assert "steroid_injection" in kinds, text


# --- children's spine films: the slip in short, the curve's angle before or after it ------------------

@pytest.mark.parametrize("text", [
    "L-spine AP/lat - no fracture, no spondylolysis/listhesis, normal alignment.",
    "Lumbar: no spondylolysis, no listhesis, normal disc heights.",
])
def test_a_childs_no_listhesis_is_no_spondylolisthesis(text):
    rec = facts(text, "lumbar", age=15).get("spondylolisthesis")
    assert rec is not None and rec.present is False, text


def test_a_childs_graded_listhesis_is_a_spondylolisthesis():
    assert facts("Grade 1 listhesis L5 on S1.", "lumbar", age=15)["spondylolisthesis"].present is True


@pytest.mark.parametrize("text, angle", [
    ("Coronal: 8 deg thoracic curve (insignificant). Risser 3.", 8.0),
    ("24° right thoracic curve.", 24.0),
    ("Right thoracic curve of 28 degrees.", 28.0),
    ("Left thoracic curve from T5 to T11 measuring 32° by Cobb, with a compensatory right lumbar curve of 14°.", 32.0),
])
def test_a_curves_angle_is_the_cobb_angle(text, angle):
    rec = facts(text, "thoracic", age=14).get("cobb_angle")
    assert rec is not None and rec.value == angle, text


# --- SCFE: a classified slip is a diagnosis; prophylactic pinning is the other hip's --------------------

@pytest.mark.parametrize("text", [
    "A: 12 yo obese M w/ L stable (ambulatory) chronic SCFE, mild.",
    "XR: L SCFE, mild (Southwick slip angle ~22 deg).",
    "Reason: L SCFE on xray.",
    "Unstable R SCFE.",
])
def test_a_classified_or_filmed_slip_is_a_diagnosed_scfe(text):
    rec = facts(text, "hip", age=12).get("scfe_diagnosed")
    assert rec is not None and rec.present is True, text


def test_a_suspected_slip_is_not_diagnosed():
    found = facts("Concern for SCFE, films pending.", "hip", age=12)
    assert "scfe_diagnosed" not in found and found["scfe_suspected"].present is True


@pytest.mark.parametrize("text", [
    "MRI R hip to look for pre-slip - if present will pin R prophylactically under the same anesthetic.",
    "Discussed prophylactic pinning of the R hip.",
])
def test_prophylactic_pinning_is_imaging_of_the_contralateral_hip(text):
    rec = facts(text, "hip", age=12).get("contralateral_hip_imaging")
    assert rec is not None and rec.present is True, text


# --- ligaments named with another structure; mechanical symptoms ---------------------------------------

@pytest.mark.parametrize("text", [
    "Imp: acute R knee injury, concern for ligament and/or meniscal injury.",
    "Suspect ligamentous or meniscal tear.",
    "Worried about a torn ligament.",
])
def test_a_ligament_named_with_the_meniscus_is_a_ligament_injury_suspicion(text):
    rec = facts(text).get("ligament_injury_suspected")
    assert rec is not None and rec.present is True, text


@pytest.mark.parametrize("text", [
    "Medial knee pain with intermittent catching and two episodes of true locking.",
    "Knee catches when she bends it.",
    "Mechanical sx since the injury.",
])
def test_mechanical_symptoms_raise_internal_derangement(text):
    rec = facts(text).get("internal_derangement_suspected")
    assert rec is not None and rec.present is True, text


@pytest.mark.parametrize("text", [
    "Denies locking, catching or giving way.",
    "No catching, no locking.",
    "ORIF with a locking plate in 2019.",
])
def test_denied_mechanical_symptoms_or_locking_plates_say_nothing(text):
    assert "internal_derangement_suspected" not in facts(text)


# --- a swollen knee is an effusion -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "68M presents w/ R knee pain & swelling x 2 days, now can't bend it.",
    "Now 3 wks of increasing R knee pain, warmth and swelling.",
    "Swollen L knee.",
    "Swelling of the right knee since Sunday.",
])
def test_a_swollen_knee_is_a_joint_effusion_not_soft_tissue_swelling(text):
    found = facts(text)
    assert found.get("joint_effusion") is not None and found["joint_effusion"].present is True, text
    assert "soft_tissue_swelling" not in found, text


def test_the_knee_pain_beside_the_swelling_is_still_read():
    assert facts("R knee pain & swelling x 2 days.")["limb_pain"].present is True


def test_an_ankles_swelling_stays_soft_tissue():
    assert facts("Ankle swelling since the sprain.", "ankle")["soft_tissue_swelling"].present is True


# --- a hip ultrasound's bare alpha angle; a child's own growth is no growing mass ----------------------

@pytest.mark.parametrize("text, angle", [
    ("US 2/24/26 (in harness): L hip located, coverage 46%, alpha 55 - improving.", 55.0),
    ("R hip normal - alpha 64, coverage 58%, stable.", 64.0),
    ("Alpha angle 52 deg on the left.", 52.0),
])
def test_an_alpha_angle_without_its_unit_is_read(text, angle):
    rec = facts(text, "hip", age=0).get("hip_alpha_angle")
    assert rec is not None and rec.value == angle, text


def test_an_alpha_threshold_is_no_measurement():
    assert "hip_alpha_angle" not in facts("If alpha >= 60 + stable, begin wean.", "hip", age=0)


@pytest.mark.parametrize("text, age", [
    ("Feeding/growing well (wt 5.3 kg).", 0),
    ("Dx 'growing pains/patellofemoral'.", 12),
    ("Knee pain in a growing child.", 12),
    ("Growing pains per PCP.", 40),
])
def test_a_childs_own_growth_is_no_enlarging_mass(text, age):
    assert "mass_enlarging" not in facts(text, "thigh", age=age)


@pytest.mark.parametrize("age", [8, 50])
def test_a_growing_lump_is_enlarging(age):
    assert facts("The lump on her thigh is growing.", "thigh", age=age)["mass_enlarging"].present is True


# --- a dislocation named with its joint; a displaced fracture of a joint surface; a booked operation ----

@pytest.mark.parametrize("text, age", [
    ("16 yo M s/p R ant shoulder dislocation 9/26/26 making a tackle.", 16),
    ("Patellar dislocation last week.", 14),
    ("Dislocated L patella at practice.", 40),
])
def test_a_dislocation_named_with_its_joint_is_read_at_any_age(text, age):
    rec = facts(text, "knee", age=age).get("joint_dislocation")
    assert rec is not None and rec.present is True, text


@pytest.mark.parametrize("text", [
    "XR R shoulder 9/26: humeral head reduced; displaced ant-inf glenoid rim fx (bony Bankart).",
    "CT: comminuted tibial plateau fracture.",
    "Displaced intra-articular fracture of the distal radius.",
])
def test_a_displaced_fracture_of_a_joint_surface_is_a_complex_joint_fracture(text):
    rec = facts(text, "shoulder", age=16).get("complex_joint_fracture")
    assert rec is not None and rec.present is True, text


def test_a_plan_item_with_its_booked_date_is_a_planned_operation_for_the_injury():
    text = ("P: - Open reduction internal fixation of glenoid rim fx / open Bankart w/ possible Latarjet depending "
            "on fragment size & comminution - scheduled 10/14/26")
    found = facts(text, "shoulder", age=16)
    assert found["planned_limb_surgery"].present is True
    assert found["planned_surgery_condition"].value == "injury"


def test_a_past_operation_is_not_planned():
    assert "planned_limb_surgery" not in facts("s/p ACL reconstruction 2019.")


# --- an arrow starts a clause; apprehension; the study's bearing under a possibility; wrapped phrases --

def test_a_negation_does_not_reach_over_an_arrow():
    text = ("Lipohemarthrosis w/ mechanical sx (catching, lack of extension) after neg XR -> "
            "high suspicion for osteochondral fracture, + MPFL tear")
    found = facts(text, age=15)
    assert found["osteochondral_injury_suspected"].present is True
    assert found["ligament_injury_suspected"].present is True


@pytest.mark.parametrize("text", [
    "L knee: large tense effusion, + lateral patellar apprehension, ROM 15-70 deg.",
    "Patellar apprehension test positive.",
])
def test_a_positive_apprehension_test_is_joint_instability(text):
    found = facts(text, age=15)
    assert found["joint_instability"].present is True, text


@pytest.mark.parametrize("text, age", [
    ("Possible MPFL repair (would change mgmt/timing).", 15),
    ("MRI may change management.", 50),
])
def test_a_study_that_may_change_management_is_read(text, age):
    rec = facts(text, age=age).get("imaging_would_change_management")
    assert rec is not None and rec.present is True, text


def test_a_loose_body_over_a_wrapped_line_is_read():
    text = "high suspicion for osteochondral fracture (patella/lateral femoral condyle) / loose\n        body"
    found = facts(text, age=15)
    assert found["osteochondral_injury_unstable"].present is True
    assert found["internal_derangement_suspected"].present is True


# --- a bone lesion the reader calls not characteristic; a differential; a radiologist's advice --------

@pytest.mark.parametrize("text", [
    "Lesion appearance not entirely characteristic of any.",
    "Not classic for NOF.",
    "Atypical appearance on the films.",
])
def test_a_lesion_not_characteristic_on_film_is_no_characteristic_benign_lesion(text):
    rec = facts(text, "thigh", age=10).get("benign_bone_lesion_characteristic")
    assert rec is not None and rec.present is False, text


def test_a_lesion_named_in_a_differential_is_no_characteristic_benign_lesion():
    text = ('Rad impression: "Likely benign. Differential includes non-ossifying fibroma, aneurysmal bone cyst, '
            'fibrous dysplasia; appearance not entirely characteristic of any. Recommend MRI without and with '
            'contrast for characterization."')
    found = facts(text, "thigh", age=10)
    assert found["benign_bone_lesion_characteristic"].present is False
    assert found["specialist_recommended"].present is True


@pytest.mark.parametrize("text", [
    "Rad impression: Recommend MRI for characterization.",
    "Radiologist recommends MRI for further evaluation.",
    "MRI as recommended by the radiologist.",
])
def test_a_radiologists_recommendation_of_the_study(text):
    rec = facts(text, "thigh", age=10).get("specialist_recommended")
    assert rec is not None and rec.present is True, text


@pytest.mark.parametrize("text", [
    "Plan: MRI L femur; depending on MRI, observation w/ serial XR vs biopsy/curettage.",
    "Casting vs surgery based on the MRI findings.",
])
def test_a_next_step_that_depends_on_the_study_is_a_change_of_management(text):
    rec = facts(text, "thigh", age=10).get("imaging_would_change_management")
    assert rec is not None and rec.present is True, text


def test_atypical_for_the_patients_pattern_does_not_deny_what_follows():
    text = "This is atypical for her RA pattern - septic arthritis must be presumed until excluded."
    rec = facts(text, "ankle", age=58).get("septic_arthritis_suspected")
    assert rec is not None and rec.present is True


# --- a child's neck pain in a parent's words; "not the kind that goes away"; worse and not responding ---

@pytest.mark.parametrize("text", [
    'She holds her head tilted, she tells you her neck "hurts", and she wakes up crying.',
    "His neck is hurting more in the mornings.",
    "Complains of pain in her neck since the fall.",
])
def test_a_childs_neck_pain_in_plain_words(text):
    rec = facts(text, "cervical", age=5).get("neck_pain")
    assert rec is not None and rec.present is True, text


def test_not_the_kind_that_goes_away_denies_mild_transient_pain():
    found = facts("This is not the kind of stiff neck that goes away in a few days.", "cervical", age=5)
    assert found["pain_mild_transient"].present is False
    assert found.get("neck_pain") is None or found["neck_pain"].present is True


def test_worse_and_not_responding_to_treatment_is_worse_despite_treatment():
    text = "The tilt is getting worse at night, and is not responding to treatment."
    found = facts(text, "cervical", age=5)
    assert found["pain_worse_despite_treatment"].present is True
    assert found["night_pain"].present is True


def test_swollen_glands_are_lymphadenopathy():
    rec = facts("I did not feel any swollen glands.", "thigh", age=8).get("lymphadenopathy_palpable")
    assert rec is not None and rec.present is False


# --- a superficial mass in a child's note; a lump there for months; "less likely" ----------------------

@pytest.mark.parametrize("text", [
    "2.0 x 1.6 cm hard SUBCUTANEOUS nodule, mobile over underlying muscle, not fixed to fascia.",
    "Small subQ nodule on the forearm.",
])
def test_a_childs_superficial_mass_is_not_deep(text):
    rec = facts(text, "arm", age=14).get("mass_deep")
    assert rec is not None and rec.present is False, text


@pytest.mark.parametrize("text, age", [
    ('Clinical hx: "2 cm hard subQ nodule post R upper arm x 5 mo."', 14),
    ("Lump on the shin for the past 3 months.", 40),
])
def test_a_lump_there_for_months_is_a_persistent_palpable_abnormality(text, age):
    found = facts(text, "arm", age=age)
    assert found["palpable_abnormality_persistent"].present is True, text
    assert found["limb_mass"].present is True, text


def test_a_mass_that_is_not_growing_is_stable_and_not_growing_fast():
    found = facts("Per pt and mom same size since noticed, not growing.", "arm", age=14)
    assert found["mass_stable"].present is True
    assert found["mass_enlarging"].present is False
    assert found["mass_rapid_growth"].present is False


def test_less_likely_on_a_differential_is_a_negation():
    text = "Calcified subQ nodule, most c/w pilomatrixoma; epidermoid/sebaceous cyst less likely given calcification."
    assert facts(text, "arm", age=14)["sebaceous_cyst"].present is False


def test_no_lad_in_a_childs_limb_exam():
    assert facts("No axillary/epitrochlear LAD.", "arm", age=14)["lymphadenopathy_palpable"].present is False


# --- a toddler's spine note: a denied dimple, diapers, gadolinium, a ruled-out epidural abscess ---------

@pytest.mark.parametrize("text", [
    "Back: No overlying erythema, no sacral dimple.",
    "Back skin is clean with no dimple, tuft or mass.",
    "Skin intact no dimple/hair tuft.",
])
def test_a_denied_dimple_is_no_back_skin_lesion(text):
    rec = facts(text, "lumbar", age=2).get("back_skin_lesion")
    assert rec is not None and rec.present is False, text


def test_a_dimple_measured_is_still_a_dimple():
    assert facts("Midline lumbosacral dimple ~3.5 cm above anal verge.", "lumbar", age=0)["midline_dimple_cm"].value == 3.5


def test_normal_diapers_deny_bowel_bladder_dysfunction():
    assert facts("Wet diapers normal, BM normal, no vomiting.", "lumbar", age=2)["bowel_bladder_dysfunction"].present is False


def test_no_contraindication_to_gadolinium():
    text = "PIV in place, no contraindication to gadolinium, normal Cr."
    assert facts(text, "lumbar", age=2)["gadolinium_contrast_contraindicated"].present is False


@pytest.mark.parametrize("text", ["Discitis vs vertebral osteomyelitis; r/o epidural abscess.",
                                  "MRI to rule out epidural abscess."])
def test_an_epidural_abscess_to_rule_out_is_a_concern(text):
    assert facts(text, "lumbar", age=2)["epidural_abscess_concern"].present is True


# --- a mass that has doubled; what is still to be excluded -------------------------------------------

@pytest.mark.parametrize("text", ['Since then she feels it has about doubled, now "lemon sized".',
                                  "The lump has nearly doubled since spring."])
def test_a_mass_that_has_doubled_is_growing_rapidly(text):
    assert facts(text, "thigh", age=55)["mass_rapid_growth"].present is True


def test_doubled_training_is_no_growing_mass():
    assert "mass_rapid_growth" not in facts("He has doubled his mileage since August.", "foot", age=30)


@pytest.mark.parametrize("text", ["Deep soft tissue mass L thigh - need to exclude sarcoma.",
                                  "Sarcoma must be excluded."])
def test_a_tumor_still_to_be_excluded_is_not_known(text):
    found = facts(text, "thigh", age=55)
    assert "known_cancer" not in found and "malignant_or_aggressive_msk_tumor" not in found


# --- plain films that cannot answer the question --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "XRs neg for fx but can't evaluate ligaments/meniscus -> MRI R knee w/o contrast.",
    "Diffuse osteopenia limits evaluation.",
    "XR negative but limited by osteopenia - high concern for occult femoral neck fx.",
    "X-rays cannot show the tendon gap.",
    "Radiographs are insufficient to assess the cartilage.",
])
def test_films_that_cannot_answer_are_insufficient(text):
    rec = facts(text, "hip", age=70).get("radiographs_insufficient")
    assert rec is not None and rec.present is True, text


def test_a_range_of_motion_limited_by_pain_says_nothing_of_the_films():
    assert "radiographs_insufficient" not in facts("ROM limited by pain.")
