"""Output formats of ``check``: one module per format, each with ``render(report, ctx)``
returning a string (``modelsunset.render.CheckRenderer``; ``check_renderer`` imports a
module only when its format is asked for), and what the formats for people share."""

from __future__ import annotations

from dataclasses import dataclass

from modelsunset.check.kinds import Kind
from modelsunset.check.report import Finding, Judgement, LeftOut, Level, Report
from modelsunset.wording import plural, visible


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
    result = [Group(items[0].judgement, tuple(items)) for items in found.values()]
    result.sort(
        key=lambda group: (
            group.level is not Level.ERROR,
            group.judgement.entry.retires,
            group.judgement.model.id,
            report.order(group.judgement.entry.surface),
        )
    )
    return result


def placed(path: str | None, line: int | None, column: int | None, match: str) -> str:
    """``src/app.py:3:12``, or ``--model NAME`` for what names no file. Control characters
    of the path are written out (see ``visible``)."""
    if path is None:
        return f"--model {visible(match)}"
    return f"{visible(path)}:{line}:{column}"


def where(finding: Finding) -> str:
    """``src/app.py:3:12``, or ``--model ID`` for a finding that names no file; the name
    found follows in brackets when it is an alias rather than the id, and ``[recorded]``
    when the file is a recorded one (``--kinds``). Control characters of the path are
    written out (see ``visible``)."""
    place = placed(finding.path, finding.line, finding.column, finding.match)
    if finding.path is not None and finding.match != finding.model:
        place += f" ({visible(finding.match)})"
    if finding.kind is Kind.RECORDED:
        place += " [recorded]"
    return place


def summary(report: Report) -> str:
    """``1 error, 2 warnings in 2 files (14 files scanned)``."""
    text = f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
    files = {finding.path for finding in report.findings if finding.path is not None}
    if files:
        text += f" in {plural(len(files), 'file')}"
    if report.unknown:
        text += f"; {plural(len(report.unknown), 'unknown id')} (not checked)"
    if report.not_checked:
        text += (
            f"; {plural(len(report.not_checked), 'known id')} not offered on the surface "
            "judged (not checked)"
        )
    if report.stats is not None:
        text += f"; {plural(report.stats.files, 'file')} scanned"
        if report.stats.skipped:
            count = len(report.stats.skipped)
            if report.skip_unreadable:
                text += f", {count} unreadable skipped (--skip-unreadable)"
            else:
                text += f", {count} skipped"
    aside = left_out(report)
    if aside:
        text += f"; {aside}"
    return text


def left_out(report: Report) -> str | None:
    """``12 findings in recorded files not counted (--kinds to include them)``, or None
    when nothing was found in the files of the kinds left out."""
    kinds = [kind for kind, counts in report.left_out.items() if _any(counts)]
    if not kinds:
        return None
    findings = sum(report.left_out[kind].findings for kind in kinds)
    unknown = sum(report.left_out[kind].unknown for kind in kinds)
    unchecked = sum(report.left_out[kind].not_checked for kind in kinds)
    what = [plural(findings, "finding")]
    if unknown:
        what.append(plural(unknown, "unknown id"))
    if unchecked:
        what.append(f"{unchecked} not checked")
    where = " and ".join(kind.value for kind in kinds)
    return f"{', '.join(what)} in {where} files not counted (--kinds to include them)"


def _any(counts: LeftOut) -> bool:
    return bool(counts.findings or counts.unknown or counts.not_checked)
