"""Necessity: medical-necessity review of advanced-imaging orders against payer guidelines.

    >>> import necessity
    >>> determination = necessity.review(case_dict)   # -> Determination
"""

from .case import Case, parse_case
from .engine.determination import Determination
from .engine.review import review
from .errors import CaseError, GuidelineError, NecessityError

__all__ = ["Case", "CaseError", "Determination", "GuidelineError", "NecessityError", "parse_case", "review"]
__version__ = "0.1.0"
