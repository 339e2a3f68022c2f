"""JSON Schemas (draft 2020-12) of the questionnaire definition and of an answers file.

Generated from the pydantic models, so they cannot drift from what
:mod:`watwerkt.reflection.answers` and the generator accept and write.
"""

from __future__ import annotations

from typing import Any

from watwerkt.reflection.model import AnswersFile, ReflectionTool

__all__ = ["answers_schema", "tool_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def tool_schema() -> dict[str, Any]:
    """Return the JSON Schema of questionnaire.json.

    >>> tool_schema()["title"]
    'ReflectionTool'
    """
    schema = ReflectionTool.model_json_schema(mode="serialization")
    return {"$schema": _DIALECT, "$id": "urn:watwerkt:schema:reflection-tool", **schema}


def answers_schema() -> dict[str, Any]:
    """Return the JSON Schema of an answers file as the HTML form exports it.

    >>> answers_schema()["title"]
    'AnswersFile'
    """
    schema = AnswersFile.model_json_schema(mode="validation")
    return {"$schema": _DIALECT, "$id": "urn:watwerkt:schema:reflection-answers", **schema}
