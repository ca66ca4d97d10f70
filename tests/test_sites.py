"""The limb sites a case names (vocabulary regions.sites): by a finding's location, the longest phrase
winning and an ambiguous bone naming every site it may be; and by ICD-10 code."""

import pytest

from necessity.vocabulary import vocabulary


@pytest.mark.parametrize("location, sites", [
    ("right medial meniscus", {"knee"}),
    ("L tibial plateau", {"knee"}),          # not the lower leg's "tibia"
    ("distal femur", {"knee", "thigh"}),     # a physis at the knee, a bone lesion of the thigh
    ("R ATFL", {"ankle"}),
    ("2nd metatarsal", {"foot"}),
    ("left calf", {"leg"}),
    ("lower leg and ankle", {"leg", "ankle"}),
    ("common peroneal nerve", set()),
    ("L5 dermatome", set()),
])
def test_locations_name_sites(location, sites):
    assert vocabulary().sites_named(location) == sites


@pytest.mark.parametrize("code, sites", [
    ("S83.511A", {"knee"}), ("M25.561", {"knee"}), ("S93.401A", {"ankle"}), ("M25.571", {"ankle", "foot"}),
    ("S92.301A", {"foot"}), ("M79.651", {"thigh"}), ("M16.11", {"hip"}), ("M54.16", set()),
    ("S81.811A", {"leg"}), ("S76.111A", {"knee", "thigh"}),  # quadriceps tendon / patellar ligament ("S81.011A", {"knee"}), ("S80.811A", {"leg"}),
])
def test_icd10_codes_name_sites(code, sites):
    assert vocabulary().sites_of_icd10(code) == sites


def test_every_site_icd10_prefix_begins_a_real_code():
    """A prefix that begins no ICD-10-CM code (a typo such as S811 for S818) silently names no site."""
    import simple_icd_10_cm as icd

    codes = [c.replace(".", "") for c in icd.get_all_codes(True)]
    bad = [(site, p) for site, prefixes in vocabulary().sites for p in prefixes if not any(c.startswith(p) for c in codes)]
    assert not bad
