"""Reading notes (outside testers, round 23): a study named with its purpose is the order wherever it stands; a
surgery's own written date is its date; a video visit mentioned in passing is not the note's contact; a course's
dates come from its own sentence; an injury is acute or old by its date; and other leftovers. Each test runs a
short note through the extractor."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.case import Note
from necessity.extract import read_notes

REF = dt.date(2026, 11, 11)


def read(text: str, ref: dt.date = REF, region: str | None = None):
    return read_notes([Note(date=ref, text=text)], ref, region).clinical


def studies(text: str, ref: dt.date = REF, region: str | None = None):
    return [s for s in read(text, ref, region).imaging if s.modality in ("mri", "ct", "ultrasound")]


# --- K1: a study named with its purpose is the order, wherever it stands --------------------------------------

@pytest.mark.parametrize("line", [
    "A/P: Known L medial talar dome OCD. MRI L ankle w/o contrast to stage lesion (stability, fragment) and guide "
    "operative vs nonoperative treatment.",
    "A/P: Painful R TKA, suspect aseptic loosening. MRI R knee w/o contrast with MAVRIC metal-artifact reduction to "
    "assess loosening/osteolysis prior to revision planning.",
    "A/P: Suspected L 3rd interspace Morton's neuroma. MRI L foot w/o contrast to confirm and size lesion prior to "
    "possible excision.",
    "Known OCD of the medial femoral condyle. MRI R knee to grade the lesion.",
    "Suspected stress fracture. MRI L foot for further detail.",
    "Loose body on XR. MRI L knee w/o contrast for surgical planning.",
    "Large osteochondral lesion. MRI R ankle for pre-op planning.",
    "Recurrent sx after discectomy. MRI L-spine w/o and w/ contrast to distinguish recurrent disc herniation from "
    "epidural fibrosis.",
    "Soft tissue mass R thigh. MRI R thigh w/ and w/o contrast to characterize the mass prior to biopsy referral.",
    "Impression: suspected labral tear. MR arthrogram R hip in order to confirm the tear.",
])
def test_a_study_with_its_purpose_is_the_order(line):
    assert not studies("Pain in the limb for 3 months.\n" + line)


@pytest.mark.parametrize("line", [
    "MRI L knee prior to surgery showed a complex medial meniscus tear.",
    "MRI R knee 10/02/2026 for assessment of the meniscus: complex medial meniscus tear.",
    "MRI L knee for surgical planning was normal.",
])
def test_a_study_reported_or_dated_is_still_a_study(line):
    assert studies(line)
