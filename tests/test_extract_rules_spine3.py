"""Phrasing families of adult spine notes (eviCore / Cohere spine requests): how clinicians write the
diagnosis, the exam and the pain scale in ways the earlier rules did not read."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str = "lumbar", age: int = 50) -> list:
    return [f for f in read_notes([text], REF, region, age).clinical.facts if f.fact == name]


def polarity(text: str, name: str, region: str = "lumbar") -> set[bool]:
    return {f.present for f in records(text, name, region)}


# --- radiculopathy: the clinician's diagnosis, in any spelling -------------------------------------

@pytest.mark.parametrize("text, region, level", [
    ("A/P: L L5 radiculopathy, failed >6 wks PT + NSAID.", "lumbar", "L5"),
    ("Assessment: left S1 radiculopathy with failed six weeks of care.", "lumbar", "S1"),
    ("Imp: recurrent R S1 radiculopathy ~6 wks after L5-S1 microdiscectomy.", "lumbar", "S1"),
    ("Dx: M54.12 Radiculopathy, cervical region", "cervical", None),
    ("Assessment left C7 radiculoapthy with motor and reflex changes.", "cervical", "C7"),
    ("Impression: cervical radiculopathy, C6 distribution.", "cervical", None),
])
def test_a_named_radiculopathy_is_the_fact(text, region, level):
    recs = records(text, "radiculopathy", region)
    assert recs and all(r.present for r in recs), text
    if level:
        assert any(r.level == level for r in recs)


@pytest.mark.parametrize("text, present", [
    ("No radiculopathy on exam.", False),
    ("Denies symptoms; exam without radiculopathy.", False),
])
def test_a_denied_radiculopathy_is_documented_absent(text, present):
    assert polarity(text, "radiculopathy") == {present}


def test_a_radiculopathy_to_rule_out_is_no_diagnosis():
    assert records("Plan: EMG to r/o radiculopathy vs peripheral neuropathy.", "radiculopathy") == []
