"""Turn pydantic validation errors into author-readable, located problems.

Pydantic reports errors by type (``missing``, ``extra_forbidden``,
``int_parsing`` …) and location (a key path). We translate each into one
catalogue message, in the author's language, with the YAML line (or sheet
row) looked up from the location, and suggest the intended key for a typo.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from watwerkt.errors import Problem
from watwerkt.messages import message

Location = tuple[str | int, ...]

_EXPECT_BY_TYPE: dict[str, str] = {
    "string_type": "expect.string",
    "int_type": "expect.int",
    "int_parsing": "expect.int",
    "int_from_float": "expect.int",
    "float_type": "expect.number",
    "float_parsing": "expect.number",
    "finite_number": "expect.number",
    "bool_type": "expect.bool",
    "bool_parsing": "expect.bool",
    "list_type": "expect.list",
    "tuple_type": "expect.list",
    "dict_type": "expect.mapping",
    "model_type": "expect.mapping",
    "model_attributes_type": "expect.mapping",
    "string_pattern_mismatch": "expect.pattern",
    "string_too_short": "expect.non_empty",
    "too_short": "expect.non_empty",
    "greater_than_equal": "expect.at_least",
    "greater_than": "expect.greater_than",
    "less_than_equal": "expect.at_most",
    "date_type": "expect.year",
    "date_parsing": "expect.year",
    "date_from_datetime_parsing": "expect.year",
}


def field_path(location: Location) -> str:
    """Render a location as ``principles[3].name`` (list positions 1-based)."""
    out = ""
    for part in location:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


def _describe(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _allowed_keys(model: type[BaseModel], location: Location) -> list[str]:
    """Return the field names of the (nested) model that holds ``location``'s last key."""
    current: Any = model
    for part in location[:-1]:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return []
            current = info.annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/tuple/list wrappers to reach the element type."""
    while True:
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None) and a is not Ellipsis]
        if origin in (tuple, list, typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
        else:
            return annotation


def problem_from_error(
    error: ErrorDetails,
    path: str,
    line_of: Callable[[Location], int | None],
    model: type[BaseModel],
    lang: str | None = None,
    location_prefix: Location = (),
) -> Problem:
    """Translate one pydantic error into a located :class:`Problem`."""
    loc: Location = tuple(error["loc"])
    full = (*location_prefix, *loc)
    line = line_of(full)
    kind = error["type"]
    ctx = error.get("ctx", {}) or {}
    field = field_path(loc)
    if kind == "missing":
        return Problem(path, line, "field.missing", {"field": field}, field)
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        allowed = _allowed_keys(model, loc)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        if close:
            hint = message("field.did_you_mean", lang, suggestion=close[0])
        elif allowed:
            hint = message("field.allowed", lang, allowed=", ".join(allowed))
        else:
            hint = ""
        return Problem(path, line, "field.unknown", {"field": field, "hint": hint}, field)
    if kind == "watwerkt_rule":
        rule = message(str(ctx["key"]), lang, **dict(ctx.get("params", {})))
        return Problem(path, line, "field.rule", {"field": field, "rule": rule}, field)
    if kind in ("enum", "literal_error"):
        choices = str(ctx.get("expected", "?")).replace(" or ", ", ")
        expected = message("expect.one_of", lang, choices=choices)
    elif kind in _EXPECT_BY_TYPE:
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", "")))
        expected = message(_EXPECT_BY_TYPE[kind], lang, limit=limit)
    else:
        expected = error["msg"]
    return Problem(
        path,
        line,
        "field.invalid",
        {"field": field, "expected": expected, "got": _describe(error.get("input"))},
        field,
    )


def problems_from_validation_error(
    exc: ValidationError,
    path: str,
    line_of: Callable[[Location], int | None],
    model: type[BaseModel],
    location_prefix: Location = (),
) -> list[Problem]:
    """Translate every error of ``exc`` (pydantic reports them all at once)."""
    errors = exc.errors(include_url=False)
    locations = [tuple(e["loc"]) for e in errors]
    return [
        problem_from_error(e, path, line_of, model, location_prefix=location_prefix)
        for e in errors
        if not _is_echo(e, locations)
    ]


def _is_echo(error: ErrorDetails, locations: list[tuple[str | int, ...]]) -> bool:
    """Tell whether a 'too short' list error is caused only by its own invalid items.

    Pydantic drops an invalid item and then also reports the list as too
    short; the item's own error is the one that helps the author.
    """
    if error["type"] != "too_short":
        return False
    loc = tuple(error["loc"])
    return any(len(other) > len(loc) and other[: len(loc)] == loc for other in locations)
