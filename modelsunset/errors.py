"""Exception types: the core's domain errors, and the errors that carry exit codes.

Domain errors (``DomainError``) say what the core could not answer, in its own terms: a
name that finds no model, a model not offered on a surface, a text that names no date.
They carry the facts, never an option name or a command; ``commands.usage_error`` words
them for the command line. Errors with exit codes (``ModelsunsetError``) are mapped to
messages and exit codes in exactly one place (``edge.outcome``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from modelsunset.wording import clipped, inert, plural, quoted

EXIT_OK = 0
EXIT_NEGATIVE = 1
EXIT_USAGE = 2
EXIT_CATALOGUE = 3


class DomainError(Exception):
    """Something the core cannot answer as asked (no exit code: see the module text).

    Messages quote the values they name with ``wording.quoted`` (or ``clipped``): a name
    typed or taken from a catalogue is shown with its control and hidden characters
    written out, and cut after about 60 characters; the attributes keep it whole."""


class UnknownName(DomainError):
    """A name that finds no model, surface or provider (``kind``)."""

    def __init__(
        self, kind: str, name: str, suggestions: Sequence[str], known: Sequence[str] = ()
    ) -> None:
        super().__init__(f"unknown {kind} {quoted(name)}")
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        self.known = tuple(known)


class AmbiguousName(DomainError):
    """A display name shared by several models."""

    def __init__(self, name: str, ids: Sequence[str]) -> None:
        listed = ", ".join(clipped(one) for one in ids)
        super().__init__(f"{quoted(name)} is the display name of several models: {listed}")
        self.name = name
        self.ids = tuple(ids)


class NotOffered(DomainError):
    """A model asked about on a surface it is not offered on."""

    def __init__(self, model: str, surface: str, offered: Sequence[str]) -> None:
        super().__init__(f"{clipped(model)} is not offered on surface {quoted(surface)}")
        self.model = model
        self.surface = surface
        self.offered = tuple(offered)


class OnOneSurface(DomainError):
    """A name that holds on one surface only (a surface alias, or a surface's prefix), asked
    about on another."""

    def __init__(self, name: str, model: str, surface: str, asked: str) -> None:
        super().__init__(
            f"{quoted(name)} names {clipped(model)} on {clipped(surface)} only, "
            f"not on {clipped(asked)}"
        )
        self.name = name
        self.model = model
        self.surface = surface
        self.asked = asked


class BadDate(DomainError):
    """A text that names no calendar date. ``quoted`` says whether the text is shown in
    quotes after the name of what it came from (``--date 'x' ...``)."""

    def __init__(self, text: str, problem: str, hint: str, quoted: bool = True) -> None:
        super().__init__(problem)
        self.text = text
        self.problem = problem
        self.hint = hint
        self.quoted = quoted

    def message(self, what: str) -> str:
        """The message, naming where the text came from (``--date``, an environment
        variable)."""
        if not self.text:
            return f"{what} {self.problem}"
        shown = quoted(self.text) if self.quoted else clipped(self.text)
        return f"{what} {shown} {self.problem}"


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


def fault_text(exc: BaseException) -> str:
    """An exception no input should cause, in one line for a report: its type, its message
    (clipped, as a value from outside may be in it) and the innermost place it was raised
    (``ValueError: ... (at modelsunset/check/read.py:88)``)."""
    import os
    import traceback

    text = f"{type(exc).__name__}: {clipped(str(exc), 120)}"
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        where = frames[-1]
        package = os.path.dirname(os.path.abspath(__file__))
        if os.path.abspath(where.filename).startswith(package + os.sep):
            inside = os.path.relpath(where.filename, package).replace(os.sep, "/")
            place = f"modelsunset/{inside}"
        else:
            place = os.path.basename(where.filename)
        text += f" (at {place}:{where.lineno})"
    return text


class Fault(ModelsunsetError):
    """What no input should make a command raise: a fault of modelsunset's own, said as
    one line with the place it was met instead of a traceback. Exit 2 (the command could
    not answer), never 1, which a CI job would read as "found something"."""

    exit_code = EXIT_USAGE

    def __init__(self, exc: BaseException) -> None:
        super().__init__(
            f"modelsunset failed: {fault_text(exc)}",
            hint="this is a fault in modelsunset, not in what it was given: please report "
            "it, with the command that met it",
        )


class OutOfMemory(ModelsunsetError):
    """The memory this process may use ran out (``ulimit -v``, a container's limit): a
    limit of the machine's, not a fault of modelsunset's (exit 2: no answer)."""

    exit_code = EXIT_USAGE

    def __init__(self) -> None:
        super().__init__(
            "out of memory: the command could not be finished within the memory it may use",
            hint="raise the limit (ulimit -v, the container's memory), or ask for less "
            "(a smaller catalogue, fewer paths)",
        )

    def __reduce__(self) -> tuple[type[OutOfMemory], tuple[()]]:
        return type(self), ()


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
        # The file as it was given (a path, an option's value): its control characters
        # written out, so that a line break in it cannot start a line of its own.
        where = inert(self.file) if self.line is None else f"{inert(self.file)}:{self.line}"
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
