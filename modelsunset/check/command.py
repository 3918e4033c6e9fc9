"""``modelsunset check``: the CI gate. Settings in, scan, judge, render, exit code out.

Precedence of settings: flags, then environment (``MODELSUNSET_CATALOGUE``,
``MODELSUNSET_OVERLAY``), then ``[tool.modelsunset]`` in pyproject.toml, then defaults.
``--exclude`` patterns are added to the file's ``exclude`` list.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from modelsunset.check import CheckFormat
from modelsunset.check import config as config_file
from modelsunset.check.kinds import DEFAULT as DEFAULT_KINDS
from modelsunset.check.kinds import Kind
from modelsunset.check.paths import inert
from modelsunset.check.scan import Stats
from modelsunset.check.signals import stopped_by_sigterm
from modelsunset.check.spool import into_file, whole, whole_encoded
from modelsunset.commands import Session, Sources, on_date
from modelsunset.errors import (
    EXIT_NEGATIVE,
    EXIT_OK,
    EXIT_USAGE,
    ModelsunsetError,
    UsageError,
)
from modelsunset.model import Catalogue
from modelsunset.wording import plural, quoted, visible

DEFAULT_SURFACE = "api"
DEFAULT_FAIL_WITHIN = 0
DEFAULT_WARN_WITHIN = 90


class Request(NamedTuple):
    """The options of one ``check`` run, as given on the command line (None: not given)."""

    paths: Sequence[str] = ()
    models: Sequence[str] = ()
    surfaces: Sequence[str] = ()
    when: str | None = None
    fail_within: int | None = None
    warn_within: int | None = None
    no_fail: bool = False
    fmt: CheckFormat = CheckFormat.text
    excludes: Sequence[str] = ()
    gitignore: bool = True
    progress: bool = False
    jobs: int | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    waivers: str | None = None
    changed: str | None = None
    kinds: Sequence[str] = ()  # as given: "code,config", possibly several times
    skip_unreadable: bool = False
    max_catalogue_age: int | None = None  # days: an older catalogue fails the gate


class _Progress:
    """A one-line count on stderr (a terminal) once a scan has taken over a second."""

    DELAY = 1.0
    EVERY = 0.2

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, stats: Stats) -> None:
        now = time.monotonic()
        if now - self.started < self.DELAY or now - self.drawn < self.EVERY:
            return
        self.drawn = now
        megabytes = stats.bytes / 1_000_000
        sys.stderr.write(f"\r\033[Kscanning: {stats.files} files, {megabytes:.0f} MB")
        sys.stderr.flush()

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _sources(sources: Sources, settings: config_file.Config) -> Sources:
    catalogue = sources.catalogue
    if catalogue is None and not os.environ.get("MODELSUNSET_CATALOGUE"):
        catalogue = settings.catalogue
    overlays = list(sources.overlays)
    if not overlays and not os.environ.get("MODELSUNSET_OVERLAY"):
        overlays = list(settings.overlays or ())
    return Sources(catalogue, overlays)


def run(session: Session, sources: Sources, request: Request) -> int:
    """``check``: exit 0, or 1 when an error-level finding remains (unless ``no_fail``)."""
    with stopped_by_sigterm():
        return _check(session, sources, request)


def _check(session: Session, sources: Sources, request: Request) -> int:
    from modelsunset import __version__
    from modelsunset.check import report, scan
    from modelsunset.check.gate import Gate, notes, shown, shown_pieces
    from modelsunset.check.match import Matcher
    from modelsunset.loading import load
    from modelsunset.names import NameIndex
    from modelsunset.render import RenderContext, check_renderer
    from modelsunset.wording import stale_warning

    _check_excludes(request.excludes)
    _check_jobs(request.jobs)
    settings = config_file.load()
    files = _sources(sources, settings).files()
    catalogue = load(files, note=session.err)
    on = on_date(request.when, session)
    if request.surfaces or not settings.surfaces:
        surfaces = _surfaces(catalogue, request.surfaces)
    else:
        surfaces = _surfaces(catalogue, settings.surfaces, settings.place())
    kinds = _kinds(request.kinds) if request.kinds else settings.kinds or DEFAULT_KINDS
    fail_within = _first(request.fail_within, settings.fail_within, DEFAULT_FAIL_WITHIN)
    warn_within = _first(request.warn_within, settings.warn_within, DEFAULT_WARN_WITHIN)
    index = NameIndex(catalogue.models, catalogue.surfaces)
    queries = []
    for name in request.models:
        located = index.find_found(name)
        queries.append(report.Query(name, located.model.id, located.surface))
    for query in queries:
        offered = catalogue.models[query.model].entries
        judged = [query.surface] if query.surface is not None else surfaces
        if not any(surface in offered for surface in judged):
            # Asked for by name, and nothing to check: say so rather than pass quietly.
            choose = "" if query.surface is not None else "; choose with --surface"
            warning = (
                f"warning: --model {query.name}: {query.model} is not offered on "
                f"{', '.join(judged)}, so it is not checked (it is offered on: "
                f"{', '.join(sorted(offered)) or 'no surface'}{choose})"
            )
            session.err(inert(visible(warning)))
    paths = list(request.paths) or ([] if request.models else ["."])
    gate = Gate.make(request, settings, catalogue, paths)
    occurrences: list[scan.Occurrence] = []
    stats = None
    if paths:
        progress = _Progress() if request.progress else None
        try:
            occurrences, stats = scan.scan(
                paths,
                # Every id and alias, surface aliases, and the surfaces' prefixes.
                Matcher.for_catalogue(catalogue),
                [*settings.exclude, *request.excludes],
                request.gitignore,
                _notes(session, request.skip_unreadable),
                progress,
                skip=[*files, *gate.skip],
                jobs=request.jobs or None,
                freeze=True,  # the command's process ends once its report is written
            )
        finally:
            if progress is not None:
                progress.close()
        _unreadable(stats, request.skip_unreadable)
    occurrences = gate.keep(occurrences)
    found = report.build(
        catalogue,
        on,
        surfaces,
        fail_within,
        warn_within,
        occurrences,
        queries,
        stats,
        kinds,
        freeze=True,
    )
    if request.skip_unreadable:
        found = found._replace(skip_unreadable=True)
    found, aside = gate.sort(found)
    ctx = RenderContext(
        on,
        session.today,
        catalogue,
        session.colour,
        session.width,
        session.ascii_only,
        __version__,
        lang=session.lang,
    )
    pieces = shown_pieces(request.fmt, found, aside, ctx)
    fd = session.out_file() if session.out_file is not None else None
    if fd is not None and session.out_encode is not None:
        into_file(map(session.out_encode, pieces), fd)  # all of it or nothing
    elif session.out_bytes is not None and session.out_encode is not None:
        for data in whole_encoded(pieces, session.out_encode):
            session.out_bytes(data)
    else:
        for piece in whole(pieces):
            session.out(piece)
    if request.fmt is CheckFormat.github:
        markdown = check_renderer(CheckFormat.markdown).render(found, ctx)
        _step_summary(shown(markdown, CheckFormat.markdown, found, aside), session)
    if request.fmt is CheckFormat.sarif:
        from modelsunset.render.check.sarif import MAX_RESULTS, result_count, too_many

        past = result_count(found) - MAX_RESULTS
        if past > 0:
            session.err(f"warning: {too_many(past)}")
    for line in notes(aside):
        session.err(line)
    too_old = _too_old(catalogue, session.today, request.max_catalogue_age)
    stale = stale_warning(catalogue, session.today)
    if too_old is not None:
        session.err(f"error: {too_old}")
    elif stale is not None:
        session.err(f"warning: {stale}")
    # Kept until the process ends (``launch.main_then_exit``), or the next check in it:
    # freed on the way out, the report of a dense 10 MB file would take 60 ms.
    _KEPT[:] = [(occurrences, found)]
    if (found.errors or too_old is not None) and not request.no_fail:
        return EXIT_NEGATIVE
    return EXIT_OK


_KEPT: list[object] = []


def _too_old(catalogue: Catalogue, today: date, most: int | None) -> str | None:
    """Why the catalogue is older than ``--max-catalogue-age`` allows (the gate fails:
    data that old cannot vouch for a clean result), or None."""
    from modelsunset.wording import catalogue_age

    if most is None:
        return None
    age = catalogue_age(catalogue, today)
    if age is None:
        return (
            "the catalogue names no `verified` or `updated` day, so its age cannot be judged "
            f"against --max-catalogue-age {most}"
        )
    days, what, day = age
    if days <= most:
        return None
    return (
        f"the catalogue was last {what} {day.isoformat()}, {plural(days, 'day')} ago: more than "
        f"--max-catalogue-age {most} allows (upgrade modelsunset, or use a fresher --catalogue)"
    )


def _check_excludes(patterns: Sequence[str]) -> None:
    """``--exclude`` patterns must be gitignore patterns that can be used (``!`` alone is
    not one, and Python cannot compile ``[z-a]``)."""
    from modelsunset.check.scan import pattern_problem

    for pattern in patterns:
        if not pattern.strip():
            raise UsageError("--exclude is empty", hint="give a pattern, or leave it out")
        problem = pattern_problem(pattern)
        if problem is not None:
            raise UsageError(
                f"--exclude {pattern!r} {problem}",
                hint="a pattern such as 'build/', '*.md' or '!keep.md'",
            )


class Unreadable(ModelsunsetError):
    """Files or folders among those asked for that cannot be read (exit 2): the gate does
    not pass over what it could not read, unless ``--skip-unreadable`` says it may (and
    not even then when nothing at all could be read)."""

    exit_code = EXIT_USAGE
    SHOWN = 20  # paths listed, at most

    def __init__(self, skipped: Sequence[tuple[str, str]], nothing_read: bool) -> None:
        count = len(skipped)
        what = "file or folder" if count == 1 else "files and folders"
        if nothing_read:
            message = f"nothing could be read: {plural(count, what, what)} cannot be read"
            hint = "fix their permissions, or name what can be read"
        else:
            gone = "it was" if count == 1 else "they were"
            message = f"{count} {what} asked for cannot be read, so {gone} not checked"
            hint = "fix their permissions, leave them out with --exclude, or pass "
            hint += "--skip-unreadable to check the rest"
        lines = [f"  {inert(visible(path))}: {reason}" for path, reason in skipped[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"  and {count - self.SHOWN} more")
        super().__init__(message + ":\n" + "\n".join(lines), hint=hint)


def _notes(session: Session, skip_unreadable: bool) -> Callable[[str], None]:
    """Where the scan's notes go: stderr, one line each whatever the names of the files
    they are about, and never a line the CI runner would read as a command. A file or
    folder that cannot be read is left to the error that lists them all, unless the run
    may skip it (``--skip-unreadable``), when the note warns of it."""
    from modelsunset.check.read import SKIPPED

    def note(text: str) -> None:
        if skip_unreadable or not text.startswith(SKIPPED):
            session.err(inert(visible(text)))

    return note


def _unreadable(stats: Stats | None, skip_unreadable: bool) -> None:
    if stats is None or not stats.skipped:
        return
    nothing_read = stats.files == 0 and stats.binary == 0
    if not skip_unreadable or nothing_read:
        raise Unreadable(stats.skipped, nothing_read)


def _kinds(values: Sequence[str]) -> tuple[Kind, ...]:
    """``--kinds code,config,docs,recorded,mocked`` (repeatable)."""
    from modelsunset.check.config import KINDS_HINT, kinds_problem
    from modelsunset.check.kinds import parse

    try:
        return parse(values)
    except ValueError as exc:
        raise UsageError(f"--kinds {kinds_problem(str(exc))}", hint=KINDS_HINT) from None


def _check_jobs(jobs: int | None) -> None:
    """``--jobs`` up to ``MAX_JOBS`` (more than ``PER_CORE`` per core are never started)."""
    from modelsunset.check.pool import MAX_JOBS, PER_CORE

    if jobs is not None and jobs > MAX_JOBS:
        raise UsageError(
            f"--jobs {jobs} is more than {MAX_JOBS}",
            hint=f"0 (the default): one process per core, at most 8; 1: none; "
            f"any N starts at most {PER_CORE} per core",
        )


def _surfaces(catalogue: Catalogue, asked: Sequence[str], origin: str | None = None) -> list[str]:
    """The surfaces to check, as catalogue ids, each once (default: ``api``). ``origin``
    names the configuration file they come from (for messages), None for ``--surface``."""
    from modelsunset.commands import usage_error
    from modelsunset.errors import UnknownName
    from modelsunset.names import find_key

    def unknown(name: str) -> str:
        message = f"unknown surface {quoted(name)}"
        return message if origin is None else f"{origin}: 'surfaces' names {message}"

    known = sorted(catalogue.surfaces)
    listed = f"its surfaces are {', '.join(known)}" if known else "it declares no surfaces"
    if not asked:
        try:
            return [find_key("surface", DEFAULT_SURFACE, catalogue.surfaces)]
        except UnknownName:
            raise UsageError(
                f"the default surface '{DEFAULT_SURFACE}' is not in this catalogue; {listed}",
                hint="choose with --surface S, or `surfaces` in [tool.modelsunset]",
            ) from None
    if not known:
        raise UsageError(f"{unknown(asked[0])}: this catalogue declares no surfaces")
    surfaces: list[str] = []
    for name in asked:
        try:
            surface = find_key("surface", name, catalogue.surfaces)
        except UnknownName as exc:
            raise UsageError(unknown(name), hint=usage_error(exc).hint) from None
        if surface not in surfaces:
            surfaces.append(surface)
    return surfaces


def _first(*values: int | None) -> int:
    for value in values:
        if value is not None:
            return value
    raise AssertionError("no default")


def _step_summary(markdown: str, session: Session) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    import stat

    try:
        # Without blocking: a pipe with no reader (or a device) would otherwise hold the
        # job forever after its findings were printed.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
        handle = os.open(target, flags, 0o666)
        with os.fdopen(handle, "a", encoding="utf-8") as out:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                session.err(
                    f"warning: GITHUB_STEP_SUMMARY ({target}) is not a regular file; "
                    "the summary is not written"
                )
                return
            out.write(markdown + "\n")
    except OSError as exc:
        session.err(f"warning: cannot append to GITHUB_STEP_SUMMARY ({target}): {exc.strerror}")
