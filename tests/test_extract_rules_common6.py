"""How notes are cut and read, sixth round: the dated entries of a message thread ("[03/20/2026 07:51] From
patient:") are contacts of their own; an addendum that records no contact is none; the note's own day takes its
mode from the words after the last dated entry; a templated review's answer after a dot leader ("Hand clumsiness /
drops things .... (-)") speaks for its whole item; a study's purpose written first ("To better define ... and any
osteolysis, I have requested an MRI") is no finding."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 3, 23)


def clinical(text: str, region: str | None = None, age: int | None = None, ref: dt.date = REF):
    return read_notes([text], ref, region, age).clinical


def dated(text: str, ref: dt.date = REF) -> dict:
    return {e.date: e.mode for e in read_notes([Note(text=text, date=ref)], ref).clinical.encounters}


def fact(text: str, name: str, region: str | None = None, age: int | None = None):
    return next((f for f in clinical(text, region, age).facts if f.fact == name), None)


# --- the entries of a note ------------------------------------------------------------------------------------

THREAD = """MyChart message thread - Internal Medicine

[03/20/2026 07:51] From patient:
Still getting the shooting pain down my leg. Can you order the MRI? Thanks

[03/20/2026 10:12] RN reply: Routed to Dr. Patel. Any fever?

[03/23/2026] Provider addendum:
Pt last seen in office 01/12/2026. Will order MRI L-spine w/o.
"""


def test_a_message_thread_dates_each_entry_and_its_addendum_is_no_contact():
    got = dated(THREAD)
    assert got.get(dt.date(2026, 3, 20)) == "message"
    assert dt.date(2026, 3, 23) not in got  # the provider's addendum wrote, it did not meet or call
    assert got.get(dt.date(2026, 1, 12)) == "in_person"


@pytest.mark.parametrize("head", [
    "[3/20/26 07:51] From patient:",
    "[03/20/2026] From pt:",
    "[03/20/2026 19:02] From mom:",
    "[03/20/2026 10:12] Patient message:",
])
def test_stamped_entries_from_the_patient_or_family_are_messages(head):
    text = f"Portal thread\n\n{head}\nHer knee still swells after practice.\n\n[03/23/2026] Provider addendum:\nMRI ordered."
    got = dated(text)
    assert got.get(dt.date(2026, 3, 20)) == "message"
    assert dt.date(2026, 3, 23) not in got


@pytest.mark.parametrize("addendum, mode", [
    ("ADDENDUM 03/23/2026 (Dr. Haskins): Father called back this AM asking for an MRI.", "phone"),
    ("Addendum 03/23/2026 14:05: spoke w/ pt by phone, pain 9/10.", "phone"),
    ("Addendum 03/23/2026:\nPt seen again in clinic today, new foot drop.", "in_person"),
])
def test_an_addendum_that_records_a_contact_is_one(addendum, mode):
    text = f"OFFICE VISIT 03/16/2026\nL leg pain, SLR + L.\n\n{addendum}\n"
    got = dated(text)
    assert got.get(dt.date(2026, 3, 23)) == mode
    assert got.get(dt.date(2026, 3, 16)) == "in_person"


def test_an_addendum_about_results_only_is_no_contact():
    text = "OFFICE VISIT 03/16/2026\nL leg pain, SLR + L.\n\nADDENDUM 03/23/2026: labs reviewed, CRP normal.\n"
    got = dated(text)
    assert dt.date(2026, 3, 23) not in got
    assert got.get(dt.date(2026, 3, 16)) == "in_person"


@pytest.mark.parametrize("visit", [
    "ORTHOPAEDICS - PA VISIT 3/23/2026",
    "SPINE CLINIC 3/23/2026 (in person)",
    "Dr. Ruiz, orthopaedics",
])
def test_the_notes_own_day_is_read_after_an_earlier_call(visit):
    text = (f"TELEPHONE ENCOUNTER 03/10/2026 (RN): Pt calling re: worse groin pain. Advised ortho visit.\n\n"
            f"{visit}\nPt: 76M s/p L THA. Exam: pain with log roll.\n")
    got = dated(text)
    assert got.get(dt.date(2026, 3, 10)) == "phone"
    assert got.get(REF) == "in_person"


def test_an_arrival_line_dates_the_visit():
    text = ("PEDIATRIC EMERGENCY DEPARTMENT - PROVIDER NOTE\nArrival 03/22/2026 18:52   Triage ESI 4\n"
            "CC: fall from monkey bars.\n\nADDENDUM 03/23/2026: Father called back requesting an MRI.\n")
    got = dated(text)
    assert got.get(dt.date(2026, 3, 22)) == "in_person"
    assert got.get(REF) == "phone"


# --- templated answers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Hand clumsiness / drops things .... (-)", "extremity_neurological_symptoms"),
    ("Hand clumsiness / dropping objects ______ (-)", "extremity_neurological_symptoms"),
    ("Neck pain / stiffness ........ (-)   same as always per mom", "neck_pain"),
    ("Bowel/bladder change .............. (-)", "bowel_bladder_dysfunction"),
])
def test_a_dot_leader_answer_speaks_for_its_whole_item(text, name):
    got = [f for f in clinical(text, "cervical", 12).facts if f.fact == name]
    assert got and all(not f.present for f in got), f"{name} not denied in {text!r}: {got}"


def test_a_dot_leader_positive_answer_stays_positive():
    got = [f for f in clinical("Hand clumsiness / drops things .... (+)", "cervical", 12).facts
           if f.fact == "extremity_neurological_symptoms"]
    assert got and all(f.present for f in got)


# --- a study's purpose ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "To better define bone-cement interface changes and any osteolysis before deciding on revision, I have "
    "requested an MRI of the right knee.",
    "To assess for osteolysis around the tibial component, MRI with MAVRIC is requested.",
    "MRI to delineate any osteolysis behind the acetabular cup.",
])
def test_what_a_study_is_meant_to_define_is_no_finding(text):
    assert fact(text, "periprosthetic_osteolysis", "knee", 71) is None


def test_osteolysis_seen_on_films_is_a_finding():
    rec = fact("Radiographs show periprosthetic osteolysis around the tibial tray.", "periprosthetic_osteolysis",
               "knee", 71)
    assert rec is not None and rec.present is True


def test_a_suspicion_a_study_is_meant_to_exclude_is_still_a_suspicion():
    rec = fact("To rule out occult fracture, MRI of the ankle requested.", "occult_fracture_suspected", "ankle", 30)
    assert rec is not None and rec.present is True


# --- curves and changes: one value per structure, the largest kept; a change is no measurement ----------------

def cobb(text: str):
    found = [f for f in clinical(text, "whole_spine", 13).facts if f.fact == "cobb_angle"]
    assert len(found) <= 1, found
    return found[0].value if found else None


@pytest.mark.parametrize("text, angle", [
    ("Cobb 28 deg R thoracic, 41 deg L lumbar.", 41),
    ("Standing PA: 24° right thoracic curve and 35° left lumbar curve.", 35),
    ("Thoracic Cobb 44°, lumbar Cobb 30°.", 44),
    ("Thoracic Cobb 44°. Lumbar Cobb 30°.", 44),
    ("Curve now measures 54 deg R thoracic (T4-T11) and 38 deg L thoracolumbar on standing films.", 54),
    ("Standing films: right thoracic curve 32°, compensatory left lumbar 18°.", 32),
    ("Thoracic curve T5-T11 measuring 32° by Cobb, with a compensatory right lumbar curve of 14°.", 32),
])
def test_of_several_curves_the_largest_is_the_cobb_angle(text, angle):
    assert cobb(text) == angle


@pytest.mark.parametrize("text, angle", [
    ("Cobb 28 deg today, was 26 deg on 2012 films.", 28),
    ("Cobb 30°, down from 35° pre-brace.", 30),
    ("Cobb angle 38 degrees, up from 26 degrees in March.", 38),
    ("L1-L4 Cobb 24 deg (2024) -> 31 deg (11/2025) -> 38 deg.", 38),
    ("Cobb angle increased by 8 degrees to 36 degrees.", 36),
    ("R thoracic curve 32°. Cobb increased 12° since last year.", 32),
])
def test_an_earlier_angle_or_a_change_is_not_the_cobb_angle(text, angle):
    assert cobb(text) == angle


@pytest.mark.parametrize("text", [
    "Cobb increased 12° since last year.",
    "Curve progressed by 10 degrees over 6 months.",
    "Cobb +6 deg since the last films.",
])
def test_a_change_alone_gives_no_angle(text):
    assert cobb(text) is None


# --- a past visit's plan starts at that visit -------------------------------------------------------------------

def course(text: str, kind: str):
    ref = dt.date(2026, 5, 13)
    return next((t for t in read_notes([text], ref, "knee", 30).clinical.treatments if t.kind == kind), None)


@pytest.mark.parametrize("text, kind", [
    ("Exam 4/8: R knee effusion, McMurray neg. Plan was ibuprofen x2 wks.", "nsaid"),
    ("Seen by PCP 4/8. Exam: knee effusion. Plan was ibuprofen x2 wks.", "nsaid"),
    ("UC visit 4/8 - XR neg. Was given a knee brace and told to rest x 2 wks.", "immobilization"),
    ("PCP exam 4/8 showed a small effusion. She was prescribed naproxen x 2 weeks.", "nsaid"),
])
def test_a_past_visits_plan_begins_at_the_visit_dated_just_before(text, kind):
    t = course(text, kind)
    assert t is not None and t.start == dt.date(2026, 4, 8) and t.end == dt.date(2026, 4, 22)


@pytest.mark.parametrize("text", [
    "Plan was ibuprofen x2 wks.",
    "Knee pain since 4/1. Plan was ibuprofen x2 wks.",  # an onset date is no visit
])
def test_without_a_dated_visit_the_plan_runs_up_to_the_note(text):
    t = course(text, "nsaid")
    assert t is not None and t.end == dt.date(2026, 5, 13) and t.start == dt.date(2026, 4, 29)


# --- which dates are contacts ---------------------------------------------------------------------------------

def test_an_onset_date_in_a_calls_first_line_is_no_contact():
    text = ("** TELEPHONE ENCOUNTER - RN triage - 03/10/2026 14:05 **\n"
            "Pt called c/o mid-back pain x approx 3 wks (since ~2/20), wakes her at night.\n\n"
            "** OFFICE VISIT 03/23/2026 **\nS: thoracic back pain since ~2/20.\n")
    got = dated(text)
    assert dt.date(2026, 2, 20) not in got
    assert got.get(dt.date(2026, 3, 10)) == "phone" and got.get(REF) == "in_person"


@pytest.mark.parametrize("line", [
    "Referred from QuickCare urgent care. Their note (3/9/26) pasted below:",
    "PCP note 3/9/26: knee strain, ibuprofen.",
    "Outside ED note from 3/9/2026 reviewed: XR negative.",
])
def test_another_clinics_dated_note_is_its_visit(line):
    assert dated(f"PEDIATRIC ORTHOPEDICS - NEW PATIENT 3/23/2026\n{line}\n").get(dt.date(2026, 3, 9)) == "in_person"


def test_a_physical_therapy_note_that_started_on_a_date_is_no_visit_that_day():
    got = dated("Ortho f/u 3/23/2026. PT note (visit 6 of 6, started 3/2) reviewed.")
    assert dt.date(2026, 3, 2) not in got


@pytest.mark.parametrize("head", [
    "HOSPITAL MEDICINE ADMISSION H&P      Admit 03/22/2026 23:40   Note signed 03/23/2026",
    "ED PROVIDER NOTE   Arrival 03/22/2026 22:10   Dictated 03/23/2026",
    "Date of service: 03/22/2026   Transcribed: 03/23/2026",
])
def test_the_day_a_note_was_signed_is_no_contact(head):
    got = dated(f"{head}\nCC: R foot redness.\nExam: warm, swollen forefoot.\n")
    assert got.get(dt.date(2026, 3, 22)) == "in_person"
    assert REF not in got


def test_a_note_dated_and_signed_the_same_day_is_that_days_visit():
    got = dated("CLINIC NOTE 03/23/2026   Signed 03/23/2026\nCC: knee pain.\n")
    assert got.get(REF) == "in_person"


def test_a_date_of_surgery_is_no_visit():
    got = dated("Spine clinic f/u 3/23/2026. Procedure: L4-S1 TLIF w/ posterior instrumentation, DOS 03/10/2025.")
    assert dt.date(2025, 3, 10) not in got


@pytest.mark.parametrize("text, day", [
    ("Plan: urgent ortho f/u Mon 3/26.", dt.date(2025, 3, 26)),  # no year: two days ahead, not last year
    ("Her follow-up whole-body MRI on 12/8/2025 showed decreased edema.", dt.date(2025, 12, 8)),
    ("Follow-up CT 3/2/2026 showed interval healing.", dt.date(2026, 3, 2)),
])
def test_a_day_ahead_or_a_scheduled_studys_date_is_no_visit(text, day):
    assert day not in dated(f"CLINIC NOTE 03/23/2026\n{text}\n")


@pytest.mark.parametrize("text, day", [
    ("Follow-up x-rays R tib/fib on 3/12/26 - still no fracture line.", dt.date(2026, 3, 12)),
    ("At her first visit with us on 3/9/26 standing films showed a 22 deg curve.", dt.date(2026, 3, 9)),
    ("Seen in follow-up 3/2/2026, MRI ordered.", dt.date(2026, 3, 2)),
])
def test_a_follow_up_visit_stays_one(text, day):
    assert dated(f"CLINIC NOTE 03/23/2026\n{text}\n").get(day) == "in_person"


# --- a denial of other sites ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "ROS: [x] fever  [ ] other joint pain  [ ] weight loss",
    "No other joint pain.",
    "Denies any other joint pain or swelling.",
])
def test_a_denial_of_other_sites_does_not_deny_the_complaint(text):
    got = [f for f in clinical(text, "tibia_fibula", 4).facts if f.fact == "limb_pain"]
    assert got == []


def test_a_plain_denial_still_denies():
    got = [f for f in clinical("No joint pain.", "tibia_fibula", 4).facts if f.fact == "limb_pain"]
    assert got and not got[0].present


# --- a clearance withheld is a restriction ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Cleared for: pool running, bike. NOT cleared: land running, jumping.",
    "Not yet cleared for contact sports.",
    "Restricted from PE since 4/20.",
    "Excused from gym since April.",
    "Remains off running since 4/1.",
])
def test_a_clearance_withheld_is_activity_modification(text):
    assert course(text, "activity_modification") is not None


@pytest.mark.parametrize("text", [
    "Cleared for all activity.",
    "Cleared to return to running.",
    "Kept from falling by her brother.",
])
def test_a_clearance_given_is_no_restriction(text):
    assert course(text, "activity_modification") is None
