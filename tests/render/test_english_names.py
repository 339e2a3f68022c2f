"""English rendering uses the dossier's English texts (``name_en`` ...), Dutch stays Dutch.

Built from the real example dossier dossiers/recidive-cgt (Landenberger & Lipsey,
2005), whose dossier.yaml gives every principle and the outcome an English name.
"""

from __future__ import annotations

from markupsafe import escape

from tests.render.conftest import EXAMPLES, built
from watwerkt.files.dossier_file import load_dossier

RECIDIVE = EXAMPLES / "recidive-cgt"


def test_english_render_shows_english_principle_and_outcome_names() -> None:
    dossier = load_dossier(RECIDIVE)
    b = built(RECIDIVE, "en")
    for p in dossier.principles:
        for dutch, english in [
            (p.name, p.name_en),
            (p.description, p.description_en),
            (p.mechanism, p.mechanism_en),
        ]:
            assert str(escape(english)) in b.html, (p.id, english)
            assert str(escape(dutch)) not in b.html, (p.id, dutch)  # no Dutch text left over
        assert p.name_en in b.markdown.text, p.id
    assert b.view.byline[0].value == "Reoffending"  # the theme
    assert b.view.title == dossier.title_en
    assert "whether interventions with cognitive restructuring reduce reoffending:" in b.html
    # every conclusion sentence names the outcome in English
    findings = [*b.view.overall]
    findings += [f for c in b.view.categories for p in c.principles for f in p.findings]
    assert len(findings) == 1 + len(dossier.principles)
    for finding in findings:
        assert "reoffending" in finding.conclusion, finding.conclusion
        assert "recidive" not in finding.conclusion.lower(), finding.conclusion


def test_english_figures_label_principles_in_english() -> None:
    figures = {f.name: str(f.svg) for f in built(RECIDIVE, "en").view.figures()}
    gap = next(svg for name, svg in figures.items() if "gap-map" in name)
    assert "Cognitive restructuring" in gap
    assert "Cognitieve herstructurering" not in gap


def test_dutch_render_keeps_the_dutch_names() -> None:
    b = built(RECIDIVE, "nl")
    assert "Cognitieve herstructurering" in b.html
    assert "Cognitive restructuring" not in b.html
    assert "interventies met cognitieve herstructurering recidive" in b.html
