"""Evidence gap map: every principle x outcome, gaps included."""

from __future__ import annotations

from tests.synthesis.synthetic import make_dossier, make_evidence, row
from watwerkt.synthesis.findings import synthesize
from watwerkt.synthesis.gap_map import gap_map, gap_matrix


def test_gap_map_counts_studies_and_keeps_empty_cells() -> None:
    dossier = make_dossier(
        outcomes=(("welzijn", "increase"), ("eenzaamheid", "decrease")),
        principles=("contact", "zingeving"),
    )
    rows = [
        row("a", principles=("contact",), yi=0.4, vi=0.01),
        row("b", principles=("contact",), yi=0.5, vi=0.01),
        row("c", outcome="eenzaamheid", principles=("zingeving",), yi=0.0, vi=0.04),
        row("c", outcome="eenzaamheid", principles=("zingeving",), yi=0.1, vi=0.05),
    ]
    findings = synthesize(make_evidence(dossier, rows), sensitivity=False).findings
    frame = gap_map(findings)
    assert len(frame) == 2 * 3
    cell = frame.set_index(["principle", "outcome"])
    assert cell.loc[("contact", "welzijn"), "n_studies"] == 2
    assert cell.loc[("contact", "welzijn"), "direction"] == "favours_intervention"
    assert cell.loc[("zingeving", "welzijn"), "n_studies"] == 0
    assert cell.loc[("zingeving", "welzijn"), "direction"] == "none"
    assert cell.loc[("zingeving", "eenzaamheid"), "k"] == 2
    matrix = gap_matrix(findings)
    assert list(matrix.index) == ["contact", "zingeving"]
    assert list(matrix.columns) == ["welzijn", "eenzaamheid"]
    assert matrix.loc["contact", "eenzaamheid"] == 0
