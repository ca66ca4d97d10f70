"""What the phrasing tests of the rule files share: one sentence read as a knee note of a 50-year-old (unless
told otherwise) on a fixed date, a check of one fact's polarity and value, a check that a fact is not read
present, and the prior studies read."""

from __future__ import annotations

import datetime as dt

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def facts(text: str, region: str | None = "knee", age: int | None = 50) -> dict:
    return {f.fact: f for f in read_notes([text], REF, region, age=age).clinical.facts}


def check(text, name, present, region="knee", age=50, value=None):
    rec = facts(text, region, age).get(name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is present
    if value is not None:
        assert rec.value == value


def absent(text, name, region="lumbar", age=55):
    rec = facts(text, region, age).get(name)
    assert rec is None or rec.present is False, f"{name} read present from {text!r}"


def imaging(text: str, region: str | None = "knee", age: int | None = 50) -> list:
    return read_notes([text], REF, region, age=age).clinical.imaging


def treatment_kinds(text: str, region: str | None = "knee", age: int | None = 50) -> list:
    return [t.kind for t in read_notes([text], REF, region, age=age).clinical.treatments]
