"""The ``check`` command as Typer declares it (Typer wiring only, as ``modelsunset.cli``,
which registers it beside the other commands). Kept apart so that the other commands
never import check's options."""

from typing import Annotated

import typer

from modelsunset.check import CheckFormat
from modelsunset.check.options import (
    CheckFormatOpt,
    CheckModelsOpt,
    CheckSurfacesOpt,
    ExcludeOpt,
    FailWithinOpt,
    JobsOpt,
    KindsOpt,
    NoFailOpt,
    NoGitignoreOpt,
    SkipUnreadableOpt,
    WarnWithinOpt,
)
from modelsunset.options import (
    BaselineOpt,
    CatalogueOpt,
    ChangedOpt,
    DateOpt,
    LangOpt,
    MaxCatalogueAgeOpt,
    OverlayOpt,
    WaiversOpt,
    WriteBaselineOpt,
)


def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files and folders to scan (default: . unless --model is given).",
            show_default=False,
        ),
    ] = None,
    model: CheckModelsOpt = None,
    surface: CheckSurfacesOpt = None,
    date: DateOpt = None,
    fail_within: FailWithinOpt = None,
    warn_within: WarnWithinOpt = None,
    no_fail: NoFailOpt = False,
    fmt: CheckFormatOpt = CheckFormat.text,
    exclude: ExcludeOpt = None,
    no_gitignore: NoGitignoreOpt = False,
    jobs: JobsOpt = 0,
    kinds: KindsOpt = None,
    skip_unreadable: SkipUnreadableOpt = False,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    waivers: WaiversOpt = None,
    changed: ChangedOpt = None,
    max_catalogue_age: MaxCatalogueAgeOpt = None,
    lang: LangOpt = None,
    catalogue: CatalogueOpt = None,
    overlay: OverlayOpt = None,
) -> None:
    """Find retired and retiring models named in files (the CI gate).

    Exit 1 when a finding at error level remains, unless --no-fail. Settings may also
    live in the tool.modelsunset table of pyproject.toml (see docs/ci.md).
    """
    from modelsunset.check.argv import Args, invoke

    given = Args(
        paths=tuple(paths or ()),
        model=tuple(model or ()),
        surface=tuple(surface or ()),
        date=date,
        fail_within=fail_within,
        warn_within=warn_within,
        no_fail=no_fail,
        fmt=fmt,
        exclude=tuple(exclude or ()),
        no_gitignore=no_gitignore,
        jobs=jobs,
        kinds=tuple(kinds or ()),
        skip_unreadable=skip_unreadable,
        baseline=baseline,
        write_baseline=write_baseline,
        waivers=waivers,
        changed=changed,
        max_catalogue_age=max_catalogue_age,
        lang=lang,
        catalogue=catalogue,
        overlay=tuple(overlay or ()),
    )
    raise typer.Exit(invoke(given))
