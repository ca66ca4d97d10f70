"""What a record read from the notes carries: the sentence and rule it came from.

Kept apart from ``necessity.extract`` so that a determination (which lists these) does not import
the note reader, its rule files and regexes when a case has no notes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Evidence(BaseModel):
    """Where a record came from: the note, the character span, the sentence and the rule."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    note: int = Field(description="index of the note in the case's notes")
    start: int
    end: int
    text: str = Field(description="the words that matched")
    sentence: str
    rule: str = Field(description="rule id: <rule file>:<list>[<index>]")
    context: list[str] = Field(default_factory=list, description="ConText modifiers that applied (negated, ...)")


class Extracted(BaseModel):
    """One record read from the notes."""
    model_config = ConfigDict(extra="forbid")
    kind: Literal["fact", "treatment", "imaging", "encounter"]
    record: dict
    evidence: list[Evidence]
    status: Literal["used", "agrees", "overridden"] = Field(
        default="used", description="used; agrees with a structured record; overridden by a structured record")
