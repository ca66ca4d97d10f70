"""Leaf predicates: the clinical notions that need code, shared by every guideline.

Each returns ``(value, evidence)``: value is True / False / None (unknown) and evidence is the
dated facts that set it. One rule for list-type records (encounters, treatments, imaging):
when the case lists none of the kind asked about, the answer is unknown (ask for it); when it
lists some, the list is taken as the record and a window or threshold none of them meets is
false.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from ..case import Encounter, FactRecord, PriorImaging, Treatment
from ..policy.schema import (
    AgeNode, EncounterNode, FactNode, ImagingNode, ReevaluationNode, RequestNode, TrialNode, TrialSpec,
)
from ..vocabulary import vocabulary
from .codecache import compile_source
from .context import Context, Value

Result = tuple[Value, tuple[str, ...]]

FAILED_RESPONSES = frozenset({"none", "minimal", "worse"})
MODE_WORDS = {"in_person": "in-person", "telehealth": "video", "phone": "telephone", "message": "electronic-message"}


def describe(item) -> str:
    """Evidence is kept as the case's own records, or as ``(text function, record)`` pairs, and
    rendered as text only when shown (most evidence never is)."""
    if isinstance(item, str):
        return item
    if isinstance(item, FactRecord):
        return _describe_record(item)
    if isinstance(item, Treatment):
        return _describe_treatment(item)
    if isinstance(item, tuple):
        text, record = item
        return text(record)
    return str(item)


def combine_any(values: list[Value]) -> Value:
    if True in values:
        return True
    if None in values:
        return None
    return False


# --- facts -------------------------------------------------------------------------------

def _describe_record(r: FactRecord) -> str:
    parts = [r.fact if r.present else f"no {r.fact}"]
    if r.value is not None:
        spec = vocabulary().facts[r.fact]
        unit = spec.unit or ""
        v = int(r.value) if isinstance(r.value, float) and r.value.is_integer() else r.value
        parts[0] += f" {v}{unit}" if unit in ("/5", "+", "°F") else f" {v} {unit}".rstrip()
    where = ", ".join(x for x in (r.location, r.level, r.side) if x)
    if where:
        parts.append(f"({where})")
    if r.onset:
        parts.append(f"since {r.onset}")
    if r.date:
        parts.append(f"on {r.date}")
    if r.detail:
        parts.append(f"[{r.detail}]")
    return " ".join(parts)


_SIDE_WORDS = frozenset(("left", "right", "l", "r", "lt", "rt", "bilateral", "bilat", "b/l", "both"))


def site(location: str) -> str:
    """A location as a guideline's list names it: lower case, single spaces, without the side words a
    record may carry in it ("Left tarsal navicular" is the tarsal navicular; the side is its own field)."""
    words = location.lower().replace(",", " ").split()
    while words and words[0].rstrip(".") in _SIDE_WORDS:
        words = words[1:]
    return " ".join(words)


def record_test(node: FactNode) -> Callable[[FactRecord, Context], Value]:
    """Whether one record of ``node.fact`` meets ``node`` (three-valued), as a function compiled once
    per node with only the checks the node makes, in this order: presence; location; level prefix;
    a named location; new since the episode began; enum value; numeric thresholds; date windows."""
    hit = _TESTS.get(id(node))
    if hit is None or hit[0] is not node:
        hit = _TESTS[id(node)] = (node, _compile_test(node))
    return hit[1]


_TESTS: dict[int, tuple[FactNode, Callable]] = {}  # keeps each node, so its id is not reused


def _compile_test(node: FactNode) -> Callable[[FactRecord, Context], Value]:
    consts: dict[str, object] = {}

    def const(value) -> str:
        consts[f"k{len(consts)}"] = value
        return f"k{len(consts) - 1}"

    body = ["if not r.present:", " return False"]
    if node.location:
        sites = const(frozenset(site(x) for x in node.location))
        body += [f"if r.location is None or (r.location.lower() not in {sites} and {const(site)}(r.location) not in {sites}):",
                 " return None if r.location is None else False"]
    if node.level_prefix:
        body += ["if not r.level:", " return None",
                 f"if not r.level.upper().startswith({const(tuple(x.upper() for x in node.level_prefix))}):",
                 " return False"]
    if node.named:
        body += ["if not r.location:", " return None"]
    if node.since_episode:
        body += ["began, onset = r.onset or r.date, ctx.episode_onset",
                 "if began is None or onset is None:", " return None", "if began < onset:", " return False"]
    if node.in_ is not None:
        body += ["if r.value is None:", " return None", f"if str(r.value) not in {const(frozenset(node.in_))}:",
                 " return False"]
    bounds = [(op, getattr(node, op)) for op in ("gte", "gt", "lte", "lt") if getattr(node, op) is not None]
    if bounds:
        sym = {"gte": ">=", "gt": ">", "lte": "<=", "lt": "<"}
        body += ["v = r.value", "if v is None or isinstance(v, str):", " return None",
                 "if " + " or ".join(f"not v {sym[op]} {const(x)}" for op, x in bounds) + ":", " return False"]
    for window, first, after in ((node.within, "r.date or r.onset", False),
                                 (node.onset_within, "r.onset or r.date", False),
                                 (node.onset_before, "r.onset or r.date", True),
                                 (node.date_before, "r.date or r.onset", True)):
        if window is not None:
            body += [f"d = {first}", "if d is None:", " return None",
                     f"if d {'>=' if after else '<'} ctx.since({const(window)}):", " return False"]
    source = "def test(r, ctx):\n" + "\n".join(" " + line for line in body + ["return True"])
    exec(compile_source(source, f"<fact test {node.fact}>"), consts)  # noqa: S102 - our own source
    return consts["test"]


def eval_fact(node: FactNode, ctx: Context) -> Result:
    records = ctx.facts.get(node.fact)
    if not records:
        return None, ()
    test = record_test(node)
    return combine_any([test(r, ctx) for r in records]), tuple(records)


# --- encounters --------------------------------------------------------------------------

def eval_encounter(node: EncounterNode, ctx: Context) -> Result:
    spec = node.encounter
    found = [e for e in ctx.case.clinical.encounters if e.mode in spec.modes]
    if not found:
        return None, ()
    evidence = tuple([(_encounter_text, e) for e in found])
    start = ctx.since(spec.within) if spec.within else None
    onset = ctx.episode_onset if spec.after_episode_onset else None
    for e in found:  # each encounter is in the window or not: the answer is true or false
        if (start is None or e.date >= start) and (onset is None or e.date >= onset):
            return True, evidence
    return False, evidence


def _encounter_text(e: Encounter) -> str:
    return f"{MODE_WORDS[e.mode]} encounter on {e.date}"


def _contact_text(e: Encounter) -> str:
    return f"{MODE_WORDS[e.mode]} contact on {e.date}"


# --- treatment trials ----------------------------------------------------------------------

_GAP = timedelta(days=7)


def _spans(treatments: list[Treatment], ctx: Context) -> list[list[Treatment]]:
    """Group treatments into continuous courses: overlapping, or within a week of each other."""
    groups: list[list[Treatment]] = []
    end = None
    today = ctx.today
    for t in sorted(treatments, key=_start) if len(treatments) > 1 else treatments:
        t_end = t.end or today
        if groups and end is not None and t.start <= end + _GAP:
            groups[-1].append(t)
            end = max(end, t_end)
        else:
            groups.append([t])
            end = t_end
    return groups


def _start(t: Treatment):
    return t.start


def qualifying_courses(spec: TrialSpec, ctx: Context) -> tuple[list[list[Treatment]], list[Treatment], list] | None:
    """Courses long and recent enough for ``spec``, the treatments read, and the recent courses too short
    as dated whose length is not documented; None when no such treatment is documented.
    Kept per case by what decides them (several criteria ask about the same courses)."""
    key, kinds, days = _course_key(spec)
    memo = ctx.memo
    if key in memo:
        return memo[key]
    treatments = [t for t in ctx.case.clinical.treatments
                  if (t.provider_directed or spec.self_directed) and (kinds is None or t.kind in kinds)]
    if not treatments:
        memo[key] = None
        return None
    recent_from = ctx.since(spec.within) if spec.within else None
    courses = []
    short_undated = []  # the courses too short as dated whose real length is not documented
    today = ctx.today
    for group in _spans(treatments, ctx):
        start = group[0].start
        end = group[0].end or today if len(group) == 1 else max(t.end or today for t in group)
        if recent_from is not None and end < recent_from:
            continue
        if (end - start).days < days:
            # an undated course may have run longer than its dates say, but not from before the episode began
            onset = ctx.episode_onset
            if any(t.undated for t in group) and (onset is None or (end - onset).days >= days):
                short_undated.append(group)
            continue
        courses.append(group)
    memo[key] = found = (courses, treatments, short_undated)
    return found


_COURSE_KEYS: dict[int, tuple] = {}  # keeps each spec, so its id is not reused
_COURSE_NAMES: dict[tuple, str] = {}  # what a spec reads -> its memo key


def _course_key(spec: TrialSpec) -> tuple[str, frozenset[str] | None, int]:
    """The memo key of what ``qualifying_courses`` reads of ``spec`` (equal specs in different
    criteria share it), the kinds it counts (None: all) and its length in days."""
    hit = _COURSE_KEYS.get(id(spec))
    if hit is None or hit[0] is not spec:
        w, kinds = spec.within, frozenset(spec.kinds) if spec.kinds else None
        reads = (kinds, spec.self_directed, spec.days, None if w is None else (w.days, w.weeks, w.months, w.years,
                                                                               w.inclusive))
        name = _COURSE_NAMES.setdefault(reads, f"courses {len(_COURSE_NAMES)}")
        hit = _COURSE_KEYS[id(spec)] = (spec, (name, kinds, spec.days))
    return hit[1]


def _course_outcome(group: list[Treatment]) -> Value:
    """The response of the course's latest treatment that has one (the last listed among equals)."""
    latest, when = None, None
    for t in group:
        if t.response is not None:
            ended = t.end or t.start
            if latest is None or ended >= when:
                latest, when = t, ended
    if latest is None:
        return None
    return latest.response in FAILED_RESPONSES


def _describe_treatment(t: Treatment) -> str:
    span = f"{t.start} to {t.end}" if t.end else f"since {t.start} (ongoing)"
    if t.undated:
        span += " (its dates and length not documented)"
    resp = f", response: {t.response}" if t.response else ""
    return f"{t.kind} {span}{resp}"


def eval_trial(node: TrialNode, ctx: Context) -> Result:
    spec = node.trial
    found = qualifying_courses(spec, ctx)
    if found is None:
        return _not_done(spec, ctx)
    courses, treatments, short_undated = found
    evidence = tuple(treatments)
    if not courses:
        # "tried PT" without its dates: how long? (unless it helped: no failed trial at any length)
        if any(spec.outcome == "any" or _course_outcome(g) is not False for g in short_undated):
            return None, evidence
        return False, evidence
    if spec.outcome == "any":
        return True, evidence
    return combine_any([_course_outcome(g) for g in courses]), evidence


def _not_done(spec: TrialSpec, ctx: Context) -> Result:
    """No treatment of the trial's kinds is listed: not met when every one of those kinds is documented
    as not given (``treatment_not_done``; physical therapy covers its home program), else unknown."""
    records = ctx.facts.get("treatment_not_done")
    if not records or not spec.kinds:
        return None, ()
    denied = {r.value for r in records if r.present}
    if "physical_therapy" in denied:
        denied.add("home_exercise")
    if denied.issuperset(spec.kinds):
        return False, tuple(r for r in records if r.present)
    return None, ()


def eval_reevaluation(node: ReevaluationNode, ctx: Context) -> Result:
    spec = node.reevaluation
    found = qualifying_courses(spec.after_trial, ctx)
    if not found or not found[0]:
        return None, ()
    encounters = [e for e in ctx.case.clinical.encounters if e.mode in spec.modes]
    if not encounters:
        return None, ()
    threshold = min(g[0].start for g in found[0]) + timedelta(days=_course_key(spec.after_trial)[2])
    hits = [e for e in encounters if threshold <= e.date <= ctx.today]
    evidence = tuple([(_contact_text, e) for e in (hits or encounters)])
    return (True if hits else False), evidence


# --- prior imaging ----------------------------------------------------------------------

def eval_imaging(node: ImagingNode, ctx: Context) -> Result:
    spec = node.imaging
    regions = vocabulary().regions_for(ctx.code.region) if spec.region == "requested" else spec.region
    studies = [m for m in ctx.case.clinical.imaging if m.modality in spec.modality and m.region in regions]
    if not studies:
        return None, ()
    side = ctx.case.request.side
    if side is not None and side != "bilateral":  # the other knee is not the requested body part
        studies = [m for m in studies if m.side is None or m.side == side or m.side == "bilateral"]
        if not studies:
            return None, ()
    if spec.same_site:
        # studies of the body part the findings name, when they name one (an ankle MRI is not the knee's;
        # a study of the limb at large still is)
        sites = ctx.sites
        if sites:
            studies = [m for m in studies if m.region not in _SITE_REGIONS or m.region in sites]
            if not studies:
                return None, ()
    onset = ctx.episode_onset
    if spec.of_presentation and onset is not None:  # a film from before the episode says nothing of it
        current = [m for m in studies if m.date >= onset]
        if not current:
            return None, tuple([(_study_text, m) for m in studies])
        studies = current
    if spec.first:  # the initial study of the episode, not a follow-up
        since = [m for m in studies if onset is None or m.date >= onset]
        studies = [min(since or studies, key=lambda m: m.date)]
    elif spec.last:  # the current state: a later study supersedes the earlier ones
        latest = max(m.date for m in studies)
        studies = [m for m in studies if m.date == latest]
    start = ctx.since(spec.within) if spec.within else None
    after: Value | object = True
    if spec.after_fact:
        dated = [r.date or r.onset for r in ctx.facts.get(spec.after_fact, []) if r.present]
        after = max((d for d in dated if d), default=None)
    earliest = None
    if spec.days_after_onset is not None and onset is not None:
        earliest = onset + timedelta(days=spec.days_after_onset)
    course_ready = None
    if spec.days_into_trial is not None:
        found = qualifying_courses(spec.days_into_trial, ctx)
        starts = [g[0].start for g in (found[0] if found else [])]
        course_ready = min(starts) + timedelta(days=spec.days_into_trial.days) if starts else None
    values: list[Value] = []
    stale = False  # a study taken before the onset (or the fact's date) was set aside
    stale_window = False  # a study older than a window that asks for a recent one was set aside
    for m in studies:
        v: Value = True
        if start is not None and m.date < start:
            if spec.before_window == "unknown":
                stale_window = True
                continue
            v = False
        elif spec.days_after_onset is not None and (earliest is None or m.date < earliest):
            v = None if earliest is None else False
        elif spec.days_into_trial is not None and (course_ready is None or m.date < course_ready):
            v = None if course_ready is None else False
        elif spec.after_fact and after is None:
            v = None
        elif spec.after_fact and m.date < after:
            stale = True
            continue
        elif spec.after_episode_onset and onset is None:
            begun = ctx.episode_begun_by  # the onset is not known, but the symptoms were there by this day
            if begun is None or m.date < begun:
                v = None
        elif spec.after_episode_onset and m.date < onset:
            stale = True
            continue
        if v is not False and spec.result is not None:
            v = None if m.result is None else (v if m.result in spec.result else False)
        if v is not False and spec.finding is not None:
            if any(f in m.findings for f in spec.finding):
                pass
            elif m.result == "normal" or m.findings or _denied(spec.finding, ctx):
                v = False
            else:
                v = None
        if v is not False and spec.not_finding is not None:
            if any(f in m.findings for f in spec.not_finding):
                v = False
            elif not (m.result == "normal" or m.findings or _denied(spec.not_finding, ctx)):
                # a study that lists no findings: an abnormal one, with the finding documented, showed it
                v = False if m.result == "abnormal" and _affirmed(spec.not_finding, ctx) else None
        values.append(v)
    if (stale or stale_window) and not values:
        # only studies from before: not the current one, and (unless the criterion asks that there be none
        # since) no word that there is none, so the criterion waits on the current study
        unknown = stale_window or spec.before_onset == "unknown"
        return (None if unknown else False), tuple([(_study_text, m) for m in studies])
    return combine_any(values), tuple([(_study_text, m) for m in studies])


_SITE_REGIONS = frozenset(site for site, _ in vocabulary().sites)


def _denied(findings, ctx: Context) -> bool:
    """Every one of ``findings`` is documented absent (e.g. "no new compression fracture"): a study that
    lists none of them (an equivocal film, say) did not show them either."""
    facts = ctx.facts
    return all(f in facts and not any(r.present for r in facts[f]) for f in findings)


def _affirmed(findings, ctx: Context) -> bool:
    """One of ``findings`` is documented present (e.g. a joint effusion)."""
    facts = ctx.facts
    return any(r.present for f in findings for r in facts.get(f, ()))


def _study_text(m: PriorImaging) -> str:
    return (f"{m.modality} {m.region} on {m.date}" + (f": {m.result}" if m.result else "")
            + (f" ({', '.join(m.findings)})" if m.findings else ""))


# --- age and request ----------------------------------------------------------------------

def eval_age(node: AgeNode, ctx: Context) -> Result:
    c = node.age
    a = ctx.age(c.unit)
    ok = ((c.gte is None or a >= c.gte) and (c.gt is None or a > c.gt)
          and (c.lte is None or a <= c.lte) and (c.lt is None or a < c.lt))
    return ok, ((age_text, (a, c.unit, ctx.today)),)


def age_text(age: tuple) -> str:
    return "age {} {} on {}".format(*age)


def eval_request(node: RequestNode, ctx: Context) -> Result:
    s, req, code = node.request, ctx.case.request, ctx.code
    ok = ((s.technique is None or req.technique in s.technique)
          and (s.region is None or code.region in s.region)
          and (s.modality is None or code.modality in s.modality)
          and (s.contrast is None or code.contrast in s.contrast)
          and (s.codes is None or code.code in s.codes))
    return ok, ((request_text, (code, req.technique)),)


def request_text(request: tuple) -> str:
    code, technique = request
    return f"requested {code.code} ({code.label}), technique {technique}"


# --- named predicates -------------------------------------------------------------------

NAMED: dict[str, Callable[[dict, Context], Result]] = {}


def named(name: str, facts_arg: str | None = None, when_none=None):
    """Register a predicate. One that reads only the facts its ``facts_arg`` argument names declares it,
    with ``when_none(args)``, its result when the case documents none of them: compiled code then tests
    the case's fact bits before calling it (most cases document none)."""
    def register(fn):
        NAMED[name] = fn
        if facts_arg is not None:
            FACT_BOUND[name] = (facts_arg, when_none)
        return fn
    return register


FACT_BOUND: dict[str, tuple[str, Callable]] = {}  # predicate name -> (its facts argument, its result without them)


_LEVEL_REGIONS = {"C": {"cervical"}, "T": {"thoracic"}, "L": {"lumbar"}, "S": {"lumbar", "pelvis", "sacrum_coccyx"}}


@named("level_mismatch", facts_arg="facts", when_none=lambda args: (False if args.get("documented_only") else None, ()))
def _level_mismatch(args: dict, ctx: Context) -> Result:
    """The documented spinal levels of these facts all lie outside the requested region
    (deltoid weakness at C5 does not make a lumbar MRI relevant). A record naming no level is read
    by the limb its location names (an arm's roots are cervical; with ``cord``, a leg's weakness may
    also come from the thoracic or cervical cord). ``lte`` / ``gte`` keep only the records whose
    value passes (the weak muscles, not the 5/5 ones). Unknown without levels or limbs, unless
    ``documented_only`` (then false: no mismatch is documented), for a check nested where an
    unknown would be presumed against the whole finding (a red flag waiving a trial)."""
    facts = ctx.facts
    lte, gte = args.get("lte"), args.get("gte")
    bounded = lte is not None or gte is not None
    region = ctx.code.region
    records, matched = [], False
    for name in args["facts"]:
        for r in facts.get(name, ()):
            if not r.present:
                continue
            if bounded:
                v = r.value
                if type(v) in (int, float) and ((lte is not None and v > lte) or (gte is not None and v < gte)):
                    continue
            level = r.level
            if level:
                regions = _REGIONS_OF_LEVEL.get(level)
                if regions is None:  # unreadable: no objection
                    regions = _LEVEL_REGIONS.get(level.strip()[:1].upper(), _ANY_REGION)
                    if len(_REGIONS_OF_LEVEL) < 10_000:
                        _REGIONS_OF_LEVEL[level] = regions
            elif r.location:
                regions = _spine_regions_of(r.location, bool(args.get("cord")))
                if regions is None:
                    continue
            else:
                continue
            records.append(r)
            if regions is _ANY_REGION or region in regions:
                matched = True
    if not records:
        return (False if args.get("documented_only") else None), ()
    return (not matched), tuple(records)


_ANY_REGION = frozenset()  # a level no region can be read from: taken to match
_REGIONS_OF_LEVEL: dict[str, frozenset[str] | set[str]] = {}  # level text -> its regions (levels repeat)


_SPINE_OF: dict[tuple[str, bool], frozenset[str] | None] = {}  # locations repeat


def _spine_regions_of(location: str, cord: bool) -> frozenset[str] | None:
    key = (location, cord)
    if key not in _SPINE_OF:
        if len(_SPINE_OF) > 10_000:
            _SPINE_OF.clear()
        _SPINE_OF[key] = vocabulary().spine_regions_of(location, cord)
    return _SPINE_OF[key]


_SPINE_REGIONS = ("cervical", "thoracic", "lumbar")


@named("symptomatic_region")
def _symptomatic_region(args: dict, ctx: Context) -> Result:
    """``args.region`` is "the symptomatic spinal region": its pain (vocabulary ``regions.spine_pain``),
    or radicular pain at one of its levels (or in a limb its roots supply), is documented. For the
    requested study's own region, also true when no region's symptoms are documented (the section's
    condition decides alone), false when other regions are symptomatic and its pain is documented
    absent, else unknown; for another region (a study offered in place of the requested one), no more
    than whether it is symptomatic."""
    target = args["region"]
    facts = ctx.facts
    found: dict[str, list] = {}
    denied = False
    for region, names in vocabulary().spine_pain.items():
        for name in names:
            for r in facts.get(name, ()):
                if r.present:
                    found.setdefault(region, []).append(r)
                elif region == target:
                    denied = True
    for name in ("radicular_pain", "radiculopathy"):
        for r in facts.get(name, ()):
            if not r.present:
                continue
            if r.level:
                regions = _LEVEL_REGIONS.get(r.level.strip()[:1].upper(), ())
            elif r.location:
                regions = _spine_regions_of(r.location, False) or ()
            else:
                continue
            for region in regions:
                if region in _SPINE_REGIONS:
                    found.setdefault(region, []).append(r)
    if target in found:
        return True, tuple(found[target])
    if target != ctx.code.region:
        return False, ()
    if not found:
        return True, ()
    return (False if denied else None), tuple(r for records in found.values() for r in records)


@named("treatment_since_imaging")
def _treatment_since_imaging(args: dict, ctx: Context) -> Result:
    """A provider-directed treatment began on or after the latest prior study of these modalities and
    regions (args: modality, region lists). Unknown when no such study or no treatment is listed. With
    ``denied_by``, a record of that fact documented absent ("no treatment since the MRI") decides false:
    what the office says wins over what the treatment list's dates suggest."""
    denied = args.get("denied_by")
    if denied:
        said = [r for r in ctx.facts.get(denied, ()) if not r.present]
        if said:
            return False, tuple(said)
    studies = [m for m in ctx.case.clinical.imaging if m.modality in args["modality"] and m.region in args["region"]]
    treatments = [t for t in ctx.case.clinical.treatments if t.provider_directed]
    if not studies or not treatments:
        return None, ()
    latest = max(m.date for m in studies)
    # a course that started after the study, or was still going on after it, is treatment since it
    after = [t for t in treatments if t.start >= latest or t.end is None or t.end > latest]
    return bool(after), tuple(after or treatments)


@named("opposite_side")
def _opposite_side(args: dict, ctx: Context) -> Result:
    """The requested study's side is the other side from the fact's (e.g. the contralateral hip)."""
    side = ctx.case.request.side
    records = [r for r in ctx.facts.get(args["fact"], ()) if r.present and r.side]
    if side is None or not records or side == "bilateral":
        return None, tuple(records)
    return all(r.side not in (side, "bilateral") for r in records), tuple(records)


_NOT_CONTRAINDICATING = {"orthopedic_hardware"}


@named("mri_contraindicated")
def _mri_contraindicated(args: dict, ctx: Context) -> Result:
    """An implanted device or metal not labelled MRI-conditional, or another documented contraindication."""
    devices = ctx.facts.get("implanted_device", [])
    other = ctx.facts.get("mri_contraindication_other", [])
    if not devices and not other:
        return None, ()
    values: list[Value] = []
    for r in devices:
        if not r.present or r.value in _NOT_CONTRAINDICATING or r.mri_conditional is True:
            values.append(False)
        else:
            values.append(True)
    values += [r.present for r in other]
    return combine_any(values), tuple(devices + other)


# --- labels and questions -----------------------------------------------------------------

def _threshold(node) -> str:
    parts = []
    for op, sym in (("gte", "≥"), ("gt", ">"), ("lte", "≤"), ("lt", "<")):
        v = getattr(node, op, None)
        if v is not None:
            parts.append(f"{sym} {int(v) if float(v).is_integer() else v}")
    return " and ".join(parts)


def auto_label(node) -> str:
    """A readable label for a leaf that has none in the data."""
    if isinstance(node, FactNode):
        spec = vocabulary().facts.get(node.fact)
        if spec is None:  # reported by the loader's validation, which runs after compiling
            return node.fact
        text = spec.meaning
        th = _threshold(node)
        if th:
            text += f" {th}{spec.unit if spec.unit in ('/5', '+') else ''}"
        if node.in_:
            text += f": {', '.join(node.in_)}"
        if node.within:
            text += f", within {node.within.describe()}"
        if node.onset_within:
            text += f", began within {node.onset_within.describe()}"
        if node.onset_before:
            text += f", began more than {node.onset_before.describe()} ago"
        if node.date_before:
            text += f", more than {node.date_before.describe()} ago"
        return text
    if isinstance(node, EncounterNode):
        s = node.encounter
        modes = "/".join(MODE_WORDS[m] for m in s.modes)
        return f"{modes} evaluation" + (f" within {s.within.describe()}" if s.within else "") + (
            " after the episode began" if s.after_episode_onset else "")
    if isinstance(node, TrialNode):
        s = node.trial
        length = f"{s.min_weeks}-week" if s.min_weeks else f"{s.min_days}-day"
        kinds = f" ({', '.join(s.kinds)})" if s.kinds else ""
        recent = f" within {s.within.describe()}" if s.within else ""
        verb = "failed " if s.outcome == "failed" else ""
        return f"{verb}{length} trial of provider-directed treatment{kinds}{recent}"
    if isinstance(node, ReevaluationNode):
        return "clinical re-evaluation after the treatment period"
    if isinstance(node, ImagingNode):
        s = node.imaging
        region = "requested region" if s.region == "requested" else "/".join(s.region)
        text = f"{'/'.join(s.modality)} of the {region}"
        if s.after_episode_onset:
            text += " after the episode began"
        if s.within:
            text += f" within {s.within.describe()}"
        if s.result:
            text += f", result {'/'.join(s.result)}"
        if s.finding:
            text += f", showing {'/'.join(s.finding)}"
        if s.not_finding:
            text += f", negative for {'/'.join(s.not_finding)}"
        return text
    if isinstance(node, AgeNode):
        return f"age {_threshold(node.age)} {node.age.unit}"
    if isinstance(node, RequestNode):
        s = node.request
        bits = [f"{k} {', '.join(v)}" for k, v in s.model_dump(exclude_none=True).items()]
        return "request is " + "; ".join(bits)
    return type(node).__name__


def question(node, ctx: Context) -> str:
    """The pend question for an unknown leaf, phrased for the ordering provider's office."""
    if isinstance(node, FactNode):
        return vocabulary().facts[node.fact].question
    if isinstance(node, EncounterNode):
        s = node.encounter
        modes = " or ".join(MODE_WORDS[m] for m in s.modes)
        return f"Date of the {modes} evaluation for this episode" + (
            f" (needed within the last {s.within.describe()})" if s.within else "") + "?"
    if isinstance(node, TrialNode):
        s = node.trial
        length = f"{s.min_weeks} weeks" if s.min_weeks else f"{s.min_days} days" if s.min_days else None
        kinds = f" ({', '.join(k.replace('_', ' ') for k in s.kinds)})" if s.kinds else ""
        recent = f" in the last {s.within.describe()}" if s.within else ""
        return (f"Provider-directed treatment{kinds}{recent}: what was tried, start and end dates"
                + (f" (at least {length})" if length else "") + ", and the response?")
    if isinstance(node, ReevaluationNode):
        return "Date and form (visit, call or message) of the clinical re-evaluation after the treatment period?"
    if isinstance(node, ImagingNode):
        s = node.imaging
        names = vocabulary().enum_values("region")
        regions = [ctx.code.region] if s.region == "requested" else s.region
        region = " or ".join(names.get(r, r).split(" (")[0].lower() for r in regions)
        what = " or ".join(vocabulary().enum_values("imaging_modality")[m].lower() for m in s.modality)
        text = f"Date and result of {'the first ' if s.first else ''}{what} of the {region}"
        if s.within:
            text += f" taken within the last {s.within.describe()}"
        if s.after_episode_onset:
            text += " taken after the current episode began (and the date the episode began)"
        if s.days_after_onset:
            text += f" ({s.days_after_onset} days or more after the symptoms began; and the date they began)"
        if s.finding:  # a study on file may be what is asked about: say what it must show
            facts = vocabulary().facts
            shows = " or ".join(facts[f].meaning[0].lower() + facts[f].meaning[1:] if f in facts else f for f in s.finding)
            text += f", and whether it shows: {shows}"
        return text + "?"
    return auto_label(node)
