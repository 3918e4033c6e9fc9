"""Levels and suggestions, without files: the level follows days_left alone, and the
suggestions for unknown ids are those of ``names.suggest``, worked out once per run."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelsunset.check.report import Level, Suggestions, level_of
from modelsunset.names import suggest


@pytest.mark.parametrize(
    ("days_left", "fail_within", "warn_within", "level"),
    [
        (None, 0, 90, None),
        (-215, 0, 0, Level.ERROR),
        (0, 0, 90, Level.ERROR),
        (1, 0, 90, Level.WARNING),
        (90, 0, 90, Level.WARNING),
        (91, 0, 90, None),
        (14, 14, 90, Level.ERROR),
        (15, 14, 90, Level.WARNING),
        (20, 30, 10, Level.ERROR),
        (11, 0, 10, None),
    ],
)
def test_the_level_follows_days_left_alone(
    days_left: int | None, fail_within: int, warn_within: int, level: Level | None
) -> None:
    assert level_of(days_left, fail_within, warn_within) is level


IDS = [
    "gpt-4o",
    "gpt-4o-mini",
    "gpt-4.1",
    "gpt-4.5-preview",
    "GPT_Odd Case",
    "claude-3-opus-20240229",
    "claude-opus-4-1",
    "o3",
    "davinci",
]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.sampled_from(["gpt-9", "gpt-4o-mini-2099", "claude-opus-9", "o5", "4o", "x", ""]),
        st.text(alphabet="gpt-4o.1claude_ GPT", max_size=14),
    )
)
def test_suggestions_are_those_of_names_suggest(word: str) -> None:
    assert Suggestions(IDS)(word) == tuple(suggest(word, IDS))


def test_suggestions_are_worked_out_once_per_word() -> None:
    suggestions = Suggestions(IDS)
    first = suggestions("gpt-9")
    assert suggestions("gpt-9") is first
