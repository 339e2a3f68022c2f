"""Safe YAML loading that remembers the line of every key and list item.

PyYAML's ``SafeLoader`` builds plain Python data (no arbitrary objects, so an
untrusted dossier.yaml cannot run code). We compose the node tree once, build
the data from it and record ``location -> line`` for every mapping key and
sequence item, so validation errors can say ``dossier.yaml:14: …``. Duplicate
keys, which PyYAML would silently resolve to the last value, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from watwerkt.errors import Problem

Location = tuple[str | int, ...]


@dataclass
class LineMap:
    """Line numbers (1-based) of the keys and items of one YAML document."""

    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int | None:
        """Return the line of ``location``, or of its nearest existing parent."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


@dataclass
class YamlDocument:
    """Parsed YAML data with its line map, or the problems that prevented parsing."""

    data: Any
    lines: LineMap
    problems: list[Problem]


def decode_utf8(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode ``raw`` as UTF-8 (BOM allowed); report the line of a bad byte."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "file.not_utf8", {"position": exc.start})]


def load_yaml(raw: bytes, path: str) -> YamlDocument:
    """Parse ``raw`` bytes of ``path`` safely; never raises for bad content."""
    text, problems = decode_utf8(raw, path)
    if text is None:
        return YamlDocument(None, LineMap(), problems)
    if not text.strip():
        return YamlDocument(None, LineMap(), [Problem(path, None, "file.empty")])
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None, LineMap(), [Problem(path, None, "file.empty")])
        lines = LineMap({(): node.start_mark.line + 1})
        _walk(node, (), lines, problems, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return YamlDocument(
            None, LineMap(), [Problem(path, line, "file.yaml_syntax", {"detail": detail})]
        )
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises Marked errors for text
        return YamlDocument(
            None, LineMap(), [Problem(path, None, "file.yaml_syntax", {"detail": str(exc)})]
        )
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        got = type(data).__name__
        problems.append(Problem(path, lines.line_of(()), "file.yaml_not_mapping", {"got": got}))
        return YamlDocument(None, lines, problems)
    return YamlDocument(data, lines, problems)


def _walk(
    node: yaml.Node, loc: Location, lines: LineMap, problems: list[Problem], path: str
) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        path, line, "file.yaml_duplicate_key", {"key": key, "first_line": seen[key]}
                    )
                )
            else:
                seen[key] = line
            lines.lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, problems, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.lines[(*loc, index)] = item.start_mark.line + 1
            _walk(item, (*loc, index), lines, problems, path)
