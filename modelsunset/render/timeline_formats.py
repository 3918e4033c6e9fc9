"""The formats of ``timeline``: a table for the terminal, an SVG picture and an HTML page
(both self-contained: inline styles, system fonts, no scripts, no other files).

Each module is typed as ``TimelineRenderer``, so mypy checks it against the protocol, and
is imported only when its format is asked for. What the formats share is here: the
words of the legend and of each row's dates.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

from modelsunset.render import RenderContext

if TYPE_CHECKING:
    from modelsunset.model import Entry
    from modelsunset.timeline import Phase, Timeline


class TimelineFormat(StrEnum):
    table = "table"
    svg = "svg"
    html = "html"


class TimelineRenderer(Protocol):
    """A format of ``timeline``."""

    def timeline(self, timeline: Timeline, ctx: RenderContext) -> str:
        """The whole picture, ready to write out."""
        ...


def timeline_renderer(fmt: TimelineFormat) -> TimelineRenderer:
    """The module of ``fmt``, imported now."""
    if fmt is TimelineFormat.table:
        from modelsunset.render import timeline_table

        return timeline_table
    if fmt is TimelineFormat.svg:
        from modelsunset.render import timeline_svg

        return timeline_svg
    if fmt is TimelineFormat.html:
        from modelsunset.render import timeline_html

        return timeline_html
    assert_never(fmt)


def title(timeline: Timeline) -> str:
    return f"Model availability, {timeline.start.isoformat()} to {timeline.end.isoformat()}"


def legend_words(phase: Phase) -> str:
    from modelsunset.timeline import Phase

    return {
        Phase.ACTIVE: "available",
        Phase.RETIRING: "retiring (a date is set)",
        Phase.RETIRED: "retired",
        Phase.MAY_RETIRE: "may retire (a floor: no date set)",
    }[phase]


def end_words(entry: Entry) -> str:
    """When the entry goes: ``retires 2026-02-13``, ``not before 2027-01-22``, or empty."""
    if entry.retires is not None:
        return f"retires {entry.retires.isoformat()}"
    if entry.not_before is not None:
        return f"not before {entry.not_before.isoformat()}"
    return ""


def empty_words(timeline: Timeline) -> str:
    return (
        f"No model matches: none is available between {timeline.start.isoformat()} "
        f"and {timeline.end.isoformat()}."
    )
