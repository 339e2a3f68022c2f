"""The HTML form in a real browser (Debian's Chromium via Playwright, fixture browser_page).

Fill in, export, clear, re-import, compare the in-browser profile with the
Python scorer on the exported file; a malicious answer must not execute;
no console error, page error or network request; usable at 390 px wide.
"""

# ruff: noqa: E501 - exact messages and hand-computed rows are asserted as one line each

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from watwerkt.reflection.answers import read_answers
from watwerkt.reflection.model import ReflectionTool
from watwerkt.reflection.output import write_tool
from watwerkt.reflection.scoring import score

EVIL = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.fixture
def form_url(recidive_tool: ReflectionTool, tmp_path: Path) -> str:
    write_tool(recidive_tool, tmp_path / "tool", ("html",))
    return (tmp_path / "tool" / "index.html").as_uri()


def _clean(page: Any) -> None:
    assert page.console_errors == []
    assert page.page_errors == []
    assert page.network_requests == []


def _profile(page: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.get_attribute("#profile", "data-profile"))
    return data


def _export(page: Any, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click("#export")
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def python_profile(path: Path, tool: ReflectionTool) -> dict[str, Any]:
    """The whole profile the CLI computes for the answers file ``path`` (as JSON data)."""
    reading = read_answers(path, tool)
    profile = score(
        tool,
        reading.answers,
        answers_tool=reading.tool,
        unknown=reading.unknown,
        invalid=reading.invalid,
    )
    data: dict[str, Any] = json.loads(json.dumps(profile.to_dict()))
    return data


def _fill(page: Any) -> None:
    page.check("input[name='cognitieve-vaardigheden.toepassing'][value='3']")
    page.check("input[name='cognitieve-vaardigheden.bewust'][value='1']")
    page.check("input[name='cognitieve-herstructurering.toepassing'][value='0']")
    page.check("input[name='cognitieve-herstructurering.bewust'][value='na']")
    page.check("input[name='perspectief-nemen.toepassing'][value='1']")
    page.check("input[name='perspectief-nemen.bewust'][value='0']")
    page.check("input[name='slachtofferbewustzijn.toepassing'][value='na']")
    page.check("input[name='slachtofferbewustzijn.bewust'][value='na']")
    page.check("input[name='terugvalpreventie.toepassing'][value='1']")
    page.fill("#t-perspectief-nemen\\.praktijk", "Rollenspel in de groep.\nTweede regel.")
    page.fill("#t-terugvalpreventie\\.nodig", "Tijd")
    for item in ("beschrijving.doelgroep-doelen", "beschrijving.aanpak", "beschrijving.samenhang",
                 "praktijk.ervaringen", "praktijk.procesevaluatie", "uitvoering.randvoorwaarden",
                 "uitvoering.kwaliteit", "uitvoering.overdraagbaar"):  # fmt: skip
        page.check(f"input[name='{item}'][value='2']")
    page.check("input[name='effect.onderzoek'][value='goede']")


def test_fill_export_reimport_and_same_profile_as_python(
    browser_page: Any, form_url: str, recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    page = browser_page
    page.goto(form_url)
    _fill(page)
    in_browser = _profile(page)
    exported = _export(page, tmp_path)
    assert exported.name == "antwoorden-recidive-cgt-0.1.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["tool"] == recidive_tool.ref().to_dict()
    assert data["answers"]["cognitieve-herstructurering.bewust"] == "na"
    assert data["answers"]["perspectief-nemen.praktijk"] == "Rollenspel in de groep.\nTweede regel."

    # The Python scorer on the exported file gives exactly the browser's profile.
    assert python_profile(exported, recidive_tool) == in_browser
    assert in_browser["partial"] is True  # 'terugvalpreventie.bewust' and 'onderbouwing' missing
    # ... and the numbers are the hand-computed ones (3+1)/2 = 2 -> 66.7 %, etc.
    by_id = {p["id"]: p for p in in_browser["principles"]}
    assert by_id["cognitieve-vaardigheden"]["coverage"] == 2 / 3 * 100
    assert by_id["perspectief-nemen"]["coverage"] == 0.5 / 3 * 100
    assert by_id["slachtofferbewustzijn"]["status"] == "not_applicable"
    assert by_id["terugvalpreventie"]["status"] == "partial"
    # perspectief-nemen (low certainty) before the very-low ones, these by coverage
    assert in_browser["gaps"] == [
        "perspectief-nemen", "cognitieve-herstructurering", "terugvalpreventie",
    ]  # fmt: skip
    # description, practice and implementation met, theory of change not answered
    assert in_browser["quickscan"]["level"] == "goed_beschreven"

    # Reload: the answers were kept in the browser.
    page.reload()
    assert page.is_checked("input[name='cognitieve-vaardigheden.toepassing'][value='3']")
    assert _profile(page) == in_browser

    # Clear everything (confirming the dialog), then import the exported file again.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#clear")
    assert not page.is_checked("input[name='cognitieve-vaardigheden.toepassing'][value='3']")
    assert _profile(page)["gaps"] == []
    page.set_input_files("#import", str(exported))
    page.wait_for_function("document.getElementById('status').textContent.includes('ingelezen')")
    assert (
        page.text_content("#status")
        == "20 antwoorden ingelezen uit antwoorden-recidive-cgt-0.1.json."
    )
    assert page.is_checked("input[name='cognitieve-herstructurering.bewust'][value='na']")
    assert (
        page.input_value("#t-perspectief-nemen\\.praktijk")
        == "Rollenspel in de groep.\nTweede regel."
    )
    assert page.is_checked("input[name='effect.onderzoek'][value='goede']")
    assert _profile(page) == in_browser
    _clean(page)


def test_malicious_answers_file_executes_nothing(
    browser_page: Any, form_url: str, recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    page = browser_page
    page.goto(form_url)
    evil = {
        "format": "watwerkt-reflection-answers",
        "format_version": 1,
        "tool": {"id": EVIL, "version": EVIL, "hash": EVIL},
        "answers": {
            "perspectief-nemen.praktijk": EVIL,
            "perspectief-nemen.toepassing": EVIL,
            EVIL: EVIL,
            "__proto__": {"polluted": 1},
        },
    }
    path = tmp_path / "kwaadaardig.json"
    path.write_text(json.dumps(evil), encoding="utf-8")
    page.set_input_files("#import", str(path))
    page.wait_for_function("document.getElementById('status').textContent.includes('ingelezen')")
    # The open answer is shown as text in its textarea, nothing else was inserted as HTML.
    assert page.input_value("#t-perspectief-nemen\\.praktijk") == EVIL
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.evaluate("({}).polluted") is None
    status = page.text_content("#status")
    assert EVIL in status  # shown as text: the other tool's id, not interpreted
    assert "3 antwoorden passen niet bij deze vragen" in status
    # Exporting keeps the answers the form could not show (nothing lost).
    exported = json.loads(_export(page, tmp_path).read_text(encoding="utf-8"))
    assert exported["answers"][EVIL] == EVIL
    assert exported["answers"]["perspectief-nemen.toepassing"] == EVIL
    assert exported["answers"]["__proto__"] == {"polluted": 1}
    _clean(page)


def test_phone_viewport_has_no_horizontal_overflow(browser_page: Any, form_url: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(form_url)
    _fill(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    # Every radio button has a label a finger can hit (at least 44 px high).
    heights = page.evaluate(
        "Array.from(document.querySelectorAll('.scale label')).map(l => l.getBoundingClientRect().height)"
    )
    assert min(heights) >= 44
    _clean(page)


def test_form_is_accessible_by_structure(
    browser_page: Any, form_url: str, recidive_tool: ReflectionTool
) -> None:
    page = browser_page
    page.goto(form_url)
    n_closed = sum(1 for p in recidive_tool.principles for i in p.items if i.kind == "closed")
    n_blocks = sum(1 for b in recidive_tool.quickscan.blocks for _ in b.items)
    assert (
        page.evaluate("document.querySelectorAll('fieldset > legend').length")
        == n_closed + n_blocks
    )
    unlabelled = page.evaluate(
        "Array.from(document.querySelectorAll('textarea')).filter(t => !document.querySelector("
        "'label[for=\"' + CSS.escape(t.id) + '\"]')).length"
    )
    assert unlabelled == 0
    assert page.evaluate("document.documentElement.lang") == "nl"
    _clean(page)


def _import(page: Any, path: Path) -> None:
    page.evaluate("document.getElementById('status').textContent = ''")
    page.set_input_files("#import", str(path))
    page.locator("#status", has_text="ingelezen uit " + path.name).wait_for()


def test_imported_file_with_problems_gives_the_python_profile(
    browser_page: Any, form_url: str, recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    """Synthetic answers file: invalid values, unknown ids (one null), missing answers, 2.0."""
    page = browser_page
    page.goto(form_url)
    answers = {
        "cognitieve-vaardigheden.toepassing": 3,
        "cognitieve-vaardigheden.bewust": 7,  # out of range: invalid
        "cognitieve-herstructurering.toepassing": 2.0,  # the answer 2
        "cognitieve-herstructurering.bewust": "na",
        "perspectief-nemen.toepassing": "grotendeels",  # a label, not a value: invalid
        "perspectief-nemen.praktijk": 12,  # a number for a text question: invalid
        "terugvalpreventie.bewust": None,  # explicitly unanswered
        "beschrijving.aanpak": True,  # invalid
        "effect.onderzoek": "heel-sterk",  # not an option: invalid
        "oud.element": 2,  # unknown item
        "oud.leeg": None,  # unknown item, null
    }
    for ref in (recidive_tool.ref().to_dict(), {**recidive_tool.ref().to_dict(), "version": "0.0"}):
        path = tmp_path / f"met-problemen-{ref['version']}.json"
        data = {"format": "watwerkt-reflection-answers", "format_version": 1, "tool": ref}
        path.write_text(json.dumps({**data, "answers": answers}), encoding="utf-8")
        _import(page, path)
        in_browser = _profile(page)
        python = python_profile(path, recidive_tool)
        assert in_browser == python
        assert (python["n_invalid"], python["n_unknown"], python["partial"]) == (5, 2, True)
        # 11 principles x 2 closed items + 11 QuickScan items; 3 valid, 4 invalid among them
        assert python["n_missing"] == 33 - 3 - 4
        assert python["answers_tool"] == ref
        assert page.is_visible("#partial")
        # Exported again right away: the same file content, the same profile.
        exported = _export(page, tmp_path)
        again = json.loads(exported.read_text(encoding="utf-8"))
        assert again["tool"] == ref
        # everything kept; 2.0 is written 2, and the null of a known item (no answer) is
        # not written, as the form writes no unanswered question
        expected = {**answers, "cognitieve-herstructurering.toepassing": 2}
        del expected["terugvalpreventie.bewust"]
        assert again["answers"] == expected
    # Answering a question in the form makes the answers this tool's.
    page.check("input[name='terugvalpreventie.bewust'][value='1']")
    assert _profile(page)["answers_tool"] == recidive_tool.ref().to_dict()
    assert _profile(page) == python_profile(_export(page, tmp_path), recidive_tool)
    _clean(page)


def test_stored_answers_of_another_version_are_offered_not_filled_in(
    browser_page: Any, form_url: str, recidive_tool: ReflectionTool, tmp_path: Path
) -> None:
    page = browser_page
    page.goto(form_url)
    old = {"id": recidive_tool.id, "version": "0.0", "hash": "sha256:oud", "lang": "nl"}
    stored = {"hash": "sha256:oud", "tool": old, "answers": {"perspectief-nemen.toepassing": 3}}
    page.evaluate(
        "s => localStorage.setItem('watwerkt:recidive-cgt:0.0', JSON.stringify(s))", stored
    )
    page.reload()
    assert not page.is_checked("input[name='perspectief-nemen.toepassing'][value='3']")
    assert page.is_visible("#older")
    assert "versie 0.0" in page.text_content("#older")
    # Saved as a file: the old version's answers, with the old tool block.
    with page.expect_download() as info:
        page.click("#older .save-older")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "antwoorden-recidive-cgt-0.0.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert (data["tool"], data["answers"]) == (old, stored["answers"])
    # Taken over: filled in, flagged as another version (partial), the old entry kept.
    page.click("#older .take-over")
    assert page.is_checked("input[name='perspectief-nemen.toepassing'][value='3']")
    profile = _profile(page)
    assert (profile["answers_tool"], profile["partial"]) == (old, True)
    assert profile == python_profile(saved, recidive_tool)
    assert page.evaluate("localStorage.getItem('watwerkt:recidive-cgt:0.0')") is not None
    _clean(page)


def test_answered_cell_does_not_wrap_on_desktop(browser_page: Any, form_url: str) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(form_url)
    # each cell "0 van 2 (n.v.t.: 0)" is one line: one client rect for its text
    lines = page.evaluate(
        "Array.from(document.querySelectorAll('td.counts')).map(td => {"
        " const r = document.createRange(); r.selectNodeContents(td);"
        " return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size; })"
    )
    assert lines
    assert set(lines) == {1}
    assert "unsafe-inline" not in page.get_attribute(
        "meta[http-equiv='Content-Security-Policy']", "content"
    )
    _clean(page)
