"""Phrasing families of adult spine notes, fifth round (read from the fresh tune notes' misses and the writers'
vocabulary gaps): bowel/bladder shortened to "b/b", a bare "no saddle", a measured bladder, a myelopathic sign
nothing else explains, pain eased by a position, worsening despite treatment, cancers named by organ or
abbreviation, a procedure days before an infection's signs, glove/stocking sensory loss, the hands' lost
dexterity, a queried finding or an unanswered question, and a denial that reaches "nothing below the knee"."""

from __future__ import annotations

import datetime as dt

import pytest

from necessity.extract import read_notes

REF = dt.date(2026, 10, 27)


def records(text: str, name: str, region: str = "lumbar", age: int = 55) -> list:
    return [f for f in read_notes([text], REF, region, age).clinical.facts if f.fact == name]


def polarity(text: str, name: str, region: str = "lumbar") -> set[bool]:
    return {f.present for f in records(text, name, region)}


# --- bowel and bladder written "b/b", "B&B", or urine and stool named together ------------------------------

@pytest.mark.parametrize("text", [
    "No b/b change.",
    "Denies B/B sx.",
    "No B&B dysfunction.",
    "Red flags: none (no fever, no wt loss, no b/b, no saddle).",
    "Denies weakness, no trouble urinating or w/ BMs.",
    "Denies trouble w/ urine or BM.",
    "b/b nl.",
    "Bowel/bladder fxn intact.",
])
def test_a_denied_bowel_bladder_change_in_short_forms(text):
    assert polarity(text, "bowel_bladder_incontinence_new") == {False}


@pytest.mark.parametrize("text", ["New b/b incontinence since Sunday.", "Reports b/b changes x 2 days."])
def test_a_bowel_bladder_change_in_short_forms(text):
    assert polarity(text, "bowel_bladder_incontinence_new") == {True}


def test_a_bare_saddle_in_a_denial_list_is_no_saddle_anesthesia():
    assert polarity("No fever, no b/b, no saddle.", "saddle_anesthesia") == {False}


# --- the bladder measured -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, present", [
    ("PVR 40 mL.", False),
    ("PVR <50 after voiding.", False),
    ("Bladder scan 650.", True),
    ("Bladder scan 25 cc after voiding.", False),
    ("Straight cath for 800 mL.", True),
    ("In and out cath yielding 650 cc.", True),
    ("850 mL on bladder scan in triage.", True),
    ("Urinary hesitancy and incomplete emptying since Tuesday.", True),
])
def test_a_measured_bladder(text, present):
    assert polarity(text, "urinary_retention_acute") == {present}


# --- the myelopathic sign nothing else explains ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The carpal tunnel findings do not explain the long-tract signs.",
    "Her neuropathy doesn't account for the hyperreflexia.",
    "Peripheral neuropathy would not explain the upgoing toes and clonus findings.",
    "This cannot explain his Hoffmann sign.",
])
def test_a_sign_another_condition_does_not_explain(text):
    assert polarity(text, "findings_unexplained", "cervical") == {True}


def test_a_sign_explained_by_ms_is_explained():
    assert True not in polarity("Hyperreflexia explained by her known MS.", "findings_unexplained", "cervical")


# --- pain eased by a position, worsening despite treatment ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Achy, 5/10, worse after yard work, better lying down.",
    "Leg pain relieved by sitting.",
    "Back pain improves with rest.",
    "Relieved by bending forward.",
])
def test_pain_eased_by_a_position_is_positional(text):
    assert polarity(text, "pain_unrelieved_by_position") == {False}


@pytest.mark.parametrize("text", [
    "Worsening despite 1 wk scheduled APAP.",
    "Pain getting worse despite PT and NSAIDs.",
    "Increasingly severe back pain over 3 weeks.",
])
def test_worsening_despite_treatment(text):
    assert polarity(text, "pain_severe_worsening", "thoracic") == {True}


def test_worse_with_activity_is_not_worsening_pain():
    assert polarity("Pain worse with sitting, better lying down.", "pain_severe_worsening") == set()


# --- a cancer named by its organ or its abbreviation ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hx L breast IDC stage IIA dx 2021, lumpectomy and XRT.",
    "PMH: RCC s/p nephrectomy 2019.",
    "Hx of renal cell ca.",
    "History of NSCLC treated with lobectomy.",
    "On anastrozole since 2022.",
    "Hx invasive lobular carcinoma of the breast.",
])
def test_a_cancer_named_by_organ_abbreviation_or_its_hormone_therapy(text):
    assert polarity(text, "known_cancer") == {True}


def test_a_lowercase_word_is_not_a_cancer_abbreviation():
    assert polarity("Pain at the scc joint? no, at the SI joint.", "known_cancer") == set()


# --- a procedure some days before ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Fever 101.2 and worsening back pain 10 days after L4-5 ESI.",
    "2 wks s/p the facet injection, now febrile.",
    "Injection site redness and drainage.",
])
def test_a_procedure_days_before_is_a_recent_intervention(text):
    assert polarity(text, "recent_spinal_intervention") == {True}


def test_a_facet_injection_already_done_is_not_a_plan():
    assert polarity("Redness and drainage after the facet injection.", "planned_facet_procedure") == set()


# --- sensation lost in a pattern, or by an adjective before the sense -------------------------------------------

@pytest.mark.parametrize("text", [
    "Reduced pinprick in a glove distribution in both hands.",
    "Impaired vibration at both great toes.",
    "Decreased sensation in a stocking distribution.",
    "Blunted sharp/dull discrimination over the L lateral foot.",
])
def test_sensory_loss_forms(text):
    assert polarity(text, "sensory_loss", "cervical") == {True}


@pytest.mark.parametrize("text", ["Neuro screen: dermatomes intact to LT, SLR (-) b/l.", "Sensation intact LT/PP both LE."])
def test_intact_dermatomes(text):
    assert polarity(text, "sensory_loss") == {False}


def test_a_mute_plantar_is_no_babinski():
    assert polarity("Mute plantar responses bilaterally.", "babinski_sign", "cervical") == {False}


@pytest.mark.parametrize("text", [
    "His wife says his handwriting has become sloppy; loss of dexterity in both hands.",
    "Trouble with fine motor tasks like buttons.",
    "Fumbling coins at the register.",
])
def test_the_hands_lost_dexterity(text):
    assert polarity(text, "extremity_neurological_symptoms", "cervical") == {True}


# --- scope: a queried new finding, an unanswered question, "nothing below the knee" ---------------------------

def test_a_queried_finding_after_a_denied_one_is_not_denied():
    text = "Xray (prelim read): no compression deformity; ?subtle lucency R T8 pedicle, radiologist recommends MRI."
    assert polarity(text, "specialist_recommended", "thoracic") == {True}


def test_an_unanswered_question_is_no_finding():
    text = "RN reply: Any numbness in the groin, trouble with your bladder or bowels, or fever?"
    assert polarity(text, "saddle_anesthesia") == set()
    assert polarity(text, "fever") == set()


def test_a_statement_after_the_question_still_counts():
    assert polarity("Any questions answered. Reports saddle numbness since Monday.", "saddle_anesthesia") == {True}


def test_nothing_below_the_knee_is_no_radicular_pain():
    assert polarity("Persistent axial LBP, aching into both buttocks, nothing below the knee.", "radicular_pain") == {False}


# --- second batch: the sense before its loss, a sensory level, checklists, claudication described ------------

@pytest.mark.parametrize("text", [
    "Vibration is reduced at the toes.",
    "Pinprick is patchy in both hands without a dermatomal pattern.",
    "Proprioception absent at the great toes.",
])
def test_the_sense_named_before_its_loss(text):
    assert polarity(text, "sensory_loss", "cervical") == {True}


def test_a_denied_sensory_level_says_nothing_of_sensation():
    assert polarity("No sensory level on the trunk.", "sensory_loss", "thoracic") == set()
    assert polarity("T10 sensory level to pinprick.", "sensory_loss", "thoracic") == {True}


def test_an_empty_checkbox_is_not_endorsed():
    text = "ROS: [x] back pain [ ] fever [ ] weight loss [ ] bowel/bladder incontinence"
    assert polarity(text, "fever") == {False}
    assert polarity(text, "bowel_bladder_incontinence_new") == {False}
    assert polarity(text, "low_back_pain") == {True}


def test_the_ros_template_weight_item():
    assert polarity("Constitutional: Negative for fever, chills, unexpected weight change.",
                    "weight_loss_unintended") == {False}


@pytest.mark.parametrize("text", [
    "Bilateral buttock and thigh pain with walking 2 blocks, relieved by sitting.",
    "Legs feel heavy after walking 5 minutes, has to sit down.",
    "Walking 10 min then must stop and sit.",
    "Positive shopping cart sign.",
    "Standing at the counter brings on leg numbness, better bending forward.",
])
def test_neurogenic_claudication_described(text):
    assert polarity(text, "lumbar_stenosis_suspected") == {True}


def test_pain_relieved_by_sitting_alone_is_no_stenosis():
    assert polarity("Neck pain relieved by sitting up.", "lumbar_stenosis_suspected") == set()


# --- third batch: Lhermitte described, a surgery's abbreviations, recent injections, other tension/UMN names --

@pytest.mark.parametrize("text, present", [
    ("Electric shock sensation down the spine when she flexes her neck.", True),
    ("Zaps down both arms with neck flexion.", True),
    ("Denies electric shock sensations down the spine with neck flexion.", False),
])
def test_lhermitte_described(text, present):
    assert polarity(text, "lhermitte_sign", "cervical") == {present}


def test_a_suspected_vertebral_fracture_is_not_a_known_one():
    text = "Ground level fall yesterday, osteoporotic, r/o vertebral compression fracture."
    assert polarity(text, "spinal_fracture_known") == set()
    assert polarity(text, "suspected_spinal_fracture") == {True}


@pytest.mark.parametrize("text", ["s/p L4-S1 PSF 2022 with recurrent leg pain.", "Hx L3-5 posterolateral fusion."])
def test_a_fusion_by_its_abbreviation(text):
    assert polarity(text, "spinal_fusion") == {True}


def test_a_capitalised_abbreviation_only():
    assert polarity("Pt uses psf lotion on the back.", "spinal_fusion") == set()


@pytest.mark.parametrize("text", ["Post laminectomy syndrome.", "FBSS, on gabapentin.", "Adjacent segment disease at L3-4."])
def test_post_operative_spine_names(text):
    assert polarity(text, "post_operative_spine") == {True}


def test_an_injection_weeks_ago():
    assert polarity("Had epidural injection 2 weeks ago, since then chills.", "recent_spinal_intervention") == {True}


def test_upper_limb_tension_test():
    assert polarity("ULTT positive on the R, reproducing arm pain.", "nerve_tension_sign", "cervical") == {True}


@pytest.mark.parametrize("text, present", [
    ("Inverted brachioradialis reflex on the left.", True),
    ("UMN signs on exam.", True),
    ("No UMN signs.", False),
])
def test_upper_motor_neuron_signs(text, present):
    assert polarity(text, "myelopathy_suspected", "cervical") == {present}


# --- fourth batch: a fracture suspected in other words, minor trauma ------------------------------------------

@pytest.mark.parametrize("text", [
    "Fell from standing onto buttocks, now severe midline pain at L1; worried about fracture.",
    "Midline TTP T12 after fall ?fx.",
    "Cannot exclude compression fracture at L1.",
    "Xray ordered, suspicious for L2 compression fx.",
])
def test_a_fracture_suspected_in_other_words(text):
    assert polarity(text, "suspected_spinal_fracture") == {True}


def test_an_excluded_compression_fracture_is_not_known():
    assert polarity("Cannot exclude compression fracture at L1.", "spinal_fracture_known") == set()


def test_minor_trauma_in_the_guideline_words():
    recs = records("Minor fall 2 days ago, known ankylosing spondylitis.", "trauma_mechanism", "cervical")
    assert {f.value for f in recs if f.present} == {"minor_trauma"}


# --- fifth batch: saddle numbness named by the part, incontinence in the patient's words ------------------------

@pytest.mark.parametrize("text, present", [
    ("Numbness in the perineum since this morning.", True),
    ('Says she is numb "down below".', True),
    ("Reports numbness around the anus and genitals.", True),
    ("Perineal sensation decreased to pinprick.", True),
    ("Denies numbness in the groin or genital area.", False),
])
def test_saddle_numbness_named_by_the_part(text, present):
    assert polarity(text, "saddle_anesthesia") == {present}


@pytest.mark.parametrize("text, present", [
    ("Leaking urine since yesterday.", True),
    ("Wet herself twice on the way here.", True),
    ("Lost control of his bowels this morning.", True),
    ("No leaking urine, no bowel accidents.", False),
])
def test_incontinence_in_the_patients_words(text, present):
    assert polarity(text, "bowel_bladder_incontinence_new") == {present}


def test_unable_to_hold_urine_is_not_a_functional_loss():
    assert polarity("Unable to hold urine since Sunday.", "functional_loss") == set()


# --- sixth batch: the radiating pain's course in more words, pain that stays axial, heel/toe walking ------------

@pytest.mark.parametrize("text, side", [
    ("Pain travels down the back of his R leg to the heel.", "right"),
    ("Burning down the lateral L thigh into the top of the foot.", "left"),
    ("Pain in a L S1 distribution.", "left"),
])
def test_the_radiating_pain_course_in_more_words(text, side):
    recs = [f for f in records(text, "radicular_pain") if f.present]
    assert recs and {f.side for f in recs} == {side}


def test_dermatomal_pain():
    assert polarity("Dermatomal pain in L5 distribution.", "radicular_pain") == {True}


@pytest.mark.parametrize("text", ["Axial pain only, no radicular component.", "Non-radiating.", "Does not radiate.",
                                  "Purely axial LBP."])
def test_pain_that_stays_axial(text):
    assert polarity(text, "radicular_pain") == {False}


def test_numbness_in_a_dermatome_is_not_pain():
    assert polarity("Numbness in L5 distribution.", "radicular_pain") == set()


def test_failed_toe_walking_is_no_functional_loss():
    assert polarity("Difficulty toe walking R.", "functional_loss") == set()
    assert polarity("Difficulty walking more than a block.", "functional_loss") == {True}


# --- seventh batch: the spread of a cancer suspected in other words ----------------------------------------------

@pytest.mark.parametrize("text", [
    "MRI to eval for metastatic disease.",
    "No fx; ?mets at T8.",
    "c/f mets given hx of RCC.",
    "Concern for recurrence of her breast cancer.",
])
def test_metastasis_suspected_in_other_words(text):
    assert polarity(text, "suspected_spinal_malignancy", "thoracic") == {True}


def test_a_suspected_recurrence_keeps_the_cancer_history():
    assert polarity("Concern for recurrence of her breast cancer.", "known_cancer", "thoracic") == {True}


def test_denied_personal_or_family_history_of_cancer():
    assert polarity("Denies personal or family history of cancer.", "known_cancer") == {False}


def test_a_relatives_cancer_is_not_the_patients():
    assert polarity("Fam hx: mother breast ca.", "known_cancer") == set()


# --- eighth batch: a sign "absent", the plantar reflex in a sentence, pathologic reflexes ----------------------

@pytest.mark.parametrize("text, name", [
    ("Hoffmann's absent bilaterally.", "hoffmann_sign"),
    ("Babinski absent bilaterally.", "babinski_sign"),
    ("Clonus absent bilaterally.", "hyperreflexia"),
    ("Plantar reflexes are flexor.", "babinski_sign"),
    ("Plantars are downgoing.", "babinski_sign"),
])
def test_a_sign_absent_is_negative(text, name):
    assert polarity(text, name, "cervical") == {False}


def test_plantar_reflexes_extensor():
    assert polarity("Plantar responses are extensor bilaterally.", "babinski_sign", "cervical") == {True}


def test_plantar_flexion_strength_is_no_plantar_reflex():
    assert polarity("Plantar flexion is 4/5 on the left, 5/5 on the right.", "babinski_sign") == set()


def test_no_pathologic_reflexes():
    assert polarity("No pathologic reflexes.", "myelopathy_suspected", "cervical") == {False}


# --- ninth batch: misspellings and spelling variants ---------------------------------------------------------

@pytest.mark.parametrize("text, name, region", [
    ("Parasthesias in the L foot.", "extremity_neurological_symptoms", "lumbar"),
    ("Paraesthesia R hand.", "extremity_neurological_symptoms", "cervical"),
    ("Sciatia down the L leg.", "radicular_pain", "lumbar"),
    ("Cervical myelopahty.", "myelopathy_suspected", "cervical"),
    ("Hyper-reflexia in the legs.", "hyperreflexia", "cervical"),
    ("Hyperactive reflexes in the UE.", "hyperreflexia", "cervical"),
    ("Hofmann + R.", "hoffmann_sign", "cervical"),
])
def test_misspellings_and_variants(text, name, region):
    assert polarity(text, name, region) == {True}


def test_sciatic_notch_tenderness_is_no_sciatica():
    assert polarity("Tender over the R sciatic notch.", "radicular_pain") == set()
