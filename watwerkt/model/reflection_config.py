"""The optional ``reflection:`` section of dossier.yaml: authors' changes to a reflection tool.

A reflection tool is generated from the principles and findings of a dossier
(:mod:`watwerkt.reflection`). Every principle gets the same four standard
items (:data:`STANDARD_ITEMS`); in this section authors can

- give a principle its own short ``explanation`` (instead of its description),
- replace the text of a standard item (an item whose ``id`` is a standard id),
- add items of their own (a new ``id`` with a ``kind``),
- ``leave_out`` standard items that do not fit the principle,
- list ``suggestions``: concrete steps shown in the report when the
  principle turns out to be a gap in someone's practice.

The standard ids are part of the file format (authors refer to them), so they
are defined here, next to the model that validates them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from pydantic import Field, model_validator

from watwerkt.model._base import ModelObject, rule_error
from watwerkt.model.principle import ID_PATTERN


class ItemKind(StrEnum):
    """What kind of answer a reflection item asks for."""

    CLOSED = "closed"  # a labelled 4-point scale plus 'not applicable'
    OPEN = "open"  # "how do you do this in your practice?"
    NEED = "need"  # "what would you need?"


class StandardItem(StrEnum):
    """The ids of the items every principle gets (``<principle id>.<standard id>``)."""

    TOEPASSING = "toepassing"  # closed: to what extent it is part of the practice
    BEWUST = "bewust"  # closed: used deliberately, for its purpose
    PRAKTIJK = "praktijk"  # open: how do you do this
    NODIG = "nodig"  # need: what would you need


#: Kind of every standard item, in the order they appear under a principle.
STANDARD_ITEMS: dict[StandardItem, ItemKind] = {
    StandardItem.TOEPASSING: ItemKind.CLOSED,
    StandardItem.BEWUST: ItemKind.CLOSED,
    StandardItem.PRAKTIJK: ItemKind.OPEN,
    StandardItem.NODIG: ItemKind.NEED,
}


class ReflectionItemConfig(ModelObject):
    """An item an author replaces (standard ``id``) or adds (new ``id`` with a ``kind``)."""

    id: str = Field(pattern=ID_PATTERN, description="A standard id to replace, or a new one.")
    kind: ItemKind | None = Field(
        default=None, description="closed, open or need; required for a new item."
    )
    text: str = Field(min_length=1, description="The question as the professional reads it.")

    @model_validator(mode="after")
    def _kind_fits(self) -> Self:
        standard = {s.value: k for s, k in STANDARD_ITEMS.items()}
        if self.id in standard:
            if self.kind is not None and self.kind != standard[self.id]:
                raise rule_error(
                    "reflect.config.standard_kind", id=self.id, kind=standard[self.id].value
                )
        elif self.kind is None:
            raise rule_error("reflect.config.kind_needed", id=self.id)
        return self


class ReflectionPrincipleConfig(ModelObject):
    """The author's changes to the part of the tool about one principle."""

    principle: str = Field(pattern=ID_PATTERN, description="A principle id of this dossier.")
    explanation: str = Field(default="", description="Short explanation shown in the tool.")
    items: tuple[ReflectionItemConfig, ...] = ()
    suggestions: tuple[str, ...] = Field(
        default=(), description="Concrete steps shown in the report when this is a gap."
    )
    leave_out: tuple[StandardItem, ...] = Field(
        default=(), description="Standard items that do not fit this principle."
    )


class ReflectionConfig(ModelObject):
    """The ``reflection:`` section of dossier.yaml."""

    introduction: str = Field(default="", description="Shown above the questionnaire.")
    principles: tuple[ReflectionPrincipleConfig, ...] = ()
