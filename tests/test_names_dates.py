"""Finding models by name, and reading dates people type."""

from __future__ import annotations

from datetime import date

import pytest
from support.builders import D

from modelsunset.commands import usage_error
from modelsunset.dates import parse_date
from modelsunset.errors import AmbiguousName, BadDate, UnknownName, UsageError
from modelsunset.model import Model
from modelsunset.names import NameIndex, find_key, normalise, suggest


def _model(model_id: str, name: str, *aliases: str) -> Model:
    return Model(model_id, name, "openai", aliases, {})


INDEX = NameIndex(
    {
        m.id: m
        for m in (
            _model("gpt-4o", "GPT-4o", "gpt4o"),
            _model("gpt-4.1-mini", "GPT-4.1 mini"),
            _model("o4-mini", "OpenAI o4-mini"),
            _model("claude-sonnet-4-20250514", "Claude Sonnet 4", "claude-sonnet-4-0"),
            _model("snap-a", "Same Name"),
            _model("snap-b", "Same Name"),
        )
    }
)


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("gpt-4o", "gpt-4o"),  # exact id
        ("gpt4o", "gpt-4o"),  # alias
        ("GPT-4o", "gpt-4o"),  # normalised id
        ("GPT 4.1 mini", "gpt-4.1-mini"),  # spaces read as hyphens
        ("gpt_4.1_mini", "gpt-4.1-mini"),  # underscores too
        ("  gpt-4.1-mini ", "gpt-4.1-mini"),
        ("CLAUDE-SONNET-4-0", "claude-sonnet-4-20250514"),  # normalised alias
        ("OpenAI o4-mini", "o4-mini"),  # display name
        ("openai O4 mini", "o4-mini"),  # display name, normalised
        ("Claude Sonnet 4", "claude-sonnet-4-20250514"),
    ],
)
def test_lookup_order(name: str, found: str) -> None:
    assert INDEX.find(name).id == found


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(UnknownName, match="unknown model 'gpt-4p'") as caught:
        INDEX.find("gpt-4p")
    assert "gpt-4o" in caught.value.suggestions
    hint = usage_error(caught.value).hint
    assert hint is not None
    assert "'gpt-4o'" in hint
    with pytest.raises(UnknownName) as caught:
        INDEX.find("zzzzzz")
    assert usage_error(caught.value).hint == "`modelsunset status --all` lists every model"


def test_ambiguous_display_name_lists_the_models() -> None:
    with pytest.raises(AmbiguousName, match="snap-a, snap-b") as caught:
        INDEX.find("Same Name")
    assert usage_error(caught.value).hint == "ask for one of them by id"


def test_suggest_and_normalise() -> None:
    assert normalise(" GPT  4.1__mini ") == "gpt-4.1-mini"
    assert suggest("chatgtp", ["chatgpt", "api", "azure"]) == ["chatgpt"]
    assert suggest("4o", ["gpt-4o", "gpt-4.1"])[0] == "gpt-4o"  # contained, not close
    assert suggest("zzzz", ["api"]) == []
    # A name shorter than the compared beginnings is suggested once, not once per bucket.
    assert suggest("apii", ["api", "azure", "chatgpt"]) == ["api"]
    assert suggest("ap", ["api", "azure"]) == ["api"]


def test_find_key_is_case_insensitive_and_suggests() -> None:
    known = {"chatgpt": 1, "api": 2}
    assert find_key("surface", "ChatGPT", known) == "chatgpt"
    with pytest.raises(UnknownName, match="unknown surface 'chatgtp'") as caught:
        find_key("surface", "chatgtp", known)
    assert usage_error(caught.value).hint == "did you mean 'chatgpt'?"
    with pytest.raises(UnknownName) as caught:
        find_key("surface", "zzzz", known)
    assert usage_error(caught.value).hint == "known surfaces: api, chatgpt"


TODAY = date(2026, 2, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-14", "2026-02-14"),
        (" 2026-02-14 ", "2026-02-14"),
        ("today", "2026-02-01"),
        ("TODAY", "2026-02-01"),
        ("14 February 2026", "2026-02-14"),
        ("Feb 14, 2026", "2026-02-14"),
        ("2026/02/14", "2026-02-14"),
        ("March 3", "2026-03-03"),  # the year comes from "today"
        ("2024-02-29", "2024-02-29"),
    ],
)
def test_dates_people_type(text: str, expected: str) -> None:
    assert parse_date(text, TODAY) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "not a real calendar date"),
        ("2025-02-29", "not a real calendar date"),
        ("", "is empty"),
        ("not a date", "not a date I can read"),
        ("99999999999999999999", "not a date I can read"),
        ("2026-13-45T99", "not a date I can read"),
        # Nothing is filled in from today but the year.
        ("Feb 2026", "names no day"),
        ("2026-02", "names no day"),
        ("2026", "names no day and month"),
        ("14", "names no month"),
        ("31", "names no month"),
        ("-5", "a count from today needs a unit"),  # -5d is five days ago
        ("+12", "a count from today needs a unit"),
        ("+5x", "not a date I can read"),
    ],
)
def test_dates_that_name_no_day_are_usage_errors(text: str, message: str) -> None:
    with pytest.raises(BadDate, match=message) as caught:
        parse_date(text, TODAY)
    # Worded for the command line by the caller, with the option it came from.
    worded = usage_error(caught.value, "--date")
    assert isinstance(worded, UsageError)
    assert worded.message.startswith("--date ")
    assert message in worded.message
    # The same on any "today": the answer never depends on the day it is asked.
    with pytest.raises(BadDate, match=message):
        parse_date(text, D("2027-11-30"))


@pytest.mark.parametrize(
    ("text", "what", "message"),
    [
        ("2026-02-30", "--date", "--date 2026-02-30 is not a real calendar date"),
        ("", "--date", "--date is empty"),
        ("x", "MODELSUNSET_DATE", "MODELSUNSET_DATE 'x' is not a date I can read"),
        ("Feb 2026", "--date", "--date 'Feb 2026' names no day"),
    ],
)
def test_date_errors_name_where_the_text_came_from(text: str, what: str, message: str) -> None:
    with pytest.raises(BadDate) as caught:
        parse_date(text, TODAY)
    assert usage_error(caught.value, what).message == message


def test_control_characters_are_written_out_and_line_breaks_kept_on_request() -> None:
    from modelsunset.wording import visible

    assert visible("a\x1b[31mb\nc\td\x9be→") == "a\\x1b[31mb\\nc\\td\\x9be→"
    assert visible("a\x1bb\nc\td\re", lines=True) == "a\\x1bb\nc\td\\re"


def test_surface_aliases_and_prefixes_find_a_model_on_one_surface() -> None:
    from modelsunset.model import Entry, Surface

    sonnet = Model(
        "claude-3-sonnet-20240229",
        "Claude 3 Sonnet",
        "anthropic",
        (),
        {
            "api": Entry("claude-3-sonnet-20240229", "api"),
            "bedrock": Entry(
                "claude-3-sonnet-20240229",
                "bedrock",
                aliases=("anthropic.claude-3-sonnet-20240229-v1:0",),
            ),
        },
    )
    gpt = Model("gpt-4o", "GPT-4o", "openai", (), {"azure": Entry("gpt-4o", "azure")})
    surfaces = {
        "api": Surface("api", "API"),
        "azure": Surface("azure", "Azure", prefixes=("azure/",)),
        "bedrock": Surface("bedrock", "Bedrock", prefixes=("bedrock/", "us.")),
    }
    index = NameIndex({m.id: m for m in (sonnet, gpt)}, surfaces)
    bedrock_id = "anthropic.claude-3-sonnet-20240229-v1:0"
    assert index.locate("claude-3-sonnet-20240229") == (sonnet, None)
    assert index.locate(bedrock_id) == (sonnet, "bedrock")
    assert index.locate(bedrock_id.upper()) == (sonnet, "bedrock")  # normalised
    assert index.locate("bedrock/us." + bedrock_id) == (sonnet, "bedrock")
    assert index.locate("azure/gpt-4o") == (gpt, "azure")
    assert index.locate("AZURE/gpt-4o") == (gpt, "azure")
    # A prefix of one surface before another surface's alias finds nothing.
    assert index.locate("azure/" + bedrock_id) is None
    assert index.locate("azure/") is None
    assert index.find(bedrock_id) == sonnet
