"""Every error a user of Necessity can see, in one hierarchy.

Each error carries a stable ``code`` (for machines and docs), a ``message``
(for people) and ``where`` it happened: a field path for case input
(``request.icd10[1]``), or ``file`` and ``section`` for guideline authoring.

    NecessityError
    ├── CaseError          (code CASE-*)      bad review input; CLI exit 2, HTTP 422
    ├── GuidelineError     (code GUIDELINE-*) a guideline data file is invalid
    └── ExtractionRuleError (code EXTRACT-RULE) a note-reading rule file is invalid
"""

from __future__ import annotations


class NecessityError(Exception):
    code = "NECESSITY"

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "where": self.where}


class CaseError(NecessityError):
    """The case (review input) is invalid. ``where`` is the field path."""

    code = "CASE-INVALID"


class GuidelineError(NecessityError):
    """A guideline data file is invalid. ``where`` is ``file`` or ``file § section``."""

    code = "GUIDELINE-INVALID"

    def __init__(self, message: str, *, file: str, section: str | None = None, code: str | None = None):
        where = f"{file} § {section}" if section else file
        super().__init__(message, where=where, code=code)
        self.file = file
        self.section = section


class ExtractionRuleError(NecessityError):
    """A note-extraction rule file (``extract/rules/*.yaml``) is invalid. ``where`` is ``file § entry``."""

    code = "EXTRACT-RULE"
