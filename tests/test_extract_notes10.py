"""Reading notes (outside testers, rounds 15 and 17): a course's name dates the m/d after it, a study a
condition or the plan waits on is not done, a share of relief is a response, a course stopped ends then,
a course told in the past in a later note does not run to that note, a length counted from a dated event,
an injury's evening or night, a curve named by its convex side, and motor grades of an earlier exam."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.dates import find_dates
from necessity.case import Note
from tests.note_reading import NoteReader

REF = dt.date(2026, 3, 20)


_reader = NoteReader(REF)
read, course, studies = _reader.read, _reader.course, _reader.studies


# --- after a course's name, m/d is a date, not a pain score ---------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Failed Medrol dosepak 2/10.", dt.date(2026, 2, 10)),
    ("Medrol dose pack 2/10, no help.", dt.date(2026, 2, 10)),
    ("prednisone taper 3/10 helped briefly.", dt.date(2026, 3, 10)),
    ("L5 TFESI 1/10 with good relief.", dt.date(2026, 1, 10)),
    ("naproxen 500 mg 2/10 - 3/1.", dt.date(2026, 2, 10)),
])
def test_a_course_name_dates_the_day_after_it(text, when):
    assert when in [f.value for f in find_dates(text, REF)]


@pytest.mark.parametrize("text", ["Pain 2/10 today.", "Pain 7/10, was 3/10 on meds.", "VAS 6/10."])
def test_a_score_stays_a_score(text):
    assert not [f for f in find_dates(text, REF) if f.text in ("2/10", "7/10", "3/10", "6/10")]


def test_a_dose_pack_dated_by_its_day_ends_six_days_later():
    t = course("Failed Medrol dosepak 2/10. Pain 6/10.", "oral_steroid")
    assert t is not None and t.start == dt.date(2026, 2, 10) and t.end == dt.date(2026, 2, 16)


# --- a study a condition or the plan waits on is not a study done ---------------------------------

@pytest.mark.parametrize("text", [
    "C6 radiculopathy, failed 6 wks PT.\nA/P: refer to spine/pain mgmt for possible CESI after MRI.",
    "A/P: C6 radiculopathy. Possible ESI pending MRI results.",
    "Plan: knee brace. If MRI neg -> RTP.",
    "If MRI shows a tear, will refer to ortho.",
    "Will decide on injection once MRI done.",
    "RTC after the MRI, sooner if worse.",
    "Awaiting lumbar MRI before surgery consult.",
])
def test_a_study_in_a_condition_or_plan_is_not_done(text):
    assert studies(text, "mri") == []


@pytest.mark.parametrize("text, when", [
    ("Knee pain worsened after MRI 3/1 showed a medial meniscus tear.", dt.date(2026, 3, 1)),
    ("MRI R knee 3/1: no tear. If MRI shows tear, will refer to ortho.", dt.date(2026, 3, 1)),
])
def test_a_study_done_is_still_read(text, when):
    assert [m.date for m in studies(text, "mri")] == [when]


# --- a share of relief is the response ------------------------------------------------------------

@pytest.mark.parametrize("text, response", [
    ("Underwent L L4-5 TFESI 2/20/26 with approx 60% relief lasting about 6 weeks. Pain has returned to baseline.",
     "significant"),
    ("L4-5 TFESI in Jan gave 30% relief.", "minimal"),
    ("L5 TFESI 1/15 - relief of about 80%.", "significant"),
    ("L5 TFESI 1/15 with 50-60% improvement.", "significant"),
    ("L5 TFESI 1/15, maybe 20 percent better.", "minimal"),
    ("L5 TFESI 1/15 with 0% relief.", "none"),
])
def test_a_share_of_relief_is_the_response(text, response):
    t = course(text, "interventional_pain")
    assert t is not None and t.response == response


# --- a course stopped ends then -------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, end", [
    ("Doing great. Off opioids since Feb.", "analgesic", dt.date(2026, 2, 1)),
    ("Stopped naproxen in Feb.", "nsaid", dt.date(2026, 2, 1)),
    ("D/c'd meloxicam 2/15.", "nsaid", dt.date(2026, 2, 15)),
    ("Weaned off gabapentin 1/2026.", "neuropathic_pain_medication", dt.date(2026, 1, 1)),
    ("Took ibuprofen x 3 wks, stopped it 2/1.", "nsaid", dt.date(2026, 2, 1)),
])
def test_a_course_stopped_ends_then(text, kind, end):
    t = course(text, kind)
    assert t is not None and t.end == end and t.start <= end


def test_a_course_still_taken_stays_under_way():
    t = course("Still taking naproxen since 2/1.", "nsaid")
    assert t is not None and t.start == dt.date(2026, 2, 1) and t.end != dt.date(2026, 2, 1)


# --- a later note that tells a course as past does not run it to its own date ---------------------

def _two(first: str, later: str, kind: str):
    notes = [Note(date=dt.date(2026, 1, 20), text=first), Note(date=dt.date(2026, 3, 10), text=later)]
    found = [t for t in read_notes(notes, dt.date(2026, 3, 16)).clinical.treatments if t.kind == kind]
    return found[0] if found else None


@pytest.mark.parametrize("later", [
    "HPI (copied from referral): R knee pain x 4 mo. Failed NSAIDs + 6 wk PT. Ordered MRI R knee.",
    "History: she tried NSAIDs for 6 wks without help.",
    "Previously on NSAIDs x 6 wks, no better.",
    "Hx of NSAIDs for 6 weeks.",
    "R knee pain x 4 mo. Failed NSAIDs + 6 wk PT.",
])
def test_a_course_told_as_past_later_does_not_run_to_that_note(later):
    t = _two("R knee pain x 4 mo. Failed NSAIDs + 6 wk PT. Ordered MRI R knee.", later, "nsaid")
    assert t is not None and t.end is not None and t.end <= dt.date(2026, 1, 20)


@pytest.mark.parametrize("later", [
    "Continues naproxen daily.",
    "Still taking naproxen, no better.",
    "Currently on naproxen 500 bid.",
])
def test_a_course_said_current_later_runs_on(later):
    t = _two("Knee pain. Started naproxen 1/5.", later, "nsaid")
    assert t is not None and (t.end is None or t.end >= dt.date(2026, 3, 10))


# --- a length after an event, written with a dated one, counts back from that date -----------------

@pytest.mark.parametrize("text, ref, onset", [
    ("13 y/o with L foot pain. XR L foot 3 views 10/28/26 (6 days after onset): no fracture seen.",
     dt.date(2026, 10, 30), dt.date(2026, 10, 22)),
    ("Knee pain. MRI 3/1 (2 wks after injury): ACL tear.", dt.date(2026, 4, 10), dt.date(2026, 2, 15)),
    ("Seen in ED 4/2, 10 days after the fall. Wrist pain.", dt.date(2026, 4, 10), dt.date(2026, 3, 23)),
    ("Wrist pain. Seen at UC 4/2, 3 days s/p fall.", dt.date(2026, 4, 10), dt.date(2026, 3, 30)),
])
def test_a_length_after_an_event_counts_from_the_dated_one(text, ref, onset):
    assert read(text, ref).episode_onset == onset


def test_a_course_length_is_no_span_between_events():
    # "x 6 wks after injury" is how long the course ran, not when the injury was
    assert dt.date(2026, 2, 1) not in [f.value for f in find_dates("PT x 6 wks after injury.", REF)]
    from necessity.extract.notes import _after_event
    assert _after_event("Started PT 3/1 x 6 wks after injury.", REF) == []


# --- an injury told as this evening's, tonight's or last night's began then ------------------------

@pytest.mark.parametrize("text, onset", [
    ("ED NOTE. 13M skateboard fall tonight (4/10/2026), twisted R ankle.", dt.date(2026, 4, 10)),
    ("13M with R ankle pain since a skateboard fall at 1900 tonight, twisted R ankle.", dt.date(2026, 4, 10)),
    ("ED note. 15F fell off bike this evening, R wrist pain.", dt.date(2026, 4, 10)),
    ("Injured R knee earlier today in a tackle.", dt.date(2026, 4, 10)),
    ("UC: twisted L ankle playing soccer last night.", dt.date(2026, 4, 9)),
    ("Fell on outstretched hand this afternoon at recess.", dt.date(2026, 4, 10)),
])
def test_an_injury_tonight_or_last_night_began_then(text, onset):
    assert read(text, dt.date(2026, 4, 10)).episode_onset == onset


@pytest.mark.parametrize("text, days", [("tonight", 0), ("this evening", 0), ("earlier today", 0),
                                        ("last night", 1), ("last evening", 1)])
def test_relative_day_words(text, days):
    assert [f.value for f in find_dates(f"fell {text}", REF)] == [REF - dt.timedelta(days=days)]


def test_tonight_is_the_day_of_the_entry_it_is_written_in():
    text = ("EMERGENCY DEPARTMENT - PROVIDER NOTE\nArrival 02/12/2026 20:41 BIBA from home\n\n"
            "HPI: 81 y/o F slipped on bath mat ~1900 tonight, fell onto R side. c/o R hip pain 8/10.\n\n"
            "---- Obs re-eval 02/13/2026 07:30 ----\nStill cannot WB.")
    assert read_notes([Note(date=dt.date(2026, 2, 13), text=text)], dt.date(2026, 2, 13)).clinical.episode_onset \
        == dt.date(2026, 2, 12)


# --- a muscle's grade is the one written with it, now ----------------------------------------------

def grades(text: str):
    return {(f.location, f.side): f.value for f in read(text).facts if f.fact == "motor_grade" and f.present}


@pytest.mark.parametrize("text, muscle, value", [
    ("Motor examination reveals 4/5 strength in bilateral finger abduction and grip, 5/5 deltoids, biceps.",
     "grip", 4.0),
    ("Motor examination reveals 4/5 strength in bilateral finger abduction and grip, 5/5 deltoids, biceps.",
     "deltoid", 5.0),
    ("3/5 weakness of L ankle DF and EHL, 5/5 quads.", "extensor hallucis longus", 3.0),
    ("PE: L ankle DF 3/5 (was 5/5 on 6/1), L EHL 2/5 (was 4/5), L hip abd 4/5.", "extensor hallucis longus", 2.0),
    ("PE: L EHL 2/5, L hip abd 4/5.", "extensor hallucis longus", 2.0),
    ("L EHL 2/5 (prev 4/5). Foot drop.", "extensor hallucis longus", 2.0),
    ("EHL is now 2/5 on the right and ankle dorsiflexion 3/5 R.", "extensor hallucis longus", 2.0),
])
def test_the_grade_written_with_the_muscle_is_its_grade(text, muscle, value):
    found = {v for (loc, _), v in grades(text).items() if loc == muscle}
    assert found == {value}


def test_a_grade_per_side_still_reads_both():
    g = grades("EHL 4/5 L, 5/5 R.")
    assert g[("extensor hallucis longus", "left")] == 4.0 and g[("extensor hallucis longus", "right")] == 5.0


# --- a curve is named by its convex side; "concave to the right" is a left curve --------------------

@pytest.mark.parametrize("text, fact, side", [
    ("13 yo F with left-sided thoracic curve (concave to the right), 24 degrees.", "convex_left_thoracic_curve", "left"),
    ("Scoliosis: 20 deg thoracic curve, concave to the left.", "cobb_angle", "right"),
    ("Scoliosis: 20 deg thoracic curve, concave to the left.", "spinal_deformity", "right"),
])
def test_the_convex_side_names_the_curve(text, fact, side):
    sides = {f.side for f in read(text).facts if f.fact == fact and f.present}
    assert sides == {side}


# --- a located record and an unlocated one of the same fact are one finding --------------------------

def test_an_unlocated_record_joins_the_located_one():
    text = ("13 y/o M w/ L foot pain since 10/22/26. Point tenderness over the 2nd metatarsal shaft.\n"
            "A/P: possible 2nd MT stress fx. Ordered MRI L foot w/o to r/o stress fracture.")
    recs = [f for f in read(text, dt.date(2026, 10, 30)).facts if f.fact == "stress_fracture_suspected"]
    assert len(recs) == 1 and recs[0].location == "metatarsal" and recs[0].side == "left"


# --- a study from elsewhere or before, reviewed in a later note, is the earlier one -----------------

@pytest.mark.parametrize("later", [
    "Ortho Hand f/u: persistent snuffbox tenderness. X-rays from ED reviewed, negative.",
    "Ortho f/u: outside films reviewed - no fracture of the R wrist.",
    "f/u: prior wrist x-rays negative. Still tender.",
])
def test_a_study_from_elsewhere_is_the_earlier_one(later):
    notes = [Note(date=dt.date(2026, 10, 31), text="ED: FOOSH today. XR R wrist 4 views incl scaphoid view: no fracture identified."),
             Note(date=dt.date(2026, 11, 2), text=later)]
    xrays = [m for m in read_notes(notes, dt.date(2026, 11, 2)).clinical.imaging if m.modality == "xray"]
    assert [(m.date, m.result) for m in xrays] == [(dt.date(2026, 10, 31), "normal")]


# --- an ED or urgent-care note's injury with no day told happened the day of the visit ---------------

@pytest.mark.parametrize("text, onset", [
    ("ED NOTE 10/31/2026\n16 yo RHD M fell onto outstretched R hand skateboarding. Pain radial wrist.", dt.date(2026, 10, 31)),
    ("URGENT CARE VISIT\n13M skateboard fall, twisted R ankle. Unable to bear wt.", dt.date(2026, 10, 31)),
    ("Clinic visit\n16 yo fell onto outstretched R hand skateboarding. Pain radial wrist.", None),
    ("ED NOTE\n16 yo fell onto R hand 3 weeks ago, pain since.", dt.date(2026, 10, 10)),
])
def test_an_acute_care_injury_with_no_day_is_that_days(text, onset):
    assert read(text, dt.date(2026, 10, 31)).episode_onset == onset
