"""The annotated note set: every file is well formed, and the structured version of each case
(request + gold facts) gets the determination the annotator expects."""

from pathlib import Path

import pytest
import yaml

from necessity import review
from necessity.golden import GoldenCase, _jsonable, check

NOTES = sorted((Path(__file__).parent / "data" / "notes").glob("*.yaml"))
KEYS = {"id", "split", "style", "policy_set", "patient", "request", "note_date", "note", "gold", "expected"}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) == KEYS, f"{path.name}: keys {sorted(set(data) ^ KEYS)} differ from the format"
    assert data["split"] in {"tune", "heldout"} and data["id"] == path.stem
    assert len(data["note"].split()) >= 15, f"{path.name}: a note should read like a note"
    return _jsonable(data)


@pytest.mark.parametrize("path", NOTES, ids=[p.stem for p in NOTES])
def test_structured_case_gets_the_expected_determination(path):
    data = _load(path)
    case = {"id": data["id"], "policy_set": data["policy_set"], "patient": data["patient"],
            "request": data["request"], "clinical": data["gold"],
            "notes": [{"text": data["note"], "date": data["note_date"]}]}
    golden = GoldenCase(path, "", data["id"], "", case, data["expected"])
    problems = check(golden, review(case, read_notes=False))
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_the_set_keeps_a_held_out_part():
    if not NOTES:
        pytest.skip("no annotated notes yet")
    splits = [yaml.safe_load(p.read_text())["split"] for p in NOTES]
    assert splits.count("heldout") >= len(splits) // 5
