"""A hard-wrapped line reads as the same words on one line.

``unwrap`` joins a wrapped line without moving a character (evidence spans point into the note), so a wrapped
line's indentation stays as a run of spaces, which spaCy makes a token of its own. The matchers (target phrases
and token patterns, regex targets, ConText's cues) read the note's compact form (``compact``: a run of spaces
inside a line is one space) and ConText's ``max_scope`` counts its tokens; list items, checkboxes, headings and
blank lines still start a new sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from necessity.extract import read_notes
from necessity.extract.pipeline import SPAN_GROUP, compact, nlp, unwrap
from necessity.extract.scoring import load_note_set

REF = dt.date(2026, 10, 27)
NOTES = Path(__file__).parent / "data" / "notes"


def _one_line(wrapped: str) -> tuple[str, callable]:
    """``wrapped`` with each line break and the indentation after it written as one space, and the map from
    an offset into it to the same place in ``wrapped``."""
    breaks = [(m.start(), len(m.group())) for m in re.finditer(r"\n[ \t]+", wrapped)]
    text = re.sub(r"\n[ \t]+", " ", wrapped)
    starts, shift = [], []  # where each break's following character is in ``text``, and the shift from there
    total = 0
    for at, length in breaks:
        total += length - 1
        starts.append(at - (total - (length - 1)) + 1)
        shift.append(total)
    return text, lambda o: o + (shift[k - 1] if (k := bisect.bisect_right(starts, o)) else 0)


def _records(text: str, where=lambda o: o) -> list:
    """What ``read_notes`` reads from ``text``: each record, and its evidence offsets (through ``where``)."""
    out = []
    for item in read_notes([text], REF).items:
        record = json.dumps({k: v for k, v in item.record.items() if k != "detail"}, sort_keys=True, default=str)
        out.append((item.kind, record, tuple(sorted((where(e.start), where(e.end), e.rule, tuple(e.context))
                                                     for e in item.evidence))))
    return sorted(out)


# --- the note read the same wrapped and on one line -------------------------------------------------------

@pytest.mark.parametrize("wrapped, fact, present", [
    # a phrase over a wrapped line (spine-238's hanging indent)
    ("Strength 5/5 b/l LE. Patellar + achilles 2+ sym. Sensation\n       intact LT.", "sensory_loss", False),
    # a lookbehind over a wrapped line: marrow edema is no soft-tissue swelling (le-238)
    ("- MRI L hip 3/2/26: 8 mm fracture line w/ surrounding marrow\n      edema. Not tension side.",
     "marrow_abnormality", True),
    # a cue's few tokens reach over the indentation ("need to exclude", max_scope 6)
    ("Ankle pain after a fall; XR needed to exclude a small occult\n      avulsion fracture.",
     "occult_fracture_suspected", True),
    ("L knee pain. No effusion,\n      no instability, no locking.", "joint_instability", False),
    ("Neck pain x 3 wks. Denies numbness,\n\ttingling or weakness in the arms.", "extremity_neurological_symptoms", False),
])
def test_a_wrapped_line_reads_as_one_line(wrapped, fact, present):
    text, where = _one_line(wrapped)
    got = _records(wrapped)
    assert got == _records(text, where)  # the same records, their evidence at the same words of the note
    records = [json.loads(r) for kind, r, _ in got if kind == "fact"]
    assert any(r["fact"] == fact and r["present"] is present for r in records), records
    for kind, r, evidence in got:
        for start, end, *_ in evidence:  # evidence spans point into the wrapped note, at words
            assert wrapped[start: end].strip() == wrapped[start: end] and wrapped[start: end]


def test_the_indentation_is_no_soft_tissue_swelling():
    wrapped = "MRI L hip: fracture line w/ surrounding marrow\n      edema (Fredericson gr 4)."
    facts = {json.loads(r)["fact"] for kind, r, _ in _records(wrapped) if kind == "fact"}
    assert "marrow_abnormality" in facts and "soft_tissue_swelling" not in facts


# --- the pipeline: tokens, cues and sentences at the same words ---------------------------------------------

def _rewrap(text: str, every: int = 7, indent: int = 6) -> tuple[str, callable]:
    """``text`` hard-wrapped at some spaces inside sentences (a space after a word, before a lower-case word,
    past the start of a line and not in a "Label:"), each line break followed by ``indent`` spaces; and the
    map from an offset into ``text`` to the same place in the wrapped text."""
    points = [m.start() for m in re.finditer(r"(?<=[a-z0-9,)]) (?=[a-z(])", text)
              if m.start() - text.rfind("\n", 0, m.start()) > 40 and ":" not in text[m.start(): m.start() + 30]
              .split("\n")[0]][1::every]
    cut = "\n" + " " * indent
    parts, last = [], 0
    for p in points:
        parts += [text[last: p], cut]
        last = p + 1
    parts.append(text[last:])
    return "".join(parts), lambda o: o + bisect.bisect_right(points, o - 1) * (len(cut) - 1)


def _graph(doc, where=lambda o: o) -> tuple:
    """The note's targets (rule, offsets, modifiers' categories and offsets, section) and sentence starts."""
    def at(i):
        return where(doc[i].idx if i < len(doc) else len(doc.text))

    spans = sorted((s.label_, where(s.start_char), where(s.end_char),
                    tuple(sorted((m.category, at(m.modifier_span[0])) for m in s._.modifiers)), s._.section_category)
                   for s in doc.spans[SPAN_GROUP])
    return spans, [where(s.start_char) for s in doc.sents]


def test_every_tuning_note_rewrapped_gives_the_same_targets_cues_and_sentences():
    pipe = nlp()
    notes = [e["note"] for e in load_note_set(NOTES) if e["split"] != "heldout"]  # a failure shows none
    wrapped_any = 0
    for text in notes:
        wrapped, where = _rewrap(text)
        wrapped_any += wrapped != text
        assert _graph(pipe(unwrap(wrapped))) == _graph(pipe(unwrap(text)), where)
    assert wrapped_any > 150


# --- compact ---------------------------------------------------------------------------------------------

def test_compact_drops_runs_of_spaces_inside_a_line_only():
    pipe = nlp()
    doc = pipe.make_doc("Sensation       intact LT.\n   Reflexes\t2+  sym.\n\nPlan:  MRI  ")
    small = compact(doc)
    assert small.doc.text == "Sensation intact LT.\n   Reflexes 2+ sym.\n\nPlan: MRI  "
    assert [doc[i].text for i in small.keep] == [t.text for t in small.doc]
    # a token the matchers read maps back to the note's own token
    assert [(doc[small.keep[t.i]].idx, t.text) for t in small.doc if t.text in ("intact", "Reflexes", "MRI")] == \
        [(16, "intact"), (30, "Reflexes"), (56, "MRI")]
    assert compact(pipe.make_doc("No fever. Knee pain\nand swelling.")) is None


def test_compact_keeps_sentence_starts_and_maps_matches_back():
    pipe = nlp()
    doc = pipe(unwrap("Neg SLR.   Sensation\n      intact."))  # the sentence splitter has run: starts are set
    small = compact(doc)
    assert small.doc.text == "Neg SLR. Sensation intact."
    assert [t.is_sent_start for t in small.doc] == [doc[i].is_sent_start for i in small.keep] == \
        [True, False, False, True, False, False]
    (_, start, end), = small.spans([(0, 3, 5)])  # "Sensation intact"
    assert doc[start: end].text == "Sensation       intact"
    assert "necessity_compact" not in pipe("a   b").user_data  # not kept with the note


def test_a_cues_max_scope_counts_the_words_not_the_indentation():
    pipe = nlp()
    one = pipe(unwrap("XR needed to exclude a small occult avulsion fracture."))
    wrapped = pipe(unwrap("XR needed to exclude a small\n            occult avulsion fracture."))

    def scopes(doc):
        return [(m.rule.literal, doc[m.scope_span[0]: m.scope_span[1]].text.split())
                for m in doc._.context_graph.modifiers]
    assert scopes(one) == scopes(wrapped) and scopes(one)


# --- what starts a new line stays apart -----------------------------------------------------------------

@pytest.mark.parametrize("text, kept", [
    ("Plan:\n [x] MRI c-spine; anesthesia to place IV\n [x] NO contact sports until cleared", 2),
    ("ROS:\n[ ] fever\n[X] back pain\n\u2610 numbness", 3),
    ("Meds: ibuprofen\n- naproxen\n* PT x 6 wks\n2) HEP", 3),
    ("HPI: back pain\nPLAN: MRI", 1),
])
def test_lists_checkboxes_and_headings_keep_their_line_breaks(text, kept):
    assert unwrap(text).count("\n") == kept


def test_a_checkbox_line_is_not_read_into_the_one_before():
    # "[x] NO contact sports" denies nothing on the line before it
    text = "Plan:\n [x] MRI c-spine w/o contrast - will need GA; anesthesia to place IV\n [x] Peds neurosurgery " \
           "referral\n [x] NO gymnastics/contact sports until cleared"
    doc = nlp()(unwrap(text))
    iv = [s for s in doc.spans[SPAN_GROUP] if s.text.endswith("IV")]
    assert iv and not any(m.category == "NEGATED_EXISTENCE" for s in iv for m in s._.modifiers)
