"""Jupyter notebooks read as notebooks: which bytes of the file are source and which are
output, so that each id found in it has the kind of its cell (``kinds``).

The file is searched as it is, so lines and columns are the file's. Here its JSON is only
tokenised (strings as one token each, however long: an image in an output is one) to
find, for each cell of the top-level ``cells`` list, where its ``source`` and its
``outputs`` lie. Source of a code cell is code, of a Markdown or raw cell docs; outputs,
metadata and attachments are recorded. A file that is no notebook JSON (of format 4, or
3's ``worksheets``) reads as code throughout: rather counted than left out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from modelsunset.check.kinds import Kind

_TOKEN = re.compile(
    rb'\s*(?:("(?:[^"\\]*(?:\\.[^"\\]*)*)")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.DOTALL
)


# What lies between brackets: the text between strings, and strings whole, but none whose
# text runs more than ``_SHORT`` bytes without a backslash (an image in an output), which
# ``_string_end`` passes over in one search instead.
_SHORT = 4096
_BETWEEN = re.compile(
    rb'(?:[^"{}\[\]]++|"[^"\\]{0,%d}+(?:\\.[^"\\]{0,%d}+)*+")*+' % (_SHORT, _SHORT),
    re.DOTALL,
)
_OPENING = frozenset(b"{[")
_QUOTE = ord('"')
_BACKSLASH = ord("\\")


class Malformed(Exception):
    """Not the JSON of a notebook."""


class Regions:
    """The kind of each byte of a notebook: spans ``[start, end)`` of source and outputs,
    sorted; what lies outside them is recorded. (``payloads`` gives a YAML file spans
    that cover it whole.)"""

    def __init__(self, spans: list[tuple[int, int, Kind]]) -> None:
        spans.sort()
        self.starts = [start for start, _, _ in spans]
        self.spans = spans

    def at(self, offset: int) -> Kind:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0:
            start, end, kind = self.spans[index]
            if start <= offset < end:
                return kind
        return Kind.RECORDED


def _string_end(data: bytes, position: int) -> int:
    """Where the string whose text starts at ``position`` ends (after its closing quote):
    at the first quote that no backslash escapes. Found with ``bytes.find``, so that an
    image of megabytes in an output costs next to nothing."""
    while True:
        quote = data.find(b'"', position)
        if quote == -1:
            raise Malformed
        before = quote - 1
        while data[before] == _BACKSLASH:  # the opening quote stops this
            before -= 1
        if (quote - 1 - before) % 2 == 0:
            return quote + 1
        position = quote + 1


def regions(data: bytes) -> Regions | None:
    """The regions of a notebook's bytes, or None when they are no notebook's JSON."""
    try:
        return Regions(_Reader(data).notebook())
    except Malformed:
        return None


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.position = 0

    def _next(self) -> tuple[bytes, int, int]:
        """The next token: (kind of token: ``"`` string, punctuation itself, ``v`` other),
        start, end."""
        found = _TOKEN.match(self.data, self.position)
        if found is None:  # the text ends inside the document, or a string never ends
            raise Malformed
        # A token ends where the match does; punctuation is one byte.
        self.position = end = found.end()
        group = found.lastindex
        if group == 1:
            return b'"', found.start(1), end
        if group == 2:
            return self.data[end - 1 : end], end - 1, end
        return b"v", found.start(3), end

    def _expect(self, what: bytes) -> None:
        if self._next()[0] != what:
            raise Malformed

    def _skip(self, first: tuple[bytes, int, int]) -> int:
        """Passes over the value that begins with ``first``; where it ends. Inside a list
        or object only brackets count: the text between them (strings whole) is passed
        over by one search, not token by token, and a long string by another."""
        kind, _, end = first
        if kind in (b'"', b"v"):
            return end
        if kind not in (b"{", b"["):
            raise Malformed
        data = self.data
        depth = 1
        position = end
        while depth:
            position = _BETWEEN.match(data, position).end()  # type: ignore[union-attr]
            if position >= len(data):
                raise Malformed
            byte = data[position]
            if byte == _QUOTE:
                position = _string_end(data, position + 1)
                continue
            depth += 1 if byte in _OPENING else -1
            position += 1
        self.position = position
        return position

    def _members(self) -> Iterator[tuple[str, tuple[bytes, int, int]]]:
        """The keys of the object just opened, each with the first token of its value;
        the caller passes over each value before asking for the next key."""
        while True:
            kind, start, end = self._next()
            if kind == b"}":
                return
            if kind == b",":
                kind, start, end = self._next()
            if kind != b'"':
                raise Malformed
            self._expect(b":")
            yield self.data[start + 1 : end - 1].decode("utf-8", "replace"), self._next()

    def notebook(self) -> list[tuple[int, int, Kind]]:
        self._expect(b"{")
        spans: list[tuple[int, int, Kind]] = []
        found = False
        for key, first in self._members():
            if key in ("cells", "worksheets") and first[0] == b"[":
                found = True
                spans += self._cells() if key == "cells" else self._worksheets()
            else:
                self._skip(first)
        if not found:
            raise Malformed
        return spans

    def _worksheets(self) -> list[tuple[int, int, Kind]]:
        spans: list[tuple[int, int, Kind]] = []
        for first in self._items():
            if first[0] != b"{":
                self._skip(first)
                continue
            for key, value in self._members():
                if key == "cells" and value[0] == b"[":
                    spans += self._cells()
                else:
                    self._skip(value)
        return spans

    def _items(self) -> Iterator[tuple[bytes, int, int]]:
        """The first token of each item of the list just opened."""
        while True:
            first = self._next()
            if first[0] == b"]":
                return
            if first[0] == b",":
                first = self._next()
            yield first

    def _cells(self) -> list[tuple[int, int, Kind]]:
        spans: list[tuple[int, int, Kind]] = []
        for first in self._items():
            if first[0] != b"{":
                self._skip(first)
                continue
            source: tuple[int, int] | None = None
            cell_type = "code"
            for key, value in self._members():
                end = self._skip(value)
                if key in ("source", "input"):
                    source = (value[1], end)
                elif key == "cell_type" and value[0] == b'"':
                    cell_type = self.data[value[1] + 1 : end - 1].decode("utf-8", "replace")
            if source is not None:
                kind = Kind.CODE if cell_type == "code" else Kind.DOCS
                spans.append((source[0], source[1], kind))
        return spans
