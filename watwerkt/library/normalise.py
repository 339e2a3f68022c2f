"""Normal forms of DOIs, URLs, names and titles, for storing and for matching records.

Two exports of one article rarely agree to the byte: ``https://doi.org/10.1/ABC``
and ``doi:10.1/abc`` are the same DOI (DOIs are case-insensitive, DOI Handbook
§2.4), and "The Effects of CBT" and "The effects of CBT." are the same title.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from watwerkt.model import Person

_DOI_PREFIX = re.compile(
    r"^(?:https?://(?:dx\.|www\.)?doi\.org/|doi\.org/|doi:\s*|https?://hdl\.handle\.net/)",
    re.IGNORECASE,
)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")

#: Particles written before a Dutch (or German, French …) family name, lower case.
PARTICLES: frozenset[str] = frozenset(
    {
        "van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "uit",
        "von", "zu", "vom", "la", "le", "du", "des", "da", "di", "del", "della", "dos",
    }
)  # fmt: skip


def normalise_doi(value: str) -> str:
    """Return a bare, lower-case DOI, or ``""`` if ``value`` holds none.

    Examples
    --------
    >>> normalise_doi(" https://doi.org/10.1007/S11292-005-3541-7 ")
    '10.1007/s11292-005-3541-7'
    >>> normalise_doi("doi:10.1000/a%2Fb.")
    '10.1000/a/b'
    """
    text = unquote(_DOI_PREFIX.sub("", value.strip())).strip().rstrip(".,;")
    return text.lower()


def is_doi(value: str) -> bool:
    """Return True if a normalised DOI has the shape ``10.<registrant>/<suffix>``."""
    return bool(_DOI_SHAPE.match(value))


def normalise_url(value: str) -> str:
    r"""Return a URL without surrounding space, ``\url{}`` or angle brackets.

    A bare ``www.`` address gets ``https://``; anything else is kept as written.

    Examples
    --------
    >>> normalise_url(" <www.movisie.nl/wat-werkt> ")
    'https://www.movisie.nl/wat-werkt'
    """
    text = value.strip().strip("<>").strip()
    if text.lower().startswith("www."):
        text = "https://" + text
    return text


def fold(text: str) -> str:
    """Return ``text`` lower-cased, without accents and with only letters and digits.

    Examples
    --------
    >>> fold("Öztürk-van Dijk")
    'ozturkvandijk'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", plain.replace("ß", "ss").replace("ø", "o").replace("æ", "ae"))


def title_key(title: str) -> str:
    """Return the matching form of a title: folded, and cut at a subtitle colon.

    Subtitles are often dropped or changed by databases; the main title is
    what identifies the work.
    """
    main = title.split(":", 1)[0] if len(title.split(":", 1)[0]) >= 20 else title
    return fold(main)


def split_particle(family: str, particle: str) -> tuple[str, str]:
    """Move leading particles of ``family`` into ``particle``.

    BibTeX already splits "van der Zwet, R." into particle and family; RIS and
    CSV sources give "van der Zwet" as one family name. Leading particle
    words move when the first is in lower case ("van der Zwet") or when there
    are two or more ("Van der Zwet", as BibTeX reads it too). A single
    capitalised particle stays: "Van Damme" is a Flemish family name.

    Examples
    --------
    >>> split_particle("van der Zwet", "")
    ('Zwet', 'van der')
    >>> split_particle("Van der Zwet", "")
    ('Zwet', 'Van der')
    >>> split_particle("Van Damme", "")
    ('Van Damme', '')
    """
    words = family.split()
    n = 0
    while n < len(words) - 1 and words[n].lower() in PARTICLES:
        n += 1
    if n == 0 or (n == 1 and not words[0][:1].islower()):
        return family, particle
    return " ".join(words[n:]), " ".join(p for p in (particle, *words[:n]) if p)


def split_trailing_particle(given: str, particle: str) -> tuple[str, str]:
    """Move lower-case particles at the end of ``given`` into ``particle``.

    Dutch catalogues write "Zwet, R. van der"; the particle then arrives with
    the given names.

    Examples
    --------
    >>> split_trailing_particle("R. van der", "")
    ('R.', 'van der')
    """
    words = given.split()
    n = len(words)
    while n > 0 and words[n - 1] in PARTICLES and words[n - 1][:1].islower():
        n -= 1
    if n == len(words) or particle:
        return given, particle
    return " ".join(words[:n]), " ".join(words[n:])


def person(family: str, given: str = "", particle: str = "", suffix: str = "") -> Person:
    """Build a :class:`Person`, with the particle in lower case (see Notes).

    Notes
    -----
    In Dutch the capital of a particle depends on position, not on the name:
    "Renske van der Zwet", but "Van der Zwet, R." and "(Van der Zwet, 2019)".
    So the particle is stored in lower case and :mod:`watwerkt.library.apa`
    capitalises it where Dutch spelling does.
    """
    family, particle = split_particle(family.strip(), particle.strip())
    given, particle = split_trailing_particle(given.strip(), particle)
    return Person(
        family=family, given=given.strip(), particle=particle.lower(), suffix=suffix.strip()
    )


def first_author_key(people: tuple[Person, ...]) -> str:
    """Return the folded particle + family name of the first author, or ``""``.

    With the particle: databases that do not split particles ("Van der Zwet"
    as one family name) then still match the ones that do.
    """
    return fold(people[0].particle + people[0].family) if people else ""
