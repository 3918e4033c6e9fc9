"""The catalogue format as tables: which keys may be written where, and as what.

A ``Field`` is one key of an object (``retires`` of an entry) with its ``Kind`` (how its
value is read and checked, and so its type); a ``Table`` is a key that holds a mapping of
ids to objects (``providers`` at the top, ``surfaces`` in a model), with the keys of those
objects. The reader reads files by these tables, layering merges by them, and the rules
read values through the ``Field`` rows, typed: ``RETIRES.good(entry)`` is a ``date`` or
``None``.

Every row says the format ``version`` it first appears in (``since``). Version 2 (contract
section 7) adds ``verified`` at the top, a surface's ``prefixes``, and an entry's
``versions``, ``not_before`` and ``aliases``; the reader refuses them in a version-1 file,
saying to write ``version: 2``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Generic, NamedTuple, TypeVar, cast

from yaml.nodes import Node

from modelsunset.catalogue.located import REPORTED, Layer, Located, Obj, Wrong
from modelsunset.catalogue.values import Aliases, Values

FORMAT_VERSION = 2  # the newest version this modelsunset reads; every older one too

T_co = TypeVar("T_co", covariant=True)


class Kind(NamedTuple, Generic[T_co]):
    """A kind of value: ``read`` checks a node and returns the value, None or REPORTED."""

    name: str
    read: Callable[[Values, Node, int, str], T_co | Wrong | None]


TEXT: Kind[str] = Kind("text", Values.read_text)
ONE_LINE: Kind[str] = Kind("one line of text", Values.read_name)
ID: Kind[str] = Kind("id", Values.read_id)
HTTP_URL: Kind[str] = Kind("http(s) URL", Values.read_url)
DATE: Kind[date] = Kind("date", Values.read_date)
WHOLE_NUMBER: Kind[int] = Kind("whole number", Values.read_whole_number)
NAMES: Kind[Aliases] = Kind("list of names", Values.read_aliases)
PREFIX_LIST: Kind[Aliases] = Kind("list of prefixes", Values.read_prefixes)
ID_LIST: Kind[Aliases] = Kind("list of model ids", Values.read_versions)


class Field(NamedTuple, Generic[T_co]):
    """A key whose value is of one ``Kind``."""

    key: str
    kind: Kind[T_co]
    since: int = 1  # the first format version with this key

    def of(self, obj: Obj | Layer) -> Located[T_co] | None:
        """The value as written in ``obj``, with its place; None when not written."""
        # The reader stores under a key only what this row's kind read.
        return cast("Located[T_co] | None", obj.fields.get(self.key))

    def at(self, obj: Obj | Layer) -> Located[T_co]:
        """The value as written in ``obj``, which has it."""
        return cast("Located[T_co]", obj.fields[self.key])

    def good(self, obj: Obj | Layer) -> T_co | None:
        """The value, or None when it is not written, written as null or wrong."""
        located = obj.fields.get(self.key)
        if located is None or located.value is REPORTED:
            return None
        return cast("T_co | None", located.value)


class Table(NamedTuple):
    """A key whose value maps ids to objects, each of which may have ``keys``."""

    key: str
    kind: str  # what an id names: "provider" (in "provider id 'x' ...")
    things: str  # what the ids map to, in messages: "a mapping of model ids to models"
    keys: Mapping[str, Field[object] | Table]
    since: int = 1


def _rows(*rows: Field[object] | Table) -> dict[str, Field[object] | Table]:
    return {row.key: row for row in rows}


VERSION = Field("version", WHOLE_NUMBER)
UPDATED = Field("updated", DATE)
VERIFIED = Field("verified", DATE, since=2)

NAME = Field("name", ONE_LINE)
URL = Field("url", HTTP_URL)
PROVIDER = Field("provider", ID)
DESCRIPTION = Field("description", TEXT)
ALIASES = Field("aliases", NAMES)
PREFIXES = Field("prefixes", PREFIX_LIST, since=2)

SINCE = Field("since", DATE)
ANNOUNCED = Field("announced", DATE)
RETIRES = Field("retires", DATE)
FALLBACK = Field("fallback", ID)
REPLACEMENT = Field("replacement", ID)
SOURCE = Field("source", HTTP_URL)
CHECKED = Field("checked", DATE)
NOTE = Field("note", TEXT)
VERSIONS = Field("versions", ID_LIST, since=2)
NOT_BEFORE = Field("not_before", DATE, since=2)
ENTRY_ALIASES = Field("aliases", NAMES, since=2)

ENTRIES = Table(
    "surfaces",
    "surface",
    "entries",
    _rows(
        SINCE,
        ANNOUNCED,
        RETIRES,
        FALLBACK,
        REPLACEMENT,
        SOURCE,
        CHECKED,
        NOTE,
        VERSIONS,
        NOT_BEFORE,
        ENTRY_ALIASES,
    ),
)
PROVIDERS = Table("providers", "provider", "providers", _rows(NAME, URL))
SURFACES = Table("surfaces", "surface", "surfaces", _rows(NAME, PROVIDER, DESCRIPTION, PREFIXES))
MODELS = Table("models", "model", "models", _rows(NAME, PROVIDER, ALIASES, ENTRIES))

TOP = _rows(VERSION, UPDATED, VERIFIED, PROVIDERS, SURFACES, MODELS)
TOP_TABLES = (PROVIDERS, SURFACES, MODELS)
