"""The principles model: valid objects build, invalid ones fail with the rule named."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from watwerkt import model
from watwerkt.model import (
    Dossier,
    EffectDirection,
    EffectEstimate,
    Measure,
    Person,
    Principle,
    Study,
    StudyDesign,
)


def test_all_is_sorted_and_complete() -> None:
    public = {n for n in dir(model) if not n.startswith("_")} - {
        # submodules are reachable but not part of the curated surface
        "consistency",
        "dossier",
        "enums",
        "finding",
        "principle",
        "reference",
        "reflection_config",
        "study",
    }
    assert model.__all__ == sorted(model.__all__)
    assert set(model.__all__) == public


def test_effect_estimate_kinds() -> None:
    es = EffectEstimate(study="s1", outcome="o", measure=Measure.SMD, yi=0.3, vi=0.04)
    raw = EffectEstimate(
        study="s1", outcome="o", measure="OR", raw={"ai": 1, "bi": 2, "ci": 3, "di": 4}
    )
    votes = EffectEstimate(study="s1", outcome="o", direction="favours_intervention")
    assert (es.kind, raw.kind, votes.kind) == ("effect_size", "raw", "direction")
    assert votes.direction is EffectDirection.FAVOURS_INTERVENTION


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"yi": 0.3}, "yi and vi belong together"),
        ({"raw": {"ai": 1.0}}, "raw statistics need a measure"),
        ({}, "needs yi and vi, raw statistics"),
        ({"yi": 0.1, "vi": -1.0}, "greater than 0"),
        ({"measure": "OR", "raw": {"zz": 1.0}}, "zz"),
    ],
)
def test_effect_estimate_rules(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        EffectEstimate(study="s1", outcome="o", **kwargs)


def test_objects_are_frozen_and_strict() -> None:
    p = Principle(id="p1", name="Contact leggen")
    with pytest.raises(ValidationError):
        p.name = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        Principle(id="p1", name="x", mechanisme="typo")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="pattern"):
        Principle(id="P 1", name="x")


def test_person_full_name_keeps_particle() -> None:
    person = Person(family="Zwet", given="Renske", particle="van der")
    assert person.full_name == "Renske van der Zwet"


def test_study_designs_are_the_issue_list() -> None:
    assert [d.value for d in StudyDesign] == [
        "rct",
        "cluster_rct",
        "quasi_experiment",
        "pre_post",
        "cohort",
        "case_control",
        "cross_sectional",
        "qualitative",
        "mixed_methods",
        "systematic_review",
        "meta_analysis",
        "other",
    ]
    with pytest.raises(ValidationError, match="rob"):
        Study(id="s", references=("k",), design="rct", risk_of_bias={"overall": "rob"})


def test_dossier_lookup(example_dossier: Dossier) -> None:
    assert example_dossier.outcome("recidive").desired_direction.value == "decrease"
    assert example_dossier.principle("agressieregulatie").name.startswith("Agressieregulatie")
    with pytest.raises(KeyError):
        example_dossier.principle("onbekend")


def test_english_texts_fall_back_to_dutch_per_field() -> None:
    p = Principle(
        id="contact",
        name="Contact leggen",
        description="Nieuwe mensen leren kennen.",
        mechanism="Contact helpt.",
        examples=("Een buurtgroep",),
        name_en="Making contact",
        examples_en=("A neighbourhood group",),
    )
    assert (p.label("en"), p.label("nl"), p.label(None)) == (
        "Making contact",
        "Contact leggen",
        "Contact leggen",
    )
    english = p.in_language("en")
    assert english.name == "Making contact"
    assert english.examples == ("A neighbourhood group",)
    assert english.description == "Nieuwe mensen leren kennen."  # no description_en: Dutch
    assert english.mechanism == "Contact helpt."
    assert p.in_language("nl") == p
    assert p.name == "Contact leggen"  # the original is untouched (frozen)
    untranslated = Principle(id="x", name="Zingeving")
    assert untranslated.label("en") == "Zingeving"
    assert untranslated.in_language("en") == untranslated


def test_label_without_language_follows_the_process_language() -> None:
    # lang=None means the process language everywhere (as in messages.message), not "Dutch".
    from watwerkt.messages import get_language, set_language

    p = Principle(id="contact", name="Contact leggen", name_en="Making contact")
    before = get_language()
    try:
        set_language("en")
        assert p.label(None) == "Making contact"
        set_language("nl")
        assert p.label(None) == "Contact leggen"
    finally:
        set_language(before)


def test_misspelt_english_key_is_an_error() -> None:
    with pytest.raises(ValidationError, match="nmae_en"):
        Principle.model_validate({"id": "x", "name": "X", "nmae_en": "X"})


def test_example_dossier_has_english_names(example_dossier: Dossier) -> None:
    d = example_dossier
    assert d.label("en").startswith("What works in reducing reoffending?")
    assert d.label("nl").startswith("Wat werkt bij het verminderen van recidive?")
    assert d.theme.label("en") == "Reoffending"
    assert d.outcome("recidive").label("en") == "Reoffending"
    assert d.principle("cognitieve-herstructurering").label("en") == "Cognitive restructuring"
    # every text of every principle has its English version in the example
    for p in d.principles:
        assert p.name_en, p.id
        assert p.description_en, p.id
        assert p.mechanism_en, p.id
        assert bool(p.examples_en) == bool(p.examples), p.id
