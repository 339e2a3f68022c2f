"""Effect sizes from raw study data, as metafor's ``escalc``, plus conversions.

:func:`effect_sizes` computes ``yi``/``vi`` for MD, SMD, SMDH, ROM, SMCR, SMCC,
OR, RR, RD, PETO, COR, ZCOR, PR and PLO; the family modules (``continuous``,
``binary``, ``correlation``, ``proportions``) hold the formulas and
``conversions`` turns reported statistics (t, F, p) and other metrics
(log odds ratio, r) into the metric a synthesis needs.
"""

from __future__ import annotations

from watwerkt.stats.effect_sizes._common import ImpossibleDataError, explain_note
from watwerkt.stats.effect_sizes.compute import MEASURES, effect_sizes
from watwerkt.stats.effect_sizes.conversions import (
    log_or_to_smd,
    r_to_smd,
    smd_from_f,
    smd_from_p,
    smd_from_t,
    smd_to_log_or,
    smd_to_r,
)

__all__ = [
    "MEASURES",
    "ImpossibleDataError",
    "effect_sizes",
    "explain_note",
    "log_or_to_smd",
    "r_to_smd",
    "smd_from_f",
    "smd_from_p",
    "smd_from_t",
    "smd_to_log_or",
    "smd_to_r",
]
