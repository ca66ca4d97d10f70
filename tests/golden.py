"""The golden-case format now lives in the package: see ``necessity.golden`` (src/necessity/golden.py)."""

from necessity.golden import GoldenCase, check, deep_merge, load_cases  # noqa: F401
