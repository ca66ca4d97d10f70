"""The review output: a ``Determination`` with its reasons, missing items and full trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ..evidence import Extracted
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field

Outcome = Literal["approve", "approve_alternative", "pend", "physician_review", "not_required"]


class GuidelineRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    publisher: str
    version: str
    source: str


class CodeRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    label: str | None = None


class MissingItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # immutable, so determinations share them
    id: str = Field(description="criterion id whose value is unknown")
    section: str
    question: str = Field(description="what the ordering provider's office is asked to document")

    @classmethod
    def build(cls, id: str, section: str, question: str) -> MissingItem:
        """``model_construct`` with every field given, without its per-call overhead (a pend
        determination may list a dozen)."""
        m = _new(cls)
        _set(m, "__dict__", {"id": id, "section": section, "question": question})
        _set(m, "__pydantic_fields_set__", _MISSING_FIELDS.copy())
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", None)
        return m


_set = object.__setattr__
_new = object.__new__
_MISSING_FIELDS = {"id", "section", "question"}


def _construct(cls, values: dict[str, Any], private: dict[str, Any] | None):
    """What ``model_construct`` does when every field is given: no validation, all fields set."""
    m = _new(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", private)
    return m


class Determination(BaseModel):
    model_config = ConfigDict(extra="forbid")
    case_id: str | None = None
    outcome: Outcome
    policy_set: str
    guideline: GuidelineRef | None = None
    request: CodeRef
    sections: list[str] = Field(default_factory=list, description="the guideline section ids that decide")
    alternative: CodeRef | None = None
    missing: list[MissingItem] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="conflicts, routing remarks, age rules")
    extracted: list[Extracted] = Field(default_factory=list, description="what was read from the clinical notes, "
                                       "each record with the sentences and rules behind it")
    _trace: list[dict[str, Any]] | None = PrivateAttr(default=None)
    _render: Callable[[], list[dict[str, Any]]] | None = PrivateAttr(default=None)

    _values: Callable[[], dict[str, Any]] | None = PrivateAttr(default=None)

    @classmethod
    def build(cls, fields: dict[str, Any], render: Callable[[], list[dict[str, Any]]] | None = None,
              values: Callable[[], dict[str, Any]] | None = None) -> Determination:
        """A determination from fields the engine built from validated data: the instance
        ``model_construct`` would give with every field passed (so every field counts as set), made
        directly, as model_construct costs more than the rest of a review's bookkeeping."""
        data = dict(_TEMPLATE)  # every field, in declared order
        data.update(fields)
        for name in _LISTS:
            if name not in fields:
                data[name] = []
        for name in _REQUIRED:
            if name not in fields:
                raise TypeError(f"Determination.build: {name} is required")
        return _construct(cls, data, {"_trace": None, "_render": render, "_values": values})

    @classmethod
    def complete(cls, fields: dict[str, Any], render: Callable[[], list[dict[str, Any]]] | None = None,
                 values: Callable[[], dict[str, Any]] | None = None) -> Determination:
        """``build`` for fields that are all there, in declared order, as the engine gives them."""
        m = _new(cls)
        _set(m, "__dict__", fields)
        _set(m, "__pydantic_fields_set__", _ALL_FIELDS.copy())
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", {"_trace": None, "_render": render, "_values": values})
        return m

    def criterion_values(self) -> dict[str, bool | None]:
        """Every evaluated criterion id with its value (for coverage reports)."""
        return self._values() if self._values else {}

    def attach_trace(self, render: Callable[[], list[dict[str, Any]]]) -> None:
        """Keep what was evaluated; the nested trace is rendered the first time it is read."""
        self._render, self._trace = render, None

    @computed_field(description="per section: applicability, indications and criteria trees with every node's "
                                "value (true/false/unknown) and the dated evidence that set it")
    @property
    def trace(self) -> list[dict[str, Any]]:
        if self._trace is None:
            self._trace = self._render() if self._render else []
        return self._trace


_TEMPLATE = {name: None if f.is_required() or f.default_factory is not None else f.default
             for name, f in Determination.model_fields.items()}
_LISTS = [name for name, f in Determination.model_fields.items() if f.default_factory is list]
_REQUIRED = [name for name, f in Determination.model_fields.items() if f.is_required()]
_ALL_FIELDS = set(Determination.model_fields)
