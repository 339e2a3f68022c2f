"""Selective-citation check: a cherry-picked claim is caught, an honest one is not."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE_DOSSIER, assert_close
from tests.synthesis.synthetic import make_dossier, make_evidence, row
from watwerkt.model import Claim
from watwerkt.stats import meta_analysis
from watwerkt.synthesis.citation_check import TOLERANCE, CitationCheck, check_claims
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize

ROWS = [
    row("a", principles=("contact",), yi=0.60, vi=0.02),
    row("b", principles=("contact",), yi=0.55, vi=0.03),
    row("c", principles=("contact",), yi=-0.10, vi=0.02),
    row("d", principles=("contact",), yi=-0.05, vi=0.03),
    row("e", principles=("contact",), yi=0.00, vi=0.02),
]


def check(claim: Claim, tolerance: float | None = None) -> CitationCheck:
    dossier = make_dossier(claims=(claim,))
    synthesis = synthesize(make_evidence(dossier, ROWS), sensitivity=False)
    return check_claims(synthesis, dossier, tolerance=tolerance)[0]


def test_cherry_picked_claim_differs_in_significance_and_size() -> None:
    claim = Claim(principle="contact", outcome="welzijn", statement="Contact helpt.",
                  references=("a", "b"))  # fmt: skip
    result = check(claim, tolerance=0.2)
    cited = meta_analysis([0.60, 0.55], [0.02, 0.03])
    full = meta_analysis([0.60, 0.55, -0.10, -0.05, 0.00], [0.02, 0.03, 0.02, 0.03, 0.02])
    assert_close(result.cited_estimate, cited.estimate, "estimate")
    assert_close(result.all_estimate, full.estimate, "estimate")
    # by hand: cited CI excludes 0; the full CI includes it; |0.58 - 0.19| > 0.2
    assert full.ci_lower < 0 < cited.ci_lower
    assert abs(cited.estimate - full.estimate) > 0.2
    assert result.reasons == ("significance", "size", "claim_direction")
    assert result.left_out == ("c", "d", "e")
    assert result.differs


def test_claim_citing_every_study_agrees_with_itself() -> None:
    claim = Claim(principle="contact", outcome="welzijn", statement="Geen effect.",
                  references=("a", "b", "c", "d", "e"), direction="no_difference")  # fmt: skip
    result = check(claim)
    assert result.reasons == ()
    assert result.left_out == ()


def test_claim_citing_only_studies_without_effect_sizes() -> None:
    claim = Claim(principle="contact", outcome="welzijn", statement="x", references=("zz",))
    result = check(claim)
    assert result.reasons[0] == "no_cited_effects"
    assert result.k_cited == 0


def test_claim_in_the_opposite_direction() -> None:
    claim = Claim(principle="contact", outcome="welzijn", statement="x", references=("c", "d"))
    result = check(claim)
    assert "direction" in result.reasons


def test_tolerances_are_documented_values() -> None:
    assert TOLERANCE["SMD"] == 0.2
    assert TOLERANCE["OR"] == pytest.approx(0.2 * 1.8138, abs=0.005)  # pi / sqrt(3) = 1.8138


def test_demonstration_claim_of_the_example_dossier_is_caught() -> None:
    evidence = collect_evidence(EXAMPLE_DOSSIER)
    assert evidence.dossier is not None
    (result,) = check_claims(synthesize(evidence, sensitivity=False), evidence.dossier)
    assert result.differs
    assert "significance" in result.reasons
    # the four victim-impact studies the claim does not cite (coding.csv, hand-checked)
    assert set(result.left_out) == {"knott1995", "motiuk1996", "washingtondoc1998",
                                    "landenberger2004"}  # fmt: skip
    assert result.render("en").startswith(
        "claim 'Aandacht voor slachtofferbewustzijn vermindert recidive.' (recidive): "
        "the cited studies are significant, all studies together not significant"
    )
