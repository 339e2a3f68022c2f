"""The `reflection:` section of dossier.yaml: typos and wrong references get located messages."""

# ruff: noqa: E501 - exact messages and hand-computed rows are asserted as one line each

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from watwerkt.files.dossier_file import read_dossier_file

from .conftest import ROOT


def _problems(tmp_path: Path, section: str) -> list[str]:
    folder = tmp_path / "d"
    shutil.copytree(ROOT / "dossiers" / "eenzaamheid", folder)
    text = (folder / "dossier.yaml").read_text(encoding="utf-8")
    start = text.index("reflection:\n")
    (folder / "dossier.yaml").write_text(text[:start] + section, encoding="utf-8")
    reading = read_dossier_file(folder, "dossier.yaml")
    return [p.render("nl") for p in reading.problems]


def _line_of(tmp_path: Path, needle: str) -> int:
    lines = (tmp_path / "d" / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_example_section_is_valid(tmp_path: Path) -> None:
    text = (ROOT / "dossiers" / "eenzaamheid" / "dossier.yaml").read_text(encoding="utf-8")
    assert _problems(tmp_path, text[text.index("reflection:\n") :]) == []


def test_misspelled_key_is_located_with_a_suggestion(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "reflection:\n  introductie: Hallo\n")
    line = _line_of(tmp_path, "introductie")
    assert problems == [
        f"dossier.yaml:{line}: onbekend veld 'reflection.introductie'; bedoelde u 'introduction'?"
    ]


def test_unknown_principle_is_located_with_a_suggestion(tmp_path: Path) -> None:
    problems = _problems(tmp_path, "reflection:\n  principles:\n    - principle: bezigheid\n")
    line = _line_of(tmp_path, "principle: bezigheid")
    assert problems == [
        f"dossier.yaml:{line}: werkzaam element 'bezigheid' is niet gedefinieerd in "
        "dossier.yaml; bedoelde u 'bezigheden'?"
    ]


def test_new_item_needs_a_kind(tmp_path: Path) -> None:
    section = (
        "reflection:\n  principles:\n    - principle: ontmoeten\n      items:\n"
        "        - id: eigen\n          text: Een eigen vraag?\n"
    )
    problems = _problems(tmp_path, section)
    line = _line_of(tmp_path, "- id: eigen")
    assert problems == [
        f"dossier.yaml:{line}: veld 'reflection.principles[1].items[1]': nieuwe vraag 'eigen' "
        "heeft een 'kind' nodig: closed, open of need"
    ]


def test_standard_item_keeps_its_kind(tmp_path: Path) -> None:
    section = (
        "reflection:\n  principles:\n    - principle: ontmoeten\n      items:\n"
        "        - id: praktijk\n          kind: closed\n          text: Anders?\n"
    )
    problems = _problems(tmp_path, section)
    assert len(problems) == 1
    assert "standaardvraag 'praktijk' is van het soort 'open'" in problems[0]


@pytest.mark.parametrize(
    ("section", "needle", "expected"),
    [
        (
            "reflection:\n  principles:\n    - principle: ontmoeten\n      leave_out: [bewus]\n",
            "leave_out",
            "veld 'reflection.principles[1].leave_out[1]': verwacht een van 'toepassing', "
            "'bewust', 'praktijk', 'nodig', kreeg 'bewus'",
        ),
        (
            "reflection:\n  principles:\n    - principle: ontmoeten\n      items:\n"
            "        - id: x\n          kind: gesloten\n          text: X?\n",
            "kind: gesloten",
            "veld 'reflection.principles[1].items[1].kind': verwacht een van 'closed', 'open', "
            "'need', kreeg 'gesloten'",
        ),
    ],
)
def test_closed_vocabularies_list_the_choices(
    tmp_path: Path, section: str, needle: str, expected: str
) -> None:
    problems = _problems(tmp_path, section)
    assert problems == [f"dossier.yaml:{_line_of(tmp_path, needle)}: {expected}"]


def test_principle_named_twice_and_item_repeated(tmp_path: Path) -> None:
    section = (
        "reflection:\n  principles:\n    - principle: ontmoeten\n      items:\n"
        "        - {id: x, kind: open, text: Xx}\n        - {id: x, kind: open, text: Yy}\n"
        "    - principle: ontmoeten\n"
    )
    problems = _problems(tmp_path, section)
    first = _line_of(tmp_path, "- principle: ontmoeten")
    item_first = _line_of(tmp_path, "{id: x, kind: open, text: Xx}")
    assert problems == [
        f"dossier.yaml:{item_first + 1}: vraag 'x' is twee keer gedefinieerd (ook op regel {item_first})",
        f"dossier.yaml:{item_first + 2}: werkzaam element 'ontmoeten' is twee keer gedefinieerd "
        f"(ook op regel {first})",
    ]
