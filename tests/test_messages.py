"""The message catalogue: every message in Dutch and English with the same placeholders."""

from __future__ import annotations

import string

import pytest

from watwerkt.messages import CATALOGUE, LANGUAGES, message, set_language


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES)
    assert entry["nl"].strip()
    assert entry["en"].strip()
    assert placeholders(entry["nl"]) == placeholders(entry["en"])


def test_language_switch() -> None:
    set_language("en")
    try:
        assert message("file.empty") == "file is empty"
        assert message("file.empty", "nl") == "bestand is leeg"
    finally:
        set_language("nl")
    assert message("file.empty") == "bestand is leeg"
    with pytest.raises(ValueError, match="language must be one of"):
        set_language("de")
