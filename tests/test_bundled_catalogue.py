"""Data tests for the bundled catalogue, run through the installed command line.

Every command gets an explicit --date, so these tests never depend on today's
date. The catalogue in use is the bundled one: the environment variables that
would point elsewhere are removed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import Result, pinned_env
from support import run as run_command

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "retirements.yaml"
TODAY = "2026-11-25"  # the catalogue's `updated` day; used as a fixed date, never the clock

AVAILABLE = {"active", "retiring"}


def run(*args: str, expect: tuple[int, ...] = (0,)) -> Result:
    proc = run_command(*args, env=pinned_env(MODELSUNSET_DATE="2026-11-25"))
    assert proc.returncode in expect, (
        f"modelsunset {' '.join(args)} exited {proc.returncode}\n"
        f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    )
    return proc


def run_json(*args: str, expect: tuple[int, ...] = (0,)) -> Any:
    return json.loads(run(*args, "--format", "json", expect=expect).stdout)


def day_before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


# --------------------------------------------------------------------------- fixtures

StatusOn = Callable[[str], dict[tuple[str, str], dict[str, Any]]]


@pytest.fixture(scope="module")
def status_on() -> StatusOn:
    """`status --all` on a given day, as {(model, surface): row}, computed once per day."""
    cache: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}

    def get(day: str) -> dict[tuple[str, str], dict[str, Any]]:
        if day not in cache:
            rows = run_json("status", "--all", "--date", day)
            assert isinstance(rows, list)
            cache[day] = {(row["model"], row["surface"]): row for row in rows}
        return cache[day]

    return get


@pytest.fixture(scope="module")
def today_rows(status_on: StatusOn) -> list[dict[str, Any]]:
    return list(status_on(TODAY).values())


@pytest.fixture(scope="module")
def raw_catalogue() -> dict[str, Any]:
    with BUNDLED.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


# --------------------------------------------------------------------------- whole catalogue


def test_validate_accepts_bundled_catalogue() -> None:
    run("validate")


def test_validate_accepts_the_file_itself() -> None:
    run("validate", str(BUNDLED))


def test_every_retirement_names_its_source(today_rows: list[dict[str, Any]]) -> None:
    missing = [
        (row["model"], row["surface"]) for row in today_rows if row["retires"] and not row["source"]
    ]
    assert missing == []
    for row in today_rows:
        if row["source"]:
            assert row["source"].startswith(("https://", "http://")), row


def test_every_retirement_has_a_checked_day(raw_catalogue: dict[str, Any]) -> None:
    updated = raw_catalogue["updated"]
    problems = []
    for model_id, model in raw_catalogue["models"].items():
        for surface, entry in model["surfaces"].items():
            if not entry or "retires" not in entry:
                continue
            checked = entry.get("checked")
            if not isinstance(checked, dt.date) or checked > updated:
                problems.append((model_id, surface, checked))
    assert problems == []


def test_status_rows_carry_the_contract_keys(today_rows: list[dict[str, Any]]) -> None:
    keys = {
        "model", "name", "provider", "surface", "state", "since", "announced",
        "retires", "days_left", "fallback", "replacement", "source",
    }  # fmt: skip
    for row in today_rows:
        assert keys <= set(row), row
        assert row["state"] in {"upcoming", "active", "retiring", "retired"}


def test_status_covers_every_surface_and_provider(today_rows: list[dict[str, Any]]) -> None:
    surfaces = {row["surface"] for row in today_rows}
    providers = {row["provider"] for row in today_rows}
    assert {"chatgpt", "api", "azure", "vertex"} <= surfaces
    assert {"openai", "anthropic", "google"} <= providers


def test_surfaces_bound_to_a_provider(today_rows: list[dict[str, Any]]) -> None:
    for row in today_rows:
        if row["surface"] in {"chatgpt", "azure"}:
            assert row["provider"] == "openai", row
        if row["surface"] == "vertex":
            assert row["provider"] == "google", row


# --------------------------------------------------------------------------- seed facts

CHATGPT_FEB_13 = [
    ("gpt-4o", "GPT-4o", "2026-01-29"),
    ("gpt-4.1", "GPT-4.1", "2026-01-29"),
    ("gpt-4.1-mini", "GPT-4.1 mini", "2026-01-29"),
    ("o4-mini", "OpenAI o4-mini", "2026-01-29"),
    ("gpt-5-instant", "GPT-5 Instant", "2025-11-12"),
    ("gpt-5-thinking", "GPT-5 Thinking", "2025-11-12"),
]


@pytest.mark.parametrize(("model", "name", "announced"), CHATGPT_FEB_13)
def test_chatgpt_wave_of_2026_02_13(
    status_on: StatusOn, model: str, name: str, announced: str
) -> None:
    before = status_on("2026-02-12")[(model, "chatgpt")]
    on = status_on("2026-02-13")[(model, "chatgpt")]
    assert before["state"] == "retiring"
    assert on["state"] == "retired"
    assert on["name"] == name
    assert on["announced"] == announced
    assert on["retires"] == "2026-02-13"
    assert on["fallback"] == "gpt-5.2"
    assert on["replacement"] is None


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4.1", "gpt-4.1-mini", "o4-mini"])
def test_api_keeps_the_four_on_2026_02_13(status_on: StatusOn, model: str) -> None:
    assert status_on("2026-02-13")[(model, "api")]["state"] in AVAILABLE


@pytest.mark.parametrize("model", ["gpt-4o", "gpt-4.1", "gpt-4.1-mini"])
def test_undated_api_aliases_have_nothing_scheduled(status_on: StatusOn, model: str) -> None:
    row = status_on(TODAY)[(model, "api")]
    assert row["state"] == "active"
    assert row["retires"] is None


def test_o4_mini_leaves_the_api_on_2026_10_23(status_on: StatusOn) -> None:
    assert status_on("2026-10-22")[("o4-mini", "api")]["state"] == "retiring"
    row = status_on("2026-10-23")[("o4-mini", "api")]
    assert row["state"] == "retired"
    assert row["replacement"] == "gpt-5.6-terra"


def test_gpt_5_2_is_offered_on_chatgpt_and_api(status_on: StatusOn) -> None:
    rows = status_on(TODAY)
    chatgpt = rows[("gpt-5.2", "chatgpt")]
    assert chatgpt["retires"] == "2026-06-12"
    assert chatgpt["fallback"] == "gpt-5.5"
    assert rows[("gpt-5.2", "api")]["state"] == "active"


def test_gpt_4o_in_chatgpt_moves_to_gpt_5_2_on_the_day() -> None:
    answer = run_json("resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-02-13")
    assert answer["model"] == "gpt-4o"
    assert answer["surface"] == "chatgpt"
    assert answer["state"] == "retired"
    assert answer["resolved"] == "gpt-5.2"
    assert answer["chain"] == ["gpt-4o", "gpt-5.2"]
    assert answer["automatic"] is True


def test_gpt_4o_in_chatgpt_the_day_before_is_itself() -> None:
    answer = run_json("resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-02-12")
    assert answer["resolved"] == "gpt-4o"
    assert answer["state"] == "retiring"


def test_gpt_4o_in_chatgpt_follows_the_chain_to_gpt_5_5() -> None:
    answer = run_json("resolve", "gpt-4o", "--surface", "chatgpt", "--date", TODAY)
    assert answer["resolved"] == "gpt-5.5"
    assert answer["chain"] == ["gpt-4o", "gpt-5.2", "gpt-5.5"]
    assert answer["automatic"] is True


def test_gemini_2_5_pro_on_vertex_last_day_and_day_after() -> None:
    last = run_json("resolve", "gemini-2.5-pro", "--surface", "vertex", "--date", "2026-10-16")
    assert last["resolved"] == "gemini-2.5-pro"
    assert last["state"] in AVAILABLE
    after = run_json(
        "resolve", "gemini-2.5-pro", "--surface", "vertex", "--date", "2026-10-17", expect=(0, 1)
    )
    assert after["state"] == "retired"
    assert after["resolved"] != "gemini-2.5-pro"
    assert after["resolved"] == "gemini-3.5-flash"
    assert after["automatic"] is False


def test_claude_sonnet_4_alias_resolves_to_its_snapshot() -> None:
    proc = run(
        "resolve", "claude-sonnet-4-0", "--surface", "api", "--date", "2026-06-14",
        "--format", "plain",
    )  # fmt: skip
    assert proc.stdout.strip() == "claude-sonnet-4-20250514"


def test_claude_sonnet_4_alias_moves_on_with_its_snapshot() -> None:
    answer = run_json("resolve", "claude-sonnet-4-0", "--surface", "api", "--date", "2026-06-15")
    assert answer["model"] == "claude-sonnet-4-20250514"
    assert answer["state"] == "retired"
    assert answer["resolved"] == "claude-sonnet-4-6"


def test_gpt_4_5_preview_in_the_api(status_on: StatusOn) -> None:
    row = status_on(TODAY)[("gpt-4.5-preview", "api")]
    assert row["announced"] == "2025-04-14"
    assert row["retires"] == "2025-07-14"
    assert row["replacement"] == "gpt-4.1"
    assert row["fallback"] is None


def test_azure_spelling_finds_the_openai_snapshot() -> None:
    answer = run_json("resolve", "gpt-35-turbo-0301", "--surface", "azure", "--date", TODAY)
    assert answer["model"] == "gpt-3.5-turbo-0301"
    assert answer["resolved"] == "gpt-3.5-turbo-0125"


# --------------------------------------------------------------------------- sourced facts
# (model, surface, first day gone, successor or None). For each one the entry
# must be available the day before, retired on the day, carry exactly that
# `retires`, and name exactly that successor (fallback on chatgpt, replacement
# elsewhere). A wrong date or a wrong surface fails.

FACTS = [
    # ChatGPT
    ("gpt-4", "chatgpt", "2025-04-30", "gpt-4o"),
    ("gpt-4o-mini", "chatgpt", "2025-05-14", "gpt-4.1-mini"),
    ("o1-pro", "chatgpt", "2025-06-10", "o3-pro"),
    ("o4-mini", "chatgpt", "2026-02-13", "gpt-5.2"),
    ("gpt-5.1-instant", "chatgpt", "2026-03-11", "gpt-5.3-instant"),
    ("gpt-5.1-thinking", "chatgpt", "2026-03-11", "gpt-5.4-thinking"),
    ("gpt-5.1-pro", "chatgpt", "2026-03-11", "gpt-5.4-pro"),
    ("gpt-5.2", "chatgpt", "2026-06-12", "gpt-5.5"),
    ("gpt-5.2-thinking", "chatgpt", "2026-06-12", "gpt-5.5-thinking"),
    ("gpt-5.2-pro", "chatgpt", "2026-06-12", "gpt-5.5-pro"),
    ("gpt-4.5-preview", "chatgpt", "2026-06-26", "gpt-5.5"),
    ("o3", "chatgpt", "2026-08-26", None),
    ("gpt-4o", "chatgpt-custom-gpts", "2026-04-03", None),
    # OpenAI API
    ("code-davinci-002", "api", "2023-03-23", "gpt-4o"),
    ("text-davinci-003", "api", "2024-01-04", "gpt-3.5-turbo-instruct"),
    ("gpt-3.5-turbo-0301", "api", "2024-09-13", "gpt-3.5-turbo"),
    ("gpt-4-vision-preview", "api", "2024-12-06", "gpt-4o"),
    ("gpt-4-32k", "api", "2025-06-06", "gpt-4o"),
    ("gpt-4.5-preview", "api", "2025-07-14", "gpt-4.1"),
    ("o1-preview", "api", "2025-07-28", "o3"),
    ("o1-mini", "api", "2025-10-27", "o4-mini"),
    ("codex-mini-latest", "api", "2026-02-12", "gpt-5-codex-mini"),
    ("chatgpt-4o-latest", "api", "2026-02-17", "gpt-5.1-chat-latest"),
    ("gpt-4-0314", "api", "2026-03-26", "gpt-5"),
    ("gpt-4o-realtime-preview", "api", "2026-05-07", "gpt-realtime-1.5"),
    ("dall-e-3", "api", "2026-05-12", "gpt-image-2"),
    ("gpt-5-chat-latest", "api", "2026-07-23", "gpt-5.5"),
    ("gpt-5.2-chat-latest", "api", "2026-08-10", "gpt-5.5"),
    ("sora-2", "api", "2026-09-24", None),
    ("gpt-3.5-turbo-instruct", "api", "2026-09-28", "gpt-5.4-mini"),
    ("gpt-4-1106-preview", "api", "2026-10-23", "gpt-5.5"),
    ("gpt-4o-2024-05-13", "api", "2026-10-23", "gpt-5.6-sol"),
    ("gpt-4.1-nano", "api", "2026-10-23", "gpt-5.6-luna"),
    ("gpt-image-1-mini", "api", "2026-12-01", "gpt-image-2.6-sunburst"),
    ("gpt-5", "api", "2026-12-11", "gpt-6.1-sol"),
    ("gpt-5-mini", "api", "2026-12-11", "gpt-6.1-terra"),
    ("gpt-4o-2024-08-06", "api", "2027-01-14", "gpt-6-luna"),
    ("gpt-4.1-mini-2025-04-14", "api", "2027-01-14", "gpt-6-luna"),
    ("whisper-1", "api", "2027-02-26", "gpt-live-transcribe"),
    # Anthropic (Claude API)
    ("claude-instant-1.2", "api", "2024-11-06", "claude-haiku-4-5-20251001"),
    ("claude-2.1", "api", "2025-07-21", "claude-opus-4-8"),
    ("claude-3-5-sonnet-20241022", "api", "2025-10-28", "claude-sonnet-4-6"),
    ("claude-3-opus-20240229", "api", "2026-01-05", "claude-opus-4-8"),
    ("claude-3-7-sonnet-20250219", "api", "2026-02-19", "claude-sonnet-4-6"),
    ("claude-3-5-haiku-20241022", "api", "2026-02-19", "claude-haiku-4-5-20251001"),
    ("claude-3-haiku-20240307", "api", "2026-04-20", "claude-haiku-4-5-20251001"),
    ("claude-sonnet-4-20250514", "api", "2026-06-15", "claude-sonnet-4-6"),
    ("claude-opus-4-20250514", "api", "2026-06-15", "claude-opus-4-8"),
    ("claude-mythos-preview", "api", "2026-07-21", "claude-mythos-5"),
    ("claude-opus-4-1-20250805", "api", "2026-08-05", "claude-opus-4-8"),
    # Gemini API
    ("imagen-3.0-generate-002", "api", "2025-11-10", "imagen-4.0-generate-001"),
    ("gemini-2.5-pro-preview-05-06", "api", "2025-12-02", "gemini-3.1-pro-preview"),
    (
        "gemini-2.0-flash-live-001",
        "api",
        "2025-12-09",
        "gemini-2.5-flash-native-audio-preview-12-2025",
    ),
    ("gemini-3-pro-preview", "api", "2026-03-09", "gemini-3.1-pro-preview"),
    ("gemini-2.0-flash", "api", "2026-06-01", "gemini-2.5-flash"),
    ("gemini-2.0-flash-lite-001", "api", "2026-06-01", "gemini-2.5-flash-lite"),
    ("imagen-4.0-ultra-generate-001", "api", "2026-06-24", None),
    ("gemini-3.1-flash-image-preview", "api", "2026-06-25", "gemini-3.1-flash-image"),
    ("gemini-3.1-flash-lite", "api", "2027-05-07", None),
    # Vertex AI (stored as the day after Google's last available day)
    ("gemini-1.0-pro-001", "vertex", "2025-04-10", "gemini-1.5-pro"),
    ("gemini-1.0-pro-vision-001", "vertex", "2025-04-10", "gemini-1.5-pro"),
    ("gemini-2.0-flash-001", "vertex", "2026-06-02", "gemini-2.5-flash"),
    ("gemini-2.0-flash-lite-001", "vertex", "2026-06-02", "gemini-2.5-flash-lite"),
    ("gemini-2.5-pro", "vertex", "2026-10-17", "gemini-3.5-flash"),
    ("gemini-2.5-flash", "vertex", "2026-10-17", "gemini-3.5-flash-lite"),
    ("gemini-2.5-flash-lite", "vertex", "2026-10-17", "gemini-3.1-flash-lite"),
    ("gemini-live-2.5-flash-native-audio", "vertex", "2026-12-14", None),
    # Azure OpenAI
    ("davinci", "azure", "2024-06-14", None),
    ("dall-e-2", "azure", "2025-01-27", "dall-e-3"),
    ("gpt-3.5-turbo-0301", "azure", "2025-02-13", "gpt-3.5-turbo-0125"),
    (
        "gpt-4o-realtime-preview-2024-10-01",
        "azure",
        "2025-03-26",
        "gpt-4o-realtime-preview-2024-12-17",
    ),
    ("gpt-3.5-turbo-16k-0613", "azure", "2025-04-30", "gpt-4.1-mini-2025-04-14"),
    ("gpt-4-0613", "azure", "2025-06-06", "gpt-4o-2024-11-20"),
    ("gpt-4.5-preview-2025-02-27", "azure", "2025-07-14", "gpt-4.1"),
    ("gpt-4o-audio-preview-2024-12-17", "azure", "2026-02-02", "gpt-audio"),
    ("dall-e-3", "azure", "2026-02-18", "gpt-image-1-mini"),
    ("gpt-5-chat-2025-08-07", "azure", "2026-03-01", "gpt-5.2-chat"),
    ("gpt-4o-2024-05-13", "azure", "2026-03-31", "gpt-5.1"),
    ("gpt-4o-mini-2024-07-18", "azure", "2026-03-31", "gpt-4.1-mini"),
    ("o1-2024-12-17", "azure", "2026-07-15", "o3"),
    ("o3-mini-2025-01-31", "azure", "2026-08-02", "o4-mini"),
    ("o1-pro-2025-03-19", "azure", "2026-09-18", "o3-pro"),
    ("gpt-4o-2024-11-20", "azure", "2026-10-01", "gpt-5.1"),
    ("gpt-4.1-2025-04-14", "azure", "2026-10-14", "gpt-5"),
    ("gpt-4.1-nano-2025-04-14", "azure", "2026-10-14", "gpt-5-nano"),
    ("o4-mini-2025-04-16", "azure", "2026-10-16", None),
    ("o3-deep-research-2025-06-26", "azure", "2026-12-26", None),
    ("gpt-5.1-2025-11-13", "azure", "2027-05-15", None),
]


@pytest.mark.parametrize(
    ("model", "surface", "retires", "successor"),
    FACTS,
    ids=[f"{m}@{s}" for m, s, _, _ in FACTS],
)
def test_sourced_fact(
    status_on: StatusOn, model: str, surface: str, retires: str, successor: str | None
) -> None:
    before = status_on(day_before(retires)).get((model, surface))
    on = status_on(retires).get((model, surface))
    assert before is not None and on is not None, f"{model} is not offered on {surface}"
    assert before["state"] in AVAILABLE, before
    assert on["state"] == "retired", on
    assert on["retires"] == retires
    assert on["days_left"] == 0
    if surface.startswith("chatgpt"):
        assert on["fallback"] == successor
        assert on["replacement"] is None
    else:
        assert on["replacement"] == successor
        assert on["fallback"] is None
    assert on["source"]


def test_fact_table_is_broad() -> None:
    assert len(FACTS) >= 40
    groups = {
        "chatgpt": [f for f in FACTS if f[1].startswith("chatgpt")],
        "azure": [f for f in FACTS if f[1] == "azure"],
        "vertex": [f for f in FACTS if f[1] == "vertex"],
        "anthropic": [f for f in FACTS if f[0].startswith("claude")],
        "gemini-api": [f for f in FACTS if f[1] == "api" and f[0].startswith(("gemini", "imagen"))],
    }
    groups["openai-api"] = [
        f for f in FACTS
        if f[1] == "api" and f not in groups["anthropic"] and f not in groups["gemini-api"]
    ]  # fmt: skip
    for name, facts in groups.items():
        assert len(facts) >= 5, name


# --------------------------------------------------------------------------- no date invented


@pytest.mark.parametrize(
    ("model", "surface"),
    [
        ("gemini-2.5-pro", "api"),
        ("gemini-2.5-flash", "api"),
        ("gemini-2.5-flash-lite", "api"),
        ("gemini-2.5-flash-image", "api"),
        ("claude-sonnet-4-5-20250929", "api"),
        ("claude-haiku-4-5-20251001", "api"),
        ("claude-opus-4-5-20251101", "api"),
        ("gpt-5.5", "chatgpt"),
    ],
)
def test_unconfirmed_dates_are_not_stored(status_on: StatusOn, model: str, surface: str) -> None:
    row = status_on(TODAY)[(model, surface)]
    assert row["retires"] is None
    assert row["state"] == "active"
