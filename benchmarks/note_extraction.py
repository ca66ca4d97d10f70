"""Extraction quality on the annotated note set, by split (tune / heldout).

    python benchmarks/note_extraction.py [--notes tests/data/notes] [--split all|tune|heldout]
                                          [--show-errors] [--only ID ...] [--types N]

Prints precision / recall / F1 per fact type and overall, negation accuracy, and end-to-end
determination agreement (the note-only case against the note's expected determination).
See necessity/extract/scoring.py for what is compared.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from necessity import review
from necessity.case import parse_case
from necessity.extract.merge import read_case_notes
from necessity.extract.scoring import Tally, load_note_set, note_case, polarity, units

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=Path, default=ROOT / "tests" / "data" / "notes")
    ap.add_argument("--split", choices=["all", "tune", "heldout"], default="all")
    ap.add_argument("--show-errors", action="store_true", help="print each note's misses and extras")
    ap.add_argument("--only", nargs="*", help="note ids")
    ap.add_argument("--types", type=int, default=25, help="fact types to list (worst F1 first)")
    args = ap.parse_args(argv)
    console = Console()
    entries = [e for e in load_note_set(args.notes) if not args.only or e["id"] in args.only]
    tallies = {"tune": Tally(), "heldout": Tally()}
    started = time.perf_counter()
    for e in entries:
        if args.split != "all" and e["split"] != args.split:
            continue
        t = tallies[e["split"]]
        ex = read_case_notes(parse_case(note_case(e)))
        gold, got = units(e.get("gold") or {}), units(ex.clinical)
        t.add(gold, got)
        gp, xp = polarity(e.get("gold") or {}), polarity(ex.clinical)
        for key, values in gp.items():
            if key in xp:
                t.negation_total += 1
                t.negation_right += values == xp[key] or bool(values & xp[key])
        d = review(note_case(e))
        exp = e["expected"]
        t.notes += 1
        ok = d.outcome == exp["outcome"]
        t.outcome_agree += ok
        t.outcomes[(exp["outcome"], d.outcome)] += 1
        t.strict_agree += ok and sorted(d.sections) == sorted(exp.get("sections", d.sections))
        if args.show_errors and (gold != got or not ok):
            miss, extra = gold - got, got - gold
            console.print(f"[bold]{e['id']}[/] ({e['split']}) outcome {d.outcome} vs {exp['outcome']} "
                          f"{'' if ok else '[red]DISAGREE[/]'} sections {d.sections} vs {exp.get('sections')}")
            if miss:
                console.print("  [yellow]missed[/] " + "; ".join(_fmt(k, n) for k, n in sorted(miss.items(), key=str)))
            if extra:
                console.print("  [magenta]extra[/]  " + "; ".join(_fmt(k, n) for k, n in sorted(extra.items(), key=str)))
            if not ok and d.missing:
                console.print("  asks: " + "; ".join(m.id for m in d.missing[:6]))
    elapsed = time.perf_counter() - started
    for name, t in tallies.items():
        if t.notes:
            _report(console, name, t, args.types)
    total = Tally()
    for t in tallies.values():
        for c in ("tp", "fp", "fn"):
            getattr(total, c).update(getattr(t, c))
        total.outcomes.update(t.outcomes)
        for a in ("negation_right", "negation_total", "notes", "outcome_agree", "strict_agree"):
            setattr(total, a, getattr(total, a) + getattr(t, a))
    if all(t.notes for t in tallies.values()):
        _report(console, "all", total, 0)
    console.print(f"{total.notes} notes in {elapsed:.1f} s")
    return 0


def _fmt(key: tuple, n: int) -> str:
    kind, *rest = key
    s = kind.split(":", 1)[-1] + ("" if not rest else "(" + ",".join(str(x) for x in rest) + ")")
    return s + (f" x{n}" if n > 1 else "")


def _report(console: Console, name: str, t: Tally, types: int) -> None:
    facts = {k for k in set(t.tp) | set(t.fp) | set(t.fn) if k.startswith("fact:")}
    groups = {"facts": facts, "treatments": {k for k in set(t.tp) | set(t.fp) | set(t.fn) if k.startswith("treatment:")},
              "prior imaging": {k for k in set(t.tp) | set(t.fp) | set(t.fn) if k.startswith("imaging:")},
              "encounters": {"encounter"}}
    table = Table(title=f"Split: {name} ({t.notes} notes)")
    for col in ("", "precision", "recall", "F1", "gold", "found"):
        table.add_column(col, justify="right" if col else "left")
    for label, ks in groups.items():
        p, r, f = t.prf(ks)
        table.add_row(label, f"{p:.3f}", f"{r:.3f}", f"[bold]{f:.3f}[/]", str(sum(t.tp[k] + t.fn[k] for k in ks)),
                      str(sum(t.tp[k] + t.fp[k] for k in ks)))
    neg = t.negation_right / t.negation_total if t.negation_total else 1.0
    table.add_row("negation accuracy", "", "", f"[bold]{neg:.3f}[/]", str(t.negation_total), "")
    table.add_row("determination agreement (outcome)", "", "", f"[bold]{t.outcome_agree / t.notes:.3f}[/]", str(t.notes), "")
    table.add_row("determination agreement (outcome + sections)", "", "", f"{t.strict_agree / t.notes:.3f}", str(t.notes), "")
    console.print(table)
    # where the note-only outcomes go wrong: expected (rows) against the note-only case's (columns)
    names = ["approve", "approve_alternative", "pend", "physician_review", "not_required"]
    confusion = Table(title=f"Outcomes, expected (rows) vs from the notes (columns) ({name})")
    confusion.add_column("expected")
    for n in names:
        confusion.add_column(n.replace("_", " "), justify="right")
    for e in names:
        if any(t.outcomes[(e, g)] for g in names):
            confusion.add_row(e, *[(f"[bold]{t.outcomes[(e, g)]}[/]" if e == g else str(t.outcomes[(e, g)] or "."))
                                   for g in names])
    console.print(confusion)
    if types:
        per = Table(title=f"Fact types, worst first ({name})")
        for col in ("type", "P", "R", "F1", "tp", "fp", "fn"):
            per.add_column(col)
        rows = []
        for k in facts | groups["treatments"] | groups["prior imaging"]:
            p, r, f = t.prf({k})
            rows.append((f, k, p, r))
        for f, k, p, r in sorted(rows)[:types]:
            per.add_row(k, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", str(t.tp[k]), str(t.fp[k]), str(t.fn[k]))
        console.print(per)


if __name__ == "__main__":
    sys.exit(main())
