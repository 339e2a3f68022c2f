"""Numbers per language: decimal comma in Dutch, point in English, one minus sign."""

from __future__ import annotations

import math

import pytest

from watwerkt.numbers import (
    MINUS,
    MISSING,
    fmt_effect,
    fmt_int,
    fmt_interval,
    fmt_number,
    fmt_p,
    fmt_percent,
    fmt_pvalue,
)


@pytest.mark.parametrize(
    ("lang", "number", "interval", "count"),
    [("nl", "0,42", "[−0,30; 1,54]", "31.927"), ("en", "0.42", "[−0.30, 1.54]", "31,927")],
)
def test_language_conventions(lang: str, number: str, interval: str, count: str) -> None:
    assert fmt_number(0.4231, lang) == number
    assert fmt_interval(-0.3, 1.5449, lang) == interval
    assert fmt_int(31927, lang) == count


def test_negative_zero_and_missing_values() -> None:
    assert fmt_number(-0.001, "nl") == "0,00"
    assert fmt_number(-0.5, "en") == f"{MINUS}0.50"
    for value in (None, math.nan, math.inf):
        assert fmt_number(value, "nl") == MISSING
    assert fmt_interval(0.1, None, "nl") == MISSING
    assert fmt_effect(0.2, None, None, "en") == "0.20"  # no interval: the estimate alone
    assert fmt_percent(None, "en") == MISSING


def test_p_values_never_show_zero() -> None:
    assert fmt_pvalue(0.0004, "nl") == "< 0,001"
    assert fmt_pvalue(0.0456, "en") == "0.046"
    assert fmt_p(0.0004, "en") == "p < 0.001"
    assert fmt_p(0.5, "nl") == "p = 0,500"
    assert fmt_percent(71.4, "nl") == "71%"
