"""Phrasing families from outside testers' notes-only cases (round 24: notes_a, notes_b): a form's question
answered "NO" after its "?" denies all it names, the items of its brackets too; osteochondritis dissecans suspected
(the guideline's own term, "?OCD", "r/o OCD", "OCD vs ..."); a mass in a soft-tissue part of a limb is a soft-tissue
mass, one under a named fascia or muscle deep; a tear suspected by its grade alone or a study ordered to grade it is
the history's concern for a tear. Each test runs a short sentence through the extractor and checks the fact, its
polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts


# --- U1: a form's question answered after its question mark ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "8. Contraindication to MRI (pacemaker, implant, etc.)? NO",
    "8. Contraindication to MRI (pacemaker, implant, etc.)? No",
    "Contraindication to MRI (pacemaker, implant, etc.)? N",
    "MRI contraindication (pacemaker, neurostimulator, cochlear implant)? none",
])
def test_a_question_answered_no_denies_the_items_of_its_brackets(text):
    found = facts(text, "foot", 12)
    for name in ("implanted_device", "mri_contraindication_other"):
        rec = found.get(name)
        assert rec is None or rec.present is False, f"{name} read present from {text!r}"


@pytest.mark.parametrize("text", [
    "Pacemaker? YES",
    "Pacemaker/ICD? Y",
])
def test_a_question_answered_yes_affirms(text):
    check(text, "implanted_device", True, "foot", 12)


@pytest.mark.parametrize("text", [
    "Bowel/bladder change? denies\n",
    "Bowel or bladder changes? No.",
    "New bowel/bladder incontinence? NO",
])
def test_a_red_flag_question_answered_no_is_denied(text):
    check(text, "bowel_bladder_incontinence_new", False, "lumbar", 40)


def test_denies_after_a_question_still_denies_what_follows():
    # "? Denies weakness, ..." is a denial read forward, not an answer to the question before it
    check("Occasional tingling in hands when looking down? Denies weakness, gait change, b/b sx.",
          "bowel_bladder_incontinence_new", False, "cervical", 24)


# --- U2: osteochondritis dissecans suspected --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A: L knee pain, suspect osteochondritis dissecans medial femoral condyle.",
    "Suspected osteochondritis dissecans (OCD) of the left medial femoral condyle.",
    "c/f OCD lesion MFC.",
    "Concern for juvenile OCD R talar dome.",
    "r/o OCD capitellum.",
    "?OCD L knee",
    "Eval for OCD.",
    "OCD vs bone bruise.",
    "Capitellar OCD suspected in this pitcher.",
    "Possible JOCD of the medial femoral condyle.",
    "Ddx: OCD vs bone contusion",
    "R talar dome OCD lesion suspected.",
])
def test_osteochondritis_dissecans_suspected_is_an_osteochondral_injury_suspected(text):
    check(text, "osteochondral_injury_suspected", True, "knee", 13)


@pytest.mark.parametrize("text", [
    "Suspected osteochondritis dissecans (OCD) of the left medial femoral condyle.",
    "c/f OCD lesion MFC.",
    "Possible JOCD of the medial femoral condyle.",
])
def test_a_suspected_ocd_is_no_known_ocd(text):
    absent(text, "osteochondritis_dissecans", "knee", 13)


def test_a_known_ocd_is_no_suspicion():
    found = facts("Known OCD of the MFC, stable.", "knee", 13)
    assert found["osteochondritis_dissecans"].present is True
    assert "osteochondral_injury_suspected" not in found


def test_an_ocd_denied_is_no_suspicion():
    absent("No OCD lesion seen.", "osteochondral_injury_suspected", "knee", 13)


# --- U3: a mass in a soft-tissue part of a limb; deep to a named fascia or muscle -----------------------------------

@pytest.mark.parametrize("age", [14, 40])
@pytest.mark.parametrize("text", [
    'Hx: 14 y/o girl, mass in L calf first noticed by mom "early September", seems to have gotten bigger.',
    "Lump on the back of her thigh.",
    "Mass in the R buttock, 4 cm.",
    "mass over the lateral forearm",
    "Mass in the popliteal fossa.",
    "L calf mass, enlarging.",
])
def test_a_mass_in_a_soft_tissue_part_of_a_limb_is_a_soft_tissue_mass(text, age):
    check(text, "soft_tissue_mass", True, "lower_leg", age)


@pytest.mark.parametrize("text", [
    "Mass in the L thigh arising from the femur.",
    "Bony mass of the distal femur.",
    "No mass in the calf.",
])
def test_a_mass_placed_in_bone_or_denied_is_no_soft_tissue_mass(text):
    absent(text, "soft_tissue_mass", "lower_leg", 14)


@pytest.mark.parametrize("age", [14, 40])
@pytest.mark.parametrize("text", [
    "firm, fixed, TENDER mass posterior L calf, approx 3.5 x 3 cm, feels deep to the gastrocnemius fascia.",
    "Mass lies beneath the crural fascia.",
    "lump beneath the vastus lateralis",
    "mass deep to the medial head of the gastroc",
])
def test_a_mass_under_a_named_fascia_or_muscle_is_deep(text, age):
    check(text, "mass_deep", True, "lower_leg", age)


# --- U4: a tear suspected by its grade; a study ordered to grade it -------------------------------------------------

@pytest.mark.parametrize("text", [
    "A: chronic L patellar tendinopathy with suspected partial tear.",
    "P: MRI L knee w/o contrast to evaluate for partial vs high-grade tear.",
    "c/f high-grade partial tear of the quad tendon",
    "possible full-thickness tear",
    "likely complete rupture.",
    "r/o partial vs complete rupture",
])
def test_a_tear_suspected_by_its_grade_is_the_historys_concern(text):
    check(text, "tear_suspected_by_history", True, "knee", 39)


@pytest.mark.parametrize("text", [
    "Low suspicion for partial tear.",
    "No concern for complete rupture.",
])
def test_a_tear_suspicion_denied_says_nothing(text):
    assert "tear_suspected_by_history" not in facts(text, "knee", 39)

