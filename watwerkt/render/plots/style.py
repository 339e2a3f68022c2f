"""The one palette, the text style and the number format shared by every plot.

Colours come from the Okabe-Ito palette (Okabe & Ito, 2008, *Color Universal
Design*), designed to stay distinguishable with the common forms of colour
blindness (deuteranopia, protanopia, tritanopia) and in greyscale print. It
is categorical; for the ordinal GRADE certainty scale we take its blue pair for
the two upper levels and its orange pair for the two lower ones, so "more
certain" and "less certain" differ in hue *and* lightness (blue/orange is the
contrast colour-blind readers keep), and "not graded" is neutral grey. No plot
relies on colour alone: direction is a marker shape, and every number is text.

Numbers are formatted by :mod:`watwerkt.numbers`, as in the prose: the
language's decimal separator (``nl``: comma) and a true minus sign.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Final

import matplotlib as mpl
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath

from watwerkt.messages import Language, get_language, message

__all__ = [
    "CERTAINTY_COLOURS",
    "CERTAINTY_LEVELS",
    "OKABE_ITO",
    "ROLE",
    "count_studies",
    "plot_style",
    "resolve_language",
    "text_width",
    "wrap",
]

#: The Okabe-Ito palette (name → hex), the source of every colour in our plots.
OKABE_ITO: Final[dict[str, str]] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colours by role: ink for text and study markers, the accent for pooled
#: results, a second accent for imputed (trim-and-fill) studies, greys for
#: reference lines, grid and empty cells.
ROLE: Final[dict[str, str]] = {
    "ink": "#222222",
    "muted": "#666666",
    "rule": "#999999",
    "grid": "#DDDDDD",
    "region": "#EEEEEE",
    "pooled": OKABE_ITO["blue"],
    "prediction": OKABE_ITO["vermillion"],
    "imputed": OKABE_ITO["vermillion"],
    "box": "#F4F4F4",
    "warning": OKABE_ITO["orange"],
}

#: GRADE certainty levels from high to none (``none``: not graded / no pooled result).
CERTAINTY_LEVELS: Final[tuple[str, ...]] = ("high", "moderate", "low", "very_low", "none")

#: Certainty level → colour (see the module docstring for the choice).
CERTAINTY_COLOURS: Final[dict[str, str]] = {
    "high": OKABE_ITO["blue"],
    "moderate": OKABE_ITO["sky_blue"],
    "low": OKABE_ITO["orange"],
    "very_low": OKABE_ITO["vermillion"],
    "none": "#AAAAAA",
}

#: Font size of body text in the plots, in points.
FONT_SIZE: Final[float] = 9.0

#: The rcParams every plot is drawn under: text stays text in the SVG (small,
#: selectable, read by screen readers), no mathtext (labels are untrusted), no
#: LaTeX, and a sans-serif list that browsers resolve without fetching a font.
_RC: Final[Any] = {
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial", "Helvetica"],
    "font.size": FONT_SIZE,
    "axes.edgecolor": ROLE["ink"],
    "axes.labelcolor": ROLE["ink"],
    "text.color": ROLE["ink"],
    "xtick.color": ROLE["ink"],
    "ytick.color": ROLE["ink"],
    "axes.linewidth": 0.8,
    "legend.frameon": False,
    "svg.image_inline": True,
}

_TEXT_TO_PATH = TextToPath()


@contextmanager
def plot_style(hashsalt: str) -> Iterator[None]:
    """Draw and save under the shared style, with ``hashsalt`` for the SVG ids.

    rcParams are global in matplotlib; :func:`matplotlib.rc_context` restores
    them afterwards, so nothing leaks into a caller's own plots.
    """
    with mpl.rc_context({**_RC, "svg.hashsalt": hashsalt}):
        yield


def resolve_language(lang: str | None) -> Language:
    """Return ``lang`` when it is a catalogue language, else the process default.

    The same rule as :func:`watwerkt.messages.message`, so labels and numbers
    never disagree on the language.
    """
    if lang == "nl":
        return "nl"
    if lang == "en":
        return "en"
    return get_language()


def count_studies(n: int, lang: str | None = None) -> str:
    """Return "1 studie" / "12 studies" (nl), "1 study" / "12 studies" (en).

    Examples
    --------
    >>> count_studies(1, "nl"), count_studies(3, "en")
    ('1 studie', '3 studies')
    """
    if n == 1:
        return message("render.plot.one_study", resolve_language(lang))
    return message("render.plot.n_studies", resolve_language(lang), n=n)


def text_width(text: str, size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """Return the width of one line of ``text`` in points, as DejaVu Sans sets it.

    Used to size text columns before drawing; browsers that substitute a
    narrower sans-serif only make the columns roomier.
    """
    return _text_width(text, size, bold) if text else 0.0


@lru_cache(maxsize=4096)
def _text_width(text: str, size: float, bold: bool) -> float:
    # DejaVu Sans (shipped with matplotlib) named directly: no rc_context, which copies
    # every rcParam on each call
    prop = FontProperties(family="DejaVu Sans", size=size,
                          weight="bold" if bold else "normal")
    width, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return float(width)


def wrap(text: str, width: float, size: float = FONT_SIZE, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points (words kept whole).

    A single word wider than ``width`` is split by characters, so no line
    overflows its box; no text is dropped.

    Examples
    --------
    >>> wrap("een twee drie", 40)
    ['een', 'twee', 'drie']
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, bold=bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while text_width(word, size, bold=bold) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], size, bold=bold) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines

