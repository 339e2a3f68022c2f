"""Build the :class:`~watwerkt.render.view.DossierView` of a dossier in one language.

The order of the dossier follows the published *Wat werkt bij …* dossiers:
summary and facts (author texts), what works / promising / no evidence of an
effect (principles, see :mod:`watwerkt.render.classify`), the GRADE
summary-of-findings table, the evidence gap map, the accountability appendix
(PRISMA flow, search and selection, excluded references, sensitivity
analyses with funnel plots, the selective-citation check, methods) and the
APA 7 reference list.

Author texts are placed by their ``section`` id: ``samenvatting`` /
``summary`` is the summary, ``feiten-en-cijfers`` / ``facts-and-figures``
the facts and figures; every other text follows them, in dossier order, as
a section of its own.

The certainty explanations inside the findings are in the language the
synthesis was run with (``synthesize(..., lang=...)``); pass a synthesis in
the language of the view.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup

from watwerkt import __version__
from watwerkt.model import AuthorText, Finding
from watwerkt.numbers import MISSING, fmt_int, fmt_number, fmt_pvalue
from watwerkt.render.anchors import Anchors
from watwerkt.render.author_text import markdown_to_html, read_author_text
from watwerkt.render.citations import Citations
from watwerkt.render.classify import Category, categorise
from watwerkt.render.context import RenderContext
from watwerkt.render.figures import figure_name, funnel_figure, gap_map_figure, prisma_figure
from watwerkt.render.labels import certainty_label, code_label
from watwerkt.render.view import (
    CategoryView,
    ClaimView,
    DossierView,
    ExcludedView,
    Fact,
    FigureView,
    FindingView,
    GapMapView,
    GapRow,
    Link,
    PrincipleView,
    SearchView,
    SensitivityRow,
    TextSection,
    TocEntry,
)
from watwerkt.render.view_findings import finding_view, principle_view, sof_table
from watwerkt.synthesis.citation_check import CitationCheck
from watwerkt.synthesis.evidence import EvidenceBase, ReferenceStatus
from watwerkt.synthesis.findings import Synthesis
from watwerkt.synthesis.prisma import PrismaCounts, prisma_counts

__all__ = ["SECTION_FACTS", "SECTION_SUMMARY", "build_view"]

#: Author-text section ids placed as the summary, and as facts and figures.
SECTION_SUMMARY = frozenset({"samenvatting", "summary"})
SECTION_FACTS = frozenset({"feiten-en-cijfers", "facts-and-figures", "feiten", "facts"})
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def build_view(
    evidence: EvidenceBase,
    synthesis: Synthesis,
    checks: Sequence[CitationCheck],
    lang: str,
) -> DossierView:
    """Return the whole dossier as view data in ``lang`` (``"nl"`` or ``"en"``).

    Parameters
    ----------
    evidence : EvidenceBase
        From :func:`~watwerkt.synthesis.evidence.collect_evidence`, without
        problems (its dossier read).
    synthesis : Synthesis
        From :func:`~watwerkt.synthesis.findings.synthesize` on ``evidence``,
        run with ``lang`` for the certainty explanations.
    checks : sequence of CitationCheck
        From :func:`~watwerkt.synthesis.citation_check.check_claims`.
    lang : {"nl", "en"}
        Language of every heading, label and number.
    """
    dossier = evidence.dossier
    if dossier is None:
        msg = "build_view() needs an evidence base whose dossier.yaml was read"
        raise ValueError(msg)
    anchors = Anchors()
    fixed = {
        name: anchors.reserve(name)
        for name in (
            "main", "toc", "summary", "facts", "what-works", "promising", "unproven", "sof",
            "gap-map", "appendix", "prisma", "search", "excluded", "sensitivity", "claims",
            "method", "references",
        )
    }  # fmt: skip
    kept_keys = dict.fromkeys(
        r.key
        for r in evidence.audit
        if r.status in (ReferenceStatus.INCLUDED, ReferenceStatus.EXCLUDED)
        and r.key in evidence.references
    )
    study_refs: dict[str, tuple[str, ...]] = {}
    if not synthesis.effects.empty:
        for study, refs in zip(
            synthesis.effects["study"], synthesis.effects["references"], strict=True
        ):
            study_refs[str(study)] = tuple(dict.fromkeys((*study_refs.get(str(study), ()), *refs)))
    citations = Citations(
        [evidence.references[k] for k in kept_keys], evidence.studies, study_refs, anchors, lang
    )
    ctx = RenderContext(dossier, lang, anchors, citations, evidence.directory)
    counts = prisma_counts(evidence)
    counts = dataclasses.replace(
        counts,
        identified=tuple((ctx.shown_path(name), n) for name, n in counts.identified),
    )

    texts = [_text_section(ctx, t, evidence.directory) for t in dossier.texts]
    summary = next(
        (s for s, t in zip(texts, dossier.texts, strict=True) if t.section in SECTION_SUMMARY), None
    )
    facts_text = next(
        (s for s, t in zip(texts, dossier.texts, strict=True) if t.section in SECTION_FACTS), None
    )
    others = tuple(
        s
        for s, t in zip(texts, dossier.texts, strict=True)
        if t.section not in SECTION_SUMMARY | SECTION_FACTS
    )

    overall = tuple(
        finding_view(
            ctx,
            f,
            evidence.studies,
            heading=ctx.t("overall_heading", outcome=ctx.outcome_name(f.outcome)),
        )
        for f in synthesis.findings
        if f.principle is None
    )
    categories = _categories(ctx, synthesis, evidence, fixed)
    sof_rows, sof_notes = sof_table(ctx, synthesis.findings)
    gap = _gap_map(ctx, synthesis.findings)
    prisma = prisma_figure(
        counts,
        name=figure_name(anchors, "prisma"),
        caption=ctx.t("prisma.caption"),
        lang=lang,
    )
    funnels = tuple(fig for f in synthesis.findings if (fig := _funnel(ctx, f)) is not None)
    view_toc = _toc(ctx, fixed, summary, facts_text, others, overall, categories)
    title = dossier.label(lang)
    return DossierView(
        lang=lang,
        title=title,
        byline=_byline(ctx),
        toc=view_toc,
        anchors=fixed,
        summary_section=summary,
        facts_text=facts_text,
        key_facts=_key_facts(ctx, counts, synthesis.findings),
        other_texts=others,
        measure_note=ctx.t("measure_note"),
        overall=overall,
        categories=categories,
        sof=sof_rows,
        sof_footnotes=sof_notes,
        gap_map=gap,
        prisma=prisma,
        prisma_facts=_prisma_facts(ctx, counts),
        search=_search(ctx),
        excluded=_excluded(ctx, evidence),
        duplicates=_duplicates(ctx, evidence),
        sensitivity=tuple(
            row for f in synthesis.findings if (row := _sensitivity(ctx, f)) is not None
        ),
        funnels=funnels,
        claims=tuple(_claim(ctx, c) for c in checks),
        method=tuple(ctx.t(f"method.{i}") for i in range(1, 6)),
        references=citations.entries(),
        generator=ctx.t("generator", version=__version__),
    )


# ------------------------------------------------------------------ texts


def _text_section(ctx: RenderContext, text: AuthorText, folder: Path) -> TextSection:
    html = markdown_to_html(read_author_text(text, folder))
    # In Markdown output the sanitised HTML is one HTML block: no blank line may end it.
    block = _BLANK_LINES.sub("&#10;\n", str(html).strip())
    return TextSection(
        anchor=ctx.anchors.get("text", text.section),
        title=text.title or text.section,
        html=html,
        markdown=Markup(f'<div class="author-text">\n{block}\n</div>'),  # noqa: S704 - sanitised
    )


def _byline(ctx: RenderContext) -> tuple[Fact, ...]:
    d = ctx.dossier
    facts = [Fact(ctx.t("byline.theme"), d.theme.label(ctx.lang))]
    if d.authors:
        facts.append(Fact(ctx.t("byline.authors"), "; ".join(d.authors)))
    facts.append(Fact(ctx.t("byline.version"), d.version))
    if d.date is not None:
        facts.append(Fact(ctx.t("byline.date"), d.date.isoformat()))
    return tuple(facts)


def _key_facts(
    ctx: RenderContext, counts: PrismaCounts, findings: Sequence[Finding]
) -> tuple[Fact, ...]:
    lang = ctx.lang
    facts = [
        Fact(ctx.t("keyfact.references"), fmt_int(counts.identified_total, lang)),
        Fact(ctx.t("keyfact.studies"), fmt_int(counts.studies_included, lang)),
        Fact(ctx.t("keyfact.meta"), fmt_int(counts.studies_in_meta_analysis, lang)),
        Fact(ctx.t("keyfact.excluded"), fmt_int(
            counts.excluded_screening + counts.excluded_full_text, lang)),
        Fact(ctx.t("keyfact.principles"), fmt_int(len(ctx.dossier.principles), lang)),
        Fact(ctx.t("keyfact.outcomes"), fmt_int(len(ctx.dossier.outcomes), lang)),
    ]  # fmt: skip
    for f in findings:
        if f.principle is None:
            facts.append(
                Fact(
                    ctx.t("keyfact.participants", outcome=ctx.outcome_name(f.outcome)),
                    fmt_int(f.n_participants, lang),
                )
            )
    return tuple(facts)


# ------------------------------------------------------------- principles


def _categories(
    ctx: RenderContext,
    synthesis: Synthesis,
    evidence: EvidenceBase,
    fixed: dict[str, str],
) -> tuple[CategoryView, ...]:
    by_principle: dict[str, list[Finding]] = {}
    for f in synthesis.findings:
        if f.principle is not None:
            by_principle.setdefault(f.principle, []).append(f)
    grouped: dict[Category, list[PrincipleView]] = {c: [] for c in Category}
    for p in ctx.dossier.principles:
        own = by_principle.get(p.id, [])
        view = principle_view(ctx, p, own, evidence.studies, synthesis.effects)
        grouped[categorise(own)].append(view)
    anchor = {
        Category.WORKS: fixed["what-works"],
        Category.PROMISING: fixed["promising"],
        Category.UNPROVEN: fixed["unproven"],
    }
    return tuple(
        CategoryView(
            anchor=anchor[c],
            title=ctx.t(f"category.{c.value}.title"),
            rule=ctx.t(f"category.{c.value}.rule"),
            empty=ctx.t(f"category.{c.value}.empty"),
            principles=tuple(grouped[c]),
        )
        for c in Category
    )


# --------------------------------------------------------------- gap map


def _gap_map(ctx: RenderContext, findings: tuple[Finding, ...]) -> GapMapView:
    outcomes = [o.id for o in ctx.dossier.outcomes]
    cells: dict[tuple[str, str], Finding] = {
        (f.principle, f.outcome): f for f in findings if f.principle is not None
    }
    rows = []
    for p in ctx.dossier.principles:
        row = []
        for o in outcomes:
            f = cells.get((p.id, o))
            if f is None or f.n_studies == 0:
                row.append(ctx.t("gap.none"))
                continue
            level = (
                certainty_label(f.certainty.level, ctx.lang) if f.certainty else ctx.t("not_graded")
            )
            row.append(ctx.t("gap.cell", studies=f.n_studies, k=f.k, certainty=level))
        rows.append(GapRow(Link(p.label(ctx.lang), ctx.anchors.get("principle", p.id)), tuple(row)))
    figure = None
    if findings:
        figure = gap_map_figure(
            findings,
            name=figure_name(ctx.anchors, "gap-map"),
            caption=ctx.t("gap.caption"),
            principle_labels={p.id: p.label(ctx.lang) for p in ctx.dossier.principles},
            outcome_labels={o.id: o.label(ctx.lang) for o in ctx.dossier.outcomes},
            lang=ctx.lang,
        )
    return GapMapView(
        figure=figure,
        outcomes=tuple(ctx.outcome_name(o) for o in outcomes),
        rows=tuple(rows),
    )


# -------------------------------------------------------------- appendix


def _prisma_facts(ctx: RenderContext, c: PrismaCounts) -> tuple[Fact, ...]:
    lang = ctx.lang
    facts = [
        Fact(ctx.t("prisma.identified", source=name), fmt_int(n, lang)) for name, n in c.identified
    ]
    facts += [
        Fact(ctx.t("prisma.duplicates"), fmt_int(c.duplicates_removed, lang)),
        Fact(ctx.t("prisma.screened"), fmt_int(c.screened, lang)),
        Fact(ctx.t("prisma.excluded_screening"), fmt_int(c.excluded_screening, lang)),
        Fact(ctx.t("prisma.assessed"), fmt_int(c.assessed, lang)),
        Fact(ctx.t("prisma.excluded_full_text"), fmt_int(c.excluded_full_text, lang)),
        Fact(ctx.t("prisma.studies"), fmt_int(c.studies_included, lang)),
        Fact(ctx.t("prisma.reports"), fmt_int(c.reports_included, lang)),
        Fact(ctx.t("prisma.meta"), fmt_int(c.studies_in_meta_analysis, lang)),
        Fact(ctx.t("prisma.effects"), fmt_int(c.effects_in_meta_analysis, lang)),
    ]
    if c.unaccounted:
        facts.append(Fact(ctx.t("prisma.unaccounted"), fmt_int(c.unaccounted, lang)))
    return tuple(facts)


def _search(ctx: RenderContext) -> SearchView:
    scope = ctx.dossier.scope
    pico = tuple(
        Fact(ctx.t(f"search.{name}"), value)
        for name, value in (
            ("population", scope.population),
            ("interventions", scope.interventions),
            ("comparisons", scope.comparisons),
            ("outcomes", scope.outcomes),
        )
        if value
    )
    search: list[Fact] = []
    description = ""
    if scope.search is not None:
        if scope.search.databases:
            search.append(Fact(ctx.t("search.databases"), ", ".join(scope.search.databases)))
        if scope.search.date is not None:
            search.append(Fact(ctx.t("search.date"), scope.search.date.isoformat()))
        description = scope.search.description
    return SearchView(
        question=scope.question,
        pico=pico,
        inclusion=scope.inclusion_criteria,
        exclusion=scope.exclusion_criteria,
        search=tuple(search),
        description=description,
    )


def _excluded(ctx: RenderContext, evidence: EvidenceBase) -> tuple[ExcludedView, ...]:
    return tuple(
        ExcludedView(
            reference=ctx.citations.cite(r.key),
            stage=code_label("stage", r.stage or "full_text", ctx.lang),
            reason=r.reason,
        )
        for r in evidence.audit
        if r.status is ReferenceStatus.EXCLUDED
    )


def _duplicates(ctx: RenderContext, evidence: EvidenceBase) -> tuple[ExcludedView, ...]:
    out = []
    for r in evidence.audit:
        if r.status is not ReferenceStatus.DUPLICATE:
            continue
        kept = ctx.citations.cite(r.duplicate_of)
        library = ctx.shown_path(r.library)
        where = f"{library}:{r.line}" if r.line else library
        out.append(
            ExcludedView(
                reference=Link(f"{r.key} ({where})", kept.anchor),
                stage=ctx.t("duplicate.stage"),
                reason=ctx.t("duplicate.reason", kept=kept.text, rules=r.reason),
            )
        )
    return tuple(out)


def _sensitivity(ctx: RenderContext, f: Finding) -> SensitivityRow | None:
    s = f.sensitivity
    if s is None or f.estimate is None:
        return None
    key = f"{f.principle or '*'}/{f.outcome}"
    low = (
        ctx.t(
            "sensitivity.low_rob_value",
            k=s.low_rob_k,
            effect=ctx.effect(s.low_rob_estimate, s.low_rob_ci_lower, s.low_rob_ci_upper),
        )
        if s.low_rob_estimate is not None
        else MISSING
    )
    trim = (
        ctx.t("sensitivity.trim_fill_value", k0=s.trim_fill_k0,
              estimate=ctx.number(s.trim_fill_estimate))
        if s.trim_fill_k0 is not None
        else MISSING
    )  # fmt: skip
    return SensitivityRow(
        finding=Link(
            ctx.t(
                "cell",
                principle=ctx.principle_name(f.principle),
                outcome=ctx.outcome_name(f.outcome),
            ),
            ctx.anchors.get("finding", key),
        ),
        estimate=ctx.effect(f.estimate, f.ci_lower, f.ci_upper),
        loo=ctx.interval(s.loo_min, s.loo_max),
        low_rob=low,
        egger=fmt_pvalue(s.egger_pvalue, ctx.lang),
        trim_fill=trim,
        notes="; ".join(code_label("sensitivity_note", n, ctx.lang) for n in s.notes),
    )


def _funnel(ctx: RenderContext, f: Finding) -> FigureView | None:
    scale = ctx.scale(f)
    cell = ctx.t(
        "cell", principle=ctx.principle_name(f.principle), outcome=ctx.outcome_name(f.outcome)
    )
    return funnel_figure(
        f,
        name=figure_name(ctx.anchors, "funnel", f.principle or "alle", f.outcome),
        title=ctx.t("funnel.title", cell=cell),
        caption=ctx.t("funnel.caption"),
        effect_label=ctx.axis_label(scale),
        lang=ctx.lang,
        filled_label=ctx.t("funnel.filled_centre"),
    )


def _claim(ctx: RenderContext, c: CitationCheck) -> ClaimView:
    return ClaimView(
        statement=c.claim.statement,
        cell=ctx.t(
            "cell",
            principle=ctx.principle_name(c.claim.principle),
            outcome=ctx.outcome_name(c.claim.outcome),
        ),
        cited=tuple(ctx.citations.cite(k) for k in c.claim.references),
        cited_effect=ctx.t(
            "claims.effect",
            effect=ctx.effect(c.cited_estimate, c.cited_ci_lower, c.cited_ci_upper),
            k=c.k_cited,
        ),
        all_effect=ctx.t(
            "claims.effect",
            effect=ctx.effect(c.all_estimate, c.all_ci_lower, c.all_ci_upper),
            k=c.k_all,
        ),
        differs=c.differs,
        verdict=ctx.t("claims.warning") if c.differs else ctx.t("claims.ok"),
        reasons=tuple(
            code_label(
                "claim_reason",
                r,
                ctx.lang,
                tolerance=fmt_number(c.size_tolerance, ctx.lang),
            )
            for r in c.reasons
        ),
        left_out=tuple(link for s in c.left_out for link in ctx.citations.cite_study(s)),
    )


# ------------------------------------------------------------------- toc


def _toc(
    ctx: RenderContext,
    fixed: dict[str, str],
    summary: TextSection | None,
    facts_text: TextSection | None,
    others: tuple[TextSection, ...],
    overall: tuple[FindingView, ...],
    categories: tuple[CategoryView, ...],
) -> tuple[TocEntry, ...]:
    del summary, facts_text  # both sections are always there (with a note when empty)
    entries = [
        TocEntry(ctx.t("section.summary"), fixed["summary"]),
        TocEntry(ctx.t("section.facts"), fixed["facts"]),
    ]
    entries += [TocEntry(s.title, s.anchor) for s in others]
    for category in categories:
        children: tuple[TocEntry, ...] = tuple(
            TocEntry(p.name, p.anchor) for p in category.principles
        )
        if category.anchor == fixed["what-works"]:
            children = tuple(TocEntry(f.heading, f.anchor) for f in overall) + children
        entries.append(TocEntry(category.title, category.anchor, children))
    entries += [
        TocEntry(ctx.t("section.sof"), fixed["sof"]),
        TocEntry(ctx.t("section.gap_map"), fixed["gap-map"]),
        TocEntry(
            ctx.t("section.appendix"),
            fixed["appendix"],
            tuple(
                TocEntry(ctx.t(f"section.{name.replace('-', '_')}"), fixed[name])
                for name in ("prisma", "search", "excluded", "sensitivity", "claims", "method")
            ),
        ),
        TocEntry(ctx.t("section.references"), fixed["references"]),
    ]
    return tuple(entries)
