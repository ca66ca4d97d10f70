"""Phrasing families from outside testers' notes-only cases (round 21: notes_adult, notes_peds; round 20: notes_mixed_a)
and the code helper's list: neurogenic claudication with what it costs, another cause ruled out, a denial that covers
a list of courses, a tear named before the torn structure, a painful and weak resisted motion, hindfoot motion with its
side, a fracture that spares the joint, a named muscle strained, a sport someone else keeps the patient out of, pain
told from where it starts, and a study's purpose that ends at its result. Each test runs a short sentence through the
extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from necessity.extract import read_notes
from necessity.extract.pipeline import SPAN_GROUP, nlp
from tests.limb_notes import REF, absent, check, facts, treatment_kinds


def treatments(text, region="knee", age=50):
    return treatment_kinds(text, region, age)


# --- E1: neurogenic claudication and what it costs (SP-9); another cause ruled out is the exclusion done ---------

@pytest.mark.parametrize("text", [
    "A: Severe neurogenic claudication from suspected lumbar spinal stenosis L3-5, restricting normal activity and "
    "requiring daily scheduled opioid use.",
    "Neurogenic claudication limiting her daily activities.",
    "Pseudoclaudication requiring frequent use of narcotic analgesics.",
    "Neurogenic claudication, interferes with ADLs.",
    "Requires daily scheduled opioids for leg pain with walking.",
])
def test_claudication_that_restricts_activity_or_needs_narcotics_is_severe(text):
    check(text, "neurogenic_claudication_severe", True, "lumbar", 72)


def test_claudication_without_its_cost_is_not_severe():
    absent("Neurogenic claudication, no functional limitation.", "neurogenic_claudication_severe", "lumbar", 72)


@pytest.mark.parametrize("text", [
    "Vascular claudication ruled out (normal pulses, normal ABI).",
    "Hip pathology ruled out.",
    "PAD excluded by normal ABIs.",
    "Peripheral neuropathy has been ruled out.",
])
def test_another_cause_ruled_out_is_the_exclusion_done(text):
    check(text, "other_causes_ruled_out", True, "lumbar", 72)


@pytest.mark.parametrize("text", [
    "Vascular claudication not ruled out.",
    "Vascular cause has not been excluded.",
    "Hip pathology not yet excluded.",
])
def test_a_cause_not_yet_excluded_is_no_exclusion(text):
    absent(text, "other_causes_ruled_out", "lumbar", 72)


# --- E2: a denial of courses covers every item of its list (ConText scope) ---------------------------------------

def _negated(text):
    doc = nlp()(text)
    return {e.text.lower(): e._.is_negated for e in doc.spans[SPAN_GROUP] if e.label_.startswith("treatment")}


@pytest.mark.parametrize("text", [
    "Pt has not started PT, a home exercise program, or topical diclofenac since the MRI.",
    "Has not tried PT, HEP or NSAIDs.",
    "Plan was PT + HEP and topical diclofenac, which pt has not started.",
])
def test_a_denial_reaches_every_course_of_its_list(text):
    neg = _negated(text)
    assert neg.get("pt") is True
    assert neg.get("diclofenac", neg.get("nsaids")) is True
    assert any(v for k, v in neg.items() if "home" in k or k == "hep")


def test_the_short_denial_still_reaches_one_course_only():
    neg = _negated("Did 6 wks PT, has not tried NSAIDs.")
    assert neg["pt"] is False and neg["nsaids"] is True


# --- E3: a tear named before the torn structure; a painful and weak resisted motion ------------------------------

@pytest.mark.parametrize("text", [
    "Assessment: Chronic R peroneal tendinopathy, concern for longitudinal split tear of peroneus brevis.",
    "Suspect partial tear of the Achilles.",
    "Possible rupture of the plantaris.",
    "c/f tear of medial meniscus.",
])
def test_a_tear_suspected_of_a_named_structure(text):
    check(text, "tear_suspected_by_history", True, "ankle", 50)


def test_no_concern_for_a_tear_says_nothing():
    assert "tear_suspected_by_history" not in facts("No concern for tear of the Achilles.", "ankle", 50)


@pytest.mark.parametrize("text", [
    "Pain and weakness (4/5) with resisted eversion.",
    "Pain + weakness w/ resisted inversion.",
    "Weak and painful resisted plantarflexion.",
])
def test_a_painful_weak_resisted_motion_is_the_tendon_exam(text):
    check(text, "orthopedic_exam_finding", True, "ankle", 50, value="tendonitis")


# --- E4: hindfoot motion with its side and a degree between -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Subtalar inversion/eversion R markedly restricted, ~25% of L.",
    "Hindfoot inv/ev on the left significantly decreased.",
    "Subtalar motion L limited.",
])
def test_restricted_hindfoot_motion_with_its_side(text):
    check(text, "restricted_hindfoot_motion", True, "foot", 12)


def test_full_subtalar_motion_is_not_restricted():
    assert "restricted_hindfoot_motion" not in facts("Subtalar motion full and symmetric.", "foot", 12)


# --- E5: a fracture that spares the joint ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Acute non-displaced extra-articular Salter-Harris II distal radius fracture.",
    "No intra-articular extension.",
    "Fracture does not extend into the joint.",
    "Articular surface intact.",
])
def test_a_fracture_sparing_the_joint_is_no_complex_joint_fracture(text):
    check(text, "complex_joint_fracture", False, "wrist", 10)


def test_a_comminuted_intra_articular_fracture_still_is():
    check("Comminuted intra-articular fracture of the distal tibia.", "complex_joint_fracture", True, "ankle", 14)


# --- E6: a named muscle strained or torn -----------------------------------------------------------------------

@pytest.mark.parametrize("text,region", [
    ("Grade II-III L biceps femoris strain, mid-substance, with palpable defect.", "thigh"),
    ("Medial gastrocnemius tear.", "leg"),
    ("Adductor longus strain.", "hip"),
    ("R rectus femoris avulsion.", "hip"),
    ("Semitendinosus tear.", "thigh"),
])
def test_a_named_muscle_strain_is_a_muscle_tendon_injury(text, region):
    check(text, "muscle_tendon_injury", True, region, 15)


# --- E7: someone else keeps the patient out of a sport; pain told from where it starts; a third person's advice --

@pytest.mark.parametrize("text,when", [
    ("Coach held her out of diving as of 10/15.", "2026-10-15"),
    ("Trainer kept him out of soccer since 9/1.", "2026-09-01"),
    ("Coach pulled her from practice on 9/3.", "2026-09-03"),
])
def test_kept_out_of_a_sport_is_activity_modification(text, when):
    courses = read_notes([text], REF, "ankle", age=14).clinical.treatments
    mods = [t for t in courses if t.kind == "activity_modification"]
    assert mods and str(mods[0].start) == when


@pytest.mark.parametrize("text", [
    "Shooting from R buttock down back of leg to lateral foot.",
    "Electric shooting from the L buttock into the posterior thigh and calf.",
    "Burning from the low back down the R leg to the heel.",
])
def test_pain_told_from_where_it_starts_is_radicular(text):
    check(text, "radicular_pain", True, "lumbar", 40)


def test_a_third_persons_recommendation_is_no_course_given():
    assert "physical_therapy" not in treatments("Dr. Smith recommends PT and a brace.")


# --- E8: a study's purpose ends at its result ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "XR to evaluate knee pain showed no fracture.",
    "X-rays to eval R knee pain and swelling were negative.",
])
def test_what_a_study_with_a_result_evaluated_is_documented(text):
    check(text, "limb_pain", True, "knee", 50)


def test_a_planned_study_s_purpose_stays_hypothetical():
    assert "limb_pain" not in facts("Plan: MRI to evaluate knee pain.", "knee", 50)


# --- E7: the slipped epiphysis is an abnormal film; symmetric physes a normal one (not "slipped on ice") ----------

def _film(text, region):
    return [i.result for i in read_notes([text], REF, region, age=12).clinical.imaging]


@pytest.mark.parametrize("text,region,result", [
    ("XR L hip AP/frog-leg 10/1: mild posterior slip of the L femoral epiphysis.", "hip", "abnormal"),
    ("XR hips 10/1: SCFE on the left.", "hip", "abnormal"),
    ("XR hips 10/1: physes are symmetric.", "hip", "normal"),
    ("XR R ankle 10/1 after a slip and fall: no fracture, physes symmetric.", "ankle", "normal"),
    ("XR L knee 10/1 (slipped on ice): negative.", "knee", "normal"),
])
def test_a_slipped_epiphysis_and_symmetric_physes(text, region, result):
    assert _film(text, region) == [result]


@pytest.mark.parametrize("text", [
    "Pain and weakness (4/5) with resisted eversion.",
    "Weak, painful resisted inversion.",
])
def test_a_weak_painful_resisted_tendon_raises_a_tear_on_exam(text):
    check(text, "tear_suspected_on_exam", True, "ankle", 50)


def test_pain_alone_with_resisted_motion_is_no_tear_on_exam():
    assert "tear_suspected_on_exam" not in facts("Painful resisted eversion.", "ankle", 50)
