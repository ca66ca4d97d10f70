"""Reading notes: negation, experiencer and hypotheticals, dates, values, evidence, merging."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from necessity import review
from necessity.cli import app
from necessity.errors import ExtractionRuleError
from necessity.extract import read_notes
from necessity.extract.dates import find_dates, find_durations
from necessity.extract.readers import read_level, read_side, read_value
from necessity.extract.rules import ValueReader, load_rule_folder
from necessity.extract.scoring import Tally, units

REF = dt.date(2026, 10, 27)


def facts(text: str, ref: dt.date = REF) -> dict:
    ex = read_notes([text], ref)
    return {(f.fact, f.location): f for f in ex.clinical.facts}


def one(text: str, name: str, ref: dt.date = REF):
    found = [f for (n, _), f in facts(text, ref).items() if n == name]
    return found[0] if found else None


# --- negation, uncertainty, hypotheticals, experiencer ---------------------------------------------

@pytest.mark.parametrize("text, name, present", [
    ("Denies fever or chills.", "fever", False),
    ("No saddle anesthesia.", "saddle_anesthesia", False),
    ("SLR neg bilat.", "nerve_tension_sign", False),
    ("Positive SLR on the left at 40 degrees.", "nerve_tension_sign", True),
    ("Fever: no", "fever", False),
    ("Febrile to 101.8 overnight.", "fever", True),
])
def test_negation_is_documented_absence(text, name, present):
    rec = one(text, name)
    assert rec is not None, f"{name} not read from {text!r}"
    assert rec.present is present


@pytest.mark.parametrize("text, name", [
    ("Return if fever or saddle anesthesia develops.", "saddle_anesthesia"),
    ("Call if fever.", "fever"),
    ("Her mother had a fever last week.", "fever"),
])
def test_hypothetical_and_family_mentions_leave_the_fact_unknown(text, name):
    assert one(text, name) is None


def test_a_suspected_finding_is_documented_by_its_uncertainty():
    rec = one("Ankle pain after a fall, r/o occult fracture.", "occult_fracture_suspected")
    assert rec is not None and rec.present is True


@pytest.mark.parametrize("text, region, name", [
    ("r/o occult fracture, MRI requested.", "knee", "occult_fracture_suspected"),
    ("MRI L-spine to evaluate for pseudarthrosis.", "lumbar", "pseudoarthrosis_suspected"),
])
def test_what_a_study_is_ordered_to_look_for_is_a_suspected_finding(text, region, name):
    rec = {f.fact: f for f in read_notes([text], REF, region).clinical.facts}.get(name)
    assert rec is not None and rec.present is True
    # other facts named as a study's purpose stay unknown, and safety-net advice is no finding
    assert read_notes(["MRI requested to evaluate for fever source."], REF).clinical.facts == []


def test_an_allergy_list_states_real_allergies_and_does_not_swallow_the_exam_after_it():
    got = facts("Allergies: anaphylaxis to gadolinium (2018).\nExam: knee effusion.")
    assert got[("gadolinium_contrast_contraindicated", None)].present is True
    assert got[("joint_effusion", None)].present is True


def test_unmentioned_facts_are_unknown_not_false():
    got = facts("Left leg pain for 3 weeks.")
    assert ("fever", None) not in got and ("saddle_anesthesia", None) not in got


# --- values, sides, levels -------------------------------------------------------------------------

def test_motor_grade_is_read_per_muscle_from_the_nearest_grade():
    got = facts("Strength: EHL 4/5 on the left, otherwise 5/5 including TA and gastroc.")
    assert got[("motor_grade", "extensor hallucis longus")].value == 4
    assert got[("motor_grade", "extensor hallucis longus")].side == "left"
    assert got[("motor_grade", "tibialis anterior")].value == 5


@pytest.mark.parametrize("text, expected", [
    ("EHL 4/5 L, 5/5 R. SLR neg.", {("extensor hallucis longus", 4, "left"), ("extensor hallucis longus", 5, "right")}),
    ("Patellar 1+ R, 2+ L. Achilles 2+ bilat.", {("patellar", 1, "right"), ("patellar", 2, "left"), ("achilles", 2, "bilateral")}),
    ("Reflexes: R brachioradialis 1+, L 2+; biceps 2+ bilat.",
     {("brachioradialis", 1, "right"), ("brachioradialis", 2, "left"), ("biceps", 2, "bilateral")}),
    ("Motor: deltoid 5/5, biceps 4+/5 R (5/5 L), triceps 5/5.",
     {("deltoid", 5, None), ("biceps", 4, "right"), ("biceps", 5, "left"), ("triceps", 5, None)}),
    ("BR reflex absent L, 2+ R.", {("brachioradialis", 0, "left"), ("brachioradialis", 2, "right")}),
])
def test_exam_values_written_per_side_are_one_record_per_side(text, expected):
    got = {(f.location, f.value, f.side) for f in read_notes([text], REF).clinical.facts
           if f.fact in ("motor_grade", "reflex_grade")}
    assert got == expected


@pytest.mark.parametrize("reader, sentence, span, value", [
    (ValueReader(read="score"), "radiating pain down the leg, VAS 9/10", (0, 14), 9),
    (ValueReader(read="score"), "leg pain 3-4/10 today", (0, 8), 3),  # a range: its lower end (thresholds are floors)
    (ValueReader(read="grade"), "EHL 3/5", (0, 3), 3),
    (ValueReader(read="grade"), "4+/5 quadriceps", (5, 15), 4),
    (ValueReader(read="reflex"), "Achilles reflex 1+ on the right", (0, 15), 1),
    (ValueReader(read="reflex"), "absent Achilles reflex", (7, 22), 0),
    (ValueReader(read="number", unit="°|deg|degrees"), "Cobb angle 25° thoracic", (0, 10), 25),
    (ValueReader(read="number", unit=r"\s*cm"), "a 6 cm firm mass", (9, 16), 6),
    (ValueReader(read="number", unit=r"°?\s*F\b"), "Temp 101.2 F today", (0, 4), 101.2),
    (ValueReader(read="number", unit=r"\s*mm"), "atlanto-dens interval 4.6 mm", (0, 21), 4.6),
    (ValueReader(read="number", unit=r"°?\s*F\b", celsius=r"°?\s*C\b"), "Temp 38.6 C today", (0, 4), 101.5),
])
def test_value_readers(reader, sentence, span, value):
    assert read_value(reader, sentence, *span) == pytest.approx(value)


def test_a_score_of_another_subject_is_skipped_and_the_next_sentence_may_carry_it():
    radicular = ValueReader(read="score", not_of="neck|back", next_sentence=True)
    sentence = "Neck pain 5/10 radiating to the thumb, arm pain 6/10."
    assert read_value(radicular, sentence, 15, 24) == 6  # "radiating": the neck's 5/10 is not its score
    assert read_value(radicular, "Pain shoots down the R leg.", 0, 11, "VAS 9/10 today, 4/10 back.") == 9
    assert read_value(radicular, "Pain shoots down the R leg.", 0, 11, "Back 4/10.") is None
    assert read_value(ValueReader(read="score"), "Pain shoots down the R leg.", 0, 11, "VAS 9/10.") is None
    # end to end: the severe radicular pain scored in the next sentence is the finding's value
    rec = one("R L5 radicular pain shooting to the foot. VAS 9/10 today, 4/10 back.", "radicular_pain")
    assert rec is not None and rec.value == 9


def test_a_unit_or_side_letter_ends_a_sentence_but_an_initial_does_not():
    from necessity.extract.pipeline import nlp, unwrap

    doc = nlp()(unwrap("T 101.2 F. Weak on the R. Seen by Dr. J. Smith today."))
    assert [s.text.strip() for s in doc.sents] == ["T 101.2 F.", "Weak on the R.", "Seen by Dr. J. Smith today."]
    # a side written b/l. or after a finding ('neg R.') closes its sentence too; a name after 'by' does not
    doc = nlp()(unwrap("DTR 2+ b/l. Babinski downgoing. SLR neg R. Reflexes sym. Seen by R. Patel today."))
    assert [s.text.strip() for s in doc.sents] == ["DTR 2+ b/l.", "Babinski downgoing.", "SLR neg R.", "Reflexes sym.",
                                                   "Seen by R. Patel today."]


def test_a_mention_without_a_side_joins_the_one_sided_record_and_general_negation_yields():
    ex = read_notes(["Exam: small effusion R knee. Aspirated the effusion. No instability. R knee unstable to valgus."],
                    REF, "knee", age=40)
    recs = {(f.fact, f.side, f.present) for f in ex.clinical.facts if f.fact in ("joint_effusion", "joint_instability")}
    assert ("joint_effusion", None, True) not in recs and ("joint_effusion", "right", True) in recs
    assert not any(f == "joint_instability" and not present for f, _, present in recs)


def test_side_and_level():
    s = "Left L5 radiculopathy"
    assert read_side(s, 8, 21) == "left" and read_level(s, 8, 21) == "L5"
    assert read_level("disc protrusion at L4-5", 0, 15) == "L4-5"
    assert read_level("C5-C6 foraminal stenosis", 6, 24) == "C5-6"
    assert read_side("R knee effusion", 2, 15) == "right"
    assert read_side("effusion in both knees", 0, 8) == "bilateral"
    assert read_side("history and exam both concerning for tear", 0, 7) is None


# --- dates and durations ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("x-rays 3/2/26", dt.date(2026, 3, 2)),
    ("seen 8/11", dt.date(2026, 8, 11)),
    ("seen 12/1", dt.date(2025, 12, 1)),  # no year: the latest such day not after the note
    ("onset 08/04/2026", dt.date(2026, 8, 4)),
    ("on October 3, 2026", dt.date(2026, 10, 3)),
    ("3 weeks ago", dt.date(2026, 10, 6)),
    ("since last summer", dt.date(2026, 7, 1)),
    ("in mid-September", dt.date(2026, 9, 15)),
    ("since around the middle of october", dt.date(2026, 10, 15)),
    ("by the end of September", dt.date(2026, 9, 25)),
    ("shin pain around 10/5", dt.date(2026, 10, 5)),  # not a motor grade: grades are 0-5 over 5
])
def test_dates_resolve_against_the_note_date(text, expected):
    assert [d.value for d in find_dates(text, REF)] == [expected]


def test_onset_comes_from_the_duration_or_the_dated_onset_word_not_the_note_heading():
    ex = read_notes(["SPINE CLINIC 10/27/2026: 34 yo M c/o low back pain x ~4 mo."], REF)
    (lbp,) = [f for f in ex.clinical.facts if f.fact == "low_back_pain"]
    assert lbp.onset == REF - dt.timedelta(days=120)
    ex = read_notes(["Seen 10/27/26. Low back pain since 7/20/26, no injury."], REF)
    (lbp,) = [f for f in ex.clinical.facts if f.fact == "low_back_pain"]
    assert lbp.onset == dt.date(2026, 7, 20)


@pytest.mark.parametrize("text, onset", [
    # the date the onset word leads to, not the heading's
    ("10/27/26 L knee new pt 24M, pickup bball 10/18 planted & twisted, +pop.", dt.date(2026, 10, 18)),
    ("Ortho clinic 10/27/26 72M fell off a ladder on 10/24 while hanging lights.", dt.date(2026, 10, 24)),
    # the words before a course: "seen by PCP 10/22 and started on ibuprofen" is the course's date
    ("45M w/ intermittent LBP, current flare since 10/20/26, seen by PCP 10/22 and started on ibuprofen.",
     dt.date(2026, 10, 20)),
    ("Started complaining of back pain around 10/7, no known fall.", dt.date(2026, 10, 7)),
])
def test_the_episode_begins_at_the_date_an_onset_or_injury_word_leads_to(text, onset):
    assert read_notes([text], REF).clinical.episode_onset == onset


def test_a_scenario_without_its_own_onset_began_with_the_episode():
    note = ("She rolled the ankle stepping off a curb on April 12 of this year and has had lateral ankle pain "
            "ever since - five or six episodes since the summer. My impression is chronic lateral ankle "
            "ligament insufficiency.")
    ex = read_notes([note], REF, "ankle")
    assert ex.clinical.episode_onset == dt.date(2026, 4, 12)  # the earliest onset word's date, not "the summer"
    (chronic,) = [f for f in ex.clinical.facts if f.fact == "chronic_limb_injury"]
    assert (chronic.present, chronic.onset) == (True, dt.date(2026, 4, 12))


def test_an_event_named_again_without_its_date_keeps_the_written_date():
    note = ("66F s/p C5-6 ACDF 07/08/2026 for R C6 radiculopathy. Post-op XR C-spine 09/20/26: plate intact.\n"
            "A: new L C6 radicular sx ~8 wks after C5-6 ACDF.")
    ex = read_notes([note], REF)
    surgery = {(f.side, f.date) for f in ex.clinical.facts if f.fact == "spinal_surgery"}
    assert surgery and all(d == dt.date(2026, 7, 8) for _, d in surgery)
    shown = [x.record["date"] for x in ex.items if x.kind == "fact" and x.record["fact"] == "spinal_surgery"]
    assert shown and set(shown) == {"2026-07-08"}


def test_scores_and_grades_are_not_dates():
    assert find_dates("pain 7/10, EHL 4/5", REF) == ()


@pytest.mark.parametrize("text, days", [("6 wks of PT", 42), ("x 3 months", 90), ("for the past two weeks", 14),
                                        ("LBP x10 days", 10), ("x6wks", 42)])
def test_durations(text, days):
    assert [d.value for d in find_durations(text)] == [days]


def test_treatment_course_dates_duration_and_response():
    ex = read_notes(["Started PT 8/17, completed 10/9 (8 wks) without improvement."], REF)
    (pt,) = [t for t in ex.clinical.treatments if t.kind == "physical_therapy"]
    assert (pt.start, pt.end, pt.response) == (dt.date(2026, 8, 17), dt.date(2026, 10, 9), "none")


def test_each_course_in_a_sentence_keeps_its_own_dates_and_a_dated_account_beats_a_summary():
    ex = read_notes(["Naproxen 500 mg BID 6/1 - 7/31 without much benefit, PT 2x/wk 8/4 thru 9/22 (7 wks), no real relief. "
                     "On 9/25 she was started on gabapentin, still taking it. "
                     "A/P: failed >6 wks of NSAID and PT."], REF)
    got = {t.kind: (t.start, t.end, t.response) for t in ex.clinical.treatments}
    assert got == {"nsaid": (dt.date(2026, 6, 1), dt.date(2026, 7, 31), "minimal"),
                   "physical_therapy": (dt.date(2026, 8, 4), dt.date(2026, 9, 22), "none"),
                   "neuropathic_pain_medication": (dt.date(2026, 9, 25), None, None)}


def test_a_sentence_on_how_the_care_went_answers_for_the_courses_named_before_it():
    ex = read_notes(["Started on diclofenac 7/16. Physical therapy 8/3 to 9/25. "
                     "At re-evaluation today he reports no meaningful improvement. "
                     "On 10/20 he was started on gabapentin."], REF)
    got = {t.kind: t.response for t in ex.clinical.treatments}
    assert got == {"nsaid": "none", "physical_therapy": "none", "neuropathic_pain_medication": None}
    # a course's own words win over the general account
    ex = read_notes(["PT 8/3 to 9/25 with slight improvement. Pt reports still the same."], REF)
    assert [t.response for t in ex.clinical.treatments] == ["minimal"]


def test_planned_treatment_is_not_a_course_tried():
    ex = read_notes(["Recommend PT 2x/week for 6 weeks."], REF)
    assert ex.clinical.treatments == []


@pytest.mark.parametrize("text", [
    "- pain control, PT/OT eval, admit to obs",
    "We discussed that a trial of PT/home exercise would normally come first.",
    "Recommend PT, NSAIDs and HEP.",
])
def test_courses_listed_together_share_the_plan_words_around_the_list(text):
    assert read_notes([text], REF).clinical.treatments == []


def test_prior_imaging_needs_evidence_it_was_done():
    ex = read_notes(["X-rays of the lumbar spine 3/2/26 were normal. Plan: MRI lumbar spine w/o contrast."], REF)
    assert [(m.modality, m.region, m.date, m.result) for m in ex.clinical.imaging] == [
        ("xray", "lumbar", dt.date(2026, 3, 2), "normal")]


@pytest.mark.parametrize("text, region, expected", [
    ("XR R knee 3V (7/2/26): no fx, joint spaces preserved, nml alignment.", "knee", [("knee", "normal")]),
    ("XR L tib/fib 10/28/26 - no cortical lucency, periosteal reaction or fracture.", "leg", [("leg", "normal")]),
    ("XR L hip 10/2/26: new 2 mm radiolucent line around the femoral stem; cup stable.", "hip", [("hip", "abnormal")]),
    ("MRI L-spine 9/1/26 showed L5-S1 disc herniation.", "lumbar", [("lumbar", "abnormal")]),
    ("Lumbar MRI 9/1/26 showed no stenosis.", "lumbar", [("lumbar", "normal")]),
    ("XR AP pelvis + L hip 2 views 10/31: no acute fracture or dislocation.", "lower_extremity_joint",
     [("pelvis", "normal"), ("hip", "normal")]),
    ("AP pelvis x-ray (10/23/26): femoral head ossific nuclei not yet visible.", "hip", [("pelvis", None)]),
    ("Hip x-ray not done today - no onsite xray.", "hip", []),
    ("Will get US R hip to evaluate for effusion.", "hip", []),
    ("X-rays 8/12: equivocal lucency at the pars.", "lumbar", [("lumbar", "equivocal")]),
])
def test_prior_study_result_and_body_part(text, region, expected):
    got = read_notes([text], REF, region).clinical.imaging
    assert [(m.region, m.result) for m in got] == expected


def test_a_prior_study_keeps_the_findings_it_showed_and_the_septic_joint_criterion_reads_them():
    text = ("54M with a hot swollen R ankle x 3 days, T 101.4 F. XR R ankle 10/31: soft tissue swelling and ankle "
            "joint effusion, no erosions, no fracture. Impression: septic arthritis of the R ankle suspected.")
    (xr,) = read_notes([text], REF, "ankle").clinical.imaging
    assert (xr.region, xr.result, sorted(xr.findings)) == ("ankle", "abnormal", ["joint_effusion", "soft_tissue_swelling"])
    # the indication is not a finding: only the words after the result marker count
    (xr,) = read_notes(["XR R knee 10/1 for knee effusion, read as normal."], REF, "knee").clinical.imaging
    assert xr.findings == []
    d = review({"policy_set": "cohere", "patient": {"birth_date": "1972-03-01", "sex": "male"},
                "request": {"cpt": "73721", "date": "2026-11-01"}, "notes": [{"text": text, "date": "2026-11-01"}]})
    assert (d.outcome, d.sections) == ("approve", ["cohere-le-mri:septic-arthritis"])


@pytest.mark.parametrize("text, conditional", [
    ("s/p pacemaker 2022 - Medtronic Azure SureScan, an MRI-conditional system. Plan: MRI (pacemaker protocol).", True),
    ("Dual-chamber pacemaker, not MRI-conditional (abandoned leads).", False),
    ("Pacemaker placed 2019.", None),
])
def test_an_implanted_device_keeps_its_mri_labelling(text, conditional):
    (dev,) = [f for f in read_notes([text], REF, "knee").clinical.facts if f.fact == "implanted_device"]
    assert (dev.value, dev.mri_conditional) == ("pacemaker", conditional)


def test_a_restated_study_is_the_dated_one_and_a_planned_study_is_no_study():
    note = ("Lumbar spine x-rays 9/2/26 (PCP). Last PET/CT 6/12/26 stable disease.\n"
            "A: L5 radiculopathy, normal x-rays, failed 6 wks PT.\n"
            "P: MRI L-spine w/o contrast, then L5-S1 TFESI tentatively 11/6.")
    got = [(m.modality, m.region, m.date, m.result) for m in read_notes([note], REF, "lumbar").clinical.imaging]
    assert got == [("xray", "lumbar", dt.date(2026, 9, 2), "normal"), ("pet", "lumbar", dt.date(2026, 6, 12), "normal")]


@pytest.mark.parametrize("text, done", [
    ("XR c-spine 3 views (AP/lat/odontoid) ordered today - sent to imaging downstairs, pending.", False),
    ("XR c-spine (AP/lat/odontoid) to be done today.", False),
    ("XR c-spine 3 views (AP/lat/odontoid) 10/20/26: normal alignment, no fracture.", True),
])
def test_a_study_ordered_after_its_views_in_brackets_is_no_study_done(text, done):
    got = read_notes([text], REF, "cervical").clinical.imaging
    assert [(m.modality, m.region) for m in got] == ([("xray", "cervical")] if done else [])


def test_an_undated_note_invents_no_encounter_and_a_dated_one_is_a_contact():
    assert read_notes(["Denies fever."], REF).clinical.encounters == []
    from necessity.case import Note
    enc = read_notes([Note(text="Video visit. Denies fever.", date=REF)], REF).clinical.encounters
    assert [(e.date, e.mode) for e in enc] == [(REF, "telehealth")]


def test_every_record_points_at_its_sentence_and_rule():
    text = "Pt seen today.\nDenies fever. SLR neg bilat."
    ex = read_notes([text], REF)
    item = next(i for i in ex.items if i.kind == "fact" and i.record["fact"] == "fever")
    ev = item.evidence[0]
    assert text[ev.start:ev.end].lower() == "fever"
    assert ev.sentence == "Denies fever." and "negated" in ev.context and ev.rule.startswith("spine:")


# --- review of note-only cases, structured facts win -----------------------------------------------

NOTE = ("Spine clinic 10/27/2026. 52M with left leg pain radiating to the lateral calf since 7/1/2026, 8/10. "
        "Started PT 8/3/26, completed 9/28/26 without improvement. Naproxen 500 bid since 7/5/26, no relief. "
        "Denies fever, weight loss, saddle anesthesia, bowel or bladder incontinence. No hx of cancer. "
        "Exam: EHL 4/5 left. SLR positive on the left. Reflexes 2+ symmetric.")


def _case(**extra) -> dict:
    case = {"policy_set": "evicore", "patient": {"birth_date": "1974-03-02", "sex": "male"},
            "request": {"cpt": "72148", "date": "2026-11-02", "icd10": ["M54.16"]},
            "notes": [{"text": NOTE, "date": "2026-10-27"}]}
    case.update(extra)
    return case


def test_a_case_with_only_a_note_is_reviewed_from_what_the_note_documents():
    d = review(_case())
    assert d.outcome == "approve", (d.reasons, [m.id for m in d.missing])
    assert "SP-6.1" in d.sections
    kinds = {i.kind for i in d.extracted}
    assert {"fact", "treatment", "encounter"} <= kinds


def test_structured_facts_win_and_the_conflict_is_reported():
    d = review(_case(clinical={"facts": [{"fact": "fever", "present": True, "date": "2026-10-27"}]}))
    fever = next(i for i in d.extracted if i.kind == "fact" and i.record["fact"] == "fever")
    assert fever.status == "overridden"
    assert any(n.startswith("Conflict:") and "fever" in n for n in d.notes)


def test_read_notes_false_ignores_the_notes():
    d = review(_case(), read_notes=False)
    assert d.extracted == [] and d.outcome == "pend"


# --- rule files are validated ----------------------------------------------------------------------

def test_rule_file_with_an_unknown_fact_names_file_and_entry(tmp_path):
    (tmp_path / "bad.yaml").write_text("facts:\n  - fact: not_a_fact\n    phrases: [x]\n")
    with pytest.raises(ExtractionRuleError) as exc:
        load_rule_folder(tmp_path, "rules")
    assert exc.value.where == "rules/bad.yaml § facts[0]" and "not_a_fact" in exc.value.message


def test_rule_file_with_an_unknown_key_is_rejected(tmp_path):
    (tmp_path / "bad.yaml").write_text("facts:\n  - fact: fever\n    phrase: [x]\n")
    with pytest.raises(ExtractionRuleError) as exc:
        load_rule_folder(tmp_path, "rules")
    assert "facts.0" in exc.value.where


def test_check_validates_a_rules_folder(tmp_path):
    (tmp_path / "bad.yaml").write_text("treatments:\n  - kind: leeches\n    phrases: [leeches]\n")
    result = CliRunner().invoke(app, ["check", "--rules", str(tmp_path)])
    assert result.exit_code == 1 and "leeches" in result.output


# --- CLI and scoring -------------------------------------------------------------------------------

def test_cli_extract_shows_facts_with_their_sentence(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Denies fever. EHL 3/5 on the right.")
    result = CliRunner().invoke(app, ["extract", str(note), "--date", "2026-10-27", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    motor = next(i for i in data["extracted"] if i["record"].get("fact") == "motor_grade")
    assert motor["record"]["value"] == 3 and motor["evidence"][0]["sentence"] == "EHL 3/5 on the right."


def test_cli_extract_bad_date_is_a_clear_error(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Denies fever.")
    result = CliRunner().invoke(app, ["extract", str(note), "--date", "27/10/2026"])
    assert result.exit_code == 2 and "--date" in result.output


def test_scoring_counts_polarity_and_value():
    gold = units({"facts": [{"fact": "fever", "present": False}, {"fact": "motor_grade", "value": 4}]})
    got = units({"facts": [{"fact": "fever", "present": True}, {"fact": "motor_grade", "value": 4}]})
    t = Tally()
    t.add(gold, got)
    assert t.tp["fact:motor_grade"] == 1 and t.fn["fact:fever"] == 1 and t.fp["fact:fever"] == 1


def test_a_case_without_notes_does_not_load_spacy():
    import subprocess
    import sys
    code = ("import sys, json; from necessity import review; "
            "review(json.load(open('examples/lumbar-with-contrast-alternative.json'))); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=__import__("pathlib").Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"


def test_rules_are_scoped_by_age_and_by_the_requested_body_area():
    from necessity.extract.rules import FactRule, reads_for

    limb = FactRule(fact="limb_pain", phrases=["knee pain"], studies=["extremity"], patients="any")
    assert reads_for(limb, 50, "knee") and reads_for(limb, 50, "lower_extremity_joint")
    assert not reads_for(limb, 50, "lumbar")  # a spine note's knee pain is not what a lumbar request is about
    assert reads_for(limb, 50, "pelvis") and reads_for(limb, 50, "brain") and reads_for(limb, 50, None)
    child = FactRule(fact="limp", phrases=["limp"], patients="children")
    assert reads_for(child, 18, "hip") and not reads_for(child, 19, "hip")
    adult = FactRule(fact="limp", phrases=["limp"], patients="adults")
    assert not reads_for(adult, 17, "hip") and reads_for(adult, 18, "hip")


def test_a_rule_out_of_scope_neither_takes_a_negation_nor_hides_a_shorter_match():
    ex = read_notes(["55 yo F w/ LBP, no injury."], REF, "lumbar", age=55)
    assert [(f.fact, f.present) for f in ex.clinical.facts if f.fact == "spinal_trauma"] == [("spinal_trauma", False)]


def test_cli_extract_unknown_region_is_a_clear_error(tmp_path):
    note = tmp_path / "n.txt"
    note.write_text("Low back pain x 8 wks.")
    r = CliRunner().invoke(app, ["extract", str(note), "--region", "elbw"])
    assert r.exit_code == 2 and "--region" in r.output and "unknown region 'elbw'" in r.output


# --- wording seen in letters and dictations ---------------------------------------------------------

@pytest.mark.parametrize("text, level", [
    ("Reflexes: R achilles absent, L 2+.", None),   # a side and a grade, not the L2 root
    ("EHL L 4/5, R 5/5.", None),
    ("T2 hyperintense signal at C5-6.", "C5-6"),    # an MRI sequence, not the T2 level
    ("C7-T1 foraminal narrowing.", "C7-T1"),
    ("L 5 root irritation.", "L5"),
])
def test_a_level_is_not_a_side_with_a_grade_or_an_mri_sequence(text, level):
    assert read_level(text, 0, 3, reach=len(text)) == level


def test_a_request_letters_scope_ends_where_the_patient_is_described():
    text = ("I am writing to request authorization for an MRI of the cervical spine for my patient, a "
            "47-year-old woman with a 10 week history of neck pain radiating into the left arm.")
    neck = one(text, "neck_pain")
    assert neck is not None and neck.present is True
    assert neck.onset == REF - dt.timedelta(weeks=10)  # "a 10 week history of"


def test_a_next_sentence_about_a_study_does_not_end_a_course():
    ex = read_notes(["She tried a course of chiropractic care without meaningful relief. "
                     "Cervical radiographs obtained on 8/20/2026 demonstrated C5-6 spondylosis."], REF)
    chiro = next(t for t in ex.clinical.treatments if t.kind == "chiropractic")
    assert chiro.end != dt.date(2026, 8, 20) and chiro.response == "none"


def test_a_course_ending_on_a_date_with_its_length():
    ex = read_notes(["Attended physical therapy twice weekly for six weeks ending October 2, 2026, "
                     "all without any significant improvement."], REF)
    pt = next(t for t in ex.clinical.treatments if t.kind == "physical_therapy")
    assert (pt.start, pt.end, pt.response) == (dt.date(2026, 8, 21), dt.date(2026, 10, 2), "none")


@pytest.mark.parametrize("text, response", [
    ("Back pain not relieved by ibuprofen prescribed 9/1.", "none"),   # tried, did not help: not "no ibuprofen"
    ("No relief from PT 8/1-9/15.", "none"),
    ("Pain did not respond to a Medrol dosepak.", "none"),
    ("Mid back pain relieved by ibuprofen prescribed 9/1.", "significant"),
])
def test_a_course_that_did_not_help_was_still_given(text, response):
    ex = read_notes([text], REF)
    assert [t.response for t in ex.clinical.treatments] == [response]


def test_a_course_ends_at_its_last_visit():
    ex = read_notes(["Tried ibuprofen and 4 wks of PT (last visit 10/20) - no better."], REF)
    pt = next(t for t in ex.clinical.treatments if t.kind == "physical_therapy")
    assert (pt.start, pt.end) == (dt.date(2026, 9, 22), dt.date(2026, 10, 20))


def test_a_scoliosis_exam_reads_the_curve_and_absent_abdominal_reflexes():
    text = ("Neuro: strength 5/5 throughout, sensation intact, reflexes 2+ and symmetric, abdominal reflexes "
            "absent on the right. PA/lat films: right thoracic curve T5-T11 measuring 28 degrees, Risser 1.")
    ex = read_notes([text], REF, "thoracic", age=13)
    got = {f.fact: f for f in ex.clinical.facts}
    assert got["abnormal_neuro_exam"].present is True
    assert got["cobb_angle"].value == 28


@pytest.mark.parametrize("text, found", [
    ("68M with hx of prostate CA (dx 2019, s/p radiation) here for low back pain over past 3 wks.",
     {("known_cancer", True), ("low_back_pain", True)}),             # a cancer's radiation is not radiating pain
    ("LBP with radiation into the L calf.", {("low_back_pain", True), ("radicular_pain", True)}),
    ("Back pain, no radiation to legs.", {("low_back_pain", True), ("radicular_pain", False)}),
    ("CT L-spine 11/2/26: acute L1 compression fx with ~30% height loss.", {("spinal_fracture_known", True)}),
    ("Lumbar injury after a fall - concern for L3/L4 fracture.", {("suspected_spinal_fracture", True)}),
    ("XR L-spine: no fx.", set()),
])
def test_spine_wording_in_ed_and_oncology_notes(text, found):
    ex = read_notes([text], REF, "lumbar", age=60)
    got = {(f.fact, f.present) for f in ex.clinical.facts if f.fact != "trauma_mechanism" and f.fact != "spinal_trauma"}
    assert got == found


def test_a_history_fact_does_not_take_the_symptoms_duration_as_its_onset():
    ex = read_notes(["68M with hx of prostate CA here for low back pain over past 3 wks."], REF, "lumbar", age=68)
    got = {f.fact: f for f in ex.clinical.facts}
    assert got["known_cancer"].onset is None and got["low_back_pain"].onset == REF - dt.timedelta(weeks=3)


def test_an_oncology_red_flag_note():
    text = ("Pain is between the shoulder blades, constant, 6/10, wakes her up at night, doesn't change whether "
            "she sits, lies or stands. XR T-spine today: no compression fx; ? subtle lucency L T8 pedicle, "
            "recommend MRI. A: thoracic back pain in pt w/ hx breast cancer - concern for osseous metastasis.")
    ex = read_notes([text], REF, "thoracic", age=68)
    got = {f.fact: f.present for f in ex.clinical.facts}
    assert got["pain_unrelieved_by_position"] is True and got["suspected_spinal_malignancy"] is True
    assert [(i.modality, i.result) for i in ex.clinical.imaging] == [("xray", "equivocal")]  # the "?" is a doubt


@pytest.mark.parametrize("text", ["Pain is not positional.", "Not better with rest or position change."])
def test_pain_that_position_does_not_change(text):
    assert one(text, "pain_unrelieved_by_position").present is True


@pytest.mark.parametrize("text, name, present", [
    ("LBP w/o radiation.", "radicular_pain", False),                  # "w/o" negates as "without" does
    ("Pain came back w/o any inciting event.", "spinal_trauma", False),
    ("MRI L-spine w/o contrast ordered. Fever absent.", "fever", False),
    ("R knee: no effusion. TTP medial joint line.", "joint_effusion", False),  # ": no" also looks forward
])
def test_abbreviated_negations(text, name, present):
    rec = one(text, name) if name != "joint_effusion" else next(
        f for f in read_notes([text], REF, "knee", age=14).clinical.facts if f.fact == name)
    assert rec is not None and rec.present is present


def test_recurrent_pain_after_surgery_is_a_surgical_site_symptom_and_wound_drainage_a_complication_sign():
    text = ("Procedure: L L5-S1 microdiscectomy 8/25/26. Then ~10/20 L leg pain came back same as before surgery. "
            "Denies fevers/chills, wound drainage.")
    got = {f.fact: f.present for f in read_notes([text], REF, "lumbar", age=53).clinical.facts}
    assert got["surgical_site_symptoms"] is True and got["post_surgical_complication_suspected"] is False


def test_an_adult_deformity_note_reads_the_latest_curve_and_the_films():
    text = ('Curve has progressed: L1-L4 Cobb 24 deg (2024) -> 31 deg (11/2025) -> 38 deg on standing 36" '
            "scoliosis films 11/09/2026. She elects T10-pelvis posterior instrumented fusion. "
            "Pre-op imaging needed: MRI lumbar spine w/o contrast (stenosis at the concavity).")
    ex = read_notes([text], dt.date(2026, 12, 2), "lumbar", age=70)
    got = {f.fact: f for f in ex.clinical.facts}
    assert got["cobb_angle"].value == 38                      # the arrows lead to the current curve
    assert got["planned_spine_surgery"].present is True
    assert [(i.modality, i.date) for i in ex.clinical.imaging] == [("xray", dt.date(2026, 11, 9))]  # not the MRI


def test_an_arrow_to_a_study_is_its_order():
    ex = read_notes(["Fever, elevated inflammatory markers -> MRI L-spine w/ and w/o contrast today."], REF, "lumbar",
                    age=50)
    assert ex.clinical.imaging == []


def test_a_stable_typical_adult_curve():
    text = ("Adolescent idiopathic scoliosis, adult now - R thoracic curve T5-T11, Cobb 28 deg. Typical pattern, "
            "no congenital vertebral anomalies. Not a surgical candidate.")
    got = {f.fact: f for f in read_notes([text], REF, "thoracic", age=40).clinical.facts}
    assert got["cobb_angle"].value == 28 and got["convex_left_thoracic_curve"].present is False
    assert got["congenital_or_atypical_curve"].present is False and got["planned_spine_surgery"].present is False


def test_an_mri_safety_form_answers_and_its_header_is_no_study():
    text = ("---- MRI SAFETY SCREENING (completed 3/30/26, reviewed by MR tech) ----\n"
            "Cardiac pacemaker/ICD .............. NO\nAneurysm clip ...................... NO\n"
            "Ever had metal in your eyes? ........ YES - grinding accident ~2014\n")
    ex = read_notes([text], dt.date(2026, 3, 31), "ankle", age=54)
    devices = {(f.value, f.present) for f in ex.clinical.facts if f.fact == "implanted_device"}
    assert ("metal_in_eye", True) in devices and ("pacemaker", True) not in devices
    assert ex.clinical.imaging == []


def test_two_devices_are_two_records():
    text = "PMH: epicardial pacemaker placed age 14 mo. Also has a cochlear implant."
    ex = read_notes([text], REF, "hip", age=8)
    assert {f.value for f in ex.clinical.facts if f.fact == "implanted_device" and f.present} >= {"pacemaker"}
    assert len([f for f in ex.clinical.facts if f.fact == "implanted_device"]) == len(
        {f.value for f in ex.clinical.facts if f.fact == "implanted_device"})


def test_a_study_that_could_be_considered_is_not_done_and_a_perthes_doubt_is_not_arthritis():
    text = ('Radiology: "Findings equivocal - early Legg-Calve-Perthes vs normal variant. MRI could be considered '
            'for further evaluation." Diagnosis uncertain on plain films.')
    ex = read_notes([text], REF, "hip", age=8)
    assert [i.modality for i in ex.clinical.imaging] == []
    assert "jia_diagnosis_uncertain" not in {f.fact for f in ex.clinical.facts}


@pytest.mark.parametrize("text, found", [
    ("Started PT 8/10 at Core Motion, 2x/wk, still going.", [dt.date(2026, 8, 10)]),  # a start word leads to it
    ("Seen on 4/5 by PCP.", [dt.date(2026, 4, 5)]),
    ("Since then pain 8/10.", []),                                                   # a score
    ("EHL 4/5.", []),
])
def test_a_score_shaped_date_after_a_start_word(text, found):
    assert [f.value for f in find_dates(text, REF)] == found
