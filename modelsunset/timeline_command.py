"""``modelsunset timeline``: the options read, the rows chosen as ``status --all`` chooses
them, the timeline built (``timeline.build``) and drawn, on stdout or into a file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from modelsunset.commands import Session, Sources
from modelsunset.errors import EXIT_OK, UsageError
from modelsunset.render.timeline_formats import TimelineFormat

BEFORE_MONTHS = 6  # the default range: from this many months before the day asked
AFTER_MONTHS = 12  # to this many after it


class Request(NamedTuple):
    when: str | None = None  # --date
    start: str | None = None  # --from
    end: str | None = None  # --to
    surfaces: Sequence[str] = ()
    providers: Sequence[str] = ()
    models: Sequence[str] = ()
    fmt: TimelineFormat = TimelineFormat.table
    output: str | None = None


def months_from(day: date, count: int) -> date:
    """``day`` moved by ``count`` months (to the month's last day where it is shorter),
    held within the calendar."""
    from dateutil.relativedelta import relativedelta

    try:
        return day + relativedelta(months=count)
    except (OverflowError, ValueError):
        return date.min if count < 0 else date.max


def _day(text: str | None, what: str, session: Session) -> date | None:
    from modelsunset.commands import usage_error
    from modelsunset.dates import parse_date
    from modelsunset.errors import BadDate

    if text is None:
        return None
    try:
        return parse_date(text, session.today)
    except BadDate as exc:
        raise usage_error(exc, what) from None


def range_of(request: Request, on: date, session: Session) -> tuple[date, date]:
    """The first and last days drawn: ``--from`` and ``--to``, or 6 months before and 12
    after the day asked."""
    start = _day(request.start, "--from", session) or months_from(on, -BEFORE_MONTHS)
    end = _day(request.end, "--to", session) or months_from(on, AFTER_MONTHS)
    if start >= end:
        raise UsageError(
            f"--from {start.isoformat()} is not before --to {end.isoformat()}",
            "give a range whose first day comes before its last",
        )
    return start, end


def run(session: Session, sources: Sources, request: Request) -> int:
    from modelsunset import resolver
    from modelsunset.commands import _context, _filters, _models_asked, on_date
    from modelsunset.render.timeline_formats import timeline_renderer
    from modelsunset.timeline import build

    if request.output == "":
        raise UsageError("--output is empty", hint="give a file, or - for stdout")
    catalogue = sources.load(session.err)
    on = on_date(request.when, session)
    start, end = range_of(request, on, session)
    surface_ids, provider_ids = _filters(catalogue, request.surfaces, request.providers)
    rows = resolver.status(catalogue, on, surface_ids, provider_ids, include_all=True)
    if request.models:
        wanted = _models_asked(catalogue, request.models)
        rows = [r for r in rows if {(r.model.id, None), (r.model.id, r.entry.surface)} & wanted]
    names = {key: provider.name for key, provider in catalogue.providers.items()}
    drawn = build(rows, start, end, on, names)
    to_file = request.output is not None and request.output != "-"
    ctx = _context(catalogue, on, session)
    if to_file:  # a file is UTF-8, and no terminal: no colour
        ctx = ctx._replace(colour=False, ascii_only=False)
    text = timeline_renderer(request.fmt).timeline(drawn, ctx)
    if not to_file:
        session.out(text)
        return EXIT_OK
    assert request.output is not None
    from modelsunset.errors import OutputError
    from modelsunset.files import write_atomic
    from modelsunset.wording import inert, plural

    try:
        write_atomic(request.output, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(
            f"cannot write {inert(request.output)}: {exc.strerror or exc}",
            "give a regular file in a folder that exists and can be written to, or - for stdout",
        ) from None
    session.err(
        f"timeline of {plural(len(drawn.rows), 'entry', 'entries')} "
        f"written to {inert(request.output)}"
    )
    return EXIT_OK
