"""Bad answers files: every problem named with file, field or item, what was expected; nothing lost."""

# ruff: noqa: E501 - exact messages and hand-computed rows are asserted as one line each

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from watwerkt.errors import AnswersFileError
from watwerkt.messages import set_language
from watwerkt.reflection.answers import check_answers, read_answers
from watwerkt.reflection.model import ReflectionTool


def _file(tool: ReflectionTool, answers: dict[str, Any], **tool_fields: Any) -> dict[str, Any]:
    ref = {"id": tool.id, "version": tool.version, "hash": tool.hash, "lang": "nl", **tool_fields}
    return {
        "format": "watwerkt-reflection-answers",
        "format_version": 1,
        "tool": ref,
        "answers": answers,
    }


ALL_CLOSED = {
    "a.toepassing": 1,
    "a.bewust": 1,
    "b.toepassing": 1,
    "b.bewust": 1,
    "c.toepassing": 1,
    "c.bewust": 1,
}


def _complete(tool: ReflectionTool) -> dict[str, Any]:
    answers = dict(ALL_CLOSED)
    for block in tool.quickscan.blocks:
        for item in block.items:
            answers[item.id] = "geen" if item.kind == "choice" else 0
    return answers


def test_a_complete_file_has_no_problems(small_tool: ReflectionTool) -> None:
    reading = check_answers(_file(small_tool, _complete(small_tool)), small_tool, "a.json")
    assert reading.problems == ()
    assert reading.unknown == {}
    assert reading.summary() == "a.json: 17 geldige antwoorden, geen problemen"


def test_messages_name_the_file_the_item_and_what_was_expected(small_tool: ReflectionTool) -> None:
    answers = {**_complete(small_tool), "a.toepassing": 4, "a.bewust": True, "b.praktijk": 12,
               "beschrijving.aanpak": "na", "effect.onderzoek": "heel goed", "zz.onbekend": "<b>x</b>"}  # fmt: skip
    reading = check_answers(_file(small_tool, answers), small_tool, "antwoorden.json")
    assert [p.render("nl") for p in reading.problems] == [
        "antwoorden.json: vraag 'a.toepassing': verwacht een van 0, 1, 2, 3, 'na', kreeg 4; telt als niet beantwoord",
        "antwoorden.json: vraag 'a.bewust': verwacht een van 0, 1, 2, 3, 'na', kreeg true; telt als niet beantwoord",
        "antwoorden.json: vraag 'beschrijving.aanpak': verwacht een van 0, 1, 2, 3, kreeg 'na'; telt als niet beantwoord",
        "antwoorden.json: vraag 'effect.onderzoek': verwacht een van 'geen', 'eerste', 'goede', 'sterke', "
        "kreeg 'heel goed'; telt als niet beantwoord",
        "antwoorden.json: vraag 'b.praktijk': verwacht tekst, kreeg 12; telt als niet beantwoord",
        "antwoorden.json: antwoord op onbekende vraag 'zz.onbekend': deze tool kent die vraag niet; het "
        "antwoord staat apart in het rapport",
    ]
    assert reading.invalid == {"a.toepassing": 4, "a.bewust": True, "beschrijving.aanpak": "na",
                               "effect.onderzoek": "heel goed", "b.praktijk": 12}  # fmt: skip
    assert reading.unknown == {"zz.onbekend": "<b>x</b>"}
    assert [p.field for p in reading.problems][:2] == ["answers.a.toepassing", "answers.a.bewust"]


def test_english_messages(small_tool: ReflectionTool) -> None:
    set_language("en")
    reading = check_answers(
        _file(small_tool, {**_complete(small_tool), "a.toepassing": -1}), small_tool, "f.json"
    )
    assert [p.render() for p in reading.problems] == [
        "f.json: item 'a.toepassing': expected one of 0, 1, 2, 3, 'na', got -1; counted as not answered"
    ]


@pytest.mark.parametrize(
    ("tool_fields", "expected"),
    [
        ({"id": "ander"}, "f.json: veld 'tool.id': de antwoorden horen bij tool 'ander', niet bij 'klein'; "
                          "alleen vragen die in beide voorkomen zijn gescoord"),
        ({"version": "1.0"}, "f.json: veld 'tool.version': de antwoorden horen bij versie '1.0', niet bij "
                             "'2.0'; vragen zijn op id gekoppeld"),
    ],
)  # fmt: skip
def test_another_tool_or_version_is_recognised(
    small_tool: ReflectionTool, tool_fields: dict[str, str], expected: str
) -> None:
    reading = check_answers(
        _file(small_tool, _complete(small_tool), **tool_fields), small_tool, "f.json"
    )
    assert [p.render("nl") for p in reading.problems] == [expected]
    assert len(reading.answers) == 17  # still scored on the shared item ids


def test_tampered_file_hash_mismatch(small_tool: ReflectionTool) -> None:
    reading = check_answers(
        _file(small_tool, _complete(small_tool), hash="sha256:0000"), small_tool, "f.json"
    )
    assert [p.render("nl") for p in reading.problems] == [
        f"f.json: veld 'tool.hash': verwacht {small_tool.hash}, kreeg sha256:0000: de vragenlijst is "
        "gewijzigd of het bestand is bewerkt; vragen zijn op id gekoppeld"
    ]


def test_missing_answers_listed_in_one_message(small_tool: ReflectionTool) -> None:
    reading = check_answers(_file(small_tool, {"a.toepassing": 2}), small_tool, "f.json")
    (problem,) = reading.problems
    assert problem.render("nl") == (
        "f.json: 16 vragen zonder antwoord: a.bewust, b.toepassing, b.bewust, c.toepassing, c.bewust, "
        "beschrijving.doelgroep-doelen, beschrijving.aanpak, beschrijving.samenhang, "
        "onderbouwing.verandertheorie, onderbouwing.literatuur …"
    )


def test_envelope_problems_are_all_reported(small_tool: ReflectionTool) -> None:
    data = {"format": "iets", "format_version": 2, "tool": "klein", "answers": {}, "extra": 1}
    reading = check_answers(data, small_tool, "f.json")
    assert [p.render("nl") for p in reading.problems][:4] == [
        "f.json: onbekend veld 'extra' (toegestaan: format, format_version, tool, saved, answers); "
        "het wordt niet gebruikt",
        "f.json: veld 'format': verwacht 'watwerkt-reflection-answers', kreeg 'iets'",
        "f.json: veld 'format_version': verwacht 1, kreeg 2",
        "f.json: veld 'tool': verwacht een mapping (sleutel: waarde), kreeg 'klein'",
    ]
    assert reading.tool is None


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"answers": {"a.toepassing": 1,}}', "f.json:1: geen geldige JSON: Expecting property name "
         "enclosed in double quotes; verwacht een antwoordbestand zoals de reflectietool het opslaat"),
        ('{\n"answers": {"a.toepassing": NaN}}', "f.json:2: geen geldige JSON: NaN; "
         "verwacht een antwoordbestand zoals de reflectietool het opslaat"),
        ("[1, 2]", "f.json: verwacht een JSON-object met 'tool' en 'answers', kreeg list"),
        ('{"tool": {}}', "f.json: verplicht veld 'answers' ontbreekt"),
        ('{"answers": [1]}', "f.json: veld 'answers': verwacht een mapping (sleutel: waarde), kreeg [1]"),
        ('{"format": "watwerkt-reflection-tool", "answers": {}}',
         "f.json: dit is een vragenlijst (questionnaire.json), geen antwoordbestand"),
    ],
)  # fmt: skip
def test_nothing_to_score_raises_with_the_reason(
    small_tool: ReflectionTool,
    tmp_path: Path,
    content: str,
    expected: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("f.json").write_text(content, encoding="utf-8")
    with pytest.raises(AnswersFileError) as info:
        read_answers(Path("f.json"), small_tool)
    assert info.value.render("nl") == expected


def test_not_utf8(
    small_tool: ReflectionTool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("f.json").write_bytes(b'{"answers": {"a.praktijk": "caf\xe9"}}')
    with pytest.raises(AnswersFileError) as info:
        read_answers(Path("f.json"), small_tool)
    assert "f.json:1: bestand is geen geldige UTF-8" in info.value.render("nl")


def test_null_counts_as_unanswered_without_a_problem_of_its_own(small_tool: ReflectionTool) -> None:
    answers = {**_complete(small_tool), "a.praktijk": None}
    reading = check_answers(
        json.loads(json.dumps(_file(small_tool, answers))), small_tool, "f.json"
    )
    assert reading.problems == ()
    assert "a.praktijk" not in reading.answers
