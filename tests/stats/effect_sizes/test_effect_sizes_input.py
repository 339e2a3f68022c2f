"""Bad and incomplete input for effect_sizes(): clear errors, per-row notes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from watwerkt.errors import StatsInputError
from watwerkt.stats.effect_sizes import effect_sizes, explain_note

TWO = {
    "m1i": [5.0, 6.0, 7.0],
    "sd1i": [1.0, 2.0, 1.5],
    "n1i": [10, 20, 30],
    "m2i": [4.0, 5.0, 6.5],
    "sd2i": [1.2, 2.0, 1.0],
    "n2i": [12, 18, 30],
}


def _raises(argument: str, positions: tuple[int, ...], measure: str, **cols: object) -> str:
    with pytest.raises(StatsInputError) as info:
        effect_sizes(measure, **cols)
    assert info.value.argument == argument
    assert info.value.positions == positions
    return info.value.render("en")


def test_negative_sd_names_argument_and_rows() -> None:
    text = _raises("sd2i", (0, 2), "SMD", **{**TWO, "sd2i": [-1.0, 2.0, -0.5]})
    assert "negative standard deviation" in text
    assert "0, 2" in text


def test_n_below_one() -> None:
    _raises("n1i", (1,), "MD", **{**TWO, "n1i": [10, 0, 30]})


def test_events_exceed_group_size() -> None:
    text = _raises("ai", (1,), "OR", ai=[1, 12], n1i=[10, 10], ci=[2, 3], n2i=[10, 10])
    assert "more events" in text


def test_negative_counts() -> None:
    _raises("ci", (0,), "RR", ai=[1, 2], bi=[9, 8], ci=[-1, 3], di=[9, 7])


def test_total_must_equal_cells() -> None:
    _raises("n1i", (0,), "OR", ai=[1, 2], bi=[8, 8], n1i=[10, 10], ci=[2, 3], di=[8, 7])


def test_correlation_out_of_range() -> None:
    _raises("ri", (2,), "ZCOR", ri=[0.1, -1.0, 1.2], ni=[20, 30, 40])


def test_pre_post_correlation_out_of_range() -> None:
    _raises("ri", (0,), "SMCR", m1i=[5.0], m2i=[4.0], sd1i=[1.0], ni=[10], ri=[-1.5])


def test_proportion_events_exceed_n() -> None:
    _raises("xi", (0,), "PR", xi=[11, 3], ni=[10, 10])


def test_unknown_measure_option_and_column() -> None:
    with pytest.raises(StatsInputError, match="'measure'"):
        effect_sizes("SMDX", **TWO)
    with pytest.raises(StatsInputError, match="'to'"):
        effect_sizes("OR", ai=[1], bi=[2], ci=[3], di=[4], to="some")
    with pytest.raises(StatsInputError, match="'vtype'"):
        effect_sizes("OR", ai=[1], bi=[2], ci=[3], di=[4], vtype="UB")
    with pytest.raises(StatsInputError, match="'add'"):
        effect_sizes("OR", ai=[1], bi=[2], ci=[3], di=[4], add=-1)
    with pytest.raises(StatsInputError, match="'drop00'"):
        effect_sizes("OR", ai=[1], bi=[2], ci=[3], di=[4], drop00="yes")
    with pytest.raises(StatsInputError, match="sd_1i"):
        effect_sizes("SMD", **TWO, sd_1i=[1, 2, 3])
    with pytest.raises(StatsInputError, match="'n2i'"):
        effect_sizes("SMD", **{k: v for k, v in TWO.items() if k != "n2i"})
    with pytest.raises(StatsInputError, match=r"lengte|length"):
        effect_sizes("SMD", **{**TWO, "n2i": [1, 2]})
    with pytest.raises(StatsInputError, match=r"numeriek|numeric"):
        effect_sizes("SMD", **{**TWO, "m1i": [1.0, "x", 2.0]})


def test_missing_inputs_give_nan_row_with_note() -> None:
    cols = {**TWO, "m1i": [5.0, None, 7.0], "sd2i": [1.2, np.nan, np.nan]}
    out = effect_sizes("SMD", **cols)
    assert math.isnan(out["yi"][1])
    assert math.isnan(out["vi"][2])
    assert list(out["note"]) == ["", "missing:m1i,sd2i", "missing:sd2i"]
    assert np.isfinite(out["yi"][0])
    assert explain_note(out["note"][1], "en") == "missing input: m1i, sd2i"
    assert explain_note(out["note"][1], "nl") == "ontbrekende invoer: m1i, sd2i"
    assert explain_note("") == ""


def test_drop00_notes_the_double_zero_table() -> None:
    out = effect_sizes("OR", ai=[0, 1], n1i=[10, 10], ci=[0, 2], n2i=[10, 10], drop00=True)
    assert list(out["note"]) == ["double_zero", ""]
    assert "drop00" in explain_note("double_zero", "en")


def test_small_n_correlation_is_noted_and_warned() -> None:
    with pytest.warns(UserWarning, match="cannot be computed|niet te berekenen"):
        out = effect_sizes("ZCOR", ri=[0.3, 0.5], ni=[3, 30])
    assert list(out["note"]) == ["small_n", ""]
    assert math.isnan(out["vi"][0])
    assert out["yi"][0] == pytest.approx(math.atanh(0.3))


def test_measure_recorded_in_attrs() -> None:
    assert effect_sizes("MD", **TWO).attrs["measure"] == "MD"


@pytest.mark.parametrize("note", ["double_zero", "not_computable", "small_n", "missing:ai"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_note_code_renders(note: str, lang: str) -> None:
    text = explain_note(note, lang)
    assert text
    assert ":" not in text or note.startswith("missing")


def test_keeps_dataframe_index() -> None:
    import pandas as pd

    data = pd.DataFrame({"ri": [0.2, 0.4], "ni": [50, 80]}, index=["Axelsson", "Bruce"])
    out = effect_sizes("ZCOR", ri=data["ri"], ni=data["ni"])
    assert list(out.index) == ["Axelsson", "Bruce"]
    assert out.loc["Bruce", "vi"] == pytest.approx(1 / 77)


def test_cells_and_totals_together_tolerate_missing_values() -> None:
    out = effect_sizes("OR", ai=[1, None, 3], bi=[9, 8, None], n1i=[10, 10, 10],
                       ci=[2, 2, 2], n2i=[10, 10, 10])
    assert list(out["note"]) == ["", "missing:ai", ""]
    # bi missing but n1i given: filled from n1i - ai, as metafor's replmiss()
    assert out["yi"][2] == pytest.approx(math.log(3 / 7) - math.log(2 / 8))


# ------------------------------------------------ every impossible column in one error


def test_every_impossible_column_is_named_in_one_error() -> None:
    bad = {**TWO, "sd1i": [1.0, -2.0, 1.5], "sd2i": [-1.0, 2.0, -0.5], "n1i": [10, 0, 30]}
    with pytest.raises(StatsInputError) as info:
        effect_sizes("SMD", **bad)
    err = info.value
    assert err.argument == "sd1i, sd2i, n1i"
    assert err.positions == (0, 1, 2)
    assert err.render("en").splitlines() == [
        "effect_sizes(): impossible raw data (3 problems); nothing was computed:",
        "  - 'sd1i': negative standard deviation at row(s) 1",
        "  - 'sd2i': negative standard deviation at row(s) 0, 2",
        "  - 'n1i': sample size below 1 at row(s) 1",
    ]
    assert err.render("nl").splitlines() == [
        "effect_sizes(): onmogelijke ruwe gegevens (3 problemen); niets is berekend:",
        "  - 'sd1i': negatieve standaarddeviatie op rij(en) 1",
        "  - 'sd2i': negatieve standaarddeviatie op rij(en) 0, 2",
        "  - 'n1i': steekproefgrootte kleiner dan 1 op rij(en) 1",
    ]


def test_table_problems_are_all_reported_once_each() -> None:
    """Negative cells and events above the group size, in both groups of a 2x2 table."""
    with pytest.raises(StatsInputError) as info:
        effect_sizes("OR", ai=[1, 12, -1], n1i=[10, 10, 10], ci=[2, 3, 11], n2i=[10, 10, 10])
    lines = info.value.render("en").splitlines()
    assert lines == [
        "effect_sizes(): impossible raw data (3 problems); nothing was computed:",
        "  - 'ai': negative count at row(s) 2",
        "  - 'ai': more events than participants ('n1i') at row(s) 1",
        "  - 'ci': more events than participants ('n2i') at row(s) 2",
    ]
    assert info.value.positions == (1, 2)


def test_one_problem_keeps_its_own_message() -> None:
    text = _raises("sd2i", (0,), "SMD", **{**TWO, "sd2i": [-1.0, 2.0, 1.0]})
    assert text == "effect_sizes(): negative standard deviation in 'sd2i' at row(s) 0."


def test_conversion_reports_every_impossible_column() -> None:
    from watwerkt.stats.effect_sizes import smd_from_p

    with pytest.raises(StatsInputError) as info:
        smd_from_p([0.04, 1.5, 0.2], [10, 20, 0], [10, 20, 30], [1, 1, 2])
    assert info.value.render("en").splitlines() == [
        "smd_from_p(): impossible raw data (3 problems); nothing was computed:",
        "  - 'n1i': sample size below 1 at row(s) 2",
        "  - 'pi': p-value outside (0, 1] at row(s) 1",
        "  - 'direction': direction is not +1 or -1 at row(s) 2",
    ]
