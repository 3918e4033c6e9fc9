"""The formats of ``timeline``: a table for the terminal, an SVG picture and an HTML page
(both self-contained: inline styles, system fonts, no scripts, no other files).

Each module is typed as ``TimelineRenderer``, so mypy checks it against the protocol, and
is imported only when its format is asked for. The words they share are in
``timeline_text``. (The command line imports this module for its choices when ``timeline``
runs: it holds nothing else.)
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

from modelsunset.render import RenderContext

if TYPE_CHECKING:
    from modelsunset.timeline import Timeline


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
