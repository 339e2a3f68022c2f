"""BibTeX import: LaTeX, names, DOIs, keys, and every kind of bad entry reported by line.

The entries are synthetic fixtures; expected values were worked out by hand
from BibTeX's name rules (von part = lower-case words) and the LaTeX accents.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from watwerkt.library.bibtex import read_bibtex
from watwerkt.library.latex import _slow, latex_to_unicode
from watwerkt.library.reading import read_library

GOOD = textwrap.dedent(
    r"""
    @article{zwet2019,
      author = {van der Zwet, Renske and M{\"u}ller, J{\"o}rg and Ay{\c{s}}e {\"O}zt{\"u}rk
                and {Wereldgezondheidsorganisatie} and Jan de Vries and Van Damme, Jean-Claude},
      title = {Samen {eten} tegen eenzaamheid: 50\% minder \& meer -- een {RCT}},
      journal = {Tijdschrift voor Sociale Vraagstukken},
      year = 2019, volume = {3}, number = {2}, pages = {10--20},
      doi = {https://doi.org/10.1000/ABC.123},
      url = {www.movisie.nl/x}
    }

    @book{boek2020, author = {Jansen, Piet}, title = {Een boek}, year = {2020},
      publisher = {Boom}}
    @incollection{hoofdstuk2021, author = {Pietersen, P.}, editor = {de Boer, K.},
      title = {Hoofdstuk}, booktitle = {Bundel}, year = {2021}, pages = {1--9}}
    @inproceedings{conf2018, author = {A, B}, title = {Paper}, booktitle = {Proc}, year = {2018}}
    @phdthesis{thesis2017, author = {C, D}, title = {Proefschrift}, school = {UU}, year = {2017}}
    @techreport{rapport2016, author = {E, F}, title = {Rapport}, institution = {Movisie},
      year = {2016}, number = {12}}
    @misc{web2015, author = {G, H}, title = {Webpagina}, year = {2015}, url = {<https://x.nl>}}
    @online{online2014, author = {I, J}, title = {Online}, date = {2014-03-01}}
    """
)


def write(tmp_path: Path, text: str, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rendered(path: Path) -> list[str]:
    return [p.render("en") for p in read_bibtex(path, path.name).problems]


def test_common_entry_types_fields_and_names(tmp_path: Path) -> None:
    reading = read_bibtex(write(tmp_path, GOOD), "refs.bib")
    assert reading.problems == ()
    assert (reading.entries, reading.skipped, reading.encoding) == (8, 0, "utf-8")
    keys = [r.key for r in reading.references]
    assert keys == [
        "zwet2019", "boek2020", "hoofdstuk2021", "conf2018", "thesis2017", "rapport2016",
        "web2015", "online2014",
    ]  # fmt: skip
    ref = reading.references[0]
    assert ref.title == "Samen eten tegen eenzaamheid: 50% minder & meer – een RCT"
    assert ref.container == "Tijdschrift voor Sociale Vraagstukken"
    assert (ref.volume, ref.issue, ref.pages) == ("3", "2", "10–20")
    assert ref.doi == "10.1000/abc.123"
    assert ref.url == "https://www.movisie.nl/x"
    assert ref.source_line == 2
    names = [(p.particle, p.family, p.given) for p in ref.authors]
    assert names == [
        ("van der", "Zwet", "Renske"),
        ("", "Müller", "Jörg"),
        ("", "Öztürk", "Ayşe"),
        ("", "Wereldgezondheidsorganisatie", ""),
        ("de", "Vries", "Jan"),
        ("", "Van Damme", "Jean-Claude"),  # capitalised: part of the family name (Flemish)
    ]
    by_key = {r.key: r for r in reading.references}
    assert by_key["boek2020"].publisher == "Boom"
    assert by_key["hoofdstuk2021"].editors[0].particle == "de"
    assert by_key["hoofdstuk2021"].container == "Bundel"
    assert by_key["thesis2017"].publisher == "UU"
    assert by_key["rapport2016"].issue == "12"
    assert by_key["web2015"].url == "https://x.nl"
    assert by_key["online2014"].year == 2014  # biblatex date field


def test_capitalised_dutch_particle_is_stored_in_lower_case(tmp_path: Path) -> None:
    bib = (
        "@article{b, author = {Van der Berg, Jan and Piet van 't Hof and Zwet, R. van der},"
        " title={T}, year=2000}"
    )
    (first, second, third) = read_bibtex(write(tmp_path, bib)).references[0].authors
    assert (first.particle, first.family) == ("van der", "Berg")
    assert (second.particle, second.family) == ("van 't", "Hof")
    # Dutch catalogue order: the particle after the initials
    assert (third.given, third.particle, third.family) == ("R.", "van der", "Zwet")


def test_malformed_entry_is_located_and_the_rest_imported(tmp_path: Path) -> None:
    bib = GOOD.replace("title = {Een boek},", "title = {Een boek,")
    reading = read_bibtex(write(tmp_path, bib), "refs.bib")
    assert [p.render("en")[:45] for p in reading.problems] == [
        "refs.bib:12: BibTeX entry could not be read ("  # line 1 is empty; @book is on 12
    ]
    assert reading.skipped == 1
    assert "boek2020" not in [r.key for r in reading.references]
    assert len(reading.references) == 7


def test_duplicate_keys_unknown_types_missing_fields(tmp_path: Path) -> None:
    bib = textwrap.dedent(
        """\
        @article{a, title = {Eerste}, year = {2001}}
        @article{a, title = {Tweede}, year = {2002}}
        @weird{b, title = {Raar}, year = {2003}}
        @article{c, year = {2004}}
        @article{d, title = {Geen jaar}}
        @article{e, title = {Fout jaar}, year = {ca. 2005}}
        """
    )
    path = write(tmp_path, bib)
    assert rendered(path) == [
        "refs.bib:2: citation key 'a' appears twice (first on line 1)",
        "refs.bib:3: entry 'b' has an unknown type @weird; read and formatted as @misc",
        "refs.bib:4: entry 'c' lacks the field 'title'",
        "refs.bib:5: entry 'd' lacks the field 'year'",
        "refs.bib:6: entry 'e': field 'year' expected YYYY, got 'ca. 2005'",
    ]
    reading = read_bibtex(path)
    assert [r.key for r in reading.references] == ["a", "b", "c", "d", "e"]
    assert reading.references[0].title == "Eerste"  # the first of a duplicated key is kept
    assert (reading.entries, reading.skipped) == (6, 1)


def test_cp1252_file_is_read_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes("@article{x,\n title={Caf\u00e9 \u2013 bar}, year=2000}".encode("cp1252"))
    reading = read_bibtex(path, "refs.bib")
    assert reading.references[0].title == "Café – bar"
    assert reading.encoding == "cp1252"
    assert [p.render("en") for p in reading.problems] == [
        "refs.bib:2: file is not valid UTF-8 (invalid byte at position 23); read as cp1252: "
        "check accented letters and save it as UTF-8"
    ]
    nl = reading.problems[0].render("nl")
    assert nl.startswith("refs.bib:2: bestand is geen geldige UTF-8")


def test_empty_and_non_bibtex_files(tmp_path: Path) -> None:
    assert rendered(write(tmp_path, "  \n")) == ["refs.bib: file is empty"]
    found = rendered(write(tmp_path, "just some text\n"))
    assert found == [
        "refs.bib: file contains no BibTeX entries (expected e.g. "
        "'@article{key, title = {…}, year = {2024}}')"
    ]


def test_string_macros_are_resolved(tmp_path: Path) -> None:
    bib = (
        "@string{tsv = {Tijdschrift voor Sociale Vraagstukken}}\n"
        "@article{a, journal = tsv, title={T}, year=2000}\n"
    )
    assert read_bibtex(write(tmp_path, bib)).references[0].container == (
        "Tijdschrift voor Sociale Vraagstukken"
    )


def test_large_file_is_parsed_in_pieces_with_correct_lines(tmp_path: Path) -> None:
    entry = (
        "@article{{k{i},\n  author = {{Jansen, Jan}},\n"
        "  title = {{Titel {i} {pad}}},\n  year = {{2000}}\n}}\n"
    )
    pad = "x" * 200
    parts = [entry.format(i=i, pad=pad) for i in range(3000)]  # about 800 kB: several pieces
    parts[2500] = parts[2500].replace("year = {2000}", "year = {2000")  # unbalanced, deep in
    progress: list[int] = []
    path = write(tmp_path, "".join(parts))
    reading = read_bibtex(path, "refs.bib", progress=progress.append)
    assert len(progress) > 1
    assert sum(progress) == len(path.read_text(encoding="utf-8"))
    assert reading.entries == 3000
    assert reading.skipped == 1
    assert [p.line for p in reading.problems] == [2500 * 5 + 1]  # entry i starts on line 5i + 1
    assert reading.references[-1].source_line == 2999 * 5 + 1


def test_read_library_dispatch(tmp_path: Path) -> None:
    other = write(tmp_path, "x", "refs.txt")
    assert [p.render("en") for p in read_library(other, "refs.txt").problems] == [
        "refs.txt: library 'refs.txt' has an unknown extension; expected .bib or .ris"
    ]
    missing = read_library(tmp_path / "nope.bib", "nope.bib")
    assert [p.render("en") for p in missing.problems] == ["nope.bib: file does not exist"]
    assert missing.unreadable


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"Caf\'e", "Café"),
        (r"{\'E}cole", "École"),
        (r"\c{c}a", "ça"),
        (r"\v Cech", "Čech"),
        (r"na\"{\i}ef", "naïef"),
        (r"50\% \& \{x\}", "50% & {x}"),
        (r"Stra\ss e", "Straße"),
        (r"{\o}re", "øre"),
        (r"\aa{}ngstr\"om", "ångström"),
        (r"1--10", "1–10"),
        (r"a---b", "a—b"),
        (r"{DNA}", "DNA"),
        (r"\emph{x} y", "x y"),  # not in the fast path: pylatexenc decodes it
        (r"$\alpha$", "α"),
    ],
)
def test_latex_decoding_fast_path_agrees_with_pylatexenc(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected
    assert _slow(latex) == expected


def test_unreadable_file_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, GOOD)

    def denied(_self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    reading = read_library(path, "refs.bib")
    assert [p.render("en") for p in reading.problems] == [
        "refs.bib: file cannot be read (Permission denied)"
    ]


def test_no_field_is_lost(tmp_path: Path) -> None:
    """Edition, month, ISBN and abstract have attributes; every other field is kept in extra."""
    bib = tmp_path / "fields.bib"
    bib.write_text(
        textwrap.dedent(
            """\
            @book{jansen2020,
              author = {Jansen, Jan},
              title = {Samen tegen eenzaamheid},
              year = {2020}, edition = {2}, month = {mar}, isbn = {978-90-1234-567-8},
              abstract = {Een {\\'e}erste overzicht.},
              keywords = {eenzaamheid; ouderen}, language = {dutch}
            }
            """
        ),
        encoding="utf-8",
    )
    reading = read_bibtex(bib)
    assert list(reading.problems) == []
    (ref,) = reading.references
    assert (ref.edition, ref.month, ref.isbn) == ("2", "mar", "978-90-1234-567-8")
    assert ref.abstract == "Een éerste overzicht."
    assert ref.extra == {"keywords": "eenzaamheid; ouderen", "language": "dutch"}


def test_every_field_survives_export_and_reimport(tmp_path: Path) -> None:
    from watwerkt.library.export import to_bibtex

    test_no_field_is_lost(tmp_path)
    (ref,) = read_bibtex(tmp_path / "fields.bib").references
    again = tmp_path / "again.bib"
    again.write_text(to_bibtex([ref]), encoding="utf-8")
    (back,) = read_bibtex(again).references
    assert back.model_dump(exclude={"source_file", "source_line"}) == ref.model_dump(
        exclude={"source_file", "source_line"}
    )


def test_truncated_author_list_is_kept_and_survives_export(tmp_path: Path) -> None:
    """'and others' is not a person, but the fact that more authors exist is not lost."""
    from watwerkt.library.export import to_bibtex

    bib = tmp_path / "others.bib"
    bib.write_text(
        "@article{greene1991, author = {Greene, Ann and others}, title = {T}, year = {1991},\n"
        "  editor = {Bell, B. and others}}\n"
        "@article{bell1985, author = {Bell and Bell}, title = {U}, year = {1985}}\n",
        encoding="utf-8",
    )
    reading = read_bibtex(bib)
    assert list(reading.problems) == []
    greene, bell = reading.references
    assert [p.family for p in greene.authors] == ["Greene"]
    assert greene.authors_truncated
    assert greene.editors_truncated
    assert not bell.authors_truncated
    assert not bell.editors_truncated
    again = tmp_path / "again.bib"
    again.write_text(to_bibtex([greene, bell]), encoding="utf-8")
    assert "author = {Greene, Ann and others}" in again.read_text(encoding="utf-8")
    back = read_bibtex(again).references
    assert [r.model_dump(exclude={"source_file", "source_line"}) for r in back] == [
        r.model_dump(exclude={"source_file", "source_line"}) for r in (greene, bell)
    ]
