"""Working principles (werkzame elementen) of effective interventions."""

from __future__ import annotations

from pydantic import Field

from watwerkt.model._base import ModelObject

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Principle(ModelObject):
    """A working principle: what in an intervention makes it work, and why.

    ``id`` is the short code used in coding sheets (``principle:<id>``
    columns); ``mechanism`` states the mechanism of change the dossier
    attributes to it.
    """

    id: str = Field(
        pattern=ID_PATTERN, description="Short code, e.g. 'cognitieve-herstructurering'."
    )
    name: str = Field(min_length=1, description="Name as shown in the dossier.")
    description: str = Field(default="", description="What the principle is (Markdown).")
    mechanism: str = Field(default="", description="Mechanism of change: why it works.")
    examples: tuple[str, ...] = Field(default=(), description="How it looks in practice.")
    target_groups: tuple[str, ...] = Field(default=(), description="For whom it is meant.")
