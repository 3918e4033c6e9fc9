"""``[tool.modelsunset]`` in ``pyproject.toml``: settings for ``check`` kept with the code.

The file is the nearest ``pyproject.toml`` with a ``[tool.modelsunset]`` table, looking
upward from the working directory. Keys: ``surfaces``, ``fail-within``, ``warn-within``,
``exclude``, ``catalogue``, ``overlays``, ``waivers`` (see ``waivers.py``). Any other
key, a value of the wrong type, an empty value where one is needed (``catalogue = ""``,
``surfaces = []``, an empty string in a list), an ``exclude`` pattern that is no
gitignore pattern, or a file that is not TOML is a usage error (exit 2) that names the
file and the key: a setting is never silently replaced by its default. Paths
(``catalogue``, ``overlays``) are read relative to the folder of the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelsunset.errors import UsageError

if TYPE_CHECKING:
    from modelsunset.check.waivers import Waiver

SECTION = "modelsunset"
KEYS = ("surfaces", "fail-within", "warn-within", "exclude", "catalogue", "overlays", "waivers")


@dataclass(frozen=True, slots=True)
class Config:
    """What the file sets; None (or empty) where it sets nothing."""

    file: str | None = None
    surfaces: tuple[str, ...] | None = None
    fail_within: int | None = None
    warn_within: int | None = None
    exclude: tuple[str, ...] = ()
    catalogue: str | None = None
    overlays: tuple[str, ...] | None = None
    waivers: tuple[Waiver, ...] = ()

    def place(self) -> str:
        """Where these settings come from, for messages: ``pyproject.toml [tool.modelsunset]``."""
        return f"{_show(Path(self.file)) if self.file else 'pyproject.toml'} [tool.{SECTION}]"


def find(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest pyproject.toml with a [tool.modelsunset] table, and that table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if not candidate.is_file():
            continue
        document = _read(candidate)
        tool = document.get("tool")
        if isinstance(tool, dict) and SECTION in tool:
            table = tool[SECTION]
            if not isinstance(table, dict):
                raise UsageError(
                    f"{_show(candidate)}: [tool.{SECTION}] must be a table",
                    hint=f"write it as a section: [tool.{SECTION}] on a line of its own",
                )
            return candidate, table
    return None


def _show(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _read(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{_show(path)} is not valid TOML: {exc}", hint="fix the file, or run from elsewhere"
        ) from None
    except UnicodeDecodeError:
        raise UsageError(f"{_show(path)} is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"cannot read {_show(path)}: {exc.strerror or exc}") from None


def load(start: Path | None = None) -> Config:
    found = find(start if start is not None else Path.cwd())
    if found is None:
        return Config()
    path, table = found
    return parse(table, path)


def parse(table: dict[str, Any], path: Path) -> Config:
    from modelsunset.check.scan import pattern_problem
    from modelsunset.names import did_you_mean, suggest

    where = f"{_show(path)} [tool.{SECTION}]"
    for key in table:
        if key not in KEYS:
            known = f"the keys are {', '.join(KEYS)}"
            close = did_you_mean(suggest(key, KEYS))
            raise UsageError(
                f"{where}: unknown key '{key}'", hint=f"{close} ({known})" if close else known
            )
    folder = path.parent

    def strings(key: str) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise UsageError(
                f"{where}: '{key}' must be a list of strings",
                hint=f'for example {key} = ["a", "b"]',
            )
        if not all(item.strip() for item in value):
            raise UsageError(
                f"{where}: '{key}' holds an empty string", hint="remove it, or fill it in"
            )
        return tuple(value)

    def days(key: str) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UsageError(
                f"{where}: '{key}' must be a whole number of days, 0 or more",
                hint=f"for example {key} = 30",
            )
        return value

    def place(value: str) -> str:
        return str(folder / value) if not os.path.isabs(value) else value

    catalogue = table.get("catalogue")
    if catalogue is not None and not isinstance(catalogue, str):
        raise UsageError(f"{where}: 'catalogue' must be a path (a string)")
    if catalogue is not None and not catalogue.strip():
        raise UsageError(
            f"{where}: 'catalogue' is empty",
            hint="name a catalogue file, or leave the key out for the bundled catalogue",
        )
    surfaces = strings("surfaces")
    if surfaces is not None and not surfaces:
        raise UsageError(
            f"{where}: 'surfaces' is empty",
            hint="name at least one surface, or leave the key out for the default (api)",
        )
    exclude = strings("exclude") or ()
    for pattern in exclude:
        problem = pattern_problem(pattern)
        if problem is not None:
            raise UsageError(
                f"{where}: 'exclude' holds {pattern!r}, which {problem}",
                hint="a pattern such as 'build/', '*.md' or '!keep.md'",
            )
    overlays = strings("overlays")
    from modelsunset.check import waivers

    return Config(
        file=str(path),
        surfaces=surfaces,
        fail_within=days("fail-within"),
        warn_within=days("warn-within"),
        exclude=exclude,
        catalogue=place(catalogue) if catalogue is not None else None,
        overlays=tuple(place(item) for item in overlays) if overlays is not None else None,
        waivers=waivers.parse(table.get("waivers"), where, str(folder)),
    )
