"""PRISMA 2020 flow counts, from the same audit that ``watwerkt check`` runs.

The numbers follow the boxes of the PRISMA 2020 flow diagram for new
systematic reviews (Page et al., 2021, BMJ 372:n71, Figure 1):

- records identified, per source (one source per library file);
- duplicate records removed;
- records screened (identified − duplicates);
- records excluded at screening (``stage: screening``), with reasons;
- reports assessed for eligibility (screened − excluded at screening);
- reports excluded at full text (``stage: full_text``), with reasons;
- studies included, and the reports of included studies;
- studies included in a meta-analysis: studies with at least one coded row
  that has a usable effect size (``yi``/``vi`` or raw statistics; a row with
  only a direction of effect is vote counting, not meta-analysis).

Notes
-----
"Reports sought for retrieval" / "not retrieved" are not tracked: a reference
that could not be retrieved is an exclusion at full text with that reason.
``unaccounted`` is reported separately, so that a flow drawn from a dossier
that still fails ``watwerkt check`` does not add up silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from watwerkt.messages import message
from watwerkt.synthesis.evidence import EvidenceBase, ReferenceStatus


@dataclass(frozen=True, slots=True)
class PrismaCounts:
    """The numbers of a PRISMA 2020 flow diagram.

    ``identified`` and the ``*_reasons`` fields are tuples of ``(name, count)``
    pairs in a stable order (file order; reasons by count, then text), so the
    object is hashable and renders the same every time.
    """

    identified: tuple[tuple[str, int], ...]
    duplicates_removed: int
    screened: int
    excluded_screening: int
    excluded_screening_reasons: tuple[tuple[str, int], ...]
    assessed: int
    excluded_full_text: int
    excluded_full_text_reasons: tuple[tuple[str, int], ...]
    reports_included: int
    studies_included: int
    studies_in_meta_analysis: int
    effects_in_meta_analysis: int
    unaccounted: int

    @property
    def identified_total(self) -> int:
        """Return the number of records identified over all sources."""
        return sum(n for _, n in self.identified)

    def summary(self, lang: str | None = None) -> str:
        """Return the flow in one sentence, in ``lang`` (default: the process language).

        Examples
        --------
        >>> PrismaCounts((("a.bib", 10),), 2, 8, 3, (("off topic", 3),), 5, 1,
        ...     (("no control group", 1),), 4, 4, 3, 6, 0).summary("en")[:56]
        '10 records identified, 2 duplicates removed, 8 screened '
        """
        return message(
            "audit.prisma_summary",
            lang,
            identified=self.identified_total,
            duplicates=self.duplicates_removed,
            screened=self.screened,
            excluded_screening=self.excluded_screening,
            assessed=self.assessed,
            excluded_full_text=self.excluded_full_text,
            studies=self.studies_included,
            meta=self.studies_in_meta_analysis,
            unaccounted=self.unaccounted,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (reason lists as ``[{reason, count}]``)."""
        return {
            "identified": dict(self.identified),
            "identified_total": self.identified_total,
            "duplicates_removed": self.duplicates_removed,
            "screened": self.screened,
            "excluded_screening": self.excluded_screening,
            "excluded_screening_reasons": _reasons(self.excluded_screening_reasons),
            "assessed": self.assessed,
            "excluded_full_text": self.excluded_full_text,
            "excluded_full_text_reasons": _reasons(self.excluded_full_text_reasons),
            "reports_included": self.reports_included,
            "studies_included": self.studies_included,
            "studies_in_meta_analysis": self.studies_in_meta_analysis,
            "effects_in_meta_analysis": self.effects_in_meta_analysis,
            "unaccounted": self.unaccounted,
        }


def _reasons(pairs: tuple[tuple[str, int], ...]) -> list[dict[str, Any]]:
    return [{"reason": reason, "count": n} for reason, n in pairs]


def _tally(reasons: list[str]) -> tuple[tuple[str, int], ...]:
    counts = Counter(reasons)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def prisma_counts(evidence: EvidenceBase) -> PrismaCounts:
    """Return the PRISMA 2020 flow numbers of an audited evidence base.

    Parameters
    ----------
    evidence : EvidenceBase
        The result of :func:`watwerkt.synthesis.evidence.collect_evidence`.

    Returns
    -------
    PrismaCounts
        Every record of the audit is in exactly one box: duplicates, excluded
        at screening, excluded at full text, included, or unaccounted.
    """
    by_status: dict[ReferenceStatus, list[Any]] = {s: [] for s in ReferenceStatus}
    for record in evidence.audit:
        by_status[record.status].append(record)
    excluded = by_status[ReferenceStatus.EXCLUDED]
    screening = [r.reason for r in excluded if r.stage == "screening"]
    full_text = [r.reason for r in excluded if r.stage != "screening"]
    identified = tuple(evidence.identified.items())
    total = sum(n for _, n in identified)
    duplicates = len(by_status[ReferenceStatus.DUPLICATE])
    screened = total - duplicates
    included_keys = {r.key for r in by_status[ReferenceStatus.INCLUDED]}
    studies = {e.estimate.study for e in evidence.effects if set(e.references) & included_keys} | {
        s.id for s in evidence.studies.values() if set(s.references) & included_keys
    }
    usable = [e for e in evidence.effects if e.estimate.kind in ("effect_size", "raw")]
    return PrismaCounts(
        identified=identified,
        duplicates_removed=duplicates,
        screened=screened,
        excluded_screening=len(screening),
        excluded_screening_reasons=_tally(screening),
        assessed=screened - len(screening),
        excluded_full_text=len(full_text),
        excluded_full_text_reasons=_tally(full_text),
        reports_included=len(included_keys),
        studies_included=len(studies),
        studies_in_meta_analysis=len({e.estimate.study for e in usable}),
        effects_in_meta_analysis=len(usable),
        unaccounted=len(by_status[ReferenceStatus.UNACCOUNTED]),
    )
