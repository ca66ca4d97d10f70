"""The review output: a ``Determination`` with its reasons, missing items and full trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ..extract.notes import Extracted
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
    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="criterion id whose value is unknown")
    section: str
    question: str = Field(description="what the ordering provider's office is asked to document")


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
