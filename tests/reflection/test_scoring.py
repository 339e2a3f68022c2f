"""Scoring: hand-computed coverage, gap order and QuickScan levels on a small synthetic tool.

The small tool (conftest.small_tool) has principles A (certainty low), B (high)
and C (no finding), each with two closed items on 0-3.
"""

from __future__ import annotations

import pytest

from watwerkt.model import RecognitionLevel
from watwerkt.reflection.model import ReflectionTool
from watwerkt.reflection.scoring import score

#: QuickScan answers that meet every closed item ('grotendeels' = 2 or more).
ALL_BLOCKS = {
    "beschrijving.doelgroep-doelen": 2, "beschrijving.aanpak": 3, "beschrijving.samenhang": 2,
    "onderbouwing.verandertheorie": 2, "onderbouwing.literatuur": 2,
    "praktijk.ervaringen": 3, "praktijk.procesevaluatie": 2,
    "uitvoering.randvoorwaarden": 2, "uitvoering.kwaliteit": 2, "uitvoering.overdraagbaar": 3,
}  # fmt: skip


def test_coverage_is_the_mean_as_percentage(small_tool: ReflectionTool) -> None:
    profile = score(
        small_tool, {"a.toepassing": 3, "a.bewust": 2, "b.toepassing": 1, "b.bewust": 0}
    )
    a, b, c = profile.principles
    # A: (3 + 2) / 2 = 2.5 -> 2.5 / 3 * 100 = 83.33 %
    assert (a.mean, a.coverage, a.n_answered, a.status, a.gap) == (
        2.5,
        2.5 / 3 * 100,
        2,
        "answered",
        False,
    )
    assert a.coverage == pytest.approx(250 / 3, rel=1e-12)
    # B: (1 + 0) / 2 = 0.5 -> 16.67 %, below 'grotendeels' (2): a gap
    assert (b.mean, b.gap) == (0.5, True)
    assert b.coverage == pytest.approx(50 / 3, rel=1e-12)
    # C: nothing answered
    assert (c.mean, c.coverage, c.n_missing, c.status, c.gap) == (
        None,
        None,
        2,
        "unanswered",
        False,
    )
    assert profile.gaps == ("b",)
    assert profile.unanswered == ("c",)


def test_not_applicable_is_left_out_and_counted(small_tool: ReflectionTool) -> None:
    profile = score(
        small_tool, {"a.toepassing": 1, "a.bewust": "na", "b.toepassing": "na", "b.bewust": "na"}
    )
    a, b, _ = profile.principles
    assert (a.mean, a.n_answered, a.n_not_applicable, a.status, a.gap) == (
        1.0,
        1,
        1,
        "answered",
        True,
    )
    assert (b.mean, b.n_not_applicable, b.status, b.gap) == (None, 2, "not_applicable", False)
    assert profile.unanswered == ("c",)


def test_partial_when_one_item_is_missing(small_tool: ReflectionTool) -> None:
    a = score(small_tool, {"a.toepassing": 2}).principles[0]
    assert (a.mean, a.coverage, a.n_answered, a.n_missing, a.status) == (
        2.0,
        2 / 3 * 100,
        1,
        1,
        "partial",
    )


def test_gaps_ordered_by_certainty_then_coverage(small_tool: ReflectionTool) -> None:
    # A (low): mean 1.5; B (high): mean 1.0; C (none): mean 0.0 -> B, A, C by certainty,
    # although C has the lowest coverage.
    answers = {
        "a.toepassing": 1,
        "a.bewust": 2,
        "b.toepassing": 1,
        "b.bewust": 1,
        "c.toepassing": 0,
        "c.bewust": 0,
    }
    assert score(small_tool, answers).gaps == ("b", "a", "c")


def test_equal_certainty_ordered_by_coverage_then_dossier_order(small_tool: ReflectionTool) -> None:
    b = small_tool.principles[1]
    same = small_tool.model_copy(
        update={
            "principles": (
                small_tool.principles[0],
                b.model_copy(update={"evidence": small_tool.principles[0].evidence}),
                small_tool.principles[2],
            )
        }
    )
    assert score(
        same, {"a.toepassing": 1, "a.bewust": 1, "b.toepassing": 0, "b.bewust": 1}
    ).gaps == ("b", "a")
    assert score(
        same, {"a.toepassing": 1, "a.bewust": 0, "b.toepassing": 0, "b.bewust": 1}
    ).gaps == ("a", "b")


def test_exactly_grotendeels_is_not_a_gap(small_tool: ReflectionTool) -> None:
    a = score(small_tool, {"a.toepassing": 2, "a.bewust": 2}).principles[0]
    assert (a.mean, a.gap) == (2.0, False)


def test_invalid_answers_are_counted_and_kept(small_tool: ReflectionTool) -> None:
    profile = score(
        small_tool, {"a.toepassing": 3}, invalid={"a.bewust": 7}, unknown={"x.y": "hallo"}
    )
    a = profile.principles[0]
    assert (a.n_answered, a.n_invalid, a.n_missing, a.status) == (1, 1, 0, "partial")
    assert profile.invalid_answers == {"a.bewust": 7}
    assert profile.unknown_answers == {"x.y": "hallo"}


@pytest.mark.parametrize(
    ("drop", "evidence", "level"),
    [
        ("beschrijving.aanpak", "sterke", None),  # description not met: no level at all
        ("onderbouwing.literatuur", "sterke", RecognitionLevel.GOED_BESCHREVEN),
        (None, None, RecognitionLevel.GOED_ONDERBOUWD),
        (None, "geen", RecognitionLevel.GOED_ONDERBOUWD),
        (None, "eerste", RecognitionLevel.EFFECTIEF_EERSTE_AANWIJZINGEN),
        (None, "goede", RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN),
        (None, "sterke", RecognitionLevel.EFFECTIEF_STERKE_AANWIJZINGEN),
    ],
)
def test_quickscan_levels(
    small_tool: ReflectionTool,
    drop: str | None,
    evidence: str | None,
    level: RecognitionLevel | None,
) -> None:
    answers: dict[str, int | str] = dict(ALL_BLOCKS)
    if drop:
        answers[drop] = 1  # 'een beetje': below 'grotendeels', so the block is not met
    if evidence:
        answers["effect.onderzoek"] = evidence
    qs = score(small_tool, answers).quickscan
    assert qs.level == level
    assert qs.evidence == evidence


def test_quickscan_block_numbers(small_tool: ReflectionTool) -> None:
    qs = score(
        small_tool,
        {"beschrijving.doelgroep-doelen": 3, "beschrijving.aanpak": 1, "effect.onderzoek": "goede"},
    ).quickscan
    block = {b.id: b for b in qs.blocks}
    # (3 + 1) / 2 = 2 -> 66.67 %; one of three items missing; 'aanpak' below 2: not met
    assert (
        block["beschrijving"].mean,
        block["beschrijving"].n_answered,
        block["beschrijving"].n_missing,
    ) == (2.0, 2, 1)
    assert block["beschrijving"].met is False
    assert (block["effect"].mean, block["effect"].n_answered, block["effect"].met) == (
        None,
        1,
        True,
    )
    assert block["onderbouwing"].met is False
    assert qs.level is None


def test_invalid_unknown_and_missing_are_counted_apart(small_tool: ReflectionTool) -> None:
    # Raw answers straight into score(): the invalid 7 is never averaged in, the unknown
    # id is kept, and 2.0 is the answer 2 (JSON does not tell them apart).
    profile = score(
        small_tool,
        {"a.toepassing": 7, "a.bewust": 2.0, "zz.onbekend": 1, "beschrijving.aanpak": "ja"},
        answers_tool=small_tool.ref(),
    )
    a = profile.principles[0]
    assert (a.mean, a.n_answered, a.n_invalid, a.n_missing, a.status) == (2.0, 1, 1, 0, "partial")
    block = {b.id: b for b in profile.quickscan.blocks}["beschrijving"]
    assert (block.n_answered, block.n_invalid, block.n_missing, block.met) == (0, 1, 2, False)
    assert profile.invalid_answers == {"a.toepassing": 7, "beschrijving.aanpak": "ja"}
    assert profile.unknown_answers == {"zz.onbekend": 1}
    assert (profile.n_invalid, profile.n_unknown) == (2, 1)
    # missing: b and c have 2 closed items each, the QuickScan 11 items of which 1 is invalid
    assert profile.n_missing == 2 + 2 + 10
    assert profile.partial is True


def test_complete_answers_on_this_tool_are_not_partial(small_tool: ReflectionTool) -> None:
    answers: dict[str, int | str] = {
        i.id: (i.options[0].value if i.kind == "choice" else 3 if i.kind == "closed" else "x")
        for i in small_tool.items().values()
    }
    assert score(small_tool, answers, answers_tool=small_tool.ref()).partial is False
    # the same answers from no tool block, or another version: partial
    assert score(small_tool, answers).partial is True
    other = small_tool.ref().model_copy(update={"version": "1.0"})
    assert score(small_tool, answers, answers_tool=other).partial is True


def test_blank_open_answer_is_left_out(small_tool: ReflectionTool) -> None:
    profile = score(small_tool, {"a.praktijk": " \t\n", "b.praktijk": "\u00a0ja"})
    by_id = {p.id: p for p in profile.principles}
    assert by_id["a"].practice == ()
    assert by_id["b"].practice == ("\u00a0ja",)


def test_profile_summary_in_both_languages(small_tool: ReflectionTool) -> None:
    profile = score(small_tool, {"a.toepassing": 2, "a.bewust": 3, "b.toepassing": 0, "x.y": 1})
    # a: (2 + 3) / 2 = 2.5 of 3 -> 83%; b: 0 of 3 -> 0%, below "grotendeels" -> a gap;
    # missing: 6 closed principle items + 11 QuickScan items - 3 answered = 14; x.y unknown
    assert profile.summary("nl").splitlines() == [
        "a: 83%, 2/2 beantwoord",
        "b: 0%, 1/2 beantwoord (verbeterpunt)",
        "c: –, 0/2 beantwoord",
        "QuickScan: geen niveau",
        "onvolledig: 14 ontbrekend, 0 ongeldig, 1 onbekend",
    ]
    assert profile.summary("en").splitlines()[1] == "b: 0%, 1/2 answered (gap)"
    assert profile.summary("en").splitlines()[-1] == "partial: 14 missing, 0 invalid, 1 unknown"
