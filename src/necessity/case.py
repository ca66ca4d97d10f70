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
from pydantic_core import SchemaValidator

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
        if self.value is not None:
            _check_value(spec, self.fact, self.value)
        return self


def _check_value(spec, fact: str, value: float | str) -> None:
    """A fact record's value against the fact's type in the vocabulary (ValueError names the problem)."""
    if spec.type == "number":
        if isinstance(value, str):
            raise ValueError(f"fact {fact!r} takes a number ({spec.unit})")
        lo, hi = spec.range or (float("-inf"), float("inf"))
        if not lo <= value <= hi:
            raise ValueError(f"fact {fact!r} value {value} is outside {lo}-{hi} {spec.unit}")
    elif spec.type == "enum":
        _enum(spec.values, str(value), f"{fact} value")
    else:
        raise ValueError(f"fact {fact!r} is true/false: use 'present', not 'value'")


class Treatment(BaseModel):
    model_config = _STRICT
    kind: str
    start: dt.date
    end: dt.date | None = Field(default=None, description="None while ongoing")
    response: TreatmentResponse | None = None
    provider_directed: bool = True
    undated: bool = Field(default=False, description="named without its dates or length ('tried PT'): start and "
                                                     "end are only the days it is known to have run by, so a "
                                                     "shorter course than a trial needs is undocumented, not failed")
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
    side: Side | None = Field(default=None, description="Side of a limb study (a study of the other side than the "
                                                       "request's is not of the requested body part)")
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


# --- the fast validator ------------------------------------------------------------------------
#
# The models' own validator runs the checks above in Python, one call per record. A valid case
# (nearly every case) is validated faster by a copy of the same schema in which pydantic-core
# checks what it can natively (fact names, treatment kinds, modalities, regions and findings as
# literals from the vocabulary, the code's pattern) and the remaining checks (a fact's value, a
# course's end, ICD-10 codes, dates after the request date) run once per case in one Python pass,
# only saying yes or no. It produces the same classes with the same values; a case it refuses, for
# whatever reason, is validated again by the models' validator, whose error is the one reported.
# It refuses more than the models do (a lower-case code, which they would normalise), never less.

_CODE_PATTERN = r"^(?:[0-9]{4}[0-9FTU]|[A-Z][0-9]{4})$"


def _fast_validator() -> SchemaValidator | None:
    """The fast validator (built once, on first use): None when the models' schema is not shaped as
    expected (then every case takes the models' validator)."""
    global _FAST
    if _FAST is _UNBUILT:
        # pydantic-core reuses a complete model class's own validator for a nested model schema of that
        # class (Python validators and all): the classes read as incomplete while the copy is built
        models = (Case, Patient, Request, Clinical, Encounter, FactRecord, Treatment, PriorImaging, Note)
        try:
            for m in models:
                type.__setattr__(m, "__pydantic_complete__", False)
            _FAST = SchemaValidator(_fast_schema(Case.__pydantic_core_schema__))
        except Exception:  # pragma: no cover - a pydantic whose schema layout differs
            _FAST = None
        finally:
            for m in models:
                type.__setattr__(m, "__pydantic_complete__", True)
    return _FAST


_UNBUILT = object()
_FAST: SchemaValidator | None | object = _UNBUILT


def _fast_schema(schema: dict) -> dict:
    vocab = vocabulary()
    facts = {"type": "literal", "expected": list(vocab.facts)}

    def literal(enum: str) -> dict:
        return {"type": "literal", "expected": list(vocab.enum_values(enum))}

    def fact_record(inner: dict) -> dict:
        fields = dict(inner["schema"]["fields"])
        fields["fact"] = {**fields["fact"], "schema": facts}
        return {**inner, "schema": {**inner["schema"], "fields": fields}}

    # each Python validator -> what replaces it (given the schema it wraps); the rest is checked by _sound
    swaps = {
        "Request._code": lambda inner: {"type": "str", "pattern": _CODE_PATTERN},
        "Request._icd10": lambda inner: inner,
        "Treatment._kind": lambda inner: literal("treatment_kind"),
        "PriorImaging._modality": lambda inner: literal("imaging_modality"),
        "PriorImaging._region": lambda inner: literal("region"),
        "PriorImaging._findings": lambda inner: {**inner, "items_schema": facts},
        "FactRecord._in_vocabulary": fact_record,
        "Treatment._order": lambda inner: inner,
        "Case._dates": lambda inner: inner,
    }
    seen: set[str] = set()

    def walk(node):
        if isinstance(node, list):
            return [walk(x) for x in node]
        if not isinstance(node, dict):
            return node
        if node.get("type") in ("function-after", "function-before", "function-wrap", "function-plain"):
            name = node["function"]["function"].__qualname__
            if name not in swaps or node["type"] != "function-after":
                raise LookupError(f"no fast form for validator {name}")
            seen.add(name)
            return walk(swaps[name](node["schema"]))
        return {k: walk(v) for k, v in node.items()}

    out = walk(schema)
    if seen != set(swaps):
        raise LookupError(f"validators not found: {set(swaps) - seen}")
    return out


def _sound(case: Case) -> bool:
    """The checks the fast validator leaves to Python, as yes or no in one pass (the models' validators,
    which say why, check the same: dates not after the request date, a course's end not before its
    start, a fact's value of its type, ICD-10 codes in the table, written as the models keep them)."""
    request = case.request
    today = request.date
    if case.patient.birth_date > today:
        return False
    for code in request.icd10:
        if code not in _ICD10_SEEN:
            if code.strip().upper() != code or not is_valid_icd10(code):
                return False
            _ICD10_SEEN.add(code)
    c = case.clinical
    if c.episode_onset is not None and c.episode_onset > today:
        return False
    for e in c.encounters:
        if e.date > today:
            return False
    for f in c.facts:
        d = f.date
        if d is not None and d > today:
            return False
        d = f.onset
        if d is not None and d > today:
            return False
        if f.value is not None and not _value_ok(f.fact, f.value):
            return False
    for t in c.treatments:
        if t.start > today:
            return False
        d = t.end
        if d is not None and (d > today or d < t.start):
            return False
    for m in c.imaging:
        if m.date > today:
            return False
    for n in case.notes:
        if type(n) is not str and n.date is not None and n.date > today:
            return False
    return True


_ICD10_SEEN: set[str] = set()  # codes found valid as written (at most the table's size)


def _value_ok(fact: str, value: float | str) -> bool:
    key = (fact, value, type(value))  # 1 and 1.0 are equal keys, and either is a number; "1" is not
    ok = _VALUES_OK.get(key)
    if ok is None:
        try:
            _check_value(vocabulary().facts[fact], fact, value)
            ok = True
        except ValueError:
            ok = False
        if len(_VALUES_OK) < 100_000:  # facts' values repeat (grades, scores, enum values)
            _VALUES_OK[key] = ok
    return ok


_VALUES_OK: dict[tuple, bool] = {}


def parse_case(data: dict | str | bytes) -> Case:
    """Validate raw case data; raise ``CaseError`` naming the field and the problem."""
    fast = _FAST if _FAST is not _UNBUILT else _fast_validator()
    if fast is not None:
        try:
            case = fast.validate_json(data) if isinstance(data, (str, bytes)) else fast.validate_python(data)
        except ValidationError:
            pass
        else:
            if _sound(case):
                return case
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
            raise CaseError(f"invalid JSON: {msg.removeprefix('Invalid JSON: ')}", where="(case)", code="CASE-JSON") from None
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
