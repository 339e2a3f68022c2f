"""Read and check an answers file against a reflection tool, losing nothing.

An answers file (:class:`~watwerkt.reflection.model.AnswersFile`) is
untrusted: it may come from another tool or an older version, be edited by
hand, or be tampered with. :func:`check_answers` reports every problem as a
:class:`~watwerkt.errors.Problem` naming the file, the field or item, what
was expected and what it got, and keeps everything it cannot use:

- answers for item ids the tool does not know go to ``unknown``;
- values that are not a valid answer for their item go to ``invalid``;
- closed items without an answer are listed in one ``missing`` problem.

Only a file that is not JSON or has no ``answers`` mapping raises
(:class:`~watwerkt.errors.AnswersFileError`): there is nothing to score.
A file for another tool, version or content hash is reported and still
scored on the item ids the two share (a partial report).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watwerkt.errors import AnswersFileError, Problem
from watwerkt.files.yaml_source import decode_utf8
from watwerkt.messages import message
from watwerkt.reflection.model import (
    ANSWERS_FORMAT,
    TOOL_FORMAT,
    ReflectionItem,
    ReflectionTool,
    ToolRef,
)

__all__ = ["AnswersReading", "check_answers", "load_json", "read_answers", "split_answers"]

#: Keys an answers file may have at the top level.
_TOP_KEYS = ("format", "format_version", "tool", "saved", "answers")
#: At most this many item ids are named in one 'missing answers' message.
_NAMED = 10


@dataclass(frozen=True, slots=True)
class AnswersReading:
    """What an answers file holds for a tool: valid answers, the rest, and every problem."""

    path: str
    tool: ToolRef | None
    answers: dict[str, int | str]
    unknown: dict[str, Any] = field(default_factory=dict)
    invalid: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return JSON-ready data (problems as catalogue key, field and parameters)."""
        return {
            "path": self.path,
            "tool": None if self.tool is None else self.tool.to_dict(),
            "answers": dict(self.answers),
            "unknown": dict(self.unknown),
            "invalid": dict(self.invalid),
            "problems": [
                {"line": p.line, "key": p.key, "field": p.field, "params": p.params}
                for p in self.problems
            ],
        }

    def summary(self, lang: str | None = None) -> str:
        """Return one line per problem (``file: message``), or a line saying all is well."""
        if not self.problems:
            return message("reflect.answers.ok", lang, path=self.path, count=len(self.answers))
        return "\n".join(p.render(lang) for p in self.problems)


def load_json(path: Path, shown: str | None = None) -> Any:
    """Return the parsed JSON of ``path``; raise AnswersFileError (with the line) if not JSON."""
    name = shown or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnswersFileError(
            [
                Problem(
                    name, None, "reflect.answers.unreadable", {"detail": exc.strerror or str(exc)}
                )
            ]
        ) from exc
    text, problems = decode_utf8(raw, name)
    if text is None:
        raise AnswersFileError(problems)
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise AnswersFileError(
            [Problem(name, exc.lineno, "reflect.answers.invalid_json", {"detail": exc.msg})]
        ) from exc
    except _ConstantError as exc:
        found = re.search(rf"(?<![\w\"]){re.escape(exc.name)}(?![\w\"])", text)
        line = text[: found.start()].count("\n") + 1 if found else None
        raise AnswersFileError(  # detail: just the token, the sentence is the catalogue's
            [Problem(name, line, "reflect.answers.invalid_json", {"detail": exc.name})]
        ) from exc


class _ConstantError(ValueError):
    """NaN or Infinity in the file: Python's json reads them, JSON does not allow them."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _no_constant(name: str) -> Any:
    raise _ConstantError(name)


def read_answers(path: Path, tool: ReflectionTool, shown: str | None = None) -> AnswersReading:
    """Read the answers file ``path`` and check it against ``tool`` (see :func:`check_answers`)."""
    return check_answers(load_json(path, shown), tool, shown or str(path))


def _describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def check_answers(data: Any, tool: ReflectionTool, path: str) -> AnswersReading:
    """Check parsed answers-file ``data`` against ``tool``; report every problem.

    Raises AnswersFileError only when ``data`` is not an object with an
    ``answers`` object (there is nothing to score).
    """
    problems: list[Problem] = []

    def add(key: str, field_name: str | None = None, **params: object) -> None:
        problems.append(Problem(path, None, key, params, field_name))

    if not isinstance(data, dict):
        add("reflect.answers.not_object", got=type(data).__name__)
        raise AnswersFileError(problems)
    if data.get("format") == TOOL_FORMAT:
        add("reflect.answers.is_tool", "format")
        raise AnswersFileError(problems)
    answers = data.get("answers")
    if not isinstance(answers, dict):
        if "answers" not in data:
            add("field.missing", "answers", field="answers")
        else:
            add("reflect.answers.field", "answers", field="answers",
                expected=message("expect.mapping"), got=_describe(answers))  # fmt: skip
        raise AnswersFileError(problems)
    for key in data:
        if key not in _TOP_KEYS:
            add("reflect.answers.unknown_key", key, name=key, allowed=", ".join(_TOP_KEYS))
    if data.get("format") != ANSWERS_FORMAT:
        add("reflect.answers.field", "format", field="format",
            expected=repr(ANSWERS_FORMAT), got=_describe(data.get("format")))  # fmt: skip
    if data.get("format_version") != 1:
        add("reflect.answers.field", "format_version", field="format_version",
            expected="1", got=_describe(data.get("format_version")))  # fmt: skip
    ref = _check_tool(data.get("tool"), tool, add)
    valid, unknown, invalid = _check_values(answers, tool, add)
    missing = [
        item.id
        for item in tool.items().values()
        if item.kind in ("closed", "choice") and item.id not in valid and item.id not in invalid
    ]
    if missing:
        named = ", ".join(missing[:_NAMED]) + (" …" if len(missing) > _NAMED else "")
        add("reflect.answers.missing", "answers", count=len(missing), items=named)
    return AnswersReading(path, ref, valid, unknown, invalid, tuple(problems))


def _check_tool(value: Any, tool: ReflectionTool, add: Any) -> ToolRef | None:
    """Check the ``tool`` block: id, version and content hash must be those of ``tool``."""
    if not isinstance(value, dict):
        if value is None:
            add("field.missing", "tool", field="tool")
        else:
            add("reflect.answers.field", "tool", field="tool",
                expected=message("expect.mapping"), got=_describe(value))  # fmt: skip
        return None
    for name in ("id", "version", "hash"):
        if not isinstance(value.get(name), str):
            add("reflect.answers.field", f"tool.{name}", field=f"tool.{name}",
                expected=message("expect.string"), got=_describe(value.get(name)))  # fmt: skip
            return None
    lang = value.get("lang", "nl")
    ref = ToolRef(
        id=value["id"], version=value["version"], hash=value["hash"],
        lang=lang if lang in ("nl", "en") else "nl",
    )  # fmt: skip
    if ref.id != tool.id:
        add("reflect.answers.other_tool", "tool.id", expected=tool.id, got=ref.id)
    elif ref.version != tool.version:
        add("reflect.answers.other_version", "tool.version", expected=tool.version, got=ref.version)
    elif ref.hash != tool.hash:
        add("reflect.answers.hash_mismatch", "tool.hash", expected=tool.hash, got=ref.hash)
    return ref


def _expected(item: ReflectionItem, na: str, values: tuple[int, ...]) -> str:
    if item.kind == "closed":
        choices = ", ".join(str(v) for v in values) + (f", {na!r}" if item.allow_na else "")
        return message("expect.one_of", None, choices=choices)
    if item.kind == "choice":
        return message(
            "expect.one_of", None, choices=", ".join(repr(o.value) for o in item.options)
        )
    return message("expect.string")


def _closed_value(value: Any, na: str, values: tuple[int, ...], allow_na: bool) -> int | str | None:
    """Return the answer a closed item holds, or None when ``value`` is not one.

    JSON does not tell ``2`` from ``2.0`` (a browser reads both as the number 2),
    so an integral number counts as that integer here too.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if value in values else None
    return na if allow_na and value == na else None


def _valid_value(item: ReflectionItem, value: Any, na: str, values: tuple[int, ...]) -> Any:
    """Return the answer ``value`` gives ``item`` (normalised), or None when it is not valid."""
    if item.kind == "closed":
        return _closed_value(value, na, values, item.allow_na)
    if item.kind == "choice":
        ok = isinstance(value, str) and any(o.value == value for o in item.options)
        return value if ok else None
    return value if isinstance(value, str) else None


def split_answers(
    answers: Mapping[str, Any], tool: ReflectionTool
) -> tuple[dict[str, int | str], dict[str, Any], dict[str, Any]]:
    """Split raw ``answers`` into (valid, unknown item ids, invalid values); ``null`` is no answer.

    The same split as ``split`` in the form's JavaScript: an id the tool does
    not know is unknown whatever its value; a known id with ``null`` is
    unanswered; any other value that is not a valid answer is invalid.
    """
    items = tool.items()
    na = tool.scoring.not_applicable
    values = tool.scoring.scale_values
    valid: dict[str, int | str] = {}
    unknown: dict[str, Any] = {}
    invalid: dict[str, Any] = {}
    for item_id, value in answers.items():
        item = items.get(item_id)
        if item is None:
            unknown[item_id] = value
        elif value is None:
            continue
        else:
            answer = _valid_value(item, value, na, values)
            if answer is None:
                invalid[item_id] = value
            else:
                valid[item_id] = answer
    return valid, unknown, invalid


def _check_values(
    answers: dict[str, Any], tool: ReflectionTool, add: Any
) -> tuple[dict[str, int | str], dict[str, Any], dict[str, Any]]:
    items = tool.items()
    na = tool.scoring.not_applicable
    values = tool.scoring.scale_values
    valid, unknown, invalid = split_answers(answers, tool)
    for item_id in answers:
        if item_id in unknown:
            add("reflect.answers.unknown_item", f"answers.{item_id}", item=item_id)
        elif item_id in invalid:
            add("reflect.answers.bad_value", f"answers.{item_id}", item=item_id,
                expected=_expected(items[item_id], na, values),
                got=_describe(invalid[item_id]))  # fmt: skip
    return valid, unknown, invalid
