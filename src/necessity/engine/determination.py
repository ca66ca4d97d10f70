"""The review output: a ``Determination`` with its reasons, missing items and full trace."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["approve", "approve_alternative", "pend", "physician_review", "not_required"]


class GuidelineRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    publisher: str
    version: str
    source: str


class CodeRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
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
    trace: list[dict[str, Any]] = Field(default_factory=list,
                                        description="per section: applicability, indications and criteria trees "
                                                    "with every node's value and evidence")
