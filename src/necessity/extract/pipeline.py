"""The spaCy / medspaCy pipeline that reads notes: tokenizer, sentences, target matcher, ConText,
sectionizer. Built once per process from the rule files; importing spaCy costs about two seconds,
so nothing imports this module until a note has to be read.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from .rules import load_rules

SPAN_GROUP = "necessity"

# A line break ends a sentence when the next line starts a new item: a "Header:" label, a bullet or
# number, or when a blank line separates them. Wrapped prose keeps flowing across single breaks.
_NEW_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)]\s|[A-Z][A-Za-z /&]{0,30}:|[A-Z]{2,}\b)")


def _split_sentences(doc):
    text = doc.text
    last = None  # the previous token that is not whitespace
    for tok in doc:
        if last is None:
            tok.is_sent_start = True
        elif tok.is_space:
            tok.is_sent_start = False
            continue
        else:
            gap = text[last.idx + len(last.text): tok.idx]
            start = False
            if last.text in (".", "?", "!", ";") and gap:
                before = doc[last.i - 1].text.lower() if last.i else ""
                start = not (last.text == "." and before in _ABBREV)  # "Dr. Huang", "incl. EHL"
            if "\n" in gap:
                line = text[tok.idx: text.find("\n", tok.idx) % (len(text) + 1)]
                start = start or gap.count("\n") >= 2 or bool(_NEW_ITEM.match(line)) \
                    or last.text in (".", ":", "?", "!", ";")
            tok.is_sent_start = start
        last = tok
    return doc


_ABBREV = {"dr", "mr", "mrs", "ms", "st", "incl", "approx", "vs", "e.g", "i.e", "eg", "ie", "cf"}


@cache
def nlp():
    """The pipeline, with every rule file's targets and ConText modifiers added."""
    logging.getLogger("PyRuSH").setLevel(logging.WARNING)
    try:  # medspaCy's dependencies log through loguru at DEBUG; silence them
        from loguru import logger
        logger.remove()
    except ImportError:  # pragma: no cover
        pass
    import warnings
    warnings.filterwarnings("ignore", message=r".*\[W036\]")  # a rule file without token patterns is fine
    import spacy
    from spacy.language import Language
    from medspacy.context import ConText, ConTextRule
    from medspacy.custom_tokenizer import create_medspacy_tokenizer
    from medspacy.section_detection import Sectionizer
    from medspacy.target_matcher import TargetMatcher, TargetRule

    if not Language.has_factory("necessity_sentences"):
        Language.component("necessity_sentences")(_split_sentences)
    pipe = spacy.blank("en")
    pipe.tokenizer = create_medspacy_tokenizer(pipe)
    pipe.add_pipe("necessity_sentences")
    rules = load_rules()
    matcher: TargetMatcher = pipe.add_pipe("medspacy_target_matcher", config={
        "result_type": "group", "span_group_name": SPAN_GROUP, "prune": False})
    targets = []
    for group, kind in ((rules.facts, "fact"), (rules.treatments, "treatment"), (rules.imaging, "imaging"),
                        (rules.regions, "region")):
        for rid, r in group.items():
            cat = f"{kind}|{rid}"
            targets += [TargetRule(p, cat) for p in r.phrases]
            targets += [TargetRule(f"{rid}#p{i}", cat, pattern=p) for i, p in enumerate(r.patterns)]
            targets += [TargetRule(f"{rid}#r{i}", cat, pattern=p) for i, p in enumerate(r.regex)]
    matcher.add(targets)
    context: ConText = pipe.add_pipe("medspacy_context", config={
        "input_span_type": "group", "span_group_name": SPAN_GROUP, "max_scope": None})
    context.add([ConTextRule(c.literal, c.category, pattern=c.pattern, direction=c.direction, max_scope=c.max_scope)
                 for c in rules.context])
    pipe.add_pipe("medspacy_sectionizer", config={"input_span_type": "group", "span_group_name": SPAN_GROUP})
    return pipe
