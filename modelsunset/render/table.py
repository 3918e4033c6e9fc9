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

from modelsunset import i18n
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
    notice_day,
    notices_title,
    text,
)
from modelsunset.render.grid import Cell, Column, Styled, draw, table
from modelsunset.wording import successor_text, surface_name


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
        # Wraps: a day taken from a version names it, "not before 2026-02-28 (from
        # gpt-4o-mini-realtime-preview-2024-12-17)", too long to hold the other columns to.
        Column("Retires", overflow="fold"),
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
    draw(console, table(console, f"{title} on {ctx.on.isoformat()}", caption, columns, cells))
    return _text(out)


def resolutions(items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
    console, out = _console(ctx)
    lang = ctx.lang
    words = i18n.messages(lang)
    first = items[0]
    model = ctx.catalogue.models.get(first.model)
    name = f"{model.name} ({first.model})" if model and model.name != first.model else first.model
    name = text(name)
    columns = [
        Column(words.surface, overflow="fold"),
        Column(words.state, no_wrap=True),
        Column(words.retires_column, no_wrap=True),
        Column(words.days_left, justify="right"),
        Column(words.next, overflow="fold"),
        Column(words.answer, overflow="fold"),
        Column(words.chain, overflow="fold"),
        Column(words.auto, no_wrap=True),
    ]
    cells: list[list[Cell]] = [
        [
            text(item.surface),
            Styled(i18n.state(lang, item.state), STATE_STYLE[item.state]),
            text(end_text(first_entry(item, ctx.catalogue), lang)),
            days_text(item.days_left),
            text(item.next),
            Styled(text(item.resolved), STRONG_STYLE)
            if item.resolved
            else Styled(words.none, MISSING_STYLE),
            chain(map(text, item.chain), ctx),
            i18n.yes_no(lang, item.automatic),
        ]
        for item in items
    ]
    caption = freshness(ctx.catalogue, ctx.today, lang).capitalize()
    title = words.resolve_title.format(name=name, day=i18n.day(lang, first.on))
    draw(console, table(console, title, caption, columns, cells))
    return _text(out)


def notices(items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
    from rich.table import Table

    console, out = _console(ctx)
    lang = ctx.lang
    words = i18n.messages(lang)
    console.print(Text(notices_title(ctx.on, within, lang), style=STRONG_STYLE))
    if not items:
        console.print(no_notices(within, lang))
    for day, group in groupby(items, key=lambda n: n.row.entry.end):
        members = list(group)
        left = members[0].row.days_left
        console.print()
        assert day is not None  # a notice's entry has a day, or a floor
        floor = all(n.row.entry.retires is None for n in members)
        console.print(
            Text(
                notice_day(day, left or 0, floor, lang),
                style=WARNING_STYLE if left else ERROR_STYLE,
            )
        )
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        # Folded, never cut with an ellipsis: a source URL longer than the line is data
        # (cut, it leads nowhere). (rich keeps the space where it wraps text of wide CJK
        # characters; folding crops just that space too.)
        grid.add_column(overflow="fold")
        for notice in members:
            entry = notice.row.entry
            said = Text()
            lead = words.lead.format(surface=text(surface_name(ctx.catalogue, entry.surface)))
            said.append(lead, style=STRONG_STYLE)
            said.append(text(notice.message))
            if entry.source:
                said.append(
                    "\n" + words.source_line.format(url=text(entry.source)), style=QUIET_STYLE
                )
            grid.add_row(f"  {bullet(ctx)}", said)
        console.print(grid)
    console.print()
    console.print(Text(freshness(ctx.catalogue, ctx.today, lang).capitalize(), style=QUIET_STYLE))
    return _text(out)
