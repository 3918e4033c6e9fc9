"""The options several commands share, as Typer declares them, with their completions
and the parser of ``--within``. Typer wiring only, as ``cli.py``: completions import
what they need when a shell asks."""

from typing import Annotated

import typer

from modelsunset.dates import Span, parse_span
from modelsunset.i18n import Lang
from modelsunset.model import Order
from modelsunset.render import Format


def complete_models(ctx: typer.Context, incomplete: str) -> list[str]:
    from modelsunset.completion import models

    return models(ctx.params, incomplete)


def complete_surfaces(ctx: typer.Context, incomplete: str) -> list[str]:
    from modelsunset.completion import surfaces

    return surfaces(ctx.params, incomplete)


def complete_providers(ctx: typer.Context, incomplete: str) -> list[str]:
    from modelsunset.completion import providers

    return providers(ctx.params, incomplete)


def span(text: str | Span) -> Span:
    """--within: 90, 90d, 12w, 3m or 1y."""
    if isinstance(text, Span):
        return text
    import re

    from modelsunset.errors import BadDate

    try:
        return parse_span(text)
    except BadDate as exc:
        if re.fullmatch("-[0-9]+", text.strip()):  # in click's words, as before spans
            raise typer.BadParameter(f"{text.strip()} is not in the range x>=0.") from None
        raise typer.BadParameter(f"{text!r} {exc.problem}; {exc.hint}") from None


CatalogueOpt = Annotated[
    str | None,
    typer.Option(
        "--catalogue",
        metavar="FILE",
        help="Use this catalogue instead of the bundled one (env: MODELSUNSET_CATALOGUE).",
        show_default=False,
    ),
]
OverlayOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--overlay",
        metavar="FILE",
        help="Layer this file on top (repeatable; env: MODELSUNSET_OVERLAY).",
        show_default=False,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        metavar="DATE",
        help=(
            "YYYY-MM-DD, 'today' or any date python-dateutil reads "
            "(default: MODELSUNSET_DATE, else today in UTC)."
        ),
        show_default=False,
    ),
]
SurfacesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--surface",
        "-s",
        metavar="SURFACE",
        help="Only this surface (repeatable).",
        show_default=False,
        autocompletion=complete_surfaces,
    ),
]
ProvidersOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--provider",
        "-p",
        metavar="PROVIDER",
        help="Only this provider (repeatable).",
        show_default=False,
        autocompletion=complete_providers,
    ),
]
SortOpt = Annotated[
    Order | None,
    typer.Option(
        "--sort",
        case_sensitive=False,
        help="Sort by retirement day, model or surface (default: the usual order).",
        show_default=False,
    ),
]
ModelsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--model",
        "-m",
        metavar="MODEL",
        help="Only this model: an id, alias or name (repeatable).",
        show_default=False,
        autocompletion=complete_models,
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]


def _within(help: str) -> typer.models.OptionInfo:
    """``--within DAYS``, as notices and calendar take it."""
    option: typer.models.OptionInfo = typer.Option(
        "--within", "-w", metavar="DAYS", parser=span, help=help, show_default=False
    )
    return option


NoticesWithinOpt = Annotated[
    Span | None, _within("Days ahead to look: 90, 90d, 12w, 3m or 1y (default: 90).")
]
CalendarWithinOpt = Annotated[
    Span | None, _within("Only retirements within DAYS: 90, 90d, 12w, 3m or 1y (default: all).")
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        case_sensitive=False,
        help="Language of the text (default: MODELSUNSET_LANG, else the locale's, else en).",
        show_default=False,
    ),
]


# check: what the gate sets aside, and which lines it looks at.
BaselineOpt = Annotated[
    str | None,
    typer.Option(
        "--baseline",
        metavar="FILE",
        help="Fail only on findings this baseline does not hold (see --write-baseline).",
        show_default=False,
    ),
]
WriteBaselineOpt = Annotated[
    str | None,
    typer.Option(
        "--write-baseline",
        metavar="FILE",
        help="Record today's findings in FILE (JSON), so that later runs fail only on new ones.",
        show_default=False,
    ),
]
WaiversOpt = Annotated[
    str | None,
    typer.Option(
        "--waivers",
        metavar="FILE",
        help="Waivers (TOML, or JSON): findings that do not fail until a day.",
        show_default=False,
    ),
]
MaxCatalogueAgeOpt = Annotated[
    int | None,
    typer.Option(
        "--max-catalogue-age",
        min=0,
        metavar="DAYS",
        help="Fail (exit 1) when the catalogue was last verified more than DAYS ago.",
        show_default=False,
    ),
]
ChangedOpt = Annotated[
    str | None,
    typer.Option(
        "--changed",
        metavar="BASE",
        help="Only lines added or changed since git revision BASE (for pull requests).",
        show_default=False,
    ),
]
