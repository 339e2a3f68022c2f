"""Forest plot: structure, numbers, languages, escaping and bad input.

Real data: the BCG vaccine trials (tests/data/bcg.csv, metadat's dat.bcg, written
by tests/reference/scripts/cli.R), log risk ratios from our effect_sizes() and the
REML fit from meta_analysis(). Viechtbauer (2010, JSS 36(3), p. 13) reports the
pooled log risk ratio −0.7145 [−1.0708, −0.3582] for these data.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.render.plots.svgtools import (
    HOSTILE,
    assert_self_contained,
    groups,
    marks,
    parse,
    text_positions,
    texts,
)
from watwerkt.errors import InputError
from watwerkt.messages import set_language
from watwerkt.render.plots import ForestRow, ForestSummary, SvgFigure, forest_plot
from watwerkt.stats import effect_sizes, meta_analysis

BCG = Path(__file__).parents[2] / "data" / "bcg.csv"


def _bcg() -> tuple[list[ForestRow], ForestSummary, pd.DataFrame]:
    data = pd.read_csv(BCG)
    es = effect_sizes("RR", ai=data["ai"], bi=data["bi"], ci=data["ci"], di=data["di"])
    fit = meta_analysis(es["yi"], es["vi"])
    weights = 100 * fit.weights / fit.weights.sum()
    se = np.sqrt(es["vi"].to_numpy())
    rows = [
        ForestRow(f"{a}, {y}", float(yi), float(yi - 1.959964 * s), float(yi + 1.959964 * s),
                  weight=float(w), subgroup=alloc)
        for a, y, yi, s, w, alloc in zip(data["author"], data["year"], es["yi"], se, weights,
                                         data["alloc"], strict=True)
    ]
    summary = ForestSummary("RE-model", fit.estimate, fit.ci_lower, fit.ci_upper,
                            fit.pi_lower, fit.pi_upper)
    return rows, summary, data


def _plain(rows: list[ForestRow]) -> list[ForestRow]:
    return [ForestRow(r.label, r.estimate, r.ci_lower, r.ci_upper, r.weight) for r in rows]


def test_bcg_forest_plot_has_every_study_diamond_and_prediction_interval() -> None:
    rows, summary, data = _bcg()
    fig = forest_plot(_plain(rows), summary, effect_label="Log risk ratio", lang="nl")
    assert isinstance(fig, SvgFigure)
    assert_self_contained(fig)
    root = parse(fig)
    assert marks(root, "ww-forest-study") == 13
    assert marks(root, "ww-forest-ci") == 13
    assert len(groups(root, "ww-forest-diamond")) == 1
    assert len(groups(root, "ww-forest-pi")) == 1
    assert len(groups(root, "ww-forest-null")) == 1
    shown = texts(root)
    for author, year in zip(data["author"], data["year"], strict=True):
        assert f"{author}, {year}" in shown
    # Dutch column headers, decimal commas, true minus signs
    assert {"Studie", "Gewicht", "Schatting [95%-BI]", "RE-model"} <= set(shown)
    assert "95%-predictie-interval" in shown
    assert "−0,89" in shown  # Aronson 1948: log RR −0.8893
    assert "−0,71" in shown  # the pooled estimate, as published
    assert not any("." in t and t[0].isdigit() for t in shown if t[-1].isdigit())
    # the alt text states the study count and the published pooled result
    assert fig.alt.startswith("Forest plot van 13 studies (Log risk ratio)")
    assert "RE-model: −0,71 [−1,07; −0,36]." in fig.alt
    assert "95%-predictie-interval [" in fig.alt
    assert fig.title == "Forest plot"


def test_weights_are_printed_and_squares_grow_with_weight() -> None:
    rows, summary, _ = _bcg()
    fig = forest_plot(_plain(rows), summary, effect_label="Log risk ratio", lang="en")
    shown = texts(parse(fig))
    for row in rows:
        assert f"{row.weight:.1f}%" in shown
    # square sides: the heaviest study (TPT Madras) has the largest square
    root = parse(fig)
    sides = []
    for group in groups(root, "ww-forest-study"):
        for path in group.iter("{http://www.w3.org/2000/svg}path"):
            xs = [float(p.split()[0]) for p in path.get("d", "").replace("M", "L").split("L")
                  if p.strip() and p.strip() != "z"]
            sides.append(max(xs) - min(xs))
    heaviest = max(range(len(rows)), key=lambda i: rows[i].weight or 0)
    lightest = min(range(len(rows)), key=lambda i: rows[i].weight or 0)
    assert sides[heaviest] == max(sides)
    assert sides[lightest] == min(sides)
    # area ∝ weight (RevMan's convention): the squared side ratio is the weight ratio
    ratio = (rows[heaviest].weight or 0) / (rows[lightest].weight or 1)
    assert (sides[heaviest] / sides[lightest]) ** 2 == pytest.approx(ratio, rel=1e-3)


def test_english_labels_and_ratio_scale() -> None:
    rows, summary, _ = _bcg()
    fig = forest_plot(_plain(rows), summary, effect_label="Risk ratio", lang="en",
                      exponentiate=True)
    shown = texts(parse(fig))
    assert {"Study", "Weight", "Estimate [95% CI]", "95% prediction interval"} <= set(shown)
    assert "0.49" in shown  # exp(−0.7145) = 0.489
    assert "1" in shown  # the tick at no effect, on the ratio scale
    assert "RE-model: 0.49 [0.34, 0.70]." in fig.alt
    assert "no effect (1.00)" in fig.alt


def test_subgroups_get_headings_and_diamonds() -> None:
    rows, summary, data = _bcg()
    subs = {}
    for alloc, part in data.groupby("alloc", sort=False):
        members = [r for r in rows if r.subgroup == alloc]
        fit = meta_analysis([r.estimate for r in members],
                            [((r.ci_upper - r.ci_lower) / (2 * 1.959964)) ** 2 for r in members])
        subs[str(alloc)] = ForestSummary("", fit.estimate, fit.ci_lower, fit.ci_upper)
        assert len(members) == len(part)
    fig = forest_plot(rows, summary, effect_label="Log risk ratio", subgroup_summaries=subs,
                      lang="en")
    root = parse(fig)
    positions = text_positions(root)
    assert len(groups(root, "ww-forest-subdiamond")) == 3
    assert len(groups(root, "ww-forest-diamond")) == 1
    assert [t for t in texts(root) if t == "Subtotal"] == ["Subtotal"] * 3
    # headings in order of first appearance, each above its own studies
    assert positions["random"][1] < positions["Aronson, 1948"][1] < positions["alternate"][1]
    assert positions["alternate"][1] < positions["Frimodt-Moller et al, 1973"][1]
    assert positions["systematic"][1] < positions["Rosenthal et al, 1961"][1]
    assert "3 subgroups: random " in fig.alt


def test_no_summary_means_no_diamond_and_no_pooled_text() -> None:
    rows, _, _ = _bcg()
    fig = forest_plot(_plain(rows), None, effect_label="Log risk ratio", lang="nl")
    root = parse(fig)
    assert groups(root, "ww-forest-diamond") == []
    assert groups(root, "ww-forest-pi") == []
    assert "Gepoold effect" not in texts(root)
    assert "predictie-interval" not in fig.alt
    assert marks(root, "ww-forest-study") == 13


def test_summary_without_prediction_interval_draws_no_pi() -> None:
    rows, summary, _ = _bcg()
    bare = ForestSummary("", summary.estimate, summary.ci_lower, summary.ci_upper)
    fig = forest_plot(_plain(rows), bare, effect_label="Log risk ratio", lang="nl")
    root = parse(fig)
    assert len(groups(root, "ww-forest-diamond")) == 1
    assert groups(root, "ww-forest-pi") == []
    assert not any("predictie" in t for t in texts(root))
    assert "Gepoold effect" in texts(root)  # the default label from the catalogue


def test_intervals_beyond_the_axis_end_in_arrows() -> None:
    rows = [ForestRow("a", 0.1, -0.2, 0.4), ForestRow("b", 0.2, -3.0, 4.0),
            ForestRow("c", 0.3, 0.0, 5.0)]
    fig = forest_plot(rows, None, effect_label="g", xlim=(-1.0, 1.0), lang="en")
    root = parse(fig)
    assert len(groups(root, "ww-forest-arrow")) == 3  # b: both sides, c: right
    default = parse(forest_plot(rows, None, effect_label="g", lang="en"))
    # by default the axis stops 60% of the core range beyond it: b and c are clipped
    assert len(groups(default, "ww-forest-arrow")) >= 2


def test_one_study_and_zero_width_interval() -> None:
    fig = forest_plot([ForestRow("Only", 0.5, 0.5, 0.5, weight=100.0)],
                      ForestSummary("Pooled", 0.5, 0.5, 0.5, 0.5, 0.5),
                      effect_label="g", lang="en")
    root = parse(fig)
    assert marks(root, "ww-forest-study") == 1
    assert len(groups(root, "ww-forest-diamond")) == 1
    assert "100.0%" in texts(root)
    assert fig.alt.startswith("Forest plot of 1 study (g)")


def test_height_grows_with_the_number_of_rows() -> None:
    def height(k: int) -> float:
        rows = [ForestRow(f"Study {i}", 0.1 * (i % 7), 0.1 * (i % 7) - 0.3,
                          0.1 * (i % 7) + 0.3) for i in range(k)]  # synthetic
        root = parse(forest_plot(rows, None, effect_label="g", lang="en"))
        return float(root.get("height", "0").removesuffix("pt"))

    assert height(50) > height(10) > height(2)
    assert height(50) - height(10) == pytest.approx(40 * 16.0)


def test_hostile_labels_stay_text() -> None:
    rows = [ForestRow(HOSTILE, 0.1, -0.1, 0.3, subgroup=HOSTILE), ForestRow("b", 0.2, 0.0, 0.4)]
    fig = forest_plot(rows, ForestSummary(HOSTILE, 0.15, 0.0, 0.3), effect_label=HOSTILE,
                      subgroup_summaries={HOSTILE: ForestSummary("", 0.1, -0.1, 0.3)},
                      title=HOSTILE, lang="en")
    assert_self_contained(fig)
    root = parse(fig)
    # label, heading, summary and axis label: literally (long ones wrapped), mathtext off
    assert " ".join(texts(root)).count(HOSTILE) >= 4
    assert HOSTILE in texts(root)  # the axis label is one line
    assert "&lt;script&gt;" in fig.svg
    assert fig.title == HOSTILE
    assert not [el for el in root.iter() if el.tag.endswith("script")]


def test_same_input_same_svg_and_different_input_different_ids() -> None:
    rows, summary, _ = _bcg()
    first = forest_plot(rows, summary, effect_label="Log risk ratio", lang="nl")
    again = forest_plot(rows, summary, effect_label="Log risk ratio", lang="nl")
    assert first == again
    other = forest_plot(rows[:5], summary, effect_label="Log risk ratio", lang="nl")
    ids = {el.get("id") for el in parse(first).iter() if el.get("id")}
    other_ids = {el.get("id") for el in parse(other).iter() if el.get("id")}
    assert ids
    assert other_ids
    assert not ids & other_ids  # two figures can share one HTML page


@pytest.mark.parametrize(
    ("rows", "field", "position"),
    [
        ([ForestRow("a", 0.1, 0.0, 0.2), ForestRow("b", math.nan, 0.0, 0.2)], "rows.estimate",
         "1"),
        ([ForestRow("a", 0.1, 0.0, math.inf)], "rows.ci_upper", "0"),
        ([ForestRow("a", 0.1, -math.inf, 0.2)], "rows.ci_lower", "0"),
        ([ForestRow("a", 0.1, 0.0, 0.2, weight=math.nan)], "rows.weight", "0"),
    ],
)
def test_non_finite_numbers_name_the_field_and_position(
    rows: list[ForestRow], field: str, position: str
) -> None:
    set_language("en")  # error texts follow the process language; reset by conftest
    with pytest.raises(ValueError, match=rf"{field} must be a finite .* position\(s\) {position}"):
        forest_plot(rows, None, effect_label="g", lang="en")


def test_other_bad_input() -> None:
    with pytest.raises(ValueError, match="moet een eindig getal zijn"):  # Dutch by default
        forest_plot([ForestRow("a", math.nan, 0.0, 0.2)], None, effect_label="g")
    set_language("en")
    with pytest.raises(InputError, match="rows is empty"):
        forest_plot([], None, effect_label="g", lang="en")
    with pytest.raises(ValueError, match=r"ci_lower ≤ estimate ≤ ci_upper.*position\(s\) 1"):
        forest_plot([ForestRow("a", 0.1, 0.0, 0.2), ForestRow("b", 0.5, 0.0, 0.2)], None,
                    effect_label="g", lang="en")
    with pytest.raises(ValueError, match=r"rows.weight must not be negative.*position\(s\) 0"):
        forest_plot([ForestRow("a", 0.1, 0.0, 0.2, weight=-1.0)], None, effect_label="g",
                    lang="en")
    with pytest.raises(ValueError, match="subgroup_summaries"):
        forest_plot([ForestRow("a", 0.1, 0.0, 0.2, subgroup="x")], None, effect_label="g",
                    subgroup_summaries={"y": ForestSummary("", 0.1, 0.0, 0.2)}, lang="en")
    with pytest.raises(ValueError, match="prediction interval"):
        forest_plot([ForestRow("a", 0.1, 0.0, 0.2)], ForestSummary("", 0.1, 0.0, 0.2, -1.0),
                    effect_label="g", lang="en")
    with pytest.raises(ValueError, match=r"summary \(estimate, ci_lower, ci_upper\) must be"):
        forest_plot([ForestRow("a", 0.1, 0.0, 0.2)], ForestSummary("", math.nan, 0.0, 0.2),
                    effect_label="g", lang="en")


def test_fifty_rows_render_quickly() -> None:
    rows = [ForestRow(f"Study {i}", 0.01 * i, 0.01 * i - 0.2, 0.01 * i + 0.2, weight=2.0)
            for i in range(50)]  # synthetic
    start = time.perf_counter()
    fig = forest_plot(rows, ForestSummary("", 0.25, 0.2, 0.3, 0.0, 0.5), effect_label="g")
    elapsed = time.perf_counter() - start
    assert marks(parse(fig), "ww-forest-study") == 50
    assert elapsed < 5.0  # generous: a shared 2-core machine; typically ~0.3 s


def test_favours_labels_and_rows_without_subgroup() -> None:
    rows = [ForestRow("Loose", -0.5, -0.9, -0.1), ForestRow("Grouped", 0.2, 0.0, 0.4,
                                                            subgroup="G")]
    fig = forest_plot(rows, None, effect_label="g", lang="en",
                      favours=("favours control", "favours CBT"))
    root = parse(fig)
    shown = texts(root)
    assert {"\u2190 favours control", "favours CBT \u2192", "G"} <= set(shown)
    positions = text_positions(root)
    # the row without a subgroup comes first and is not indented under a heading
    assert positions["Loose"][1] < positions["G"][1] < positions["Grouped"][1]
    assert positions["Loose"][0] == positions["G"][0] < positions["Grouped"][0]
    left, right = positions["\u2190 favours control"], positions["favours CBT \u2192"]
    assert left[1] == right[1]
    assert "favours" not in " ".join(texts(parse(forest_plot(rows, None, effect_label="g"))))
