"""Numbers as a reader expects them: decimal comma in Dutch, point in English.

Every number in user-facing prose (the rendered dossier, the GRADE reasons and
the selective-citation warnings of the synthesis) goes through this module, so
that a Dutch text never mixes ``0.42`` and ``0,42``. Like the message
catalogue it is a leaf: any layer may import it. Locale rules (decimal and
grouping separators, percent sign) come from Babel's CLDR data; what is
ours is the choice of digits and how intervals and p-values are written:

- an interval is ``[0,30; 0,54]`` in Dutch (the semicolon, because the comma
  is the decimal separator) and ``[0.30, 0.54]`` in English;
- a p-value below 0.001 is written ``< 0,001``, never ``0,000``;
- a missing value (``None`` or not finite) is an en dash, and a negative
  number has a real minus sign (U+2212), as in the plots.
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal, format_percent

from watwerkt.messages import get_language

__all__ = [
    "MINUS",
    "MISSING",
    "fmt_effect",
    "fmt_int",
    "fmt_interval",
    "fmt_number",
    "fmt_p",
    "fmt_percent",
    "fmt_pvalue",
    "resolve",
]

#: Shown where a number is not available.
MISSING = "–"
#: The minus sign (U+2212), in prose and plots alike.
MINUS = "\u2212"

_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def resolve(lang: str | None) -> str:
    """Return ``lang``, or the process language (``watwerkt.messages.get_language``) for None."""
    return lang if lang in _LOCALES else get_language()


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "nl_NL")


def _ok(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def fmt_number(value: float | None, lang: str, digits: int = 2) -> str:
    """Return ``value`` with ``digits`` decimals in the convention of ``lang``.

    Examples
    --------
    >>> fmt_number(-0.4231, "nl"), fmt_number(1234.5, "en", 1), fmt_number(None, "nl")
    ('−0,42', '1,234.5', '–')
    """
    if value is None or not math.isfinite(value):
        return MISSING
    pattern = "#,##0." + "0" * digits if digits > 0 else "#,##0"
    text = str(format_decimal(value, format=pattern, locale=_locale(lang)))
    if text.startswith("-") and not _nonzero(text):
        text = text[1:]  # -0,00 is shown as 0,00
    return text.replace("-", MINUS)


def _nonzero(text: str) -> bool:
    """Return True when a formatted number has a non-zero digit (``-0,00`` is shown as ``0,00``)."""
    return any(ch in "123456789" for ch in text)


def fmt_int(value: int | None, lang: str) -> str:
    """Return a count with the thousands separator of ``lang``.

    Examples
    --------
    >>> fmt_int(12345, "nl"), fmt_int(12345, "en"), fmt_int(None, "en")
    ('12.345', '12,345', '–')
    """
    if value is None:
        return MISSING
    return str(format_decimal(value, format="#,##0", locale=_locale(lang)))


def fmt_percent(percent: float | None, lang: str, digits: int = 0) -> str:
    """Return a value given in percent (e.g. I² = 62.3) as ``62%``, with ``digits`` decimals.

    Examples
    --------
    >>> fmt_percent(62.3, "nl"), fmt_percent(5.06, "nl", 1), fmt_percent(None, "nl")
    ('62%', '5,1%', '–')
    """
    if not _ok(percent):
        return MISSING
    assert percent is not None  # noqa: S101 - narrowed by _ok for mypy
    pattern = "#,##0." + "0" * digits + "%" if digits > 0 else "#,##0%"
    return str(format_percent(percent / 100.0, format=pattern, locale=_locale(lang)))


def fmt_interval(lower: float | None, upper: float | None, lang: str, digits: int = 2) -> str:
    """Return ``[lower; upper]`` (Dutch) or ``[lower, upper]`` (English).

    Examples
    --------
    >>> fmt_interval(0.3, 0.54, "nl"), fmt_interval(0.3, 0.54, "en")
    ('[0,30; 0,54]', '[0.30, 0.54]')
    """
    if not (_ok(lower) and _ok(upper)):
        return MISSING
    sep = "; " if lang == "nl" else ", "
    return f"[{fmt_number(lower, lang, digits)}{sep}{fmt_number(upper, lang, digits)}]"


def fmt_effect(
    estimate: float | None, lower: float | None, upper: float | None, lang: str, digits: int = 2
) -> str:
    """Return an estimate with its interval, ``0,42 [0,30; 0,54]``.

    Examples
    --------
    >>> fmt_effect(0.423, 0.304, 0.541, "nl")
    '0,42 [0,30; 0,54]'
    """
    if not _ok(estimate):
        return MISSING
    interval = fmt_interval(lower, upper, lang, digits)
    number = fmt_number(estimate, lang, digits)
    return number if interval == MISSING else f"{number} {interval}"


def fmt_pvalue(p: float | None, lang: str) -> str:
    """Return a p-value with three decimals, or ``< 0,001``.

    Examples
    --------
    >>> fmt_pvalue(0.01838, "nl"), fmt_pvalue(0.00001, "en"), fmt_pvalue(None, "en")
    ('0,018', '< 0.001', '–')
    """
    if not _ok(p):
        return MISSING
    assert p is not None  # noqa: S101 - narrowed by _ok for mypy
    if p < 0.001:
        return f"< {fmt_number(0.001, lang, 3)}"
    return fmt_number(p, lang, 3)


def fmt_p(p: float | None, lang: str) -> str:
    """Return a p-value as a clause for running text, ``p = 0,018`` or ``p < 0,001``.

    Examples
    --------
    >>> fmt_p(0.01838, "nl"), fmt_p(0.00001, "en"), fmt_p(None, "en")
    ('p = 0,018', 'p < 0.001', 'p = –')
    """
    text = fmt_pvalue(p, lang)
    return f"p {text}" if text.startswith("<") else f"p = {text}"
