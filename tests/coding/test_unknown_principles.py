"""Coding sheets: a principle coded ``NA`` is *not coded*, neither present nor absent.

Real reviews leave component codes missing (e.g. metadat's
dat.bangertdrowns2004); reading such a code as "absent" would put the study
in the wrong group of the with/without contrast (tested in
tests/synthesis/test_findings_not_coded.py). The small dossier here is a
synthetic test fixture, not data.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.files.test_dossier_file import MINIMAL
from watwerkt.messages import set_language
from watwerkt.synthesis.evidence import collect_evidence

STUDIES = ("a2001", "b2002", "c2003", "d2004", "e2005")
YI = (-0.50, -0.40, -0.10, 0.05, 0.60)  # e2005 (row 6) is the study whose code varies
VI = (0.04, 0.05, 0.03, 0.06, 0.05)
HEADER = "study,references,outcome,design,measure,yi,vi,principle:contact,principles\n"


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def make(tmp_path: Path, flags: tuple[str, ...], listed: str = "") -> Path:
    """A dossier of five studies; ``flags`` are their ``principle:contact`` cells."""
    bib = "".join(
        f"@article{{{s}, author = {{Auteur{s[0].upper()}, A.}}, title = {{Studie {s}}}, "
        f"year = {{{s[1:]}}}}}\n\n"
        for s in STUDIES
    )
    rows = [
        f"{s},{s},eenzaamheid,rct,SMD,{y},{v},{f},{listed if s == 'e2005' else ''}\n"
        for s, y, v, f in zip(STUDIES, YI, VI, flags, strict=True)
    ]
    (tmp_path / "dossier.yaml").write_text(MINIMAL + "coding_sheets:\n  - coding.csv\n")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "coding.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("token", ["NA", "na", "?", "onbekend", "unknown", " NA "])
def test_na_is_read_as_not_coded(tmp_path: Path, token: str) -> None:
    evidence = collect_evidence(make(tmp_path, ("1", "1", "0", "0", token)), cwd=tmp_path)
    assert evidence.problems == []
    last = evidence.effects[-1]
    assert last.estimate.study == "e2005"
    assert last.unknown_principles == ("contact",)
    assert last.estimate.principles == ()
    assert [e.unknown_principles for e in evidence.effects[:-1]] == [()] * 4


def test_not_coded_and_listed_as_present_is_a_problem(tmp_path: Path) -> None:
    folder = make(tmp_path, ("1", "1", "0", "0", "NA"), listed="contact")
    problems = [p.render("en") for p in collect_evidence(folder, cwd=folder).problems]
    assert problems == [
        "coding.csv:6: working principle 'contact' is listed in the 'principles' column, but "
        "its column 'principle:contact' says NA (not coded); choose one"
    ]


def test_bad_flag_names_the_accepted_values(tmp_path: Path) -> None:
    folder = make(tmp_path, ("1", "1", "0", "0", "misschien"))
    problems = [p.render("en") for p in collect_evidence(folder, cwd=folder).problems]
    assert problems == [
        "coding.csv:6: column 'principle:contact': expected 1/0, yes/no, empty (= no) or "
        "NA (= not coded), got 'misschien'"
    ]
