"""On a review's fast path the pend questions (``missing``) and the physician-review reasons
(``failures``) come from compiled functions that read the lean evaluation's records. On random
criteria trees, with random documented facts and asking rules, they say what the interpretive
walk over a full evaluation says, in the same order."""

from hypothesis import given, settings
from hypothesis import strategies as st

from necessity.engine.evaluate import bind, bind_lean, compile_node, failures, missing
from tests.test_fast_path import FACTS, _ctx, _Holder, _tree


def _asking(tree):
    """The tree with some nodes given a question of their own (``ask: "..."``)."""
    def visit(node, path):
        if not isinstance(node, dict):
            return node
        out = {k: visit(v, f"{path}.{k}") for k, v in node.items()}
        for key in ("all", "any", "of"):
            if key in out:
                out[key] = [visit(k, f"{path}.{i}") for i, k in enumerate(node[key])]
        if "not" in node:
            out["not"] = visit(node["not"], f"{path}.not")
        if "ask" not in out and sum(map(ord, path)) % 4 == 0:
            out["ask"] = f"question at {path}?"
        return out
    return visit(tree, "root")


@settings(max_examples=300, deadline=None)
@given(_tree(), st.dictionaries(st.sampled_from(FACTS), st.booleans()), st.booleans())
def test_compiled_questions_and_reasons_match_the_walk(tree, documented, asking):
    if asking:
        tree = _asking(tree)
    c = compile_node(_Holder.model_validate({"node": tree}).node, "TEST-1", "root")
    full, lean = _ctx(documented), _ctx(documented)
    bind(c)(full)
    lean.lean = True
    bind_lean(c)(lean)

    asked_full, asked_lean = {}, {}
    missing(c, full, asked_full)
    missing(c, lean, asked_lean)
    assert list(asked_lean.items()) == list(asked_full.items())

    said_full, said_lean = [], []
    failures(c, full, said_full)
    failures(c, lean, said_lean)
    assert said_lean == said_full


def test_a_fact_only_child_that_decides_false_when_blank_keeps_its_decided_value():
    # at least 2 of one fact is false when the fact is undocumented; under a group that tests the same
    # fact bits, its code skips its own test and still needs a decided value apart from its value
    from necessity.engine.evaluate import bind_settle
    tree = {"all": [{"predicate": "const", "args": {"value": True}}, {"fact": "diabetes"},
                    {"at_least": 2, "of": [{"fact": "diabetes"}]}]}
    for documented in ({}, {"diabetes": True}, {"diabetes": False}):
        c = compile_node(_Holder.model_validate({"node": tree}).node, "TEST-1", "root")
        full, lean, quick = _ctx(documented), _ctx(documented), _ctx(documented)
        v, _, d = bind(c)(full)
        assert bind_lean(c)(lean)[::2] == (v, d)
        assert bind_settle(c)(quick) == (v, d)
