"""The formats of ``changes``: a line per change for the terminal (``table``), JSON, and
Markdown. Each module is typed as ``ChangesRenderer`` and imported only when its format is
asked for; the words the text formats share are in ``changes_text``. (The command line
imports this module for its choices when ``changes`` runs: it holds nothing else.)"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, assert_never

from modelsunset.render import RenderContext

if TYPE_CHECKING:
    from modelsunset.changes import Report


class ChangesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ChangesRenderer(Protocol):
    """A format of ``changes``."""

    def changes(self, report: Report, ctx: RenderContext) -> str:
        """The whole report, ready to write out."""
        ...


def changes_renderer(fmt: ChangesFormat) -> ChangesRenderer:
    """The module of ``fmt``, imported now."""
    if fmt is ChangesFormat.table:
        from modelsunset.render import changes_table

        return changes_table
    if fmt is ChangesFormat.json:
        from modelsunset.render import changes_json

        return changes_json
    if fmt is ChangesFormat.markdown:
        from modelsunset.render import changes_markdown

        return changes_markdown
    assert_never(fmt)
