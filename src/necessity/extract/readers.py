"""Registered readers of what a mention carries in its sentence: a number on its scale, a side, a
spinal level. Each looks at the sentence around the mention and takes the nearest candidate, so
"EHL 4/5, otherwise 5/5" gives the EHL 4 and "Strength 5/5 incl EHL, TA" gives each muscle 5.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .rules import ValueReader

# (pattern, how to turn the match into a number); the number is group "v"
# "4/5", "4+/5", "4 out of 5", "five out of five" (dictated)
_SPELLED = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_GRADE = re.compile(r"(?<![\d.])(?P<v>[0-5]|\b(?:zero|one|two|three|four|five))(?:\s*(?:[+-]|plus\b|minus\b))?"
                    r"\s*(?:/|\bout of\b|\bover\b)\s*(?:5|five\b)(?!\.?\d)", re.I)
# a strength table's R and L columns: bare grades set apart by runs of spaces ("Hip flex      5    5")
_COLUMNS = re.compile(r"(?<=[ \t]{2})(?P<a>[0-5])[+-]?[ \t]{2,}(?P<b>[0-5])[+-]?(?=[ \t]{2,}|[ \t]*(?:\n|$))")
# a range ("VAS 7-8/10", "6 to 8 out of 10", "VAS 7-8") is its lower end: the guideline thresholds are floors (a
# pain that swings between 8 and 10 is documented at 8 or more, not at 10 or more)
_SCORE = re.compile(r"(?<![\d./])(?:(?P<lo>\d(?:\.\d)?)\s*(?:[-–]|\bto\b)\s*)?(?P<v>10|\d(?:\.\d)?)\s*(?:/|out of)\s*10(?!\.?\d)"
                    r"|\b(?:VAS|NRS|pain(?: score)?)\s*(?:of|is|=|:)?\s*(?P<v2>10|\d(?:\.\d)?)(?!\s*(?:[-–/]|to\s+\d)|\d)"
                    r"|\b(?:VAS|NRS)\s*(?:of|is|=|:)?\s*(?P<lo3>\d(?:\.\d)?)\s*[-–]\s*(?P<v3>10|\d(?:\.\d)?)(?![\d./]|\s*(?:/|out of))", re.I)
# "2+", "2 plus" (dictated), "2+/4"; not a motor grade "4+/5"
_REFLEX = re.compile(r"(?<![\d/.])(?P<v>[0-4])\s*(?:\+|\bplus\b)(?!\s*(?:/|out of|over)\s*(?:5|five))"
                     r"|\b(?P<s>zero|one|two|three|four)[\s-]+plus\b"
                     r"|\b(?P<w>absent|trace|areflexic|diminished|brisk|hypoactive|hyperactive|sluggish)\b", re.I)
_NUMBER = r"(?<![\d.])(?P<v>\d{1,4}(?:[.,]\d+)?)"

_REFLEX_WORDS = {"absent": 0, "areflexic": 0, "trace": 1, "diminished": 1, "hypoactive": 1, "sluggish": 1,
                 "brisk": 3, "hyperactive": 3}


# "Cobb 24 deg (2024) -> 31 deg (11/2025) -> 38 deg", "VAS from 6 to 9", "4/5, now 3/5": the value moved on
_CHAIN = re.compile(r"^\s*(?:\([^()]{0,30}\)\s*)?(?:->|→|=>|>|,?\s*now|,?\s*currently|,?\s*then|to|and now)\s*$", re.I)


def _nearest(matches: list[tuple[int, int, float]], start: int, end: int, before: bool,
             text: str = "") -> float | None:
    best, best_d = None, None
    for i, (s, e, v) in enumerate(matches):
        if e <= start:
            if not before:
                continue
            d = start - e + 0.5  # at equal distance the number after the mention wins
        elif s >= end:
            d = s - end
        else:
            d = 0
        if best_d is None or d < best_d:
            best, best_d = i, d
    if best is None:
        return None
    ordered = sorted(matches)
    i = ordered.index(matches[best])
    while text and i + 1 < len(ordered) and _CHAIN.match(text[ordered[i][1]: ordered[i + 1][0]]):
        i += 1
    return ordered[i][2]


def _grade(text: str, spec: ValueReader) -> list[tuple[int, int, float]]:
    found = [(m.start(), m.end(), float(_SPELLED.get(m["v"].lower(), m["v"]))) for m in _GRADE.finditer(text)]
    for m in _COLUMNS.finditer(text):
        found += [(m.start("a"), m.end("a"), float(m["a"])), (m.start("b"), m.end("b"), float(m["b"]))]
    head = _TABLE_HEAD.search(text) if len(text) > 12 else None
    if head:  # "Strength  R  L / Hip flex 5 5 / Knee ext 4 5": the rows' bare grades
        starts = {f[0] for f in found}
        for m in _TABLE_ROW.finditer(text, head.end()):
            found += [(m.start(g), m.end(g), float(m[g])) for g in "ab" if m.start(g) not in starts]
    return sorted(found)


def _score(text: str, spec: ValueReader) -> list[tuple[int, int, float]]:
    found = []
    for m in _SCORE.finditer(text):
        v = float(m["v"] or m["v2"] or m["v3"])
        lo = m["lo"] or m["lo3"]
        found.append((m.start(), m.end(), min(v, float(lo)) if lo else v))
    return found


def _reflex(text: str, spec: ValueReader) -> list[tuple[int, int, float]]:
    return [(m.start(), m.end(), float(m["v"]) if m["v"] else float(_SPELLED[m["s"].lower()]) if m["s"]
             else float(_REFLEX_WORDS[m["w"].lower()])) for m in _REFLEX.finditer(text)]


_COMPARISON = re.compile(r"(?:(?<![-=])[<>≤≥]=?|greater than|less than|more than|over|under|above|below)\s*$", re.I)  # not an arrow "->"


# a change, not the measurement: "Cobb increased 12°", "curve progressed by 10 degrees", "mass grew 2 cm", "+2 deg"
# ("increased by 8 degrees to 36 degrees": the 36 is the measurement)
_CHANGE = re.compile(r"(?:\b(?:increased|increase|increasing|progressed|progression|worsened|decreased|decrease|improved|"
                     r"grew|enlarged|shrank|changed|change|up|down|gained|lost|interval\s+increase)\s+(?:of\s+|by\s+)?"
                     r"(?:(?:another|an\s+additional|approximately|approx\.?|about|~)\s*)?|(?<![\w.])[+±]\s*|\bdelta\s*)$", re.I)


def _number(text: str, spec: ValueReader) -> list[tuple[int, int, float]]:
    pattern = _NUMBER + (rf"\s*(?:{spec.unit})" if spec.unit else r"(?!\.?\d)")
    # "ADI >= 4.5 mm" and "greater than 5 cm" state a threshold, not the measurement
    found = [(m.start(), m.end(), float(m["v"].replace(",", "")) / (spec.scale or 1))
             for m in re.finditer(pattern, text, re.I) if not _COMPARISON.search(text[max(0, m.start() - 14): m.start()])
             and not _CHANGE.search(text[max(0, m.start() - 30): m.start()])]
    if spec.celsius:
        celsius = [(m.start(), m.end(), round(float(m["v"].replace(",", ".")) * 9 / 5 + 32, 1))
                   for m in re.finditer(_NUMBER + rf"\s*(?:{spec.celsius})", text, re.I)
                   if not _COMPARISON.search(text[max(0, m.start() - 14): m.start()])]
        starts = {c[0] for c in celsius}
        found = [f for f in found if f[0] not in starts] + celsius
    return found


READERS: dict[str, Callable[[str, ValueReader], list[tuple[int, int, float]]]] = {
    "grade": _grade, "score": _score, "reflex": _reflex, "number": _number}


# A muscle names both a strength grade and a tendon reflex ("biceps 5/5", "biceps 2+"): what is written
# right after the name says which one the mention is.
_OTHER_SCALE = {
    "reflex": re.compile(r"\s*(?:strength\s*|str\s*|power\s*)?(?:is\s+|was\s+|:\s*|=\s*)?(?:[0-5][+-]?\s*/\s*5(?!\.?\d)"
                         r"|[0-5]\s*(?:[+-]\s*)?out of (?:5|five)\b|(?:strength|str|power|weakness|weak)\b)", re.I),
    "grade": re.compile(r"\s*(?:(?:tendon\s+)?reflex(?:es)?|jerks?|DTRs?|MSRs?)\b"
                        r"|\s*(?:is\s+|was\s+|:\s*|=\s*)?(?:[0-4]\s*(?:\+|\bplus\b)(?!\s*(?:/|out of|over)\s*(?:5|five))|(?:absent|trace|brisk|hypoactive|hyperactive)\b)", re.I),
}


# a grade written before the muscles it grades: "4/5 strength in bilateral finger abduction and grip, 5/5 deltoids",
# "3/5 weakness of L ankle DF and EHL", "4+/5 power at the hip flexors" (the grade after a comma is the next muscle's)
_LEADING_GRADE = re.compile(r"(?<![\d/.])(?P<v>[0-5])\s*[+-]?\s*/\s*5\s+(?:(?:strength|str|power|motor|weakness|weak)\s+)?"
                            r"(?:in|of|with|for)\s+(?!(?:the\s+)?(?:right|left|rt|lt|R|L|both|bilat\w*)\b(?:\s+side)?\s*(?:and|,|$))"
                            r"(?:the\s+)?[^,;.:\d()]{0,60}$", re.I)


# a grade written right before the muscle with at most its side between ("4/5 R EHL, otherwise 5/5", "4-/5 left
# ankle DF", "3/5 L EHL; rest 5/5"), when no grade follows the name in its own piece ("5/5 R EHL 4/5" is the later one's)
_ADJACENT_GRADE = re.compile(r"(?<![\d/.])(?P<v>[0-5])\s*[+-]?\s*/\s*5\s+(?:(?:right|left|rt\.?|lt\.?|R|L|bilat\w*|b/l)\s+)?$", re.I)
_GRADE_AFTER = re.compile(r"[^,;.:(]{0,12}?[0-5]\s*[+-]?\s*/\s*5", re.I)


def _leading_grade(spec: ValueReader, sentence: str, start: int, end: int | None = None) -> float | None:
    if spec.read != "grade" or "/" not in sentence[max(0, start - 80): start]:
        return None
    m = _LEADING_GRADE.search(sentence, max(0, start - 80), start)
    if m:
        return float(m["v"])
    if end is not None:
        m = _ADJACENT_GRADE.search(sentence, max(0, start - 16), start)
        if m and not _GRADE_AFTER.match(sentence, end) and not _COMPARED.match(sentence, end):
            return float(m["v"])
    return None


def leading_grade(spec: ValueReader, sentence: str, start: int, end: int) -> float | None:
    """The grade written before the muscle it grades ("4/5 strength in ... grip", "4/5 R EHL"), if any."""
    return _leading_grade(spec, sentence, start, end)


def read_value(spec: ValueReader, sentence: str, start: int, end: int, following: str = "") -> float | None:
    """The value nearest the mention at ``[start, end)`` of ``sentence``; with ``spec.next_sentence``,
    else the first one in ``following`` (the next sentence)."""
    if _OTHER_SCALE.get(spec.read) and _OTHER_SCALE[spec.read].match(sentence, end):
        return None  # "biceps 5/5" is no reflex, "triceps reflex 1+" / "triceps 2+" no strength grade
    lead = _leading_grade(spec, sentence, start, end)
    if lead is not None:
        return lead
    found = READERS[spec.read](sentence, spec)
    if spec.not_of:
        found = _own(found, sentence, spec.not_of)
    value = _nearest(found, start, end, spec.before, sentence)
    if value is not None and spec.largest:
        value = max([value] + _listed_after(found, value, start, sentence))
    if value is None and spec.next_sentence and following:
        found = READERS[spec.read](following, spec)
        if spec.not_of:
            found = _own(found, following, spec.not_of)
        value = _nearest(found, 0, 0, False, following)
    return value


# what sets a further value apart from the current measurements: an earlier one ("was 26 deg on 2012 films", "down
# from 35°", "(2024)"), a curve that is not the one measured ("with a compensatory lumbar curve of 14°"), a clause
# of its own ("; kyphosis 62 deg")
_NOT_LISTED = re.compile(r"[.;:]|\b(?:was|were|from|prior|previous|previously|earlier|initially|pre-?op|pre-?brace|"
                         r"compensatory|secondary|minor|non-?structural|kyphosis|lordosis|ago|last)\b|(?<![/\d])(?:19|20)\d\d\b",
                         re.I)


def _listed_after(found: list[tuple[int, int, float]], value: float, start: int, sentence: str) -> list[float]:
    """ "Cobb 28 deg R thoracic, 41 deg L lumbar", "54 deg R thoracic (T4-T11) and 38 deg L thoracolumbar": the
    values listed after the mention's own one, each a structure of its own."""
    ordered = sorted(f for f in found if f[0] >= start)
    i = next((k for k, f in enumerate(ordered) if f[2] == value), None)
    out = []
    while i is not None and i + 1 < len(ordered) and not _NOT_LISTED.search(sentence, ordered[i][1], ordered[i + 1][0]) \
            and ordered[i + 1][0] - ordered[i][1] <= 40:
        i += 1
        out.append(ordered[i][2])
    return out


def _own(found: list[tuple[int, int, float]], text: str, not_of: str) -> list[tuple[int, int, float]]:
    """Drop the numbers written of another subject: one of ``not_of`` right before the number, in the
    same clause ("neck pain 5/10"), or right after it ("4/10 back")."""
    before = re.compile(rf"\b(?:{not_of})\b[^,;.:()]{{0,12}}$", re.I)
    after = re.compile(rf"^\s*(?:in\s+(?:the\s+)?)?(?:{not_of})\b", re.I)
    return [f for f in found if not before.search(text[max(0, f[0] - 30): f[0]]) and not after.match(text[f[1]:])]


# "both" is a side only before a body part ("both knees"), not in "history and exam both concerning".
# "L>R", "R > L", "R=L": both sides, one worse (or alike). "LLE", "RUE", "BLE": a side's lower / upper extremity
# (upper case only: "RLQ" is a quadrant, no side). "R-sided", "left-sided" are sides; "L-spine", "L4-5" and a
# letter before a slash and another letter ("r/o", "R/O", "L/S") are not; "R/L" (a column head) is; nor is the
# L of a thoracolumbar or the T of a cervicothoracic spine ("T/L spine", "T-L junction", "C/T junction").
_SIDE = re.compile(r"(?<!\b[TtCc][/-])\b(?P<s>(?:left|right|lt|rt|L|R)\s*(?:>|<|=|≥|≤)\s*(?:left|right|lt|rt|L|R)|(?-i:[LRB][LU]Es?)"
                   r"|dextro-?(?:scolio\w*|convex\w*|curve)|levo-?(?:scolio\w*|convex\w*|curve)"
                   r"|left|right|bilateral(?:ly)?|bilat|b/l|lt|rt|L|R|both(?=\s+(?:sides?|knees|hips|legs|"
                   r"ankles|feet|lower extremities|LEs?|upper extremities|arms|shoulders|wrists|hands|elbows|"
                   r"thighs|calves|heels)\b))\b(?!-(?!sided?\b)|\d|/(?![LR]\b)[A-Za-z])", re.I)
_SIDE_WORDS = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right"}
_LIMB = re.compile(r"[LR][LU]Es?")
# upper-case "LT" in a sensory exam is light touch ("decr LT R thumb", "intact to LT/PP", "LT intact"), and
# "RT" beside a dose or a course is radiotherapy ("preop RT (50 Gy)", "s/p RT"), unless a body part follows
_LT_BEFORE = re.compile(r"(?:\b(?:intact|to|decr(?:eased)?|dec|diminished|reduced|impaired|absent|altered|sensation|sens"
                        r"|sensory|nl|normal)|↓)\s*$", re.I)
_LT_AFTER = re.compile(r"\s*(?:/|intact\b|(?:and|&|\+|,)\s*(?:PP|pin))", re.I)
_RT_BEFORE = re.compile(r"\b(?:pre-?op|post-?op|adjuvant|neoadjuvant|palliative|prior|s/p|completed|received|underwent|h/o|hx"
                        r"|chemo\w*\s*(?:\+|and|/|&|w/))\s*$", re.I)
_RT_AFTER = re.compile(r"\s*(?:\(?\s*\d+(?:\.\d+)?\s*(?:c?Gy|fx|fractions?)\b|x\s*\d+\s*(?:fx|fractions?)\b)", re.I)
_BODY_AFTER = re.compile(r"\s*(?:foot|feet|leg|knee|hip|thigh|calf|shin|ankle|toe|arm|hand|thumb|finger|wrist|elbow|"
                         r"shoulder|buttock|side|sided|lower|upper|LE|UE)\b", re.I)


def _not_side(sentence: str, m: re.Match) -> bool:
    """ "LT" of light touch, "RT" of radiotherapy (upper case only, and not before a body part)."""
    w = m["s"]
    if w not in ("LT", "RT") or _BODY_AFTER.match(sentence, m.end()):
        return False
    before, after = sentence[max(0, m.start() - 30): m.start()], sentence[m.end(): m.end() + 20]
    if w == "LT":
        return bool(_LT_BEFORE.search(before) or _LT_AFTER.match(after))
    return bool(_RT_BEFORE.search(before) or _RT_AFTER.match(after))


def _side_word(w: str) -> str:
    if w[0] in "dDlL" and len(w) > 5 and w[:4].lower() in ("dext", "levo"):
        return "right" if w[0] in "dD" else "left"  # "dextroscoliosis" curves convex right, "levoscoliosis" left
    if _LIMB.fullmatch(w):
        return {"L": "left", "R": "right"}.get(w[0], "bilateral")
    return _SIDE_WORDS.get(w.lower(), "bilateral")


def read_side(sentence: str, start: int, end: int, reach: int = 60) -> str | None:
    """The side named nearest the mention, within ``reach`` characters."""
    found = []
    for m in _SIDE.finditer(sentence):
        w = m["s"]
        if w in ("l", "r") or _not_side(sentence, m):
            continue  # lower-case l / r are not sides
        if _COMPARED_BEFORE.search(sentence, max(0, m.start() - 32), m.start()):
            continue  # "2+ compared with the left", "worse than the R", "vs contralateral L": the side compared to
        if _DENIED_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            # "(convex right, no left-sided curve), Cobb 17 deg": a side denied is that phrase's own, not the side
            # of a finding outside it
            cut = _PHRASE_END.search(sentence, m.end())
            if not (m.start() <= start < (cut.start() if cut else len(sentence))):
                continue
        side = _side_word(w)
        if side in _OPPOSITE and "concav" in sentence and _CONCAVE_BEFORE.search(sentence, max(0, m.start() - 24), m.start()):
            side = _OPPOSITE[side]  # "concave to the right": a curve is named by its convex side, the left
        found.append((m.start(), m.end(), side))
    best, best_d = None, (True, reach + 1)
    for s, e, side in found:
        d = start - e if e <= start else (s - end if s >= end else 0)
        if d > reach:
            continue
        # a side in the same sentence wins over one past a full stop ("paraspinal ttp L>R. SLR pos on L")
        d = (bool(_STOP.search(sentence, e, start + 1) if e <= start else _STOP.search(sentence, end, s + 1)), d)
        if d < best_d:
            best, best_d = side, d
    return best


_STOP = re.compile(r"\.\s+(?=[A-Z])")
_DENIED_BEFORE = re.compile(r"\b(?:no|without|w/o|not|denies)\s+(?:a\s+|any\s+)?$", re.I)
_PHRASE_END = re.compile(r"[,;:()]|\.(?:\s|$)|\s(?:but|and|with|while)\s")
# the words that name the side a finding is set against, not its own: "compared with/to the left", "vs. the
# contralateral (L) side", "than the left", "relative to the right", "as opposed to the L", "c/w the left"
_COMPARED_BEFORE = re.compile(r"(?:\bcompared\s+(?:with|to)|\bcomp\.?\s+(?:w/|with|to)|\bc/w|\bvs\.?|\bversus|\bthan|"
                              r"\brelative\s+to|\bas\s+opposed\s+to|\bin\s+comparison\s+(?:with|to))\s+"
                              r"(?:(?:the|her|his|their|uninjured|unaffected|uninvolved|normal|opposite|other|contralateral|"
                              r"contra-?lateral|asymptomatic)\s+){0,3}\(?$", re.I)
_OPPOSITE = {"left": "right", "right": "left"}
_CONCAVE_BEFORE = re.compile(r"\bconcav\w*\s*(?:-\s*)?(?:(?:to|toward|towards|on|at)\s+)?(?:the\s+)?$", re.I)


def _side_in(text: str) -> str | None:
    found = [m["s"] for m in _SIDE.finditer(text) if m["s"] not in ("l", "r") and not _not_side(text, m)]
    return _side_word(found[-1]) if found else None


# the pieces of an exam line: split at commas, semicolons and brackets, and at the words that set one
# side's value against the other's ("1+ L vs 2+ R", "1+ R / 2+ L", "4/5 compared with 5/5 on the right")
# and at a conjunction that turns to the other side ("L ankle jerk was absent and the right was 2+", "1+ on the
# left while the right is 2+", "absent L but R 2+")
_PIECE_BREAK = re.compile(r"[,;()]|\.(?:\s|$)|\s/\s|\s(?:vs\.?|versus|compared\s+(?:with|to))\s"
                          r"|\s(?:and|but|while|whereas|with)\s+(?=(?:on\s+)?(?:the\s+)?(?:left|right|lt|rt|L|R)\b(?![-/\d]))", re.I)
_SIDE_BEFORE = re.compile(r"\b(?:left|right|lt|rt|L|R|bilat(?:eral(?:ly)?)?|b/l)\s*$")
# "(was 5/5)", "(previously 2+)": an earlier exam's value, not a side of this one
_EARLIER = re.compile(r"\s*(?:was|were|previously|prev|prior|formerly|from|down from|up from)\b", re.I)


def _pieces(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for m in _PIECE_BREAK.finditer(sentence, start, end):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if end > at:
        out.append((at, end))
    return out


def _split_values(text: str, values: list[tuple[int, int, float]]) -> list[tuple[float, str]] | None:
    """Several values in one piece, each with its own side: "4/5 R 5/5 L" (side after each value) or
    "R 4/5 L 5/5" (side before each); None when a value has no side of its own."""
    after = [text[v[1]: values[i + 1][0] if i + 1 < len(values) else len(text)] for i, v in enumerate(values)]
    before = [text[values[i - 1][1] if i else 0: v[0]] for i, v in enumerate(values)]
    for spans in (after, before):
        sides = [_side_in(t) for t in spans]
        if all(sides):
            return [(v[2], side) for v, side in zip(values, sides)]
    return None


# a strength exam's side columns named once: "Strength (R/L): triceps 3/5 / 5/5", "Motor R/L: ...", or a table's
# header line "Strength   R   L" above rows "Hip flex   5   5"
_SIDE_WORD = r"(?:right|left|rt|lt|R|L)"
_TABLE_HEAD = re.compile(rf"\b(?:strength|str|motor|power|MMT|muscle testing)\b[ \t:]*(?P<e>{_SIDE_WORD})[ \t]+(?P<f>{_SIDE_WORD})\b"
                         r"(?![ \t]*[-+\d/])", re.I)
_COLUMN_HEAD = re.compile(rf"\(\s*(?P<a>{_SIDE_WORD})\s*/\s*(?P<b>{_SIDE_WORD})\s*\)|\b(?P<c>{_SIDE_WORD})\s*/\s*(?P<d>{_SIDE_WORD})\s*:"
                          rf"|{_TABLE_HEAD.pattern}", re.I)
# a table's row under such a header: "Hip flex 5 5", "Knee ext   4   5" (the line breaks may be unwrapped to spaces)
_TABLE_ROW = re.compile(r"(?<=[A-Za-z.)])[ \t]+(?P<a>[0-5])[+-]?[ \t]+(?P<b>[0-5])[+-]?(?=[ \t]*(?:$|\n|[A-Za-z(,;.]))")


def column_sides(sentence: str, start: int) -> tuple[str, str] | None:
    """The sides of a strength exam's two columns, when a header before the mention names them."""
    heads = list(_COLUMN_HEAD.finditer(sentence, 0, start))
    if not heads:
        return None
    h = heads[-1]
    a, b = (w for w in h.groups() if w)
    a, b = _SIDE_WORDS.get(a.lower()), _SIDE_WORDS.get(b.lower())
    if a is None or b is None or a == b:
        return None
    return a, b


def table_row(sentence: str) -> bool:
    """Whether a sentence holds a row of a two-column table ("EHL 5 2", "Eversion 5 3 PF 5 5")."""
    return bool(_TABLE_ROW.search(sentence))


def _column_values(spec: ValueReader, sentence: str, start: int, end: int, limit: int,
                   table: tuple[str, str] | None = None) -> list[tuple[float, str | None]]:
    """ "triceps 3/5 / 5/5" under "(R/L)", "Knee ext   4   5" under "R  L": one value per column (``table``: the
    columns a header in an earlier sentence named, for rows cut off from it: "Strength: R L ... Ankle DF 5 5" then
    "EHL 5 2 Eversion 5 3")."""
    sides = column_sides(sentence, start) or table
    if sides is None:
        return []
    stop = min([limit] + [i for i in (sentence.find(c, end, limit) for c in ",;\n") if i >= 0])
    text = sentence[end:stop]
    values = READERS[spec.read](text, spec)
    if len(values) == 1 and not _side_in(text) and not text[: values[0][0]].strip(" \t:=-") \
            and not text[values[0][1]:].strip(" \t.") and "/" in sentence[max(0, start - 60): start]:
        return [(values[0][2], "bilateral")]  # "(R/L): deltoid 5/5, ...": one grade for both columns
    if len(values) != 2 and spec.read == "grade":
        values = [(m.start(), m.end(), float(m["v"])) for m in _BARE_GRADE.finditer(text)]
    if len(values) != 2 or _side_in(text) or not re.fullmatch(r"\s*(?:/\s*)?", text[values[0][1]: values[1][0]]) \
            or text[: values[0][0]].strip(" \t:=-"):
        return []
    if values[0][2] == values[1][2]:
        return [(values[0][2], "bilateral")]  # "Hip flex 5 5": the same grade on both sides
    return [(values[0][2], sides[0]), (values[1][2], sides[1])]


_OTHER_MUSCLE = re.compile(r"\b(?!(?:on|the|side|sided|and|vs|versus|but|with|w|is|was|at|of|strength|str|power|"
                           r"grade|graded|only|also|both|sides|bilat\w*|all|rest|otherwise|else|elsewhere|throughout|remainder|others?|"
                           r"everything|muscles?|now|still|today)\b)[A-Za-z]{2,}", re.I)
_BARE_GRADE = re.compile(r"(?<![\w./+-])(?P<v>[0-5])(?:[+-](?![\w/]))?(?![\w/]|\.\d)")


_COMPARED = re.compile(r"\s*,?\s*(?:compared\s+(?:with|to)|vs\.?|versus|as\s+opposed\s+to|relative\s+to)\s", re.I)


def read_sided_values(spec: ValueReader, sentence: str, start: int, end: int,
                      limit: int, table: tuple[str, str] | None = None) -> list[tuple[float, str | None]]:
    """Exam values written per side after the mention, up to ``limit`` (the next finding):
    "EHL 4/5 L, 5/5 R" is two, "Patellar 1+ R, 2+ L" two, "R brachioradialis 1+, L 2+" two,
    "ADF 4/5 R 5/5 L" two, "patellar 1+ L vs 2+ R" two, "biceps 2+ bilat" one. Each comma- or
    bracket-separated piece holds one value and its side; a further piece counts only when it names a
    side ("EHL 4/5, otherwise 5/5" is one). A bracketed restatement ("absent R (0), 2+ L") or an earlier
    exam's value ("4/5 (was 5/5)") is passed over. Empty when no value follows the mention (the caller
    then reads the nearest one)."""
    out: list[tuple[float, str | None]] = []
    if _leading_grade(spec, sentence, start, end) is not None:
        return []  # "4/5 strength in ... grip, 5/5 deltoids": the grade written before it (read_value)
    if spec.read == "grade":
        columns = _column_values(spec, sentence, start, end, limit, table)
        if columns:
            return columns
    compared = _COMPARED.match(sentence, end)
    if compared and spec.read in ("grade", "reflex"):
        # "4/5 L EHL compared with 5/5 on the right", "1+ R achilles vs 2+ on the left": the grade written right before
        # the name is its own; the one after the comparison word is the other side's
        lead = sentence[max(0, start - 14): start]
        own = READERS[spec.read](lead, spec)
        if own:
            after = READERS[spec.read](sentence[compared.end(): limit], spec)
            mine = (own[-1][2], _side_in(lead[own[-1][1]:]))
            if after and mine[1] is not None:
                other = _side_in(sentence[compared.end(): limit])
                return [mine] + ([(after[0][2], other)] if other and other != mine[1] else [])
            return [mine]
    for a, b in _pieces(sentence, end, limit):
        text = sentence[a:b]
        values = READERS[spec.read](text, spec)
        bracketed = sentence[:a].rstrip().endswith("(")
        if out and bracketed and (_EARLIER.match(text) or not values or
                                  len(values) == 1 and values[0][2] == out[-1][0] and _side_in(text) is None):
            continue
        if len(values) > 1:
            split = _split_values(text, values)
            if split is None:
                break
            out += split
            continue
        if len(values) != 1:
            break
        side = _side_in(text)
        if out and _OTHER_MUSCLE.search(_SIDE.sub(" ", text[: values[0][0]])):
            break  # "L EHL 2/5, L hip abd 4/5": a value written with another name is that one's
        if not out:
            # a side just before the mention ("R brachioradialis 1+") is the first value's
            before = _SIDE_BEFORE.search(sentence, max(0, start - 8), start)
            side = side or (_side_in(before.group(0)) if before else None)
        elif side is None:
            break
        out.append((values[0][2], side))
    return out


# Not a level: a side and a grade ("L 2+", "R 4/5"), an MRI sequence ("T2 hyperintense", "T1-weighted").
_LEVEL = re.compile(
    r"\b(?P<a>[CTLS])(?:(?P<sp>\s)(?!\d\s*(?:\+|/\s*5\b)))?(?P<n>[1-9]|1[0-2])"
    r"(?:\s*[-–/]\s*(?P<b>[CTLS])?\s?(?P<m>[1-9]|1[0-2]))?\b(?!\s*\+)"
    r"(?!\s*(?:-?\s*weighted|signal|hyperintens|hypointens|images?\b|sequences?|STIR|FLAIR))")


def read_level(sentence: str, start: int, end: int, reach: int = 80) -> str | None:
    """The spinal level or root nearest the mention ("L4-5", "L5", "C5-C6")."""
    best, best_d = None, reach + 1
    for m in _LEVEL.finditer(sentence):
        d = start - m.end() if m.end() <= start else (m.start() - end if m.start() >= end else 0)
        if d < best_d:
            level = f"{m['a'].upper()}{m['n']}"
            if m["m"]:
                level += f"-{m['m']}" if not m["b"] or m["b"].upper() == m["a"].upper() else f"-{m['b'].upper()}{m['m']}"
            best, best_d = level, d
    return best
