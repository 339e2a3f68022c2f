"""The QuickScan: five building blocks of an effective intervention, mapped to recognition levels.

The Dutch recognition system for interventions (Erkenningscommissie
Interventies, run by Movisie, NJi, RIVM Centrum Gezond Leven, Trimbos and
partners) judges an intervention on its description, its theoretical
foundation, experience with carrying it out, research into its effect, and
the conditions for implementation. The QuickScan asks about these as five
building blocks, on the same 4-point scale as the principles:

=================  ============================================================
block              asks whether …
=================  ============================================================
``beschrijving``   target group, goals and approach are written down, and how
                   they hang together (description)
``onderbouwing``   it is explained, with theory or literature, why the
                   approach should work (theory of change)
``praktijk``       experiences of practitioners and participants are collected
                   and the delivery is evaluated (practice/process evaluation)
``effect``         which effect studies exist (one choice, see below)
``uitvoering``     conditions, quality assurance and transferability are in
                   place (implementation)
=================  ============================================================

Mapping to the recognition levels (:class:`~watwerkt.model.RecognitionLevel`)
------------------------------------------------------------------------------
A block is *met* when each of its closed items is answered *grotendeels*
(largely) or *volledig* (fully) (:data:`watwerkt.reflection.rules.BLOCK_MET_AT`);
the ``effect`` block is met when any favourable effect study is chosen. Each
level needs the one before it, as in the recognition system, where the
criteria of each level extend those of the previous one:

``goed_beschreven``
    ``beschrijving``, ``praktijk`` and ``uitvoering`` met. Source: Movisie,
    *Beoordeling en erkenning* (criteria Goed Beschreven: "aanleiding,
    doelgroep, doelen, aanpak, randvoorwaarden, overdraagbaarheid en
    onderzoek naar praktijkervaringen zijn beschreven" and their connection
    is clear); RIVM Loket Gezond Leven, *Niveaus en criteria voor
    beoordeling* (goals, target group, approach, conditions,
    transferability, experience with delivery).
``goed_onderbouwd``
    and ``onderbouwing`` met. Source: Movisie, *Beoordeling en erkenning*
    (Goed Onderbouwd: "werkzaamheid van de interventie is onderbouwd met
    modellen, theorie en/of literatuur").
``effectief_eerste_aanwijzingen``
    and at least a study without a control group (e.g. pre-test/post-test)
    with a favourable effect.
``effectief_goede_aanwijzingen``
    and at least one study with a control group with a favourable effect.
``effectief_sterke_aanwijzingen``
    and at least two controlled studies with a favourable effect, one of them
    measured six months or more after the intervention.

The three effectiveness rules are the ones :mod:`watwerkt.synthesis.recognition`
applies to coded studies (same source: Erkenningscommissie Interventies,
*Erkenning van interventies: criteria voor gedragsinterventies*), asked
here as one question. As there, the result is an **indication** in the
recognition system's terms, not a recognition: only the committee can grant
one, and it judges a manual and the quality of each study, which a
self-assessment cannot.
"""

from __future__ import annotations

from typing import Final

from watwerkt.messages import message
from watwerkt.model import RecognitionLevel
from watwerkt.reflection.model import (
    ChoiceOption,
    LevelRule,
    QuickScan,
    QuickScanBlock,
    ReflectionItem,
)

__all__ = ["BLOCKS", "EVIDENCE_ITEM", "EVIDENCE_OPTIONS", "LEVEL_RULES", "build_quickscan"]

#: Block id -> ids of its closed items (text key: ``reflect.qs.<block>.<item>``).
BLOCKS: Final[dict[str, tuple[str, ...]]] = {
    "beschrijving": ("doelgroep-doelen", "aanpak", "samenhang"),
    "onderbouwing": ("verandertheorie", "literatuur"),
    "praktijk": ("ervaringen", "procesevaluatie"),
    "effect": (),
    "uitvoering": ("randvoorwaarden", "kwaliteit", "overdraagbaar"),
}
#: The choice item of the ``effect`` block.
EVIDENCE_ITEM: Final[str] = "effect.onderzoek"
#: Options of the evidence question, weakest first (rank = position).
EVIDENCE_OPTIONS: Final[tuple[str, ...]] = ("geen", "eerste", "goede", "sterke")

_DESCRIBED = ("beschrijving", "praktijk", "uitvoering")
_FOUNDED = (*_DESCRIBED, "onderbouwing")

#: (level, blocks that must be met, lowest evidence rank, source key), lowest level first.
LEVEL_RULES: Final[tuple[tuple[RecognitionLevel, tuple[str, ...], int | None, str], ...]] = (
    (RecognitionLevel.GOED_BESCHREVEN, _DESCRIBED, None, "reflect.qs.source.described"),
    (RecognitionLevel.GOED_ONDERBOUWD, _FOUNDED, None, "reflect.qs.source.founded"),
    (RecognitionLevel.EFFECTIEF_EERSTE_AANWIJZINGEN, _FOUNDED, 1, "reflect.qs.source.effect"),
    (RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN, _FOUNDED, 2, "reflect.qs.source.effect"),
    (RecognitionLevel.EFFECTIEF_STERKE_AANWIJZINGEN, _FOUNDED, 3, "reflect.qs.source.effect"),
)


def build_quickscan(lang: str) -> QuickScan:
    """Return the QuickScan in ``lang`` (texts from the catalogue, ``reflect.qs.*``)."""
    blocks = []
    for block, item_ids in BLOCKS.items():
        items = [
            ReflectionItem(
                id=f"{block}.{item}",
                kind="closed",
                text=message(f"reflect.qs.{block}.{item}", lang),
                allow_na=False,
            )
            for item in item_ids
        ]
        if block == "effect":
            options = tuple(
                ChoiceOption(value=v, label=message(f"reflect.qs.effect.{v}", lang), rank=rank)
                for rank, v in enumerate(EVIDENCE_OPTIONS)
            )
            items.append(
                ReflectionItem(
                    id=EVIDENCE_ITEM,
                    kind="choice",
                    text=message("reflect.qs.effect.question", lang),
                    options=options,
                    allow_na=False,
                )
            )
        blocks.append(
            QuickScanBlock(
                id=block,
                name=message(f"reflect.qs.{block}.name", lang),
                description=message(f"reflect.qs.{block}.description", lang),
                items=tuple(items),
            )
        )
    levels = tuple(
        LevelRule(level=level, blocks=need, min_evidence_rank=rank, source=message(key, lang))
        for level, need, rank, key in LEVEL_RULES
    )
    return QuickScan(
        title=message("reflect.qs.title", lang),
        introduction=message("reflect.qs.introduction", lang),
        blocks=tuple(blocks),
        evidence_item=EVIDENCE_ITEM,
        levels=levels,
        level_names={
            level.value: message(f"reflect.level.{level.value}", lang) for level in RecognitionLevel
        },
    )
