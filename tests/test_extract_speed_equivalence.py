"""The note pipeline's shortcuts find exactly what the plain scans find.

- regex targets: a rule regex is tried only where its match can begin (``match_starts`` over ``fold``)
  and only in notes holding its required words; the matches must be ``finditer``'s;
- ConText: each token pattern runs alone over the windows of the note where it can match
  (``_WindowedMatcher``); the modifiers must be those of the whole matcher, in the same order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from necessity.extract.pipeline import (SPAN_GROUP, _RegexTargets, _token_pattern_shape, compact, fold, match_starts,
                                        nlp, required_words, unwrap)
from necessity.extract.scoring import load_note_set

NOTES = Path(__file__).parent / "data" / "notes"


def _texts() -> list[str]:
    """A third of the tuning notes, and some in other cases or with the characters re.IGNORECASE lets
    stand for an ASCII letter (long s, Kelvin sign, dotless and dotted i)."""
    texts = [unwrap(e["note"]) for e in load_note_set(NOTES) if e["split"] != "heldout"]  # a failure shows none
    return texts[::3] + [t.upper() for t in texts[1:60:6]] + [t.lower() for t in texts[2:60:6]] + \
        [t.replace("s", "\u017f").replace("k", "\u212a").replace("i", "\u0131") for t in texts[61:120:6]] + \
        [t.replace("I", "\u0130") for t in texts[62:120:12]]


def test_fold_maps_exactly_the_characters_an_ascii_literal_matches_case_insensitively():
    # every character of Unicode that some ASCII character matches under re.I, found in one scan
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    matched = set(re.findall(r"[\x00-\x7f]", everything, re.I))
    folded = fold(everything)
    assert len(folded) == len(everything)
    changed = {c for c, f in zip(everything, folded) if c != f}
    assert all(c in matched for c in changed)
    for c in matched:
        f = fold(c)
        assert f.isascii() and f == f.lower()
        # the ASCII characters matching c are exactly those folding to fold(c)
        assert {a for a in map(chr, range(128)) if re.fullmatch(re.escape(a), c, re.I)} == \
            {a for a in map(chr, range(128)) if fold(a) == f}


@pytest.mark.parametrize("pattern, starts", [
    # (text, exact, word_start): ci / cs: found in the folded note / in the note; w: after no word character
    (r"\b(?:buckle|torus)\s+fracture", {"buckle ci w", "torus ci w"}),
    (r"(?<!back )(?<!neck )\b(?:pain|pains|aching)\b", {"pain ci w", "aching ci w"}),  # "pains" is where "pain" is
    (r"(?:(?<=hx of )|(?<=h/o ))(?-i:MS)\b", {"MS cs"}),
    (r"(?-i:\bT(?:max|m)?\b)|\b(?:temp|oral temp)\b", {"T cs w", "temp ci w", "oral temp ci w"}),
    (r"(?<![/\w])T(?=\s)", {"t ci w"}),
    (r"\b(?:CRP|C-reactive protein)\s*:", {"crp ci w", "c-reactive protein ci w"}),  # lengthened past "c"
    (r"\b[0-4]\+\s*/", {"0+ ci w", "1+ ci w", "2+ ci w", "3+ ci w", "4+ ci w"}),
    (r"(?:first|initial)?\s*x-?ray", None),  # \s* may start it
    (r"(?:first|initial)?x-?ray", {"first ci", "initial ci", "x- ci", "xray ci"}),
    (r"[Ll]eft\s+knee", {"left ci"}),
    (r"\w+sarcoma", None),
    (r"(?:no)?", None),  # can match nothing
    (r"\d+/10", None),
    (r"(?a)\bknee", {"knee ci"}),  # ASCII \b is not the \b the note's characters are tested with
    (r"[0-9]{2}\.\d", {f"{d} ci" for d in "0123456789"}),
])
def test_match_starts(pattern, starts):
    got = match_starts(pattern)
    assert (None if got is None else {f"{s.text} {'cs' if s.exact else 'ci'}{' w' if s.word_start else ''}"
                                      for s in got}) == starts


def _plain(pattern, text):
    return [m.span() for m in pattern.finditer(text)]


def _anchored(pattern, text):
    return [m.span() for m in _RegexTargets._finditer(pattern, match_starts(pattern.pattern), text, fold(text))]


@pytest.mark.parametrize("pattern, text", [
    (r"(?<!back )\bpain\b", "back pain, knee pain; PAIN pain pain"),
    (r"\bab|\bb", "ab b ab"),  # one match may begin inside the last one's start string: finditer skips it
    (r"aa", "aaaaa"),  # overlapping start strings, non-overlapping matches
    (r"(?:(?<=hx of )|(?<=, ))(?-i:MS)\b", "hx of MS, ms, MS and hx of ms"),
    (r"\bstrain", "\u017ftrain STRAIN strain"),  # long s is an s to re.I
    (r"\bknee", "\u212anee knee"),  # so is the Kelvin sign a k
    (r"\bt\b", " ".join(["t"] * 100)),  # more places than CHARS_PER_TRY allows: finditer
    (r"\bCRP\s*:", "CRP: 5, crp:6, xcrp: 7, _crp:8, \u00e9crp:9, -crp:1"),  # a word character before it
    (r"(?<![/\w])T\d", "T9 /T8 xT7 \u00e9T6 .T5 t4"),
])
def test_anchored_search_finds_what_finditer_finds(pattern, text):
    p = re.compile(pattern, re.I)
    assert match_starts(pattern) is not None
    assert _anchored(p, text) == _plain(p, text)


def test_every_rule_regex_finds_in_every_note_what_finditer_finds():
    targets = dict(nlp().pipeline)["necessity_regex_targets"]
    for text in _texts()[::2]:
        folded = fold(text)
        present = targets.present_words(folded)
        assert present == {w for _, _, words, _ in targets.patterns for w in words or () if w in folded}
        for pattern, _, words, starts in targets.patterns:
            got = [] if words is not None and present.isdisjoint(words) else \
                [m.span() for m in targets._finditer(pattern, starts, text, folded)]
            assert got == _plain(pattern, text), pattern.pattern


def test_required_words_are_in_every_match():
    for pattern in (r"\bno\s+(?:fever|chills)", r"(?:lumbar|cervical)\s+radiculopathy", r"x+ray"):
        words = required_words(pattern)
        for m in re.finditer(pattern, "No fever. no chills. LUMBAR  radiculopathy, xxray", re.I):
            assert any(w in m.group().lower() for w in words)


def test_token_pattern_shape():
    assert _token_pattern_shape([{"LOWER": "no"}, {"IS_PUNCT": True, "OP": "?"}, {"TEXT": "MS"}]) == \
        (3, [(0, "LOWER", ["no"]), (2, "ORTH", ["MS"])])
    assert _token_pattern_shape([{"LOWER": {"IN": ["a", "an"]}}, {"LOWER": "b", "OP": "*"}]) == \
        (None, [(0, "LOWER", ["a", "an"])])
    assert _token_pattern_shape([{"LOWER": {"NOT_IN": ["a"]}}, {"IS_SENT_START": True}]) == (2, [])


def _context_docs(texts):
    pipe = nlp()
    for text in texts:
        doc = pipe.make_doc(text)
        for name, proc in pipe.pipeline:
            if name == "medspacy_context":
                break
            doc = proc(doc)
        yield doc


def _windowed():
    """ConText's windowed matcher (inside the matcher that reads the note's compact form)."""
    return dict(nlp().pipeline)["medspacy_context"]._ConText__matcher.inner


def test_context_matches_in_windows_are_the_whole_matchers():
    matcher = _windowed()
    assert matcher.usable and len(matcher.bounded) > 40
    texts = _texts() + [
        "Mother had back surgery. The child is well; any child may limp. Labs: no, denies. neg: negative films.",
        "no",  # one token
        "Negative initial initial prior x-rays.",  # the unbounded pattern
        "Denies   fever,\tchills. No\n      numbness.",  # runs of spaces the compact form drops
    ]
    compacted = 0
    for doc in _context_docs(texts):
        assert matcher(doc) == matcher.inner(doc)
        small = compact(doc)  # and on the tokens the matchers read
        if small is not None:
            compacted += 1
            assert matcher(small.doc) == matcher.inner(small.doc)
    assert compacted > 10


def test_matches_of_the_same_tokens_keep_the_whole_matchers_order():
    # "mother had" is both 'family' and 'parent had'; which comes first decides which one ConText keeps
    matcher = _windowed()
    texts = ["Mother had a fracture at 12. The child and any child in the class: no, denies pain.",
             "Per mother, dad has scoliosis; mom had it too. The child is here with mother."]
    for doc in _context_docs(texts):
        got = matcher._token_matches(doc)
        spans = [m[1:] for m in got]
        tied = {sp for sp in spans if spans.count(sp) > 1}
        assert tied
        whole = matcher.full(doc)
        assert sorted(got) == sorted(whole)
        for sp in tied:
            assert [m for m in got if m[1:] == sp] == [m for m in whole if m[1:] == sp]


def test_the_pipeline_keeps_every_target_and_modifier():
    # the ConText graph of each note, with the windowed matcher and with the whole one
    pipe = nlp()
    context = dict(pipe.pipeline)["medspacy_context"]
    compacting = context._ConText__matcher
    windowed = compacting.inner

    def graph(doc):
        return [(m.category, m.rule.literal, m.modifier_span, m.scope_span) for m in doc._.context_graph.modifiers], \
            [(s.label_, s.start, s.end, [(m.category, m.modifier_span) for m in s._.modifiers])
             for s in doc.spans[SPAN_GROUP]]

    texts = _texts()[:30]
    fast = [graph(d) for d in pipe.pipe(texts)]
    compacting.inner = windowed.inner
    try:
        slow = [graph(d) for d in pipe.pipe(texts)]
    finally:
        compacting.inner = windowed
    assert fast == slow


def test_sentence_starts_are_set_on_every_token_at_once():
    # _split_sentences writes every token's is_sent_start in one from_array: none is left unknown
    pipe = nlp()
    for doc in pipe.pipe(_texts()[:20] + ["", "   ", "Hi. There"]):
        flags = [t.is_sent_start for t in doc]
        assert None not in flags and (not flags or flags[0] is True)
        assert not any(f and t.is_space for t, f in zip(doc[1:], flags[1:]))
    assert [s.text for s in pipe("No fever.  Knee pain; ? subtle lucency. Seen by Dr. Lee").sents] == \
        ["No fever.  ", "Knee pain; ? subtle lucency.", "Seen by Dr. Lee"]


def test_regex_targets_sought_for_a_scope_are_those_of_the_rules_that_read_it():
    """The regex targets are filtered ahead of the scope step, kept by age band and region: for every age
    and region, the patterns kept are exactly those of the rules ``reads_for`` admits."""
    from necessity.extract.rules import AREAS, load_rules, reads_for

    rx = nlp().get_pipe("necessity_regex_targets")
    facts = load_rules().facts
    for region in [None, *sorted(AREAS)[:6]]:
        for age in [None, 0, 5, 17, 18, 19, 40, 90]:
            patterns = rx._in_scope((age, region))[0]
            expected = [p for p in rx.patterns if not p[1].startswith("fact|")
                        or reads_for(facts[p[1].split("|", 1)[1]], age, region)]
            assert patterns == expected, (age, region)


def test_context_graph_gives_medspacys_edges_in_order():
    """ConText's graph (``_fast_context_graph``) links the same targets to the same modifiers, in the same
    order, as medspaCy's own ``ConTextGraph.apply_modifiers``."""
    import medspacy.context.context as medspacy_context
    from medspacy.context.context_graph import ConTextGraph

    pipe = nlp()
    fast = medspacy_context.ConTextGraph
    assert fast is not ConTextGraph and issubclass(fast, ConTextGraph)

    def edges(text):
        doc = pipe(text)
        return [((t.start, t.end, t.label_), (m._start, m._end, m.category)) for t, m in doc._.context_graph.edges], \
            [(m._start, m._end) for m in doc._.context_graph.modifiers]

    texts = _texts()
    found = [edges(t) for t in texts]
    medspacy_context.ConTextGraph = ConTextGraph
    try:
        plain = [edges(t) for t in texts]
    finally:
        medspacy_context.ConTextGraph = fast
    assert sum(len(e) for e, _ in found) > 500  # the notes do have negations, histories, hypotheticals
    for text, a, b in zip(texts, found, plain):
        assert a == b, text[:80]
