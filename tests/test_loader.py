"""Guideline files are validated at load, and failures name the file, the section and the problem."""

import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml

from necessity.errors import GuidelineError
from necessity.policy.loader import load_registry

SHIPPED = Path(str(resources.files("necessity.guidelines")))


@pytest.fixture
def tree(tmp_path):
    dst = tmp_path / "guidelines"
    shutil.copytree(SHIPPED, dst, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return dst


def edit(tree: Path, rel: str, fn) -> None:
    path = tree / rel
    data = yaml.safe_load(path.read_text())
    fn(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def section(data, sid):
    return next(s for s in data["sections"] if s["id"] == sid)


def failure(tree) -> GuidelineError:
    with pytest.raises(GuidelineError) as info:
        load_registry(tree)
    return info.value


def test_shipped_guidelines_load(tree):
    reg = load_registry(tree)
    assert {"evicore", "cohere"} <= set(reg.policy_sets)


def test_unknown_key_names_file_section_and_key(tree):
    edit(tree, "evicore/spine.yaml", lambda d: section(d, "SP-6.1").update(colour="blue"))
    e = failure(tree)
    assert e.file == "evicore/spine.yaml" and e.section == "SP-6.1"
    assert "unknown key 'colour'" in e.message


def test_unknown_key_inside_a_criterion(tree):
    def change(d):
        section(d, "SP-6.1")["indications"][0]["criteria"] = {"fact": "radicular_pain", "gte": 9, "severity": 2}
    edit(tree, "evicore/spine.yaml", change)
    e = failure(tree)
    assert e.section == "SP-6.1" and "severity" in e.message


def test_unknown_fact(tree):
    edit(tree, "evicore/spine.yaml",
         lambda d: section(d, "SP-6.1")["indications"][0].update(criteria={"fact": "leg_hurts"}))
    e = failure(tree)
    assert e.section == "SP-6.1" and "unknown fact 'leg_hurts'" in e.message and e.code == "GUIDELINE-FACT"


def test_reference_to_undefined_criterion(tree):
    edit(tree, "evicore/spine.yaml",
         lambda d: section(d, "SP-6.1")["indications"][0].update(criteria={"ref": "SP-1.0#nothing_here"}))
    e = failure(tree)
    assert e.section == "SP-6.1" and "SP-1.0#nothing_here" in e.message and e.code == "GUIDELINE-REFERENCE"


def test_code_not_in_code_table(tree):
    edit(tree, "evicore/spine.yaml",
         lambda d: section(d, "SP-6.1")["indications"][0]["studies"].append({"codes": ["99999"]}))
    e = failure(tree)
    assert e.section == "SP-6.1" and "99999" in e.message and e.code == "GUIDELINE-CODE"


def test_cited_section_that_exists_nowhere(tree):
    edit(tree, "evicore/spine.yaml", lambda d: section(d, "SP-6.1")["see"].append("SP-99.9"))
    e = failure(tree)
    assert e.section == "SP-6.1" and "SP-99.9" in e.message


def test_duplicate_section_id(tree):
    edit(tree, "evicore/spine.yaml", lambda d: d["sections"].append(dict(section(d, "SP-7"))))
    e = failure(tree)
    assert e.section == "SP-7" and "twice" in e.message


def test_unknown_predicate(tree):
    edit(tree, "evicore/spine.yaml",
         lambda d: section(d, "SP-6.1")["indications"][0].update(criteria={"predicate": "moon_phase"}))
    e = failure(tree)
    assert "moon_phase" in e.message and e.code == "GUIDELINE-PREDICATE"


def test_alias_to_missing_section(tree):
    edit(tree, "evicore/spine.yaml", lambda d: d["aliases"].update({"SP-77.1": "SP-77"}))
    e = failure(tree)
    assert "SP-77" in e.message


def test_invalid_yaml_is_reported_with_the_file(tree):
    (tree / "evicore/spine.yaml").write_text("guideline: [unclosed\n")
    e = failure(tree)
    assert e.file == "evicore/spine.yaml" and e.code == "GUIDELINE-YAML"


def test_code_sites_name_known_sites_and_regions(tree):
    edit(tree, "cohere/mri-lower-extremity.yaml",
         lambda d: d["guideline"]["code_sites"].update(lower_extremity=["thigh", "shin bone"]))
    e = failure(tree)
    assert e.file == "cohere/mri-lower-extremity.yaml" and "unknown limb sites ['shin bone']" in e.message
    shutil.rmtree(tree)
    shutil.copytree(SHIPPED, tree, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    edit(tree, "cohere/mri-lower-extremity.yaml", lambda d: d["guideline"]["code_sites"].update(pelvis=["hip"]))
    assert "no code of region 'pelvis'" in failure(tree).message
