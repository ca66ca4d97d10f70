"""Scoring extraction against the annotated note set (``tests/data/notes``).

Units compared per note, as multisets:
- a fact: (name, documented true/false, value) — the value only for number and enum facts,
  numbers equal to 0.05; location, side and dates are not part of the key;
- a treatment: its kind; a prior study: its modality and region; an encounter: its date and mode.
Negation accuracy: of the gold facts whose name (and location) the extractor also produced, the
share with the same true/false. Determination agreement: the note-only case gets the gold case's
outcome (and, strictly, the same deciding sections).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..case import Clinical


def _value(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return round(float(v) * 20) / 20
    return v


def units(clinical: Clinical | dict) -> Counter:
    """The comparable units of a clinical block, each keyed by its type ('fact:fever', ...)."""
    c = clinical if isinstance(clinical, Clinical) else Clinical.model_validate(clinical or {})
    out: Counter = Counter()
    for f in c.facts:
        out[(f"fact:{f.fact}", f.present, _value(f.value) if f.present else None)] += 1
    for t in c.treatments:
        out[(f"treatment:{t.kind}",)] += 1
    for m in c.imaging:
        out[(f"imaging:{m.modality}", m.region)] += 1
    for e in c.encounters:
        out[("encounter", str(e.date), e.mode)] += 1
    return out


def polarity(clinical: Clinical | dict) -> dict[tuple, set[bool]]:
    c = clinical if isinstance(clinical, Clinical) else Clinical.model_validate(clinical or {})
    out: dict[tuple, set[bool]] = defaultdict(set)
    for f in c.facts:
        out[(f.fact, f.location)].add(f.present)
    return out


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    negation_right: int = 0
    negation_total: int = 0
    notes: int = 0
    outcome_agree: int = 0
    strict_agree: int = 0
    outcomes: Counter = field(default_factory=Counter)  # (expected outcome, the note-only case's outcome) -> notes

    def add(self, gold: Counter, got: Counter) -> None:
        for key in set(gold) | set(got):
            kind = key[0]
            both = min(gold[key], got[key])
            self.tp[kind] += both
            self.fp[kind] += got[key] - both
            self.fn[kind] += gold[key] - both

    def prf(self, kinds=None) -> tuple[float, float, float]:
        ks = kinds if kinds is not None else set(self.tp) | set(self.fp) | set(self.fn)
        tp = sum(self.tp[k] for k in ks)
        fp = sum(self.fp[k] for k in ks)
        fn = sum(self.fn[k] for k in ks)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_note_set(folder: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text()) for p in sorted(folder.glob("*.yaml"))]


def note_case(entry: dict) -> dict:
    """The note-only case: the request and the note, no structured clinical facts."""
    return {"id": entry["id"], "policy_set": entry["policy_set"], "patient": entry["patient"],
            "request": entry["request"], "notes": [{"text": entry["note"], "date": entry.get("note_date")}]}


def gold_case(entry: dict) -> dict:
    return {"id": entry["id"], "policy_set": entry["policy_set"], "patient": entry["patient"],
            "request": entry["request"], "clinical": entry.get("gold") or {}}
