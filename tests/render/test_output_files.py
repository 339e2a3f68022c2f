"""Output files: atomic, and never outside the output folder, also for hostile ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.conftest import FIXTURE
from watwerkt.model import Principle
from watwerkt.render import build_view, render_markdown
from watwerkt.render.output_files import OutsideOutputError, write_outputs
from watwerkt.synthesis.citation_check import check_claims
from watwerkt.synthesis.evidence import collect_evidence
from watwerkt.synthesis.findings import Synthesis, synthesize


def test_paths_outside_the_folder_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for bad in ("../x.svg", "figures/../../x.svg", str(tmp_path / "abs.svg")):
        with pytest.raises(OutsideOutputError, match="buiten de uitvoermap"):
            write_outputs(out, {"index.html": b"ok", bad: b"evil"})
        assert not (out / "index.html").exists()
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == []


def test_hostile_principle_id_gives_a_safe_figure_file(tmp_path: Path) -> None:
    evidence = collect_evidence(FIXTURE)
    assert evidence.dossier is not None
    synthesis = synthesize(evidence, lang="nl")
    checks = check_claims(synthesis, evidence.dossier)
    hostile = "../../x"  # dossier.yaml forbids it; the renderer must not rely on that
    old = evidence.dossier.principles[0]
    evidence.dossier = evidence.dossier.model_copy(
        update={"principles": (Principle.model_construct(**{**old.__dict__, "id": hostile}),
                               *evidence.dossier.principles[1:])}
    )  # fmt: skip
    findings = tuple(
        f.model_copy(update={"principle": hostile}) if f.principle == old.id else f
        for f in synthesis.findings
    )
    effects = synthesis.effects.copy()
    for column in ("principles", "unknown_principles"):  # the id as the coding sheet has it
        effects[column] = [
            tuple(hostile if pid == old.id else pid for pid in ids) for ids in effects[column]
        ]
    synthesis = Synthesis(findings, effects)
    view = build_view(evidence, synthesis, checks, "nl")
    out = render_markdown(view)
    names = [f.name for f in view.figures()]
    assert "fig-forest-x-eenzaamheid" in names
    written = write_outputs(tmp_path / "out", {"dossier.md": b"", **{
        k: v.encode() for k, v in out.figures.items()}})  # fmt: skip
    root = (tmp_path / "out").resolve()
    assert all(p.resolve().is_relative_to(root) for p in written)
    assert not (tmp_path / "x").exists()


def test_a_file_in_the_way_of_the_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutsideOutputError) as caught:
        write_outputs(blocker / "sub", {"index.html": b"x"})
    assert str(caught.value).startswith(f"uitvoermap {blocker / 'sub'} kan niet worden gemaakt:")
    assert caught.value.__cause__ is not None
    assert blocker.read_text(encoding="utf-8") == "not a folder"
