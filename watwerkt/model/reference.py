"""Bibliographic records: :class:`Reference` and the :class:`Person` who wrote it."""

from __future__ import annotations

from pydantic import Field, field_validator

from watwerkt.model._base import ModelObject

KEY_PATTERN = r"^[^\s,{}#%\"'()=\\]+$"


class Person(ModelObject):
    """An author or editor, with the Dutch name particle kept apart.

    ``Person(family="Zwet", given="R.", particle="van der")`` is "R. van der
    Zwet"; APA formatting decides where the particle goes and how it sorts.
    """

    family: str = Field(min_length=1, description="Family name without particle, e.g. 'Zwet'.")
    given: str = Field(default="", description="Given names or initials, e.g. 'Renske'.")
    particle: str = Field(
        default="", description="Name particle such as 'van der' or 'de' (lower case as written)."
    )
    suffix: str = Field(default="", description="Suffix such as 'Jr.'.")

    @property
    def full_name(self) -> str:
        """Return the name as written in running text: 'Renske van der Zwet'."""
        parts = [self.given, self.particle, self.family, self.suffix]
        return " ".join(p for p in parts if p)


class Reference(ModelObject):
    """One bibliographic record, identified by its citation key.

    Strings come from untrusted BibTeX/RIS files: they are kept verbatim as
    text and escaped by the renderer, never interpreted.
    """

    key: str = Field(pattern=KEY_PATTERN, description="Citation key, e.g. 'guerra1990'.")
    entry_type: str = Field(default="article", description="BibTeX entry type, lower case.")
    authors: tuple[Person, ...] = ()
    authors_truncated: bool = Field(
        default=False,
        description="The author list ends in BibTeX's 'and others': more authors exist "
        "than are listed (cited as 'et al.').",
    )
    editors: tuple[Person, ...] = ()
    editors_truncated: bool = Field(
        default=False, description="The editor list ends in BibTeX's 'and others'."
    )
    year: int | None = Field(default=None, ge=1000, le=2999)
    title: str = ""
    container: str = Field(default="", description="Journal, book or series title.")
    volume: str = ""
    issue: str = ""
    pages: str = ""
    publisher: str = ""
    doi: str = Field(default="", description="Bare DOI, e.g. '10.1007/s11292-005-3541-7'.")
    url: str = ""
    note: str = ""
    edition: str = Field(default="", description="Edition as given, e.g. '2' or 'Revised'.")
    month: str = ""
    isbn: str = ""
    abstract: str = ""
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Every other field of the source record, verbatim, so nothing is lost.",
    )
    source_file: str = Field(default="", description="Library file the record was read from.")
    source_line: int | None = Field(default=None, ge=1)

    @field_validator("entry_type")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()
