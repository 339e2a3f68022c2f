"""Shared pieces of the ``summary()`` texts of the stats result objects.

Labels come from the message catalogue (``stats.summary.*``, Dutch and
English); numbers keep metafor's layout and a decimal point in both languages,
as the ``watwerkt meta`` table prints them, so a summary can be compared with
R output line by line. Machine formats (``to_dict``, JSON, CSV) are untouched.
"""

from __future__ import annotations

from watwerkt.messages import message


def text(key: str, lang: str | None, /, **params: object) -> str:
    """Return catalogue text ``stats.summary.<key>`` in ``lang`` (default: process language)."""
    return message(f"stats.summary.{key}", lang, **params)


def aligned(rows: list[tuple[str, str]]) -> list[str]:
    """Return ``label value`` lines with the values in one column (as metafor prints)."""
    width = max(len(label) for label, _ in rows)
    return [f"{label:<{width}} {value}" for label, value in rows]


def fmt_p(p: float) -> str:
    """Return a p-value as metafor's tables print it: ``<.0001`` or four decimals."""
    return "<.0001" if p < 1e-4 else f"{p:.4f}"


def pval_clause(p: float) -> str:
    """Return ``< .0001`` or ``= 0.1234`` (metafor's print)."""
    return "< .0001" if p < 1e-4 else f"= {p:.4f}"
