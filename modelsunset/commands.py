"""The commands as plain functions: load, ask the core, render, return an exit code.

They take already-parsed options and a ``Session`` (the clock reading, the terminal facts
and the two streams), so they never look at the process themselves. ``cli.py`` wires
them to Typer. The core's domain errors are worded for the command line here
(``usage_error``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from modelsunset.errors import EXIT_NEGATIVE, EXIT_OK, DomainError, UsageError
from modelsunset.i18n import Lang
from modelsunset.model import Catalogue, Order, Resolution, State
from modelsunset.render import Format, RenderContext, renderer

if TYPE_CHECKING:
    from modelsunset.dates import Span


class Session(NamedTuple):
    """What a command may know about the world it runs in."""

    today: date
    colour: bool
    width: int | None
    out: Callable[[str], None]
    err: Callable[[str], None]
    # stdout cannot take UTF-8 (LANG=C, PYTHONIOENCODING=ascii): tables draw in ASCII.
    ascii_only: bool = False
    # MODELSUNSET_DATE could not be read: an error only where the date is needed (no
    # --date given); ``today`` is then the clock's.
    pinned_error: UsageError | None = None
    # stdout for bytes as they are (None: through ``out``, as UTF-8 text).
    out_bytes: Callable[[bytes], None] | None = None
    # Text as ``out`` would write it, encoded for ``out_bytes`` (None: write text with ``out``).
    out_encode: Callable[[str], bytes] | None = None
    # stdout's descriptor, if it is a regular file that output may go straight into.
    out_file: Callable[[], int | None] | None = None
    # The language of the text for people (--lang, else MODELSUNSET_LANG, else the locale).
    lang: Lang = Lang.en


class Sources(NamedTuple):
    """The catalogue files asked for on the command line (None/empty: the defaults)."""

    catalogue: str | None = None
    overlays: Sequence[str] = ()

    def files(self) -> list[str]:
        from modelsunset.loading import chosen_files

        return chosen_files(self.catalogue, self.overlays)

    def load(self, note: Callable[[str], None] | None = None) -> Catalogue:
        from modelsunset.loading import load

        return load(self.files(), note=note)


def usage_error(exc: DomainError, what: str = "--date") -> UsageError:
    """A domain error of the core, worded for the command line (exit 2). ``what`` names
    where a date came from."""
    from modelsunset.errors import AmbiguousName, BadDate, NotOffered, OnOneSurface, UnknownName
    from modelsunset.names import did_you_mean
    from modelsunset.wording import clipped

    if isinstance(exc, BadDate):
        return UsageError(exc.message(what), hint=exc.hint)
    if isinstance(exc, UnknownName):
        if exc.kind == "model":
            fallback = "`modelsunset status --all` lists every model"
        else:
            fallback = f"known {exc.kind}s: {', '.join(map(clipped, exc.known))}"
        return UsageError(str(exc), hint=did_you_mean(list(exc.suggestions)) or fallback)
    if isinstance(exc, AmbiguousName):
        return UsageError(str(exc), hint="ask for one of them by id")
    if isinstance(exc, OnOneSurface):
        return UsageError(
            str(exc),
            hint=f"leave --surface out, or ask for {clipped(exc.model)} on {clipped(exc.asked)}",
        )
    if isinstance(exc, NotOffered):
        offered = ", ".join(map(clipped, exc.offered))
        return UsageError(str(exc), hint=f"it is offered on: {offered or 'none'}")
    return UsageError(str(exc))


def on_date(text: str | None, session: Session) -> date:
    from modelsunset.dates import parse_date
    from modelsunset.errors import BadDate

    if text is None:
        if session.pinned_error is not None:
            raise session.pinned_error
        return session.today
    try:
        return parse_date(text, session.today)
    except BadDate as exc:
        raise usage_error(exc) from None


def days_ahead(within: Span | int, on: date) -> int:
    """``--within`` in days from the day asked (``3m``: to the same day 3 months later)."""
    return within if isinstance(within, int) else within.days(on)


def _context(catalogue: Catalogue, on: date, session: Session) -> RenderContext:
    return RenderContext(
        on=on,
        today=session.today,
        catalogue=catalogue,
        colour=session.colour,
        width=session.width,
        ascii_only=session.ascii_only,
        lang=session.lang,
    )


def _filters(
    catalogue: Catalogue, surfaces: Sequence[str], providers: Sequence[str]
) -> tuple[list[str], list[str]]:
    from modelsunset.names import find_key

    return (
        [find_key("surface", name, catalogue.surfaces) for name in surfaces],
        [find_key("provider", name, catalogue.providers) for name in providers],
    )


def status(
    session: Session,
    sources: Sources,
    when: str | None,
    surfaces: Sequence[str],
    providers: Sequence[str],
    include_all: bool,
    fmt: Format,
    order: Order | None = None,
) -> int:
    from modelsunset import resolver

    catalogue = sources.load(session.err)
    on = on_date(when, session)
    surface_ids, provider_ids = _filters(catalogue, surfaces, providers)
    rows = resolver.status(catalogue, on, surface_ids, provider_ids, include_all)
    if order is not None:
        rows.sort(key=resolver.sort_key(order))
    session.out(renderer(fmt).status(rows, _context(catalogue, on, session), all_rows=include_all))
    return EXIT_OK


def resolve(
    session: Session,
    sources: Sources,
    names: str | Sequence[str],
    surface: str | None,
    when: str | None,
    fmt: Format,
) -> int:
    """One model or several, in the order asked. Exit 1 when one of them has no available
    model: on the surface asked for or, without --surface, on any surface it is offered on.
    """
    from modelsunset import resolver
    from modelsunset.names import NameIndex, find_key

    catalogue = sources.load(session.err)
    on = on_date(when, session)
    asked = [names] if isinstance(names, str) else list(names)
    index = NameIndex(catalogue.models, catalogue.surfaces)
    # Models first, then the surface: an unknown model is reported before a surface.
    found = [index.find_found(name) for name in asked]
    surface_id = None if surface is None else find_key("surface", surface, catalogue.surfaces)
    groups = [
        resolver.resolve_name(catalogue, one, name, surface_id, on)
        for name, one in zip(asked, found, strict=True)
    ]
    ctx = _context(catalogue, on, session)
    session.out(_render_resolutions(groups, ctx, fmt, single=surface is not None))
    code = EXIT_OK
    for items in groups:
        if not any(item.resolved is not None for item in items):
            for item in items:
                session.err(_no_answer(catalogue, item, session.lang))
            code = EXIT_NEGATIVE
    return code


def _render_resolutions(
    groups: list[list[Resolution]], ctx: RenderContext, fmt: Format, single: bool
) -> str:
    """One model as ever (``single``: one --surface asked). Several: JSON and CSV list every
    answer, tables and markdown come one per model in the order asked, plain gives one
    line per answer (``render.plain.answers``)."""
    render = renderer(fmt)
    if len(groups) == 1:
        return render.resolutions(groups[0], ctx, single)
    if fmt is Format.plain:
        from modelsunset.render import plain

        return plain.answers(groups, single)
    if fmt in (Format.json, Format.csv):
        return render.resolutions([i for items in groups for i in items], ctx, False)
    return "\n".join(render.resolutions(items, ctx, single) for items in groups)


def _no_answer(catalogue: Catalogue, item: Resolution, lang: Lang) -> str:
    from modelsunset import i18n, resolver
    from modelsunset.wording import clipped

    words = i18n.messages(lang)
    last = item.chain[-1]
    entry = catalogue.models[last].entries[item.surface]
    state = resolver.state_on(entry, item.on)
    surface = clipped(item.surface)
    if entry.retires is not None and state is State.RETIRED:
        why = words.no_answer_retired.format(
            model=clipped(last), surface=surface, day=i18n.day(lang, entry.retires)
        )
    else:
        why = words.no_answer_state.format(
            model=clipped(last), state=i18n.state(lang, state), surface=surface
        )
    via = (
        words.no_answer_via.format(chain=" -> ".join(map(clipped, item.chain)))
        if len(item.chain) > 1
        else ""
    )
    return words.no_answer.format(
        model=clipped(item.model), surface=surface, day=i18n.day(lang, item.on), why=why, via=via
    )


def notices(
    session: Session,
    sources: Sources,
    when: str | None,
    within: Span | int,
    surfaces: Sequence[str],
    providers: Sequence[str],
    fmt: Format,
    order: Order | None = None,
) -> int:
    from modelsunset import resolver

    catalogue = sources.load(session.err)
    on = on_date(when, session)
    days = days_ahead(within, on)
    surface_ids, provider_ids = _filters(catalogue, surfaces, providers)
    found = resolver.notices(catalogue, on, days, surface_ids, provider_ids, session.lang)
    if order is not None:
        key = resolver.sort_key(order)
        found.sort(key=lambda notice: key(notice.row))
    session.out(renderer(fmt).notices(found, _context(catalogue, on, session), within=days))
    return EXIT_OK


def calendar(
    session: Session,
    sources: Sources,
    when: str | None,
    within: Span | int | None,
    surfaces: Sequence[str],
    providers: Sequence[str],
    models: Sequence[str],
    include_past: bool,
    alarms: str | None,
    output: str | None,
) -> int:
    """An iCalendar file of the retirements (and floors) chosen, on stdout or into
    ``output`` (written whole or not at all; ``-`` is stdout)."""
    from modelsunset import __version__, resolver
    from modelsunset import calendar as ical

    if output == "":
        raise UsageError("--output is empty", hint="give a file, or - for stdout")
    try:
        reminders = ical.DEFAULT_ALARMS if alarms is None else ical.parse_alarms(alarms)
    except ValueError as exc:
        from modelsunset.wording import quoted

        raise UsageError(
            f"--alarms {quoted(alarms or '')} {exc}",
            hint="days before the day, separated by commas, such as 90,30,7,0 (empty: none)",
        ) from None
    catalogue = sources.load(session.err)
    on = on_date(when, session)
    surface_ids, provider_ids = _filters(catalogue, surfaces, providers)
    rows = resolver.status(catalogue, on, surface_ids, provider_ids, include_all=True)
    if models:
        wanted = _models_asked(catalogue, models)
        rows = [r for r in rows if {(r.model.id, None), (r.model.id, r.entry.surface)} & wanted]
    days = None if within is None else days_ahead(within, on)
    chosen = ical.select(rows, on, days, past=include_past)
    options = ical.Options(stamp=catalogue.updated or on, version=__version__, alarms=reminders)
    data = ical.build(catalogue, chosen, options)
    if output is None or output == "-":
        if session.out_bytes is not None:
            session.out_bytes(data)
        else:
            session.out(data.decode("utf-8"))
        return EXIT_OK
    from modelsunset.errors import OutputError
    from modelsunset.files import write_atomic
    from modelsunset.wording import inert

    try:
        write_atomic(output, data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {inert(output)}: {exc.strerror or exc}",
            "give a regular file in a folder that exists and can be written to, or - for stdout",
        ) from None
    session.err(ical.written(len(chosen), output))
    return EXIT_OK


def _models_asked(catalogue: Catalogue, names: Sequence[str]) -> set[tuple[str, str | None]]:
    """(model id, None) for a model asked by name; (model id, surface) for a name that
    holds on one surface only (a surface alias, or a name after a surface's prefix)."""
    from modelsunset.names import NameIndex

    index = NameIndex(catalogue.models, catalogue.surfaces)
    wanted: set[tuple[str, str | None]] = set()
    for name in names:
        found = index.find_found(name)
        wanted.add((found.model.id, found.surface))
    return wanted


def validate(session: Session, sources: Sources, files: Sequence[str]) -> int:
    from modelsunset.loading import bundled_path, load, shown
    from modelsunset.render.common import freshness
    from modelsunset.wording import plural, stale_warning

    if files and sources.catalogue is not None:
        raise UsageError(
            "give the catalogue to check as FILE arguments or with --catalogue, not both",
            "modelsunset validate BASE.yaml OVERLAY.yaml, or --catalogue BASE.yaml --overlay ...",
        )
    if session.pinned_error is not None:  # its freshness line is about today
        raise session.pinned_error
    # FILE arguments are layered in order, then any --overlay on top of them.
    paths = [*files, *sources.overlays] if files else sources.files()
    # Always parsed: validating is checking the files themselves, never a cached copy.
    catalogue = load(paths, use_cache=False, note=session.err)
    bundled = str(bundled_path())
    from modelsunset.wording import inert

    names = ["the bundled catalogue" if path == bundled else inert(shown(path)) for path in paths]
    entries = [entry for model in catalogue.models.values() for entry in model.entries.values()]
    retiring = sum(1 for entry in entries if entry.retires is not None)
    unsourced = sum(1 for entry in entries if entry.retires is not None and not entry.source)
    lines = [
        f"ok: {' + '.join(names)}",
        f"{plural(len(catalogue.providers), 'provider')}, "
        f"{plural(len(catalogue.surfaces), 'surface')}, "
        f"{plural(len(catalogue.models), 'model')}, "
        f"{plural(len(entries), 'entry', 'entries')}, {retiring} with a retirement date",
        freshness(catalogue, session.today),
    ]
    session.out("\n".join(lines) + "\n")
    if unsourced:
        dates = plural(unsourced, "retirement date")
        session.err(f"warning: {dates} {'has' if unsourced == 1 else 'have'} no `source`")
    from modelsunset.derive import outlived

    pairs = {(e.model, e.surface): e for m in catalogue.models.values() for e in m.entries.values()}
    from modelsunset.wording import clipped

    for entry, last in outlived(pairs):
        assert last.retires is not None
        session.err(
            f"warning: {clipped(entry.model)} on {clipped(entry.surface)} never retires, but "
            f"every version it lists does (the last, {clipped(last.model)}, on "
            f"{last.retires.isoformat()}); give it `retires`, or remove its own value to take "
            "the versions' dates"
        )
    stale = stale_warning(catalogue, session.today)
    if stale:
        session.err(f"warning: {stale}")
    return EXIT_OK


def version_text() -> str:
    from modelsunset import __version__
    from modelsunset.errors import ModelsunsetError
    from modelsunset.loading import bundled_path, load

    try:
        catalogue = load([str(bundled_path())])
    except ModelsunsetError:
        return f"modelsunset {__version__} (bundled catalogue unreadable)"
    updated = catalogue.updated.isoformat() if catalogue.updated else "date unknown"
    return f"modelsunset {__version__} (bundled catalogue updated {updated})"
