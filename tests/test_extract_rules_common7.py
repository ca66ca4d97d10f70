"""How notes are read, seventh round: a course said not given ("has not done PT", "no PT yet", "declined ESI",
"never tried chiropractic") is the fact treatment_not_done of its kind, and no course; a negation of how a course
went ("no relief with PT") or of something the patient walks without ("w/o the boot") is not."""

from __future__ import annotations

import datetime as dt

import pytest

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
