"""Output formats: one module per format, each returning a string.

``Format`` maps the names users type to the modules; a module is imported only when
its format is asked for (rich, for one, is only loaded for tables).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from importlib import import_module
from types import ModuleType
from typing import NamedTuple

from modelsunset.model import Catalogue


class Format(StrEnum):
    """Formats of ``status``, ``resolve`` and ``notices``."""

    table = "table"
    json = "json"
    plain = "plain"
    markdown = "markdown"
    csv = "csv"


class RenderContext(NamedTuple):
    """What a renderer may know besides the rows: never the clock or the terminal itself."""

    on: date
    today: date
    catalogue: Catalogue
    colour: bool = False
    width: int | None = None
    ascii_only: bool = False  # the output cannot take box drawing and arrows


def renderer(fmt: Format) -> ModuleType:
    return import_module(f"modelsunset.render.{fmt.value}")
