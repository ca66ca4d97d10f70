"""What a one-case CLI run loads: the cold-start budget (< 1 s, benchmarks/review_throughput.py)
depends on a structured case not importing the note reader (its rule files, regexes, spaCy)."""

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lumbar-with-contrast-alternative.json"

PROBE = """
import sys
from pathlib import Path
from necessity import review
d = review(Path(sys.argv[1]).read_bytes())
print(d.outcome, ",".join(d.sections))
print(" ".join(sorted(m for m in sys.modules if m.startswith(("necessity.extract", "spacy", "medspacy")))))
"""


def test_structured_case_does_not_load_the_note_reader():
    out = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLE)], capture_output=True, text=True, check=True)
    decided, loaded = (out.stdout.splitlines() + [""])[:2]
    assert decided.startswith("approve_alternative ")
    assert loaded == ""


def test_cli_compiles_review_functions_on_demand():
    probe = ("import sys; from necessity import cli; from necessity.policy import loader\n"
             "sys.argv = ['necessity', 'review', sys.argv[1]]\n"
             "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
             "print('compile-ahead', loader.COMPILE_AHEAD)")
    out = subprocess.run([sys.executable, "-c", probe, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert "APPROVE ALTERNATIVE" in out.stdout
    assert out.stdout.rstrip().endswith("compile-ahead False")
