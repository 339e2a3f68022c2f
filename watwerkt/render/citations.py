"""The reference list of a dossier and in-text citations that link to it.

Every reference that the audit keeps (included or excluded with a reason) is
listed in APA 7 (:func:`watwerkt.library.apa.reference_list`) with an anchor
``ref-<key>``; study lists, the excluded-references table and the claims
cite from that same list, so each citation is a link that resolves and its
a/b year suffix matches the entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import Markup

from watwerkt.library.apa import ApaEntry, ReferenceList, reference_list
from watwerkt.model import Reference, Study
from watwerkt.render.anchors import Anchors
from watwerkt.render.escaping import markdown_escape
from watwerkt.render.view import Link, ReferenceView

__all__ = ["Citations"]


def _entry_markdown(entry: ApaEntry) -> Markup:
    """Return the entry as Markdown: every run escaped, italics as ``*…*``."""
    parts = []
    for run in entry.runs:
        text = markdown_escape(run.text)
        parts.append(f"*{text}*" if run.italic and text.strip() else text)
    return Markup("".join(parts))  # noqa: S704 - each run escaped above


class Citations:
    """Cite references and studies as links into one APA reference list."""

    def __init__(
        self,
        references: Iterable[Reference],
        studies: Mapping[str, Study],
        study_references: Mapping[str, tuple[str, ...]],
        anchors: Anchors,
        lang: str,
    ) -> None:
        self._list: ReferenceList = reference_list(list(references), lang=lang)
        self._keys = {e.key for e in self._list.entries}
        self._studies = studies
        self._study_references = study_references
        self._anchors = anchors
        for entry in self._list.entries:  # anchors in list order: stable across builds
            anchors.get("ref", entry.key)

    def has(self, key: str) -> bool:
        """Return True when ``key`` is in the reference list."""
        return key in self._keys

    def cite(self, key: str) -> Link:
        """Return the citation of one reference (``Guerra & Slaby, 1990``) as a link.

        A key that is not in the list (e.g. a removed duplicate) is shown as it
        is, without a link target of its own (anchor ``""``).
        """
        if key not in self._keys:
            return Link(key, "")
        text = self._list.cite(key)[1:-1]  # without the parentheses
        if text.startswith("*") and "*," in text:  # an authorless work: APA italics marker
            text = text[1:].replace("*,", ",", 1)
        return Link(text, self._anchors.get("ref", key))

    def cite_study(self, study: str) -> tuple[Link, ...]:
        """Return a link per reference of ``study`` (its reports), or the study id."""
        keys = self._study_references.get(study) or (
            self._studies[study].references if study in self._studies else ()
        )
        links = tuple(self.cite(k) for k in keys if self.has(k))
        return links or (Link(study, ""),)

    def study_label(self, study: str) -> str:
        """Return the study as plain text for figure labels (its citations, ``; ``-joined)."""
        return "; ".join(link.text for link in self.cite_study(study))

    def entries(self) -> tuple[ReferenceView, ...]:
        """Return the reference list, in APA order, with anchors."""
        return tuple(
            ReferenceView(
                anchor=self._anchors.get("ref", e.key),
                key=e.key,
                html=Markup(e.html()),  # noqa: S704 - ApaEntry.html() escapes every run
                markdown=_entry_markdown(e),
            )
            for e in self._list.entries
        )
