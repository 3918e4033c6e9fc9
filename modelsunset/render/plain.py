"""Bare values, one record per line, tab-separated, for shell scripts.

No header and no decoration; a missing value is ``-`` so that ``read`` and ``cut`` keep
their columns. Values are written with ``common.text`` and the lines are ``guarded``: a
value from a catalogue can neither break a record (a tab or a line break is written out)
nor be read as a workflow command.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from modelsunset.model import Notice, Resolution, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.common import guarded, text


def _line(*values: object) -> str:
    return "\t".join("-" if value is None or value == "" else text(value) for value in values)


def _lines(lines: Iterable[str]) -> str:
    return guarded("".join(line + "\n" for line in lines))


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    return _lines(
        _line(row.model.id, row.entry.surface, row.state.value, row.entry.retires) for row in rows
    )


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    if single:
        answer = items[0].resolved
        return "" if answer is None else _lines([text(answer)])
    return _lines(_line(item.surface, item.resolved) for item in items)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    return _lines(text(item.message) for item in items)


def answers(groups: Sequence[Sequence[Resolution]], single: bool) -> str:
    """Several models, in the order asked: with one surface (``single``), each model's
    answer on a line of its own (``-`` for none, so lines and models stay paired);
    else ``MODEL<TAB>SURFACE<TAB>ANSWER`` per surface."""
    if single:
        return _lines(_line(items[0].resolved) for items in groups)
    return _lines(
        _line(item.model, item.surface, item.resolved) for items in groups for item in items
    )
