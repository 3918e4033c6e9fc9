"""JSON (contract section 6): dates as YYYY-MM-DD strings, missing values null.

Written by ``dumps``: an object's keys and a list's items one per line, each encoded
compactly. As easy to read and to diff as indented JSON, and done by the json module's C
encoder (``indent`` switches to its pure-Python one, which took most of the time of
``status --all --format json`` on large catalogues, and of ``check --format json``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.fields import notice_fields, resolution_fields, status_fields

_encode = json.JSONEncoder(ensure_ascii=False).encode
encode = _encode  # one value on one line, by the C encoder (``dumps`` writes items so)


def inert(encoded: str) -> str:
    """JSON text whose strings hold, escaped (``\\u009b``, ``\\u0023#[``), what the
    encoder leaves as it is and a terminal or a CI log would obey: C1 controls and DEL,
    the characters ``wording.HIDDEN`` lists, and ``##[`` (see ``common``). The values
    read back are the same: only how they are written changes."""
    # Whether a text is ASCII is known without reading it.
    if encoded.isascii() and "##[" not in encoded and "\x7f" not in encoded:
        return encoded
    unsafe = _unsafe()
    if unsafe.search(encoded) is None:
        return encoded
    return unsafe.sub(lambda match: _escaped(ord(match[0])), encoded)


def _escaped(code: int) -> str:
    """A character as JSON writes it escaped: beyond U+FFFF, as its surrogate pair."""
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


@cache
def _unsafe() -> re.Pattern[str]:
    from modelsunset.wording import HIDDEN

    # As ranges (``\u180b-\u180f``): a class of thousands of single characters is
    # searched a hundred times slower.
    ranges: list[list[int]] = []
    for code in sorted(set(HIDDEN)):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    hidden = "".join(
        re.escape(chr(low)) + ("" if low == high else "-" + re.escape(chr(high)))
        for low, high in ranges
    )
    return re.compile(f"[\x7f-\x9f{hidden}]|#(?=#\\[)")


def _items(items: list[Any], indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    return "[\n" + ",\n".join(inner + _encode(item) for item in items) + f"\n{indent}]"


def dumps(value: Any) -> str:
    """A list, one item per line; an object, one key per line (and the items of a list
    value one per line); anything else on one line."""
    if isinstance(value, list):
        return _items(value, "") + "\n"
    if isinstance(value, dict):
        keys = [
            f"  {_encode(key)}: "
            + (_items(item, "  ") if isinstance(item, list) else _encode(item))
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(keys) + "\n}\n" if keys else "{}\n"
    return _encode(value) + "\n"


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    return inert(dumps([status_fields(row) for row in rows]))


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    if single:
        return inert(dumps(resolution_fields(items[0])))
    return inert(dumps([resolution_fields(item) for item in items]))


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return inert(dumps([notice_fields(item) for item in items]))
