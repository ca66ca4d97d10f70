"""Throughput of ``necessity.review`` on generated structured cases, against json.loads of the same.

    python benchmarks/review_throughput.py [--cases 100000] [--seed 7] [--rounds 3]

Times are CPU time of this process (one core). Prints cases/s for the full review (validation +
routing + evaluation + the determination with its reasons and pend questions; the trace, every
node's value and evidence, is evaluated again with every node recorded when it is first read, which
this loop does not do), the parse-only time of ``json.loads`` on the same documents (the baseline,
measured in the same run), their ratio, and the cold-start time of ``necessity review`` on one
example. Each round parses and then reviews the cases a block of 1,000 at a time (so both figures
see the same load on the shared machine); the ratio printed is the median of the rounds' ratios,
with every round's ratio listed. ``registry()``, called before the timed loops, loads the guideline
data and compiles the functions reviews run, as a long-running service's start would; the CLI
compiles them as its few cases need them.
Targets: >= 5,000 cases/s on one core; review time <= 10x parse time; cold start < 1 s.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 1000  # cases parsed, then reviewed, back to back

CODES = ["72141", "72146", "72148", "72158", "72156", "72131", "72125", "72195", "72132", "76800", "72159", "76998"]
ICD = ["M54.16", "M54.50", "M54.2", "M54.6", "M48.062", "M43.16", "M53.3", "M47.12", "S32.010A", "M41.125", None]
FACTS = [
    ("radicular_pain", lambda r: r.randint(3, 10)),
    ("motor_grade", lambda r: r.randint(2, 5)),
    ("saddle_anesthesia", None), ("fever", None), ("suspected_spinal_infection", None),
    ("night_pain", None), ("functional_loss", None), ("planned_tfesi", None),
    ("spinal_trauma", None), ("low_back_pain", None), ("neck_pain", None),
]
KINDS = ["physical_therapy", "nsaid", "home_exercise", "chiropractic"]
RESPONSES = ["none", "minimal", "significant", None]


def make_case(r: random.Random, i: int) -> dict:
    today = date(2026, 11, 2) - timedelta(days=r.randint(0, 300))
    onset = today - timedelta(days=r.randint(10, 200))
    d = lambda lo, hi: (today - timedelta(days=r.randint(lo, hi))).isoformat()  # noqa: E731
    facts = []
    for name, value in r.sample(FACTS, r.randint(1, 5)):
        rec = {"fact": name, "present": r.random() > 0.2, "date": d(0, 60)}
        if value and rec["present"]:
            rec["value"] = value(r)
        facts.append(rec)
    if r.random() < 0.1:
        facts.append({"fact": "implanted_device", "value": "pacemaker", "mri_conditional": r.random() < 0.3})
    start = today - timedelta(days=r.randint(20, 150))
    treatments = [{"kind": r.choice(KINDS), "start": start.isoformat(),
                   "end": (start + timedelta(days=r.randint(10, 70))).isoformat(),
                   "response": r.choice(RESPONSES)} for _ in range(r.randint(0, 2))]
    treatments = [t for t in treatments if t["end"] <= today.isoformat()]
    icd = r.choice(ICD)
    return {
        "id": f"bench-{i}",
        "policy_set": "evicore",
        "patient": {"birth_date": (today - timedelta(days=r.randint(16 * 365, 85 * 365))).isoformat(), "sex": "female"},
        "request": {"cpt": r.choice(CODES), "date": today.isoformat(), "icd10": [icd] if icd else []},
        "clinical": {
            "episode_onset": onset.isoformat(),
            "encounters": [{"date": d(0, 90), "mode": r.choice(["in_person", "in_person", "phone"])}
                           for _ in range(r.randint(0, 3))],
            "facts": facts,
            "treatments": treatments,
            "imaging": [{"modality": "xray", "region": r.choice(["lumbar", "cervical"]), "date": d(0, 120),
                         "result": r.choice(["normal", "abnormal", "equivocal"])}] if r.random() < 0.5 else [],
        },
    }


def cold_start(example: Path, runs: int = 5) -> list[float]:
    exe = [sys.executable, "-m", "necessity.cli", "review", str(example)]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(exe, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rounds", type=int, default=3, help="parse + review passes over the cases")
    args = ap.parse_args()

    from necessity import review
    from necessity.policy.loader import registry

    registry()  # load the guideline data once, as a long-running service would
    r = random.Random(args.seed)
    docs = [json.dumps(make_case(r, i)).encode() for i in range(args.cases)]
    size = sum(map(len, docs)) / len(docs)

    # Each round parses and then reviews the cases a block of CHUNK at a time, so that the two
    # figures see the same machine (this host is shared: its speed drifts by half within minutes,
    # and a parse pass of 0.7 s and a review pass of 7 s timed apart caught different moments);
    # the ratio reported is the median of the rounds' ratios.
    outcomes: dict[str, int] = {}
    rounds = []
    clock = time.process_time
    for n in range(args.rounds):
        parse = full = 0.0
        for at in range(0, len(docs), CHUNK):
            block = docs[at:at + CHUNK]
            t0 = clock()
            for doc in block:
                json.loads(doc)
            t1 = clock()
            for doc in block:
                o = review(doc).outcome
                if not n:
                    outcomes[o] = outcomes.get(o, 0) + 1
            t2 = clock()
            parse += t1 - t0
            full += t2 - t1
        rounds.append((parse, full))
    ratios = [full / parse for parse, full in rounds]
    parse = statistics.median(p for p, _ in rounds)
    full = statistics.median(f for _, f in rounds)

    # a structured case; a case with notes also loads spaCy (about 2 s more), measured apart
    starts = cold_start(ROOT / "examples" / "lumbar-with-contrast-alternative.json")
    with_notes = cold_start(ROOT / "examples" / "lumbar-radiculopathy-approve.json")
    print(f"cases                 {args.cases:,} (mean {size:.0f} bytes)")
    print(f"outcomes              {dict(sorted(outcomes.items()))}")
    print(f"json.loads only       {parse:.2f} s  ({args.cases / parse:,.0f} cases/s; median of {args.rounds} rounds)")
    print(f"necessity.review      {full:.2f} s  ({args.cases / full:,.0f} cases/s; median of {args.rounds} rounds)"
          "   target >= 5,000 cases/s")
    print(f"review / parse ratio  {statistics.median(ratios):.1f}x median of rounds "
          f"({', '.join(f'{x:.1f}' for x in ratios)})   target <= 10x")
    print(f"cold start (CLI)      median {statistics.median(starts):.2f} s, min {min(starts):.2f} s over "
          f"{len(starts)} runs   target < 1 s")
    print(f"cold start, with notes median {statistics.median(with_notes):.2f} s (spaCy + medspaCy load; no target)")


if __name__ == "__main__":
    main()
