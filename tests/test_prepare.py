"""``registry()`` makes the review functions before the first review (``review.prepare``), and their
compiled code is kept on disk between processes (``engine.codecache``)."""

import marshal

from necessity.engine import codecache
from necessity.engine.context import _BITS, fact_mask
from necessity.engine.review import _scan
from necessity.policy.loader import registry


def test_registry_compiles_what_the_fast_path_runs():
    reg = registry()
    for ps in reg.policy_sets.values():
        for g in ps.guidelines:
            for code in g.codes:
                assert (g.file, code, True) in ps.scans
            for sec in g.sections:
                assert sec.when is None or sec.when.settle_fn is not None
                for ind in sec.indications:
                    assert ind.applies is None or ind.applies.settle_fn is not None
                    assert ind.criteria is None or ind.criteria.lean_fn is not None
                    assert all(st.when is None or st.when.settle_fn and st.when.lean_fn for st in ind.studies)
        assert all(sub.when.settle_fn and sub.when.lean_fn for _, sub in ps.substitutions)


def test_codes_with_the_same_sections_share_a_scan():
    ps = registry().policy_sets["evicore"]
    spine = next(g for g in ps.guidelines if g.file == "evicore/spine.yaml")
    by_sections = {}
    for code in spine.codes:
        key = tuple(sec.id for sec in ps.sections_for(spine, code))
        fn = _scan(ps, spine, code, True)
        assert by_sections.setdefault(key, fn) is fn


def test_compiled_code_is_read_back_from_the_cache(tmp_path, monkeypatch):
    path = tmp_path / "code.marshal"
    monkeypatch.setattr(codecache, "_path", lambda: path)
    monkeypatch.setattr(codecache, "_codes", None)
    monkeypatch.setattr(codecache, "_used", {})
    monkeypatch.setattr(codecache, "_dirty", False)
    code = codecache.compile_source("def f():\n return 41 + 1\n", "<test f>")
    codecache.save()
    assert path.exists()

    monkeypatch.setattr(codecache, "_codes", None)
    monkeypatch.setattr(codecache, "_used", {})
    read = codecache.compile_source("def f():\n return 41 + 1\n", "<test f>")
    assert read == code and read is not code and not codecache._dirty
    space = {}
    exec(read, space)
    assert space["f"]() == 42

    # what a process used is written back, with what the file held besides while that is not too much
    other = codecache.compile_source("x = 1\n", "<test x>")
    codecache.save()
    assert set(marshal.loads(path.read_bytes()).values()) == {code, other}
    monkeypatch.setattr(codecache, "_used", {})
    third = codecache.compile_source("z = 3\n", "<test z>")
    codecache.save()
    assert set(marshal.loads(path.read_bytes()).values()) == {code, other, third}
    path.write_bytes(marshal.dumps({f"<old {i}>\n": compile(f"w = {i}", "<old>", "exec") for i in range(5)}))
    monkeypatch.setattr(codecache, "_used", {})
    fourth = codecache.compile_source("v = 4\n", "<test v>")
    codecache.save()
    assert set(marshal.loads(path.read_bytes()).values()) == {fourth}


def test_a_broken_cache_file_is_compiled_over(tmp_path, monkeypatch):
    path = tmp_path / "code.marshal"
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(codecache, "_path", lambda: path)
    monkeypatch.setattr(codecache, "_codes", None)
    monkeypatch.setattr(codecache, "_used", {})
    space = {}
    exec(codecache.compile_source("y = 2\n", "<test y>"), space)
    assert space["y"] == 2


def test_new_fact_bits_are_given_in_name_order():
    names = {"zz_test_fact_b", "zz_test_fact_a", "zz_test_fact_c"}
    mask = fact_mask(names)
    assert _BITS["zz_test_fact_a"] < _BITS["zz_test_fact_b"] < _BITS["zz_test_fact_c"]
    assert mask == _BITS["zz_test_fact_a"] | _BITS["zz_test_fact_b"] | _BITS["zz_test_fact_c"]


def test_a_determination_keeps_its_fields_in_declared_order():
    from necessity import Determination, review
    d = review({"policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
                "request": {"cpt": "72148", "date": "2026-11-02", "icd10": ["M54.16"]}})
    assert list(d.__dict__) == list(Determination.model_fields)
    for cpt in ("76998", "99999"):  # decided by routing alone
        d = review({"policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
                    "request": {"cpt": cpt, "date": "2026-11-02"}})
        assert list(d.__dict__) == list(Determination.model_fields)


def test_the_fact_index_gives_the_mask_of_its_facts():
    import json
    import random
    import sys
    from pathlib import Path

    from necessity.case import parse_case
    from necessity.engine.context import index_facts

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from review_throughput import make_case
    finally:
        sys.path.pop(0)
    r = random.Random(5)
    for i in range(300):
        data = make_case(r, i)
        data["clinical"]["facts"].append({"fact": "fever", "present": i % 2 == 0})  # a fact recorded twice, now and then
        case = parse_case(json.dumps(data))
        facts, mask = index_facts(case, masked=True)
        assert facts == index_facts(case) and mask == fact_mask(facts)


def test_predicates_get_plain_copies_of_their_nodes():
    from pydantic import BaseModel

    from necessity.engine.evaluate import Plain, plain

    reg = registry()
    seen = 0
    for c in reg.policy_sets["evicore"].criteria.values():
        if c.kind not in ("trial", "imaging", "encounter", "reevaluation"):
            continue
        copy = plain(c.spec)
        assert plain(c.spec) is copy  # one copy per node
        stack = [(c.spec, copy)]
        while stack:
            model, flat = stack.pop()
            assert isinstance(flat, Plain)
            for name in type(model).model_fields:
                value, got = getattr(model, name), getattr(flat, name)
                if isinstance(value, BaseModel):
                    stack.append((value, got))
                else:
                    assert got == value
            seen += 1
        if c.kind == "trial":
            assert copy.trial.days == c.spec.trial.days  # properties too
    assert seen > 50


def test_each_scan_binds_its_own_document():
    # documents can share a set of sections (the Preface rules that reach every code of the policy
    # set, for a code no section of its own names); a scan weighs indications against its document's
    # code table, so one document's scan must never serve another
    for ps in registry().policy_sets.values():
        for g in ps.guidelines:
            for code in g.codes:
                assert _scan(ps, g, code, True).__globals__["g"] is g, (g.file, code)
