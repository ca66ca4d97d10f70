"""Reading notes (outside testers, round 23): a study named with its purpose is the order wherever it stands; a
surgery's own written date is its date; a video visit mentioned in passing is not the note's contact; a course's
dates come from its own sentence; an injury is acute or old by its date; and other leftovers. Each test runs a
short note through the extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 11, 11)


def read(text: str, ref: dt.date = REF, region: str | None = None):
    return read_notes([Note(date=ref, text=text)], ref, region).clinical


def studies(text: str, ref: dt.date = REF, region: str | None = None):
    return [s for s in read(text, ref, region).imaging if s.modality in ("mri", "ct", "ultrasound")]


# --- K1: a study named with its purpose is the order, wherever it stands --------------------------------------

@pytest.mark.parametrize("line", [
    "A/P: Known L medial talar dome OCD. MRI L ankle w/o contrast to stage lesion (stability, fragment) and guide "
    "operative vs nonoperative treatment.",
    "A/P: Painful R TKA, suspect aseptic loosening. MRI R knee w/o contrast with MAVRIC metal-artifact reduction to "
    "assess loosening/osteolysis prior to revision planning.",
    "A/P: Suspected L 3rd interspace Morton's neuroma. MRI L foot w/o contrast to confirm and size lesion prior to "
    "possible excision.",
    "Known OCD of the medial femoral condyle. MRI R knee to grade the lesion.",
    "Suspected stress fracture. MRI L foot for further detail.",
    "Loose body on XR. MRI L knee w/o contrast for surgical planning.",
    "Large osteochondral lesion. MRI R ankle for pre-op planning.",
    "Recurrent sx after discectomy. MRI L-spine w/o and w/ contrast to distinguish recurrent disc herniation from "
    "epidural fibrosis.",
    "Soft tissue mass R thigh. MRI R thigh w/ and w/o contrast to characterize the mass prior to biopsy referral.",
    "Impression: suspected labral tear. MR arthrogram R hip in order to confirm the tear.",
])
def test_a_study_with_its_purpose_is_the_order(line):
    assert not studies("Pain in the limb for 3 months.\n" + line)


@pytest.mark.parametrize("line", [
    "MRI L knee prior to surgery showed a complex medial meniscus tear.",
    "MRI R knee 10/02/2026 for assessment of the meniscus: complex medial meniscus tear.",
    "MRI L knee for surgical planning was normal.",
])
def test_a_study_reported_or_dated_is_still_a_study(line):
    assert studies(line)


# --- K2: a surgery's own written date is its date ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "NP visit 9/15/26\n69M s/p L3-4 decompressive laminectomy 1/21/2025 (Dr. Hsu), did great until this summer.",
    "Office visit 09/15/2026\n69M s/p L3-4 laminectomy on 01/21/2025 by Dr. Hsu, recurrent leg pain.",
    "Spine f/u 9/15/2026\nSurgery: L3-4 laminectomy, date of surgery 1/21/2025. Recurrent thigh pain.",
    "Clinic 9/15/26\nHx: L3-4 decompression 1-21-2025; doing well until July.",
])
def test_a_surgery_takes_its_own_date_not_the_heading_s(text):
    c = read(text, dt.date(2026, 9, 15), "lumbar")
    surgery = [f for f in c.facts if f.fact == "spinal_surgery" and f.present]
    assert surgery and surgery[0].date == dt.date(2025, 1, 21)


# --- K3: a video visit told of besides the note's own contact gives it no mode ------------------------------------

def modes(text: str, ref: dt.date = dt.date(2026, 9, 15)):
    return {e.date: e.mode for e in read(text, ref).encounters}


@pytest.mark.parametrize("text", [
    "Ortho clinic\n52M with LBP x 8 wks. Exam: SLR neg.\nPlan: PT 6 wks, f/u video visit after PT.",
    "NP visit 9/15/26\n69M with LBP. Exam normal.\nPlan: PT, gabapentin, f/u video visit after PT.",
    "Progress note\n52M with LBP. Plan: PT; will schedule telehealth follow-up in 6 wks.",
    "Spine clinic\n52M LBP. Prior visits were via telehealth. Exam today: SLR neg.",
    "Spine clinic\n52M with LBP x 8 wks, last seen by video visit in August. Exam: SLR neg, 5/5 strength.",
    "Spine clinic\nPt had a video visit with PCP in July. Exam: SLR neg.",
    "Spine clinic\n52M LBP, can do a video visit next time if easier. Exam: SLR neg.",
])
def test_another_video_visit_is_not_this_notes_mode(text):
    assert modes(text)[dt.date(2026, 9, 15)] == "in_person"


@pytest.mark.parametrize("text", [
    "F/U video visit\n52M LBP.",
    "Follow-up video visit 09/15/2026\n52M LBP.",
    "Progress note\nThis visit was conducted via video with patient consent. 52M LBP.",
    "Ortho\nPt seen via telemedicine today for LBP.",
    "Video visit today. 52M with LBP x 8 wks.",
])
def test_this_notes_own_video_visit_is_telehealth(text):
    assert modes(text)[dt.date(2026, 9, 15)] == "telehealth"


def test_a_course_s_date_range_is_no_visit():
    got = modes("Telehealth (video) f/u 11/06/2026\nCompleted PT 9/18-10/30 (11 visits) - no better.",
                dt.date(2026, 11, 6))
    assert dt.date(2026, 9, 18) not in got and got[dt.date(2026, 11, 6)] == "telehealth"


# --- K4: a course's dates come from its own sentence -------------------------------------------------------------

def courses(text: str, ref: dt.date):
    return {t.kind: (t.start, t.end) for t in read(text, ref).treatments}


@pytest.mark.parametrize("after", [
    "Other: stopped running since mid-Sept, using knee sleeve.",
    "Stopped soccer in mid-September.",
    "Quit running 9/15, bikes instead.",
])
def test_another_thing_stopped_in_the_next_sentence_does_not_end_the_course(after):
    got = courses("Meds: ibuprofen 600 mg TID since 9/10/26 - ~8 wks, modest help only.\n" + after, dt.date(2026, 11, 5))
    assert got["nsaid"] == (dt.date(2026, 9, 10), dt.date(2026, 11, 5))


@pytest.mark.parametrize("after, end", [
    ("She completed it on 10/23.", dt.date(2026, 10, 23)),
    ("Finished the course 10/20.", dt.date(2026, 10, 20)),
])
def test_the_course_ended_in_the_next_sentence(after, end):
    assert courses("Started PT 9/1. " + after, dt.date(2026, 11, 5))["physical_therapy"][1] == end


@pytest.mark.parametrize("text", [
    "Portal message: I finished my 6 weeks of PT last week and my neck still hurts.",
    "Pt states she completed her 6 wks of physical therapy last week.",
    "Finished 6 wks of PT last week, no better.",
])
def test_a_course_finished_last_week_ends_then(text):
    start, end = courses(text, dt.date(2026, 10, 6))["physical_therapy"]
    assert end == dt.date(2026, 9, 29) and start == dt.date(2026, 8, 18)


def test_a_course_started_last_week_starts_then():
    start, _ = courses("Started my 6 weeks of PT last week.", dt.date(2026, 10, 6))["physical_therapy"]
    assert start == dt.date(2026, 9, 29)


# --- K5: a limb injury is acute or old by its date (about six weeks) ------------------------------------------------

def injuries(text: str, ref: dt.date):
    return {f.fact: f for f in read(text, ref, "knee").facts if f.fact.endswith("limb_injury") and f.present}


@pytest.mark.parametrize("text, day", [
    ("Fell while skiing 3/7/26, felt a pop in the L knee, immediate swelling.", dt.date(2026, 3, 7)),
    ("Twisted R knee playing soccer on 3/14/26, swelling laterally.", dt.date(2026, 3, 14)),
])
def test_a_recent_dated_injury_is_acute_on_its_day(text, day):
    got = injuries(text, dt.date(2026, 3, 20))
    assert "acute_limb_injury" in got and got["acute_limb_injury"].date == day and "chronic_limb_injury" not in got


@pytest.mark.parametrize("text", [
    "28 yo M w/ L knee instability since flag football injury on 1/24/26 (planted + cut, felt a pop, swelled up).",
    "R knee injury 1/20/26 - landed from a rebound and the knee buckled inward.",
    "Fell while skiing 1/7/26, felt a pop in the L knee, still gives way.",
])
def test_a_months_old_dated_injury_is_chronic_from_its_day(text):
    got = injuries(text, dt.date(2026, 6, 26))
    assert "acute_limb_injury" not in got and got["chronic_limb_injury"].onset.month == 1


def test_days_a_week_is_a_frequency_not_a_length():
    start, end = courses("Home exercise program ~5 days/wk since 8/25, no improvement.", dt.date(2026, 10, 30))["home_exercise"]
    assert start == dt.date(2026, 8, 25) and end != dt.date(2026, 8, 30)


# --- K7: a finding seen on a study is no visit; a birthday is no onset -------------------------------------------

@pytest.mark.parametrize("line", [
    "bilateral L5 pars defects seen on lumbar obliques 9/12/2026, still 6/10 LBP.",
    "Pars defect visible on the oblique views 9/12/26.",
    "Fracture line noted on MRI dated 9/12/2026.",
])
def test_a_finding_seen_on_a_study_is_no_visit(line):
    assert dt.date(2026, 9, 12) not in modes("Spine clinic\n" + line, dt.date(2026, 10, 24))


def test_seen_on_a_date_is_still_a_visit():
    assert dt.date(2026, 9, 12) in modes("Spine clinic\nSeen on 9/12/2026 by Dr. Lee for LBP.", dt.date(2026, 10, 24))


@pytest.mark.parametrize("text", [
    "4yo F w/ low back pain x ~3 wks. Started maybe before her birthday... no, she turned 4 in June, started ~3 weeks ago.",
    "Low back pain started about 3 weeks ago; he turns 10 on 6/2.",
])
def test_a_birthday_is_no_onset(text):
    pain = [f for f in read(text, dt.date(2026, 11, 13), "lumbar").facts if f.fact == "low_back_pain" and f.present]
    assert pain and pain[0].onset is not None and pain[0].onset >= dt.date(2026, 10, 1)
