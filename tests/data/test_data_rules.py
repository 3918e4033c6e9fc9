"""Maintainers' rules for the bundled catalogue, beyond what `validate` enforces.

`validate` checks the format; these check the curation: every date can be traced to a
page and the day it was read, every surface is backed by at least one sourced retirement,
the file says when it was last changed and re-read, and notes speak to users (how the
data was researched belongs in YAML comments, not in the notes `notices` shows).

Each rule is a function returning the problems it finds, run on the bundled file (no
problem allowed) and on a small broken sample (so a rule that finds nothing is caught).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

BUNDLED = Path(__file__).resolve().parent.parent.parent / "retirements.yaml"

# Curator wording: how a value was found or doubted. It belongs in a YAML comment.
CURATOR_PHRASES = (
    "earlier versions of the page",
    "capture",
    "could not be read",
    "third party",
    "third-party",
    "was not found",
    "CAUTION",
    "not confirmed",
    "not sourced",
    "unsourced",
    "reseller",
    "quotation",
    "TODO",
    "FIXME",
)
_CURATOR = re.compile("|".join(re.escape(phrase) for phrase in CURATOR_PHRASES), re.IGNORECASE)

Raw = dict[str, Any]


def _entries(raw: Raw) -> list[tuple[str, str, Raw]]:
    return [
        (model_id, surface, entry or {})
        for model_id, model in (raw.get("models") or {}).items()
        for surface, entry in (model.get("surfaces") or {}).items()
    ]


def _sourced(entry: Raw) -> bool:
    return bool(entry.get("source")) and isinstance(entry.get("checked"), dt.date)


def unsourced_ends(raw: Raw) -> list[str]:
    """Retirements and floors without both `source` and `checked`."""
    return [
        f"{model_id}@{surface}"
        for model_id, surface, entry in _entries(raw)
        if ("retires" in entry or "not_before" in entry) and not _sourced(entry)
    ]


def surfaces_without_a_sourced_retirement(raw: Raw) -> list[str]:
    """Declared surfaces that no retirement with `source` and `checked` backs."""
    backed = {
        surface for _, surface, entry in _entries(raw) if entry.get("retires") and _sourced(entry)
    }
    return sorted(set(raw.get("surfaces") or {}) - backed)


def curator_notes(raw: Raw) -> list[str]:
    """Notes that speak of the research rather than to users."""
    found = []
    for model_id, surface, entry in _entries(raw):
        note = entry.get("note")
        match = _CURATOR.search(note) if isinstance(note, str) else None
        if match:
            found.append(f"{model_id}@{surface}: {match.group(0)!r} in {note!r}")
    return found


def undated_file(raw: Raw) -> list[str]:
    """Top-level `updated` and `verified` that are missing or not dates."""
    return [key for key in ("updated", "verified") if not isinstance(raw.get(key), dt.date)]


RULES = [unsourced_ends, surfaces_without_a_sourced_retirement, curator_notes, undated_file]


@pytest.fixture(scope="module")
def bundled() -> Raw:
    with BUNDLED.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
def test_bundled_catalogue_keeps_the_rule(bundled: Raw, rule: Any) -> None:
    assert rule(bundled) == []


def test_every_declared_surface_has_a_sourced_retirement(bundled: Raw) -> None:
    assert len(bundled["surfaces"]) == 9
    assert surfaces_without_a_sourced_retirement(bundled) == []


def test_the_file_says_when_it_was_changed_and_reread(bundled: Raw) -> None:
    assert isinstance(bundled["updated"], dt.date)
    assert isinstance(bundled["verified"], dt.date)


# --------------------------------------------------------------------------- the rules bite

SAMPLE: Raw = {
    "version": 2,
    "updated": dt.date(2026, 12, 1),
    "surfaces": {"api": {}, "chatgpt": {}, "bedrock": {}},
    "models": {
        "a": {
            "surfaces": {
                "api": {
                    "retires": dt.date(2026, 1, 1),
                    "source": "https://example.com",
                    "checked": dt.date(2026, 1, 1),
                    "note": "Date from a third-party capture; not confirmed.",
                },
                "chatgpt": {"retires": dt.date(2026, 1, 1), "source": "https://example.com"},
                "bedrock": {"not_before": dt.date(2027, 1, 1)},
            }
        },
        "b": {"surfaces": {"api": None}},
    },
}


def test_each_rule_finds_what_it_is_for() -> None:
    assert unsourced_ends(SAMPLE) == ["a@chatgpt", "a@bedrock"]
    assert surfaces_without_a_sourced_retirement(SAMPLE) == ["bedrock", "chatgpt"]
    assert curator_notes(SAMPLE) == [
        "a@api: 'third-party' in 'Date from a third-party capture; not confirmed.'"
    ]
    assert undated_file(SAMPLE) == ["verified"]


@pytest.mark.parametrize("phrase", CURATOR_PHRASES)
def test_every_curator_phrase_is_caught(phrase: str) -> None:
    raw: Raw = {"models": {"m": {"surfaces": {"api": {"note": f"Well, {phrase.lower()}."}}}}}
    assert len(curator_notes(raw)) == 1
