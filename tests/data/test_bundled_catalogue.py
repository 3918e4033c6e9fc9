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

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = ROOT / "retirements.yaml"
TODAY = "2026-12-01"  # the catalogue's `verified` day; used as a fixed date, never the clock

AVAILABLE = {"active", "retiring"}


def run(*args: str, expect: tuple[int, ...] = (0,)) -> Result:
    proc = run_command(*args, env=pinned_env(MODELSUNSET_DATE=TODAY))
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
        (row["model"], row["surface"])
        for row in today_rows
        if (row["retires"] or row["not_before"]) and not row["source"]
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
            if not entry or ("retires" not in entry and "not_before" not in entry):
                continue
            checked = entry.get("checked")
            if not isinstance(checked, dt.date) or checked > updated:
                problems.append((model_id, surface, checked))
    assert problems == []


def test_status_rows_carry_the_contract_keys(today_rows: list[dict[str, Any]]) -> None:
    keys = {
        "model", "name", "provider", "surface", "state", "since", "announced",
        "retires", "days_left", "fallback", "replacement", "source",
        "next", "not_before", "derived_from",
    }  # fmt: skip
    for row in today_rows:
        assert keys <= set(row), row
        assert row["state"] in {"upcoming", "active", "retiring", "retired"}


def test_status_covers_every_surface_and_provider(
    today_rows: list[dict[str, Any]], raw_catalogue: dict[str, Any]
) -> None:
    surfaces = {row["surface"] for row in today_rows}
    providers = {row["provider"] for row in today_rows}
    assert surfaces == set(raw_catalogue["surfaces"])
    assert providers == set(raw_catalogue["providers"])
    assert len(surfaces) == 9
    assert len(providers) == 11


def test_surfaces_bound_to_a_provider(
    today_rows: list[dict[str, Any]], raw_catalogue: dict[str, Any]
) -> None:
    """The ChatGPT and Codex surfaces are OpenAI's alone; Azure (Foundry sells partner
    models), Vertex AI (Claude, Mistral and open models), Bedrock, GitHub Copilot and GitHub
    Models carry several providers' models."""
    bound = {
        sid: surface["provider"]
        for sid, surface in raw_catalogue["surfaces"].items()
        if surface.get("provider")
    }
    assert bound == {"chatgpt": "openai", "chatgpt-custom-gpts": "openai", "codex": "openai"}
    for row in today_rows:
        if row["surface"] in bound:
            assert row["provider"] == bound[row["surface"]], row
    for shared in ("azure", "vertex", "bedrock", "copilot", "github-models"):
        assert len({row["provider"] for row in today_rows if row["surface"] == shared}) > 1


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


@pytest.mark.parametrize(
    ("model", "snapshot"),
    [
        ("gpt-4o", "gpt-4o-2024-08-06"),
        ("gpt-4o-mini", "gpt-4o-mini-2024-07-18"),
        ("gpt-4.1", "gpt-4.1-2025-04-14"),
        ("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"),
    ],
)
def test_undated_api_names_end_with_their_last_snapshot(
    status_on: StatusOn, model: str, snapshot: str
) -> None:
    """No OpenAI page dates the undated names: they end when the last snapshot they list
    (`versions`) shuts down, 2027-01-14, and say which snapshot that is."""
    row = status_on(TODAY)[(model, "api")]
    assert row["state"] == "retiring"
    assert row["retires"] == "2027-01-14"
    assert row["derived_from"] == snapshot
    assert row["replacement"] == status_on(TODAY)[(snapshot, "api")]["replacement"]


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
    answer = run_json("resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-10-13")
    assert answer["resolved"] == "gpt-5.5"
    assert answer["chain"] == ["gpt-4o", "gpt-5.2", "gpt-5.5"]
    assert answer["automatic"] is True


def test_gpt_4o_in_chatgpt_has_no_answer_once_gpt_5_5_left() -> None:
    """GPT-5.5 left ChatGPT on 2026-10-14 and OpenAI's notice names no model that takes
    over its chats, so the catalogue names none: the chain ends without an answer."""
    answer = run_json(
        "resolve", "gpt-4o", "--surface", "chatgpt", "--date", "2026-10-14", expect=(1,)
    )
    assert answer["state"] == "retired"
    assert answer["resolved"] is None
    assert answer["chain"] == ["gpt-4o", "gpt-5.2", "gpt-5.5"]


def test_gemini_2_5_pro_on_vertex_last_day_and_day_after() -> None:
    """Vertex AI gives 2026-10-20 as the last day; the catalogue stores the day after."""
    last = run_json("resolve", "gemini-2.5-pro", "--surface", "vertex", "--date", "2026-10-20")
    assert last["resolved"] == "gemini-2.5-pro"
    assert last["state"] in AVAILABLE
    after = run_json(
        "resolve", "gemini-2.5-pro", "--surface", "vertex", "--date", "2026-10-21", expect=(0, 1)
    )
    assert after["state"] == "retired"
    assert after["resolved"] == "gemini-3.8-flash"
    assert after["automatic"] is False


def test_gemini_2_5_pro_on_the_gemini_api_is_routed_automatically() -> None:
    answer = run_json("resolve", "gemini-2.5-pro", "--surface", "api", "--date", "2026-12-01")
    assert answer["state"] == "retired"
    assert answer["resolved"] == "gemini-3.8-flash"
    assert answer["automatic"] is True


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
    """Azure's gpt-35-turbo 0301 went to 0125, itself retired since; the chain goes on to
    gpt-4.1-mini, which Azure still serves."""
    answer = run_json("resolve", "gpt-35-turbo-0301", "--surface", "azure", "--date", TODAY)
    assert answer["model"] == "gpt-3.5-turbo-0301"
    assert answer["chain"] == ["gpt-3.5-turbo-0301", "gpt-3.5-turbo-0125", "gpt-4.1-mini"]
    assert answer["resolved"] == "gpt-4.1-mini"


def test_surface_ids_find_their_models() -> None:
    bedrock = run_json(
        "resolve", "us.anthropic.claude-3-5-haiku-20241022-v1:0", "--date", "2026-06-18"
    )
    assert [row["surface"] for row in bedrock] == ["bedrock"]
    assert bedrock[0]["model"] == "claude-3-5-haiku-20241022"
    vertex = run_json("resolve", "claude-3-5-haiku@20241022", "--date", "2026-07-04")
    assert [row["surface"] for row in vertex] == ["vertex"]
    azure = run_json("resolve", "azure/o3", "--date", "2026-11-18")
    assert [(row["surface"], row["derived_from"]) for row in azure] == [("azure", "o3-2025-04-16")]


def test_github_models_retired_as_a_whole(status_on: StatusOn) -> None:
    rows = [
        row for (_, surface), row in status_on("2026-07-30").items() if surface == "github-models"
    ]
    assert len(rows) >= 10
    assert {row["state"] for row in rows} == {"retired"}
    assert max(row["retires"] for row in rows) == "2026-07-30"


# --------------------------------------------------------------------------- sourced facts
# (model, surface, day, kind, successor). kind:
#   FALLBACK, REPLACEMENT: the entry is available the day before `day`, retired on it, carries
#       exactly that `retires`, and names exactly that successor, of that kind;
#   GONE: the same, with no successor named;
#   FLOOR: `day` is a floor (`not_before`, "not sooner than"): the entry is retiring the day
#       before and on the day, and has no `retires`.
# A wrong date, a wrong successor or a wrong surface fails.

FALLBACK, REPLACEMENT, GONE, FLOOR = "fallback", "replacement", "gone", "floor"

Fact = tuple[str, str, str, str, str | None]

# Spot checks: each quotes the source's own words, so a reader can hold the value against the
# page. They cover every surface of the catalogue (the release note lists them).
SPOT_CHECKS: list[Fact] = [
    # --- api: OpenAI
    # "| 2026-02-17 | chatgpt-4o-latest | gpt-5.1-chat-latest |" (late-2025 copy)
    # https://developers.openai.com/api/docs/deprecations
    ("chatgpt-4o-latest", "api", "2026-02-17", REPLACEMENT, "gpt-5.1-chat-latest"),
    # "| Aug 10, 2026 | `gpt-5.2-chat-latest` | `gpt-5.5` |" (same page, May 2026)
    ("gpt-5.2-chat-latest", "api", "2026-08-10", REPLACEMENT, "gpt-5.5"),
    # --- api: Anthropic
    # "| August 5, 2026 | `claude-opus-4-1-20250805` | `claude-opus-4-8` |"
    # https://platform.claude.com/docs/en/about-claude/model-deprecations
    ("claude-opus-4-1-20250805", "api", "2026-08-05", REPLACEMENT, "claude-opus-4-8"),
    # "retires on November 30, 2026. Recommended replacement: Claude Sonnet 5.5."
    # https://platform.claude.com/docs/en/models/sonnet-4-5/overview
    ("claude-sonnet-4-5-20250929", "api", "2026-11-30", REPLACEMENT, "claude-sonnet-5-5"),
    # "claude-1.3-100k": "November 6th, 2024" (the SDK's DEPRECATED_MODELS)
    # https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/resources/messages/messages.py
    ("claude-1.3-100k", "api", "2024-11-06", GONE, None),
    # "| Retirement | Not sooner than September 1, 2027 | ... | Not sooner than October 7, 2027"
    # https://platform.claude.com/docs/en/models/overview
    ("claude-fable-5-1", "api", "2027-09-01", FLOOR, None),
    ("claude-haiku-5-5", "api", "2027-10-07", FLOOR, None),
    # --- api: Google
    # "| `imagen-4.0-generate-001` | June 24, 2025 | August 17, 2026 | `gemini-3.1-flash-image` |"
    # https://ai.google.dev/gemini-api/docs/deprecations
    ("imagen-4.0-generate-001", "api", "2026-08-17", REPLACEMENT, "gemini-3.1-flash-image"),
    # "| `gemini-3.1-flash-lite` | May 7, 2026 | May 7, 2027 |" and "the earliest possible
    # dates on which a model might be retired" (same page)
    ("gemini-3.1-flash-lite", "api", "2027-05-07", FLOOR, None),
    # "14 de enero de 2026 - El modelo text-embedding-004 se cerró." (changelog, es)
    # https://ai.google.dev/gemini-api/docs/changelog
    ("text-embedding-004", "api", "2026-01-14", REPLACEMENT, "gemini-embedding-001"),
    # "All requests to gemini-3.7-flash are automatically routed to gemini-3.8-flash."
    # https://ai.google.dev/gemini-api/docs/models/gemini-3.7-flash
    ("gemini-3.7-flash", "api", "2026-10-08", FALLBACK, "gemini-3.8-flash"),
    # --- api: Mistral, Cohere, xAI, DeepSeek, AI21
    # "deprecationDate: '2026-05-22', retirementDate: '2026-07-31',
    # replacement: 'Mistral Medium 3.5'"
    # https://docs.mistral.ai/models/devstral-2-25-12
    ("devstral-2512", "api", "2026-07-31", REPLACEMENT, "mistral-medium-3-5"),
    # "Effective April 4th, 2026, the following models will be retired: `embed-english-v2.0`, ..."
    # https://docs.cohere.com/docs/deprecations
    ("embed-english-v2.0", "api", "2026-04-04", REPLACEMENT, "embed-english-v3.0"),
    # "| 2025-04-30 | `rerank-english-v2.0` | $1.00 / 1K searches | `rerank-v3.5`|" (same page)
    ("rerank-english-v2.0", "api", "2025-04-30", REPLACEMENT, "rerank-v3.5"),
    # "requests to the retired model slugs above will automatically redirect to grok-4.3"
    # https://docs.x.ai/developers/migration/may-15-retirement
    ("grok-3", "api", "2026-05-15", FALLBACK, "grok-4.3"),
    # "deepseek-chat and deepseek-reasoner, will be discontinued in three months (2026-07-24)"
    # https://api-docs.deepseek.com/news/news260424
    ("deepseek-chat", "api", "2026-07-24", REPLACEMENT, "deepseek-v4-flash"),
    # "On August 9, 2026, we will officially deprecate and sunset ... Jamba API"
    # https://docs.ai21.com/august-deprecation-notice
    ("jamba-large-1.7", "api", "2026-08-09", GONE, None),
    # --- chatgpt
    # "On February 13, 2026, ... we will retire GPT-4o, GPT-4.1, GPT-4.1 mini, and OpenAI
    # o4-mini from ChatGPT." https://openai.com/index/retiring-gpt-4o-and-older-models/
    ("gpt-4o", "chatgpt", "2026-02-13", FALLBACK, "gpt-5.2"),
    # "On October 14, 2026, GPT-5.5 will retire from ChatGPT, ChatGPT Work, and Codex"
    # https://learn.chatgpt.com/docs/models#gpt-55-retirement
    ("gpt-5.5", "chatgpt", "2026-10-14", GONE, None),
    # o3 "gets a 90-day sunset and leaves ChatGPT on August 26, 2026"
    # https://help.openai.com/en/articles/9624314-model-release-notes
    ("o3", "chatgpt", "2026-08-26", GONE, None),
    # --- chatgpt-custom-gpts
    # GPT-4o stays in Business, Enterprise and Edu custom GPTs "until April 3"
    # https://help.openai.com/en/articles/20001051-retiring-gpt-4o-and-other-chatgpt-models
    ("gpt-4o", "chatgpt-custom-gpts", "2026-04-03", GONE, None),
    # GPT-4.5 gone, "including custom GPTs", as of June 26
    # https://help.openai.com/en/articles/6825453-chatgpt-release-notes
    ("gpt-4.5-preview", "chatgpt-custom-gpts", "2026-06-26", GONE, None),
    # --- codex
    # "The `gpt-5.4` and `gpt-5.4-mini` models retired from Codex with ChatGPT sign-in on
    # August 31, 2026." and "Replace `gpt-5.4` with `gpt-5.6-terra` (GPT-5.6 Terra). Replace
    # `gpt-5.4-mini` with `gpt-5.6-luna`" https://learn.chatgpt.com/docs/models
    ("gpt-5.4", "codex", "2026-08-31", REPLACEMENT, "gpt-5.6-terra"),
    ("gpt-5.4-mini", "codex", "2026-08-31", REPLACEMENT, "gpt-5.6-luna"),
    # "GPT-5.3-Codex-Spark retired on September 14, 2026" (same page)
    ("gpt-5.3-codex-spark", "codex", "2026-09-14", GONE, None),
    # --- azure (Replacement column = target of the automatic upgrade: a fallback)
    # "| o1 | 2024-12-17 | Deprecated | 2026-11-19 | gpt-5.6-sol |",
    # "| o3 | 2025-04-16 | Deprecated | 2026-11-19 | gpt-5.6-sol |",
    # "| o4-mini | 2025-04-16 | Deprecated | 2026-11-19 | gpt-5.6-terra |"
    # https://learn.microsoft.com/azure/foundry/openai/concepts/model-retirement-schedule
    ("o1-2024-12-17", "azure", "2026-11-19", FALLBACK, "gpt-5.6-sol"),
    ("o3-2025-04-16", "azure", "2026-11-19", FALLBACK, "gpt-5.6-sol"),
    ("o4-mini-2025-04-16", "azure", "2026-11-19", FALLBACK, "gpt-5.6-terra"),
    # "| gpt-4o | 2024-05-13 | Deprecated | 2026-12-09 | gpt-5.6-sol |",
    # "| gpt-4o-mini | 2024-07-18 | Deprecated | 2027-04-14 | — |",
    # "| gpt-4.1 | 2025-04-14 | Deprecated | 2027-04-14 | — |" (same page)
    ("gpt-4o-2024-05-13", "azure", "2026-12-09", FALLBACK, "gpt-5.6-sol"),
    ("gpt-4o-mini-2024-07-18", "azure", "2027-04-14", GONE, None),
    ("gpt-4.1-2025-04-14", "azure", "2027-04-14", GONE, None),
    # "| `gpt-35-turbo-16k` - 0613 | | April 30, 2025 | `gpt-4.1-mini` version: `2025-04-14` |"
    # https://learn.microsoft.com/azure/foundry/openai/concepts/retired-models
    ("gpt-3.5-turbo-16k-0613", "azure", "2025-04-30", REPLACEMENT, "gpt-4.1-mini-2025-04-14"),
    # "| `gpt-4` | turbo-2024-04-09 | Generally Available | November 14, 2025 | `gpt-4.1` |"
    # https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements
    ("gpt-4-turbo-2024-04-09", "azure", "2025-11-14", REPLACEMENT, "gpt-4.1"),
    # "| grok-3 | March 26, 2026 | April 1, 2026 | May 1, 2026 | grok-4 |",
    # "| Mistral-large-2411 | January 30, 2026 | Mistral-medium-2505 |",
    # "| Phi-3-mini-4k-instruct | August 30, 2025 | Phi-4-mini-instruct |"
    # https://learn.microsoft.com/azure/foundry/concepts/model-lifecycle-retirement
    ("grok-3", "azure", "2026-05-01", REPLACEMENT, "grok-4"),
    ("mistral-large-2411", "azure", "2026-01-30", REPLACEMENT, "mistral-medium-2505"),
    ("phi-3-mini-4k-instruct", "azure", "2025-08-30", REPLACEMENT, "phi-4-mini-instruct"),
    # --- vertex
    # "gemini-2.5-pro | June 17, 2025 | October 20, 2026 | gemini-3.8-flash or gemini-3.5-flash"
    # (the last day; stored as the day after)
    # https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/model-versions
    ("gemini-2.5-pro", "vertex", "2026-10-21", REPLACEMENT, "gemini-3.8-flash"),
    # "| `gemini-1.5-pro-002` | September 24, 2024 | September 24, 2025 | `gemini-2.5-flash` |"
    ("gemini-1.5-pro-002", "vertex", "2025-09-25", REPLACEMENT, "gemini-2.5-flash"),
    # "Claude 3.5 Haiku is deprecated as of January 5, 2026 and will be shut down on July 5, 2026."
    # https://docs.cloud.google.com/vertex-ai/generative-ai/docs/deprecations/partner-models
    ("claude-3-5-haiku-20241022", "vertex", "2026-07-05", GONE, None),
    # "Codestral (25.01) is deprecated as of October 23, 2025 and will be shut down on January 23,
    # 2026." https://cloud.google.com/vertex-ai/generative-ai/docs/deprecations/partner-models
    ("codestral-2501", "vertex", "2026-01-23", GONE, None),
    # "llama-3.3-70b-instruct-maas | July 21, 2026 | October 21, 2026 | Self-deploy Llama 3.3 ..."
    # https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/deprecations/open-models
    ("llama-3.3-70b-instruct", "vertex", "2026-10-21", GONE, None),
    # "All Imagen models shut down on August 17, 2026 ... Agent Platform Gemini API (formerly
    # Vertex AI)" https://firebase.google.com/docs/ai-logic/imagen-models-migration
    ("imagen-4.0-generate-001", "vertex", "2026-08-17", GONE, None),
    # --- bedrock (EOL date; the Legacy date is `announced`)
    # "| Anthropic | Claude Sonnet 4.5 | anthropic.claude-sonnet-4-5-20250929-v1:0 | ... |
    # October 8, 2026 | April 8, 2027 | January 8, 2027 |"
    # https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html
    ("claude-sonnet-4-5-20250929", "bedrock", "2027-04-08", GONE, None),
    # "| AI21 Labs | Jamba 1.5 Large | ai21.jamba-1-5-large-v1:0 | us-east-1 | May 26, 2026 |
    # November 26, 2026 | August 26, 2026 |" (same page)
    ("jamba-1.5-large", "bedrock", "2026-11-26", GONE, None),
    # "cohere.command-r-v1:0 ... Legacy date: February 19, 2026 ... EOL date: August 19, 2026"
    ("command-r", "bedrock", "2026-08-19", GONE, None),
    # "anthropic.claude-3-5-haiku-20241022-v1:0 ... EOL date: June 19, 2026"
    # https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html
    ("claude-3-5-haiku-20241022", "bedrock", "2026-06-19", GONE, None),
    # "Model EOL date: September 14, 2026 ... Model lifecycle: Legacy"
    # https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-premier.html
    ("nova-premier-v1", "bedrock", "2026-09-14", GONE, None),
    # --- copilot (the suggested alternative is a replacement: nothing switches by itself)
    # "'Claude Sonnet 3.5' retirement_date: '2025-11-06' suggested_alternative: 'Claude Haiku 4.5'"
    # https://docs.github.com/en/copilot/reference/ai-models/supported-models#model-retirement-history
    (
        "claude-3-5-sonnet-20241022",
        "copilot",
        "2025-11-06",
        REPLACEMENT,
        "claude-haiku-4-5-20251001",
    ),
    # "name: 'o3' retirement_date: '2025-10-23' suggested_alternative: 'GPT-5'"
    ("o3", "copilot", "2025-10-23", REPLACEMENT, "gpt-5"),
    # "'Claude Opus 4.1' retirement_date: '2026-02-17' suggested_alternative: 'Claude Opus 4.6'"
    # The alternative has left Copilot itself (no GitHub page gives the day): no successor.
    ("claude-opus-4-1-20250805", "copilot", "2026-02-17", GONE, None),
    # "name: 'Gemini 3 Pro' retirement_date: '2026-03-26' suggested_alternative: 'Gemini 3.1 Pro'"
    # The alternative has left Copilot itself (no GitHub page gives the day): no successor.
    ("gemini-3-pro-preview", "copilot", "2026-03-26", GONE, None),
    # "name: 'GPT-4.1' retirement_date: '2026-06-01' suggested_alternative: 'GPT-5.5'"
    ("gpt-4.1", "copilot", "2026-06-01", REPLACEMENT, "gpt-5.5"),
    # "On March 18, 2026, GitHub designated GPT-5.3-Codex as the LTS model." and "one year from
    # its designation date" https://docs.github.com/en/copilot/concepts/models/fallback-and-lts-models
    ("gpt-5.3-codex", "copilot", "2027-03-18", FLOOR, None),
    # --- github-models
    # "will be deprecated in GitHub Models on Monday, June 30th, 2025 ... Command R users should
    # transition to Command R 08-2024."
    # https://github.blog/changelog/2025-05-08-upcoming-deprecations-for-cohere-models-in-github-models
    ("command-r-03-2024", "github-models", "2025-06-30", REPLACEMENT, "command-r-08-2024"),
    # "Mistral-Nemo users should transition to Mistral-small-2503."
    # https://github.blog/changelog/2025-10-31-deprecated-models-in-github-models
    ("open-mistral-nemo-2407", "github-models", "2025-10-31", REPLACEMENT, "mistral-small-2503"),
    # "As of July 30, 2026, GitHub Models has been fully retired." (docs.github.com)
    # https://github.blog/changelog/2026-07-01-github-models-is-being-fully-retired-on-july-30-2026/
    ("gpt-4o", "github-models", "2026-07-30", GONE, None),
]

MORE_FACTS: list[Fact] = [
    # ChatGPT
    ("gpt-4", "chatgpt", "2025-04-30", FALLBACK, "gpt-4o"),
    ("gpt-4o-mini", "chatgpt", "2025-05-14", FALLBACK, "gpt-4.1-mini"),
    ("o1-pro", "chatgpt", "2025-06-10", FALLBACK, "o3-pro"),
    ("o4-mini", "chatgpt", "2026-02-13", FALLBACK, "gpt-5.2"),
    ("gpt-5.1-instant", "chatgpt", "2026-03-11", FALLBACK, "gpt-5.3-instant"),
    ("gpt-5.1-thinking", "chatgpt", "2026-03-11", FALLBACK, "gpt-5.4-thinking"),
    ("gpt-5.1-pro", "chatgpt", "2026-03-11", FALLBACK, "gpt-5.4-pro"),
    ("gpt-5.2", "chatgpt", "2026-06-12", FALLBACK, "gpt-5.5"),
    ("gpt-5.2-thinking", "chatgpt", "2026-06-12", FALLBACK, "gpt-5.5-thinking"),
    ("gpt-5.2-pro", "chatgpt", "2026-06-12", FALLBACK, "gpt-5.5-pro"),
    ("gpt-4.5-preview", "chatgpt", "2026-06-26", FALLBACK, "gpt-5.5"),
    ("gpt-5.5-thinking", "chatgpt", "2026-10-14", GONE, None),
    # Codex with ChatGPT sign-in
    ("gpt-5.5", "codex", "2026-10-14", REPLACEMENT, "gpt-6-sol"),
    # OpenAI API
    ("code-davinci-002", "api", "2023-03-23", REPLACEMENT, "gpt-4o"),
    ("text-davinci-003", "api", "2024-01-04", REPLACEMENT, "gpt-3.5-turbo-instruct"),
    ("gpt-3.5-turbo-0301", "api", "2024-09-13", REPLACEMENT, "gpt-3.5-turbo"),
    ("gpt-4-vision-preview", "api", "2024-12-06", REPLACEMENT, "gpt-4o"),
    ("gpt-4-32k", "api", "2025-06-06", REPLACEMENT, "gpt-4o"),
    ("gpt-4.5-preview", "api", "2025-07-14", REPLACEMENT, "gpt-4.1"),
    ("o1-preview", "api", "2025-07-28", REPLACEMENT, "o3"),
    ("o1-mini", "api", "2025-10-27", REPLACEMENT, "o4-mini"),
    ("codex-mini-latest", "api", "2026-02-12", REPLACEMENT, "gpt-5-codex-mini"),
    ("gpt-4-0314", "api", "2026-03-26", REPLACEMENT, "gpt-5"),
    ("gpt-4o-realtime-preview", "api", "2026-05-07", REPLACEMENT, "gpt-realtime-1.5"),
    ("dall-e-3", "api", "2026-05-12", REPLACEMENT, "gpt-image-2"),
    ("gpt-5-chat-latest", "api", "2026-07-23", REPLACEMENT, "gpt-5.5"),
    ("sora-2", "api", "2026-09-24", GONE, None),
    ("gpt-3.5-turbo-instruct", "api", "2026-09-28", REPLACEMENT, "gpt-5.4-mini"),
    ("gpt-4-1106-preview", "api", "2026-10-23", REPLACEMENT, "gpt-5.5"),
    ("gpt-4o-2024-05-13", "api", "2026-10-23", REPLACEMENT, "gpt-5.6-sol"),
    ("gpt-4.1-nano", "api", "2026-10-23", REPLACEMENT, "gpt-5.6-luna"),
    ("gpt-image-1-mini", "api", "2026-12-01", REPLACEMENT, "gpt-image-2.6-sunburst"),
    ("gpt-5", "api", "2026-12-11", REPLACEMENT, "gpt-6.1-sol"),
    ("gpt-5-mini", "api", "2026-12-11", REPLACEMENT, "gpt-6.1-terra"),
    ("gpt-4o-2024-08-06", "api", "2027-01-14", REPLACEMENT, "gpt-6-luna"),
    ("gpt-4.1-mini-2025-04-14", "api", "2027-01-14", REPLACEMENT, "gpt-6-luna"),
    ("whisper-1", "api", "2027-02-26", REPLACEMENT, "gpt-live-transcribe"),
    # Anthropic (Claude API)
    ("claude-instant-1.2", "api", "2024-11-06", REPLACEMENT, "claude-haiku-4-5-20251001"),
    ("claude-2.1", "api", "2025-07-21", REPLACEMENT, "claude-opus-4-8"),
    ("claude-3-5-sonnet-20241022", "api", "2025-10-28", REPLACEMENT, "claude-sonnet-4-6"),
    ("claude-3-opus-20240229", "api", "2026-01-05", REPLACEMENT, "claude-opus-4-8"),
    ("claude-3-7-sonnet-20250219", "api", "2026-02-19", REPLACEMENT, "claude-sonnet-4-6"),
    ("claude-3-5-haiku-20241022", "api", "2026-02-19", REPLACEMENT, "claude-haiku-4-5-20251001"),
    ("claude-3-haiku-20240307", "api", "2026-04-20", REPLACEMENT, "claude-haiku-4-5-20251001"),
    ("claude-sonnet-4-20250514", "api", "2026-06-15", REPLACEMENT, "claude-sonnet-4-6"),
    ("claude-opus-4-20250514", "api", "2026-06-15", REPLACEMENT, "claude-opus-4-8"),
    # Claude in Microsoft Foundry follows the Claude API's schedule
    ("claude-sonnet-4-5-20250929", "azure", "2026-11-30", REPLACEMENT, "claude-sonnet-5-5"),
    # Gemini API. The replacement column is rewritten as Google ships models; the catalogue
    # keeps the model Google named when the model retired (a successor must be offered on
    # that day), or none where only a later model is named.
    ("gemini-1.0-pro", "api", "2025-02-15", GONE, None),
    ("imagen-3.0-generate-002", "api", "2025-11-10", REPLACEMENT, "imagen-4.0-generate-001"),
    ("gemini-2.5-pro-preview-05-06", "api", "2025-12-02", REPLACEMENT, "gemini-3-pro-preview"),
    ("gemini-2.0-flash-live-001", "api", "2025-12-09", GONE, None),
    ("gemini-3-pro-preview", "api", "2026-03-09", REPLACEMENT, "gemini-3.1-pro-preview"),
    ("gemini-2.0-flash", "api", "2026-06-01", REPLACEMENT, "gemini-3.5-flash"),
    ("gemini-2.0-flash-lite-001", "api", "2026-06-01", REPLACEMENT, "gemini-3.1-flash-lite"),
    ("gemini-3.1-flash-image-preview", "api", "2026-06-25", REPLACEMENT, "gemini-3.1-flash-image"),
    (
        "imagen-4.0-ultra-generate-001",
        "api",
        "2026-08-17",
        REPLACEMENT,
        "gemini-3.1-flash-image",
    ),
    ("gemini-3.5-flash", "api", "2026-10-08", FALLBACK, "gemini-3.6-flash"),
    # From 2026-12-01 Google routes the two 2.5 ids to newer models automatically.
    ("gemini-2.5-pro", "api", "2026-12-01", FALLBACK, "gemini-3.8-flash"),
    ("gemini-2.5-flash", "api", "2026-12-01", FALLBACK, "gemini-3.5-flash-lite"),
    # Vertex AI (stored as the day after Google's last available day)
    ("gemini-1.0-pro-001", "vertex", "2025-04-22", REPLACEMENT, "gemini-2.5-flash"),
    ("gemini-1.0-pro-vision-001", "vertex", "2025-04-22", REPLACEMENT, "gemini-2.5-flash"),
    ("gemini-2.0-flash-001", "vertex", "2026-06-02", REPLACEMENT, "gemini-3.1-flash-lite"),
    ("gemini-2.0-flash-lite-001", "vertex", "2026-06-02", REPLACEMENT, "gemini-3.1-flash-lite"),
    ("gemini-2.5-flash", "vertex", "2026-10-21", REPLACEMENT, "gemini-3.8-flash"),
    ("gemini-2.5-flash-lite", "vertex", "2026-10-21", REPLACEMENT, "gemini-3.8-flash"),
    ("gemini-live-2.5-flash-native-audio", "vertex", "2026-12-14", REPLACEMENT, "gemini-3.8-live"),
    ("gemini-3.5-flash", "vertex", "2027-05-20", FLOOR, None),
    # Azure OpenAI: retired-models rows name a replacement; schedule rows a fallback
    ("davinci", "azure", "2024-06-14", GONE, None),
    ("dall-e-2", "azure", "2025-01-27", REPLACEMENT, "dall-e-3"),
    ("gpt-3.5-turbo-0301", "azure", "2025-02-13", REPLACEMENT, "gpt-3.5-turbo-0125"),
    (
        "gpt-4o-realtime-preview-2024-10-01",
        "azure",
        "2025-03-26",
        REPLACEMENT,
        "gpt-4o-realtime-preview-2024-12-17",
    ),
    ("gpt-4-0613", "azure", "2025-06-06", REPLACEMENT, "gpt-4o-2024-11-20"),
    ("gpt-4.5-preview-2025-02-27", "azure", "2025-07-14", REPLACEMENT, "gpt-4.1"),
    ("gpt-3.5-turbo-0125", "azure", "2025-11-14", REPLACEMENT, "gpt-4.1-mini"),
    ("gpt-4o-audio-preview-2024-12-17", "azure", "2026-02-02", FALLBACK, "gpt-audio"),
    ("dall-e-3", "azure", "2026-02-18", REPLACEMENT, "gpt-image-1-mini"),
    ("gpt-5-chat-2025-08-07", "azure", "2026-06-29", FALLBACK, "gpt-chat-latest"),
    ("gpt-4.1-nano-2025-04-14", "azure", "2026-10-14", GONE, None),
    ("o3-mini-2025-01-31", "azure", "2026-11-19", FALLBACK, "gpt-5.6-terra"),
    ("o1-pro-2025-03-19", "azure", "2026-11-19", FALLBACK, "gpt-5.6-sol"),
    ("o3-deep-research-2025-06-26", "azure", "2026-11-19", FALLBACK, "gpt-5.6-sol"),
    ("o3", "azure", "2026-11-19", FALLBACK, "gpt-5.6-sol"),  # derived from o3-2025-04-16
    ("gpt-4o-2024-11-20", "azure", "2027-04-14", FALLBACK, "gpt-5.1"),
    ("gpt-5.1-2025-11-13", "azure", "2027-05-15", GONE, None),
]

FACTS: list[Fact] = [*SPOT_CHECKS, *MORE_FACTS]


@pytest.mark.parametrize(
    ("model", "surface", "day", "kind", "successor"),
    FACTS,
    ids=[f"{m}@{s}" for m, s, *_ in FACTS],
)
def test_sourced_fact(
    status_on: StatusOn, model: str, surface: str, day: str, kind: str, successor: str | None
) -> None:
    before = status_on(day_before(day)).get((model, surface))
    on = status_on(day).get((model, surface))
    assert before is not None and on is not None, f"{model} is not offered on {surface}"
    assert before["state"] in AVAILABLE, before
    assert on["source"]
    assert on["days_left"] == 0
    if kind == FLOOR:
        assert on["state"] == "retiring", on
        assert on["not_before"] == day
        assert on["retires"] is None
        assert successor is None
        return
    assert on["state"] == "retired", on
    assert on["retires"] == day
    assert on["not_before"] is None
    assert on["fallback"] == (successor if kind == FALLBACK else None)
    assert on["replacement"] == (successor if kind == REPLACEMENT else None)
    assert kind in (FALLBACK, REPLACEMENT) or (kind == GONE and successor is None)


def test_fact_table_is_broad(raw_catalogue: dict[str, Any]) -> None:
    keys = [(model, surface) for model, surface, *_ in FACTS]
    assert len(keys) == len(set(keys)), "a (model, surface) pair is listed twice"
    assert len(SPOT_CHECKS) >= 30
    # Spot checks on every surface, and on the API for most providers.
    assert {surface for _, surface, *_ in SPOT_CHECKS} == set(raw_catalogue["surfaces"])
    models = raw_catalogue["models"]
    api_providers = {
        models[model]["provider"] for model, surface, *_ in SPOT_CHECKS if surface == "api"
    }
    assert len(api_providers) >= 8, api_providers
    groups = {
        "chatgpt": [f for f in FACTS if f[1].startswith("chatgpt")],
        "azure": [f for f in FACTS if f[1] == "azure"],
        "vertex": [f for f in FACTS if f[1] == "vertex"],
        "bedrock": [f for f in FACTS if f[1] == "bedrock"],
        "copilot": [f for f in FACTS if f[1] == "copilot"],
        "anthropic-api": [f for f in FACTS if f[1] == "api" and f[0].startswith("claude")],
        "gemini-api": [f for f in FACTS if f[1] == "api" and f[0].startswith(("gemini", "imagen"))],
        "openai-api": [f for f in FACTS if f[1] == "api" and models[f[0]]["provider"] == "openai"],
    }
    for name, facts in groups.items():
        assert len(facts) >= 5, name
    assert {kind for *_, kind, _ in FACTS} == {FALLBACK, REPLACEMENT, GONE, FLOOR}


# --------------------------------------------------------------------------- no date invented
# Where a provider gives a floor or no date, the catalogue stores no retirement; dates that
# only third parties report (a 2027-01-22 for Claude Opus 4.5, an earlier 2026-07-21 for
# Claude Mythos Preview that Anthropic withdrew) are left out.


@pytest.mark.parametrize(
    ("model", "surface", "floor"),
    [
        ("gemini-2.5-flash-lite", "api", None),  # "not deprecated ... until further notice"
        ("claude-mythos-preview", "api", None),  # deprecated, no retirement date published
        ("gpt-realtime-mini-2025-10-06", "azure", None),  # listed twice with two dates
        ("gemini-2.5-flash-image", "api", "2026-10-02"),  # "earliest possible" date
        ("gemini-2.5-flash-image", "vertex", "2026-10-03"),
        ("claude-haiku-4-5-20251001", "api", "2026-10-15"),  # "Not sooner than"
        ("claude-opus-4-5-20251101", "api", "2026-11-24"),
    ],
)
def test_no_date_is_invented(
    status_on: StatusOn, model: str, surface: str, floor: str | None
) -> None:
    row = status_on(TODAY)[(model, surface)]
    assert row["retires"] is None
    assert row["not_before"] == floor
    assert row["state"] == ("active" if floor is None else "retiring")


# Ids that real code calls and an audit of 2026-12-01 found the catalogue lacked, each on
# the surface that code reaches it on: each must be known there (offered or retired, with
# its dates), never "unknown model" or "not offered on".
CALLED_BY_REAL_CODE = [
    ("claude-3-5-sonnet-latest", "api"),
    ("claude-sonnet-4-5", "api"),
    ("claude-opus-4-1", "api"),
    ("claude-haiku-4-5", "api"),
    ("gemini-1.5-pro", "api"),
    ("gemini-1.5-flash", "api"),
    ("gemini-pro", "api"),
    ("gemini-pro", "vertex"),
    ("models/gemini-1.5-pro", "api"),
    ("text-embedding-004", "api"),
    ("text-embedding-ada-002", "api"),
    ("text-embedding-ada-002-v2", "api"),
    ("text-embedding-3-large", "api"),
    ("tts-1", "api"),
    ("gpt-3.5-turbo-16k", "api"),
    ("gpt-35-turbo", "azure"),
    ("gemini-2.0-flash", "vertex"),
]


@pytest.mark.parametrize(("name", "surface"), CALLED_BY_REAL_CODE)
def test_ids_real_code_calls_are_known_where_it_calls_them(name: str, surface: str) -> None:
    answer = run_json("resolve", name, "--surface", surface, "--date", TODAY, expect=(0, 1))
    assert answer["surface"] == surface
    assert answer["state"] in {"active", "retiring", "retired"}
    if answer["state"] == "retired":
        assert answer["retires"] is not None
