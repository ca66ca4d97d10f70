"""Lay what the notes say under the case's structured facts.

Structured records win: a fact named in ``clinical.facts`` (same name and location), a treatment
of the same kind, a study of the same modality and region. When the notes say otherwise the
conflict is reported ("the notes say X; the structured facts say Y; the structured fact is used").
Encounters are the union of both.
"""

from __future__ import annotations

from ..case import Case, Clinical
from .notes import Extracted, read_notes


def _describe(rec: dict) -> str:
    if "fact" in rec:
        v = f" {rec['value']}" if rec.get("value") is not None else ""
        return f"{'' if rec.get('present', True) else 'no '}{rec['fact']}{v}"
    if "kind" in rec:
        return f"{rec['kind']} {rec.get('start')}–{rec.get('end') or 'ongoing'}"
    return f"{rec.get('modality')} {rec.get('region')} {rec.get('date')} {rec.get('result') or ''}".rstrip()


def read_case_notes(case: Case, registry=None):
    """Read a case's notes knowing the patient's age (children's and adults' wording) and the requested
    study's region (the body part of a prior study the note does not place)."""
    from ..engine.context import age_in
    from ..policy.loader import registry as default_registry

    ps = (registry or default_registry()).policy_sets.get(case.policy_set)
    code = case.request.cpt
    entry = next((g.codes[code] for g in ps.guidelines if code in g.codes), None) if ps else None
    return read_notes(case.notes, case.request.date, entry.region if entry else None,
                      age=age_in(case.patient.birth_date, case.request.date, "years"))


def with_notes(case: Case, registry=None) -> tuple[Case, list[Extracted], list[str]]:
    """The case with the notes' records added; the extracted items; the conflicts found."""
    ex = read_case_notes(case, registry)
    c = case.clinical
    facts = {(f.fact, f.location): f for f in c.facts}
    kinds = {t.kind: t for t in c.treatments}
    studies = {(m.modality, m.region): m for m in c.imaging}
    visits = {e.date for e in c.encounters}
    conflicts: list[str] = []
    add_facts, add_treatments, add_imaging, add_encounters = [], [], [], []
    by_record = {id(r): it for it, r in zip(ex.items, _records(ex.clinical))}
    for f in ex.clinical.facts:
        item = by_record[id(f)]
        given = facts.get((f.fact, f.location))
        if given is None:
            add_facts.append(f)
            continue
        same = given.present == f.present and (given.value is None or f.value is None or given.value == f.value)
        item.status = "agrees" if same else "overridden"
        if not same:
            conflicts.append(f"Conflict: the notes say {_describe(item.record)} ({item.evidence[-1].sentence!r}); the "
                             f"structured facts say {_describe(given.model_dump(mode='json'))}. The structured fact is used.")
    for t in ex.clinical.treatments:
        item = by_record[id(t)]
        if t.kind in kinds:
            given = kinds[t.kind]
            same = given.start == t.start and given.end == t.end
            item.status = "agrees" if same else "overridden"
            if not same:
                conflicts.append(f"Conflict: the notes date {t.kind} {t.start}–{t.end or 'ongoing'}; the structured "
                                 f"record has {given.start}–{given.end or 'ongoing'}. The structured record is used.")
        else:
            add_treatments.append(t)
    for m in ex.clinical.imaging:
        item = by_record[id(m)]
        if (m.modality, m.region) in studies:
            item.status = "agrees" if studies[(m.modality, m.region)].date == m.date else "overridden"
        else:
            add_imaging.append(m)
    for e in ex.clinical.encounters:
        if e.date in visits:
            by_record[id(e)].status = "agrees"
        else:
            add_encounters.append(e)
    merged = Clinical.model_construct(
        episode_onset=c.episode_onset or ex.clinical.episode_onset,
        encounters=list(c.encounters) + add_encounters, facts=list(c.facts) + add_facts,
        treatments=list(c.treatments) + add_treatments, imaging=list(c.imaging) + add_imaging)
    return case.model_copy(update={"clinical": merged}), ex.items, conflicts


def _records(clinical: Clinical) -> list:
    """The extracted records in the order ``read_notes`` lists its items."""
    return [*clinical.facts, *clinical.treatments, *clinical.imaging, *clinical.encounters]
