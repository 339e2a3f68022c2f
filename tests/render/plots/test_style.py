"""The shared style: number format, palette, text wrapping, and no leaking rcParams."""

from __future__ import annotations

import matplotlib as mpl
from hypothesis import given
from hypothesis import strategies as st

from watwerkt.numbers import fmt_interval, fmt_number, fmt_percent
from watwerkt.render.plots import ForestRow, forest_plot
from watwerkt.render.plots.style import (
    CERTAINTY_COLOURS,
    CERTAINTY_LEVELS,
    OKABE_ITO,
    ROLE,
    count_studies,
    plot_style,
    resolve_language,
    text_width,
    wrap,
)


def test_numbers_use_the_language_decimal_separator_and_a_true_minus() -> None:
    # the plots format numbers with watwerkt.numbers, in the forms they use
    assert fmt_number(0.3412, "nl") == "0,34"
    assert fmt_number(0.3412, "en") == "0.34"
    assert fmt_number(-1.5, "nl", 1) == "\u22121,5"
    assert fmt_number(-0.004, "en") == "0.00"  # no "−0.00"
    assert fmt_number(12.0, "nl", 0) == "12"
    assert fmt_interval(0.2, 0.48, "nl") == "[0,20; 0,48]"
    assert fmt_interval(-0.2, 0.48, "en") == "[\u22120.20, 0.48]"
    assert fmt_percent(5.06, "nl", 1) == "5,1%"  # forest plot weights
    assert count_studies(1, "nl") == "1 studie"
    assert count_studies(2, "nl") == "2 studies"
    assert count_studies(1, "en") == "1 study"


def test_unknown_language_falls_back_to_the_process_language() -> None:
    assert resolve_language("de") == "nl"


def test_palette_is_okabe_ito_and_covers_every_certainty_level() -> None:
    assert set(CERTAINTY_COLOURS) == set(CERTAINTY_LEVELS)
    graded = [CERTAINTY_COLOURS[level] for level in ("high", "moderate", "low", "very_low")]
    assert set(graded) <= set(OKABE_ITO.values())
    assert len(set(CERTAINTY_COLOURS.values())) == len(CERTAINTY_LEVELS)
    assert ROLE["pooled"] in OKABE_ITO.values()
    assert ROLE["imputed"] in OKABE_ITO.values()


@given(st.lists(st.text(alphabet="abcdefghij <>$&", min_size=1, max_size=30), max_size=12))
def test_wrap_never_drops_or_reorders_text(words: list[str]) -> None:
    text = " ".join(words)
    lines = wrap(text, 60)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(text_width(line) <= 60 or len(line) == 1 for line in lines)


def test_text_width_grows_with_text_and_weight() -> None:
    assert text_width("") == 0
    assert 0 < text_width("ab") < text_width("abc")
    assert text_width("Studie", bold=True) > text_width("Studie")


def test_plots_do_not_change_global_rcparams() -> None:
    before = {key: mpl.rcParams[key] for key in
              ("svg.fonttype", "svg.hashsalt", "text.parse_math", "font.size", "font.family")}
    forest_plot([ForestRow("a", 0.1, 0.0, 0.2)], None, effect_label="g")
    with plot_style("x"):
        assert mpl.rcParams["svg.fonttype"] == "none"
        assert mpl.rcParams["text.parse_math"] is False
    after = {key: mpl.rcParams[key] for key in before}
    assert after == before
