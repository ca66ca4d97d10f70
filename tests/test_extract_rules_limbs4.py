"""Phrasing families of lower-extremity and pediatric notes (fourth round): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import check, facts


# --- tendinopathy signs written with the result after the sign ----------------------------------------

@pytest.mark.parametrize("text", [
    "Exam: painful arc sign +, Thompson neg.",
    "Arc sign positive L Achilles.",
    "Royal London test (+).",
    "Tender fusiform thickening of the L Achilles 4 cm above insertion.",
])
def test_tendinopathy_signs(text):
    check(text, "orthopedic_exam_finding", True, "ankle", value="tendonitis")


@pytest.mark.parametrize("text", [
    "(-) pain w/ FADIR/log roll, hip ROM symmetric.",
    "(-) groin pain w/ hop test x10.",
    "FADIR/log roll neg b/l.",
    "Hop test negative.",
    "Painless FADIR.",
])
def test_painless_provocation_is_a_negative_maneuver(text):
    check(text, "orthopedic_exam_finding", True, "hip", age=22, value="none")


# --- weakness of push-off and muscle groups ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Push-off feels weak, limps after games.",
    "Weak push-off on the left.",
    "Plantarflexion is weaker on the L.",
    "Unable to perform a single-leg heel raise on the left.",
    "Quads feel weak going downstairs.",
])
def test_limb_weakness_as_an_adjective(text):
    check(text, "limb_weakness", True, "ankle")


def test_a_weak_pulse_is_no_limb_weakness():
    assert "limb_weakness" not in facts("DP pulse weak, PT pulse 1+.", "ankle")


# --- monofilament and sensation -----------------------------------------------------------------------

@pytest.mark.parametrize("text, present", [
    ("Monofilament absent b/l to mid-foot.", True),
    ("Insensate to 5.07 monofilament at the forefoot.", True),
    ("Diminished monofilament sensation on the plantar foot.", True),
    ("Monofilament intact b/l.", False),
    ("Distal pulses and sensation normal.", False),
    ("Protective sensation intact.", False),
])
def test_monofilament_and_sensation(text, present):
    check(text, "sensory_loss", present, "foot", age=63)


# --- penetrating injury denied ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No known puncture or stepping on anything.",
    "Denies stepping on a nail.",
    "No penetrating injury.",
])
def test_a_denied_puncture(text):
    check(text, "puncture_wound_foreign_body", False, "foot", age=63)


# --- a suspicion held low, with or without "for" ----------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Low suspicion nec fasc.", "necrotizing_fasciitis_suspected"),
    ("Low concern for septic arthritis.", "septic_arthritis_suspected"),
    ("Low index of suspicion for osteomyelitis.", "osteomyelitis_suspected"),
])
def test_low_suspicion_negates(text, name):
    check(text, name, False, "foot", age=63)


# --- an excluded periprosthetic infection; a component fracture ---------------------------------------

@pytest.mark.parametrize("text", [
    "I consider periprosthetic infection excluded.",
    "A: Painful R TKA - PJI excluded.",
    "PJI has been ruled out.",
])
def test_excluded_pji(text):
    got = facts(text, "knee", 71)
    assert got["periprosthetic_infection_suspected"].present is False
    assert got["infection_excluded"].present is True


def test_pji_still_suspected_is_not_excluded():
    got = facts("Concern for PJI, aspiration pending.", "knee", 71)
    assert got["periprosthetic_infection_suspected"].present is True
    assert "infection_excluded" not in got


@pytest.mark.parametrize("text, present", [
    ("No periprosthetic fracture, component fracture or malalignment.", False),
    ("XR: fractured polyethylene post suspected.", True),
    ("Broken rod at L hip blade plate.", True),
])
def test_component_fracture(text, present):
    check(text, "hardware_fracture_suspected", present, "knee", age=71)


# --- follow-up imaging for a purpose; stress fracture as the diagnosis; bone density scores -----------

@pytest.mark.parametrize("text", [
    "Plan: f/u MRI L hip w/o contrast prior to return-to-run progression.",
    "Repeat MRI to confirm healing before clearance.",
    "Follow-up imaging to document union.",
])
def test_follow_up_imaging_needed(text):
    check(text, "follow_up_imaging_needed", True, "hip", age=22)


def test_a_bare_follow_up_mri_says_nothing():
    assert "follow_up_imaging_needed" not in facts("F/u MRI in 6 months.", "hip", age=22)


@pytest.mark.parametrize("text", [
    "#1 L femoral neck stress fx, compression side",
    "Dx: R 2nd metatarsal stress fracture.",
    "MRI-confirmed tibial stress fracture.",
])
def test_a_diagnosed_stress_fracture_is_known(text):
    check(text, "stress_fracture_known", True, "hip", age=22)


def test_a_healed_problem_list_stress_fracture_is_not_known():
    assert "stress_fracture_known" not in facts("#3 Hx R 3rd MT stress fx 2024 - healed.", "foot", age=22)


@pytest.mark.parametrize("text, present", [
    ("DEXA 3/10/26: L spine Z -1.6, hip Z -1.3", True),
    ("T-score -2.7 at the femoral neck.", True),
    ("Z score of -1.2 at the spine.", True),
])
def test_low_bone_density_scores(text, present):
    check(text, "low_bone_density", present, "hip", age=22)


def test_a_normal_bone_density_score_says_nothing():
    assert "low_bone_density" not in facts("DEXA: Z-score -0.4, normal for age.", "hip", age=22)


# --- pediatric: sedation / anesthesia for the MRI and its IV ---------------------------------------------

@pytest.mark.parametrize("text, present", [
    ("MRI cervical spine w/o contrast - will need GA (developmental level).", True),
    ("Order MRI lumbar spine (will need sedation - infant).", True),
    ("MRI under sedation next week.", True),
    ("He does not require sedation for the MRI.", False),
])
def test_mri_needs_general_anesthesia(text, present):
    check(text, "mri_needs_general_anesthesia", present, "lumbar", age=1)


@pytest.mark.parametrize("text", [
    "MRI - will need GA; anesthesia to place IV.",
    "IV will be placed by anesthesia.",
    "Planned IV sedation for the MRI.",
])
def test_anesthesia_iv_access(text):
    check(text, "anesthesia_iv_access", True, "cervical", age=4)


# --- pediatric spine: denied torticollis, baseline neuro exam, clonus, asymptomatic child ----------------

@pytest.mark.parametrize("text", [
    "Head tilt / torticollis ............ (-)",
    "No torticollis.",
    "Denies head tilt.",
])
def test_denied_torticollis(text):
    check(text, "torticollis_new", False, "cervical", age=12)


def test_a_congenital_torticollis_is_not_denied():
    rec = facts("Congenital muscular torticollis, in PT.", "cervical", age=1).get("torticollis_new")
    assert rec is None or rec.present is True


def test_neuro_exam_at_baseline():
    check("T21 w/ AAI, neuro exam at baseline.", "abnormal_neuro_exam", False, "cervical", age=12)


@pytest.mark.parametrize("text, present", [
    ("Biceps 2+ / patellar 2+ symmetric, no clonus, Babinski neg.", False),
    ("3 beats of clonus at the R ankle.", True),
])
def test_clonus(text, present):
    check(text, "hyperreflexia", present, "cervical", age=12)


@pytest.mark.parametrize("text", [
    "Assessment: T21 w/ radiographic AAI (ADI 5.0 mm), asymptomatic, neuro exam at baseline.",
    "Currently: asymptomatic.",
])
def test_asymptomatic_child(text):
    check(text, "active_spinal_symptoms", False, "cervical", age=12)


def test_an_asymptomatic_finding_says_nothing_about_the_child():
    assert "active_spinal_symptoms" not in facts("Incidental asymptomatic syrinx on prior MRI.", "cervical", age=12)


# --- birth history: term and preterm written as gestational weeks ----------------------------------------

@pytest.mark.parametrize("text, present", [
    ("Birth hx: 39+2 wk, SVD, vertex, BW 3.42 kg.", False),
    ("Born at 40 weeks via C/S.", False),
    ("Full term, no NICU.", False),
    ("Born at 32 weeks, NICU x 3 wks.", True),
    ("30+4 wk GA twin.", True),
    ("Ex-34 weeker.", True),
])
def test_gestational_age(text, present):
    check(text, "premature_infant", present, "lumbar", age=0)


# --- back skin: a subcutaneous midline mass, a straight gluteal cleft ----------------------------------

def test_a_subcutaneous_midline_mass():
    check("Back: soft subcutaneous mass over the sacrum.", "back_skin_lesion", True, "lumbar", age=0,
          value="subcutaneous_midline_mass")


@pytest.mark.parametrize("text", [
    "Gluteal cleft straight, not deviated.",
    "Symmetric gluteal cleft.",
    "No palpable subcutaneous mass.",
])
def test_normal_back_skin(text):
    check(text, "back_skin_lesion", False, "lumbar", age=0)


# --- a suspected toddler's / stress fracture denied: the cue stays outside the span --------------------------

@pytest.mark.parametrize("text, name", [
    ("Toddler fx unlikely (no trauma, febrile).", "occult_fracture_suspected"),
    ("No toddler fracture.", "occult_fracture_suspected"),
    ("Occult fracture less likely.", "occult_fracture_suspected"),
    ("No tibial stress fracture.", "stress_fracture_suspected"),
])
def test_denied_fracture_suspicions(text, name):
    check(text, name, False, "leg", age=4)


def test_a_toddler_fracture_to_rule_out_is_suspected():
    check("Limp x 2 days, r/o toddler fx.", "occult_fracture_suspected", True, "leg", age=2)


# --- a child's localized limb pain -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "R LE: focal warmth and exquisite point tenderness over the R proximal tibial metaphysis.",
    "Exam: focal bony TTP mid-shaft R 2nd metatarsal.",
    "Mild TTP distal lateral femur, knee FROM.",
    "Pain localized to the proximal tibia.",
])
def test_localized_limb_pain(text):
    check(text, "localized_limb_pain_or_swelling", True, "leg", age=8)


def test_a_denied_spot_says_nothing_about_localized_pain():
    assert "localized_limb_pain_or_swelling" not in facts("No TTP 5th MT base or navicular.", "foot", age=12)


# --- a child's lost function: sitting out, missed school ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sitting out of PE since 1/12.",
    "Held out of soccer for 3 weeks.",
    "Missed 4 days of school in the past 2 wks.",
    "Can't sit through class.",
    "Stopped going to practice entirely.",
])
def test_functional_loss_in_children(text):
    check(text, "functional_loss", True, "hip", age=12)


# --- the limping child's pain placed in the hip -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "12 yo, thigh/knee/groin pain + limp.",
    "Limping, pain with hip internal rotation.",
    "Hip IR painful on the L.",
])
def test_limp_pain_site_hip(text):
    check(text, "limp_pain_site", True, "hip", age=12, value="hip")


def test_no_pain_with_log_roll_is_no_pain_site():
    got = facts("R hip: full passive ROM, no pain with log roll.", "hip", age=5)
    assert "limp_pain_site" not in got
    assert got["limb_pain"].present is False


# --- the result decides the treatment --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "MRI L hip w/o contrast - if pre-slip/physeal edema will proceed to in situ pinning.",
    "Surgery vs casting depending on the MRI.",
])
def test_imaging_would_change_management_in_children(text):
    check(text, "imaging_would_change_management", True, "hip", age=12)


def test_in_situ_pinning_is_no_fragment_in_situ():
    assert "osteochondral_fragment_nondisplaced" not in facts("Will proceed to in situ pinning.", "hip", age=12)


# --- overuse apophysitis is a chronic injury; a denied OCD lesion ------------------------------------------

def test_osgood_schlatter_is_a_chronic_limb_injury():
    got = facts("A/P: L Osgood-Schlatter disease, improving w/ conservative care.", "knee", age=13)
    assert got["osgood_schlatter"].present is True
    assert got["chronic_limb_injury"].present is True


def test_no_ocd_lesion():
    check("XR: no OCD lesion, no fracture, physes open.", "osteochondral_injury_suspected", False, "knee", age=13)


# --- no fracture ever -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Never broken a bone.", "No prior fractures.", "Denies history of fractures."])
def test_no_prior_fracture(text):
    check(text, "prior_low_energy_fracture", False, "foot", age=24)


def test_a_fracture_history_says_nothing_of_its_energy():
    assert "prior_low_energy_fracture" not in facts("Prior fractures: wrist age 9.", "foot", age=24)


# --- a child's mass depth, Kocher's criteria ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["5 cm mass deep to the fascia.", "Subfascial mass of the calf."])
def test_a_deep_mass_in_a_child(text):
    check(text, "mass_deep", True, "thigh", age=12)


@pytest.mark.parametrize("text, high", [
    ("Kocher 3/4.", True),
    ("Kocher criteria 4 of 4 met.", True),
    ("Meets 2/4 Kocher criteria.", False),
])
def test_kocher_criteria(text, high):
    got = facts(text, "hip", age=5)
    assert got["septic_arthritis_suspected"].present is True
    assert ("infection_suspicion_high" in got) is high


def test_kocher_one_of_four_raises_nothing():
    assert "septic_arthritis_suspected" not in facts("Kocher 1/4.", "hip", age=5)


# --- locking, Thompson described, probe-to-bone results --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Episodes of locking x3 since injury.",
    "Knee locks up when squatting.",
    "Locked knee, unable to fully extend.",
])
def test_locking_is_a_tear_history(text):
    check(text, "tear_suspected_by_history", True, "knee", age=25)


def test_denied_locking_says_nothing():
    assert "tear_suspected_by_history" not in facts("No locking.", "knee", age=25)


def test_thompson_described():
    got = facts("Thompson's: no plantarflexion with calf squeeze.", "ankle", age=40)
    assert got["tear_suspected_on_exam"].present is True
    assert got["orthopedic_exam_finding"].value == "tear"


@pytest.mark.parametrize("text, present", [
    ("PTB positive at the 1st MTH ulcer.", True),
    ("Probe to bone (+).", True),
    ("Probe to bone negative.", False),
    ("Ulcer does not probe to bone.", False),
    ("Negative probe-to-bone.", False),
])
def test_probe_to_bone_results(text, present):
    check(text, "osteomyelitis_suspected", present, "foot", age=60)

