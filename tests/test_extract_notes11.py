"""Reading notes (outside testers, round 18): a paper the office sends is no visit and its title is the
request, not a study; a request's label names the study asked for; a form line's "not given" answer is a
course not done and never reaches into the next line; a list item's date is its own line's; a strength
table's rows are read by its header's columns."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 10, 29)


def read(text: str, ref: dt.date = REF, region: str | None = None):
    return read_notes([Note(date=ref, text=text)], ref, region).clinical


def encounter_days(text: str, ref: dt.date = REF):
    return {e.date: e.mode for e in read(text, ref).encounters}


# --- a paper the office sends is no visit -----------------------------------------------------------

@pytest.mark.parametrize("head", [
    "PRIOR AUTHORIZATION REQUEST - MRI L KNEE W/O (73721)\nCompleted by front office (K. Bell)",
    "MRI Prior Authorization Request\nPatient: J. Doe",
    "PRIOR AUTHORIZATION - MRI LOWER EXTREMITY JOINT W/O CONTRAST (73721), RIGHT KNEE\nCompleted by: office staff (T. Nguyen)",
    "PRECERTIFICATION REQUEST - MRI LUMBAR SPINE",
    "FAX COVER SHEET\nTo: Utilization management\nPages: 4",
    "Imaging order form\nFilled out by MA",
    "Knee pain summary\nCompleted by office staff: J. Ruiz, MA",
])
def test_an_office_paper_is_no_visit(head):
    text = head + "\nDx: M25.562 Pain in left knee\nConservative treatment tried: meloxicam 15 mg daily, no improvement\n"
    assert REF not in encounter_days(text)


def test_a_form_states_the_earlier_visit_it_names():
    text = ("PRIOR AUTHORIZATION REQUEST FORM (completed by office staff: J. Ruiz, MA)\n"
            "Date of last in-person office visit: 10/20/2026\nDx: lumbar radiculopathy\n")
    days = encounter_days(text)
    assert REF not in days and days.get(dt.date(2026, 10, 20)) == "in_person"


@pytest.mark.parametrize("text", [
    "Letter of medical necessity - MRI lumbar spine\nI saw him in the office on 10/29/2026 for low back pain.",
    "RE: Prior authorization request, MRI lumbar spine\nI am writing for my patient, whom I saw in the office\n"
    "on October 29, 2026 for right leg pain.",
    "LETTER OF MEDICAL NECESSITY\nShe was seen in clinic today with persistent knee pain.",
])
def test_a_letter_that_states_a_visit_that_day_keeps_it(text):
    assert encounter_days(text).get(REF) == "in_person"


def test_a_clinic_note_is_still_a_visit():
    assert encounter_days("ORTHO FOLLOW-UP (in person)\nKnee pain persists on meloxicam.").get(REF) == "in_person"


# --- a request names the study it asks for, not one done ----------------------------------------------

@pytest.mark.parametrize("line", [
    "Reason for MRI: persistent pain, r/o lateral meniscus tear",
    "Reason for the MRI: r/o meniscus tear",
    "Indication for MRI: knee pain, negative x-rays",
    "MRI indication: r/o meniscal tear",
    "MRI requested: L knee w/o contrast, r/o tear",
    "Indication: MRI L knee to r/o meniscus tear, no improvement",
    "Clinical question: MRI knee - meniscus tear?",
    "PRIOR AUTHORIZATION - MRI LOWER EXTREMITY JOINT W/O CONTRAST (73721), RIGHT KNEE",
    "MRI Prior Authorization Request - L knee, normal x-rays",
])
def test_a_request_line_is_no_study(line):
    text = "L knee pain x 3 months, McMurray + lateral.\n" + line + "\n"
    assert not [s for s in read(text, region="knee").imaging if s.modality == "mri"]


@pytest.mark.parametrize("line", [
    "Indication: prior MRI 03/01/2026 showed a lateral meniscus tear",
    "MRI L knee 09/15/2026: lateral meniscus tear.",
])
def test_a_dated_or_prior_study_on_such_a_line_is_still_a_study(line):
    text = "L knee pain x 3 months.\n" + line + "\n"
    assert [s for s in read(text, region="knee").imaging if s.modality == "mri"]


# --- a form's "<course>: not given" is a course not done, and stays on its line -----------------------

@pytest.mark.parametrize("line, kind", [
    ("Home exercise program: not given", "home_exercise"),
    ("HEP: none", "home_exercise"),
    ("Home exercises - not prescribed", "home_exercise"),
    ("PT: not done - patient declined", "physical_therapy"),
    ("Physical therapy: N/A", "physical_therapy"),
])
def test_a_form_answer_not_given_is_a_course_not_done(line, kind):
    text = "Conservative treatment tried:\n  " + line + "\nX-rays: 08/25/2026 L knee - negative\n"
    c = read(text)
    assert kind in {f.value for f in c.facts if f.fact == "treatment_not_done" and f.present}
    assert not [t for t in c.treatments if t.kind == kind]


def test_a_form_answer_no_improvement_is_a_course_given():
    c = read("Conservative treatment tried:\n  PT: no improvement after 6 wks\n")
    assert "physical_therapy" not in {f.value for f in c.facts if f.fact == "treatment_not_done"}


# --- a medication list item's date is its own line's ---------------------------------------------------

def test_a_medication_list_date_is_its_own_lines():
    text = ("Medications:\n"
            "naproxen 500 mg tab - 1 tab PO BID with food | Start: 08/04/2026\n"
            "cyclobenzaprine 5 mg tab - 1 tab PO QHS PRN spasm | Start: 08/04/2026\n"
            "lisinopril 10 mg tab - daily | Start: 03/02/2021\n")
    c = read(text, dt.date(2026, 8, 4))
    relaxant = [t for t in c.treatments if t.kind == "muscle_relaxant"]
    assert relaxant and relaxant[0].start == dt.date(2026, 8, 4)


def test_a_bulleted_course_keeps_its_own_date():
    text = "Meds tried:\n- gabapentin 300 mg tid\n- meloxicam 15 mg started 02/01/2026\n"
    c = read(text, dt.date(2026, 3, 20))
    assert not [t for t in c.treatments if t.kind not in ("nsaid",) and t.start == dt.date(2026, 2, 1)]


# --- a strength table is read by its header's columns ---------------------------------------------------

def grades(text: str, ref: dt.date = REF):
    return {(f.location, f.side): f.value for f in read(text, ref, "lumbar").facts
            if f.fact == "motor_grade" and f.present}


@pytest.mark.parametrize("head, left, right", [
    ("Strength:  R  L", "left", "right"),
    ("Strength:  L  R", "right", "left"),
    ("Motor:  Rt  Lt", "left", "right"),
    ("Strength:  Right  Left", "left", "right"),
])
def test_rows_after_an_upper_case_row_stay_in_their_columns(head, left, right):
    text = ("L5 radiculopathy. Exam:\n" + head + "\n  Hip flexion  5  5\n  EHL  5  2\n"
            "  Ankle eversion  5  3\n  Plantarflexion  5  5\n")
    g = grades(text)
    assert g.get(("extensor hallucis longus", left)) == 2
    assert g.get(("extensor hallucis longus", right)) == 5
    assert g.get(("peroneals", left)) == 3
    assert g.get(("gastrocnemius", "bilateral")) == 5
    assert ("gastrocnemius", left) not in g and ("gastrocnemius", None) not in g


def test_a_table_ends_at_the_next_label():
    text = ("L5 radiculopathy. Exam:\nStrength:  R  L\n  Hip flexion  5  5\n  EHL  5  4\n"
            "Reflexes:  R  L\n  Patellar  2+  2+\n  Achilles  2+  1+\nSLR positive on L.\n")
    g = grades(text)
    assert g.get(("extensor hallucis longus", "left")) == 4


# --- each dated note that states an office visit is its own in-person encounter; an injury's day is none ---

def test_an_office_note_the_same_day_as_a_phone_note_is_in_person():
    day = dt.date(2026, 3, 9)
    phone = Note(date=day, text="TELEPHONE ENCOUNTER - RN triage\nCaller: father. Fell yesterday, back hurt.\n"
                                "Advised: office visit today for exam.")
    office = Note(date=day, text="Peds sick visit\n3 yo F s/p minor fall yesterday from ~2 ft. Back pain resolved.\n"
                                 "Exam: spine nontender.")
    for notes in ([phone, office], [office, phone]):
        enc = {e.date: e.mode for e in read_notes(notes, day).clinical.encounters}
        assert enc == {day: "in_person"}


@pytest.mark.parametrize("text", [
    "Peds sick visit\n3 yo F s/p minor fall yesterday from ~2 ft.",
    "Clinic visit\nTwisted her knee yesterday at soccer.",
    "Office visit\nFell off his bike last night, L wrist pain.",
    "Sick visit\nBack pain since yesterday.",
])
def test_an_injury_day_told_by_a_word_is_no_visit(text):
    day = dt.date(2026, 3, 9)
    assert encounter_days(text, day) == {day: "in_person"}


def test_a_visit_told_by_a_word_is_still_a_visit():
    day = dt.date(2026, 3, 9)
    assert encounter_days("Knee pain. Seen in urgent care yesterday, XR neg.", day).get(dt.date(2026, 3, 8)) == "in_person"


# --- a school nurse's note is no provider's visit; what the child or family did is not provider-directed ----

@pytest.mark.parametrize("text", [
    "SCHOOL HEALTH OFFICE - Referral to Primary Care Provider\nStudent c/o mid back pain. Please evaluate.\n- School RN",
    "School nurse note\nStudent seen in nurse's office x6 for back pain.",
    "Referral to PCP\nStudent came to the office 6 times c/o back pain. Please evaluate.\n- J. Smith, School RN",
])
def test_a_school_nurse_note_is_no_visit(text):
    assert encounter_days(text) == {}


def test_a_clinic_note_naming_the_school_nurse_is_a_visit():
    text = "Pediatrics f/u visit\n10 yo M referred by school RN for thoracic back pain x ~5 weeks."
    assert encounter_days(text).get(REF) == "in_person"


@pytest.mark.parametrize("text", [
    "Sat out of PE x2 weeks.",
    "Has been sitting out of soccer x 3 wks.",
    "Mom kept him home from practice for 2 weeks.",
    "Skipped gymnastics x 2 wks.",
])
def test_a_rest_the_family_chose_is_not_provider_directed(text):
    found = [t for t in read(text, dt.date(2026, 2, 26)).treatments if t.kind == "activity_modification"]
    assert all(not t.provider_directed for t in found)


@pytest.mark.parametrize("text", [
    "Activity modification: no PE x 2 weeks per ortho.",
    "Advised no football x 2 wks.",
])
def test_a_restriction_a_provider_gave_is_provider_directed(text):
    found = [t for t in read(text, dt.date(2026, 2, 26)).treatments if t.kind == "activity_modification"]
    assert found and all(t.provider_directed for t in found)


@pytest.mark.parametrize("text", [
    "Activity modification (no football) started 2 weeks ago, on 3/9/26.",
    "Activity restriction started 3/9/26 (2 weeks ago).",
])
def test_one_day_written_twice_is_a_start_not_a_one_day_course(text):
    found = [t for t in read(text, dt.date(2026, 3, 23)).treatments if t.kind == "activity_modification"]
    assert found and found[0].start == dt.date(2026, 3, 9) and found[0].end != dt.date(2026, 3, 9)


# --- symptoms that go on despite the care tried: the course failed -------------------------------------

@pytest.mark.parametrize("after", [
    "A/P: persistent sx despite 8 wks conservative care.",
    "Pain persists despite therapy.",
    "Symptoms continue despite conservative management.",
    "Still symptomatic even after the full course.",
    "Continued pain in spite of treatment.",
    "Refractory to conservative care.",
])
def test_symptoms_despite_care_are_no_response(after):
    text = "Completed PT 2x/week 01/26/2026 - 03/16/2026. " + after
    found = [t for t in read(text, dt.date(2026, 3, 19)).treatments if t.kind == "physical_therapy"]
    assert found and found[0].response == "none"


@pytest.mark.parametrize("after", ["Pain continues to improve.", "Back to full activity, pain resolved."])
def test_improving_symptoms_are_not_a_failure(after):
    text = "Completed PT 2x/week 01/26/2026 - 03/16/2026. " + after
    found = [t for t in read(text, dt.date(2026, 3, 19)).treatments if t.kind == "physical_therapy"]
    assert found and found[0].response != "none"


# --- a study with the purpose it is for is the order -------------------------------------------------------

@pytest.mark.parametrize("line", [
    "A/P: suspected L5 spondylolysis. MRI lumbar spine w/o contrast to evaluate pars stress reaction.",
    "A/P: MRI L-spine w/o to r/o stress fracture.",
    "A/P: CT L-spine w/o contrast to better characterize the fracture lines.",
    "A/P: MRI lumbar spine for further evaluation of pars defect.",
])
def test_a_study_with_its_purpose_is_the_order(line):
    c = read("15F gymnast with LBP x 8 wks.\n" + line, dt.date(2026, 3, 19), "lumbar")
    assert not [s for s in c.imaging if s.modality in ("mri", "ct")]


def test_a_dated_study_done_for_a_purpose_is_still_a_study():
    c = read("MRI L-spine 02/01/2026 for evaluation of HNP: L4-5 protrusion.", dt.date(2026, 3, 19), "lumbar")
    assert [s for s in c.imaging if s.modality == "mri"]


# --- a course said no longer taken was taken and stopped; a date's day is no range's start ------------------

@pytest.mark.parametrize("text, end", [
    ("No longer taking tramadol since 2/1.", dt.date(2026, 2, 1)),
    ("Has been off gabapentin since 02/15/2026.", dt.date(2026, 2, 15)),
])
def test_a_course_no_longer_taken_is_a_stopped_course(text, end):
    found = [t for t in read(text, dt.date(2026, 3, 20)).treatments if t.kind in ("analgesic", "neuropathic_pain_medication",
                                                                                     "anticonvulsant", "gabapentinoid")]
    assert found and found[0].end == end


@pytest.mark.parametrize("text, days", [
    ("Seen 4/2 - 3 days s/p fall.", 3),
    ("XR 10/28-6 days after onset.", 6),
    ("pain for 2 - 3 days", 2),
    ("PT x 2-3 wks", 14),
])
def test_a_dates_day_is_no_ranges_start(text, days):
    from necessity.extract.dates import find_durations
    assert [d.value for d in find_durations(text)] == [days]
