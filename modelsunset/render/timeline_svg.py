"""The timeline as an SVG picture for wiki pages: self-contained (inline styles, system
fonts, no scripts, no other files), one bar per (model, surface) grouped by provider,
month ticks, a legend, the day asked as a line, and a tooltip (``<title>``) on every row.

Every catalogue string is escaped for XML, and every character beyond ASCII is written as
a character reference, so the file is plain ASCII and survives any stdout. Sizes are
worked out from the text: ids are set in a monospace font, whose width is known.
"""

from __future__ import annotations

from datetime import date, timedelta

from modelsunset.model import Catalogue
from modelsunset.render import RenderContext
from modelsunset.render.common import freshness
from modelsunset.render.timeline_text import empty_words, end_words, legend_words, title
from modelsunset.timeline import Phase, Row, Timeline, months
from modelsunset.wording import model_label, successor_text, surface_name

SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
MONO = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace'
MONO_EM = 0.62  # a monospace character's width, in ems (a little over most fonts')
SANS_EM = 0.6  # a generous average for the sans-serif text

PAD = 24  # around the picture
CHART = 720  # the width of the bars' area
ROW = 22  # the height of a row
BAR = 12  # of a bar
GROUP = 30  # of a provider's heading
AXIS = 34  # of the month labels above the rows
LEGEND = 28

COLOURS = {
    Phase.ACTIVE: "#2f9e44",
    Phase.RETIRING: "#f08c00",
    Phase.MAY_RETIRE: "#f08c00",
    Phase.RETIRED: "#c92a2a",
}
TODAY = "#862e9c"

CSS = f"""
text {{ font-family: {SANS}; fill: #212529; }}
.title {{ font-size: 18px; font-weight: 600; }}
.sub {{ font-size: 12px; fill: #495057; }}
.legend {{ font-size: 12px; fill: #343a40; }}
.month {{ font-size: 11px; fill: #495057; }}
.year {{ font-size: 11px; font-weight: 600; fill: #212529; }}
.provider {{ font-size: 13px; font-weight: 600; }}
.model {{ font-family: {MONO}; font-size: 12px; }}
.surface {{ font-size: 12px; fill: #495057; }}
.end {{ font-size: 11px; fill: #343a40; }}
.today {{ font-size: 11px; font-weight: 600; fill: {TODAY}; }}
.grid {{ stroke: #e9ecef; stroke-width: 1; }}
.grid.strong {{ stroke: #ced4da; }}
.band {{ fill: #000000; fill-opacity: 0; }}
.band.stripe {{ fill-opacity: 0.03; }}
.row:hover .band {{ fill: #1c7ed6; fill-opacity: 0.1; }}
"""


def escape(text: str) -> str:
    """``text`` for XML text or an attribute value, in ASCII: markup characters and
    everything beyond ASCII as references; characters XML cannot hold as U+FFFD."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char == '"':
            out.append("&quot;")
        elif char == "'":
            out.append("&#39;")
        elif char in "\n\t":
            out.append(char)
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            out.append("&#xfffd;")
        elif code > 0x7E:
            out.append(f"&#x{code:x};")
        else:
            out.append(char)
    return "".join(out)


def _n(value: float) -> str:
    """A length, to a tenth of a pixel, as short as it goes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def tooltip(row: Row, catalogue: Catalogue) -> str:
    """The lines a row's ``<title>`` shows: model, surface, dates, successor."""
    entry = row.entry
    lines = [f"{model_label(catalogue, entry.model)} on {surface_name(catalogue, entry.surface)}"]
    lines.append(f"since {entry.since.isoformat()}" if entry.since else "since: not given")
    if entry.announced is not None:
        lines.append(f"announced {entry.announced.isoformat()}")
    lines.append(end_words(entry) or "no retirement scheduled")
    if entry.derived_from is not None:
        lines[-1] += f" (from {entry.derived_from})"
    if entry.fallback is not None:
        lines.append(f"fallback: {model_label(catalogue, entry.fallback)} (automatic)")
    elif entry.replacement is not None:
        lines.append(f"replacement: {model_label(catalogue, entry.replacement)} (calls fail)")
    return "\n".join(lines)


class _Frame:
    """Where things go: the columns, worked out from the text they hold."""

    def __init__(self, timeline: Timeline, heading: bool) -> None:
        rows = timeline.rows
        self.timeline = timeline
        longest_id = max((len(r.model.id) for r in rows), default=5)
        longest_surface = max((len(r.entry.surface) for r in rows), default=7)
        self.model_x = PAD + 12
        self.surface_x = self.model_x + longest_id * 12 * MONO_EM + 14
        self.chart_x = self.surface_x + longest_surface * 12 * SANS_EM + 16
        self.chart_end = self.chart_x + CHART
        ends = max((len(_end(r)) for r in rows), default=0)
        self.width = max(self.chart_end + 12 + ends * 11 * SANS_EM, _legend_end(PAD)) + PAD
        self.top = PAD + (52 if heading else 0)  # the legend's line
        self.axis = self.top + LEGEND + AXIS  # the first row's top
        groups = len(timeline.groups)
        self.bottom = self.axis + groups * GROUP + len(rows) * ROW  # the last row's foot
        self.height = self.bottom + 18 + PAD  # and the date asked under it

    def x(self, day: date) -> float:
        span = self.timeline.days
        return self.chart_x + self.timeline.offset(day) * CHART / span


def _end(row: Row) -> str:
    text = end_words(row.entry)
    if text and row.entry.successor is not None:
        text += f" \u2192 {successor_text(row.entry)}"
    return text


LEGEND_PHASES = (Phase.ACTIVE, Phase.RETIRING, Phase.RETIRED, Phase.MAY_RETIRE)
TODAY_WORDS = len("2026-02-01, the date asked")


def _advance(words: str) -> float:
    """How far the legend moves on past a swatch and its words."""
    return 34 + len(words) * 12 * SANS_EM + 22


def _legend_end(x: float) -> float:
    """Where the legend ends, starting at ``x``."""
    for phase in LEGEND_PHASES:
        x += _advance(legend_words(phase))
    return x + 22 + TODAY_WORDS * 12 * SANS_EM


def _legend(frame: _Frame, on_inside: bool) -> list[str]:
    y = frame.top + 10
    x: float = PAD
    parts: list[str] = []
    for phase in LEGEND_PHASES:
        parts.append(_swatch(phase, x, y - 6))
        words = legend_words(phase)
        parts.append(
            f'<text class="legend" x="{_n(x + 34)}" y="{_n(y + 4)}">{escape(words)}</text>'
        )
        x += _advance(words)
    if on_inside:
        parts.append(
            f'<line x1="{_n(x + 12)}" x2="{_n(x + 12)}" y1="{_n(y - 8)}" y2="{_n(y + 8)}" '
            f'stroke="{TODAY}" stroke-width="2" stroke-dasharray="4 2"/>'
        )
        words = f"{frame.timeline.on.isoformat()}, the date asked"
        parts.append(f'<text class="legend" x="{_n(x + 22)}" y="{_n(y + 4)}">{words}</text>')
    return parts


def _swatch(phase: Phase, x: float, y: float) -> str:
    colour = COLOURS[phase]
    if phase is Phase.RETIRED:
        return (
            f'<rect x="{_n(x)}" y="{_n(y + 5)}" width="26" height="3" fill="{colour}" '
            f'opacity="0.35"/><rect x="{_n(x)}" y="{_n(y)}" width="2" height="{BAR}" '
            f'fill="{colour}"/>'
        )
    if phase is Phase.MAY_RETIRE:
        return (
            f'<rect x="{_n(x)}" y="{_n(y)}" width="26" height="{BAR}" rx="2" fill="url(#fade)" '
            f'stroke="{colour}" stroke-dasharray="3 2"/>'
        )
    return f'<rect x="{_n(x)}" y="{_n(y)}" width="26" height="{BAR}" rx="2" fill="{colour}"/>'


def _axis(frame: _Frame, bottom: float) -> list[str]:
    timeline = frame.timeline
    ticks = months(timeline.start, timeline.end)
    per_month = CHART * 30.44 / timeline.days
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if per_month * s >= 34), 240)
    y = frame.axis - 10
    parts: list[str] = []
    for tick in ticks:
        index = tick.year * 12 + tick.month - 1
        january = tick.month == 1
        if index % step and not (january and per_month * 12 >= 34):
            if per_month >= 4:
                parts.append(_grid(frame, tick, bottom, False))
            continue
        parts.append(_grid(frame, tick, bottom, january))
        x = _n(frame.x(tick) + 3)
        if step >= 12:
            parts.append(f'<text class="year" x="{x}" y="{_n(y)}">{tick.year}</text>')
            continue
        parts.append(f'<text class="month" x="{x}" y="{_n(y)}">{tick.strftime("%b")}</text>')
        if january or tick == ticks[0]:
            parts.append(f'<text class="year" x="{x}" y="{_n(y - 13)}">{tick.year}</text>')
    if per_month >= 160:  # a range of a few months: its weeks too
        parts += _weeks(frame, bottom, y)
    return parts


def _weeks(frame: _Frame, bottom: float, y: float) -> list[str]:
    """Ticks on the 8th, 15th and 22nd of every month, labelled with the day."""
    timeline = frame.timeline
    parts: list[str] = []
    for offset in range(timeline.days):
        day = timeline.start + timedelta(days=offset)
        if day.day in (8, 15, 22):
            parts.append(_grid(frame, day, bottom, False))
            x = _n(frame.x(day) + 3)
            parts.append(f'<text class="month" x="{x}" y="{_n(y)}">{day.day}</text>')
    return parts


def _grid(frame: _Frame, tick: date, bottom: float, strong: bool) -> str:
    x = _n(frame.x(tick))
    kind = "grid strong" if strong else "grid"
    return f'<line class="{kind}" x1="{x}" x2="{x}" y1="{_n(frame.axis - 6)}" y2="{_n(bottom)}"/>'


def _bar(frame: _Frame, row: Row, y: float) -> list[str]:
    parts: list[str] = []
    top = y + (ROW - BAR) / 2
    for piece in row.segments:
        x1, x2 = frame.x(piece.start), frame.x(piece.end)
        width = max(x2 - x1, 1.5)
        colour = COLOURS[piece.phase]
        if piece.phase is Phase.RETIRED:
            parts.append(
                f'<rect x="{_n(x1)}" y="{_n(top + BAR / 2 - 1.5)}" width="{_n(width)}" '
                f'height="3" fill="{colour}" opacity="0.35"/>'
            )
            parts.append(
                f'<rect x="{_n(x1)}" y="{_n(top)}" width="2" height="{BAR}" fill="{colour}"/>'
            )
        elif piece.phase is Phase.MAY_RETIRE:
            parts.append(
                f'<rect x="{_n(x1)}" y="{_n(top)}" width="{_n(width)}" height="{BAR}" '
                f'fill="url(#fade)" stroke="{colour}" stroke-dasharray="3 2"/>'
            )
        else:
            parts.append(
                f'<rect x="{_n(x1)}" y="{_n(top)}" width="{_n(width)}" height="{BAR}" '
                f'fill="{colour}"/>'
            )
    return parts


def _rows(frame: _Frame, catalogue: Catalogue) -> list[str]:
    parts: list[str] = []
    y = frame.axis
    stripe = False
    for group in frame.timeline.groups:
        parts.append(
            f'<text class="provider" x="{_n(PAD)}" y="{_n(y + 20)}">{escape(group.name)}</text>'
        )
        y += GROUP
        for row in group.rows:
            text_y = _n(y + ROW / 2 + 4)
            band = "band stripe" if stripe else "band"
            stripe = not stripe
            parts += [
                '<g class="row">',
                f"<title>{escape(tooltip(row, catalogue))}</title>",
                f'<rect class="{band}" x="{_n(PAD)}" y="{_n(y)}" '
                f'width="{_n(frame.width - 2 * PAD)}" height="{ROW}"/>',
                f'<text class="model" x="{_n(frame.model_x)}" y="{text_y}">'
                f"{escape(row.model.id)}</text>",
                f'<text class="surface" x="{_n(frame.surface_x)}" y="{text_y}">'
                f"{escape(row.entry.surface)}</text>",
                *_bar(frame, row, y),
                f'<text class="end" x="{_n(frame.chart_end + 12)}" y="{text_y}">'
                f"{escape(_end(row))}</text>",
                "</g>",
            ]
            y += ROW
    return parts


def drawing(timeline: Timeline, ctx: RenderContext, heading: bool = True) -> str:
    """The ``<svg>`` element; ``heading``: with the title and the catalogue's date in it
    (an HTML page has its own)."""
    frame = _Frame(timeline, heading)
    on_inside = timeline.start <= timeline.on <= timeline.end
    name = title(timeline)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(frame.width)}" '
        f'height="{_n(frame.height)}" viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" '
        'role="img" aria-labelledby="timeline-title">',
        f'<title id="timeline-title">{escape(name)}</title>',
        f"<style>{CSS}</style>",
        '<defs><linearGradient id="fade" x1="0" x2="1" y1="0" y2="0">'
        f'<stop offset="0" stop-color="{COLOURS[Phase.MAY_RETIRE]}" stop-opacity="0.7"/>'
        f'<stop offset="1" stop-color="{COLOURS[Phase.MAY_RETIRE]}" stop-opacity="0"/>'
        "</linearGradient></defs>",
        f'<rect width="{_n(frame.width)}" height="{_n(frame.height)}" fill="#ffffff"/>',
    ]
    if heading:
        parts.append(f'<text class="title" x="{PAD}" y="{PAD + 16}">{escape(name)}</text>')
        parts.append(
            f'<text class="sub" x="{PAD}" y="{PAD + 36}">{escape(subtitle(timeline, ctx))}</text>'
        )
    if not timeline.groups:
        words = escape(empty_words(timeline))
        parts.append(f'<text class="sub" x="{PAD}" y="{_n(frame.top + 16)}">{words}</text>')
        parts.append("</svg>")
        return "\n".join(parts) + "\n"
    bottom = frame.bottom
    parts += _legend(frame, on_inside)
    parts += _axis(frame, bottom)
    parts += _rows(frame, ctx.catalogue)
    if on_inside:
        at = frame.x(timeline.on)
        x = _n(at)
        anchor = (
            "start" if at < frame.chart_x + 40 else "end" if at > frame.chart_end - 40 else "middle"
        )
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{_n(frame.axis - 4)}" y2="{_n(bottom)}" '
            f'stroke="{TODAY}" stroke-width="2" stroke-dasharray="4 2"/>'
        )
        parts.append(
            f'<text class="today" x="{x}" y="{_n(bottom + 14)}" text-anchor="{anchor}">'
            f"{timeline.on.isoformat()}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def subtitle(timeline: Timeline, ctx: RenderContext) -> str:
    on = timeline.on.isoformat()
    if timeline.start <= timeline.on <= timeline.end:
        marked = f"The line marks {on}, the date asked."
    else:
        marked = f"The date asked, {on}, is outside the range."
    return f"{marked} {freshness(ctx.catalogue, ctx.today).capitalize()}."


def timeline(timeline: Timeline, ctx: RenderContext) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + drawing(timeline, ctx)
