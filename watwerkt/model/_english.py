"""English texts beside the Dutch ones: one rule for every ``<field>_en`` key.

A dossier is written in Dutch; an author may add an English text next to
any name or description as the same key with ``_en`` (``name_en``,
``description_en``, ``title_en``). The English rendering uses it and falls
back to the Dutch text when it is empty, so a half-translated dossier still
renders, in Dutch where English is missing.
"""

from __future__ import annotations

from typing import TypeVar

from watwerkt.messages import get_language

T = TypeVar("T", str, tuple[str, ...])


def in_language(dutch: T, english: T, lang: str | None) -> T:
    """Return ``english`` for ``lang == "en"`` when it is given, else ``dutch``.

    ``lang=None`` means the process language, as in :func:`watwerkt.messages.message`.

    Examples
    --------
    >>> in_language("Recidive", "Reoffending", "en"), in_language("Recidive", "", "en")
    ('Reoffending', 'Recidive')
    >>> in_language("Recidive", "Reoffending", "nl")
    'Recidive'
    """
    return english if (lang or get_language()) == "en" and english else dutch
