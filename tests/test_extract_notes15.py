"""Note readings fixed after the outside testers' round-21 cases: a grade written right before the muscle with
its side ("4/5 R EHL, otherwise 5/5"), a visit whose clinician is named between it and its date ("evaluated in
person by Dr. K. Huang on 02/02/2026"), a range of months beside a course ("PT x 6 wks (Mar-Apr)"), a film
whose only finding is soft-tissue swelling (nondiagnostic), an undated course that helped stays undated."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes
from necessity.extract.dates import find_dates
from tests.note_reading import NoteReader

REF = dt.date(2026, 6, 8)
R = NoteReader(REF)


def _dated(text: str, ref: dt.date = REF):
    return read_notes([Note(text=text, date=ref)], ref).clinical


# --- D7: a grade written right before the muscle, with its side between, is that muscle's -------------------

@pytest.mark.parametrize("text, value, side", [
    ("Strength: 4/5 R EHL, otherwise 5/5.", 4.0, "right"),
    ("Motor: 4-/5 left EHL; rest 5/5 throughout.", 4.0, "left"),
    ("Str 3/5 L EHL, otherwise 5/5 b/l.", 3.0, "left"),
    ("Strength 5/5 throughout except 4/5 L EHL.", 4.0, "left"),
    ("EHL 4/5 L, 5/5 R.", 4.0, "left"),
])
def test_a_grade_written_before_the_muscle_is_its_own(text, value, side):
    ehl = [f for f in R.read(text).facts if f.fact == "motor_grade" and f.location == "extensor hallucis longus"]
    assert any(f.value == value and f.side == side for f in ehl), ehl
    assert not any(f.value == 5.0 and f.side == side for f in ehl)


def test_the_grade_before_a_comparison_still_splits_by_side():
    ehl = [f for f in R.read("Motor 4/5 L EHL compared with 5/5 on the right.").facts
           if f.fact == "motor_grade" and f.location == "extensor hallucis longus"]
    assert {(f.side, f.value) for f in ehl} == {("left", 4.0), ("right", 5.0)}


def test_names_listed_before_one_grade_still_share_it():
    c = R.read("EHL, TA 4/5 L.")
    assert {f.location for f in c.facts if f.fact == "motor_grade" and f.value == 4.0} >= {
        "extensor hallucis longus", "tibialis anterior"}


# --- D2: a visit whose clinician is named between it and its date is a dated in-person visit ------------------

@pytest.mark.parametrize("text, day", [
    ("Pt was evaluated in person by Dr. K. Huang on 02/02/2026. Pain is axial.", dt.date(2026, 2, 2)),
    ("Pt was seen in clinic by her PCP, Dr. A. Lee, on 1/20/2026.", dt.date(2026, 1, 20)),
    ("Had an in-person evaluation with Dr. Ruiz on 01/20/26.", dt.date(2026, 1, 20)),
    ("Examined by Dr. J. O'Neil (orthopedics) on Jan 20, 2026.", dt.date(2026, 1, 20)),
])
def test_a_visit_named_with_its_clinician_before_the_date(text, day):
    enc = _dated(text, dt.date(2026, 2, 9)).encounters
    assert any(e.date == day and e.mode == "in_person" for e in enc), enc


def test_a_staff_summary_keeps_the_visit_it_dates():
    text = ("PRIOR AUTHORIZATION CLINICAL SUMMARY\nPrepared by: J. Morales, RN, Utilization Coordinator\n\n"
            "Clinical summary: 52 year old female with chronic low back pain. Pt was evaluated in person by "
            "Dr. K. Huang on 02/02/2026. Pain is axial.")
    enc = _dated(text, dt.date(2026, 2, 9)).encounters
    assert [(e.date, e.mode) for e in enc] == [(dt.date(2026, 2, 2), "in_person")]


# --- D3: a range of months beside a course dates it --------------------------------------------------------

@pytest.mark.parametrize("text", ["PT Mar-Apr", "PT x 6 wks (Mar-Apr)", "PT Mar to Apr", "naproxen Mar thru Apr"])
def test_two_short_months_joined_as_a_range_are_dates(text):
    got = [f.value for f in find_dates(text, REF)]
    assert got == [dt.date(2026, 3, 1), dt.date(2026, 4, 1)]


def test_a_lone_short_month_word_is_still_not_a_date():
    assert find_dates("L4-5 may be involved", REF) == ()


@pytest.mark.parametrize("text, kind, start, end", [
    ("Tried: brace, ibuprofen prn, PT x 6 wks (Mar-Apr) - minimal relief.", "physical_therapy",
     dt.date(2026, 3, 1), dt.date(2026, 4, 12)),
    ("PT 6 wks (March-April), no help.", "physical_therapy", dt.date(2026, 3, 1), dt.date(2026, 4, 12)),
    ("Did PT Jan-Mar, no better.", "physical_therapy", dt.date(2026, 1, 1), dt.date(2026, 3, 1)),
])
def test_a_month_range_beside_a_course_dates_it(text, kind, start, end):
    t = R.course(text, kind)
    assert t is not None and (t.start, t.end) == (start, end) and not t.undated


# --- D6: a film whose only finding is soft-tissue swelling is nondiagnostic ---------------------------------

@pytest.mark.parametrize("text, result", [
    ("XR R ankle 3v 5/14/26: no fx, no OCD, mild lat soft tissue swelling.", "equivocal"),
    ("X-rays of the R elbow show soft tissue swelling, no fracture.", "equivocal"),
    ("XR L ankle: STS laterally, no acute fracture or dislocation.", "equivocal"),
    ("XR R ankle 3V: nondisplaced distal fibula fx with soft tissue swelling.", "abnormal"),
    ("XR L wrist: buckle fx distal radius, STS.", "abnormal"),
    ("XR R ankle: no fracture, no soft tissue swelling.", "normal"),
    ("XR R knee neg, no fx or soft tissue swelling.", "normal"),
])
def test_soft_tissue_swelling_alone_does_not_answer_the_bone(text, result):
    films = R.studies(text, "xray")
    assert films and films[0].result == result


# --- D1: an undated course stays undated whatever its response (the engine decides what that means) ----------

@pytest.mark.parametrize("text", ["uses ibuprofen a few times a week with good relief.",
                                  "tried naproxen, helped a lot."])
def test_an_undated_course_that_helped_is_still_undated(text):
    t = R.course(text, "nsaid")
    assert t is not None and t.undated


# --- D4: the history's or chief complaint's own length is the episode's --------------------------------------

@pytest.mark.parametrize("text, onset", [
    ("HPI: 8 y/o M w/ 6 wk progressive difficulty climbing stairs and getting up from the floor.", dt.date(2026, 4, 27)),
    ("CC: weakness x 3 months.", dt.date(2026, 3, 10)),
    ("History of present illness: 45 year-old male with 2 month history of trouble getting out of a chair.",
     dt.date(2026, 4, 9)),
    ("Chief complaint: trouble climbing stairs for 6 weeks.", dt.date(2026, 4, 27)),
])
def test_the_historys_length_dates_the_episode(text, onset):
    assert _dated(text).episode_onset == onset


def test_a_date_the_history_writes_outweighs_its_length():
    text = "HPI: 8 y/o M w/ 6 wk progressive difficulty climbing stairs, began 5/1/26."
    assert _dated(text).episode_onset == dt.date(2026, 5, 1)


def test_a_vague_length_in_the_history_dates_nothing():
    assert _dated("HPI: 8 y/o M w/ several wks of difficulty climbing stairs.").episode_onset is None


# --- D5: a film dated by its month alone ---------------------------------------------------------------------

def test_a_film_of_the_month_is_the_one_the_notes_date_in_it():
    notes = [Note(text="27M R ankle inversion injury 1/24/26. XR R ankle 3V 1/24/26: no fx.", date=dt.date(2026, 2, 10)),
             Note(text="He has had lateral ankle pain since an inversion injury on January 24, 2026. Ankle radiographs "
                       "from January were negative for fracture.", date=dt.date(2026, 5, 12))]
    films = read_notes(notes, dt.date(2026, 5, 12)).clinical.imaging
    assert [(f.region, f.date, f.result) for f in films] == [("ankle", dt.date(2026, 1, 24), "normal")]


def test_a_film_of_the_onsets_month_is_not_before_the_onset():
    films = _dated("Knee pain since an injury 3/10/26. XR R knee in March: no fx.", dt.date(2026, 5, 12)).imaging
    assert [(f.date, f.result) for f in films] == [(dt.date(2026, 3, 10), "normal")]


def test_a_film_of_another_month_keeps_its_month():
    films = _dated("XR R knee in January: no fx. Knee pain since an injury 3/10/26.", dt.date(2026, 5, 12)).imaging
    assert [f.date for f in films] == [dt.date(2026, 1, 1)]


# --- D4: a date that opens the sentence and leads to a new or recurrent symptom began the episode -------------

@pytest.mark.parametrize("text, onset", [
    ("~4/1/26 recurrent R buttock & posterior leg pain to lateral foot, now worse than pre-op, 8/10.", dt.date(2026, 4, 1)),
    ("On 4/1/26 developed recurrent R leg pain.", dt.date(2026, 4, 1)),
    ("3/2: new onset of neck pain radiating to the R arm.", dt.date(2026, 3, 2)),
    ("April 1, 2026 pt noted worsening low back pain.", dt.date(2026, 4, 1)),
])
def test_a_date_opening_a_new_symptom_dates_the_episode(text, onset):
    assert _dated(text, dt.date(2026, 4, 16)).episode_onset == onset


@pytest.mark.parametrize("text", ["4/1/26 XR L-spine: no fx.", "4/1/26 new MRI ordered.", "4/1/26 new pt visit."])
def test_a_date_opening_a_course_or_a_study_is_no_onset(text):
    assert _dated(text, dt.date(2026, 4, 16)).episode_onset is None
