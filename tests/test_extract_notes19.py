"""Reading notes (outside testers, round 24): a stopped course is over, never run on to the note; a PT document's
dates of service / episode date the PT course; a denied prior study is no study; a medication with a dosing word is
a course. Each test runs a short note through the extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 10, 6)


def read(text: str, ref: dt.date = REF, region: str | None = None):
    return read_notes([Note(date=ref, text=text)], ref, region).clinical


def course(text: str, kind: str, ref: dt.date = REF):
    return next((t for t in read(text, ref).treatments if t.kind == kind), None)


# --- T1: a stopped course ends (at the time the sentence gives, else at an unknown time before the note) --------

HISTORY = "48F axial LBP x 8 months, no radicular sx.\nDid 6 weeks of PT 4/3/26 - 5/15/26 with cyclobenzaprine.\n"


@pytest.mark.parametrize("line", [
    "Since finishing PT in mid-May she has not done any treatment - no meds, stopped the HEP, no chiro.",
    "In mid-May she stopped the HEP.",
    "She discontinued her home exercises in mid-May.",
    "Gave up on the home exercises in May.",
    "Quit doing her HEP in mid-May.",
    "No longer doing the home exercises since mid-May.",
    "HEP - stopped 5/15/26.",
    "HEP was discontinued 5/15/26.",
])
def test_a_course_stopped_on_a_day_ends_that_day(line):
    hep = course(HISTORY + line, "home_exercise")
    assert hep is not None and hep.end is not None and hep.end <= dt.date(2026, 5, 31)
    pt = course(HISTORY + line, "physical_therapy")
    assert (pt.start, pt.end) == (dt.date(2026, 4, 3), dt.date(2026, 5, 15))  # keeps its written end


@pytest.mark.parametrize("line", [
    "Stopped the HEP.",
    "She discontinued her home exercises.",
    "Has given up on the home exercise program.",
    "Quit going to the home exercises a while ago.",
    "No longer doing her home exercises.",
    "HEP: discontinued.",
])
def test_a_course_stopped_at_no_given_day_does_not_run_to_the_note(line):
    hep = course(HISTORY + line, "home_exercise")
    assert hep is not None and hep.end is not None and hep.end < REF - dt.timedelta(days=90)


@pytest.mark.parametrize("line", [
    "Since finishing PT in mid-May she has had no treatment.",
    "After completing PT in mid-May she has done nothing else.",
    "Since discharge from PT on 5/15/26 no further care.",
])
def test_since_finishing_a_course_dates_its_end_not_its_start(line):
    pt = course(HISTORY + line, "physical_therapy")
    assert pt.end is not None and pt.end <= dt.date(2026, 5, 31)


@pytest.mark.parametrize("line", [
    "PT stopped helping after 3 weeks, still doing it.",
    "Doing HEP daily, continues.",
])
def test_a_course_still_under_way_is_not_stopped(line):
    t = course("LBP x 4 months.\n" + line, "physical_therapy" if "PT" in line else "home_exercise")
    assert t is not None and (t.end is None or t.end == REF)


# --- T3: a denied prior study is no study; a form's YES dates the study by its answer ---------------------------

def studies(text: str, ref: dt.date = dt.date(2026, 11, 11), region: str | None = "foot"):
    return read(text, ref, region).imaging


@pytest.mark.parametrize("text", [
    "No prior CT or MRI of the foot.",
    "7. Prior CT/MRI of this area? NO\n8. Sedation required? NO",
    "Prior CT/MRI of this area? N\n",
    "Prior MRI of the foot: none.",
    "Prior imaging: MRI - none; CT - N/A.",
    "Previous MRI R foot: not done.",
    "Prior MRI? [ ] yes [x] no",
    "8. Contraindication to MRI (pacemaker, implant, etc.)? NO\n9. Sedation required? NO",
    "Cleared for MRI, no implants.",
])
def test_a_denied_or_safety_form_study_is_no_study(text):
    assert not [s for s in studies(text) if s.modality in ("mri", "ct")]


def test_a_form_question_answered_yes_is_dated_by_its_answer():
    text = ("2. Plain films of the requested area? YES  Date: 10/22/2026  (R foot 3V + Harris axial)\n"
            "3. X-ray result: Equivocal - possible talocalcaneal coalition.\n")
    xr = [s for s in studies(text) if s.modality == "xray"]
    assert [(s.date, s.result) for s in xr] == [(dt.date(2026, 10, 22), "equivocal")]


@pytest.mark.parametrize("text", [
    "Prior MRI R foot 9/1/2026: no fracture.",
    "MRI R foot 9/1/26 - normal.",
    "Prior MRI of the foot? YES 9/1/2026, normal.",
])
def test_a_study_done_is_still_a_study(text):
    assert [s.date for s in studies(text) if s.modality == "mri"] == [dt.date(2026, 9, 1)]


@pytest.mark.parametrize("line, weeks", [
    ("6. Symptoms duration: since approx 4 months (summer).", 17),
    ("Duration of symptoms: 6 wks", 6),
    ("Sx duration - 3 months", 13),
    ("Length of pain: 8 weeks", 8),
])
def test_a_forms_symptom_duration_line_dates_the_episode(line, weeks):
    onset = read(line + "\nR foot pain, rigid flatfoot.", dt.date(2026, 11, 11), "foot").episode_onset
    assert onset is not None and abs((dt.date(2026, 11, 11) - onset).days - 7 * weeks) <= 7


# --- T4: a medication with its dosing word on a list of what the patient takes or took is a course --------------

@pytest.mark.parametrize("line, kind", [
    ("Meds: ibuprofen prn.", "nsaid"),
    ("Current medications: naproxen 500 mg bid, Tylenol as needed for pain.", "analgesic"),
    ("Home meds - ibuprofen 400 mg PRN.", "nsaid"),
    ("Rx since then: activity restriction (out of gymnastics), TLSO brace 9/15 - 11/1, PT 14 visits (see PT summary "
     "11/6), ibuprofen prn.", "nsaid"),
    ("Treatment to date: PT x 6 wks, meloxicam prn.", "nsaid"),
])
def test_a_listed_medication_with_its_dosing_word_is_a_course(line, kind):
    t = course("LBP x 3 months.\n" + line, kind, dt.date(2026, 11, 13))
    assert t is not None and t.undated  # named without its dates: a course, its length not documented


@pytest.mark.parametrize("line", ["Plan: ibuprofen prn.", "P: Tylenol as needed for pain."])
def test_a_plan_lines_prn_medication_is_still_an_order(line):
    assert course("LBP x 3 months.\n" + line, "nsaid" if "ibu" in line else "analgesic") is None


# --- T2: a PT document's dates of service / episode date the PT course ------------------------------------------

@pytest.mark.parametrize("text", [
    "PHYSICAL THERAPY DISCHARGE SUMMARY\nDx: L knee pain\nDates of service: 5/6/2026 - 6/24/2026   Visits attended: 14 "
    "of 16   HEP: issued 5/6\nGoals NOT met.",
    "OUTPATIENT PT - DISCHARGE SUMMARY\nPt: 39 y/o M\nEpisode: 05/06/2026 - 06/24/2026 (7 wks)\nVisit count: 12",
    "Physical Therapy Progress Note\nTreatment dates: 5/6/26 to 6/24/26\nPain 6/10.",
    "PT Re-evaluation\nCertification period: 5/6/2026 - 6/24/2026\nPlateaued.",
    "Physiotherapy discharge summary\nEpisode of care: 5/6/2026 through 6/24/2026",
])
def test_a_pt_documents_dates_of_service_date_the_course(text):
    pt = course(text, "physical_therapy", dt.date(2026, 6, 26))
    assert pt is not None and (pt.start, pt.end) == (dt.date(2026, 5, 6), dt.date(2026, 6, 24)) and not pt.undated


def test_dates_of_service_outside_a_pt_document_are_no_course():
    text = "Ortho clinic note\nDates of service: 5/6/2026 - 6/24/2026\nKnee pain."
    assert course(text, "physical_therapy", dt.date(2026, 6, 26)) is None
