"""Dates and durations written in notes, resolved against the note's own date.

Notes write dates loosely: ``3/2/26``, ``8/11`` (no year: the latest such day not after the
note), ``July 2026``, ``this summer``, ``3 weeks ago``, ``x 3 months``, ``6 wks of PT``.
``find_dates`` returns every date in a piece of text with its character span; ``find_durations``
every length of time. Both are pure functions of the text and the reference date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta


_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3,
                 "a few": 3, "couple": 2, "a couple": 2, "a couple of": 2}
# a whole number with a fraction is one length ("2 1/2 wks", "1 1/2 months", "2½ weeks"), never a date's "1/2"
_FRACTION = r"(?:\s*[½¼¾⅓⅔]|\s+[1-3]/[2-48](?![\d/]))"
_FRACTION_VALUES = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_NUM = r"(?P<n>\d+(?:\.\d+)?" + _FRACTION + r"?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<u>d(?:ays?|ys?)?|w(?:ee)?ks?|weeks?|w|mo(?:nths?|s)?|months?|y(?:ea)?rs?|years?)"
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: date | int  # a date, or a duration in days
    text: str
    approximate: bool = False


def _unit_days(u: str) -> int:
    u = u.lower()
    return _UNIT_DAYS["m" if u.startswith("mo") else u[0]]


def _num(n: str) -> float:
    if not n[0].isdigit():
        return float(_NUMBER_WORDS[n.lower()])
    whole = re.match(r"\d+(?:\.\d+)?", n).group(0)
    rest = n[len(whole):].strip()
    if not rest:
        return float(whole)
    if rest in _FRACTION_VALUES:
        return float(whole) + _FRACTION_VALUES[rest]
    a, b = rest.split("/")
    return float(whole) + int(a) / int(b)


def _year(y: str | None, month: int, day: int, ref: date) -> date | None:
    """A written date; without a year, the latest such day not after ``ref``."""
    try:
        if y:
            yy = int(y)
            yy += 2000 if yy < 100 and yy <= ref.year % 100 + 1 else (1900 if yy < 100 else 0)
            return date(yy, month, day)
        d = date(ref.year, month, day)
        return d if d <= ref else date(ref.year - 1, month, day)
    except ValueError:
        return None


_NUMERIC = re.compile(r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])")
_ISO = re.compile(r"(?<!\d-)\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MONTH_YEAR_NUM = re.compile(r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<y>20\d{2})\b")
_WRITTEN = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b"
    rf"|\b(?P<d2>3[01]|[12]\d|0?[1-9])\s+(?P<mon2>{_MONTH_RE})\.?(?:\s+(?P<y2>\d{{4}}))?\b", re.I)
# day-month forms written with hyphens or run together ("18-Jun-2025", "20-Jan-26", "26-Jan", "18Jun2025",
# "Jun-18-2025", "18.Jun.2025") and a month-year with a hyphen ("Jan-2026"): the day-first forms clinicians and
# EHR templates print
_DAY_MON = re.compile(
    rf"(?<![\w/.-])(?P<d>3[01]|[12]\d|0?[1-9])(?:-|\.|(?=[A-Za-z]))(?P<mon>{_MONTH_RE})\.?(?:(?:-|\.|(?<=[A-Za-z]))(?P<y>\d{{4}}|\d{{2}}))?(?![\w/-])"
    rf"|(?<![\w/.-])(?P<mon2>{_MONTH_RE})\.?-(?P<d2>3[01]|[12]\d|0?[1-9])-(?P<y2>\d{{4}}|\d{{2}})(?![\w/-])"
    rf"|(?<![\w/.-])(?P<mon3>{_MONTH_RE})\.?-(?P<y3>(?:19|20)\d{{2}})(?![\w/-])", re.I)
# a numeric date written with dashes ("12-01-2025", "11-24-25", "03-02-2026"): US order, month first; with a year
# always (a level "L4-5", a range "1-2 weeks", a score "3-4" have none), never inside a longer run of digits and
# dashes (a phone number "555-12-1234", an ISO date); a range of two ("12-01-2025-01-30-2026") is read as two
_DASHED = re.compile(r"(?:(?<![\w/.-])|(?<=\d\d\d\d-))(?P<a>3[01]|[12]\d|0?[1-9])-(?P<b>3[01]|[12]\d|0?[1-9])-"
                     r"(?P<y>(?:19|20)\d{2}|\d{2})(?![\w/]|-(?!\d{1,2}-\d{1,2}-\d)|\.\d)"
                     r"(?!\s*(?:lbs?|kg|reps?|mg|times|x\b|%))", re.I)


# US holidays as anchors ("around Thanksgiving", "since Christmas", "the week before Halloween", "over New Year's",
# "after Easter", "Labor Day"): the most recent such day on or before the note's date; "the week before X" is
# seven days before it, "the day after X" one day after
def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)


_HOLIDAYS = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "xmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's": lambda y: date(y, 1, 1),
    "halloween": lambda y: date(y, 10, 31),
    "easter": _easter,
    "independence day": lambda y: date(y, 7, 4),
    "fourth of july": lambda y: date(y, 7, 4),
    "4th of july": lambda y: date(y, 7, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "valentine's day": lambda y: date(y, 2, 14),
    "st. patrick's day": lambda y: date(y, 3, 17),
    "mlk day": lambda y: _nth_weekday(y, 1, 0, 3),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "veterans day": lambda y: date(y, 11, 11),
}
_HOLIDAY_CUE = re.compile(r"thanksgiving|christmas|xmas|new\s+year|halloween|easter|independence|of\s+july|labou?r\s+day|"
                          r"memorial\s+day|valentine|patrick|mlk|luther|president|mother|father|veteran", re.I)
_HOLIDAY = re.compile(
    r"(?:(?:\b(?P<shift>(?:the\s+|a\s+)?(?P<span>week|day|weekend)\s+(?P<dir>before|after|of))|(?P<around>around|about|"
    r"near|over|~|approx\.?|circa))\s*)?"
    r"(?:the\s+)?\b(?P<h>thanksgiving|christmas\s+eve|christmas|xmas|new\s+years?['’]?s?\s+eve|new\s+years?['’]?s?(?:\s+day)?|"
    r"halloween|easter(?:\s+sunday)?|independence\s+day|(?:fourth|4th)\s+of\s+july|labou?r\s+day|memorial\s+day|"
    r"valentine['’]?s?(?:\s+day)?|st\.?\s+patrick['’]?s?(?:\s+day)?|mlk(?:\s+day)?|martin\s+luther\s+king\s+(?:jr\.?\s+)?day|"
    r"presidents['’]?\s+day|mother['’]?s\s+day|father['’]?s\s+day|veterans['’]?\s+day)\b", re.I)


def _holiday_name(h: str) -> str:
    h = " ".join(h.lower().replace("’", "'").split())
    if h.startswith("new year"):
        return "new year's eve" if h.endswith("eve") else "new year's"
    if h.startswith(("fourth of", "4th of")):
        return "fourth of july"
    if h.startswith("valentine"):
        return "valentine's day"
    if h.startswith("st"):
        return "st. patrick's day"
    if h.startswith(("mlk", "martin")):
        return "mlk day"
    if h.startswith("easter"):
        return "easter"
    h = h.replace("labour", "labor").replace("presidents day", "presidents' day").replace("veterans' day", "veterans day")
    return h


def _holiday(m: re.Match, ref: date) -> date | None:
    f = _HOLIDAYS.get(_holiday_name(m["h"]))
    if f is None:
        return None
    d = f(ref.year)
    if d > ref:
        d = f(ref.year - 1)
    if m["shift"]:
        step = 7 if m["span"].lower().startswith("week") else 1
        if m["dir"].lower() == "before":
            d -= timedelta(days=step)
        elif m["dir"].lower() == "after":
            d += timedelta(days=step)
        if d > ref:
            return None
    return d


# a day written as an ordinal ("the sixteenth of January", "the twenty-second of May", "3rd of March 2026",
# "January the 9th", "May twenty-second, 2026", "22nd May 2026"): dictated letters spell the day out
_ORDINAL_WORDS = {w: i + 1 for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth"])}
_ORDINAL_WORDS.update({f"twenty{j}{w}": 20 + i for j in ("-", " ", "") for w, i in list(_ORDINAL_WORDS.items()) if i < 10})
_ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31, "thirtyfirst": 31})
_ORDINAL = r"(?:" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r"|(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))"
_ORDINAL_DATE = re.compile(
    rf"\b(?:the\s+)?(?P<d>{_ORDINAL})(?:\s+day)?\s+(?:of\s+)?(?P<mon>{_MONTH_RE})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<mon2>{_MONTH_RE})\.?\s+(?:the\s+)?(?P<d2>{_ORDINAL})\b(?:,?\s+(?P<y2>(?:19|20)\d{{2}})\b)?", re.I)


def _ordinal_day(word: str) -> int:
    w = word.lower()
    return int(w[:-2]) if w[0].isdigit() else _ORDINAL_WORDS[w]


_MONTH_ONLY = re.compile(rf"\b(?:(?:(?:the\s+)?(?:middle|end|beginning|start)\s+of|early|mid|late|in|since|about|around|of|last|this)[\s-]+)?(?P<mon>{_MONTH_RE})\b(?:\.?,?\s+(?P<y>\d{{4}}))?", re.I)
_MONTH_RANGE = re.compile(rf"\b(?P<a>{_MONTH_RE})\.?\s*(?:-|–|—|to|thru|through|until)\s*(?P<b>{_MONTH_RE})\b", re.I)
_UNIT_AFTER = re.compile(r"\s*-?\s*" + _UNIT + r"\b", re.I)
_SEASON = re.compile(r"\b(?P<rel>last|this|past)\s+(?P<s>spring|summer|fall|autumn|winter)\b", re.I)
_AGO = re.compile(rf"\b{_NUM}\s*(?:\+\s*)?{_UNIT}\.?\s+ago\b", re.I)
_RELATIVE = re.compile(r"\b(?P<w>(?:earlier\s+)?today|yesterday|last night|last evening|this morning|this afternoon|"
                       r"(?:earlier\s+)?this evening|(?:earlier\s+)?tonight|last week|last month|last year|"
                       r"the day before yesterday)\b", re.I)
_RELATIVE_DAYS = {"today": 0, "earlier today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "earlier this evening": 0, "tonight": 0, "earlier tonight": 0, "yesterday": 1, "last night": 1,
                  "last evening": 1, "the day before yesterday": 2, "last week": 7, "last month": 30, "last year": 365}

# "seen Tuesday", "fell last Friday", "ED on Sat": a weekday alone is the last such day before the note (not
# a schedule: "Mondays", "Mon-Fri", "every Tuesday", "next Friday"; not one a date follows: "Thursday 4/9")
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_WEEKDAY = re.compile(
    r"(?<!every )(?<!each )(?<!next )(?<!coming )(?<!until )(?<!by )(?<!thru )(?<!through )(?<!before )"
    r"(?<!-)(?<!/)\b(?:(?:last|this past|past)\s+)?"
    r"(?P<w>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?<=on )(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?(?=[\s,;:)]))\b"
    r"(?!\s*(?:-|–|/|&|\bthrough\b|\bthru\b|\bto\b|\band\b|\bor\b)\s*[A-Za-z])"
    r"(?!,?\s*(?:\d|(?i:" + _MONTH_RE + r")\b))")
_WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}


# ("I saw her in person 2/10", "XR that day (2/10)", "PCP exam 1/10", "f/u appt 3/10": a visit's date)
_DATE_LEAD = re.compile(r"\b(?:started|start|starting|since|began|begun|through|thru|until|till|dated|seen|visit|"
                        r"DOS|completed|ended|initiated|from|on|saw|person|day|exam|examined|appt|appointment|f/u|"
                        r"follow-?up|injured|fell|surgery|urgent\s+care|UC|ED|ER)(?:\s+(?!pain|vas|nrs|score|rated|severity)[a-z]+){0,2}"
                        r"\s*\(?\s*$", re.I)


# a course's name right before it dates the course: "Medrol dosepak 2/10", "prednisone taper 3/10", "TFESI 4/10",
# "naproxen 500 mg 1/10" (no score follows a drug's name; "pain 2/10" has the score's own word)
_COURSE_LEAD = re.compile(r"\b(?:dose\s*-?\s*pa(?:c)?ks?|dosepa(?:c)?ks?|medrol|prednisone|pred|methylpred\w*|taper|burst|"
                          r"injection|inj|[TCI]?L?ESI|TFESI|ILESI|CESI|MBB|RFA|shot|brace|splint|cast|boot|"
                          r"naproxen|ibuprofen|meloxicam|diclofenac|celecoxib|gabapentin|pregabalin|tramadol|"
                          r"cyclobenzaprine|methocarbamol|tizanidine|nsaids?)"
                          r"(?:\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g)\b)?(?:\s+(?:started|start|on|x|given|from|dated))?\s*\(?\s*$", re.I)


# a score's own words before the lead word "from"/"to" ("pain 2/10 (from 7/10", "VAS improved from 8/10")
_SCORE_BEFORE = re.compile(r"(?:\b(?:pain|vas|nrs|score|scores|rated|rates|rating|severity|intensity)\b|\d\s*/\s*10\b)"
                           r"[^.;:\d]{0,20}?\b(?:from|to|thru|through|until|till)\s*\(?\s*$", re.I)
_SCORE_AFTER = re.compile(r"\s*(?:->|-->|→|=>|>|\bto\b|\bnow\b)\s*\d{1,2}(?:\.\d)?\s*/\s*10\b", re.I)


@lru_cache(maxsize=4096)
def find_dates(text: str, ref: date) -> tuple[Found, ...]:
    """Every date written in ``text``, resolved against ``ref`` (the note's date)."""
    out: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, d: date | None, approx: bool = False) -> None:
        if d is None or any(s < m.end() and m.start() < e for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        out.append(Found(m.start(), m.end(), d, m.group(0), approx))

    for m in _ISO.finditer(text):
        try:
            add(m, date(int(m["y"]), int(m["m"]), int(m["d"])))
        except ValueError:
            pass
    for m in _MONTH_YEAR_NUM.finditer(text):
        add(m, _year(m["y"], int(m["m"]), 1, ref), True)
    for m in _NUMERIC.finditer(text):
        if not m["y"] and int(m["m"]) < int(m["d"]) <= 8 and m.start() > 1 and text[m.start() - 1] == " " \
                and text[m.start() - 2].isdigit() and _UNIT_AFTER.match(text, m.end()):
            continue  # "2 1/2 wks", "1 1/2 months ago": a fraction of a length, not January 2
        if not m["y"] and (m["d"] == "10" and int(m["m"]) <= 10 or m["d"] == "5" and int(m["m"]) <= 5) \
                and (not (_DATE_LEAD.search(text, max(0, m.start() - 30), m.start())
                          or _COURSE_LEAD.search(text, max(0, m.start() - 40), m.start())) or m["d"] == "10" and (
                    _SCORE_BEFORE.search(text, max(0, m.start() - 30), m.start()) or _SCORE_AFTER.match(text, m.end()))):
            # "7/10" and "4/5" are a pain score and a motor grade, not July 10 and April 5 ("10/5" is a
            # date, and so is "started PT 8/10"); so is a score written from or to another ("pain 2/10
            # (from 7/10)", "from 7/10 to 3/10", "7/10 -> 2/10", "VAS from 8/10")
            continue
        add(m, _year(m["y"], int(m["m"]), int(m["d"]), ref))
    if "-" in text:
        for m in _DASHED.finditer(text):
            a, b = int(m["a"]), int(m["b"])
            month, day = (a, b) if a <= 12 else (b, a)  # US order, month first; a first number > 12 is the day
            if len(m["y"]) == 2 and not (ref.year % 100 - 30 <= int(m["y"]) <= ref.year % 100 + 1):
                continue  # a two-digit year far from the note's is no year ("10-12-15 lbs")
            if month > 12:
                continue
            add(m, _year(m["y"], month, day, ref))
    if "-" in text or "." in text or re.search(r"\d[A-Za-z]", text):
        for m in _DAY_MON.finditer(text):
            if m["mon3"]:
                add(m, _year(m["y3"], _MONTHS[m["mon3"].lower()], 1, ref), True)
                continue
            mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
            if not y and mon in ("may", "dec", "mar"):
                continue  # "L4-5 may", "2+-dec" (decreased): a lowercase verb or abbreviation without a year
            add(m, _year(y, _MONTHS[mon.lower()], int(d), ref))
    # (a written month is in every ordinal or written date: a sentence without one skips those patterns)
    month_words = list(_MONTH_ONLY.finditer(text))
    for m in (_ORDINAL_DATE.finditer(text) if month_words else ()):
        mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
        if mon.lower() in ("may", "mar", "dec", "jan", "jun", "oct", "nov", "aug", "sep", "feb", "apr", "jul") \
                and not y and not (m["mon"] and " of " in m.group(0).lower()) and mon[0].islower():
            continue  # "the second may be": a lowercase verb, not "the second of May"
        add(m, _year(y, _MONTHS[mon.lower().rstrip(".")], _ordinal_day(d), ref))
    for m in (_WRITTEN.finditer(text) if month_words else ()):
        mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
        if not y and m["mon2"] and mon in ("may", "mar", "dec"):
            continue  # "L4-5 may be", "4 mar": a lowercase verb after a number is no "5 May"
        add(m, _year(y, _MONTHS[mon.lower().rstrip(".")], int(d), ref))
    # "PT x 6 wks (Mar-Apr)", "Jan to Mar", "Sep thru Nov": two months joined as a range are months, however short
    ranged = {r.start("a") for r in _MONTH_RANGE.finditer(text)} | {r.start("b") for r in _MONTH_RANGE.finditer(text)} \
        if len(month_words) > 1 else set()
    for m in month_words:
        word = m["mon"].lower()
        if word in ("may", "mar", "jan", "jun", "dec", "oct", "nov", "aug", "sep", "feb", "apr", "jul") and \
                not m["y"] and m.group(0).lower() == word and m.start("mon") not in ranged:
            continue  # "may" the verb; bare three-letter words are too ambiguous without a cue
        words = m.group(0).lower()
        day = 15 if "mid" in words else (25 if "late" in words or "end" in words else 1)
        add(m, _year(m["y"], _MONTHS[word.rstrip(".")], day, ref), True)
    if _HOLIDAY_CUE.search(text):
        for m in _HOLIDAY.finditer(text):
            d = _holiday(m, ref)
            if d is not None:
                add(m, d, approx=bool(m["around"]) or bool(m["shift"]) and "week" in m["shift"].lower())
    for m in _SEASON.finditer(text):
        month = _SEASONS[m["s"].lower()]
        d = _year(None, month, 1, ref)
        if m["rel"].lower() in ("last", "past") and d is not None and (ref - d).days < 90:  # not over yet
            d = date(d.year - 1, month, 1)
        add(m, d, True)
    for m in _AGO.finditer(text):
        add(m, ref - timedelta(days=round(_num(m["n"]) * _unit_days(m["u"]))), True)
    if "day" in text or "Mon" in text or "Tue" in text or "Wed" in text or "Thu" in text or "Fri" in text \
            or "Sat" in text or "Sun" in text:
        for m in _WEEKDAY.finditer(text):
            w = m["w"].lower().rstrip(".")
            wd = _WEEKDAYS.get(w, _WEEKDAY_ABBR.get(w))
            if wd is not None:
                add(m, ref - timedelta(days=(ref.weekday() - wd - 1) % 7 + 1))
    for m in _RELATIVE.finditer(text):
        w = " ".join(m["w"].lower().split())
        days = _RELATIVE_DAYS[w]
        add(m, ref - timedelta(days=days), w.startswith("last w") or w.startswith("last m") or w.startswith("last y"))
    out.sort(key=lambda f: f.start)
    return tuple(out)


_DURATION = re.compile(
    rf"(?:\bx\s*|(?:\bfor\s+(?:the\s+(?:last|past)\s+)?|\bover\s+(?:the\s+(?:last|past)\s+)?|\b(?:last|past)\s+)?\b)"
    rf"{_NUM}\s*(?:\+\s*)?(?:-\s*\d+\s*)?[-\s]?{_UNIT}\b\.?(?!\s+ago)", re.I)


_PER_WEEK = re.compile(r"\s*(?:/\s*|a\s+|per\s+|each\s+|every\s+|of\s+the\s+)(?:wk|week)\b|\s+weekly\b|"
                       r"\s*(?:/\s*|a\s+|per\s+)(?:mo|month)\b|\s+out\s+of\s+(?:7|seven)\b", re.I)


@lru_cache(maxsize=4096)
def find_durations(text: str) -> tuple[Found, ...]:
    """Every length of time in ``text`` ("6 wks", "x 3 months", "for two weeks"), in days."""
    out = []
    for m in _DURATION.finditer(text):
        if m["n"].lower() in ("a", "an") and not m.group(0).lower().startswith(("x", "for", "over", "last", "past")):
            continue  # "a day" inside "twice a day" is a frequency, not a length
        tail = text[m.end():m.end() + 6].lower()
        if tail.startswith(("old", " old", "-old", " y/o", "/o")):
            continue  # an age
        if m["u"][:1].lower() == "d" and _PER_WEEK.match(text, m.end()):
            continue  # "~5 days/wk", "3 days a week", "4 days per week", "2 days weekly": a frequency, not a length
        if m.start() and text[m.start() - 1] in "/." and text[m.start() - 2: m.start() - 1].isdigit():
            # "seen 4/2 - 3 days s/p fall": the first number is a date's day, so no range; the length is the number
            # after the dash ("3 days")
            rest = re.match(r"\d+\s*-\s*", text[m.start():m.end()])
            if rest is None:
                continue
            at = m.start() + rest.end()
            n = re.match(r"\d+", text[at:])
            if n is None:
                continue
            out.append(Found(at, m.end(), round(_num(n.group(0)) * _unit_days(m["u"])), text[at:m.end()]))
            continue
        out.append(Found(m.start(), m.end(), round(_num(m["n"]) * _unit_days(m["u"])), m.group(0)))
    return tuple(out)
