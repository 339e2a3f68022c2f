"""Evidence gap map: one bubble per cell with studies, gaps kept, legend, labels, bad input.

Real data: the example dossier (Landenberger & Lipsey, 2005; one outcome, eleven
principles) through gap_map(). The other frames are synthetic, built to cover every
certainty level, direction and gap.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tests.render.plots.svgtools import (
    HOSTILE,
    NS,
    XLINK,
    assert_self_contained,
    groups,
    marks,
    parse,
    text_positions,
    texts,
)
from watwerkt.messages import set_language
from watwerkt.render.plots import gap_map_plot
from watwerkt.render.plots.style import CERTAINTY_COLOURS, CERTAINTY_LEVELS
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize
from watwerkt.synthesis.gap_map import COLUMNS, gap_map

EXAMPLE = Path(__file__).parents[3] / "dossiers" / "recidive-cgt"


def _synthetic() -> pd.DataFrame:
    """Synthetic: 2 principles × 3 outcomes + overall row; two gaps."""
    return pd.DataFrame(
        {
            "principle": ["contact"] * 3 + ["zingeving"] * 3 + [None] * 3,
            "outcome": ["welzijn", "eenzaamheid", "participatie"] * 3,
            "n_studies": [12, 3, 0, 1, 0, 7, 13, 3, 7],
            "k": [12, 3, 0, 1, 0, 9, 13, 3, 9],
            "n_participants": [900, 200, 0, 40, 0, 300, 940, 200, 300],
            "certainty": ["high", "low", None, "very_low", None, "moderate", "moderate", "low",
                          None],
            "direction": ["favours_intervention", "no_difference", "none", "favours_comparison",
                          "none", "mixed", "favours_intervention", "no_difference", "none"],
        },
        columns=list(COLUMNS),
    )


def test_example_dossier_gap_map() -> None:
    evidence = collect_evidence(EXAMPLE)
    frame = gap_map(synthesize(evidence, sensitivity=False, small_study=False).findings)
    names = {p.id: p.name for p in evidence.dossier.principles}
    fig = gap_map_plot(frame, principle_labels=names, outcome_labels={"recidive": "Recidive"},
                       lang="nl")
    assert_self_contained(fig)
    root = parse(fig)
    assert len(groups(root, "ww-gap-bubble")) == len(frame)  # every cell has studies
    assert groups(root, "ww-gap-empty") == []
    shown = texts(root)
    assert set(names.values()) <= set(shown)
    assert {"Recidive", "Alle studies", "Zekerheid van bewijs", "Richting van het effect",
            "Aantal studies"} <= set(shown)
    for n in frame["n_studies"]:
        assert str(n) in shown
    assert fig.alt.startswith(f"Evidence gap map van werkzame elementen ({len(names)}) tegen "
                              "uitkomsten (1): ")
    top = frame[frame["principle"].notna()].sort_values("n_studies").iloc[-1]
    assert f"({top['n_studies']})." in fig.alt


def test_cells_gaps_colours_and_shapes() -> None:
    frame = _synthetic()
    fig = gap_map_plot(frame, lang="en")
    root = parse(fig)
    assert len(groups(root, "ww-gap-bubble")) == 7  # 9 cells, 2 without studies
    assert len(groups(root, "ww-gap-empty")) == 2
    # colour by certainty: the class and the fill colour agree with the palette
    for level in ("high", "moderate", "low", "very_low", "none"):
        bubbles = [g for g in groups(root, f"ww-certainty-{level}")
                   if "ww-gap-bubble" in g.get("class", "")]
        expected = sum(
            1 for c, n in zip(frame["certainty"], frame["n_studies"], strict=True)
            if n > 0 and ("none" if pd.isna(c) else c) == level
        )
        assert len(bubbles) == expected, level
        for bubble in bubbles:
            assert CERTAINTY_COLOURS[level].lower() in ET_tostring(bubble).lower()
    # the legend names every certainty level, with its colour, and every direction
    assert len(groups(root, "ww-legend-certainty")) == len(CERTAINTY_LEVELS)
    shown = texts(root)
    assert {"high", "moderate", "low", "very low", "not graded"} <= set(shown)
    assert {"in favour of the intervention", "in favour of the comparison",
            "no clear difference", "mixed", "not pooled (no effect size)",
            "no studies (gap)"} <= set(shown)
    assert marks(root, "ww-legend-direction") == 5
    assert "7 of the 9 combinations have studies, 2 are gaps" in fig.alt


def test_directions_are_shapes_not_only_colours() -> None:
    frame = _synthetic()
    root = parse(gap_map_plot(frame, lang="en"))
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    shapes = set()
    for bubble in groups(root, "ww-gap-bubble"):
        use = next(el for el in bubble.iter() if el.tag == f"{NS}use")
        path = by_id[use.get(XLINK, "").removeprefix("#")]  # marker shapes are shared defs
        shapes.add(path.get("d", "").count("L"))  # number of straight segments
    # triangles (up, down: 3 segments), diamond/square (4) and the circle (curves only)
    assert len(shapes) >= 3


def test_labels_order_and_overall_row() -> None:
    frame = _synthetic()
    fig = gap_map_plot(frame, principle_labels={"contact": "Contact leggen"},
                       outcome_labels={"welzijn": "Welzijn"}, lang="nl")
    positions = text_positions(parse(fig))
    assert positions["Contact leggen"][1] < positions["zingeving"][1] < positions["Alle studies"][1]
    assert positions["Welzijn"][0] < positions["eenzaamheid"][0] < positions["participatie"][0]
    without = texts(parse(gap_map_plot(frame, include_overall=False, lang="nl")))
    assert "Alle studies" not in without


def test_nl_and_en_legends() -> None:
    nl = set(texts(parse(gap_map_plot(_synthetic(), lang="nl"))))
    en = set(texts(parse(gap_map_plot(_synthetic(), lang="en"))))
    assert {"hoog", "redelijk", "laag", "zeer laag", "geen studies (lacune)"} <= nl
    assert {"high", "moderate", "low", "very low", "no studies (gap)"} <= en
    assert "hoog" not in en


def test_hostile_names_and_determinism() -> None:
    frame = _synthetic()
    frame.loc[0:2, "principle"] = HOSTILE
    one = gap_map_plot(frame, outcome_labels={"welzijn": HOSTILE}, lang="en")
    assert one == gap_map_plot(frame, outcome_labels={"welzijn": HOSTILE}, lang="en")
    assert_self_contained(one)
    joined = " ".join(texts(parse(one)))
    assert joined.count(HOSTILE) >= 1  # the principle, wrapped over lines
    assert "&lt;script&gt;" in one.svg


def test_bad_frames() -> None:
    set_language("en")
    frame = _synthetic()
    with pytest.raises(ValueError, match="frame lacks the column"):
        gap_map_plot(frame.drop(columns=["certainty"]))
    with pytest.raises(ValueError, match="frame is empty"):
        gap_map_plot(frame.iloc[0:0])
    bad = frame.copy()
    bad.loc[4, "certainty"] = "certain"
    with pytest.raises(ValueError, match=r"in frame\['certainty'\] at position\(s\) 4"):
        gap_map_plot(bad)
    bad = frame.copy()
    bad.loc[2, "direction"] = "up"
    with pytest.raises(ValueError, match=r"frame\['direction'\] at position\(s\) 2"):
        gap_map_plot(bad)
    bad = frame.copy()
    bad["n_studies"] = bad["n_studies"].astype(float)
    bad.loc[5, "n_studies"] = math.nan
    with pytest.raises(ValueError, match=r"n_studies'\] must be a finite .* position\(s\) 5"):
        gap_map_plot(bad)
    bad = frame.copy()
    bad.loc[1, "n_studies"] = -1
    with pytest.raises(ValueError, match=r"must not be negative.*position\(s\) 1"):
        gap_map_plot(bad)
    with pytest.raises(ValueError, match=r"more than one row .* position\(s\) 9"):
        gap_map_plot(pd.concat([frame, frame.iloc[[0]]], ignore_index=True))


def ET_tostring(element: object) -> str:  # noqa: N802 - reads like the stdlib name it wraps
    import xml.etree.ElementTree as ET

    return ET.tostring(element, encoding="unicode")  # type: ignore[arg-type]
