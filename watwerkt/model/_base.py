"""Base class and rule errors shared by all model objects."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from watwerkt.messages import message


class ModelObject(BaseModel):
    """Immutable, strict-keyed base for every domain object.

    Unknown keys are errors (a misspelled key in dossier.yaml must not be
    silently ignored), objects are frozen (a loaded dossier is evidence, not
    scratch space) and string whitespace is stripped.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        use_enum_values=False,
        validate_default=True,
    )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (enums as their values, no ``None`` fields dropped)."""
        return self.model_dump(mode="json")


def rule_error(key: str, /, **params: Any) -> PydanticCustomError:
    """Return a validation error for catalogue rule ``key``.

    The English text is the pydantic message (for Python callers); the key and
    parameters travel in the error context so file loaders can re-render the
    problem in the author's language with a file and line.
    """
    return PydanticCustomError(
        "watwerkt_rule",
        message(key, "en", **params).replace("{", "{{").replace("}", "}}"),
        {"key": key, "params": params},
    )
