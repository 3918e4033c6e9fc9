"""Tables and notices for people, drawn with rich. The only module that imports rich.

Colour only when the command line says so (stdout is a terminal and NO_COLOR is unset);
the width is the terminal's, or COLUMNS, or 80.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from itertools import groupby

from rich.console import Console
from rich.table import Table
from rich.text import Text

from modelsunset.model import Notice, Resolution, State, StatusRow
from modelsunset.render import RenderContext
from modelsunset.render.fields import (
    days_text,
    freshness,
    iso,
    no_notices,
    notices_title,
)
from modelsunset.wording import days_phrase, successor_text, surface_name

_STATE_STYLE = {
    State.UPCOMING: "cyan",
    State.ACTIVE: "green",
    State.RETIRING: "yellow",
    State.RETIRED: "red",
}


def _text(out: io.StringIO) -> str:
    """What was printed, without the padding rich leaves at the ends of lines."""
    return "".join(line.rstrip() + "\n" for line in out.getvalue().splitlines())


def _console(ctx: RenderContext) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
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


def _state(state: State) -> Text:
    return Text(state.value, style=_STATE_STYLE[state])


def _wide(console: Console) -> bool:
    return console.width >= 120


def status(rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
    console, out = _console(ctx)
    wide = _wide(console)
    title = "All models" if all_rows else "Models available"
    table = Table(
        title=f"{title} on {ctx.on.isoformat()}",
        caption=freshness(ctx.catalogue, ctx.today).capitalize(),
        header_style="bold",
    )
    # Ids stay whole where the width allows; on narrow terminals long ones fold. (A
    # min_width here makes rich crop the table's right edge instead.)
    table.add_column("Model", overflow="fold")
    if wide:
        table.add_column("Name")
        table.add_column("Provider", no_wrap=True)
    table.add_column("Surface", overflow="fold")
    table.add_column("State", no_wrap=True)
    table.add_column("Retires", no_wrap=True)
    table.add_column("Days left", justify="right")
    table.add_column("Successor", overflow="fold")
    for row in rows:
        cells: list[str | Text] = [row.model.id]
        if wide:
            cells += [row.model.name, row.model.provider]
        cells += [
            row.entry.surface,
            _state(row.state),
            iso(row.entry.retires) or "",
            days_text(row.days_left),
            successor_text(row.entry),
        ]
        table.add_row(*cells)
    if rows:
        console.print(table)
    else:
        console.print(f"No models match on {ctx.on.isoformat()}.")
        console.print(freshness(ctx.catalogue, ctx.today).capitalize(), style="dim")
    return _text(out)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    console, out = _console(ctx)
    first = items[0]
    model = ctx.catalogue.models.get(first.model)
    name = f"{model.name} ({first.model})" if model and model.name != first.model else first.model
    table = Table(
        title=f"{name} on {first.on.isoformat()}",
        caption=freshness(ctx.catalogue, ctx.today).capitalize(),
        header_style="bold",
    )
    table.add_column("Surface", overflow="fold")
    table.add_column("State", no_wrap=True)
    table.add_column("Retires", no_wrap=True)
    table.add_column("Days left", justify="right")
    table.add_column("Answer", overflow="fold")
    table.add_column("Chain", overflow="fold")
    table.add_column("Auto", no_wrap=True)
    for item in items:
        answer = Text(item.resolved, style="bold") if item.resolved else Text("none", style="red")
        table.add_row(
            item.surface,
            _state(item.state),
            iso(item.retires) or "",
            days_text(item.days_left),
            answer,
            " → ".join(item.chain),
            "yes" if item.automatic else "no",
        )
    console.print(table)
    return _text(out)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    console, out = _console(ctx)
    console.print(Text(notices_title(ctx.on, within), style="bold"))
    if not items:
        console.print(no_notices(within))
    for day, group in groupby(items, key=lambda n: n.row.entry.retires):
        members = list(group)
        left = members[0].row.days_left
        console.print()
        console.print(
            Text(
                f"{iso(day)} ({days_phrase(left or 0)})",
                style="bold yellow" if left else "bold red",
            )
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for notice in members:
            entry = notice.row.entry
            text = Text()
            text.append(f"{surface_name(ctx.catalogue, entry.surface)}: ", style="bold")
            text.append(notice.message)
            if entry.source:
                text.append(f"\nSource: {entry.source}", style="dim")
            grid.add_row("  •", text)
        console.print(grid)
    console.print()
    console.print(Text(freshness(ctx.catalogue, ctx.today).capitalize(), style="dim"))
    return _text(out)
