"""Output formats of ``check``: one module per format, each with ``render(report, ctx)``
returning a string (``modelsunset.render.CheckRenderer``; ``check_renderer`` imports a
module only when its format is asked for), and what the formats for people share."""

from __future__ import annotations

from dataclasses import dataclass

from modelsunset.check.report import Finding, Judgement, Level, Report
from modelsunset.i18n import Lang, count, messages
from modelsunset.wording import visible


@dataclass(frozen=True, slots=True)
class Group:
    """The findings of one (model, surface) pair."""

    judgement: Judgement
    findings: tuple[Finding, ...]

    @property
    def level(self) -> Level:
        return self.judgement.level


def groups(report: Report) -> list[Group]:
    """Findings by (model, surface): errors first, then soonest retirement, then by id."""
    found: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.findings:
        found.setdefault((finding.model, finding.surface), []).append(finding)
    order = {surface: number for number, surface in enumerate(report.surfaces)}
    result = [Group(items[0].judgement, tuple(items)) for items in found.values()]
    result.sort(
        key=lambda group: (
            group.level is not Level.ERROR,
            group.judgement.entry.retires,
            group.judgement.model.id,
            order.get(group.judgement.entry.surface, 0),
        )
    )
    return result


def where(finding: Finding) -> str:
    """``src/app.py:3:12``, or ``--model ID`` for a finding that names no file; the name
    found follows in brackets when it is an alias rather than the id. Control characters
    of the path are written out (see ``visible``)."""
    if finding.path is None:
        return f"--model {finding.match}"
    place = f"{visible(finding.path)}:{finding.line}:{finding.column}"
    if finding.match != finding.model:
        place += f" ({finding.match})"
    return place


def summary(report: Report, lang: Lang = Lang.en) -> str:
    """``1 error, 2 warnings in 2 files (14 files scanned)``."""
    words = messages(lang)
    text = words.check_counts.format(
        errors=count(words.errors_one, words.errors_many, report.errors),
        warnings=count(words.warnings_one, words.warnings_many, report.warnings),
    )
    files = {finding.path for finding in report.findings if finding.path is not None}
    if files:
        text += words.check_in_files.format(
            files=count(words.files_one, words.files_many, len(files))
        )
    if report.unknown:
        unknown = count(words.unknown_one, words.unknown_many, len(report.unknown))
        text += words.check_unknown.format(unknown=unknown)
    if report.stats is not None:
        scanned = count(words.files_one, words.files_many, report.stats.files)
        text += words.check_scanned.format(files=scanned)
        if report.stats.skipped:
            text += words.check_skipped.format(n=len(report.stats.skipped))
    return text
