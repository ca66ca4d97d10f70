"""``parse_case`` validates a case with a copy of the models' schema that pydantic-core checks natively,
plus one Python pass; whatever that copy refuses is validated again by the models' own validator. These
tests hold the two to the same result: the same Case for every valid input, the same error otherwise."""

import copy
import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from necessity import CaseError
from necessity.case import Case, _fast_validator, _path, parse_case
from necessity.golden import load_cases

ROOT = Path(__file__).resolve().parents[1]


def _models(data):
    """What the models' validator alone gives: the Case, or the CaseError's fields."""
    from necessity import case as mod
    saved = mod._FAST
    mod._FAST = None  # no fast validator: every case takes the models' validator
    try:
        return parse_case(data)
    except CaseError as e:
        return ("error", e.where, e.code, e.message)
    finally:
        mod._FAST = saved


def _parsed(data):
    try:
        return parse_case(data)
    except CaseError as e:
        return ("error", e.where, e.code, e.message)


def _generated(n: int, seed: int) -> list[dict]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from review_throughput import make_case
    finally:
        sys.path.pop(0)
    r = random.Random(seed)
    return [make_case(r, i) for i in range(n)]


def test_the_fast_validator_runs_no_python_validator():
    shown = repr(_fast_validator())
    assert "Function" not in shown and "Prebuilt" not in shown


def test_valid_cases_come_out_the_same():
    inputs = [g.case for g in load_cases(ROOT / "tests" / "cases")]
    inputs += [json.loads(p.read_text()) for p in sorted((ROOT / "examples").glob("*.json"))]
    inputs += _generated(300, 11)
    for data in inputs:
        expected = _models(data)
        for form in (data, json.dumps(data), json.dumps(data).encode()):
            got = _parsed(form)
            assert got == expected
            if isinstance(got, Case):
                assert type(got.request) is type(expected.request)
                assert got.model_dump() == expected.model_dump()


# one change that may make a case invalid, or valid in a way only the models' validator accepts
MUTATIONS = [
    lambda c: c["request"].update(cpt=c["request"]["cpt"].lower() + " "),
    lambda c: c["request"].update(cpt=" 72148 "),
    lambda c: c["request"].update(cpt="c8931"),
    lambda c: c["request"].update(cpt="7214"),
    lambda c: c["request"].update(icd10=["m54.16 "]),
    lambda c: c["request"].update(icd10=["M54.16", "M54.99"]),
    lambda c: c["request"].update(icd10=["M5416"]),
    lambda c: c["request"].update(date="2020-01-01"),
    lambda c: c["patient"].update(birth_date="2030-01-01"),
    lambda c: c["clinical"].update(episode_onset="2030-01-01"),
    lambda c: c["clinical"]["facts"].append({"fact": "leg_hurts"}),
    lambda c: c["clinical"]["facts"].append({"fact": "radicular_pain", "value": 11}),
    lambda c: c["clinical"]["facts"].append({"fact": "radicular_pain", "value": "7"}),
    lambda c: c["clinical"]["facts"].append({"fact": "radicular_pain", "value": "severe"}),
    lambda c: c["clinical"]["facts"].append({"fact": "fever", "value": 1}),
    lambda c: c["clinical"]["facts"].append({"fact": "implanted_device", "value": "toaster"}),
    lambda c: c["clinical"]["facts"].append({"fact": "implanted_device", "value": 3}),
    lambda c: c["clinical"]["facts"].append({"fact": "fever", "onset": "2030-01-01"}),
    lambda c: c["clinical"]["facts"].append({"fact": "fever", "date": "2030-01-01"}),
    lambda c: c["clinical"]["encounters"].append({"date": "2030-01-01", "mode": "phone"}),
    lambda c: c["clinical"]["encounters"].append({"date": "2026-01-01", "mode": "carrier_pigeon"}),
    lambda c: c["clinical"]["treatments"].append({"kind": "acupuncture", "start": "2026-01-01"}),
    lambda c: c["clinical"]["treatments"].append({"kind": "nsaid", "start": "2026-02-01", "end": "2026-01-01"}),
    lambda c: c["clinical"]["treatments"].append({"kind": "nsaid", "start": "2030-02-01"}),
    lambda c: c["clinical"]["treatments"].append({"kind": "nsaid", "start": "2026-01-01", "end": "2030-01-01"}),
    lambda c: c["clinical"]["imaging"].append({"modality": "xray", "region": "elbowish", "date": "2026-01-01"}),
    lambda c: c["clinical"]["imaging"].append({"modality": "sonar", "region": "lumbar", "date": "2026-01-01"}),
    lambda c: c["clinical"]["imaging"].append({"modality": "xray", "region": "lumbar", "date": "2030-01-01"}),
    lambda c: c["clinical"]["imaging"].append({"modality": "xray", "region": "lumbar", "date": "2026-01-01",
                                               "findings": ["fever", "leg_hurts"]}),
    lambda c: c.update(notes=[{"text": "x", "date": "2030-01-01"}]),
    lambda c: c.update(notes=["plain text", {"text": "x", "date": "2001-01-01"}]),
    lambda c: c.update(priority="stat"),
    lambda c: c["patient"].pop("birth_date", None),
]


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 10**6), st.lists(st.integers(0, len(MUTATIONS) - 1), min_size=1, max_size=3, unique=True))
def test_changed_cases_get_the_models_result(seed, picks):
    case = _generated(1, seed)[0]
    for k in picks:
        MUTATIONS[k](case)
    for form in (case, json.dumps(case)):
        assert _parsed(form) == _models(copy.deepcopy(form))
    case["clinical"]["facts"] = "none"
    assert _parsed(case) == _models(case)


@pytest.mark.parametrize("text", ['{"policy_set": ', "[]", '"x"', "{}", '{"policy_set": 3}'])
def test_malformed_documents_get_the_models_error(text):
    assert _parsed(text) == _models(text)


def test_path_names_list_positions():
    assert _path(("clinical", "facts", 2, "function-after[_in_vocabulary(), FactRecord]")) == "clinical.facts[2]"
