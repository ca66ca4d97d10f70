"""Every golden case file under tests/cases: outcome, deciding sections and missing items."""

import pytest

from necessity import review

from pathlib import Path

from necessity.golden import check, load_cases

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.parametrize("golden", CASES, ids=[c.id for c in CASES])
def test_golden_case(golden):
    determination = review(golden.case)
    problems = check(golden, determination)
    assert not problems, f"{golden.id}: " + "; ".join(problems) + f"\nreasons: {determination.reasons}" \
        f"\nmissing: {[(m.id, m.question) for m in determination.missing]}"
