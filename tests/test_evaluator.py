"""The evaluator's core: Kleene three-valued logic, calendar windows, ages and treatment courses."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from necessity.case import parse_case
from necessity.engine import predicates
from necessity.engine.context import Context, age_in, months_before
from necessity.engine.evaluate import compile_node, evaluate, missing
from necessity.policy import schema as s
from necessity.policy.loader import registry

predicates.NAMED.setdefault("const", lambda args, ctx: (args["value"], ()))
values = st.sampled_from([True, False, None])


def tree_strategy():
    leaf = values.map(lambda v: {"predicate": "const", "args": {"value": v}})
    return st.recursive(leaf, lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=4).map(lambda k: {"all": k}),
        st.lists(kids, min_size=1, max_size=4).map(lambda k: {"any": k}),
        kids.map(lambda k: {"not": k}),
    ), max_leaves=12)


def kleene(node):
    if "predicate" in node:
        return node["args"]["value"]
    if "not" in node:
        v = kleene(node["not"])
        return None if v is None else not v
    vals = [kleene(k) for k in node.get("all") or node.get("any")]
    if "all" in node:
        return False if False in vals else None if None in vals else True
    return True if True in vals else None if None in vals else False


def _ctx():
    case = parse_case({"policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
                       "request": {"cpt": "72148", "date": "2026-11-02"}})
    g = registry().policy_sets["evicore"].guidelines[1]
    return Context.build(case, g.codes["72148"])


class _Holder(s._Node):
    node: s.Node


@given(tree_strategy())
def test_three_valued_logic_matches_kleene(tree):
    node = _Holder.model_validate({"node": tree}).node
    c = compile_node(node, "TEST-1", "root")
    ctx = _ctx()
    assert evaluate(c, ctx) is kleene(tree)
    asked: dict[str, str] = {}
    missing(c, ctx, asked)
    assert bool(asked) == (kleene(tree) is None)  # only unknown criteria produce questions


def test_months_before_clamps_to_month_end():
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


@given(st.dates(min_value=date(1920, 1, 1), max_value=date(2010, 12, 31)))
def test_age_increments_exactly_on_the_birthday(birth):
    for years in (17, 18, 65):
        try:
            birthday = birth.replace(year=birth.year + years)
        except ValueError:  # 29 February: the birthday is counted from 1 March
            birthday = date(birth.year + years, 3, 1)
        assert age_in(birth, birthday, "years") == years
        assert age_in(birth, date.fromordinal(birthday.toordinal() - 1), "years") == years - 1


def _trial_case(treatments, encounters=()):
    return parse_case({
        "policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
        "request": {"cpt": "72148", "date": "2026-11-02"},
        "clinical": {"treatments": treatments, "encounters": list(encounters)}})


def _trial(case, weeks=6, within_months=3):
    g = registry().policy_sets["evicore"].guidelines[1]
    ctx = Context.build(case, g.codes["72148"])
    node = s.TrialNode(trial=s.TrialSpec(min_weeks=weeks, within=s.Window(months=within_months)))
    return predicates.eval_trial(node, ctx)[0]


def test_consecutive_treatments_form_one_course():
    # NSAIDs for 3 weeks, then PT starting 5 days later for 4 weeks: one 7-week course
    case = _trial_case([
        {"kind": "nsaid", "start": "2026-08-01", "end": "2026-08-22", "response": "none"},
        {"kind": "physical_therapy", "start": "2026-08-27", "end": "2026-09-24", "response": "minimal"},
    ])
    assert _trial(case) is True


def test_a_gap_over_a_week_splits_courses():
    case = _trial_case([
        {"kind": "nsaid", "start": "2026-08-01", "end": "2026-08-22", "response": "none"},
        {"kind": "physical_therapy", "start": "2026-09-05", "end": "2026-10-01", "response": "none"},
    ])
    assert _trial(case) is False


def test_latest_response_decides_and_unknown_response_is_unknown():
    improved = _trial_case([{"kind": "physical_therapy", "start": "2026-08-01", "end": "2026-10-01",
                             "response": "significant"}])
    unknown = _trial_case([{"kind": "physical_therapy", "start": "2026-08-01", "end": "2026-10-01"}])
    assert _trial(improved) is False and _trial(unknown) is None


def test_ongoing_treatment_counts_up_to_the_request_date():
    assert _trial(_trial_case([{"kind": "home_exercise", "start": "2026-09-21", "response": "none"}])) is True
    assert _trial(_trial_case([{"kind": "home_exercise", "start": "2026-09-22", "response": "none"}])) is False


def test_trial_question_states_a_length_only_when_the_guideline_gives_one():
    # "persistent symptoms following conservative treatment" names no duration: the office is not told
    # "at least 0 days"
    any_length = s.TrialNode.model_validate({"trial": {"min_days": 0}})
    six_weeks = s.TrialNode.model_validate({"trial": {"min_weeks": 6, "within": {"months": 3}}})
    assert predicates.question(any_length, None) == (
        "Provider-directed treatment: what was tried, start and end dates, and the response?")
    assert predicates.question(six_weeks, None) == (
        "Provider-directed treatment in the last 3 months: what was tried, start and end dates "
        "(at least 6 weeks), and the response?")


def test_imaging_question_says_what_the_study_must_show():
    # SP-11: the x-ray on file may be the one asked about; the office is told it must show a new fracture
    node = s.ImagingNode.model_validate({"imaging": {"modality": ["xray"], "region": ["lumbar"],
                                                     "finding": ["compression_fracture_new"]}})
    plain = s.ImagingNode.model_validate({"imaging": {"modality": ["xray"], "region": ["lumbar"]}})
    q = predicates.question(node, None)
    assert q.startswith("Date and result of plain x-ray of the lumbar spine, and whether it shows: ")
    assert "compression fracture" in q
    assert predicates.question(plain, None) == "Date and result of plain x-ray of the lumbar spine?"


def test_physician_review_reasons_name_only_what_decides():
    """A false ``all`` speaks through its false children: the stale visit (with its date), not the
    red flags and other exceptions nobody was asked about, and a shared criterion once."""
    from necessity import review

    case = {
        "policy_set": "evicore", "patient": {"birth_date": "1975-03-10", "sex": "male"},
        "request": {"cpt": "72148", "date": "2026-11-02", "icd10": ["M54.16"]},
        "clinical": {"episode_onset": "2026-07-01",
                     "encounters": [{"date": "2026-09-02", "mode": "in_person"}],
                     "facts": [{"fact": "radicular_pain", "value": 6, "level": "L5", "side": "left"}]},
    }
    d = review(case)
    assert d.outcome == "physician_review" and d.sections == ["SP-6.1"]
    for reason in d.reasons:
        assert "not met: In-person evaluation within the last 60 days" in reason
        assert "in-person encounter on 2026-09-02" in reason
        assert "not documented" not in reason  # the treatment trial and red flags cannot change it
        assert reason.count("In-person evaluation within the last 60 days") == 1
    # the same case with a recent visit but no treatment is a pend: the unknowns are asked, not listed as reasons
    case["clinical"]["encounters"][0]["date"] = "2026-10-20"
    d = review(case)
    assert d.outcome == "pend" and "SP-1.0#trial_6wk" in [m.id for m in d.missing]


def test_a_film_from_before_the_episode_leaves_a_current_one_unknown_but_is_no_current_one():
    """An x-ray required after the episode began: an older one is not it and does not say there is none
    (unknown, asked); under a ``not`` ("no such study since the onset") the older one is not one since."""
    case = parse_case({"policy_set": "evicore", "patient": {"birth_date": "1980-01-01"},
                       "request": {"cpt": "72148", "date": "2026-11-02"},
                       "clinical": {"episode_onset": "2026-09-01",
                                    "imaging": [{"modality": "xray", "region": "lumbar", "date": "2026-03-01",
                                                 "result": "normal"}]}})
    g = registry().policy_sets["evicore"].guidelines[1]
    study = {"imaging": {"modality": ["xray"], "region": ["lumbar"], "after_episode_onset": True}}
    required = compile_node(s.AllNode.model_validate({"all": [study]}), "T", "required")
    absent = compile_node(s.NotNode.model_validate({"not": study}), "T", "absent")
    assert evaluate(required, Context.build(case, g.codes["72148"])) is None
    assert evaluate(absent, Context.build(case, g.codes["72148"])) is True
    current = case.model_copy(update={"clinical": case.clinical.model_copy(update={"imaging": [
        case.clinical.imaging[0].model_copy(update={"date": date(2026, 9, 15)})]})})
    assert evaluate(required, Context.build(current, g.codes["72148"])) is True
    assert evaluate(absent, Context.build(current, g.codes["72148"])) is False


def _records(*specs):
    from necessity.case import FactRecord
    out: dict = {}
    for name, kw in specs:
        out.setdefault(name, []).append(FactRecord(fact=name, **kw))
    return out


def test_a_limb_study_sets_aside_findings_located_only_in_the_other_limb():
    from necessity.engine.context import of_limb
    facts = _records(("occult_fracture_suspected", {"location": "left scaphoid waist"}),
                     ("limb_pain", {"location": "R knee"}),
                     ("limb_pain", {"location": "both hands and feet"}),  # names both limbs: kept
                     ("limp", {}))                                         # no location: kept
    kept, mask, other = of_limb(facts, "lower")
    assert other == ["occult_fracture_suspected"]
    assert "occult_fracture_suspected" not in kept and mask is not None
    assert [r.location for r in kept["limb_pain"]] == ["R knee", "both hands and feet"]
    assert "limp" in kept
    arm = of_limb(facts, "upper")[0]
    assert [r.location for r in arm["limb_pain"]] == ["both hands and feet"] and "occult_fracture_suspected" in arm
    same, none, nothing = of_limb(_records(("limb_pain", {"location": "handwriting"})), "lower")
    assert nothing == [] and none is None and same["limb_pain"][0].location == "handwriting"  # whole words only


def test_a_sided_document_sets_aside_the_other_sides_findings():
    from necessity.engine.context import of_side
    facts = _records(("acute_limb_injury", {"side": "left"}), ("limb_pain", {"side": "bilateral"}),
                     ("limb_pain", {"side": "left"}), ("fever", {}))
    kept, mask, other = of_side(facts, "right")
    assert sorted(other) == ["acute_limb_injury", "limb_pain"]
    assert "acute_limb_injury" not in kept and [r.side for r in kept["limb_pain"]] == ["bilateral"]
    assert "fever" in kept and mask is not None
