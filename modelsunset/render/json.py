"""JSON (contract section 6): dates as YYYY-MM-DD strings, missing values null.

A list is written one item per line: as easy to read and to diff as indented JSON, and
encoded by the json module's C encoder (``indent`` switches to its pure-Python one, which
took most of the time of ``status --all --format json`` on large catalogues).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.fields import notice_fields, resolution_fields, status_fields


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _lines(items: list[dict[str, Any]]) -> str:
    if not items:
        return "[]\n"
    dump = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n  " + ",\n  ".join(dump(item) for item in items) + "\n]\n"


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    return _lines([status_fields(row) for row in rows])


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    if single:
        return _dump(resolution_fields(items[0]))
    return _lines([resolution_fields(item) for item in items])


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return _lines([notice_fields(item) for item in items])
