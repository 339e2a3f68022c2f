"""The watwerkt command: exit codes, exact message text in Dutch and English, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import watwerkt
from tests.conftest import EXAMPLE_DOSSIER
from watwerkt.cli import main
from watwerkt.messages import set_language


@pytest.fixture
def runner() -> CliRunner:
    yield CliRunner()
    set_language("nl")


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"watwerkt, version {watwerkt.__version__}\n"


@pytest.mark.parametrize("command", [[], ["check"], ["schema"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage: " in result.output
    assert "Example" in result.output


def test_check_example_dossier_dutch_and_english(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", str(EXAMPLE_DOSSIER)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{EXAMPLE_DOSSIER}: geen problemen gevonden (11 werkzame elementen, 1 uitkomst(en), "
        "60 referenties (58 gecodeerd, 2 uitgesloten met reden, 0 dubbel), "
        "58 gecodeerde effecten)\n"
    )
    result = runner.invoke(main, ["--lang", "en", "check", str(EXAMPLE_DOSSIER)])
    assert result.exit_code == 0
    assert result.output.startswith(f"{EXAMPLE_DOSSIER}: no problems found (11 working principles")


def test_check_lists_every_problem_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "dossier.yaml").write_text("id: x\ntitel: y\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "check", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    shown = Path(tmp_path / "dossier.yaml")
    assert f"{shown}:1: required field 'title' is missing" in lines
    assert f"{shown}:2: unknown field 'titel'; did you mean 'title'?" in lines
    assert (
        len(lines) == 7
    )  # 6 missing (title, theme, scope, outcomes, principles, libraries) + titel
    assert "Traceback" not in result.output


def test_check_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--lang", "en", "check", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert (
        result.stdout
        == f"{tmp_path / 'nope' / 'dossier.yaml'}: no dossier.yaml found in {tmp_path / 'nope'}\n"
    )


def test_unexpected_error_is_one_line_unless_debug(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("watwerkt.cli.collect_evidence", boom)
    result = runner.invoke(main, ["--lang", "en", "check", "x"])
    assert result.exit_code == 2
    assert (
        result.stderr == "error: RuntimeError: disk on fire\n(use --debug for the full traceback)\n"
    )
    result = runner.invoke(main, ["--debug", "check", "x"])
    assert isinstance(result.exception, RuntimeError)


def test_schema_list_and_unknown_kind(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema", "--list"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [
        "dossier",
        "coding-row",
        "reference",
        "study",
        "effect-estimate",
        "findings",
    ]
    result = runner.invoke(main, ["--lang", "en", "schema", "dosier"])
    assert result.exit_code == 2
    assert "unknown schema 'dosier'; choose from dossier, coding-row" in result.stderr


def test_dossier_schema_validates_the_example_and_rejects_typos(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema", "dossier"])
    schema = json.loads(result.output)
    data = yaml.safe_load((EXAMPLE_DOSSIER / "dossier.yaml").read_text(encoding="utf-8"))
    data["date"] = str(data["date"])  # YAML dates are JSON strings
    jsonschema.validate(data, schema)
    data["titel"] = data.pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_coding_row_schema_accepts_the_example_rows(runner: CliRunner) -> None:
    import csv

    schema = json.loads(runner.invoke(main, ["schema", "coding-row"]).output)
    with (EXAMPLE_DOSSIER / "coding.csv").open(encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    record = {
        k: (
            float(v)
            if k in {"ai", "bi", "ci", "di", "follow_up_months"}
            else int(v)
            if k == "n"
            else v
        )
        for k, v in row.items()
        if not k.startswith("principle:") and v != ""
    }
    record["references"] = [record["references"]]
    jsonschema.validate(record, schema)
