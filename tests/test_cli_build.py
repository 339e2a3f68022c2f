"""`watwerkt build`: findings.json where the user asked, atomically, with claim warnings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_DOSSIER, assert_close, load_reference
from watwerkt.cli import main
from watwerkt.messages import set_language
from watwerkt.schemas import json_schema


@pytest.fixture
def runner() -> CliRunner:
    yield CliRunner()
    set_language("nl")


def test_build_writes_findings_json(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "uit" / "map"
    result = runner.invoke(
        main, ["build", str(EXAMPLE_DOSSIER), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"12 bevindingen geschreven naar {out / 'findings.json'}",
        f"1 claims gecontroleerd (1 met een waarschuwing), geschreven naar {out / 'claims.json'}",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["claims.json", "findings.json"]  # no temp
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json_schema("findings"))
    overall = data["findings"][0]
    ref = load_reference("synthesis")["overall"]
    assert (overall["principle"], overall["outcome"], overall["k"]) == (None, "recidive", 58)
    assert_close(overall["estimate"], -ref["estimate"], "estimate")
    assert_close([overall["pi_lower"], overall["pi_upper"]],
                 [-ref["pi_upper"], -ref["pi_lower"]], "ci")  # fmt: skip
    assert overall["certainty"]["level"] == "very_low"
    assert set(overall["conclusion"]) == {"nl", "en"}
    assert data["findings"][1]["moderator_contrast"]["method"] == "subgroup"
    claims = json.loads((out / "claims.json").read_text(encoding="utf-8"))["claims"]
    assert claims[0]["differs"] is True


def test_build_warns_about_the_cherry_picked_claim_in_both_languages(
    runner: CliRunner, tmp_path: Path
) -> None:
    nl = runner.invoke(main, ["build", str(EXAMPLE_DOSSIER), "--out", str(tmp_path / "nl")])
    en = runner.invoke(
        main, ["--lang", "en", "build", str(EXAMPLE_DOSSIER), "--out", str(tmp_path / "en")]
    )
    assert nl.stderr.startswith(
        "waarschuwing: claim 'Aandacht voor slachtofferbewustzijn vermindert recidive.' "
        "(recidive): de geciteerde studies zijn significant, alle studies samen niet significant"
    )
    assert en.stderr.startswith(
        "warning: claim 'Aandacht voor slachtofferbewustzijn vermindert recidive.' "
        "(recidive): the cited studies are significant, all studies together not significant"
    )
    assert "not cited: knott1995, motiuk1996, washingtondoc1998, landenberger2004" in en.stderr


def test_relative_out_stays_in_the_working_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # click 8.5 deprecates isolated_filesystem
    result = runner.invoke(main, ["build", str(EXAMPLE_DOSSIER), "--out", "build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "findings.json").is_file()
    assert not (EXAMPLE_DOSSIER / "build").exists()


def test_build_of_a_dossier_with_problems_exits_1_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    broken = tmp_path / "dossier"
    shutil.copytree(EXAMPLE_DOSSIER, broken)
    (broken / "dossier.yaml").write_text(
        (broken / "dossier.yaml")
        .read_text(encoding="utf-8")
        .replace("../../references/landenberger2005.bib", "geen.bib"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(broken), "--out", str(out)])
    assert result.exit_code == 1
    assert "bestand 'geen.bib' bestaat niet" in result.stderr
    assert not out.exists()


def test_build_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    assert "watwerkt build dossiers/recidive-cgt --format json --out build/" in result.output
