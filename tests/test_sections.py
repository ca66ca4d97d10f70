"""Every section id the Spine document defines or cites is encoded (as a section, chapter or alias),
and every encoded section has golden cases that approve and that do not."""

import re
from pathlib import Path

import pytest

from necessity.policy.loader import registry

from necessity.golden import load_cases

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SPINE = SEEDS / "004_00ec8be0c9ee0c3b.txt"


def _document_ids(path: Path, prefix: str) -> set[str]:
    text = re.sub(rf"{prefix}-\s+", f"{prefix}-", path.read_text(encoding="utf-8"))
    return set(re.findall(rf"\b{prefix}-\d+(?:\.\d+)?\b", text))


def _spine():
    ps = registry().policy_sets["evicore"]
    return next(g for g in ps.guidelines if g.manifest.id == "evicore-spine")


@pytest.mark.skipif(not SPINE.is_file(), reason="the guideline documents (../shared/seeds) are not beside this checkout")
def test_every_sp_id_in_the_document_is_encoded():
    g = _spine()
    known = set(g.section_index) | set(g.chapters) | set(g.aliases)
    ids = _document_ids(SPINE, "SP")
    assert len(ids) > 50
    missing = sorted(ids - known, key=lambda s: [int(x) for x in s[3:].split(".")])
    assert not missing, f"SP ids in the document but not encoded: {missing}"


def test_every_encoded_spine_section_has_met_and_not_met_golden_cases():
    g = _spine()
    by_section: dict[str, set[str]] = {}
    for case in load_cases(Path(__file__).parent / "cases"):
        if case.file.parent.name == "evicore-spine":
            by_section.setdefault(case.section, set()).add(case.expect["outcome"])
    problems = []
    for sec in g.sections:
        outcomes = by_section.get(sec.id, set())
        if not outcomes & {"approve", "approve_alternative"}:
            problems.append(f"{sec.id}: no approving case")
        if not outcomes & {"pend", "physician_review", "not_required"}:
            problems.append(f"{sec.id}: no case that is not approved")
    assert not problems, "\n".join(problems)


def test_aliases_resolve_to_the_section_the_document_means():
    ps = registry().policy_sets["evicore"]
    assert ps.resolve_section("SP-9.1")[1] == "SP-9"
    assert ps.resolve_section("SP-11.1")[1] == "SP-11"
    _, canon, external = ps.resolve_section("ONC-31.5")
    assert canon == "ONC-31.5" and external == "eviCore Oncology Imaging Guidelines"
