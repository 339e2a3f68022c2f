"""The view model: everything a dossier template prints, as plain, already formatted data.

:func:`watwerkt.render.view_builder.build_view` fills these frozen dataclasses
from the dossier, its synthesis and its audit, in one language. Numbers are
formatted strings (:mod:`watwerkt.numbers`), codes are labels
(:mod:`watwerkt.render.labels`), anchors are unique and safe
(:mod:`watwerkt.render.anchors`), so the HTML and Markdown templates only
loop and print, with no logic of their own.

Text fields are plain ``str`` (untrusted, escaped by the template
environment); only fields typed :class:`~markupsafe.Markup` carry markup,
each built by code that escaped or sanitised its parts (APA entries,
sanitised author texts, SVG figures).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from markupsafe import Markup

__all__ = [
    "CategoryView",
    "CertaintyView",
    "ClaimView",
    "ContrastView",
    "DossierView",
    "ExcludedView",
    "Fact",
    "FigureView",
    "FindingView",
    "Footnote",
    "GapMapView",
    "GapRow",
    "Link",
    "PrincipleView",
    "ReasonView",
    "ReferenceView",
    "SearchView",
    "SensitivityRow",
    "SofRow",
    "StudyRow",
    "TextSection",
    "TocEntry",
    "UnusedRowView",
]


@dataclass(frozen=True, slots=True)
class Link:
    """An in-page link: the text shown and the anchor (without ``#``) it points to."""

    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A label and its value, e.g. ``("Studies", "58")``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class FigureView:
    """One figure: inline SVG for HTML, a file ``figures/<name>.svg`` for Markdown."""

    name: str
    anchor: str
    svg: Markup
    alt: str
    title: str
    caption: str


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of the table of contents, with the entries below it."""

    text: str
    anchor: str
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class TextSection:
    """An author text: sanitised HTML, and the same as a Markdown-safe block."""

    anchor: str
    title: str
    html: Markup
    markdown: Markup


@dataclass(frozen=True, slots=True)
class ReasonView:
    """One GRADE judgement: domain, levels moved (as words) and why."""

    domain: str
    change: str
    explanation: str
    downgrade: bool


@dataclass(frozen=True, slots=True)
class CertaintyView:
    """GRADE certainty of a finding: level code (for styling), words, symbols, reasons."""

    level: str
    label: str
    symbols: str
    starting: str
    reasons: tuple[ReasonView, ...]


@dataclass(frozen=True, slots=True)
class ContrastView:
    """Interventions with versus without the principle, for one outcome."""

    sentence: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True, slots=True)
class StudyRow:
    """One pooled effect size of a finding, with the references of its study."""

    study: str
    citations: tuple[Link, ...]
    design: str
    n: str
    effect: str
    weight: str


@dataclass(frozen=True, slots=True)
class UnusedRowView:
    """A coded row of the finding without an effect size, and why."""

    study: str
    citations: tuple[Link, ...]
    row: str
    reason: str


@dataclass(frozen=True, slots=True)
class FindingView:
    """Everything the dossier shows about one principle (or all) × one outcome."""

    anchor: str
    heading: str
    outcome: str
    conclusion: str
    certainty: CertaintyView | None
    facts: tuple[Fact, ...]
    contrast: ContrastView | None
    notes: tuple[str, ...]
    forest: FigureView | None
    studies: tuple[StudyRow, ...]
    unused: tuple[UnusedRowView, ...]
    studies_anchor: str


@dataclass(frozen=True, slots=True)
class PrincipleView:
    """A working principle with its description and a finding per outcome."""

    anchor: str
    name: str
    description: str
    mechanism: str
    examples: tuple[str, ...]
    target_groups: tuple[str, ...]
    findings: tuple[FindingView, ...]


@dataclass(frozen=True, slots=True)
class CategoryView:
    """A section of principles: what works, promising, no evidence of an effect."""

    anchor: str
    title: str
    rule: str
    empty: str
    principles: tuple[PrincipleView, ...]


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered footnote of the summary-of-findings table."""

    anchor: str
    marker: str
    text: str


@dataclass(frozen=True, slots=True)
class SofRow:
    """One row of the GRADE summary-of-findings table."""

    finding: Link
    outcome: str
    k: str
    participants: str
    effect: str
    ratio: str
    certainty: str
    symbols: str
    level: str
    footnotes: tuple[Link, ...]
    statement: str


@dataclass(frozen=True, slots=True)
class GapRow:
    """A principle of the evidence gap map and its cells (one per outcome)."""

    principle: Link
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GapMapView:
    """The evidence gap map: figure plus the same data as a table."""

    figure: FigureView | None
    outcomes: tuple[str, ...]
    rows: tuple[GapRow, ...]


@dataclass(frozen=True, slots=True)
class SearchView:
    """Review question, PICO, selection criteria and the search."""

    question: str
    pico: tuple[Fact, ...]
    inclusion: tuple[str, ...]
    exclusion: tuple[str, ...]
    search: tuple[Fact, ...]
    description: str


@dataclass(frozen=True, slots=True)
class ExcludedView:
    """An excluded (or duplicate) reference, where it was excluded, and why."""

    reference: Link
    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """Sensitivity analyses of one finding."""

    finding: Link
    estimate: str
    loo: str
    low_rob: str
    egger: str
    trim_fill: str
    notes: str


@dataclass(frozen=True, slots=True)
class ClaimView:
    """An author's claim, checked against all studies."""

    statement: str
    cell: str
    cited: tuple[Link, ...]
    cited_effect: str
    all_effect: str
    differs: bool
    verdict: str
    reasons: tuple[str, ...]
    left_out: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """One entry of the APA 7 reference list, with its anchor."""

    anchor: str
    key: str
    html: Markup
    markdown: Markup


@dataclass(frozen=True, slots=True)
class DossierView:
    """The whole dossier in one language, ready for the HTML and Markdown templates."""

    lang: str
    title: str
    byline: tuple[Fact, ...]
    toc: tuple[TocEntry, ...]
    anchors: dict[str, str]
    summary_section: TextSection | None
    facts_text: TextSection | None
    key_facts: tuple[Fact, ...]
    other_texts: tuple[TextSection, ...]
    measure_note: str
    overall: tuple[FindingView, ...]
    categories: tuple[CategoryView, ...]
    sof: tuple[SofRow, ...]
    sof_footnotes: tuple[Footnote, ...]
    gap_map: GapMapView
    prisma: FigureView | None
    prisma_facts: tuple[Fact, ...]
    search: SearchView
    excluded: tuple[ExcludedView, ...]
    duplicates: tuple[ExcludedView, ...]
    sensitivity: tuple[SensitivityRow, ...]
    funnels: tuple[FigureView, ...]
    claims: tuple[ClaimView, ...]
    method: tuple[str, ...]
    references: tuple[ReferenceView, ...]
    generator: str

    def figures(self) -> tuple[FigureView, ...]:
        """Return every figure of the dossier, in document order."""
        out: list[FigureView] = [f.forest for f in self.overall if f.forest]
        for category in self.categories:
            for p in category.principles:
                out.extend(f.forest for f in p.findings if f.forest)
        if self.gap_map.figure:
            out.append(self.gap_map.figure)
        if self.prisma:
            out.append(self.prisma)
        out.extend(self.funnels)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """Return the view as plain data (markup as strings), for debugging and tests."""
        return asdict(self)

    def summary(self) -> str:
        """Return a one-line description: title, language and how much it holds."""
        principles = sum(len(c.principles) for c in self.categories)
        return (
            f"{self.title} [{self.lang}]: {principles} principles, "
            f"{len(self.figures())} figures, {len(self.references)} references"
        )
