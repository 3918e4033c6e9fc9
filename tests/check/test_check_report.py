"""Levels and suggestions, without files: the level follows days_left alone, and one
``Suggester`` reused for every unknown id of a run answers as a fresh one would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from modelsunset.check.report import Level, level_of
from modelsunset.names import Suggester


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


@settings(max_examples=examples(300), deadline=None)
@given(
    st.one_of(
        st.sampled_from(["gpt-9", "gpt-4o-mini-2099", "claude-opus-9", "o5", "4o", "x", ""]),
        st.text(alphabet="gpt-4o.1claude_ GPT", max_size=14),
    )
)
def test_a_reused_suggester_answers_as_a_fresh_one(word: str) -> None:
    shared = SHARED(word)
    assert shared == Suggester(IDS)(word)
    assert len(shared) == len(set(shared)) <= 3
    assert set(shared) <= set(IDS)


SHARED = Suggester(IDS)


def test_typos_in_the_first_letters_still_find_the_model() -> None:
    assert Suggester(IDS)("gtp-4o")[0] == "gpt-4o"
    assert Suggester(IDS)("GPT 4o mini")[0] == "gpt-4o-mini"
