"""The schema of a guideline data file (pydantic; unknown keys are rejected everywhere).

A criteria node is one mapping whose operator key says what it is:

    {all: [...]}  {any: [...]}  {not: node}  {at_least: 2, of: [...]}
    {ref: "SP-1.2#red_flag"}                      named criterion defined in a section
    {fact: motor_grade, lte: 3}                   fact predicates (three-valued)
    {encounter: {modes: [in_person], within: {days: 60}}}
    {trial: {min_weeks: 6, within: {months: 3}}}  provider-directed treatment trial
    {reevaluation: {after_trial: {...}}}          contact after the trial period
    {imaging: {modality: [xray], region: requested, after_episode_onset: true}}
    {age: {gte: 65}}   {request: {technique: [positional]}}   {predicate: mri_contraindicated}

Every node may carry ``id`` (stable criterion id, unique in its section), ``label`` (short,
in the project's own words) and ``ask`` (the question for a pend list, or false to never ask:
used for exceptions such as red flags, which a provider presents rather than is asked about).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

_STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Window(BaseModel):
    """A span measured back from the request date (calendar months and years)."""

    model_config = _STRICT
    days: int | None = None
    weeks: int | None = None
    months: int | None = None
    years: int | None = None
    inclusive: bool = Field(default=True, description="false: a date exactly the window ago is outside it "
                                                      "(for 'at least N months since', e.g. every 6-12 months)")

    @model_validator(mode="after")
    def _one(self) -> Window:
        if sum(v is not None for v in (self.days, self.weeks, self.months, self.years)) != 1:
            raise ValueError("a window gives exactly one of days, weeks, months, years")
        return self

    def describe(self) -> str:
        for unit in ("days", "weeks", "months", "years"):
            n = getattr(self, unit)
            if n is not None:
                return f"{n} {unit[:-1] if n == 1 else unit}"
        return ""


class _Node(BaseModel):
    model_config = _STRICT
    id: str | None = None
    label: str | None = None
    ask: str | bool | None = None


class AllNode(_Node):
    all: list[Node]


class AnyNode(_Node):
    any: list[Node]


class NotNode(_Node):
    not_: Node = Field(alias="not")


class AtLeastNode(_Node):
    at_least: int = Field(ge=1)
    of: list[Node]


class RefNode(_Node):
    ref: str


class FactNode(_Node):
    fact: str
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    within: Window | None = Field(default=None, description="documented/observed date within the window")
    onset_within: Window | None = None
    onset_before: Window | None = Field(default=None, description="began more than the window ago")
    date_before: Window | None = Field(default=None, description="dated more than the window ago")
    location: list[str] | None = None
    level_prefix: list[str] | None = Field(default=None, description="level starts with one of these (C, T, L, S)")
    named: bool = Field(default=False, description="the record must name its location (e.g. the weak muscle)")
    since_episode: bool = Field(default=False, description="began on/after the current episode's onset (new onset)")


class EncounterSpec(BaseModel):
    model_config = _STRICT
    modes: list[Literal["in_person", "telehealth", "phone", "message"]] = ["in_person"]
    within: Window | None = None
    after_episode_onset: bool = False


class EncounterNode(_Node):
    encounter: EncounterSpec


class TrialSpec(BaseModel):
    model_config = _STRICT
    min_days: int | None = None
    min_weeks: int | None = None
    within: Window | None = Field(default=None, description="the trial ended (or is ongoing) within the window")
    kinds: list[str] | None = Field(default=None, description="treatment kinds that count; all provider-directed kinds when omitted")
    outcome: Literal["failed", "any"] = "failed"
    self_directed: bool = Field(default=False, description="also count treatments the patient directs "
                                                           "(e.g. a self-directed home exercise program)")

    @model_validator(mode="after")
    def _length(self) -> TrialSpec:
        if (self.min_days is None) == (self.min_weeks is None):
            raise ValueError("a trial gives exactly one of min_days, min_weeks")
        return self

    @property
    def days(self) -> int:
        return self.min_days if self.min_days is not None else 7 * self.min_weeks


class TrialNode(_Node):
    trial: TrialSpec


class ReevaluationSpec(BaseModel):
    model_config = _STRICT
    after_trial: TrialSpec
    modes: list[Literal["in_person", "telehealth", "phone", "message"]] = ["in_person", "telehealth", "phone", "message"]


class ReevaluationNode(_Node):
    reevaluation: ReevaluationSpec


class ImagingSpec(BaseModel):
    model_config = _STRICT
    modality: list[str]
    region: Literal["requested"] | list[str] = "requested"
    after_episode_onset: bool = False
    within: Window | None = None
    result: list[Literal["normal", "abnormal", "equivocal"]] | None = None
    finding: list[str] | None = Field(default=None, description="any of these findings shown")
    not_finding: list[str] | None = Field(default=None, description="none of these findings shown")
    after_fact: str | None = Field(default=None, description="taken on/after the latest date of this fact (e.g. spinal_surgery)")
    days_after_onset: int | None = Field(default=None, description="taken at least this many days after the episode began")
    first: bool = Field(default=False, description="only the episode's first such study counts (the 'initial' x-ray): "
                                                   "the earliest taken on/after the episode began, or the earliest at all "
                                                   "when the onset is not documented")
    before_onset: Literal["unknown", "unmet"] | None = Field(
        default=None, description="what a study taken before the episode began (after_episode_onset) or before the "
        "fact's date (after_fact) says: unknown (it is not the current study, and does not say there is none: the "
        "office is asked for one) or unmet; left out: unknown, and unmet under a `not` in the same tree (the loader sets "
        "it; a named criterion referenced under a `not` elsewhere says which it means)")
    before_window: Literal["unknown", "unmet"] = Field(
        default="unmet", description="what a study older than `within` says: unmet (the window times a known study: "
        "'the prior ultrasound within 6 weeks') or unknown (the window asks for a recent study as a prerequisite, "
        "'x-rays within 60 days': an older film is not the recent one and does not say there is none, so the office "
        "is asked for it, as for before_onset)")
    of_presentation: bool = Field(default=False, description="taken for the current presentation: on or after the "
                                  "episode began (a study from before it, e.g. an old comparison film, does not count, "
                                  "and with none since the criterion is unknown); with no onset documented every study counts")
    last: bool = Field(default=False, description="only the most recent such study counts (those of its date): a later "
                                                 "diagnostic film supersedes an earlier non-diagnostic one")
    days_into_trial: TrialSpec | None = Field(default=None, description="taken after a treatment course of this length "
                                                                        "(at least its minimum days after the course began)")
    same_site: bool = Field(default=False, description="only studies of the limb sites (hip, knee, ankle, foot, thigh, "
                            "leg) the case's findings and ICD-10 codes name, when they name any: 'the same body part' "
                            "(an ankle MRI is not the knee's; a study of the limb at large still counts)")


class ImagingNode(_Node):
    imaging: ImagingSpec


class Comparison(BaseModel):
    model_config = _STRICT
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None


class AgeComparison(Comparison):
    unit: Literal["years", "months", "weeks", "days"] = "years"


class AgeNode(_Node):
    age: AgeComparison


class RequestSpec(BaseModel):
    model_config = _STRICT
    technique: list[str] | None = None
    region: list[str] | None = None
    modality: list[str] | None = None
    contrast: list[str] | None = None
    codes: list[str] | None = None


class RequestNode(_Node):
    request: RequestSpec


class PredicateNode(_Node):
    predicate: str
    args: dict[str, Any] = Field(default_factory=dict)


_OPERATORS = (
    "all", "any", "not", "at_least", "ref", "fact", "encounter", "trial",
    "reevaluation", "imaging", "age", "request", "predicate",
)


def _node_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [k for k in _OPERATORS if k in value]
        return found[0] if len(found) == 1 else None
    found = [k for k in _OPERATORS if hasattr(value, k if k != "not" else "not_")]
    return found[0] if found else None


Node = Annotated[
    Union[
        Annotated[AllNode, Tag("all")],
        Annotated[AnyNode, Tag("any")],
        Annotated[NotNode, Tag("not")],
        Annotated[AtLeastNode, Tag("at_least")],
        Annotated[RefNode, Tag("ref")],
        Annotated[FactNode, Tag("fact")],
        Annotated[EncounterNode, Tag("encounter")],
        Annotated[TrialNode, Tag("trial")],
        Annotated[ReevaluationNode, Tag("reevaluation")],
        Annotated[ImagingNode, Tag("imaging")],
        Annotated[AgeNode, Tag("age")],
        Annotated[RequestNode, Tag("request")],
        Annotated[PredicateNode, Tag("predicate")],
    ],
    Discriminator(
        _node_kind,
        custom_error_type="criterion_operator",
        custom_error_message=f"a criterion needs exactly one operator key of: {', '.join(_OPERATORS)}",
    ),
]

for _m in (AllNode, AnyNode, NotNode, AtLeastNode):
    _m.model_rebuild()


class CodeEntry(BaseModel):
    model_config = _STRICT
    code: str
    label: str
    modality: Literal["mri", "mra", "ct", "cta", "ct_myelogram", "ultrasound", "pet", "spect", "nuclear", "mrs", "xray", "other"]
    region: str
    contrast: Literal["without", "with", "without_and_with", "none"] = "none"
    listed: bool = Field(default=True, description="in the document's own code table (false: only cited in its text)")
    same_as: str | None = Field(default=None, description="HCPCS code managed like this CPT code")


class Study(BaseModel):
    """Codes an indication supports: explicit codes, or a selector over the code table."""

    model_config = _STRICT
    codes: list[str] | None = None
    modality: list[str] | None = None
    contrast: list[str] | None = None
    region: Literal["requested"] | list[str] | None = None
    when: Node | None = Field(default=None, description="extra condition for these codes (e.g. MRI contraindicated)")
    label: str | None = None

    @model_validator(mode="after")
    def _some(self) -> Study:
        if self.codes is None and self.modality is None:
            raise ValueError("a study names codes or a modality selector")
        return self


class Indication(BaseModel):
    model_config = _STRICT
    id: str
    label: str
    applies: Node | None = Field(default=None, description="scenario that must be documented true for this path to be considered")
    criteria: Node | None = None
    studies: list[Study] = Field(default_factory=list)
    verdict: Literal["approve", "not_indicated", "experimental", "refer"] = "approve"
    refer_to: list[str] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="plain-language reason, for non-approve verdicts")
    restated: bool = Field(
        default=False, description="a general exclusion that sections restate as a criterion of their own ('results "
                                   "will not change management'): the sections that fail on it are named, and the "
                                   "exclusion itself only when it overrules an indication that is met")


class Applies(BaseModel):
    model_config = _STRICT
    codes: list[str] | None = None
    regions: list[str] | None = None
    modalities: list[str] | None = None
    when: Node | None = None


class Section(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    kind: Literal["criteria", "informational", "pointer"] = "criteria"
    summary: str | None = None
    applies: Applies | None = None
    defines: dict[str, Node] = Field(default_factory=dict)
    indications: list[Indication] = Field(default_factory=list)
    see: list[str] = Field(default_factory=list)
    reach: Literal["document", "policy_set"] = Field(
        default="document", description="the codes the section reviews: its document's (default), or, for a "
        "cross-guideline rule the text states for any imaging request (the Preface's research-only rule), every "
        "code of every document of the policy set")


class AgeRule(BaseModel):
    model_config = _STRICT
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    otherwise: str = Field(description="which document governs patients outside the rule")
    condition_scoped: bool = Field(default=False, description="the document takes these ages only for the conditions it "
                                                              "discusses; others go to 'otherwise'")
    notes_at: dict[int, str] = Field(default_factory=dict, description="age in years -> a routing note every "
                                                                       "determination at that age carries")
    any_age_sections: list[str] = Field(default_factory=list, description="sections that apply at every age "
                                                                          "(e.g. 'these guidelines apply to adults as well')")
    note: str | None = None


class Manifest(BaseModel):
    model_config = _STRICT
    id: str
    title: str
    publisher: str
    version: str
    effective_date: date | None = None
    source: str
    scope: Literal["condition", "cross_guideline"] = "condition"
    age: AgeRule | None = None
    section_prefix: str
    facts_of_requested_side: bool = Field(
        default=False, description="the document's findings are of the limb being imaged: when the request "
        "names a side, a fact recorded for the other side is not read (a left-ankle sprain says nothing of a "
        "right-ankle MRI); documents that reason about the other side (a contralateral hip) leave it false")
    code_sites: dict[str, list[str]] = Field(
        default_factory=dict, description="code region -> the limb sites (vocabulary `sites`) its codes image, for "
        "a document whose code table splits a limb by site (joint vs other than joint): a study whose region images "
        "none of the documented sites, when the indication supports one of a region that does, is not the study "
        "for this case (a knee meniscus on 73718 -> 73721). A site in two regions decides neither")


class NotReviewed(BaseModel):
    model_config = _STRICT
    codes: list[str]
    section: str
    reason: str


class Redirect(BaseModel):
    """Codes to be resubmitted under a more specific code (e.g. HCPCS S8042): the request pends."""

    model_config = _STRICT
    codes: list[str]
    section: str
    question: str


class Substitution(BaseModel):
    """CT in place of MRI (and similar): when ``when`` holds, a supported code of ``from_modality``
    also supports codes of ``to_modality`` for the same region, with contrast mapped."""

    model_config = _STRICT
    id: str
    section: str
    label: str
    from_modality: list[str]
    to_modality: list[str]
    contrast_map: dict[str, list[str]]
    when: Node
    replaces: bool = Field(default=True, description="when 'when' holds, the from-modality code is no longer supported")


class External(BaseModel):
    model_config = _STRICT
    title: str
    publisher: str | None = None


class GuidelineFile(BaseModel):
    model_config = _STRICT
    guideline: Manifest
    codes: list[CodeEntry] = Field(default_factory=list)
    not_reviewed: list[NotReviewed] = Field(default_factory=list)
    redirect: list[Redirect] = Field(default_factory=list)
    aliases: dict[str, str] = Field(default_factory=dict, description="ids the text cites but never defines -> the defined id")
    chapters: dict[str, list[str]] = Field(default_factory=dict, description="chapter ids (SP-3) -> the sections under them")
    external: dict[str, External] = Field(default_factory=dict, description="id prefixes of documents that are not loaded")
    substitutions: list[Substitution] = Field(default_factory=list)
    sections: list[Section]


class PolicySetSpec(BaseModel):
    model_config = _STRICT
    title: str
    guidelines: list[str]


class PolicySetsFile(BaseModel):
    model_config = _STRICT
    policy_sets: dict[str, PolicySetSpec]
