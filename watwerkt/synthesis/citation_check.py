"""Selective-citation check: does an author's claim hold against *all* studies.

A :class:`~watwerkt.model.Claim` in dossier.yaml says that a principle (or the
interventions overall) helps an outcome, citing some references. The check
pools the effect sizes of the cited studies for that principle × outcome and
compares the result with the finding from every study in scope. It warns
(:attr:`CitationCheck.differs`) when

``direction``
    the cited subset's pooled estimate has the other sign than the full one;
``significance``
    one confidence interval excludes no effect and the other includes it;
``size``
    the two pooled estimates differ by more than the tolerance of the measure
    (:data:`TOLERANCE`);
``claim_direction``
    the claim's stated direction is not what the full evidence shows
    (e.g. "helps" while the full confidence interval includes no effect);
``no_cited_effects``
    none of the cited references has a usable effect size for the cell.

Tolerances (on the oriented analysis scale): 0.2 for standardised mean
differences — Cohen's (1988) "small" effect, so a difference an author
would be expected to mention; 0.36 for log odds ratios and log risk ratios,
the same 0.2 SD converted with the logistic factor π/√3 ≈ 1.81 (Chinn, 2000,
*Stat Med* 19, 3127–3131; for log RR a rough transfer); 0.1 for correlations
(Cohen's "small" r). For raw mean differences, proportions and generic
measures there is no scale-free tolerance, so only direction and
significance are checked (``size_tolerance`` is ``None``); pass
``tolerance=`` to set one.

Every check lists the studies of the full evidence that the claim does not
cite (``left_out``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from watwerkt.messages import message
from watwerkt.model import Claim, Dossier, Finding
from watwerkt.numbers import fmt_effect, fmt_number, resolve
from watwerkt.stats import meta_analysis_batch
from watwerkt.synthesis.findings import Synthesis
from watwerkt.synthesis.gap_map import direction_of

__all__ = ["TOLERANCE", "CitationCheck", "check_claims"]

_SMD_TOL = 0.2
_LOG_RATIO_TOL = round(_SMD_TOL * math.pi / math.sqrt(3), 2)  # 0.36

#: Largest difference of pooled estimates that is not "material", per measure.
TOLERANCE: dict[str, float] = {
    "SMD": _SMD_TOL,
    "SMDH": _SMD_TOL,
    "SMCR": _SMD_TOL,
    "SMCC": _SMD_TOL,
    "OR": _LOG_RATIO_TOL,
    "PETO": _LOG_RATIO_TOL,
    "RR": _LOG_RATIO_TOL,
    "ROM": _LOG_RATIO_TOL,
    "COR": 0.1,
    "ZCOR": 0.1,
}


@dataclass(frozen=True, slots=True)
class CitationCheck:
    """The claim, the pooled result of its cited studies, and how it compares."""

    claim: Claim
    k_cited: int
    k_all: int
    cited_estimate: float | None
    cited_ci_lower: float | None
    cited_ci_upper: float | None
    all_estimate: float | None
    all_ci_lower: float | None
    all_ci_upper: float | None
    size_tolerance: float | None
    reasons: tuple[str, ...]
    left_out: tuple[str, ...]

    @property
    def differs(self) -> bool:
        """Return True when the build should warn about this claim."""
        return bool(self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data."""
        return {
            "claim": self.claim.to_dict(),
            "k_cited": self.k_cited,
            "k_all": self.k_all,
            "cited_estimate": self.cited_estimate,
            "cited_ci_lower": self.cited_ci_lower,
            "cited_ci_upper": self.cited_ci_upper,
            "all_estimate": self.all_estimate,
            "all_ci_lower": self.all_ci_lower,
            "all_ci_upper": self.all_ci_upper,
            "size_tolerance": self.size_tolerance,
            "differs": self.differs,
            "reasons": list(self.reasons),
            "left_out": list(self.left_out),
        }

    def render(self, lang: str | None = None) -> str:
        """Return the warning as one line, in ``lang``."""
        cited = _interval(self.cited_estimate, self.cited_ci_lower, self.cited_ci_upper, lang)
        full = _interval(self.all_estimate, self.all_ci_lower, self.all_ci_upper, lang)
        sig = {
            True: message("synthesis.significant", lang),
            False: message("synthesis.not_significant", lang),
        }
        shown = _direction(self.all_estimate, self.all_ci_lower, self.all_ci_upper)
        texts: list[str] = []
        for reason in self.reasons:
            if reason == "direction":
                texts.append(message("synthesis.citation.direction", lang, cited=cited, all=full))
            elif reason == "significance":
                cited_sig = sig[_significant(self.cited_ci_lower, self.cited_ci_upper)]
                all_sig = sig[_significant(self.all_ci_lower, self.all_ci_upper)]
                texts.append(
                    message("synthesis.citation.significance", lang, cited=cited_sig, all=all_sig)
                )
            elif reason == "size":
                texts.append(
                    message(
                        "synthesis.citation.size",
                        lang,
                        cited=cited,
                        all=full,
                        tolerance=fmt_number(self.size_tolerance, resolve(lang)),
                    )
                )
            elif reason == "claim_direction":
                texts.append(
                    message(
                        "synthesis.citation.claim_direction",
                        lang,
                        claimed=message(f"synthesis.direction.{self.claim.direction.value}", lang),
                        all=message(f"synthesis.direction.{shown}", lang),
                    )
                )
            else:
                texts.append(message("synthesis.citation.no_cited_effects", lang))
        return message(
            "synthesis.citation.warning",
            lang,
            statement=self.claim.statement,
            outcome=self.claim.outcome,
            reasons="; ".join(texts),
            left_out=", ".join(self.left_out) or "-",
        )


def _interval(est: float | None, lower: float | None, upper: float | None, lang: str | None) -> str:
    """Return ``0,42 [0,30; 0,54]`` in the notation of ``lang`` (en dash when missing)."""
    return fmt_effect(est, lower, upper, resolve(lang))


def _significant(lower: float | None, upper: float | None) -> bool:
    return lower is not None and upper is not None and (lower > 0 or upper < 0)


def _direction(est: float | None, lower: float | None, upper: float | None) -> str:
    f = Finding(
        principle=None, outcome="x", k=0, n_studies=0, estimate=est, ci_lower=lower, ci_upper=upper
    )
    return direction_of(f)


def check_claims(
    synthesis: Synthesis,
    dossier: Dossier,
    *,
    tolerance: float | None = None,
    method: str = "REML",
    level: float = 0.95,
) -> tuple[CitationCheck, ...]:
    """Check every claim of ``dossier`` against the findings of ``synthesis``.

    Parameters
    ----------
    synthesis : Synthesis
        From :func:`watwerkt.synthesis.findings.synthesize` (same method and
        level, so both pooled results are comparable).
    dossier : Dossier
        Whose ``claims`` are checked.
    tolerance : float, optional
        Overrides :data:`TOLERANCE` for every claim.
    method, level
        As in ``synthesize``.

    Returns
    -------
    tuple of CitationCheck
        One per claim, in the order of dossier.yaml.
    """
    return tuple(_check(synthesis, claim, tolerance, method, level) for claim in dossier.claims)


def _check(
    synthesis: Synthesis, claim: Claim, tolerance: float | None, method: str, level: float
) -> CitationCheck:
    full = synthesis.finding(claim.principle, claim.outcome)
    table = synthesis.effects
    rows = _cell_rows(table, claim)
    cited_keys = set(claim.references)
    is_cited = np.array([bool(cited_keys & set(refs)) for refs in table["references"].iloc[rows]])
    cited_rows = rows[is_cited] if len(rows) else rows
    cited_studies = set(table["study"].to_numpy()[cited_rows])
    left_out = tuple(s for s in full.studies if s not in cited_studies)
    tol = tolerance if tolerance is not None else TOLERANCE.get(str(full.measure or ""))
    est = lo = hi = None
    if len(cited_rows):
        frame = pd.DataFrame(
            {
                "g": 0,
                "yi": table["yi"].to_numpy(dtype=float)[cited_rows],
                "vi": table["vi"].to_numpy(dtype=float)[cited_rows],
            }
        )
        res = meta_analysis_batch(frame, by="g", method=method, level=level).iloc[0]
        est, lo, hi = float(res["estimate"]), float(res["ci_lower"]), float(res["ci_upper"])
    reasons = _reasons(claim, full, est, lo, hi, tol)
    return CitationCheck(
        claim=claim,
        k_cited=len(cited_rows),
        k_all=full.k,
        cited_estimate=est,
        cited_ci_lower=lo,
        cited_ci_upper=hi,
        all_estimate=full.estimate,
        all_ci_lower=full.ci_lower,
        all_ci_upper=full.ci_upper,
        size_tolerance=tol,
        reasons=reasons,
        left_out=left_out,
    )


def _cell_rows(table: pd.DataFrame, claim: Claim) -> np.ndarray[Any, np.dtype[np.intp]]:
    """Usable rows of the claim's principle × outcome (all principles if none)."""
    if table.empty:
        return np.array([], dtype=np.intp)
    keep = (table["note"] == "").to_numpy() & (table["outcome"] == claim.outcome).to_numpy()
    if claim.principle is not None:
        keep &= np.array([claim.principle in p for p in table["principles"]], dtype=bool)
    return np.flatnonzero(keep)


def _reasons(
    claim: Claim,
    full: Finding,
    est: float | None,
    lo: float | None,
    hi: float | None,
    tol: float | None,
) -> tuple[str, ...]:
    reasons: list[str] = []
    if est is None:
        reasons.append("no_cited_effects")
    elif full.estimate is not None:
        if est * full.estimate < 0:
            reasons.append("direction")
        if _significant(lo, hi) != _significant(full.ci_lower, full.ci_upper):
            reasons.append("significance")
        if tol is not None and abs(est - full.estimate) > tol:
            reasons.append("size")
    shown = direction_of(full)
    if shown != "none" and shown != claim.direction.value:
        reasons.append("claim_direction")
    return tuple(reasons)
