"""Findings: a row whose principle is coded NA is in neither group of the contrast.

Uses the synthetic five-study dossier of tests/coding/test_unknown_principles.py
(a test fixture, not data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coding.test_unknown_principles import make
from watwerkt.messages import set_language
from watwerkt.model import Finding
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("nl")


def _contact(tmp_path: Path, name: str, flags: tuple[str, ...], drop_last: bool = False) -> Finding:
    folder = tmp_path / name
    folder.mkdir()
    make(folder, flags)
    if drop_last:  # the same dossier without the study e2005 at all
        sheet = folder / "coding.csv"
        sheet.write_text("".join(sheet.read_text().splitlines(True)[:-1]))
        bib = folder / "refs.bib"
        bib.write_text(bib.read_text().split("@article{e2005")[0])
    return synthesize(collect_evidence(folder, cwd=folder)).finding("contact", "eenzaamheid")


def test_not_coded_row_is_in_neither_group_of_the_contrast(tmp_path: Path) -> None:
    not_coded = _contact(tmp_path, "na", ("1", "1", "0", "0", "NA"))
    left_out = _contact(tmp_path, "weg", ("1", "1", "0", "0", "0"), drop_last=True)
    as_absent = _contact(tmp_path, "nul", ("1", "1", "0", "0", "0"))
    mc, ref, wrong = (f.moderator_contrast for f in (not_coded, left_out, as_absent))
    assert mc is not None
    assert ref is not None
    assert wrong is not None
    assert (mc.k_with, mc.k_without) == (2, 2)
    # identical to leaving the study out of the contrast ...
    assert mc.to_dict() == ref.to_dict()
    # ... and not what reading NA as "absent" would give (e2005 pulls 'without' down)
    assert wrong.k_without == 3
    assert wrong.estimate_without is not None
    assert mc.estimate_without is not None
    assert abs(wrong.estimate_without - mc.estimate_without) > 0.05
    assert not_coded.notes == ("principle_not_coded",)
    assert left_out.notes == ()
    assert as_absent.notes == ()
    assert not_coded.studies == ("a2001", "b2002")  # the studies that have the principle
