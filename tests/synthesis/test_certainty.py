"""GRADE rules on constructed cases; each expected level is worked out by hand in the comment."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from watwerkt.model import CertaintyLevel
from watwerkt.synthesis.certainty import (
    OPTIMAL_INFORMATION_SIZE,
    GradeInput,
    conclusion,
    grade,
    imprecision,
    inconsistency,
    indirectness,
    publication_bias,
    risk_of_bias,
    starting_level,
)

#: Precise, consistent evidence from randomised trials at low risk of bias.
CLEAN = GradeInput(
    k=12, ci_lower=0.2, ci_upper=0.5, pi_lower=0.05, pi_upper=0.65, i2=20.0,
    n_participants=1500, randomised_share=1.0, high_rob_share=0.0, concern_rob_share=0.0,
    egger_pvalue=0.6,
)  # fmt: skip


def case(**changes: Any) -> GradeInput:
    return dataclasses.replace(CLEAN, **changes)


def changes(inp: GradeInput) -> dict[str, int]:
    return {r.domain: r.change for r in grade(inp, "en").reasons}


def test_clean_randomised_evidence_stays_high() -> None:
    result = grade(case(), "en")
    assert result.level is CertaintyLevel.HIGH
    assert result.starting_level is CertaintyLevel.HIGH
    assert [r.domain for r in result.reasons] == [
        "study_design", "risk_of_bias", "inconsistency", "imprecision", "publication_bias",
        "indirectness",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("share", "expected"), [(1.0, "high"), (0.5, "high"), (0.49, "low"), (0.0, "low")]
)
def test_starting_level_by_randomised_weight(share: float, expected: str) -> None:
    assert starting_level(case(randomised_share=share))[0].value == expected


@pytest.mark.parametrize(
    ("high", "concern", "expected"),
    [
        (0.0, 0.49, 0),  # most weight at low risk: no concern
        (0.0, 0.5, -1),  # half the weight unclear/some concerns: serious
        (0.3, 0.8, -1),  # high risk only 30 %, but 80 % not low: serious
        (0.5, 0.5, -2),  # half the weight at high risk: very serious
    ],
)
def test_risk_of_bias(high: float, concern: float, expected: int) -> None:
    assert risk_of_bias(case(high_rob_share=high, concern_rob_share=concern)).change == expected


@pytest.mark.parametrize(
    ("i2", "pi", "expected"),
    [
        (80.0, (0.1, 0.9), 0),  # large I2 but every plausible effect is beneficial
        (49.9, (-0.2, 0.9), 0),  # PI crosses 0 but I2 below 50 %
        (50.0, (-0.2, 0.9), -1),
        (74.9, (-0.2, 0.9), -1),
        (75.0, (-0.2, 0.9), -2),
    ],
)
def test_inconsistency(i2: float, pi: tuple[float, float], expected: int) -> None:
    assert inconsistency(case(i2=i2, pi_lower=pi[0], pi_upper=pi[1])).change == expected


def test_inconsistency_not_judged_for_one_study() -> None:
    assert inconsistency(case(k=1, i2=None, pi_lower=None, pi_upper=None)).change == 0


@pytest.mark.parametrize(
    ("ci", "n", "expected"),
    [
        ((0.2, 0.5), OPTIMAL_INFORMATION_SIZE, 0),  # n = OIS is enough
        ((0.2, 0.5), OPTIMAL_INFORMATION_SIZE - 1, -1),
        ((-0.1, 0.5), 5000, -1),  # CI includes 0
        ((-0.1, 0.5), 100, -2),  # both
        ((-0.1, 0.5), None, -1),  # participants not coded: only the CI rule
    ],
)
def test_imprecision(ci: tuple[float, float], n: int | None, expected: int) -> None:
    assert imprecision(case(ci_lower=ci[0], ci_upper=ci[1], n_participants=n)).change == expected


@pytest.mark.parametrize(
    ("k", "p", "expected"),
    [(10, 0.099, -1), (10, 0.10, 0), (9, 0.001, 0), (30, None, 0)],
)
def test_publication_bias(k: int, p: float | None, expected: int) -> None:
    assert publication_bias(case(k=k, egger_pvalue=p)).change == expected


def test_downgrades_add_up_and_stop_at_very_low() -> None:
    # Observational (starts low) with serious risk of bias (-1): very low.
    inp = case(randomised_share=0.2, concern_rob_share=0.9)
    assert grade(inp).level is CertaintyLevel.VERY_LOW
    # RCTs, serious inconsistency (-1) and imprecision on both counts (-2): very low.
    inp = case(i2=60.0, pi_lower=-0.4, pi_upper=1.0, ci_lower=-0.05, ci_upper=0.6,
               n_participants=200)  # fmt: skip
    assert changes(inp) == {
        "study_design": 0, "risk_of_bias": 0, "inconsistency": -1, "imprecision": -2,
        "publication_bias": 0, "indirectness": 0,
    }  # fmt: skip
    assert grade(inp).level is CertaintyLevel.VERY_LOW
    # RCTs, indirect evidence (-1: 60% of the weight coded serious) and publication bias
    # (-1): low.
    inp = case(indirect_share=0.6, indirect_coded_share=1.0, egger_pvalue=0.01)
    assert grade(inp).level is CertaintyLevel.LOW


def test_reasons_are_written_in_both_languages() -> None:
    inp = case(i2=60.0, pi_lower=-0.4, pi_upper=1.0)
    assert grade(inp, "nl").reasons[2].explanation == (
        "I² = 60% en het voorspellingsinterval ([−0,40; 1,00]) omvat geen effect"
    )  # Dutch numbers: decimal comma, interval separated by a semicolon, real minus sign
    assert grade(inp, "en").reasons[2].explanation == (
        "I² = 60% and the prediction interval ([−0.40, 1.00]) includes no effect"
    )

    def reason(inp: GradeInput, domain: str, lang: str) -> str:
        return next(r.explanation for r in grade(inp, lang).reasons if r.domain == domain)

    egger = case(k=12, egger_pvalue=0.0004)
    assert reason(egger, "publication_bias", "nl") == (
        "Egger-test p < 0,001 bij 12 effectgroottes wijst op publicatiebias"
    )
    assert reason(case(k=12, egger_pvalue=0.2), "publication_bias", "en") == (
        "Egger's test p = 0.200 with 12 effect sizes"
    )
    precise = case(n_participants=1234, ci_lower=0.1, ci_upper=0.5)
    assert reason(precise, "imprecision", "nl") == (
        "betrouwbaarheidsinterval [0,10; 0,50] met 1.234 deelnemers"  # thousands separator
    )


@pytest.mark.parametrize(
    ("level", "ci", "increase", "nl", "en"),
    [
        ("high", (0.1, 0.5), False, "Interventies met contact verminderen eenzaamheid.",
         "Interventions with contact reduce eenzaamheid."),
        ("moderate", (0.1, 0.5), True, "Interventies met contact vergroten waarschijnlijk "
         "eenzaamheid.", "Interventions with contact probably increase eenzaamheid."),
        ("low", (-0.1, 0.5), True, "Interventies met contact maken mogelijk weinig of geen "
         "verschil voor eenzaamheid.", "Interventions with contact may result in little to no "
         "difference in eenzaamheid."),
        ("very_low", (0.1, 0.5), False, "Het is onzeker of interventies met contact eenzaamheid "
         "verminderen: het bewijs is zeer onzeker.", "It is uncertain whether interventions "
         "with contact reduce eenzaamheid: the evidence is very uncertain."),
    ],
)  # fmt: skip
def test_conclusion_follows_grade_informative_statements(
    level: str, ci: tuple[float, float], increase: bool, nl: str, en: str
) -> None:
    text = conclusion(
        CertaintyLevel(level), 0.3, *ci, outcome="Eenzaamheid", desired_increase=increase,
        principle="Contact",
    )  # fmt: skip
    assert (text.nl, text.en) == (nl, en)


def test_conclusion_harm_on_an_outcome_that_should_decrease_says_increases() -> None:
    text = conclusion(
        CertaintyLevel.HIGH, -0.4, -0.6, -0.2, outcome="Recidive", desired_increase=False
    )
    assert text.nl == "De interventies vergroten recidive."


def test_conclusion_without_evidence() -> None:
    text = conclusion(None, None, None, None, outcome="Recidive", desired_increase=False)
    assert text.en == "No study with an effect size addresses the interventions and recidive."


@pytest.mark.parametrize(
    ("indirect", "very", "expected"),
    [
        (0.5, 0.0, -1),  # exactly half the weight seriously indirect
        (0.49, 0.0, 0),
        (0.8, 0.5, -2),  # half the weight very seriously indirect
        (0.8, 0.49, -1),  # the very serious share alone is not a majority
        (0.0, 0.0, 0),
    ],
)
def test_indirectness_by_weight_share(indirect: float, very: float, expected: int) -> None:
    inp = case(indirect_share=indirect, very_indirect_share=very, indirect_coded_share=1.0)
    assert indirectness(inp).change == expected


def test_indirectness_reason_says_not_coded_only_when_nothing_is_coded() -> None:
    assert indirectness(case(), "en").explanation == "indirectness is not coded"
    coded = case(indirect_share=0.0, indirect_coded_share=0.3)
    assert indirectness(coded, "en").explanation == (
        "indirectness coded for 30% of the weight; 0% comes from effects coded as indirect"
    )
    assert indirectness(coded, "nl").explanation == (
        "indirectheid gecodeerd voor 30% van het gewicht; 0% komt uit effecten die als "
        "indirect zijn gecodeerd"
    )
    serious = case(indirect_share=0.75, very_indirect_share=0.25, indirect_coded_share=1.0)
    assert indirectness(serious, "en").explanation == (
        "75% of the weight comes from effects coded as seriously or very seriously indirect"
    )


def test_conclusion_in_english_uses_the_english_names_and_keeps_the_dutch() -> None:
    dutch_only = conclusion(
        CertaintyLevel.MODERATE, 0.3, 0.1, 0.5, outcome="Eenzaamheid", desired_increase=False,
        principle="Contact leggen",
    )  # fmt: skip
    both = conclusion(
        CertaintyLevel.MODERATE, 0.3, 0.1, 0.5, outcome="Eenzaamheid", desired_increase=False,
        principle="Contact leggen", outcome_en="Loneliness", principle_en="Making contact",
    )  # fmt: skip
    assert both.nl == dutch_only.nl == (
        "Interventies met contact leggen verminderen waarschijnlijk eenzaamheid."
    )
    assert both.en == "Interventions with making contact probably reduce loneliness."
    assert dutch_only.en == "Interventions with contact leggen probably reduce eenzaamheid."
    overall = conclusion(
        None, None, None, None, outcome="Eenzaamheid", outcome_en="Loneliness",
        desired_increase=False,
    )  # fmt: skip
    assert overall.en == "No study with an effect size addresses the interventions and loneliness."


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Cognitive restructuring", "cognitive restructuring"),
        ("Aggression regulation (anger control)", "aggression regulation (anger control)"),
        ("CBT components", "CBT components"),  # acronym
        ("McGrath's method", "McGrath's method"),  # a capital inside the first word
        ("Reasoning and Rehabilitation", "Reasoning and Rehabilitation"),  # Title Case: a name
        ("Thinking for a Change", "Thinking for a Change"),
        ("Training in the Socratic method", "training in the Socratic method"),
    ],
)
def test_conclusion_keeps_the_capital_of_a_proper_name(name: str, shown: str) -> None:
    text = conclusion(
        CertaintyLevel.HIGH, 0.3, 0.1, 0.5, outcome="Recidive", outcome_en="Reoffending",
        desired_increase=False, principle="Iets", principle_en=name,
    )  # fmt: skip
    assert text.en == f"Interventions with {shown} reduce reoffending."
