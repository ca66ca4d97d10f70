"""Phrasing families from outside testers' notes-only cases (round 23: notes_adult, notes_peds): the patient's
own "<age> <sex>" descriptor after a relative, another child (index child, sibling) as another experiencer, CML
as the classic metaphyseal lesion, the clinical evidence of a head injury documented absent, and others. Each
test runs a short sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import absent, check, facts


# --- Q1: the patient's descriptor after a relative; another child's findings; CML -------------------------------

@pytest.mark.parametrize("text", [
    "Pt's mother called re: 11yo F w/ Down syndrome; PCP sent screening lat C-spine xrays.",
    "Mom called about 11 y/o M with trisomy 21, asymptomatic.",
    "Father phoned re: 9 yo girl w/ Down syndrome.",
    "Grandmother here with 12-year-old boy with Down syndrome.",
    "Mother messaged re: her son, 10 yo M w/ T21.",
])
def test_the_patients_descriptor_after_a_relative_is_the_patients(text):
    check(text, "trisomy_21", True, "cervical", 11)


@pytest.mark.parametrize("text", [
    "Mother has Down syndrome.",
    "Brother with Down syndrome.",
])
def test_a_relatives_own_condition_stays_the_relatives(text):
    absent(text, "trisomy_21", "cervical", 11)


@pytest.mark.parametrize("text", [
    "Index child with a CML R femur and rib fx.",
    "The index child: rib fx, femur fx.",
    "The sibling's rib fractures were found on survey.",
    "18 mo contact of an abused infant (CML R femur, rib fx).",
    "Twin sister has rib fractures.",
    "Half-brother had rib fractures on his survey.",
])
def test_another_childs_findings_are_not_this_childs(text):
    absent(text, "rib_fracture_suspected", "femur", 1)


@pytest.mark.parametrize("text", [
    "Index child with rib fx.",
    "Sibling of the index case, here for skeletal survey.",
])
def test_a_note_naming_the_index_child_is_about_a_contact(text):
    check(text, "abuse_contact_child", True, "femur", 1)


@pytest.mark.parametrize("text", [
    "Skeletal survey: CML R distal femur.",
    "CML of the distal tibia and posterior rib fx.",
    "Classic metaphyseal lesion (CML) L proximal tibia.",
    "CML L femur, rib fx.",
])
def test_cml_at_a_bone_is_the_classic_metaphyseal_lesion(text):
    absent(text, "known_cancer", "femur", 1)


@pytest.mark.parametrize("text", [
    "Hx of CML on imatinib.",
    "PMH: CML, in remission.",
])
def test_cml_as_a_diagnosis_is_still_the_leukaemia(text):
    check(text, "known_cancer", True, "lumbar", 60)


# --- Q2: clinical evidence of a head injury documented absent ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "No signs of head injury.",
    "No external evidence of head trauma.",
    "Exam without any signs of head injury.",
    "Neuro nonfocal, no bruising, HC stable, no vomiting or lethargy.",
    "AF soft and flat, NCAT.",
    "Head atraumatic.",
])
def test_no_clinical_evidence_of_head_injury(text):
    check(text, "head_injury_signs", False, "head", 1)


@pytest.mark.parametrize("text", [
    "Boggy scalp swelling R parietal.",
    "Bulging fontanelle on exam.",
    "Signs of head injury: scalp hematoma.",
])
def test_clinical_evidence_of_head_injury(text):
    check(text, "head_injury_signs", True, "head", 1)


def test_no_signs_of_head_injury_is_not_a_mechanism_denied():
    rec = facts("No signs of head injury.", "head", 1).get("trauma_mechanism")
    assert rec is None
