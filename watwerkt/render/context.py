"""What every part of the view builder shares: language, anchors, citations, scales.

One :class:`RenderContext` is made per rendering; the builders in
:mod:`watwerkt.render.view_findings` and :mod:`watwerkt.render.view_builder`
read the dossier through it and get labels, numbers and anchors from it,
so the same id always gets the same anchor and every number the same format.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from watwerkt.messages import message
from watwerkt.model import Dossier, Finding
from watwerkt.numbers import fmt_effect, fmt_interval, fmt_number
from watwerkt.render.anchors import Anchors
from watwerkt.render.citations import Citations
from watwerkt.render.figures import RATIO_MEASURES
from watwerkt.render.labels import code_label

__all__ = ["RenderContext", "Scale"]


@dataclass(frozen=True, slots=True)
class Scale:
    """The measure of a finding: every number is shown on its analysis scale.

    Ratio measures (OR, RR, ROM, PETO) are analysed on the log scale, and the
    GRADE explanations of the synthesis quote log-scale intervals; so tables
    and plots show log values throughout, and the main effect adds the ratio
    (``exp``) once, for readers used to odds ratios.

    Examples
    --------
    >>> Scale("OR").ratio, Scale("SMD").ratio
    (True, False)
    """

    measure: str

    @property
    def ratio(self) -> bool:
        """True for log-scale measures (OR, RR, ROM, PETO)."""
        return self.measure in RATIO_MEASURES


def _exp(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return math.exp(value)


@dataclass
class RenderContext:
    """Language, anchors and citations of one rendering of one dossier."""

    dossier: Dossier
    lang: str
    anchors: Anchors
    citations: Citations
    directory: Path

    def shown_path(self, path: str) -> str:
        """Return a file path of the audit relative to the dossier folder (``coding.csv``).

        The audit shows paths relative to the working directory; in the dossier
        they are shown relative to its own folder, the same wherever it is built.
        """
        if not path:
            return path
        return Path(os.path.relpath(Path(path).resolve(), self.directory.resolve())).as_posix()

    def t(self, key: str, **params: object) -> str:
        """Return catalogue message ``render.<key>`` in the dossier's rendering language."""
        return message(f"render.{key}", self.lang, **params)

    def scale(self, finding: Finding) -> Scale:
        """Return the display scale of a finding's measure."""
        return Scale(str(finding.measure or ""))

    def effect(self, estimate: float | None, lower: float | None, upper: float | None) -> str:
        """Return ``estimate [lower; upper]``."""
        return fmt_effect(estimate, lower, upper, self.lang)

    def effect_with_ratio(
        self, scale: Scale, estimate: float | None, lower: float | None, upper: float | None
    ) -> str:
        """Return the effect; for a log-scale measure also as a ratio (``…; OR 1,53 [..]``)."""
        text = self.effect(estimate, lower, upper)
        ratio = self.ratio(scale, estimate, lower, upper)
        return self.t("ratio_effect", effect=text, ratio=ratio) if ratio else text

    def ratio(
        self, scale: Scale, estimate: float | None, lower: float | None, upper: float | None
    ) -> str:
        """Return a log-scale effect as a ratio, ``OR 1,53 [1,36; 1,72]`` (else ``""``)."""
        if not scale.ratio or estimate is None:
            return ""
        ratio = fmt_effect(_exp(estimate), _exp(lower), _exp(upper), self.lang)
        return f"{scale.measure} {ratio}"

    def interval(self, lower: float | None, upper: float | None) -> str:
        """Return ``[lower; upper]``."""
        return fmt_interval(lower, upper, self.lang)

    def number(self, value: float | None) -> str:
        """Return one value with two decimals."""
        return fmt_number(value, self.lang)

    def measure_label(self, scale: Scale) -> str:
        """Return what the numbers are, e.g. ``odds ratio`` or ``Hedges' g``."""
        if not scale.measure:
            return self.t("measure.none")
        label = code_label("measure", scale.measure, self.lang)
        return self.t("log_measure", measure=label) if scale.ratio else label

    def axis_label(self, scale: Scale) -> str:
        """Return the forest/funnel axis label: the measure and which side favours what."""
        return self.t("axis", measure=self.measure_label(scale))

    def outcome_name(self, outcome: str) -> str:
        """Return the outcome's name in the dossier's language (its id if it is unknown)."""
        try:
            return self.dossier.outcome(outcome).label(self.lang)
        except KeyError:
            return outcome

    def principle_name(self, principle: str | None) -> str:
        """Return the principle's name, or "all interventions" for ``None``."""
        if principle is None:
            return self.t("overall")
        try:
            return self.dossier.principle(principle).label(self.lang)
        except KeyError:
            return principle
