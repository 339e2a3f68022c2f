"""View of findings: conclusion, certainty with reasons, contrast, forest plot, studies.

A principle's forest plot shows its with/without contrast as two subgroups
(:func:`watwerkt.render.figures.contrast_forest_figure`) when the finding
has a contrast and the effect table is given; otherwise the studies with
the principle and the finding's diamond.

Also the GRADE summary-of-findings table, whose rows are the same findings
in one line each, with the reasons for downgrading as numbered footnotes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from statistics import NormalDist

import pandas as pd

from watwerkt.model import Finding, Principle, Study
from watwerkt.numbers import MISSING, fmt_int, fmt_number, fmt_p, fmt_percent, fmt_pvalue
from watwerkt.render.context import RenderContext, Scale
from watwerkt.render.figures import (
    ContrastGroups,
    ContrastLabels,
    contrast_forest_figure,
    contrast_groups,
    effect_weights,
    figure_name,
    forest_figure,
)
from watwerkt.render.labels import certainty_label, certainty_symbols, code_label, unused_reason
from watwerkt.render.view import (
    CertaintyView,
    ContrastView,
    Fact,
    FigureView,
    FindingView,
    Footnote,
    Link,
    PrincipleView,
    ReasonView,
    SofRow,
    StudyRow,
    UnusedRowView,
)

__all__ = ["finding_view", "principle_view", "sof_table"]

#: Significance level of the with/without contrast sentence.
CONTRAST_ALPHA = 0.05


def _conclusion(ctx: RenderContext, f: Finding) -> str:
    if f.conclusion is None:
        return ctx.t("no_conclusion")
    return f.conclusion.en if ctx.lang == "en" else f.conclusion.nl


def _change(ctx: RenderContext, change: int) -> str:
    if change == 0:
        return ctx.t("change.none")
    key = "change.down" if change < 0 else "change.up"
    return ctx.t(key, n=abs(change))


def certainty_view(ctx: RenderContext, f: Finding) -> CertaintyView | None:
    """Return the certainty of ``f`` with every GRADE judgement, or ``None`` if not graded."""
    if f.certainty is None:
        return None
    c = f.certainty
    return CertaintyView(
        level=c.level.value.replace("_", "-"),
        label=certainty_label(c.level, ctx.lang),
        symbols=certainty_symbols(c.level),
        starting=certainty_label(c.starting_level, ctx.lang),
        reasons=tuple(
            ReasonView(
                domain=code_label("domain", r.domain, ctx.lang),
                change=_change(ctx, r.change),
                explanation=r.explanation,
                downgrade=r.change < 0,
            )
            for r in c.reasons
        ),
    )


def _facts(ctx: RenderContext, f: Finding, scale: Scale) -> tuple[Fact, ...]:
    lang = ctx.lang
    facts: list[Fact] = []
    if f.estimate is not None:
        facts.append(
            Fact(
                ctx.t("fact.effect", measure=ctx.measure_label(scale)),
                ctx.effect_with_ratio(scale, f.estimate, f.ci_lower, f.ci_upper),
            )
        )
        facts.append(Fact(ctx.t("fact.pvalue"), fmt_pvalue(f.pvalue, lang)))
        facts.append(Fact(ctx.t("fact.prediction"), ctx.interval(f.pi_lower, f.pi_upper)))
    facts.append(Fact(ctx.t("fact.k"), ctx.t("fact.k_value", k=f.k, studies=f.n_studies)))
    facts.append(Fact(ctx.t("fact.participants"), fmt_int(f.n_participants, lang)))
    if f.estimate is not None:
        facts.append(
            Fact(
                ctx.t("fact.heterogeneity"),
                ctx.t(
                    "fact.heterogeneity_value",
                    i2=fmt_percent(f.i2, lang),
                    tau2=fmt_number(f.tau2, lang, 3),
                    q=fmt_number(f.q, lang, 1),
                    p=fmt_p(f.q_pvalue, lang),
                ),
            )
        )
        facts.append(Fact(ctx.t("fact.model"), code_label("model", f.model, lang)))
    votes = f.votes_favouring + f.votes_against + f.votes_no_difference
    if votes:
        facts.append(
            Fact(
                ctx.t("fact.votes"),
                ctx.t(
                    "fact.votes_value",
                    favouring=f.votes_favouring,
                    against=f.votes_against,
                    none=f.votes_no_difference,
                    p=fmt_p(f.votes_pvalue, lang),
                ),
            )
        )
    if f.recognition is not None:
        facts.append(
            Fact(ctx.t("fact.recognition"), code_label("recognition", f.recognition.value, lang))
        )
    return tuple(facts)


def contrast_view(ctx: RenderContext, f: Finding) -> ContrastView | None:
    """Return the with/without contrast of a principle finding, if there is one."""
    mc = f.moderator_contrast
    if mc is None or f.principle is None:
        return None
    name = ctx.principle_name(f.principle)
    lang = ctx.lang
    p = mc.pvalue
    if p is None or not math.isfinite(p) or mc.difference is None:
        sentence = ctx.t("contrast.untested", principle=name)
    elif p < CONTRAST_ALPHA:
        key = "contrast.larger" if mc.difference > 0 else "contrast.smaller"
        sentence = ctx.t(key, principle=name, p=fmt_p(p, lang))
    else:
        sentence = ctx.t("contrast.no_difference", principle=name, p=fmt_p(p, lang))
    facts = (
        Fact(
            ctx.t("contrast.with"),
            ctx.t("contrast.value", estimate=ctx.number(mc.estimate_with), k=mc.k_with),
        ),
        Fact(
            ctx.t("contrast.without"),
            ctx.t("contrast.value", estimate=ctx.number(mc.estimate_without), k=mc.k_without),
        ),
        Fact(ctx.t("contrast.difference"), ctx.effect(mc.difference, mc.ci_lower, mc.ci_upper)),
        Fact(ctx.t("fact.pvalue"), fmt_pvalue(p, lang)),
        Fact(ctx.t("contrast.method"), code_label("contrast_method", mc.method, lang)),
    )
    return ContrastView(sentence=sentence, facts=facts)


def _study_rows(
    ctx: RenderContext, f: Finding, studies: Mapping[str, Study]
) -> tuple[StudyRow, ...]:
    z = NormalDist().inv_cdf(0.975)
    rows = []
    for e, w in zip(f.effects, effect_weights(f), strict=True):
        study = studies.get(e.study)
        half = z * math.sqrt(e.vi)
        n = e.n if e.n is not None else (study.n if study else None)
        rows.append(
            StudyRow(
                study=e.study,
                citations=ctx.citations.cite_study(e.study),
                design=code_label("design", study.design.value, ctx.lang) if study else MISSING,
                n=fmt_int(n, ctx.lang),
                effect=ctx.effect(e.yi, e.yi - half, e.yi + half),
                weight=fmt_percent(w, ctx.lang, 1),
            )
        )
    return tuple(rows)


def _contrast_labels(ctx: RenderContext, f: Finding, groups: ContrastGroups) -> ContrastLabels:
    """Headings, subtotal labels and the sentences on the test and the uncoded rows."""
    mc = f.moderator_contrast
    assert mc is not None  # noqa: S101 - only called with a contrast
    lang = ctx.lang
    if mc.pvalue is None or not math.isfinite(mc.pvalue) or mc.difference is None:
        test = ctx.t("forest.contrast.untested")
    else:
        test = ctx.t(
            "forest.contrast.test",
            difference=ctx.effect(mc.difference, mc.ci_lower, mc.ci_upper),
            p=fmt_p(mc.pvalue, lang),
            method=code_label("contrast_method", mc.method, lang),
        )
    notes = [test]
    if mc.method != "subgroup":
        notes.append(
            ctx.t(
                "forest.contrast.three_level",
                with_value=ctx.number(mc.estimate_with),
                without_value=ctx.number(mc.estimate_without),
            )
        )
    if groups.not_coded:
        notes.append(ctx.t("forest.contrast.not_coded", n=groups.not_coded))
    return ContrastLabels(
        with_heading=ctx.t("forest.contrast.with_heading", k=len(groups.with_rows)),
        without_heading=ctx.t("forest.contrast.without_heading", k=len(groups.without)),
        with_subtotal=ctx.t("forest.contrast.with_subtotal"),
        without_subtotal=ctx.t("forest.contrast.without_subtotal"),
        alt_note=" ".join(notes),
    )


def _forest(
    ctx: RenderContext, f: Finding, scale: Scale, effects: pd.DataFrame | None
) -> FigureView | None:
    """Return the forest plot of a finding: with/without subgroups when it has a contrast."""
    outcome = ctx.outcome_name(f.outcome)
    name = figure_name(ctx.anchors, "forest", f.principle or "alle", f.outcome)
    title = ctx.t("forest.title", principle=ctx.principle_name(f.principle), outcome=outcome)
    groups = contrast_groups(effects, f) if effects is not None else None
    if groups is not None and groups.without:
        labels = _contrast_labels(ctx, f, groups)
        return contrast_forest_figure(
            f,
            groups,
            name=name,
            title=title,
            caption=ctx.t(
                "forest.caption_contrast", notes=labels.alt_note, measure=ctx.measure_label(scale)
            ),
            labels=labels,
            effect_label=ctx.axis_label(scale),
            study_label=ctx.citations.study_label,
            lang=ctx.lang,
        )
    return forest_figure(
        f,
        name=name,
        title=title,
        caption=ctx.t("forest.caption", measure=ctx.measure_label(scale)),
        effect_label=ctx.axis_label(scale),
        study_label=ctx.citations.study_label,
        pooled_label=ctx.t("forest.pooled"),
        lang=ctx.lang,
    )


def finding_view(
    ctx: RenderContext,
    f: Finding,
    studies: Mapping[str, Study],
    *,
    heading: str,
    effects: pd.DataFrame | None = None,
) -> FindingView:
    """Return everything the dossier shows about one finding.

    ``effects``: the synthesis's effect table; with it, a principle's forest
    plot shows the studies with and without the principle.
    """
    scale = ctx.scale(f)
    key = f"{f.principle or '*'}/{f.outcome}"
    anchor = ctx.anchors.get("finding", key)
    outcome = ctx.outcome_name(f.outcome)
    forest = _forest(ctx, f, scale, effects)
    unused = tuple(
        UnusedRowView(
            study=u.study,
            citations=ctx.citations.cite_study(u.study),
            row=f"{ctx.shown_path(u.sheet)}:{u.row}",
            reason=unused_reason(u.reason, ctx.lang),
        )
        for u in f.unused_rows
    )
    return FindingView(
        anchor=anchor,
        heading=heading,
        outcome=outcome,
        conclusion=_conclusion(ctx, f),
        certainty=certainty_view(ctx, f),
        facts=_facts(ctx, f, scale),
        contrast=contrast_view(ctx, f),
        notes=tuple(code_label("note", n, ctx.lang) for n in f.notes),
        forest=forest,
        studies=_study_rows(ctx, f, studies),
        unused=unused,
        studies_anchor=ctx.anchors.get("studies", key),
    )


def principle_view(
    ctx: RenderContext,
    principle: Principle,
    findings: Sequence[Finding],
    studies: Mapping[str, Study],
    effects: pd.DataFrame | None = None,
) -> PrincipleView:
    """Return a principle with its texts in the dossier's language and one view per outcome.

    ``effects``: the synthesis's effect table, for the with/without forest plots.
    """
    texts = principle.in_language(ctx.lang)
    return PrincipleView(
        anchor=ctx.anchors.get("principle", principle.id),
        name=texts.name,
        description=texts.description,
        mechanism=texts.mechanism,
        examples=texts.examples,
        target_groups=texts.target_groups,
        findings=tuple(
            finding_view(ctx, f, studies, heading=ctx.outcome_name(f.outcome), effects=effects)
            for f in findings
        ),
    )


def sof_table(
    ctx: RenderContext, findings: Sequence[Finding]
) -> tuple[tuple[SofRow, ...], tuple[Footnote, ...]]:
    """Return the GRADE summary-of-findings rows and their footnotes.

    One row per finding (overall first, then the principles, per outcome).
    Every downgrading reason becomes a footnote; identical explanations
    share one number.
    """
    notes: dict[str, Footnote] = {}
    rows: list[SofRow] = []
    for f in findings:
        scale = ctx.scale(f)
        marks: list[Link] = []
        if f.certainty is not None:
            for r in f.certainty.reasons:
                if r.change >= 0:
                    continue
                text = f"{code_label('domain', r.domain, ctx.lang)}: {r.explanation}"
                if text not in notes:
                    n = len(notes) + 1
                    notes[text] = Footnote(ctx.anchors.get("sof-note", str(n)), str(n), text)
                note = notes[text]
                marks.append(Link(note.marker, note.anchor))
        level = f.certainty.level if f.certainty else None
        key = f"{f.principle or '*'}/{f.outcome}"
        rows.append(
            SofRow(
                finding=Link(ctx.principle_name(f.principle), ctx.anchors.get("finding", key)),
                outcome=ctx.outcome_name(f.outcome),
                k=ctx.t("fact.k_value", k=f.k, studies=f.n_studies),
                participants=fmt_int(f.n_participants, ctx.lang),
                effect=ctx.effect(f.estimate, f.ci_lower, f.ci_upper),
                ratio=ctx.ratio(scale, f.estimate, f.ci_lower, f.ci_upper),
                certainty=certainty_label(level, ctx.lang) if level else ctx.t("not_graded"),
                symbols=certainty_symbols(level) if level else "",
                level=level.value.replace("_", "-") if level else "none",
                footnotes=tuple(marks),
                statement=_conclusion(ctx, f),
            )
        )
    return tuple(rows), tuple(notes.values())
