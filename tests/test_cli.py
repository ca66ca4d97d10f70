"""The command line: output, exit codes, and one-line errors for bad input."""

import json
from pathlib import Path

from typer.testing import CliRunner

from necessity.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_review_prints_outcome_sections_and_reasons():
    r = run("review", str(EXAMPLES / "lumbar-radiculopathy-approve.json"))
    assert r.exit_code == 0
    assert "APPROVE" in r.stdout and "SP-6.1" in r.stdout and "criteria met for 72148" in r.stdout


def test_review_json_is_the_determination():
    r = run("review", "--json", str(EXAMPLES / "neck-pain-pend-no-treatment.json"))
    assert r.exit_code == 0
    d = json.loads(r.stdout)
    assert d["outcome"] == "pend" and d["sections"] == ["SP-3.1"]
    assert [m["id"] for m in d["missing"]] == ["SP-1.0#trial_6wk", "SP-1.0#reevaluation"]
    assert d["trace"] and d["trace"][0]["section"]


def test_review_several_files_and_stdin():
    text = (EXAMPLES / "cauda-equina-red-flag.json").read_text()
    r = run("review", "--json", str(EXAMPLES / "intraoperative-ultrasound-not-required.json"), "-", input=text)
    assert r.exit_code == 0
    outcomes = [d["outcome"] for d in json.loads(r.stdout)]
    assert outcomes == ["not_required", "approve"]


def test_a_bad_case_in_a_batch_is_reported_and_the_others_reviewed(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"policy_set": "evicore"}')
    good = str(EXAMPLES / "neck-pain-pend-no-treatment.json")
    r = run("review", "--json", good, str(bad), str(EXAMPLES / "cauda-equina-red-flag.json"))
    assert r.exit_code == 2
    assert [d["outcome"] for d in json.loads(r.stdout)] == ["pend", "approve"]
    assert "patient" in r.stderr and "1 of 3 cases could not be reviewed" in r.stderr
    assert "Traceback" not in r.stdout + r.stderr


def test_a_folder_stands_for_its_case_files(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text((EXAMPLES / "cauda-equina-red-flag.json").read_text())
    (tmp_path / "notes.txt").write_text("not a case")
    r = run("review", "--json", str(tmp_path))
    assert r.exit_code == 0
    assert [d["outcome"] for d in json.loads(r.stdout)] == ["approve", "approve"]
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("review", str(empty))
    assert r.exit_code == 2 and "no .json case files" in r.stderr


def test_explain_shows_criteria_and_evidence():
    r = run("explain", str(EXAMPLES / "lumbar-radiculopathy-approve.json"))
    assert r.exit_code == 0
    assert "SP-1.0#in_person_60d" in r.stdout and "in-person encounter on 2026-10-20" in r.stdout


def test_explain_fails_hides_what_was_met():
    r = run("explain", "--fails", str(EXAMPLES / "neck-pain-pend-no-treatment.json"))
    assert r.exit_code == 0
    assert "SP-1.0#trial_6wk" in r.stdout and "SP-1.0#in_person_60d" not in r.stdout


def test_bad_input_is_one_line_with_exit_2(tmp_path):
    case = json.loads((EXAMPLES / "cauda-equina-red-flag.json").read_text())
    case["request"]["date"] = "2026-10-01"  # before the encounters
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(case))
    r = run("review", str(f))
    assert r.exit_code == 2
    assert "after the request date" in r.stderr and "Traceback" not in r.stderr + r.stdout
    assert len(r.stderr.strip().splitlines()) <= 2


def test_invalid_json_and_missing_file():
    r = run("review", "-", input="{nope")
    assert r.exit_code == 2 and "invalid JSON" in r.stderr
    r = run("review", "does-not-exist.json")
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_guidelines_lists_and_shows_a_section():
    r = run("guidelines")
    assert r.exit_code == 0 and "SP-16.4" in r.stdout and "Spine Imaging Guidelines" in r.stdout
    r = run("guidelines", "SP-9.1")  # an alias the document cites
    assert r.exit_code == 0 and "Lumbar Spinal Stenosis" in r.stdout
    r = run("guidelines", "ONC-31.5")
    assert r.exit_code == 2 and "not loaded" in r.stderr


def test_check_passes_on_shipped_data_and_fails_on_broken(tmp_path):
    assert run("check").exit_code == 0
    r = run("check", "--path", str(tmp_path))
    assert r.exit_code == 2 and "policy_sets.yaml" in r.stderr


def test_schema_commands():
    for which in ("case", "determination", "guideline"):
        r = run("schema", which)
        assert r.exit_code == 0 and json.loads(r.stdout)["type"] == "object"
    assert "trace" in json.loads(run("schema", "determination").stdout)["properties"]
    assert run("schema", "nope").exit_code == 2


def test_all_policies_side_by_side():
    r = run("review", "--all-policies", "--json", str(EXAMPLES / "lumbar-radiculopathy-approve.json"))
    assert r.exit_code == 0
    by_set = json.loads(r.stdout)
    assert set(by_set) == {"evicore", "cohere"}
    assert by_set["evicore"]["outcome"] == "approve" and by_set["evicore"]["sections"] == ["SP-6.1"]
    assert by_set["cohere"]["outcome"] == "physician_review"
    table = run("review", "--all-policies", str(EXAMPLES / "lumbar-radiculopathy-approve.json"))
    assert table.exit_code == 0 and "evicore" in table.stdout and "cohere" in table.stdout
