"""Recognition level (erkenningsniveau) for effectiveness, from coded studies.

The Dutch recognition system for behavioural interventions (Erkenningscommissie
Interventies; Movisie, NJi, RIVM Centrum Gezond Leven and partners, *Erkenning
van interventies: criteria voor gedragsinterventies*) grants three levels of
evidence for effectiveness. We derive them from what a coding sheet holds —
study design, a comparison group, follow-up duration and the result — with
these rules:

Favourable result
    A study shows a favourable effect when its oriented effect size is
    significantly positive at the two-sided 5 % level, ``yi / sqrt(vi) >
    1.96`` (positive favours the intervention, see
    :mod:`watwerkt.synthesis.effects`). Several rows of one study count once.
Controlled design
    ``rct``, ``cluster_rct`` and ``quasi_experiment`` compare with a control
    group; ``pre_post`` is a design without one.
Eerste aanwijzingen voor effectiviteit
    At least one study, controlled or pre-post, with a favourable effect (the
    criteria accept a pre-test/post-test design for this level).
Goede aanwijzingen voor effectiviteit
    At least one controlled study with a favourable effect.
Sterke aanwijzingen voor effectiviteit
    At least two controlled studies with a favourable effect, at least one of
    them measured six months or more after the intervention ("effect op
    langere termijn").
Counter-evidence
    No level when the controlled studies with a significantly *unfavourable*
    effect are as many as those with a favourable one.

Where we simplify, honestly: the criteria judge one named intervention, its
manual and the quality of each study as a whole (sample, attrition,
measurement instruments), and for the higher levels ask for research on the
intervention as carried out in the Netherlands. A coding sheet records none
of that, and a finding pools *different* interventions that share a
principle. The level computed here is therefore an indication of the
strength of the evidence in the recognition system's terms, not a
recognition; the committee's judgement cannot be automated. The levels
*goed beschreven* and *goed onderbouwd* concern description and theory and
are never derived from data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from watwerkt.model import RecognitionLevel

__all__ = ["CONTROLLED", "LONG_TERM_MONTHS", "Z_CRITICAL", "StudyResult", "recognition_level"]

#: Designs with a comparison group.
CONTROLLED = frozenset({"rct", "cluster_rct", "quasi_experiment"})
#: Designs without one that still count for *eerste aanwijzingen*.
UNCONTROLLED = frozenset({"pre_post"})
#: Follow-up (months after the intervention) that counts as a longer-term effect.
LONG_TERM_MONTHS = 6.0
#: Two-sided 5 % critical value of the standard normal distribution.
Z_CRITICAL = 1.959963984540054
#: Controlled studies with a favourable effect that *sterke aanwijzingen* needs.
STRONG_MIN_STUDIES = 2


@dataclass(frozen=True, slots=True)
class StudyResult:
    """One coded effect of one study: design, follow-up and oriented yi/vi."""

    study: str
    design: str
    follow_up_months: float | None
    yi: float
    vi: float

    @property
    def z(self) -> float:
        """Return ``yi / sqrt(vi)`` (positive favours the intervention)."""
        return self.yi / math.sqrt(self.vi)


def recognition_level(results: Iterable[StudyResult]) -> RecognitionLevel | None:
    """Return the effectiveness level the coded studies support, or ``None``.

    Parameters
    ----------
    results : iterable of StudyResult
        Every usable effect size behind a finding.

    Examples
    --------
    Two randomised trials with significant favourable effects, one at 12
    months' follow-up:

    >>> recognition_level([
    ...     StudyResult("a", "rct", 12.0, 0.5, 0.04),
    ...     StudyResult("b", "quasi_experiment", 3.0, 0.4, 0.02),
    ... ]).value
    'effectief_sterke_aanwijzingen'
    """
    favourable: dict[str, bool] = {}  # study -> has a long-term favourable effect
    controlled_harm: set[str] = set()
    uncontrolled_good: set[str] = set()
    for r in results:
        if r.design in CONTROLLED and r.z > Z_CRITICAL:
            long_term = r.follow_up_months is not None and r.follow_up_months >= LONG_TERM_MONTHS
            favourable[r.study] = favourable.get(r.study, False) or long_term
        elif r.design in CONTROLLED and r.z < -Z_CRITICAL:
            controlled_harm.add(r.study)
        elif r.design in UNCONTROLLED and r.z > Z_CRITICAL:
            uncontrolled_good.add(r.study)
    controlled_harm -= set(favourable)  # a study with both counts as favourable once
    if favourable and len(controlled_harm) >= len(favourable):
        return None
    if len(favourable) >= STRONG_MIN_STUDIES and any(favourable.values()):
        return RecognitionLevel.EFFECTIEF_STERKE_AANWIJZINGEN
    if favourable:
        return RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN
    if uncontrolled_good and not controlled_harm:
        return RecognitionLevel.EFFECTIEF_EERSTE_AANWIJZINGEN
    return None
