"""``modelsunset fix``: find ids as ``check`` does, plan the rewrites, show or make them.

The settings are ``check``'s (``[tool.modelsunset]``, ``--surface``, ``--date``,
``--exclude``, ``--catalogue``/``--overlay``), and so is the scan. stdout carries the
unified diff of the rewrites (a dry run, unless ``--write``); stderr the checklist of what
is left for people, and a summary. Exit 0 when done; 1 when ``--write`` could not write a
file (the others are written); 2 for usage; 3 for the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from modelsunset.commands import Session, Sources, on_date
from modelsunset.errors import EXIT_NEGATIVE, EXIT_OK

if TYPE_CHECKING:
    from modelsunset.fix.apply import Written
    from modelsunset.fix.plan import Edit, Plan


@dataclass(frozen=True)
class Request:
    """The options of one ``fix`` run (None or empty: not given)."""

    paths: Sequence[str] = ()
    surfaces: Sequence[str] = ()
    when: str | None = None
    excludes: Sequence[str] = ()
    write: bool = False
    only_automatic: bool = False
    gitignore: bool = True
    jobs: int | None = None


def run(session: Session, sources: Sources, request: Request) -> int:
    from modelsunset.check.signals import stopped_by_sigterm

    with stopped_by_sigterm():
        return _fix(session, sources, request)


def _fix(session: Session, sources: Sources, request: Request) -> int:
    from modelsunset.check import config as config_file
    from modelsunset.check import scan
    from modelsunset.check.command import (
        DEFAULT_FAIL_WITHIN,
        DEFAULT_WARN_WITHIN,
        _check_excludes,
        _first,
        _sources,
        _surfaces,
    )
    from modelsunset.check.match import Matcher
    from modelsunset.check.waivers import resolved
    from modelsunset.fix.apply import diff, rewritten
    from modelsunset.fix.plan import plan
    from modelsunset.fix.targets import Settings
    from modelsunset.loading import load
    from modelsunset.names import NameIndex
    from modelsunset.wording import stale_warning, visible

    _check_excludes(request.excludes)
    settings = config_file.load()
    files = _sources(sources, settings).files()
    catalogue = load(files, note=session.err)
    on = on_date(request.when, session)
    if request.surfaces or not settings.surfaces:
        surfaces = _surfaces(catalogue, request.surfaces)
    else:
        surfaces = _surfaces(catalogue, settings.surfaces, settings.place())
    index = NameIndex(catalogue.models)
    names = {**index.by_alias, **{model_id: model_id for model_id in catalogue.models}}
    occurrences, _ = scan.scan(
        list(request.paths) or ["."],
        Matcher.for_names(names),
        [*settings.exclude, *request.excludes],
        request.gitignore,
        lambda text: session.err(visible(text)),
        skip=files,
        jobs=request.jobs or None,
    )
    contents = _read({found.path for found in occurrences if found.model is not None})
    chosen = Settings(
        on=on,
        surfaces=surfaces,
        fail_within=_first(settings.fail_within, DEFAULT_FAIL_WITHIN),
        warn_within=_first(settings.warn_within, DEFAULT_WARN_WITHIN),
        only_automatic=request.only_automatic,
        waivers=resolved(settings.waivers, catalogue),
    )
    found = plan(catalogue, chosen, occurrences, contents)
    by_file: dict[str, list[Edit]] = {}
    for edit in found.edits:
        by_file.setdefault(edit.path, []).append(edit)
    for path in sorted(by_file):
        data = contents[path]
        assert data is not None
        _out(session, diff(path, data, rewritten(data, by_file[path])))
    written = (
        [_write(path, edits) for path, edits in sorted(by_file.items())] if request.write else []
    )
    for line in _checklist(found, written):
        session.err(line)
    failed = [done for done in written if done.error is not None]
    session.err(_summary(found, by_file, written, request.write))
    stale = stale_warning(catalogue, session.today)
    if stale is not None:
        session.err(f"warning: {stale}")
    return EXIT_NEGATIVE if failed else EXIT_OK


def _read(paths: set[str]) -> dict[str, bytes | None]:
    """The bytes of each file, or None for one that cannot be read now."""
    from modelsunset.files import read_regular

    contents: dict[str, bytes | None] = {}
    for path in sorted(paths):
        try:
            contents[path] = read_regular(path)
        except OSError:
            contents[path] = None
    return contents


def _write(path: str, edits: list[Edit]) -> Written:
    from modelsunset.fix.apply import write

    return write(path, edits)


def _out(session: Session, data: bytes) -> None:
    if session.out_bytes is not None:
        session.out_bytes(data)
    else:
        session.out(data.decode("utf-8", "replace"))


def _checklist(found: Plan, written: list[Written]) -> list[str]:
    """The lines of the checklist: what is left for people, and why."""
    from modelsunset.wording import plural, visible

    lines: list[str] = []
    for done in written:
        if done.error is not None:
            lines.append(f"error: {visible(done.path)}: {done.error}; nothing written to it")
        for edit in done.stale:
            lines.append(
                f"warning: {visible(edit.path)}:{edit.line}: the line changed since the "
                f"scan; {edit.old} is not rewritten there"
            )
    reasons: dict[str, list[str]] = {}
    for item in found.review:
        reasons.setdefault(item.reason, []).append(
            f"{visible(item.path)}:{item.line}:{item.column}"
        )
    if reasons:
        lines.append("To review by hand (not rewritten):")
        for reason in sorted(reasons):
            lines.append(f"  {reason}")
            lines += [f"      {place}" for place in reasons[reason]]
    if found.recorded:
        lines.append(
            "Left as they are (records of the past, names tested as patterns, "
            "modelsunset's own files):"
        )
        for path, (what, count) in sorted(found.recorded.items()):
            lines.append(f"  {visible(path)}: {what}, {plural(count, 'id')}")
    return lines


def _summary(
    found: Plan, by_file: dict[str, list[Edit]], written: list[Written], write: bool
) -> str:
    from modelsunset.wording import plural

    review = len(found.review)
    left = f"; {plural(review, 'place')} to review" if review else ""
    if not write:
        if not found.edits:
            return f"fix: nothing to rewrite{left}."
        return (
            f"fix: {plural(len(found.edits), 'id')} to rewrite in "
            f"{plural(len(by_file), 'file')}{left} (a dry run: --write makes the changes)."
        )
    made = sum(len(done.made) for done in written)
    files = sum(1 for done in written if done.made)
    text = f"fix: rewrote {plural(made, 'id')} in {plural(files, 'file')}{left}"
    failed = sum(1 for done in written if done.error is not None)
    if failed:
        text += f"; {plural(failed, 'file')} could not be written"
    return text + "."
