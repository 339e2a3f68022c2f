"""Working principles (werkzame elementen) of effective interventions."""

from __future__ import annotations

from typing import Self

from pydantic import Field

from watwerkt.model._base import ModelObject
from watwerkt.model._english import in_language

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Principle(ModelObject):
    """A working principle: what in an intervention makes it work, and why.

    ``id`` is the short code used in coding sheets (``principle:<id>``
    columns); ``mechanism`` states the mechanism of change the dossier
    attributes to it. Each text has an optional English twin (``name_en``
    ...) used by English output; :meth:`label` and :meth:`in_language` pick
    the text for a language, falling back to Dutch.
    """

    id: str = Field(
        pattern=ID_PATTERN, description="Short code, e.g. 'cognitieve-herstructurering'."
    )
    name: str = Field(min_length=1, description="Name as shown in the dossier.")
    description: str = Field(default="", description="What the principle is (Markdown).")
    mechanism: str = Field(default="", description="Mechanism of change: why it works.")
    examples: tuple[str, ...] = Field(default=(), description="How it looks in practice.")
    target_groups: tuple[str, ...] = Field(default=(), description="For whom it is meant.")
    name_en: str = Field(default="", description="English name (Dutch name if empty).")
    description_en: str = Field(default="", description="English description.")
    mechanism_en: str = Field(default="", description="English mechanism of change.")
    examples_en: tuple[str, ...] = Field(default=(), description="English examples.")
    target_groups_en: tuple[str, ...] = Field(default=(), description="English target groups.")

    def label(self, lang: str | None) -> str:
        """Return the name in ``lang`` (``name_en`` for English if given, else ``name``).

        Examples
        --------
        >>> p = Principle(id="c", name="Contact", name_en="Social contact")
        >>> p.label("en"), p.label("nl"), Principle(id="c", name="Contact").label("en")
        ('Social contact', 'Contact', 'Contact')
        """
        return in_language(self.name, self.name_en, lang)

    def in_language(self, lang: str | None) -> Self:
        """Return a copy whose Dutch texts are replaced by the English ones for ``lang="en"``.

        Texts without an English version stay Dutch; the ``*_en`` fields are kept.
        """
        return self.model_copy(
            update={
                "name": self.label(lang),
                "description": in_language(self.description, self.description_en, lang),
                "mechanism": in_language(self.mechanism, self.mechanism_en, lang),
                "examples": in_language(self.examples, self.examples_en, lang),
                "target_groups": in_language(self.target_groups, self.target_groups_en, lang),
            }
        )
