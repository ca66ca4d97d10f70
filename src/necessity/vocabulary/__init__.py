"""The fact vocabulary: one catalog (``facts.yaml``) shared by cases, extractor and guidelines.

Also the ICD-10-CM side: validating codes against the table shipped by ``simple-icd-10-cm``
and mapping code prefixes to presenting-scenario facts (``icd10_scenarios.yaml``).
"""

from __future__ import annotations

import re

import hashlib
import importlib.util
import os
import pickle
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

try:  # the C loader is several times faster; fall back where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def load_yaml(text: str):
    """Parse YAML, through an on-disk cache keyed by the text's hash: parsing the guideline data is
    most of a cold start, and the data only changes with a new release (or an author's edit)."""
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    path = _cache_dir() / f"{key}.pickle" if _cache_dir() else None
    if path is not None:
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.PickleError, EOFError, ValueError):
            pass
    data = yaml.load(text, Loader=_Loader)
    if path is not None:
        try:
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
        except OSError:
            pass  # a read-only home is fine: parse every time
    return data


@cache
def _cache_dir() -> Path | None:
    if os.environ.get("NECESSITY_NO_CACHE"):
        return None
    base = Path(os.environ.get("NECESSITY_CACHE_DIR") or
                Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "necessity" / "yaml-v1")
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base


@dataclass(frozen=True)
class FactDef:
    name: str
    category: str
    type: str  # boolean | number | enum
    meaning: str
    question: str
    unit: str | None = None
    range: tuple[float, float] | None = None
    values: str | None = None  # enum name for enum facts
    starts_episode: bool = False  # its date is when the episode began (an injury), not when it was documented


@dataclass(frozen=True)
class Vocabulary:
    facts: dict[str, FactDef]
    enums: dict[str, dict[str, str]]
    icd10_rules: tuple[tuple[str, tuple[tuple[str, str | None], ...], str], ...] = field(default=())  # (prefix, (fact, value)s, label)
    region_includes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    region_groups: tuple[frozenset[str], ...] = field(default=())
    limbs: tuple[tuple[str, frozenset[str], re.Pattern], ...] = field(default=())  # (limb, its regions, its words)
    limb_spine: dict[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)  # limb -> (roots, cord)
    sites: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())  # (site, icd10 prefixes)
    site_of_word: dict[str, frozenset[str]] = field(default_factory=dict)
    site_words: re.Pattern | None = None  # every site's words, the longest first
    spine_pain: dict[str, tuple[str, ...]] = field(default_factory=dict)  # spine region -> the pain facts that make it symptomatic

    def limb_of_region(self, region: str) -> str | None:
        """The limb a study of ``region`` images (None: not a limb study)."""
        for limb, regions, _ in self.limbs:
            if region in regions:
                return limb
        return None

    def limbs_named(self, location: str) -> frozenset[str]:
        """The limbs a location names (``"left distal radius"`` -> upper)."""
        return frozenset(limb for limb, _, words in self.limbs if words.search(location))

    def spine_regions_of(self, location: str, cord: bool = False) -> frozenset[str] | None:
        """The spine regions a finding located at ``location`` can come from: the roots of the one limb
        it names (with ``cord``, also where a cord lesion would weaken that limb); None when it names
        no limb or both."""
        limbs = self.limbs_named(location)
        if len(limbs) != 1:
            return None
        roots, through_cord = self.limb_spine[next(iter(limbs))]
        return through_cord if cord else roots

    def sites_named(self, location: str) -> frozenset[str]:
        """The limb sites a location names (``"R medial meniscus"`` -> knee)."""
        if self.site_words is None:
            return frozenset()
        return frozenset(site for m in self.site_words.finditer(location) for site in self.site_of_word[m.group(1).lower()])

    def sites_of_icd10(self, code: str) -> frozenset[str]:
        """The limb sites an ICD-10 code names (``S93.401A`` -> ankle)."""
        bare = code.replace(".", "").upper()
        return frozenset(site for site, prefixes in self.sites if bare.startswith(prefixes))

    def regions_for(self, region: str) -> tuple[str, ...]:
        """The region itself and the regions a prior study of which counts for it."""
        return (region, *self.region_includes.get(region, ()))

    def related(self, a: str, b: str) -> bool:
        """Regions that answer the same clinical question."""
        return a == b or any(a in g and b in g for g in self.region_groups)

    def enum_values(self, name: str) -> dict[str, str]:
        return self.enums[name]

    def facts_for_icd10(self, code: str) -> list[tuple[str, str, str | None]]:
        """(fact, label, value) triples an ICD-10 code documents as true (value: an enum fact's, or None)."""
        bare = code.replace(".", "").upper()
        hit = _ICD10_FACTS.get(bare)
        if hit is None:
            hit = _ICD10_FACTS[bare] = [(f, label, v) for prefix, facts, label in self.icd10_rules
                                        if bare.startswith(prefix) for f, v in facts]
        return hit


_ICD10_FACTS: dict[str, list[tuple[str, str]]] = {}  # the catalog is fixed per process


_CATEGORIES = {"scenario", "symptom", "exam", "history", "finding", "lab", "device", "plan"}


@cache
def vocabulary() -> Vocabulary:
    base = resources.files(__name__)
    # one catalog, kept in facts.yaml plus optional facts-<topic>.yaml parts (merged; a name twice is an error)
    parts = sorted((f for f in base.iterdir() if f.name.startswith("facts") and f.name.endswith(".yaml")),
                   key=lambda f: (f.name != "facts.yaml", f.name))
    enums: dict[str, dict[str, str]] = {}
    raw_facts: dict[str, dict] = {}
    regions: dict = {"includes": {}, "related": [], "limbs": {}, "sites": {}, "spine_pain": {}}
    for part in parts:
        raw = load_yaml(part.read_text(encoding="utf-8")) or {}
        unknown = set(raw) - {"enums", "facts", "regions"}
        if unknown:
            raise ValueError(f"{part.name}: unknown keys {sorted(unknown)}")
        for ename, values in (raw.get("enums") or {}).items():
            merged = enums.setdefault(ename, {})
            for k, v in values.items():
                if k in merged:
                    raise ValueError(f"{part.name} § enum {ename}: value {k!r} defined twice")
                merged[k] = v
        for key, value in (raw.get("regions") or {}).items():
            if key not in regions:
                raise ValueError(f"{part.name} § regions: unknown key {key!r}")
            if key in ("includes", "limbs", "sites", "spine_pain"):
                regions[key].update(value)
            else:
                regions["related"] += value
        for name, spec in (raw.get("facts") or {}).items():
            if name in raw_facts:
                raise ValueError(f"{part.name} § {name}: fact defined twice")
            raw_facts[name] = spec
    facts: dict[str, FactDef] = {}
    for name, spec in raw_facts.items():
        unknown = set(spec) - {"category", "type", "unit", "range", "values", "meaning", "question", "starts_episode"}
        if unknown:
            raise ValueError(f"facts.yaml § {name}: unknown keys {sorted(unknown)}")
        ftype = spec.get("type", "boolean")
        if spec["category"] not in _CATEGORIES:
            raise ValueError(f"facts.yaml § {name}: unknown category {spec['category']!r}")
        if ftype == "enum" and spec.get("values") not in enums:
            raise ValueError(f"facts.yaml § {name}: enum fact needs 'values' naming an enum")
        facts[name] = FactDef(
            name=name,
            category=spec["category"],
            type=ftype,
            meaning=spec["meaning"],
            question=spec["question"],
            unit=spec.get("unit"),
            range=tuple(spec["range"]) if spec.get("range") else None,
            values=spec.get("values"),
            starts_episode=bool(spec.get("starts_episode", False)),
        )
    rules_raw = load_yaml(base.joinpath("icd10_scenarios.yaml").read_text(encoding="utf-8"))["rules"]
    rules = []
    for rule in rules_raw:
        for f in rule["facts"]:
            if f not in facts:
                raise ValueError(f"icd10_scenarios.yaml § {rule['prefix']}: unknown fact {f!r}")
        values = rule.get("values") or {}
        for f, v in values.items():  # an enum fact the code also names the value of (M41.12: idiopathic)
            if f not in rule["facts"] or facts[f].type != "enum" or v not in enums[facts[f].values]:
                raise ValueError(f"icd10_scenarios.yaml § {rule['prefix']}: value {v!r} is not one of its enum fact {f!r}")
        unknown = set(rule) - {"prefix", "facts", "label", "values"}
        if unknown:
            raise ValueError(f"icd10_scenarios.yaml § {rule['prefix']}: unknown keys {sorted(unknown)}")
        rules.append((rule["prefix"], tuple((f, values.get(f)) for f in rule["facts"]), rule["label"]))
    known = set(enums["region"])
    bad = {r for k, v in regions["includes"].items() for r in [k, *v]} | {r for g in regions["related"] for r in g}
    if bad - known:
        raise ValueError(f"regions: unknown regions {sorted(bad - known)}")
    for limb, spec in regions["limbs"].items():
        if (set(spec) != {"regions", "roots", "cord", "words"}
                or (set(spec["regions"]) | set(spec["roots"]) | set(spec["cord"])) - known):
            raise ValueError(f"regions § limbs § {limb}: needs 'regions', 'roots' and 'cord' (known regions) and 'words'")
    limbs = tuple((limb, frozenset(spec["regions"]), re.compile(
        r"\b(?:" + "|".join(re.escape(w) for w in sorted(spec["words"], key=len, reverse=True)) + r")s?\b", re.I))
        for limb, spec in regions["limbs"].items())
    limb_spine = {limb: (frozenset(spec["roots"]), frozenset(spec["cord"])) for limb, spec in regions["limbs"].items()}
    for site, spec in regions["sites"].items():
        if set(spec) != {"words", "icd10"} or site not in known:
            raise ValueError(f"regions § sites § {site}: needs a known region name, 'words' and 'icd10'")
    sites = tuple((site, tuple(spec["icd10"])) for site, spec in regions["sites"].items())
    site_of_word: dict[str, frozenset[str]] = {}
    for site, spec in regions["sites"].items():
        for w in spec["words"]:
            site_of_word[w.lower()] = site_of_word.get(w.lower(), frozenset()) | {site}
    site_words = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(site_of_word, key=len, reverse=True))
                            + r")s?\b", re.I)
    spine_pain = {region: tuple(names) for region, names in regions["spine_pain"].items()}
    for region, names in spine_pain.items():
        if region not in known or set(names) - set(facts):
            raise ValueError(f"regions § spine_pain § {region}: needs a known region and known facts")
    return Vocabulary(facts=facts, enums=enums, icd10_rules=tuple(rules), spine_pain=spine_pain,
                      region_includes={k: tuple(v) for k, v in regions["includes"].items()},
                      region_groups=tuple(frozenset(g) for g in regions["related"]), limbs=limbs,
                      limb_spine=limb_spine, sites=sites, site_of_word=site_of_word, site_words=site_words)


@cache
def _icd10_codes() -> frozenset[str]:
    # Read the code list that simple-icd-10-cm ships without importing the package: its import
    # parses the whole tabular XML (~1.7 s), far more than the cold-start budget of a review.
    spec = importlib.util.find_spec("simple_icd_10_cm")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise RuntimeError("simple-icd-10-cm is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    listing = sorted(folder.glob("code-list-*.txt"))
    if not listing:  # pragma: no cover
        raise RuntimeError("simple-icd-10-cm ships no code list")
    with open(listing[-1], encoding="utf-8") as fh:
        return frozenset(fh.read().split())  # one code per line, no spaces inside a code; 3x faster than a per-line loop


def is_valid_icd10(code: str) -> bool:
    bare = code.replace(".", "").strip().upper()
    return bool(bare) and bare in _icd10_codes()
