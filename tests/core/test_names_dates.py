"""Finding models by name, and reading dates people type."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
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


# 2026-02-01 is a Sunday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", "2026-02-02"),
        ("Yesterday", "2026-01-31"),
        ("+30d", "2026-03-03"),
        ("+ 30 days", "2026-03-03"),
        ("-5d", "2026-01-27"),
        ("-2w", "2026-01-18"),
        ("+3m", "2026-05-01"),
        ("+1y", "2027-02-01"),
        ("+0d", "2026-02-01"),
        ("in 3 months", "2026-05-01"),
        ("in 2 weeks", "2026-02-15"),
        ("in a week", "2026-02-08"),
        ("in 1 day", "2026-02-02"),
        ("3 days ago", "2026-01-29"),
        ("a year ago", "2025-02-01"),
        ("next friday", "2026-02-06"),
        ("next sunday", "2026-02-08"),  # today is a Sunday: the next one, never today
        ("next Mon", "2026-02-02"),
        ("last sunday", "2026-01-25"),
        ("last saturday", "2026-01-31"),
        ("end of month", "2026-02-28"),
        ("end of quarter", "2026-03-31"),
        ("end of year", "2026-12-31"),
        ("start of next month", "2026-03-01"),
        ("the start of the month", "2026-02-01"),
        ("beginning of next quarter", "2026-04-01"),
        ("end of last quarter", "2025-12-31"),
        ("start of next year", "2027-01-01"),
        ("  END   OF   MONTH ", "2026-02-28"),
    ],
)
def test_dates_people_say(text: str, expected: str) -> None:
    assert parse_date(text, TODAY) == D(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("+1m", "2026-01-31", "2026-02-28"),  # the month's last day when it has no 31st
        ("in 1 month", "2024-01-31", "2024-02-29"),
        ("+1y", "2024-02-29", "2025-02-28"),
        ("-1m", "2026-03-31", "2026-02-28"),
        ("end of quarter", "2026-12-15", "2026-12-31"),
        ("start of next quarter", "2026-12-15", "2027-01-01"),
        ("start of next month", "2026-12-15", "2027-01-01"),
        ("start of last quarter", "2026-01-15", "2025-10-01"),
        ("end of next month", "2026-01-15", "2026-02-28"),
        ("next friday", "2026-02-05", "2026-02-06"),  # a Thursday: tomorrow
        ("next friday", "2026-02-06", "2026-02-13"),  # a Friday: a week on
        ("last friday", "2026-02-06", "2026-01-30"),
    ],
)
def test_month_arithmetic_and_edges(text: str, today: str, expected: str) -> None:
    assert parse_date(text, D(today)) == D(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+99999y", "is beyond the calendar"),
        ("-9999999999999999999999d", "is beyond the calendar"),
        ("end of the week", "not a date I can read"),  # months, quarters and years only
        ("next someday", "not a date I can read"),
        ("in 3 fortnights", "not a date I can read"),
        ("-x", "not a date I can read"),
    ],
)
def test_phrases_that_name_no_date(text: str, message: str) -> None:
    with pytest.raises(BadDate, match=message) as caught:
        parse_date(text, TODAY)
    assert caught.value.hint
    # Worded with the whole text, whatever part of it was out of reach.
    assert usage_error(caught.value, "--date").message.startswith(f"--date '{text}' ")


def test_a_bare_count_asks_for_a_unit() -> None:
    with pytest.raises(BadDate) as caught:
        parse_date("-5", TODAY)
    worded = usage_error(caught.value, "--date")
    assert worded.message == "--date '-5' is not a date: a count from today needs a unit"
    assert worded.hint is not None and "-5d" in worded.hint


def test_an_unreadable_date_hints_at_what_can_be_read() -> None:
    with pytest.raises(BadDate) as caught:
        parse_date("someday", TODAY)
    for example in ("YYYY-MM-DD", "`today`", "`+30d`", "`in 3 months`", "`next friday`"):
        assert example in caught.value.hint


@given(st.dates())
def test_an_iso_date_reads_back_as_itself(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day
    assert parse_date(f" {day.isoformat()} ", D("1999-12-31")) == day


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=0, max_value=20000),
)
def test_counts_of_days_and_weeks_are_from_today(today: date, n: int) -> None:
    assert parse_date(f"+{n}d", today) == today + timedelta(days=n)
    assert parse_date(f"-{n}d", today) == today - timedelta(days=n)
    assert parse_date(f"in {n} days", today) == today + timedelta(days=n)
    assert parse_date(f"{n} days ago", today) == today - timedelta(days=n)
    assert parse_date(f"+{n}w", today) == today + timedelta(weeks=n)


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(min_value=0, max_value=600))
def test_counts_of_months_land_on_the_same_day_or_the_months_last(today: date, n: int) -> None:
    later = parse_date(f"+{n}m", today)
    months = (later.year - today.year) * 12 + later.month - today.month
    assert months == n
    assert later.day == today.day or (later.day < today.day and (later + timedelta(1)).day == 1)


@given(st.dates(max_value=date(9998, 1, 1)))
def test_next_weekday_is_within_the_coming_week_never_today(today: date) -> None:
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for weekday, name in enumerate(names):
        found = parse_date(f"next {name}", today)
        assert found.weekday() == weekday
        assert 1 <= (found - today).days <= 7
        before = parse_date(f"last {name}", today)
        assert before.weekday() == weekday
        assert 1 <= (today - before).days <= 7


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("90", 90),
        ("0", 0),
        ("90d", 90),
        (" 90 days ", 90),
        ("12w", 84),
        ("3m", 89),  # 2026-01-31 to 2026-04-30
        ("1y", 365),
        ("1 year", 365),
        ("99999999999999999999999", 99999999999999999999999),  # days as written
        ("9999999999999999w", 69999999999999993),
        ("9999y", (date.max - D("2026-01-31")).days),  # all there is
        ("99999999999999999999m", (date.max - D("2026-01-31")).days),
    ],
)
def test_spans_for_within(text: str, days: int) -> None:
    from modelsunset.dates import parse_span

    assert parse_span(text).days(D("2026-01-31")) == days


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-1", "is negative"),
        ("-3m", "is negative"),
        ("3x", "not a number of days"),
        ("", "not"),
        ("9" * 5000, "too long"),
    ],
)
def test_spans_that_are_no_spans(text: str, problem: str) -> None:
    from modelsunset.dates import parse_span

    with pytest.raises(BadDate, match=problem):
        parse_span(text)
