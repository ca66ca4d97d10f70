"""Routing and determination: which guideline, which sections, and what they decide.

Order of outcomes (first that holds wins):
  not_required      the code is outside review (e.g. 76998 intraoperative ultrasound)
  physician_review  a loaded section explicitly says not indicated / experimental for this request,
                    or no loaded guideline covers it (routing names the missing document); unless the
                    exclusion names only some contrast levels of the requested study and an indication
                    meets (approve_alternative) or could meet (pend) the same study at a level it leaves out,
                    or every exclusion says "not indicated" and an indication meets a study of another
                    modality (approve_alternative: the requested study was the wrong one)
  approve           an applicable indication is met for the requested code
  pend              an applicable indication could still be met for the requested code
  approve_alternative  met for another code the same indication supports
  pend              could be met for an alternative code only
  physician_review  the documented facts meet none of the applicable indications
"""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Case, parse_case
from ..errors import CaseError
from ..policy.loader import CompiledIndication, CompiledSection, Guideline, PolicySet, Registry, registry
from ..policy.schema import CodeEntry
from ..vocabulary import vocabulary
from .codecache import compile_source, save as save_compiled
from .context import Context, Value, age_in, fact_mask, index_facts, of_limb, of_side
from .determination import CodeRef, Determination, GuidelineRef, MissingItem
from .evaluate import (bind, bind_asks, bind_fails, bind_lean, bind_settle, decide, failures, missing, request_test,
                       screen, trace)


def and3(a: Value, b: Value) -> Value:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _best(a: Value, b: Value) -> Value:
    return True if a is True or b is True else None if a is None or b is None else False


@dataclass(slots=True)
class IndicationResult:
    guideline: Guideline
    indication: CompiledIndication
    value: Value  # the criteria, regardless of code
    codes: dict[str, Value]  # code -> supported?
    replaced: list[str] | tuple  # codes whose criteria were met but whose study is contraindicated
    substituted: set[str] | tuple  # codes supported only through a cross-guideline substitution
    ctx: Context  # the guideline's context


def _questions(ps: PolicySet, r: IndicationResult, target: str) -> dict[str, str]:
    """What to ask so that ``r`` could decide ``target``: its unknown criteria, and the
    conditions (study ``when``, CT-for-MRI substitution) the target code hinges on."""
    ctx, asked = r.ctx, {}
    if r.value is None and r.indication.criteria is not None:
        missing(r.indication.criteria, ctx, asked)
    if r.value is False:
        return asked
    codes, studies, _ = r.indication.layouts[_layout_region(r.guideline, ctx)]
    listed = target in codes
    if listed and studies is not None:
        for when, named in studies:
            if when is not None and target in named:
                missing(when, ctx, asked)
    if not listed:
        for _, sub in ps.substitutions:
            if r.guideline.codes[target].modality in sub.spec.to_modality:
                missing(sub.when, ctx, asked)
    return asked


_REFS: dict[tuple, GuidelineRef | CodeRef] = {}  # immutable, so shared by every determination


def _guideline_ref(g: Guideline) -> GuidelineRef:
    ref = _REFS.get((g.file,))
    if ref is None:
        m = g.manifest
        ref = _REFS[(g.file,)] = GuidelineRef.model_construct(id=m.id, title=m.title, publisher=m.publisher,
                                                              version=m.version, source=m.source)
    return ref


def _code_ref(g: Guideline | None, code: str) -> CodeRef:
    key = (g.file if g else None, code)
    ref = _REFS.get(key)
    if ref is None:
        entry = g.codes.get(code) if g else None
        ref = _REFS[key] = CodeRef.model_construct(code=code, label=entry.label if entry else None)
    return ref


def _age_admits(g: Guideline, a: int) -> bool:
    rule = g.manifest.age
    if rule is None:
        return True
    return ((rule.gte is None or a >= rule.gte) and (rule.gt is None or a > rule.gt)
            and (rule.lte is None or a <= rule.lte) and (rule.lt is None or a < rule.lt))


def _supported(ps: PolicySet, g: Guideline, ind: CompiledIndication, crit: Value,
               ctx: Context, decide=decide) -> tuple[dict[str, Value], list[str], set[str]]:
    """Codes the indication supports (three-valued), the codes a contraindication replaced, and
    the codes only a cross-guideline substitution supports."""
    region = _layout_region(g, ctx)
    listed, studies, substitutions = ind.layouts.get(region) or _layout(ps, g, ind, region)
    if studies is None or (crit is False and ctx.lean):  # no study has a condition (or, on the fast path,
        codes: dict[str, Value] = dict.fromkeys(listed, crit)  # nothing is supported: none need be decided)
        if crit is False and ctx.lean:
            return codes, _NONE, _NONE  # read only, so shared
    else:
        codes = {}
        for when, named in studies:
            v = crit if when is None else and3(crit, decide(when, ctx))
            for code in named:
                codes[code] = _best(codes[code], v) if code in codes else v
    if g.manifest.code_sites and len(codes) > 1:
        _of_site(g, codes, ctx)
    replaced: list[str] = []
    substituted: set[str] = set()
    # cross-guideline substitutions (e.g. CT in place of a supported MRI when MRI is contraindicated);
    # a section that names its own substitute study (e.g. "CT without contrast when MRI is
    # contraindicated") is more specific than the general rule, which then adds nothing
    for sub, own, from_codes, targets, replaces in substitutions:
        if len(codes) != len(listed):  # an earlier substitution added codes: work it out for these
            own, targets = _substitution(g, sub, codes, studies)
        extra: dict[str, Value] = {}
        when = _UNDECIDED  # the substitution's condition, decided when first needed
        for code, named in targets:
            v = codes[code]
            if v is False:
                continue
            if when is _UNDECIDED:
                when = decide(sub.when, ctx)
            w = and3(v, when)
            for t in named:
                extra[t] = _best(extra[t], w) if t in extra else w
        if replaces and (decide(sub.when, ctx) if when is _UNDECIDED else when) is True and (extra or own):
            # the replaced study is contraindicated: it is no longer what the guideline supports
            for code in codes:
                if code in from_codes:
                    if codes[code] is True:
                        replaced.append(code)
                    codes[code] = False
        for code, v in extra.items():
            if code in codes:
                codes[code] = _best(codes[code], v)
            else:
                substituted.add(code)
                codes[code] = v
    return codes, replaced, substituted


def _layout_region(g: Guideline, ctx: Context) -> str | tuple[str, ...]:
    """The region (or regions) whose codes a study of the request names: a whole-spine code's spinal
    level; with a code table split by site, also the other parts of the split when the documented sites
    are theirs, not the requested code's (a knee meniscus requested on the non-joint MRI code)."""
    entry = ctx.code
    region = entry.region
    if region in _SPINE_WIDE:
        return _study_region(ctx)
    if g.manifest.code_sites:
        split = _split_regions(g, entry.modality)
        sites = ctx.sites
        if sites and region in split and not split[region] & sites:
            return (region, *(r for r, imaged in split.items() if r != region and imaged & sites))
    return region


def _of_site(g: Guideline, codes: dict[str, Value], ctx: Context) -> None:
    """A code table that splits the limb by site (joint vs other than joint): when the documented sites
    fit some of the supported codes' regions and not others, the others do not image this case."""
    sites = ctx.sites
    if not sites:
        return
    fits = {c: _images(g, g.codes[c], sites) for c in codes}
    if all(fits.values()) or not any(fits.values()):
        return
    for c, fit in fits.items():
        if not fit:
            codes[c] = False


def _images(g: Guideline, entry: CodeEntry, sites: frozenset[str]) -> bool:
    """Whether a code images one of ``sites``: always, unless the document splits its modality by site."""
    imaged = _split_regions(g, entry.modality).get(entry.region)
    return imaged is None or bool(imaged & sites)


def _split_regions(g: Guideline, modality: str) -> dict[str, frozenset[str]]:
    """Region -> limb sites, for the regions of the document's ``code_sites`` that split ``modality``'s
    codes (at least two of them have codes of it: CT of the lower extremity is one study, MRI two)."""
    key = (g.file, modality)
    found = _SPLITS.get(key)
    if found is None:
        regions = [r for r in g.manifest.code_sites if any(c.modality == modality and c.region == r
                                                           for c in g.codes.values())]
        found = _SPLITS[key] = {r: frozenset(g.manifest.code_sites[r]) for r in regions} if len(regions) > 1 else {}
    return found


_SPLITS: dict[tuple[str, str], dict[str, frozenset[str]]] = {}  # (document, modality) -> its split (fixed)
_SPINE_WIDE = frozenset(("whole_spine",))  # codes of no one spinal region (spinal canal ultrasound, MRA)
_LEVEL_REGION = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "lumbar"}


def _study_region(ctx: Context) -> str | tuple[str, str]:
    """The region a section's "studies of the requested region" are of: the requested code's, and for
    a code of the whole spine, the region of the spinal level the request names, else of the one the
    documented findings name (an MRA of the spinal canal at T8: the thoracic MRI a section names is the
    alternative; a dermal sinus at L5 past the age of spinal ultrasound: the lumbar MRI)."""
    region = ctx.code.region
    if region in _SPINE_WIDE:
        level = ctx.case.request.level
        if level:
            levels = {_LEVEL_REGION.get(level.strip()[:1].upper())}
        else:
            levels = {_LEVEL_REGION.get(r.level.strip()[:1].upper())
                      for r in ctx.case.clinical.facts if r.present and r.level and r.level.strip()}
        if len(levels) == 1 and None not in levels:
            return (region, levels.pop())
    return region


_NONE = ()  # no codes replaced, none substituted
_UNDECIDED = object()


def _substitution(g: Guideline, sub, codes, studies) -> tuple[bool, tuple]:
    """Whether the section names its own substitute study (one it supports only on a condition, such
    as "CT when MRI is contraindicated"), and else each code a substitute stands in for, with its
    substitutes (a section that offers CT as an option of its own, e.g. SP-1.2's infection "CT with or
    without contrast", still gets the Preface's contrast-matched CT for a contraindicated MRI)."""
    conditioned = {c for when, named in studies or () if when is not None for c in named}
    if not sub.modality_codes(g)[0].isdisjoint(conditioned):
        return True, ()
    return False, tuple((code, tuple(named)) for code in codes if (named := sub.targets(g, code)))


def _layout(ps: PolicySet, g: Guideline, ind: CompiledIndication, region: str) -> tuple:
    """The codes ``ind``'s studies name for a request of ``region`` (each once, in order), the studies
    as (condition, codes) pairs, or None when no study has a condition (every code is then supported
    as the criteria are), and the policy set's substitutions as (substitution, the codes include a
    substitute, the codes it replaces, the codes with their substitutes, whether it replaces them)
    for those codes; kept on the indication by region."""
    studies = tuple((st.when, tuple(st.resolve(g, region))) for st in ind.studies)
    listed = tuple(dict.fromkeys(code for _, named in studies for code in named))
    substitutions = tuple((sub, *_substitution(g, sub, listed, studies)) for _, sub in ps.substitutions)
    substitutions = tuple((sub, own, sub.modality_codes(g)[1], targets, sub.spec.replaces)
                          for sub, own, targets in substitutions)
    found = ind.layouts[region] = (listed, studies if any(when is not None for when, _ in studies) else None,
                                   substitutions)
    return found


def _weigh(ps: PolicySet, g: Guideline, ind: CompiledIndication, ctx: Context, record, judge) -> tuple:
    """An applicable indication's criteria value (as evaluated, before presumptions) and its result;
    ``record`` gives the criteria's record, ``judge`` decides conditions."""
    raw, _, crit = (True, (), True) if ind.criteria is None else record(ind.criteria, ctx)
    codes, replaced, substituted = _supported(ps, g, ind, crit, ctx, judge)
    return raw, IndicationResult(g, ind, crit, codes, replaced, substituted, ctx)


def _scan(ps: PolicySet, g: Guideline, code: str, admitted: bool):
    """The fast path's section scan of ``g`` for ``code`` (see ``_compile_scan``) over the sections
    that review ``code`` (all of them, or only the sections for any age when the patient's age is
    outside the document's), in document order. Compiled once per document and set of sections (codes
    of one body part share it): a section whose scenario needs facts the case does not document costs one ``&``."""
    key = (g.file, code, admitted)
    fn = ps.scans.get(key)
    if fn is None:
        only = None if admitted else g.manifest.age.any_age_sections
        sections = tuple(sec for sec in ps.sections_for(g, code) if only is None or sec.id in only)
        shared = (g.file, sections)  # the scan binds its document: documents sharing sections (a Preface
        fn = ps.scans.get(shared)     # rule that reaches every code) each get their own
        if fn is None:
            fn = ps.scans[shared] = _compile_scan(ps, g, sections)
        ps.scans[key] = fn
    return fn


def _compile_scan(ps: PolicySet, g: Guideline, sections: tuple[CompiledSection, ...]):
    """``scan(ctx, M, A, W)`` over ``sections`` of ``g``: each section whose scenario holds goes to
    ``A`` as (document, section), and each of its indications whose own scenario holds is weighed
    (its criteria's lean record, the codes it supports) and goes to ``W`` as an IndicationResult."""
    consts: dict[str, object] = {"IR": IndicationResult, "S": _supported, "J": _settled, "ps": ps, "g": g}

    def const(value) -> str:
        consts[f"k{len(consts)}"] = value
        return f"k{len(consts) - 1}"

    def test(c) -> str:
        """The condition ``c`` decided true (fact bits first, or else a cheap test that is false whenever
        it cannot hold, then its value-only function)."""
        first = [f"M & {m}" for m in screen(c)]
        if not first and (pre := _prescreen(c, const)):
            first = [f"({pre})"]
        return " and ".join(first + [f"{const(c.settle_fn or bind_settle(c))}(ctx)[1] is True"])

    lines = ["def scan(ctx, M, A, W):", " R = ctx.results"]
    for sec in sections:
        indent = " "
        if sec.when is not None:
            lines.append(f" if {test(sec.when)}:")
            indent = "  "
        lines.append(f"{indent}A({const((g, sec))})")
        for ind in sec.indications:
            k, inner = const(ind), indent
            if ind.applies is not None:
                lines.append(f"{indent}if {test(ind.applies)}:")
                inner += " "
            if ind.criteria is None:
                lines.append(f"{inner}W(IR(g, {k}, True, *S(ps, g, {k}, True, ctx, J), ctx))")
            else:
                crit = ind.criteria
                run = const(crit.lean_fn or bind_lean(crit))
                lines += [f"{inner}c = (R.get({crit.id!r}) or {run}(ctx))[2]",
                          f"{inner}W(IR(g, {k}, c, *S(ps, g, {k}, c, ctx, J), ctx))"]
    exec(compile_source("\n".join(lines), f"<scan {g.file}: {len(sections)} sections>"), consts)  # noqa: S102 - our own source
    return consts["scan"]


def _prescreen(c, const) -> str | None:
    """An expression false whenever ``c`` cannot be decided true, from what costs nothing to read (the
    documented facts' bits, the requested code and technique), or None: lets a scan skip the value-only
    function of a condition such as "a 76140 request, or a second read of an outside study" that
    ``screen`` cannot (its request branch needs no fact)."""
    kind = c.kind
    if kind == "fact":
        return f"M & {fact_mask((c.spec.fact,))}"
    if kind == "ref":
        return _prescreen(c.target, const)
    if kind == "request":
        return request_test(c.spec.request, const) or None
    if kind == "all":
        parts = [p for k in c.children if (p := _prescreen(k, const))]
        return " and ".join(f"({p})" for p in parts) or None
    if kind == "any" or (kind == "at_least" and c.at_least >= 1):
        parts = [_prescreen(k, const) for k in c.children]
        if all(parts):
            return " or ".join(f"({p})" for p in parts)
    return None


def prepare(reg: Registry) -> None:
    """Do ahead of the first review what reviews would otherwise do on first use: load the ICD-10
    table, build the case's fast validator, and compile every document's section scans (for every
    code), conditions and criteria (the functions of the fast path; the trace's are compiled when a
    trace is first read). For a service that reviews many cases; ``registry()`` calls it."""
    from ..case import _fast_validator
    from ..vocabulary import is_valid_icd10

    is_valid_icd10("M54.16")
    _fast_validator()
    for ps in reg.policy_sets.values():
        for g in ps.guidelines:
            ages = (True, False) if g.manifest.age and g.manifest.age.any_age_sections else (True,)
            for code in g.codes:
                for admitted in ages:
                    _scan(ps, g, code, admitted)
            for sec in g.sections:
                if sec.when is not None:
                    sec.when.settle_fn or bind_settle(sec.when)
                for ind in sec.indications:
                    if ind.applies is not None:
                        ind.applies.settle_fn or bind_settle(ind.applies)
                    if ind.criteria is not None:
                        ind.criteria.lean_fn or bind_lean(ind.criteria)
                        ind.criteria.asks_fn or bind_asks(ind.criteria)
                        ind.criteria.fails_fn or bind_fails(ind.criteria)
                    for st in ind.studies:
                        if st.when is not None:  # decided, and asked about when unknown
                            st.when.settle_fn or bind_settle(st.when)
                            st.when.lean_fn or bind_lean(st.when)
                            st.when.asks_fn or bind_asks(st.when)
        for _, sub in ps.substitutions:
            sub.when.settle_fn or bind_settle(sub.when)
            sub.when.lean_fn or bind_lean(sub.when)
            sub.when.asks_fn or bind_asks(sub.when)
    save_compiled()


def _settled(c, ctx: Context) -> Value:
    """``decide`` without recording anything (the fast path)."""
    return (ctx.settled.get(c.id) or (c.settle_fn or bind_settle(c))(ctx))[1]


def _record(c, ctx: Context) -> tuple:
    """``c``'s record, every node of it recorded."""
    return ctx.results.get(c.id) or (c.fn or bind(c))(ctx)


def _rank_alternative(ps: PolicySet, requested: CodeEntry, r: IndicationResult, code: str, anchor: str | None) -> tuple:
    """Same study with another contrast first, then the Preface's contrast-matched substitute for
    the contraindicated study that met criteria (``anchor``), then the same region, then the same
    modality, then the least contrast, then the order in which the indication names its studies
    (e.g. the limited ultrasound before the complete joint one for a mass), then the code table's."""
    g = r.guideline
    c = g.codes[code]
    matched = anchor is not None and any(code in sub.targets(g, anchor) for _, sub in ps.substitutions)
    contrast = _LEAST_CONTRAST.index(c.contrast)
    return (c.modality != requested.modality or c.region != requested.region, not matched,
            c.region != requested.region, c.modality != requested.modality, contrast, list(r.codes).index(code),
            g.code_order[code])


def _anchor(code: str, g: Guideline, results: list[IndicationResult]) -> str | None:
    """The contraindicated study whose criteria were met: the requested one, else the least contrast."""
    for r in results:
        if r.replaced:
            break
    else:
        return None
    replaced = {c for r in results for c in r.replaced}
    if code in replaced:
        return code
    return min(replaced, key=lambda c: (_LEAST_CONTRAST.index(g.codes[c].contrast), g.code_order[c]))


# Among alternatives, the least contrast first (the Preface gives "without and with" a limited role).
_LEAST_CONTRAST = ("none", "without", "with", "without_and_with")


def review(case: Case | dict | str | bytes, *, registry_: Registry | None = None,
           read_notes: bool = True) -> Determination:
    """Review one case and return its determination. Its notes are read (unless ``read_notes`` is
    false) and what they document is added under the structured facts, which win."""
    if not isinstance(case, Case):
        case = parse_case(case)
    if read_notes and case.notes:
        from ..extract.merge import with_notes  # spaCy loads only for cases that carry notes
        case, extracted, conflicts = with_notes(case, registry_)
        d = _review(case, registry_, None)
        d["extracted"] = extracted
        if conflicts:
            d["notes"] = conflicts + d["notes"]
    else:
        d = _review(case, registry_, None)  # its extracted list is empty
    # name the document of the first deciding condition section (the Preface only contributes rules)
    sections = d["sections"]
    if sections:
        documents = _condition_documents((registry_ or registry()).policy_sets[d["policy_set"]])
        for sid in sections:
            ref = documents.get(sid)
            if ref is not None:
                d["guideline"] = ref
                break
    replay = _Replay(case, registry_)
    return Determination.complete(d, replay.trace, replay.values)


def _condition_documents(ps: PolicySet) -> dict[str, GuidelineRef]:
    """Section id -> its document's ref, for the sections of condition documents (kept on the policy set)."""
    found = ps.plans.get("condition documents")
    if found is None:
        found = ps.plans["condition documents"] = {
            sid: _guideline_ref(g) for sid, (g, _) in ps.sections.items() if g.manifest.scope == "condition"}
    return found


class _Replay:
    """The trace and the criterion values, read from a review of the case that records every step and
    every criterion it evaluates: made the first time either is asked for (the decision itself
    needs neither)."""

    __slots__ = ("case", "registry", "done")

    def __init__(self, case: Case, registry_: Registry | None) -> None:
        self.case, self.registry, self.done = case, registry_, None

    def steps(self) -> list[tuple]:
        if self.done is None:
            self.done = []
            _review(self.case, self.registry, self.done)
        return self.done

    def trace(self) -> list[dict]:
        return _render_trace(self.steps())

    def values(self) -> dict:
        return {cid: v for ctx in {id(st[2]): st[2] for st in self.steps()}.values()
                for cid, (v, _, _) in ctx.results.items()}


def _render_trace(steps: list[tuple]) -> list[dict]:
    out = []
    for g, sec, ctx, applies, inds in steps:
        entry = {"section": sec.id, "title": sec.title, "guideline": g.manifest.id,
                 "applies": _word(applies), "indications": []}
        if sec.when is not None:
            entry["applies_because"] = trace(sec.when, ctx)
        for ind, iv, raw, crit, codes in inds:
            it = {"id": ind.id, "label": ind.label, "verdict": ind.verdict, "applies": _word(iv)}
            if ind.applies is not None:
                it["applies_because"] = trace(ind.applies, ctx)
            if codes is not None:
                it["value"] = _word(raw)
                if crit != raw:
                    it["decided_as"] = _word(crit) + " (undocumented exceptions presumed absent)"
                it["codes"] = {c: _word(v) for c, v in codes.items()}
                if ind.criteria is not None:
                    it["criteria"] = trace(ind.criteria, ctx)
            entry["indications"].append(it)
        out.append(entry)
    return out


@dataclass(slots=True)
class _Plan:
    """What routing decides from the requested code and the patient's age alone (kept per policy
    set, code and age): a determination that needs nothing else (``early``: its fields but the case
    id), or the code reviewed, the routing notes and the eligible documents, each with its code
    entry, whether the age is its own and its section scan."""

    early: dict | None
    code: str = ""
    notes: tuple[str, ...] = ()
    eligible: tuple[tuple[Guideline, CodeEntry, bool, object], ...] = ()
    scoped: bool = False  # the first eligible document takes these ages only for its conditions
    guideline: GuidelineRef | None = None  # the first eligible document's, and the requested code's
    request: CodeRef | None = None
    exact_age: bool = False  # it names the patient's age (no document admits it)
    titles: tuple[str, ...] | None = None  # "SP-2.6 (title)" of the sections for the code, worked out when first needed
    limb: str | None = None  # the limb the requested study images (None: not a limb study)


def _plan(ps: PolicySet, code: str, age: int) -> _Plan:
    requested = code
    notes: list[str] = []
    stopping, covering = ps.routes(code)
    # a child's own document first (a stable sort keeps the policy set's order otherwise)
    for g in sorted(stopping, key=lambda g: not _age_admits(g, age)) if len(stopping) > 1 else stopping:
        nr = g.not_reviewed.get(code)
        if nr:
            return _Plan(_determination(outcome="not_required", policy_set=ps.name, guideline=_guideline_ref(g),
                                        request=_code_ref(g, code), sections=[nr.section],
                                        reasons=[f"{code}: {nr.reason} ({nr.section})"]))
        rd = g.redirect.get(code)
        if rd:
            return _Plan(_determination(
                outcome="pend", policy_set=ps.name, guideline=_guideline_ref(g),
                request=_code_ref(g, code), sections=[rd.section],
                missing=[MissingItem.build(id=f"{rd.section}#resubmit", section=rd.section, question=rd.question)],
                reasons=[f"{code} is not specific enough to review; resubmit under a specific code ({rd.section})"]))

    if not covering:
        return _Plan(_determination(
            outcome="physician_review", policy_set=ps.name, request=CodeRef.model_construct(code=code, label=None),
            reasons=[f"No loaded guideline of policy set {ps.name!r} covers code {code}; a physician reviews it."]))

    # HCPCS codes described like a CPT code are managed as that CPT code (e.g. C8931 -> 72159)
    first = covering[0].codes[code]
    if first.same_as:
        twin = first.same_as
        notes.append(f"{code} is managed as CPT {twin} ({first.label}).")
        code = twin
        covering = ps.routes(code)[1]

    eligible = []
    for g in covering:
        rule = g.manifest.age
        if rule and age in rule.notes_at and rule.notes_at[age] not in notes:
            notes.append(rule.notes_at[age])
        admitted = _age_admits(g, age)
        if admitted or (rule and rule.any_age_sections):
            eligible.append((g, g.codes[code], admitted, _scan(ps, g, code, admitted)))
    if not eligible:
        age_notes = [f"{g.manifest.title} applies to ages {_age_text(g)}; at {age} years the request is "
                     f"governed by {g.manifest.age.otherwise}, which is not loaded." for g in covering
                     if g.manifest.age and not any(o.manifest.title in g.manifest.age.otherwise
                                                   for o in ps.guidelines if o is not g)]
        g = covering[0]
        return _Plan(_determination(outcome="physician_review", policy_set=ps.name,
                                    request=_code_ref(g, requested), reasons=age_notes, notes=notes), exact_age=True)
    g0 = eligible[0][0]
    first_age = g0.manifest.age  # every eligible document must be condition-scoped, the first too
    return _Plan(None, code, tuple(notes), tuple(eligible), bool(first_age and first_age.condition_scoped),
                 _guideline_ref(g0), _code_ref(g0, requested),
                 limb=vocabulary().limb_of_region(eligible[0][1].region))


def _planned(ps: PolicySet, code: str, age: int) -> _Plan:
    """The plan for ``code`` at ``age``, kept by the code and the age, and (unless it names the age)
    by the code and what the age decides: which documents admit it and the routing notes it brings,
    so that the ages of one band share a plan."""
    band = ps.plans.get(age)
    if band is None:
        band = ps.plans[age] = tuple((_age_admits(g, age), g.manifest.age.notes_at.get(age) if g.manifest.age else None)
                                     for g in ps.guidelines)
    plan = ps.plans.get((code, band))
    if plan is None:
        plan = _plan(ps, code, age)
        if not plan.exact_age:
            ps.plans[(code, band)] = plan
    ps.plans[(code, age)] = plan
    return plan


def _fresh(early: dict, case_id: str | None) -> dict:
    """A planned determination's fields for one case (lists of its own)."""
    fields = {k: list(v) if type(v) is list else v for k, v in early.items()}  # its items are immutable
    fields["case_id"] = case_id
    return fields


def _review(case: Case, registry_: Registry | None, steps: list[tuple] | None) -> dict:
    """The determination's fields; ``steps``, when given, receives every section's evaluation (for
    the trace) and every criterion evaluated is recorded in full."""
    reg = registry_ or registry()
    ps = reg.policy_sets.get(case.policy_set)
    if ps is None:
        raise CaseError(f"unknown policy set {case.policy_set!r}; known: {', '.join(sorted(reg.policy_sets))}",
                        where="policy_set", code="CASE-POLICY-SET")
    request = case.request
    today = request.date
    age = age_in(case.patient.birth_date, today, "years")
    key = (request.cpt, age)
    plan = ps.plans.get(key)
    if plan is None:
        plan = _planned(ps, request.cpt, age)
    if plan.early is not None:
        return _fresh(plan.early, case.id)
    code = plan.code
    notes = list(plan.notes)

    facts, mask = index_facts(case, masked=True)  # shared by the contexts of this case
    if plan.limb is not None:  # a limb study does not read findings located in the other limb
        facts, limb_mask, other = of_limb(facts, plan.limb)
        if other:
            mask = limb_mask
            notes.append(f"Findings located in another limb than the {plan.limb} limb this study images were not "
                         f"read: {', '.join(sorted(other))}.")
    results: list[IndicationResult] = []
    applicable: list[tuple[Guideline, CompiledSection]] = []
    ctx0 = None  # the first eligible document's context
    # The fast path (no steps asked for) evaluates what the decision needs: sections and indications
    # whose scenario cannot apply to the documented facts are skipped, conditions are only decided,
    # criteria stop at a deciding child. The trace replays the review with steps, recording everything.
    fast = steps is None
    judge = _settled if fast else decide
    memo: dict = {}  # what the contexts of this case share (see Context)
    sided = None  # the facts of the requested side, for documents that read only those
    for g, entry, admitted, scan in plan.eligible:
        if g.manifest.facts_of_requested_side and request.side in ("left", "right"):
            if sided is None:
                kept, kept_mask, other = of_side(facts, request.side)
                sided = (kept, mask if kept_mask is None else kept_mask)
                if other:
                    notes.append(f"Findings recorded for the other side than the requested {request.side} side are "
                                 f"not about this study and were not read: {', '.join(sorted(other))}.")
            ctx = Context.of(case, today, entry, sided[0], age, sided[1], memo, fast)
        else:
            ctx = Context.of(case, today, entry, facts, age, mask, memo, fast)
        ctx0 = ctx0 or ctx
        if fast:  # the applicable sections and indications, found and weighed by a compiled scan
            scan(ctx, ctx.mask, applicable.append, results.append)
            continue
        only = None if admitted else g.manifest.age.any_age_sections
        for sec in ps.sections_for(g, code):
            if only is not None and sec.id not in only:
                continue
            applies = True if sec.when is None else decide(sec.when, ctx)
            if applies is not True:
                steps.append((g, sec, ctx, applies, ()))
                continue
            step = (g, sec, ctx, applies, [])
            steps.append(step)
            applicable.append((g, sec))
            for ind in sec.indications:
                iv = True if ind.applies is None else decide(ind.applies, ctx)
                if iv is not True:
                    step[4].append((ind, iv, None, False, None))
                    continue
                raw, result = _weigh(ps, g, ind, ctx, _record, judge)
                step[4].append((ind, iv, raw, result.value, result.codes))
                results.append(result)

    if plan.scoped:
        scoped_out = [g for g, _, _, _ in plan.eligible if g.manifest.age and g.manifest.age.condition_scoped
                      and not any(r.guideline is g for r in results)
                      and not any(ag is g and sec.when is not None for ag, sec in applicable)]
        if len(scoped_out) == len(plan.eligible):
            g = scoped_out[0]
            return _determination(
                case_id=case.id, outcome="physician_review", policy_set=ps.name, guideline=_guideline_ref(g),
                request=_code_ref(g, request.cpt), notes=notes,
                reasons=[f"{g.manifest.title} does not discuss the documented condition for {code}; it is governed by "
                         f"{g.manifest.age.otherwise}, which is not loaded."])
    # age notes only explain a routing failure; another document that is eligible decides here
    base = {"case_id": case.id, "policy_set": ps.name, "guideline": plan.guideline, "request": plan.request,
            "notes": notes}
    return _decide(ps, plan, code, results, applicable, ctx0, judge, base)


def _decide(ps: PolicySet, plan: _Plan, code: str, results: list[IndicationResult],
            applicable: list[tuple[Guideline, CompiledSection]], ctx0: Context, judge, base: dict) -> dict:
    """The outcome from the applicable indications' results, with its sections, reasons and questions."""
    g0 = plan.eligible[0][0]
    excluded: list[IndicationResult] = []
    approving: list[IndicationResult] = []
    met: list[IndicationResult] = []
    for r in results:
        supported = r.codes.get(code)
        if r.indication.verdict != "approve":
            if supported is True or (not r.indication.studies and r.value is True):
                excluded.append(r)
        else:
            approving.append(r)
            if supported is True:
                met.append(r)

    # 1. an explicit exclusion for this request: not indicated, experimental, or governed by another guideline.
    # An exclusion rules out the studies it names: when it names only some contrast levels of the requested
    # study (e.g. contrast after a gadolinium anaphylaxis), the same study at a contrast level it leaves out
    # is still offered when an indication meets it (approve_alternative), or asked about (pend).
    ruled_out: set[str] = set()
    only_if_met: set[str] = set()  # offered when an indication meets it, never asked about
    if excluded:
        if any(not r.indication.restated and not r.indication.studies for r in excluded):
            # an exclusion of the section's own covers every study: it decides, not the general rule it restates
            excluded = [r for r in excluded if not r.indication.restated]
        reasons = []
        for r in excluded:
            text = f"{r.indication.heading}"
            if r.indication.reason:
                text += f": {r.indication.reason}"
            for ref in r.indication.refer_to:
                found, canon, external = ps.resolve_section(ref)
                if external:
                    text += f" See {canon} in the {external}, which is not loaded."
                elif found:
                    text += f" See {canon}."
            reasons.append(text)
        if any(not r.indication.studies for r in excluded):  # the exclusion names no study: it covers them all
            sections = _ids(excluded)
            if all(r.indication.restated for r in excluded if not r.indication.studies):
                # a general rule the sections restate as a criterion of their own ("results would not change
                # management" is PEDMS-1.0's exclusion and PEDMS-6.2's criterion): the section's own exclusions
                # and the sections the facts fail decide; the rule is named when it overrules a met indication
                failing = _ids([r for r in approving if r.value is False])
                specific = _ids([r for r in excluded if not r.indication.restated])
                if any(r.codes.get(code) is True for r in approving):
                    sections += [s for s in failing if s not in sections]
                elif specific or failing:
                    sections = specific + [s for s in failing if s not in specific]
            return _determination(outcome="physician_review", sections=sections, reasons=reasons, **base)
        excluded_reasons = reasons
        requested = g0.codes[code]
        ruled_out = {c for r in results if r.indication.verdict != "approve" for c, v in r.codes.items()
                     if v is not False}  # every code an exclusion names (or may name)
        # and every other study of the same modality (the exclusion speaks of the scenario); a study of
        # another modality only when every exclusion is "not indicated" (the requested study is the
        # wrong one, e.g. MRI of a hematoma that ultrasound evaluates) and an indication meets it
        other_modality = all(r.indication.verdict == "not_indicated" for r in excluded)
        for r in approving:
            for c in r.codes:
                entry = r.guideline.codes[c]
                if entry.modality != requested.modality:
                    (only_if_met if other_modality else ruled_out).add(c)
                elif entry.region != requested.region:
                    ruled_out.add(c)
        met = []

    if met:
        sections = _ids(met)
        reasons = [f"{r.indication.heading}: criteria met for {code}" for r in met]
        for _, sub in ps.substitutions:  # the requested study stands in for a contraindicated one
            if any(code in r.substituted for r in met) and judge(sub.when, ctx0) is True:
                sections.append(sub.spec.section)
                reasons.append(f"{code} in place of a contraindicated study: {sub.spec.label} ({sub.spec.section})")
        return _determination(outcome="approve", sections=sections, reasons=reasons, **base)

    asked_for: dict[tuple[int, str], dict[str, str]] = {}  # what each result asks about each code, once
    open_for_code = [] if excluded else [r for r in approving
                                         if r.codes.get(code, False) is None and _asks(ps, r, code, asked_for)]
    requested = g0.codes[code]
    anchor = _anchor(code, g0, approving)
    related = vocabulary().related
    alternatives = [(c, r) for r in approving if True in r.codes.values() for c, v in r.codes.items()
                    if v is True and c != code and c not in ruled_out
                    and related(r.guideline.codes[c].region, requested.region)]
    if open_for_code and not any(g0.codes[c].modality == requested.modality and g0.codes[c].region == requested.region
                                 for c, _ in alternatives):
        return _pend(ps, open_for_code, code, None, asked_for, base)

    if alternatives:
        alt, _ = min(alternatives, key=lambda cr: _rank_alternative(ps, requested, cr[1], cr[0], anchor))
        deciding = [r for c, r in alternatives if c == alt]
        label = g0.codes[alt].label
        why, sections = f"{code} is not supported for this presentation", _ids(deciding)
        if g0.codes[alt].region != requested.region and g0.manifest.code_sites and ctx0.sites \
                and not _images(g0, requested, ctx0.sites):
            why = f"{code} ({requested.label}) does not image the documented site ({', '.join(sorted(ctx0.sites))})"
        for _, sub in ps.substitutions:  # the requested study is contraindicated (e.g. MRI with a pacemaker)
            if anchor and alt in sub.targets(g0, anchor) and judge(sub.when, ctx0) is True:
                study = anchor if anchor == code else f"the {g0.codes[anchor].modality.upper()} the criteria support ({anchor})"
                why = f"{study} is contraindicated; {sub.spec.label} ({sub.spec.section})"
                sections.append(sub.spec.section)
        if excluded:
            why = f"{code} is excluded (below)"
        reasons = [f"{why}; {r.indication.heading}: criteria met for {alt} ({label})"
                   for r in deciding]
        if excluded:
            sections += [s for s in _ids(excluded) if s not in sections]
            reasons += excluded_reasons
        return _determination(outcome="approve_alternative", sections=sections, reasons=reasons,
                             alternative=_code_ref(g0, alt), **base)

    open_alt = [(c, r) for r in approving if None in r.codes.values() for c, v in r.codes.items()
                if v is None and c not in ruled_out and c not in only_if_met and related(r.guideline.codes[c].region, requested.region)
                and _asks(ps, r, c, asked_for)]
    if open_alt:
        alt, _ = min(open_alt, key=lambda cr: _rank_alternative(ps, requested, cr[1], cr[0], anchor))
        d = _pend(ps, [r for c, r in open_alt if c == alt], code, alt, asked_for, base)
        if excluded:
            d["sections"] += [s for s in _ids(excluded) if s not in d["sections"]]
            d["reasons"] += excluded_reasons
        return d
    if excluded:
        return _determination(outcome="physician_review", sections=_ids(excluded), reasons=excluded_reasons, **base)

    # 3. nothing met: route to a physician with the specific reasons
    if not approving and not requested.listed and not any(
            ag.manifest.scope == "condition" and sec.when is not None for ag, sec in applicable):
        # a code the document only cites for conditions of its own (a brain MRI for a Chiari malformation)
        # with none of them documented: the document does not review it, and its own guideline is not loaded
        own = [f"{sec.id} ({sec.title})" for sec in ps.sections_for(g0, code) if sec.when is not None
               and any(sec is s for s in g0.sections)]
        base = {**base, "guideline": None}
        return _determination(outcome="physician_review", sections=[], reasons=[
            f"No loaded guideline of policy set {ps.name!r} reviews {code} ({requested.label}) for the documented "
            f"presentation: {g0.manifest.title} cites it only for conditions of its own"
            + (f" ({', '.join(own)})" if own else "") + ", none of which is documented; a physician reviews it."],
            **base)
    reasons: list[str] = []
    for r in approving:
        if r.value is not True:
            fails: list[str] = []
            failures(r.indication.criteria, r.ctx, fails)
            reasons.append(f"{r.indication.heading}: " + "; ".join(dict.fromkeys(fails)))  # a shared criterion once
        elif code not in r.codes:
            reasons.append(f"{r.indication.heading}: {code} is not among the studies "
                           f"this indication supports ({', '.join(r.codes)})")
        else:
            reasons.append(f"{r.indication.heading}: conditions for {code} not met")
    if not applicable:
        titles = plan.titles
        if titles is None:
            titles = plan.titles = tuple(sorted({f"{sec.id} ({sec.title})" for g, _, _, _ in plan.eligible
                                                 for sec in ps.sections_for(g, code)}))
        reasons.append(f"No section of {g0.manifest.title} applies to the documented presentation for "
                       f"{code}" + (f"; sections for this code: {', '.join(titles)}" if titles else "") + ".")
    # name the sections that speak to this request: those with an applicable indication, else the
    # scenario- or code-specific ones that applied (not the general modality sections)
    # (a section the policy set's documents share, such as a Preface rule, is applicable once per document)
    sections = _ids(approving) or list(dict.fromkeys(
        sec.id for _, sec in applicable if sec.when is not None or (sec.spec and sec.spec.codes and code in sec.spec.codes)))
    if not approving and applicable:
        reasons.append("No indication of " + ", ".join(sections or dict.fromkeys(sec.id for _, sec in applicable))
                       + f" applies to {code} with the documented facts.")
    return _determination(outcome="physician_review", sections=sections, reasons=reasons, **base)


def _asks(ps: PolicySet, r: IndicationResult, target: str, asked_for: dict) -> dict[str, str]:
    """What to ask so that ``r`` could decide ``target`` (read-only; worked out once per review)."""
    key = (id(r), target)
    found = asked_for.get(key)
    if found is None:
        found = asked_for[key] = _questions(ps, r, target)
    return found


def _pend(ps: PolicySet, rs: list[IndicationResult], code: str, alt: str | None, asked_for: dict,
          base: dict) -> dict:
    if len(rs) == 1:
        asked = _asks(ps, rs[0], alt or code, asked_for)
        asking = rs if asked else []
    else:
        asked = {}
        asking = []
        owns = []
        for r in rs:
            own = _asks(ps, r, alt or code, asked_for)
            if own:
                asking.append(r)
                owns.append((r, own))
            for k, q in own.items():
                asked.setdefault(k, q)
        # one open indication whose questions every other one asks too decides the case by their answers
        # (the high-risk path of cervical trauma lacks only the visit the standard path also needs: asking
        # the standard path's trial and x-ray could change nothing)
        first = owns[0][1].keys() if owns else None
        for r, own in (sorted(owns, key=lambda ro: len(ro[1]))
                       if len(owns) > 1 and any(other.keys() != first for _, other in owns) else ()):
            if all(own.keys() <= other.keys() for o, other in owns if o is not r):
                asked, asking = own, [o for o, other in owns if other.keys() == own.keys()]
                break
    rs = asking or rs
    items = _dedupe(asked, _ids(rs))
    word = "could be met" if alt is None else f"could be met for {alt}"
    reasons = [f"{r.indication.heading}: {word}; information is missing" for r in rs]
    return _determination(outcome="pend", sections=_ids(rs), missing=items, reasons=reasons,
                         alternative=_code_ref(rs[0].guideline, alt) if alt else None, **base)


def _determination(*, outcome: str, policy_set: str, request: CodeRef, case_id: str | None = None,
                   guideline: GuidelineRef | None = None, sections: list[str] | None = None,
                   alternative: CodeRef | None = None, missing: list[MissingItem] | None = None,
                   reasons: list[str] | None = None, notes: list[str] | None = None) -> dict:
    """Every field of a determination, in the order ``Determination`` declares them (review() fills
    in ``extracted``)."""
    return {"case_id": case_id, "outcome": outcome, "policy_set": policy_set, "guideline": guideline,
            "request": request, "sections": [] if sections is None else sections, "alternative": alternative,
            "missing": [] if missing is None else missing, "reasons": [] if reasons is None else reasons,
            "notes": [] if notes is None else notes, "extracted": []}


def _ids(rs: list[IndicationResult]) -> list[str]:
    out: list[str] = []
    for r in rs:
        if r.indication.section not in out:
            out.append(r.indication.section)
    return out


def _dedupe(asked: dict[str, str], sections: list[str]) -> list[MissingItem]:
    """One item per question, in the order first asked; when criteria of several sections ask the same
    (a section's x-ray and the red flag's), the id of a deciding section names it."""
    seen: dict[str, str] = {}
    for cid, q in asked.items():
        kept = seen.get(q)
        if kept is None or (kept[:kept.index("#")] not in sections and cid[:cid.index("#")] in sections):
            seen[q] = cid
    return [_ITEM_OF.get((cid, q)) or _item(cid, q) for q, cid in seen.items()]


_ITEM_OF: dict[tuple[str, str], MissingItem] = {}  # (criterion id, question) -> its (immutable) item


def _item(cid: str, question: str) -> MissingItem:
    m = MissingItem.build(cid, cid[:cid.index("#")], question)
    if len(_ITEM_OF) < 50_000:  # the guidelines' criteria and questions: far fewer
        _ITEM_OF[(cid, question)] = m
    return m


def _age_text(g: Guideline) -> str:
    r = g.manifest.age
    parts = [f"{sym} {int(v)}" for sym, v in (("≥", r.gte), (">", r.gt), ("≤", r.lte), ("<", r.lt)) if v is not None]
    return " and ".join(parts)


def _word(v: Value) -> str:
    return "true" if v is True else "false" if v is False else "unknown"
