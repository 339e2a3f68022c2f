"""MkDocs hook: expand ``<!-- __all__: package -->`` into one mkdocstrings block per public name.

``docs/api.md`` documents the curated public surface of a package: exactly the
names in its ``__all__``, so a name a colleague adds appears in the reference
without editing the docs. A plain ``::: watwerkt.stats`` directive would do this
by itself, except where a public name equals the name of a submodule (the
function ``watwerkt.stats.robust`` lives in the module ``watwerkt/stats/robust.py``):
griffe reads the source statically and sees the submodule, so the function
would silently disappear. This hook imports the package, looks each name up at
run time, and points the directive at the object's defining module when the
public path is ambiguous.

Run by ``mkdocs build`` (``hooks:`` in mkdocs.yml) and by tests/test_docs.py.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from typing import Any

#: ``<!-- __all__: watwerkt.stats -->`` on a line of its own.
MARKER = re.compile(r"^<!-- __all__: (?P<module>[\w.]+) -->$", re.MULTILINE)

_BLOCK = """\
::: {path}
    options:
      heading_level: 3
      show_root_full_path: false
      show_root_toc_entry: true
"""


def public_names(module_name: str) -> list[str]:
    """Return the ``__all__`` of ``module_name`` (empty if it has none)."""
    module = importlib.import_module(module_name)
    return list(getattr(module, "__all__", []))


def directive_path(module_name: str, name: str) -> str:
    """Return the dotted path mkdocstrings should render for ``module_name.name``.

    The public path where it is unambiguous; otherwise (a submodule of the same
    name exists) the object's defining module and qualified name.
    """
    public = f"{module_name}.{name}"
    shadows_submodule = (
        hasattr(importlib.import_module(module_name), "__path__")
        and importlib.util.find_spec(public) is not None
    )
    if not shadows_submodule:
        return public
    obj = getattr(importlib.import_module(module_name), name)
    defined_in = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if defined_in and qualname:
        return f"{defined_in}.{qualname}"
    return public


def expand(markdown: str) -> str:
    """Replace every ``__all__`` marker in ``markdown`` by one directive per public name."""

    def blocks(match: re.Match[str]) -> str:
        module_name = match.group("module")
        names = public_names(module_name)
        if not names:
            return f"*`{module_name}` exports no names yet.*\n"
        return "\n".join(_BLOCK.format(path=directive_path(module_name, n)) for n in names)

    return MARKER.sub(blocks, markdown)


def on_page_markdown(markdown: str, /, **_kwargs: Any) -> str:
    """MkDocs event: expand the markers of every page."""
    return expand(markdown)
