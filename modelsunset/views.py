"""Typer wiring of the two planning views, ``timeline`` and ``changes``, as ``cli.py`` wires
the other commands (which registers these two): options in, a command function called,
its exit code out through ``cli._run``. Kept apart so that ``cli.py`` stays short."""

from typing import Annotated

import typer

from modelsunset.options import (
    CatalogueOpt,
    DateOpt,
    ModelsOpt,
    OverlayOpt,
    ProvidersOpt,
    SurfacesOpt,
)
from modelsunset.render.changes_formats import ChangesFormat
from modelsunset.render.timeline_formats import TimelineFormat


def _day_option(name: str, default: str) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(
        name,
        metavar="DATE",
        help=f"A date as --date takes it (default: {default}).",
        show_default=False,
    )
    return option


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE, whole or not at all (default: stdout).",
        show_default=False,
    ),
]


def timeline(
    date: DateOpt = None,
    start: Annotated[str | None, _day_option("--from", "6 months before --date")] = None,
    end: Annotated[str | None, _day_option("--to", "12 months after --date")] = None,
    surface: SurfacesOpt = None,
    provider: ProvidersOpt = None,
    model: ModelsOpt = None,
    fmt: Annotated[
        TimelineFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table (the terminal), svg or html (self-contained files for a wiki).",
        ),
    ] = TimelineFormat.table,
    output: OutputOpt = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Draw when each model is available on each surface and when it retires, over a range.

    One bar per model and surface, grouped by provider; the date asked is marked. A floor
    ("not before" a day, no date set) fades out after the day.
    """
    from modelsunset.cli import _run
    from modelsunset.commands import Sources
    from modelsunset.timeline_command import Request, run

    request = Request(
        when=date,
        start=start,
        end=end,
        surfaces=surface or (),
        providers=provider or (),
        models=model or (),
        fmt=fmt,
        output=output,
    )
    _run(lambda s: run(s, Sources(catalogue, overlay or ()), request))


def changes(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD [NEW]]",
            help=(
                "Catalogues to compare, each a file or URL as --catalogue takes it "
                "(NEW left out: the catalogue in use)."
            ),
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="Instead: retirements announced on or after DATE (a date as --date takes it).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ChangesFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
    ] = ChangesFormat.table,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Say what changed between two catalogues: models, retirements, days and successors.

    The overlays in use are layered on both. With --since, list the retirements the
    catalogue in use says were announced on or after a day.
    """
    from modelsunset import commands
    from modelsunset.cli import _run

    sources = commands.Sources(catalogue, overlay or ())
    from modelsunset.changes_command import changes as run_changes

    _run(lambda s: run_changes(s, sources, files or (), since, fmt))
