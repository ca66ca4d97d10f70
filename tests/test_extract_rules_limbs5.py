"""Phrasing families of lower-extremity and pediatric MSK notes (fifth round): each test runs a short
sentence through the extractor and checks the fact, its polarity and value."""

from __future__ import annotations

import pytest

from tests.limb_notes import check, facts


# --- stress fracture history and the film's reading -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "No prior stress fx.",
    "Denies hx of stress fractures.",
    "Never had a stress fracture.",
    "No history of stress fracture.",
])
def test_no_stress_fracture_history(text):
    check(text, "stress_fracture_known", False, "foot", age=15)


def test_a_study_ruling_out_a_stress_fracture_is_no_history():
    assert "stress_fracture_known" not in facts("No stress fracture on MRI.", "foot", 15)


@pytest.mark.parametrize("text", [
    "XR R foot 3v 4/3: no fx, no periosteal rxn.",
    "X-rays were negative for fracture.",
    "XR L ankle neg for fx.",
    "Films - no acute fracture.",
])
def test_xray_without_fracture(text):
    check(text, "fracture_seen_on_xray", False, "foot", age=12)


# --- DDH: family history told as the relative's treatment or a risk factor; Ortolani/Barlow results ----

@pytest.mark.parametrize("text", [
    "Mom mentions she herself was treated in a Pavlik harness for hip dysplasia as an infant.",
    "Older brother needed a spica cast for DDH.",
    "A: 2 major risk factors for DDH: breech presentation + first-degree family hx (mother).",
])
def test_family_history_ddh(text):
    check(text, "family_history_ddh", True, "hip", age=0)


@pytest.mark.parametrize("text", [
    "DDH risk factors: breech, no family hx.",
    "A: Normal hip exam, no DDH risk factors (not breech, no FHx of DDH).",
])
def test_family_history_ddh_denied(text):
    check(text, "family_history_ddh", False, "hip", age=0)


def test_a_parents_question_is_no_family_history():
    assert "family_history_ddh" not in facts("Mom had questions about DDH.", "hip", 0)


@pytest.mark.parametrize("text", [
    "Hips: Ortolani neg b/l, Barlow neg b/l.",
    "Ortolani/Barlow neg b/l.",
    "Negative Ortolani and Barlow.",
    "Barlow (-) bilaterally.",
])
def test_negative_instability_maneuvers(text):
    check(text, "hip_unstable_or_dislocated", False, "hip", age=0)


@pytest.mark.parametrize("text", ["Barlow + on the L.", "(+) Ortolani L hip.", "Ortolani pos on the right."])
def test_positive_instability_maneuvers(text):
    check(text, "hip_unstable_or_dislocated", True, "hip", age=0)
