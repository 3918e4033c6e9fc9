"""The JSON and the SARIF of ``check`` written item by item, in pieces, are byte for byte
the documents ``dumps`` encodes: findings sharing judgements, paths and lines, unknown
ids, known ids not checked, ``--model`` findings (no place), text that is not ASCII or
holds ``##[``, and lists longer than a piece (and, for SARIF, than a run may hold)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from modelsunset.check import CheckFormat, report, scan
from modelsunset.check.gate import shown, shown_pieces
from modelsunset.check.match import Matcher
from modelsunset.loading import bundled_path, load
from modelsunset.render import RenderContext, check_renderer
from modelsunset.render.check import json as check_json
from modelsunset.render.check import sarif
from modelsunset.render.json import dumps

LINES = [
    'client.create(model="gpt-4o", fallback="gpt-4.5-preview")  # gpt-9-x ##[warning]',
    "models = ['claude-3-opus-20240229', 'azure/gpt-4o']  # → été 🚀 gpt-77",
    "engine: text-davinci-003",
    "plain line",
]


def _report(tmp_path: Path, surfaces: list[str], repeat: int) -> report.Report:
    for number in range(3):
        folder = tmp_path / f"d{number}"
        folder.mkdir()
        (folder / "app.py").write_text("\n".join(LINES * repeat) + "\n", encoding="utf-8")
    catalogue = load([str(bundled_path())])
    found, stats = scan.scan([str(tmp_path)], Matcher.for_catalogue(catalogue), [], True, print)
    queries = [report.Query("gpt-4o", "gpt-4o"), report.Query("azure/gpt-4o", "gpt-4o", "azure")]
    return report.build(catalogue, date(2026, 12, 1), surfaces, 0, 90, found, queries, stats)


@pytest.mark.parametrize("surfaces", [["api"], ["api", "azure", "bedrock"], ["chatgpt", "vertex"]])
@pytest.mark.parametrize("chunk", [1, 3, 2000])
def test_pieces_are_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, surfaces: list[str], chunk: int
) -> None:
    monkeypatch.setattr(check_json, "CHUNK", chunk)
    found = _report(tmp_path, surfaces, 4)
    expected = check_json.unreadable_as_command(dumps(check_json.document(found)))
    assert "".join(check_json.pieces(found)) == expected
    assert check_json.render(found, None) == expected  # type: ignore[arg-type]
    assert "##\\u005b" in expected


@pytest.mark.parametrize("most", [3, 10, 25_000])
@pytest.mark.parametrize("chunk", [1, 3, 2000])
def test_sarif_pieces_are_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, most: int
) -> None:
    monkeypatch.setattr(sarif, "CHUNK", chunk)
    monkeypatch.setattr(sarif, "MAX_RESULTS", most)
    found = _report(tmp_path, ["api", "azure"], 3)
    ctx = RenderContext(
        date(2026, 12, 1), date(2026, 12, 1), found.catalogue, False, 100, False, "0"
    )
    expected = sarif.render(found, ctx)
    assert "".join(sarif.pieces(found, ctx)) == expected
    results = sarif.document(found, ctx)["runs"][0]["results"]
    assert len(results) == min(most, sarif.result_count(found))
    assert sarif.result_count(found) > 10


def test_an_empty_report(tmp_path: Path) -> None:
    catalogue = load([str(bundled_path())])
    found = report.build(catalogue, date(2026, 12, 1), ["api"], 0, 90, [], (), None)
    expected = check_json.unreadable_as_command(dumps(check_json.document(found)))
    assert "".join(check_json.pieces(found)) == expected


def test_the_report_holds_every_kind_of_item(tmp_path: Path) -> None:
    found = _report(tmp_path, ["chatgpt", "vertex"], 1)
    assert found.findings and found.unknown and found.not_checked
    assert any(finding.path is None for finding in found.findings)


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_shown_pieces_are_shown(tmp_path: Path, fmt: CheckFormat) -> None:
    found = _report(tmp_path, ["api"], 2)
    ctx = RenderContext(
        date(2026, 12, 1), date(2026, 12, 1), found.catalogue, False, 100, False, "0"
    )
    whole = shown(check_renderer(fmt).render(found, ctx), fmt, found, None)
    written = list(shown_pieces(fmt, found, None, ctx))
    assert "".join(written) == whole
    several = fmt in (CheckFormat.json, CheckFormat.sarif)
    assert len(written) > 1 if several else len(written) == 1


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_a_floor_alone_beside_retirement_days_is_shown(tmp_path: Path, fmt: CheckFormat) -> None:
    """A warning for a floor (``not_before``, no retirement day) grouped with findings of
    retirement days: the groups sort (they used to fail, comparing a day with None)."""
    (tmp_path / "app.py").write_text(
        'A = "claude-haiku-4-5-20251001"\nB = "gpt-4.5-preview"\nC = "o1"\n', encoding="utf-8"
    )
    catalogue = load([str(bundled_path())])
    on = date(2026, 9, 1)
    found, stats = scan.scan([str(tmp_path)], Matcher.for_catalogue(catalogue), [], True, print)
    checked = report.build(catalogue, on, ["api"], 0, 90, found, (), stats)
    assert {finding.judgement.entry.retires is None for finding in checked.findings} == {
        True,
        False,
    }
    ctx = RenderContext(on, on, catalogue, False, 100, False, "0")
    assert "claude-haiku-4-5-20251001" in check_renderer(fmt).render(checked, ctx)
