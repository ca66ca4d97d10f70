"""Studies named in a note's plan are the order, not a study done: under an "A/P:" heading (assessment and
plan in one) a study with neither a result nor a past date ("MRI R foot w/o and w/ contrast today"), and a
study something else waits on ("bone bx depending on MRI", "awaiting MRI"). The assessment may still name
a study done ("L4-5 HNP on MRI 9/14/26")."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 7, 21)


def studies(text: str) -> list[tuple[str, str, dt.date]]:
    return [(m.modality, m.region, m.date) for m in read_notes([text], REF, "foot").clinical.imaging]


@pytest.mark.parametrize("heading", ["A/P:", "A&P:", "Assessment/Plan:", "Assessment and Plan:", "Impression/Plan:"])
def test_an_undated_study_without_result_under_an_assessment_and_plan_is_the_order(heading):
    text = (f"HPI: R foot ulcer, drainage.\n{heading}\n1. Diabetic foot infection, r/o osteomyelitis.\n"
            "   - vanc + pip/tazo; MRI R foot w/o and w/ contrast today (eGFR ok)\n")
    assert studies(text) == []


def test_the_assessment_still_names_a_study_done():
    text = "HPI: R foot pain.\nA/P:\n1. Stress fracture 2nd metatarsal on MRI 6/30/26 showed marrow edema.\n"
    assert studies(text) == [("mri", "foot", dt.date(2026, 6, 30))]


@pytest.mark.parametrize("words", ["bone bx depending on MRI", "surgery timing awaiting MRI", "await MRI before I&D"])
def test_a_study_something_waits_on_is_not_done(words):
    assert studies(f"Plan discussed with podiatry. Possible I&D / {words}.") == []


def test_a_heading_that_only_mentions_a_plan_is_not_one():
    # "Planned" in a sentence is no heading: the dated study before it is kept
    text = "R foot pain. XR R foot 7/15/26: no fracture, soft tissue swelling."
    assert studies(text) == [("xray", "foot", dt.date(2026, 7, 15))]


def test_the_visits_heading_date_is_not_the_episode_onset():
    # unwrapped, the heading joins the first sentence: its date is the visit's, the pain is 5 months old
    text = "Orthopaedic New Patient - 07/21/2026\n50F referred for R knee pain x ~5 months, medial, no injury.\n"
    clinical = read_notes([text], REF, "knee").clinical
    assert clinical.episode_onset != REF
    pain = next(f for f in clinical.facts if f.fact == "limb_pain")
    assert pain.onset is not None and pain.onset < dt.date(2026, 3, 1)


@pytest.mark.parametrize("text, expected", [
    ("MRI L knee 9/15/2026 showed a medial meniscus tear.", ("mri", "knee", "left")),
    ("XR of the right ankle 10/30/26: no fracture.", ("xray", "ankle", "right")),
    ("R hip MRI 6/2/26 showed a labral tear.", ("mri", "hip", "right")),
    ("MRI L-spine 6/2/26 showed L4-5 HNP.", ("mri", "lumbar", None)),  # a spine study has no side
])
def test_a_limb_study_keeps_its_side(text, expected):
    found = [(m.modality, m.region, m.side) for m in read_notes([text], dt.date(2026, 11, 2), None).clinical.imaging]
    assert found == [expected]


@pytest.mark.parametrize("text, present", [
    ("A: Likely L popliteal (Baker) cyst, US non-diagnostic.", True),
    ("Possible Baker's cyst L knee.", True),
    ("No popliteal cyst on US.", False),
])
def test_a_suspected_popliteal_cyst_is_read(text, present):
    facts = read_notes([text], REF, "lower_extremity_joint", 8).clinical.facts
    assert [(f.fact, f.present) for f in facts if f.fact == "popliteal_cyst"] == [("popliteal_cyst", present)]


@pytest.mark.parametrize("text, infection", [
    ("3 cm soft, non-tender fluctuant mass L popliteal fossa, transilluminates.", False),  # a cyst
    ("R forearm: 2 cm fluctuant, erythematous area with purulent drainage.", True),
    ("Abscess of the dorsal foot, fluctuant.", True),
])
def test_a_fluctuant_mass_is_no_infection_by_itself(text, infection):
    facts = read_notes([text], REF, "lower_extremity_joint", 8).clinical.facts
    assert any(f.fact == "soft_tissue_infection_suspected" and f.present for f in facts) is infection


@pytest.mark.parametrize("text, fact, present", [
    ("Pain location concordant w/ T11.", "pain_concordant_with_xray", True),
    ("Not concordant w/ T11.", "pain_concordant_with_xray", False),
    ("P: MRI T-spine w/o contrast to assess acuity and for IR kyphoplasty eval.", "vertebral_augmentation_candidate", True),
])
def test_spine_fracture_work_up_phrases(text, fact, present):
    facts = read_notes([text], REF, "thoracic", 70).clinical.facts
    assert [(f.fact, f.present) for f in facts if f.fact == fact] == [(fact, present)]
    assert not any(f.fact in ("vertebral_augmentation", "spinal_surgery") and f.present for f in facts)


def test_subtalar_motion_named_first_is_read():
    facts = read_notes(["Subtalar motion markedly restricted on L compared with R."], REF, "lower_extremity", 13).clinical.facts
    assert [(f.fact, f.present) for f in facts if f.fact == "restricted_hindfoot_motion"] == [("restricted_hindfoot_motion", True)]
    assert not read_notes(["Subtalar motion full and symmetric."], REF, "lower_extremity", 13).clinical.facts


def test_hip_films_by_their_views():
    text = "Seen here 7/10: AP pelvis and frog-leg lateral bilat hips 7/10/26 - no slip, read as neg."
    found = {(m.modality, m.region, m.result) for m in read_notes([text], REF, "lower_extremity_joint", 12).clinical.imaging}
    assert ("xray", "hip", "normal") in found
    assert not read_notes(["Will get AP pelvis and frog-leg lateral today."], REF, "lower_extremity_joint", 12).clinical.imaging


@pytest.mark.parametrize("text, read", [
    ("48F with R knee pain, notes catching and intermittent swelling.", True),
    ("c/o locking of the knee x2 wks.", True),
    ("Reports catching his R toes on the curb.", False),  # the foot drop's toes, no mechanical symptom
    ("Denies locking.", False),                            # a denial says nothing of a tear either way
])
def test_one_mechanical_symptom_in_the_history_suggests_a_tear(text, read):
    facts = read_notes([text], REF, "lower_extremity_joint", 48).clinical.facts
    assert any(f.fact == "tear_suspected_by_history" and f.present for f in facts) is read
