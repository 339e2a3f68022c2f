"""effect_sizes() against metafor 3.8-1 escalc() on metadat datasets (tests/reference)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

from tests.conftest import assert_close, load_reference
from watwerkt.stats.effect_sizes import MEASURES, effect_sizes

REF = load_reference("effect_sizes")
CASES = REF["cases"]

#: What the reference grid must cover: every measure on at least one dataset,
#: and each continuity-correction variant on a dataset with zero cells.
EXPECTED_MEASURES = {
    "MD",
    "SMD",
    "SMDH",
    "ROM",
    "SMCR",
    "SMCC",
    "OR",
    "RR",
    "RD",
    "PETO",
    "COR",
    "ZCOR",
    "PR",
    "PLO",
}
ZERO_CELL_VARIANTS = {"default", "all", "if0all", "none", "drop00", "add025"}


def _options(case: dict[str, Any]) -> dict[str, Any]:
    opts = case["options"] or {}
    return dict(opts)


def _compute(case: dict[str, Any]) -> Any:
    args = {
        k: np.asarray([np.nan if v is None else v for v in vals], dtype=float)
        for k, vals in case["args"].items()
    }
    with warnings.catch_warnings():
        # rows that metafor recodes to NA (e.g. to="none" with zero cells) warn here;
        # test_warns_when_rows_not_computable asserts that warning separately
        warnings.simplefilter("ignore", UserWarning)
        return effect_sizes(case["measure"], **args, **_options(case))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_metafor_escalc(case: dict[str, Any]) -> None:
    out = _compute(case)
    assert_close(out["yi"], case["yi"], "yi", case["id"])
    assert_close(out["vi"], case["vi"], "vi", case["id"])
    # a row is NaN exactly when it carries a note
    nan_rows = out["yi"].isna() | out["vi"].isna()
    assert ((out["note"] != "") == nan_rows).all()


def test_reference_grid_is_complete() -> None:
    measures = {c["measure"] for c in CASES}
    assert measures == EXPECTED_MEASURES
    assert set(MEASURES) == EXPECTED_MEASURES
    for m in ("OR", "RR", "RD", "PETO"):
        got = {
            c["id"].rsplit("_", 1)[1] for c in CASES if c["id"].startswith(f"nielweise2007_{m}_")
        }
        assert got == ZERO_CELL_VARIANTS, m
    datasets = {c["dataset"] for c in CASES}
    assert {
        "dat.normand1999",
        "dat.bcg",
        "dat.nielweise2007",
        "dat.gibson2002",
        "dat.molloy2014",
        "dat.pritz1997",
        "dat.debruin2009",
    } <= datasets
    ids = {c["id"] for c in CASES}
    assert {"normand1999_SMD_UB", "normand1999_SMD_LS2", "normand1999_MD_HO",
            "normand1999_ROM_HO", "bcg_RD_UB", "pritz1997_PR_UB",
            "morris2008_SMCR_LS2"} <= ids  # every non-default vtype we offer
    for c in CASES:
        assert len(c["yi"]) == len(c["vi"]) == len(next(iter(c["args"].values())))


def test_reference_has_zero_cells_and_missing_rows() -> None:
    nw = next(c for c in CASES if c["id"] == "nielweise2007_OR_default")
    assert 0 in nw["args"]["ai"]
    gb = next(c for c in CASES if c["id"] == "gibson2002_SMD")
    assert None in gb["args"]["m1i"]
    assert None in gb["yi"]


def test_warns_when_rows_not_computable() -> None:
    case = next(c for c in CASES if c["id"] == "nielweise2007_OR_none")
    args = {k: np.asarray(v, dtype=float) for k, v in case["args"].items()}
    with pytest.warns(UserWarning, match="cannot be computed|niet te berekenen"):
        out = effect_sizes("OR", to="none", **args)
    assert (out["note"] == "not_computable").sum() == sum(v is None for v in case["yi"])
