"""The ``fix`` command as Typer declares it (Typer wiring only, as ``modelsunset.cli``);
``cli.py`` registers it beside the other commands."""

from typing import Annotated

import typer

from modelsunset.options import (
    CatalogueOpt,
    DateOpt,
    ExcludeOpt,
    JobsOpt,
    NoGitignoreOpt,
    OverlayOpt,
    complete_surfaces,
)


def fix(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files and folders to rewrite (default: .).",
            show_default=False,
        ),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Make the changes (default: print the diff only).")
    ] = False,
    surface: Annotated[
        list[str] | None,
        typer.Option(
            "--surface",
            "-s",
            metavar="SURFACE",
            help="Where the code calls the models (repeatable; default: api, or pyproject.toml).",
            show_default=False,
            autocompletion=complete_surfaces,
        ),
    ] = None,
    date: DateOpt = None,
    only_automatic: Annotated[
        bool,
        typer.Option(
            "--only-automatic",
            help="Rewrite only moves made of fallbacks; replacements go to the checklist.",
        ),
    ] = False,
    exclude: ExcludeOpt = None,
    no_gitignore: NoGitignoreOpt = False,
    jobs: JobsOpt = 0,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Rewrite retired and retiring model ids to what answers for them, where that is a drop-in.

    A dry run by default: the unified diff goes to stdout, the checklist of what is left
    for review to stderr. --write makes the changes (exit 1 if a file cannot be written).
    """
    from modelsunset.cli import _run
    from modelsunset.commands import Sources
    from modelsunset.fix.command import Request, run

    request = Request(
        paths=paths or (),
        surfaces=surface or (),
        when=date,
        excludes=exclude or (),
        write=write,
        only_automatic=only_automatic,
        gitignore=not no_gitignore,
        jobs=jobs,
    )
    _run(lambda s: run(s, Sources(catalogue, overlay or ()), request))
