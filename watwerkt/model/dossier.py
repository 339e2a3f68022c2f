"""The dossier: a theme, its scope, outcomes, principles and the files behind it."""

from __future__ import annotations

import datetime as dt
from typing import Self

from pydantic import Field, model_validator

from watwerkt.model._base import ModelObject, rule_error
from watwerkt.model._english import in_language
from watwerkt.model.enums import EffectDirection
from watwerkt.model.principle import ID_PATTERN, Principle
from watwerkt.model.reflection_config import ReflectionConfig
from watwerkt.model.study import Outcome


class Theme(ModelObject):
    """The social issue a dossier is about, e.g. loneliness or recidivism."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    name_en: str = Field(default="", description="English name (Dutch name if empty).")

    def label(self, lang: str | None) -> str:
        """Return the name in ``lang`` (``name_en`` for English if given, else ``name``)."""
        return in_language(self.name, self.name_en, lang)


class SearchStrategy(ModelObject):
    """How the studies were found (reported in the PRISMA flow)."""

    databases: tuple[str, ...] = ()
    date: dt.date | None = None
    description: str = ""


class Scope(ModelObject):
    """What the dossier covers (PICO) and the rules for including a study."""

    question: str = Field(min_length=1, description="The review question.")
    population: str = ""
    interventions: str = ""
    comparisons: str = ""
    outcomes: str = ""
    inclusion_criteria: tuple[str, ...] = Field(min_length=1)
    exclusion_criteria: tuple[str, ...] = ()
    search: SearchStrategy | None = None


class Exclusion(ModelObject):
    """A reference in the libraries that is deliberately left out, and why."""

    reference: str = Field(min_length=1, description="Citation key.")
    reason: str = Field(min_length=1, description="Why it is excluded, in a sentence.")
    stage: str = Field(default="full_text", pattern=r"^(screening|full_text)$")


class AuthorText(ModelObject):
    """A section of prose by the authors, inline (``text``) or from a Markdown ``file``."""

    section: str = Field(pattern=ID_PATTERN, description="E.g. 'samenvatting', 'inleiding'.")
    title: str = ""
    text: str | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.text is None) == (self.file is None):
            raise rule_error("rule.text_source")
        return self


class Claim(ModelObject):
    """An author's claim that a principle helps an outcome, citing references.

    The build checks the claim against the finding from *all* studies
    (:mod:`watwerkt.synthesis.citation_check`). ``principle`` may be omitted
    for a claim about the interventions overall.
    """

    principle: str | None = Field(default=None, pattern=ID_PATTERN)
    outcome: str = Field(pattern=ID_PATTERN)
    statement: str = Field(min_length=1, description="The claim as written in the dossier.")
    references: tuple[str, ...] = Field(min_length=1, description="Citation keys cited for it.")
    direction: EffectDirection = Field(
        default=EffectDirection.FAVOURS_INTERVENTION,
        description="What the claim says the principle does to the outcome.",
    )


class Dossier(ModelObject):
    """A *Wat werkt bij …* dossier as its author describes it in ``dossier.yaml``.

    Paths (``libraries``, ``coding_sheets``, text ``file``) are relative to
    the folder of dossier.yaml. Cross-references (unique ids, coded principles
    that exist) are checked by :func:`watwerkt.model.find_inconsistencies`,
    which the loader runs so that every problem gets its own line number.
    """

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    title_en: str = Field(default="", description="English title (Dutch title if empty).")
    theme: Theme
    language: str = Field(default="nl", pattern=r"^(nl|en)$")
    authors: tuple[str, ...] = ()
    version: str = "0.1"
    date: dt.date | None = None
    scope: Scope
    outcomes: tuple[Outcome, ...] = Field(min_length=1)
    principles: tuple[Principle, ...] = Field(min_length=1)
    libraries: tuple[str, ...] = Field(min_length=1, description="BibTeX files.")
    coding_sheets: tuple[str, ...] = Field(default=(), description="CSV or XLSX files.")
    exclusions: tuple[Exclusion, ...] = ()
    texts: tuple[AuthorText, ...] = ()
    claims: tuple[Claim, ...] = Field(
        default=(), description="Authors' claims, checked against all studies."
    )
    reflection: ReflectionConfig | None = Field(
        default=None, description="Authors' changes to the generated reflection tool."
    )

    def label(self, lang: str | None) -> str:
        """Return the title in ``lang`` (``title_en`` for English if given, else ``title``)."""
        return in_language(self.title, self.title_en, lang)

    def principle(self, principle_id: str) -> Principle:
        """Return the principle with ``principle_id`` (KeyError if there is none)."""
        for p in self.principles:
            if p.id == principle_id:
                return p
        raise KeyError(principle_id)

    def outcome(self, outcome_id: str) -> Outcome:
        """Return the outcome with ``outcome_id`` (KeyError if there is none)."""
        for o in self.outcomes:
            if o.id == outcome_id:
                return o
        raise KeyError(outcome_id)
