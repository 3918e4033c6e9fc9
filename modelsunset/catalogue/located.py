"""What the files say, as read: every value with the file and line it was written on.

A value is one of three things, and the types make every reader of it say which it
expects: the value itself (a ``str``, a ``date``...), ``None`` when it is written as null
(which an overlay uses to clear a field), or ``REPORTED`` when it was written but is wrong
and has been reported already, so that the rules that would read it stay quiet.

These records are plain classes with slots: a catalogue of tens of thousands of entries
makes one per field, and they are built faster than named tuples (and, unlike dataclasses,
cost nothing to define at import). None of them is changed once read, except by layering
(``layers.py``), which merges later files into the first.
"""

from __future__ import annotations

from enum import Enum
from typing import Final, Generic, TypeVar

T_co = TypeVar("T_co", covariant=True)


class Wrong(Enum):
    """The type of ``REPORTED``."""

    REPORTED = "reported"

    def __repr__(self) -> str:
        return "REPORTED"


# A value that was written but is wrong, and was reported where it was read.
REPORTED: Final = Wrong.REPORTED


class Located(Generic[T_co]):
    """A value (``None`` when written as null, ``REPORTED`` when wrong) and its place."""

    __slots__ = ("file", "line", "value")

    def __init__(self, value: T_co | Wrong | None, file: str, line: int) -> None:
        self.value = value
        self.file = file
        self.line = line

    def __repr__(self) -> str:
        return f"Located({self.value!r}, {self.file!r}, {self.line})"


class Obj:
    """A provider, surface, model or entry as written: its fields and where it starts.

    ``fields`` holds each key written, by name; what each holds is typed by its row in
    ``schema.py``, through which the rules read it. ``entries`` are a model's surfaces.
    ``broken`` is set when it was written as something other than a mapping (reported).
    """

    __slots__ = ("broken", "entries", "fields", "file", "line")

    def __init__(self, file: str, line: int) -> None:
        self.file = file
        self.line = line
        self.fields: dict[str, Located[object]] = {}
        self.entries: dict[str, Obj] = {}
        self.broken = False


class Layer:
    """One file's contribution, before layering: its top-level fields and tables.

    ``tables`` has one mapping of ids to objects per table of the top level
    (``providers``, ``surfaces``, ``models``), empty where the file has none.
    """

    __slots__ = ("fields", "file", "tables")

    def __init__(self, file: str, tables: dict[str, dict[str, Obj]]) -> None:
        self.file = file
        self.fields: dict[str, Located[object]] = {}
        self.tables = tables


def place(obj: Obj) -> Located[object]:
    """Where an object starts, as a place to report at or name."""
    return Located(None, obj.file, obj.line)
