"""Anchors and figure names from untrusted ids: safe characters, unique, stable."""

from __future__ import annotations

from watwerkt.render.anchors import Anchors, slug


def test_slug_keeps_only_safe_characters() -> None:
    for raw in ("../../x", "a/b\\c", "<script>", "x\x00y", "Ëén twee", " ", "..", "ü" * 200):
        s = slug(raw)
        assert s, raw
        assert set(s) <= set("abcdefghijklmnopqrstuvwxyz0123456789-"), raw
        assert not s.startswith("-")
        assert not s.endswith("-")
        assert len(s) <= 60
    assert slug("../../x") == "x"
    assert slug("..") != slug("/")  # punctuation-only ids stay apart (hashed)


def test_anchors_are_unique_and_stable() -> None:
    a = Anchors()
    first = a.get("principle", "a b")
    assert a.get("principle", "a-b") == "principle-a-b-2"  # same slug, other id
    assert a.get("principle", "a b") == first
    assert a.reserve("principle-a-b") == "principle-a-b-3"
