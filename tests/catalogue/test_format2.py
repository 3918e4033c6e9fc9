"""Catalogue format 2 (contract section 7) read from YAML: versions, floors, surface
aliases and prefixes, layered with format-1 files, cached, and seen by every command."""

from __future__ import annotations

import json
from pathlib import Path

from support import FIXTURES, WAVE, pinned_env, run
from support.builders import D

from modelsunset import cache
from modelsunset.catalogue import parse
from modelsunset.model import State
from modelsunset.resolver import resolve, state_on

FORMAT2 = FIXTURES / "format2.yaml"


def _parse(*files: Path) -> object:
    return parse([(str(f), f.read_bytes()) for f in files])


def test_a_name_takes_its_dates_from_its_versions_when_read() -> None:
    catalogue = parse([(str(FORMAT2), FORMAT2.read_bytes())])
    o3 = catalogue.models["o3"].entries["azure"]
    assert o3.versions == ("o3-2025-04-16",)
    assert (o3.retires, o3.announced, o3.since) == (
        D("2026-11-19"),
        D("2026-04-16"),
        D("2025-04-16"),
    )
    assert (o3.fallback, o3.derived_from) == ("gpt-5", "o3-2025-04-16")
    answer = resolve(catalogue, "o3", "azure", D("2026-12-01"))
    assert (answer.resolved, answer.automatic, answer.derived_from) == (
        "gpt-5",
        True,
        "o3-2025-04-16",
    )
    haiku = catalogue.models["claude-haiku-4-5-20251001"].entries["api"]
    assert (haiku.not_before, haiku.retires) == (D("2026-10-15"), None)
    assert state_on(haiku, D("2030-01-01")) is State.RETIRING
    assert catalogue.surfaces["bedrock"].prefixes == ("bedrock/", "us.")
    assert catalogue.verified == D("2026-10-01")
    assert catalogue.version == 2


def test_format_1_and_2_files_layer_together(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "version: 2\n"
        "surfaces:\n  azure: {name: Azure OpenAI, prefixes: [azure/]}\n"
        "models:\n"
        "  gpt-4o:\n    surfaces:\n      azure: {versions: [gpt-4o-2024-05-13]}\n"
        "  gpt-4o-2024-05-13:\n    provider: openai\n    surfaces:\n"
        "      azure: {retires: 2026-12-09, fallback: gpt-4o}\n"
    )
    # A fallback to the name itself makes a cycle once the name takes it: reported.
    from modelsunset.errors import CatalogueError

    try:
        _parse(WAVE, overlay)
    except CatalogueError as exc:
        assert any("cycle" in p.message for p in exc.problems), exc.render()
    else:  # pragma: no cover - the assertion below says what went wrong
        raise AssertionError("a cycle through a derived successor was not reported")
    overlay.write_text(overlay.read_text().replace("fallback: gpt-4o}", "fallback: gpt-5.2}"))
    overlay.write_text(overlay.read_text() + "  gpt-5.2:\n    surfaces:\n      azure:\n")
    layered = parse([(str(f), f.read_bytes()) for f in (WAVE, overlay)])
    assert layered.version == 2
    entry = layered.models["gpt-4o"].entries["azure"]
    assert (entry.retires, entry.fallback, entry.derived_from) == (
        D("2026-12-09"),
        "gpt-5.2",
        "gpt-4o-2024-05-13",
    )
    assert layered.models["gpt-4o"].entries["chatgpt"].retires == D("2026-02-13")


def test_the_cache_keeps_every_format_2_value() -> None:
    catalogue = parse([(str(FORMAT2), FORMAT2.read_bytes())])
    assert cache.build(json.loads(json.dumps(cache.dump(catalogue)))) == catalogue


def test_status_notices_and_resolve_show_derived_values_and_floors(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(FORMAT2), MODELSUNSET_DATE="2026-10-01")
    rows = json.loads(run("status", "--all", "-f", "json", env=env).stdout)
    o3 = next(r for r in rows if (r["model"], r["surface"]) == ("o3", "azure"))
    assert (o3["next"], o3["derived_from"], o3["not_before"]) == ("gpt-5", "o3-2025-04-16", None)
    haiku = next(r for r in rows if r["model"].startswith("claude-haiku") and r["surface"] == "api")
    assert (haiku["state"], haiku["not_before"], haiku["days_left"]) == (
        "retiring",
        "2026-10-15",
        14,
    )
    assert all({"next", "derived_from", "not_before"} <= set(row) for row in rows)
    notices = run("notices", "-f", "plain", env=env).stdout
    assert "may retire from Developer API from 2026-10-15" in notices
    plain = run("resolve", "us.anthropic.claude-3-sonnet-20240229-v1:0", "-f", "json", env=env)
    (answer,) = json.loads(plain.stdout)
    assert (answer["model"], answer["surface"]) == ("claude-3-sonnet-20240229", "bedrock")


def test_validate_warns_where_a_name_outlives_every_version(tmp_path: Path) -> None:
    overlay = tmp_path / "cancel.yaml"
    overlay.write_text("version: 2\nmodels:\n  o3:\n    surfaces:\n      azure: {retires: null}\n")
    env = pinned_env(tmp_path, MODELSUNSET_DATE="2026-10-01")
    done = run("validate", str(FORMAT2), str(overlay), env=env)
    assert done.returncode == 0, done.stderr
    assert (
        "warning: o3 on azure never retires, but every version it lists does (the last, "
        "o3-2025-04-16, on 2026-11-19)"
    ) in done.stderr
