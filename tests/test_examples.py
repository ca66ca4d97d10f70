"""The README's examples keep giving the determinations they were written to show."""

import json
from pathlib import Path

import pytest

from necessity import review

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = {
    "lumbar-radiculopathy-approve.json": ("approve", ["SP-6.1"], None),
    "lumbar-with-contrast-alternative.json": ("approve_alternative", ["SP-6.1"], "72148"),
    "pacemaker-ct-instead-of-mri.json": ("approve_alternative", ["SP-5.1", "SP-9", "Preface-3.1"], "72131"),
    "neck-pain-pend-no-treatment.json": ("pend", ["SP-3.1"], None),
    "infection-red-flag-pend.json": ("pend", ["SP-1.2"], None),
    "cauda-equina-red-flag.json": ("approve", ["SP-1.2", "SP-5.1"], None),
    "cervical-trauma-high-risk.json": ("approve", ["SP-3.2"], None),
    "post-op-within-six-months.json": ("approve", ["SP-15.3"], None),
    "positional-mri-experimental.json": ("physician_review", ["SP-2.2"], None),
    "mr-spectroscopy-experimental.json": ("physician_review", ["SP-2.2", "SP-2.5"], None),
    "spinal-cord-stimulator-lumbar.json": ("physician_review", ["SP-16.3"], None),
    "pediatric-17-year-old.json": ("pend", ["PEDSP-2.3"], None),
    "intraoperative-ultrasound-not-required.json": ("not_required", ["SP-2.6"], None),
    "note-only-lumbar-radiculopathy.json": ("approve", ["SP-6.1"], None),
}


def test_every_example_is_listed():
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example(name):
    outcome, sections, alternative = EXPECTED[name]
    d = review(json.loads((EXAMPLES / name).read_text()))
    assert (d.outcome, sorted(d.sections)) == (outcome, sorted(sections))
    assert (d.alternative.code if d.alternative else None) == alternative
