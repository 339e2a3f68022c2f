"""Recognition-level rules on constructed sets of studies (z = yi / sqrt(vi), 1.96 cut-off)."""

from __future__ import annotations

import pytest

from watwerkt.model import RecognitionLevel
from watwerkt.synthesis.recognition import StudyResult, recognition_level

GOOD = 0.5, 0.04  # z = 2.5: significant, favourable
NULL = 0.1, 0.04  # z = 0.5
HARM = -0.5, 0.04  # z = -2.5


def s(study: str, design: str, months: float | None, effect: tuple[float, float]) -> StudyResult:
    return StudyResult(study, design, months, *effect)


@pytest.mark.parametrize(
    ("studies", "expected"),
    [
        ([s("a", "pre_post", 12, GOOD)], RecognitionLevel.EFFECTIEF_EERSTE_AANWIJZINGEN),
        ([s("a", "quasi_experiment", 3, GOOD)], RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN),
        # two controlled favourable studies, but neither 6 months after: only goede
        (
            [s("a", "rct", 3, GOOD), s("b", "rct", 5.9, GOOD)],
            RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN,
        ),
        (
            [s("a", "rct", 3, GOOD), s("b", "cluster_rct", 6, GOOD)],
            RecognitionLevel.EFFECTIEF_STERKE_AANWIJZINGEN,
        ),
        # two rows of ONE study count once: goede, not sterke
        (
            [s("a", "rct", 12, GOOD), s("a", "rct", 3, GOOD)],
            RecognitionLevel.EFFECTIEF_GOEDE_AANWIJZINGEN,
        ),
        ([s("a", "rct", 12, NULL), s("b", "rct", 12, NULL)], None),
        # as many harmful as favourable controlled studies: no level
        ([s("a", "rct", 12, GOOD), s("b", "quasi_experiment", 12, HARM)], None),
        # a cohort study is no evidence for effectiveness
        ([s("a", "cohort", 12, GOOD)], None),
        # a harmful controlled study outweighs an uncontrolled favourable one
        ([s("a", "pre_post", 12, GOOD), s("b", "rct", 12, HARM)], None),
    ],
)
def test_recognition_level(studies: list[StudyResult], expected: RecognitionLevel | None) -> None:
    assert recognition_level(studies) is expected
