"""Funnel plot: points, pseudo-confidence region, trim-and-fill studies, languages, bad input.

Real data: the BCG vaccine trials (tests/data/bcg.csv), log risk ratios from our
effect_sizes() and the filled data of trim_and_fill() (metafor's trimfill()).
"""

from __future__ import annotations

import math
from pathlib import Path

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
from watwerkt.messages import set_language
from watwerkt.render.plots import funnel_plot
from watwerkt.stats import effect_sizes, trim_and_fill

BCG = Path(__file__).parents[2] / "data" / "bcg.csv"


def _bcg() -> tuple[pd.Series, pd.Series]:
    data = pd.read_csv(BCG)
    es = effect_sizes("RR", ai=data["ai"], bi=data["bi"], ci=data["ci"], di=data["di"])
    return es["yi"], es["vi"]


def test_bcg_funnel_with_trim_and_fill() -> None:
    yi, vi = _bcg()
    tf = trim_and_fill(yi, vi)
    assert tf.k0 >= 1  # the BCG funnel is asymmetric: at least one study imputed
    fig = funnel_plot(yi, vi, estimate=tf.estimate, filled_yi=tf.yi[tf.fill],
                      filled_vi=tf.vi[tf.fill], effect_label="Log risk ratio", lang="nl")
    assert_self_contained(fig)
    root = parse(fig)
    assert marks(root, "ww-funnel-observed") == 13
    assert marks(root, "ww-funnel-filled") == tf.k0
    assert len(groups(root, "ww-funnel-region")) == 1
    assert len(groups(root, "ww-funnel-region-edge")) == 2
    assert len(groups(root, "ww-funnel-estimate")) == 1
    shown = texts(root)
    assert {"Studies", "Toegevoegd door trim-and-fill", "Gepoold effect",
            "Pseudo-95%-betrouwbaarheidsgebied", "Standaardfout", "Log risk ratio"} <= set(shown)
    assert fig.title == "Funnelplot"
    assert fig.alt.startswith("Funnelplot van 13 studies (Log risk ratio)")
    assert f"gepoolde effect {tf.estimate:.2f}".replace(".", ",").replace("-", "−") in fig.alt
    expected = "1 studie" if tf.k0 == 1 else f"{tf.k0} studies"
    assert f"Toegevoegd door trim-and-fill: {expected} (open symbolen)." in fig.alt


def test_standard_error_axis_is_inverted_with_zero_on_top() -> None:
    yi, vi = _bcg()
    root = parse(funnel_plot(yi, vi, estimate=-0.71, effect_label="Log RR", lang="en"))
    positions = text_positions(root)
    ticks = [t for t in ("0.0", "0.2", "0.4", "0.6") if t in positions]
    assert len(ticks) == 4
    ys = [positions[t][1] for t in ticks]
    assert ys == sorted(ys)  # y grows downwards in SVG: 0.0 is the top tick


def test_without_filled_studies_there_is_no_filled_legend_entry() -> None:
    yi, vi = _bcg()
    fig = funnel_plot(yi, vi, estimate=-0.71, effect_label="Log RR", lang="en")
    root = parse(fig)
    assert groups(root, "ww-funnel-filled") == []
    assert "Imputed by trim-and-fill" not in texts(root)
    assert {"Studies", "Pooled estimate", "Pseudo 95% confidence region",
            "Standard error"} <= set(texts(root))
    assert "trim-and-fill" not in fig.alt


def test_one_study_and_zero_variance() -> None:
    fig = funnel_plot([0.3], [0.0], estimate=0.3, effect_label="g", lang="en")
    assert marks(parse(fig), "ww-funnel-observed") == 1
    assert fig.alt.startswith("Funnel plot of 1 study (g)")


def test_deterministic_and_escaped() -> None:
    yi, vi = _bcg()
    one = funnel_plot(yi, vi, estimate=-0.71, effect_label=HOSTILE, title=HOSTILE, lang="en")
    two = funnel_plot(yi, vi, estimate=-0.71, effect_label=HOSTILE, title=HOSTILE, lang="en")
    assert one == two
    assert_self_contained(one)
    assert HOSTILE in texts(parse(one))
    assert "&lt;script&gt;" in one.svg


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"yi": [0.1, math.nan], "vi": [0.1, 0.1]}, r"yi must be a finite .* position\(s\) 1"),
        ({"yi": [0.1, 0.2, 0.3, 0.4], "vi": [0.1, 0.1, 0.1, math.inf]},
         r"vi must be a finite .* position\(s\) 3"),
        ({"yi": [0.1, 0.2], "vi": [0.1, -0.1]}, r"vi must not be negative.*position\(s\) 1"),
        ({"yi": [0.1, 0.2], "vi": [0.1]}, "yi and vi must have the same length; got 2 and 1"),
        ({"yi": [], "vi": []}, "yi is empty"),
        ({"yi": [0.1], "vi": [0.1], "filled_yi": [0.2], "filled_vi": []},
         "filled_yi and filled_vi must have the same length"),
        ({"yi": [0.1], "vi": [0.1], "filled_yi": [math.nan], "filled_vi": [0.1]},
         r"filled_yi must be a finite .* position\(s\) 0"),
        ({"yi": [0.1], "vi": [0.1], "estimate": math.inf}, "estimate must be a finite"),
    ],
)
def test_bad_input_names_argument_and_position(kwargs: dict[str, object], pattern: str) -> None:
    set_language("en")
    arguments = {"estimate": 0.0, "effect_label": "g", **kwargs}
    with pytest.raises(ValueError, match=pattern):
        funnel_plot(**arguments)  # type: ignore[arg-type]
