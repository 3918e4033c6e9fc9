"""``[tool.modelsunset]`` in ``pyproject.toml``: settings for ``check`` kept with the code.

The file is the nearest ``pyproject.toml`` with a ``[tool.modelsunset]`` table, looking
upward from the working directory. Keys: ``surfaces``, ``fail-within``, ``warn-within``,
``exclude``, ``catalogue``, ``overlays``, ``kinds``, ``waivers`` (see
``waivers.py``). Any other key, a value of the wrong
type, an empty value where one is needed (``catalogue = ""``, ``surfaces = []``, an empty
string in a list), an ``exclude`` pattern that is no gitignore pattern, a number of days
larger than any two dates are apart, or a file that is not TOML (or that TOML cannot
read: a number of thousands of digits, lists nested thousands deep) is a usage error
(exit 2) that names the file and the key: a setting is never silently replaced by its
default, and never a traceback.

Paths (``catalogue``, ``overlays``) are read relative to the folder of the file and must
lie inside the repository (the nearest folder at or above it that holds ``.git``, else
that folder itself), links resolved: a repository's settings cannot make ``check`` read
the files of the machine it runs on. ``https://`` URLs pass through unchanged (the loader
fetches them); any other URL is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from modelsunset.check.kinds import Kind
from modelsunset.errors import UsageError
from modelsunset.wording import inert, quoted

if TYPE_CHECKING:
    from modelsunset.check.waivers import Waiver

SECTION = "modelsunset"
MAX_DAYS = (date.max - date.min).days  # more days than any two dates are apart
KEYS = (
    "surfaces",
    "fail-within",
    "warn-within",
    "exclude",
    "catalogue",
    "overlays",
    "kinds",
    "waivers",
)


class Config(NamedTuple):
    """What the file sets; None (or empty) where it sets nothing."""

    file: str | None = None
    surfaces: tuple[str, ...] | None = None
    fail_within: int | None = None
    warn_within: int | None = None
    exclude: tuple[str, ...] = ()
    catalogue: str | None = None
    overlays: tuple[str, ...] | None = None
    waivers: tuple[Waiver, ...] = ()
    kinds: tuple[Kind, ...] | None = None

    def place(self) -> str:
        """Where these settings come from, for messages: ``pyproject.toml [tool.modelsunset]``."""
        return f"{_show(self.file) if self.file else 'pyproject.toml'} [tool.{SECTION}]"


def _upward(start: str) -> Iterator[str]:
    """``start`` (made absolute) and each folder above it, up to the root."""
    folder = os.path.abspath(start)
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def find(start: str) -> tuple[str, dict[str, Any]] | None:
    """The nearest pyproject.toml with a [tool.modelsunset] table, and that table."""
    for folder in _upward(start):
        candidate = os.path.join(folder, "pyproject.toml")
        if not os.path.isfile(candidate):
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


def _show(path: str) -> str:
    """``path`` as messages name it: relative, its control characters written out."""
    try:
        return inert(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return inert(str(path))


def _read(path: str) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(
            f"{_show(path)} is not valid TOML: {exc}", hint="fix the file, or run from elsewhere"
        ) from None
    except RecursionError:
        raise UsageError(
            f"{_show(path)} nests lists or tables too deeply to be read",
            hint="settings are flat: strings, numbers and lists of strings",
        ) from None
    except UnicodeDecodeError:
        raise UsageError(f"{_show(path)} is not UTF-8 text") from None
    except ValueError:  # a number of more digits than Python converts (4300 by default)
        raise UsageError(
            f"{_show(path)} holds a number too long to be read",
            hint="a number of days has a few digits: fail-within = 30",
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read {_show(path)}: {exc.strerror or exc}") from None


def load(start: str | os.PathLike[str] | None = None) -> Config:
    """The settings of the nearest ``pyproject.toml`` at or above ``start`` (default: the
    working folder, which must exist: the settings are looked for from it)."""
    if start is None:
        try:
            start = os.getcwd()
        except OSError as exc:  # the working folder was removed, or cannot be read
            raise UsageError(
                f"the working folder cannot be read ({exc.strerror or exc}), so the "
                "settings in pyproject.toml cannot be looked for",
                hint="run from a folder that exists",
            ) from None
    found = find(os.fspath(start))
    if found is None:
        return Config()
    path, table = found
    return parse(table, path)


def parse(table: dict[str, Any], path: str | os.PathLike[str]) -> Config:
    from modelsunset.check.kinds import parse as parse_kinds
    from modelsunset.check.scan import pattern_problem
    from modelsunset.names import did_you_mean, suggest

    path = os.fspath(path)
    where = f"{_show(path)} [tool.{SECTION}]"
    for key in table:
        if key not in KEYS:
            known = f"the keys are {', '.join(KEYS)}"
            close = did_you_mean(suggest(key, KEYS))
            raise UsageError(
                f"{where}: unknown key {quoted(key)}", hint=f"{close} ({known})" if close else known
            )
    folder = os.path.dirname(os.path.abspath(path))

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
        if value > MAX_DAYS:
            raise UsageError(
                f"{where}: '{key}' is more days than any two dates are apart (at most {MAX_DAYS})",
                hint=f"for example {key} = 30",
            )
        return value

    def place(key: str, value: str) -> str:
        return _inside(where, key, value, folder)

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
    kinds = strings("kinds")
    chosen = None
    if kinds is not None:
        try:
            chosen = parse_kinds(kinds)
        except ValueError as exc:
            raise UsageError(
                f"{where}: 'kinds' {kinds_problem(str(exc))}", hint=KINDS_HINT
            ) from None
    from modelsunset.check import waivers

    return Config(
        file=str(path),
        surfaces=surfaces,
        fail_within=days("fail-within"),
        warn_within=days("warn-within"),
        exclude=exclude,
        catalogue=place("catalogue", catalogue) if catalogue is not None else None,
        overlays=tuple(place("overlays", item) for item in overlays)
        if overlays is not None
        else None,
        kinds=chosen,
        waivers=waivers.parse(table.get("waivers"), where, str(folder)),
    )


def repository(folder: str | os.PathLike[str]) -> str:
    """The repository a settings file belongs to: the nearest folder at or above
    ``folder`` that holds ``.git`` (a folder, or the file of a worktree), else ``folder``
    (made absolute)."""
    for candidate in _upward(os.fspath(folder)):
        if os.path.exists(os.path.join(candidate, ".git")):
            return candidate
    return os.path.abspath(folder)


def _inside(where: str, key: str, value: str, folder: str) -> str:
    """A path of the file as the loader takes it, once it is known to lie inside the
    repository; an https URL as it is. Anything else is a usage error."""
    from modelsunset.loading import is_url

    if is_url(value):
        if value.partition("://")[0].lower() == "https":
            return value
        raise UsageError(
            f"{where}: '{key}' names {value!r}, a URL that is not https",
            hint="settings may name https:// URLs, or files inside the repository",
        )
    joined = value if os.path.isabs(value) else os.path.join(folder, value)
    root = repository(folder)
    try:
        real, real_root = os.path.realpath(joined), os.path.realpath(root)
        inside = os.path.commonpath([real, real_root]) == real_root
    except (ValueError, OSError):  # another drive on Windows, a NUL character
        inside = False
    if not inside:
        raise UsageError(
            f"{where}: '{key}' names {value!r}, which is outside the repository ({_show(root)})",
            hint="keep it inside the repository, name an https:// URL, or give the file "
            "with --catalogue/--overlay",
        )
    return joined


KINDS_HINT = (
    "the kinds are code, config, docs, recorded, mocked and pattern; for example code,config,docs"
)


def kinds_problem(word: str) -> str:
    """What is wrong with a list of kinds: none given, or ``word`` is none of them."""
    from modelsunset.names import did_you_mean, suggest

    if not word:
        return "names no kind"
    close = did_you_mean(suggest(word, [kind.value for kind in Kind]))
    return f"names unknown kind {quoted(word)}" + (f" ({close})" if close else "")
