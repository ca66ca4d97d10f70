"""Load, validate and compile the guideline data shipped in ``necessity/guidelines``.

Validation is strict and names the file, the section and the problem: the schema (unknown keys
rejected), unique section and criterion ids, every reference resolvable (a defined section, a
declared alias, or a document declared external = not loaded), every code in the document's own
code table, every fact, enum value, treatment kind and predicate known to the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from pydantic import ValidationError

from ..engine.evaluate import Criterion, compile_node, walk
from ..engine.predicates import NAMED
from ..errors import GuidelineError
from ..vocabulary import load_yaml, vocabulary
from . import schema as s

# the document's own ids (SP-6.1, Preface-3.1, PEDMS-10.0), or ours for documents without
# numbers: <document>:<slug> (cohere-le-mri:osteomyelitis)
SECTION_ID = re.compile(r"^[A-Za-z]+(?:-[A-Za-z0-9.]+)+$|^[a-z][a-z0-9-]*:[a-z0-9-]+$")


def same_body_part(a: str, b: str) -> bool:
    """Regions one study can stand in for another on: equal, or a limb and its joints (CT has no
    separate joint codes)."""
    return a == b or a.removesuffix("_joint") == b.removesuffix("_joint")


@dataclass(eq=False)
class CompiledStudy:
    codes: frozenset[str] | None
    selector: s.Study
    when: Criterion | None

    resolved: dict[str, list[str]] = field(default_factory=dict)

    def resolve(self, guideline: Guideline, region: str | tuple[str, ...]) -> list[str]:
        """The codes this study names for a request of ``region`` (or of any of several regions;
        cached: the table is fixed)."""
        hit = self.resolved.get(region)
        if hit is not None:
            return hit
        if self.codes is not None:  # in the order the section names them (it ranks alternatives)
            out = list(dict.fromkeys(self.selector.codes))
        else:
            sel = self.selector
            requested = region if isinstance(region, tuple) else (region,)
            regions = requested if sel.region in (None, "requested") else sel.region
            out = [c.code for c in guideline.code_list
                   if c.modality in sel.modality and c.region in regions
                   and (sel.contrast is None or c.contrast in sel.contrast) and c.same_as is None]
        self.resolved[region] = out
        return out


@dataclass(eq=False)
class CompiledIndication:
    id: str
    section: str
    label: str
    applies: Criterion | None
    criteria: Criterion | None
    studies: list[CompiledStudy]
    verdict: str
    refer_to: list[str]
    reason: str | None
    restated: bool = False  # a general exclusion the sections restate (schema.Indication.restated)
    layouts: dict = field(default_factory=dict)  # the review's codes and studies by region (engine.review._layout)
    heading: str = ""  # "SP-6.1 — label", as reasons name it

    def __post_init__(self) -> None:
        self.heading = f"{self.section} — {self.label}"


@dataclass(eq=False)
class CompiledSection:
    id: str
    title: str
    kind: str
    summary: str | None
    spec: s.Applies | None
    when: Criterion | None
    indications: list[CompiledIndication]
    see: list[str]
    defines: dict[str, Criterion]
    reach: str = "document"

    def covers(self, code: s.CodeEntry) -> bool:
        a = self.spec
        if a is None:
            return False
        return ((a.codes is None or code.code in a.codes)
                and (a.regions is None or code.region in a.regions)
                and (a.modalities is None or code.modality in a.modalities))


@dataclass(eq=False)
class CompiledSubstitution:
    spec: s.Substitution
    when: Criterion
    _targets: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _modalities: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)

    def modality_codes(self, g: Guideline) -> tuple[frozenset[str], frozenset[str]]:
        """Codes of ``g`` of the substitute modalities, and of the modalities substituted; cached."""
        hit = self._modalities.get(g.file)
        if hit is None:
            spec = self.spec
            hit = self._modalities[g.file] = (frozenset(c for c, e in g.codes.items() if e.modality in spec.to_modality),
                                              frozenset(c for c, e in g.codes.items() if e.modality in spec.from_modality))
        return hit

    def targets(self, g: Guideline, code: str) -> list[str]:
        """Codes of ``g`` that stand in for ``code`` (same region, contrast mapped); cached."""
        key = (g.file, code)
        hit = self._targets.get(key)
        if hit is None:
            entry, spec = g.codes[code], self.spec
            hit = []
            if entry.modality in spec.from_modality:
                wanted = spec.contrast_map.get(entry.contrast, [])
                hit = [c.code for c in g.code_list if c.modality in spec.to_modality
                       and same_body_part(c.region, entry.region) and c.contrast in wanted and c.same_as is None]
            self._targets[key] = hit
        return hit


@dataclass(eq=False)
class Guideline:
    file: str
    manifest: s.Manifest
    codes: dict[str, s.CodeEntry]
    code_list: list[s.CodeEntry]
    code_order: dict[str, int]
    sections: list[CompiledSection]
    section_index: dict[str, CompiledSection]
    not_reviewed: dict[str, s.NotReviewed]
    redirect: dict[str, s.Redirect]
    aliases: dict[str, str]
    chapters: dict[str, list[str]]
    external: dict[str, s.External]
    substitutions: list[CompiledSubstitution]
    by_code: dict[str, list[CompiledSection]] = field(default_factory=dict)

    def sections_for(self, code: str) -> list[CompiledSection]:
        found = self.by_code.get(code)
        if found is None:
            entry = self.codes[code]
            found = self.by_code[code] = [sec for sec in self.sections if sec.covers(entry)]
        return found


@dataclass(eq=False)
class PolicySet:
    name: str
    title: str
    guidelines: list[Guideline]
    criteria: dict[str, Criterion]
    sections: dict[str, tuple[Guideline, CompiledSection]]
    substitutions: list[tuple[Guideline, CompiledSubstitution]]
    _sections: dict[tuple[str, str], list[CompiledSection]] = field(default_factory=dict)
    _routes: dict[str, tuple[list[Guideline], list[Guideline]]] = field(default_factory=dict)
    scans: dict = field(default_factory=dict)  # the review's compiled section scans (engine.review._scan)
    plans: dict = field(default_factory=dict)  # the review's routing by code and age (engine.review._plan)

    def routes(self, code: str) -> tuple[list[Guideline], list[Guideline]]:
        """(the documents that leave ``code`` unreviewed or redirect it, the documents whose code table
        lists it), each in the policy set's order; cached, as the tables are fixed."""
        found = self._routes.get(code)
        if found is None:
            found = self._routes[code] = ([g for g in self.guidelines if code in g.not_reviewed or code in g.redirect],
                                          [g for g in self.guidelines if code in g.codes])
        return found

    def sections_for(self, g: Guideline, code: str) -> list[CompiledSection]:
        """Sections of ``g`` that review ``code``: those covering it, and those covering a study it
        stands in for (a CT requested in place of a contraindicated MRI is reviewed by the
        sections that support the MRI)."""
        key = (g.file, code)
        found = self._sections.get(key)
        if found is None:
            entry = g.codes[code]
            sources = [m.code for m in g.code_list if same_body_part(m.region, entry.region) and m.code != code
                       and "none" not in (m.contrast, entry.contrast) and any(
                entry.modality in sub.spec.to_modality and m.modality in sub.spec.from_modality
                for _, sub in self.substitutions)]
            found = list(g.sections_for(code))
            for m in sources:
                found += [sec for sec in g.sections_for(m) if sec not in found]
            found.sort(key=g.sections.index)
            # rules stated for any imaging request (reach: policy_set) of the other documents, after the document's own
            found += [sec for other in self.guidelines if other is not g for sec in other.sections
                      if sec.reach == "policy_set" and sec.covers(entry)]
            self._sections[key] = found
        return found

    def resolve_section(self, sid: str) -> tuple[Guideline | None, str, str | None]:
        """(guideline, canonical id, external title) for a cited id."""
        for g in self.guidelines:
            if sid in g.aliases:
                sid = g.aliases[sid]
                break
            if sid in g.chapters:
                return g, sid, None
        if sid in self.sections:
            return self.sections[sid][0], sid, None
        for g in self.guidelines:
            prefix = sid.split("-")[0]
            if prefix in g.external:
                return None, sid, g.external[prefix].title
        return None, sid, None


@dataclass(eq=False)
class Registry:
    policy_sets: dict[str, PolicySet]
    files: list[str]


# --- loading ---------------------------------------------------------------------------------

def _section_of(data: dict, loc: tuple) -> tuple[str | None, str]:
    section = None
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        try:
            section = data["sections"][loc[1]].get("id") or f"sections[{loc[1]}]"
        except (IndexError, KeyError, AttributeError, TypeError):
            section = f"sections[{loc[1]}]"
        loc = loc[2:]
    path = ".".join(str(x) for x in loc if not str(x).startswith(("function-", "tagged-union"))
                    and x not in ("all", "any", "of", "fact", "encounter", "trial", "imaging",
                                  "reevaluation", "age", "request", "predicate", "ref", "not", "at_least")
                    or isinstance(x, int))
    return section, path


def parse_guideline(text: str, file: str) -> s.GuidelineFile:
    try:
        data = load_yaml(text)
    except Exception as exc:  # yaml errors carry line/column in their message
        raise GuidelineError(f"not valid YAML: {exc}", file=file, code="GUIDELINE-YAML") from None
    if not isinstance(data, dict):
        raise GuidelineError("top level must be a mapping", file=file, code="GUIDELINE-SCHEMA")
    try:
        return s.GuidelineFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        section, path = _section_of(data, err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {err['loc'][-1]!r}"
        more = len(exc.errors()) - 1
        if more:
            msg += f" (and {more} more)"
        raise GuidelineError(f"{path}: {msg}" if path else msg, file=file, section=section,
                             code="GUIDELINE-SCHEMA") from None


def _check_node(node: Criterion, file: str, section: str) -> None:
    vocab = vocabulary()
    for c in walk(node):
        spec = c.spec
        if c.kind == "fact":
            fd = vocab.facts.get(spec.fact)
            if fd is None:
                raise GuidelineError(f"criterion {c.id}: unknown fact {spec.fact!r}", file=file, section=section,
                                     code="GUIDELINE-FACT")
            if spec.in_ is not None:
                if fd.type != "enum":
                    raise GuidelineError(f"criterion {c.id}: 'in' needs an enum fact", file=file, section=section)
                bad = [v for v in spec.in_ if v not in vocab.enums[fd.values]]
                if bad:
                    raise GuidelineError(f"criterion {c.id}: unknown {spec.fact} values {bad}", file=file,
                                         section=section, code="GUIDELINE-FACT")
            if any(getattr(spec, op) is not None for op in ("gte", "gt", "lte", "lt")) and fd.type != "number":
                raise GuidelineError(f"criterion {c.id}: threshold on non-number fact {spec.fact!r}",
                                     file=file, section=section)
        elif c.kind in ("trial", "reevaluation"):
            t = spec.trial if c.kind == "trial" else spec.reevaluation.after_trial
            bad = [k for k in (t.kinds or []) if k not in vocab.enums["treatment_kind"]]
            if bad:
                raise GuidelineError(f"criterion {c.id}: unknown treatment kinds {bad}", file=file, section=section)
        elif c.kind == "imaging":
            im = spec.imaging
            bad = [m for m in im.modality if m not in vocab.enums["imaging_modality"]]
            bad += [r for r in (im.region if isinstance(im.region, list) else []) if r not in vocab.enums["region"]]
            bad += [f for f in (im.finding or []) + (im.not_finding or []) if f not in vocab.facts]
            if bad:
                raise GuidelineError(f"criterion {c.id}: unknown modality/region/finding {bad}", file=file,
                                     section=section)
        elif c.kind == "predicate" and spec.predicate not in NAMED:
            raise GuidelineError(f"criterion {c.id}: unknown predicate {spec.predicate!r}; known: "
                                 f"{', '.join(sorted(NAMED))}", file=file, section=section, code="GUIDELINE-PREDICATE")


def compile_guideline(doc: s.GuidelineFile, file: str) -> tuple[Guideline, dict[str, Criterion]]:
    codes: dict[str, s.CodeEntry] = {}
    for c in doc.codes:
        if c.code in codes:
            raise GuidelineError(f"code {c.code} is listed twice in the code table", file=file)
        codes[c.code] = c

    def check_codes(listed, section: str, what: str) -> None:
        bad = [x for x in listed if x not in codes]
        if bad:
            raise GuidelineError(f"{what}: codes {bad} are not in the document's code table", file=file,
                                 section=section, code="GUIDELINE-CODE")

    vocab = vocabulary()
    known_sites = {site for site, _ in vocab.sites}
    for region, sites in doc.guideline.code_sites.items():
        if region not in {c.region for c in codes.values()}:
            raise GuidelineError(f"code_sites: no code of region {region!r} in the code table", file=file)
        bad = [x for x in sites if x not in known_sites]
        if bad:
            raise GuidelineError(f"code_sites: unknown limb sites {bad}; known: {', '.join(sorted(known_sites))}",
                                 file=file)

    criteria: dict[str, Criterion] = {}

    def register(c: Criterion, section: str) -> Criterion:
        for node in walk(c):
            if node.id in criteria and criteria[node.id] is not node:
                raise GuidelineError(f"criterion id {node.id} is used twice", file=file, section=section,
                                     code="GUIDELINE-DUPLICATE")
            criteria[node.id] = node
        _check_node(c, file, section)
        return c

    sections: list[CompiledSection] = []
    index: dict[str, CompiledSection] = {}
    for sec in doc.sections:
        if sec.id in index:
            raise GuidelineError("section id is defined twice", file=file, section=sec.id, code="GUIDELINE-DUPLICATE")
        if not SECTION_ID.match(sec.id):
            raise GuidelineError(f"{sec.id!r} is not a section id of the form PREFIX-1.2", file=file, section=sec.id)
        defines = {name: register(compile_node(node, sec.id, name), sec.id) for name, node in sec.defines.items()}
        when = None
        if sec.applies:
            check_codes(sec.applies.codes or [], sec.id, "applies")
            if sec.applies.when is not None:
                when = register(compile_node(sec.applies.when, sec.id, "applies"), sec.id)
        elif sec.kind == "criteria" and sec.indications:
            raise GuidelineError("a section with indications needs 'applies'", file=file, section=sec.id)
        inds = []
        seen: set[str] = set()
        for ind in sec.indications:
            if ind.id in seen:
                raise GuidelineError(f"indication id {ind.id!r} is used twice", file=file, section=sec.id)
            seen.add(ind.id)
            iid = f"{sec.id}#{ind.id}"
            applies = register(compile_node(ind.applies, sec.id, f"{ind.id}.applies"), sec.id) if ind.applies else None
            crit = None
            if ind.criteria is not None:
                crit = compile_node(ind.criteria, sec.id, ind.id)
                crit.id = iid
                register(crit, sec.id)
            studies = []
            for k, st in enumerate(ind.studies):
                check_codes(st.codes or [], sec.id, f"indication {ind.id}")
                sw = register(compile_node(st.when, sec.id, f"{ind.id}.study{k + 1}"), sec.id) if st.when else None
                studies.append(CompiledStudy(frozenset(st.codes) if st.codes is not None else None, st, sw))
            if ind.verdict == "approve" and not studies:
                raise GuidelineError(f"indication {ind.id}: an approving indication names its studies", file=file,
                                     section=sec.id)
            inds.append(CompiledIndication(iid, sec.id, ind.label, applies, crit, studies, ind.verdict,
                                           ind.refer_to, ind.reason, ind.restated))
        cs = CompiledSection(sec.id, sec.title, sec.kind, sec.summary, sec.applies, when, inds, sec.see, defines,
                             sec.reach)
        sections.append(cs)
        index[sec.id] = cs
    for nr in list(doc.not_reviewed) + list(doc.redirect):
        check_codes(nr.codes, nr.section, "not_reviewed/redirect")
        if nr.section not in index:
            raise GuidelineError(f"not_reviewed/redirect cites unknown section {nr.section}", file=file)
    subs = []
    for sub in doc.substitutions:
        w = register(compile_node(sub.when, sub.section, sub.id.split("#", 1)[-1]), sub.section)
        subs.append(CompiledSubstitution(sub, w))
    for sid in (doc.guideline.age.any_age_sections if doc.guideline.age else []):
        if sid not in index:
            raise GuidelineError(f"age rule names unknown section {sid}", file=file, code="GUIDELINE-REFERENCE")
    for chapter, members in doc.chapters.items():
        if chapter in index:
            raise GuidelineError(f"chapter {chapter} is also a section id", file=file)
        for m in members:
            if m not in index:
                raise GuidelineError(f"chapter {chapter} lists {m}, which is not a section", file=file,
                                     code="GUIDELINE-REFERENCE")
    for alias, target in doc.aliases.items():
        if target not in index:
            raise GuidelineError(f"alias {alias} points to {target}, which is not a section of this document",
                                 file=file, code="GUIDELINE-REFERENCE")
    g = Guideline(
        file=file, manifest=doc.guideline, codes=codes, code_list=list(doc.codes),
        code_order={c.code: i for i, c in enumerate(doc.codes)}, sections=sections, section_index=index,
        not_reviewed={code: nr for nr in doc.not_reviewed for code in nr.codes},
        redirect={code: r for r in doc.redirect for code in r.codes},
        aliases=dict(doc.aliases), chapters=dict(doc.chapters), external=dict(doc.external), substitutions=subs,
    )
    return g, criteria


def _link(ps: PolicySet) -> None:
    """Resolve every ref, cited section id and same_as code across the policy set's documents."""
    known = {c for g in ps.guidelines for c in g.codes}
    for g in ps.guidelines:
        for c in g.code_list:
            if c.same_as and c.same_as not in known:
                raise GuidelineError(f"code {c.code}: same_as {c.same_as} is in no loaded code table", file=g.file,
                                     code="GUIDELINE-CODE")
    for g in ps.guidelines:
        for c in [c for c in ps.criteria.values() if c.id.split("#")[0] in g.section_index]:
            if c.kind != "ref":
                continue
            target = ps.criteria.get(c.ref)
            if target is None:
                sid = c.ref.split("#")[0]
                canon = g.aliases.get(sid)
                if canon:
                    target = ps.criteria.get(c.ref.replace(sid, canon, 1))
            if target is None:
                raise GuidelineError(f"criterion {c.id}: reference {c.ref!r} names no defined criterion",
                                     file=g.file, section=c.id.split("#")[0], code="GUIDELINE-REFERENCE")
            c.target = target
            if c.label == c.ref:
                c.label = target.label
        for sec in g.sections:
            cited = list(sec.see) + [r for ind in sec.indications for r in ind.refer_to]
            for sid in cited:
                found, canon, external = ps.resolve_section(sid)
                if found is None and external is None:
                    raise GuidelineError(f"cites {sid}, which is neither a loaded section, an alias, nor a "
                                         f"document declared external", file=g.file, section=sec.id,
                                         code="GUIDELINE-REFERENCE")
    # a ref cycle would recurse forever at evaluation: refuse it here (a diamond is fine)
    state: dict[int, int] = {}  # 1 = on the current path, 2 = done

    def visit(n: Criterion, origin: Criterion) -> None:
        mark = state.get(id(n))
        if mark == 2:
            return
        if mark == 1:
            raise GuidelineError(f"criterion {origin.id}: references form a cycle through {n.id}",
                                 file="(policy set)", code="GUIDELINE-REFERENCE")
        state[id(n)] = 1
        for k in n.children + ([n.target] if n.kind == "ref" else []):
            visit(k, origin)
        state[id(n)] = 2

    for c in ps.criteria.values():
        visit(c, c)


def _read(base: Traversable, rel: str) -> str:
    node = base
    for part in rel.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def load_registry(base: Traversable | None = None) -> Registry:
    base = base or resources.files("necessity.guidelines")
    try:
        sets = s.PolicySetsFile.model_validate(load_yaml(_read(base, "policy_sets.yaml")))
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        raise GuidelineError(f"{'.'.join(map(str, err['loc']))}: {err['msg']}", file="policy_sets.yaml") from None
    loaded: dict[str, tuple[Guideline, dict[str, Criterion]]] = {}
    policy_sets = {}
    for name, spec in sets.policy_sets.items():
        gs, criteria, sections, subs = [], {}, {}, []
        for rel in spec.guidelines:
            if rel not in loaded:
                doc = parse_guideline(_read(base, rel), rel)
                loaded[rel] = compile_guideline(doc, rel)
            g, crit = loaded[rel]
            for cid in crit:
                if cid in criteria:
                    raise GuidelineError(f"criterion id {cid} is defined by two documents", file=rel)
            criteria.update(crit)
            for sec in g.sections:
                if sec.id in sections:
                    raise GuidelineError("section id is defined by two documents", file=rel, section=sec.id)
                sections[sec.id] = (g, sec)
            subs += [(g, sub) for sub in g.substitutions]
            gs.append(g)
        ps = PolicySet(name, spec.title, gs, criteria, sections, subs)
        _link(ps)
        policy_sets[name] = ps
    return Registry(policy_sets, sorted(loaded))


COMPILE_AHEAD = True  # registry() prepares every review function; the CLI, reviewing a few cases, turns it off


@cache
def registry() -> Registry:
    """The shipped guideline data, loaded and validated once per process, and (unless
    ``COMPILE_AHEAD`` is off) made ready for reviews: the functions a review runs are compiled now,
    as a long-running service wants, rather than on the first case that needs each."""
    reg = load_registry()
    if COMPILE_AHEAD:
        from ..engine.review import prepare
        prepare(reg)
    return reg
