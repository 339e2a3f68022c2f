"""Untrusted bytes never raise: every reader returns problems instead (property test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watwerkt.coding.table import read_table
from watwerkt.library.latex import latex_to_unicode
from watwerkt.library.reading import read_library

PIECES = st.sampled_from(
    [b"@article{k,", b"@", b"{", b"}", b"(", b")", b",", b"=", b'"', b"\\", b"%", b"\n",
     b"TY  - JOUR", b"ER  -", b"AU  - ", b"title", b"year", b"and", b"\x00", b"\xe9", b"\xff",
     b"\\'", b"$", b"~", b"--", b"a", b"Z", b"1"]
)  # fmt: skip


@pytest.mark.parametrize("name", ["refs.bib", "refs.ris", "coding.csv"])
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.lists(PIECES, max_size=60).map(b"".join))
def test_readers_never_raise(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    if name.endswith(".csv"):
        table = read_table(path)
        assert table.header or table.problems or not data.strip()
    else:
        reading = read_library(path)
        assert reading.references or reading.problems


@given(st.text(max_size=80))
def test_latex_decoding_never_raises(text: str) -> None:
    assert isinstance(latex_to_unicode(text), str)
