"""CSV with a header row (also when there are no rows): every JSON field, in the same
order; a chain is written as ``a>b>c``, booleans as ``true``/``false``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.fields import (
    NOTICE_KEYS,
    RESOLUTION_KEYS,
    STATUS_KEYS,
    notice_fields,
    resolution_fields,
    status_fields,
)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return ">".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _table(records: list[dict[str, Any]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: _cell(value) for key, value in record.items()})
    return out.getvalue()


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    return _table([status_fields(row) for row in rows], STATUS_KEYS)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    return _table([resolution_fields(item) for item in items], RESOLUTION_KEYS)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return _table([notice_fields(item) for item in items], NOTICE_KEYS)
