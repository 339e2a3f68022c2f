"""The second example dossier (dossiers/leren-door-schrijven) against metafor.

Real published data: metadat's dat.bangertdrowns2004 (Bangert-Drowns, Hurley &
Wilkinson, 2004), whose bias-corrected SMDs coding.csv copies unchanged. The
reference values come from tests/reference/scripts/leren_door_schrijven.R
(rma() with REML and tight convergence; per component a subgroup Wald test of
two separately fitted random-effects models). Higher achievement is better, so
nothing is flipped. Components with missing codes (NA) put those studies in
neither subgroup; ``k_coded`` in the reference counts R's non-missing codes.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import assert_close, load_reference
from watwerkt.synthesis.citation_check import check_claims
from watwerkt.synthesis.evidence import EvidenceBase, collect_evidence
from watwerkt.synthesis.findings import Synthesis, synthesize

ROOT = Path(__file__).parent.parent.parent
DOSSIER = ROOT / "dossiers" / "leren-door-schrijven"
OUTCOME = "schoolprestaties"
REF = load_reference("leren_door_schrijven")


@pytest.fixture(scope="module")
def evidence() -> EvidenceBase:
    return collect_evidence(DOSSIER)


@pytest.fixture(scope="module")
def example(evidence: EvidenceBase) -> Synthesis:
    return synthesize(evidence)


def test_the_dossier_has_no_problems(evidence: EvidenceBase) -> None:
    assert evidence.problems == []
    assert len(evidence.effects) == 48


def test_overall_achievement_equals_metafor_rma_reml(example: Synthesis) -> None:
    ref = REF["overall"]
    f = example.finding(None, OUTCOME)
    assert (f.k, f.n_studies, f.n_participants) == (48, 48, ref["n_participants"])
    assert f.model == "random_effects"
    assert f.measure is not None
    assert f.measure.value == "SMD"
    assert_close(f.estimate, ref["estimate"], "estimate")
    assert_close(f.se, ref["se"], "se")
    assert_close(f.pvalue, ref["pvalue"], "pvalue")
    assert_close([f.ci_lower, f.ci_upper], [ref["ci_lower"], ref["ci_upper"]], "ci")
    assert_close([f.pi_lower, f.pi_upper], [ref["pi_lower"], ref["pi_upper"]], "ci")
    assert_close(f.tau2, ref["tau2"], "tau2")
    assert_close(f.i2, ref["i2"], "i2")
    assert_close([f.q, f.q_pvalue], [ref["q"], ref["q_pvalue"]], "q")
    assert f.unused_rows == ()
    assert f.notes == ()  # the overall finding uses every row, NA codes or not


def test_overall_sensitivity_equals_metafor_leave1out_regtest_trimfill(example: Synthesis) -> None:
    ref = REF["overall"]
    sens = example.finding(None, OUTCOME).sensitivity
    assert sens is not None
    assert_close([sens.loo_min, sens.loo_max], [ref["loo_min"], ref["loo_max"]], "estimate")
    assert_close(sens.egger_pvalue, ref["egger_pvalue"], "pvalue")
    assert ref["trimfill_side"] == "left"  # not flipped: the same side on our scale
    assert sens.trim_fill_k0 == ref["trimfill_k0"]
    assert_close(sens.trim_fill_estimate, ref["trimfill_estimate"], "estimate")


@pytest.mark.parametrize("principle", sorted(REF["principles"]))
def test_principle_finding_and_contrast_equal_metafor(example: Synthesis, principle: str) -> None:
    ref = REF["principles"][principle]
    f = example.finding(principle, OUTCOME)
    assert f.model == "random_effects"
    assert f.k == ref["k"]
    assert f.n_participants == ref["n_participants"]
    assert_close(f.estimate, ref["estimate"], "estimate")
    assert_close(f.se, ref["se"], "se")
    assert_close([f.ci_lower, f.ci_upper], [ref["ci_lower"], ref["ci_upper"]], "ci")
    assert_close([f.pi_lower, f.pi_upper], [ref["pi_lower"], ref["pi_upper"]], "ci")
    assert_close(f.tau2, ref["tau2"], "tau2")
    assert_close(f.i2, ref["i2"], "i2")
    mc = f.moderator_contrast
    assert mc is not None
    assert mc.method == "subgroup"
    assert (mc.k_with, mc.k_without) == (ref["k"], ref["k_without"])
    # studies with a missing code are in neither group, exactly as R's NA
    assert mc.k_with + mc.k_without == ref["k_coded"]
    assert ("principle_not_coded" in f.notes) == (ref["k_coded"] < 48)
    assert_close(mc.estimate_without, ref["estimate_without"], "estimate")
    assert_close(mc.difference, ref["difference"], "estimate")
    assert_close(mc.se, ref["difference_se"], "se")
    assert_close([mc.ci_lower, mc.ci_upper],
                 [ref["difference_ci_lower"], ref["difference_ci_upper"]], "ci")  # fmt: skip
    assert_close(mc.statistic, ref["difference_statistic"], "statistic")
    assert_close(mc.pvalue, ref["difference_pvalue"], "pvalue")


def test_missing_component_codes_stay_missing_in_the_coding_sheet() -> None:
    # R's NA in dat.bangertdrowns2004 (k_coded < 48) must be 'NA' in coding.csv, never 0
    with (DOSSIER / "coding.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 48
    for principle, ref in REF["principles"].items():
        codes = [r[f"principle:{principle}"] for r in rows]
        assert codes.count("NA") == 48 - ref["k_coded"], principle
        assert codes.count("1") == ref["k"], principle
        assert codes.count("0") == ref["k_without"], principle


def test_the_claim_cites_every_study_with_the_principle_and_is_not_flagged(
    evidence: EvidenceBase, example: Synthesis
) -> None:
    assert evidence.dossier is not None
    (check,) = check_claims(example, evidence.dossier)
    ref = REF["principles"][check.claim.principle or ""]
    assert (check.k_cited, check.k_all) == (ref["k"], ref["k"])
    assert check.left_out == ()
    assert check.differs is False
    assert_close(check.all_estimate, ref["estimate"], "estimate")


RSCRIPT = shutil.which("Rscript")


@pytest.mark.skipif(RSCRIPT is None, reason="needs R with metadat")
def test_coding_sheet_and_library_are_what_make_coding_sheet_r_writes(tmp_path: Path) -> None:
    """Regenerate both files in a scratch copy; they must equal the committed ones."""
    assert RSCRIPT is not None
    has_metadat = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [RSCRIPT, "-e", "library(metadat)"], capture_output=True, check=False
    )
    if has_metadat.returncode != 0:
        pytest.skip("R package metadat is not installed")
    (tmp_path / "dossiers" / "leren-door-schrijven").mkdir(parents=True)
    (tmp_path / "references").mkdir()
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [RSCRIPT, str(DOSSIER / "make_coding_sheet.R")], cwd=tmp_path, check=True,
        capture_output=True,
    )  # fmt: skip
    for rel in ("dossiers/leren-door-schrijven/coding.csv", "references/bangertdrowns2004.bib"):
        assert (tmp_path / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
