"""Exception types that carry the contract's exit codes.

The core raises these; the command line maps them to messages and exit codes in
exactly one place (``cli._run``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from modelsunset.wording import plural

EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2
EXIT_CATALOGUE = 3


class ModelsunsetError(Exception):
    """Base class: a message for people and the exit code that goes with it."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(ModelsunsetError):
    """A bad option, date, model, surface or provider (exit 2)."""

    exit_code = EXIT_USAGE


class OutputError(ModelsunsetError):
    """The output cannot be written: a full disk, a closed stdout (exit 2).

    Not a negative answer (1), which a CI job would read as "found something"."""

    exit_code = EXIT_USAGE


class Problem(NamedTuple):
    """One thing wrong with a catalogue, with the place it comes from."""

    file: str
    line: int | None
    message: str
    hint: str | None = None

    def render(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class CatalogueError(ModelsunsetError):
    """The catalogue cannot be read or breaks a rule of the format (exit 3)."""

    exit_code = EXIT_CATALOGUE

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{plural(len(self.problems), 'problem')} in the catalogue")

    def render(self) -> str:
        lines = [problem.render() for problem in self.problems]
        count = len(self.problems)
        lines.append(
            f"{plural(count, 'problem')} found; fix {'them' if count != 1 else 'it'} and run "
            "`modelsunset validate` again."
        )
        return "\n".join(lines)
