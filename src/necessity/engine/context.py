"""What the evaluator knows about one case: facts indexed by name, the request date, age."""

from __future__ import annotations

from functools import cache
from datetime import date, timedelta

from ..case import Case, FactRecord
from ..policy.schema import CodeEntry, Window
from ..vocabulary import vocabulary

Value = bool | None  # three-valued: True, False, None (unknown)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def months_before(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + (d.month - 1) - months, 12)
    last = 29 if m == 1 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else _MONTH_DAYS[m]
    return date(y, m + 1, min(d.day, last))


_DAY = timedelta(days=1)
_SPANS: dict[int, tuple] = {}  # window id -> (window, fixed length or None, months); keeps each window


def window_start(today: date, w: Window) -> date:
    """The earliest date inside ``w`` measured back from ``today``."""
    span = _SPANS.get(id(w))
    if span is None or span[0] is not w:  # a window's length, worked out once (guideline windows are fixed)
        fixed = timedelta(days=w.days) if w.days is not None else timedelta(weeks=w.weeks) if w.weeks is not None \
            else None
        span = _SPANS[id(w)] = (w, fixed, w.months if w.months is not None else 12 * (w.years or 0))
    start = today - span[1] if span[1] is not None else months_before(today, span[2])
    return start if w.inclusive else start + _DAY


def age_in(birth: date, today: date, unit: str) -> int:
    """Completed units of age on ``today`` (whole years / months / weeks / days)."""
    if unit == "days":
        return (today - birth).days
    if unit == "weeks":
        return (today - birth).days // 7
    months = (today.year - birth.year) * 12 + today.month - birth.month - (today.day < birth.day)
    return months if unit == "months" else months // 12


_NO_ONSET = object()
_new = object.__new__
_ONSET = "episode onset"  # its key in a context's memo
_BEGUN_BY = "episode begun by"


@cache
def _icd10_records(icd: str) -> tuple[tuple[str, FactRecord], ...]:
    """The facts an ICD-10 code documents, each with its name (records are immutable, so they are shared)."""
    return tuple(
        (name, FactRecord.model_construct(fact=name, present=True, value=value, date=None, onset=None, side=None,
                                          level=None, location=None, mri_conditional=None,
                                          detail=f"ICD-10 {icd} ({label})"))
        for name, label, value in vocabulary().facts_for_icd10(icd))


class Context:
    """One case as one guideline's evaluation sees it, and what was evaluated: ``results`` holds
    ``(value, evidence, decided)`` by criterion id (decided: what ``decide`` uses, the value unless it
    is unknown, when exceptions nobody is asked about are presumed absent); ``settled`` holds
    ``(value, decided)`` of the named criteria a value-only evaluation reached; ``memo`` keeps per-case
    intermediate results (they depend on the case and the request date only, so the contexts of one
    review share it); ``lean``: only what a decision needs is evaluated (a review's fast path)."""

    __slots__ = ("case", "today", "code", "facts", "mask", "results", "settled", "lean", "memo", "years")

    def __init__(self, case: Case, today: date, code: CodeEntry, facts: dict[str, list[FactRecord]],
                 years: int | None = None, mask: int | None = None, memo: dict | None = None) -> None:
        self.case, self.today, self.code, self.facts = case, today, code, facts
        self.mask = fact_mask(facts) if mask is None else mask  # the documented facts' bits
        self.results: dict[str, tuple[Value, tuple, Value]] = {}
        self.settled: dict[str, tuple[Value, Value]] = {}
        self.lean = False  # a review's fast path: nodes an all/any did not need may stay unrecorded
        self.memo: dict = {} if memo is None else memo
        self.years = age_in(case.patient.birth_date, today, "years") if years is None else years

    def since(self, w: Window) -> date:
        """``window_start`` from the request date (per window object: guideline windows are fixed;
        kept in ``memo`` under the window's id, with the window, so that an id is never reused)."""
        hit = self.memo.get(id(w))
        if hit is None or hit[0] is not w:
            hit = self.memo[id(w)] = (w, window_start(self.today, w))
        return hit[1]

    @classmethod
    def of(cls, case: Case, today: date, code: CodeEntry, facts: dict[str, list[FactRecord]], years: int, mask: int,
           memo: dict, lean: bool) -> Context:
        """A context with everything given (a review makes one per eligible document, for every case)."""
        ctx = _new(cls)
        ctx.case = case
        ctx.today = today
        ctx.code = code
        ctx.facts = facts
        ctx.years = years
        ctx.mask = mask
        ctx.memo = memo
        ctx.results = {}
        ctx.settled = {}
        ctx.lean = lean
        return ctx

    @classmethod
    def build(cls, case: Case, code: CodeEntry, facts: dict[str, list[FactRecord]] | None = None,
              years: int | None = None) -> Context:
        """The context for ``code``; ``facts`` (from ``index_facts``) and ``years`` may be shared by the
        contexts of one case."""
        return cls(case, case.request.date, code, index_facts(case) if facts is None else facts, years)

    @property
    def episode_onset(self) -> date | None:
        """When the current episode began: as documented, else the earliest onset of a documented
        presenting symptom or scenario (the date of a fact marked starts_episode, e.g. an injury)."""
        onset = self.case.clinical.episode_onset
        if onset is not None:
            return onset
        onset = self.memo.get(_ONSET, _NO_ONSET)
        if onset is not _NO_ONSET:
            return onset
        facts, found = vocabulary().facts, []
        for rec in self.case.clinical.facts:
            spec = facts.get(rec.fact)
            if not rec.present or spec is None or spec.category not in ("scenario", "symptom"):
                continue
            began = rec.onset or (rec.date if spec.starts_episode else None)
            if began is not None:
                found.append(began)
        self.memo[_ONSET] = value = min(found, default=None)
        return value

    @property
    def episode_begun_by(self) -> date | None:
        """A day by which the current episode had begun, when its onset is not known: the earliest day a
        presenting symptom or scenario is documented present (the patient had it then). A study taken on or
        after that day was taken after the episode began."""
        found = self.memo.get(_BEGUN_BY, _NO_ONSET)
        if found is not _NO_ONSET:
            return found
        facts, days = vocabulary().facts, []
        for rec in self.case.clinical.facts:
            spec = facts.get(rec.fact)
            if rec.present and rec.date is not None and spec is not None and spec.category in ("scenario", "symptom"):
                days.append(rec.date)
        self.memo[_BEGUN_BY] = found = min(days, default=None)
        return found

    @property
    def sites(self) -> frozenset[str]:
        """The limb sites the case's findings name (their locations) and its ICD-10 codes name: the body
        part a limb study is of (empty: not said)."""
        key = (_SITES, id(self.facts))
        found = self.memo.get(key)
        if found is None:
            vocab, named = vocabulary(), set()
            for records in self.facts.values():
                for r in records:
                    if r.present and r.location:
                        named |= _sites_named(r.location)
            for code in self.case.request.icd10:
                named |= vocab.sites_of_icd10(code)
            found = self.memo[key] = frozenset(named)
        return found

    def age(self, unit: str = "years") -> int:
        return self.years if unit == "years" else age_in(self.case.patient.birth_date, self.today, unit)


_SITES = object()  # memo key of the case's sites
_SITES_NAMED: dict[str, frozenset[str]] = {}  # location text -> the sites it names (locations repeat)


def _sites_named(location: str) -> frozenset[str]:
    found = _SITES_NAMED.get(location)
    if found is None:
        found = vocabulary().sites_named(location)
        if len(_SITES_NAMED) < 10_000:
            _SITES_NAMED[location] = found
    return found


_BITS: dict[str, int] = {}  # fact name -> its bit, assigned on first use


def fact_bit(name: str) -> int:
    bit = _BITS.get(name)
    if bit is None:
        bit = _BITS[name] = 1 << len(_BITS)
    return bit


def fact_mask(names) -> int:
    """The bits of these fact names: a set of facts as one int, so that "does the case document
    any of these facts?" is one ``&``."""
    mask = 0
    for name in names:
        bit = _BITS.get(name)
        if bit is None:
            return _new_bits(names)
        mask |= bit
    return mask


def _new_bits(names) -> int:
    """``fact_mask`` of names some of which have no bit yet: those get theirs in name order, so that the
    same calls give the same bits in every process (the bits are written into generated source)."""
    for name in sorted(set(names) - _BITS.keys()):
        fact_bit(name)
    return fact_mask(names)


def index_facts(case: Case, masked: bool = False):
    """The case's fact records by name, with the facts its ICD-10 codes document (read-only); with
    ``masked``, also their ``fact_mask``."""
    facts: dict[str, list[FactRecord]] = {}
    mask, bits = 0, _BITS
    for rec in case.clinical.facts:
        name = rec.fact
        if name in facts:
            facts[name].append(rec)
        else:
            facts[name] = [rec]
            mask |= bits.get(name) or fact_mask((name,))
    codes = case.request.icd10
    if codes:
        explicit = set(facts)
        for icd in codes:
            for name, rec in _icd10_records(icd):
                if name in explicit:  # the case's own (dated) record of a fact wins over a code
                    continue
                if name in facts:
                    facts[name].append(rec)
                else:
                    facts[name] = [rec]
                    mask |= bits.get(name) or fact_mask((name,))
    return (facts, mask) if masked else facts


_OTHER_SIDE = {"left": "right", "right": "left"}


def _without(facts: dict[str, list[FactRecord]], drop) -> tuple[dict[str, list[FactRecord]], int | None, list[str]]:
    """``facts`` without the records ``drop`` says, with their mask and the names of the facts that lost
    records (nothing lost: ``facts`` itself, and no mask)."""
    kept, other = {}, []
    for name, records in facts.items():
        own = [r for r in records if not drop(r)]
        if len(own) < len(records):
            other.append(name)
        if own:
            kept[name] = own
    return (kept, fact_mask(kept), other) if other else (facts, None, other)


def of_side(facts: dict[str, list[FactRecord]], side: str) -> tuple[dict[str, list[FactRecord]], int | None, list[str]]:
    """``facts`` without the records of the other side than ``side`` (left or right): the findings of the
    limb being imaged (see ``_without``)."""
    other_side = _OTHER_SIDE[side]
    return _without(facts, lambda r: r.side == other_side)


_LIMBS_NAMED: dict[str, frozenset[str]] = {}  # location text -> the limbs it names (locations repeat)


def of_limb(facts: dict[str, list[FactRecord]], limb: str) -> tuple[dict[str, list[FactRecord]], int | None, list[str]]:
    """``facts`` without the records located only in another limb than ``limb`` (a scaphoid fracture for a
    leg MRI; see ``_without``)."""
    def elsewhere(r: FactRecord) -> bool:
        where = r.location
        if not where:
            return False
        named = _LIMBS_NAMED.get(where)
        if named is None:
            named = vocabulary().limbs_named(where)
            if len(_LIMBS_NAMED) < 10_000:
                _LIMBS_NAMED[where] = named
        return bool(named) and limb not in named

    return _without(facts, elsewhere)
