"""Phrasing families of adult spine notes, fourth round (read from the fresh tune notes' misses): the
patient's words for saddle numbness and weak hands or legs, the exam's typos and other senses, the work a
pain cuts back, a denial's list that ends at a new clause, and the plan's wording of urgency and of a study
that would change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str = "lumbar", age: int = 50) -> list:
    return [f for f in read_notes([text], REF, region, age).clinical.facts if f.fact == name]


def polarity(text: str, name: str, region: str = "lumbar") -> set[bool]:
    return {f.present for f in records(text, name, region)}


def values(text: str, name: str, region: str = "lumbar") -> set:
    return {f.value for f in records(text, name, region) if f.present}


# --- the radiating pain's score written before the arrow from the neck or back ---------------------------

@pytest.mark.parametrize("text, region, score", [
    ("Today: still 6/10 neck->L arm, numb L middle finger.", "cervical", 6),
    ("Reports 7/10 back -> R leg pain since the fall.", "lumbar", 7),
    ("8/10 low back radiating into the L calf.", "lumbar", 8),
])
def test_a_score_before_the_radiation_is_the_radicular_pain(text, region, score):
    assert values(text, "radicular_pain", region) == {score}


def test_a_score_of_the_back_alone_is_not_the_leg_pain():
    assert values("Back pain 4/10. Leg pain shooting to the foot.", "radicular_pain") != {4}


# --- a denial's list ends where a new clause begins ---------------------------------------------------------

@pytest.mark.parametrize("text, name, region", [
    ("She denies neck injury, she has had chronic neck stiffness for years.", "neck_pain", "cervical"),
    ("No trauma, woke up w/ L neck pain shooting down back of arm to middle finger.", "radicular_pain", "cervical"),
    ("Denies fever, pt reports numbness in the L foot.", "extremity_neurological_symptoms", "lumbar"),
])
def test_a_new_clause_is_not_denied(text, name, region):
    assert polarity(text, name, region) == {True}


def test_unsustained_clonus_does_not_negate_the_next_finding():
    text = "3 beats of clonus on the right which is not sustained, plantar responce extensor on the right."
    assert polarity(text, "babinski_sign", "cervical") == {True}
    assert polarity(text, "hyperreflexia", "cervical") == {True}


# --- saddle numbness in the patient's words --------------------------------------------------------------

@pytest.mark.parametrize("text", ['Reports "numb when I wipe."', "Numbness when wiping since last night."])
def test_numb_when_wiping_is_saddle_anesthesia(text):
    assert polarity(text, "saddle_anesthesia") == {True}


# --- weak hands and legs in the patient's words (spine notes) ----------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("Seen for hand clumsiness and unsteady walking.", "cervical"),
    ("She has been dropping things and has trouble with buttons.", "cervical"),
    ('Both legs "give out" when walking.', "lumbar"),
])
def test_clumsy_hands_and_giving_legs_are_limb_symptoms(text, region):
    assert polarity(text, "extremity_neurological_symptoms", region) == {True}


def test_a_knee_giving_way_is_no_neurological_symptom():
    assert records("R knee gives way on stairs.", "extremity_neurological_symptoms", "knee") == []


# --- the sensory exam: pin prick in two words, vibration and position sense ----------------------------------

@pytest.mark.parametrize("text", [
    "Decreased pin prick in a glove distribution both hands.",
    "Sensation: mildly decreased vibration toes bilat, LT intact.",
    "Vibration reduced at the toes.",
    "Impaired proprioception at the great toes.",
])
def test_other_senses_lost_are_sensory_loss(text):
    assert True in polarity(text, "sensory_loss", "cervical")


# --- the work and activities a pain cuts back -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hard to hold the scaler at work, has cut back to 3 days/wk.",
    "Has reduced her hours at the warehouse.",
    "Quit church choir because she can't stand that long.",
    "Had to give up golf this summer.",
])
def test_reduced_work_and_given_up_activities_are_functional_loss(text):
    assert polarity(text, "functional_loss") == {True}


# --- history and review of systems: forms the earlier rules missed --------------------------------------------

@pytest.mark.parametrize("text, name, present", [
    ("42M, hx intermittent LBP for yrs (never imaged, no prior surgery).", "spinal_surgery", False),
    ("No IVDU. No recent infxn.", "recent_bacterial_infection", False),
    ("No fevers, wt stable.", "weight_loss_unintended", False),
    ("Last CT C/A/P 3/2024 NED.", "metastatic_cancer", False),
    ("Breast cancer 2019, no evidence of disease on last scan.", "metastatic_cancer", False),
    ("acute bilat sciatica + urinary retention", "bilateral_sciatica_acute", True),
    ("no prior episodes of neurologic sx to suggest demyelinating dz.", "multiple_sclerosis", False),
])
def test_history_forms(text, name, present):
    assert polarity(text, name) == {present}


def test_the_reading_beside_afebrile_is_the_temperature():
    assert values("EXAM: Afebrile (97.9).", "temperature_f") == {97.9}


def test_fear_of_re_injury_is_no_injury():
    assert records("MRI appearance doesn't predict re-injury.", "spinal_trauma") == []


def test_a_brain_explanation_looked_for_and_absent():
    text = "Upper motor neuron findings in all four limbs with no brain explanation."
    assert polarity(text, "findings_unexplained", "cervical") == {True}


# --- the plan: urgent surgery, a study that would change nothing, a past injection -------------------------

@pytest.mark.parametrize("text", [
    "Neurosurgery paged, aware, plans OR tonight if confirmed.",
    "Spine surgery consulted, emergent decompression planned.",
])
def test_urgent_surgery_plans(text):
    assert polarity(text, "urgent_surgery_plan") == {True}


def test_or_in_lower_case_is_no_operating_room():
    assert records("Pain worse with sitting or standing, better lying down or tonight after rest.",
                   "urgent_surgery_plan") == []


@pytest.mark.parametrize("text", [
    "Repeat imaging would not change mgmt.",
    "An MRI won't change management at this point.",
])
def test_a_study_that_would_not_change_management(text):
    assert polarity(text, "imaging_would_change_management") == {False}


def test_a_study_that_would_change_management():
    assert polarity("MRI would change management (surgical candidate).", "imaging_would_change_management") == {True}


def test_a_past_tfesi_is_no_planned_one():
    assert records("A: L S1 radiculopathy, resolved after TFESI + PT.", "planned_tfesi") == []


# --- a list of muscles or reflexes shares the grade written after its last name --------------------------

def test_a_list_of_muscles_shares_the_grade_after_it():
    text = "Grip 4/5 bilaterally, deltoid biceps triceps 5/5, lower extremities 5/5 throughout."
    grades = {f.location: f.value for f in records(text, "motor_grade", "cervical")}
    assert grades.get("grip") == 4 and grades.get("deltoid") == 5 and grades.get("triceps") == 5


def test_names_with_their_own_grades_are_no_list():
    text = "DTRs 2+ knees 1+ ankles sym, sensation intact."
    grades = {f.location: f.value for f in records(text, "reflex_grade")}
    assert grades == {"patellar": 2, "achilles": 1}


# --- an earlier exam's value in brackets is not today's --------------------------------------------------------

def test_an_old_value_in_brackets_is_not_todays():
    text = "Achilles 2+ and symmetric (L was 1+ in March)."
    assert values(text, "reflex_grade") == {2}
    assert True not in polarity(text, "reflex_asymmetry")


def test_todays_loss_beside_the_old_value_stays():
    text = "R Achilles absent (was 1+). L side nl."
    assert values(text, "reflex_grade") == {0}
    assert True in polarity(text, "reflex_asymmetry")


def test_a_bracket_of_narrative_is_no_old_exam():
    assert polarity("LBP that flared after Labor Day (no injury, was helping daughter move).", "spinal_trauma") == {False}


# --- the adult trauma exam: GCS, mental status, sobriety; steroid use denied ---------------------------------

def test_adult_trauma_exam_items():
    text = "Not on steroids. No EtOH. EXAM: GCS 15, alert and appropriate. Midline tenderness C5-C6."
    assert values(text, "glasgow_coma_scale", "cervical") == {15}
    assert polarity(text, "altered_mental_status", "cervical") == {False}
    assert polarity(text, "intoxication", "cervical") == {False}
    assert polarity(text, "long_term_glucocorticoids", "cervical") == {False}


@pytest.mark.parametrize("text, name, present", [
    ("Pt is confused, GCS 13.", "altered_mental_status", True),
    ("Neuro: A&Ox3, moving all extremities.", "altered_mental_status", False),
    ("EtOH on board per EMS, smells of alcohol.", "intoxication", True),
])
def test_adult_mental_status_and_intoxication(text, name, present):
    assert polarity(text, name, "cervical") == {present}


# --- a past episode named as history is not today's radiculopathy -----------------------------------------------

@pytest.mark.parametrize("text", [
    "PMH: s/p ACDF for R C6 radiculopathy 2018. Now with low back pain.",
    "Hx of L5 radiculopathy 2019, resolved. Now axial LBP only.",
    "Prior R C6 radiculopathy (2017) which resolved with PT.",
])
def test_a_past_radiculopathy_is_not_current(text):
    assert True not in polarity(text, "radiculopathy")


@pytest.mark.parametrize("text", [
    "s/p L4-5 microdiscectomy 2024, now recurrent L5 radiculopathy.",
    "A: L S1 radiculopathy - clinically resolved/resolving after TFESI + PT.",
])
def test_a_current_radiculopathy_after_surgery_stays(text):
    assert polarity(text, "radiculopathy") == {True}


# --- nerve tension signs per side: the negative side kept, a crossed SLR is the other leg's ----------------------

def sides(text: str, name: str = "nerve_tension_sign") -> set:
    return {(f.present, f.side) for f in records(text, name)}


@pytest.mark.parametrize("text, expected", [
    ("Exam 5/4: SLR + L @ 40 deg, crossed SLR neg.", {(True, "left"), (False, "right")}),
    ("SLR: (+) R at 40 deg reproducing leg pain. Crossed SLR (-).", {(True, "right"), (False, "left")}),
    ("She had a positive straight leg raise on the left at 35 degrees, negative on the right.",
     {(True, "left"), (False, "right")}),
    ("Femoral nerve stretch (+) L, neg R. SLR neg b/l.", {(True, "left"), (False, "right"), (False, "bilateral")}),
    ("SLR L (+) at 25 deg w/ leg pain. R SLR neg.", {(True, "left"), (False, "right")}),
    ("DTRs 2+ sym, neg SLR b/l, no clonus.", {(False, "bilateral")}),
])
def test_nerve_tension_sign_sides(text, expected):
    assert sides(text) == expected


def test_a_verdict_after_a_comma_reaches_two_words_only():
    text = "SLR + L, neg R, Hoffmann + on the R."
    assert sides(text, "hoffmann_sign") == {(True, "right")}


def test_the_side_of_the_previous_list_item_is_not_the_signs():
    assert sides("Hoffmann neg bilat, Babinski neg.", "babinski_sign") == {(False, None)}


# --- more limb symptoms, neck pain beside arm pain, a bracket's negation, a relative's help, HF in a list ------

@pytest.mark.parametrize("text, region", [
    ("Reports some weakness pushing off R big toe.", "lumbar"),
    ("Has trouble with push-ups with the R arm, drops\nmail bundles.", "cervical"),
])
def test_weakness_of_a_named_part_and_dropping_things(text, region):
    assert polarity(text, "extremity_neurological_symptoms", region) == {True}


def test_a_relative_doing_things_for_the_patient_is_no_family_history():
    text = "Husband doing childcare, can't lift her 2 y/o. Numbness R middle finger unchanged."
    assert polarity(text, "extremity_neurological_symptoms", "cervical") == {True}


@pytest.mark.parametrize("text", ["Seen for R neck + arm pain since Valentine's day.", "Neck/shoulder pain x 3 wks."])
def test_neck_beside_arm_pain_is_neck_pain(text):
    assert polarity(text, "neck_pain", "cervical") == {True}


def test_a_closed_bracket_ends_its_negation():
    text = "R C7 radicular pain x 3 wks (onset ~8/18, no trauma), VAS 9/10, neck -> posterior arm -> middle finger."
    assert polarity(text, "neck_pain", "cervical") == {True}


def test_hf_in_a_list_of_muscle_abbreviations_is_hip_flexion():
    locations = {f.location for f in records("LE strength 5/5 b/l (HF, KE, ADF, PF).", "motor_grade")}
    assert "iliopsoas" in locations
    assert records("PMH: HF, CKD, DM2.", "motor_grade") == []


# --- a muscle weak on both sides is bilateral motor weakness ---------------------------------------------------

@pytest.mark.parametrize("text", ["Grip 4/5 bilaterally, deltoid 5/5.", "Neuro: EHL 4/5 bilat, ankle PF 4/5 bilat, quads 5/5."])
def test_a_muscle_weak_on_both_sides_is_bilateral_weakness(text):
    assert polarity(text, "bilateral_motor_weakness", "cervical") == {True}


@pytest.mark.parametrize("text", ["Hip flexion 4+/5 bilat limited by pain.", "EHL 4/5 L, 5/5 R.", "Strength 5/5 b/l."])
def test_one_sided_or_pain_limited_weakness_is_not_bilateral(text):
    assert records(text, "bilateral_motor_weakness") == []


# --- dictated punctuation, independence documented, a conditional next study ------------------------------------

def test_dictated_period_and_comma_end_a_negation():
    text = ("He was first seen for left neck and arm pain that began in February period no injury period he rates it "
            "6 out of 10 and it wakes him at night comma he has trouble pushing heavy doors and has been on light duty "
            "since March period")
    assert polarity(text, "night_pain", "cervical") == {True}
    assert polarity(text, "functional_loss", "cervical") == {True}


@pytest.mark.parametrize("text", ["Completed PT, functional and independent.", "Independent with ADLs, no device."])
def test_documented_independence_is_no_functional_loss(text):
    assert polarity(text, "functional_loss") == {False}


@pytest.mark.parametrize("text", ["3. If MRI + -> restaging CT C/A/P + bone scan", "If positive, will obtain staging PET."])
def test_a_conditional_next_study_is_not_this_studys_staging(text):
    assert records(text, "oncologic_staging", "thoracic") == []


def test_a_staging_request_stays():
    assert polarity("MRI requested for restaging of her lymphoma.", "oncologic_staging", "thoracic") == {True}


def test_pain_free_reaches_back_two_words_only():
    text = "59 yo M s/p L4-5 TLIF (Dr. Venkat, 3/12/2024) - did well for ~2 yrs, mostly pain free and back to golf."
    assert polarity(text, "spinal_fusion") == {True}
    assert polarity("Leg pain free since the injection.", "radicular_pain") == {False}


@pytest.mark.parametrize("text, temp", [("Afebrile 98.4.", 98.4), ("afebrile at 99.1 F", 99.1)])
def test_more_readings_beside_afebrile(text, temp):
    assert values(text, "temperature_f") == {temp}


def test_a_recurrence_begins_the_episode():
    text = ("Procedure: L L5-S1 microdiscectomy 8/25/26. Did great initially. Then ~10/20 L buttock/posterior leg pain "
            "came back, now 7/10.")
    assert read_notes([text], REF, "lumbar", 53).clinical.episode_onset == dt.date(2026, 10, 20)


def kinds(text: str) -> set[str]:
    return {t.kind for t in read_notes([text], REF, "lumbar", 50).clinical.treatments}


@pytest.mark.parametrize("text", [
    "Took ibuprofen maybe twice last month.",
    "Takes tylenol prn maybe twice a wk.",
    "No other tx since except OTC tylenol here and there.",
])
def test_a_pill_now_and_then_is_no_course(text):
    assert not kinds(text) & {"nsaid", "analgesic"}


def test_regular_use_stays_a_course():
    assert "nsaid" in kinds("Completed 6 wks of PT, uses ibuprofen a few times a week with good relief.")


@pytest.mark.parametrize("text", ["- cont cyclobenzaprine, OK to add naproxen 500 bid", "May try meloxicam 15 mg daily.",
                                  "Consider starting gabapentin at night."])
def test_a_medication_offered_is_no_course_tried(text):
    assert not kinds(text) & {"nsaid", "neuropathic_pain_medication"}


def test_the_side_before_the_reflex_is_its_first_values():
    grades = {(f.side, f.value) for f in records("Left ankle jerk is absent (0), right 2+.", "reflex_grade")}
    assert grades == {("left", 0), ("right", 2)}


def test_the_season_is_no_fall():
    assert records("Did PT for this last fall (Sept-Nov 2025) and it helped a lot.", "spinal_trauma") == []
    assert polarity("No fall/trauma.", "spinal_trauma") == {False}
    assert polarity("Had a fall at home 2 days ago.", "spinal_trauma") == {True}


def test_saddle_anesthesia_has_no_side():
    text = ('Pain shooting down BOTH legs (L>R), numbness "down there" - can\'t feel toilet paper. '
            "Decreased pinprick perineum bilat.")
    recs = records(text, "saddle_anesthesia")
    assert len(recs) == 1 and recs[0].side is None


@pytest.mark.parametrize("text, present", [
    ("MDM: high risk mechanism, NEXUS/Canadian C-spine not cleared, plain films not adequate.", True),
    ("Unable to clear c-spine clinically given intoxication.", True),
])
def test_a_cervical_spine_not_cleared_is_a_suspected_fracture(text, present):
    assert polarity(text, "suspected_spinal_fracture", "cervical") == {present}


def test_a_cleared_cervical_spine_is_no_suspicion():
    assert records("C-spine cleared clinically by NEXUS.", "suspected_spinal_fracture", "cervical") == []
