"""The side of an extracted fact: the forms clinicians write a side in ("LLE", "R>L", "R-sided",
"SLR + R, - L"), and the look-alikes that are no side ("r/o", "L/S", "L4-5", "RLQ", "LT" of light
touch, "RT" of radiotherapy). Each test runs a short note through the extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes
from necessity.extract.readers import read_side

REF = dt.date(2026, 10, 27)


def records(text: str, region: str | None = "lumbar", age: int | None = 50) -> list:
    return read_notes([text], REF, region, age=age).clinical.facts


def sides(text: str, name: str, region: str | None = "lumbar") -> list[tuple[bool, str | None]]:
    return sorted(((f.present, f.side) for f in records(text, region) if f.fact == name), key=str)


def side_of(text: str, name: str, region: str | None = "lumbar") -> str | None:
    found = [f for f in records(text, region) if f.fact == name]
    assert found, f"{name} not read from {text!r}"
    return found[0].side


# --- "rule out" is no side --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hx breast ca. MRI to R/O mets.",
    "Hx breast ca, R/o mets.",
    "Hx breast ca. MRI to r/o mets.",
    "Hx of prostate cancer; rule out metastasis.",
])
def test_rule_out_is_no_side(text):
    assert side_of(text, "suspected_spinal_malignancy") is None


def test_letter_slash_abbreviation_is_no_side():
    s = "Chronic pain at the L/S junction."
    assert read_side(s, s.index("pain"), s.index("pain") + 4) is None
    s = "Strength (R/L): deltoid 5/5"  # a column head still names sides
    assert read_side(s, s.index("deltoid"), s.index("deltoid") + 7) is not None


# --- a limb's side written with the limb: LLE, RUE, BLE ---------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("Numbness and tingling RLE.", "right"),
    ("Paresthesias LLE to the dorsum of the foot.", "left"),
    ("Tingling in the RUE, worse at night.", "right"),
    ("Numbness LUE x 2 wks.", "left"),
    ("Tingling BLE, stocking distribution.", "bilateral"),
])
def test_limb_abbreviations(text, side):
    assert side_of(text, "extremity_neurological_symptoms") == side


def test_quadrant_is_no_limb_side():
    s = "Tender RLQ, no rebound."
    assert read_side(s, s.index("Tender"), s.index("Tender") + 6) is None
    s = "Tender rle."  # lower case: no abbreviation
    assert read_side(s, 0, 6) is None


# --- one side worse, both affected: L>R ------------------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Pain R>L low back, 7/10.", "low_back_pain"),
    ("Low back pain L > R, worse with sitting.", "low_back_pain"),
    ("Radicular pain down both legs, L>R.", "radicular_pain"),
    ("Radiating leg pain, right > left, to the calves.", "radicular_pain"),
])
def test_one_side_worse_is_both(text, name):
    assert side_of(text, name) == "bilateral"


def test_side_in_the_same_sentence_wins_over_one_past_a_full_stop():
    s = "Lumbar paraspinal ttp L>R. SLR pos on L at 60 deg."
    assert read_side(s, s.index("SLR"), s.index("SLR") + 3) == "left"
    s = "Pain R knee. Effusion."  # with no side in its own sentence, the one before still counts
    assert read_side(s, s.index("Effusion"), s.index("Effusion") + 8) == "right"


# --- "R-sided", "left-sided" ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("Right-sided low back pain x 3 wks.", "right"),
    ("L-sided low back pain since lifting.", "left"),
    ("Low back pain, R-sided, no radiation.", "right"),
])
def test_sided(text, side):
    assert side_of(text, "low_back_pain") == side


def test_spine_level_is_no_side():
    assert side_of("L4-5 disc herniation with radiculopathy.", "radiculopathy") is None
    s = "Pain in the L-spine."
    assert read_side(s, s.index("Pain"), s.index("Pain") + 4) is None


# --- LT of light touch, RT of radiotherapy -----------------------------------------------------------------

@pytest.mark.parametrize("text, side", [
    ("Decr LT R thumb/index.", "right"),
    ("Sensation: decreased LT + pinprick dorsum R foot.", "right"),
    ("Decreased LT L5 dermatome R foot.", "right"),
])
def test_light_touch_is_no_side(text, side):
    assert side_of(text, "sensory_loss", "cervical") == side


def test_light_touch_and_radiotherapy_are_no_side():
    s = "Sensation intact to LT/PP."
    assert read_side(s, s.index("Sensation"), s.index("Sensation") + 9) is None
    s = "s/p preop RT (50 Gy), now a mass."
    assert read_side(s, s.index("mass"), s.index("mass") + 4) is None
    s = "LT KNEE PAIN."  # upper-case notes: LT before a body part is the left
    assert read_side(s, s.index("PAIN"), s.index("PAIN") + 4) == "left"


# --- a sign positive on one side, negative on the other: one record per side -------------------------------

@pytest.mark.parametrize("text, pos, neg", [
    ("SLR + R, - L.", "right", "left"),
    ("SLR +R/-L.", "right", "left"),
    ("SLR R+, L-.", "right", "left"),
    ("SLR + on L, - on R.", "left", "right"),
    ("SLR - L, + R.", "right", "left"),
    ("SLR neg L, pos R at 40 deg.", "right", "left"),
    ("SLR (-) R, (+) L.", "left", "right"),
    ("Spurling neg R but positive on the left.", "left", "right"),
])
def test_per_side_sign(text, pos, neg):
    assert sides(text, "nerve_tension_sign", "lumbar") == sorted([(True, pos), (False, neg)], key=str)


@pytest.mark.parametrize("text", [
    "SLR + R, L - 5/5.",  # a grade's dash, not the sign's
    "SLR - L at 40 deg, crossed SLR +.",
])
def test_per_side_sign_look_alikes(text):
    assert not any(not p for p, _ in sides(text, "nerve_tension_sign"))
