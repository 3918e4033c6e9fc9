"""Output formats of every command: one module per format, each returning a string.

``renderer(fmt)`` gives the module of a format of ``status``, ``resolve`` and ``notices``,
``check_renderer(fmt)`` that of a format of ``check`` (in ``render/check/``). Each module
is typed as the protocol it satisfies (``Renderer``, ``CheckRenderer``), so mypy checks
every module against it and every call against the protocol. A module is imported only
when its format is asked for: rich, for one, is only loaded for tables (and for check's
text in colour). Helpers the formats share are in ``common``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol, assert_never

from modelsunset.i18n import Lang
from modelsunset.model import Catalogue, Notice, Resolution, StatusRow

if TYPE_CHECKING:
    from modelsunset.check import CheckFormat
    from modelsunset.check.report import Report


class Format(StrEnum):
    """Formats of ``status``, ``resolve`` and ``notices``."""

    table = "table"
    json = "json"
    plain = "plain"
    markdown = "markdown"
    csv = "csv"


class RenderContext(NamedTuple):
    """What a renderer may know besides what it renders: never the clock or the terminal
    itself. One for every command; ``check`` fills it from its report's date and
    catalogue."""

    on: date
    today: date
    catalogue: Catalogue
    colour: bool = False
    width: int | None = None
    ascii_only: bool = False  # the output cannot take box drawing and arrows
    version: str = ""  # of modelsunset, for formats that name the tool (SARIF)
    lang: Lang = Lang.en  # of the text for people (the templates are in ``i18n``)


class Renderer(Protocol):
    """A format of ``status``, ``resolve`` and ``notices``."""

    def status(self, rows: Sequence[StatusRow], ctx: RenderContext, all_rows: bool = False) -> str:
        """The rows of ``status``; ``all_rows``: ``--all`` was given."""
        ...

    def resolutions(self, items: Sequence[Resolution], ctx: RenderContext, single: bool) -> str:
        """The answers of ``resolve``; ``single``: one surface was asked for."""
        ...

    def notices(self, items: Sequence[Notice], ctx: RenderContext, within: int = 90) -> str:
        """The notices of ``notices`` for the ``within`` days after ``ctx.on``."""
        ...


class CheckRenderer(Protocol):
    """A format of ``check``."""

    def render(self, report: Report, ctx: RenderContext) -> str:
        """The whole report."""
        ...


def renderer(fmt: Format) -> Renderer:
    """The module of ``fmt``, imported now."""
    if fmt is Format.table:
        from modelsunset.render import table

        return table
    if fmt is Format.json:
        from modelsunset.render import json

        return json
    if fmt is Format.plain:
        from modelsunset.render import plain

        return plain
    if fmt is Format.markdown:
        from modelsunset.render import markdown

        return markdown
    if fmt is Format.csv:
        from modelsunset.render import csv

        return csv
    assert_never(fmt)


def check_renderer(fmt: CheckFormat) -> CheckRenderer:
    """The module of check's ``fmt``, imported now."""
    from modelsunset.check import CheckFormat

    if fmt is CheckFormat.text:
        from modelsunset.render.check import text

        return text
    if fmt is CheckFormat.json:
        from modelsunset.render.check import json

        return json
    if fmt is CheckFormat.markdown:
        from modelsunset.render.check import markdown

        return markdown
    if fmt is CheckFormat.github:
        from modelsunset.render.check import github

        return github
    if fmt is CheckFormat.sarif:
        from modelsunset.render.check import sarif

        return sarif
    assert_never(fmt)
