"""The extraction rules, kept as data (``extract/rules/*.yaml``) and validated at load.

A rule file has up to six lists/maps; every name in it must come from the fact vocabulary::

    facts:        # target rules: phrases (or spaCy token patterns / regexes) that mention a fact
      - fact: sensory_loss
        present: false               # the phrase itself asserts absence ("sensation intact")
        phrases: [sensation intact, SILT]
      - fact: motor_grade
        location: extensor hallucis longus
        phrases: [EHL, great toe extension]
        value: {read: grade}         # a registered value reader (see readers.py)
    treatments:   [{kind: physical_therapy, phrases: [PT, physical therapy]}]
    imaging:      [{modality: xray, phrases: [x-ray, radiographs]}]
    regions:      [{region: lumbar, phrases: [L-spine, lumbar]}]
    context:      [{literal: neg, category: NEGATED_EXISTENCE, direction: BACKWARD}]   # ConText modifiers
    cues:         {response.none: [no relief, ...], encounter.telehealth: [video visit, ...], ...}

A mention's polarity is the rule's ``present`` flipped by a ConText negation; uncertain,
hypothetical and family mentions are dropped unless the rule says otherwise (``uncertain: present``
for "suspected" facts, where "r/o fracture" *is* the suspicion; ``experiencer: family`` for family
history facts).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ExtractionRuleError
from ..vocabulary import load_yaml, vocabulary

_STRICT = ConfigDict(extra="forbid", frozen=True)

Area = Literal["spine", "extremity"]
# The body areas a rule can be limited to, by the requested study's code-table region. A spine
# note's "knee pain" is not a limb finding the spine request is about, and a knee note's "no back
# pain" is not a spine fact; regions in no area (brain, chest, body...) read with every rule.
AREAS: dict[str, frozenset[str]] = {
    **{r: frozenset({"spine"}) for r in ("cervical", "thoracic", "lumbar", "whole_spine", "sacrum_coccyx", "si_joints")},
    **{r: frozenset({"extremity"}) for r in ("hip", "thigh", "knee", "leg", "ankle", "foot", "lower_extremity",
                                             "lower_extremity_joint", "upper_extremity", "upper_extremity_joint",
                                             "extremity", "shoulder", "arm", "elbow", "forearm", "wrist", "hand")},
    "pelvis": frozenset({"spine", "extremity"}),
}


def reads_for(rule: "FactRule", age: int | None, region: str | None) -> bool:
    """Whether ``rule`` reads the notes of a patient of ``age`` years for a study of ``region``."""
    if age is not None and (rule.patients == "children" and age >= 19 or rule.patients == "adults" and age < 18):
        return False
    areas = AREAS.get(region or "")
    return rule.studies is None or areas is None or bool(areas & set(rule.studies))

class ValueReader(BaseModel):
    model_config = _STRICT
    read: Literal["grade", "score", "reflex", "number"]
    unit: str | None = Field(default=None, description="regex the number must be followed by (number reader)")
    before: bool = Field(default=True, description="the number may precede the mention")
    scale: float | None = Field(default=None, description="divide by (e.g. 'of 10' for a score)")
    celsius: str | None = Field(default=None, description="regex of a Celsius unit: a number followed by it is "
                                "converted to Fahrenheit (number reader; 'Temp 38.6 C' is 101.5)")
    not_of: str | None = Field(default=None, description="regex of subjects whose number this is not: a number "
                               "written right after or before one of them ('neck pain 5/10', '4/10 back') is skipped")
    next_sentence: bool = Field(default=False, description="when the mention's sentence has no number, take the "
                                "first one of the next sentence ('R leg pain. VAS 9/10 today.')")
    largest: bool = Field(default=False, description="one value per structure, the fact's value the largest: a "
                          "further value listed after the mention's own ('Cobb 28 deg R thoracic, 41 deg L lumbar') "
                          "counts, and of several mentions the largest value is kept, not the last")

    @field_validator("not_of", "unit", "celsius")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as exc:
                raise ValueError(f"invalid regex {v!r}: {exc}") from None
        return v


class _Target(BaseModel):
    model_config = _STRICT
    phrases: list[str] = Field(default_factory=list)
    patterns: list[list[dict]] = Field(default_factory=list, description="spaCy token patterns")
    regex: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self):
        if not (self.phrases or self.patterns or self.regex):
            raise ValueError("needs phrases, patterns or regex")
        return self


class FactRule(_Target):
    fact: str
    present: bool = True
    value: ValueReader | float | str | None = None
    location: str | None = None
    uncertain: Literal["skip", "present"] | None = Field(
        default=None, description="what an uncertain mention means; default: present for *_suspected facts")
    experiencer: Literal["patient", "family"] = "patient"
    onset: bool = Field(default=False, description="a date in the sentence is when it began (an injury)")
    planned: Literal["skip", "keep"] = Field(default="skip", description="keep: a planned mention is the fact "
                                             "(planned_* facts: 'will schedule L4-5 TFESI')")
    patients: Literal["any", "children", "adults"] | None = Field(
        default=None, description="whose notes the rule reads: children (under 19), adults (18 and over); "
                                  "default: the file's setting")
    negated: Literal["absent", "skip"] = Field(default="absent", description="skip: a negated mention says nothing "
                                               "(e.g. 'no listhesis' in an x-ray report)")
    studies: list[Area] | None = Field(
        default=None, description="read only for requests of these body areas (see AREAS); default: the file's")


class TreatmentRule(_Target):
    kind: str


class ImagingRule(_Target):
    modality: str


class RegionRule(_Target):
    region: str


class ContextRule(BaseModel):
    model_config = _STRICT
    literal: str
    category: Literal["NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL", "HISTORICAL", "FAMILY",
                      "TERMINATE", "PSEUDO"]
    direction: Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"] = "FORWARD"
    pattern: list[dict] | str | None = None
    max_scope: int | None = None


class RuleFile(BaseModel):
    model_config = _STRICT
    patients: Literal["any", "children", "adults"] = Field(
        default="any", description="whose notes this file's fact rules read (pediatric wording means "
                                   "pediatric facts: 'no B/B sx' is bowel_bladder_dysfunction only in a child)")
    studies: list[Area] | None = Field(
        default=None, description="read this file's fact rules only for requests of these body areas "
                                  "(spine, extremity); default: every request")
    facts: list[FactRule] = Field(default_factory=list)
    treatments: list[TreatmentRule] = Field(default_factory=list)
    imaging: list[ImagingRule] = Field(default_factory=list)
    regions: list[RegionRule] = Field(default_factory=list)
    context: list[ContextRule] = Field(default_factory=list)
    cues: dict[str, list[str]] = Field(default_factory=dict)


CUE_GROUPS = ("response.none", "response.minimal", "response.worse", "response.significant", "response.resolved",
              "overall.none", "overall.minimal", "device.mri_conditional", "device.mri_unsafe",
              "hypothetical.purpose",
              "encounter.telehealth", "encounter.phone", "encounter.message", "encounter.visit",
              "treatment.start", "treatment.end", "treatment.ongoing", "treatment.plan", "treatment.self", "onset", "imaging.normal",
              "imaging.abnormal", "imaging.shows", "imaging.equivocal", "imaging.done", "imaging.result_negation", "plan", "episode")


class Rules(BaseModel):
    """All rule files merged; each target keeps its id ``file#index``."""
    model_config = ConfigDict(arbitrary_types_allowed=True)
    facts: dict[str, FactRule]
    treatments: dict[str, TreatmentRule]
    imaging: dict[str, ImagingRule]
    regions: dict[str, RegionRule]
    context: list[ContextRule]
    cues: dict[str, tuple[str, ...]]


def _check(name: str, rf: RuleFile) -> None:
    voc = vocabulary()
    for i, r in enumerate(rf.facts):
        where = f"{name} § facts[{i}]"
        spec = voc.facts.get(r.fact)
        if spec is None:
            raise ExtractionRuleError(f"unknown fact {r.fact!r}", where=where)
        if isinstance(r.value, ValueReader) and spec.type != "number":
            raise ExtractionRuleError(f"fact {r.fact!r} is {spec.type}; only number facts read a value", where=where)
        if isinstance(r.value, str) and (spec.type != "enum" or r.value not in voc.enum_values(spec.values)):
            raise ExtractionRuleError(f"{r.value!r} is not a value of fact {r.fact!r}", where=where)
        if spec.type == "enum" and r.value is None and r.present:
            raise ExtractionRuleError(f"fact {r.fact!r} is an enum: give the value the phrases mean", where=where)
    for key, items, enum in (("treatments", rf.treatments, "treatment_kind"), ("imaging", rf.imaging, "imaging_modality"),
                             ("regions", rf.regions, "region")):
        values = voc.enum_values(enum)
        for i, r in enumerate(items):
            v = getattr(r, {"treatments": "kind", "imaging": "modality", "regions": "region"}[key])
            if v not in values:
                raise ExtractionRuleError(f"unknown {enum} {v!r}", where=f"{name} § {key}[{i}]")
    for k in rf.cues:
        if k not in CUE_GROUPS:
            raise ExtractionRuleError(f"unknown cue group {k!r}; known: {', '.join(CUE_GROUPS)}", where=f"{name} § cues")


@cache
def load_rules() -> Rules:
    """Every ``*.yaml`` under ``extract/rules`` (shipped in the package), validated and merged."""
    return load_rule_folder(resources.files("necessity.extract") / "rules", "extract/rules")


def load_rule_folder(folder, label: str) -> Rules:
    """Validate and merge the rule files of ``folder``; errors name ``label/file § entry``."""
    merged: dict = {"facts": {}, "treatments": {}, "imaging": {}, "regions": {}, "context": [], "cues": {}}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        name = f"{label}/{entry.name}"
        try:
            rf = RuleFile.model_validate(load_yaml(entry.read_text(encoding="utf-8")) or {})
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            loc = ".".join(str(p) for p in err["loc"])
            raise ExtractionRuleError(err["msg"], where=f"{name} § {loc}") from None
        _check(name, rf)
        stem = entry.name.removesuffix(".yaml")
        for key in ("facts", "treatments", "imaging", "regions"):
            for i, r in enumerate(getattr(rf, key)):
                if key == "facts":
                    update = {"patients": r.patients or rf.patients, "studies": r.studies or rf.studies}
                    r = r.model_copy(update=update)
                merged[key][f"{stem}:{key}[{i}]"] = r
        merged["context"] += rf.context
        for k, v in rf.cues.items():
            merged["cues"][k] = tuple(merged["cues"].get(k, ())) + tuple(v)
    return Rules(**merged)
