"""Note readings fixed after the outside testers' round-19 cases: day-month dates written with hyphens, a
year alone in brackets dating an old study, a course's date range read as its first and last day (and no
contact), a pointer to another document that is no plan."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes
from necessity.extract.dates import find_dates
from tests.note_reading import NoteReader

REF = dt.date(2026, 3, 16)
R = NoteReader(REF)


# --- dates written day-month with hyphens or run together ---------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("s/p laminectomy 18-Jun-2025, did well", dt.date(2025, 6, 18)),
    ("seen 20-Jan-26 in clinic", dt.date(2026, 1, 20)),
    ("DOS: 16-Mar-2026", dt.date(2026, 3, 16)),
    ("since 12-Dec", dt.date(2025, 12, 12)),
    ("surgery Jun-18-2025", dt.date(2025, 6, 18)),
    ("op date 18Jun2025", dt.date(2025, 6, 18)),
    ("XR 02.Mar.2026", dt.date(2026, 3, 2)),
    ("seen 18 Jun 2025", dt.date(2025, 6, 18)),
    ("seen 5-May", dt.date(2025, 5, 5)),
])
def test_day_month_dates_with_hyphens_are_read(text, day):
    assert [f.value for f in find_dates(text, REF)] == [day]


def test_a_hyphenated_month_and_year_is_the_months_first_day():
    (f,) = find_dates("ESI Jan-2026", REF)
    assert f.value == dt.date(2026, 1, 1) and f.approximate


@pytest.mark.parametrize("text", ["L4-5 may be the level", "3-may", "reflexes 2+-dec"])
def test_a_lowercase_verb_or_abbreviation_after_a_number_is_no_date(text):
    assert find_dates(text, REF) == ()


def test_a_surgery_written_day_month_year_keeps_its_own_date():
    f = R.fact("59F s/p L4-5 laminectomy + L microdiscectomy 18-Jun-2025, did well until approx Dec 2025 "
               "when L leg pain recurred.", "spinal_surgery")
    assert f is not None and f.date == dt.date(2025, 6, 18)


def test_a_course_between_two_day_month_dates():
    pt = R.course("PT 26-Jan-2026 -> 09-Mar-2026 (6 wks, 11 visits).", "physical_therapy")
    assert (pt.start, pt.end) == (dt.date(2026, 1, 26), dt.date(2026, 3, 9))


# --- a year alone dates a study; an old study does not take the note's date ----------------------------------

@pytest.mark.parametrize("text", [
    "65F w/ known grade 1 anterolisthesis L4 on L5 (XR 2022, outside).",
    "Known L4-5 listhesis (outside films, 2022).",
    "L4-5 anterolisthesis on lumbar XR 2022.",
])
def test_a_year_alone_beside_a_study_dates_it(text):
    (xr,) = R.studies(text, "xray", dt.date(2026, 11, 5))
    assert xr.date == dt.date(2022, 1, 1)


def test_a_year_in_brackets_outweighs_a_headings_full_date_run_into_the_sentence():
    text = ("PAIN MEDICINE FOLLOW-UP  11/05/26 (in person)\n65F w/ known grade 1 degenerative anterolisthesis "
            "L4 on L5 (XR 2022, outside). Current flare of axial LBP since 8/2026.")
    (xr,) = R.studies(text, "xray", dt.date(2026, 11, 5))
    assert xr.date == dt.date(2022, 1, 1)


def test_no_new_imaging_this_episode_is_no_study():
    assert R.read("No new imaging obtained this episode.", dt.date(2026, 11, 5)).imaging == []


# --- a course's date range ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("Interval: completed PT 3/23-5/11 (see PT re-eval, plateaued).", dt.date(2026, 3, 23), dt.date(2026, 5, 11)),
    ("states she completed PT 12/15/25-1/30/26 (12 sessions).", dt.date(2025, 12, 15), dt.date(2026, 1, 30)),
    ("finished PT 3/2 to 4/13, no help.", dt.date(2026, 3, 2), dt.date(2026, 4, 13)),
    ("completed PT from 2/2/26 thru 3/30/26.", dt.date(2026, 2, 2), dt.date(2026, 3, 30)),
])
def test_a_range_after_a_course_is_its_first_and_last_day(text, start, end):
    pt = R.course(text, "physical_therapy", dt.date(2026, 5, 14))
    assert (pt.start, pt.end) == (start, end)


def test_a_pointer_to_another_document_is_no_plan_for_the_course_after_it():
    c = R.course("Interval: completed PT 3/23-5/11 (see PT re-eval, plateaued), + celecoxib 200 daily since "
                 "March - minimal benefit.", "nsaid", dt.date(2026, 5, 14))
    assert c is not None and c.start == dt.date(2026, 3, 1)


def test_a_courses_range_in_a_call_entry_is_no_contact():
    enc = read_notes(["Pt called for f/u; states she completed PT 12/15/25-1/30/26 (12 sessions). Neck pain no "
                      "better."], dt.date(2026, 2, 11)).clinical.encounters
    assert dt.date(2025, 12, 15) not in {e.date for e in enc}


# --- the side a finding is compared with is not its own ---------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("On examination today the anterior drawer is 2+ with a soft endpoint compared with the left, talar tilt is "
     "positive.", "ligament_injury_suspected"),
    ("Anterior drawer 2+ vs the contralateral L side.", "ligament_injury_suspected"),
    ("Anterior drawer 2+, more laxity than the left.", "ligament_injury_suspected"),
    ("Anterior drawer 2+ as opposed to the uninjured L.", "ligament_injury_suspected"),
])
def test_a_side_named_for_comparison_is_not_the_findings(text, name):
    f = R.fact(text, name)
    assert f is not None and f.present and f.side != "left"


def test_the_findings_own_side_stays_beside_a_compared_one():
    f = R.fact("Lachman 2+ on the right compared to the left.", "ligament_injury_suspected")
    assert f.side == "right"


# --- a scoliosis curve's side --------------------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("XR 1/29/26: mild dextroscoliosis T6-T12, Cobb 17 deg.", "right"),
    ("XR 1/29/26: levoscoliosis T10-L3, Cobb 22 deg.", "left"),
    ("XR 1/29/26: single right thoracic curve T6-T12 (convex right, no left-sided curve), Cobb 17 deg.", "right"),
])
def test_a_curves_side_is_its_convex_side(text, side):
    f = R.fact(text, "cobb_angle", dt.date(2026, 2, 12))
    assert f is not None and f.value == 17.0 if side == "right" else f.value == 22.0
    assert f.side == side


def test_a_denied_side_is_not_the_side_of_a_finding_outside_its_phrase():
    f = R.fact("no left sided curve, Cobb 17 deg", "cobb_angle", dt.date(2026, 2, 12))
    assert f.side != "left"


# --- a symptom's length written beside it gives its onset --------------------------------------------------

@pytest.mark.parametrize("text, name, onset", [
    ("S: 13yo club soccer goalie, R knee pain ~3 mo, activity related.", "limb_pain", dt.date(2026, 4, 8)),
    ("LBP, approx 2 months.", "low_back_pain", dt.date(2026, 5, 8)),
    ("HPI: 8 y/o M w/ 6 wk progressive difficulty climbing stairs and getting up from the floor.", "functional_loss",
     dt.date(2026, 5, 26)),
])
def test_a_length_beside_a_symptom_dates_its_onset(text, name, onset):
    f = R.fact(text, name, dt.date(2026, 7, 7))
    assert f is not None and f.present and f.onset == onset


def test_a_length_counted_from_another_event_is_no_onset():
    f = R.fact("R knee pain 3 mo after PT.", "limb_pain", dt.date(2026, 7, 7))
    assert f is not None and f.onset is None


# --- a study's result ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "MRI R ankle 1/2026: mild peroneus brevis tendinosis, no tear.",
    "XR R femur 5/28/26: 3.2 cm eccentric lytic lesion distal femoral metaphysis, no periosteal reaction, no "
    "pathologic fx.",
])
def test_a_finding_beside_denied_ones_is_an_abnormal_study(text):
    (s,) = [x for x in R.read(text, dt.date(2026, 8, 10)).imaging]
    assert s.result == "abnormal"


def test_denied_findings_alone_are_a_normal_study():
    (xr,) = R.studies("XR R knee 3/1/26: no fracture, no effusion.", "xray", dt.date(2026, 8, 10))
    assert xr.result == "normal"


def test_a_report_run_on_past_a_semicolon_keeps_its_verdict():
    (xr,) = R.studies("IMAGING: XR bilat femurs (8/4/26): no soft tissue calcinosis; bones normal.", "xray",
                      dt.date(2026, 8, 10))
    assert xr.result == "normal"


# --- a provider's visit the school nurse's referral led to ------------------------------------------------

@pytest.mark.parametrize("head", [
    "Westside Pediatrics 10/5/26 - seen for school nurse referral (attached).",
    "Peds clinic 10/5/26, f/u per school nurse note.",
])
def test_a_providers_visit_for_a_school_nurse_referral_is_an_in_person_visit(head):
    enc = read_notes([Note(date=dt.date(2026, 10, 5), text=head + "\n15yo F XC runner, L shin pain x 3 wks.\nPE: focal "
                          "tenderness L tibia.")], dt.date(2026, 10, 5)).clinical.encounters
    assert [(e.date, e.mode) for e in enc] == [(dt.date(2026, 10, 5), "in_person")]


def test_the_school_nurses_own_note_is_still_no_visit():
    enc = read_notes([Note(date=dt.date(2026, 9, 22), text="Lincoln High School Health Office - referral to PCP\nDate: "
                           "Sept 22, 2026\nEmma has come to the health office 4 times with left shin pain.")],
                     dt.date(2026, 9, 22)).clinical.encounters
    assert enc == []
