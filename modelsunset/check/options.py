"""The options of ``check``, as Typer declares them (Typer wiring only, as ``cli.py``;
imported by it alone, so nothing else pays for Typer)."""

from typing import Annotated

import typer

from modelsunset.check import CheckFormat
from modelsunset.options import complete_models, complete_surfaces

CheckModelsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        "-m",
        metavar="ID",
        help="Check this model id or name too, without scanning for it (repeatable).",
        show_default=False,
        autocompletion=complete_models,
    ),
]
CheckSurfacesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--surface",
        "-s",
        metavar="SURFACE",
        help="Check on this surface (repeatable; default: api, or pyproject.toml).",
        show_default=False,
        autocompletion=complete_surfaces,
    ),
]
FailWithinOpt = Annotated[
    int | None,
    typer.Option(
        "--fail-within",
        min=0,
        metavar="DAYS",
        help="Error (exit 1) for models retiring within DAYS (default: 0).",
        show_default=False,
    ),
]
WarnWithinOpt = Annotated[
    int | None,
    typer.Option(
        "--warn-within",
        min=0,
        metavar="DAYS",
        help="Warn about models retiring within DAYS (default: 90).",
        show_default=False,
    ),
]
NoFailOpt = Annotated[bool, typer.Option("--no-fail", help="Exit 0 even when errors are found.")]
CheckFormatOpt = Annotated[
    CheckFormat,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format (github: workflow annotations; sarif: code scanning).",
    ),
]
ExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        "-e",
        metavar="GLOB",
        help="Skip paths matching this gitignore-style pattern (repeatable).",
        show_default=False,
    ),
]
NoGitignoreOpt = Annotated[
    bool, typer.Option("--no-gitignore", help="Scan files that .gitignore names too.")
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        metavar="N",
        help=(
            "Processes that read files in big trees (0: one per core, at most 8; 1: none; "
            "at most 256, and never more than 4 per core)."
        ),
    ),
]
KindsOpt = Annotated[
    list[str] | None,
    typer.Option(
        metavar="KINDS",
        help="What findings count: code,config,docs,recorded,mocked,pattern "
        "(default: code,config,docs).",
        show_default=False,
    ),
]
SkipUnreadableOpt = Annotated[
    bool,
    typer.Option(
        "--skip-unreadable",
        help="Check the rest when files or folders cannot be read (else exit 2).",
    ),
]
