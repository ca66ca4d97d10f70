"""Phrasing families of the shared readings (treatments, prior imaging, encounters, dates) and of
lower-extremity notes: each test is a short sentence run through the extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def treatments(text: str, ref: dt.date = REF) -> dict:
    return {t.kind: t for t in read_notes([text], ref).clinical.treatments}


def facts(text: str, ref: dt.date = REF, region: str | None = "knee", age: int | None = 40) -> dict:
    return {f.fact: f for f in read_notes([text], ref, region, age=age).clinical.facts}


def studies(text: str, ref: dt.date = REF, region: str | None = None) -> list:
    return [(m.modality, m.region) for m in read_notes([text], ref, region).clinical.imaging]


# --- treatments -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("She has been taking OTC ibuprofen 400mg a couple times a day on her own since the pain started.", "nsaid"),
    ("Took ibuprofen 800 x2 at home w/o relief.", "nsaid"),
    ("Tried tylenol on her own x2 wks, no help.", "analgesic"),
])
def test_a_self_directed_course_is_recorded_as_not_provider_directed(text, kind):
    t = treatments(text).get(kind)
    assert t is not None, f"{kind} not read from {text!r}"
    assert t.provider_directed is False


def test_a_course_the_clinician_directed_stays_provider_directed():
    t = treatments("Seen 9/22, started on naproxen 500 bid; no relief.")["nsaid"]
    assert t.provider_directed is True


@pytest.mark.parametrize("text", [
    "PT 08/11/26-10/02/26 (8 wks) + HEP, minimal improvement.",
    "Did PT 2x/wk 01/19 - 03/02 (12 visits) + HEP.",
    "Completed PT 8/3/26 - 9/28/26 (traction, McKenzie, HEP) - minimal benefit.",
    "Formal physical therapy 9/14 - 10/23 (core stabilization, twice weekly, plus home exercises).",
])
def test_a_home_program_taught_within_a_therapy_course_is_part_of_it(text):
    found = treatments(text)
    assert "physical_therapy" in found
    assert "home_exercise" not in found


@pytest.mark.parametrize("text", [
    "PT 12/1/25-1/30/26, 8 wks, then HEP, still rolls it.",
    "Completed PT 9/1 - 10/10 and has continued her home exercises since.",
])
def test_a_home_program_after_therapy_is_a_course_of_its_own(text):
    found = treatments(text)
    assert "physical_therapy" in found and "home_exercise" in found


@pytest.mark.parametrize("text", [
    "TRIAGE 10/05/2026 07:52  ESI 2",
    "Arrival 07/04/2026 18:52   Triage ESI 4",
    "ESI level 3.",
])
def test_the_emergency_severity_index_is_no_injection(text):
    assert "interventional_pain" not in treatments(text)


def test_an_epidural_injection_is_still_read():
    t = treatments("L5-S1 TFESI 9/15 with 2 weeks of relief.")
    assert "interventional_pain" in t


@pytest.mark.parametrize("text", [
    "P: MRI C-spine w/o contrast -> then C7-T1 interlaminar ESI, tentatively 11/6.",
    "L5-S1 transforaminal epidural steroid injection is scheduled for 11/3.",
])
def test_a_procedure_booked_ahead_is_no_course_tried(text):
    assert "interventional_pain" not in treatments(text)


@pytest.mark.parametrize("text, kind", [
    ("Start cephalexin.", "medication"),
    ("Hold adalimumab and MTX.", "medication"),
    ("- begin HEP", "home_exercise"),
    ("Start IV cefazolin after cx.", "medication"),
])
def test_an_order_in_the_imperative_is_no_course_tried(text, kind):
    assert kind not in treatments(text)


@pytest.mark.parametrize("text, kind", [
    ("Restart HEP given today.", "home_exercise"),
    ("Was admitted 10/2 and treated with IV cefazolin, then oral cephalexin x 4 wks.", "medication"),
    ("On methotrexate SQ weekly since 3/2026 and naproxen.", "medication"),
    ("Lidocaine patches since 9/1 without relief.", "medication"),
    ("Tx: morphine 4 mg IV x1.", "analgesic"),
    ("Took APAP 1 g tid for 3 weeks, minimal relief.", "analgesic"),
])
def test_other_medications_directed_at_the_condition(text, kind):
    assert kind in treatments(text)


def test_an_oral_bisphosphonate_for_osteoporosis_is_background():
    assert "medication" not in treatments("81 y/o F w/ osteoporosis (on alendronate) slipped on wet floor.")


def test_an_empty_checkbox_is_no_course():
    assert "interventional_pain" not in treatments("[ ] ESI - decide after MRI\n[x] Continue naproxen")


# --- encounters -------------------------------------------------------------------------------------

def encounters(text: str, ref: dt.date) -> dict:
    from necessity.case import Note
    return {str(e.date): e.mode for e in read_notes([Note(text=text, date=ref)], ref).clinical.encounters}


def test_each_dated_entry_of_a_note_is_a_contact_of_its_own_mode():
    text = ("MyChart message 5/21/2026 8:02 PM from parent:\n\"Her foot still hurts, can she get an MRI?\"\n\n"
            "Reply 5/22/2026 7:45 AM: Please bring her in today at 3:30.\n\n"
            "OFFICE VISIT 5/22/2026 - Sports/Peds\n14 yo F with dorsal midfoot pain since 5/11.\n")
    assert encounters(text, dt.date(2026, 5, 22)) == {"2026-05-21": "message", "2026-05-22": "in_person"}


def test_a_telephone_entry_and_a_nurse_triage_call():
    text = ("--- INITIAL VISIT 08/06/2026 (in clinic) - Dr. Varga ---\n44F with R arm pain since 8/3.\n\n"
            "--- TELEPHONE ENCOUNTER 08/17/2026 10:42 (RN K. Bell) ---\nPt called as instructed. Finished medrol 8/12.\n")
    assert encounters(text, dt.date(2026, 8, 17)) == {"2026-08-06": "in_person", "2026-08-17": "phone"}
    text = ("MESSAGE (voicemail transcribed) 11/01/26: \"he still hurts, can you push the MRI through?\"\n"
            "Triage RN note 11/2: Reviewed chart. Pain since 10/26.\n")
    assert encounters(text, dt.date(2026, 11, 2)) == {"2026-11-01": "message", "2026-11-02": "phone"}


def test_a_portal_message_note_is_a_message():
    text = "Portal msg 10/29/26 from pt:\n\"my back has been acting up again, can you order the mri\"\n"
    assert encounters(text, dt.date(2026, 10, 29)) == {"2026-10-29": "message"}


def test_a_call_with_the_ordering_office_is_no_contact_with_the_patient():
    text = ("PA intake - call w/ ordering office (MA \"Tanya\") 10/30/26 10:22\n"
            "Per office: 34 y/o M, forklift operator, LBP since 6/28/26. No injury reported. In-person visits 7/6/26 and 10/27/26.\n")
    assert encounters(text, dt.date(2026, 10, 30)) == {"2026-07-06": "in_person", "2026-10-27": "in_person"}


def test_a_visit_named_after_its_date():
    text = "Peds Ortho f/u 03/23/2026\n[copied from 01/28/2026 visit - please update]\nIn Pavlik since 1/28.\n"
    assert encounters(text, dt.date(2026, 3, 23)) == {"2026-01-28": "in_person", "2026-03-23": "in_person"}


def test_therapy_visits_are_no_encounters_with_the_practice():
    text = "Clinic f/u 11/10/26\nPT 12 visits, 8/11 - 9/29, then HEP.\n"
    assert encounters(text, dt.date(2026, 11, 10)) == {"2026-11-10": "in_person"}


# --- prior imaging ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Asks for an MRI \"to see how bad it really is\".",
    "She asks for an MRI because a coworker found a herniated disc on hers.",
    "Mom wants the MRI done this week please, can you push it through?",
    "A non-contrast MRI will still answer the osteomyelitis question.",
    "CT cervical spine w/o contrast today (stat), MRI if CT neg and pain persists.",
    "I explained the x-ray is benign but she'd like the MRI and is willing to deal w/ insurance.",
])
def test_a_study_wished_for_or_that_would_be_done_is_no_prior_study(text):
    assert ("mri", "lumbar") not in studies(text, region="lumbar")


def test_a_study_requested_and_then_obtained_is_a_prior_study():
    text = "Dad requested xrays - C-spine 3 view obtained: normal alignment, no fracture."
    assert ("xray", "cervical") in studies(text, region="cervical")


@pytest.mark.parametrize("text, found", [
    ("Her baseline whole-body MRI (6/2/2025) showed lesions of the R clavicle and L distal tibia.", ("mri", "body")),
    ("DEXA 10/2026: T-score -1.8 (osteopenia).", ("dexa", "body")),
    ("Whole-body PET/CT 3/2026 showed no FDG-avid disease.", ("pet", "body")),
])
def test_whole_body_studies_are_of_the_body(text, found):
    assert studies(text, region="thoracic") == [found]


def test_a_bone_density_study_of_a_named_site():
    assert studies("DXA 3/2024 T-score -3.1 L hip.", region="thoracic") == [("dexa", "hip")]


@pytest.mark.parametrize("text, dates", [
    ("XR L knee in the ED 10/25 and repeat 4 views today: no fracture.", {dt.date(2026, 10, 25), REF}),
    ("XR R knee 3V (today) compared w/ 1-yr films 2/26/2025: new lucency under the baseplate.",
     {REF, dt.date(2025, 2, 26)}),
    ("XR L ankle 3V 11/21/25 + repeat stress-free 3V 1/30/26: no fx.", {dt.date(2025, 11, 21), dt.date(2026, 1, 30)}),
])
def test_a_repeat_or_comparison_study_is_a_study_of_its_own(text, dates):
    found = read_notes([text], REF, "knee").clinical.imaging
    assert {m.date for m in found} == dates
    assert len({m.region for m in found}) == 1


def test_scoliosis_films_are_of_the_whole_spine():
    text = "Curve now measures 54 deg R thoracic and 38 deg L thoracolumbar on standing films 10/20/2026."
    assert studies(text, region="whole_spine") == [("xray", "whole_spine")]


def test_an_orbit_film_is_not_of_the_limb():
    assert ("xray", "ankle") not in studies("Orbit XR (2 views) 3/30/26: 2 mm metallic foreign body.", region="ankle")


def test_an_electrodiagnostic_study_read_as_abnormal():
    text = ("EMG/NCS 10/8/2026: prolonged distal motor latency of the R medial and lateral plantar nerves with "
            "reduced sensory amplitudes, c/w R tarsal tunnel syndrome; no radiculopathy.")
    found = read_notes([text], REF, "ankle").clinical.imaging
    assert [(m.modality, m.region, m.result) for m in found] == [("emg_ncv", "ankle", "abnormal")]


# --- more treatment phrasings -----------------------------------------------------------------------

def test_a_plan_word_leading_the_sentence_governs_its_list():
    assert treatments("Recommended PT, weight loss, topical diclofenac; could consider a steroid injection.") == {}


@pytest.mark.parametrize("text, kind", [
    ("Continue naproxen 500 bid.", "nsaid"),
    ("- cont knee immobilizer, crutches WBAT, RICE", "rice"),
    ("Cont PT HEP. RTC 2 wks.", "home_exercise"),
])
def test_a_course_to_continue_is_under_way(text, kind):
    assert kind in treatments(text)


def test_what_a_dated_visit_began_dates_each_course_of_its_list():
    found = treatments("Seen here 9/22 -> PT referral, ergonomic changes, ibuprofen 600 tid.")
    assert found["nsaid"].start == dt.date(2026, 9, 22)
    assert found["activity_modification"].start == dt.date(2026, 9, 22)
    assert "physical_therapy" not in found  # referred, not yet begun


# --- lower-extremity exam -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["McMurray neg. Ligaments stable.", "Negative Thessaly, Lachman stable."])
def test_negative_maneuvers_are_an_exam_without_joint_specific_finding(text):
    f = facts(text)["orthopedic_exam_finding"]
    assert f.present is True and f.value == "none"


def test_a_positive_maneuver_outweighs_a_negative_one():
    f = facts("Lachman 2+ no firm endpoint. McMurray neg. Dial neg.")["orthopedic_exam_finding"]
    assert f.present is True and f.value == "tear"


def test_todays_exam_outweighs_a_finding_of_an_earlier_study():
    text = ("Had an MRI R knee on 9/15/2026: degenerative fraying of the medial meniscus, small effusion.\n"
            "Exam: No effusion. Mild medial joint line tenderness.")
    assert facts(text, dt.date(2026, 10, 29))["joint_effusion"].present is False


# --- planned limb surgery and what it treats ----------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("Given recurrent instability after failed non-operative treatment, we have scheduled her for medial "
     "patellofemoral ligament (MPFL) reconstruction on March 12.", "recurrent_instability"),
    ("Chronic lateral ankle instability after failed PT -> MRI L ankle w/o to eval ATFL/CFL before Brostrom.",
     "recurrent_instability"),
    ("Active, wants fastest return to sport -> elects open repair.", "injury"),
    ("Scheduled for ACL reconstruction 11/20.", "injury"),
    ("MRI w/wo for surgical planning, then image-guided core bx; anticipate wide resection after pathology.", "mass"),
    ("Plan: MRI foot, then scheduled for I&D with podiatry.", "infection"),
])
def test_a_planned_operation_and_the_condition_it_treats(text, value):
    found = facts(text, region="ankle")
    assert "planned_limb_surgery" in found and found["planned_limb_surgery"].present is True
    assert found["planned_surgery_condition"].value == value


@pytest.mark.parametrize("text", [
    "If complete ACL tear confirmed, will discuss reconstruction.",
    "Will discuss surgical repair vs nonop once MRI back.",
    "MRI to define extent before deciding between sclerotherapy and observation.",
    "MRI at 3 months to document healing before release to basketball.",
    "Pt is interested in an MRI and an MPFL reconstruction consult.",
    "s/p ACL reconstruction 2019, doing well until this fall.",
])
def test_an_operation_discussed_as_an_option_or_done_before_is_not_planned(text):
    found = facts(text, region="knee")
    assert "planned_surgery_condition" not in found
    assert not (found.get("planned_limb_surgery") and found["planned_limb_surgery"].present)


@pytest.mark.parametrize("text", [
    "ALLERGIES: gadolinium - anaphylaxis 3/2021: hypotension, throat swelling, epinephrine x2.",
    "Contrast hx: hives after gadolinium, no throat swelling, no hypotension.",
])
def test_the_swelling_of_an_allergic_reaction_is_not_the_limbs(text):
    assert "soft_tissue_swelling" not in facts(text, region="foot")


def test_the_limbs_swelling_is_still_read():
    assert facts("Lateral ankle swelling and ecchymosis since the fall.", region="ankle")["soft_tissue_swelling"].present


@pytest.mark.parametrize("text", [
    "He has mild claustrophobia and will take a single dose of lorazepam beforehand, which I prescribed.",
    "Claustrophobic, tolerated prior MRI with Ativan premedication.",
])
def test_managed_claustrophobia_is_no_contraindication_to_mri(text):
    f = facts(text, region="knee").get("mri_contraindication_other")
    assert f is not None and f.present is False


def test_severe_claustrophobia_still_is():
    assert facts("Severe claustrophobia, unable to complete MRI in 2024.", region="knee")[
        "mri_contraindication_other"].present is True


@pytest.mark.parametrize("text", [
    "A: persistent L midfoot pain c/f tarsal navicular stress fracture, XR neg, minimal improvement w/ boot.",
    "Suspected L tibial stress fracture; x-ray negative.",
    "Concern for stress fracture of the 2nd metatarsal, films: neg.",
])
def test_a_negative_film_beside_a_suspected_fracture_is_the_films_result(text):
    f = facts(text, region="foot")["stress_fracture_suspected"]
    assert f.present is True


@pytest.mark.parametrize("text", [
    'Pivoted going for a rebound, felt/heard a "pop", fell and could not continue.',
    "Lunged for a drop shot, felt like \"someone kicked me in the back of the leg\", heard pop.",
    'Frequent clicking and a "catch" in the front of the hip.',
    "Intermittent catching/locking of the R knee since the twist.",
])
def test_a_history_that_raises_concern_for_a_tear(text):
    f = facts(text, region="knee")["tear_suspected_by_history"]
    assert f.present is True


def test_denied_mechanical_symptoms_do_not_rule_a_tear_out():
    assert "tear_suspected_by_history" not in facts("Denies locking, catching or giving way.", region="knee")


def test_each_device_a_screening_denies_is_a_record_of_its_own():
    text = "MRI screening (per daughter by phone): no pacemaker/defib, no aneurysm clips, no metal in eyes."
    found = [f for f in read_notes([text], REF, "hip", age=80).clinical.facts if f.fact == "implanted_device"]
    assert len(found) >= 3 and not any(f.present for f in found)


def test_a_screening_form_answered_no():
    text = ("MRI SAFETY SCREENING:\nPacemaker/ICD? N   Neurostimulator? N   Insulin pump? N\n"
            "Shrapnel / bullet / metal fragments? Y - retained fragments L flank, never removed.")
    found = [(f.present, f.value) for f in read_notes([text], REF, "lumbar", age=40).clinical.facts
             if f.fact == "implanted_device"]
    assert (True, "shrapnel") in found
    assert sum(1 for p, _ in found if p is False) >= 3
    assert not any(p and v in ("pacemaker", "icd", "neurostimulator", "insulin_pump") for p, v in found)


@pytest.mark.parametrize("text", [
    "44M, pickleball 7/11 (Sat) - lunged for a drop shot, felt like someone kicked me in the back of the leg.",
    "15 yo volleyball player with recurrent lateral patellar dislocation of the right knee.",
    "HS basketball, here w/ dad. R knee injury 8/20/26 - landed from a rebound and the knee buckled.",
])
def test_a_sports_injury_told_with_the_sport(text):
    f = facts(text, region="knee")["trauma_mechanism"]
    assert f.present is True and f.value == "sports_injury"


def test_a_sport_named_alone_is_no_mechanism():
    text = "18 yo M, college basketball (guard), L dorsal midfoot pain x ~3 wks, gradual onset after new shoes."
    assert "trauma_mechanism" not in facts(text, region="foot")


def test_an_adults_mass_as_the_exam_describes_it():
    text = ("R lateral mid-thigh: ~3 x 2.5 cm soft, rubbery, freely mobile subcutaneous mass, not fixed to "
            "underlying fascia, nontender. A/P: R thigh subcutaneous mass, likely lipoma.")
    found = facts(text, region="thigh", age=33)
    assert found["mass_deep"].present is False
    assert found["mass_painful"].present is False
    assert found["subcutaneous_lipoma"].present is True
    assert found["mass_size_cm"].value == 3


def test_a_deep_tender_mass():
    text = "Exam: firm, non-mobile mass deep in medial head of R gastrocnemius, approx 6 cm, mildly tender, deep to fascia."
    found = facts(text, region="leg", age=61)
    assert found["mass_deep"].present is True and found["mass_painful"].present is True


def test_a_lump_the_patient_noticed_and_its_painlessness():
    found = facts("Mr. Novak noticed a painless lump in the back of his left thigh in early June.", region="thigh", age=58)
    assert found["palpable_abnormality_persistent"].present is True
    assert found["limb_pain"].present is False


def test_no_mass_has_no_size():
    assert "mass_size_cm" not in facts("No mass, no swelling, 2 cm incision healed.", region="knee")


def test_a_replaced_joints_stability_is_the_prosthesis():
    text = "69F s/p L THA 2019 (Dr. Kim). Exam: cup stable. No instability. Trendelenburg neg."
    found = facts(text, region="hip", age=69)
    assert found["prosthesis_instability"].present is False


def test_a_native_joints_instability_is_not_a_prosthesis():
    assert "prosthesis_instability" not in facts("R knee: no instability, Lachman neg.", region="knee")


# --- a pain score written a sentence or two from the radiating pain it rates -------------------------

def spine_records(text: str, name: str, region: str = "lumbar") -> list:
    return [f for f in read_notes([text], REF, region, age=50).clinical.facts if f.fact == name]


@pytest.mark.parametrize("text, value", [
    ("Pain radiates down the L leg to the foot. He rates it 9/10.", 9.0),
    ("c/o L leg pain x10 days, burning down L leg to big toe. Tripping over L foot on stairs. Pain 7/10.", 7.0),
    ("Pt calling about her L leg pain (L buttock -> shin). Last seen 8/20. Pain still 6/10 most days.", 6.0),
    ("R leg pain down the back of the thigh into the foot. Has tried PT. Pain: 8/10.", 8.0),
    ("He describes sciatica down the R leg. He rates the pain 6 out of 10.", 6.0),
])
def test_a_pain_score_a_sentence_or_two_away_is_the_radiating_pains(text, value):
    got = [r.value for r in spine_records(text, "radicular_pain") if r.present]
    assert value in got, got


@pytest.mark.parametrize("text", [
    "Pain radiates down the L leg to the foot. Knee pain 5/10.",  # another body part's score
    "Pain radiates down the L leg to the foot. Pain was 4/10 last month.",  # a past score
    "Pain radiates down the L leg to the foot. Goal pain 3/10.",  # a goal
    "Pain radiates down the L leg to the foot. Started PT 8/10/26.",  # a date
    "Pain radiates down the L leg to the foot.\n\nPlan: pain 3/10 at best with meds.",  # another paragraph
])
def test_a_score_about_something_else_is_not_the_radiating_pains(text):
    got = [r.value for r in spine_records(text, "radicular_pain") if r.present]
    assert got and all(v is None for v in got), got


# --- a sign positive on one side and negative on the other ------------------------------------------

@pytest.mark.parametrize("text, pos, neg", [
    ("Exam: SLR + L at 45 deg, neg R.", "left", "right"),
    ("SLR (+) R at 60 deg, (-) L.", "right", "left"),
    ("SLR positive on the left, negative on the right.", "left", "right"),
    ("Straight leg raise positive on the right at 50 degrees and negative on the left.", "right", "left"),
    ("SLR: (+) R at 40 deg reproducing leg pain. (-) L.", "right", "left"),
    ("SLR pos L, R neg.", "left", "right"),
])
def test_a_sign_positive_on_one_side_is_negative_on_the_other(text, pos, neg):
    got = {(r.present, r.side) for r in spine_records(text, "nerve_tension_sign")}
    assert (True, pos) in got and (False, neg) in got, got


def test_a_sign_on_one_side_alone_says_nothing_of_the_other():
    got = {(r.present, r.side) for r in spine_records("SLR + L at 45 deg, reproduces leg pain.", "nerve_tension_sign")}
    assert got == {(True, "left")}, got


def test_a_spurling_positive_right_negative_left():
    got = {(r.present, r.side) for r in spine_records("Exam: Spurling (+) R, (-) L. Strength 5/5.", "nerve_tension_sign",
                                                      region="cervical")}
    assert (True, "right") in got and (False, "left") in got, got


# --- one study per spinal region a letter list names ------------------------------------------------

@pytest.mark.parametrize("text, regions", [
    ("XR T- and L-spine 9/1: mild spondylosis.", {"thoracic", "lumbar"}),
    ("Had x-rays of the C and T spine on 9/2, negative.", {"cervical", "thoracic"}),
    ("MRI C- and T-spine 9/3 showed no cord signal change.", {"cervical", "thoracic"}),
    ("XR C/T/L spine 9/3 neg.", {"cervical", "thoracic", "lumbar"}),
    ("XR C, T, and L spine 9/1: normal.", {"cervical", "thoracic", "lumbar"}),
    ("XR T and L spines 9/1: normal.", {"thoracic", "lumbar"}),
])
def test_each_spinal_region_of_a_letter_list_is_a_study(text, regions):
    got = studies(text)
    assert {r for _, r in got} == regions, got
    assert len(got) == len(regions), got


def test_a_single_spine_letter_is_one_study():
    assert studies("XR L-spine 9/1: normal.") == [("xray", "lumbar")]


# --- the activity a patient is kept from; ankle braces ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Since then in CAM boot, no basketball x 2.5 wks.",
    "Seen 10/20: ibuprofen prn, no cutting drills since then.",
    "Practicing (hitting only, not catching) since 9/1.",
    "Held out of practice x2 wks after the 9/12 visit, then avoided running.",
])
def test_an_activity_the_patient_is_kept_from_is_activity_modification(text):
    assert "activity_modification" in treatments(text)


@pytest.mark.parametrize("text", [
    "Denies pain with running.",
    "No groin abscess, no track marks.",
    "MRI R knee. No games until f/u after MRI.",
])
def test_an_activity_named_otherwise_is_no_activity_modification(text):
    assert "activity_modification" not in treatments(text)


@pytest.mark.parametrize("text", [
    "Seen 10/20 -> ASO brace for play, PT referral.",
    "Aircast stirrup since the 10/2 visit.",
])
def test_an_ankle_brace_is_immobilization(text):
    assert "immobilization" in treatments(text)


# --- a nerve-root tension sign in a limb note ---------------------------------------------------------

@pytest.mark.parametrize("text, present", [
    ("No back pain, SLR negative.", False),
    ("Lumbar ROM full, SLR neg bilat.", False),
    ("log roll is mildly positive, straight leg raise is negative, strength is 5/5 throughout.", False),
    ("negative straight leg raise bilaterally.", False),
    ("Positive SLR on the left at 40 deg.", True),
    ("Slump test positive, reproduces the buttock pain.", True),
])
def test_a_limb_notes_tension_sign_with_its_polarity(text, present):
    got = facts(text, region="hip").get("nerve_tension_sign")
    assert got is not None and got.present is present, got


@pytest.mark.parametrize("text", [
    "Resisted SLR (Stinchfield) mildly painful.",
    "Able to SLR without extensor lag.",
])
def test_a_limb_notes_quadriceps_slr_is_no_tension_sign(text):
    assert "nerve_tension_sign" not in facts(text, region="knee")


def test_a_limb_notes_sign_positive_on_one_side_negative_on_the_other():
    got = {(r.present, r.side) for r in read_notes(["SLR + L, neg R."], REF, "hip", age=40).clinical.facts
           if r.fact == "nerve_tension_sign"}
    assert got == {(True, "left"), (False, "right")}, got


# --- dated visits: "saw her in person 2/10", "PCP exam 1/19", an urgent-care entry's heading -----------

def visits(text: str, ref: dt.date = dt.date(2026, 10, 14)) -> set:
    from necessity.case import Note
    return {(str(e.date), e.mode) for e in read_notes([Note(text=text, date=ref)], ref, "knee", age=40).clinical.encounters}


@pytest.mark.parametrize("text, day", [
    ("Knee pain since January. I saw her in person 2/10 - at that time exam was benign.", "2026-02-10"),
    ("PCP exam 1/19: L hip Barlow +, limited abduction.", "2026-01-19"),
    ("Seen at f/u appt 3/10, no better.", "2026-03-10"),
])
def test_a_visit_the_note_dates_is_an_encounter(text, day):
    assert (day, "in_person") in visits(text)


def test_a_pain_score_is_no_visit_date():
    assert visits("Pain 7/10 today, 2/10 at rest.") == {("2026-10-14", "in_person")}


def test_an_urgent_care_entry_heading_dates_its_visit():
    text = ("URGENT CARE - Northgate                  10/12/26 16:20\n52M c/o neck pain after fall.\n\n"
            "--- MyChart message from patient 10/14/26 08:12 ---\nStill sore.")
    assert visits(text) == {("2026-10-12", "in_person"), ("2026-10-14", "message")}


# --- a replaced hip: its bearing couple and its stability ---------------------------------------------

@pytest.mark.parametrize("text", [
    "L total hip 2017 (uncemented ceramic-on-polyethylene, no modular neck).",
    "R THA 2019, metal-on-poly bearing.",
    "THA with CoC bearing.",
])
def test_a_bearing_that_is_not_metal_on_metal(text):
    got = facts(text, region="hip").get("metal_on_metal_prosthesis")
    assert got is not None and got.present is False, got


def test_a_metal_on_metal_bearing_stays_metal_on_metal():
    got = facts("R hip resurfacing, metal-on-metal, 2012.", region="hip").get("metal_on_metal_prosthesis")
    assert got is not None and got.present is True, got


def test_a_total_hip_stable_through_a_full_arc_has_no_prosthesis_instability():
    got = facts("I saw him for his left total hip, put in 2017. The hip is stable through a full arc.",
                region="hip").get("prosthesis_instability")
    assert got is not None and got.present is False, got


def test_a_radiating_pain_named_in_the_impression_takes_the_notes_one_pain_score():
    text = ("Midthoracic pain since 7/25/26, no injury. Band-like burning around R lower ribs past month. 6/10.\n\n"
            "Exam: TTP T7-9.\n\nImp: thoracic pain w/ R T8 radicular features.")
    got = [r.value for r in spine_records(text, "radicular_pain", region="thoracic") if r.present]
    assert got == [6.0], got


def test_a_note_with_two_different_scores_gives_the_impressions_radiating_pain_none():
    # (which one rates the radiating pain is not said)
    text = ("Pain 3/10 in the morning. Pain 7/10 by evening.\n\nExam: TTP L4-5.\n\nImp: L5 radicular features.")
    got = [r.value for r in spine_records(text, "radicular_pain") if r.present]
    assert got and all(v is None for v in got), got
