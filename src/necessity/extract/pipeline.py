"""The spaCy / medspaCy pipeline that reads notes: tokenizer, sentences, target matcher, ConText,
sectionizer. Built once per process from the rule files; importing spaCy costs about two seconds,
so nothing imports this module until a note has to be read.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from functools import cache
from typing import NamedTuple

from .rules import load_rules

SPAN_GROUP = "necessity"

# A line break ends a sentence when the next line starts a new item: a "Header:" label, a bullet, a
# checkbox ("[x] Peds neurosurgery referral", "[ ] fever", "☐ numbness") or number, or when a blank line
# separates them. Wrapped prose keeps flowing across single breaks.
_NEW_ITEM = re.compile(r"^\s*(?:[-*•▪◦●○■□☐☑☒✓✔]|\[[ xX✓✔/]?\]|\d+[.)]\s|[A-Z][A-Za-z /&]{0,30}:|[A-Z]{2,}\b)")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (same length, so character offsets still point into the note): a
    single line break inside a sentence becomes a space, so "upper\\nback pain" is one phrase."""
    chars = list(text)
    for i, c in enumerate(text):
        if c != "\n" or text[i - 1: i] in ("\n", "") or text[i + 1: i + 2] in ("\n", ""):
            continue
        prev = text[:i].rstrip(" \t")[-1:]
        line = text[i + 1: text.find("\n", i + 1) % (len(text) + 1)]
        if prev and prev not in ".:;?!" and line.strip() and not _NEW_ITEM.match(line):
            chars[i] = " "
    return "".join(chars)


def _split_sentences(doc):
    import numpy
    from spacy.attrs import SENT_START

    text = doc.text
    # each token's is_sent_start (1 / -1), set at once: the setter checks the whole doc for a parse each time
    starts = [-1] * len(doc)
    last = None  # the previous token that is not whitespace
    for tok in doc:
        if last is None:
            starts[tok.i] = 1
        elif tok.is_space:
            continue
        else:
            gap = text[last.idx + len(last.text): tok.idx]
            start = False
            if last.text == "|" or tok.text == "|":
                # a template's "|" separates items ("Derm: no lesions | Neuro: decreased LT 3rd/4th toes"): the
                # next item starts a sentence, and the bar goes with the item before it
                start = last.text == "|"
            elif last.text in (".", "?", "!", ";") and gap:
                before = doc[last.i - 1].text.lower() if last.i else ""
                start = not (last.text == "." and before in _ABBREV)  # "Dr. Huang", "incl. EHL"
                if last.text == ";" and tok.text == "?" and tok.i + 1 < len(doc) and doc[tok.i + 1].text[:1].islower():
                    start = False  # "no fx; ? subtle lucency": a question mark that marks a doubt goes on
                elif last.text == "?" and not doc[last.i - 1].is_alpha and tok.text[:1].islower():
                    start = False
            elif len(last.text) == 2 and last.text[1] == "." and last.text[0].isalpha() and gap and last.i \
                    and tok.text[:1].isupper():
                # "T 101.2 F. Temp ...", "weak on the R. Reflexes ...": a unit or side ends the sentence
                # (an initial, "J. Smith", follows a name, not a number or an article)
                raw = doc[last.i - 1].text
                before = raw.lower()
                start = before[:1].isdigit() or before in ("the", "on", "to", "at", "in", "of", "and", "both") \
                    or before == "/" and last.text[0] in "lLrR" \
                    or last.text[0] in "LR" and raw.isalpha() and raw.islower() and before not in _NAME_LEADS
                # "DTR 2+ b/l. Babinski ...", "SLR neg R. Reflexes ...": a side closes the sentence; "seen by
                # R. Patel" is a name
            if "\n" in gap:
                line = text[tok.idx: text.find("\n", tok.idx) % (len(text) + 1)]
                start = start or gap.count("\n") >= 2 or bool(_NEW_ITEM.match(line)) \
                    or last.text in (".", ":", "?", "!", ";")
            starts[tok.i] = 1 if start else -1
        last = tok
    if starts:
        doc.from_array([SENT_START], numpy.array(starts, dtype=numpy.int64).view(numpy.uint64))
    return doc


_ABBREV = {"dr", "mr", "mrs", "ms", "st", "incl", "approx", "vs", "e.g", "i.e", "eg", "ie", "cf", "ref"}  # "(ref. d/c summary 11/10)"
_NAME_LEADS = {"by", "per", "with", "see", "saw", "from", "cc", "and", "or", "dr", "mr", "mrs", "ms", "prof", "attn"}


_REGEXES: dict[int, list] = {}
FAST_CONTEXT = True  # ConText's graph: see _fast_context_graph (tests compare it with medspaCy's own)


def required_words(pattern: str) -> frozenset[str] | None:
    """Strings (lower case) one of which every match of ``pattern`` contains, or None when none can
    be told. Lets a regex be skipped for a note that contains none of them: most regex rules never
    match a given note, and testing a few substrings is far cheaper than a regex scan."""
    try:
        from re import _parser as parser  # the parser ``re`` itself uses (private, but stable in 3.11+)
        tree = parser.parse(pattern, re.I)
    except Exception:  # noqa: BLE001 - an unusual pattern is simply always run
        return None
    found = _required(list(tree))
    return frozenset(found) if found else None


def _required(items) -> set[str] | None:
    from re import _constants as c
    best: set[str] | None = None
    run = ""

    def better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
        if not b:
            return a
        if not a:
            return b
        return a if min(map(len, a)) >= min(map(len, b)) else b

    for op, arg in items + [(None, None)]:
        if op is c.LITERAL:
            run += chr(arg).lower()
            continue
        if len(run) >= 3:
            best = better(best, {run})
        run = ""
        if op is c.SUBPATTERN:
            best = better(best, _required(list(arg[-1])))
        elif op is c.BRANCH:
            branches = [_required(list(b)) for b in arg[1]]
            if all(branches):
                best = better(best, set().union(*branches))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            best = better(best, _required(list(arg[2])))
    return best


# Case folding as ``re.IGNORECASE`` does it, for ASCII literals, one character for one (offsets stay
# valid): ASCII capitals, and the four other characters a case-insensitive pattern lets stand for an
# ASCII letter (dotted and dotless i, long s, the Kelvin sign). Every other character keeps its code
# point, and none of those matches an ASCII character under re.I (tests check both over all of Unicode).
_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                       "\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """``text`` with every character a case-insensitive ASCII literal matches mapped to that literal's lower
    case, the same length as ``text``."""
    return text.translate(_FOLD)


class Start(NamedTuple):
    """A string every match of some pattern may begin with (see :func:`match_starts`)."""
    text: str  # lower case ASCII, to find in the folded note; as written, to find in the note itself if exact
    exact: bool  # the pattern reads it case-sensitively (``(?-i:MS)``)
    word_start: bool  # the note's character before it is not a word character (``\\bcrp``, ``(?<![/\\w])T``)


# Of the strings a pattern's matches begin with, as many as are worth finding one by one
_MAX_STARTS = 64


def match_starts(pattern: str) -> frozenset[Start] | None:
    """The strings one of which every match of ``pattern`` (compiled with re.I) begins with; None when that
    cannot be told, or when the pattern can match the empty string. Lets a regex be tried only where one of
    them stands in the note instead of at every position: most rules begin with a word list
    (``\\b(?:buckle|torus|...)``), and a few with a row of lookbehinds that ``re`` otherwise evaluates at
    every character."""
    try:
        from re import _parser as parser
        tree = parser.parse(pattern, re.I)
    except Exception:  # noqa: BLE001 - an unusual pattern is simply scanned whole
        return None
    unicode = not tree.state.flags & (re.ASCII | re.LOCALE)  # \\b and \\w as _is_word reads them
    found, nullable = _starts(list(tree), True, unicode)
    if found is None or nullable or not found or not all(s.text for s in found) or len(found) > _MAX_STARTS:
        return None
    # "pains" stands only where "pain" does (read the same way, with no stricter condition)
    return frozenset(s for s in found if not any(
        t != s and s.text.startswith(t.text) and t.exact == s.exact and s.word_start >= t.word_start for t in found))


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


def _starts(items, ignorecase: bool, unicode: bool, boundary: bool = False,
            after_nonword: bool = False) -> tuple[set[Start] | None, bool]:
    """(the strings a match of ``items`` can begin with, whether it can match the empty string); the strings
    are None when they cannot be told. Where ``items`` begin stands a ``\\b`` (``boundary``), or a character
    that is not a word character or none (``after_nonword``)."""
    from re import _constants as c

    out: set[Start] = set()
    i = 0
    while i < len(items):
        op, arg = items[i]
        i += 1
        fresh = not out  # nothing can have been consumed before this item
        if op is c.LITERAL or op is c.IN:
            if op is c.LITERAL:
                run = chr(arg)
                while i < len(items) and items[i][0] is c.LITERAL:
                    run += chr(items[i][1])
                    i += 1
                heads = {run}
            else:
                heads = _class_chars(arg)
            if heads is None or ignorecase and not all(h.isascii() for h in heads):
                return None, False
            firsts = {Start(h.lower() if ignorecase else h, not ignorecase,
                            fresh and (after_nonword or boundary and _is_word(h[0]))) for h in heads}
            # what must follow lengthens them ("c" then "rp" or "-reactive protein")
            rest, rest_nullable = _starts(items[i:], ignorecase, unicode)
            if rest and not rest_nullable and all(r.exact == (not ignorecase) for r in rest) \
                    and len(firsts) * len(rest) <= _MAX_STARTS:
                firsts = {f._replace(text=f.text + r.text) for f in firsts for r in rest}
            return out | firsts, False
        if op is c.AT:  # zero width: says where a match may stand, consumes nothing
            boundary = boundary or fresh and unicode and arg is c.AT_BOUNDARY
            continue
        if op is c.ASSERT_NOT and fresh and unicode and arg[0] == -1 and _is_word_class(arg[1]):
            after_nonword = True  # (?<![/\\w])
            continue
        if op in (c.ASSERT, c.ASSERT_NOT):
            continue
        here = (boundary and fresh, after_nonword and fresh)
        if op is c.SUBPATTERN:
            _, add, remove, sub = arg
            case = (ignorecase or bool(add & re.I)) and not remove & re.I
            found, nullable = _starts(list(sub), case, unicode and not add & (re.ASCII | re.LOCALE), *here)
        elif op is c.ATOMIC_GROUP:
            found, nullable = _starts(list(arg), ignorecase, unicode, *here)
        elif op is c.BRANCH:
            each = [_starts(list(b), ignorecase, unicode, *here) for b in arg[1]]
            if any(f is None for f, _ in each):
                return None, False
            found, nullable = set().union(*(f for f, _ in each)), any(n for _, n in each)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if arg[1] == 0:
                continue
            found, nullable = _starts(list(arg[2]), ignorecase, unicode, *here)
            nullable = nullable or arg[0] == 0
        else:  # any character, a category, a negated literal, a back reference ...
            return None, False
        if found is None or len(out | found) > _MAX_STARTS:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _is_word_class(items) -> bool:
    """Whether ``items`` is one character class holding every word character (``[/\\w]``)."""
    from re import _constants as c
    return len(items) == 1 and items[0][0] is c.IN and (c.CATEGORY, c.CATEGORY_WORD) in items[0][1] \
        and not any(op is c.NEGATE for op, _ in items[0][1])


def _class_chars(items) -> set[str] | None:
    """The characters of a character class ``[...]``, or None when it has a category, a negation or a
    wide range."""
    from re import _constants as c
    chars: set[str] = set()
    for op, arg in items:
        if op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE and arg[1] - arg[0] < 32:
            chars.update(chr(x) for x in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


# (age, requested region) of the notes being read: the rules that do not read them are removed before
# ConText runs, so they neither match nor take a negation cue or hide a shorter match ("No injury." in a
# spine note is the spine rule's "injury", negated). Set by read_notes for the duration of a read.
SCOPE: ContextVar[tuple[int | None, str | None] | None] = ContextVar("necessity_scope", default=None)


def _scope_targets(doc):
    scope = SCOPE.get()
    if scope is None:
        return doc
    from .rules import reads_for

    rules = load_rules()
    group = doc.spans[SPAN_GROUP]
    kept = [sp for sp in group if not sp.label_.startswith("fact|")
            or reads_for(rules.facts[sp.label_.split("|", 1)[1]], *scope)]
    if len(kept) != len(group):
        doc.spans[SPAN_GROUP] = kept
    return doc


class Compact(NamedTuple):
    """A note's tokens as the matchers read them (see :func:`compact`)."""
    doc: object  # a spaCy Doc: the note's tokens less the runs of spaces inside a line
    keep: list[int]  # for each of its tokens, the note's token

    def spans(self, matches: list) -> list:
        """``(id, start, end)`` matches in ``doc`` as the same matches in the note's tokens."""
        keep = self.keep
        return [(key, keep[s], keep[e - 1] + 1) for key, s, e in matches]


_COMPACT = "necessity_compact"  # doc.user_data key: the note's Compact, False when it has no run to drop


def compact(doc) -> Compact | None:
    """The note as the matchers read it, or None when that is the note itself: a run of spaces or tabs
    between two words of one line stands for one space. spaCy makes such a run a token of its own (only one
    space goes with the word before it), which no phrase has: the indentation of a wrapped line that
    :func:`unwrap` joined ("Sensation\\n       intact LT", "marrow\\n      edema": the spaces keep their
    length so offsets still point into the note), a column's padding ("Strength:   5/5"), two spaces after a
    word. A run holding a line break (a line break unwrap kept) still parts what stands around it. The
    matchers' tokens keep their sentence starts. Built once a note (kept in ``doc.user_data`` while the note
    is read: the target matcher, the regex targets, ConText's matcher and its scopes read it; the last step
    of the pipeline drops it)."""
    got = doc.user_data.get(_COMPACT)
    if got is not None:
        return got or None
    import numpy
    from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
    from spacy.tokens import Doc

    n = len(doc)
    drop = [i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist()
            if 0 < i < n - 1 and "\n" not in doc[i].text and "\r" not in doc[i].text]
    if not drop:
        doc.user_data[_COMPACT] = False
        return None
    arr = doc.to_array([ORTH, SPACY, SENT_START])
    spaces = arr[:, 1].astype(bool)
    spaces[[i - 1 for i in drop]] = True  # "a\tb": the word before the run is followed by a space
    mask = numpy.ones(n, dtype=bool)
    mask[drop] = False
    keep = numpy.flatnonzero(mask)
    strings = doc.vocab.strings
    small = Doc(doc.vocab, words=[strings[o] for o in arr[keep, 0].tolist()], spaces=spaces[keep].tolist())
    small.from_array([SENT_START], arr[keep][:, 2:3].copy())
    got = doc.user_data[_COMPACT] = Compact(small, keep.tolist())
    return got


class _CompactMatcher:
    """A medspaCy matcher (the targets', ConText's) run over the note as :func:`compact` gives it, its
    matches given in the note's tokens."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):  # rules, rule_map, add ... are the wrapped matcher's
        return getattr(self.inner, name)

    def __call__(self, doc):
        small = compact(doc)
        return self.inner(doc) if small is None else small.spans(self.inner(small.doc))


def _compact_done(doc):
    """The last step: the note's compact form is not kept with it."""
    doc.user_data.pop(_COMPACT, None)
    return doc


def _compact_scope_modifier():
    """medspaCy's ``ConTextModifier`` whose ``max_scope`` counts the tokens the matchers read (:func:`compact`):
    a run of spaces inside a line, a wrapped line's indentation, takes no place of a cue's few tokens
    ("r/o\\n      stress fracture" reaches as far as "r/o stress fracture")."""
    from bisect import bisect_left

    from medspacy.context.context_modifier import ConTextModifier

    class CompactScopeModifier(ConTextModifier):
        def __init__(self, context_rule, start, end, doc, scope_start=None, scope_end=None, max_scope=None):
            end -= getattr(context_rule, "lookahead", 0)  # the words a cue reads after it are not the cue's
            super().__init__(context_rule, start, end, doc, scope_start, scope_end, max_scope)
            most = self.max_scope
            if doc is None or most is None or max_scope or scope_start is not None or scope_end is not None:
                return
            small = compact(doc)
            if small is None:
                return
            keep = small.keep
            sent = doc[start].sent
            lo, hi = bisect_left(keep, sent.start), bisect_left(keep, sent.end)  # the sentence, in kept tokens
            a, b = bisect_left(keep, start), bisect_left(keep, end)
            direction = self.direction.lower()
            if direction in ("forward", "bidirectional") and self._scope_end < sent.end:
                self._scope_end = keep[min(hi, b + most) - 1] + 1
            if direction in ("backward", "bidirectional") and self._scope_start > sent.start:
                self._scope_start = keep[max(lo, a - most)]

    return CompactScopeModifier


class _RegexTargets:
    """Regex target rules, run once over the text. (medspaCy's regex matcher rebuilds ``doc.text``
    for every pattern, which made a hundred regex rules the slowest step of the pipeline.)

    Two filters keep a regex from scanning a note it cannot match; neither changes what is found. A
    note holding none of the pattern's required words (:func:`required_words`) is skipped: the note's
    words are tested once, each distinct word once for all the patterns that need it (and only when the
    note has its first and last three letters). A pattern whose matches all begin with known strings
    (:func:`match_starts`) is tried only where they stand, in order, as ``finditer`` would find them."""

    # A pattern is tried at each place a start string stands unless there are more than one for this many
    # characters of the note: then one ``finditer`` scan is cheaper (a try costs about as much as scanning
    # ten characters).
    CHARS_PER_TRY = 10

    def __init__(self, nlp, name: str, key: int):
        self.patterns = [(p, label, required_words(p.pattern), match_starts(p.pattern)) for p, label in _REGEXES[key]]
        self.words, self.short_words = self._words(self.patterns)
        self.scoped: dict[tuple, tuple] = {}  # SCOPE -> (patterns, words, short words) of the rules it reads

    @staticmethod
    def _words(patterns: list[tuple]) -> tuple[list, list]:
        words = sorted({w for _, _, words, _ in patterns if words for w in words})
        # a word of three letters or more can only be in a note holding its first and last three letters
        return [(w, w[:3], w[-3:]) for w in words if len(w) >= 3], [w for w in words if len(w) < 3]

    def _in_scope(self, scope: tuple) -> tuple:
        """The patterns of the rules that read notes of this (age, region) and their words: the matches
        of the others would be dropped by ``_scope_targets`` right after, so they are not sought. Kept
        by what ``reads_for`` reads of the age: under 18, 18, or older."""
        age, region = scope
        key = (None if age is None else (age > 17) + (age > 18), region)
        found = self.scoped.get(key)
        if found is None:
            from .rules import reads_for

            facts = load_rules().facts
            patterns = [p for p in self.patterns if not p[1].startswith("fact|")
                        or reads_for(facts[p[1].split("|", 1)[1]], *scope)]
            found = (patterns, *self._words(patterns))
            if len(self.scoped) < 1000:
                self.scoped[key] = found
        return found

    def __call__(self, doc):
        from spacy.tokens import Span

        scope = SCOPE.get()
        patterns, words, short = (self.patterns, self.words, self.short_words) if scope is None \
            else self._in_scope(scope)
        small = compact(doc)  # "marrow\n      edema" is read "marrow edema" ((?<!marrow )edema)
        read = doc if small is None else small.doc
        text = read.text
        folded = fold(text)
        present = self.present_words(folded, words, short)
        group = doc.spans[SPAN_GROUP]
        for pattern, label, words, starts in patterns:
            if words is not None and present.isdisjoint(words):
                continue
            for m in self._finditer(pattern, starts, text, folded):
                span = read.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None and len(span):
                    start, end = (span.start, span.end) if small is None else \
                        (small.keep[span.start], small.keep[span.end - 1] + 1)
                    group.append(Span(doc, start, end, label=label))
        return doc

    def present_words(self, folded: str, words: list | None = None, short: list | None = None) -> set[str]:
        """The required words (of any pattern, or of ``words`` and ``short``) that ``folded`` (a folded
        note) holds."""
        threes = {folded[i: i + 3] for i in range(len(folded) - 2)}
        present = {w for w, first, last in (self.words if words is None else words)
                   if first in threes and last in threes and w in folded}
        present.update(w for w in (self.short_words if short is None else short) if w in folded)
        return present

    @classmethod
    def _finditer(cls, pattern, starts, text: str, folded: str):
        """``pattern.finditer(text)``: the same matches, found by trying the pattern only where one of
        ``starts`` stands (``folded`` is ``fold(text)``). Matches are never empty (``match_starts``), so
        the next one is sought from the end of the last, as ``finditer`` does."""
        if starts is None:
            return pattern.finditer(text)
        most = len(text) // cls.CHARS_PER_TRY
        at: set[int] = set()
        for s in starts:
            hay = text if s.exact else folded
            i = hay.find(s.text)
            while i >= 0:
                if not (s.word_start and i and _is_word(text[i - 1])):
                    at.add(i)
                i = hay.find(s.text, i + 1)
            if len(at) > most:
                return pattern.finditer(text)
        found = []
        end = 0
        for i in sorted(at):
            if i >= end:
                m = pattern.match(text, i)
                if m is not None:
                    found.append(m)
                    end = m.end()
        return found


class _WindowedMatcher:
    """A medspaCy matcher (ConText's) whose token patterns are run only where they can match, with the same
    result as the whole matcher.

    spaCy's token ``Matcher`` starts every pattern at every token and tests each ``{"LOWER": {"IN": [...]}}``
    in Python, which made it most of ConText's time. But most of ConText's patterns are of bounded length
    (no ``*`` / ``+``) and need tokens of known texts (``":"`` then ``"no"``): such a pattern can only match
    within its length of its rarest such token, and only where its other such tokens stand on the right
    side of it within that length. Each of these patterns is run alone over those windows (spaCy matches a
    span's tokens as it matches the doc's). Unbounded patterns are run over the whole note when their words
    are in it.

    What ConText does with the matches depends on their order only among matches of the same tokens
    (``prune_overlapping_matches`` sorts by start and end, keeping the first of equals). Where two patterns
    match the same tokens ("mother had": 'family' and 'parent had'), a matcher of just those patterns, in
    the whole matcher's order, run over the whole note, gives their order: the whole matcher's, whose
    states for other patterns never reorder these.
    """

    def __init__(self, inner, vocab):
        self.inner = inner
        self.vocab = vocab
        self._build()

    def __getattr__(self, name):  # rules, labels, rule_map ... are the wrapped matcher's
        return getattr(self.inner, name)

    def add(self, rules) -> None:
        self.inner.add(rules)
        self._build()

    def _build(self) -> None:
        from spacy.attrs import LOWER, ORTH
        from spacy.matcher import Matcher

        inner = self.inner
        self.full = inner._MedspacyMatcher__matcher
        self.phrases = inner._MedspacyMatcher__phrase_matcher
        self.regexes = inner._MedspacyMatcher__regex_matcher
        self.prune = inner._prune
        self.attrs = (LOWER, ORTH)
        self.bounded: list[tuple] = []  # (matcher of the one pattern, its length, its anchors)
        self.unbounded = Matcher(self.vocab)
        self.unbounded_gates: list[list[tuple[int, frozenset[int]]]] = []
        self.order: dict[int, int] = {}  # match id -> place in the whole matcher
        self.token_rules: dict[int, object] = {}
        self.subsets: dict[tuple[int, ...], object] = {}
        self.usable = all(r.on_match is None for r in inner.rules)
        for rule in inner.rules:
            if not isinstance(rule.pattern, list):
                continue
            key = self.vocab.strings.add(rule._rule_id)
            self.order[key] = len(self.order)
            self.token_rules[key] = rule
            length, anchors = _token_pattern_shape(rule.pattern)
            anchors = [(i, LOWER if attr == "LOWER" else ORTH, frozenset(self.vocab.strings.add(v) for v in values))
                       for i, attr, values in anchors]
            if length is not None and anchors:
                one = Matcher(self.vocab)
                one.add(rule._rule_id, [rule.pattern])
                self.bounded.append((one, length, anchors))
            else:
                self.unbounded.add(rule._rule_id, [rule.pattern])
                self.unbounded_gates.append([(attr, values) for _, attr, values in anchors])

    def __call__(self, doc):
        from medspacy.common.util import prune_overlapping_matches

        matches = self._token_matches(doc) if self.usable else self.full(doc)
        matches += self.phrases(doc)
        matches += self.regexes(doc)
        if self.prune:
            matches = prune_overlapping_matches(matches)
        return matches

    def _token_matches(self, doc) -> list:
        from bisect import bisect_left

        n = len(doc)
        if not n:
            return self.full(doc)
        at: dict[tuple[int, int], list[int]] = {}  # (attribute, value) -> token positions
        for attr, values in zip(self.attrs, doc.to_array(list(self.attrs)).T.tolist()):
            for i, v in enumerate(values):
                at.setdefault((attr, v), []).append(i)
        present = {attr: {v for a, v in at if a == attr} for attr in self.attrs}

        def positions(attr, values) -> list[int]:
            found = [q for v in values & present[attr] for q in at[(attr, v)]]
            return sorted(found)

        def within(found: list[int], lo: int, hi: int) -> bool:
            k = bisect_left(found, lo)
            return k < len(found) and found[k] < hi

        matches = []
        if len(self.unbounded) and any(all(positions(a, vs) for a, vs in gates) for gates in self.unbounded_gates):
            matches += self.unbounded(doc)
        for one, length, anchors in self.bounded:
            found = []
            for i, attr, values in anchors:
                f = positions(attr, values)
                if not f:
                    break
                found.append((i, f))
            else:
                i, pivot = min(found, key=lambda x: len(x[1]))
                windows = []
                for q in pivot:
                    lo, hi = max(0, q - i), min(n, q - i + length)
                    if all(within(f, lo, q) if j < i else within(f, q + 1, hi) if j > i else within(f, q, q + 1)
                           for j, f in found):
                        if windows and lo < windows[-1][1]:
                            windows[-1] = (windows[-1][0], hi)
                        else:
                            windows.append((lo, hi))
                for lo, hi in windows:
                    matches += [(key, s + lo, e + lo) for key, s, e in one(doc[lo:hi])]
        return self._whole_order(doc, matches)

    def _whole_order(self, doc, matches: list) -> list:
        """``matches`` with those of the same tokens in the order the whole matcher gives them."""
        by_span: dict[tuple[int, int], list] = {}
        for m in matches:
            by_span.setdefault(m[1:], []).append(m)
        tied = [ms for ms in by_span.values() if len(ms) > 1]
        if not tied:
            return matches
        keys = tuple(sorted({m[0] for ms in tied for m in ms}, key=self.order.__getitem__))
        subset = self.subsets.get(keys)
        if subset is None:
            from spacy.matcher import Matcher
            subset = self.subsets[keys] = Matcher(self.vocab)
            for key in keys:
                subset.add(self.token_rules[key]._rule_id, [self.token_rules[key].pattern])
        rank = {m: r for r, m in enumerate(subset(doc))}
        if any(m not in rank for ms in tied for m in ms):  # cannot happen: the subset finds what they found
            return self.full(doc)
        return [m for ms in by_span.values() for m in (ms if len(ms) == 1 else sorted(ms, key=rank.__getitem__))]


def _token_pattern_shape(pattern: list[dict]) -> tuple[int | None, list[tuple[int, str, list[str]]]]:
    """(the most tokens a match of the spaCy token ``pattern`` spans, None when unbounded; the tokens every
    match has: (index in the pattern, "LOWER" or "ORTH", the texts one of which the token has))."""
    length, anchors = 0, []
    for i, spec in enumerate(pattern):
        op = spec.get("OP")
        if op not in (None, "1", "!", "?"):
            length = None
        elif length is not None:
            length += 1
        if op not in (None, "1"):
            continue
        for key, attr in (("LOWER", "LOWER"), ("ORTH", "ORTH"), ("TEXT", "ORTH")):
            value = spec.get(key)
            if isinstance(value, str):
                anchors.append((i, attr, [value]))
            elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
                anchors.append((i, attr, list(value["IN"])))
    return length, anchors


# A ConText cue's token pattern may end in tokens marked ``LOOKAHEAD: true``: the words the cue needs after
# it ("neg" that leads a list needs a word, "ROS: neg fever, wt loss"; "SLR: neg." looks back), matched but not
# part of the cue, so the target they begin is in the cue's scope and does not overlap it.


def _lookahead(pattern) -> int:
    """How many tokens at the end of a cue's token ``pattern`` are marked ``LOOKAHEAD``."""
    n = 0
    if isinstance(pattern, list):
        for spec in reversed(pattern):
            if not spec.get("LOOKAHEAD"):
                break
            n += 1
    return n


def _cue_pattern(pattern):
    """A cue's token ``pattern`` as spaCy reads it: without the ``LOOKAHEAD`` marks."""
    if not isinstance(pattern, list) or not any("LOOKAHEAD" in spec for spec in pattern):
        return pattern
    return [{k: v for k, v in spec.items() if k != "LOOKAHEAD"} for spec in pattern]


def _fast_context_graph():
    """medspaCy's ``ConTextGraph`` with ``apply_modifiers`` giving the same edges, in the same order, without
    testing every target against every modifier through three method calls: the targets are sorted by
    start once, and a modifier tries only those that begin before its scope ends."""
    from bisect import bisect_left

    from medspacy.context.context_graph import ConTextGraph

    class FastContextGraph(ConTextGraph):
        def apply_modifiers(self):
            targets = list(self.targets)
            spans = [(t.start, t.end) for t in targets]
            if self.prune_on_modifier_overlap:  # medspaCy's tuple_overlaps(target, modifier), kept as written
                self.modifiers = [m for m in self.modifiers
                                  if not any(s <= m._start < e or s < m._end <= e for s, e in spans)]
            order = sorted(range(len(targets)), key=lambda i: spans[i][0])
            starts = [spans[i][0] for i in order]
            labels: dict[int, str] = {}
            edges = []
            for m in self.modifiers:
                if m.direction in ("TERMINATE", "PSEUDO"):
                    continue
                a, b = m._start, m._end
                ss, se = m._scope_start, m._scope_end
                hit = []
                for i in order[:bisect_left(starts, se)]:  # a target in scope begins before the scope ends
                    s, e = spans[i]
                    if a <= s < b or a < e <= b:  # overlaps the modifier: never its own target
                        continue
                    if not (ss <= s < se or ss < e <= se):
                        continue
                    label = labels.get(i)
                    if label is None:
                        label = labels[i] = targets[i].label_.upper()
                    if m.allows(label) and m.on_modifies(targets[i]):
                        hit.append(i)
                for i in sorted(hit):  # each modifier's targets in the targets' order, as medspaCy adds them
                    m.modify(targets[i])
            for m in self.modifiers:
                m.reduce_targets()
                for target in m._targets:
                    edges.append((target, m))
            self.edges = edges

    return FastContextGraph


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
    targets, regexes = [], []
    for group, kind in ((rules.facts, "fact"), (rules.treatments, "treatment"), (rules.imaging, "imaging"),
                        (rules.regions, "region")):
        for rid, r in group.items():
            cat = f"{kind}|{rid}"
            targets += [TargetRule(p, cat) for p in r.phrases]
            targets += [TargetRule(f"{rid}#p{i}", cat, pattern=p) for i, p in enumerate(r.patterns)]
            regexes += [(re.compile(p, re.I), cat) for p in r.regex]
    matcher.add(targets)
    # phrases and token patterns read a run of spaces inside a line as one space (see compact)
    matcher._TargetMatcher__matcher = _CompactMatcher(matcher._TargetMatcher__matcher)
    if not Language.has_factory("necessity_regex_targets"):
        Language.factory("necessity_regex_targets", default_config={"key": 0})(_RegexTargets)
    _REGEXES[0] = regexes
    pipe.add_pipe("necessity_regex_targets", config={"key": 0})
    if not Language.has_factory("necessity_scope"):
        Language.component("necessity_scope")(_scope_targets)
    pipe.add_pipe("necessity_scope")
    import medspacy.context.context as medspacy_context

    if FAST_CONTEXT:
        medspacy_context.ConTextGraph = _fast_context_graph()  # the name ConText.__call__ builds its graph with
    medspacy_context.ConTextModifier = _compact_scope_modifier()  # and its modifiers
    context: ConText = pipe.add_pipe("medspacy_context", config={
        "input_span_type": "group", "span_group_name": SPAN_GROUP, "max_scope": None, "rules": None,
        "prune_on_target_overlap": True})  # "can't stand" inside a target does not negate it
    # medspaCy's default rules, less those a rule file redefines (": no" looks both ways in ours): two
    # rules matching the same words would leave which one applies to the order of the matcher's ids
    ours = [ConTextRule(c.literal, c.category, pattern=_cue_pattern(c.pattern), direction=c.direction,
                        max_scope=c.max_scope) for c in rules.context]
    for r, c in zip(ours, rules.context):
        r.lookahead = _lookahead(c.pattern)
    redefined = {r.literal.lower() for r in ours}
    defaults = ConTextRule.from_json(context.DEFAULT_RULES_FILEPATH)
    context.add([r for r in defaults if r.literal.lower() not in redefined] + ours)
    if hasattr(context, "_ConText__matcher"):  # medspaCy 1.x keeps its matcher there
        context._ConText__matcher = _CompactMatcher(_WindowedMatcher(context._ConText__matcher, pipe.vocab))
    # medspaCy's defaults, less "allergy -> hypothetical": an allergy list states real allergies
    # ("Allergies: anaphylaxis to gadolinium"), and the section runs on over headings the sectionizer
    # does not know ("Exam: knee effusion"), which it would make hypothetical too
    from medspacy.section_detection.sectionizer import DEFAULT_ATTRS
    attrs = {k: v for k, v in DEFAULT_ATTRS.items() if k != "allergy"}
    pipe.add_pipe("medspacy_sectionizer", config={"input_span_type": "group", "span_group_name": SPAN_GROUP,
                                                  "span_attrs": attrs})
    if not Language.has_factory("necessity_compact_done"):
        Language.component("necessity_compact_done")(_compact_done)
    pipe.add_pipe("necessity_compact_done")
    return pipe
