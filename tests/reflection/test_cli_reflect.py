"""`watwerkt reflect generate` and `watwerkt reflect score`, with the exact messages."""

# ruff: noqa: E501 - exact messages and hand-computed rows are asserted as one line each

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from watwerkt.cli import main

from .conftest import ROOT


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "dossiers" / "eenzaamheid", tmp_path / "dossiers" / "eenzaamheid")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _answers(tool_dir: Path, answers: dict[str, Any]) -> dict[str, Any]:
    tool = json.loads((tool_dir / "questionnaire.json").read_text(encoding="utf-8"))
    return {
        "format": "watwerkt-reflection-answers",
        "format_version": 1,
        "tool": {"id": tool["id"], "version": tool["version"], "hash": tool["hash"], "lang": "nl"},
        "answers": answers,
    }


def test_generate_writes_to_reflection_tools_by_default(workdir: Path) -> None:
    result = run("reflect", "generate", "dossiers/eenzaamheid")
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == "reflectietool eenzaamheid (versie 0.1) geschreven naar reflection_tools/eenzaamheid\n"
    )
    assert sorted(p.name for p in (workdir / "reflection_tools" / "eenzaamheid").iterdir()) == [
        "answers.schema.json", "index.html", "questionnaire.json", "questionnaire.md", "questionnaire.schema.json",
    ]  # fmt: skip


def test_generate_english_and_bad_format(workdir: Path) -> None:
    result = run(
        "--lang",
        "en",
        "reflect",
        "generate",
        "dossiers/eenzaamheid",
        "--out",
        "en",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads((workdir / "en" / "questionnaire.json").read_text("utf-8"))["lang"] == "en"
    result = run(
        "--lang", "nl", "reflect", "generate", "dossiers/eenzaamheid", "--format", "html,docx"
    )
    assert result.exit_code == 1
    assert result.output == "fout: onbekend formaat 'docx'; kies uit html, md, json, pdf\n"


def test_generate_reports_dossier_problems(workdir: Path) -> None:
    path = workdir / "dossiers" / "eenzaamheid" / "dossier.yaml"
    path.write_text(path.read_text("utf-8").replace("  introduction:", "  introductie:"), "utf-8")
    result = run("reflect", "generate", "dossiers/eenzaamheid")
    assert result.exit_code == 1
    assert "onbekend veld 'reflection.introductie'; bedoelde u 'introduction'?" in result.output


def test_score_complete_file_without_problems(workdir: Path) -> None:
    assert run("reflect", "generate", "dossiers/eenzaamheid").exit_code == 0
    tool_dir = workdir / "reflection_tools" / "eenzaamheid"
    tool = json.loads((tool_dir / "questionnaire.json").read_text("utf-8"))
    answers: dict[str, Any] = {}
    for section in [*tool["principles"], *tool["quickscan"]["blocks"]]:
        for item in section["items"]:
            answers[item["id"]] = {"closed": 2, "choice": "geen"}.get(item["kind"], "tekst")
    Path("a.json").write_text(json.dumps(_answers(tool_dir, answers)), "utf-8")
    result = run(
        "reflect", "score", "a.json", "--out", "rapport"
    )  # tool found in reflection_tools/
    assert result.exit_code == 0, result.output
    assert result.output == (
        "rapport geschreven: rapport/report.html, rapport/report.md, rapport/profile.svg, rapport/profile.json\n"
    )
    profile = json.loads(Path("rapport/profile.json").read_text("utf-8"))
    assert profile["problems"] == []
    assert profile["profile"]["quickscan"]["level"] == "goed_onderbouwd"
    assert all(p["coverage"] == 2 / 3 * 100 for p in profile["profile"]["principles"])


def test_score_partial_report_keeps_everything(workdir: Path) -> None:
    assert run("reflect", "generate", "dossiers/eenzaamheid", "--out", "tool").exit_code == 0
    data = _answers(
        workdir / "tool",
        {"ontmoeten.toepassing": 9, "weg.item": "<b>hallo</b>", "ontmoeten.bewust": 1},
    )
    data["tool"]["version"] = "0.0"
    Path("a.json").write_text(json.dumps(data), "utf-8")
    result = run(
        "reflect", "score", "a.json", "--tool", "tool", "--out", "r", "--format", "html,json"
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "a.json: veld 'tool.version': de antwoorden horen bij versie '0.0', niet bij '0.1'; "
        "vragen zijn op id gekoppeld"
    )
    assert (
        lines[1]
        == "a.json: vraag 'ontmoeten.toepassing': verwacht een van 0, 1, 2, 3, 'na', kreeg 9; telt als niet beantwoord"
    )
    assert lines[2] == (
        "a.json: antwoord op onbekende vraag 'weg.item': deze tool kent die vraag niet; het antwoord staat "
        "apart in het rapport"
    )
    assert lines[3].startswith("a.json: 24 vragen zonder antwoord: bezigheden.toepassing, ")
    assert lines[-1] == "gedeeltelijk rapport: 4 problemen in het antwoordbestand (zie boven)"
    html = Path("r/report.html").read_text("utf-8")
    assert "Gedeeltelijk rapport" in html
    assert "&lt;b&gt;hallo&lt;/b&gt;" in html
    assert "<b>hallo</b>" not in html
    profile = json.loads(Path("r/profile.json").read_text("utf-8"))["profile"]
    assert profile["unknown_answers"] == {"weg.item": "<b>hallo</b>"}
    assert profile["invalid_answers"] == {"ontmoeten.toepassing": 9}


def test_score_with_dossier_and_invalid_json(workdir: Path) -> None:
    Path("kapot.json").write_text('{"answers": ', "utf-8")
    result = run("reflect", "score", "kapot.json", "--dossier", "dossiers/eenzaamheid")
    assert result.exit_code == 1
    assert result.output == (
        "fout: kapot.json:1: geen geldige JSON: Expecting value; verwacht een antwoordbestand zoals de "
        "reflectietool het opslaat\n"
    )
    assert not Path("report.html").exists()


def test_score_without_a_tool_says_where_it_looked(workdir: Path) -> None:
    Path("a.json").write_text(json.dumps({"tool": {"id": "../../etc"}, "answers": {}}), "utf-8")
    result = run("--lang", "en", "reflect", "score", "a.json")
    assert result.exit_code == 1
    assert result.output == (
        "error: no questionnaire found for tool '?'; looked in: reflection_tools/?/questionnaire.json. "
        "Give --dossier or --tool\n"
    )
