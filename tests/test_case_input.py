"""Bad input gets one clear message naming the field and the problem (CaseError), never a traceback."""

import json

import pytest

from necessity import CaseError, review

GOOD = {
    "policy_set": "evicore",
    "patient": {"birth_date": "1980-01-01", "sex": "female"},
    "request": {"cpt": "72148", "date": "2026-11-02", "icd10": ["M54.16"]},
}


def bad(mutate) -> CaseError:
    case = json.loads(json.dumps(GOOD))
    mutate(case)
    with pytest.raises(CaseError) as info:
        review(case)
    return info.value


def test_good_case_reviews():
    assert review(GOOD).outcome in {"pend", "physician_review"}


def test_invalid_json():
    with pytest.raises(CaseError) as info:
        review('{"policy_set": ')
    assert info.value.code == "CASE-JSON" and "invalid JSON" in info.value.message


def test_unknown_policy_set_lists_the_known_ones():
    e = bad(lambda c: c.update(policy_set="acme"))
    assert e.where == "policy_set" and "'acme'" in e.message and "cohere" in e.message and "evicore" in e.message


def test_missing_birth_date():
    e = bad(lambda c: c["patient"].pop("birth_date"))
    assert e.where == "patient.birth_date" and e.code == "CASE-MISSING"


def test_malformed_code():
    e = bad(lambda c: c["request"].update(cpt="7214"))
    assert e.where == "request.cpt" and "not a CPT" in e.message


def test_unknown_icd10_code_names_its_position():
    e = bad(lambda c: c["request"].update(icd10=["M54.16", "M54.99"]))
    assert e.where == "request.icd10[1]" and "M54.99" in e.message


def test_date_after_request_date():
    e = bad(lambda c: c.update(clinical={"encounters": [{"date": "2026-10-01", "mode": "in_person"},
                                                        {"date": "2026-12-01", "mode": "phone"}]}))
    assert e.where == "clinical.encounters[1].date" and "after the request date" in e.message


def test_birth_after_request():
    e = bad(lambda c: c["patient"].update(birth_date="2027-01-01"))
    assert e.where == "patient.birth_date"


def test_unknown_fact_name():
    e = bad(lambda c: c.update(clinical={"facts": [{"fact": "radicular_pain", "value": 5}, {"fact": "leg_hurts"}]}))
    assert e.where == "clinical.facts[1]" and "unknown fact 'leg_hurts'" in e.message


def test_value_outside_scale():
    e = bad(lambda c: c.update(clinical={"facts": [{"fact": "radicular_pain", "value": 11}]}))
    assert e.where == "clinical.facts[0]" and "outside 0-10" in e.message


def test_unknown_treatment_kind():
    e = bad(lambda c: c.update(clinical={"treatments": [{"kind": "acupuncture", "start": "2026-09-01"}]}))
    assert e.where == "clinical.treatments[0].kind" and "acupuncture" in e.message


def test_unknown_field_is_rejected():
    e = bad(lambda c: c["request"].update(priority="stat"))
    assert e.where == "request.priority" and e.code == "CASE-UNKNOWN-FIELD"


def test_treatment_ending_before_it_starts():
    e = bad(lambda c: c.update(clinical={"treatments": [{"kind": "nsaid", "start": "2026-09-01", "end": "2026-08-01"}]}))
    assert e.where == "clinical.treatments[0]" and "before start" in e.message
