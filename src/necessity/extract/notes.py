"""Turn clinical notes into the case's ``clinical`` block, every record with its evidence.

The rule for what a note does not say (documented in the README): a fact the notes never mention
is **unknown** (no record, so the evaluator asks for it); a fact they mention negated ("denies
fever", "SLR neg") is **false**; a fact mentioned as uncertain, hypothetical ("return if weakness
develops") or about a relative is not a fact about the patient and leaves it unknown, except the
"suspected" facts, whose uncertainty is the finding ("r/o stress fracture").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from pydantic import BaseModel

from ..case import Clinical, Encounter, FactRecord, Note, PriorImaging, Treatment
from ..evidence import Evidence, Extracted  # noqa: F401 (necessity.extract re-exports them)
from ..vocabulary import vocabulary
from .dates import Found, find_dates, find_durations
from .readers import READERS, column_sides, leading_grade, read_level, read_side, read_sided_values, read_value, table_row
from .rules import AREAS, FactRule, Rules, ValueReader, load_rules


@dataclass
class Extraction:
    clinical: Clinical
    items: list[Extracted] = field(default_factory=list)


_FLAGS = (("is_negated", "negated"), ("is_uncertain", "uncertain"), ("is_hypothetical", "hypothetical"),
          ("is_historical", "historical"), ("is_family", "family"))


def _cue_re(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    # "no relief" also reads "no meaningful relief", "without any significant relief"
    alts = (re.escape(w).replace("\\ ", _FILLER, 1) if w.split()[0].lower() in _NEGATORS else re.escape(w)
            for w in sorted(words, key=len, reverse=True))
    # edges, not \b: a cue may begin or end with a sign ("(-)", "?")
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.I)


_NEGATORS = {"no", "without", "not", "little", "minimal", "partial", "some", "mild", "slight"}
_FILLER = (r"\s+(?:(?:any|much|real|meaningful|significant|lasting|sustained|appreciable|substantial|"
           r"noticeable|durable|clinical|clinically|symptomatic|functional|pain|further|great|good|long-term)\s+){0,2}")


@dataclass
class _Cues:
    groups: dict[str, re.Pattern | None]

    def has(self, group: str, text: str) -> bool:
        p = self.groups.get(group)
        return bool(p and p.search(text))

    def first(self, prefix: str, text: str, skip: tuple[str, ...] = ("done", "result_negation")) -> str | None:
        """The group under ``prefix`` whose cue appears last in ``text`` (the latest word wins; of two
        ending together the longer: "no significant improvement" is none, not significant)."""
        best, at = None, (-1, 0)
        for g, p in self.groups.items():
            if g.startswith(prefix + ".") and p and g.split(".", 1)[1] not in skip:
                for m in p.finditer(text):
                    if (m.end(), -m.start()) > at:
                        best, at = g.split(".", 1)[1], (m.end(), -m.start())
        return best


_CUES: dict[int, _Cues] = {}


def _cues(rules: Rules) -> _Cues:
    c = _CUES.get(id(rules))
    if c is None:
        c = _CUES[id(rules)] = _Cues({g: _cue_re(w) for g, w in rules.cues.items()})
    return c


@dataclass
class _Mention:
    kind: str
    rule_id: str
    start: int  # in the sentence
    end: int
    evidence: Evidence
    flags: set[str]
    section: str | None
    sentence: str
    sent_start: int
    negation_gap: int = 99  # tokens between the mention and the nearest negation cue
    before: str = ""  # the sentence before, for a date a heading carried ("Seen at UC 8/21:")
    after: str = ""  # the sentence after, when it names no treatment ("She completed it on 10/23 ...")
    negated_ranges: tuple[tuple[int, int], ...] = ()  # sentence offsets ConText's negations cover
    negations_before: tuple[str, ...] = ()  # the ConText negation cues that stand before the mention
    segment: tuple[int, int] | None = None  # the part of the sentence that speaks of this mention alone
    in_plan: str | bool = False  # under a "Plan:" heading ("plan"), or an "A/P:" one ("assessment")
    next_sentence: str = ""  # for a number written after the finding ("R leg pain. VAS 9/10 today.")
    clause_end: int = 0  # where the next finding of its sentence begins (0: none), for values per side
    listed: tuple[int, int, int, int] | None = None  # the list of courses it is in: its span, and its words' bounds
    part_of_course: bool = False  # "PT 8/11 - 10/2 (8 wks) + HEP": the therapy's own home program, not a course
    list_next: "_Mention | None" = None  # "deltoid biceps triceps 5/5": the next finding of its list
    visit_date: date | None = None  # a visit dated in the sentence or two before ("Exam 4/8: ... Plan was ibuprofen")
    not_done: bool = False  # a course of its kind said not given: "has not done PT", "no PT", "declined ESI"
    kept: str = ""  # the next sentence, when it tells a referral kept ("Went 3/2 - 4/24", "Attended 8 visits")
    table: tuple[str, str] | None = None  # the sides of a two-column table an earlier sentence's header named

    def negated_at(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.negated_ranges)


# what stands between a negation cue and the course it negates when the cue says the course was not given ("no
# PT", "has not done any formal PT", "declined an ESI"), not how it went ("no relief with PT", "not helped by PT")
_NOT_GIVEN_BETWEEN = re.compile(r"[\s,]*(?:(?:any|a|an|the|formal|prior|previous|outpatient|supervised|course\s+of|trial\s+of|"
                                r"yet|so\s+far|ever|of|with|to|done|tried|had|started|attempted|gone|been)\s*)*$", re.I)
# after the course: "PT: none", "PT - not done", "PT never", "ESI declined"
_NOT_GIVEN_AFTER = re.compile(r"\s*(?:[:=-]|\(\s*)?\s*(?:none|no|not\s+done|not\s+tried|never|declined|refused|n/a|not\s+yet|"
                              # a form's answer: "Home exercise program: not given", "PT - not prescribed", "ESI: not
                              # attempted", "NSAIDs: not started", "Bracing: not applicable"
                              r"not\s+(?:given|prescribed|started|attempted|ordered|trialed|applicable)|"
                              r"did\s+not\s+(?:do|start|attend|go|try))\b",
                              re.I)


# a form's line that answers the course with its not being given, whether or not ConText took the answer for a
# negation: "Home exercise program: not given", "PT: not done - patient declined", "ESI - N/A", "Bracing: none"
_FORM_NOT_GIVEN = re.compile(r"(?:\s+(?:program|programme|course|trial|therapy|tx|treatment|regimen|plan)s?)?[ \t]*(?:[:=|]|[-–][ \t])"
                             r"[ \t]*(?:none|no(?=[ \t]*(?:$|[\n.,;)]))|not\s+(?:done|tried|given|prescribed|started|attempted|ordered|trialed|yet)|"
                             r"never|declined|refused|n/?a)\b", re.I | re.M)
# what joins the items of a list a denial reaches ("PT, a home exercise program, or topical diclofenac")
_LIST_WORDS = frozenset((",", "or", "and", "nor", "/", "&", "+", "a", "an", "any", "the", "formal", "topical", "oral",
                         "otc", "prescription", "either", "even", "other", "another", "prior", "previous"))
_NOT_GIVEN_CUE_OFF = re.compile(r"^(?:without|w/o|wo)$|indicated|needed|necessary|warranted|ordered|recommended", re.I)


def _not_given(doc, span, negs, cues: _Cues, courses: list[tuple[int, int]], gap: int) -> bool:
    """Whether a negated course mention says the course was not given (the nearest negation's words lead
    straight to it, or answer it right after, or it is a later item of a list the negation leads to: "has
    not started PT, a home exercise program, or topical diclofenac"), rather than negating how it went or
    something beside it. ``courses``: the token spans of the note's course mentions."""
    for mod in negs:
        a, b = mod.modifier_span
        if _NOT_GIVEN_CUE_OFF.search(mod.rule.literal):
            continue  # "walks w/o the boot", "Pavlik harness - not indicated": no course the patient went without
        if b <= span.start:
            between = doc[b: span.start].text if b < span.start else ""
            if gap <= 2 and span.start - b <= 4 and _NOT_GIVEN_BETWEEN.fullmatch(between):
                return True
            if _listed_after(doc, b, span, courses):
                return True
        elif gap <= 2 and a >= span.end and a - span.end <= 2:
            if _NOT_GIVEN_AFTER.match(doc.text, span.end_char):
                return True
    return False


def _listed_after(doc, b: int, span, courses: list[tuple[int, int]]) -> bool:
    """Whether ``span`` is an item of a list of courses that a denial's words (token ``b`` on) lead to: the
    first item as ``_NOT_GIVEN_BETWEEN`` allows, the items joined by commas and "or" / "and" / "nor" (each
    perhaps with an article or a form word such as "topical"); a list without "or", "and" or "nor" is no
    list ("No ESI, PT 6 wks done")."""
    first = next(((s, e) for s, e in courses if b <= s and e <= span.start), None)
    if first is None or first[0] == span.start or \
            not _NOT_GIVEN_BETWEEN.fullmatch(doc[b:first[0]].text if b < first[0] else ""):
        return False
    i, items, joined, seen = first[1], 1, False, False
    while i < len(doc) and i < span.start + 40:
        ends = [e for s, e in courses if s == i]
        if ends:
            seen = seen or i == span.start
            i, items = max(ends), items + 1
        elif doc[i].lower_ in _LIST_WORDS:
            joined = joined or doc[i].lower_ in ("or", "and", "nor")
            i += 1
        else:
            break
        if i > span.start and not seen:
            return False  # the span is not one of the items
    return seen and joined and items <= 8



def _short(sentence: str, limit: int = 160) -> str:
    s = " ".join(sentence.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def read_notes(notes: list[Note | str], default_date: date, default_region: str | None = None,
               age: int | None = None) -> Extraction:
    """Read every note; a note without its own date is dated ``default_date``. A prior study whose
    body part the sentence does not name is taken to be of ``default_region`` (the requested study's).
    ``age`` (years) selects rules written for children's or adults' notes; None reads with all."""
    from .pipeline import SCOPE, SPAN_GROUP, nlp, unwrap  # spaCy loads only when a note is read

    rules = load_rules()
    pipe = nlp()
    facts: dict[tuple, list[tuple[FactRecord, Evidence]]] = defaultdict(list)
    treatments: dict[str, list[tuple[dict, Evidence]]] = defaultdict(list)
    imaging: list[tuple[PriorImaging, Evidence]] = []
    encounters: dict[date, tuple[Encounter, list[Evidence]]] = {}
    onsets: list[date] = []
    story: list[date] = []  # the onsets the history's or chief complaint's own length gives
    event_dated: set[int] = set()  # records whose date is the event's, written in their sentence
    study_findings: set[tuple[int, int]] = set()  # (note, offset) of findings an earlier study showed
    cues = _cues(rules)
    texts = [(n.text, n.date) if isinstance(n, Note) else (n, None) for n in notes]
    scope = SCOPE.set((age, default_region))
    try:
        docs = list(pipe.pipe(unwrap(t) for t, _ in texts))
    finally:
        SCOPE.reset(scope)
    for k, doc in enumerate(docs):
        ref = texts[k][1] or default_date
        mentions = []
        purpose = {w.lower() for w in rules.cues.get("hypothetical.purpose", ())}
        scopes = [(doc[mod.scope_span[0]].idx, doc[mod.scope_span[1] - 1].idx + len(doc[mod.scope_span[1] - 1]))
                  for mod in doc._.context_graph.modifiers
                  if mod.category == "NEGATED_EXISTENCE" and mod.scope_span[1] > mod.scope_span[0]]
        # a rule that does not read this patient's notes or this request's body area neither matches
        # nor hides another rule's match ("No trauma." in a spine note is the spine rule's)
        targets = list(doc.spans[SPAN_GROUP])
        courses = sorted((t.start, t.end) for t in targets if t.label_.startswith("treatment|"))
        for span in _outermost(targets, rules):
            kind, rule_id = span.label_.split("|", 1)
            sent = span.sent
            flags = {name for attr, name in _FLAGS if getattr(span._, attr, False)}
            section = span._.section_category
            if section == "family_history":
                flags.add("family")
            ev = Evidence(note=k, start=span.start_char, end=span.end_char, text=span.text,
                          sentence=_short(sent.text), rule=rule_id, context=sorted(flags))
            negs = [mod for mod in span._.modifiers if mod.category == "NEGATED_EXISTENCE"]
            if "hypothetical" in flags and all(mod.rule.literal.lower() in purpose for mod in span._.modifiers
                                               if mod.category == "HYPOTHETICAL"):
                flags.add("purpose")  # "MRI requested to evaluate for occult fracture": the study's purpose
            # "no x-rays yet" says a study was not done; "XR 5/20: no fracture" is its result
            # ("Hip x-ray not done today": a "not" right after it says so too)
            before_negs = tuple(mod.rule.literal.lower() for mod in negs if mod.modifier_span[0] < span.start
                                or mod.modifier_span[0] - span.end <= 2 and _NOT_DONE.match(mod.rule.literal))
            gap = min((max(mod.modifier_span[0] - span.end, span.start - mod.modifier_span[1], 0) for mod in negs),
                      default=99)
            before = doc[sent.start - 1].sent.text if sent.start > 0 else ""
            i = sent.end
            while i < len(doc) and doc[i].is_space:
                i += 1
            following = doc[i].sent.text if i < len(doc) and kind in ("fact", "imaging") else ""
            spec = rules.facts[rule_id].value if kind == "fact" else None
            if isinstance(spec, ValueReader) and spec.next_sentence:
                following = _passage_score(doc, sent, spec)
            ranges = tuple((a - sent.start_char, b - sent.start_char) for a, b in scopes
                           if a < sent.end_char and b > sent.start_char) if kind == "imaging" else ()
            mentions.append(_Mention(kind, rule_id, span.start_char - sent.start_char, span.end_char - sent.start_char,
                                     ev, flags, section, sent.text, sent.start_char, gap, before,
                                     negated_ranges=ranges, negations_before=before_negs,
                                     next_sentence=following,
                                     not_done=kind == "treatment" and (_not_given(doc, span, negs, cues, courses, gap)
                                                                       or bool(_FORM_NOT_GIVEN.match(doc.text, span.end_char)))))
        mentions = _one_study_per_phrase(mentions, rules)
        _table_columns(doc, mentions)
        plans = _plan_sections(texts[k][0])  # the raw text: unwrap() may have joined the heading line
        for m in mentions:
            m.in_plan = next((kind for a, b, kind in plans if a <= m.evidence.start < b), False)
        by_sentence: dict[int, list[_Mention]] = defaultdict(list)
        for m in mentions:
            by_sentence[m.sent_start].append(m)
        for m in mentions:
            if m.kind == "fact":  # "EHL 4/5 L, 5/5 R, TA 5/5": EHL's values end where TA, the next grade, begins
                name = rules.facts[m.rule_id].fact
                m.clause_end = min((x.start for x in by_sentence[m.sent_start] if x.kind == "fact" and x.start >= m.end
                                    and rules.facts[x.rule_id].fact == name), default=0)
                # "deltoid biceps triceps 5/5", "EHL/TA/gastroc 4/5 L": names joined into one list share the grade
                # written after the last of them
                # (a name that carries its own value is no list: "2+ knees 1+ ankles", "trace at the knees and absent")
                spec = rules.facts[m.rule_id].value
                # (nor is one graded just before it, "4/5 R EHL, TA 5/5", nor a statement that carries its own grade,
                # "4/5 R EHL, otherwise 5/5")
                if m.clause_end and _LIST_OF_NAMES.fullmatch(m.sentence[m.end: m.clause_end]) and \
                        isinstance(spec, ValueReader) and not READERS[spec.read](m.sentence[m.start: m.end], spec) and \
                        not leading_grade(spec, m.sentence, m.start, m.end):
                    m.list_next = next((x for x in by_sentence[m.sent_start] if x.kind == "fact" and x.start == m.clause_end
                                        and rules.facts[x.rule_id].fact == name
                                        and not READERS[spec.read](m.sentence[x.start: x.end], spec)), None)
        for m in mentions:
            if m.kind == "treatment":
                # "naproxen 6/1 - 7/31, PT 6/8 - 8/14": each course owns the words up to the next one
                others = [x for x in by_sentence[m.sent_start] if x.kind == "treatment" and x is not m]
                m.segment = (max((x.end for x in others if x.end <= m.start), default=0),
                             min((x.start for x in others if x.start >= m.end), default=len(m.sentence)))
                prev = max((x for x in others if x.end <= m.start), key=lambda x: x.end, default=None)
                if prev is not None and rules.treatments[m.rule_id].kind == "home_exercise" \
                        and rules.treatments[prev.rule_id].kind == "physical_therapy" \
                        and _PART_OF_THERAPY.search(m.sentence[prev.end: m.start]):
                    m.part_of_course = True
                # "PT/OT eval", "a trial of PT/home exercise would come first": courses joined as one
                # list share the words around the list (its plan words)
                cut = _line_cut(texts[k][0], m)
                if cut is not None and cut < m.segment[1]:
                    m.segment = (m.segment[0], cut)
                courses = sorted([m, *others], key=lambda x: x.start)
                i = courses.index(m)
                lo = hi = i
                while lo > 0 and _LIST_JOIN.fullmatch(m.sentence[courses[lo - 1].end: courses[lo].start]):
                    lo -= 1
                while hi + 1 < len(courses) and _LIST_JOIN.fullmatch(m.sentence[courses[hi].end: courses[hi + 1].start]):
                    hi += 1
                m.listed = (courses[lo].start, courses[hi].end,
                            courses[lo - 1].end if lo > 0 else 0,
                            min(courses[hi + 1].start if hi + 1 < len(courses) else len(m.sentence),
                                cut if cut is not None and cut >= courses[hi].end else len(m.sentence)))
                i = doc.char_span(m.sent_start, m.sent_start + len(m.sentence), alignment_mode="expand").end
                while i < len(doc) and doc[i].is_space:
                    i += 1
                if i < len(doc):
                    sent = doc[i].sent
                    # (not a sentence about another course or a study: "X-rays 8/20: C5-6 spondylosis")
                    if not any(x.kind in ("treatment", "imaging") for x in by_sentence[sent.start_char]):
                        m.after = sent.text
                    if _KEPT_NEXT.match(sent.text):
                        m.kept = sent.text  # "Seen 2/27 -> PT referral. Went 3/2 - 4/24 (2x/wk) ..."
        if texts[k][1] is not None:  # an undated note documents no contact of known date
            _encounter(doc.text, ref, encounters, k, cues, texts[k][0])
        parts = None  # the note's dated entries, read when a sentence tells an episode's day
        acute_visit = None  # whether the note is an ED or urgent-care visit's
        anchor: tuple[date, int] | None = None  # the last exact date written, and how many sentences ago
        visit: tuple[date, int] | None = None  # the same, of a sentence that names a visit ("Exam 4/8:", "Seen 4/8.")
        for sent in doc.sents:
            _dated_visit(sent.text, k, sent.start_char, ref, encounters, cues, anchor[0] if anchor else None)
            for m in by_sentence.get(sent.start_char, ()):
                if m.kind == "treatment" and visit is not None:
                    m.visit_date = visit[0]
            written = [d.value for d in find_dates(sent.text, ref) if not d.approximate and d.value <= ref]
            anchor = (written[-1], 0) if written else (anchor[0], anchor[1] + 1) if anchor and anchor[1] < 2 else None
            if written and (cues.has("encounter.visit", sent.text) or _EXAM_DATED.search(sent.text)):
                visit = (written[-1], 0)
            else:
                # (a sentence dated the visit's own day goes on telling that visit: "Exam 5/4 ... L-spine AP/lat 5/4 -
                # no fracture. Started ibuprofen ...")
                visit = (visit[0], visit[1] + 1) if visit and visit[1] < 2 and (
                    not written or all(w == visit[0] for w in written)) else None
            # "Onset 08/04/2026, woke up with it": the date an onset word leads to, in the words before any
            # treatment or study the sentence names
            text = sent.text
            # ("flare since 10/20, seen by PCP 10/22 and started on ibuprofen": the words before the course)
            text = text[: min((m.start for m in by_sentence[sent.start_char] if m.kind in ("treatment", "imaging")),
                              default=len(text))]
            words = [(w.start(), w.end()) for w in cues.groups["episode"].finditer(text)] if cues.groups.get("episode") else []
            found = _dated_events(text, ref) if words else []
            # the heading's date is the visit's ("New Patient - 10/29/2026 50F ... knee pain x ~5 months"): an
            # episode begun on the visit's own day is dated by its injury or symptom records instead
            # (but "fell today", "injured this morning", "twisted it at 3 pm today (10/31)": an episode the note says
            # began on its own day began then)
            # (and "tonight (3/15/2026)", "at 1900 tonight", "this evening", "earlier today": the same day; the date
            # in brackets after such a word is the same day's)
            if found and parts is None:
                parts = _note_parts(texts[k][0], ref)
            if found and parts:
                # "Arrival 02/12/2026 20:41 ... slipped ~1900 tonight" in a note finished 2/13: a day told relative
                # to the entry it is written in is that entry's (its heading's date)
                at = texts[k][0].find(sent.text[:24])
                day = max((p for p in parts if p[2] <= at), key=lambda p: p[2], default=None) if at >= 0 else None
                if day is not None and day[0] < ref:
                    found = [Found(d.start, d.end, day[0] - (ref - d.value), d.text, d.approximate)
                             if _RELATIVE_WORD.fullmatch(d.text) else d for d in found]
            same_day = [d for d in found if d.value == ref and d.text.lower().split()[-1] in _TODAY_WORDS]
            found = [d for d in found if d.value != ref or d in same_day
                     or any(0 <= d.start - t.end <= 3 and text[t.end:d.start].strip() in ("", "(") for t in same_day)]
            # each onset word's nearest date ("10/27/26 new pt, pickup bball 10/18 ... twisted"); the earliest
            # of them began it ("rolled the ankle on April 12 ... ever since - five or six since the summer")
            for a, b in words if found else ():
                onsets.append(min(found, key=lambda d: d.start - b if d.start >= b else a - d.end + 0.5).value)
            if words and not found and acute_visit is None:
                acute_visit = bool(_ACUTE_CARE_HEAD.match(texts[k][0]))
            if words and not found and acute_visit and not _NOT_TODAY.search(sent.text) \
                    and not find_durations(sent.text):
                # an ED or urgent-care note's injury told with no day ("ED NOTE 10/31: 16 yo fell onto outstretched R
                # hand skateboarding"): the patient came in with it that day
                onsets.append(ref)
            # "MRI 3/1 (2 wks after injury)": the injury or onset a length after it dates, wherever it is told
            onsets += [c.value for c in _after_event(sent.text, ref)]
            lead = _DATE_OPENS_EPISODE.match(text)
            if lead and text[lead.end():].strip(" ,.;:-"):  # (not "4/1 started naproxen": the text ends before a course)
                # "~4/1/26 recurrent R buttock & posterior leg pain", "On 4/1/26 developed ...", "3/2: new onset of
                # neck pain": a date that opens the sentence and leads to a new, recurrent or worse symptom began it
                began_on = [d.value for d in find_dates(lead["d"], ref) if d.value <= ref]
                if began_on:
                    onsets.append(began_on[0])
            if _HPI_HEAD.match(text):
                # "HPI: 8 y/o M w/ 6 wk progressive difficulty climbing stairs", "CC: knee pain x 3 mo": the history's
                # own length is the episode's (when nothing else dates it; its symptom may be no fact we list)
                told = [d for d in find_durations(text) if not _VAGUE_LENGTH.search(d.text)]
                if told:
                    story.append(ref - timedelta(days=told[0].value))
        if texts[k][1] is not None and ref in encounters and _school_note(texts[k][0]):
            # "SCHOOL HEALTH OFFICE - Referral to Primary Care Provider ... - School RN": a school nurse's note is no
            # visit with the provider's office (SP-1.0's in-person clinical evaluation), only the referral to one
            evs = encounters[ref][1]
            if all(e.note == k and e.rule == "note date" for e in evs):
                del encounters[ref]
        elif texts[k][1] is not None and ref in encounters and _office_paper(texts[k][0]):
            # "MRI PRIOR AUTHORIZATION REQUEST (completed by front office)", "FAX COVER SHEET", "LETTER OF MEDICAL
            # NECESSITY": a paper the office sends is no visit; only a visit it states with its date is one
            evs = encounters[ref][1]
            if all(e.note == k and e.rule == "note date" for e in evs) and not _visit_that_day(texts[k][0], ref):
                del encounters[ref]
        elif texts[k][1] is not None and ref in encounters and _REQUEST_FORM.match(texts[k][0]):
            # "OUTPATIENT IMAGING PRIOR AUTHORIZATION - REQUEST FORM", "PRECERTIFICATION REQUEST ... Date of most
            # recent visit: 12/02/2026": a form filled in after the visit it names records no contact of its own day
            evs = encounters[ref][1]
            if all(e.note == k and e.rule == "note date" for e in evs) and any(
                    day < ref and any(e.note == k for e in ev) for day, (_, ev) in encounters.items()):
                del encounters[ref]
        # a study whose sentence names no body part: the requested study's region when it is specific,
        # else the body part the note names most (within the request's body area, when it has one)
        note_region = default_region if default_region not in _GENERIC_REGIONS else None
        if note_region is None:
            area = AREAS.get(default_region or "")
            counts = Counter(rules.regions[m.rule_id].region for m in mentions if m.kind == "region")
            inside = Counter({r: n for r, n in counts.items() if area is None or AREAS.get(r, area) & area})
            note_region = (inside or counts).most_common(1)[0][0] if counts else None
        courses: list[tuple[int, dict]] = []
        device = {n: f.category == "device" for n, f in vocabulary().facts.items()}
        for m in mentions:
            if m.kind == "fact":
                # rules out of this note's scope were removed before ConText (pipeline.SCOPE)
                rule = rules.facts[m.rule_id]
                records = _fact(rule, m, ref, cues)
                # "s/p C5-6 ACDF 07/08/2026" beside "~8 wks after ACDF": the event's date is the one written
                # (a finding a study shows - "XR today - post-surgical changes L5-S1" - is dated by the study,
                # not by the surgery: only a date written from the finding on is the event's)
                study = max((x.end for x in by_sentence[m.sent_start] if x.kind == "imaging" and x.end <= m.start),
                            default=0)
                if records and (rule.onset or vocabulary().facts[rule.fact].starts_episode) and \
                        any(d.start >= (m.start if study else 0) for d in _event_dates(m, ref)):
                    event_dated.update(id(r) for r in records)
                if records and rule.fact in _INJURY_FACTS and rule.present and m.rule_id.startswith(_LIMB_RULES):
                    records = _injury_by_date(records, m, ref)
                for rec in records:
                    # two devices are two records ("pacemaker ... other implants"): the kind places a device
                    # ("no pacemaker/defib, no aneurysm clips, no metal in eyes": three devices denied, not one)
                    place = rec.location or ((rec.value or rule.value) if device.get(rec.fact) else None)
                    # (one record of the largest of several curves, whichever side each is convex to)
                    facts[(rec.fact, place, None if _LARGEST[rec.fact] else rec.side)].append((rec, m.evidence))
            elif m.kind == "treatment":
                if m.not_done and not m.flags & {"hypothetical", "family", "uncertain"} and not m.in_plan \
                        and not _UNCHECKED.search(m.sentence, max(0, m.start - 8), m.start):
                    # "Has not done PT", "no PT yet", "declined ESI": that kind of course was not given
                    kind = rules.treatments[m.rule_id].kind
                    rec = FactRecord(fact="treatment_not_done", value=kind, date=ref,
                                     detail=f'note {k + 1}: "{m.evidence.sentence}"')
                    facts[("treatment_not_done", kind, None)].append((rec, m.evidence))
                    continue
                t = _treatment(rules.treatments[m.rule_id].kind, m, ref, cues)
                if t is not None:
                    treatments[t["kind"]].append((t, m.evidence))
                    courses.append((m.sent_start, t))
            elif m.kind == "imaging":
                for im, dated in _imaging(rules, m, by_sentence[m.sent_start], ref, cues, note_region):
                    imaging.append((im, m.evidence, dated))
                    if im.date < ref:  # "Had an MRI R knee 9/15: ..., small effusion": that study's findings
                        nxt = min((x.start for x in by_sentence[m.sent_start] if x.kind == "imaging" and x.start > m.end),
                                  default=len(m.sentence))
                        study_findings.update((k, x.evidence.start) for x in by_sentence[m.sent_start]
                                              if x.kind == "fact" and m.end <= x.start < nxt)
        _note_score(doc, k, facts, rules, plans)
        _overall_response(doc, courses, by_sentence, cues)
        if _PT_DOCUMENT.search(texts[k][0], 0, 240):
            _pt_service_dates(doc.text, k, ref, treatments)
    _pain_at_fracture_level(docs, texts, default_date, facts, imaging)
    replaced = any(_REPLACED_JOINT.search(t) for t, _ in texts)
    # "shooting ... to lateral foot (S1 distrib)", "numbness in an L5 dermatomal pattern": the root the pain follows
    dermatomes = {r.upper() for t, _ in texts if "distrib" in t or "dermatom" in t for r in _dermatome_roots(t)}
    return _assemble(facts, treatments, imaging, encounters, min(onsets, default=None) or min(story, default=None), event_dated, study_findings,
                     replaced, dermatomes)


# an injury of a limb is acute or old by its date, about six weeks (the guideline's acute vs chronic injury): "fell
# while skiing 3/7/26 ... felt a pop, immediate swelling" two weeks ago is the acute injury of that day; "instability
# since flag football injury on 1/24/26 (planted + cut, felt a pop)" five months ago is a chronic injury begun then,
# whatever acute-sounding words ("pop", "immediate swelling") tell how it happened
_INJURY_FACTS = frozenset({"acute_limb_injury", "trauma_mechanism"})
_LIMB_RULES = ("lower-extremity:", "pediatric:")
_ACUTE_DAYS = 42
_OLD_DAYS = 56


def _injury_by_date(records: list[FactRecord], m: _Mention, ref: date) -> list[FactRecord]:
    s = m.sentence
    near = [d for d in _dated_events(s, ref) if not d.approximate and d.value <= ref
            and not _NOT_A_VISIT_DATE.search(s, max(0, d.start - 20), d.start)
            and ("." not in s[min(d.end, m.start):max(d.start, m.end)])]
    if not near:
        return records
    day = _nearest_found(near, m)
    if abs(day.start - m.start) > 80 or day.value == ref and day.text.lower().split()[-1] not in _TODAY_WORDS:
        return records  # (a date far off in the sentence, or the heading's own day, is not the injury's)
    rec = records[0]
    side = next((r.side for r in records if r.side), None)
    if rec.fact != "acute_limb_injury" and not m.rule_id.startswith("lower-extremity:"):
        return records  # (a child's fall may be the spine's or a limp's: the pediatric rules name the limb injury)
    if ref - day.value <= timedelta(days=_ACUTE_DAYS):
        acute = [r for r in records if r.fact == "acute_limb_injury"]
        records = [r.model_copy(update={"date": day.value}) if r.fact == "acute_limb_injury" else r for r in records]
        if not acute:
            records = records + [FactRecord.model_construct(
                fact="acute_limb_injury", present=True, value=None, date=day.value, onset=None, side=side,
                level=None, location=None, mri_conditional=None, detail=rec.detail)]
        return records
    if ref - day.value > timedelta(days=366) or ref - day.value <= timedelta(days=_OLD_DAYS):
        # (a remote injury told as history: no injury of this episode; six to eight weeks back, the words decide)
        return records
    out = [r for r in records if r.fact != "acute_limb_injury"]
    return out + [FactRecord.model_construct(
        fact="chronic_limb_injury", present=True, value=None, date=ref, onset=day.value, side=side,
        level=None, location=None, mri_conditional=None, detail=rec.detail)]


# "Formal PT 12/1 - 1/30, then a home program. Pain and weakness persist.": the sentence right after the courses
# saying the symptoms go on ("persist", "ongoing", "continues", "still has pain", "remains symptomatic") tells
# their response: none
_SYMPTOM = r"(?:pain|symptoms?|sx|weakness|numbness|tingling|swelling|instability|giving\s+way|limp(?:ing)?|stiffness|spasms?)"
_PERSISTS = re.compile(
    rf"\b{_SYMPTOM}\s+(?:(?:has|have|is|are|remains?|remained)\s+)?(?:persist(?:s|ed|ing|ent)?|ongoing|unchanged|"
    rf"continues?|continued|unrelieved|unresolved|the\s+same|no\s+better)\b"
    rf"|\b(?:still|continues?\s+to|continued\s+to)\s+(?:has|have|having|had|with|c/o|complain\w*|report\w*|"
    rf"symptomatic|in\s+pain|hurts?|hurting|painful|experienc\w+|limping)\b"
    rf"|\bremains?\s+(?:symptomatic|painful|in\s+pain)\b|\b(?:persistent|ongoing|continued|unrelenting)\s+{_SYMPTOM}\b", re.I)
# "no persistent pain", "pain no longer persists", "symptoms resolved", "without ongoing symptoms"
_PERSISTS_DENIED = re.compile(r"\b(?:no|not|without|denies|resolved|no\s+longer|improv\w*|better|less|decreas\w*)\b", re.I)


def _overall_response(doc, courses: list[tuple[int, dict]], by_sentence: dict, cues: _Cues) -> None:
    """ "PT 8/3 - 9/25. At re-evaluation today he reports no meaningful improvement.": a sentence that
    names no treatment but says how the care went gives its response to the courses named before it
    that have none of their own."""
    if not any(t["response"] is None for _, t in courses):
        return
    after_course = False
    for sent in doc.sents:
        if any(x.kind == "treatment" for x in by_sentence.get(sent.start_char, ())):
            after_course = True
            continue
        word = cues.first("overall", sent.text) or (_MINIMIZED.search(sent.text) and "minimal") \
            or (_failed_care(sent.text) and "none") \
            or (after_course and _PERSISTS.search(sent.text) and not _PERSISTS_DENIED.search(sent.text) and "none")
        after_course = False
        if word:
            for at, t in courses:
                if at < sent.start_char and t["response"] is None:
                    t["response"] = word


_HEADING = re.compile(r"^[ \t]*([A-Za-z][A-Za-z /&]{0,30}?)[ \t]*:", re.M)
_PLAN_HEADING = re.compile(r"(?:plan|p|recommendations?|disposition|orders?|next steps?)", re.I)
# an assessment and plan in one: the assessment may name a study done ("L4-5 HNP on MRI"), so only a study
# there with neither a past date nor a result is the order ("MRI R foot w/o and w/ contrast today")
_ASSESSMENT_PLAN_HEADING = re.compile(r"(?:a\s*/\s*p|a\s*&\s*p|assessment\s*(?:/|&|and)\s*plan|"
                                      r"impression\s*(?:/|&|and)\s*plan|imp\s*/\s*plan)", re.I)


# A pain score written a sentence or two from the pain it rates ("Pain radiates down the L leg to the
# foot. He rates it 9/10."): in the same paragraph, a score that is the pain's own, not another body
# part's ("knee pain 5/10"), not a past, best or goal score ("was 4/10", "at best 3/10", "goal <3/10"),
# and not a date ("started 8/10/26").
_SCORE_CUE = re.compile(r"\b(?:pain|pains|vas|nrs|rates?|rated|rating|score|severity|intensity|hurts?|aches?|"
                        r"aching|burning|throbbing|sharp|severe|still|currently|now|today|avg|average|worst|"
                        r"at worst|constant)\b[^,;.()]{0,25}$", re.I)
_SCORE_NOT_NOW = re.compile(r"\b(?:was|were|had been|previously|prev|prior|initially|at best|best|goal|target|"
                            r"down from|from|used to|before|pre-?op|baseline|last (?:visit|week|month|time)|"
                            r"improved to|decreased to|down to|reduced to)\b[^,;.]{0,25}$", re.I)
_SCORE_AFTER_NOT_NOW = re.compile(r"^\s*(?:at best|previously|before|prior|last (?:visit|week|month|time)|"
                                  r"pre-?op|(?:is the |as )?goal|with (?:meds|medication)|on meds|after)\b"
                                  r"|^\s*/\s*\d|^\s*[-–]\s*\d{1,2}/\d", re.I)
_SCORE_DATE = re.compile(r"(?:\b(?:since|on|started|start|began|from|until|through|thru|dated|dos|seen|visit|"
                         r"pt|completed|ended|tried|x-?ray|xr|mri|ct)\s*|/)$", re.I)
_OTHER_PAIN = r"knee|hip|shoulder|elbow|wrist|ankle|jaw|incision|stomach|flank"
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_SCORE_LABEL = re.compile(r"[ \t]*(?:pain(?: score| level| scale)?|vas|nrs|severity|intensity)[ \t]*:", re.I)


def _own_score(text: str, spec: ValueReader, whole: bool) -> int | None:
    """Where the first score of ``text`` that is the pain's own, current one begins (its clause), or None.
    ``whole``: another subject named anywhere before the score rules it out (a sentence other than the
    pain's own)."""
    other = re.compile(rf"\b(?:{spec.not_of + '|' if spec.not_of else ''}{_OTHER_PAIN})\b", re.I)
    for start, end, _ in READERS["score"](text, spec):
        clause = re.split(r"[,;:(]|\.\s|\s[-–]\s", text[:start])[-1]
        head = text[max(0, start - 40): start]
        if _SCORE_NOT_NOW.search(head) or _SCORE_AFTER_NOT_NOW.search(text[end:]) or _SCORE_DATE.search(text[:start].rstrip()):
            continue
        if other.search(text[:start] if whole else clause) or other.match(text[end:].lstrip(" ")):
            continue
        if clause.strip(" -–") and not _SCORE_CUE.search(clause):
            continue  # "started 8/10", "ibuprofen 600 ... 4/10 visits": a number that no pain word leads to
        return start - len(clause)
    return None


def _note_score(doc, k: int, facts: dict, rules: Rules, plans: list[tuple[int, int, str]]) -> None:
    """ "Midthoracic pain ... band-like burning around R lower ribs. 6/10. ... Imp: R T8 radicular features": a
    radiating pain named away from its score (in the impression) takes the note's one current pain score,
    when the history gives one and only one value that is no other body part's."""
    specs = {r.fact: r.value for r in rules.facts.values() if isinstance(r.value, ValueReader) and r.value.next_sentence}
    for name, spec in specs.items():
        mine = [(key, i) for key, found in facts.items() if key[0] == name
                for i, (rec, ev) in enumerate(found) if ev.note == k]
        if not mine or any(facts[key][i][0].value is not None for key, i in mine):
            continue
        values = set()
        for sent in doc.sents:
            if any(a <= sent.start_char < b for a, b, kind in plans if kind == "plan"):
                continue
            at = _own_score(sent.text, spec, True)
            if at is not None:
                values.update(v for _, _, v in READERS["score"](sent.text[at:], spec)[:1])
        if len(values) != 1:
            continue
        value = values.pop()
        for key, i in mine:
            rec, ev = facts[key][i]
            if rec.present:
                facts[key][i] = (rec.model_copy(update={"value": value}), ev)


def _passage_score(doc, sent, spec: ValueReader, after: int = 4) -> str:
    """The words of the mention's paragraph that carry its pain score: from the score's clause in the
    first of the next ``after`` sentences that holds one, else in the sentence just before; "" if none."""
    def heading(text: str) -> bool:  # "Exam:", "Plan:"; not the score's own label ("Pain: 7/10")
        return bool(_HEADING.match(text)) and not _SCORE_LABEL.match(text)

    def paragraph_break(a: int, b: int) -> bool:
        return bool(_PARAGRAPH_END.search(doc.text[a:b]))

    end, i = sent.end_char, sent.end
    for _ in range(after):
        while i < len(doc) and doc[i].is_space:
            i += 1
        if i >= len(doc):
            break
        nxt = doc[i].sent
        if paragraph_break(end, nxt.start_char + 1) or heading(nxt.text):
            break
        at = _own_score(nxt.text, spec, True)
        if at is not None:
            return nxt.text[at:]
        end, i = nxt.end_char, nxt.end
    if sent.start > 0:
        prev = doc[sent.start - 1].sent
        if not paragraph_break(prev.end_char, sent.start_char) and not heading(sent.text):
            at = _own_score(prev.text, spec, True)
            if at is not None:
                return prev.text[at:]
    return ""


def _plan_sections(text: str) -> list[tuple[int, int, str]]:
    """The spans of a note under a "Plan:" / "P:" / "Recommendations:" heading ("plan") or an "A/P:" /
    "Assessment and plan:" one ("assessment"), up to the next heading."""
    def kind(name: str) -> str | None:
        name = name.strip()
        return "plan" if _PLAN_HEADING.fullmatch(name) else "assessment" if _ASSESSMENT_PLAN_HEADING.fullmatch(name) \
            else None
    heads = [(h.start(), kind(h.group(1))) for h in _HEADING.finditer(text)]
    return [(at, heads[i + 1][0] if i + 1 < len(heads) else len(text), k)
            for i, (at, k) in enumerate(heads) if k]


def _one_study_per_phrase(mentions: list[_Mention], rules: Rules) -> list[_Mention]:
    """ "XR AP pelvis + L hip 2 views": two words for one study. A mention of the same modality close
    after another in its sentence, with no other study or clause break between, is dropped."""
    out: list[_Mention] = []
    last: _Mention | None = None
    for m in sorted(mentions, key=lambda x: (x.sent_start, x.start)):
        if m.kind == "imaging":
            if (last is not None and last.sent_start == m.sent_start and m.start - last.end <= 40
                    and rules.imaging[last.rule_id].modality == rules.imaging[m.rule_id].modality
                    and not re.search(r"[;.]", m.sentence[last.end: m.start])):
                continue
            last = m
        out.append(m)
    return out


def _outermost(spans, rules: Rules) -> list:
    """Drop a mention inside a longer one of the same kind: "saddle numbness" is not also "numbness",
    "family history of DDH" not also "DDH". A longer number or enum fact qualifies what it contains
    rather than replacing it ("febrile to 101.8" is fever *and* a temperature; "rollover MVC" is
    trauma *and* its mechanism), so it drops nothing, unless it is a phrase of absence ("skin without
    cafe au lait spots"), which speaks for all it contains. Equal spans (one phrase, two facts) are kept."""
    spans = list(spans)
    kind = [s.label_.split("|", 1)[0] for s in spans]
    facts = vocabulary().facts

    def shadows_inner(k: str, s) -> bool:
        if k != "fact":
            return True
        rule = rules.facts[s.label_.split("|", 1)[1]]
        return facts[rule.fact].type == "boolean" or not rule.present

    def measured(k: str, s) -> str | None:
        """The structure a mention measures, one value per structure ("thoracic curve" of "right thoracic curve
        32°"), else None."""
        if k != "fact":
            return None
        rule = rules.facts[s.label_.split("|", 1)[1]]
        return rule.fact if isinstance(rule.value, ValueReader) and rule.value.largest else None

    shadows = [shadows_inner(k, s) for k, s in zip(kind, spans)]
    measures = [measured(k, s) for k, s in zip(kind, spans)]
    keep = []
    for i, s in enumerate(spans):
        # (a structure's measurement inside another fact's phrase is still read: "right thoracic curve 32°" is the
        # curve's convexity and its Cobb angle)
        inside = any(j != i and kind[j] == kind[i] and shadows[j] and o.start <= s.start and s.end <= o.end
                     and len(o) > len(s) and not (measures[i] and measures[j] != measures[i] and
                                                  rules.facts[o.label_.split("|", 1)[1]].fact != measures[i])
                     for j, o in enumerate(spans))
        if not inside:
            keep.append(s)
    return keep


# the words between two findings of one list: "deltoid, biceps", "EHL/TA", "biceps triceps and brachioradialis"
_LIST_OF_NAMES = re.compile(r"\s*(?:[,/&+]|\band\b)?\s*", re.I)
# a bracket that speaks of an earlier exam: "Achilles 2+ and symmetric (L was 1+ in March)", "(prev 4/5)"
# (the bracket gives an old value: not "(no injury, was helping her move)")
_PAST_BRACKET = re.compile(r"\((?=[^()]*\b(?:was|were|previously|prev|pre-?op)\s+(?:[\w.]+\s+){0,3}?(?:[0-5]\s*[+-]?(?:\s*/\s*5)?|\+|absent|trace|"
                           r"positive|pos|negative|neg|brisk|diminished|decreased|reduced|normal|intact|symmetric)(?![\w/]))[^()]*\)?", re.I)
_SAME_TODAY = re.compile(r"\bsym\w*|\bequal\b|\bnormal\b|\bnl\b|=")
# a step that follows a study's result: "If MRI + -> restaging CT", "if positive, then staging PET"
_CONDITIONAL_NEXT = re.compile(r"\bif\b[^.;]{0,60}?(?:->|→|\bthen\b|,)\s*(?:(?:will|would|plan|proceed\s+(?:to|with)|obtain|get|"
                               r"order)\s+)?(?:[\w/+-]+\s+){0,2}$", re.I)
# findings of the midline, which have no side ("numbness 'down there' ... L>R leg pain" is one saddle anesthesia)
_MIDLINE_FACTS = frozenset({"saddle_anesthesia", "urinary_retention_acute", "bowel_bladder_incontinence_new",
                            "anal_tone_decreased", "posterior_midline_cervical_pain",
                            # a history of cancer has no side ("Ewing sarcoma of the L femur", "L breast ca"): the
                            # primary's side is no side of the patient's cancer history
                            "known_cancer", "cancer_not_leukemia", "metastatic_cancer", "childhood_cancer_survivor",
                            "lymphoblastic_leukemia_lymphoma", "cancer_predisposition_syndrome"})
# facts that are the change itself: "4/5 (was 5/5)" is the progression, not an old finding
_CHANGE_FACTS = frozenset({"progressive_neuro_deficit", "new_neuro_deficit", "neuro_deterioration"})


# a past episode named as history: "s/p ACDF for R C6 radiculopathy" (what the operation treated), "hx of L5
# radiculopathy 2019, resolved" - not today's finding (a current one is read from its own words)
_PAST_EPISODE_FACTS = frozenset({"radiculopathy", "radicular_pain", "myelopathy_suspected", "extremity_neurological_symptoms"})
_TREATED_FOR = re.compile(r"\b(?:s/p|status\s+post|h/o|hx\s+of|history\s+of|prior|previous|remote)\s+(?:[\w./-]+\s+){0,4}?"
                          r"(?:ACDF|TLIF|PLIF|ALIF|XLIF|fusion|surgery|discectomy|microdiscectomy|laminectomy|laminotomy|"
                          r"foraminotomy|decompression|corpectomy|laminoplasty|arthroplasty|disc\s+replacement)\s+"
                          r"(?:for|of|due\s+to)\s+(?:(?:an?|the|his|her)\s+)?(?:[\w/-]+\s+){0,3}$", re.I)
_PAST_NAMED = re.compile(r"\b(?:hx|h/o|history|prior|previous|remote|old|past)\b(?:\s+of)?\s+(?:[\w/-]+\s+){0,3}$", re.I)
_RESOLVED_AFTER = re.compile(r"\s*(?:\(?\s*(?:(?:19|20)\d\d|\d{1,2}/(?:19|20)?\d\d)\s*\)?\s*)?[,;-]?\s*(?:which\s+|that\s+|now\s+|since\s+|has\s+|had\s+)?"
                            r"(?:fully\s+|completely\s+)?(?:resolved|healed)\b(?!\s*/\s*resolving)", re.I)


def _past_episode(m: _Mention) -> bool:
    before = m.sentence[max(0, m.start - 90): m.start]
    return bool(_TREATED_FOR.search(before)) or bool(_PAST_NAMED.search(before) and _RESOLVED_AFTER.match(m.sentence, m.end))


def _last_of_list(m: _Mention) -> _Mention:
    seen = 0
    while m.list_next is not None and seen < 12:
        m, seen = m.list_next, seen + 1
    return m


def _past_masked(sentence: str) -> str:
    """The sentence with its brackets about an earlier exam blanked (same length: offsets stay)."""
    if "(" not in sentence:
        return sentence
    return _PAST_BRACKET.sub(lambda b: " " * len(b.group()), sentence)


def _in_past_bracket(m: _Mention) -> bool:
    """The mention is an earlier exam's: it begins inside a bracket about one, or reaches into it from a
    finding today called normal ("2+ and symmetric (L was 1+"; not "absent (was 1+)", today's loss)."""
    if "(" not in m.sentence:
        return False
    for b in _PAST_BRACKET.finditer(m.sentence):
        if b.start() < m.start < b.end():
            return True
        if m.start < b.start() < m.end and _SAME_TODAY.search(m.sentence, m.start, b.start()):
            return True
    return False


_OTHER_BEFORE = re.compile(r"\b(?:other|another|additional|further)\s+$", re.I)


_LABEL_LEAD = re.compile(r"\s*[A-Za-z][\w /&()-]{0,30}:")


def _table_columns(doc, mentions: list[_Mention]) -> None:
    """A strength table's rows read by its header's columns ("Strength: R L / Hip flexion 5 4 / EHL 5 2 /
    Eversion 5 3"): a row that begins a sentence of its own (an upper-case name like "EHL" starts a new item)
    is still under the header, as long as the sentences after the header are rows and no new label begins."""
    if not any(m.kind == "fact" for m in mentions):
        return
    by_start: dict[int, list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.kind == "fact":
            by_start[m.sent_start].append(m)
    table = None
    for sent in doc.sents:
        text = sent.text
        if "5" not in text and "4" not in text and table is None:
            continue  # (cheap: no grade, no table)
        own = column_sides(text, len(text))
        if own is not None:
            table = own
            continue
        if table is None:
            continue
        if _LABEL_LEAD.match(text) or not table_row(text):
            table = None
            continue
        for m in by_start.get(sent.start_char, ()):
            m.table = table


def _fact(rule: FactRule, m: _Mention, ref: date, cues: _Cues) -> list[FactRecord]:
    """The records one mention documents: one, or one per side for an exam value written per side
    ("EHL 4/5 L, 5/5 R")."""
    rec = _one_fact(rule, m, ref, cues)
    if rec is None:
        return []
    if rule.value is None and not rec.present and "negated" in m.flags:
        # "SLR positive on the left, negative on the right": the negation is the other side's
        first = _POSITIVE_SIDE.match(m.sentence, m.end) or _POSITIVE_SIDE.match(m.sentence, m.start, m.end + 20) \
            or _POSITIVE_SIDE.search(m.sentence[: m.end + 20], m.start)  # ("SLR + L": the sign's own words)
        if first and _other_side_negative(m, _side_of(first["s"]) or "") and _side_of(first["s"]):
            rec = rec.model_copy(update={"present": True, "side": _side_of(first["s"]),
                                         "level": read_level(m.sentence, m.start, m.end)})
        elif _POSITIVE_BEFORE.search(m.sentence, 0, m.start) and (after := _SIDE_AFTER.match(m.sentence, m.end)) \
                and _side_of(after["s"]) and _other_side_negative(m, _side_of(after["s"])):
            # "a positive straight leg raise on the left at 35 degrees, negative on the right"
            rec = rec.model_copy(update={"present": True, "side": _side_of(after["s"]),
                                         "level": read_level(m.sentence, m.start, m.end)})
        elif rule.fact in _SIDED_SIGNS:
            # a sign found negative on a named side is that side's record ("R SLR neg", "neg SLR b/l"); a
            # negative crossed SLR is the other leg's, raised opposite the positive one
            if _CROSSED.match(m.evidence.text):
                pos = _POSITIVE_SLR.search(m.before + " " + m.sentence[: m.start])
                side = {"left": "right", "right": "left"}.get(_side_of(pos["s"] or pos["s2"]) or "") if pos else None
            else:
                after = _NEG_SIDE_AFTER.match(m.sentence, m.end) or _BARE_SIDE_AFTER.match(m.sentence, m.end)
                side = (_side_of(after["side"]) or "bilateral") if after and after["side"] not in ("l", "r") \
                    else _sided_before(m.sentence[: m.start])
            if side:
                rec = rec.model_copy(update={"side": side})
    if rule.fact in _SIDED_SIGNS and rule.value is None and not _CROSSED.match(m.evidence.text):
        # "SLR - L, + R", "SLR neg L, pos R", "Spurling (-) R, (+) L": the negative side written first
        lead = _NEG_LEAD.match(m.sentence, m.end)
        pos = lead and _OTHER_SIDE_POS.match(m.sentence, lead.end(), m.clause_end or len(m.sentence))
        neg_side, pos_side = (_side_of(lead["s"]) if lead else None), (_side_of(pos["s"] or pos["t"]) if pos else None)
        if neg_side and pos_side and neg_side != pos_side:
            level = read_level(m.sentence, m.start, m.end)
            return [rec.model_copy(update={"present": False, "value": None, "side": neg_side, "level": None}),
                    rec.model_copy(update={"present": True, "side": pos_side, "level": level})]
    if rule.value is None and rec.side in ("left", "right"):
        # "SLR + L at 45 deg, neg R", "Spurling (+) R, (-) L", "positive on the left, negative on the right":
        # the sign was tested on the other side too, and found negative there
        other = _other_side_negative(m, rec.side)
        if other:
            return [rec, rec.model_copy(update={"present": False, "value": None, "side": other, "level": None})]
    if not (rec.present and isinstance(rule.value, ValueReader) and rule.value.read in ("grade", "reflex")):
        return [rec]
    last = _last_of_list(m)
    sided = read_sided_values(rule.value, _past_masked(m.sentence), last.start, last.end, last.clause_end or len(m.sentence),
                              m.table)
    if not sided:
        return [rec]
    if sided[0][1] is None and len(sided) > 1:
        # "Left ankle jerk is absent (0), right 2+": the side written before the mention is the first value's
        sided[0] = (sided[0][0], _sided_before(m.sentence[: m.start]))
    return [rec.model_copy(update={"value": v, "side": side}) for v, side in sided]


_SIDE_WORD = r"(?P<s>right|left|rt|lt|R|L)\b(?!\s*(?:/|\d|[<>=]))"
_NEG_WORD = r"(?:neg(?:ative)?\b|\(\s*-\s*\)|-ve\b|absent\b|not present\b|nl\b|normal\b|unremarkable\b)"
# in the rest of the clause: "..., neg R", "(-) L", "negative on the right", "R neg", "and negative on the left"
# (a bare minus sign too, beside the side it grades: "SLR + R, - L", "+R/-L", "R+, L-")
_OTHER_SIDE_NEG = re.compile(rf"(?:[,;/]|\band\b|\bbut\b|\bwhile\b|\bthough\b)\s*(?:(?:is|was)\s+)?(?:"
                             rf"(?:{_NEG_WORD}|-)\s*(?:on\s+(?:the\s+)?|to\s+the\s+|at\s+)?{_SIDE_WORD}"
                             rf"|(?:on\s+(?:the\s+)?)?(?P<t>right|left|rt|lt|R|L)\b(?:\s+side)?\s*(?:(?:is|was)\s+)?"
                             rf"(?:{_NEG_WORD}|-(?![\w/])(?!\s*\d)))", re.I)
# the next sentence only that: "SLR: (+) R at 40 deg reproducing leg pain. (-) L."
_SIGN_NEG = r"(?:neg(?:ative)?\b|\(\s*-\s*\)|-ve\b)"  # (not "L side nl.", which speaks of the whole exam)
_SIDE_NEG_ALONE = re.compile(rf"^\s*(?:(?:{_SIGN_NEG})\s*(?:on\s+(?:the\s+)?)?{_SIDE_WORD}"
                             rf"|(?P<t>right|left|rt|lt|R|L)\b(?:\s+side)?\s*(?:(?:is|was)\s+)?{_SIGN_NEG})\s*[.;]?\s*$", re.I)


_NEG_LEAD = re.compile(rf"\s*:?\s*(?:(?:is|was)\s+)?(?:{_SIGN_NEG}|-)\s*(?:on\s+(?:the\s+)?|to\s+the\s+)?{_SIDE_WORD}", re.I)
_POS_WORD = r"(?:positive|pos\b|\(\s*\+\s*\)|\+)"
# what follows it: ", + R", "/+R", ", pos on the right", ", R (+)", "but positive on the left"
_OTHER_SIDE_POS = re.compile(rf"[^,;/]{{0,24}}?(?:[,;/]|\band\b|\bbut\b|\bwhile\b)\s*(?:(?:is|was)\s+)?(?:{_POS_WORD}\s*"
                             rf"(?:on\s+(?:the\s+)?|to\s+the\s+|at\s+)?{_SIDE_WORD}|(?:on\s+(?:the\s+)?)?"
                             rf"(?P<t>right|left|rt|lt|R|L)\b(?:\s+side)?\s*(?:(?:is|was)\s+)?{_POS_WORD})", re.I)
_POSITIVE_SIDE = re.compile(rf"\s*:?\s*(?:(?:is|was|test)\s+)?(?:positive|pos\b|\(\s*\+\s*\)|\+)\s*"
                            rf"(?:on\s+(?:the\s+)?|to\s+the\s+|at\s+)?{_SIDE_WORD}", re.I)


_POSITIVE_BEFORE = re.compile(r"(?:\bpositive|\bpos|\(\s*\+\s*\)|\+)\s*$", re.I)
_SIDE_AFTER = re.compile(rf"\s*(?:test\s+)?(?:on\s+(?:the\s+)?|to\s+the\s+|at\s+)?{_SIDE_WORD}", re.I)
_NEG_SIDE_AFTER = re.compile(rf"\s*:?\s*(?:(?:is|was)\s+)?{_NEG_WORD}\s*(?:on\s+(?:the\s+)?|to\s+the\s+)?"
                             r"(?P<side>b/l|bilat(?:eral(?:ly)?)?|both\s+sides|right|left|rt|lt|R|L)\b", re.I)
_SIDE_BEFORE = re.compile(r"\b(?P<side>right|left|rt|lt|R|L|b/l|bilat(?:eral)?)\s+$", re.I)


def _sided_before(text: str) -> str | None:
    """ "R SLR neg": the side written right before the sign."""
    found = _SIDE_BEFORE.search(text)
    if not found or found["side"] in ("l", "r"):
        return None
    return _side_of(found["side"]) or "bilateral"


_BARE_SIDE_AFTER = re.compile(r"\s*(?P<side>b/l|bilat(?:eral(?:ly)?)?|both\s+sides|right|left|rt|lt|R|L)\b(?!\s*(?:/|\d|[<>=+]))", re.I)
_SIDED_SIGNS = frozenset({"nerve_tension_sign", "hoffmann_sign", "babinski_sign"})
_CROSSED = re.compile(r"(?:crossed|contralateral|well[- ]leg)\b", re.I)
_POSITIVE_SLR = re.compile(rf"\b(?:SLR|straight[- ]leg[- ]rais\w*)\s*:?\s*(?:(?:is|was)\s+)?(?:positive|pos\b|\(\s*\+\s*\)|\+)\s*"
                           rf"(?:on\s+(?:the\s+)?|at\s+)?{_SIDE_WORD}"
                           rf"|\b{_SIDE_WORD.replace('?P<s>', '?P<s2>')}\s*(?:SLR|straight[- ]leg[- ]rais\w*)\s*:?\s*(?:positive|pos\b|\(\s*\+\s*\)|\+)", re.I)


def _side_of(word: str) -> str | None:
    return {"l": "left", "lt": "left", "left": "left", "r": "right", "rt": "right", "right": "right"}.get(word.lower()) \
        if word not in ("l", "r") else None


def _other_side_negative(m: _Mention, side: str) -> str | None:
    """The other side, when the words after a sign found on ``side`` say it was negative there."""
    tail = m.sentence[m.end: m.clause_end or len(m.sentence)]
    found = _OTHER_SIDE_NEG.search(tail) or _SIDE_NEG_ALONE.match(m.next_sentence)
    if not found:
        return None
    other = _side_of(found["s"] or found["t"])  # (a lower-case "l"/"r" is no side)
    return other if other and other != side else None


def _mri_conditional(m: _Mention, cues: _Cues) -> bool | None:
    """A device's MRI labelling, from its sentence ("Medtronic Azure SureScan, an MRI-conditional system")."""
    if cues.has("device.mri_unsafe", m.sentence):
        return False
    return True if cues.has("device.mri_conditional", m.sentence) else None


def _one_fact(rule: FactRule, m: _Mention, ref: date, cues: _Cues) -> FactRecord | None:
    suspicion = "purpose" in m.flags and (rule.uncertain == "present" or rule.fact.endswith("_suspected"))
    if "hypothetical" in m.flags and rule.planned == "skip" and not suspicion:
        return None  # (what a study is ordered to look for is exactly a suspected finding)
    if ("family" in m.flags) != (rule.experiencer == "family") and rule.experiencer != "family":
        return None
    if m.rule_id.startswith("preface:") and _CONDITIONAL_NEXT.search(m.sentence, 0, m.start):
        return None  # "If MRI + -> restaging CT C/A/P": a next step on a result, not this study's purpose
    if rule.fact not in _CHANGE_FACTS and _in_past_bracket(m):
        return None  # "2+ and symmetric (L was 1+ in March)": an earlier exam's finding, not today's
    if rule.fact in _PAST_EPISODE_FACTS and rule.present and _past_episode(m):
        return None
    negated = "negated" in m.flags
    if negated and not rule.present and m.negation_gap > 1:
        # "No saddle anesthesia, bowel/bladder intact": a phrase that itself asserts absence is only
        # turned by a negation right beside it ("not intact"), not by one whose scope runs over it
        negated = False
    if negated and rule.negated == "skip":
        return None
    if negated and rule.present and _OTHER_BEFORE.search(m.sentence, max(0, m.start - 12), m.start):
        return None  # "[ ] other joint pain", "no other injuries": denied elsewhere, not where the complaint is
    if negated and isinstance(rule.value, ValueReader) and read_value(rule.value, m.sentence, m.start, m.end) is not None:
        negated = False  # "no focal weakness (5/5 throughout)": the grade is the finding
    if "uncertain" in m.flags and not negated:
        mode = rule.uncertain or ("present" if rule.fact.endswith("_suspected") else "skip")
        if mode == "skip":
            return None
    present = rule.present != negated
    spec = vocabulary().facts[rule.fact]
    value = None
    if isinstance(rule.value, ValueReader):
        last = _last_of_list(m) if rule.value.read in ("grade", "reflex") else m
        value = read_value(rule.value, _past_masked(m.sentence), last.start, last.end, m.next_sentence)
        if value is None and present:
            return None  # a scale with no number on it says nothing
        lo, hi = spec.range or (float("-inf"), float("inf"))
        if value is not None and not lo <= value <= hi:
            return None
    elif rule.value is not None and present:
        value = rule.value
    if not present and spec.type == "number":
        value = None
    onset, when = _when(rule, spec.starts_episode, m, ref, cues, spec.category in ("symptom", "scenario") and present)
    if spec.category == "history":
        onset = None  # "hx of prostate CA ... LBP over past 3 wks": the duration is the back pain's
    return FactRecord.model_construct(
        fact=rule.fact, present=present, value=value, date=when, onset=onset,
        side=read_side(m.sentence, m.start, m.end) if present and rule.fact not in _MIDLINE_FACTS else None,
        level=read_level(m.sentence, m.start, m.end) if present else None,
        location=rule.location, mri_conditional=_mri_conditional(m, cues) if present and spec.category == "device" else None,
        detail=f'note {m.evidence.note + 1}: "{m.evidence.sentence}"')


def _when(rule: FactRule, starts_episode: bool, m: _Mention, ref: date, cues: _Cues,
          symptom: bool = False) -> tuple[date | None, date]:
    """(onset, date documented) of a fact mention."""
    if rule.onset or starts_episode:
        return None, _nearest(_event_dates(m, ref), m) or ref
    dates = [d for d in find_dates(m.sentence, ref) if d.value <= ref
             and not _AGE_EVENT.search(m.sentence, max(0, d.start - 30), d.start)]
    if cues.has("onset", m.sentence):
        # "c/o knee pain x ~4 mo" (a note headed 10/28): the onset is a date an onset word leads to
        # ("since 7/20", "3 weeks ago") or a duration, whichever is nearest the symptom
        s = m.sentence
        found = [(d, d.value) for d in dates
                 if "ago" in d.text.lower() or cues.has("onset", s[max(0, d.start - 20): d.start + 1])]
        counted = {c.start: c for c in _after_event(s, ref)}
        found += [(d, counted[d.start].value if d.start in counted else ref - timedelta(days=d.value))
                  for d in find_durations(s)]
        if found:
            return min(found, key=lambda f: abs(f[0].start - m.start))[1], ref
    # "Now 3 wks of recurrent R buttock pain", "2 months of LBP", "recurrent LBP for 3 wks": a length of time
    # the symptom is said to have lasted, written right before it with "of" or right after it with "for"
    for d in find_durations(m.sentence) if symptom else ():
        if d.end <= m.start and (_LASTED_BEFORE.fullmatch(m.sentence, d.end, m.start)
                                 or d.text[:1].isdigit() and _LASTED_ADJACENT.fullmatch(m.sentence, d.end, m.start)) \
                or d.start >= m.end and (d.text[:3].lower() == "for" and _LASTED_AFTER.fullmatch(m.sentence, m.end, d.start)
                                         or d.text[:1].isdigit() and _ABOUT_GAP.fullmatch(m.sentence, m.end, d.start)
                                         and not _SPAN_FROM.match(m.sentence, d.end)):
            return ref - timedelta(days=d.value), ref
    return None, ref


# the words between "3 wks of" and the symptom, and between the symptom and "for 3 wks": a few describing
# words, no course or study that the length could be the length of ("6 wks of PT for LBP", "LBP, PT for 6 wks")
_LASTED_BEFORE = re.compile(r"\s+(?:of|h/o|hx)\s+(?!(?:[\w/'-]+\s+){0,4}?(?:for|with|after|despite|on|and|w/|s/p)\b)"
                            r"(?:[\w/'-]+\s+){0,5}", re.I)
# "6 wk progressive difficulty climbing stairs", "3 wk R knee pain": a length written right before the symptom, with
# at most a few describing words between; "R knee pain ~3 mo", "LBP 6 wks", "neck pain, approx 2 months": right
# after it ("~" and "approx" are "about")
_LASTED_ADJACENT = re.compile(r"\s+(?:(?:history\s+of|progressive(?:ly)?|worsening|worse|intermittent|constant|persistent|"
                              r"new|recurrent|increasing|gradual|chronic|acute|ongoing|daily|severe|mild|moderate|"
                              r"right|left|R|L|rt|lt|bilat\w*|b/l|low|lower|upper|mid|anterior|posterior|medial|lateral)\s+){0,3}",
                              re.I)
_ABOUT_GAP = re.compile(r"\s*(?:[,:-]\s*)?(?:~|≈|approx\.?|approximately|about|around|roughly|nearly|almost|over|>|\+/-)?\s*",
                        re.I)
_SPAN_FROM = re.compile(r"\s*(?:after|post|following|s/p|status|later|since|before|prior|into|out)\b", re.I)
_LASTED_AFTER = re.compile(r"(?:\s+(?!(?:with|after|treated|tried|took|taking|did|done|doing|using|wearing|in|of|on|"
                           r"since|despite|w/|pt|therapy|meds?)\b)[\w/'-]+){0,4}\s+", re.I)


# a length counted from an event to a dated one: "XR 10/28/26 (6 days after onset)", "MRI 3/1 (2 wks after
# injury)", "seen 4/2, 10 days after the fall", "ED 5/3 - 3 d s/p fall": the event was that long before the date
_AFTER_EVENT = re.compile(r"\s*(?:after|post|following|since|from|s/p|status\s+post|p/)\s*(?:(?:the|her|his|their|initial|"
                          r"first|original|symptom|sx|pain|injury)\s+)?(?:onset|injury|injured|fall|fell|fx|fracture|trauma|"
                          r"accident|mvc|mva|collision|twist(?:ing)?|sprain|sx|symptoms?|incident|tackle)\b", re.I)
_ANCHOR_GAP = re.compile(r"[\s,;:(\-–]*(?:[A-Za-z/]+\s+){0,2}?[\s,;:(\-–]*$")


def _after_event(s: str, ref: date) -> list[Found]:
    """The events a length after them dates ("XR 10/28 (6 days after onset)": onset 10/22), each at its length."""
    if "after" not in s and "post" not in s and "s/p" not in s and "since" not in s and "from" not in s \
            and "following" not in s and "p/" not in s:
        return []
    out = []
    dates = [d for d in find_dates(s, ref) if d.value <= ref and not d.approximate]
    for d in find_durations(s):
        if d.text[:1].lower() in ("x", "f", "o", "l", "p") or not _AFTER_EVENT.match(s, d.end):
            continue  # ("x 6 days after", "for 2 wks after": a course's length, not a span between events)
        anchor = [a for a in dates if a.end <= d.start and _ANCHOR_GAP.fullmatch(s, a.end, d.start)]
        if anchor:
            out.append(Found(d.start, d.end, anchor[-1].value - timedelta(days=d.value), d.text, True))
    return out


_ACUTE_CARE_HEAD = re.compile(r"\s*(?:[\w &/-]{0,30}\s)?(?:ED|ER|emergency\s+(?:department|room|dept)|urgent\s+care|UC|"
                              r"pediatric\s+emergency|peds\s+ED|walk[- ]in)\b", re.I)
_NOT_TODAY = re.compile(r"\b(?:ago|since|prior|previous|previously|hx|h/o|history|chronic|recurrent|last\s+(?:week|month|year)|"
                        r"weeks?|months?|years?|yrs?|wks?|mos?|days?|old|earlier|before|ongoing|persistent)\b", re.I)
_TODAY_WORDS = frozenset({"today", "morning", "afternoon", "evening", "tonight"})
_RELATIVE_WORD = re.compile(r"(?:earlier\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|last\s+(?:night|"
                            r"evening)|the\s+day\s+before\s+yesterday)", re.I)


# "she turned 4 in June", "his 10th birthday in May", "turns 12 on 3/2": the day of a birthday is no onset or event
_AGE_EVENT = re.compile(r"\b(?:turned|turns|turning)\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                        r"twelve)(?:\s*(?:yo|y/o|yrs?|years?)(?:\s+old)?)?\s*(?:in|on|at|around|back\s+in|this|last)?\s*$|"
                        r"\bbirthday\s*(?:party\s+)?(?:was\s+)?(?:in|on|at|around)?\s*$", re.I)


def _dated_events(s: str, ref: date) -> list[Found]:
    """The dates a sentence writes (not after ``ref``), an event a length after it dates ("XR 10/28 (6 days after
    onset)") dated by that length in place of the later date."""
    dates = [d for d in find_dates(s, ref) if d.value <= ref and not _AGE_EVENT.search(s, max(0, d.start - 30), d.start)]
    counted = _after_event(s, ref)
    if counted:
        dates = [d for d in dates if not any(c.value != d.value and 0 <= c.start - d.end <= 12 for c in counted)] + counted
        dates.sort(key=lambda d: d.start)
    return dates


def _event_dates(m: _Mention, ref: date) -> list[Found]:
    """The dates an event's sentence writes; without one, a year written beside it ("laminectomy in 2019",
    "L4-5 TLIF (2021)"), read as that year's first day as a study's year is."""
    dates = _dated_events(m.sentence, ref)
    if not dates and ("19" in m.sentence or "20" in m.sentence):
        s = m.sentence
        dates = [Found(y.start(), y.end(), date(int(y["y"] or y["y2"]), 1, 1), y.group(0), True)
                 for y in _STUDY_YEAR.finditer(s, max(0, m.start - 30), min(len(s), m.end + 40))
                 if int(y["y"] or y["y2"]) <= ref.year]
    return dates


def _nearest_found(found: list[Found], m: _Mention) -> Found:
    return min(found, key=lambda f: abs(f.start - m.start))


def _nearest(dates: list[Found], m: _Mention) -> date | None:
    """The date of an event: the one written nearest the event's words (measured from their edges: "s/p L3-4
    decompressive laminectomy 1/21/2025"), one on the event's own line before one on another (a heading's visit date
    run into the sentence: "NP visit 9/15/26\n69M s/p L3-4 laminectomy 1/21/2025")."""
    if not dates:
        return None
    s = m.sentence

    def far(d: Found) -> tuple[bool, int]:
        a, b = (d.end, m.start) if d.end <= m.start else (m.end, d.start) if d.start >= m.end else (0, 0)
        return "\n" in s[a:b], b - a
    return min(dates, key=far).value


# the words from a therapy course to a home program that make the program part of it: "PT 2x/wk 1/19 -
# 3/2 (12 visits) + HEP", "PT (traction, McKenzie, HEP)", "a PT program 9/14 (core, twice weekly, plus home
# exercises)" - not "PT 12/1 - 1/30, then HEP", "PT; has continued her home exercises since"
_PART_OF_THERAPY = re.compile(r"^(?![^.;]*\b(?:then|after|afterwards?|since|continu\w*|now|followed|transitioned|"
                              r"discharged|graduated)\b)(?:(?:[^.;()]|\([^()]{0,30}\)){0,60}(?:\+|&|\band\b|\bplus\b|\bw/|\bwith\b)\s*"
                              r"(?:an?\s+|a\s+|her\s+|his\s+)?|[^.;]{0,80}\([^()]*)$", re.I)


# an over-the-counter pill taken now and then is no course of treatment
_SPORADIC_KINDS = frozenset({"analgesic", "nsaid"})
_SPORADIC = re.compile(r"\b(?:(?:maybe|about|only|just|at\s+most)\s+)?(?:once|twice|one\s+time|two\s+times|1-2\s*x?)\s+(?:a|per|/|in\s+the\s+(?:last|past)|last|this)\s*(?:wk|week|month|mo)\b"
                       r"|\b(?:rarely|occasionally|sporadically|once\s+in\s+a\s+while|here\s+and\s+there)\b"
                       # the hour of the last dose is no course: "Tylenol last 2200", "motrin last dose at 0600"
                       r"|\blast\s+(?:dose\s+)?(?:(?:at|@)\s+)?\d{3,4}\b(?!\s*(?:mg|mcg|g)\b)"
                       r"|\bdose\s+at\s+\d{3,4}\b", re.I)
_LEADS_TO = re.compile(r"\s*(?:of|on|with|in)?\s*(?:(?:a|an|the|formal|daily|his|her)\s+)?", re.I)
# exercise the patient took up by himself: "doing stretches from YouTube on his own", "self-directed exercises"
_OWN_ACCORD = re.compile(r"\b(?:on\s+(?:his|her|their|my)\s+own|self-?directed|self-?taught|self-?guided|youtube|online|"
                         r"(?:from|off)\s+the\s+internet|(?:from|on)\s+an?\s+app)\b", re.I)
# a course a past visit set going: "Plan was ibuprofen x2 wks, home stretching", "was given a post-op shoe", "was
# told to stop running", "was prescribed meloxicam" - done since, not a plan of today
_PAST_PLAN = re.compile(r"\b(?:plan\s+(?:was|had\s+been|at\s+that\s+(?:time|visit)(?:\s+was)?)|(?:was|were)\s+(?:given|prescribed|"
                        r"started\s+on|put\s+on|placed\s+in|fitted\s+(?:with|for)|told\s+to|advised\s+to|instructed\s+to|"
                        r"recommended)|they\s+(?:recommended|prescribed|gave)|(?:UC|ED|ER|urgent\s+care|PCP)\s+(?:gave|prescribed|recommended|started))\b",
                        re.I)
# a sentence that opens on what was begun, after a dated visit: "Exam 5/4 ... Started ibuprofen, home stretching
# handout, no catching for 2 wks", "Seen 2/2. Rx'd meloxicam and PT."
_KEPT_NEXT = re.compile(r"\s*(?:(?:she|he|they|pt|patient)\s+)?(?:went|attended|completed|finished|has\s+been\s+going|"
                        r"was\s+going|did\s+(?:\d+|\w+\s+(?:visits|sessions|weeks|wks)))\b", re.I)
_STARTED_LEAD = re.compile(r"\s*(?:[-•*]\s*)?(?:started|began|begun|prescribed|rx'?d|given|gave|initiated|placed\s+in|put\s+(?:in|on))\b",
                           re.I)
# a referral the patient kept: "Referred to PT: went 2x", "PT referral - attended 4 sessions", "did 6 visits"
_ATTENDED = re.compile(r"\b(?:went|attended|completed|finished|did|had)\s+(?:(?:only|just|about|~)\s*)?(?:\d+|one|two|three|four|"
                       r"five|six|seven|eight|nine|ten|twelve|several|a\s+few|a\s+couple(?:\s+of)?)\s*(?:x\b|times\b|sessions?\b|"
                       r"visits?\b|appointments?\b|appts?\b|treatments?\b)", re.I)
# a course given at a dated visit earlier in its sentence: "Went to urgent care 3/24 - XR neg, given a post-op shoe"
_VISIT_DATED = re.compile(r"\b(?:seen|saw|visit|went\s+to|presented\s+to|evaluated|examined|ED|ER|UC|urgent\s+care|"
                          r"emergency\s+(?:department|room)|office|clinic|appt|appointment)\b[^.;]{0,25}?"
                          r"(?P<d>(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?)(?![\d/])", re.I)


_DOSE_PACK = re.compile(r"\bdose\s*-?\s*pa(?:c)?ks?\b|\bdosepa(?:c)?ks?\b|\bmedrol\s*-?\s*pa(?:c)?ks?\b|\bmdp\b|"
                        r"\b(?:6|six)[- ]day\s+(?:steroid\s+|pred(?:nisone)?\s+|medrol\s+)?(?:taper|course|pack|burst)\b|"
                        r"\bsterapred\b", re.I)


# an improvement said to be slight is a minimal response: "improving minimally", "minimally improved", "improved
# only slightly", "only marginal improvement", "mildly better", "barely improved", "a bit better"
_MINIMIZED = re.compile(
    r"\b(?:improv\w*|better|relie(?:f|ved)|help(?:s|ed|ing)?|benefit\w*)\s+(?:only\s+|very\s+)?(?:minimal(?:ly)?|slight(?:ly)?|"
    r"marginal(?:ly)?|mild(?:ly)?|barely|a\s+(?:little|bit|tad)|a\s+little\s+bit|somewhat)\b(?!\s+(?:more|worse|better|less))|"
    r"\b(?:only\s+|very\s+)?(?:minimal(?:ly)?|slight(?:ly)?|marginal(?:ly)?|mild(?:ly)?|barely|hardly|scarcely)\s+"
    r"(?:improv\w*|better|relie(?:f|ved)|help(?:s|ed|ful)?|benefit\w*)\b", re.I)


# a share of relief: "60% relief", "approx 60% relief lasting 6 wks", "50-60% improvement", "~70 percent better",
# "relief of 80%", "improved by 30%", "30% reduction in pain" (>= 50% is a significant response, under it a minimal one)
_PERCENT_RELIEF = re.compile(
    r"(?P<n>\d{1,3})\s*(?:-\s*(?P<m>\d{1,3})\s*)?(?:%|\s*percent\b)\s*(?:pain\s+)?(?:relief|improvement|improved|better|"
    r"reduction|decrease|less\s+pain|pain\s+reduction|benefit|response)|"
    r"\b(?:relief|improvement|improved|better|reduction|reduced|decreased|benefit)\s+(?:of|by|in\s+pain\s+(?:of|by))?\s*"
    r"(?:about|approx\.?|approximately|~|>|at\s+least|only|roughly)?\s*(?P<n2>\d{1,3})\s*(?:-\s*(?P<m2>\d{1,3})\s*)?"
    r"(?:%|\s*percent\b)", re.I)


def _percent_response(text: str) -> str | None:
    """The response a share of relief tells: 50% or more is significant, less is minimal, none is none."""
    if "%" not in text and "percent" not in text.lower():
        return None
    p = _PERCENT_RELIEF.search(text)
    if p is None:
        return None
    low, high = (p["n"], p["m"]) if p["n"] else (p["n2"], p["m2"])
    v = (int(low) + int(high)) / 2 if high else int(low)
    if v > 100:
        return None
    return "significant" if v >= 50 else ("minimal" if v > 0 else "none")


# symptoms that go on despite the care tried: the course failed ("persistent sx despite 8 wks conservative care",
# "pain persists despite PT", "continued pain in spite of NSAIDs", "still symptomatic after 6 wks of PT", "ongoing
# pain despite treatment", "symptoms persisting despite >4 wks of bracing", "refractory to conservative care")
_SX = r"(?:sx|symptoms?|pain|complaints?|LBP|back\s+pain|neck\s+pain|knee\s+pain|radicular\s+pain|symptomatic)"
_FAILED_CARE = re.compile(
    rf"\b(?:persistent|persisting|persists?|ongoing|continued|continuing|continues|still|unchanged|unrelenting|refractory)\b"
    rf"(?:\s+[\w/,-]+){{0,4}}?\s+(?:despite|in\s+spite\s+of|notwithstanding|even\s+(?:after|with)|to)\s|"
    rf"\b{_SX}\s+(?:persist\w*|continu\w*|remain\w*|unchanged)(?:\s+[\w/,-]+){{0,2}}?\s+(?:despite|in\s+spite\s+of|after|with)\s",
    re.I)


def _failed_care(text: str) -> bool:
    f = _FAILED_CARE.search(text)
    # ("refractory to" is the failure itself; "persistent ... to" is no failure: "continues to improve")
    return f is not None and not (f.group(0).rstrip().lower().endswith(" to") and not f.group(0).lower().startswith("refractory"))


_NOT_WORSE = re.compile(r"\b(?:not|no|never|without|nor|isn'?t|wasn'?t|hasn'?t\s+gotten|has\s+not\s+gotten)\s+(?:any\s+|getting\s+|"
                        r"much\s+|been\s+|become\s+|gotten\s+)?(?:worse|worsening|worsened)\b", re.I)
_SAME_AS_BEFORE = re.compile(r"\b(?:about|basically|essentially|pretty\s+much|roughly|largely|more\s+or\s+less|overall|"
                             r"still)\s+(?:the\s+)?same\b|\bsame\s+as\s+(?:before|prior|last\s+\w+)\b|\bno\s+different\b", re.I)


def _response(cues: _Cues, text: str) -> str | None:
    """The response a text tells; an improvement it calls slight ("pain w/ ADLs improving minimally") is minimal."""
    share = _percent_response(text)
    if share is not None:
        return share
    if "wors" in text:
        # "about the same, not worse", "no worse", "not getting worse": worsening denied is no response of worse
        text = _NOT_WORSE.sub(lambda x: " " * len(x.group(0)), text)
    word = cues.first("response", text)
    if word is None and (_failed_care(text) or _SAME_AS_BEFORE.search(text)):
        return "none"  # ('pain "about the same"', "essentially the same", "no different": no change)
    if word == "significant" and _MINIMIZED.search(text):
        return "minimal"
    return word


# a course the words before it say was tried, whatever plan heading the sentence is under: "A/P: ... persisting
# despite >4 wks of bracing/activity restriction/PT", "failed 6 wks of PT", "after 2 months of NSAIDs"
_TRIED_BEFORE = re.compile(r"\b(?:despite|failed|failing|after|tried|completed|s/p|status\s+post)\s+(?:(?:a|an|the)\s+)?"
                           r"(?:(?:>|<|~|over|about|approx\.?|at\s+least|more\s+than|nearly|almost)\s*)?"
                           r"(?:(?:\d+|one|two|three|four|five|six|several)\s*\+?\s*(?:-\s*\d+\s*)?[-\s]?"
                           r"(?:d|days?|wks?|weeks?|mos?|months?)\s+(?:of\s+)?)?"
                           r"(?:(?:conservative|formal|supervised|outpatient|daily|regular|prior|trial\s+of|course\s+of|"
                           r"treatment\s+with|care\s+with)\s+)*$", re.I)


# a course stopped ("stopped the HEP", "discontinued her home exercises", "gave up on PT", "quit going to PT", "no
# longer doing her exercises", "since finishing PT in mid-May", "after completing PT"): over, at the time the
# sentence gives (else at an unknown time before the note), never run on to the note
_STOPPED_BEFORE = re.compile(r"\b(?:off(?:\s+of)?|stopped|stopping|discontinued|discontinuing|d/c'?(?:e?d)?|dc'?(?:e?d)|"
                             r"quit|quitting|ceased|gave\s+up(?:\s+on)?|given\s+up(?:\s+on)?|abandoned|dropped\s+out\s+of|"
                             r"no\s+longer\s+(?:taking|on|using|doing|does|do|going\s+to|attending)|came\s+off|weaned\s+off|"
                             r"tapered\s+off|(?:has|have|had)\s+been\s+off|"
                             r"(?:since|after|upon|following)\s+(?:finishing|completing|completion\s+of|stopping|ending|"
                             r"discontinuing|discharge\s+from|being\s+discharged\s+from|d/c\s+from))"
                             r"(?:\s+(?:doing|going\s+to|attending|using|taking|with))?"
                             r"(?:\s+(?:all|the|his|her|their|my|any|of|formal|outpatient|home))*\s+$", re.I)
# the same said after the course: "HEP - stopped", "PT was discontinued in May", "naproxen (stopped 2/2026)", "PT: d/c'd"
# (not what stopped helping: "PT stopped helping" is its response)
_STOPPED_AFTER = re.compile(r"\s*(?:[:(,]|[-–]\s)?\s*(?:was\s+|were\s+|has\s+been\s+|had\s+been\s+|since\s+)?"
                            r"(?:stopped|discontinued|d/c'?e?d|dc'?e?d|quit|ceased|abandoned)\b"
                            r"(?!\s+(?:helping|working|being|improving|responding))", re.I)


_PAST_TOLD = re.compile(r"\b(?:failed|tried|trialed|trial\s+of|was\s+on|were\s+on|had\s+been\s+on|previously|prev|prior|"
                        r"hx\s+of|h/o|history\s+of|s/p|status\s+post|completed|finished|took|did|had\s+(?:a\s+)?(?:course|trial))\b"
                        r"[^.;:]{0,40}$", re.I)


# A list or form line's value is its own: "cyclobenzaprine 5 mg QHS | Start: 08/04/2026" then "lisinopril 10 mg |
# Start: 03/02/2021", "Home exercise program: not given" then "X-rays: 08/25/2026 L knee - negative". The course's
# words end at the line's end when the line is a form line ("<course>:", "<course> |", "- <course>"), carries its
# own date, or the next line opens a new item (a "Label:", a bullet, a checkbox, a list number)
_NEXT_ITEM = re.compile(r"[ \t]*(?:[-*•▪◦●○■□☐☑☒✓✔|]|\[[ xX✓✔/]?\]|\d+[.)]\s|[A-Za-z][\w /&()'.-]{0,30}:)")
_FORM_VALUE = re.compile(r"[ \t]*(?:[:|=]|[-–][ \t])")
_LINE_DATE = re.compile(r"\d{1,2}/\d{1,2}|\b(?:19|20)\d\d\b")


def _line_cut(raw: str, m: _Mention) -> int | None:
    """Where the course's line ends in its sentence (sentence offset), when its words end there."""
    at = m.sent_start + m.end
    stop = m.sent_start + len(m.sentence)
    nl = raw.find("\n", at, stop)
    if nl < 0:
        return None
    line_start = raw.rfind("\n", 0, m.sent_start + m.start) + 1
    if _FORM_VALUE.match(raw, at) or _LINE_DATE.search(raw, at, nl) or _NEXT_ITEM.match(raw, nl + 1) \
            or re.match(r"[ \t]*(?:[-*•▪◦●○■□☐☑☒✓✔]|\[[ xX✓✔/]?\]|\d+[.)]\s)", raw[line_start:nl]):
        return nl - m.sent_start
    return None


# what the patient or family did, not what a provider told them to: "Sat out of PE x2 weeks", "has been resting from
# football", "kept him home from practice", "skipped soccer", "took a break from dance" (a provider's restriction is
# written as advice: "advised no PE", "no football per ortho", "restricted from sports", "note for PE excuse")
_OWN_REST = re.compile(r"\b(?:sat|sitting|sits)\s+out\b|\b(?:kept|keeping|kept\s+(?:him|her|them))\s+(?:\w+\s+)?(?:out|home)\b|"
                       r"\bstay(?:ed|ing|s)?\s+(?:home|out)\s+from\b|\b(?:has|have)\s+been\s+(?:resting|staying\s+out|sitting\s+out)\b|"
                       r"\b(?:skipped|skipping|missed|missing)\s+(?:\w+\s+)?(?:PE|gym|practice|games?|recess|sports?|school|"
                       r"football|soccer|basketball|dance|gymnastics)\b|\btook\s+(?:a\s+)?(?:break|time\s+off)\s+from\b|"
                       r"\b(?:on\s+(?:his|her|their)\s+own|parents?\s+(?:kept|pulled)|mom\s+(?:kept|pulled)|dad\s+(?:kept|pulled))\b",
                       re.I)
_ADVISED = re.compile(r"\b(?:advised|instructed|told\s+to|recommended|restricted|restriction|per\s+(?:Dr|MD|ortho|PCP|provider|"
                      r"sports\s+med)|note\s+(?:for|to)\s+(?:school|PE|coach)|excused?\s+(?:from|note)|prescribed|ordered)\b", re.I)


# a list of what the patient takes or took: "Meds:", "Current medications:", "Home meds -", "Rx since then:",
# "Treatment to date:", "Tried:", "Conservative care:"
_MED_LIST_LABEL = re.compile(r"\s*(?:[-*•]\s*|\d{1,2}[.)]\s*)?(?:(?:current|home|active|outpatient|prior|previous|past)\s+)?"
                             r"(?:meds|medications?|med\s+list|rx|tx|treatments?|therapies|tried|conservative\s+"
                             r"(?:care|tx|treatment|management|therapy))"
                             r"(?:\s+(?:to\s+date|so\s+far|since\s+(?:then|onset|injury|\S+)|tried|used|taken|given|"
                             r"received))?\s*(?::|\s[-–]\s)", re.I)
# the plan cue a dosing word closing its sentence is ("Tylenol prn.", "ibuprofen as needed for pain.")
_PRN_CLOSE = re.compile(r"(?:prn|as\s+needed)(?:\s+(?:for\s+)?pain)?\s*[.;]", re.I)


def _PRN_ONLY_PLAN(near: str, cues: _Cues) -> bool:
    p = cues.groups.get("treatment.plan")
    hits = [c for c in p.finditer(near)] if p else []
    return bool(hits) and all(_PRN_CLOSE.fullmatch(c.group(0)) for c in hits)


# a physical therapist's own document, named in its heading: "PHYSICAL THERAPY DISCHARGE SUMMARY", "OUTPATIENT PT -
# DISCHARGE SUMMARY", "PT Progress Note", "Physiotherapy re-evaluation", "PT flowsheet", "Rehab plan of care"
_PT_DOCUMENT = re.compile(r"(?:physical\s+therapy|physiotherapy|\bPT\b|\bOPPT\b|outpatient\s+rehab\w*|rehabilitation)"
                          r"[^\n]{0,30}?\b(?:discharge|d/c|progress|re-?eval\w*|eval\w*|summary|flow\s?sheet|daily\s+note|"
                          r"treatment\s+note|visit\s+note|plan\s+of\s+care|POC)\b", re.I)
# its line of the course's days: "Dates of service: 5/6/2026 - 6/24/2026", "Episode: 09/14/2026 - 10/30/2026", "Episode
# of care: ...", "Treatment dates: ...", "Certification period: ...", "Start of care 5/6 - discharge 6/24"
_SERVICE_DATES = re.compile(r"(?:^|\n|\s{2,}|\|\s*)[ \t]*(?:dates?\s+of\s+(?:service|care|treatment|therapy|visits?)|"
                            r"episode(?:\s+of\s+care)?(?:\s+dates?)?|(?:treatment|therapy|service|care)\s+(?:dates?|period)|"
                            r"certification\s+period|cert\s+period|plan\s+of\s+care\s+dates?|POC\s+dates?|"
                            r"start\s+of\s+care)\s*[:=-]?\s*"
                            r"(?P<a>\d{1,2}/\d{1,2}/\d{2,4})\s*(?:-|–|—|to|thru|through|until|(?:-\s*)?discharge[d:]?)\s*"
                            r"(?P<b>\d{1,2}/\d{1,2}/\d{2,4})", re.I)


def _pt_service_dates(text: str, k: int, ref: date, treatments: dict) -> None:
    """A PT document's dates of service or episode date its course, first day to last, whether or not the line
    names the therapy ("PHYSICAL THERAPY DISCHARGE SUMMARY ... Dates of service: 5/6/2026 - 6/24/2026")."""
    for x in _SERVICE_DATES.finditer(text):
        a = find_dates(x["a"], ref)
        b = find_dates(x["b"], ref)
        if not a or not b or not a[0].value <= b[0].value <= ref:
            continue
        line_start = text.rfind("\n", 0, x.start("a")) + 1
        line_end = text.find("\n", x.end("b")) % (len(text) + 1)
        line = text[line_start:line_end].strip()
        ev = Evidence(note=k, start=x.start("a"), end=x.end("b"), text=text[x.start("a"):x.end("b")], sentence=_short(line),
                      rule="notes:pt_service_dates", context=[])
        t = {"kind": "physical_therapy", "start": a[0].value, "end": b[0].value, "response": None, "_ref": ref,
             "_dated": True, "_undated": False, "_self": False, "_past": False, "_stopped": False, "_end_only": False,
             "_said": line, "detail": f'note {k + 1}: "{line}"'}
        treatments["physical_therapy"].append((t, ev))
        return


def _treatment(kind: str, m: _Mention, ref: date, cues: _Cues) -> dict | None:
    if m.part_of_course:
        return None
    # "No longer taking tramadol since 2/1", "has been off gabapentin since Jan": ConText's "no longer" / "off" cue
    # negates the course, but the words tell a course that was taken and stopped (read as such below)
    stopped_told = "negated" in m.flags and bool(_STOPPED_BEFORE.search(m.sentence, max(0, m.start - 30), m.start))
    if m.flags & {"hypothetical", "family", "uncertain"} or "negated" in m.flags and m.negation_gap <= 2 and not stopped_told:
        # planned, a relative's, or "no PT yet": none is a course the patient had (a negation further
        # off speaks of something else: "naproxen without much benefit, PT 8/4 - 9/22")
        return None
    s = m.sentence
    a, b = m.segment or (0, len(s))
    first, last, before, after = m.listed or (m.start, m.end, a, b)
    lo, hi = max(before, first - 40), min(after, last + 25)
    # whole words only: "... and has continued" cut at 25 characters is not the plan word "cont"
    while hi < after and s[hi - 1].isalnum() and s[hi].isalnum():
        hi += 1
    while lo > before and s[lo].isalnum() and s[lo - 1].isalnum():
        lo -= 1
    # the month is no modal verb ("physical therapy March 16 to May 1": no "may" of an option given)
    masked = _MAY_DATE.sub("Mmm", s) if "May" in s else s
    if "(" in masked:
        # "(see PT re-eval, plateaued)", "(per ortho note)", "(cf. PT d/c summary)": a pointer to another document,
        # whose name ("re-eval", "note") is no plan of the course beside it
        masked = _SEE_ASIDE.sub(lambda x: " " * len(x.group(0)), masked)
    near = masked[lo:hi]
    started = cues.has("treatment.start", s[max(a, m.start - 25): m.start]) \
        or cues.has("treatment.ongoing", s[max(before, first - 12): first]) \
        or bool(_PAST_PLAN.search(s, 0, first)) or bool(_ATTENDED.search(s, m.end, b)) \
        or bool(_TRIED_BEFORE.search(s, max(before, first - 40), first))  # "cont PT/HEP", "continue naproxen"
    # "Seen here 9/22 -> PT referral, ergonomic changes, ibuprofen 600 tid": what a dated visit began; each
    # item of its list is read by its own words ("referral" is the PT's)
    visit = next((v for v in _VISIT_ARROW.finditer(s, 0, m.start) if "." not in s[v.end(): m.start]), None)
    if visit is not None:
        own = masked[max(a, visit.end()):b]
        if a > visit.end() and "," in own:
            own = own[own.index(","):]
        near = own
    kept = None
    if not started and not m.in_plan and _MED_LIST_LABEL.match(s) and _PRN_ONLY_PLAN(near, cues):
        # "Meds: ibuprofen prn.", "Rx since then: ... TLSO brace 9/15 - 11/1, PT 14 visits, ibuprofen prn.": a
        # medication with its dosing word on a list of what the patient takes or took is a course (undated), not the
        # order a plan line's "Tylenol prn." is
        near = ""
    if cues.has("treatment.plan", near) and not started:
        if not m.kept:
            return None  # advice or a referral, not a course already tried
        # "Seen 2/27 -> PT referral. Went 3/2 - 4/24 (2x/wk), much better": the referral kept, dated by the next sentence
        kept = [d for d in find_dates(m.kept, ref) if d.value <= ref]
        started = True
    lead = masked[:min(first, 25)]
    if not started and lead.strip() and cues.has("treatment.plan", lead) and not _DATED_BEFORE.search(s, 0, m.start):
        # "Recommended PT, weight loss, topical diclofenac": a plan word leading the sentence governs its list
        return None
    if _UNCHECKED.search(s, max(0, m.start - 8), m.start):
        return None  # "[ ] ESI - decide after MRI": a checkbox left empty
    if _IMPERATIVE.search(s[max(before, first - 40): first]):
        return None  # "Start cephalexin.", "Hold adalimumab and MTX.", "- begin HEP": an order, not a course tried
    if _PERMITTED.search(s[max(before, first - 40): first]):
        return None  # "OK to add naproxen 500 bid", "may try meloxicam", "consider starting gabapentin": an option given
    if _START_WORD_BEFORE.search(s, max(before, first - 25), first) and _FUTURE_AFTER.match(s, last):
        return None  # "start PT next wk", "will begin PT tomorrow", "starts therapy in 2 weeks": a course to come
    if kind in _SPORADIC_KINDS and _SPORADIC.search(s, m.end, min(b, m.end + 45)):
        return None  # "Takes tylenol prn maybe twice a wk", "took ibuprofen maybe twice last month": no course
    # "OTC ibuprofen on her own", "took Tylenol at home": tried, but not provider-directed
    self_directed = cues.has("treatment.self", near) or kind == "activity_modification" and bool(
        _OWN_REST.search(s, max(a, first - 40), min(b, last + 40))) and not _ADVISED.search(s)
    if kind == "home_exercise" and _OWN_ACCORD.search(s, max(a, first - 40), min(b, last + 40)):
        return None  # a home program is provider-directed (facts.yaml): "stretches from YouTube on his own" is none
    seg = s[a:b]
    aside_end: set[int] = set()
    found = sorted((d for d in find_dates(s, ref) if d.value <= ref and a <= d.start < b), key=lambda d: d.start)
    if found and "(" in s:
        # "Completed 6 wks formal PT (see d/c summary 11/10) plus naproxen x 4 wks": a date in a reference aside
        # is the paper's; it dates only the course right before it (its discharge, its end), no other
        # (an aside the segment begins inside is one too: "PT 14 visits (see PT summary 11/6), ibuprofen prn")
        asides = [x for x in _SEE_ASIDE.finditer(s, 0, b) if x.end() > a]
        if asides:
            own = [x for x in asides if x.start() >= m.end and not s[m.end:x.start()].strip()]
            found = [d for d in found if not any(x.start() <= d.start < x.end() for x in asides)
                     or any(x.start() <= d.start < x.end() for x in own)]
            # "(see d/c summary 11/10)", "(per PT discharge note 3/2)": the day of the course's discharge is its end
            aside_end = {d.start for d in found for x in own if x.start() <= d.start < x.end()
                         and _DISCHARGE_WORD.search(x.group(0))}
    if found and all(ref - d.value > timedelta(days=300) and _YEARLESS.fullmatch(d.text) for d in found):
        # "ESI tentatively 11/6" in a note of 10/29: a day without a year read as last year's is one ahead
        return None
    # "started naproxen 7/6": the dates after the course's name are its own; else the nearest one
    # before it ("on 7/16 he was started on diclofenac"), with its range start ("7/14 - 9/22 PT")
    dates = [d for d in found if d.start >= m.end]
    if kept:
        s = seg = m.kept
        a, b = 0, len(s)
        found = dates = kept
    elif visit is not None and not dates:
        found = [d for d in find_dates(s, ref) if d.start == visit.start("d")] or found
    if not found:
        seen = [v for v in _VISIT_DATED.finditer(s, 0, first) if "." not in s[v.end(): first]]
        if seen:
            found = [d for d in find_dates(s, ref) if d.start == seen[-1].start("d") and d.value <= ref]
    if not found and m.visit_date is not None and (_PAST_PLAN.search(s, 0, first) or _STARTED_LEAD.match(s)):
        # "Exam 4/8: R knee effusion. Plan was ibuprofen x2 wks": a past visit's plan began at that visit
        found = [Found(0, 0, m.visit_date, "", False)]
    # "started 2 weeks ago, on 3/9/26": one day written twice is one date, not a start and an end
    dates = [d for i, d in enumerate(dates) if all(d.value != e.value for e in dates[:i])]
    if not dates and found:
        dates = found[-1:]
        if len(found) > 1 and found[-1].start - found[-2].end <= 12 and \
                cues.has("treatment.end", s[found[-2].end: found[-1].start]):
            dates = found[-2:]
    # a length follows its course ("prednisone x 6 days + tramadol prn"): one written after the course before
    # this one is that course's, unless it leads to this one ("PT x 6 wks, then 4 wks of HEP")
    # a length written once before a list of courses is each one's: "failed >6 wks PT + NSAID", "x 8 wks of PT and
    # naproxen"
    spans = [d for d in find_durations(s) if a <= d.start < b
             and (a == 0 or d.start >= m.start or _LEADS_TO.fullmatch(s, d.end, m.start))
             or m.listed is not None and first < m.start and m.listed[2] <= d.start and d.end <= first
             and _LEADS_TO.fullmatch(s, d.end, first)]
    start = end = None
    lead_len = [d for d in spans if d.end <= m.start]
    if lead_len and len(dates) == 1 and dates[0].end <= lead_len[-1].start \
            and not cues.has("treatment.start", s[max(0, dates[0].start - 25): dates[0].start]):
        # "ORTHO F/U 4/22/2026 Still catching despite ~10 wks ibuprofen", "4/2: failed 6 wks of PT": a length told as
        # of a day written before it runs up to that day (not from it)
        end, dates = dates[0].value, []
    # "off opioids since Feb", "stopped naproxen in Feb", "d/c'd meloxicam 2/15", "weaned off gabapentin 1/2026":
    # the course ended then (its dates after the name are its end, and it is no longer under way)
    stop_before = None if kept else _STOPPED_BEFORE.search(s, max(a, m.start - 45), m.start)
    stop_after = None if kept or stop_before else _STOPPED_AFTER.match(s, m.end)
    if stop_after is not None and stop_after.end() > b:
        stop_after = None
    stopped = stop_before is not None or stop_after is not None
    # "completed PT 3/23-5/11", "PT 12/15/25-1/30/26", "PT 26-Jan to 09-Mar", "PT from 1/5 thru 2/20": two dates
    # joined by a range word are the course's first and last day, whatever end word leads them
    span = next(((d, e) for d, e in zip(dates, dates[1:]) if _DATE_RANGE_JOIN.fullmatch(s, d.end, e.start)), None)
    if span is not None and span[0].value <= span[1].value:
        start, end = span[0].value, span[1].value
        dates = [d for d in dates if d is not span[0] and d is not span[1]]
        if span[1].approximate and end.day == 1 and not any(c.isdigit() for c in span[1].text[:3]):
            # "PT x 6 wks (Mar-Apr)": a range of months runs into its last month; a length written beside it ends it
            # there (else its first day stands for it, as before)
            told = [d.value for d in find_durations(s) if a <= d.start < b]
            if told and end < start + timedelta(days=told[0]) < (end.replace(day=28) + timedelta(days=4)).replace(day=1):
                end = min(start + timedelta(days=told[0]), ref)
    else:
        span = None
    for d in dates:
        before = s[max(a, d.start - 25): d.start]
        if span is not None:
            break
        if stop_before is not None or stop_after is not None and d.start >= stop_after.start():
            # "In mid-May she stopped the HEP", "stopped HEP 5/2", "HEP 3/1 - stopped 4/2": the day it stopped
            end = d.value if end is None else max(end, d.value)
        elif _ends_here(before, cues) or d.start in aside_end:
            end = d.value
        elif d.start >= m.end and start is None and end is None and _JUST_AFTER.fullmatch(s, m.end, d.start) \
                and _ends_here(s[max(a, m.start - 25): m.start], cues, anywhere=True) \
                and not _STARTED_WORD.search(s, max(a, m.start - 25), m.start):
            end = d.value  # "I finished my 6 weeks of PT last week": the end word before the course dates its end
        elif start is None:
            start = d.value
        elif end is None:
            end = d.value
    nearest = _nearest_found(spans, m) if spans else None
    length = nearest.value if nearest else None
    # "x several wks", "a few weeks": a length the note does not really give
    vague = nearest is not None and bool(_VAGUE_LENGTH.search(nearest.text))
    ongoing = cues.has("treatment.ongoing", seg) and not stopped
    # "no longer on tramadol", "stopped the HEP": over by this note, at a time it does not give (not run on to it)
    stopped_unknown = stopped and end is None
    response = _response(cues, seg) or _response(cues, s)
    told_end = False
    if m.after:  # the course's story often goes on in the next sentence: "She completed it on 10/23."
        after = m.after
        if end is None:
            # "She completed it on 10/23.": a date the end word leads to (said of the course, not of another
            # thing: "Other: stopped running since mid-Sept" ends no NSAID)
            end = next((d.value for d in find_dates(after, ref) if d.value <= ref
                        and _ends_here(after[max(0, d.start - 25): d.start], cues)
                        and _ends_the_course(after[max(0, d.start - 25): d.start], cues)), None)
            told_end = end is not None
        if length is None:
            more = find_durations(after)
            length = more[0].value if more else None
            vague = bool(more) and bool(_VAGUE_LENGTH.search(more[0].text))
        response = response or _response(cues, after)
    dated = bool(dates) or span is not None or end is not None and lead_len and length is not None
    # "tried PT and ibuprofen", "PT x several wks", "on and off for a while": named without a date or a real length,
    # its span below is only the days it is known to have run by (Treatment.undated)
    undated = not dated and not told_end and (length is None or vague)
    if kind == "oral_steroid" and start and not end and length is None and _DOSE_PACK.search(s, max(a, m.start - 12), min(b, m.end + 20)):
        # "methylprednisolone dosepak 2/20/26", "Medrol dose pack started 2/20": a dose pack is a 6-day taper,
        # over by the sixth day whatever "on" says
        end = min(start + timedelta(days=6), ref)
    if length is not None:
        if start and not end and not ongoing:
            end = min(start + timedelta(days=length), ref)
        elif end and not start:
            start = end - timedelta(days=length)
        elif not start:
            end = None if ongoing else ref
            start = ref - timedelta(days=length)
    if end is not None and start is not None and end < start:
        start, end = end, start
    if end is None and start is not None and _ends_here(seg, cues, anywhere=True) and not ongoing and not stopped_unknown:
        end = ref
    if stopped_unknown and end is not None and length is None:
        stopped_unknown = False
    # "Failed NSAIDs + 6 wk PT", "was on gabapentin", "hx of PT": a course told as past, not as under way
    past = not ongoing and not dated and bool(_PAST_TOLD.search(s, max(before, first - 40), first))
    return {"kind": kind, "start": start, "end": end, "response": response, "_ref": ref, "_dated": dated,
            "_undated": undated, "_self": self_directed, "_past": past, "_stopped": stopped_unknown,
            "_end_only": stopped and start is None and length is None and end is not None, "_said": m.evidence.sentence, "detail": f'note {m.evidence.note + 1}: "{m.evidence.sentence}"'}


# the words of a range ("6/1 to 7/31", "3/2 - 4/13", "through 9/22") end a course only right before its end date:
# "went to urgent care 3/24", "referred to PT", "XR - negative" hold them too
_MAY_DATE = re.compile(r"\bMay\b(?=\s*\d{1,2}(?:st|nd|rd|th)?\b|,?\s*(?:19|20)\d{2}\b)|"
                       r"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\bto\s)|(?<=\buntil\s)|(?<=\bthrough\s)|"
                       r"(?<=\bthru\s)|(?<=\bearly\s)|(?<=\blate\s)|(?<=\bmid\s)|(?<=\bof\s)|(?<=\bby\s)|(?<=-\s)|(?<=-))May\b")
_VAGUE_LENGTH = re.compile(r"\b(?:several|few|some|many|multiple)\b", re.I)
_RANGE_WORDS = frozenset({"to", "-", "–", "through", "thru", "until", "till"})
_DISCHARGE_WORD = re.compile(r"\b(?:d/c|dc|discharge\w*|completed|completion|final)\b", re.I)
_SEE_ASIDE = re.compile(r"\((?:see|per|cf\.?|ref\.?|refer\s+to)\s[^()]{0,60}\)", re.I)
_DATE_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|->|-->|→|to|thru|through|until|till)\s*", re.I)
_RANGE_TAIL = re.compile(r"[\s~]*$")


# the words between an end word in the next sentence and its date: the course itself ("completed it on 10/23",
# "finished the course 9/30", "stopped them 10/1", "d/c'd 2/15") - not another thing ("stopped running since")
_END_OBJECT = re.compile(r"\s*(?:(?:it|them|this|that|these|those|the\s+(?:course|program|programme|therapy|meds?|"
                         r"medications?|pills?|sessions?|visits?|pt|tx|treatment|series|trial)|her\s+\w+|his\s+\w+|"
                         r"taking\s+(?:it|them)|therapy|pt|tx|treatment|course|program|all\s+(?:\d+\s+)?\w+)\s*)?"
                         r"(?:(?:on|in|at|around|about|as\s+of|by|since|~|approx\.?|approximately)\s*)*[,:(-]?\s*$", re.I)
# the words from a course's name to the date right after it ("of PT last week", "PT on 9/30", "PT (6 wks) 9/30")
_JUST_AFTER = re.compile(r"\s*(?:\([^()]{0,20}\))?\s*(?:on|in|at|around|about|~)?\s*", re.I)
_STARTED_WORD = re.compile(r"\b(?:start\w*|began|begun|begin\w*|initiat\w*|restart\w*|resum\w*)\b", re.I)


def _ends_the_course(before: str, cues: _Cues) -> bool:
    p = cues.groups.get("treatment.end")
    last = None
    for c in p.finditer(before) if p else ():
        last = c
    return last is None or bool(_END_OBJECT.fullmatch(before, last.end()))


def _ends_here(text: str, cues: _Cues, anywhere: bool = False) -> bool:
    """Whether ``text`` (the words before a date, or with ``anywhere`` a whole segment) says a course ended:
    an end word ("completed", "stopped", "discharged"), or a range word ending the words before the date."""
    p = cues.groups.get("treatment.end")
    if p is None:
        return False
    for c in p.finditer(text):
        if c.group(0).lower() not in _RANGE_WORDS:
            return True
        if not anywhere and _RANGE_TAIL.match(text, c.end()):
            return True
    return False


_IMPERATIVE = re.compile(r"(?:^\s*[-–•*]?\s*|[.;:•\n]\s*|\s[-–]\s*|\bthen\s+)(?:start|begin|hold|stop|d/?c|discontinue|give|add|"
                         r"initiate|offload|wear|apply|use|try|trial)\s+(?:(?:the|a|an|her|his|oral|po|iv|empiric|\d+\s*\w+)\s+){0,3}$", re.I)
# a start word before a course and a time still to come after it: "start PT next wk", "to begin PT on Monday",
# "starting therapy in 2 weeks", "begins PT tomorrow"
_START_WORD_BEFORE = re.compile(r"\b(?:start|starts|starting|begin|begins|beginning|to\s+start|to\s+begin)\s+"
                                r"(?:(?:formal|outpatient|a|an|the|her|his)\s+)?$", re.I)
_FUTURE_AFTER = re.compile(r"(?:\s+(?:[\w/-]+|\([^()]{0,30}\))){0,3}?\s*(?:\bnext\s+(?:wk|week|month|mon\w*|tue\w*|wed\w*|"
                           r"thu\w*|fri\w*|visit|time)\b|\btomorrow\b|\bin\s+(?:\d+|a|one|two|three|four|a\s+few|several)\s*"
                           r"(?:-\s*\d+\s*)?(?:d|days?|wks?|weeks?|mos?|months?)\b|\bon\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*\b|"
                           r"\bonce\s+(?:approved|authorized|scheduled)\b)", re.I)
_PERMITTED = re.compile(r"\b(?:ok(?:ay)?\s+to|may|can|could|will|plan\s+to|consider(?:ing)?|recommend(?:ed)?|suggest(?:ed)?)\s+"
                        r"(?:add(?:ing)?|start(?:ing)?|try(?:ing)?|begin(?:ning)?|use|using)\s+"
                        r"(?:(?:the|a|an|her|his|oral|po|otc|prn|\d+\s*\w+)\s+){0,3}$", re.I)
# ("his left total hip, which I put in in 2017", "R total knee", "hip prosthesis")
_REPLACED_JOINT = re.compile(r"\b(?:TKA|THA|TKR|THR|UKA|arthroplasty|(?:knee|hip)\s+replacement|resurfacing|"
                             r"hemiarthroplasty|total\s+(?:hip|knee)|(?:hip|knee)\s+prosthesis)\b", re.I)
_VISIT_ARROW = re.compile(r"\b(?:seen|saw|visit|evaluated|examined|ED|ER|UC|urgent care)\b[^.;]{0,25}?"
                         r"(?P<d>\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*(?:->|→|=>)\s*", re.I)
_DATED_BEFORE = re.compile(r"\d{1,2}/\d{1,2}|\b(?:since|ago|started|began|tried|failed|completed|took|taking)\b", re.I)
_UNCHECKED = re.compile(r"\[\s?\]\s*$")
# a dated exam names a visit: "Exam 4/8:", "PCP exam 4/8", "exam on 4/8 showed"
_EXAM_DATED = re.compile(r"\b(?:exam|examination|seen|evaluated)\b[^.;]{0,20}?\d{1,2}/\d{1,2}", re.I)
_YEARLESS = re.compile(r"\d{1,2}/\d{1,2}")
# a scheduled study named between the visit word and the date: "follow-up whole-body MRI on 12/8", "f/u CT 3/2" (x-rays
# are most often taken at the visit: "Follow-up x-rays R tib/fib on 10/23" is one)
_STUDY_DATED = re.compile(r"\b(?:MRI|MR|CT|[Uu]ltrasound|US|PET(?:/CT)?|DEXA|EMG|NCS|NCV|[Bb]one\s+scan|scan)\b[^.;:]{0,12}?"
                          r"(?:\b(?:on|from|dated|of|done)\s+|\(\s*)?$")


_ARROW_BEFORE = re.compile(r"(?:->|→|=>)\s*$")
# (a device's label: "not MRI-conditional", "MR-safe", "MRI-unsafe", "MRI compatible", "MRI contraindication")
_NOT_A_STUDY = re.compile(r"\s*(?:-\s*)?(?:safety|screening|tech\b|techs\b|technologist|compatib|incompatib|conditional|"
                          r"safe\b|unsafe\b|contraindicat\w*|precautions?\b|clearance|"
                          r"questionnaire|scheduling|suite|machine|scanner|"
                          # the guidance of a procedure: "US-guided cortisone inj", "under CT guidance", "fluoro-guided"
                          r"-?\s*guided\b|-?\s*guidance\b)", re.I)

# a study recommended, advised or wanted is the order ("recommends MRI R hip today", "advises MRI", "suggests a CT",
# "wants an MRI", "would like an MRI"), not one already done
_ORDER_BEFORE = re.compile(r"\b(?:recommends?|recommended|recommending|advises?|advised|advising|suggests?|suggested|"
                           r"suggesting|wants?|wanted|would\s+like|requests?|requesting|ordering)\s+(?:(?:an?|the|stat|urgent|"
                           r"emergent|repeat|further|advanced|dedicated|formal)\s+)*$", re.I)
# "MRI if CT neg and pain persists", "A non-contrast MRI will still answer ...", "an MRI would show": a study
# that may or would be done, not one that was
_WOULD_BE = re.compile(r"(?:\s+(?:[\w/+-]+|\([^()]{0,30}\))){0,4}?\s+(?:(?:only\s+)?if|unless|will|would|could|can|"
                       r"may|might|should)\b(?!\s+(?:show|showed|shows|demonstrate[sd]?|reveal(?:ed|s)?))", re.I)
# whole-body studies: bone density is measured for the body whatever site the note is about (a PET/CT is
# too, but tests/test_extract.py still places an unplaced PET/CT at the request's region)
_BODY_MODALITIES = {"dexa"}
# a study the plan waits on or a condition names is not one done: "If MRI neg -> RTP", "if MRI shows a tear, will
# refer", "possible CESI after MRI", "pending MRI", "once MRI done", "awaiting CT", "f/u after the MRI"
# ("if"-like words always; "after"/"following"/"when" only with no date or finding verb after the study: "after
# MRI 3/1 showed a tear" tells a study done)
_AWAITED_BEFORE = re.compile(r"(?:\b(?P<c>if|unless|pending|awaiting|await|once|until|till|w/o\s+waiting\s+for)|"
                             r"\b(?P<a>after|following|post|when|before))\s+(?:(?:the|an?|her|his|their|repeat|new|"
                             r"further|updated|f/u|follow[- ]?up|outpatient|formal|[LCT]-?spine|lumbar|cervical|thoracic|"
                             r"knee|hip|shoulder|ankle|foot|wrist|R|L|rt|lt|right|left)\s+){0,3}$", re.I)
# a study with the purpose it is for is the order ("MRI L-spine w/o contrast to evaluate pars stress reaction", "CT
# L-spine to better characterize the fracture lines", "MRI knee to r/o meniscal tear", "MRI for evaluation of ...")
# - not one with a date or a finding verb before the purpose ("MRI 3/1 done to evaluate for HNP showed ...")
# (the words between may name the technique: "MRI R knee w/o contrast with MAVRIC metal-artifact reduction to
# assess loosening"; the purpose may stage, confirm, size, grade, distinguish or guide: "MRI L ankle w/o contrast to
# stage lesion", "MRI L foot to confirm and size lesion", "MRI L-spine to distinguish recurrent disc from fibrosis",
# "MRI for surgical planning", "CT for further detail", "MRI prior to possible excision")
_PURPOSE_AFTER = re.compile(r"(?:\s+(?:[\w/+-]+|\([^()]{0,30}\))){0,10}?\s+(?:(?:in\s+order\s+)?to\s+(?:(?:further|better|"
                            r"fully|accurately|definitively|help|both)\s+)?(?:evaluate|eval|assess|"
                            r"r/o|rule\s+out|look\s+for|characterize|exclude|define|delineate|stage|confirm|size|measure|"
                            r"quantify|grade|localize|clarify|distinguish|differentiate|identify|investigate|determine|guide|"
                            r"plan|screen|search|detect|visualize|document|establish|check\s+for|better\s+see|see\s+if)|"
                            r"for\s+(?:further\s+)?(?:evaluation|eval|assessment|characterization|staging|detail|"
                            r"definition|delineation|clarification)\b(?:\s+of)?|"
                            r"for\s+(?:(?:surgical|operative|pre-?op(?:erative)?|procedural|revision|treatment)\s+)+planning|"
                            r"(?:prior\s+to|before|ahead\s+of)\s+(?:(?:possible|planned|potential|likely|any|a|an|the|"
                            r"definitive|operative|surgical)\s+)*(?:surgery|excision|resection|revision|repair|"
                            r"reconstruction|arthroscopy|fixation|ORIF|fusion|decompression|procedure|operative|surgical|"
                            r"referral|injection)s?)\b", re.I)
# a study the sentence goes on to report is one done, whatever it was done for ("MRI to r/o tear showed ...")
_REPORTED_LATER = re.compile(r"\b(?:showed|revealed|demonstrated|confirmed\s+(?:a|an|the)|"
                             r"(?:was|were)\s+(?:normal|negative|unremarkable|positive|abnormal|read|done|performed|"
                             r"obtained|equivocal|non-?diagnostic))\b", re.I)
_DONE_AFTER = re.compile(r"[^.;]{0,40}?(?:\d{1,2}/\d{1,2}|\b(?:19|20)\d\d\b|\b(?:showed|revealed|demonstrated|was|were|"
                         r"confirmed|found|noted|ago|done|performed|obtained)\b)", re.I)

# the next sentence reports the study just named: "There is no visible slip", "They show a single right thoracic
# curve", "These demonstrate ...", "The films show ...", "Findings: ...", "Impression: ..."
_REPORT_GOES_ON = re.compile(r"\s*(?:there\s+(?:is|was|are|were)\b|(?:it|they|these|those|which|both|each)\s+(?:shows?|showed|"
                             r"demonstrates?|demonstrated|reveals?|revealed|are|were|was|is)\b|the\s+(?:films?|images?|study|"
                             r"studies|radiographs?|x-?rays?|views?|report)\s+(?:shows?|showed|demonstrates?|demonstrated|"
                             r"reveals?|revealed|(?:is|was|are|were)\s+(?:normal|unremarkable|negative|read))\b|"
                             r"(?:findings?|impression|result|read)\s*:)", re.I)
_REPORT_DENIES = re.compile(r"\s*(?:there\s+(?:is|was|are|were)\s+no|(?:it|they|these|the\s+\w+)\s+(?:shows?|showed|"
                            r"demonstrates?|demonstrated|reveals?|revealed)\s+no)\b(?![^.;]*\b(?:but|however|although)\b)", re.I)
_ANOTHER_STUDY_NAMED = re.compile(r"\b(?:MRI|MR|CT|ultrasound|US|sonograph\w*|scan|DEXA|EMG|NCS|x-?rays?\s+of|"
                                  r"radiographs?\s+of|films?\s+of)\b")
_BRACKETS = re.compile(r"\([^()]{0,40}\)")

_GENERIC_REGIONS = {None, "lower_extremity_joint", "upper_extremity_joint", "lower_extremity", "upper_extremity",
                    "extremity", "body"}

_LEVEL_REGION = {"C": "cervical", "T": "thoracic", "L": "lumbar", "S": "lumbar"}
_SIDED_REGIONS = frozenset(("hip", "thigh", "knee", "leg", "ankle", "foot", "lower_extremity", "lower_extremity_joint",
                            "upper_extremity", "upper_extremity_joint", "extremity"))


# A request names the study it asks for, which is not one done: the study named in a label ("Reason for MRI:",
# "Indication for CT:", "MRI indication:", "MRI requested:"), a line a request label leads ("Indication: r/o
# tear", "Clinical question: meniscus tear?", "Procedure requested: MRI L-spine") with no date of its own, and
# the title of an authorization request or order ("PRIOR AUTHORIZATION - MRI R KNEE W/O (73721)", "MRI Prior
# Authorization Request", "Order: MRI L knee") - but not a prior study named there ("... prior MRI 3/2025 showed")
_LABEL_FOR = re.compile(r"\b(?:reason|reasons|indications?|rationale|justification|purpose|dx|diagnosis)\s+(?:for|of)\s+"
                        r"(?:the\s+|this\s+|requested\s+|proposed\s+)*$", re.I)
_LABEL_AFTER = re.compile(r"[\w /,()+-]{0,40}?\b(?:indications?|request(?:ed)?|order(?:ed)?|reason|rationale|justification|"
                          r"question|requisition)\s*:", re.I)
_REQUEST_LABEL = re.compile(r"^[\s>*#=_-]*(?:reason\s+for\s+[\w /-]{1,25}|indications?(?:\s+for\s+[\w /-]{1,25})?|"
                            r"clinical\s+(?:question|indication|concern)s?|question\s+to\s+(?:be\s+)?answer(?:ed)?|"
                            r"(?:procedure|study|exam|examination|service|test|imaging)\s+requested|"
                            r"requested\s+(?:study|exam|procedure|imaging|service|test)s?|orders?|ordered|r/o|rule\s+out)\s*:",
                            re.I)
_REQUEST_TITLE = re.compile(r"\b(?:prior\s+auth(?:orization)?|pre-?cert(?:ification)?|pre-?auth(?:orization)?|"
                            r"authorization\s+request|request\s+for\s+(?:authorization|approval))\b", re.I)
_PRIOR_STUDY = re.compile(r"\b(?:prior(?!\s+auth)|previous|last|old|outside|earlier|recent|repeat|s/p|h/o|hx)\s+(?:[\w/-]+\s+){0,2}$",
                          re.I)


def _requested_study(m: _Mention, ref: date) -> bool:
    s = m.sentence
    line_start = s.rfind("\n", 0, m.start) + 1
    line_end = s.find("\n", m.end) % (len(s) + 1)
    if _LABEL_FOR.search(s, max(line_start, m.start - 40), m.start) \
            or _LABEL_AFTER.match(s, m.end) and ":" not in s[line_start:m.start]:
        return True
    if _PRIOR_STUDY.search(s, max(line_start, m.start - 25), m.start) or find_dates(s[m.end:line_end], ref):
        return False  # "Indication: f/u of the prior MRI", "Clinical question: XR 8/10 nondiagnostic"
    return bool(_REQUEST_LABEL.match(s, line_start)) \
        or bool(_REQUEST_TITLE.search(s, line_start, m.start)) and ":" not in s[line_start:m.start]


# a sentence that opens with the film's verdict of doubt ("Nondiagnostic due to body habitus.", "Read as
# indeterminate by radiology."), naming no study of its own
_VERDICT_SENTENCE = re.compile(r"\s*(?:(?:it\s+)?(?:was\s+)?(?:read|interpreted|reported|felt|deemed|considered)\s+(?:to\s+be\s+|as\s+)?)?"
                               r"(?:non-?\s?diagnostic|not\s+diagnostic|indeterminate|inconclusive|equivocal)\b(?!\s+(?:physical\s+)?exam)"
                               r"(?![^.;]*\b(?:MRI|CT|XR|x-?rays?|films?|radiographs?|ultrasound|US|scan)\b)", re.I)


# a form's question about a study answered on its own ("Prior CT/MRI of this area? NO", "Plain films of the requested
# area? YES  Date: 10/22/2026"): the answer says whether the study was done (and its date)
_FORM_ANSWER = re.compile(r"[ \t]*(?:(?P<box>\[\s*\][ \t]*(?:yes|y)[ \t]*\[\s*[xX✓✔]\s*\][ \t]*(?:no|n)\b)|"
                          r"(?:\[\s*[xX✓✔]?\s*\][ \t]*)?(?:(?P<no>no|n|none|never|negative|not\s+done|not\s+performed|"
                          r"denie[sd]|n/a)(?=[ \t]*(?:$|[.;,|)\n]|\s{2,}|\s+\d+[.)]\s))|(?P<yes>yes|y)\b))", re.I)
# a study's item answered by a denial on its own line or form field: "Prior MRI of the knee: none.", "Prior CT/MRI
# of this area? NO", "MRI - never", "Prior imaging: MRI - none", "CT ...... N/A"
_STUDY_DENIED_AFTER = re.compile(r"[^.;?!\n:|]{0,40}?(?:[:?=|]|\s[-–]\s|\.{2,})\s*(?:\[\s*[xX✓✔]?\s*\]\s*)?"
                                 r"(?:no|none|n|n/a|na|never|not\s+(?:done|performed|obtained|available|applicable))"
                                 r"(?=[ \t]*(?:$|[.;,|)\n]))", re.I)
# what an MRI's safety form asks is no study: "Contraindication to MRI", "cleared for MRI", "MRI safety screening"
_NOT_A_STUDY_BEFORE = re.compile(r"\b(?:contraindicat\w*|clearance|cleared|screen(?:ed|ing)?|safe|unsafe|eligible|"
                                 r"candidate|compatible|conditional)\s+(?:to|for|with)\s+(?:an?\s+|the\s+)?$", re.I)


def _form_answer(m: _Mention) -> str | None:
    """"no" / "yes" when the mention's sentence is a form's question answered by the next one."""
    if not m.next_sentence or not m.sentence.rstrip().endswith("?"):
        return None
    a = _FORM_ANSWER.match(m.next_sentence)
    return None if a is None else "no" if a["no"] or a["box"] else "yes"


def _imaging(rules: Rules, m: _Mention, same: list[_Mention], ref: date, cues: _Cues,
             default_region: str | None) -> list[PriorImaging]:
    # "XR R knee neg": a result word, not a study that was not done
    result_words = {w.lower() for w in rules.cues.get("imaging.result_negation", ())}
    negated = any(n not in result_words for n in m.negations_before)
    answer = _form_answer(m)
    if answer == "no" or _NOT_A_STUDY_BEFORE.search(m.sentence, max(0, m.start - 30), m.start) \
            or _STUDY_DENIED_AFTER.match(m.sentence, m.end) and not find_dates(m.sentence, ref):
        return []  # "Prior CT/MRI of this area? NO", "Prior MRI of the knee: none.", "Contraindication to MRI?"
    flags = m.flags - {"hypothetical", "purpose"} if answer == "yes" else m.flags
    answered = [d for d in find_dates(m.next_sentence, ref) if d.value <= ref] if answer == "yes" else []
    # the plan word may follow the study's views in brackets: "XR c-spine 3 views (AP/lat/odontoid) ordered today"
    reach = m.start + 40 + sum(map(len, _BRACKETS.findall(m.sentence, m.end, m.end + 40)))
    if answered:
        reach = 0  # "Plain films of the requested area? YES  Date: 10/22/2026": the form's word, no plan
    if negated or flags & {"hypothetical", "family"} or cues.has("plan", m.sentence[:reach]) \
            or _ARROW_BEFORE.search(m.sentence, max(0, m.start - 6), m.start) \
            or _NOT_A_STUDY.match(m.sentence, m.end) \
            or _WOULD_BE.match(m.sentence, m.end):  # "MRI safety screening", "MRI tech", "MRI if CT neg"
        return []  # ("... elevated markers -> MRI L-spine today": the arrow leads to the order)
    if _ORDER_BEFORE.search(m.sentence, max(0, m.start - 30), m.start) and not _DONE_AFTER.match(m.sentence, m.end):
        return []  # "Ortho consulted, recommends MRI R hip w/o contrast today", "surgeon wants an MRI": the order
    if not answered and _requested_study(m, ref):
        return []  # "Reason for MRI: r/o tear", "PRIOR AUTHORIZATION - MRI R KNEE (73721)": the request, no study
    purpose = _PURPOSE_AFTER.match(m.sentence, m.end)
    if purpose and not _DONE_AFTER.match(purpose.group(0)) \
            and not _REPORTED_LATER.search(m.sentence, purpose.end()):
        return []  # "MRI lumbar spine w/o contrast to evaluate pars stress reaction": the order's purpose
    awaited = _AWAITED_BEFORE.search(m.sentence, max(0, m.start - 40), m.start)
    if awaited and (awaited["c"] or not _DONE_AFTER.match(m.sentence, m.end)):
        return []  # "If MRI neg -> RTP", "possible CESI after MRI": a condition or what the plan waits on
    s = m.sentence
    dates = [d for d in find_dates(s, ref) if d.value <= ref] or answered
    if m.in_plan == "plan" and not any(ref - timedelta(days=180) <= d.value < ref for d in dates):
        # "P: MRI C-spine w/o, then ESI tentatively 11/6": the order, not a study already done (a
        # yearless date that would fall a year back is a date ahead)
        return []
    nxt = min((x.start for x in same if x.kind == "imaging" and x.start > m.end), default=len(s))
    result = _result(s, m.start, nxt, m.negated_at, cues) or _result(s, 0, m.start, m.negated_at, cues)
    if m.next_sentence and nxt == len(s) and (s.rstrip().endswith(";") or len(m.next_sentence.split()) <= 3
                                              or _VERDICT_SENTENCE.match(m.next_sentence)):
        # a report run on past a semicolon ("...no definite slip; L physis possibly widened - equivocal.") or
        # closed by a verdict of its own ("... no periosteal reaction. Non-diagnostic.")
        # (its verdict of doubt only: a finding there may be the exam's or the impression's, not the film's)
        more = _result(m.next_sentence, 0, len(m.next_sentence), lambda _: False, cues)
        if more == "equivocal" or result is None and more and s.rstrip().endswith(";"):
            # (after a semicolon the report goes on: "XR femurs (8/4/26): no soft tissue calcinosis; bones normal.")
            result = more
    if result is None and m.next_sentence and nxt == len(s) and _REPORT_GOES_ON.match(m.next_sentence) \
            and not _ANOTHER_STUDY_NAMED.search(m.next_sentence):
        # a dictated letter tells the film in one sentence and its report in the next: "Radiographs of both hips taken
        # on the third of March were reviewed. There is no visible slip on either side; ..."
        result = _result(m.next_sentence, 0, len(m.next_sentence), lambda _: False, cues) or (
            "normal" if _REPORT_DENIES.match(m.next_sentence) else None)  # "There is no visible slip on either side"
    if not dates and result is None and not cues.has("imaging.done", s):
        return []  # "MRI R knee w/o contrast" on its own is the order, not a study already done
    if m.in_plan == "assessment" and result is None and not cues.has("imaging.done", s) \
            and not any(ref - timedelta(days=180) <= d.value < ref for d in dates):
        return []  # "A/P: ... MRI R foot w/o and w/ contrast today": the order
    rel = _SAME_DAY.search(s, 0, min(len(s), m.end + 25)) if not dates and ("day" in s or "morning" in s) else None
    if rel and rel.start() > m.end and any(c in s[m.end: rel.start()] for c in ":;."):
        rel = None  # ("XR R ankle: no fx; f/u next day": a later sentence's day)
    if rel:
        # "Injured R ankle on January 24. Seen in ED same day, XR R ankle 3V: no fx": the film of the day the sentence
        # (or the one before) dates, or the day after ("XR the next day")
        prior = [d for d in find_dates(s[: rel.start()], ref) if not d.approximate and d.value <= ref] or \
            [d for d in find_dates(m.before, ref) if not d.approximate and d.value <= ref]
        if prior:
            day = prior[-1].value + timedelta(days=1 if rel["next"] else 0)
            if day <= ref:
                dates = [Found(rel.start(), rel.end(), day, rel.group(0))]
    if not dates and m.before.rstrip().endswith(":"):
        dates = [d for d in find_dates(m.before, ref) if d.value <= ref]
    if "19" in s or "20" in s:
        # "A brain MRI in 2024 (headaches) was normal", "MRI L-spine (2019): L4-5 HNP", "(XR 2022, outside)": a year
        # alone dates a study the note shows was done (not a passing mention: "hives after gadolinium for a brain
        # MRI in 2019"), its first day, as a month alone is read as the month's first; it outweighs a full date
        # farther off (a heading's "FOLLOW-UP 11/05/26" run into the sentence is the visit's date)
        near = [y for y in _STUDY_YEAR.finditer(s, max(0, m.start - 30), min(len(s), m.end + 40))
                if int(y["y"] or y["y2"]) <= ref.year
                and not any(d.start < y.end() and y.start() < d.end for d in dates)]
        if near:
            y = min(near, key=lambda y: abs(y.start() - m.start))
            if not dates or min(abs(d.start - m.start) for d in dates) > abs(y.start() - m.start):
                dates = [Found(y.start(), y.end(), date(int(y["y"] or y["y2"]), 1, 1), y.group(0), True)]
    studies = [x for x in same if x.kind == "imaging"]
    # the body parts named with the study, not those in its result ("AP pelvis x-ray: femoral heads ...")
    begins = _RESULT_BEGINS.search(s, m.end)
    limit = begins.start() if begins else len(s)
    mine = [r for r in same if r.kind == "region" and r.start < limit
            and min(studies, key=lambda x: abs(x.start - r.start)) is m]
    gap = lambda r: r.start - m.end if r.start >= m.end else m.start - r.end  # noqa: E731
    close = [r for r in mine if gap(r) <= 30] or sorted(mine, key=gap)[:1]  # "XR AP pelvis + R frog-lat hip"
    regions = []
    for r in close:
        if rules.regions[r.rule_id].region not in regions:
            regions.append(rules.regions[r.rule_id].region)
    modality = rules.imaging[m.rule_id].modality
    if "whole_spine" in regions:  # "standing scoliosis films: 54 deg R thoracic, 38 deg L thoracolumbar"
        regions = [r for r in regions if r not in ("cervical", "thoracic", "lumbar")]
    if "body" in regions or modality in _BODY_MODALITIES and not close:
        regions = ["body"]  # "whole-body MRI (6/2/2025) showed ... clavicle, tibia": one survey of the body
    if not regions and default_region in _SPINE_REGIONS and modality == "xray" \
            and _STANDING.search(s, max(0, m.start - 15), min(len(s), m.end + 25)):
        # "standing PA/lat 12/12/2025: Cobb 18 deg R thoracic" in a spine note: the scoliosis films of the whole
        # spine, whatever part the curve is in
        regions = ["whole_spine"]
    if not regions:
        level = read_level(s, m.start, m.end, reach=len(s))
        region = _LEVEL_REGION[level[0]] if level else default_region
        if region is None:
            return []  # a study of an unnamed body part cannot be matched to a criterion
        regions = [region]
    if modality == "emg_ncv":
        # an EMG/NCS studies the limb's nerves and muscles: "nerve conduction studies ... median neuropathy at the
        # wrist" in a neck note is of the arms, "EMG/NCS b/l LE" of the legs
        regions = list(dict.fromkeys(_LIMB_OF.get(r, r) for r in regions))
    when = (min(dates, key=lambda d: abs(d.start - m.start)).value if dates and dates[0].text in s
            else (dates[-1].value if dates else ref))
    # "XR R ankle 10/31: soft tissue swelling and joint effusion, no fracture": the findings it showed
    # (the words after a result marker only: "XR knee for knee pain" names the indication, not a finding)
    findings: list[str] = []
    shown = begins.start() if begins else len(s)
    for x in same:
        if x.kind == "fact" and max(m.end, shown) <= x.start < nxt and not x.flags & {"negated", "hypothetical", "family"} \
                and rules.facts[x.rule_id].present and not rules.facts[x.rule_id].fact.endswith("_suspected"):
            name = rules.facts[x.rule_id].fact
            spec = rules.facts[x.rule_id].value
            if isinstance(spec, ValueReader) and spec.read == "number":
                # a measure is a finding only with its number in range: "T5-T11", "apex T8" are vertebrae, no
                # temperature
                v, rng = read_value(spec, s, x.start, x.end, ""), vocabulary().facts[name].range
                if v is None or rng and not rng[0] <= v <= rng[1]:
                    continue
            if name not in findings:
                findings.append(name)
    # "MRI L knee 9/15", "R ankle XR": the side written with a limb study's body part (before its result)
    side = None
    if regions and all(r in _SIDED_REGIONS for r in regions):
        at = min((r for r in close), key=lambda r: r.start, default=None) if close else None
        a, b = (min(m.start, at.start), max(m.end, at.end)) if at is not None else (m.start, m.end)
        side = read_side(s[:limit], a, min(b, limit), reach=15)
    # "X-rays from ED reviewed, negative", "outside films reviewed", "prior XR": with no date of its own, a study
    # from elsewhere or before is an earlier one the notes may already hold (_assemble joins it to that one)
    dated = bool(dates) or ("earlier" if _FROM_ELSEWHERE.search(s, max(0, m.start - 30), min(len(s), m.end + 40))
                            else False)
    if dates and when.day == 1 and any(d.value == when and d.approximate and _MONTH_WORD.fullmatch(d.text) for d in dates):
        dated = "month"  # "Ankle radiographs from January were negative": the month's own film, if the notes date one
    out = [(PriorImaging.model_construct(
        modality=modality, region=region, date=when, result=result, contrast=None, side=side,
        findings=findings, detail=f'note {m.evidence.note + 1}: "{m.evidence.sentence}"'), dated)
        for region in regions]
    # "XR L knee in the ED 10/28 and repeat 4 views today", "XR R knee today compared w/ 1-yr films 2/26/2025":
    # the repeat and the comparison study are studies of their own, of the same kind and part (up to the
    # next study the sentence names)
    seen = {when}
    for d in dates:
        if d.start > m.end and d.start < nxt and d.value not in seen and _ANOTHER_STUDY.search(s, max(m.end, d.start - 40), d.start):
            seen.add(d.value)
            out += [(PriorImaging.model_construct(
                modality=modality, region=region, date=d.value, result=None, contrast=None, findings=[],
                detail=f'note {m.evidence.note + 1}: "{m.evidence.sentence}"'), True) for region in regions]
    return out


_FROM_ELSEWHERE = re.compile(r"\b(?:from|at|in|per|by)\s+(?:the\s+)?(?:ED|ER|emergency|UC|urgent\s+care|OSH|outside|PCP|"
                             r"referring|the\s+hospital)\b|\b(?:outside|prior|previous|earlier|old|ED|ER|UC|OSH)\s+"
                             r"(?:[\w/-]+\s+){0,2}?(?:films?|x-?rays?|xr|radiographs?|imaging|studies|study|images?|mri|ct|us)\b|"
                             r"\breviewed\b|\bre-?review(?:ed)?\b|\bbrought\s+(?:in|with)\b|\bon\s+(?:CD|disc|disk)\b",
                             re.I)
_LIMB_OF = {"cervical": "upper_extremity", "thoracic": "upper_extremity", "lumbar": "lower_extremity",
            "sacrum_coccyx": "lower_extremity", "whole_spine": "lower_extremity"}
_SPINE_REGIONS = frozenset(("cervical", "thoracic", "lumbar", "whole_spine"))
_STANDING = re.compile(r"\bstanding\b", re.I)
# a year alone dates a study or event: "in 2019", "(2021)", "MRI 2019", and one in brackets with other words
# ("(XR 2022, outside)", "(outside films, 2019)", "(2020 - Dr. Lee)")
_STUDY_YEAR = re.compile(r"\b(?:in|during|from|dated|done|of|xr|x-?rays?|films?|radiographs?|mri|ct|scan|imaging)\s+"
                         r"(?P<y>(?:19|20)\d{2})\b(?![-/]\d)|"
                         r"\((?:[^()\d]{0,24}?[\s,;])?(?P<y2>(?:19|20)\d{2})(?![-/]\d)(?:[\s,;][^()]{0,30})?\)", re.I)
_ANOTHER_STUDY = re.compile(r"\b(?:repeat(?:ed)?|compared\s+(?:w/|with|to)|comparison|vs\.?|prior|previous|earlier|"
                            r"follow-?up|serial|again)(?!\w)[^.;:]*$", re.I)


_LIST_JOIN = re.compile(r"\s*(?:/|\+|&|,|and|or|,\s*and)\s*")
_NOT_DONE = re.compile(r"(?:not|never|has not|have not|hasn't|haven't|was not|wasn't|were not|no longer)\b", re.I)
_RESULT_BEGINS = re.compile(r":|\s[-–—]\s|\s->|\b(?:show|reveal|demonstrat|read as|notable|significant for|with)", re.I)
# a finding a report names with a pathology word ("tendinosis", "tenosynovitis", "lytic lesion", "bone marrow
# edema", "chondral fissuring")
_PATHOLOGY = re.compile(r"\b(?!(?:diagnosis|prognosis|osis)\b)[a-z]{3,}(?:osis|itis|opathy|ectasis|plasia)\b|\b(?:lesions?|edema|"
                        r"oedema|tears?|torn|fractures?|fx|erosions?|cysts?|mass|masses|effusion|sclerosis|fissur\w+|"
                        r"thicken\w*|thinned|thinning|narrowing|degenerat\w+|spurs?|osteophytes?|lucen\w+|lytic|blastic|"
                        r"destruct\w*|collapse|avulsion|contusion|sprain|strain|rupture[ds]?)\b", re.I)
_NEGATION = re.compile(r"\b(?:no|not|without|neg(?:ative)?(?: for)?|free of|absent|denies|r/o|ruled out|"
                       r"no evidence of|no signs? of)\b[^,;:]*$", re.I)


def _result(s: str, start: int, end: int, negated_at, cues: _Cues) -> str | None:
    """A study's result from the words ``s[start:end]`` after it: equivocal words; else a finding that is
    not negated (by ConText's scope or a negation earlier in its clause); else normal words or negated
    findings; else a bare "shows ..." (the finding not one we list) is abnormal."""
    text = s[start:end]

    def found(group: str) -> list[re.Match]:
        p = cues.groups.get(group)
        return list(p.finditer(text)) if p else []

    if found("imaging.equivocal"):
        return "equivocal"
    abnormal = negated = 0
    for f in found("imaging.abnormal"):
        if negated_at(start + f.start()) or _NEGATION.search(text[: f.start()]):
            negated += 1
        else:
            abnormal += 1
    if abnormal:
        return "abnormal"
    if negated and not found("imaging.normal") and any(
            not (negated_at(start + p.start()) or _NEGATION.search(text[: p.start()])) for p in _PATHOLOGY.finditer(text)):
        # "mild peroneus brevis tendinosis, no tear", "3.2 cm lytic lesion ..., no periosteal reaction": a finding
        # shown beside the ones denied is an abnormal study
        return "abnormal"
    # (ConText's "no" reaches over the commas of a list, "no fx, no OCD, mild lat soft tissue swelling": the
    # swelling's own clause says whether it is denied, "no fracture or soft tissue swelling", ", or STS")
    if any(not (_NEGATION.search(text[: w.start()]) or _OR_LISTED.search(text[: w.start()]))
           for w in _SOFT_SWELLING.finditer(text)):
        # "no fx, no OCD, mild lat soft tissue swelling", "STS laterally, no acute fracture": a film whose only finding
        # is soft-tissue swelling does not answer the bone (nondiagnostic); a fracture with swelling was abnormal above
        return "equivocal"
    if negated or found("imaging.normal"):
        return "normal"
    return "abnormal" if found("imaging.shows") else None


_OR_LISTED = re.compile(r"[,;]\s*(?:or|nor)\s+(?:\w+\s+){0,2}$", re.I)
# (and a form's line for the symptoms' length: "6. Symptoms duration: ~4 months", "Duration of sx: 6 wks", "Length
# of symptoms - 3 mo")
_HPI_HEAD = re.compile(r"\s*(?:\d{1,2}[.)]\s*)?(?:HPI|history\s+of\s+(?:the\s+)?present(?:ing)?\s+illness|CC|chief\s+complaints?|"
                       r"reason\s+for\s+(?:visit|referral|consult(?:ation)?)|(?:symptoms?|sx|pain)\s+duration|"
                       r"(?:duration|length)\s+of\s+(?:the\s+)?(?:symptoms?|sx|pain|complaints?))\s*[:-]", re.I)
_MONTH_WORD = re.compile(r"(?:(?:early|mid|late|in|since|of|from)[\s-]+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)"
                         r"[a-z]*\.?(?:,?\s+\d{4})?", re.I)
_DATE_OPENS_EPISODE = re.compile(
    r"\s*(?:(?:on|around|about|approx\.?|approximately|circa|ca\.?)\s+|[~≈]\s*)*"
    r"(?P<d>\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:,?\s+\d{4})?)\s*[,:-]?\s*(?:(?:pt|patient|he|she|the\s+patient)\s+)?"
    r"(?:developed|develops|noted|began|begun|started|new(?:\s+onset)?|onset|recurrent|recurrence|recurred|"
    r"worsening|worsened|sudden(?:ly)?|acute(?:ly)?|abrupt(?:ly)?)\b"
    # (not a visit, a paper or a study: "4/1/26 new pt visit", "3/2 new referral", "4/1 new MRI")
    r"(?!\s+(?:pt|patient|visit|consult\w*|referral|order|orders|study|studies|imaging|MRI|XR|x-?rays?|films?|CT|appt|"
    r"appointment|note|eval\w*|PT|meds?|medications?|rx)\b)", re.I)
_SOFT_SWELLING = re.compile(r"\b(?:soft[- ]?tissues?|ST)\s+(?:swelling|edema|oedema|thickening|prominence|fullness)\b|\bSTS\b"
                            r"|\bswelling\s+of\s+(?:the\s+)?soft[- ]?tissues?\b", re.I)


# A note often holds several dated entries, each headed on its own line: "Portal msg 10/29/26 from pt:",
# "RN triage 11/2/26: spoke w/ mom", "--- TELEPHONE ENCOUNTER 08/17/2026 10:42 ---", "ADDENDUM 07/05/2026:
# father called back", "OFFICE VISIT 5/22/2026". Each is a contact of its own date and mode.
_SENDER = r"(?:patient|pt|parent|mom|dad|mother|father|caregiver|guardian|family)"
_PART_HEAD = re.compile(
    # (a message thread stamps each entry: "[03/20/2026 07:51] From patient:", "[3/20 10:12] RN reply:")
    r"^[ \t>*#=_-]*(?:\[[^\]\n]{4,30}\][ \t]*)?(?:(?:patient|pt|provider|parent|clinician|physician|md|rn|nurse|my|portal|mychart|secure|"
    r"after[- ]hours|triage|ed|follow[- ]up|f/u|initial|new|same[- ]day|in[- ]person|clinic|office|"
    r"telephone|phone|video|virtual|telehealth|e-?)\s*)*"
    r"(?:message|msg|mychart|portal|e-?mail|voicemail|reply|response|telephone|phone|call|called|triage|addendum|"
    r"encounter|(?:office|clinic|initial|follow[- ]up|f/u|return|new patient|consult)\s+visit|visit|note|"
    r"telehealth|telemedicine|video|virtual|urgent\s+care|emergency\s+(?:department|room)|walk[- ]in|"
    r"arrival|arrived|admit(?:ted)?|admission|from\s+(?:the\s+)?" + _SENDER + r")\b", re.I | re.M)
_PART_MESSAGE = re.compile(r"\b(?:message|msg|mychart|my chart|portal|e-?mail|voicemail|reply|response|"
                           r"from\s+(?:the\s+)?" + _SENDER + r"(?=\s*:))", re.I)
# an addendum is the clinician's writing, no contact of its own, unless its words say one ("ADDENDUM 7/5: father
# called back", "Addendum 08/17: spoke w/ pt by phone", "addendum - pt seen again in clinic")
_PAST_CONTACT = re.compile(r"\b(?:last|previously|prior|earlier|was|were|had\s+been|initially|first)\s+$", re.I)
_CONTACT_WORDS = re.compile(r"\b(?:call(?:ed|s)?|phone|spoke|seen|saw|visit|examined|message|msg|portal|mychart|"
                            r"came\s+(?:in|back)|returned|video|telehealth)\b", re.I)
_PART_PHONE = re.compile(r"\b(?:telephone|phone|called|calls?|spoke\s+(?:w/|with|to)|(?:rn|nurse)\s+triage|triage\s+(?:rn|nurse))\b",
                         re.I)
_PART_VIDEO = re.compile(r"\b(?:video|telehealth|telemedicine|virtual)\b", re.I)
# a call with the ordering office or the payer is no contact with the patient
_NOT_A_CONTACT = re.compile(r"\b(?:call|called|phone|spoke|conversation|discussion)\b[^.\n]{0,20}\b(?:ordering|referring)\s+"
                            r"(?:office|provider|practice|clinic|md|physician)\b|\bpeer[- ]to[- ]peer\b|"
                            r"\b(?:call|called|spoke)\s+(?:w/|with|to)\s+(?:the\s+)?(?:insurance|payer|plan|reviewer)\b", re.I)
_SIGNED = re.compile(r"\b(?:signed|co-?signed|dictated|transcribed|typed|finalized|authenticated|printed|"
                     r"(?:date\s+of\s+)?(?:dictation|transcription|signature))\b(?:\s+(?:on|at|by\s+\S+\s+on))?\s*:?\s*$", re.I)
_SIGNED_WORD = re.compile(r"sign|dictat|transcri|typed|finaliz|authentic|printed", re.I)
_SERVICE_DATE = re.compile(r"\b(?:admit(?:ted)?|admission|arrival|arrived|date\s+of\s+(?:service|visit|admission)|"
                           r"visit(?:\s+date)?|seen|encounter(?:\s+date)?)\b\s*(?:on\s+)?:?\s*$", re.I)
_REQUEST_FORM = re.compile(r"\s*(?:[\w &/-]{0,40}\s)?(?:prior\s+auth(?:orization)?|pre-?cert(?:ification)?|"
                           r"pre-?auth(?:orization)?|authorization)\b[^\n:]{0,30}\b(?:request|form)\b", re.I)
# a paper the office sends, not a visit: a prior-authorization or precertification request or form, a fax cover
# sheet, a letter of medical necessity, a referral or order form, or one its heading says office staff filled in
# ("Completed by front office (K. Bell)", "completed by office staff: J. Ruiz, MA")
_OFFICE_PAPER = re.compile(r"(?:\bprior\s+auth(?:orization)?|\bpre-?cert(?:ification)?|\bpre-?auth(?:orization)?|"
                           r"\bauthorization|\bPA)\b[^\n:]{0,40}\b(?:request|form|submission)\b|"
                           r"\b(?:request|form)\s+for\s+(?:prior\s+)?auth|"
                           r"^[ \t>*#=_-]*(?:[\w &/-]{0,30}\s)?(?:prior\s+auth(?:orization)?|pre-?cert(?:ification)?|"
                           r"pre-?auth(?:orization)?)\b(?![ \t]*:)|"
                           r"\bfax\s+(?:cover|coversheet|transmittal)|\bletter\s+of\s+(?:medical\s+)?necessity\b|\bLMN\b|"
                           r"\b(?:referral|order|requisition)\s+form\b|"
                           r"\b(?:completed|filled(?:\s+out|\s+in)?|prepared|submitted)\s+by\s*:?\s*(?:the\s+)?(?:front[- ]?(?:office|desk)|"
                           r"office\s+(?:staff|manager|coordinator)|staff|MA\b|medical\s+assistant|scheduler|"
                           r"(?:prior[- ]?auth(?:orization)?|PA|referral)\s+(?:coordinator|specialist|staff))", re.I | re.M)
_UNCHECKED_ITEM = re.compile(r"\[\s?\]\s*[\w/-]+(?:\s+(?:visit|call|encounter))?")
_MODE_RANK = {"in_person": 3, "telehealth": 2, "phone": 1, "message": 0}


_NOT_A_PROVIDER = re.compile(r"\bschool\s+(?:health\s+(?:office|room|services?)|nurse|RN)\b|\bnurse'?s\s+office\b|"
                             r"\bschool\s+(?:athletic\s+)?trainer\b|\b(?:day\s*care|daycare|camp)\s+(?:nurse|incident\s+report)\b",
                             re.I)


_FOR_THE_NURSES = re.compile(r"\b(?:for|from|per|re:?|regarding|by|via|after|following|with)\s+(?:the\s+|a\s+|her\s+|his\s+)?$", re.I)
_NURSES_PAPER = re.compile(r"\s+(?:referral|letter|note|form|report|concern)s?\b", re.I)


def _school_note(raw: str) -> bool:
    """Whether a note is a school nurse's (its heading line or its signature line says so; not a clinic note
    that says the school nurse referred the child)."""
    lines = raw.strip().split("\n")
    # ("Westside Pediatrics 10/5/26 - seen for school nurse referral (attached)": the provider's visit the nurse's
    # referral led to)
    head = any(not _FOR_THE_NURSES.search(lines[0], max(0, h.start() - 20), h.start())
               and not _NURSES_PAPER.match(lines[0], h.end()) for h in _NOT_A_PROVIDER.finditer(lines[0]))
    return bool(head or len(lines) > 1 and re.match(
        r"[\s-]*(?:signed|by|/s/|--)?\s*(?:[\w.,]+\s+){0,3}?(?:school\s+(?:RN|nurse)|nurse'?s\s+office)\b", lines[-1], re.I))


def _office_paper(raw: str) -> bool:
    """Whether a note is a paper the office sends (its heading, the first three lines, says so)."""
    head = "\n".join(raw.lstrip().split("\n", 3)[:3])
    return bool(_OFFICE_PAPER.search(head))


# a visit the paper states on its own day: "whom I saw in the office on October 26, 2026", "On my examination of
# November 10", "Date of visit: 10/20/2026", "she was brought back in today", "seen in clinic today"
_VISIT_BEFORE_DATE = re.compile(r"\b(?:saw|seen|see|visit|visited|exam|examination|examined|evaluated|evaluation|"
                                r"encounter|DOS|date\s+of\s+service|appointment|appt|came\s+in|brought\s+(?:back\s+)?in)\b"
                                r"[^.]{0,40}$", re.I)
_VISIT_TODAY = re.compile(r"\b(?:saw|seen|see|visit|exam|examination|examined|evaluated|came\s+in|brought\s+(?:back\s+)?in|"
                          r"presents?|presented)\b[^.\n]{0,40}\btoday\b|\btoday\b[^.\n]{0,12}\b(?:exam|examination|"
                          r"I\s+(?:saw|examined)|(?:he|she|they|pt|patient)\s+(?:was|is)\s+seen)\b", re.I)


def _visit_that_day(raw: str, ref: date) -> bool:
    """Whether a paper the office sends states a visit on its own date."""
    return bool(_VISIT_TODAY.search(raw)) or any(
        d.value == ref and not d.approximate and _VISIT_BEFORE_DATE.search(raw, max(0, d.start - 60), d.start)
        for d in find_dates(raw, ref))


def _part_mode(line: str) -> str:
    line = _UNCHECKED_ITEM.sub(" ", line)  # "[X] office  [ ] telehealth": the empty box names no mode
    if _PART_VIDEO.search(line):
        return "telehealth"
    head = line[:40]  # the heading's own word first: "MESSAGE (voicemail transcribed)", "TELEPHONE ENCOUNTER"
    if _PART_MESSAGE.search(head) and not _PART_PHONE.search(head[:_PART_MESSAGE.search(head).start()]):
        return "message" if not _PART_PHONE.search(line[40:]) or "reply" in head.lower() else "phone"
    if _PART_PHONE.search(line):
        return "phone"
    return "in_person"


def _note_parts(raw: str, ref: date) -> list[tuple[date, str | None, int, str]]:
    """The dated entries of a note: (date, mode, offset, heading line); mode None for an entry that is no
    contact (an addendum that records none)."""
    parts = []
    for h in _PART_HEAD.finditer(raw):
        end = raw.find("\n", h.start())
        line = raw[h.start(): end if end >= 0 else len(raw)]
        # the date is the heading's own, not one in the entry's first sentence ("Pt called. Finished medrol 8/12")
        # (nor a date an onset word leads to: "Pt called c/o mid-back pain x 3 wks (since ~8/20)")
        found = [d for d in find_dates(line[:90], ref) if not d.approximate and d.value <= ref
                 and not re.search(r"[.!?]\s", line[:d.start])
                 and not _NOT_A_VISIT_DATE.search(line, max(0, d.start - 30), d.start)
                 and not _IN_RANGE.match(line, d.end) and not _RANGE_END.search(line, max(0, d.start - 12), d.start)]
        if not found or _NOT_A_CONTACT.search(line):
            continue
        mode = _part_mode(line)
        if mode in ("phone", "message") and _in_person_that_day(line, found[0].value):
            mode = "in_person"  # "RN phone triage, then office visit 11/11/2026": that day's visit in person
        if "addendum" in h.group(0).lower():
            # (the entry's first sentence too: "ADDENDUM 7/5 (Dr. H):\nFather called back this AM"; not a past
            # visit it recalls: "Pt last seen in office 01/12/2026")
            first = re.split(r"(?<=[.!?])\s", raw[h.start() + len(line): h.start() + len(line) + 160].lstrip(), maxsplit=1)[0]
            if not any(not _PAST_CONTACT.search(text, max(0, c.start() - 20), c.start())
                       for text in (line[len(h.group(0)):], first) for c in _CONTACT_WORDS.finditer(text)):
                parts.append((found[0].value, None, h.start(), line))  # no contact: its day is no visit
                continue
        if mode == "in_person":  # "Triage note 10/30/26 - RN\nPt called re: MRI order": the entry's first words
            first = raw[h.start() + len(line): h.start() + len(line) + 120].lstrip().split("\n\n")[0]
            mode = "telehealth" if _PART_VIDEO.search(first) else ("phone" if _PART_PHONE.search(first) else mode)
        parts.append((found[0].value, mode, h.start(), line))
    return parts


# "then MD visit 11-11-2026", "office visit 3/2/26", "clinic visit on 3/2", "MD exam 11/11/26:", "seen in clinic
# 3/2": a visit in person (a physician's visit or exam, an office or clinic visit) dated the note's day
_IN_PERSON_VISIT = re.compile(
    r"\b(?:(?:MD|DO|NP|PA|physician|provider|doctor|dr\.?|surgeon|office|clinic|in[- ]person|face[- ]to[- ]face|"
    r"new[- ]patient|follow[- ]up|f/u|return)\s+(?:visit|exam|examination|evaluation|eval|appt|appointment)|"
    r"seen\s+(?:in|at)\s+(?:the\s+)?(?:clinic|office))\b(?:\s+(?:on|dated|of|date))?\s*:?\s*", re.I)


def _in_person_that_day(head: str, ref: date) -> bool:
    for m in _IN_PERSON_VISIT.finditer(head):
        if _NOT_A_CONTACT.search(head, max(0, m.start() - 40), m.start()) or re.search(
                r"\b(?:next|upcoming|scheduled|schedule|will|to\s+have|sched|pending|needs?)\b[^.\n]{0,15}$",
                head[max(0, m.start() - 30): m.start()], re.I):
            continue  # a visit still to come is no contact
        if any(d.start == 0 and d.value == ref and not d.approximate for d in find_dates(head[m.end(): m.end() + 20], ref)):
            return True
    return False


def _add_encounter(encounters: dict, day: date, mode: str, ev: Evidence) -> None:
    """One contact a day; a face-to-face visit outranks a video visit, a call and a message that day."""
    if day in encounters:
        enc, evs = encounters[day]
        if _MODE_RANK[mode] > _MODE_RANK[enc.mode]:
            encounters[day] = (Encounter(date=day, mode=mode), evs)
        encounters[day][1].append(ev)
    else:
        encounters[day] = (Encounter(date=day, mode=mode), [ev])


def _encounter(text: str, ref: date, encounters: dict, k: int, cues: _Cues, raw: str = "") -> None:
    """The note itself documents a contact on its date; its mode comes from the note's words (of the entry
    written that day, when the note holds several dated entries)."""
    parts = _note_parts(raw or text, ref)
    at = 0
    if parts:
        for day, mode, at, line in parts:
            if mode is None:
                continue
            _add_encounter(encounters, day, mode, Evidence(
                note=k, start=at, end=at + min(len(line), 80), text=_short(line, 80), sentence=_short(line),
                rule=f"encounter.{mode}" if mode != "in_person" else "note part", context=[]))
        if ref in encounters or any(day == ref for day, *_ in parts):
            return
        # the note's own day: the words after the last dated entry ("TELEPHONE ENCOUNTER 11/24 (RN): ...\n\n
        # ORTHOPAEDICS - PA VISIT 12/3/2026") are that day's, not the entry's heading words
        src = raw or text
        gap = src.find("\n\n", parts[-1][2])
        if gap >= 0 and src[gap:].strip():
            at = len(src) - len(src[gap:].lstrip())
            text = src[at:]
    if _NOT_A_CONTACT.search(text[:120]):
        return  # "PA intake - call w/ ordering office 10/30/26": no contact with the patient
    own = [d for d in find_dates(text[:300], ref) if d.value == ref and not d.approximate] \
        if _SIGNED_WORD.search(text, 0, 300) else []
    if own and all(_SIGNED.search(text, max(0, d.start - 25), d.start) for d in own) and any(
            d.value < ref and not d.approximate and _SERVICE_DATE.search(text, max(0, d.start - 25), d.start)
            for d in find_dates(text[:300], ref)):
        # "ADMISSION H&P  Admit 07/20/2026 23:40  Note signed 07/21/2026": the day it was signed is no contact
        return
    # a form's boxes left empty name no mode: "[X] office  [ ] telehealth"
    # (its lines as written: the text read may have its line breaks as spaces)
    lines = raw[len(raw) - len(text):] if raw and len(raw) >= len(text) else text
    head = _UNCHECKED_ITEM.sub(" ", (lines if lines.replace("\n", " ") == text.replace("\n", " ") else text)[:400])
    mode = "in_person"
    # the heading: the first line, up to its first sentence's end
    first_line = min(head.find("\n") % (len(head) + 1), head.find(". ") % (len(head) + 1))
    for m in ("telehealth", "phone", "message"):
        p = cues.groups.get(f"encounter.{m}")
        if p and any(not _another_contact(head, w, w.start() < first_line) for w in p.finditer(head)):
            mode = m
            break
    if mode != "in_person" and _in_person_that_day(head, ref):
        mode = "in_person"  # "intake note (telephone triage RN), then MD visit 11-11-2026": the visit that day
    ev = Evidence(note=k, start=at, end=at + min(len(text), 80), text=_short(text[:80], 80), sentence=_short(text[:160]),
                  rule=f"encounter.{mode}" if mode != "in_person" else "note date", context=[])
    # a phone note and an office note of one day: the office visit is that day's contact (_add_encounter ranks them)
    _add_encounter(encounters, ref, mode, ev)


# "copied from 01/28/2026 visit", "the 9/2 office visit", "10/20 ED visit": the visit named after its date
# a contact the note tells of besides its own - one to come or one before ("Plan: PT, f/u video visit after PT",
# "will schedule telehealth follow-up in 6 wks", "last seen by video visit in August", "Prior visits were via
# telehealth", "had a phone call with PCP") - gives this note's contact no mode (its heading line always does:
# "Follow-up video visit 11/06/2026")
_CONTACT_TO_COME = re.compile(r"\b(?:f/u|follow[- ]?up|next|schedul\w*|will|plan(?:s|ned|ning)?|return|RTC|RTO|"
                              r"offer\w*|option|prefers?|may|can|could|consider\w*|recommend\w*|declin\w*)\b"
                              r"[^.;:\n]{0,30}$", re.I)
_CONTACT_BEFORE = re.compile(r"\b(?:last|prior|previous(?:ly)?|earlier|had\s+(?:a|an|her|his)|in\s+the\s+past)\b"
                             r"[^.;:\n]{0,30}$", re.I)
_OTHER_CONTACT_AFTER = re.compile(r"\s*(?:(?:visit|appt|appointment|f/u|follow[- ]?up|call|check[- ]?in)s?\s+)?(?:after|in\s+\d|"
                                  r"in\s+(?:a|one|two|three|four|six|few|several)\b|next|prn|as\s+needed|once|when|if|"
                                  r"in\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|last\s+(?:week|month|wk|mo)|"
                                  r"yesterday|\d+\s*(?:d|days?|wks?|weeks?|mos?|months?)\s+ago)\b", re.I)


def _another_contact(text: str, w: re.Match, heading: bool) -> bool:
    line = max(text.rfind("\n", 0, w.start()), text.rfind(". ", 0, w.start()), text.rfind(";", 0, w.start())) + 1
    return bool(not heading and _CONTACT_TO_COME.search(text, line, w.start())
                or _CONTACT_BEFORE.search(text, line, w.start()) or _OTHER_CONTACT_AFTER.match(text, w.end()))


_VISIT_AFTER = re.compile(r"\s*(?:\((?:in[- ]person|in clinic|in office)\)\s*)?(?:(?:office|clinic|ED|ER|UC|PCP|urgent care|"
                          r"ortho|in[- ]person|follow[- ]up|f/u|initial|new patient|"
                          # a well-child visit named by the age ("copied from 03/17/2026 2-wk visit", "4 mo WCC")
                          r"\d{1,2}[- ]?(?:d|day|wk|week|mo|month|yr|year)s?(?:[- ]old)?)\s+)?"
                          r"(?:visit|appointment|appt|consult|exam|WCC|well[- ]child)\b"
                          # "(9/3/26, in person)", "9/3 - in-person": the mode written after the date
                          r"|\s*[,;–-]\s*(?:in[- ]person|in clinic|in office|face[- ]to[- ]face|office visit)\b",
                          re.I)
# "seen here 3 wks ago", "Prior visit (3 wks ago)", "saw her 10 days ago": a visit dated back from the note's day
_VISIT_AGO = re.compile(r"\b(?:seen|saw|visit|evaluated|examined|appt|appointment)\b[^.;]{0,30}?\b(?P<n>\d{1,2}|one|two|three|"
                        r"four|five|six|a)\s*(?P<u>d|days?|wks?|weeks?)\s+ago\b", re.I)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


# a date that an onset or a course's start leads to is when something began, not a visit
_NOT_A_VISIT_DATE = re.compile(r"\b(?:since|started|starting|began|begun|beginning|onset|initiated|x|"
                               # a birth date ("Born 3/3/26 at 39+0", "DOB: 3/3/26") is no visit either
                               r"born|birth|DOB|delivered)\s*:?\s*(?:on\s+)?"
                               r"(?:[~≈]|approx\.?|about|around|roughly|circa|ca\.?)?\s*$", re.I)
# a date that opens or closes a range is a course's ("Pt called; completed PT 12/15/25-1/30/26"), no contact's
_IN_RANGE = re.compile(r"\s*(?:-|–|—|->|→|to|thru|through|until)\s*\d{1,2}[/-]", re.I)
_RANGE_END = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*(?:-|–|—|->|→|to|thru|through|until)\s*$", re.I)
_MODE_WORD = re.compile(r"\bin[- ]person\b|\bface[- ]to[- ]face\b", re.I)


# "fell 10/20/26. ED same day", "MVC 10/18. ... Seen at County ED same night", "went to urgent care the next day"
_SAME_DAY = re.compile(r"\b(?:(?P<same>(?:the\s+)?same\s+(?:day|night|evening|afternoon)|that\s+(?:same\s+)?(?:day|night|evening|"
                       r"afternoon)|same-day)|(?P<next>(?:the\s+)?(?:next|following)\s+(?:day|morning)|the\s+day\s+after))\b",
                       re.I)


_EVENT_BEFORE = re.compile(r"\b(?:fell|fall|falls|fallen|injur\w*|hurt|twist\w*|rolled|struck|hit|tripped|slipped|"
                           r"collision|MVC|MVA|accident|onset|began|started|s/p|since|pain|sx|symptoms?)\b", re.I)


# "bilateral L5 pars defects seen on lumbar obliques 9/12/2026", "fracture visible on the XR 10/1", "noted on MRI
# dated 3/2": a finding seen on a study, dated by the study - no visit
_SEEN_ON_STUDY = re.compile(r"\b(?:seen|noted|visible|evident|shown|demonstrated|identified|appreciated|present)\s+(?:on|in|by)\s+"
                            r"(?:the\s+|her\s+|his\s+|a\s+)?(?:[\w/-]+\s+){0,3}?(?:x-?rays?|xrs?|films?|radiographs?|views?|"
                            r"obliques?|imaging|mri|mr|ct|scan|ultrasound|us|sonogram|study|studies)\b[^.;\n]{0,20}$", re.I)


# "Pt was evaluated in person by Dr. K. Huang on 02/02/2026", "seen in clinic by her PCP, Dr. A. Lee, on 1/20",
# "had an in-person evaluation with Dr. Ruiz on 3/3/26": a visit whose clinician is named between it and its date
# (even in a staff summary, a dated in-person visit)
_SEEN_BY_ON = re.compile(r"\b(?:seen|evaluated|examined|assessed|evaluation|exam|examination|visit|appointment|appt|consult)"
                         r"(?:\s+(?:in[- ]person|face[- ]to[- ]face|in\s+(?:the\s+)?(?:clinic|office)|here))?"
                         r"\s+(?:by|with)\s+[^;:\n]{1,50}?[\s,](?:on|at)\s*:?\s*$", re.I)


def _dated_visit(sentence: str, k: int, at: int, ref: date, encounters: dict, cues: _Cues,
                 anchor: date | None = None) -> None:
    """ "Seen here 8/11 with LBP", "UC 10/20:", "adm 11/1": a dated visit the note names is an encounter; so is
    one dated by the event before it ("fell 10/20. ED same day", "went to urgent care the next day"): the
    nearest exact date before it in the sentence, else ``anchor`` (the last one of the sentences before)."""
    if not cues.has("encounter.visit", sentence) and not _MODE_WORD.search(sentence):
        return  # ("Pertinent exam (9/3/26, in person):" names its visit by the mode after the date)
    for g in _VISIT_AGO.finditer(sentence):
        n = int(g["n"]) if g["n"].isdigit() else _SMALL[g["n"].lower()]
        day = ref - timedelta(days=n * (1 if g["u"].lower().startswith("d") else 7))
        if day < ref and day not in encounters:
            near = sentence[max(0, g.start() - 40): g.end()]
            mode = "phone" if cues.has("encounter.phone", near) else (
                "telehealth" if cues.has("encounter.telehealth", near) else "in_person")
            encounters[day] = (Encounter(date=day, mode=mode), [Evidence(
                note=k, start=at + g.start(), end=at + g.end(), text=g.group(0), sentence=_short(sentence),
                rule="encounter.visit", context=[])])
    rel = _SAME_DAY.search(sentence) if "day" in sentence or "night" in sentence or "morning" in sentence else None
    if rel and cues.has("encounter.visit", sentence[max(0, rel.start() - 40): rel.end() + 15]):
        prior = [d for d in find_dates(sentence[: rel.start()], ref) if not d.approximate]
        event = prior[-1].value if prior else anchor
        day = event + timedelta(days=1 if rel["next"] else 0) if event else None
        if day is not None and day < ref and day not in encounters:
            ev = Evidence(note=k, start=at + rel.start(), end=at + rel.end(), text=rel.group(0), sentence=_short(sentence),
                          rule="encounter.visit", context=[])
            near = sentence[max(0, rel.start() - 40): rel.end() + 15]
            mode = "phone" if cues.has("encounter.phone", near) else (
                "telehealth" if cues.has("encounter.telehealth", near) else "in_person")
            encounters[day] = (Encounter(date=day, mode=mode), [ev])
    for d in find_dates(sentence, ref):
        if d.value < ref and not d.approximate and d.value not in encounters:
            before = sentence[max(0, d.start - 30): d.start]
            if _NOT_A_VISIT_DATE.search(before):
                continue  # "Pt called c/o back pain (since ~8/20)", "PT note (visit 6 of 6, started 7/9)": no visit that day
            if ref - d.value > timedelta(days=300) and _YEARLESS.fullmatch(d.text.split()[-1]):
                continue  # "urgent ortho f/u Mon 1/26" in a note of 1/24: a day without a year read as last year's is ahead
            if _STUDY_DATED.search(before) or _SEEN_ON_STUDY.search(sentence, max(0, d.start - 60), d.start):
                continue  # "her follow-up whole-body MRI on 12/8/2025 showed ...": the study's date, not a visit's
            if _IN_RANGE.match(sentence, d.end) or _RANGE_END.search(sentence, max(0, d.start - 12), d.start):
                # a date that opens or closes a range is a course's ("Telehealth f/u 11/06/2026\nCompleted PT
                # 9/18-10/30"): a visit only with the visit word on its own line, after any other date there
                before = before[before.rfind("\n") + 1:]
                other = list(_LINE_DATE.finditer(before))
                before = before[other[-1].end():] if other and not _RANGE_END.search(before) else before
                if not cues.has("encounter.visit", before):
                    continue
            if not any(c.isdigit() for c in d.text) and not re.search(r"\b(?:19|20)\d\d\b|[A-Za-z]{3,}\.?\s+\d", d.text):
                # "Peds sick visit\n3 yo s/p minor fall yesterday", "visit for the fall last night": a day told
                # by a word is the visit's only right after the visit word ("seen yesterday", "ED visit last
                # night"); after an injury or a symptom it is that event's day, no visit
                before = sentence[max(0, d.start - 15): d.start]
                if _EVENT_BEFORE.search(before):
                    continue
            if cues.has("encounter.visit", before) or _VISIT_AFTER.match(sentence, d.end) or \
                    _SEEN_BY_ON.search(sentence, max(0, d.start - 90), d.start):
                # (the mode may stand further back in the clause: "A video visit with her surgeon on June 12")
                wide = sentence[max(0, d.start - 60): d.start]
                wide = wide[max(wide.rfind("."), wide.rfind(";")) + 1:]
                mode = "phone" if cues.has("encounter.phone", wide) else (
                    "telehealth" if cues.has("encounter.telehealth", wide) else "in_person")
                ev = Evidence(note=k, start=at + d.start, end=at + d.end, text=d.text, sentence=_short(sentence),
                              rule="encounter.visit", context=[])
                encounters[d.value] = (Encounter(date=d.value, mode=mode), [ev])


def _join_unplaced(facts: dict) -> dict:
    """ "Exam: small effusion R knee ... and effusion": a mention with no side (or location) is the one
    sided (located) record of the same fact when there is just one; and a fact negated in general
    ("no instability") gives way to the same fact affirmed on a side or at a place."""
    out = dict(facts)
    for key in list(out):
        name, loc, side = key
        if key not in out:
            continue
        if side is None:
            sided = [k for k in out if k[0] == name and k[1] == loc and k[2] is not None]
            if len(sided) == 1:
                out[sided[0]] = out.pop(key) + out[sided[0]]
                continue
        if loc is None:
            located = [k for k in out if k[0] == name and k[1] is not None and (side is None or k[2] == side)]
            if not located and side is not None:
                # "possible 2nd MT stress fx" beside "L foot ... to r/o stress fracture": the located record of no side
                # is the same finding, on the side the other names (when both say it is, or both that it is not)
                polarity = {r.present for r, _ in out[key]}
                located = [k for k in out if k[0] == name and k[1] is not None and k[2] is None
                           and len(polarity) == 1 and {r.present for r, _ in out[k]} == polarity]
                if len(located) == 1:
                    merged = [(r.model_copy(update={"side": side}) if r.side is None else r, e) for r, e in out[located[0]]]
                    del out[located[0]]
                    out[(name, located[0][1], side)] = out.pop(key) + merged
                    continue
            if len(located) == 1:
                out[located[0]] = out.pop(key) + out[located[0]]
    for key in list(out):
        name, loc, side = key
        if loc is None and side is None and not any(r.present for r, _ in out[key]) and any(
                r.present for k, found in out.items() if k[0] == name and k != key for r, _ in found):
            del out[key]
    return out


def _by_enum_value(facts: dict) -> dict:
    """ "Tripped over the dog, struck her forehead on the dresser": each value of an enum fact is a fact of its own
    (a ground-level fall and a head strike), as is each one documented absent ("fell off a ladder ... did not hit
    head"); a mention that affirms or denies no value of its own ("no injury") joins the denials."""
    spec = vocabulary().facts
    rules = load_rules().facts
    out: dict = {}
    for key, found in facts.items():
        if spec[key[0]].type != "enum":
            out[key] = found
            continue
        groups: dict = defaultdict(list)
        for rec, ev in found:
            rule = rules.get(ev.rule)
            value = rec.value if rec.present else (rule.value if rule is not None and isinstance(rule.value, str) else None)
            groups[value].append((rec, ev))
        affirmed = {v for v, g in groups.items() if any(r.present for r, _ in g)}
        if affirmed - {"none"}:  # "McMurray neg" (no joint-specific finding) gives way to one found
            affirmed.discard("none")
            groups.pop("none", None)
        # "high-speed MVC ... T-boned": an 'other' value (mvc_other, other) gives way to a named one of its kind
        for v in [v for v in affirmed if isinstance(v, str) and (v == "other" or v.endswith("_other"))]:
            kind = v[: -len("other")]
            if any(w != v and isinstance(w, str) and w.startswith(kind) for w in affirmed):
                affirmed.discard(v)
                groups.pop(v)
        denied = [x for v, g in groups.items() if v not in affirmed for x in g]
        for v in affirmed:
            out[key + (v,)] = groups[v]
        if denied and (not affirmed or any(v is not None and v not in affirmed for v in groups)):
            # a general denial ("no injury") gives way to a documented mechanism; a denied value does not
            out[key + ("-",)] = [x for x in denied if rules.get(x[1].rule) is None or rules[x[1].rule].value is not None] \
                or denied
    return out


_ROOT = re.compile(r"[CTLS]\d{1,2}")


_DERMATOME = re.compile(r"\b(?P<a>[CLS][1-8])(?:\s*-\s*[CLS]?[1-8])?\s+(?:distrib\w*|dermatom\w*)|"
                        r"\b(?:distrib\w*|dermatom\w*)\s+(?:of\s+)?(?:the\s+)?(?:(?:R|L|right|left)\s+)?(?P<b>[CLS][1-8])\b", re.I)
_NOT_ROOT_BEFORE = re.compile(r"\b(?:no|not|non|without|nor)\W+(?:\w+\W+){0,2}$", re.I)


def _dermatome_roots(text: str) -> set[str]:
    """The roots a pain is said to follow ("(S1 distrib)", "in an L5 dermatomal distribution", "dermatomal
    distribution of L5"), not one denied ("non-dermatomal", "not in an L5 distribution")."""
    out = set()
    for m in _DERMATOME.finditer(text):
        if not _NOT_ROOT_BEFORE.search(text, max(0, m.start() - 25), m.start()) and "non" not in m.group(0).lower():
            out.add(m["a"] or m["b"])
    return out


def _root_of_radicular_pain(chosen: list, dermatomes: set[str] = frozenset()) -> list:
    """ "Acute L S1 radiculopathy. Severe radicular pain (VAS 9-10/10)": the root a diagnosed radiculopathy
    names is the distribution of the radicular pain it causes (facts.yaml: radiculopathy is radicular
    symptoms in a named root), so a radicular pain whose own sentences name no root takes it, when the
    diagnoses name one root and none is of the other side."""
    roots = {(r.level, r.side) for r, _, _ in chosen if r.fact == "radiculopathy" and r.present
             and r.level and _ROOT.fullmatch(r.level)}
    if not roots and len(dermatomes) == 1:
        # no diagnosis names the root, but the notes give the pain's dermatome ("... to lateral foot (S1 distrib)")
        roots = {(next(iter(dermatomes)), None)}
    if not roots:
        # "A: severe L C7 radicular pain, refractory." beside "10/10 on VAS": a mention of the same pain that names
        # its root gives the root to the record its severity made (the mentions are one pain)
        roots = {(r.level, r.side) for rec, found, _ in chosen if rec.fact == "radicular_pain" and rec.present
                 for r, _ in found if r.present and r.level and _ROOT.fullmatch(r.level)}
    if not roots:
        # "decreased pinprick L middle finger (C7)": the one root of the exam's sensory loss, on the pain's side,
        # is the distribution the pain follows
        roots = {(r.level, r.side) for r, _, _ in chosen if r.fact == "sensory_loss" and r.present
                 and r.level and _ROOT.fullmatch(r.level)}
        if len(roots) != 1 or any(side is None for _, side in roots):
            roots = set()
    if len({level for level, _ in roots}) != 1:
        return chosen
    out = []
    for r, found, dated in chosen:
        if r.fact == "radicular_pain" and r.present and r.level is None:
            level = next(iter(roots))[0]
            sides = {side for _, side in roots if side}
            if r.side is None or not sides or sides == {r.side}:
                update = {"level": level}
                if r.side is None and len(sides) == 1:
                    update["side"] = sides.pop()
                r = r.model_copy(update=update)
        out.append((r, found, dated))
    return out


# "Pain localizes exactly to L1", "point tenderness over T12-L1 spinous processes", "TTP at L1", "L1 tenderness":
# a spinal pain or tenderness placed at a vertebral level (or a span of levels)
_LEVEL = r"[CTLS](?:1[0-2]|[1-9])"
_PAIN_AT_LEVEL = re.compile(
    rf"\b(?:pain|tender(?:ness)?|TTP|ttp|point[- ]tender\w*|localizes?|localized|focal\s+tenderness)\b"
    rf"(?:\s+(?!no\b|not\b|without\b)[\w/]+){{0,5}}?\s+(?:to|at|over|of|@|around|in)\s+(?:the\s+)?"
    rf"(?:(?:mid(?:line)?|spinous\s+process(?:es)?\s+(?:of|at))\s+)?(?P<a>{_LEVEL})(?:\s*[-–/]\s*(?P<b>{_LEVEL}))?\b"
    rf"|\b(?P<c>{_LEVEL})(?:\s*[-–/]\s*(?P<d>{_LEVEL}))?\s+(?:spinous\s+process\s+|midline\s+)?(?:pain|tenderness|TTP)\b")
_FRACTURE_FACTS = frozenset({"compression_fracture_new", "spinal_fracture_known"})
_SPINE_ORDER = {f"{r}{i}": n for n, (r, i) in enumerate(
    [("C", i) for i in range(1, 8)] + [("T", i) for i in range(1, 13)] + [("L", i) for i in range(1, 6)]
    + [("S", i) for i in range(1, 6)])}


def _pain_at_fracture_level(docs, texts, default_date: date, facts: dict, imaging: list) -> None:
    """ "X-ray: new compression deformity of L1" ... "Pain localizes exactly to L1": a spinal pain or tenderness at
    the level of the fracture the x-ray shows is pain concordant with the x-ray (facts.yaml pain_concordant_with_xray:
    the location of spinal pain is concordant with the x-ray findings). Only read when an x-ray and a fracture with
    a level are in the notes (no pass over notes without one)."""
    if any(key[0] == "pain_concordant_with_xray" for key in facts) or not any(im.modality == "xray" for im, *_ in imaging):
        return
    levels = {rec.level.upper() for key, found in facts.items() if key[0] in _FRACTURE_FACTS
              for rec, _ in found if rec.present and rec.level and rec.level.upper() in _SPINE_ORDER}
    if not levels:
        return
    for k, doc in enumerate(docs):
        text = doc.text
        for m in _PAIN_AT_LEVEL.finditer(text):
            a, b = (m["a"], m["b"]) if m["a"] else (m["c"], m["d"])
            lo = _SPINE_ORDER.get(a.upper())
            hi = _SPINE_ORDER.get((b or a).upper())
            if lo is None or hi is None:
                continue
            hit = next((lv for lv in sorted(levels) if min(lo, hi) <= _SPINE_ORDER[lv] <= max(lo, hi)), None)
            if hit is None:
                continue
            line_a = max(text.rfind(".", 0, m.start()) + 1, text.rfind("\n", 0, m.start()) + 1)
            line_b = min([i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i >= 0] or [len(text)])
            sentence = text[line_a:line_b].strip()
            if re.search(r"\b(?:no|not|denies|without|non-?)\b[^,;]{0,25}$", text[line_a:m.start()], re.I):
                continue  # "no tenderness at L1", "nontender over L1"
            ref = texts[k][1] or default_date
            rec = FactRecord(fact="pain_concordant_with_xray", present=True, level=hit, date=ref,
                             detail=f'note {k + 1}: "{_short(sentence)}"')
            ev = Evidence(note=k, start=m.start(), end=m.end(), text=m.group(0), sentence=_short(sentence),
                          rule="pain at the fracture's level", context=[])
            facts[("pain_concordant_with_xray", None, None)].append((rec, ev))
            return


def _asymmetry_on_the_weaker_side(chosen: list) -> list:
    """ "L triceps reflex absent (R 2+)": an asymmetric reflex is the diminished one (facts.yaml: reflex_asymmetry
    is a diminished, absent or asymmetric reflex), so when the same reflex is graded on both sides the asymmetry
    is on the side with the lower grade, whichever side is named nearest."""
    graded: dict[str | None, dict[str, float]] = {}
    for r, _, _ in chosen:
        if r.fact == "reflex_grade" and r.present and r.side in ("left", "right") and isinstance(r.value, (int, float)):
            graded.setdefault(r.location, {})[r.side] = r.value
    if not graded:
        return chosen
    out = []
    for r, found, dated in chosen:
        if r.fact == "reflex_asymmetry" and r.present and r.side in ("left", "right"):
            pairs = [g for loc, g in graded.items() if len(g) == 2 and g["left"] != g["right"]
                     and (r.location is None or loc == r.location)]
            if len(pairs) == 1:
                weaker = min(pairs[0], key=pairs[0].get)
                if weaker != r.side:
                    r = r.model_copy(update={"side": weaker})
        out.append((r, found, dated))
    return out


_PAIN_LIMITED = re.compile(r"pain[- ]limited|limited\s+by\s+pain|give[- ]?way|effort[- ]dependent|poor\s+effort|"
                           r"secondary\s+to\s+pain|due\s+to\s+pain|d/t\s+pain", re.I)


class _Largest(dict):
    """fact name -> whether its value is the largest of its mentions (rules: value.largest)."""

    def __missing__(self, name: str) -> bool:
        self[name] = any(r.fact == name and isinstance(r.value, ValueReader) and r.value.largest
                         for r in load_rules().facts.values())
        return self[name]


_LARGEST = _Largest()


def _assemble(facts, treatments, imaging, encounters, onset: date | None, event_dated: set[int],
              study_findings: set[tuple[int, int]] = frozenset(), replaced: bool = False,
              dermatomes: set[str] = frozenset()) -> Extraction:
    items: list[Extracted] = []
    facts = _by_enum_value(_join_unplaced(facts))
    chosen: list[tuple[FactRecord, list, bool]] = []  # (record, its mentions, whether its date is the event's)
    # "SLR + L, neg R": a side-specific mention is its own record; one without a side joins none
    for found in facts.values():
        # "McMurray neg" (no joint-specific finding) gives way to any maneuver that found one
        affirmed = [x for x in found if x[0].present and x[0].value != "none"] or [x for x in found if x[0].present]
        if affirmed and onset is not None and len(affirmed) < len(found) and vocabulary().facts[affirmed[0][0].fact].starts_episode \
                and all((r.onset or r.date) < onset - timedelta(days=14) for r, _ in affirmed) \
                and any(not r.present and (r.onset or r.date) >= onset for r, _ in found):
            # "LBP since first week of October, no injury ... x-rays in March after a sledding fall": an injury dated
            # before this episode began, beside "no injury" for this one, is history, not this episode's event
            affirmed = []
            found = [x for x in found if not x[0].present] or found
        # a finding an earlier study showed ("MRI 9/15: ... small effusion") gives way to today's exam
        # saying otherwise ("Exam: no effusion")
        if affirmed and all((e.note, e.start) in study_findings for _, e in affirmed) and any(
                not r.present and (e.note, e.start) not in study_findings for r, e in found):
            affirmed = []
        # a documented finding outweighs a templated negative elsewhere in the notes; among equals the
        # last mention (the latest in the note) speaks for the current state
        pool = affirmed or found
        rec = pool[-1][0]
        if rec.present and rec.value is not None and _LARGEST[rec.fact]:
            # "Thoracic Cobb 44°. Lumbar Cobb 30°.": one value per structure, the largest is the fact's
            rec = max((r for r, _ in pool if r.value is not None), key=lambda r: r.value)
        if rec.value is None:
            rec = next((r for r, _ in reversed(pool) if r.value is not None), rec)
        dated = [r for r, _ in pool if id(r) in event_dated]
        if dated and id(rec) not in event_dated:
            rec = rec.model_copy(update={"date": dated[-1].date})
        onsets = [r.onset for r, _ in pool if r.onset]
        if onsets and rec.onset is None:
            rec = rec.model_copy(update={"onset": min(onsets)})
        elif rec.onset is None and rec.present and onset is not None and onset <= rec.date \
                and vocabulary().facts[rec.fact].category == "scenario" and not vocabulary().facts[rec.fact].starts_episode:
            # "chronic ankle instability" in the impression, the sprain on April 12 in the history: the
            # scenario began when the episode did
            rec = rec.model_copy(update={"onset": onset})
        # a device's MRI labelling, wherever the notes give it ("not MRI-conditional" wins)
        labels = {r.mri_conditional for r, _ in pool if r.mri_conditional is not None}
        if labels and rec.mri_conditional is None or rec.mri_conditional is True and False in labels:
            rec = rec.model_copy(update={"mri_conditional": False not in labels})
        chosen.append((rec, found, bool(dated)))
    chosen = _root_of_radicular_pain(chosen, dermatomes)
    chosen = _asymmetry_on_the_weaker_side(chosen)
    # an event named again without its date ("~8 wks after ACDF", a separate record for want of the side
    # its dated mention has) happened when the dated mention says, not on the note's date
    when: dict[str, date] = {}
    for r, _, dated in chosen:
        if dated:
            when[r.fact] = max(when.get(r.fact, r.date), r.date)
    out_facts = []
    for r, found, dated in chosen:
        if not dated and r.fact in when:
            r = r.model_copy(update={"date": when[r.fact]})
        out_facts.append(r)
        items.append(Extracted(kind="fact", record=_dump(r), evidence=[e for _, e in found]))
    if replaced and not any(r.fact == "prosthesis_instability" for r in out_facts):
        # a replaced joint's stability is the prosthesis's: "s/p R THA ... No instability", "stable through a full arc"
        for r, found, _ in chosen:
            if r.fact == "joint_instability":
                p = r.model_copy(update={"fact": "prosthesis_instability"})
                out_facts.append(p)
                items.append(Extracted(kind="fact", record=_dump(p), evidence=[e for _, e in found]))
                break
    if not any(r.fact == "bilateral_motor_weakness" for r in out_facts):
        # "Grip 4/5 bilaterally", "EHL 4/5 bilat, ankle PF 4/5 bilat": a muscle graded weak on both sides is
        # bilateral motor weakness (not a grade held back by pain: "4+/5 limited by pain")
        for r, found, _ in chosen:
            if r.fact == "motor_grade" and r.present and r.value is not None and r.value < 5 \
                    and r.side == "bilateral" and not _PAIN_LIMITED.search(r.detail or ""):
                w = FactRecord.model_construct(fact="bilateral_motor_weakness", present=True, value=None, date=r.date,
                                               onset=None, side="bilateral", level=None, location=None,
                                               mri_conditional=None, detail=r.detail)
                out_facts.append(w)
                items.append(Extracted(kind="fact", record=_dump(w), evidence=[e for _, e in found]))
                break
    out_treatments = []
    spec = vocabulary().facts
    began = min((r.onset for r in out_facts if r.present and r.onset and spec[r.fact].category in ("symptom", "scenario")),
                default=None)
    if onset is not None and (began is None or onset < began):
        began = onset
    undocumented: set[str] = set()  # the kinds whose courses no account dates
    for kind, found in treatments.items():
        # a later note that tells an undated course as past ("Failed NSAIDs ..." copied forward from the history),
        # or repeats an earlier note's sentence word for word, does not run the course on to its own date
        first_ref = min(t["_ref"] for t, _ in found)
        said = {t["_said"] for t, _ in found if t["_ref"] == first_ref}
        told = [t for t, _ in found if t["_ref"] == first_ref or t["_dated"] or not (t["_past"] or t["_said"] in said)]
        # a dated account ("PT 7/14 thru 9/22") outweighs a summary's "failed >6 wks of PT"
        timed = [t for t in told if t["_dated"]] or told
        starts = [t["start"] for t in timed if t["start"]]
        ends = [t["end"] for t in timed if t["end"]]
        # "stopped the HEP" with no day: it ended after the last day the notes know of it, before the note
        stopped = any(t.get("_stopped") for t in timed)
        if stopped and not ends and starts:
            ends = [max(starts)]
        responses = [t["response"] for t in timed if t["response"]] or [t["response"] for t, _ in found if t["response"]]
        ref = max(t["_ref"] for t, _ in found)
        start, end, detail = min(starts) if starts else None, max(ends) if ends else None, found[0][0]["detail"]
        end_only = start is None and end is not None and all(t.get("_end_only") for t in timed if t["end"])
        if end_only:
            # "stopped the HEP in mid-May", "off naproxen since Feb": known to have run by the day it stopped, its
            # start and length not told (no course from the symptoms' onset)
            start = end
            detail = f"start not documented; known to have run by its end. {detail}"
        elif start is None:
            # "failed NSAIDs" with no dates: taken as tried since the symptoms began, up to the note (a course
            # that ended before then, "off opioids since Feb", ended that day)
            start, end = began or ref, end or (began or ref if stopped else ref)
            start = min(start, end)
            detail = f"dates not documented; taken as since symptom onset. {detail}"
        # one mention of a course the clinician directed makes it provider-directed
        directed = any(not t["_self"] for t, _ in found)
        # no account of it gives a date or a real length: its span is only the days it is known to have run by (the
        # engine reads an undated course that helped as no failed trial at any length)
        no_dates = all(t.get("_undated", False) for t in timed)
        undated = no_dates or end_only
        t = Treatment.model_construct(kind=kind, start=start, end=end, provider_directed=directed, detail=detail,
                                      response=responses[-1] if responses else None, undated=undated)
        out_treatments.append(t)
        if no_dates:
            undocumented.add(kind)
        items.append(Extracted(kind="treatment", record=_dump(t), evidence=[e for _, e in found]))
    # "Did PT Sept-Nov 2025 ..., still does the exercises", "PT 6/8 - 7/17 ... doing HEP": a home program named without
    # its dates is the one the dated therapy taught, kept up since the therapy ended
    pt = next((t for t in out_treatments if t.kind == "physical_therapy" and t.kind not in undocumented), None)
    for i, t in enumerate(out_treatments):
        if t.kind == "home_exercise" and t.kind in undocumented and pt is not None and (pt.end or pt.start) < t.start:
            hep = t.model_copy(update={"start": pt.end or pt.start, "undated": False,
                                       "detail": "dates not documented; taken as since the dated PT. "
                                                 + (t.detail or "").replace("dates not documented; taken as since symptom onset. ", "")})
            out_treatments[i] = hep
            item = next(x for x in items if x.kind == "treatment" and x.record.get("kind") == "home_exercise")
            item.record.clear()
            item.record.update(_dump(hep))
    seen_imaging: dict[tuple, PriorImaging] = {}
    # "A/P: ... films negative": an undated mention of a modality the notes date elsewhere is that study
    dated_studies = {}
    for im, _, dated in imaging:
        if dated is True or dated == "month":
            dated_studies.setdefault(im.modality, []).append(im)
    for im, ev, dated in sorted(imaging, key=lambda x: x[2] is not True):
        same = dated_studies.get(im.modality, [])
        before = [x for x in seen_imaging.values() if x.modality == im.modality and x.date < im.date] \
            if dated == "earlier" else []
        # (of the same part; else the one earlier study of that kind: "Ortho Hand f/u ... X-rays from ED reviewed")
        before = [x for x in before if x.region == im.region] or (before if len(before) == 1 else [])
        month = [x for x in same if x is not im and x.date != im.date and (x.date.year, x.date.month) ==
                 (im.date.year, im.date.month) and x.region == im.region] if dated == "month" else []
        if before:
            # "X-rays from ED reviewed, negative" in the clinic note: the ED's x-ray, not a new one
            target = max(before, key=lambda x: x.date)
            im = target.model_copy(update={"result": im.result}) if im.result and not target.result else target
        elif month:
            # "Ankle radiographs from January were negative" beside "XR R ankle 3V 1/24/26: no fx": that film
            target = month[0]
            im = target.model_copy(update={"result": im.result}) if im.result and not target.result else target
        elif dated == "month" and onset is not None and (onset.year, onset.month) == (im.date.year, im.date.month) \
                and im.date < onset:
            # (a film of the month the episode began in was not taken before it began)
            im = im.model_copy(update={"date": onset})
        elif dated is not True and dated != "month" and same:
            target = next((x for x in same if x.region == im.region), same[-1])
            im = target.model_copy(update={"result": im.result}) if im.result and not target.result else target
        key = (im.modality, im.region, im.date)
        if key in seen_imaging:
            item = next(i for i in items if i.kind == "imaging" and i.record["_key"] == list(key))
            if im.result and not seen_imaging[key].result:
                seen_imaging[key] = im
                item.record["result"] = im.result
            item.evidence.append(ev)
            continue
        seen_imaging[key] = im
        items.append(Extracted(kind="imaging", record={**_dump(im), "_key": list(key)}, evidence=[ev]))
    for it in items:
        it.record.pop("_key", None)
    for d, (enc, evs) in sorted(encounters.items()):
        items.append(Extracted(kind="encounter", record=_dump(enc), evidence=evs))
    clinical = Clinical.model_construct(
        episode_onset=onset, encounters=[e for e, _ in (encounters[d] for d in sorted(encounters))],
        facts=out_facts, treatments=out_treatments, imaging=list(seen_imaging.values()))
    return Extraction(clinical=clinical, items=items)


def _dump(model: BaseModel) -> dict:
    return {k: v for k, v in model.model_dump(mode="json").items()
            if not (v is None or v is False or v == []) or k == "present"}
