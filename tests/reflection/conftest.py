"""Fixtures of the reflection tests: real example tools and a small hand-made dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from watwerkt.model import Certainty, CertaintyLevel, Conclusion, Dossier, Finding
from watwerkt.reflection.generate import generate_tool, tool_from_directory
from watwerkt.reflection.model import ReflectionTool

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def recidive_tool() -> ReflectionTool:
    """The tool of the real example dossier dossiers/recidive-cgt (Landenberger & Lipsey, 2005)."""
    return tool_from_directory(ROOT / "dossiers" / "recidive-cgt")


def small_dossier(reflection: dict[str, Any] | None = None) -> Dossier:
    """A synthetic three-principle dossier (test data, not real)."""
    data: dict[str, Any] = {
        "id": "klein",
        "title": "Klein testdossier",
        "version": "2.0",
        "theme": {"id": "test", "name": "Test"},
        "scope": {"question": "Werkt het?", "inclusion_criteria": ["alles"]},
        "outcomes": [{"id": "o", "name": "Uitkomst", "desired_direction": "increase"}],
        "principles": [
            {"id": "a", "name": "Element A", "description": "Wat A is.", "mechanism": "Waarom A."},
            {"id": "b", "name": "Element B", "description": "Wat B is."},
            {"id": "c", "name": "Element C"},
        ],
        "libraries": ["x.bib"],
    }
    if reflection is not None:
        data["reflection"] = reflection
    return Dossier.model_validate(data)


def finding(principle: str, level: CertaintyLevel | None, k: int = 3) -> Finding:
    """A synthetic finding with a given certainty (test data)."""
    return Finding(
        principle=principle,
        outcome="o",
        k=k,
        n_studies=k,
        certainty=None if level is None else Certainty(level=level),
        conclusion=Conclusion(nl=f"Conclusie over {principle}.", en=f"Conclusion on {principle}."),
    )


@pytest.fixture
def small_tool() -> ReflectionTool:
    """Small tool: B has high certainty, A low, C no finding at all."""
    findings = [finding("a", CertaintyLevel.LOW), finding("b", CertaintyLevel.HIGH)]
    return generate_tool(small_dossier(), findings)
