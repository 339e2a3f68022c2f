"""Generating a tool: items per principle, the evidence line, overrides, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from watwerkt.files.dossier_file import load_dossier
from watwerkt.model import CertaintyLevel
from watwerkt.reflection.generate import generate_tool, tool_from_directory
from watwerkt.reflection.model import ReflectionTool
from watwerkt.reflection.output import write_tool
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize

from .conftest import ROOT, finding, small_dossier


def test_every_principle_of_the_example_has_its_items(recidive_tool: ReflectionTool) -> None:
    dossier = load_dossier(ROOT / "dossiers" / "recidive-cgt")
    assert [p.id for p in recidive_tool.principles] == [p.id for p in dossier.principles]
    for p in recidive_tool.principles:
        assert [(i.id, i.kind) for i in p.items] == [
            (f"{p.id}.toepassing", "closed"),
            (f"{p.id}.bewust", "closed"),
            (f"{p.id}.praktijk", "open"),
            (f"{p.id}.nodig", "need"),
        ]
        assert p.explanation == dossier.principle(p.id).description
        assert p.mechanism == dossier.principle(p.id).mechanism


def test_evidence_lines_are_the_findings(recidive_tool: ReflectionTool) -> None:
    synthesis = synthesize(collect_evidence(ROOT / "dossiers" / "recidive-cgt"))
    for p in recidive_tool.principles:
        f = synthesis.finding(p.id, "recidive")
        assert f.certainty is not None
        assert f.conclusion is not None
        (line,) = p.evidence.lines
        assert (line.k, line.certainty, line.conclusion) == (
            f.k,
            f.certainty.level,
            f.conclusion.nl,
        )
        assert p.evidence.certainty == f.certainty.level
        assert f.conclusion.nl in p.evidence.text
    # The one principle graded 'low' in this dossier (the rest are 'very low'):
    low = [p.id for p in recidive_tool.principles if p.evidence.certainty == CertaintyLevel.LOW]
    assert low == ["perspectief-nemen"]
    text = recidive_tool.principles[-1].evidence.text
    assert text.startswith("Recidive (zekerheid van bewijs: laag): ")


def test_a_principle_without_studies_says_so_and_claims_nothing() -> None:
    tool = tool_from_directory(ROOT / "dossiers" / "eenzaamheid")
    assert len(tool.principles) == 7
    for p in tool.principles:
        assert p.evidence.certainty is None
        assert p.evidence.lines == ()
        assert p.evidence.text.startswith("Dit dossier bevat geen gesynthetiseerde studies")
    assert "Bouwman en Van Tilburg (2020)" in tool.introduction


def test_highest_certainty_over_outcomes_is_the_strength() -> None:
    f1 = finding("a", CertaintyLevel.VERY_LOW)
    f2 = finding("a", CertaintyLevel.MODERATE).model_copy(update={"outcome": "o2"})
    dossier = small_dossier()
    dossier = dossier.model_copy(
        update={
            "outcomes": (
                *dossier.outcomes,
                dossier.outcomes[0].model_copy(update={"id": "o2", "name": "Twee"}),
            )
        }
    )
    tool = generate_tool(dossier, [f1, f2])
    evidence = tool.principles[0].evidence
    assert evidence.certainty == CertaintyLevel.MODERATE
    assert [line.outcome for line in evidence.lines] == ["o", "o2"]
    assert evidence.text == (
        "Uitkomst (zekerheid van bewijs: zeer laag): Conclusie over a. "
        "Twee (zekerheid van bewijs: redelijk): Conclusie over a."
    )


def test_overrides_replace_add_and_leave_out_items() -> None:
    reflection = {
        "introduction": "Inleiding van de auteurs.",
        "principles": [
            {
                "principle": "b",
                "explanation": "Eigen uitleg.",
                "items": [
                    {"id": "toepassing", "text": "Eigen vraag over B?"},
                    {"id": "extra-open", "kind": "open", "text": "Nog iets?"},
                    {"id": "extra-gesloten", "kind": "closed", "text": "Extra gesloten?"},
                ],
                "leave_out": ["bewust"],
                "suggestions": ["Doe dit.", "Of dat."],
            }
        ],
    }
    tool = generate_tool(small_dossier(reflection), [])
    b = tool.principles[1]
    assert tool.introduction == "Inleiding van de auteurs."
    assert b.explanation == "Eigen uitleg."
    assert [(i.id, i.kind, i.text) for i in b.items] == [
        ("b.toepassing", "closed", "Eigen vraag over B?"),
        ("b.extra-gesloten", "closed", "Extra gesloten?"),
        ("b.praktijk", "open", "Hoe doet u dit in uw praktijk? Geef een voorbeeld."),
        ("b.extra-open", "open", "Nog iets?"),
        ("b.nodig", "need", "Wat zou u nodig hebben om dit (meer) te doen?"),
    ]
    assert b.suggestions == ("Doe dit.", "Of dat.")
    assert [i.id for i in tool.principles[0].items][:2] == ["a.toepassing", "a.bewust"]


def test_english_tool_uses_english_texts() -> None:
    tool = generate_tool(small_dossier(), [finding("a", CertaintyLevel.LOW)], "en")
    assert tool.lang == "en"
    assert tool.scale.options[0].label == "not"
    assert (
        tool.principles[0].items[0].text == "To what extent is this element part of your approach?"
    )
    assert (
        tool.principles[0].evidence.text
        == "Uitkomst (certainty of evidence: low): Conclusion on a."
    )


def test_generation_is_deterministic(tmp_path: Path, recidive_tool: ReflectionTool) -> None:
    again = tool_from_directory(ROOT / "dossiers" / "recidive-cgt")
    assert again == recidive_tool
    assert again.hash == recidive_tool.hash == recidive_tool.content_hash()
    first = write_tool(recidive_tool, tmp_path / "one")
    second = write_tool(again, tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_hash_changes_with_any_text(small_tool: ReflectionTool) -> None:
    p = small_tool.principles[0]
    changed = small_tool.model_copy(
        update={"principles": (p.model_copy(update={"name": "Anders"}), *small_tool.principles[1:])}
    )
    assert changed.content_hash() != small_tool.hash
    assert small_tool.hash.startswith("sha256:")
    assert len(small_tool.hash) == len("sha256:") + 64


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_quickscan_has_the_five_blocks(small_tool: ReflectionTool, lang: str) -> None:
    tool = generate_tool(small_dossier(), [], lang)
    assert [b.id for b in tool.quickscan.blocks] == [
        "beschrijving", "onderbouwing", "praktijk", "effect", "uitvoering",
    ]  # fmt: skip
    assert [r.level.value for r in tool.quickscan.levels] == [
        "goed_beschreven", "goed_onderbouwd", "effectief_eerste_aanwijzingen",
        "effectief_goede_aanwijzingen", "effectief_sterke_aanwijzingen",
    ]  # fmt: skip
    assert all(not i.allow_na for b in tool.quickscan.blocks for i in b.items)
    assert small_tool.quickscan.evidence_item == "effect.onderzoek"


def test_english_tool_of_the_example_uses_its_english_names() -> None:
    dossier = load_dossier(ROOT / "dossiers" / "recidive-cgt")
    tool = tool_from_directory(ROOT / "dossiers" / "recidive-cgt", "en")
    assert tool.dossier_title == dossier.title_en
    for p in tool.principles:
        source = dossier.principle(p.id)
        assert (p.name, p.explanation, p.mechanism) == (
            source.name_en,
            source.description_en,
            source.mechanism_en,
        )
        (line,) = p.evidence.lines
        assert line.outcome_name == "Reoffending"
        assert p.evidence.text.startswith("Reoffending (certainty of evidence: ")
    restructuring = next(p for p in tool.principles if p.id == "cognitieve-herstructurering")
    assert "interventions with cognitive restructuring reduce reoffending" in (
        restructuring.evidence.lines[0].conclusion
    )


def test_english_tool_falls_back_to_dutch_texts_where_none_is_given() -> None:
    tool = generate_tool(small_dossier(), [], "en")  # the small dossier has no English texts
    assert [p.name for p in tool.principles] == ["Element A", "Element B", "Element C"]
    assert tool.principles[0].mechanism == "Waarom A."


def test_suggestions_fall_back_to_the_principles_practice_examples(
    recidive_tool: ReflectionTool,
) -> None:
    # dossiers/recidive-cgt has no reflection: suggestions, so a gap's suggestions are
    # the dossier's own practice examples of that principle (never invented text)
    dossier = load_dossier(ROOT / "dossiers" / "recidive-cgt")
    examples = {p.id: p.examples for p in dossier.principles}
    assert any(examples.values())
    for principle in recidive_tool.principles:
        assert principle.suggestions == examples[principle.id]
