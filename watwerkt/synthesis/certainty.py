"""GRADE certainty of evidence for a finding, and its plain-language conclusion.

All rules are here, each as a small function that returns a
:class:`~watwerkt.model.CertaintyReason` (domain, levels moved, explanation).
:func:`grade` applies them in GRADE's order; :func:`conclusion` writes the
informative statement. GRADE leaves most thresholds to judgement; the ones
below are our documented operationalisation, with the handbook section they
implement (Schünemann et al., eds., *GRADE Handbook*, 2013, "5.x").

Starting level (5.1)
    Randomised trials start *high*, observational and non-randomised studies
    *low*. A body of evidence mixing both starts high when at least half of
    the pooled weight (inverse-variance random-effects weights) comes from
    randomised trials (``rct``, ``cluster_rct``), otherwise low.
Risk of bias (5.2.1)
    −2 when at least half the weight comes from studies at *high* risk of
    bias; otherwise −1 when at least half comes from studies at high, some
    concerns, unclear *or not assessed* risk (an unassessed study cannot show
    that it is at low risk). "Most of the information from studies at low
    risk" follows Guyatt et al. (2011), GRADE guidelines 4, *J Clin Epidemiol*
    64, 407–415.
Inconsistency (5.2.3)
    With two or more effect sizes: −1 when I² ≥ 50 % and the prediction
    interval includes no effect (crosses 0); −2 when I² ≥ 75 % and it does.
    50 % and 75 % are the Cochrane Handbook's "substantial" and
    "considerable" heterogeneity (section 10.10.2).
Imprecision (5.2.4)
    −1 when the confidence interval includes no effect, −1 when the total
    number of participants is below the optimal information size (OIS), and
    −2 when both. We use one OIS of 400 participants, the handbook's rule of
    thumb for continuous outcomes (5.2.4.1: α = 0.05, β = 0.2, a difference of
    0.2 SD); for dichotomous outcomes we apply the same number, a
    simplification (their OIS depends on the control event rate). The OIS
    rule is skipped when participant numbers are not coded.
Publication bias (5.2.5)
    −1 when Egger's regression test gives p < 0.10 with at least 10 effect
    sizes (Sterne et al., 2011, *BMJ* 343:d4002: fewer than 10 studies give
    the test too little power). With fewer, or without the test, no change,
    and the reason says so.
Indirectness (5.2.2)
    Coded per row (coding-sheet column ``indirectness``: ``none``,
    ``serious``, ``very_serious``), because one study can answer one outcome
    directly and another only through a surrogate. Judged by weight share,
    as risk of bias is: −2 when at least half the pooled weight comes from
    rows coded ``very_serious``; otherwise −1 when at least half comes from
    rows coded ``serious`` or ``very_serious``. Uncoded rows count as not
    indirect (indirectness is the authors' judgement, not a property a row
    can fail to show); when no pooled row codes it, the domain is not judged
    and the reason says "not coded".

Levels only go down here (GRADE's upgrades for large effects or a
dose-response gradient are not applied) and never below *very low*.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from watwerkt.messages import message
from watwerkt.model import Certainty, CertaintyLevel, CertaintyReason, Conclusion
from watwerkt.model._english import in_language
from watwerkt.numbers import fmt_int, fmt_interval, fmt_p, resolve

__all__ = [
    "EGGER_ALPHA",
    "EGGER_MIN_K",
    "OPTIMAL_INFORMATION_SIZE",
    "GradeInput",
    "conclusion",
    "grade",
]

#: Levels from high to very low; a downgrade moves right.
LEVELS: tuple[CertaintyLevel, ...] = (
    CertaintyLevel.HIGH,
    CertaintyLevel.MODERATE,
    CertaintyLevel.LOW,
    CertaintyLevel.VERY_LOW,
)
#: I² thresholds in percent (Cochrane Handbook 10.10.2).
I2_SERIOUS = 50.0
I2_VERY_SERIOUS = 75.0
#: Participants below which evidence is imprecise (GRADE Handbook 5.2.4.1).
OPTIMAL_INFORMATION_SIZE = 400
#: Egger's test: significance level and the smallest k it is used with.
EGGER_ALPHA = 0.10
EGGER_MIN_K = 10
#: Weight share from which a design or risk-of-bias class dominates.
MAJORITY = 0.5


@dataclass(frozen=True, slots=True)
class GradeInput:
    """What the GRADE rules look at, for one finding.

    Shares are fractions (0–1) of the pooled weight. ``concern_rob_share``
    includes the high-risk share. ``egger_pvalue`` is ``None`` when the test
    was not run. ``indirect_share`` (rows coded ``serious`` or
    ``very_serious``, so it includes ``very_indirect_share``) is ``None``
    when no row codes indirectness; ``indirect_coded_share`` is the weight
    of the rows that code it.
    """

    k: int
    ci_lower: float | None
    ci_upper: float | None
    pi_lower: float | None = None
    pi_upper: float | None = None
    i2: float | None = None
    n_participants: int | None = None
    randomised_share: float = 1.0
    high_rob_share: float = 0.0
    concern_rob_share: float = 0.0
    egger_pvalue: float | None = None
    indirect_share: float | None = None
    very_indirect_share: float = 0.0
    indirect_coded_share: float = 0.0


def _pct(share: float) -> str:
    return f"{100 * share:.0f}"


def _interval(lower: float | None, upper: float | None, lang: str | None) -> str:
    """Return ``[0,20; 0,48]`` (nl) or ``[0.20, 0.48]`` (en), as the rendered dossier writes it."""
    return fmt_interval(lower, upper, resolve(lang))


def _crosses_null(lower: float | None, upper: float | None) -> bool:
    return lower is not None and upper is not None and lower <= 0.0 <= upper


def starting_level(inp: GradeInput, lang: str | None = None) -> tuple[CertaintyLevel, str]:
    """Return the starting level and its explanation (GRADE Handbook 5.1).

    Examples
    --------
    >>> starting_level(GradeInput(k=3, ci_lower=0.1, ci_upper=0.5, randomised_share=0.4))[0]
    <CertaintyLevel.LOW: 'low'>
    """
    share = _pct(inp.randomised_share)
    if inp.randomised_share >= MAJORITY:
        return CertaintyLevel.HIGH, message("synthesis.grade.start_randomised", lang, share=share)
    return CertaintyLevel.LOW, message("synthesis.grade.start_observational", lang, share=share)


def risk_of_bias(inp: GradeInput, lang: str | None = None) -> CertaintyReason:
    """Downgrade for risk of bias by the weight share of concerning studies (5.2.1)."""
    if inp.high_rob_share >= MAJORITY:
        text = message("synthesis.grade.rob_very_serious", lang, share=_pct(inp.high_rob_share))
        return CertaintyReason(domain="risk_of_bias", change=-2, explanation=text)
    if inp.concern_rob_share >= MAJORITY:
        text = message("synthesis.grade.rob_serious", lang, share=_pct(inp.concern_rob_share))
        return CertaintyReason(domain="risk_of_bias", change=-1, explanation=text)
    low = _pct(1.0 - inp.concern_rob_share)
    text = message("synthesis.grade.rob_ok", lang, share=low)
    return CertaintyReason(domain="risk_of_bias", change=0, explanation=text)


def inconsistency(inp: GradeInput, lang: str | None = None) -> CertaintyReason:
    """Downgrade for unexplained heterogeneity: I² and the prediction interval (5.2.3).

    Examples
    --------
    >>> inconsistency(GradeInput(k=8, ci_lower=0.2, ci_upper=0.6, pi_lower=-0.3,
    ...                          pi_upper=1.1, i2=62.0), "en").change
    -1
    """
    if inp.k < 2 or inp.i2 is None or not math.isfinite(inp.i2):
        text = message("synthesis.grade.single_study", lang)
        return CertaintyReason(domain="inconsistency", change=0, explanation=text)
    pi = _interval(inp.pi_lower, inp.pi_upper, lang)
    i2 = f"{inp.i2:.0f}"
    crosses = _crosses_null(inp.pi_lower, inp.pi_upper)
    if crosses and inp.i2 >= I2_VERY_SERIOUS:
        text = message("synthesis.grade.inconsistency_very_serious", lang, i2=i2, pi=pi)
        return CertaintyReason(domain="inconsistency", change=-2, explanation=text)
    if crosses and inp.i2 >= I2_SERIOUS:
        text = message("synthesis.grade.inconsistency_serious", lang, i2=i2, pi=pi)
        return CertaintyReason(domain="inconsistency", change=-1, explanation=text)
    text = message("synthesis.grade.inconsistency_ok", lang, i2=i2, pi=pi)
    return CertaintyReason(domain="inconsistency", change=0, explanation=text)


def imprecision(inp: GradeInput, lang: str | None = None) -> CertaintyReason:
    """Downgrade when the CI includes no effect and/or the OIS is not met (5.2.4).

    Examples
    --------
    >>> imprecision(GradeInput(k=2, ci_lower=-0.1, ci_upper=0.4, n_participants=120)).change
    -2
    """
    ci = _interval(inp.ci_lower, inp.ci_upper, lang)
    parts: list[str] = []
    if _crosses_null(inp.ci_lower, inp.ci_upper):
        parts.append(message("synthesis.grade.ci_crosses_null", lang, ci=ci))
    n = inp.n_participants
    if n is not None and n < OPTIMAL_INFORMATION_SIZE:
        parts.append(
            message(
                "synthesis.grade.below_ois",
                lang,
                n=fmt_int(n, resolve(lang)),
                ois=fmt_int(OPTIMAL_INFORMATION_SIZE, resolve(lang)),
            )
        )
    if not parts:
        shown = fmt_int(n, resolve(lang))
        text = message("synthesis.grade.precise", lang, ci=ci, n=shown)
        return CertaintyReason(domain="imprecision", change=0, explanation=text)
    return CertaintyReason(domain="imprecision", change=-len(parts), explanation="; ".join(parts))


def publication_bias(inp: GradeInput, lang: str | None = None) -> CertaintyReason:
    """Downgrade when Egger's test (k ≥ 10) has p < 0.10 (5.2.5)."""
    if inp.k < EGGER_MIN_K:
        text = message("synthesis.grade.bias_not_assessed", lang, k=inp.k)
        return CertaintyReason(domain="publication_bias", change=0, explanation=text)
    if inp.egger_pvalue is None:
        text = message("synthesis.grade.egger_unavailable", lang)
        return CertaintyReason(domain="publication_bias", change=0, explanation=text)
    p = fmt_p(inp.egger_pvalue, resolve(lang))
    if inp.egger_pvalue < EGGER_ALPHA:
        text = message("synthesis.grade.egger", lang, p=p, k=inp.k)
        return CertaintyReason(domain="publication_bias", change=-1, explanation=text)
    text = message("synthesis.grade.egger_ok", lang, p=p, k=inp.k)
    return CertaintyReason(domain="publication_bias", change=0, explanation=text)


def indirectness(inp: GradeInput, lang: str | None = None) -> CertaintyReason:
    """Downgrade by the weight share of rows coded as indirect (5.2.2).

    Examples
    --------
    >>> indirectness(GradeInput(k=4, ci_lower=0.1, ci_upper=0.5, indirect_share=0.6,
    ...                         very_indirect_share=0.2, indirect_coded_share=1.0)).change
    -1
    >>> indirectness(GradeInput(k=4, ci_lower=0.1, ci_upper=0.5), "en").explanation
    'indirectness is not coded'
    """
    if inp.indirect_share is None:
        text = message("synthesis.grade.indirectness_not_coded", lang)
        return CertaintyReason(domain="indirectness", change=0, explanation=text)
    if inp.very_indirect_share >= MAJORITY:
        share = _pct(inp.very_indirect_share)
        text = message("synthesis.grade.indirect_very_serious", lang, share=share)
        return CertaintyReason(domain="indirectness", change=-2, explanation=text)
    share = _pct(inp.indirect_share)
    if inp.indirect_share >= MAJORITY:
        text = message("synthesis.grade.indirect_serious", lang, share=share)
        return CertaintyReason(domain="indirectness", change=-1, explanation=text)
    coded = _pct(inp.indirect_coded_share)
    text = message("synthesis.grade.indirect_ok", lang, share=share, coded=coded)
    return CertaintyReason(domain="indirectness", change=0, explanation=text)


def grade(inp: GradeInput, lang: str | None = None) -> Certainty:
    """Return the GRADE certainty of one finding, with every judgement as a reason.

    Parameters
    ----------
    inp : GradeInput
        What the rules look at.
    lang : {"nl", "en"}, optional
        Language of the explanations (default: the process language).

    Examples
    --------
    Eight randomised trials at low risk of bias, consistent, precise, no
    small-study effects tested (k < 10): high certainty.

    >>> c = grade(GradeInput(k=8, ci_lower=0.2, ci_upper=0.5, pi_lower=0.1, pi_upper=0.6,
    ...                      i2=10.0, n_participants=900))
    >>> c.level.value, [r.change for r in c.reasons]
    ('high', [0, 0, 0, 0, 0, 0])
    """
    start, why = starting_level(inp, lang)
    reasons = (
        CertaintyReason(domain="study_design", change=0, explanation=why),
        risk_of_bias(inp, lang),
        inconsistency(inp, lang),
        imprecision(inp, lang),
        publication_bias(inp, lang),
        indirectness(inp, lang),
    )
    drop = -sum(r.change for r in reasons)
    index = min(LEVELS.index(start) + drop, len(LEVELS) - 1)
    return Certainty(level=LEVELS[index], starting_level=start, reasons=reasons)


#: Short words a title in Title Case leaves lower-case ("Reasoning and Rehabilitation").
_MINOR_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "from", "het", "in", "into",
    "met", "of", "on", "or", "over", "the", "to", "van", "voor", "vs", "with",
})  # fmt: skip


def _looks_like_a_proper_name(text: str) -> bool:
    """Return True for a name whose first capital must stay in mid-sentence.

    An acronym or a capital inside the first word ('CGT', 'McGrath'), or a
    title in Title Case: at least two words that are not minor words, all
    capitalised ('Reasoning and Rehabilitation', 'Moral Reconation Therapy').

    Examples
    --------
    >>> [_looks_like_a_proper_name(t) for t in ("CGT", "McGrath method",
    ...  "Thinking for a Change", "Cognitive restructuring", "Recidive")]
    [True, True, True, False, False]
    """
    words = re.findall(r"[^\W\d_]+", text)
    if not words:
        return False
    if any(c.isupper() for c in words[0][1:]):
        return True
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    return len(major) >= 2 and all(w[0].isupper() for w in major)


def _lower_first(text: str) -> str:
    """Lower-case the first letter of a name used mid-sentence, unless it is a proper name."""
    if _looks_like_a_proper_name(text):
        return text
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def conclusion(
    level: CertaintyLevel | None,
    estimate: float | None,
    ci_lower: float | None,
    ci_upper: float | None,
    *,
    outcome: str,
    desired_increase: bool,
    principle: str | None = None,
    outcome_en: str = "",
    principle_en: str = "",
) -> Conclusion:
    """Write the GRADE informative statement of a finding in Dutch and English.

    The wording follows Santesso et al. (2020), "GRADE guidelines 26:
    informative statements to communicate the findings of systematic
    reviews", *J Clin Epidemiol* 119, 126–135: high certainty "reduces",
    moderate "probably reduces", low "may reduce", very low "it is uncertain
    whether". Simplification: an effect whose confidence interval includes
    no effect is written as "little to no difference" (Santesso et al. judge
    importance against a threshold, which dossiers do not code yet).

    ``estimate`` is oriented (positive favours the intervention); together
    with the outcome's desired direction it gives the verb: a favourable
    effect on an outcome that should decrease "reduces" it.

    ``outcome`` and ``principle`` are the Dutch names; the English sentence
    uses ``outcome_en`` and ``principle_en`` when given (see
    :meth:`watwerkt.model.Principle.label`), else the Dutch names. A name's
    first letter is lower-cased in mid-sentence unless it looks like a
    proper name (an acronym, or a title in Title Case).

    Examples
    --------
    >>> c = conclusion(CertaintyLevel.MODERATE, 0.42, 0.30, 0.54, outcome="Recidive",
    ...                desired_increase=False)
    >>> c.nl
    'De interventies verminderen waarschijnlijk recidive.'
    >>> c.en
    'The interventions probably reduce recidive.'
    >>> conclusion(CertaintyLevel.LOW, 0.42, 0.30, 0.54, outcome="Recidive",
    ...            outcome_en="Reoffending", principle="Moreel redeneren",
    ...            principle_en="Moral Reconation Therapy", desired_increase=False).en
    'Interventions with Moral Reconation Therapy may reduce reoffending.'
    """
    texts: dict[str, str] = {}
    for lang in ("nl", "en"):
        outcome_name = in_language(outcome, outcome_en, lang)
        principle_name = None if principle is None else in_language(principle, principle_en, lang)
        subject = (
            message("synthesis.subject.overall", lang)
            if principle_name is None
            else message(
                "synthesis.subject.principle", lang, principle=_lower_first(principle_name)
            )
        )
        params = {"subject": subject, "outcome": _lower_first(outcome_name)}
        if level is None or estimate is None:
            key = "synthesis.conclusion.no_evidence"
        else:
            if _crosses_null(ci_lower, ci_upper):
                verb = "no_difference"
            else:
                goes_up = (estimate > 0) == desired_increase
                verb = "increase" if goes_up else "reduce"
            key = f"synthesis.conclusion.{level.value}.{verb}"
        texts[lang] = _upper_first(message(key, lang, **params))
    return Conclusion(nl=texts["nl"], en=texts["en"])
