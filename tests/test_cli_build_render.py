"""`watwerkt build` with the rendered formats: defaults, languages, errors, atomic outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE_DOSSIER
from watwerkt import cli_build
from watwerkt.cli import main
from watwerkt.messages import set_language

FIXTURE = Path(__file__).parent / "data" / "render-fixture"
LEREN = EXAMPLE_DOSSIER.parent / "leren-door-schrijven"


@pytest.fixture
def runner() -> CliRunner:
    yield CliRunner()
    set_language("nl")


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_default_out_and_formats(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    out = Path("build") / "render-fixture"
    assert result.stdout.splitlines() == [
        f"6 bevindingen geschreven naar {out / 'findings.json'}",
        f"1 claims gecontroleerd (0 met een waarschuwing), geschreven naar {out / 'claims.json'}",
        f"geschreven: {out / 'dossier.md'}",
        f"Open {out / 'index.html'} in een browser (werkt ook offline)",
    ]
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names[:4] == ["claims.json", "dossier.md", "figures/fig-forest-alle-eenzaamheid.svg",
                         "figures/fig-forest-alle-welbevinden.svg"]  # fmt: skip
    assert "index.html" in names
    assert "findings.json" in names
    assert not [n for n in names if n.endswith(".tmp") or "/." in n or n.startswith(".")]
    assert result.stderr == ""  # not a terminal: no progress lines


def test_english_build_and_message(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["--lang", "en", "build", str(FIXTURE), "--format", "html", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Open {tmp_path / 'index.html'} in a browser (works offline too)\n"
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Summary of findings" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def test_build_lang_option_sets_the_document_language(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["build", str(FIXTURE), "--format", "md", "--lang", "en", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"geschreven: {tmp_path / 'dossier.md'}\n"  # messages stay Dutch
    assert "## Summary of findings" in (tmp_path / "dossier.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "onbekend formaat 'docx'; kies uit json, html, md, pdf"),
        ("en", "unknown format 'docx'; choose from json, html, md, pdf"),
    ],
)
def test_unknown_format(runner: CliRunner, tmp_path: Path, lang: str, expected: str) -> None:
    result = runner.invoke(
        main,
        ["--lang", lang, "build", str(FIXTURE), "--format", "html,docx", "--out", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not list(tmp_path.iterdir())


def test_pdf_without_weasyprint_names_the_extra(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_build, "pdf_available", lambda: False)
    result = runner.invoke(
        main, ["build", str(FIXTURE), "--format", "html,pdf", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert "python3 -m pip install 'watwerkt[pdf]'" in result.stderr
    assert result.stderr.startswith("fout: PDF maken vraagt WeasyPrint")
    assert not (tmp_path / "o").exists()  # checked before any work


def test_pdf_format(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    result = runner.invoke(main, ["build", str(FIXTURE), "--format", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dossier.pdf").read_bytes().startswith(b"%PDF-")
    assert result.stdout == f"geschreven: {tmp_path / 'dossier.pdf'}\n"


def test_failing_later_step_leaves_earlier_outputs_intact(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    first = runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = _snapshot(out)

    import watwerkt.render as render

    def broken(*_args: object) -> object:
        raise RuntimeError("markdown kapot")

    monkeypatch.setattr(render, "render_markdown", broken)  # after json and html are rendered
    second = runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)])
    assert second.exit_code == 2
    assert "markdown kapot" in second.stderr
    assert _snapshot(out) == before  # nothing replaced, no temp file left


def test_failing_write_leaves_every_file_whole(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)]).exit_code == 0
    before = _snapshot(out)
    calls = {"n": 0}
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the third file fails to move into place
            raise OSError("schijf vol")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 2
    after = _snapshot(out)
    assert set(after) == set(before)  # no temp file left behind
    changed = [name for name in before if after[name][1] != before[name][1]]
    # a rename failing half-way (all temp files already written) leaves the two files
    # moved before it new and the rest old; each file is whole either way
    assert len(changed) == 2
    for name in before:
        assert after[name][0] == before[name][0]  # every file whole (same build, same bytes)


def test_failing_temp_write_replaces_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every output is written to a temporary file before any is moved into place,
    # so a write failing on the third file (disk full) leaves all outputs as they were.
    import watwerkt.render.output_files as output_files

    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)]).exit_code == 0
    before = _snapshot(out)
    calls = {"n": 0}
    real_write_temp = output_files._write_temp

    def failing_write_temp(path: Path, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("schijf vol")
        return real_write_temp(path, data)

    monkeypatch.setattr(output_files, "_write_temp", failing_write_temp)
    result = runner.invoke(main, ["build", str(FIXTURE), "--out", str(out)])
    assert result.exit_code == 2
    assert calls["n"] == 3
    assert _snapshot(out) == before  # nothing replaced, no temp file left


def test_second_example_dossier_builds(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["build", str(LEREN), "--format", "html,md", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Bangert-Drowns" in html
    assert "Schrijven in de les" in html


def test_progress_lines_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    progress = cli_build._Progress(2, enabled=True)
    progress.step("read")
    progress.step("write")
    assert capsys.readouterr().err == "[1/2] dossier lezen\n[2/2] bestanden schrijven\n"
