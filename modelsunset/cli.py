"""Typer wiring only: options in, a command function called, its exit code out.

Exceptions become messages and exit codes in one place, ``edge.outcome`` (through
``_run``). Everything a command needs beyond Typer is imported inside the command, so
start-up stays small; ``check`` in the forms CI gives it is read without Typer at all
(``check/argv.py``). The options several commands share are declared in ``options.py``.
"""

from collections.abc import Callable
from typing import Annotated

import typer

from modelsunset.commands import Session, Sources
from modelsunset.i18n import Lang
from modelsunset.options import (
    CalendarWithinOpt,
    CatalogueOpt,
    DateOpt,
    FormatOpt,
    LangOpt,
    ModelsOpt,
    NoticesWithinOpt,
    OverlayOpt,
    ProvidersOpt,
    SortOpt,
    SurfacesOpt,
    complete_models,
    complete_surfaces,
)
from modelsunset.render import Format


def _typer() -> typer.Typer:
    return typer.Typer(
        name="modelsunset",
        help=(
            "Plan for AI model retirements: what is available where on any date, what takes "
            "a retired model's place, and what to tell your users."
        ),
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _run(command: Callable[[Session], int], lang: Lang | None = None) -> None:
    """Runs ``command`` and exits with its code; errors become messages and exit codes in
    ``edge.outcome``, the one place for every command. ``lang``: --lang."""
    from modelsunset.edge import outcome

    raise typer.Exit(outcome(command, lang))


def _version(value: bool) -> None:
    """--version: the version and the bundled catalogue's date, whatever else is set."""
    if value:
        from modelsunset.commands import version_text
        from modelsunset.console import writer

        writer("out")(version_text() + "\n")
        raise typer.Exit(0)


def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Plan for AI model retirements."""


def status(
    date: DateOpt = None,
    surface: SurfacesOpt = None,
    provider: ProvidersOpt = None,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Also list upcoming and retired entries.")
    ] = False,
    fmt: FormatOpt = Format.table,
    sort: SortOpt = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """List the models available on a date, per surface."""
    from modelsunset import commands

    sources = Sources(catalogue, overlay or ())
    _run(
        lambda s: commands.status(s, sources, date, surface or (), provider or (), all_, fmt, sort)
    )


def resolve(
    model: Annotated[
        list[str],
        typer.Argument(
            metavar="MODEL...",
            help="Model ids, aliases or names: one or several.",
            show_default=False,
            autocompletion=complete_models,
        ),
    ],
    surface: Annotated[
        list[str] | None,
        typer.Option(
            "--surface",
            "-s",
            metavar="SURFACE",
            help="Answer for this surface only.",
            show_default=False,
            autocompletion=complete_surfaces,
        ),
    ] = None,
    date: DateOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Say which model serves each MODEL on a date, following fallbacks and replacements.

    Exit 1 when a MODEL has no available model: on the surface asked for, or, without
    --surface, on any surface.
    """
    from modelsunset import commands

    def command(session: Session) -> int:
        if surface and len(surface) > 1:
            from modelsunset.errors import UsageError

            raise UsageError(
                f"resolve answers for one --surface, not {len(surface)}",
                "leave --surface out to answer for every surface",
            )
        sources = Sources(catalogue, overlay or ())
        only = surface[0] if surface else None
        return commands.resolve(session, sources, model, only, date, fmt)

    _run(command, lang)


def notices(
    date: DateOpt = None,
    within: NoticesWithinOpt = None,
    surface: SurfacesOpt = None,
    provider: ProvidersOpt = None,
    fmt: FormatOpt = Format.table,
    sort: SortOpt = None,
    lang: LangOpt = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Write migration notices for entries retiring within DAYS, soonest first."""
    from modelsunset import commands

    sources = Sources(catalogue, overlay or ())
    days = within if within is not None else 90
    chosen = (surface or (), provider or ())
    _run(lambda s: commands.notices(s, sources, date, days, *chosen, fmt, sort), lang)


def calendar(
    date: DateOpt = None,
    within: CalendarWithinOpt = None,
    surface: SurfacesOpt = None,
    provider: ProvidersOpt = None,
    model: ModelsOpt = None,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Also retirements before the date.")
    ] = False,
    alarms: Annotated[
        str | None,
        typer.Option(
            "--alarms",
            metavar="DAYS,...",
            help="Reminders, in days before the day (default: 90,30,7,0; '': none).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the calendar to FILE, whole or not at all (default: stdout).",
            show_default=False,
        ),
    ] = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Write an iCalendar file (.ics) of retirements, one all-day event per model and surface.

    Floors ("not before" a day, no day set) are tentative events. Import the file into a
    calendar, again whenever the catalogue changes: events keep their UID, so they move.
    """
    from modelsunset import commands

    sources = Sources(catalogue, overlay or ())
    _run(
        lambda s: commands.calendar(
            s,
            sources,
            date,
            within,
            surface or (),
            provider or (),
            model or (),
            all_,
            alarms,
            output,
        )
    )


def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Catalogue files, layered in order [default: the catalogue in use].",
            show_default=False,
        ),
    ] = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Check catalogue files and say what is wrong, with file and line."""
    from modelsunset import commands

    _run(lambda s: commands.validate(s, Sources(catalogue, overlay or ()), files or ()))


def mcp(catalogue: CatalogueOpt = None, overlay: OverlayOpt = None) -> None:
    """Answer AI assistants: a Model Context Protocol server on stdin and stdout.

    Its tools are status, resolve, notices and check_model. It needs the mcp extra:
    pip install 'modelsunset\\[mcp]'.
    """
    from modelsunset.mcp_server import serve

    _run(lambda s: serve(s, Sources(catalogue, overlay or ())))


# Every command, in the order help lists them: (name, module, function). Those declared in
# other modules (with options of their own) are imported only when the command runs or
# when the whole app is needed (help, completion, a mistake).
_COMMANDS = (
    ("status", __name__, "status"),
    ("resolve", __name__, "resolve"),
    ("notices", __name__, "notices"),
    ("calendar", __name__, "calendar"),
    ("timeline", "modelsunset.views", "timeline"),
    ("changes", "modelsunset.views", "changes"),
    ("validate", __name__, "validate"),
    ("check", "modelsunset.check.cli", "check"),
    ("fix", "modelsunset.fix.cli", "fix"),
    ("mcp", __name__, "mcp"),
)
_whole: typer.Typer | None = None


def _app(names: frozenset[str] | None = None) -> typer.Typer:
    """An app with the commands ``names`` (None: all of them)."""
    import importlib

    built = _typer()
    built.callback()(main_options)
    for name, module, function in _COMMANDS:
        if names is None or name in names:
            built.command(name=name)(getattr(importlib.import_module(module), function))
    return built


def whole_app() -> typer.Typer:
    """The app with every command, built once."""
    global _whole
    if _whole is None:
        _whole = _app()
    return _whole


def __getattr__(name: str) -> typer.Typer:
    # ``modelsunset.cli.app``: the whole app, for tests and for anyone embedding it.
    if name == "app":
        return whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _only(args: list[str]) -> typer.Typer | None:
    """An app with just the command being run, when the arguments name one.

    Typer turns every registered command into a click command on each run (reading
    signatures and building options), and the commands declared elsewhere import their
    options: time that a run of one command does not need. Help, completion and mistakes
    still get the whole app.
    """
    from modelsunset.launch import completing

    if completing():
        return None
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name is None:
        # Only options (``--version``): no command is needed.
        return _app(frozenset()) if args and "--help" not in args and "-h" not in args else None
    if name not in {known for known, _, _ in _COMMANDS}:
        return None
    return _app(frozenset({name}))


def run_app(args: list[str]) -> None:
    """Typer reads ``args`` and runs the command they name (``launch.main`` calls it)."""
    (_only(args) or whole_app())(prog_name="modelsunset")


def main() -> None:
    """The ``modelsunset`` command in this process (``launch.main``), for tests and for
    anyone embedding it."""
    from modelsunset.launch import main as launched

    launched()
