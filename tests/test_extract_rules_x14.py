"""Phrasing families from outside testers' notes-only cases (round 19: notes_pedms, notes_le, notes_pedsp, notes_spine;
round 20: notes_mixed_a, notes_mixed_b): a result that decides the treatment, a turned ankle, repeat films still
negative, a suspicion that stays high, a study's purpose inside a plan, hasty spellings, the season called fall, what
one result would lead to, the pain without the boot. Each test runs a short sentence through the extractor and checks
the fact, its polarity and value."""

from __future__ import annotations

import pytest

from necessity.extract import read_notes
from tests.limb_notes import REF, absent, check, facts, treatment_kinds


def treatments(text, region="ankle", age=11):
    return treatment_kinds(text, region, age)


# --- R1: the result decides the treatment; a turned ankle is an injury ------------------------------------------

@pytest.mark.parametrize("text", [
    "The distinction determines his treatment now: a physeal fracture would go into a short leg walking cast for 4 "
    "weeks, whereas a ligament injury would go into a lace-up brace with early PT and return to play.",
    "A physeal fracture would go into a cast, whereas a sprain would go into a lace-up brace.",
    "The MRI decides her management.",
    "MRI findings will dictate the plan.",
    "A tear would need surgery while a bone bruise would need only a boot.",
])
def test_the_result_decides_the_treatment(text):
    check(text, "imaging_would_change_management", True, "ankle", 11)


def test_what_a_result_would_lead_to_is_no_course_given():
    text = ("A physeal fracture would go into a short leg walking cast for 4 weeks, whereas a ligament injury would go "
            "into a lace-up brace with early PT and return to play.")
    assert "physical_therapy" not in treatments(text)


@pytest.mark.parametrize("text", [
    "He is 11 and inverted his right ankle in a football game on 9/12.",
    "Rolled her L ankle on 9/12 stepping off a curb.",
    "Everted the R foot jumping on a trampoline 9/12.",
    "Eversion injury L ankle 9/12.",
])
def test_a_turned_ankle_is_an_injury_with_its_date(text):
    rec = facts(text, "ankle", 11).get("acute_limb_injury")
    assert rec is not None and rec.present is True
    assert str(rec.onset) == "2026-09-12"


# --- R2: repeat films still negative, a suspicion that stays high ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Repeat XR L tibia/fibula + L foot on 2/18/26 (9 days later): still no fracture line.",
    "Repeat XRs 10 days later negative.",
    "F/u x-rays today: no fracture, no periosteal reaction.",
    "XR repeated 12 days later - still negative.",
])
def test_repeat_films_still_negative(text):
    check(text, "followup_xray_negative", True, "leg", 2)


@pytest.mark.parametrize("text", [
    "Still highly suspicious for occult toddler's fracture of L tibia vs soft tissue injury.",
    "Remains very suspicious for a stress fracture.",
    "Suspicion remains high for an occult fracture.",
    "Continued high suspicion for stress fracture.",
])
def test_suspicion_that_stays_high(text):
    check(text, "occult_injury_suspicion_high", True, "leg", 2)


def test_a_low_suspicion_is_not_high():
    absent("Low suspicion for occult fracture.", "occult_injury_suspicion_high", "leg", 2)


# --- R3: a study's purpose inside a plan ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Plan: MRI R foot w/o contrast to eval 2nd MT stress fx.",
    "P: MRI to evaluate a suspected stress fracture of the R 2nd metatarsal.",
    "Plan: MRI foot to r/o 2nd metatarsal stress fracture.",
    "Plan: MRI foot to rule out a 2nd metatarsal stress fracture.",
])
def test_a_plans_purpose_is_the_suspected_fracture(text):
    rec = facts(text, "foot", 14).get("stress_fracture_suspected")
    assert rec is not None and rec.present is True
    assert rec.location == "metatarsal"


def test_a_plans_treatment_stays_planned():
    assert "physical_therapy" not in treatments("Plan: PT 2x/wk, MRI to eval stress fx.", "foot", 14)


# --- R7: hasty spellings ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Tried PT and ibuprofin, not helping much.", "ibuprophen 600 tid x 3 wks.",
                                  "naproxin bid x 2 wks."])
def test_misspelled_nsaid(text):
    assert "nsaid" in treatments(text, "lumbar", 35)


@pytest.mark.parametrize("text", ["c/o LBP w/ radiaton down L leg to big toe.", "LBP with radiaiton to the calf."])
def test_misspelled_radiation(text):
    check(text, "radicular_pain", True, "lumbar", 35)


def test_misspelled_radiation_denied():
    check("LBP, no radiaiton.", "radicular_pain", False, "lumbar", 35)


@pytest.mark.parametrize("text", ["sensaton dec L dorsal foot.", "Sens decr L lateral foot.", "dec sensation L5 dermatome."])
def test_hasty_sensory_loss(text):
    check(text, "sensory_loss", True, "lumbar", 35)


# --- R8: the season, what a result will mean, the pain without the boot -----------------------------------------

def test_last_fall_is_a_season():
    absent("Tried OTC arch supports + ibuprofen + PT x6wk last fall, minimal help.", "acute_limb_injury", "foot", 14)


def test_a_fall_is_still_an_injury():
    check("Hip pain after a fall.", "acute_limb_injury", True, "hip", 9)


def test_what_a_result_will_mean_is_no_injury():
    absent("MRI R tibia w/o contrast to confirm and grade - high-grade injury will mean NWB + out for season.",
           "acute_limb_injury", "leg", 15)


@pytest.mark.parametrize("text", ["Still hurts walking in boot and w/o boot pain w/ every step.",
                                  "Without the brace pain returns."])
def test_pain_without_the_support_is_pain(text):
    check(text, "limb_pain", True, "foot", 14)


def test_walking_without_pain_is_still_denied():
    check("Walks without pain.", "limb_pain", False, "foot", 14)


# --- R4: an indeterminate bone lesion, its aggressive margin, a "but" that is no negation -------------------------

@pytest.mark.parametrize("text", [
    "Radiology: NOF vs fibrous dysplasia vs aggressive process not excluded - \"indeterminate, further "
    "characterization recommended\".",
    "DDx: fibrous dysplasia vs NOF.",
    "Lytic lesion, geographic but with a partly ill-defined medial margin (wider zone of transition there), thinned "
    "cortex.",
    "Aggressive lesion cannot be ruled out.",
])
def test_no_characteristic_benign_appearance(text):
    check(text, "benign_bone_lesion_characteristic", False, "thigh", 13)


def test_a_classic_nof_is_still_characteristic():
    check("Well-defined lytic lesion with a narrow zone of transition, c/w NOF.", "benign_bone_lesion_characteristic",
          True, "thigh", 13)


def test_a_bone_lesions_margin_is_no_ill_defined_mass():
    absent("XR R femur: lytic lesion, geographic but with a partly ill-defined medial margin (wider zone of transition "
           "there), thinned cortex.", "mass_ill_defined", "thigh", 13)


def test_what_is_not_excluded_still_needs_characterization():
    check("Aggressive process not excluded - indeterminate, further characterization recommended.",
          "lesion_characterization_needed", True, "thigh", 13)


@pytest.mark.parametrize("text", [
    "XR R femur (5/28/26): 3.2 cm eccentric lytic lesion distal femoral metaphysis, geographic but with a partly "
    "ill-defined medial margin, no periosteal reaction, no pathologic fx.",
    "XR R femur 5/28/26: lytic lesion, well circumscribed however with thinned cortex.",
])
def test_a_but_in_a_report_is_no_negation_of_its_finding(text):
    studies = read_notes([text], REF, "thigh", age=13).clinical.imaging
    assert [s.result for s in studies if s.modality == "xray"] == ["abnormal"]


# --- R5: a tendon's own exam; negative named tests deny only their own finding ------------------------------------

@pytest.mark.parametrize("text, value", [
    ("TTP inferior pole patella/proximal patellar tendon. Pain w/ single-leg decline squat. Ligaments stable, "
     "McMurray neg.", "tendonitis"),
    ("Exam: swelling + tendernes along peroneal tendons post to lat malleolus, painful resisted eversion 4/5. "
     "Ant drawer neg. Talar tilt neg.", "tendonitis"),
    ("Tenderness at the Achilles insertion. Thompson neg.", "tendonitis"),
    ("Pain with resisted hip abduction. FADIR neg.", "tendonitis"),
    ("Palpable subluxation of peroneal tendons w/ circumduction. Talar tilt neg.", "other_injury"),
])
def test_a_positive_tendon_exam_outweighs_negative_maneuvers(text, value):
    region = "knee" if "patella" in text else ("hip" if "hip" in text else "ankle")
    check(text, "orthopedic_exam_finding", True, region, 35, value=value)


def test_negative_maneuvers_alone_stay_none():
    check("Ant drawer neg. Talar tilt neg.", "orthopedic_exam_finding", True, "ankle", 35, value="none")


def test_a_painless_resisted_motion_is_no_tendon_finding():
    rec = facts("No pain with resisted eversion. Talar tilt neg.", "ankle", 35).get("orthopedic_exam_finding")
    assert rec is not None and rec.value == "none"


@pytest.mark.parametrize("text", ["A: suspected peroneus brevis split tear.", "Likely peroneal tendon split tear."])
def test_a_split_tear_suspected(text):
    check(text, "tear_suspected_by_history", True, "ankle", 35)


# --- R6: a film whose only finding is soft-tissue swelling is not an abnormal bone film ---------------------------

def test_soft_tissue_swelling_beside_denied_findings_is_not_abnormal():
    studies = read_notes(["XR R ankle 3v 5/14/26: no fx, no OCD, mild lat soft tissue swelling."], REF, "ankle",
                         age=33).clinical.imaging
    assert [s.result for s in studies] != ["abnormal"]


def test_a_fracture_with_swelling_is_abnormal():
    studies = read_notes(["XR R ankle 5/14/26: distal fibula fx with soft tissue swelling."], REF, "ankle",
                         age=33).clinical.imaging
    assert [s.result for s in studies] == ["abnormal"]


# --- R9: a scoliosis note's negatives --------------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("No neuro sx, no bowel/bladder change.", "extremity_neurological_symptoms"),
    ("Denies neurologic symptoms.", "extremity_neurological_symptoms"),
    ("No congenital anomalies, canal nl.", "xray_abnormality_beyond_curve"),
    ("No back or neck pain.", "neck_pain"),
    ("No neck or back pain.", "neck_pain"),
    ("No neck or back pain.", "low_back_pain"),
    ("Denies neck/back pain.", "neck_pain"),
])
def test_scoliosis_negatives(text, name):
    check(text, name, False, "thoracic", 13)


@pytest.mark.parametrize("text", ["A: AIS, single R thoracic curve, progressing, no atypical features.",
                                  "Single right main thoracic curve 28 deg."])
def test_a_single_curve_is_no_double_curve(text):
    check(text, "double_or_high_thoracic_curve", False, "thoracic", 13)


def test_a_single_right_curve_keeps_its_side():
    check("A: AIS, single R thoracic curve.", "convex_left_thoracic_curve", False, "thoracic", 13)


def test_congenital_anomaly_seen_is_beyond_the_curve():
    check("XR: congenital anomalies at T10-T11, hemivertebra.", "xray_abnormality_beyond_curve", True, "thoracic", 13)


# --- R10: a tumor named in a differential is not an exam or x-ray that suggests a mass ----------------------------

@pytest.mark.parametrize("text", ["Consider osteoid osteoma.", "Ddx: mechanical LBP vs osteoid osteoma.",
                                  "Differential includes osteoid osteoma."])
def test_a_differential_tumor_is_no_mass_lesion(text):
    absent(text, "mass_lesion_suspected", "lumbar", 11)


@pytest.mark.parametrize("text", ["XR L-spine shows a lytic lesion concerning for osteoid osteoma.",
                                  "XR: osteoid osteoma of the L3 pedicle.",
                                  "Night pain relieved by NSAIDs, concern for osteoid osteoma."])
def test_a_tumor_seen_on_the_film_is_a_mass_lesion(text):
    check(text, "mass_lesion_suspected", True, "lumbar", 11)


def test_consider_a_course_stays_a_plan():
    assert "physical_therapy" not in treatments("Consider PT.", "lumbar", 40)


# --- R11: a request's reach ends before the reason it gives --------------------------------------------------------

@pytest.mark.parametrize("text", ["Requesting CT in lieu of MRI: PPM in place.",
                                  "Requesting CT L-spine rather than MRI: patient has a pacemaker."])
def test_a_requests_reason_is_no_plan(text):
    check(text, "implanted_device", True, "lumbar", 70, value="pacemaker")


# --- R11: a therapy note's own course, headed by its start of care ------------------------------------------------

@pytest.mark.parametrize("text", ["Start of care: 3/23/26. Frequency 2x/wk x 7 wks.", "SOC 3/23/26, 12 visits to date.",
                                  "Start of care 3/23/26 - 2x/wk."])
def test_start_of_care_is_the_therapy_course(text):
    courses = [t for t in read_notes([text], REF, "lumbar", age=68).clinical.treatments if t.kind == "physical_therapy"]
    assert courses and str(courses[0].start) == "2026-03-23"


def test_start_of_care_without_a_date_is_no_course():
    assert "physical_therapy" not in treatments("Discussed the start of care with the family.", "lumbar", 68)
