"""The ``changes`` command as a plain function: what changed between two catalogues, or
what the catalogue in use says was announced since a day (``changes.py`` compares)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from modelsunset.commands import Session, Sources, _context, usage_error
from modelsunset.errors import EXIT_OK, UsageError
from modelsunset.render.changes_formats import ChangesFormat


def changes(
    session: Session,
    sources: Sources,
    files: Sequence[str],
    since: str | None,
    fmt: ChangesFormat,
) -> int:
    """OLD against NEW (or one file against the catalogue in use), each with the overlays
    in use on top; or, with ``since``, the retirements the catalogue in use says were
    announced on or after that day."""
    from modelsunset import changes as diff
    from modelsunset.loading import bundled_path, load, shown
    from modelsunset.render.changes_formats import changes_renderer

    if (since is None) == (not files) or len(files) > 2:
        raise UsageError(
            "give two catalogues to compare (OLD NEW), one to compare with the catalogue in "
            "use, or --since DATE",
            "modelsunset changes old.yaml new.yaml, or modelsunset changes --since 2026-01-01",
        )
    if len(files) == 2 and sources.catalogue is not None:
        raise UsageError(
            "give the catalogues to compare as OLD NEW or with --catalogue, not both",
            "modelsunset changes OLD --catalogue NEW compares OLD with NEW",
        )
    in_use = sources.files()
    newest = files[1] if len(files) == 2 else in_use[0]
    if since is not None:
        new = load(in_use, note=session.err)
        day = _since(since, session)
        report = diff.Report(tuple(diff.announced_since(new, day)), since=day)
    else:
        old = load([files[0], *in_use[1:]], note=session.err)
        new = load([newest, *in_use[1:]], note=session.err)
        bundled = str(bundled_path())
        old_name, new_name = (
            diff.BUNDLED if f == bundled else shown(f) for f in (files[0], newest)
        )
        report = diff.Report(tuple(diff.compare(old, new)), old=old_name, new=new_name)
    session.out(changes_renderer(fmt).changes(report, _context(new, session.today, session)))
    return EXIT_OK


def _since(text: str, session: Session) -> date:
    from modelsunset.dates import parse_date
    from modelsunset.errors import BadDate

    try:
        return parse_date(text, session.today)
    except BadDate as exc:
        raise usage_error(exc, "--since") from None
