"""Generate a reflection tool from a dossier and its findings.

Per principle (in dossier order) the tool holds

- a short explanation (the author's ``reflection`` explanation, or the
  principle's description) and the mechanism ("why it would work");
- the evidence in one line: per outcome with studies, the GRADE certainty
  and the conclusion sentence of the finding (:class:`~watwerkt.model.Finding`);
  without any synthesised study it says so, and claims nothing;
- the items: the standard ones (:data:`watwerkt.model.reflection_config.STANDARD_ITEMS`)
  with the author's replacements, minus those left out, plus the author's
  own; closed items first, then open, then need (stable within a kind);
- the author's suggestions for the report.

The result depends only on its inputs (no clock, no randomness, no set
order), so a committed tool can be regenerated and compared byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from watwerkt.errors import DossierConfigError
from watwerkt.messages import message
from watwerkt.model import (
    CertaintyLevel,
    Dossier,
    Finding,
    ItemKind,
    Principle,
    ReflectionPrincipleConfig,
)
from watwerkt.model.reflection_config import STANDARD_ITEMS
from watwerkt.reflection import rules
from watwerkt.reflection.model import (
    Evidence,
    EvidenceLine,
    ReflectionItem,
    ReflectionTool,
    Scale,
    ScaleOption,
    ScoringRules,
    ToolPrinciple,
)
from watwerkt.reflection.quickscan import build_quickscan
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import synthesize

__all__ = ["evidence_for", "generate_tool", "tool_from_directory"]

_KIND_ORDER = (ItemKind.CLOSED, ItemKind.OPEN, ItemKind.NEED)


def generate_tool(
    dossier: Dossier, findings: Iterable[Finding], lang: str = "nl"
) -> ReflectionTool:
    """Return the reflection tool of ``dossier`` in ``lang``, with its content hash set.

    Parameters
    ----------
    dossier : Dossier
        The dossier, with its optional ``reflection`` section.
    findings : iterable of Finding
        Its findings (:func:`watwerkt.synthesis.findings.synthesize`); only
        those of a principle are used.
    lang : {"nl", "en"}
        Language of the tool's own texts (the dossier's texts stay as written).
    """
    by_principle: dict[str, list[Finding]] = {}
    for f in findings:
        if f.principle is not None:
            by_principle.setdefault(f.principle, []).append(f)
    configs = {
        c.principle: c for c in (dossier.reflection.principles if dossier.reflection else ())
    }
    principles = tuple(
        _principle(dossier, p, by_principle.get(p.id, []), configs.get(p.id), lang)
        for p in dossier.principles
    )
    title = dossier.label(lang)
    tool = ReflectionTool(
        id=dossier.id,
        version=dossier.version,
        lang="en" if lang == "en" else "nl",
        title=message("reflect.tool.title", lang, title=title),
        dossier_title=title,
        introduction=dossier.reflection.introduction if dossier.reflection else "",
        scale=Scale(
            options=tuple(
                ScaleOption(value=v, label=message(f"reflect.scale.{v}", lang))
                for v in rules.SCALE_VALUES
            ),
            not_applicable=rules.NOT_APPLICABLE,
            not_applicable_label=message("reflect.scale.na", lang),
        ),
        principles=principles,
        quickscan=build_quickscan(lang),
        scoring=ScoringRules(
            scale_values=rules.SCALE_VALUES,
            not_applicable=rules.NOT_APPLICABLE,
            gap_below=rules.GAP_BELOW,
            block_met_at=rules.BLOCK_MET_AT,
            certainty_order=rules.CERTAINTY_ORDER,
        ),
    )
    return tool.with_hash()


def _principle(
    dossier: Dossier,
    principle: Principle,
    findings: Sequence[Finding],
    config: ReflectionPrincipleConfig | None,
    lang: str,
) -> ToolPrinciple:
    texts = principle.in_language(lang)
    explanation = (config.explanation if config else "") or texts.description
    return ToolPrinciple(
        id=principle.id,
        name=texts.name,
        explanation=explanation,
        mechanism=texts.mechanism,
        evidence=evidence_for(dossier, findings, lang),
        items=_items(principle.id, config, lang),
        # the author's suggestions; without them the principle's own practice examples
        # from the dossier, so every gap in the report comes with something concrete to do
        suggestions=(config.suggestions if config else ()) or texts.examples,
    )


def _items(
    principle_id: str, config: ReflectionPrincipleConfig | None, lang: str
) -> tuple[ReflectionItem, ...]:
    left_out = {s.value for s in config.leave_out} if config else set()
    replaced = {i.id: i.text for i in config.items} if config else {}
    items: list[tuple[ItemKind, str, str]] = [
        (kind, std.value, replaced.get(std.value, message(f"reflect.item.{std.value}", lang)))
        for std, kind in STANDARD_ITEMS.items()
        if std.value not in left_out
    ]
    standard = {s.value for s in STANDARD_ITEMS}
    for extra in config.items if config else ():
        if extra.id not in standard and extra.kind is not None:
            items.append((extra.kind, extra.id, extra.text))
    items.sort(key=lambda item: _KIND_ORDER.index(item[0]))  # stable: keeps the order within a kind
    return tuple(
        ReflectionItem(id=f"{principle_id}.{item_id}", kind=kind.value, text=text)
        for kind, item_id, text in items
    )


def evidence_for(dossier: Dossier, findings: Sequence[Finding], lang: str) -> Evidence:
    """Return the evidence line of a principle from its findings (one per outcome).

    Outcomes without any study are left out of the line; with no study at
    all the line says that the dossier holds no synthesised studies for it.
    """
    lines: list[EvidenceLine] = []
    parts: list[str] = []
    for f in findings:
        if f.n_studies == 0:
            continue
        certainty = f.certainty.level if f.certainty else None
        conclusion = (
            "" if f.conclusion is None else (f.conclusion.en if lang == "en" else f.conclusion.nl)
        )
        outcome_name = dossier.outcome(f.outcome).label(lang)
        lines.append(
            EvidenceLine(
                outcome=f.outcome,
                outcome_name=outcome_name,
                k=f.k,
                certainty=certainty,
                conclusion=conclusion,
            )
        )
        level = message(f"reflect.certainty.{certainty.value if certainty else 'none'}", lang)
        parts.append(
            message(
                "reflect.evidence.line",
                lang,
                outcome=outcome_name,
                certainty=level,
                conclusion=conclusion,
            )
        )
    if not lines:
        return Evidence(text=message("reflect.evidence.none", lang))
    graded = [line.certainty.value for line in lines if line.certainty is not None]
    best = min(graded, key=rules.CERTAINTY_ORDER.index) if graded else None
    return Evidence(
        text=" ".join(parts),
        certainty=None if best is None else CertaintyLevel(best),
        lines=tuple(lines),
    )


def tool_from_directory(directory: Path, lang: str = "nl") -> ReflectionTool:
    """Read and synthesise the dossier in ``directory`` and return its reflection tool.

    Raises DossierConfigError listing every problem when the dossier (or a
    file it names) is invalid, as ``watwerkt check`` reports them.
    """
    evidence = collect_evidence(directory)
    if evidence.problems:
        raise DossierConfigError(evidence.problems)
    assert evidence.dossier is not None  # read without problems  # noqa: S101
    synthesis = synthesize(evidence, lang=lang)
    return generate_tool(evidence.dossier, synthesis.findings, lang)
