"""`watwerkt meta` on real data (dat.bcg, Colditz et al. 1994) against metafor 3.8.

Reference values: tests/reference/cli.json, made by tests/reference/scripts/cli.R,
which also writes tests/data/bcg.csv.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import assert_close, load_reference
from watwerkt.cli import main
from watwerkt.messages import set_language

BCG = Path(__file__).parent / "data" / "bcg.csv"


@pytest.fixture
def runner() -> CliRunner:
    yield CliRunner()
    set_language("nl")


def run_json(runner: CliRunner, *args: str) -> object:
    result = runner.invoke(main, ["meta", str(BCG), *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_by_group_matches_metafor(runner: CliRunner) -> None:
    ref = load_reference("cli")["by_alloc"]
    rows = run_json(runner, "--by", "alloc")
    assert isinstance(rows, list)
    assert [r["alloc"] for r in rows] == ["random", "alternate", "systematic"]
    for row in rows:
        expected = ref[row["alloc"]]
        for field in ("estimate", "se", "ci_lower", "ci_upper", "tau2", "q", "pvalue"):
            kind = "ci" if field.startswith("ci") else field
            assert_close(row[field], expected[field], kind, f"{row['alloc']}.{field}")


def test_by_group_csv_has_every_group(runner: CliRunner) -> None:
    result = runner.invoke(main, ["meta", str(BCG), "--by", "alloc", "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("alloc,k,estimate,se,")
    assert len(lines) == 4


def test_missing_column_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--lang", "en", "meta", str(BCG), "--vi", "variance"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {BCG}: there is no column 'variance' (columns: trial, author, year, ai, bi, "
        "ci, di, ablat, alloc, yi, vi)\n"
    )


def test_bad_values_name_column_and_rows(runner: CliRunner, tmp_path: Path) -> None:
    lines = BCG.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ',"-0.5"'  # row 4: negative variance
    lines[6] = lines[6].rsplit(",", 1)[0] + ',"abc"'  # row 7: not a number
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "meta", str(bad), "--by", "alloc"])
    assert result.exit_code == 1
    assert result.stderr == f"error: {bad}: column 'vi', row(s) 7: expected a number\n"
    lines[6] = lines[6].rsplit(",", 1)[0] + ',""'
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "meta", str(bad), "--by", "alloc"])
    assert result.stderr == (
        f"error: {bad}: column 'vi', row(s) 7: missing value; fill them in or remove those rows\n"
    )
    assert "Traceback" not in result.output
    lines[6] = BCG.read_text(encoding="utf-8").splitlines()[6]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "meta", str(bad), "--by", "alloc"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bad}: column 'vi', row(s) 4: ")
    assert "≤ 0" in result.stderr
