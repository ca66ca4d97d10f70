"""Phrasing families of spine and pediatric notes: the many ways clinicians write the same exam finding
or history fact (dictated numbers, table layouts, abbreviations, side-by-side values, negation forms)."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.readers import read_sided_values, read_value
from necessity.extract.rules import ValueReader

REF = dt.date(2026, 10, 27)
GRADE = ValueReader(read="grade")
REFLEX = ValueReader(read="reflex")


def records(text: str, region: str | None = "lumbar", age: int | None = 50, name: str | None = None) -> list:
    out = read_notes([text], REF, region, age).clinical.facts
    return [f for f in out if name is None or f.fact == name]


def exam(text: str, region: str = "lumbar", age: int = 50) -> set[tuple]:
    return {(f.fact, f.location, f.value, f.side) for f in records(text, region, age)
            if f.fact in ("motor_grade", "reflex_grade")}


def values(text: str, name: str, region: str | None = "lumbar", age: int | None = 50) -> set[tuple]:
    return {(f.present, f.value) for f in records(text, region, age, name)}


# --- strength grades and reflexes: how the number is written ------------------------------------------

@pytest.mark.parametrize("reader, sentence, span, value", [
    (GRADE, "triceps is 4 out of 5", (0, 7), 4),
    (GRADE, "wrist flexion four out of five", (0, 13), 4),
    (GRADE, "EHL 4+ out of 5", (0, 3), 4),
    (GRADE, "EHL 4 over 5", (0, 3), 4),
    (REFLEX, "left triceps reflex is 1 plus", (5, 19), 1),
    (REFLEX, "knee jerks two plus", (0, 10), 2),
    (REFLEX, "patellar 2+/4", (0, 8), 2),
    (REFLEX, "ankle jerks hypoactive", (0, 11), 1),
    (REFLEX, "biceps reflex hyperactive", (0, 13), 3),
])
def test_dictated_and_written_out_grades(reader, sentence, span, value):
    assert read_value(reader, sentence, *span) == pytest.approx(value)


@pytest.mark.parametrize("reader, sentence, span", [
    (GRADE, "attended 4 of 5 sessions", (0, 8)),
    (REFLEX, "EHL 4+/5", (0, 3)),
    (GRADE, "T 98.2  BP 138/86  HR 78", (0, 1)),
])
def test_numbers_that_are_not_grades(reader, sentence, span):
    assert read_value(reader, sentence, *span) is None


def test_a_strength_table_reads_its_columns():
    note = ("Strength        R    L\n"
            "  Hip flex      5    5\n"
            "  Knee ext      5    5\n"
            "  EHL           4    5\n")
    got = exam(note)
    assert ("motor_grade", "iliopsoas", 5, None) in {(a, b, c, None) for a, b, c, _ in got}
    assert any(loc == "extensor hallucis longus" and v == 4 for _, loc, v, _ in got)
    assert any(loc == "quadriceps" and v == 5 for _, loc, v, _ in got)


def test_a_muscle_name_with_a_reflex_is_no_strength_grade_and_the_reverse():
    got = exam("Exam: triceps 4/5 R, wrist flexion 5/5, triceps reflex 1+ R / 2+ L.", region="cervical")
    assert ("motor_grade", "triceps", 4, "right") in got
    assert not any(f == "motor_grade" and loc == "triceps" and v == 5 for f, loc, v, _ in got)
    assert ("reflex_grade", "triceps", 1, "right") in got and ("reflex_grade", "triceps", 2, "left") in got
    # "biceps 5/5" is strength only, though a reflex grade stands later in the sentence
    got = exam("Deltoid 5/5, biceps 5/5, DTRs 2+ throughout.", region="cervical")
    assert not any(f == "reflex_grade" and loc == "biceps" for f, loc, _, _ in got)


# --- values written per side ----------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Patellar reflex 1+ L vs 2+ R.", {("reflex_grade", "patellar", 1, "left"), ("reflex_grade", "patellar", 2, "right")}),
    ("Knee jerk 1+ on the right versus 2+ on the left.",
     {("reflex_grade", "patellar", 1, "right"), ("reflex_grade", "patellar", 2, "left")}),
    ("ADF 4/5 R 5/5 L.", {("motor_grade", "tibialis anterior", 4, "right"), ("motor_grade", "tibialis anterior", 5, "left")}),
    ("EHL R 4/5 L 5/5.", {("motor_grade", "extensor hallucis longus", 4, "right"),
                          ("motor_grade", "extensor hallucis longus", 5, "left")}),
    ("Achilles absent R (0), 2+ L.", {("reflex_grade", "achilles", 0, "right"), ("reflex_grade", "achilles", 2, "left")}),
    ("R plantarflexion 4/5 (was 5/5 at the 6-wk visit).", {("motor_grade", "gastrocnemius", 4, "right")}),
    ("EHL 5/5 b/l. Patellar 1+ L.", {("motor_grade", "extensor hallucis longus", 5, "bilateral"),
                                     ("reflex_grade", "patellar", 1, "left")}),
])
def test_values_set_side_by_side(text, expected):
    assert exam(text) == expected


def test_sided_values_reader_directly():
    s = "Patellar 1+ L vs 2+ R"
    assert read_sided_values(REFLEX, s, 0, 8, len(s)) == [(1.0, "left"), (2.0, "right")]


# --- muscle abbreviations ------------------------------------------------------------------------

@pytest.mark.parametrize("text, location", [
    ("Strength: HF 5/5 b/l.", "iliopsoas"),
    ("5/5 strength b/l HF/KE/DF/PF/EHL.", "iliopsoas"),
    ("5/5 strength b/l HF/KE/DF/PF/EHL.", "quadriceps"),
    ("KF 4/5 on the left.", "hamstrings"),
    ("ADF 4/5 R.", "tibialis anterior"),
    ("APF 4/5 b/l.", "gastrocnemius"),
])
def test_muscle_abbreviations(text, location):
    assert any(loc == location for _, loc, _, _ in exam(text))


def test_heart_failure_is_no_hip_flexor():
    assert not any(loc == "iliopsoas" for _, loc, _, _ in exam("PMH: HF, DM2, CKD 3; strength 5/5 throughout."))


def test_hand_intrinsics_are_not_the_grip():
    got = exam("Grip is 4/5 bilaterally and finger abduction 4/5 bilaterally.", region="cervical")
    assert {loc for _, loc, _, _ in got} == {"grip", "hand intrinsics"}


# --- the limping child: where the pain is, how strongly infection is suspected, IV access ----------

@pytest.mark.parametrize("text, site", [
    ("Refuses to bear weight; pain localized to R proximal tibia.", "distal_to_hip"),
    ("Limping since Sat. Point tenderness over the proximal medial tibial metaphysis.", "distal_to_hip"),
    ("Limp x2 days, pain (distal to hip), hip exam benign.", "distal_to_hip"),
    ("Limping; she points to her left shin.", "distal_to_hip"),
    ("Limp; tenderness localized to the anterior hip.", "hip"),
    ("Won't walk, points to the R groin.", "hip"),
])
def test_where_a_limping_childs_pain_is(text, site):
    assert (True, site) in values(text, "limp_pain_site", region="leg", age=3)


@pytest.mark.parametrize("text, present", [
    ("Suspect acute hematogenous osteomyelitis R proximal tibia.", True),
    ("Presumed septic arthritis of the L hip.", True),
    ("Exam concerning for osteomyelitis of the distal femur.", True),
    ("High suspicion for septic joint.", True),
    ("r/o osteomyelitis.", None),
    ("Possible septic arthritis, less likely transient synovitis.", None),
])
def test_infection_named_as_the_working_diagnosis_is_a_high_suspicion(text, present):
    got = values(text, "infection_suspicion_high", region="leg", age=3)
    assert got == ({(present, None)} if present is not None else set())


@pytest.mark.parametrize("text", ["PIV already in place for abx.", "Has a PICC line for antibiotics.",
                                  "Peripheral IV placed in the ED."])
def test_iv_access_already_in_place(text):
    assert (True, None) in values(text, "anesthesia_iv_access", region="leg", age=3)


# --- a child's radiculopathy ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["No radiating pain, no numbness/tingling.", "Denies radicular symptoms.",
                                  "Without any pain radiating down the legs.", "No radiation."])
def test_a_child_denying_radiating_symptoms_has_no_radiculopathy(text):
    assert values(text, "radiculopathy", region="thoracic", age=13) == {(False, None)}
    # the radiating pain itself is still read as denied
    assert values(text, "radicular_pain", region="thoracic", age=13) == {(False, None)}


def test_radiating_pain_is_no_radiculopathy_and_adults_keep_their_own_reading():
    assert values("Pain radiates down the L leg.", "radiculopathy", region="lumbar", age=13) == set()
    assert values("L5 radiculopathy.", "radiculopathy", region="lumbar", age=13) == {(True, None)}
    assert values("No radiating pain.", "radiculopathy", region="lumbar", age=50) == set()


# --- compression fractures: long-term steroids, concordant pain, the fracture's level ---------------

@pytest.mark.parametrize("text, present", [
    ("PMR - on prednisone 7.5-10 mg daily since 2022.", True),
    ("Meds: prednisone 5 mg qd, lisinopril.", True),
    ("On prednisone for RA.", True),
    ("Prednisone 40 mg daily x 5 days for the flare.", None),
    ("Medrol dosepak started 8/24.", None),
])
def test_long_term_glucocorticoids_as_a_daily_dose_held_over_time(text, present):
    got = values(text, "long_term_glucocorticoids", region="thoracic", age=80)
    assert got == ({(present, None)} if present is not None else set())


@pytest.mark.parametrize("text", ["Pain location matches T12.", "Her pain corresponds to the fracture level.",
                                  "Tenderness localizes to L1 on exam.", "The location of the pain matches the x-ray."])
def test_pain_concordant_with_the_xray(text):
    assert values(text, "pain_concordant_with_xray", region="thoracic", age=80) == {(True, None)}


def test_a_fracture_with_its_level_after_it():
    got = records("XR: anterior wedge compression deformity of T12.", region="thoracic", age=80,
                  name="spinal_fracture_known")
    assert got and got[0].present is True and got[0].level == "T12"


def test_thoracolumbar_back_pain_is_both_upper_and_low_back_pain():
    text = "Acute thoracolumbar back pain since 7/13."
    assert values(text, "upper_back_pain", region="thoracic", age=80) == {(True, None)}
    assert values(text, "low_back_pain", region="thoracic", age=80) == {(True, None)}


# --- an adult's relatives as companions and historians, screening answers ------------------------------

def test_a_relative_who_speaks_for_the_patient_is_no_family_history():
    text = "IR referral - she and daughter want to discuss kyphoplasty."
    assert values(text, "vertebral_augmentation_candidate", region="thoracic", age=80) == {(True, None)}
    text = "Came in w/ her husband. Denies fever."
    assert values(text, "fever", region="lumbar", age=70) == {(False, None)}
    # a relative's own history stays family
    assert values("Her mother had a fever last week.", "fever", region="lumbar", age=70) == set()


def test_no_metal_in_eyes_is_a_screening_negative():
    got = records("MRI screening: no pacemaker/defib, no aneurysm clips, no metal in eyes.", region="knee", age=80,
                  name="implanted_device")
    assert got and not any(r.present for r in got)


# --- bowel and bladder: word order, singular forms, return precautions ---------------------------------

@pytest.mark.parametrize("text", ["No bladder/bowel sx.", "Denies any loss of bowel or bladder control.",
                                  "no bowel/bladder change.", "Denies bladder or bowel problems."])
def test_bowel_bladder_denials_in_either_order(text):
    assert values(text, "bowel_bladder_incontinence_new", region="lumbar", age=50) == {(False, None)}
    assert values(text, "bowel_bladder_dysfunction", region="lumbar", age=12) == {(False, None)}


@pytest.mark.parametrize("text", ["ER precautions reviewed (new weakness, gait change, bladder sx).",
                                  "- ED precautions for bladder sx / weakness",
                                  "Return precautions given for incontinence or saddle numbness."])
def test_return_precautions_name_no_symptom(text):
    assert values(text, "bowel_bladder_incontinence_new", region="lumbar", age=50) == set()


# --- a child's neurological exam, written as a summary ----------------------------------------------------

@pytest.mark.parametrize("text, motor, reflex", [
    ("Neuro: strength 5/5 BLE, DTRs 2+ and symmetric.", 5, 2),
    ("Neuro: 5/5 LE strength, DTR 2+ =, sensation intact.", 5, 2),
    ("Neuro: CN intact, strength 5/5 UE/LE b/l, sensation intact, DTR 2+ sym.", 5, 2),
    ("Neuro: 5/5 all myotomes BLE, DTR 2+ pat/Ach symm, no clonus.", 5, 2),
    ("Exam: patellar/achilles 2+ symmetric, strength 4/5 throughout.", 4, 2),
])
def test_a_childs_summarised_strength_and_reflexes(text, motor, reflex):
    assert values(text, "motor_grade", region="lumbar", age=12) == {(True, motor)}
    assert values(text, "reflex_grade", region="lumbar", age=12) == {(True, reflex)}


def test_a_date_is_no_strength_grade():
    assert values("Seen 4/5 for back pain, films reviewed.", "motor_grade", region="lumbar", age=12) == set()


@pytest.mark.parametrize("text, present", [
    ("Babinski down b/l, no clonus.", False),
    ("Babinski: flexor bilaterally.", False),
    ("Babinski downgoing.", False),
    ("Babinski positive on the L.", True),
])
def test_a_childs_plantar_response(text, present):
    assert values(text, "babinski_sign", region="lumbar", age=12) == {(present, None)}


# --- MRI without sedation -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("Pre-op MRI T-spine. Pt >12, no sedation needed.", "thoracic"),
    ("MRI L knee w/o and w/ contrast. No sedation needed (she did MRI brain awake at age 7).", "knee"),
    ("He can lie still for MRI, no sedation.", "hip"),
    ("MRI lumbar spine (he is cooperative; no sedation planned).", "lumbar"),
    ("Sedation is not needed.", "leg"),
    ("MRI without sedation.", "leg"),
])
def test_an_mri_that_needs_no_sedation(text, region):
    assert values(text, "mri_needs_general_anesthesia", region=region, age=10) == {(False, None)}


def test_a_sedated_mri_is_not_said_to_need_general_anesthesia_and_anesthesia_history_is_no_answer():
    assert values("MRI C-spine under sedation.", "mri_needs_general_anesthesia", region="leg", age=4) == set()
    assert values("No prior surgeries / anesthesia complications.", "mri_needs_general_anesthesia",
                  region="thoracic", age=15) == set()


# --- DDH: a stated diagnosis, a dynamic-ultrasound subluxation, a hip holding its reduction ---------------

@pytest.mark.parametrize("text", [
    "Dx: L DDH, subluxable. Pavlik harness applied 1/28/26.",
    "Impression: L DDH improving in Pavlik, clinically stable.",
    "Right hip DDH, in harness since March.",
])
def test_a_sided_ddh_is_a_diagnosis(text):
    assert (True, None) in values(text, "ddh_diagnosed", region="hip", age=0)


def test_a_suspected_ddh_is_no_diagnosis():
    assert values("Imp: Suspected R DDH in 4 1/2 month old.", "ddh_diagnosed", region="hip", age=0) == set()


@pytest.mark.parametrize("text", [
    "Dynamic US (Harcke) 1/27/26: L hip subluxable w/ posterior stress, alpha 48 deg.",
    "L hip DDH (subluxable on dynamic US) - in Pavlik since 1/28.",
    "R hip dislocatable on stress ultrasound.",
])
def test_subluxation_on_a_dynamic_ultrasound(text):
    assert values(text, "hip_subluxation_dynamic_us", region="hip", age=0) == {(True, None)}


@pytest.mark.parametrize("text", [
    "US 2/24/26 (in harness): L hip located, coverage 46%.",
    "Femoral head remains reduced in the harness.",
])
def test_a_hip_holding_its_reduction_is_no_treatment_failure(text):
    assert values(text, "hip_treatment_failure_suspected", region="hip", age=0) == {(False, None)}


# --- inflammatory arthritis in a child ------------------------------------------------------------------

@pytest.mark.parametrize("text", ["AM stiffness ~45 min, limping first thing.", "Stiff in the AM for an hour.",
                                  "Morning gelling most days."])
def test_morning_stiffness_of_a_joint(text):
    assert values(text, "morning_stiffness", region="knee", age=9) == {(True, None)}


def test_jia_is_an_inflammatory_condition():
    assert values("9 yo F w/ oligoarticular JIA, L knee only.", "inflammatory_condition", region="knee", age=9) \
        == {(True, None)}


@pytest.mark.parametrize("text", [
    "MRI L knee to guide treatment change.",
    "Options: repeat IA steroid, or escalate to TNF inhibitor.",
    "Considering therapy escalation if MRI shows erosions.",
])
def test_a_treatment_change_in_either_word_order(text):
    assert values(text, "treatment_change_decision", region="knee", age=9) == {(True, None)}


@pytest.mark.parametrize("text, present", [
    ("Lumbar: no spondylolysis; lumbar region unremarkable.", False),
    ("No lumbar MRI needed - no clinical or XR lumbar abnormality.", False),
])
def test_the_lumbar_spine_spared(text, present):
    assert values(text, "lumbar_abnormality_evidence", region="thoracic", age=15) == {(present, None)}


# --- after a fusion: how the clinician says it took and the wound healed --------------------------------

@pytest.mark.parametrize("text", [
    "Assessment: 1 yr s/p L4-S1 TLIF, excellent clinical result, radiographically appears fused.",
    "XR: bridging bone appears present L4-5 and L5-S1, no motion on flex/ext.",
    "L4-5 looks solidly fused.",
    "The fusion is solid.",
])
def test_a_successful_fusion(text):
    assert values(text, "fusion_clinically_successful", region="lumbar", age=60) == {(True, None)}


def test_a_level_fused_to_another_is_no_verdict_on_the_fusion():
    assert values("L5 fused to S1 in 2019.", "fusion_clinically_successful", region="lumbar", age=60) == set()


@pytest.mark.parametrize("text", ["Incision well healed. Non-tender.", "Exam: incision c/d/i, no erythema.",
                                  "Well-healed midline incision."])
def test_a_healed_wound_is_no_complication(text):
    assert values(text, "post_surgical_complication_suspected", region="lumbar", age=60) == {(False, None)}


def test_the_symptoms_surgery_was_for_gone():
    text = "Pre-op L leg pain completely gone since surgery."
    assert values(text, "surgical_site_symptoms", region="lumbar", age=60) == {(False, None)}
    assert values("Numbness in the foot is now gone.", "extremity_neurological_symptoms", region="lumbar",
                  age=60) == {(False, None)}


# --- a new compression fracture on x-ray (SP-11) --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "XR T-spine 7/16: new ~35% anterior wedge compression deformity of T12, not present on XR from 11/2024.",
    "Films today: new T12 compression fracture.",
    "XR: interval loss of height of T11 compared to prior.",
    "Lateral XR: L1 compression deformity, not present on the 2024 films.",
])
def test_a_new_compression_fracture_on_xray(text):
    assert values(text, "compression_fracture_new", region="thoracic", age=80) == {(True, None)}


@pytest.mark.parametrize("text", ["Chronic T8 compression deformity, unchanged.",
                                  "Risk of new compression fractures discussed.",
                                  "Acute L1 compression fracture after fall from height."])
def test_no_new_compression_fracture(text):
    assert values(text, "compression_fracture_new", region="thoracic", age=80) == set()


def test_the_xray_lists_the_new_fracture_among_its_findings():
    got = read_notes(["XR T-spine 7/16: new anterior wedge compression deformity of T12."], REF, "thoracic", 80)
    assert any("compression_fracture_new" in m.findings for m in got.clinical.imaging)


@pytest.mark.parametrize("text", [
    "XR 7/16 (after phone call w/ daughter 7/15): new anterior wedge compression deformity of T12.",
    "81 yo F, came w/ daughter: new anterior wedge compression deformity of T12 on XR.",
])
def test_a_relative_or_a_call_that_took_place_does_not_hide_the_finding(text):
    assert values(text, "compression_fracture_new", region="thoracic", age=80) == {(True, None)}


# --- a child's neck injury: mechanism, midline tenderness, what is not injured -------------------------------

@pytest.mark.parametrize("text", [
    "Sat 1/17 got checked into boards from behind, head went forward.",
    "Injured during a football game when he was speared.",
    "Hurt her neck at practice, head-to-head collision.",
])
def test_a_contact_sport_hit_is_a_sports_injury(text):
    assert values(text, "trauma_mechanism", region="cervical", age=14) == {(True, "sports_injury")}


@pytest.mark.parametrize("text", [
    "TTP midline lower c-spine approx C5-C6 + L paraspinals.",
    "Midline tenderness at C6, no step-off.",
    "Tender in the midline of the cervical spine.",
    "C-spine tender in the midline.",
])
def test_posterior_midline_cervical_tenderness(text):
    assert values(text, "posterior_midline_cervical_pain", region="cervical", age=11) == {(True, None)}


def test_no_other_injuries_is_neither_a_distracting_nor_a_torso_injury():
    text = "No other injuries - no chest/abd/back pain."
    assert values(text, "distracting_pain", region="cervical", age=11) == {(False, None)}
    assert values(text, "torso_injury_substantial", region="cervical", age=11) == {(False, None)}


@pytest.mark.parametrize("text", ["Voiding nl.", "Urinating normally, stooling normally.", "Continent B&B."])
def test_a_child_voiding_normally(text):
    assert values(text, "bowel_bladder_dysfunction", region="lumbar", age=11) == {(False, None)}


def test_an_upper_limb_summary_reflex_in_a_child():
    text = "Neuro: UE strength 5/5 delt/bi/tri/WE/grip b/l, LE 5/5, biceps/tri/BR 2+ symmetric."
    assert values(text, "reflex_grade", region="cervical", age=11) == {(True, 2)}
    assert values(text, "motor_grade", region="cervical", age=11) == {(True, 5)}


# --- no new deficit, an urgent referral, sensation decreased to a modality ----------------------------------

@pytest.mark.parametrize("text", ["Denies new weakness in hand, no leg weakness.", "No new numbness.",
                                  "Typical L2 vertebral hemangioma, incidental, no neuro sx/signs."])
def test_no_new_neurological_deficit(text):
    assert values(text, "new_neuro_deficit", region="lumbar", age=50) == {(False, None)}


def test_a_new_weakness_is_a_new_deficit():
    assert values("Reports new weakness of the R foot since Monday.", "new_neuro_deficit", region="lumbar",
                  age=50) == {(True, None)}


@pytest.mark.parametrize("text", [
    "Plan: urgent referral to interventional pain (Dr. Shah) for R C7-T1 interlaminar ESI.",
    "Urgently referred to neurosurgery.",
    "Neurosurgery paged and agrees with MRI.",
])
def test_an_urgent_specialist_referral(text):
    assert values(text, "urgent_specialist_referral", region="cervical", age=44) == {(True, None)}


def test_sensation_decreased_to_a_modality_is_one_sensory_loss():
    got = records("Sensation decr to pinprick R lateral forearm, thumb and index finger (C6).", region="cervical",
                  age=67, name="sensory_loss")
    assert [(f.present, f.side) for f in got] == [(True, "right")]


# --- what a patient fears or read is no history -------------------------------------------------------------

@pytest.mark.parametrize("text", ['She read online that hemangiomas "can be cancer" and asks for MRI to be sure.',
                                  "Worried about cancer because her mother had it.",
                                  "He is afraid it could be a tumor."])
def test_a_feared_cancer_is_no_known_cancer(text):
    assert (True, None) not in values(text, "known_cancer", region="lumbar", age=50)


def test_a_denied_cancer_stays_denied_beside_a_feared_one():
    text = ('No personal hx of cancer; mother had breast ca at 68. She read online that hemangiomas "can be cancer" '
            'and asks for MRI to be sure.')
    assert values(text, "known_cancer", region="lumbar", age=50) == {(False, None)}


# --- what the pain keeps the patient from -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Has missed 4 days of work in Feb d/t pain, can't get in/out of crawl spaces.",
    "Sitting tolerance 30 min, can't play golf, sleeping ok.",
    "7/10 worse as the day goes on, can no longer do her own grocery shopping.",
    "Having trouble w/ fine work in his shop and sleeping.",
    "He has trouble pushing heavy doors and has been on light duty since March.",
])
def test_functional_loss_in_the_words_patients_use(text):
    assert values(text, "functional_loss", region="lumbar", age=50) == {(True, None)}


@pytest.mark.parametrize("text", ["Steppage gait on L, cannot heel walk on L.", "Romberg positive, he cannot tandem walk.",
                                  "Plan: light duty x 2 wks.",
                                  "PT + meloxicam -> no change in walking tolerance."])
def test_an_exam_maneuver_or_a_work_restriction_is_no_functional_loss(text):
    assert values(text, "functional_loss", region="lumbar", age=50) == set()
