"""Display labels for the codes in findings: certainty levels, designs, notes, reasons.

Codes stay stable English values in the data (``very_low``, ``rct``,
``principle_not_coded``); this module looks up what a reader sees, in the
language of the dossier, from the message catalogue. A code the catalogue
does not know is shown as it is, never dropped.
"""

from __future__ import annotations

from watwerkt.messages import CATALOGUE, message
from watwerkt.model import CertaintyLevel
from watwerkt.stats import explain_note

#: Note codes :func:`watwerkt.stats.explain_note` explains.
_STATS_NOTES = frozenset({"missing", "double_zero", "not_computable", "small_n"})

__all__ = [
    "certainty_label",
    "certainty_symbols",
    "code_label",
    "unused_reason",
]

#: GRADE's symbols (filled and open circles) per level; shown beside the word, never alone.
_SYMBOLS = {
    CertaintyLevel.HIGH: "⊕⊕⊕⊕",
    CertaintyLevel.MODERATE: "⊕⊕⊕◯",
    CertaintyLevel.LOW: "⊕⊕◯◯",
    CertaintyLevel.VERY_LOW: "⊕◯◯◯",
}


def code_label(group: str, code: str, lang: str, **params: object) -> str:
    """Return the label of ``code`` in catalogue group ``render.<group>``, or the code itself.

    Examples
    --------
    >>> code_label("design", "rct", "en"), code_label("design", "made-up", "en")
    ('randomised controlled trial', 'made-up')
    """
    key = f"render.{group}.{code}"
    return message(key, lang, **params) if key in CATALOGUE else code


def certainty_label(level: CertaintyLevel, lang: str) -> str:
    """Return the GRADE level in words (``zeer laag``, ``very low``)."""
    return code_label("certainty", level.value, lang)


def certainty_symbols(level: CertaintyLevel) -> str:
    """Return GRADE's circles for ``level`` (``⊕⊕◯◯`` for low)."""
    return _SYMBOLS[level]


def unused_reason(note: str, lang: str) -> str:
    """Explain why a coded row gave no effect size (a note of the effect table).

    Examples
    --------
    >>> unused_reason("direction_only", "en")
    'only the direction of the effect is reported (counted as a vote)'
    >>> unused_reason("missing:ai,bi", "en")
    'missing input: ai, bi'
    """
    code, _, detail = note.partition(":")
    if code == "direction_only":
        return message("render.unused.direction_only", lang)
    if code == "measure_mismatch":
        return message("render.unused.measure_mismatch", lang, measure=detail)
    if code == "error":
        return message("render.unused.error", lang, detail=detail)
    if code in _STATS_NOTES:
        return explain_note(note, lang)
    return note
