"""JSON Schemas of every file format, so other tools can validate without Python.

Generated from the model itself (pydantic), so a schema can never drift from
what the loader accepts. ``watwerkt schema <kind>`` prints one.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, create_model

from watwerkt.coding.row import CodingRow
from watwerkt.model import Dossier, EffectEstimate, Finding, Reference, Study

_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_FindingsFile = create_model(
    "FindingsFile",
    findings=(list[Finding], ...),
    __doc__="findings.json written by `watwerkt build`.",
)

#: Schema kind -> (model, what it describes).
SCHEMA_KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "dossier": (Dossier, "dossiers/<theme>/dossier.yaml"),
    "coding-row": (CodingRow, "one row of a coding sheet (CSV/XLSX; list cells ';'-separated)"),
    "reference": (Reference, "one bibliographic record (library export as JSON)"),
    "study": (Study, "one study as built from coding rows"),
    "effect-estimate": (EffectEstimate, "one coded effect estimate"),
    "findings": (_FindingsFile, "findings.json written by `watwerkt build`"),
}


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for file format ``kind``.

    Examples
    --------
    >>> json_schema("dossier")["title"]
    'Dossier'
    """
    model, description = SCHEMA_KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": _SCHEMA_DIALECT,
        "$id": f"urn:watwerkt:schema:{kind}",
        "description": schema.pop("description", description),
        **schema,
    }
