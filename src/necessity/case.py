"""The review input: a ``Case`` (patient, request, structured clinical facts, notes).

Facts are three-valued by construction: a record with ``present: true`` documents a fact,
``present: false`` documents its absence ("denies fever"), and no record leaves it unknown.
Every fact name and enum value must come from the vocabulary catalog.
"""

from __future__ import annotations

import re
import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import CaseError
from .vocabulary import is_valid_icd10, vocabulary

_STRICT = ConfigDict(extra="forbid", frozen=True)

EncounterMode = Literal["in_person", "telehealth", "phone", "message"]
Side = Literal["left", "right", "bilateral"]
TreatmentResponse = Literal["none", "minimal", "worse", "significant", "resolved"]
ImagingResult = Literal["normal", "abnormal", "equivocal"]
Contrast = Literal["without", "with", "without_and_with", "none"]
Technique = Literal["standard", "positional", "cone_beam"]
Sex = Literal["female", "male", "other", "unknown"]

_CODE_RE = re.compile(r"^(\d{4}[0-9FTU]|[A-Z]\d{4})$")


def _enum(name: str, value: str, what: str) -> str:
    values = vocabulary().enum_values(name)
    if value not in values:
        raise ValueError(f"unknown {what} {value!r}; known: {', '.join(values)}")
    return value


class Patient(BaseModel):
    model_config = _STRICT
    birth_date: dt.date
    sex: Sex = "unknown"


class Request(BaseModel):
    model_config = _STRICT
    cpt: str = Field(description="CPT or HCPCS code of the requested study")
    date: dt.date = Field(description="Request date: every time window is measured back from it")
    icd10: list[str] = Field(default_factory=list)
    level: str | None = Field(default=None, description="Spinal level or root, e.g. L4-5")
    side: Side | None = None
    technique: Technique = "standard"

    @field_validator("cpt")
    @classmethod
    def _code(cls, v: str) -> str:
        v = v.strip().upper()
        if not _CODE_RE.match(v):
            raise ValueError(f"{v!r} is not a CPT (5 digits, or 4 digits + F/T/U) or HCPCS (letter + 4 digits) code")
        return v

    @field_validator("icd10")
    @classmethod
    def _icd10(cls, codes: list[str]) -> list[str]:
        out = []
        for i, c in enumerate(codes):
            if not is_valid_icd10(c):
                raise ValueError(f"[{i}] {c!r} is not an ICD-10-CM code")
            out.append(c.strip().upper())
        return out


class Encounter(BaseModel):
    model_config = _STRICT
    date: dt.date
    mode: EncounterMode
    detail: str | None = None


class FactRecord(BaseModel):
    model_config = _STRICT
    fact: str
    present: bool = True
    value: float | str | None = None
    date: dt.date | None = Field(default=None, description="When observed or documented")
    onset: dt.date | None = Field(default=None, description="When it began")
    side: Side | None = None
    level: str | None = None
    location: str | None = Field(default=None, description="Named muscle, dermatome or site")
    mri_conditional: bool | None = None
    detail: str | None = None

    @model_validator(mode="after")
    def _in_vocabulary(self) -> FactRecord:
        spec = vocabulary().facts.get(self.fact)
        if spec is None:
            raise ValueError(f"unknown fact {self.fact!r} (see `necessity vocabulary`)")
        if self.value is None:
            return self
        if spec.type == "number":
            if isinstance(self.value, str):
                raise ValueError(f"fact {self.fact!r} takes a number ({spec.unit})")
            lo, hi = spec.range or (float("-inf"), float("inf"))
            if not lo <= self.value <= hi:
                raise ValueError(f"fact {self.fact!r} value {self.value} is outside {lo}-{hi} {spec.unit}")
        elif spec.type == "enum":
            _enum(spec.values, str(self.value), f"{self.fact} value")
        else:
            raise ValueError(f"fact {self.fact!r} is true/false: use 'present', not 'value'")
        return self


class Treatment(BaseModel):
    model_config = _STRICT
    kind: str
    start: dt.date
    end: dt.date | None = Field(default=None, description="None while ongoing")
    response: TreatmentResponse | None = None
    provider_directed: bool = True
    detail: str | None = None

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        return _enum("treatment_kind", v, "treatment kind")

    @model_validator(mode="after")
    def _order(self) -> Treatment:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class PriorImaging(BaseModel):
    model_config = _STRICT
    modality: str
    region: str
    date: dt.date
    result: ImagingResult | None = None
    contrast: Contrast | None = None
    findings: list[str] = Field(default_factory=list, description="Fact names the study showed")
    detail: str | None = None

    @field_validator("modality")
    @classmethod
    def _modality(cls, v: str) -> str:
        return _enum("imaging_modality", v, "imaging modality")

    @field_validator("region")
    @classmethod
    def _region(cls, v: str) -> str:
        return _enum("region", v, "region")

    @field_validator("findings")
    @classmethod
    def _findings(cls, v: list[str]) -> list[str]:
        facts = vocabulary().facts
        for i, f in enumerate(v):
            if f not in facts:
                raise ValueError(f"[{i}] unknown fact {f!r}")
        return v


class Clinical(BaseModel):
    model_config = _STRICT
    episode_onset: dt.date | None = Field(default=None, description="When the current episode of symptoms started or changed")
    encounters: list[Encounter] = Field(default_factory=list)
    facts: list[FactRecord] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    imaging: list[PriorImaging] = Field(default_factory=list)


class Note(BaseModel):
    model_config = _STRICT
    text: str
    date: dt.date | None = None


class Case(BaseModel):
    model_config = _STRICT
    id: str | None = None
    policy_set: str
    patient: Patient
    request: Request
    clinical: Clinical = Field(default_factory=Clinical)
    notes: list[Note | str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _dates(self) -> Case:
        today = self.request.date
        if self.patient.birth_date > today:
            raise _DateError("patient.birth_date", self.patient.birth_date, today)
        late = _first_late(self, today)
        if late is not None:
            raise _DateError(*late, today)
        return self


def _first_late(case: Case, today: dt.date) -> tuple[str, dt.date] | None:
    """The first clinical or note date after ``today``, in document order, with its place (a plain
    loop: it runs on every case, and almost never finds one; ``index`` is only asked then)."""
    c = case.clinical
    if c.episode_onset is not None and c.episode_onset > today:
        return "clinical.episode_onset", c.episode_onset
    for e in c.encounters:
        if e.date > today:
            return f"clinical.encounters[{c.encounters.index(e)}].date", e.date
    for f in c.facts:
        if f.date is not None and f.date > today:
            return f"clinical.facts[{c.facts.index(f)}].date", f.date
        if f.onset is not None and f.onset > today:
            return f"clinical.facts[{c.facts.index(f)}].onset", f.onset
    for t in c.treatments:
        if t.start > today:
            return f"clinical.treatments[{c.treatments.index(t)}].start", t.start
        if t.end is not None and t.end > today:
            return f"clinical.treatments[{c.treatments.index(t)}].end", t.end
    for m in c.imaging:
        if m.date > today:
            return f"clinical.imaging[{c.imaging.index(m)}].date", m.date
    for n in case.notes:
        if isinstance(n, Note) and n.date is not None and n.date > today:
            return f"notes[{case.notes.index(n)}].date", n.date
    return None


class _DateError(ValueError):
    def __init__(self, where: str, d: dt.date, today: dt.date):
        super().__init__(f"date {d} is after the request date {today}")
        self.where = where


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after", "function-before") or str(part).startswith(("function-", "json-or-python")):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(case)"


_validate_json = Case.__pydantic_validator__.validate_json  # model_validate_json, without its wrapper


def parse_case(data: dict | str | bytes) -> Case:
    """Validate raw case data; raise ``CaseError`` naming the field and the problem."""
    try:
        if isinstance(data, (str, bytes)):
            return _validate_json(data)
        return Case.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        ctx_err = (err.get("ctx") or {}).get("error")
        if isinstance(ctx_err, _DateError):
            raise CaseError(str(ctx_err), where=ctx_err.where, code="CASE-DATE-AFTER-REQUEST") from None
        where = _path(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "json_invalid":
            raise CaseError(f"invalid JSON: {msg}", where="(case)", code="CASE-JSON") from None
        if err["type"] == "missing":
            raise CaseError("required field is missing", where=where, code="CASE-MISSING") from None
        if err["type"] == "extra_forbidden":
            raise CaseError("unknown field", where=where, code="CASE-UNKNOWN-FIELD") from None
        if "[" in msg[:4] and msg.startswith("["):  # list validators report the index first
            idx, _, rest = msg.partition("] ")
            where, msg = f"{where}{idx}]", rest
        more = len(exc.errors()) - 1
        if more:
            msg += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise CaseError(msg, where=where) from None
