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


def test_every_impossible_raw_column_is_named_with_file_rows(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Synthetic raw data (labelled synthetic) with three impossible columns."""
    bad = tmp_path / "raw.csv"
    bad.write_text(
        "study,m1i,sd1i,n1i,m2i,sd2i,n2i\n"
        "a,5,1,10,4,-1,12\n"
        "b,6,-2,0,5,2,18\n"
        "c,7,1.5,30,6.5,1,30\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["--lang", "en", "meta", str(bad), "--measure", "SMD"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {bad}: column 'sd1i, sd2i, n1i', row(s) 2, 3: effect_sizes(): impossible "
        "raw data (3 problems); nothing was computed:",
        "  - 'sd1i': negative standard deviation at row(s) 3",
        "  - 'sd2i': negative standard deviation at row(s) 2",
        "  - 'n1i': sample size below 1 at row(s) 3",
    ]


def _konstantopoulos_csv(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """dat.konstantopoulos2011 (schools within districts), from the multilevel reference."""
    import csv

    ref = load_reference("multilevel")["multilevel"]["konstantopoulos2011_reml_z"]
    data = ref["data"]
    path = tmp_path / "konstantopoulos2011.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["district", "school", "yi", "vi"])
        writer.writerows(zip(*data["groups"], data["yi"], data["vi"], strict=True))
    return path, ref


def test_cluster_three_level_matches_rma_mv(runner: CliRunner, tmp_path: Path) -> None:
    path, ref = _konstantopoulos_csv(tmp_path)
    result = runner.invoke(
        main, ["meta", str(path), "--cluster", "district", "--es-id", "school", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    fit = json.loads(result.stdout)
    assert_close(fit["estimate"], ref["beta"], "mv_fit", "estimate")
    assert_close(fit["se"], ref["se"], "mv_fit", "se")
    assert_close(fit["sigma2"], ref["sigma2"], "mv_fit", "sigma2")
    table = runner.invoke(main, ["meta", str(path), "--cluster", "district", "--es-id", "school"])
    assert "sigma^2.1" in table.stdout
    assert "district" in table.stdout


@pytest.mark.parametrize(("flag", "key"), [("CR1", "robust_cr1"), ("CR2", "robust_cr2")])
def test_cluster_robust_matches_metafor_robust(
    runner: CliRunner, tmp_path: Path, flag: str, key: str
) -> None:
    path, ref = _konstantopoulos_csv(tmp_path)
    args = ["meta", str(path), "--cluster", "district", "--es-id", "school", "--robust"]
    result = runner.invoke(main, [*args, "--small-sample", flag, "--format", "json"])
    assert result.exit_code == 0, result.output
    fit = json.loads(result.stdout)
    expected = ref[key]
    for field, ours in (("beta", "estimate"), ("se", "se"), ("df", "df"), ("pvalue", "pvalue")):
        assert_close(fit[ours], expected[field], "mv_fit", f"{flag}.{field}")


def test_robust_needs_cluster(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--lang", "en", "meta", str(BCG), "--robust"])
    assert result.exit_code == 2
    assert "--robust needs --cluster" in result.stderr


def test_single_meta_analysis_matches_metafor(runner: CliRunner) -> None:
    ref = load_reference("cli")
    for args, key in (
        (["--method", "REML"], "reml"),
        (["--method", "DL", "--test", "knha"], "dl_knha"),
    ):
        fit = run_json(runner, *args)
        assert isinstance(fit, dict)
        for field in ("estimate", "se", "ci_lower", "ci_upper", "tau2", "q", "pvalue"):
            kind = "ci" if field.startswith("ci") else field
            assert_close(fit[field], ref[key][field], kind, f"{key}.{field}")


def test_measure_from_raw_counts_equals_given_yi(runner: CliRunner) -> None:
    from_raw = run_json(runner, "--measure", "RR")
    given = run_json(runner)
    assert isinstance(from_raw, dict)
    assert isinstance(given, dict)
    assert_close(from_raw["estimate"], load_reference("cli")["reml"]["estimate"], "estimate")
    assert_close(from_raw["tau2"], given["tau2"], "tau2")


def test_meta_regression_matches_metafor(runner: CliRunner) -> None:
    ref = load_reference("cli")["mods_ablat"]
    result = runner.invoke(main, ["meta", str(BCG), "--mods", "ablat", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "term,estimate,se,statistic,pvalue,ci_lower,ci_upper"
    terms = [line.split(",") for line in lines[1:]]
    assert [t[0] for t in terms] == ["intercept", "ablat"]
    assert_close([float(t[1]) for t in terms], ref["estimate"], "estimate")
    assert_close([float(t[2]) for t in terms], ref["se"], "se")
    fit = run_json(runner, "--mods", "ablat")
    assert isinstance(fit, dict)
    assert_close(fit["tau2"], ref["tau2"], "tau2")
    assert_close(fit["qm"], ref["qm"], "q")


def test_table_output_is_metafor_like(runner: CliRunner) -> None:
    result = runner.invoke(main, ["meta", str(BCG)])  # Dutch by default, decimal points kept
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Random-effectsmodel (k = 13; tau^2-schatter: REML)"
    assert "Modelresultaten:" in lines
    assert "  -0.7145   0.1798  -3.9744   <.0001  -1.0669  -0.3622" in lines  # as metafor
    result = runner.invoke(main, ["--lang", "en", "meta", str(BCG)])
    lines = result.stdout.splitlines()
    assert lines[0] == "Random-effects model (k = 13; tau^2 estimator: REML)"
    assert "Model Results:" in lines
    assert "  -0.7145   0.1798  -3.9744   <.0001  -1.0669  -0.3622" in lines


def test_table_output_of_every_kind_follows_the_language(runner: CliRunner) -> None:
    for args, nl, en in (
        (["--mods", "ablat"], "Mixed-effectsmodel (k = 13", "Mixed-effects model (k = 13"),
        (["--cluster", "alloc"], "Multivariaat meta-analysemodel", "Multivariate Meta-Analysis"),
        (["--measure", "OR"], "Random-effectsmodel", "Random-effects model"),
    ):
        dutch = runner.invoke(main, ["--lang", "nl", "meta", str(BCG), *args])
        english = runner.invoke(main, ["--lang", "en", "meta", str(BCG), *args])
        assert dutch.exit_code == english.exit_code == 0, dutch.output
        assert nl in dutch.stdout, args
        assert en in english.stdout, args


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--by", "alloc", "--mods", "ablat"], "--by pools each group separately"),
        (["--by", "alloc", "--cluster", "author"], "--by pools each group separately"),
        (["--es-id", "trial"], "--es-id needs --cluster"),
    ],
)
def test_option_combinations_that_would_ignore_an_option(
    runner: CliRunner, args: list[str], text: str
) -> None:
    result = runner.invoke(main, ["--lang", "en", "meta", str(BCG), *args])
    assert result.exit_code == 2
    assert text in result.stderr


def test_rows_left_out_are_named_as_file_rows(runner: CliRunner, tmp_path: Path) -> None:
    lines = BCG.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    ablat = header.index('"ablat"')
    for row in (3, 9):  # file rows 3 and 9 (header = row 1) lose their moderator
        cells = lines[row - 1].split(",")
        cells[ablat] = ""
        lines[row - 1] = ",".join(cells)
    data = tmp_path / "bcg_missing.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "meta", str(data), "--mods", "ablat"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"warning: {data}: row(s) 3, 9 left out because a moderator is missing\n"
    )


def test_missing_raw_cell_names_the_raw_column(runner: CliRunner, tmp_path: Path) -> None:
    lines = BCG.read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[5] = ""  # column ci, file row 5
    lines[4] = ",".join(cells)
    data = tmp_path / "bcg_raw.csv"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["--lang", "en", "meta", str(data), "--measure", "RR"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {data}: column 'ci', row(s) 5: missing value; fill them in or remove those rows\n"
    )
