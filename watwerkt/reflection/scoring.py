"""Score a practice: the profile of coverage, gaps and QuickScan level.

The rules are documented in :mod:`watwerkt.reflection.rules`; their
parameters are read from the tool's ``scoring`` block, exactly as the
JavaScript of the HTML form (``templates/form.js``) reads them, so the two
scorers compute the same profile (a browser test checks this).

Arithmetic is done in the same order in both: integer sum of the answered
values, divided by their number, divided by the scale maximum, times 100.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from watwerkt.reflection.answers import split_answers
from watwerkt.reflection.model import (
    BlockScore,
    PrincipleScore,
    Profile,
    QuickScanBlock,
    QuickScanScore,
    ReflectionItem,
    ReflectionTool,
    ToolPrinciple,
    ToolRef,
)
from watwerkt.reflection.rules import TEXT_WHITESPACE

__all__ = ["score"]

Answer = int | str


def score(
    tool: ReflectionTool,
    answers: Mapping[str, Answer],
    *,
    answers_tool: ToolRef | None = None,
    unknown: Mapping[str, Any] | None = None,
    invalid: Mapping[str, Any] | None = None,
) -> Profile:
    """Return the profile of ``answers`` (answers by item id) on ``tool``.

    ``answers`` may hold anything an answers file holds: it is split with
    :func:`~watwerkt.reflection.answers.split_answers`, exactly as the form
    does, so an unknown item id or an invalid value is never scored. The
    ``unknown`` and ``invalid`` answers :func:`~watwerkt.reflection.answers.check_answers`
    set aside are added to those; all are kept on the profile and counted,
    never dropped. ``answers_tool`` is the tool the answers were given with
    (the ``tool`` block of the file; None when it had none).

    Examples
    --------
    Hand-computed on a tool with two closed items per principle: answers 3
    and 1 give mean 2, coverage 2 / 3 × 100 = 66.7 %, not a gap (2 is not
    below *grotendeels*).

    >>> from watwerkt.model import Dossier
    >>> from watwerkt.reflection.generate import generate_tool
    >>> dossier = Dossier.model_validate({
    ...     "id": "x", "title": "X", "theme": {"id": "t", "name": "T"},
    ...     "scope": {"question": "?", "inclusion_criteria": ["any"]},
    ...     "outcomes": [{"id": "o", "name": "O", "desired_direction": "increase"}],
    ...     "principles": [{"id": "a", "name": "A"}], "libraries": ["x.bib"]})
    >>> tool = generate_tool(dossier, [])
    >>> p = score(tool, {"a.toepassing": 3, "a.bewust": 1}).principles[0]
    >>> (p.mean, round(p.coverage, 1), p.gap, p.status)
    (2.0, 66.7, False, 'answered')
    """
    valid, found_unknown, found_invalid = split_answers(answers, tool)
    unknown_all = {**found_unknown, **dict(unknown or {})}
    invalid_all = {**found_invalid, **dict(invalid or {})}
    rules = tool.scoring
    principles = tuple(_principle(tool, p, valid, invalid_all) for p in tool.principles)
    order = {p.id: i for i, p in enumerate(principles)}

    def strength(p: PrincipleScore) -> int:
        return rules.certainty_order.index(p.certainty.value if p.certainty else None)

    gaps = sorted(
        (p for p in principles if p.gap),
        key=lambda p: (strength(p), p.coverage if p.coverage is not None else 0.0, order[p.id]),
    )
    quickscan = _quickscan(tool, valid, invalid_all)
    n_missing = sum(p.n_missing for p in principles) + sum(b.n_missing for b in quickscan.blocks)
    ref = answers_tool
    foreign = ref is None or (ref.id, ref.version, ref.hash) != (tool.id, tool.version, tool.hash)
    return Profile(
        tool=tool.ref(),
        answers_tool=answers_tool,
        principles=principles,
        gaps=tuple(p.id for p in gaps),
        unanswered=tuple(p.id for p in principles if p.status == "unanswered"),
        quickscan=quickscan,
        unknown_answers=unknown_all,
        invalid_answers=invalid_all,
        n_missing=n_missing,
        n_invalid=len(invalid_all),
        n_unknown=len(unknown_all),
        partial=bool(n_missing or invalid_all or unknown_all or foreign),
    )


def _mean(tool: ReflectionTool, values: list[int]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    mean = sum(values) / len(values)
    return mean, mean / tool.scoring.scale_values[-1] * 100


def _principle(
    tool: ReflectionTool,
    principle: ToolPrinciple,
    answers: Mapping[str, Answer],
    invalid: Mapping[str, Any],
) -> PrincipleScore:
    na = tool.scoring.not_applicable
    closed = [i for i in principle.items if i.kind == "closed"]
    values: list[int] = []
    n_na = n_missing = n_invalid = 0
    for item in closed:
        answer = answers.get(item.id)
        if item.id in invalid:
            n_invalid += 1
        elif answer == na:
            n_na += 1
        elif isinstance(answer, int):
            values.append(answer)
        else:
            n_missing += 1
    mean, coverage = _mean(tool, values)
    if values:
        status = "answered" if n_missing == 0 and n_invalid == 0 else "partial"
    elif closed and n_na == len(closed):
        status = "not_applicable"
    else:
        status = "unanswered"
    return PrincipleScore(
        id=principle.id,
        name=principle.name,
        certainty=principle.evidence.certainty,
        mean=mean,
        coverage=coverage,
        n_items=len(closed),
        n_answered=len(values),
        n_not_applicable=n_na,
        n_missing=n_missing,
        n_invalid=n_invalid,
        status=status,
        gap=mean is not None and mean < tool.scoring.gap_below,
        practice=_texts(principle.items, "open", answers),
        needs=_texts(principle.items, "need", answers),
        suggestions=principle.suggestions,
    )


def _texts(
    items: tuple[ReflectionItem, ...], kind: str, answers: Mapping[str, Answer]
) -> tuple[str, ...]:
    found = []
    for item in items:
        answer = answers.get(item.id)
        if item.kind == kind and isinstance(answer, str) and answer.strip(TEXT_WHITESPACE):
            found.append(answer)
    return tuple(found)


def _rank(item: ReflectionItem, answer: Answer | None) -> int | None:
    for option in item.options:
        if option.value == answer:
            return option.rank
    return None


def _block(
    tool: ReflectionTool,
    block: QuickScanBlock,
    answers: Mapping[str, Answer],
    invalid: Mapping[str, Any],
) -> BlockScore:
    at = tool.scoring.block_met_at
    values: list[int] = []
    n_answered = n_invalid = 0
    met = True
    for item in block.items:
        answer = answers.get(item.id)
        if item.id in invalid:
            n_invalid += 1
            met = False
        elif item.kind == "closed":
            if isinstance(answer, int):
                values.append(answer)
                n_answered += 1
            met = met and isinstance(answer, int) and answer >= at
        elif item.kind == "choice":
            rank = _rank(item, answer)
            if rank is not None:
                n_answered += 1
            met = met and rank is not None and rank >= 1
    mean, coverage = _mean(tool, values)
    return BlockScore(
        id=block.id,
        name=block.name,
        mean=mean,
        coverage=coverage,
        n_items=len(block.items),
        n_answered=n_answered,
        n_missing=len(block.items) - n_answered - n_invalid,
        n_invalid=n_invalid,
        met=met and bool(block.items),
    )


def _quickscan(
    tool: ReflectionTool, answers: Mapping[str, Answer], invalid: Mapping[str, Any]
) -> QuickScanScore:
    qs = tool.quickscan
    blocks = tuple(_block(tool, b, answers, invalid) for b in qs.blocks)
    met = {b.id: b.met for b in blocks}
    evidence_item = tool.items()[qs.evidence_item]
    answer = answers.get(qs.evidence_item)
    rank = _rank(evidence_item, answer)
    level = None
    for rule in qs.levels:
        enough = rule.min_evidence_rank is None or (
            rank is not None and rank >= rule.min_evidence_rank
        )
        if not (enough and all(met[b] for b in rule.blocks)):
            break
        level = rule.level
    return QuickScanScore(
        blocks=blocks, evidence=str(answer) if rank is not None else None, level=level
    )
