"""What the gate looks at and what it sets aside: ``--changed``, baselines and waivers.

``Gate.make`` reads ``--baseline``, ``--waivers``, the ``waivers`` of
``[tool.modelsunset]`` and, for ``--changed BASE``, the lines git says are new, before
any file is scanned (so that a bad file or revision is a usage error at once). Then:

* ``skip``: files never scanned: the baseline file and the waivers file (they name
  models, as the catalogue files do);
* ``keep``: the occurrences that count: with ``--changed``, only those on new or changed
  lines; never those in the ``[tool.modelsunset]`` table of ``pyproject.toml`` (a waiver
  names its model there);
* ``sort``: the report of the findings that still count, and what was set aside
  (``Aside``): waivers first (a finding a waiver covers is waived; one whose waiver has
  expired stays, and fails again whatever the baseline says), then the baseline (a
  finding it holds is baselined). With ``--write-baseline``, every finding is recorded
  first, so that all of them are baselined from now on.

Without any of these options the gate changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from modelsunset.errors import UsageError

if TYPE_CHECKING:
    from modelsunset.check import CheckFormat
    from modelsunset.check.baseline import Baseline
    from modelsunset.check.changed import Lines
    from modelsunset.check.config import Config
    from modelsunset.check.report import Finding, Report
    from modelsunset.check.scan import Occurrence
    from modelsunset.check.waivers import Waiver
    from modelsunset.model import Catalogue
    from modelsunset.render import RenderContext


class Asked(Protocol):
    """The options of ``check`` that the gate reads (``check.command.Request``)."""

    @property
    def baseline(self) -> str | None: ...
    @property
    def write_baseline(self) -> str | None: ...
    @property
    def waivers(self) -> str | None: ...
    @property
    def changed(self) -> str | None: ...


class Aside:
    """The findings set aside, and what to say about the files behind them."""

    __slots__ = ("baseline", "baselined", "expired", "on", "unused", "waived", "written")

    def __init__(self, on: date) -> None:
        self.on = on
        self.baseline: str | None = None  # the baseline file, if any
        self.baselined: list[Finding] = []
        self.unused = 0  # baseline entries that match nothing any more
        self.written: int | None = None  # places recorded, when this run wrote the baseline
        self.waived: list[tuple[Finding, Waiver]] = []
        self.expired: list[tuple[Finding, Waiver]] = []

    def __bool__(self) -> bool:
        return bool(self.baseline or self.waived or self.expired)


class Gate(NamedTuple):
    baseline: Baseline | None = None
    write_to: str | None = None
    waivers: Sequence[tuple[Waiver, str]] = ()
    changed: Lines | None = None
    skip: Sequence[str] = ()
    settings_lines: tuple[str, frozenset[int]] | None = None  # the [tool.modelsunset] table

    @classmethod
    def make(
        cls, asked: Asked, settings: Config, catalogue: Catalogue, paths: Sequence[str]
    ) -> Gate:
        # Each module imported only when its option is used: most runs use none.
        if asked.baseline is not None and asked.write_baseline is not None:
            raise UsageError(
                "--baseline and --write-baseline cannot be used together",
                hint="--write-baseline FILE records today's findings; --baseline FILE "
                "checks against them",
            )
        files = (
            ("--baseline", asked.baseline),
            ("--write-baseline", asked.write_baseline),
            ("--waivers", asked.waivers),
        )
        for option, value in files:
            if value is not None and not value.strip():
                raise UsageError(f"{option} is empty", hint="give a file, or leave it out")
        chosen = list(settings.waivers)
        table = None
        if chosen or asked.waivers:
            from modelsunset.check import waivers

            chosen += waivers.read(asked.waivers) if asked.waivers else ()
            if settings.file is not None and settings.waivers:
                table = (os.path.realpath(settings.file), waivers.table_lines(settings.file))
        recorded = None
        if asked.baseline is not None:
            from modelsunset.check import baseline as baselines

            recorded = baselines.read(asked.baseline)
        resolved: list[tuple[Waiver, str]] = []
        if chosen:
            resolved = waivers.resolved(chosen, catalogue)
        changed = None
        if asked.changed is not None:
            from modelsunset.check.changed import since

            changed = since(asked.changed, paths)
        return cls(
            recorded,
            asked.write_baseline,
            resolved,
            changed,
            [value for _, value in files if value is not None],
            table,
        )

    def keep(self, occurrences: list[Occurrence]) -> list[Occurrence]:
        """The occurrences that count (see the module)."""
        if self.changed is not None:
            occurrences = self.changed.only(occurrences)
        if self.settings_lines is not None:
            file, lines = self.settings_lines
            real: dict[str, str] = {}
            occurrences = [
                found
                for found in occurrences
                if found.line not in lines
                or real.setdefault(found.path, os.path.realpath(found.path)) != file
            ]
        return occurrences

    def sort(self, report: Report) -> tuple[Report, Aside | None]:
        if self.baseline is None and self.write_to is None and not self.waivers:
            return report, None
        from modelsunset.check import baseline as baselines
        from modelsunset.check import waivers

        aside = Aside(report.on)
        found = waivers.apply(report.findings, self.waivers, report.on)
        left, aside.waived, aside.expired = found
        recorded = self.baseline
        if self.write_to is not None:
            recorded = baselines.Baseline.of(report.findings, self.write_to)
            baselines.write(recorded)
            aside.written = sum(recorded.counts.values())
        if recorded is not None:
            aside.baseline = recorded.file
            aside.baselined = recorded.split(left)[1]
            aside.unused = recorded.split(report.findings)[2]  # waived ones count as used
        # What still counts, in the report's order: the findings set aside by nothing,
        # and those whose waiver has expired.
        gone = {id(finding) for finding in aside.baselined}
        gone.update(id(finding) for finding, _ in aside.waived)
        still = [finding for finding in report.findings if id(finding) not in gone]
        return report._replace(findings=still), aside


def shown(rendered: str, fmt: CheckFormat, report: Report, aside: Aside | None) -> str:
    """The output of a format, with what the gate set aside (if it set anything)."""
    if not aside:
        return rendered
    from modelsunset.render.check.aside import added

    return added(rendered, fmt, report, aside)


def shown_pieces(
    fmt: CheckFormat, report: Report, aside: Aside | None, ctx: RenderContext
) -> Iterator[str]:
    """The output of a format, with what the gate set aside, in pieces to write one after
    the other: ``shown``'s text, but JSON and SARIF are written a few thousand items at a
    time (never built whole: 110 MB of JSON, for 370,000 findings, held some 500 MB as one
    string) when the gate set nothing aside."""
    from modelsunset.check import CheckFormat
    from modelsunset.render import check_renderer

    if fmt is CheckFormat.json and not aside:
        from modelsunset.render.check.json import pieces

        yield from pieces(report)
        return
    if fmt is CheckFormat.sarif and not aside:
        from modelsunset.render.check import sarif

        yield from sarif.pieces(report, ctx)
        return
    yield shown(check_renderer(fmt).render(report, ctx), fmt, report, aside)


def notes(aside: Aside | None) -> list[str]:
    """What to say on stderr about what the gate set aside."""
    if not aside:
        return []
    from modelsunset.render.check import aside as render

    return render.notes(aside)
