"""Tables and notices for people, drawn with rich.

Colour only when the command line says so (stdout is a terminal and NO_COLOR is unset);
the width is the terminal's, or COLUMNS, or 80. What comes from catalogues (or was typed)
is written with ``common.text``, and the lines drawn are ``guarded``: nothing in a
catalogue can restyle the terminal or be read as a workflow command.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby

from rich.console import Console
from rich.text import Text

from modelsunset.model import Notice, Resolution, State, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.common import (
    ERROR_STYLE,
    MISSING_STYLE,
    QUIET_STYLE,
    STATE_STYLE,
    STRONG_STYLE,
    WARNING_STYLE,
    bullet,
    chain,
    days_text,
    end_text,
    first_entry,
    freshness,
    guarded,
    no_notices,
    notices_title,
    text,
)
from modelsunset.render.fields import iso
from modelsunset.render.grid import Cell, Column, Styled, table
from modelsunset.wording import days_phrase, successor_text, surface_name


def _text(out: io.StringIO) -> str:
    """What was printed, without the padding rich leaves at the ends of lines."""
    return guarded("".join(line.rstrip() + "\n" for line in out.getvalue().splitlines()))


class _Buffer(io.StringIO):
    """Where rich draws; it names the encoding of the stream the text will go to, so
    that rich draws boxes in ASCII for a stream that cannot take UTF-8."""

    def __init__(self, ascii_only: bool) -> None:
        super().__init__()
        self._encoding = "ascii" if ascii_only else "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def _console(ctx: RenderContext) -> tuple[Console, io.StringIO]:
    out = _Buffer(ctx.ascii_only)
    console = Console(
        file=out,
        width=ctx.width,
        force_terminal=ctx.colour,
        no_color=not ctx.colour,
        color_system="auto" if ctx.colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )
    return console, out


def _state(state: State) -> Styled:
    return Styled(state.value, STATE_STYLE[state])


def _wide(console: Console) -> bool:
    return console.width >= 120


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    console, out = _console(ctx)
    caption = freshness(ctx.catalogue, ctx.today).capitalize()
    if not rows:
        console.print(f"No models match on {ctx.on.isoformat()}.")
        console.print(caption, style=QUIET_STYLE)
        return _text(out)
    wide = _wide(console)
    title = "All models" if all_rows else "Models available"
    # Ids stay whole where the width allows; on narrow terminals long ones fold. (A
    # min_width here makes rich crop the table's right edge instead.)
    columns = [Column("Model", overflow="fold")]
    if wide:
        columns += [Column("Name"), Column("Provider", no_wrap=True)]
    columns += [
        Column("Surface", overflow="fold"),
        Column("State", no_wrap=True),
        Column("Retires", no_wrap=True),
        Column("Days left", justify="right"),
        Column("Successor", overflow="fold"),
    ]
    cells: list[list[Cell]] = []
    for row in rows:
        line: list[Cell] = [text(row.model.id)]
        if wide:
            line += [text(row.model.name), text(row.model.provider)]
        line += [
            text(row.entry.surface),
            _state(row.state),
            text(end_text(row.entry)),
            days_text(row.days_left),
            text(successor_text(row.entry)),
        ]
        cells.append(line)
    console.print(table(console, f"{title} on {ctx.on.isoformat()}", caption, columns, cells))
    return _text(out)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    console, out = _console(ctx)
    first = items[0]
    model = ctx.catalogue.models.get(first.model)
    name = f"{model.name} ({first.model})" if model and model.name != first.model else first.model
    name = text(name)
    columns = [
        Column("Surface", overflow="fold"),
        Column("State", no_wrap=True),
        Column("Retires", no_wrap=True),
        Column("Days left", justify="right"),
        Column("Next", overflow="fold"),
        Column("Answer", overflow="fold"),
        Column("Chain", overflow="fold"),
        Column("Auto", no_wrap=True),
    ]
    cells = [
        [
            text(item.surface),
            _state(item.state),
            text(end_text(first_entry(item, ctx.catalogue))),
            days_text(item.days_left),
            text(item.next),
            Styled(text(item.resolved), STRONG_STYLE)
            if item.resolved
            else Styled("none", MISSING_STYLE),
            chain(map(text, item.chain), ctx),
            "" if item.automatic is None else "yes" if item.automatic else "no",
        ]
        for item in items
    ]
    caption = freshness(ctx.catalogue, ctx.today).capitalize()
    console.print(table(console, f"{name} on {first.on.isoformat()}", caption, columns, cells))
    return _text(out)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    from rich.table import Table

    console, out = _console(ctx)
    console.print(Text(notices_title(ctx.on, within), style=STRONG_STYLE))
    if not items:
        console.print(no_notices(within))
    for day, group in groupby(items, key=lambda n: n.row.entry.end):
        members = list(group)
        left = members[0].row.days_left
        console.print()
        floor = "not before " if all(n.row.entry.retires is None for n in members) else ""
        console.print(
            Text(
                f"{floor}{iso(day)} ({days_phrase(left or 0)})",
                style=WARNING_STYLE if left else ERROR_STYLE,
            )
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for notice in members:
            entry = notice.row.entry
            said = Text()
            said.append(f"{text(surface_name(ctx.catalogue, entry.surface))}: ", style=STRONG_STYLE)
            said.append(text(notice.message))
            if entry.source:
                said.append(f"\nSource: {text(entry.source)}", style=QUIET_STYLE)
            grid.add_row(f"  {bullet(ctx)}", said)
        console.print(grid)
    console.print()
    console.print(Text(freshness(ctx.catalogue, ctx.today).capitalize(), style=QUIET_STYLE))
    return _text(out)
