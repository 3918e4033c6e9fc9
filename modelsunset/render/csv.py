"""CSV with a header row (also when there are no rows): every JSON field, in the same
order; a chain is written as ``a>b>c``, booleans as ``true``/``false``.

Text is written with ``common.text``: a cell is never more than one line, and holds no
control character nor workflow command; a row whose first cell begins with ``::`` has it
quoted. A cell that begins with ``=``, ``+``, ``-`` or ``@`` is data like any other (a
spreadsheet that reads formulas from a CSV file is the spreadsheet's to tame)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.common import text
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
        return ">".join(map(text, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return text(value) if isinstance(value, str) else value


def _table(records: list[dict[str, Any]], header: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    # A first cell that begins with "::" would begin a workflow command: quoted, it does not.
    quoting = csv.DictWriter(out, list(header), lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for record in records:
        row = {key: _cell(value) for key, value in record.items()}
        first = row[header[0]]
        command = isinstance(first, str) and first.lstrip().startswith("::")
        (quoting if command else writer).writerow(row)
    return out.getvalue()


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    return _table([status_fields(row) for row in rows], STATUS_KEYS)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    return _table([resolution_fields(item) for item in items], RESOLUTION_KEYS)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return _table([notice_fields(item) for item in items], NOTICE_KEYS)
