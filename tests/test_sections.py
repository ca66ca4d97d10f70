"""Every section id a document defines or cites is encoded (as a section, chapter or alias), and
every encoded section of every loaded document has golden cases that approve and that do not."""

import re
from pathlib import Path

import pytest

from necessity.golden import load_cases
from necessity.policy.loader import registry

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CASES = Path(__file__).parent / "cases"


def _documents():
    seen = {}
    for ps in registry().policy_sets.values():
        for g in ps.guidelines:
            seen.setdefault(g.manifest.id, (ps, g))
    return [seen[k] for k in sorted(seen)]


DOCUMENTS = _documents()
IDS = [g.manifest.id for _, g in DOCUMENTS]


def _document_ids(path: Path, prefix: str) -> set[str]:
    text = re.sub(rf"{prefix}-\s+", f"{prefix}-", path.read_text(encoding="utf-8"))
    return set(re.findall(rf"\b{prefix}-\d+(?:\.\d+)?\b", text))


@pytest.mark.parametrize("ps,g", DOCUMENTS, ids=IDS)
def test_every_id_in_the_document_is_encoded(ps, g):
    source = SEEDS / g.manifest.source
    if not source.is_file():
        pytest.skip("the guideline documents (../shared/seeds) are not beside this checkout")
    if not re.fullmatch(r"[A-Za-z]+", g.manifest.section_prefix):
        pytest.skip("the document has no section numbers of its own (ids are ours)")
    known = set(g.section_index) | set(g.chapters) | set(g.aliases)
    ids = _document_ids(source, g.manifest.section_prefix)
    missing = sorted(ids - known)
    assert not missing, f"{g.manifest.section_prefix} ids in the document but not encoded: {missing}"


@pytest.mark.parametrize("ps,g", DOCUMENTS, ids=IDS)
def test_every_section_has_met_and_not_met_golden_cases(ps, g):
    if not g.sections:
        pytest.skip(f"{g.manifest.title} is not encoded yet")
    by_section: dict[str, set[str]] = {}
    for case in load_cases(CASES):
        if case.file.parent.name == g.manifest.id:
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
