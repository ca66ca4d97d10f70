"""Phrasing families from outside testers' notes-only cases (round 22: notes_pedsp, notes_pedms, notes_le): a
complaint named after a comma ends a denial's reach, a denial only before the event makes a finding new, a
study's purpose (to exclude / to search for) with the items of its list, and others. Each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts


# --- R1: "c/o" after a comma starts an affirmed complaint; "no X before the fall" is a new X -------------------

@pytest.mark.parametrize("text", [
    "Since the fall holding head tilted to the L, won't turn neck, c/o neck pain.",
    "No fever, complains of neck pain.",
    "Denies numbness; reports neck pain since the fall.",
    "No prior problems and c/o neck pain today.",
    "No rash, endorses neck pain.",
])
def test_a_complaint_after_a_comma_ends_the_denial(text):
    check(text, "neck_pain", True, "cervical", 6)


@pytest.mark.parametrize("text", [
    "Does not report neck pain.",
    "No fever, no neck pain.",
])
def test_a_denial_without_a_new_complaint_still_denies(text):
    check(text, "neck_pain", False, "cervical", 6)


@pytest.mark.parametrize("text", [
    "No prior neck problems, no torticollis before today per mom.",
    "No head tilt prior to the fall.",
    "Denies torticollis before the injury.",
    "Torticollis not present prior to the trauma.",
    "Head tilt was not there before the accident.",
])
def test_a_torticollis_denied_only_before_the_event_is_new(text):
    check(text, "torticollis_new", True, "cervical", 6)


@pytest.mark.parametrize("text", ["No torticollis.", "Denies head tilt.", "No torticollis, no neck pain."])
def test_a_torticollis_denied_outright_is_absent(text):
    check(text, "torticollis_new", False, "cervical", 6)


@pytest.mark.parametrize("text", [
    "Exam: midline posterior cervical tenderness C1-C2.",
    "Posterior cervical midline TTP.",
    "Midline posterior neck pain since the fall.",
])
def test_midline_cervical_tenderness_in_another_word_order(text):
    check(text, "posterior_midline_cervical_pain", True, "cervical", 6)


def test_midline_lumbar_tenderness_is_not_cervical():
    absent("Exquisite midline TTP L3-L4.", "posterior_midline_cervical_pain", "lumbar", 10)


# --- R2: a study's purpose, with the items of its list, is looked for, not found -------------------------------

@pytest.mark.parametrize("text", [
    "MRI of the spine to search for intraspinal anomalies (tethered cord, diastematomyelia).",
    "MRI to exclude intraspinal anomalies such as tethered cord or diastematomyelia.",
    "MRI to screen for occult anomalies (diastematomyelia, syrinx).",
    "Spine MRI to check for diastematomyelia.",
])
def test_what_a_study_is_to_search_for_is_no_finding(text):
    absent(text, "significant_dysraphism", "thoracic", 2)


def test_a_dysraphism_found_is_still_read():
    check("MRI: diastematomyelia at L1.", "significant_dysraphism", True, "thoracic", 2)


# --- R3: a stress fracture's bone outside the high-risk list is its location -----------------------------------

@pytest.mark.parametrize("text,site", [
    ("Imp: suspected fibular stress fx.", "fibula"),
    ("Imp: suspected stress fracture of the R distal fibula.", "fibula"),
    ("? stress fx of the distal third of the fibula", "fibula"),
    ("Calcaneal stress reaction suspected.", "calcaneus"),
    ("Concern for stress fracture of the calcaneus.", "calcaneus"),
    ("Suspected cuboid stress fracture.", "cuboid"),
    ("Suspected sesamoid stress fx.", "sesamoid"),
    ("Suspected medial malleolar stress fracture.", "medial malleolus"),
    ("suspected tibial stress fx", "tibia"),
])
def test_the_bone_named_is_the_stress_fracture_site(text, site):
    rec = facts(text, "ankle", 14).get("stress_fracture_suspected")
    assert rec is not None and rec.present is not False
    assert rec.location == site


def test_a_fibular_stress_fracture_denied_stays_denied():
    check("Not a fibular stress fracture.", "stress_fracture_suspected", False, "ankle", 14)


# --- R4: a deep, subfascial or intramuscular mass is a soft-tissue mass; a parent's noticing is the child's ------

@pytest.mark.parametrize("text,age", [
    ("6 cm deep thigh mass, growing, painful.", 10),
    ("Given a deep, enlarging, painful soft tissue mass larger than 5 cm, MRI is needed.", 10),
    ("The mass is firm and fixed and appears to lie deep to the fascia.", 63),
    ("Mass within the vastus lateralis.", 40),
    ("Subfascial lump in the posterior calf.", 30),
])
def test_a_deep_mass_in_a_limb_is_a_soft_tissue_mass(text, age):
    check(text, "soft_tissue_mass", True, "thigh", age)


@pytest.mark.parametrize("text", [
    "His parents first noticed a lump in the back of his left thigh.",
    "Mom noticed a lump on his calf.",
    "Dad reports a lump in her thigh.",
])
def test_what_a_parent_noticed_is_the_childs(text):
    check(text, "soft_tissue_mass", True, "thigh", 10)


def test_a_parents_own_history_is_still_family():
    absent("Mother had a soft tissue mass removed.", "soft_tissue_mass", "thigh", 10)


def test_a_denial_before_and_appears_does_not_reach_the_depth():
    check("The mass does not move with the skin and appears to lie deep to the fascia.", "mass_deep", True, "thigh", 63)


# --- R5: tenderness (with warmth or swelling) at a part of a bone below the hip is pain distal to the hip -----------

@pytest.mark.parametrize("text", [
    "Exam: focal tenderness + warmth L distal femur just above the knee, hip ROM full & painless.",
    "Point tenderness w/ swelling over the proximal tibia.",
    "Tender and warmth over the distal R femur.",
])
def test_pain_below_the_hip_in_a_limping_child(text):
    check(text, "limp_pain_site", True, "knee", 6, value="distal_to_hip")


def test_knee_pain_in_a_limping_child_is_not_placed_below_the_hip():
    # (a slipped capital femoral epiphysis presents with knee pain: the complaint's site is not where the pain is)
    rec = facts("Knee pain and limping since Saturday.", "knee", 12).get("limp_pain_site")
    assert rec is None or rec.value != "distal_to_hip"


def test_a_non_tender_femur_is_no_site_below_the_hip():
    rec = facts("Limping; non-tender distal femur, hip ROM painful.", "knee", 6).get("limp_pain_site")
    assert rec is None or rec.value != "distal_to_hip"


# --- R6: a scoliosis film's "no other abnormality", a typical right thoracic pattern, surgery indicated/scheduled -----

@pytest.mark.parametrize("text", [
    "Standing PA/lat 10/1/26: R thoracic curve T6-T12, 22 deg, no other abnl.",
    "Right thoracic curve 24 degrees, no other bony abnormality.",
    "Single curve, no other osseous abnormalities.",
])
def test_no_other_abnormality_on_a_scoliosis_film(text):
    check(text, "xray_abnormality_beyond_curve", False, "thoracic", 12)


@pytest.mark.parametrize("text", [
    "imp: adolescent idiopathic scoliosis, typical R thoracic, 22 deg.",
    "Typical right main thoracic pattern.",
])
def test_a_typical_right_thoracic_pattern_is_no_double_or_high_thoracic_curve(text):
    check(text, "double_or_high_thoracic_curve", False, "thoracic", 12)


@pytest.mark.parametrize("text", [
    "He is indicated for posterior spinal fusion T4-L1 and the family has consented.",
    "Surgery is being scheduled for January 2027.",
    "She is now indicated for PSF.",
    "PSF T2-L3 to be scheduled after the holidays.",
])
def test_an_operation_indicated_or_being_scheduled_is_planned(text):
    check(text, "planned_spine_surgery", True, "thoracic", 15)


def test_surgery_not_indicated_is_no_plan():
    check("Surgery is not indicated.", "planned_spine_surgery", False, "thoracic", 15)


def test_a_normal_neuro_exam_after_a_denied_pain_is_not_denied():
    text = ("He has no back pain, and his neurologic examination was normal (strength 5/5, symmetric reflexes "
            "including abdominal reflexes, no clonus, sensation intact).")
    found = facts(text, "thoracic", 15)
    assert found["low_back_pain"].present is False
    assert "reflex_grade" not in found or found["reflex_grade"].present is not False


# --- R7: a finding "over the lower back" is no back pain; stiffness for a while on waking is morning stiffness ------

@pytest.mark.parametrize("text", [
    "9-mo with a hairy patch over the lower back.",
    "Hemangioma over her lower back.",
    "Tuft of hair across the lower back.",
])
def test_a_finding_over_the_lower_back_is_no_back_pain(text):
    absent(text, "low_back_pain", "lumbar", 1)


@pytest.mark.parametrize("text", [
    "c/o pain over the lower back.",
    "Aching across her lower back x 3 wks.",
    "Pain in the lower back.",
])
def test_pain_over_the_lower_back_is_back_pain(text):
    check(text, "low_back_pain", True, "lumbar", 12)


@pytest.mark.parametrize("text", [
    "Hurts worst in morning, stiff for about an hour on waking then loosens up.",
    "Stiff ~45 min in the mornings.",
    "Stiffness lasting 1 hr after waking.",
    "Stiff x 30 min each morning.",
])
def test_stiffness_for_a_while_on_waking_is_morning_stiffness(text):
    check(text, "morning_stiffness", True, "lumbar", 12)


def test_morning_stiffness_denied():
    check("No morning stiffness.", "morning_stiffness", False, "lumbar", 12)


# --- R8: lower extremity: "will determine ... planning"; the hip's impingement tests as a set; a history and an exam named as the grounds of a tear concern ----------------------------------

@pytest.mark.parametrize("text", [
    "P: Repeat MRI R knee w/o contrast -- will determine revision ACL planning.",
    "MRI, which will dictate the surgical approach.",
    "MRI to determine need for surgery.",
    "MRI will decide surgical vs nonoperative treatment.",
])
def test_what_the_study_will_determine_is_a_change_of_management(text):
    check(text, "imaging_would_change_management", True)


@pytest.mark.parametrize("text", [
    "A: L hip acetabular labral tear suspected (history of catch event + mechanical sx + + impingement tests).",
    "Hip: positive impingement tests on the L.",
    "(+) provocative tests, labrum suspected.",
])
def test_positive_hip_provocative_tests_are_the_exams_tear_concern(text):
    check(text, "tear_suspected_on_exam", True, "hip", 35)


def test_a_negative_fadir_is_no_tear_concern():
    absent("FADIR neg, Stinchfield neg.", "tear_suspected_on_exam", "hip", 35)


def test_not_ready_to_decide_on_surgery_is_no_bearing_of_the_study():
    absent("Pt not ready to decide on surgery.", "imaging_would_change_management", "foot", 50)


def test_history_and_exam_named_as_the_grounds_of_a_tear_concern():
    text = ("Given the history of an acute loading event, examination findings of a focal defect and weakness, and "
            "failure of more than 6 weeks of NSAIDs and therapy, I am concerned for a high-grade partial or chronic "
            "Achilles tear.")
    found = facts(text, "ankle", 45)
    assert found["tear_suspected_by_history"].present is True
    assert found["tear_suspected_on_exam"].present is True
