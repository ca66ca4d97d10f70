"""End-to-end speed of reviewing note-only cases: extraction plus determination.

    python benchmarks/note_throughput.py [--notes 1000] [--words 200]

Builds ``--notes`` notes of about ``--words`` words from the annotated note set (each note,
topped up with sentences of the next ones when shorter), reviews each as a case whose only clinical
content is the note, and prints notes/s. In the same run it times spaCy's bare tokenizer on the same
texts, the floor any spaCy pipeline stands on. Target: >= 50 notes/s on one core. CPU time of this
process; the pipeline is loaded before timing starts (its load time is printed apart).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from necessity import review
from necessity.extract.pipeline import nlp
from necessity.extract.scoring import load_note_set

ROOT = Path(__file__).resolve().parents[1]


def build(n: int, words: int) -> list[dict]:
    entries = load_note_set(ROOT / "tests" / "data" / "notes")
    cases = []
    for i in range(n):
        e = entries[i % len(entries)]
        text, j = e["note"], i + 1
        while len(text.split()) < words:
            text += "\n" + entries[j % len(entries)]["note"]
            j += 1
        text = " ".join(text.split(" ")[:words]) if len(text.split()) > words * 1.3 else text
        cases.append({"policy_set": e["policy_set"], "patient": e["patient"], "request": e["request"],
                      "notes": [{"text": text, "date": e.get("note_date")}]})
    return cases


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--words", type=int, default=200)
    args = ap.parse_args()
    cases = build(args.notes, args.words)
    texts = [c["notes"][0]["text"] for c in cases]
    mean_words = sum(len(t.split()) for t in texts) / len(texts)

    t0 = time.process_time()
    pipe = nlp()
    review(cases[0])  # warm: rule compilation, guideline load
    load = time.process_time() - t0

    t0 = time.process_time()
    for t in texts:
        pipe.tokenizer(t)
    tok = time.process_time() - t0

    t0 = time.process_time()
    for c in cases:
        review(c)
    full = time.process_time() - t0

    print(f"notes: {len(cases)}, mean {mean_words:.0f} words")
    print(f"pipeline + guideline load (once): {load:.2f} s")
    print(f"spaCy tokenizer only:       {tok:7.2f} s  {len(texts) / tok:9.1f} notes/s")
    print(f"review (extract + decide):  {full:7.2f} s  {len(cases) / full:9.1f} notes/s   (target >= 50)")
    print(f"ratio review / tokenizer:   {full / tok:7.1f}x")


if __name__ == "__main__":
    main()
