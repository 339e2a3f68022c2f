"""Files of a tool and of a report: schemas validate, committed example tools are not stale,
untrusted text is escaped, nothing reaches the network."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from watwerkt.reflection.chart import coverage_chart
from watwerkt.reflection.form import render_form
from watwerkt.reflection.generate import tool_from_directory
from watwerkt.reflection.model import ReflectionTool
from watwerkt.reflection.output import write_report, write_tool
from watwerkt.reflection.printable import render_markdown
from watwerkt.reflection.schema import answers_schema, tool_schema
from watwerkt.reflection.scoring import score

from .conftest import ROOT

EVIL = "<img src=x onerror=alert(1)>"
#: Every committed example tool and the dossier it is generated from.
EXAMPLES = ("recidive-cgt", "leren-door-schrijven", "eenzaamheid")


@pytest.mark.parametrize("name", EXAMPLES)
def test_committed_example_tool_is_up_to_date(name: str, tmp_path: Path) -> None:
    committed = ROOT / "reflection_tools" / name
    fresh = write_tool(tool_from_directory(ROOT / "dossiers" / name), tmp_path)
    assert sorted(p.name for p in committed.iterdir()) == sorted(p.name for p in fresh)
    for path in fresh:
        assert (committed / path.name).read_bytes() == path.read_bytes(), (
            f"reflection_tools/{name}/{path.name} is stale; run: "
            f"watwerkt reflect generate dossiers/{name}"
        )


def test_every_example_dossier_has_a_committed_tool() -> None:
    dossiers = {p.parent.name for p in (ROOT / "dossiers").glob("*/dossier.yaml")}
    assert dossiers == set(EXAMPLES)


def test_generated_json_is_valid_against_its_schema(
    recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    write_tool(recidive_tool, tmp_path)
    data = json.loads((tmp_path / "questionnaire.json").read_text(encoding="utf-8"))
    schema = json.loads((tmp_path / "questionnaire.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    Draft202012Validator(schema).validate(data)
    assert schema == tool_schema()
    assert ReflectionTool.model_validate(data) == recidive_tool


def test_answers_schema_accepts_an_export_and_rejects_bad_values(
    recidive_tool: ReflectionTool,
) -> None:
    validator = Draft202012Validator(answers_schema())
    good = {
        "format": "watwerkt-reflection-answers", "format_version": 1,
        "tool": recidive_tool.ref().to_dict(), "saved": "2026-11-23T10:00:00.000Z",
        "answers": {"moreel-redeneren.toepassing": 2, "moreel-redeneren.bewust": "na",
                    "moreel-redeneren.praktijk": "tekst"},
    }  # fmt: skip
    validator.validate(good)
    assert not validator.is_valid({**good, "answers": {"x": [1]}})
    assert not validator.is_valid({**good, "format": "iets anders"})
    assert not validator.is_valid({k: v for k, v in good.items() if k != "tool"})


def _evil_tool(tool: ReflectionTool) -> ReflectionTool:
    p = tool.principles[0]
    evil = p.model_copy(
        update={"name": EVIL + "</script>", "explanation": "[x](javascript:alert(1))"}
    )
    return tool.model_copy(update={"principles": (evil, *tool.principles[1:])}).with_hash()


def test_form_escapes_untrusted_text_and_embeds_json_safely(recidive_tool: ReflectionTool) -> None:
    html = render_form(_evil_tool(recidive_tool))
    assert EVIL not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert len(scripts) == 3  # questionnaire JSON, UI texts, the script: none cut short
    assert json.loads(scripts[0])["principles"][0]["name"] == EVIL + "</script>"
    assert "\\u003cimg" in scripts[0]


def test_form_makes_no_network_reference(recidive_tool: ReflectionTool) -> None:
    html = render_form(recidive_tool)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "@import" not in html
    assert "url(" not in html
    assert "default-src 'none'" in html


def test_markdown_escapes_untrusted_text(recidive_tool: ReflectionTool) -> None:
    md = render_markdown(_evil_tool(recidive_tool))
    assert EVIL not in md
    assert "\\<img src=x onerror=alert(1)\\>" in md
    assert "\\[x\\](javascript:alert(1))" in md


def test_report_escapes_answers_and_lists_unknown_ones(
    recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    answers = {"perspectief-nemen.toepassing": 0, "perspectief-nemen.praktijk": EVIL}
    profile = score(recidive_tool, answers, unknown={"onbekend.item": EVIL})
    paths = write_report(recidive_tool, profile, [], tmp_path, ("html", "md", "json"), "a.json")
    assert [p.name for p in paths] == ["report.html", "report.md", "profile.svg", "profile.json"]
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert EVIL not in html
    assert (
        html.count("&lt;img src=x onerror=alert(1)&gt;") == 2
    )  # the open answer and the unknown one
    assert "<script" not in html
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert EVIL not in md
    assert "onbekend.item" in md
    data = json.loads((tmp_path / "profile.json").read_text(encoding="utf-8"))
    assert data["profile"]["unknown_answers"] == {"onbekend.item": EVIL}


def test_chart_has_text_labels_and_escapes_names(recidive_tool: ReflectionTool) -> None:
    tool = _evil_tool(recidive_tool)
    svg = coverage_chart(
        tool, score(tool, {"perspectief-nemen.toepassing": 1, "perspectief-nemen.bewust": 1})
    )
    assert svg.startswith("<svg ")
    assert EVIL not in svg
    assert "33% · laag" in svg  # value and certainty as text, not colour alone
    assert svg.count("niet beantwoord · zeer laag") == 10
    assert "<script" not in svg


def test_pdf_of_the_printable_form(tmp_path: Path) -> None:
    import importlib.util
    import os

    if importlib.util.find_spec("weasyprint") is None:  # pragma: no cover - depends on the machine
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("weasyprint is missing on CI (the dev extra installs it)")
        pytest.skip("weasyprint is not installed")
    tool = tool_from_directory(ROOT / "dossiers" / "eenzaamheid")
    (path,) = write_tool(tool, tmp_path, ("pdf",))
    data = path.read_bytes()
    assert path.name == "questionnaire.pdf"
    assert data.startswith(b"%PDF-")
    assert len(data) > 10_000
