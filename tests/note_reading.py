"""What the note-reading tests share: a note read on a fixed date (the request date windows count back
from), and the first record of one fact, treatment kind or imaging modality it yields."""

from __future__ import annotations

import datetime as dt

from necessity.extract import read_notes


class NoteReader:
    def __init__(self, ref: dt.date) -> None:
        self.ref = ref

    def read(self, text: str, ref: dt.date | None = None):
        return read_notes([text], ref or self.ref).clinical

    def fact(self, text: str, name: str, ref: dt.date | None = None):
        return next((f for f in self.read(text, ref).facts if f.fact == name), None)

    def course(self, text: str, kind: str, ref: dt.date | None = None):
        return next((t for t in self.read(text, ref).treatments if t.kind == kind), None)

    def studies(self, text: str, modality: str, ref: dt.date | None = None):
        return [m for m in self.read(text, ref).imaging if m.modality == modality]
