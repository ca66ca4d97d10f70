"""Golden cases as data: ``<cases>/<guideline>/<SECTION>.yaml``, one file per section.

Policy teams keep these beside each guideline they encode; ``necessity test DIR`` runs them and
``necessity coverage DIR`` reports which criteria they ever saw true, false and unknown.

A file holds ``section``, optional ``defaults`` (a partial case) and ``cases``; each case's
``case`` is deep-merged over the defaults (mappings merge, lists replace) and ``expect`` says:
  outcome        approve | approve_alternative | pend | physician_review | not_required
  sections       the deciding section ids, exactly (order ignored)
  alternative    the alternative code (approve_alternative, or pend for an alternative)
  missing        criterion ids of the pend list, exactly (order ignored)
  missing_includes  criterion ids that must be among the pend list
  reasons_include   substrings that must appear in the joined reasons/notes
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import yaml

EXPECT_KEYS = {"outcome", "sections", "alternative", "missing", "missing_includes", "reasons_include"}


@dataclass
class GoldenCase:
    file: Path
    section: str
    name: str
    note: str
    case: dict
    expect: dict

    @property
    def id(self) -> str:
        return f"{self.file.parent.name}/{self.file.stem}::{self.name}"


def deep_merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = deep_merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def _jsonable(value):
    """YAML turns ISO dates into date objects; cases are JSON, so turn them back into strings."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def load_cases(root: Path) -> list[GoldenCase]:
    out = []
    for file in sorted(root.glob("*/*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        unknown = set(data) - {"section", "defaults", "cases"}
        assert not unknown, f"{file}: unknown keys {unknown}"
        defaults = _jsonable(data.get("defaults") or {})
        for i, entry in enumerate(data["cases"]):
            unknown = set(entry) - {"name", "note", "case", "expect"}
            assert not unknown, f"{file} case {i}: unknown keys {unknown}"
            bad = set(entry["expect"]) - EXPECT_KEYS
            assert not bad, f"{file} case {entry.get('name', i)}: unknown expect keys {bad}"
            out.append(GoldenCase(file, data["section"], entry["name"], entry.get("note", ""),
                                  deep_merge(defaults, _jsonable(entry.get("case") or {})), entry["expect"]))
    return out


def check(golden: GoldenCase, determination) -> list[str]:
    """Differences between the determination and the expectation (empty when it matches)."""
    d, e, problems = determination, golden.expect, []
    if d.outcome != e["outcome"]:
        problems.append(f"outcome {d.outcome!r} != expected {e['outcome']!r}")
    if "sections" in e and sorted(d.sections) != sorted(e["sections"]):
        problems.append(f"sections {d.sections} != expected {e['sections']}")
    if "alternative" in e:
        got = d.alternative.code if d.alternative else None
        if got != e["alternative"]:
            problems.append(f"alternative {got} != expected {e['alternative']}")
    ids = sorted(m.id for m in d.missing)
    if "missing" in e and ids != sorted(e["missing"]):
        problems.append(f"missing {ids} != expected {sorted(e['missing'])}")
    for m in e.get("missing_includes", []):
        if m not in ids:
            problems.append(f"missing item {m} not among {ids}")
    text = " ".join(d.reasons + d.notes).lower()
    for frag in e.get("reasons_include", []):
        if frag.lower() not in text:
            problems.append(f"reasons do not mention {frag!r}")
    return problems


def coverage(cases: list[GoldenCase], review) -> dict[str, set[str]]:
    """criterion id -> the values ("true", "false", "unknown") golden cases made it take."""
    seen: dict[str, set[str]] = {}
    for g in cases:
        d = review(g.case)
        for cid, value in d.criterion_values().items():
            seen.setdefault(cid, set()).add("true" if value is True else "false" if value is False else "unknown")
    return seen
