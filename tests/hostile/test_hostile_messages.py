"""Messages quote a value from outside (a name typed, a catalogue's value, the environment)
with its control and hidden characters written out, and at most about 60 characters of
it: a value can neither flood stderr nor restyle or reorder it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import HOSTILE, assert_inert
from hypothesis import given, settings
from support import WAVE, examples, pinned_env, run

from modelsunset.errors import AmbiguousName, BadDate, NotOffered, OnOneSurface, UnknownName
from modelsunset.names import did_you_mean
from modelsunset.wording import QUOTED_LIMIT, clipped, defused, quoted

LONG = "gpt-4o\x1b[31m" + "\u202e" + "x" * 10_000


@settings(max_examples=examples(500))
@given(value=HOSTILE)
def test_quoted_is_short_and_inert(value: str) -> None:
    shown = quoted(value)
    assert len(shown) <= QUOTED_LIMIT + 2
    assert_inert(shown)
    assert "\n" not in shown
    if len(value) <= QUOTED_LIMIT and defused(value) == value:
        assert shown == f"'{value}'"  # a value as most are: as it is
    else:
        assert clipped(value) != value


def test_a_cut_never_splits_a_written_out_character() -> None:
    value = "a" * 55 + "\x1b" * 10
    shown = clipped(value)
    assert shown == "a" * 55 + "..."  # "\x1b" would not fit whole before the cut
    assert clipped("\u202e" * 30) == "\\u202e" * 9 + "..."
    assert len(clipped("x" * 61)) == QUOTED_LIMIT and clipped("x" * 61).endswith("...")


@pytest.mark.parametrize(
    "error",
    [
        UnknownName("model", LONG, []),
        AmbiguousName(LONG, [LONG, "b"]),
        NotOffered(LONG, LONG, []),
        OnOneSurface(LONG, LONG, LONG, LONG),
    ],
)
def test_domain_errors_quote_little(error: Exception) -> None:
    message = str(error)
    assert len(message) < 400
    assert "x" * 61 not in message
    assert_inert(message)


def test_a_bad_date_quotes_little() -> None:
    message = BadDate(LONG, "is not a date I can read", "").message("--date")
    assert len(message) < 120 and "\x1b" not in message and "..." in message


def test_suggestions_are_quoted_as_values() -> None:
    assert did_you_mean(["gpt-4o", "\x1b[2J" + "y" * 100]) == (
        "did you mean 'gpt-4o' or '\\x1b[2J" + "y" * 50 + "...'?"
    )


def _stderr_is_short_and_inert(stderr: str) -> None:
    assert stderr.strip()
    assert_inert(stderr)
    for line in stderr.splitlines():
        assert len(line) < 300, line


@pytest.mark.parametrize(
    "args",
    [
        ["resolve", LONG],
        ["resolve", "gpt-4o", "--surface", LONG],
        ["status", "--provider", LONG],
        ["status", "--date", LONG],
        ["notices", "--within", "9" * 5000 + "x"],
        ["status", "--date", "+" + "9" * 5000],
        ["calendar", "--alarms", LONG],
        ["check", "--model", LONG, "--surface", "api"],
    ],
)
def test_commands_quote_little_of_what_was_typed(tmp_path: Path, args: list[str]) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    result = run(*args, env=env, cwd=tmp_path)
    assert result.returncode in (1, 2), result.stderr
    _stderr_is_short_and_inert(result.stderr)


def test_the_environment_is_quoted_as_little(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), MODELSUNSET_DATE=LONG)
    result = run("status", env=env, cwd=tmp_path)
    assert result.returncode == 2
    _stderr_is_short_and_inert(result.stderr)
    assert "MODELSUNSET_DATE 'gpt-4o\\x1b[31m\\u202e" in result.stderr


def test_suggestions_from_a_catalogue_are_quoted_as_little(tmp_path: Path) -> None:
    # The loader refuses a direction override in an alias (exit 3); a long alias is the
    # hostile part that is left, and it is quoted clipped.
    alias = "gpt-4o-" + "z" * 100  # under 200: difflib counts every "z"
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "version: 1\nproviders:\n  p: {name: P}\nsurfaces:\n  api: {name: API}\nmodels:\n"
        f"  gpt-4o:\n    provider: p\n    aliases: ['{alias}']\n    surfaces: {{api: }}\n",
        encoding="utf-8",
    )
    result = run("resolve", "gpt-4o-" + "z" * 99, "--catalogue", catalogue, env=pinned_env())
    assert result.returncode == 2, result.stderr
    _stderr_is_short_and_inert(result.stderr)
    assert "did you mean 'gpt-4o-zzz" in result.stderr


def test_catalogue_problems_on_stderr_are_inert(tmp_path: Path) -> None:
    # Problems quote catalogue keys and values as the catalogue code words them; stderr
    # itself writes out what would act.
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "version: 1\nproviders:\n  p: {name: P, '##[error]x': 1}\nsurfaces:\n  api: {name: API}\n"
        "models:\n  m:\n    provider: '::error::x'\n    surfaces: {api: }\n",
        encoding="utf-8",
    )
    result = run("validate", catalogue, env=pinned_env(tmp_path))
    assert result.returncode == 3
    _stderr_is_short_and_inert(result.stderr)
    assert "#\\x23[error]x" in result.stderr
