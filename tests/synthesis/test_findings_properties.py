"""Findings do not depend on the order of the coded rows (STYLE.md item 14)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.synthesis.synthetic import make_dossier, make_evidence, row
from watwerkt.synthesis.findings import synthesize

ROWS = [
    row("a", principles=("contact",), yi=0.50, vi=0.04, n=100),
    row("b", principles=("contact",), yi=0.10, vi=0.02, n=200),
    row("c", principles=("contact", "zingeving"), yi=0.35, vi=0.05, n=80),
    row("d", principles=("zingeving",), yi=-0.05, vi=0.03, n=150),
    row("e", principles=(), yi=0.05, vi=0.06, n=60),
    row("f", principles=("contact",), direction="favours_comparison"),
]
DOSSIER = make_dossier()
BASE = synthesize(make_evidence(DOSSIER, ROWS), small_study=False)


@settings(max_examples=15, deadline=None)
@given(st.permutations(ROWS))
def test_findings_are_invariant_to_row_order(rows: list[dict[str, object]]) -> None:
    shuffled = synthesize(make_evidence(DOSSIER, rows), small_study=False)
    for expected in BASE.findings:
        got = shuffled.finding(expected.principle, expected.outcome)
        assert (got.k, got.n_studies, got.n_participants) == (
            expected.k, expected.n_studies, expected.n_participants,
        )  # fmt: skip
        assert set(got.studies) == set(expected.studies)
        assert got.votes_against == expected.votes_against
        for name in ("estimate", "ci_lower", "ci_upper", "tau2"):
            a, b = getattr(got, name), getattr(expected, name)
            assert (a is None and b is None) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        if expected.moderator_contrast is not None:
            assert got.moderator_contrast is not None
            assert math.isclose(
                got.moderator_contrast.difference or 0.0,
                expected.moderator_contrast.difference or 0.0,
                rel_tol=1e-9,
                abs_tol=1e-12,
            )
