"""How notes are read, seventh round: a course said not given ("has not done PT", "no PT yet", "declined ESI",
"never tried chiropractic") is the fact treatment_not_done of its kind, and no course; a negation of how a course
went ("no relief with PT") or of something the patient walks without ("w/o the boot") is not."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 3, 23)


def clinical(text: str, region: str | None = "lumbar", age: int | None = 50, ref: dt.date = REF):
    return read_notes([text], ref, region, age).clinical


def not_done(text: str, region: str | None = "lumbar", age: int | None = 50) -> set:
    return {f.value for f in clinical(text, region, age).facts if f.fact == "treatment_not_done" and f.present}


def kinds(text: str, region: str | None = "lumbar", age: int | None = 50) -> set:
    return {t.kind for t in clinical(text, region, age).treatments}


# --- a course not given ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,kind", [
    ("Low back pain x 3 months. Has not done PT.", "physical_therapy"),
    ("LBP x 3 mo. No PT.", "physical_therapy"),
    ("LBP x 3 mo. No PT yet.", "physical_therapy"),
    ("LBP. Pt has not tried physical therapy.", "physical_therapy"),
    ("LBP. Hasn't done any formal PT.", "physical_therapy"),
    ("LBP. Did not start PT.", "physical_therapy"),
    ("LBP. Has never had PT.", "physical_therapy"),
    ("LBP. Refused physical therapy.", "physical_therapy"),
    ("LBP. PT: none.", "physical_therapy"),
    ("LBP. Declined ESI.", "interventional_pain"),
    ("LBP. Never tried chiropractic.", "chiropractic"),
])
def test_a_course_said_not_given_is_treatment_not_done_and_no_course(text, kind):
    assert kind in not_done(text)
    assert kind not in kinds(text)


@pytest.mark.parametrize("text", ["R knee pain x 4 mo. No steroid injections.", "R knee pain. Declined cortisone injection.",
                                  "R knee pain. Has not had a steroid injection."])
def test_injections_not_given_in_a_joint_note(text):
    assert "steroid_injection" in not_done(text, "knee", 55)


@pytest.mark.parametrize("text,kind", [
    ("LBP. No relief with PT.", "physical_therapy"),            # how it went, not whether it was given
    ("LBP. PT 6 weeks, no relief.", "physical_therapy"),
    ("LBP. Naproxen with no relief.", "nsaid"),
])
def test_a_course_that_did_not_help_was_given(text, kind):
    assert kind in kinds(text)
    assert kind not in not_done(text)


@pytest.mark.parametrize("text", [
    "Ankle pain 4/10 walking w/o boot, 1/10 in boot.",
    "Knee gave out when she tried to walk w/o crutches.",
])
def test_walking_without_a_device_is_no_course_denied(text):
    assert "immobilization" not in not_done(text, "ankle", 40)


def test_an_unchecked_or_planned_course_is_no_history():
    assert "interventional_pain" not in not_done("LBP x 3 mo.\n[ ] ESI - decide after MRI")
    assert not not_done("LBP x 3 mo.\nA/P: lumbar strain.\n- no manipulation until imaging")


def test_the_denial_reaches_only_a_few_words():
    c = clinical("Chronic LBP. Has not tried anything else for the low back pain.")
    assert any(f.fact == "low_back_pain" and f.present for f in c.facts)


# --- visits the note names ------------------------------------------------------------------------------------

def dated(text: str, ref: dt.date = REF) -> dict:
    return {e.date: e.mode for e in read_notes([Note(text=text, date=ref)], ref).clinical.encounters}


@pytest.mark.parametrize("words", ["At re-exam 3/2 the leg pain was slightly better.", "Initial exam 3/2: SLR +.",
                                   "Recheck 3/2 - still sore.", "Re-evaluation 3/2: no change.",
                                   "Copied from 03/02/2026 2-wk visit.", "Pertinent exam (3/2/26, in person): TTP."])
def test_a_dated_re_examination_is_a_visit(words):
    assert dated(f"Back pain clinic note.\n{words}\nPlan MRI.").get(dt.date(2026, 3, 2)) == "in_person"


@pytest.mark.parametrize("words,day", [("Seen here 3 wks ago for LBP.", dt.date(2026, 3, 2)),
                                       ("Prior visit (10 days ago): SLR neg.", dt.date(2026, 3, 13)),
                                       ("Saw him two weeks ago for the same.", dt.date(2026, 3, 9))])
def test_a_visit_some_weeks_ago_is_dated_back_from_the_note(words, day):
    assert dated(f"Walk-in clinic.\n{words}\nNow worse.").get(day) == "in_person"


def test_the_mode_may_stand_further_back_in_the_clause():
    got = dated("Letter.\nA video visit with her surgeon on March 12 found no new deficit.")
    assert got.get(dt.date(2026, 3, 12)) == "telehealth"


def test_a_birth_date_is_no_visit():
    got = dated("WELL CHILD 03/23/2026\n[Newborn hx - copied from 03/17/2026 2-wk visit]\nBorn 3/3/26 at 39+0.")
    assert dt.date(2026, 3, 3) not in got
    assert got.get(dt.date(2026, 3, 17)) == "in_person"


def test_a_request_form_names_its_visit_and_is_no_contact_itself():
    form = ("ADVANCED IMAGING PRECERTIFICATION REQUEST\nExam: MRI LEFT thigh\n"
            "Date of most recent visit: 03/20/2026  [X] office  [ ] telehealth\n\nClinical summary: thigh mass.")
    got = dated(form)
    assert got == {dt.date(2026, 3, 20): "in_person"}


def test_an_unchecked_mode_box_is_no_mode():
    assert dated("Clinic note 3/23/26  [X] office  [ ] telehealth\nKnee pain.").get(REF) == "in_person"


# --- prior studies --------------------------------------------------------------------------------------------

def studies(text: str, region: str, age: int = 50) -> list:
    return [(i.modality, i.region) for i in clinical(text, region, age).imaging]


@pytest.mark.parametrize("words", ["standing PA/lat 12/12/2025: Cobb 18 deg R thoracic.",
                                   "Standing AP/lateral 12/12/25 - L thoracolumbar curve, Cobb 21 deg."])
def test_standing_films_in_a_spine_note_are_of_the_whole_spine(words):
    assert studies(f"Scoliosis f/u. {words}", "thoracic", 14) == [("xray", "whole_spine")]


@pytest.mark.parametrize("words", ["US-guided cortisone inj 3rd interspace 2/4/26.",
                                   "Ultrasound-guided injection L knee 2/4/26, 2 wks relief.",
                                   "Under CT guidance an SI joint injection was done 2/4/26."])
def test_the_guidance_of_a_procedure_is_no_study(words):
    assert not [s for s in studies(words, "knee") if s[0] in ("ultrasound", "ct")]


@pytest.mark.parametrize("text,region,limb", [
    ("Nerve conduction studies on 2/16/2026 showed mild bilateral median neuropathy at the wrist.", "cervical",
     "upper_extremity"),
    ("EMG/NCS 2/16/26 showed a chronic L5 radiculopathy.", "lumbar", "lower_extremity"),
])
def test_an_emg_is_of_the_limb(text, region, limb):
    assert ("emg_ncv", limb) in studies(text, region)


# --- the month May is no modal verb ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Physical therapy March 16 to May 1 with little change.",
                                  "She did physical therapy from March 16 to May 1 with little change.",
                                  "Then physical therapy 2/16 - May 1, 2026, little change."])
def test_a_course_ending_in_may_is_a_course(text):
    got = [t for t in read_notes([text], dt.date(2026, 8, 20), "lumbar", 50).clinical.treatments
           if t.kind == "physical_therapy"]
    assert got and got[0].end == dt.date(2026, 5, 1)


@pytest.mark.parametrize("text", ["May start PT.", "Pt may try naproxen."])
def test_may_the_verb_is_still_an_option(text):
    assert not read_notes([text], dt.date(2026, 8, 20), "lumbar", 50).clinical.treatments
