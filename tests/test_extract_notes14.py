"""Note readings fixed after the outside testers' round-20 cases: courses named without dates or with a vague
length are undated (Treatment.undated), a length written before a list of courses is each one's, dates with
the day written as an ordinal ("the sixteenth of January"), a course still to come ("start PT next wk"), a
referral kept in the next sentence, a home program after a dated therapy, what was started at a dated visit."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.dates import find_dates
from tests.note_reading import NoteReader

REF = dt.date(2026, 4, 2)
R = NoteReader(REF)


# --- a course named without its dates, or with a vague length, is undated ------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("tried PT and ibuprofen, not helping much per pt.", "physical_therapy"),
    ("tried PT and ibuprofen, not helping much per pt.", "nsaid"),
    ("PT x several wks, no help.", "physical_therapy"),
    ("did a few weeks of PT without relief", "physical_therapy"),
    ("on naproxen for a while, on and off, no better", "nsaid"),
    ("Failed NSAIDs.", "nsaid"),
])
def test_a_course_without_dates_or_a_real_length_is_undated(text, kind):
    t = R.course(text, kind)
    assert t is not None and t.undated


@pytest.mark.parametrize("text, kind", [
    ("PT x 6 wks without relief", "physical_therapy"),
    ("PT 2/1-3/1, no help.", "physical_therapy"),
    ("started naproxen 2/10, no better", "nsaid"),
    ("PT x 2 wks, no relief", "physical_therapy"),
])
def test_a_dated_course_or_one_with_its_length_is_not_undated(text, kind):
    t = R.course(text, kind)
    assert t is not None and not t.undated


@pytest.mark.parametrize("text", ["failed >6 wks PT + NSAID.", "x 6 wks of PT and naproxen, no relief",
                                  "Failed 6 weeks of PT/NSAIDs."])
def test_a_length_written_once_before_a_list_is_each_courses(text):
    pt, nsaid = R.course(text, "physical_therapy"), R.course(text, "nsaid")
    assert pt is not None and nsaid is not None
    assert (nsaid.end - nsaid.start).days >= 42 and not nsaid.undated
    assert (pt.start, pt.end) == (nsaid.start, nsaid.end)


def test_a_length_after_a_course_is_not_the_next_ones():
    nsaid = R.course("PT x 6 wks, then naproxen", "nsaid")
    assert nsaid is not None and nsaid.undated


# --- a day written as an ordinal ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("PT began on the sixteenth of January", dt.date(2026, 1, 16)),
    ("started on the twenty-second of May", dt.date(2025, 5, 22)),
    ("radiographs taken on the third of March were reviewed", dt.date(2026, 3, 3)),
    ("An ultrasound done on the eleventh of September", dt.date(2025, 9, 11)),
    ("seen January the 9th", dt.date(2026, 1, 9)),
    ("seen on the 9th of January 2026", dt.date(2026, 1, 9)),
    ("surgery 22nd May 2025", dt.date(2025, 5, 22)),
    ("on March 3rd", dt.date(2026, 3, 3)),
    ("through the thirty-first of January", dt.date(2026, 1, 31)),
    ("on the second day of February", dt.date(2026, 2, 2)),
])
def test_a_day_written_as_an_ordinal_is_read(text, day):
    assert [f.value for f in find_dates(text, REF) if not f.approximate] == [day]


@pytest.mark.parametrize("text", ["the first may be tried", "L5 3rd may", "the second mar on the skin"])
def test_an_ordinal_before_a_lowercase_verb_is_no_date(text):
    assert find_dates(text, REF) == ()


def test_a_course_between_two_ordinal_dates():
    pt = R.course("Physiotherapy began on the sixteenth of January and continued through the twenty-seventh of "
                  "February without benefit.", "physical_therapy")
    assert (pt.start, pt.end) == (dt.date(2026, 1, 16), dt.date(2026, 2, 27))


# --- a course still to come -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Continue no diving, start PT next wk.", "Will begin formal PT in 2 weeks.",
                                  "To start PT tomorrow.", "starting PT on Monday"])
def test_a_course_started_at_a_time_to_come_is_no_course_tried(text):
    assert R.course(text, "physical_therapy") is None


def test_a_course_started_at_a_past_time_is_a_course():
    pt = R.course("Started PT 2 weeks ago.", "physical_therapy")
    assert pt is not None and pt.start == dt.date(2026, 3, 19)


# --- a referral kept, dated by the next sentence ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Seen 2/27 -> PT referral. Went 3/2 - 4/24 (2x/wk) and says she is so much better.",
    "Referred to PT 2/27. Attended 3/2 - 4/24, much better.",
    "Referred to PT 2/27. She completed 3/2 - 4/24, much better.",
])
def test_a_referral_kept_takes_the_next_sentences_dates(text):
    pt = R.course(text, "physical_therapy", dt.date(2026, 5, 7))
    assert pt is not None and (pt.start, pt.end) == (dt.date(2026, 3, 2), dt.date(2026, 4, 24))
    assert pt.response == "significant"


def test_a_referral_not_yet_kept_is_no_course():
    assert R.course("Referred to PT 2/27. Still waiting for a call.", "physical_therapy", dt.date(2026, 5, 7)) is None


# --- a home program after a dated therapy; what was started at a dated visit ----------------------------------

def test_an_undated_home_program_runs_from_the_dated_therapy():
    c = R.read("Did PT for this last fall (Sept-Nov 2025), helped a lot. Still doing HEP.", dt.date(2026, 2, 19))
    hep = next(t for t in c.treatments if t.kind == "home_exercise")
    assert hep.start == dt.date(2025, 11, 1) and not hep.undated


def test_courses_started_after_a_dated_exam_begin_that_day():
    text = ("Seen in office 5/4. Exam 5/4 was benign: lumbar paraspinal TTP, SLR neg b/l. L-spine AP/lat 5/4 - no "
            "fracture. Started ibuprofen 400 mg TID w/ food, home stretching/core handout, no catching for 2 wks.")
    c = R.read(text, dt.date(2026, 5, 15))
    by = {t.kind: t for t in c.treatments}
    assert by["nsaid"].start == dt.date(2026, 5, 4) and not by["nsaid"].undated
    assert by["home_exercise"].start == dt.date(2026, 5, 4)


# --- a study recommended is the order; a device's MRI label is no study --------------------------------------

@pytest.mark.parametrize("text", [
    "Ortho consulted, recommends MRI R hip w/o contrast today.",
    "Surgeon wants an MRI of the R hip.",
    "Radiology advises MRI R hip.",
    "PCP suggests a CT of the R hip today.",
])
def test_a_study_recommended_is_the_order(text):
    c = R.read(text)
    assert c.imaging == []


def test_a_study_ordered_and_reported_is_done():
    (im,) = R.studies("XR R hip 3/1 showed no fracture.", "xray")
    assert im.result == "normal"


@pytest.mark.parametrize("text", [
    "MRI contraindication: dual-chamber pacemaker (implanted 2019, leads not MRI-conditional per device clinic "
    "letter dated 3/2026).",
    "the device clinic confirms it is MRI-unsafe 3/2026",
    "ICD, MR-conditional, checked 3/2026.",
])
def test_a_devices_mri_label_is_no_study(text):
    c = read_notes([text], REF, default_region="lumbar").clinical
    assert [m for m in c.imaging if m.modality == "mri"] == []


# --- worsening denied is no worse response ---------------------------------------------------------------------

@pytest.mark.parametrize("text, response", [
    ('Finished 6 wks of PT, back pain "about the same", not worse.', "none"),
    ("Naproxen x 6 wks: essentially the same, no worse.", "none"),
    ("PT x 6 wks - no better, not worse.", "none"),
    ("PT x 6 wks, getting worse.", "worse"),
    ("PT x 6 wks, much better, not worse.", "significant"),
])
def test_worsening_denied_is_no_worse_response(text, response):
    t = R.read(text).treatments[0]
    assert t.response == response


# --- radicular pain takes the root of its dermatome ----------------------------------------------------------

def test_radicular_pain_takes_the_dermatome_the_notes_name():
    c = R.read("50F seen for acute R sciatica after gardening. Today: rates 10/10 VAS, shooting from R buttock down "
               "back of leg to lateral foot (S1 distrib).")
    rp = next(f for f in c.facts if f.fact == "radicular_pain")
    assert rp.level == "S1" and rp.side == "right"


@pytest.mark.parametrize("text", ["L5 dermatomal pattern", "S1 distribution", "dermatomal distribution of the L5"])
def test_a_dermatome_names_its_root(text):
    from necessity.extract.notes import _dermatome_roots
    assert len(_dermatome_roots(text)) == 1


@pytest.mark.parametrize("text", ["non-dermatomal pain", "not in an L5 distribution"])
def test_a_dermatome_denied_names_no_root(text):
    from necessity.extract.notes import _dermatome_roots
    assert _dermatome_roots(text) == set()


@pytest.mark.parametrize("text, left, right", [
    ("Motor 4/5 L EHL compared with 5/5 on the right.", 4, 5),
    ("1+ L achilles vs 2+ on the right.", 1, 2),
])
def test_the_grade_before_a_comparison_is_the_named_sides(text, left, right):
    c = R.read(text)
    grades = {f.side: f.value for f in c.facts if f.fact in ("motor_grade", "reflex_grade")
              and f.location in ("extensor hallucis longus", "achilles")}
    assert grades == {"left": left, "right": right}


# --- a cancer history has no side ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Hx: Ewing sarcoma of the L femur dx 2024, off therapy and NED.",
                                  "h/o breast cancer in the left breast"])
def test_a_cancer_history_has_no_side(text):
    c = read_notes([text], REF, default_region="thoracic").clinical
    ca = next(f for f in c.facts if f.fact == "known_cancer")
    assert ca.present and ca.side is None


# --- a study's report in the next sentence -------------------------------------------------------------------

@pytest.mark.parametrize("text, result", [
    ("AP and frog-leg lateral radiographs of both hips taken on the third of March were reviewed. There is no "
     "visible slip on either side; the physes are symmetric.", "normal"),
    ("XR R hip 3/1 reviewed. There is a subtle lucency at the femoral neck.", "equivocal"),
    ("Radiographs of the R hip from 3/1 were reviewed. They show no fracture.", "normal"),
])
def test_a_study_reported_in_the_next_sentence(text, result):
    c = read_notes([text], REF, default_region="hip").clinical
    (im,) = [m for m in c.imaging if m.modality == "xray"]
    assert im.result == result


def test_a_next_sentence_of_other_findings_is_no_report():
    c = read_notes(["XR R hip 3/1 reviewed. No fever or weight loss."], REF, default_region="hip").clinical
    assert all(m.result is None for m in c.imaging)


# --- a length told as of a day written before it -----------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("ORTHO F/U 4/22/2026\nStill catching + medial pain despite ~10 wks ibuprofen + PT/HEP.",
     dt.date(2026, 2, 11), dt.date(2026, 4, 22)),
    ("3/30: failed 6 wks of naproxen.", dt.date(2026, 2, 16), dt.date(2026, 3, 30)),
    ("Started 2/1, 6 wks of naproxen, no help.", dt.date(2026, 2, 1), dt.date(2026, 3, 15)),
])
def test_a_length_told_as_of_a_day_runs_up_to_it(text, start, end):
    t = R.course(text, "nsaid", dt.date(2026, 4, 22))
    assert (t.start, t.end) == (start, end) and not t.undated


# --- a film of "the same day" / "the next day" ---------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("Inversion injury R ankle on January 24, 2026 playing basketball. Seen in ED same day, XR R ankle 3V: no fx.",
     dt.date(2026, 1, 24)),
    ("Fell 3/2. XR R wrist the next day: no fracture.", dt.date(2026, 3, 3)),
    ("Fell 3/2, XR R wrist that day negative.", dt.date(2026, 3, 2)),
])
def test_a_film_of_the_same_or_next_day_takes_the_events_date(text, day):
    c = read_notes([text], dt.date(2026, 5, 10), default_region="ankle").clinical
    (im,) = [m for m in c.imaging if m.modality == "xray"]
    assert im.date == day
