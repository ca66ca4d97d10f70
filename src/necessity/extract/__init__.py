"""Reading free-text clinical notes into the fact vocabulary (spaCy + medspaCy, rules as data).

``read_notes(notes, default_date)`` returns the ``clinical`` block the notes document, each record
with its evidence; ``merge`` lays it under a case's structured facts (which win) and reports
conflicts. spaCy is imported only when a note is actually read.
"""

from .notes import Evidence, Extracted, Extraction, read_notes

__all__ = ["Evidence", "Extracted", "Extraction", "read_notes"]
