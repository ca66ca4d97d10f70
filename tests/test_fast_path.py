"""The review's fast path decides exactly as a full evaluation does.

``review`` evaluates only what the decision needs (sections whose scenario cannot apply are
skipped, ``all`` / ``any`` stop at a deciding child) and leaves the trace to a replay that records
everything. These tests hold the two to the same answers: every golden case and example gives the
same determination both ways, and on random criteria trees the lean and value-only compiled
functions give the full function's values.
"""

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from necessity import review
from necessity.case import parse_case
from necessity.engine import predicates
from necessity.engine.context import Context
from necessity.engine.evaluate import bind, bind_lean, bind_settle, compile_node, screen, walk
from necessity.engine.review import _render_trace, _review
from necessity.golden import load_cases
from necessity.policy import schema as s
from necessity.policy.loader import registry

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = load_cases(ROOT / "tests" / "cases")
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


def _both_ways(case):
    """The determination fields of the fast path and of a full evaluation, and the full run's steps."""
    if case.notes:
        from necessity.extract.merge import with_notes
        case = with_notes(case, None)[0]
    steps: list[tuple] = []
    return _review(case, None, None), _review(case, None, steps), steps


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.id for g in GOLDEN])
def test_golden_case_fast_path_decides_as_full_evaluation(golden):
    fast, full, steps = _both_ways(parse_case(golden.case))
    assert fast == full
    d = review(golden.case)
    assert d.trace == _render_trace(steps)
    values = {cid: v for ctx in {id(st[2]): st[2] for st in steps}.values() for cid, (v, _, _) in ctx.results.items()}
    assert d.criterion_values() == values


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_fast_path_decides_as_full_evaluation(path):
    fast, full, steps = _both_ways(parse_case(path.read_bytes()))
    assert fast == full
    assert review(path.read_bytes()).trace == _render_trace(steps)


def test_generated_cases_fast_path_decides_as_full_evaluation():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from review_throughput import make_case
    finally:
        sys.path.pop(0)
    r = random.Random(3)
    for i in range(400):
        case = parse_case(json.dumps(make_case(r, i)))
        fast, full, _ = _both_ways(case)
        assert fast == full, i


# --- random trees: lean and value-only functions against the full one ---------------------------

predicates.NAMED.setdefault("const", lambda args, ctx: (args["value"], ()))
FACTS = ["fever", "night_pain", "diabetes", "hiv"]


def _tree():
    leaf = st.one_of(
        st.sampled_from([True, False, None]).map(lambda v: {"predicate": "const", "args": {"value": v}}),
        st.sampled_from(FACTS).map(lambda f: {"fact": f}),
    )

    def group(kids):
        return st.one_of(
            st.tuples(st.sampled_from(["all", "any"]), st.lists(kids, min_size=1, max_size=4), st.booleans()).map(
                lambda t: {t[0]: t[1], **({"ask": False} if t[2] else {})}),
            st.tuples(st.integers(1, 3), st.lists(kids, min_size=1, max_size=4)).map(
                lambda t: {"at_least": t[0], "of": t[1]}),
            st.tuples(kids, st.booleans()).map(lambda t: {"not": t[0], **({"ask": False} if t[1] else {})}),
        )
    return st.recursive(leaf, group, max_leaves=14)


class _Holder(s._Node):
    node: s.Node


def _ctx(documented: dict[str, bool]) -> Context:
    case = parse_case({"policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
                       "request": {"cpt": "72148", "date": "2026-11-02"},
                       "clinical": {"facts": [{"fact": f, "present": v} for f, v in documented.items()]}})
    g = registry().policy_sets["evicore"].guidelines[1]
    return Context.build(case, g.codes["72148"])


@settings(max_examples=300, deadline=None)
@given(_tree(), st.dictionaries(st.sampled_from(FACTS), st.booleans()))
def test_lean_and_value_only_functions_match_the_full_one(tree, documented):
    c = compile_node(_Holder.model_validate({"node": tree}).node, "TEST-1", "root")
    full, lean, quick = _ctx(documented), _ctx(documented), _ctx(documented)
    v, _, d = bind(c)(full)
    assert bind_lean(c)(lean)[::2] == (v, d)
    assert bind_settle(c)(quick) == (v, d)
    for node in walk(c):  # what the lean function recorded is what a full evaluation records
        if node.id in lean.results:
            assert lean.results[node.id] == full.results[node.id]
    if any(not needs & full.mask for needs in screen(c)):  # the screen never skips what could be true
        assert d is not True
