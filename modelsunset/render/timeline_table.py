"""The timeline for the terminal: one line per (model, surface), grouped by provider, a bar
of characters across the range, the day asked as a column.

Drawn by hand rather than by rich (a bar is one cell per character), with colour only when
the context says so and in ASCII where the output cannot take UTF-8. Every character
stands for the same number of days; it shows the phase that covers most of its days.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from modelsunset.model import State
from modelsunset.render import RenderContext
from modelsunset.render.common import QUIET_STYLE, STATE_STYLE, STRONG_STYLE, freshness, paint
from modelsunset.render.timeline_text import empty_words, legend_words, title
from modelsunset.timeline import Phase, Row, Timeline, months
from modelsunset.wording import successor_text

MIN_BAR = 20  # the narrowest bar drawn, whatever the width
GAP = "  "
_STEPS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000)  # months between labels


class _Chars(NamedTuple):
    phase: dict[Phase | None, str]
    today: str
    rule: str
    tick: str
    rule_today: str
    arrow: str
    more: str  # ends a cut id


_UNICODE = _Chars(
    {Phase.ACTIVE: "█", Phase.RETIRING: "▒", Phase.MAY_RETIRE: "┄", Phase.RETIRED: " ", None: " "},
    today="│",
    rule="─",
    tick="┬",
    rule_today="┼",
    arrow="→",
    more="…",
)
_ASCII = _Chars(
    {Phase.ACTIVE: "#", Phase.RETIRING: "=", Phase.MAY_RETIRE: ".", Phase.RETIRED: " ", None: " "},
    today="|",
    rule="-",
    tick="+",
    rule_today="|",
    arrow="->",
    more="~",
)
_STYLE = {
    Phase.ACTIVE: STATE_STYLE[State.ACTIVE],
    Phase.RETIRING: STATE_STYLE[State.RETIRING],
    Phase.MAY_RETIRE: STATE_STYLE[State.RETIRING],
    Phase.RETIRED: STATE_STYLE[State.RETIRED],
}
TODAY_STYLE = "bold magenta"


class _Layout(NamedTuple):
    model: int  # widths of the columns
    surface: int
    bar: int
    full_ends: bool  # the successor after the day, or the day alone


def _end(row: Row, chars: _Chars, full: bool) -> str:
    entry = row.entry
    if entry.retires is not None:
        text = entry.retires.isoformat()
    elif entry.not_before is not None:
        text = f"not before {entry.not_before.isoformat()}"
    else:
        return ""
    if full and entry.successor is not None:
        text += f" {chars.arrow} {successor_text(entry)}"
    return text


def _layout(timeline: Timeline, width: int, chars: _Chars) -> _Layout:
    """Ids whole and the successor after each day where the bar still gets a third of
    the width; else the days alone; else ids cut in the middle (their ends tell dated
    snapshots apart), down to a floor."""
    rows = timeline.rows
    model = max(len("Model"), *(len(r.model.id) for r in rows))
    surface = max(len("Surface"), *(len(r.entry.surface) for r in rows))
    target = max(MIN_BAR, width // 3)
    gaps = len(GAP) * 4
    for full in (True, False):
        ends = max(len(_end(r, chars, full)) for r in rows)
        if width - (gaps + model + surface + ends) >= target:
            return _Layout(model, surface, width - (gaps + model + surface + ends), full)
    over = gaps + model + surface + ends + target - width
    cut_surface = min(over // 3, surface - min(surface, 12))
    surface -= cut_surface
    model = max(model - (over - cut_surface), min(model, 16))
    bar = width - (gaps + model + surface + ends)
    if bar < MIN_BAR:  # a narrow terminal: ids give way further, then the width
        model = max(model - (MIN_BAR - bar), min(model, 10))
        bar = max(MIN_BAR, width - (gaps + model + surface + ends))
    return _Layout(model, surface, bar, False)


def _column(day: date, timeline: Timeline, bar: int) -> int:
    return (day - timeline.start).days * bar // timeline.days


def _cells(row: Row, timeline: Timeline, bar: int) -> list[Phase | None]:
    """The phase each character shows: the one covering most of its days. Counted in days
    from the range's start, which holds at the calendar's end (9999-12-31) too."""
    days = timeline.days
    pieces = [(timeline.offset(p.start), timeline.offset(p.end), p.phase) for p in row.segments]
    cells: list[Phase | None] = []
    for index in range(bar):
        first = index * days // bar
        after = max((index + 1) * days // bar, first + 1)
        best: Phase | None = None
        most = 0
        for start, end, phase in pieces:
            cover = min(after, end) - max(first, start)
            if cover > most:
                best, most = phase, cover
        cells.append(best)
    # A stretch too short to win a character of its own still shows, in the middle one.
    for start, end, phase in pieces:
        if phase is not Phase.RETIRED and phase not in cells:
            cells[min((start + end) // 2 * bar // days, bar - 1)] = phase
    return cells


def _bar(
    row: Row, timeline: Timeline, bar: int, today: int | None, chars: _Chars, ctx: RenderContext
) -> str:
    cells = _cells(row, timeline, bar)
    out: list[str] = []
    index = 0
    while index < bar:
        if index == today:
            out.append(paint(chars.today, TODAY_STYLE, ctx))
            index += 1
            continue
        phase = cells[index]
        stop = index
        while stop < bar and cells[stop] is phase and stop != today:
            stop += 1
        text = chars.phase[phase] * (stop - index)
        out.append(
            paint(text, _STYLE[phase], ctx)
            if phase is not None and phase is not Phase.RETIRED
            else text
        )
        index = stop
    return "".join(out)


def _step(timeline: Timeline, bar: int, label: int) -> int:
    """Months between labels, so that labels of ``label`` characters do not touch."""
    per_month = bar * 30.44 / timeline.days
    for step in _STEPS:
        if per_month * step >= label + 1:
            return step
    return _STEPS[-1]


def _axis(timeline: Timeline, layout: _Layout, today: int | None, chars: _Chars) -> tuple[str, str]:
    """The line of month labels (with the column names) and the rule under it."""
    step = _step(timeline, layout.bar, len("2026-02"))
    labels = [" "] * (layout.bar + 10)
    rule = [chars.rule] * layout.bar
    taken = -1
    for tick in months(timeline.start, timeline.end):
        if (tick.year * 12 + tick.month - 1) % step:
            continue
        column = _column(tick, timeline, layout.bar)
        text = tick.strftime("%Y") if step >= 12 else tick.isoformat()[:7]
        if column <= taken or column + len(text) > len(labels):
            continue
        labels[column : column + len(text)] = text
        taken = column + len(text)
        rule[column] = chars.tick
    if today is not None:
        rule[today] = chars.rule_today
    head = GAP + "Model".ljust(layout.model) + GAP + "Surface".ljust(layout.surface) + GAP
    return (head + "".join(labels)).rstrip(), " " * len(head) + "".join(rule)


def _cut(text: str, width: int, chars: _Chars) -> str:
    """``text`` in ``width`` characters, cut in the middle."""
    if len(text) <= width:
        return text
    keep = width - len(chars.more)
    head = (keep + 1) // 2
    return text[:head] + chars.more + text[len(text) - (keep - head) :]


def _legend(
    timeline: Timeline, today: int | None, chars: _Chars, width: int, ctx: RenderContext
) -> list[str]:
    shown = {piece.phase for row in timeline.rows for piece in row.segments}
    items = [
        (paint(chars.phase[phase] * 2, _STYLE[phase], ctx), legend_words(phase), 3)
        for phase in (Phase.ACTIVE, Phase.RETIRING, Phase.MAY_RETIRE)
        if phase is Phase.ACTIVE or phase in shown
    ]
    if today is not None:
        words = f"{timeline.on.isoformat()}, the date asked"
        items.append((paint(chars.today, TODAY_STYLE, ctx), words, 2))
    lines: list[str] = []
    line, used = "", 0
    for mark, words, size in items:
        piece_width = size + len(words)
        if used and used + 3 + piece_width > width:
            lines.append(line)
            line, used = "", 0
        if used:
            line += "   "
            used += 3
        line += f"{mark} {words}"
        used += piece_width
    lines.append(line)
    return lines


def timeline(timeline: Timeline, ctx: RenderContext) -> str:
    chars = _ASCII if ctx.ascii_only else _UNICODE
    width = ctx.width or 80
    heading = title(timeline)
    caption = paint(freshness(ctx.catalogue, ctx.today).capitalize(), QUIET_STYLE, ctx)
    if not timeline.groups:
        return f"{paint(heading, STRONG_STYLE, ctx)}\n\n{empty_words(timeline)}\n{caption}\n"
    layout = _layout(timeline, width, chars)
    inside = timeline.start <= timeline.on <= timeline.end
    today = _column(timeline.on, timeline, layout.bar) if inside else None
    if not inside:
        heading += f" ({timeline.on.isoformat()}, the date asked, is outside it)"
    lines = [paint(heading, STRONG_STYLE, ctx), "", *_axis(timeline, layout, today, chars)]
    for group in timeline.groups:
        lines.append(paint(group.name, STRONG_STYLE, ctx))
        for row in group.rows:
            line = (
                GAP
                + _cut(row.model.id, layout.model, chars).ljust(layout.model)
                + GAP
                + _cut(row.entry.surface, layout.surface, chars).ljust(layout.surface)
                + GAP
                + _bar(row, timeline, layout.bar, today, chars, ctx)
                + GAP
                + _end(row, chars, layout.full_ends)
            )
            lines.append(line.rstrip())
    lines += ["", *_legend(timeline, today, chars, width, ctx), caption]
    return "\n".join(lines) + "\n"
