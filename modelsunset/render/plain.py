"""Bare values, one record per line, tab-separated, for shell scripts.

No header and no decoration; a missing value is ``-`` so that ``read`` and ``cut`` keep
their columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext


def _line(*values: object) -> str:
    return "\t".join("-" if value is None or value == "" else str(value) for value in values)


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    lines = [
        _line(row.model.id, row.entry.surface, row.state.value, row.entry.retires) for row in rows
    ]
    return "".join(line + "\n" for line in lines)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    if single:
        answer = items[0].resolved
        return "" if answer is None else answer + "\n"
    return "".join(_line(item.surface, item.resolved) + "\n" for item in items)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return "".join(item.message + "\n" for item in items)


def answers(groups: Sequence[Sequence[Resolution]], single: bool) -> str:
    """Several models, in the order asked: with one surface (``single``), each model's
    answer on a line of its own (``-`` for none, so lines and models stay paired);
    else ``MODEL<TAB>SURFACE<TAB>ANSWER`` per surface."""
    if single:
        return "".join(_line(items[0].resolved) + "\n" for items in groups)
    return "".join(
        _line(item.model, item.surface, item.resolved) + "\n" for items in groups for item in items
    )
