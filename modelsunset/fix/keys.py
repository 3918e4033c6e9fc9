"""Keys of tables, for ``fix`` (``plan``): where a rewrite would give a table one key
twice. Pure: bytes in, answers out.

A *key* is an id (with the prefix before it, ``openai/gpt-4``, as a LiteLLM price map
writes it; in quotes or not) that is

* followed by ``:`` or ``=>``: a dict, an object, a YAML mapping, a PHP or Ruby hash;
* followed by ``=`` where a key of TOML or INI stands, at the start of a line or after
  ``{`` or ``,`` (``"gpt-4" = 1``, ``models."gpt-4".price = 1``), or in brackets
  (``t["gpt-4"] = 1``, ``["gpt-4"] = 1``: Python, JavaScript, Lua);
* in the header of a TOML table (``[models."gpt-4"]``, ``[[models.'gpt-4'.x]]``);
* after ``case`` (``case "gpt-4":``, also after other names: ``case "o1", "gpt-4":``).

An id after a comparison (``==``, ``!=``, ``===``, ``!==``, ``is``, ``is not``) is no key,
even with a ``:`` after it: ``if model == "gpt-4":`` ends a Python ``if``.

A rewrite to a key the table has already, or two rewrites to one key, would give it
twice: a duplicate key, a second ``case`` or TOML table (the old model's settings would
take the new one's place, or the file would not parse). The table is taken to be the
file: a key anywhere in it counts.
"""

from __future__ import annotations

import re

from modelsunset.check.match import ends_token

# What the prefix before an id is made of (``openai/``, ``openrouter/openai/``).
_RUN = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-/:")
_QUOTES = b"\"'`"
_LOOK = 200  # the bytes read on either side of a key, at most
_PART = rb"(?:\"[^\"\n]*\"|'[^'\n]*'|[A-Za-z0-9_\-]+)"  # a part of a dotted TOML key

_MAPPING_AFTER = re.compile(rb"\s*(?::(?![:=])|=>)")
_COMPARED_BEFORE = re.compile(rb"(?:[=!]==?|<>|\bis(?:\s+not)?)\s*$")
_CASE_BEFORE = re.compile(rb"\bcase\s+(?:(?:\"[^\"\n]*\"|'[^'\n]*'|`[^`\n]*`)\s*,\s*)*$")
_ASSIGNED_BEFORE = re.compile(rb"(?:^|[{,])\s*(?:" + _PART + rb"\s*\.\s*)*$")
_ASSIGNED_AFTER = re.compile(rb"(?:\s*\.\s*" + _PART + rb")*\s*=(?![=~>])")
_BRACKETED_BEFORE = re.compile(rb"\[\s*$")
_BRACKETED_AFTER = re.compile(rb"\s*\]\s*=(?![=~>])")
_HEADER_BEFORE = re.compile(rb"\s*\[\[?\s*(?:" + _PART + rb"\s*\.\s*)*")
_HEADER_AFTER = re.compile(rb"(?:\s*\.\s*" + _PART + rb")*\s*\]\]?\s*(?:#.*)?$")


def prefix_of(text: bytes, start: int) -> bytes:
    """The prefix right before the id at ``text[start:]`` (``openai/``), or nothing."""
    first = start
    while first > 0 and text[first - 1] in _RUN and start - first < _LOOK:
        first -= 1
    return text[first:start]


def is_key(text: bytes, start: int, end: int) -> bool:
    """Whether the id at ``text[start:end]`` of a line is a key of a table (see the
    module)."""
    return _is_key(text, start - len(prefix_of(text, start)), end)


def _is_key(text: bytes, first: int, end: int) -> bool:
    """Whether ``text[first:end]``, a prefix and an id on a line, is a key of a table.
    Only ``_LOOK`` bytes are read on either side (a TOML header is a short line)."""
    quoted = first > 0 and end < len(text) and text[first - 1] in _QUOTES
    quoted = quoted and text[end] == text[first - 1]
    opening, after = (first - 1, end + 1) if quoted else (first, end)
    window, stop = max(0, opening - _LOOK), after + _LOOK
    if _COMPARED_BEFORE.search(text, window, opening):
        return False
    if _CASE_BEFORE.search(text, window, opening) or _MAPPING_AFTER.match(text, after, stop):
        return True
    if _ASSIGNED_AFTER.match(text, after, stop) and _ASSIGNED_BEFORE.search(text, window, opening):
        return True
    if _BRACKETED_AFTER.match(text, after, stop) and _BRACKETED_BEFORE.search(
        text, window, opening
    ):
        return True
    return (
        opening <= _LOOK
        and len(text) <= stop
        and _HEADER_BEFORE.fullmatch(text, 0, opening) is not None
        and _HEADER_AFTER.match(text, after) is not None
    )


def keys_of(data: bytes, key: str) -> bool:
    """Whether ``data`` (a whole file) has ``key`` (a prefix and an id) as a key of a
    table already: on its own (no longer prefix before it, no more name after it), and
    a key by the rules of the module."""
    raw = key.encode("utf-8")
    at = data.find(raw)
    while at != -1:
        end = at + len(raw)
        if (at == 0 or data[at - 1] not in _RUN) and ends_token(data, end):
            # The line, or as much of it as _is_key reads (more than _LOOK either side,
            # so that a long line is not taken for a short one).
            lowest = max(0, at - 2 * _LOOK)
            newline = data.rfind(b"\n", lowest, at)
            first = lowest if newline == -1 else newline + 1
            last = data.find(b"\n", end, end + 2 * _LOOK)
            line = data[first : min(len(data), end + 2 * _LOOK) if last == -1 else last]
            if _is_key(line, at - first, end - first):
                return True
        at = data.find(raw, at + 1)
    return False
