"""``check``'s command line read without Typer, for the forms a CI job gives it, and the
run it asks for.

Importing Typer (and its copy of click) and building the command takes about a third of
a small ``check`` run, and a CI job runs ``check`` many times. ``parse`` reads the
arguments itself when each one is a form it knows: an option of ``check`` with its value
(``--format json``, ``--format=json``, ``-f json``, ``-fjson``), a flag, a path, ``--``.
For anything else (help, a mistake, an option it does not know, a value click would have
to convert or refuse) it gives ``None``, and Typer reads the line as before, with its own
messages. So it never accepts what Typer refuses, and never reads an argument otherwise:
the tests compare the two on generated command lines, and hold ``_OPTIONS`` to the
options Typer declares (``check/cli.py``).
"""

from collections.abc import Iterator, Sequence
from enum import Enum, auto
from typing import Any, NamedTuple

from modelsunset.check import CheckFormat
from modelsunset.i18n import Lang


class Args(NamedTuple):
    """The arguments of one ``check`` run, named as ``check/cli.py`` names its parameters
    (an option not given: its default there, ``()`` for those that repeat)."""

    paths: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    surface: tuple[str, ...] = ()
    date: str | None = None
    fail_within: int | None = None
    warn_within: int | None = None
    no_fail: bool = False
    fmt: CheckFormat = CheckFormat.text
    exclude: tuple[str, ...] = ()
    no_gitignore: bool = False
    jobs: int = 0
    kinds: tuple[str, ...] = ()
    skip_unreadable: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    waivers: str | None = None
    changed: str | None = None
    max_catalogue_age: int | None = None
    lang: Lang | None = None
    catalogue: str | None = None
    overlay: tuple[str, ...] = ()


class _Shape(Enum):
    FLAG = auto()  # no value
    TEXT = auto()  # one value, as given; the last one counts
    MANY = auto()  # one value each time, all kept
    DAYS = auto()  # a whole number of 0 or more, in ASCII digits
    FORMAT = auto()  # a CheckFormat, in any case
    LANG = auto()  # a Lang, in any case


_OPTIONS: dict[str, tuple[str, _Shape]] = {
    "--model": ("model", _Shape.MANY),
    "-m": ("model", _Shape.MANY),
    "--surface": ("surface", _Shape.MANY),
    "-s": ("surface", _Shape.MANY),
    "--date": ("date", _Shape.TEXT),
    "-d": ("date", _Shape.TEXT),
    "--fail-within": ("fail_within", _Shape.DAYS),
    "--warn-within": ("warn_within", _Shape.DAYS),
    "--no-fail": ("no_fail", _Shape.FLAG),
    "--format": ("fmt", _Shape.FORMAT),
    "-f": ("fmt", _Shape.FORMAT),
    "--exclude": ("exclude", _Shape.MANY),
    "-e": ("exclude", _Shape.MANY),
    "--no-gitignore": ("no_gitignore", _Shape.FLAG),
    "--jobs": ("jobs", _Shape.DAYS),
    "-j": ("jobs", _Shape.DAYS),
    "--kinds": ("kinds", _Shape.MANY),
    "--skip-unreadable": ("skip_unreadable", _Shape.FLAG),
    "--baseline": ("baseline", _Shape.TEXT),
    "--write-baseline": ("write_baseline", _Shape.TEXT),
    "--waivers": ("waivers", _Shape.TEXT),
    "--changed": ("changed", _Shape.TEXT),
    "--max-catalogue-age": ("max_catalogue_age", _Shape.DAYS),
    "--lang": ("lang", _Shape.LANG),
    "--catalogue": ("catalogue", _Shape.TEXT),
    "--overlay": ("overlay", _Shape.MANY),
}


def parse(args: Sequence[str]) -> Args | None:
    """The arguments after ``check``, or None when one of them is not a form read here."""
    if "-h" in args or "--help" in args:
        return None
    given: dict[str, Any] = {}
    repeated: dict[str, list[str]] = {}
    last: dict[str, tuple[_Shape, str]] = {}
    paths: list[str] = []
    rest: Iterator[str] = iter(args)
    for arg in rest:
        if arg == "--":
            paths.extend(rest)
            break
        if arg[:1] != "-" or arg == "-":
            paths.append(arg)
            continue
        if arg[:2] == "--":
            name, attached, text = arg.partition("=")  # --format=json
        else:
            name, text = arg[:2], arg[2:]  # -fjson, -j1: the value attached, as click reads it
            attached = text
        known = _OPTIONS.get(name)
        if known is None:
            return None
        field, shape = known
        if shape is _Shape.FLAG:
            if attached:
                return None
            given[field] = True
            continue
        if not attached:
            following = next(rest, None)
            if following is None:
                return None
            text = following
        if shape is _Shape.MANY:
            repeated.setdefault(field, []).append(text)
        else:
            last[field] = (shape, text)  # as click, which converts only the last one given
    for field, (shape, text) in last.items():
        value = _value(shape, text)
        if value is None:
            return None
        given[field] = value
    for field, values in repeated.items():
        given[field] = tuple(values)
    return Args(paths=tuple(paths), **given)


def _value(shape: _Shape, text: str) -> object:
    """``text`` as an option of ``shape`` takes it, or None when Typer should judge it."""
    if shape is _Shape.DAYS:
        # Past a few digits (and Python's 4,300 for int()) Typer says what is wrong.
        return int(text) if len(text) <= 18 and text.isascii() and text.isdigit() else None
    if shape is _Shape.FORMAT or shape is _Shape.LANG:
        choices: type[CheckFormat] | type[Lang] = CheckFormat if shape is _Shape.FORMAT else Lang
        folded = text.lower() if text.isascii() else None
        return next((choice for choice in choices if choice.value == folded), None)
    return text


def invoke(args: Args) -> int:
    """Runs ``check`` as ``args`` ask, and gives its exit code (errors said on stderr). A
    count of files may be drawn on stderr when it is a terminal."""
    import sys

    from modelsunset.check.command import Request, run
    from modelsunset.commands import Sources
    from modelsunset.edge import outcome

    request = Request(
        paths=args.paths,
        models=args.model,
        surfaces=args.surface,
        when=args.date,
        fail_within=args.fail_within,
        warn_within=args.warn_within,
        no_fail=args.no_fail,
        fmt=args.fmt,
        excludes=args.exclude,
        gitignore=not args.no_gitignore,
        progress=sys.stderr is not None and sys.stderr.isatty(),
        jobs=args.jobs,
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        waivers=args.waivers,
        changed=args.changed,
        max_catalogue_age=args.max_catalogue_age,
        kinds=args.kinds,
        skip_unreadable=args.skip_unreadable,
    )
    sources = Sources(args.catalogue, args.overlay)
    return outcome(lambda session: run(session, sources, request), args.lang)
