"""The documentation cannot fall behind the code.

- docs/cli.md is the fresh rendering of every command's ``--help``;
- ``mkdocs build --strict`` succeeds, offline, and the API page shows every
  name of each curated ``__all__``;
- docs/dossier-format.md names every key of the Dossier model (nested models
  too) and every coding sheet column, marked required exactly when it is, and
  shows the real ``watwerkt schema --list``;
- the ``watwerkt check`` output quoted in the guides is what the command prints;
- ``__all__`` of watwerkt.model and watwerkt.stats is sorted and equals the set
  of public names (STYLE.md item 1, after httpx's tests/test_exported_members.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from watwerkt.coding.row import KNOWN_COLUMNS, PRINCIPLE_PREFIX, REQUIRED_COLUMNS, STUDY_COLUMNS
from watwerkt.model import Dossier

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FORMAT_DOC = DOCS / "dossier-format.md"

#: Modules whose ``__all__`` is the promised import surface (STYLE.md item 1).
CURATED = ("watwerkt.model", "watwerkt.stats")
#: Modules whose ``__all__`` docs/api.md expands into one entry per name.
API_MODULES = ("watwerkt.model", "watwerkt.stats", "watwerkt.errors")
#: Pages the navigation promises (README.md and DESIGN.md point to them).
PAGES = (
    "index.html",
    "auteurs/index.html",
    "authors/index.html",
    "dossier-format/index.html",
    "professionals/index.html",
    "cli/index.html",
    "api/index.html",
    "developers/index.html",
)


def _load_script(name: str) -> types.ModuleType:
    """Import ``docs/<name>.py`` (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"_docs_{name}", DOCS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ CLI reference


def test_cli_reference_is_up_to_date() -> None:
    generator = _load_script("gen_cli_reference")
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed == generator.render(), (
        "docs/cli.md is out of date; run: python docs/gen_cli_reference.py"
    )


def test_cli_reference_covers_every_command() -> None:
    """The generator walks groups too: every registered command has a section."""
    import click

    from watwerkt.cli import main

    def paths(group: click.Group, prefix: str) -> Iterator[str]:
        for name, command in group.commands.items():
            if command.hidden:
                continue
            yield f"{prefix} {name}"
            if isinstance(command, click.Group):
                yield from paths(command, f"{prefix} {name}")

    headings = set(re.findall(r"^## `([^`]+)`$", (DOCS / "cli.md").read_text("utf-8"), re.M))
    expected = {"watwerkt", *paths(main, "watwerkt")}
    assert expected <= headings
    assert {"watwerkt check", "watwerkt schema"} <= headings


def test_cli_generator_walks_nested_groups_and_skips_hidden_commands() -> None:
    import click

    generator = _load_script("gen_cli_reference")

    @click.group()
    def root() -> None:
        """Root."""

    @root.group()
    def later() -> None:
        """A group added later."""

    @later.command()
    def build() -> None:
        """Build it."""

    @root.command(hidden=True)
    def secret() -> None:
        """Hidden."""

    walked = [
        ctx.command_path
        for _, ctx in generator.iter_commands(root, generator.command_context(root, "w", None))
    ]
    assert walked == ["w", "w later", "w later build"]


# ------------------------------------------------------------------- mkdocs build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the documentation once, strictly, into a temporary directory."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # no end-of-life banner in the log
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def test_mkdocs_config_stays_offline() -> None:
    """No external fonts and no plugin that downloads (privacy, social)."""

    class Loader(yaml.SafeLoader):
        """Safe loader that reads MkDocs' ``!relative`` tag as its plain value."""

    Loader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    assert config["theme"]["font"] is False
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config.get("plugins", [])]
    assert not {"privacy", "social", "material/privacy", "material/social"} & set(plugins)


def test_mkdocs_build_strict(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert set(PAGES) <= pages
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text, html
        assert "fonts.gstatic.com" not in text, html


def test_format_doc_includes_the_real_example_dossier(site: Path) -> None:
    html = (site / "dossier-format" / "index.html").read_text(encoding="utf-8")
    assert "recidive-cgt" in html
    assert "cognitieve-herstructurering" in html  # from dossiers/recidive-cgt/dossier.yaml


@pytest.mark.parametrize("module_name", API_MODULES)
def test_api_page_shows_every_public_name(site: Path, module_name: str) -> None:
    hook = _load_script("api_hook")
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r' id="([\w.]+)"', html))
    missing = [
        name
        for name in importlib.import_module(module_name).__all__
        if hook.directive_path(module_name, name) not in anchors
    ]
    assert missing == []


# ------------------------------------------------------- examples in the guides

#: The mistakes the author guides walk through, as (file, text, replacement).
MISTAKES = (
    ("dossiers/recidive-cgt/dossier.yaml", "\ntitle_en:", "\ntitel_en:"),
    (
        "dossiers/recidive-cgt/dossier.yaml",
        "desired_direction: decrease",
        "desired_direction: lower",
    ),
    (
        "dossiers/recidive-cgt/dossier.yaml",
        "  - reference: lipsey2007\n    reason: >-\n      Campbell-review over dezelfde studies "
        "(Lipsey, Landenberger & Wilson, 2007);\n      dubbel tellen wordt zo voorkomen.\n"
        "    stage: full_text\n",
        "",
    ),
    (
        "dossiers/recidive-cgt/coding.csv",
        '"kownacki1995","kownacki1995","recidive",',
        '"kownacki1995","kownacki1995","recidivee",',
    ),
    (
        "dossiers/recidive-cgt/coding.csv",
        '"finn1998","recidive","rct"',
        '"finn1998","recidive","RCT"',
    ),
)


def _fenced_block_with(doc: Path, needle: str) -> str:
    """Return the body of the first fenced code block in ``doc`` that contains ``needle``."""
    for block in re.findall(r"^```\w*\n(.*?)^```$", doc.read_text("utf-8"), re.M | re.S):
        if needle in block:
            return str(block)
    raise AssertionError(f"{doc.name} has no code block containing {needle!r}")


@pytest.fixture
def cli() -> Iterator[Any]:
    from click.testing import CliRunner

    from watwerkt.cli import main
    from watwerkt.messages import set_language

    runner = CliRunner()
    yield lambda *args: runner.invoke(main, list(args))
    set_language("nl")


@pytest.mark.parametrize(("doc", "lang"), [("auteurs.md", "nl"), ("authors.md", "en")])
def test_guide_shows_the_real_check_output_for_mistakes(
    doc: str, lang: str, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(ROOT / "dossiers" / "recidive-cgt", tmp_path / "dossiers" / "recidive-cgt")
    shutil.copytree(ROOT / "references", tmp_path / "references")
    for name, old, new in MISTAKES:
        path = tmp_path / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"the example changed: {old!r} not once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("--lang", lang, "check", "dossiers/recidive-cgt")
    assert result.exit_code == 1
    shown = _fenced_block_with(DOCS / doc, "recidivee")
    assert shown == result.stdout + result.stderr


@pytest.mark.parametrize(
    ("doc", "lang"),
    [
        ("index.md", "nl"),
        ("auteurs.md", "nl"),
        ("authors.md", "nl"),
        ("authors.md", "en"),
        ("auteurs.md", "en"),
    ],
)
def test_guide_shows_the_real_check_output_for_the_example(
    doc: str, lang: str, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("--lang", lang, "check", "dossiers/recidive-cgt")
    assert result.exit_code == 0
    assert result.stdout in (DOCS / doc).read_text(encoding="utf-8")


# ------------------------------------------------------------ dossier format page


def _section(heading: str) -> list[str]:
    """Return the lines of the ``## heading…`` section of docs/dossier-format.md."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        if part.startswith(heading):
            return part.splitlines()
    raise AssertionError(f"docs/dossier-format.md has no section '## {heading}'")


def _nested(annotation: Any) -> tuple[type[BaseModel] | None, str]:
    """Return the model inside ``annotation`` (if any) and how its keys are written.

    ``"."`` for a nested mapping, ``"[]."`` for a list of them and ``".<key>."``
    for a mapping of them.
    """
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, joint = _nested(arg)
            if model is not None:
                return model, joint
        return None, "."
    if origin in (tuple, list, set, frozenset):
        model, _ = _nested(typing.get_args(annotation)[0])
        return model, "[]."
    if origin is dict:
        model, _ = _nested(typing.get_args(annotation)[1])
        return model, ".<key>."
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, "."
    return None, "."


def _model_keys(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, FieldInfo]]:
    """Yield ``(path, field)`` for every key of ``model``, nested models included.

    Paths read as in the docs: ``scope.search.databases``, ``outcomes[].id``.
    """
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        yield path, info
        sub, joint = _nested(info.annotation)
        if sub is not None:
            yield from _model_keys(sub, f"{path}{joint}")


def _rows_for(lines: list[str], name: str) -> list[str]:
    """Table rows whose first cell names ``name`` in backticks."""
    return [line for line in lines if line.startswith("|") and f"`{name}`" in line.split("|")[1]]


def test_model_key_walk_reaches_nested_models() -> None:
    keys = {path for path, _ in _model_keys(Dossier)}
    nested = {"theme.name", "scope.search.databases", "outcomes[].desired_direction"}
    assert nested | {"principles[].mechanism", "exclusions[].stage", "texts[].file"} <= keys


@pytest.mark.parametrize("path", [path for path, _ in _model_keys(Dossier)])
def test_format_doc_documents_every_dossier_key(path: str) -> None:
    info = dict(_model_keys(Dossier))[path]
    rows = _rows_for(_section("The dossier file"), path)
    assert len(rows) == 1, f"docs/dossier-format.md needs one table row for `{path}`"
    assert ("**required**" in rows[0]) == info.is_required(), rows[0]


@pytest.mark.parametrize("column", KNOWN_COLUMNS)
def test_format_doc_documents_every_coding_column(column: str) -> None:
    rows = _rows_for(_section("The coding sheet"), column)
    assert rows, f"docs/dossier-format.md needs a table row for coding column `{column}`"
    for row in rows:
        assert ("**required**" in row) == (column in REQUIRED_COLUMNS), row
        assert ("study-level" in row) == (column in STUDY_COLUMNS), row


def test_format_doc_documents_principle_flag_columns() -> None:
    assert _rows_for(_section("The coding sheet"), f"{PRINCIPLE_PREFIX}<id>")


def test_format_doc_shows_the_real_schema_list(cli: Any) -> None:
    result = cli("schema", "--list")
    assert result.exit_code == 0
    block = _fenced_block_with(FORMAT_DOC, "$ watwerkt schema --list")
    assert f"$ watwerkt schema --list\n{result.stdout}" in block


# ----------------------------------------------------------------- public names


def _public_names(module: types.ModuleType) -> set[str]:
    """Names a user of ``module`` sees as public API.

    Every name not starting with '_', except submodules (bound as a side
    effect of importing them) and helpers imported from outside watwerkt
    (``annotations``, typing names …).
    """
    names = set()
    for name, obj in vars(module).items():
        if name.startswith("_") or isinstance(obj, types.ModuleType):
            continue
        origin = getattr(obj, "__module__", module.__name__)
        if isinstance(origin, str) and origin.split(".")[0] != "watwerkt":
            continue
        names.add(name)
    return names


@pytest.mark.parametrize("module_name", CURATED)
def test_all_is_sorted(module_name: str) -> None:
    exported = importlib.import_module(module_name).__all__
    assert exported == sorted(exported)
    assert len(set(exported)) == len(exported)


@pytest.mark.parametrize("module_name", CURATED)
def test_all_equals_public_names(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert set(module.__all__) == _public_names(module)
