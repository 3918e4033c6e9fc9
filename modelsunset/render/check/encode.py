"""The items of ``check``'s JSON lists, encoded one at a time without building their dicts:
the text ``json.dumps`` gives each (``render.json``'s compact form: ``", "`` between
items, ``": "`` after keys, no ASCII escaping), each indented by four spaces.

What many items share is encoded once: the fields a finding takes from its judgement
(encoded from ``finding_fields``'s own dicts, so the keys and values stay theirs), a path,
a name, a list of suggestions, the model of a known id not checked. The rest are ints,
null and strings, which the json module's C function encodes.

Each part that holds a string is made inert (``unreadable_as_command``) as it is encoded,
once for all the items that share it: every string of the JSON text lies inside one part
(the text between the parts is ASCII punctuation, keys, ints and null), so the items are
what the whole text made inert would be, and only the parts that are not ASCII are read.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from modelsunset.render.check.json import _judgement_fields, unreadable_as_command

if TYPE_CHECKING:
    from modelsunset.check.kinds import Kind
    from modelsunset.check.report import Finding, NotChecked, Unknown

_encode = json.JSONEncoder(ensure_ascii=False).encode


def _inner(fields: dict[str, Any]) -> str:
    """The keys and values of an object, without its braces, made inert."""
    return unreadable_as_command(_encode(fields)[1:-1])


def _string(value: str | None) -> str:
    """A string (or null) encoded, made inert."""
    if value is None:
        return "null"
    encoded = encode_basestring(value)
    if encoded.isascii() and "##[" not in encoded and "\x7f" not in encoded:
        return encoded  # as ``unreadable_as_command`` leaves it, found sooner
    return unreadable_as_command(encoded)


class Encoder:
    """Encodes findings, unknown ids and known ids not checked; remembers shared parts."""

    def __init__(self) -> None:
        # The encoded fields of each judgement (kept with it, so its id stays its own).
        self.judged: dict[int, tuple[object, str, str]] = {}
        self.texts: dict[str | None, str] = {}  # paths and names: few, and repeated
        self.kinds: dict[Kind | None, str] = {}
        self.lists: dict[tuple[str, ...], str] = {}
        self.models: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self.last: tuple[str | None, str] = (None, "null")  # the last text: a line's hits share it

    def _text(self, value: str | None) -> str:
        found = self.texts.get(value)
        if found is None:
            found = self.texts[value] = _string(value)
        return found

    def _line(self, value: str | None) -> str:
        last, encoded = self.last
        if value is last:
            return encoded
        encoded = _string(value)
        self.last = (value, encoded)
        return encoded

    def _kind(self, kind: Kind | None) -> str:
        found = self.kinds.get(kind)
        if found is None:
            found = self.kinds[kind] = "null" if kind is None else encode_basestring(kind.value)
        return found

    def _list(self, items: tuple[str, ...]) -> str:
        found = self.lists.get(items)
        if found is None:
            found = self.lists[items] = unreadable_as_command(_encode(list(items)))
        return found

    def _place(self, path: str | None, line: int | None, column: int | None, match: str) -> str:
        """The start of an item: its path, line, column and name (each line of the JSON
        text is one item, indented)."""
        texts = self.texts
        where = texts.get(path) or self._text(path)
        name = texts.get(match) or self._text(match)
        return (
            f'    {{"path": {where}, "line": {"null" if line is None else line}, '
            f'"column": {"null" if column is None else column}, "match": {name}, '
        )

    def finding(self, finding: Finding) -> str:
        # ``_place`` written out: this is done for every finding.
        path, line, column, match, text, judgement, kind = finding
        known = self.judged.get(id(judgement))
        if known is None:
            head, tail = _judgement_fields(finding)
            known = self.judged[id(judgement)] = (judgement, _inner(head), _inner(tail))
        last, encoded = self.last
        if text is not last:
            encoded = self._line(text)
        texts = self.texts
        return (
            f'    {{"path": {texts.get(path) or self._text(path)}, '
            f'"line": {"null" if line is None else line}, '
            f'"column": {"null" if column is None else column}, '
            f'"match": {texts.get(match) or self._text(match)}, '
            f'{known[1]}, "text": {encoded}, {known[2]}, '
            f'"kind": {self.kinds.get(kind) or self._kind(kind)}}}'
        )

    def unknown(self, item: Unknown) -> str:
        path, line, column, match, text, suggestions, kind = item
        last, encoded = self.last
        if text is not last:
            encoded = self._line(text)
        texts = self.texts
        return (
            f'    {{"path": {texts.get(path) or self._text(path)}, '
            f'"line": {"null" if line is None else line}, '
            f'"column": {"null" if column is None else column}, '
            f'"match": {texts.get(match) or self._text(match)}, '
            f'"suggestions": {self.lists.get(suggestions) or self._list(suggestions)}, '
            f'"text": {encoded}, "kind": {self.kinds.get(kind) or self._kind(kind)}}}'
        )

    def not_checked(self, item: NotChecked) -> str:
        key = (item.model, item.surface, item.offered_on)
        model = self.models.get(key)
        if model is None:
            model = self.models[key] = _inner(
                {"model": item.model, "surface": item.surface, "offered_on": list(item.offered_on)}
            )
        return (
            f"{self._place(item.path, item.line, item.column, item.match)}"
            f'{model}, "text": {self._line(item.text)}, "kind": {self._kind(item.kind)}}}'
        )
