"""Phrasing families of every note, fifth round: protective footwear, straps and heel lifts are immobilization; pool
running is cross-training; calcium and vitamin D with a dose are a medication; ice with rest or elevation is RICE;
the exercises a patient does are a home program (not one taken up on his own); sitting out of PE and cutting back
training are activity modification; a past visit's plan and a kept referral are courses; the hour of a last dose is
no course; range words end a course only right before its date; a length belongs to the course it follows; a course
given at a dated visit takes that visit's date; responses written as "not really better", "takes the edge off";
a date that an onset word leads to is no visit; "never got the xrays done" is no study; a year dates a study."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 5, 13)


def clinical(text: str, region: str = "knee", age: int = 40, ref: dt.date = REF):
    return read_notes([text], ref, region, age).clinical


def courses(text: str, region: str = "knee", age: int = 40) -> dict:
    return {t.kind: t for t in clinical(text, region, age).treatments}


# --- treatment kinds ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("Went to urgent care 4/24, given a post-op shoe.", "immobilization"),
    ("Has worn a hard-soled shoe since 4/20.", "immobilization"),
    ("Heel lift in both shoes since 4/1.", "immobilization"),
    ("Wearing a patellar strap for practice since April.", "immobilization"),
    ("Pool running since 4/20.", "cross_training"),
    ("Deep water running and stationary bike for the past 3 wks.", "cross_training"),
    ("Ca 1200 mg + vit D3 2000 IU daily since 3/4.", "medication"),
    ("Vitamin D 50,000 IU weekly since March.", "medication"),
    ("UC 4/9: ice/rest, ibuprofen.", "rice"),
    ("Has been icing after practice and resting since 4/10. Ice and elevation helped.", "rice"),
    ("Doing stretches most days since 4/8.", "home_exercise"),
    ("Eccentric heel drops at home since February.", "home_exercise"),
    ("Sitting out of PE since 4/12.", "activity_modification"),
    ("She sat out of practice x 2 wks.", "activity_modification"),
    ("Cut back to one practice a day since 4/20.", "activity_modification"),
    ("Was told to stop running 4/1 and has not run since.", "activity_modification"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_courses_written_as_clinicians_write_them(text, kind):
    assert kind in courses(text), f"{kind} not read from {text!r}"


@pytest.mark.parametrize("text, kind", [
    ("Labs: vit D, CMP, TSH.", "medication"),             # a lab, no dose
    ("Calcium 9.8 mg/dL.", "medication"),                 # a lab value
    ("He has been doing stretches from YouTube on his own.", "home_exercise"),   # not provider-directed
    ("Tylenol last 2200.", "analgesic"),                  # the hour of a dose
    ("Has cut back to 3 days/wk at work.", "activity_modification"),  # work hours, not training
    ("No lifting injury, no fall.", "activity_modification"),
], ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None)
def test_words_that_are_no_course(text, kind):
    assert kind not in courses(text)


def test_no_lifting_in_a_denial_does_not_unnegate_the_injury():
    c = clinical("No fall, no lifting injury. Back pain since 4/1.", "lumbar")
    assert not any(f.fact == "trauma_mechanism" and f.present for f in c.facts)


# --- a past plan, a kept referral ------------------------------------------------------------------------------

def test_a_past_visits_plan_is_a_course_tried():
    found = courses("Exam 4/8: TTP. Plan was ibuprofen 200 mg TID x2 wks, home stretching handout, no basketball "
                    "for now.", "lumbar", 12)
    assert {"nsaid", "home_exercise", "activity_modification"} <= set(found)


def test_todays_plan_is_still_no_course():
    assert "nsaid" not in courses("Plan: ibuprofen 200 mg TID x2 wks.", "lumbar")


def test_a_referral_the_patient_kept_is_a_course():
    t = courses("Referred to PT: went 2x (2/3 + 2/10) then stopped - copay.", "ankle").get("physical_therapy")
    assert t is not None and t.start == dt.date(2026, 2, 3)


def test_a_referral_alone_is_no_course():
    assert "physical_therapy" not in courses("Referred to PT.", "ankle")


# --- dates and lengths of a course ----------------------------------------------------------------------------

def test_went_to_is_no_end_of_a_course():
    c = courses("Went to urgent care 3/24 - XR neg, given a post-op shoe, told to stop running.", "foot")
    assert c["immobilization"].start == dt.date(2026, 3, 24) and c["immobilization"].end is None
    assert c["activity_modification"].start == dt.date(2026, 3, 24)


def test_a_range_still_ends_a_course():
    t = courses("Naproxen 3/1 to 4/2, no relief.", "knee")["nsaid"]
    assert (t.start, t.end, t.response) == (dt.date(2026, 3, 1), dt.date(2026, 4, 2), "none")


def test_a_length_belongs_to_the_course_it_follows():
    c = courses("Seen at UC 4/13: prednisone 40 mg x 6 days + tramadol 50 q6h prn, walk as tolerated.", "lumbar")
    assert c["oral_steroid"].end == dt.date(2026, 4, 19)
    assert c["analgesic"].start == dt.date(2026, 4, 13) and c["analgesic"].end is None


# --- responses ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, response", [
    ("Naproxen since 4/1 - pain not really better.", "none"),
    ("Gabapentin since 4/1, which has not changed anything.", "none"),
    ("Tylenol scheduled since 4/10 - doesn't touch it.", "none"),
    ("Naproxen 500 bid since 4/1 - takes the edge off.", "minimal"),
    ("PT 3/1 - 4/20, limited improvement.", "minimal"),
])
def test_responses_in_the_patients_words(text, response):
    [t] = clinical(text, "lumbar").treatments
    assert t.response == response


# --- encounters ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("Prior visit summary (in office 4/8/26): LBP since ~3/20 (after spring break).", dt.date(2026, 3, 20)),
    ("PT progress note 4/27/26 (visit 6 of 6, started 3/9) quoted.", dt.date(2026, 3, 9)),
])
def test_a_date_an_onset_or_start_leads_to_is_no_visit(text, day):
    assert day not in {e.date for e in clinical(text, "lumbar").encounters}


def test_the_visit_date_itself_is_still_read():
    days = {e.date for e in clinical("Prior visit summary (in office 4/8/26): LBP since ~3/20.", "lumbar").encounters}
    assert dt.date(2026, 4, 8) in days


# --- prior imaging ---------------------------------------------------------------------------------------------------

def test_a_study_never_done_is_none():
    assert not clinical("Mom says they never got the xrays done.", "lumbar").imaging


def test_a_year_dates_a_study_done():
    [m] = clinical("A brain MRI in 2024 (headaches) was normal.", "cervical").imaging
    assert (m.modality, m.region, m.date, m.result) == ("mri", "brain", dt.date(2024, 1, 1), "normal")


@pytest.mark.parametrize("text", [
    "XR L-spine 4/28: grade 1 anterolisthesis L4 on L5.",
    "XR L-spine 2v 4/28: mild DDD L4-5, L5-S1.",
    "XR L knee 4/7: fragmentation of the tibial tubercle apophysis.",
])
def test_degenerative_and_apophyseal_findings_make_a_study_abnormal(text):
    [m] = clinical(text, "lumbar").imaging
    assert m.result == "abnormal"


@pytest.mark.parametrize("text, region", [
    ("XR AP pelvis + frog-leg lateral hips 4/27: no definite slip, Klein's line intersects both epiphyses;\n"
     "L proximal femoral physis possibly slightly widened compared w/ R - equivocal.", "hip"),
    ("XR R tib/fib 2 views 5/12: no fracture, no periosteal reaction, no lytic lesion. Non-diagnostic.", "leg"),
])
def test_a_verdict_of_doubt_after_the_report_makes_it_equivocal(text, region):
    assert {m.result for m in clinical(text, region).imaging} == {"equivocal"}


def test_a_finding_in_the_next_sentence_is_not_the_films():
    [m] = clinical("XR R knee 5/12: no fracture. Effusion on exam, concern for occult fracture.", "knee").imaging
    assert m.result == "normal"
