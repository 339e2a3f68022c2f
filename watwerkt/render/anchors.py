"""Safe, unique names for in-page anchors and figure files, derived from untrusted ids.

Principle, outcome and citation keys come from dossier.yaml and BibTeX files.
They become HTML ``id`` attributes (``#principle-…``) and file names
(``figures/forest-….svg``), so they are reduced to lower-case ASCII letters,
digits and hyphens (:func:`slug`): ``../../x`` becomes ``x`` and can never
name a path outside the output folder. Two ids that reduce to the same slug
get ``-2``, ``-3`` … (:class:`Anchors`), so every anchor stays unique and the
same id always gets the same anchor within one document.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["Anchors", "slug"]

_NOT_SAFE = re.compile(r"[^a-z0-9]+")
_MAX = 60


def slug(text: str) -> str:
    """Return ``text`` as ``[a-z0-9-]`` (accents dropped), never empty.

    Text without a single letter or digit gets a short hash, so different
    punctuation-only ids still differ.

    Examples
    --------
    >>> slug("Cognitieve herstructurering"), slug("../../x"), slug("Ωμέγα") == slug("Ωμέγα")
    ('cognitieve-herstructurering', 'x', True)
    >>> slug("..")
    'id-5ec1f7'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out = _NOT_SAFE.sub("-", folded.lower()).strip("-")[:_MAX].strip("-")
    if not out:
        out = "id-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return out


class Anchors:
    """Hand out unique anchors: the same ``(kind, raw)`` always gets the same one.

    Examples
    --------
    >>> a = Anchors()
    >>> a.get("ref", "smith2001"), a.get("ref", "Smith2001"), a.get("ref", "smith2001")
    ('ref-smith2001', 'ref-smith2001-2', 'ref-smith2001')
    >>> a.reserve("inhoud"), a.reserve("inhoud")
    ('inhoud', 'inhoud-2')
    """

    def __init__(self) -> None:
        self._given: dict[tuple[str, str], str] = {}
        self._used: set[str] = set()

    def _unique(self, base: str) -> str:
        name, n = base, 1
        while name in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name)
        return name

    def get(self, kind: str, raw: str) -> str:
        """Return the anchor of ``raw`` among ``kind`` (``ref``, ``principle`` …)."""
        key = (kind, raw)
        if key not in self._given:
            self._given[key] = self._unique(f"{kind}-{slug(raw)}")
        return self._given[key]

    def reserve(self, name: str) -> str:
        """Return a unique anchor for a fixed section name (e.g. ``samenvatting``)."""
        return self._unique(slug(name))
