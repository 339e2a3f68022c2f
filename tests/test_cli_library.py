"""``watwerkt library``: output formats, problems on stderr, exit status 0/1/2, nl/en text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from watwerkt.cli import main

BIB = """\
@article{zwet2019,
  author = {van der Zwet, Renske and Jansen, Jan},
  title = {Samen eten},
  journal = {TSV}, year = {2019}, doi = {https://doi.org/10.1000/ABC}
}
@book{boek2020, author = {Pietersen, Piet}, title = {Een boek}, year = {2020}}
"""
RIS = """\
TY  - JOUR
ID  - zwet2019b
AU  - van der Zwet, R.
TI  - Samen eten
PY  - 2019
DO  - 10.1000/abc
ER  -
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    ris = tmp_path / "more.ris"
    ris.write_text(RIS, encoding="utf-8")
    return bib, ris


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", ["list", "duplicates", "export"])
def test_every_library_command_has_help_with_example(command: str) -> None:
    result = run("library", command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_list_json(files: tuple[Path, Path]) -> None:
    bib, _ = files
    result = run("--lang", "en", "library", "list", str(bib), "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["key"] for r in records] == ["zwet2019", "boek2020"]
    first = records[0]
    assert first["authors"] == [
        {"family": "Zwet", "given": "Renske", "particle": "van der"},
        {"family": "Jansen", "given": "Jan", "particle": ""},
    ]
    assert (first["year"], first["title"], first["doi"]) == (2019, "Samen eten", "10.1000/abc")
    assert records[1]["doi"] is None
    assert result.stderr == "1 file(s): 2 reference(s) read, 0 skipped\n"


def test_list_table_and_skipped_entries_exit_1(files: tuple[Path, Path]) -> None:
    bib, _ = files
    bib.write_text(BIB.replace("title = {Een boek}", "title = {Een boek"), encoding="utf-8")
    result = run("library", "list", str(bib))
    assert result.exit_code == 1
    assert result.stdout.startswith("zwet2019                 2019  van der Zwet & Jansen")
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{bib}:6: BibTeX-item kon niet worden gelezen (")
    assert lines[1] == "1 bestand(en): 1 referentie(s) ingelezen, 1 overgeslagen"


def test_nothing_readable_exit_2(tmp_path: Path) -> None:
    result = run("--lang", "en", "library", "list", str(tmp_path / "nope.bib"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{tmp_path / 'nope.bib'}: file does not exist\n"
        "1 file(s): 0 reference(s) read, 0 skipped\n"
        "no reference could be read\n"
    )


def test_duplicates_json_and_table(files: tuple[Path, Path]) -> None:
    bib, ris = files
    result = run("library", "duplicates", str(bib), str(ris), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "keys": ["zwet2019", "zwet2019b"],
            "rules": ["doi", "title_author_year"],
            "kept": {"key": "zwet2019", "file": str(bib), "line": 1},
            "removed": [{"key": "zwet2019b", "file": str(ris), "line": 1}],
        }
    ]
    table = run("--lang", "en", "library", "duplicates", str(bib), str(ris))
    assert table.stdout == (
        f"zwet2019 ({bib}:1) = zwet2019b ({ris}:1)  [same DOI, same title, first author and year]\n"
    )


def test_export_csl_json_and_bibtex_to_file(files: tuple[Path, Path], tmp_path: Path) -> None:
    bib, ris = files
    result = run("library", "export", str(bib), str(ris), "--to", "csl-json", "--dedupe")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [i["id"] for i in items] == ["zwet2019", "boek2020"]
    assert items[0]["author"][0] == {
        "family": "Zwet", "given": "Renske", "non-dropping-particle": "van der",
    }  # fmt: skip
    assert items[0]["issued"] == {"date-parts": [[2019]]}
    out = tmp_path / "out.bib"
    result = run("library", "export", str(ris), "--to", "bibtex", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == (
        "@article{zwet2019b,\n"
        "  author = {van der Zwet, R.},\n"
        "  title = {Samen eten},\n"
        "  year = {2019},\n"
        "  doi = {10.1000/abc},\n"
        "}\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.bib")] == []


def test_large_input_goes_through_the_progress_bar(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    bib, ris = files
    monkeypatch.setattr("watwerkt.cli_library.PROGRESS_BYTES", 0)
    result = run("library", "list", str(bib), str(ris), "--format", "json")
    assert result.exit_code == 0
    assert [r["key"] for r in json.loads(result.stdout)] == ["zwet2019", "boek2020", "zwet2019b"]


def test_export_leaves_out_a_second_work_with_the_same_key(tmp_path: Path) -> None:
    one = tmp_path / "a.bib"
    one.write_text("@book{k, title = {Eerste}, year = {2001}}\n", encoding="utf-8")
    two = tmp_path / "b.bib"
    two.write_text("\n@book{k, title = {Tweede}, year = {2002}}\n", encoding="utf-8")
    result = run("--lang", "en", "library", "export", str(one), str(two), "--to", "csl-json")
    assert result.exit_code == 1
    assert [item["title"] for item in json.loads(result.stdout)] == ["Eerste"]
    assert result.stderr.splitlines()[0] == (
        f"{two}:2: citation key 'k' is also used in {one}:1 for a different work; "
        "give one of them another key"
    )


def test_check_fails_on_unaccounted_reference_and_lists_it(tmp_path: Path) -> None:
    from tests.synthesis.test_evidence import make

    folder = make(tmp_path, rows=[])  # a sheet without rows: two references unaccounted
    result = run("--lang", "en", "check", str(folder))
    assert result.exit_code == 1
    bib = folder / "refs.bib"
    assert [line for line in result.stdout.splitlines() if "unaccounted" in line] == [
        f"{bib}:1: reference 'jansen2019' is unaccounted for: code it in a coding sheet or "
        "exclude it with a reason (exclusions in dossier.yaml)",
        f"{bib}:8: reference 'pietersen2021' is unaccounted for: code it in a coding sheet or "
        "exclude it with a reason (exclusions in dossier.yaml)",
    ]
