"""dossier.yaml: valid files load; each kind of invalid file gives one located message."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watwerkt.errors import DossierConfigError
from watwerkt.files.dossier_file import load_dossier, read_dossier_file
from watwerkt.messages import set_language
from watwerkt.model import Dossier

MINIMAL = textwrap.dedent(
    """\
    id: eenzaamheid
    title: Wat werkt bij eenzaamheid?
    theme:
      id: eenzaamheid
      name: Eenzaamheid
    scope:
      question: Wat helpt tegen eenzaamheid?
      inclusion_criteria:
        - Vergelijkend onderzoek
    outcomes:
      - id: eenzaamheid
        name: Eenzaamheid
        desired_direction: decrease
    principles:
      - id: contact
        name: Contact leggen
      - id: zingeving
        name: Zingeving
    libraries:
      - refs.bib
    """
)


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def write(tmp_path: Path, text: str | bytes) -> Path:
    target = tmp_path / "dossier.yaml"
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    return tmp_path


def rendered(tmp_path: Path) -> list[str]:
    reading = read_dossier_file(tmp_path, "dossier.yaml")
    return [p.render("en") for p in reading.problems]


def test_minimal_dossier_loads(tmp_path: Path) -> None:
    dossier = load_dossier(write(tmp_path, MINIMAL))
    assert [p.id for p in dossier.principles] == ["contact", "zingeving"]
    assert dossier.language == "nl"


def test_misspelled_key_names_line_and_suggestion(tmp_path: Path) -> None:
    text = MINIMAL.replace("    name: Zingeving", "    naam: Zingeving")
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:17: required field 'principles[2].name' is missing",
        "dossier.yaml:18: unknown field 'principles[2].naam'; did you mean 'name'?",
    ]


def test_english_texts_load_and_a_misspelt_english_key_is_located(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "    name: Contact leggen\n", "    name: Contact leggen\n    name_en: Making contact\n"
    )
    dossier = load_dossier(write(tmp_path, text))
    assert dossier.principle("contact").label("en") == "Making contact"
    assert dossier.principle("zingeving").label("en") == "Zingeving"  # falls back to Dutch
    assert rendered(write(tmp_path, text.replace("name_en:", "nmae_en:"))) == [
        "dossier.yaml:17: unknown field 'principles[1].nmae_en'; did you mean 'name_en'?",
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Wat werkt bij eenzaamheid?\n", "")
    assert rendered(write(tmp_path, text)) == ["dossier.yaml:1: required field 'title' is missing"]


def test_wrong_type(tmp_path: Path) -> None:
    text = MINIMAL.replace("libraries:\n  - refs.bib", "libraries: 12")
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:19: field 'libraries': expected a list, got 12"
    ]


def test_bad_enum_lists_choices(tmp_path: Path) -> None:
    text = MINIMAL.replace("desired_direction: decrease", "desired_direction: down")
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:13: field 'outcomes[1].desired_direction': expected one of "
        "'increase', 'decrease', got 'down'"
    ]


def test_duplicate_principle_id_names_both_lines(tmp_path: Path) -> None:
    text = MINIMAL.replace("id: zingeving", "id: contact")
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:17: working principle 'contact' is defined twice (also on line 15)"
    ]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = MINIMAL + "title: Nog een titel\n"
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:21: key 'title' appears twice (first on line 2)"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    text = MINIMAL.replace("name: Zingeving", "name: Zingeving caf\u00e9")
    position = text.index("\u00e9")  # one byte per character before it in latin-1
    assert rendered(write(tmp_path, text.encode("latin-1"))) == [
        f"dossier.yaml:18: file is not valid UTF-8 (invalid byte at position {position}); "
        "save it as UTF-8"
    ]


def test_empty_file(tmp_path: Path) -> None:
    assert rendered(write(tmp_path, "  \n")) == ["dossier.yaml: file is empty"]


def test_yaml_syntax_error(tmp_path: Path) -> None:
    assert rendered(write(tmp_path, "id: [unclosed\ntitle: x\n")) == [
        "dossier.yaml:2: YAML syntax error: while parsing a flow sequence expected ',' or ']', "
        "but got ':'"
    ]


def test_top_level_must_be_mapping(tmp_path: Path) -> None:
    assert rendered(write(tmp_path, "- a\n- b\n")) == [
        "dossier.yaml:1: expected a YAML mapping (key: value) at the top of the file, got list"
    ]


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("title:", "titel:")
        .replace("desired_direction: decrease", "desired_direction: 3")
        .replace("id: zingeving", "id: Zingeving")
    )
    problems = rendered(write(tmp_path, text))
    assert len(problems) == 4  # unknown 'titel', missing 'title', bad enum, bad id pattern
    with pytest.raises(DossierConfigError) as info:
        load_dossier(tmp_path)
    assert len(info.value.problems) == 4
    assert info.value.render("en").count("\n") == 3


def test_yaml_is_loaded_safely(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "title: Wat werkt bij eenzaamheid?", "title: !!python/object/apply:os.system ['echo hi']"
    )
    problems = rendered(write(tmp_path, text))
    assert len(problems) == 1
    assert problems[0].startswith(
        "dossier.yaml:2: YAML syntax error: could not determine a constructor"
    )


def test_author_text_file_must_exist(tmp_path: Path) -> None:
    text = MINIMAL + "texts:\n  - section: inleiding\n    file: inleiding.md\n"
    assert rendered(write(tmp_path, text)) == [
        "dossier.yaml:23: file 'inleiding.md' does not exist (paths are relative to the folder "
        "of dossier.yaml)"
    ]


def test_example_dossier_round_trips_through_json(example_dossier: Dossier) -> None:
    data = json.loads(json.dumps(example_dossier.to_dict()))
    assert Dossier.model_validate(data) == example_dossier


ids = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, object]:
    principle_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    return {
        "id": draw(ids),
        "title": draw(text),
        "theme": {"id": draw(ids), "name": draw(text)},
        "scope": {
            "question": draw(text),
            "inclusion_criteria": draw(st.lists(text, min_size=1, max_size=3)),
        },
        "outcomes": [
            {
                "id": draw(ids),
                "name": draw(text),
                "desired_direction": draw(st.sampled_from(["increase", "decrease"])),
            }
        ],
        "principles": [
            {"id": pid, "name": draw(text), "examples": draw(st.lists(text, max_size=2))}
            for pid in principle_ids
        ],
        "libraries": draw(st.lists(text, min_size=1, max_size=2)),
        "exclusions": [{"reference": draw(ids), "reason": draw(text)}],
    }


@settings(max_examples=60, deadline=None)
@given(dossiers())
def test_yaml_model_json_model_round_trip(data: dict[str, object]) -> None:
    import yaml

    reloaded = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    dossier = Dossier.model_validate(reloaded)
    again = Dossier.model_validate(json.loads(json.dumps(dossier.to_dict())))
    assert again == dossier
    assert again.to_dict() == dossier.to_dict()
