"""The scoring rules of a reflection tool, in one place.

Both scorers read these values from the questionnaire, never from their own
copy: :func:`watwerkt.reflection.generate.generate_tool` writes them into the
tool's ``scoring`` block (:class:`~watwerkt.reflection.model.ScoringRules`),
the Python scorer (:mod:`watwerkt.reflection.scoring`) and the JavaScript of
the HTML form (``templates/form.js``) read them from there. Changing a rule
here changes both, and the content hash of the tool, so answers given under
the old rules are recognised as belonging to another version.

The rules
---------
Scale
    Closed items are answered on a labelled 4-point scale, ``0`` *niet / not*,
    ``1`` *een beetje / a little*, ``2`` *grotendeels / largely*, ``3``
    *volledig / fully*, or ``"na"`` (*niet van toepassing / not applicable*).
Coverage of a principle
    The mean of its answered closed items on 0–3, as a percentage of the
    maximum: ``coverage = mean / 3 * 100``. Items answered "not applicable"
    and unanswered items are left out of the mean and counted
    (``n_not_applicable``, ``n_missing``). No answered item: no coverage
    (``None``), with status ``not_applicable`` when every item was "not
    applicable" and ``unanswered`` otherwise.
Gap
    A principle whose mean is below :data:`GAP_BELOW` (2, *grotendeels*):
    the practice applies it at most "a little" on average.
Order of gaps
    By the strength of the evidence behind the principle, strongest first
    (:data:`CERTAINTY_ORDER`: GRADE certainty high > moderate > low > very
    low > none, where a principle's certainty is the highest over its
    findings with pooled studies), then by coverage (lowest first), then in
    dossier order. A strongly supported principle the practice lacks comes
    first: that is where change is most likely to pay off.
Invalid, unknown and missing answers
    A value that is not a valid answer to its item (``7``, ``"yes"``, a
    number for a text question) is *invalid*: it is kept, never scored, and
    counted in ``n_invalid`` of its principle or block, not as missing. An
    answer to an item id the tool does not know is *unknown*: kept and
    counted. A closed or choice item with neither a valid nor an invalid
    answer (absent or ``null``) is *missing*. An integral number such as
    ``2.0`` is the answer ``2`` (JSON, and so the browser, does not tell them
    apart).
Open answers
    An open or "what would you need" answer appears in the profile when it
    holds a character other than :data:`TEXT_WHITESPACE`.
Partial profile
    ``partial`` is true when any closed or choice item is missing, any answer
    is invalid or unknown, or the answers were not given with exactly this
    tool (``answers_tool`` absent, or another id, version or content hash).
    The ``status`` of a principle is ``partial`` when some of its closed
    items are answered and others missing or invalid.
QuickScan building block
    Met when every closed item of the block is answered :data:`BLOCK_MET_AT`
    (2, *grotendeels*) or higher. See :mod:`watwerkt.reflection.quickscan`
    for how met blocks and the evidence question map to recognition levels.
"""

from __future__ import annotations

from typing import Final

from watwerkt.model import CertaintyLevel

__all__ = [
    "BLOCK_MET_AT",
    "CERTAINTY_ORDER",
    "GAP_BELOW",
    "NOT_APPLICABLE",
    "SCALE_VALUES",
    "TEXT_WHITESPACE",
]

#: Values of the 4-point scale, lowest first (labels: reflect.scale.0 … 3).
SCALE_VALUES: Final[tuple[int, ...]] = (0, 1, 2, 3)
#: The answer for "not applicable" on a closed item.
NOT_APPLICABLE: Final[str] = "na"
#: A principle whose mean answer is below this value is a gap.
GAP_BELOW: Final[int] = 2
#: A building block of the QuickScan is met when each item is at least this value.
BLOCK_MET_AT: Final[int] = 2
#: Strength of evidence, strongest first; ``None``: no graded finding.
CERTAINTY_ORDER: Final[tuple[str | None, ...]] = (
    CertaintyLevel.HIGH.value,
    CertaintyLevel.MODERATE.value,
    CertaintyLevel.LOW.value,
    CertaintyLevel.VERY_LOW.value,
    None,
)
#: Characters that do not make an open answer (the same in the form's JavaScript).
TEXT_WHITESPACE: Final[str] = " \t\n\r\f\v"
