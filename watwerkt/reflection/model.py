"""The data of a reflection tool, an answers file and a profile (frozen pydantic models).

:class:`ReflectionTool` is the questionnaire definition, written as
``questionnaire.json`` and embedded in the HTML form. :class:`AnswersFile` is
what the form exports. :class:`Profile` is what scoring makes of the two.
Their JSON Schemas (:mod:`watwerkt.reflection.schema`) come from these models.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from watwerkt.messages import message
from watwerkt.model import CertaintyLevel, RecognitionLevel

__all__ = [
    "ANSWERS_FORMAT",
    "TOOL_FORMAT",
    "AnswersFile",
    "BlockScore",
    "ChoiceOption",
    "Evidence",
    "EvidenceLine",
    "LevelRule",
    "PrincipleScore",
    "Profile",
    "QuickScan",
    "QuickScanBlock",
    "QuickScanScore",
    "ReflectionItem",
    "ReflectionTool",
    "Scale",
    "ScaleOption",
    "ScoringRules",
    "ToolPrinciple",
    "ToolRef",
    "canonical_json",
]

#: ``format`` of questionnaire.json and of an answers file.
TOOL_FORMAT: Final = "watwerkt-reflection-tool"
ANSWERS_FORMAT: Final = "watwerkt-reflection-answers"

ItemKindName = Literal["closed", "open", "need", "choice"]
Lang = Literal["nl", "en"]


class _Frozen(BaseModel):
    """Immutable, strict-keyed base (an unknown key is an error, never ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (enums as their values)."""
        return self.model_dump(mode="json")


def canonical_json(data: Any) -> str:
    """Return ``data`` as canonical JSON: sorted keys, no spaces, UTF-8 kept.

    >>> canonical_json({"b": 1, "a": [1, "é"]})
    '{"a":[1,"é"],"b":1}'
    """
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class ScaleOption(_Frozen):
    """One labelled point of the scale of closed items."""

    value: int
    label: str


class Scale(_Frozen):
    """The labelled scale of closed items, plus the 'not applicable' answer."""

    options: tuple[ScaleOption, ...]
    not_applicable: str
    not_applicable_label: str


class ChoiceOption(_Frozen):
    """One option of a choice item; ``rank`` orders them (0 = weakest)."""

    value: str
    label: str
    rank: int = Field(ge=0)


class ReflectionItem(_Frozen):
    """One question. ``id`` is ``<principle or block id>.<item id>``, stable across versions."""

    id: str
    kind: ItemKindName
    text: str
    options: tuple[ChoiceOption, ...] = Field(default=(), description="Only for 'choice' items.")
    allow_na: bool = Field(default=True, description="A closed item may be 'not applicable'.")


class EvidenceLine(_Frozen):
    """What the findings say about a principle for one outcome."""

    outcome: str
    outcome_name: str
    k: int = Field(ge=0, description="Effect sizes pooled.")
    certainty: CertaintyLevel | None = None
    conclusion: str = ""


class Evidence(_Frozen):
    """The evidence behind a principle: one sentence, its parts, and its strength."""

    text: str = Field(description="The evidence in one line, as shown in the tool.")
    certainty: CertaintyLevel | None = Field(
        default=None, description="Highest certainty over the findings with pooled studies."
    )
    lines: tuple[EvidenceLine, ...] = ()


class ToolPrinciple(_Frozen):
    """The part of the tool about one working principle."""

    id: str
    name: str
    explanation: str
    mechanism: str = Field(default="", description="Why it would work, from the dossier.")
    evidence: Evidence
    items: tuple[ReflectionItem, ...]
    suggestions: tuple[str, ...] = ()


class QuickScanBlock(_Frozen):
    """One building block of an effective intervention, with its items."""

    id: str
    name: str
    description: str
    items: tuple[ReflectionItem, ...]


class LevelRule(_Frozen):
    """A recognition level is indicated when these blocks are met (and the evidence is enough)."""

    level: RecognitionLevel
    blocks: tuple[str, ...]
    min_evidence_rank: int | None = Field(
        default=None, description="Lowest rank of the evidence choice that this level needs."
    )
    source: str = Field(description="Which criterion this rule follows.")


class QuickScan(_Frozen):
    """The five building blocks and how they map to the Dutch recognition levels."""

    title: str
    introduction: str
    blocks: tuple[QuickScanBlock, ...]
    evidence_item: str = Field(description="Id of the choice item about effect studies.")
    levels: tuple[LevelRule, ...] = Field(description="Lowest level first.")
    level_names: dict[str, str] = Field(description="Display name of each level.")


class ScoringRules(_Frozen):
    """The parameters of the scoring rules (see :mod:`watwerkt.reflection.rules`)."""

    scale_values: tuple[int, ...]
    not_applicable: str
    gap_below: int
    block_met_at: int
    certainty_order: tuple[str | None, ...]


class ToolRef(_Frozen):
    """Which tool (id, version, content hash, language) an answers file belongs to."""

    id: StrictStr
    version: StrictStr
    hash: StrictStr
    lang: Lang = "nl"


class ReflectionTool(_Frozen):
    """A questionnaire that holds one practice against the principles of a dossier.

    ``hash`` is the SHA-256 of the canonical JSON of everything else
    (:meth:`content_hash`), so an answers file can tell whether it was made
    with exactly this questionnaire.
    """

    format: Literal["watwerkt-reflection-tool"] = "watwerkt-reflection-tool"
    format_version: Literal[1] = 1
    id: str
    version: str
    lang: Lang
    title: str
    dossier_title: str
    introduction: str = ""
    scale: Scale
    principles: tuple[ToolPrinciple, ...]
    quickscan: QuickScan
    scoring: ScoringRules
    hash: str = ""

    def content_hash(self) -> str:
        """Return ``sha256:<hex>`` of the canonical JSON of the tool without ``hash``."""
        data = self.to_dict()
        data.pop("hash")
        return "sha256:" + hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()

    def with_hash(self) -> ReflectionTool:
        """Return a copy with ``hash`` set to :meth:`content_hash`."""
        return self.model_copy(update={"hash": self.content_hash()})

    def ref(self) -> ToolRef:
        """Return the reference an answers file carries."""
        return ToolRef(id=self.id, version=self.version, hash=self.hash, lang=self.lang)

    def items(self) -> dict[str, ReflectionItem]:
        """Return every item (principles, then QuickScan) by id."""
        found = {i.id: i for p in self.principles for i in p.items}
        found.update({i.id: i for b in self.quickscan.blocks for i in b.items})
        return found


class AnswersFile(_Frozen):
    """An answers file as the HTML form exports it.

    ``answers`` maps item ids to a scale value (0–3) or ``"na"`` for closed
    items, a text for open and need items, an option value for choice items.
    """

    format: Literal["watwerkt-reflection-answers"] = "watwerkt-reflection-answers"
    format_version: Literal[1] = 1
    tool: ToolRef
    saved: str | None = Field(default=None, description="When it was exported (ISO 8601).")
    answers: dict[str, StrictInt | StrictStr] = Field(default_factory=dict)


class PrincipleScore(_Frozen):
    """How far a practice applies one principle (see the rules in :mod:`.rules`)."""

    id: str
    name: str
    certainty: CertaintyLevel | None
    mean: float | None
    coverage: float | None = Field(description="Mean as a percentage of the scale maximum.")
    n_items: int
    n_answered: int
    n_not_applicable: int
    n_missing: int
    n_invalid: int = 0
    status: Literal["answered", "partial", "unanswered", "not_applicable"]
    gap: bool
    practice: tuple[str, ...] = Field(default=(), description="Open answers, in item order.")
    needs: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()


class BlockScore(_Frozen):
    """How far one QuickScan building block is in place."""

    id: str
    name: str
    mean: float | None
    coverage: float | None
    n_items: int
    n_answered: int
    n_missing: int
    n_invalid: int = 0
    met: bool


class QuickScanScore(_Frozen):
    """The building blocks and the recognition level they indicate (not a recognition)."""

    blocks: tuple[BlockScore, ...]
    evidence: str | None
    level: RecognitionLevel | None


class Profile(_Frozen):
    """A practice held against the principles: coverage, gaps and the QuickScan.

    ``gaps`` and ``unanswered`` hold principle ids in report order;
    ``unknown_answers`` keeps answers whose item id the tool does not know,
    and ``invalid_answers`` values that are not a valid answer: nothing
    in the file is lost. ``partial`` says the profile rests on an incomplete
    or foreign set of answers (see :mod:`watwerkt.reflection.rules`).
    The HTML form computes every field of this model too (a browser test
    compares the whole of :meth:`to_dict`).
    """

    tool: ToolRef
    answers_tool: ToolRef | None = None
    principles: tuple[PrincipleScore, ...]
    gaps: tuple[str, ...]
    unanswered: tuple[str, ...]
    quickscan: QuickScanScore
    unknown_answers: dict[str, Any] = Field(default_factory=dict)
    invalid_answers: dict[str, Any] = Field(default_factory=dict)
    n_missing: int = Field(default=0, description="Closed and choice items without an answer.")
    n_invalid: int = Field(default=0, description="Answers that are not a valid value.")
    n_unknown: int = Field(default=0, description="Answers to item ids the tool does not know.")
    partial: bool = Field(default=False, description="Missing, invalid, unknown or foreign.")

    def summary(self, lang: str | None = None) -> str:
        """Return one plain line per principle (coverage, gap), the QuickScan level, gaps."""
        from watwerkt.reflection.chart import percent  # chart imports this module

        lines = [
            message(
                "reflect.summary.principle",
                lang,
                id=p.id,
                coverage=percent(p.coverage),
                answered=p.n_answered,
                items=p.n_items,
                gap=message("reflect.summary.gap", lang) if p.gap else "",
            )
            for p in self.principles
        ]
        level = self.quickscan.level
        key = f"reflect.level.{level.value}" if level else "reflect.summary.no_level"
        shown = message(key, lang)
        lines.append(message("reflect.summary.quickscan", lang, level=shown))
        if self.partial:
            lines.append(
                message(
                    "reflect.summary.partial",
                    lang,
                    missing=self.n_missing,
                    invalid=self.n_invalid,
                    unknown=self.n_unknown,
                )
            )
        return "\n".join(lines)
