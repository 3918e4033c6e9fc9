"""JSON (contract section 6): dates as YYYY-MM-DD strings, missing values null.

Written by ``dumps``: an object's keys and a list's items one per line, each encoded
compactly. As easy to read and to diff as indented JSON, and done by the json module's C
encoder (``indent`` switches to its pure-Python one, which took most of the time of
``status --all --format json`` on large catalogues, and of ``check --format json``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.fields import notice_fields, resolution_fields, status_fields

_encode = json.JSONEncoder(ensure_ascii=False).encode


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
    return dumps([status_fields(row) for row in rows])


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    if single:
        return dumps(resolution_fields(items[0]))
    return dumps([resolution_fields(item) for item in items])


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return dumps([notice_fields(item) for item in items])
