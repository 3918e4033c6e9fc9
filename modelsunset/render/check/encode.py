"""The items of ``check``'s JSON lists, encoded one at a time without building their dicts:
the text ``json.dumps`` gives each (``render.json``'s compact form: ``", "`` between
items, ``": "`` after keys, no ASCII escaping), each indented by four spaces.

What many items share is encoded once: the fields a finding takes from its judgement
(encoded from ``finding_fields``'s own dicts, so the keys and values stay theirs), a path,
a name, a list of suggestions, the model of a known id not checked. The rest are ints,
null and strings, which the json module's C function encodes.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from modelsunset.render.check.json import _judgement_fields

if TYPE_CHECKING:
    from modelsunset.check.kinds import Kind
    from modelsunset.check.report import Finding, NotChecked, Unknown

_encode = json.JSONEncoder(ensure_ascii=False).encode


def _inner(fields: dict[str, Any]) -> str:
    """The keys and values of an object, without its braces."""
    return _encode(fields)[1:-1]


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


class Encoder:
    """Encodes findings, unknown ids and known ids not checked; remembers shared parts."""

    def __init__(self) -> None:
        self.judged: dict[int, tuple[object, str, str]] = {}
        self.texts: dict[str | None, str] = {}  # paths and names: few, and repeated
        self.kinds: dict[Kind | None, str] = {}
        self.lists: dict[tuple[str, ...], str] = {}
        self.models: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self.last: tuple[str | None, str] = (None, "null")  # the last text: a line's hits share it

    def _text(self, value: str | None) -> str:
        found = self.texts.get(value)
        if found is None:
            found = self.texts[value] = "null" if value is None else encode_basestring(value)
        return found

    def _line(self, value: str | None) -> str:
        last, encoded = self.last
        if value is last:
            return encoded
        encoded = "null" if value is None else encode_basestring(value)
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
            found = self.lists[items] = _encode(list(items))
        return found

    def _place(self, path: str | None, line: int | None, column: int | None, match: str) -> str:
        return (
            f'    {{"path": {self._text(path)}, "line": {_number(line)}, '
            f'"column": {_number(column)}, "match": {self._text(match)}, '
        )

    def finding(self, finding: Finding) -> str:
        judgement = finding.judgement
        known = self.judged.get(id(judgement))
        if known is None or known[0] is not judgement:
            head, tail = _judgement_fields(finding)
            known = self.judged[id(judgement)] = (judgement, _inner(head), _inner(tail))
        return (
            f"{self._place(finding.path, finding.line, finding.column, finding.match)}"
            f'{known[1]}, "text": {self._line(finding.text)}, {known[2]}, '
            f'"kind": {self._kind(finding.kind)}}}'
        )

    def unknown(self, item: Unknown) -> str:
        return (
            f"{self._place(item.path, item.line, item.column, item.match)}"
            f'"suggestions": {self._list(item.suggestions)}, "text": {self._line(item.text)}, '
            f'"kind": {self._kind(item.kind)}}}'
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
