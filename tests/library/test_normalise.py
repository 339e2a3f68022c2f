"""DOI/URL/name normal forms, and the curated public surface of watwerkt.library."""

from __future__ import annotations

import types

import pytest

import watwerkt.library as library
from watwerkt.library.normalise import (
    is_doi,
    normalise_doi,
    normalise_url,
    person,
    split_particle,
    title_key,
)


@pytest.mark.parametrize(
    "raw",
    [
        "10.1007/s11292-005-3541-7",
        "10.1007/S11292-005-3541-7",
        "https://doi.org/10.1007/s11292-005-3541-7",
        "http://dx.doi.org/10.1007/s11292-005-3541-7",
        "doi:10.1007/s11292-005-3541-7",
        "DOI: 10.1007/s11292-005-3541-7.",
        " https://www.doi.org/10.1007%2Fs11292-005-3541-7 ",
    ],
)
def test_doi_spellings_normalise_to_one_form(raw: str) -> None:
    assert normalise_doi(raw) == "10.1007/s11292-005-3541-7"


def test_doi_shape() -> None:
    assert is_doi("10.1000/abc")
    assert not is_doi("10.1/abc")  # registrant codes have at least four digits
    assert not is_doi("n/a")
    assert normalise_doi("") == ""


def test_urls() -> None:
    assert normalise_url("www.movisie.nl") == "https://www.movisie.nl"
    assert normalise_url(" <http://x.nl/a?b=1> ") == "http://x.nl/a?b=1"


def test_particles_and_titles() -> None:
    assert split_particle("van der Zwet", "") == ("Zwet", "van der")
    assert split_particle("van", "") == ("van", "")  # a family name that is only "van" stays
    assert split_particle("Van Damme", "") == ("Van Damme", "")
    renske = person("Zwet", "Renske", "Van der")
    assert (renske.particle, renske.family) == ("van der", "Zwet")
    assert title_key("Samen eten: een RCT") == title_key("SAMEN ETEN: EEN RCT.")
    # A long main title is matched without its subtitle; a short one keeps it.
    assert title_key("Effects of cognitive-behavioral programs: A meta-analysis") == (
        "effectsofcognitivebehavioralprograms"
    )
    assert title_key("Eten: deel 1") != title_key("Eten: deel 2")


def test_all_is_sorted_and_lists_every_public_name() -> None:
    public = {
        name
        for name, value in vars(library).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert library.__all__ == sorted(library.__all__)
    assert set(library.__all__) == public


def test_dutch_catalogue_order_with_particle_after_initials() -> None:
    zwet = person("Zwet", "R. van der")
    assert (zwet.family, zwet.given, zwet.particle) == ("Zwet", "R.", "van der")
    capital = person("Van der Zwet", "R.")
    assert (capital.family, capital.particle) == ("Zwet", "van der")
    assert person("Van Damme", "J.").family == "Van Damme"
