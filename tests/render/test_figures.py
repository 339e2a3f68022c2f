"""Forest plots of a principle (with versus without) and funnel plots after trim-and-fill.

On the example dossier leren-door-schrijven (Bangert-Drowns et al., 2004,
metadat's dat.bangertdrowns2004; real data): its principle
'metacognitieve-reflectie' has a significant with/without contrast and two
effect sizes whose code for the principle is NA, and the overall finding has
trim-and-fill with k0 > 0. The expected numbers come from the synthesis's
Finding and from independent fits with watwerkt.stats, not from the plot code.
"""

from __future__ import annotations

import functools
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from tests.render.conftest import EXAMPLES, built
from tests.render.plots.svgtools import groups, marks, parse, texts
from watwerkt.model import Finding
from watwerkt.numbers import fmt_number
from watwerkt.render.figures import (
    ContrastLabels,
    contrast_forest_figure,
    contrast_groups,
    funnel_figure,
    small_study_fill,
)
from watwerkt.render.plots import SvgFigure
from watwerkt.stats import egger_test, meta_analysis, trim_and_fill
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import Synthesis, synthesize

DOSSIER = EXAMPLES / "leren-door-schrijven"
PRINCIPLE = "metacognitieve-reflectie"
OUTCOME = "schoolprestaties"
LABELS = ContrastLabels(
    with_heading="MET-GROEP",
    without_heading="ZONDER-GROEP",
    with_subtotal="SUB-MET",
    without_subtotal="SUB-ZONDER",
    alt_note="NOTITIE",
)


@functools.cache
def _synthesis() -> Synthesis:
    return synthesize(collect_evidence(DOSSIER))


def _contrast_figure(finding: Finding) -> SvgFigure:
    groups_ = contrast_groups(_synthesis().effects, finding)
    assert groups_ is not None
    view = contrast_forest_figure(
        finding,
        groups_,
        name="f",
        title="t",
        caption="c",
        labels=LABELS,
        effect_label="g",
        study_label=lambda s: f"S:{s}",
        lang="nl",
    )
    assert view is not None
    return SvgFigure(svg=str(view.svg), alt=view.alt, title=view.title)


def _numbers(root_texts: list[str], label: str) -> list[str]:
    """The estimate and interval texts on the line of ``label`` (by order of texts)."""
    i = root_texts.index(label)
    return root_texts[i + 1 : i + 4]


def test_principle_forest_shows_with_and_without_subgroups_with_their_diamonds() -> None:
    synthesis = _synthesis()
    f = synthesis.finding(PRINCIPLE, OUTCOME)
    mc = f.moderator_contrast
    assert mc is not None
    assert mc.method == "subgroup"
    assert mc.pvalue is not None
    assert mc.pvalue < 0.05
    fig = _contrast_figure(f)
    root = parse(fig)
    words = texts(root)
    assert words.count("MET-GROEP") == 1
    assert words.count("ZONDER-GROEP") == 1
    assert words.index("MET-GROEP") < words.index("SUB-MET") < words.index("ZONDER-GROEP")
    assert words.index("ZONDER-GROEP") < words.index("SUB-ZONDER")
    # two open subgroup diamonds, no overall diamond; the PI of the finding once
    assert len(groups(root, "ww-forest-subdiamond")) == 2
    assert groups(root, "ww-forest-diamond") == []
    assert len(groups(root, "ww-forest-pi")) == 1
    # "with" diamond: the finding's own estimate and CI (the dossier's numbers)
    assert f.ci_lower is not None
    assert f.ci_upper is not None
    assert _numbers(words, "SUB-MET") == [
        fmt_number(f.estimate, "nl"),
        f"[{fmt_number(f.ci_lower, 'nl')};",
        f"{fmt_number(f.ci_upper, 'nl')}]",
    ]
    # "without" diamond: the contrast's estimate; its CI agrees with an independent
    # REML fit of the rows without the principle (the synthesis's default method)
    groups_ = contrast_groups(synthesis.effects, f)
    assert groups_ is not None
    fit = meta_analysis([e.yi for e in groups_.without], [e.vi for e in groups_.without])
    assert mc.estimate_without is not None
    assert math.isclose(fit.estimate, mc.estimate_without, rel_tol=1e-8)
    assert _numbers(words, "SUB-ZONDER") == [
        fmt_number(mc.estimate_without, "nl"),
        f"[{fmt_number(fit.ci_lower, 'nl')};",
        f"{fmt_number(fit.ci_upper, 'nl')}]",
    ]
    # weights within each subgroup's own model sum to 100 % in each group
    weights = [float(w[:-1].replace(",", ".")) for w in words if re.fullmatch(r"\d+,\d%", w)]
    assert len(weights) == mc.k_with + mc.k_without
    assert sum(weights[: mc.k_with]) == pytest.approx(100, abs=0.5)
    assert sum(weights[mc.k_with :]) == pytest.approx(100, abs=0.5)
    raw = 1 / (np.array([e.vi for e in groups_.without]) + fit.tau2)
    assert weights[mc.k_with] == pytest.approx(100 * raw[0] / raw.sum(), abs=0.05)
    assert marks(root, "ww-forest-study") >= 1
    assert "NOTITIE" in fig.alt


def test_rows_without_a_code_for_the_principle_are_left_out() -> None:
    synthesis = _synthesis()
    f = synthesis.finding(PRINCIPLE, OUTCOME)
    table = synthesis.effects
    usable = table[(table["outcome"] == OUTCOME) & (table["note"] == "")]
    na = usable[[PRINCIPLE in ids for ids in usable["unknown_principles"]]]
    assert len(na) == 2  # Bangert-Drowns codes 'meta' as missing for two studies
    groups_ = contrast_groups(table, f)
    assert groups_ is not None
    assert groups_.not_coded == 2
    assert f.moderator_contrast is not None
    assert len(groups_.without) == f.moderator_contrast.k_without
    words = texts(parse(_contrast_figure(f)))
    shown = {w.removeprefix("S:") for w in words if w.startswith("S:")}
    assert len(shown) > 0
    na_only = set(na["study"]) - set(usable.loc[~usable.index.isin(na.index), "study"])
    assert na_only
    assert not na_only & shown
    assert "principle_not_coded" in f.notes


def test_dossier_forest_caption_gives_the_test_and_the_uncoded_rows() -> None:

    view = built(DOSSIER, "nl").view
    figure = next(fig for fig in view.figures() if fig.name.startswith("fig-forest-metacog"))
    for text in (figure.caption, figure.alt):
        assert "verschil 0,28 [0,08; 0,48], p = 0,005" in text
        assert "(NA; k = 2)" in text
    words = texts(ET_parse(figure.svg))
    assert "Met het element (k = 17)" in words
    assert "Zonder het element (k = 29)" in words


def ET_parse(svg: str) -> ET.Element:  # noqa: N802 - small local helper
    return parse(SvgFigure(svg=svg, alt="", title=""))


def test_funnel_is_centred_on_the_filled_estimate_of_the_synthesis() -> None:
    f = _synthesis().finding(None, OUTCOME)
    sens = f.sensitivity
    assert sens is not None
    assert sens.trim_fill_k0 == 7
    assert sens.trim_fill_estimate is not None
    tf = small_study_fill(f)
    assert tf is not None
    assert tf.k0 == sens.trim_fill_k0
    assert tf.estimate == pytest.approx(sens.trim_fill_estimate, rel=1e-10)
    # the side: metafor's choice, by the sign of Egger's slope (independent single fits)
    yi = [e.yi for e in f.effects]
    vi = [e.vi for e in f.effects]
    slope = egger_test(yi, vi).slope
    assert tf.side == ("right" if slope < 0 else "left")
    single = trim_and_fill(yi, vi)
    assert (single.k0, single.side) == (tf.k0, tf.side)
    view = funnel_figure(
        f, name="n", title="t", caption="c", effect_label="g", lang="nl", filled_label="NA-TF"
    )
    assert view is not None
    centre = fmt_number(sens.trim_fill_estimate, "nl")
    assert centre != fmt_number(f.estimate, "nl")  # the test can tell the two apart
    assert f"NA-TF ({centre})" in view.alt
    root = ET_parse(str(view.svg))
    assert "NA-TF" in texts(root)
    assert marks(root, "ww-funnel-filled") >= 1


def test_recomputed_trim_and_fill_must_match_the_synthesis() -> None:
    f = _synthesis().finding(None, OUTCOME)
    with pytest.raises(ValueError, match="k0"):
        small_study_fill(f, method="DL")
