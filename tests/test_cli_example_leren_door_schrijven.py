"""`watwerkt check` and `watwerkt build` on the second example dossier (leren-door-schrijven).

The numbers are compared with metafor in
tests/synthesis/test_example_leren_door_schrijven.py; here: the commands succeed,
say what they did, and findings.json carries the NA accounting.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import assert_close, load_reference
from watwerkt.cli import main
from watwerkt.messages import set_language
from watwerkt.schemas import json_schema

DOSSIER = Path(__file__).parent.parent / "dossiers" / "leren-door-schrijven"


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()
    set_language("nl")


def test_check_finds_no_problems(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--lang", "en", "check", str(DOSSIER)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{DOSSIER}: no problems found (6 working principles, 1 outcome(s), 49 references "
        "(48 coded, 1 excluded with a reason, 0 duplicate), 48 coded effects)\n"
    )


def test_build_json_has_every_finding_and_accounts_for_missing_codes(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "lds"
    result = runner.invoke(main, ["build", str(DOSSIER), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"7 bevindingen geschreven naar {out / 'findings.json'}",
        f"1 claims gecontroleerd (0 met een waarschuwing), geschreven naar {out / 'claims.json'}",
    ]
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json_schema("findings"))
    ref = load_reference("leren_door_schrijven")
    overall, *per_principle = data["findings"]
    assert (overall["principle"], overall["k"]) == (None, 48)
    assert_close(overall["estimate"], ref["overall"]["estimate"], "estimate")
    assert [f["principle"] for f in per_principle] == [
        "schrijven-in-de-les", "feedback-op-schrijfwerk", "informatief-schrijven",
        "persoonlijk-schrijven", "verbeeldend-schrijven", "metacognitieve-reflectie",
    ]  # fmt: skip
    for f in per_principle:
        mc = f["moderator_contrast"]
        coded = ref["principles"][f["principle"]]["k_coded"]
        assert mc["k_with"] + mc["k_without"] == coded
        assert ("principle_not_coded" in f["notes"]) == (coded < 48)
