"""``modelsunset check``: the CI gate. Settings in, scan, judge, render, exit code out.

Precedence of settings: flags, then environment (``MODELSUNSET_CATALOGUE``,
``MODELSUNSET_OVERLAY``), then ``[tool.modelsunset]`` in pyproject.toml, then defaults.
``--exclude`` patterns are added to the file's ``exclude`` list.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from modelsunset.check import CheckFormat
from modelsunset.check import config as config_file
from modelsunset.check.pool import stopped_by_sigterm
from modelsunset.check.scan import Stats
from modelsunset.commands import Session, Sources, on_date
from modelsunset.errors import EXIT_NEGATIVE, EXIT_OK, UsageError
from modelsunset.model import Catalogue

DEFAULT_SURFACE = "api"
DEFAULT_FAIL_WITHIN = 0
DEFAULT_WARN_WITHIN = 90


@dataclass(frozen=True)
class Request:
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
    from modelsunset.check.gate import Gate, notes, shown
    from modelsunset.check.match import Matcher
    from modelsunset.loading import load
    from modelsunset.names import NameIndex
    from modelsunset.render import RenderContext, check_renderer
    from modelsunset.wording import stale_warning, visible

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
    fail_within = _first(request.fail_within, settings.fail_within, DEFAULT_FAIL_WITHIN)
    warn_within = _first(request.warn_within, settings.warn_within, DEFAULT_WARN_WITHIN)
    index = NameIndex(catalogue.models)
    queries = [(name, index.find(name).id) for name in request.models]
    for name, model_id in queries:
        offered = catalogue.models[model_id].entries
        if not any(surface in offered for surface in surfaces):
            # Asked for by name, and nothing to check: say so rather than pass quietly.
            session.err(
                f"warning: --model {name}: {model_id} is not offered on "
                f"{', '.join(surfaces)}, so it is not checked (it is offered on: "
                f"{', '.join(sorted(offered)) or 'no surface'}; choose with --surface)"
            )
    paths = list(request.paths) or ([] if request.models else ["."])
    gate = Gate.make(request, settings, catalogue, paths)
    occurrences: list[scan.Occurrence] = []
    stats = None
    if paths:
        # What to look for: every id, and every alias with the id it stands for.
        names = {**index.by_alias, **{model_id: model_id for model_id in catalogue.models}}
        progress = _Progress() if request.progress else None
        try:
            occurrences, stats = scan.scan(
                paths,
                Matcher.for_names(names),
                [*settings.exclude, *request.excludes],
                request.gitignore,
                # A note is one line, whatever the names of the files it is about.
                lambda text: session.err(visible(text)),
                progress,
                skip=[*files, *gate.skip],
                jobs=request.jobs or None,
            )
        finally:
            if progress is not None:
                progress.close()
    occurrences = gate.keep(occurrences)
    found = report.build(
        catalogue, on, surfaces, fail_within, warn_within, occurrences, queries, stats
    )
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
    session.out(shown(check_renderer(request.fmt).render(found, ctx), request.fmt, found, aside))
    if request.fmt is CheckFormat.github:
        markdown = check_renderer(CheckFormat.markdown).render(found, ctx)
        _step_summary(shown(markdown, CheckFormat.markdown, found, aside), session)
    for line in notes(aside):
        session.err(line)
    stale = stale_warning(catalogue, session.today)
    if stale is not None:
        session.err(f"warning: {stale}")
    if found.errors and not request.no_fail:
        return EXIT_NEGATIVE
    return EXIT_OK


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
        message = f"unknown surface '{name}'"
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
