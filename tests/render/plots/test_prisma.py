"""PRISMA 2020 flow: every count as text, boxes and arrows, languages, escaping, bad input.

Real data: the example dossier's audit (Landenberger & Lipsey, 2005). The second flow
is synthetic, built so that every box holds a different number.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.render.plots.svgtools import (
    HOSTILE,
    assert_self_contained,
    groups,
    parse,
    text_positions,
    texts,
)
from watwerkt.messages import set_language
from watwerkt.render.plots import prisma_flow
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.prisma import PrismaCounts, prisma_counts

EXAMPLE = Path(__file__).parents[3] / "dossiers" / "recidive-cgt"

#: Synthetic: two sources, reasons at both stages, 3 records not yet accounted for.
SYNTHETIC = PrismaCounts(
    identified=(("psycinfo.bib", 120), ("sneeuwbal.ris", 14)),
    duplicates_removed=9,
    screened=125,
    excluded_screening=80,
    excluded_screening_reasons=(("ander onderwerp", 61), ("geen evaluatie", 19)),
    assessed=45,
    excluded_full_text=30,
    excluded_full_text_reasons=(("geen controlegroep", 17), ("uitkomst niet gemeten", 11),
                                ("volledige tekst niet te vinden", 2)),
    reports_included=15,
    studies_included=12,
    studies_in_meta_analysis=10,
    effects_in_meta_analysis=23,
    unaccounted=3,
)


def _all_text(root: object) -> str:
    return " ".join(" ".join(texts(root)).split())  # type: ignore[arg-type]


def test_every_count_appears_as_text() -> None:
    fig = prisma_flow(SYNTHETIC, lang="en")
    assert_self_contained(fig)
    root = parse(fig)
    shown = _all_text(root)
    expected = [
        "Records identified from (n = 134):", "psycinfo.bib (n = 120)", "sneeuwbal.ris (n = 14)",
        "Records removed before screening:", "Duplicate records (n = 9)",
        "Records screened (n = 125)", "Records excluded (n = 80)", "ander onderwerp (n = 61)",
        "geen evaluatie (n = 19)", "Reports assessed for eligibility (n = 45)",
        "Reports excluded (n = 30):", "geen controlegroep (n = 17)",
        "uitkomst niet gemeten (n = 11)", "volledige tekst niet te vinden (n = 2)",
        "Studies included in review (n = 12)", "Reports of included studies (n = 15)",
        "Not yet accounted for (n = 3)",
    ]
    for text in expected:
        assert text in shown, text
    # a wrapped box is consecutive <text> lines: joined, they give the sentence back
    assert "Studies in the meta-analysis (n = 10; 23 effect sizes)" in shown
    numbers = {int(n) for n in re.findall(r"\(n = (\d+)", shown)} | {
        int(n) for n in re.findall(r"n = (\d+);", shown)}
    assert numbers >= {134, 120, 14, 9, 125, 80, 61, 19, 45, 30, 17, 11, 2, 12, 15, 10, 3}
    assert {"Identification", "Screening", "Included"} <= set(texts(root))
    assert len(groups(root, "ww-prisma-unaccounted")) == 1
    # 4 arrows down the main column, 3 to the exclusion boxes, 1 to the unaccounted box
    assert len(groups(root, "ww-prisma-arrow")) == 8
    assert fig.title == "PRISMA 2020 flow diagram"
    assert fig.alt.startswith("PRISMA 2020 flow diagram: 134 records identified "
                              "(psycinfo.bib: 120; sneeuwbal.ris: 14); 9 duplicates removed")
    assert "3 records are not yet accounted for." in fig.alt


def test_flow_runs_top_to_bottom() -> None:
    positions = text_positions(parse(prisma_flow(SYNTHETIC, lang="en")))
    order = ["Records identified from (n = 134):", "Records screened (n = 125)",
             "Reports assessed for eligibility (n = 45)", "Studies included in review (n = 12)"]
    ys = [positions[t][1] for t in order]
    assert ys == sorted(ys)
    # exclusions sit right of the main column
    assert positions["Records excluded (n = 80)"][0] > positions["Records screened (n = 125)"][0]


def test_example_dossier_flow_in_dutch() -> None:
    counts = prisma_counts(collect_evidence(EXAMPLE))
    fig = prisma_flow(counts, lang="nl")
    root = parse(fig)
    shown = _all_text(root)
    assert f"Referenties gevonden in (n = {counts.identified_total}):" in shown
    assert f"Dubbele referenties (n = {counts.duplicates_removed})" in shown
    assert f"Referenties gescreend (n = {counts.screened})" in shown
    assert f"Rapporten beoordeeld op geschiktheid (n = {counts.assessed})" in shown
    assert f"Rapporten uitgesloten (n = {counts.excluded_full_text}):" in shown
    assert f"Studies ingesloten in de review (n = {counts.studies_included})" in shown
    for reason, n in counts.excluded_full_text_reasons:
        assert f"(n = {n})" in shown
        assert reason.split()[0] in shown
    assert {"Identificatie", "Screening", "Ingesloten"} <= set(texts(root))
    assert groups(root, "ww-prisma-unaccounted") == []  # the example dossier adds up
    assert len(groups(root, "ww-prisma-arrow")) == 7
    assert fig.title == "PRISMA 2020-stroomdiagram"
    assert fig.alt.startswith(f"PRISMA 2020-stroomdiagram: {counts.identified_total} "
                              "referenties gevonden")


def test_hostile_reasons_and_sources_stay_text() -> None:
    counts = replace(SYNTHETIC, identified=((HOSTILE, 134),),
                     excluded_full_text_reasons=((HOSTILE, 30),))
    one = prisma_flow(counts, lang="en")
    assert one == prisma_flow(counts, lang="en")
    assert_self_contained(one)
    assert " ".join(_all_text(parse(one)).split()).count(HOSTILE) == 2
    assert "&lt;script&gt;" in one.svg


def test_negative_count_is_rejected() -> None:
    set_language("en")
    with pytest.raises(ValueError, match=r"counts.screened must not be negative"):
        prisma_flow(replace(SYNTHETIC, screened=-1))
    with pytest.raises(ValueError, match=r"counts.excluded_screening_reasons .* position\(s\) 1"):
        prisma_flow(replace(SYNTHETIC, excluded_screening_reasons=(("a", 1), ("b", -2))))
