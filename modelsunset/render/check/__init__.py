"""Output formats of ``check``: one module per format, each with ``render(report, ctx)``
returning a string (``modelsunset.render.CheckRenderer``; ``check_renderer`` imports a
module only when its format is asked for), and what the formats for people share."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from modelsunset.check.kinds import Kind
from modelsunset.check.report import Finding, Judgement, LeftOut, Level, Report
from modelsunset.i18n import Lang, count, messages
from modelsunset.wording import inert as unhidden


class Group(NamedTuple):
    """The findings of one (model, surface) pair."""

    judgement: Judgement
    findings: tuple[Finding, ...]

    @property
    def level(self) -> Level:
        return self.judgement.level


def groups(report: Report) -> list[Group]:
    """Findings by (model, surface): errors first, then soonest retirement (a floor alone
    after every retirement day), then by id."""
    found: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.findings:
        found.setdefault((finding.model, finding.surface), []).append(finding)
    result = [Group(items[0].judgement, tuple(items)) for items in found.values()]
    result.sort(
        key=lambda group: (
            group.level is not Level.ERROR,
            # A floor alone (``not_before``, no retirement day) after every day.
            group.judgement.entry.retires is None,
            group.judgement.entry.retires or date.min,
            group.judgement.model.id,
            report.order(group.judgement.entry.surface),
        )
    )
    return result


def placed(path: str | None, line: int | None, column: int | None, match: str) -> str:
    """``src/app.py:3:12``, or ``--model NAME`` for what names no file. Control characters
    of the path are written out (see ``wording.inert``)."""
    if path is None:
        return f"--model {unhidden(match)}"
    return f"{unhidden(path)}:{line}:{column}"


_LEFT_OUT_BY_DEFAULT = frozenset({Kind.RECORDED, Kind.MOCKED, Kind.PATTERN})


def where(finding: Finding) -> str:
    """``src/app.py:3:12``, or ``--model ID`` for a finding that names no file; the name
    found follows in brackets when it is an alias rather than the id, and ``[recorded]``,
    ``[mocked]`` or ``[pattern]`` when it is of a kind left out by default (``--kinds``).
    Control characters of the path are written out (see ``wording.inert``)."""
    place = placed(finding.path, finding.line, finding.column, finding.match)
    if finding.path is not None and finding.match != finding.model:
        place += f" ({unhidden(finding.match)})"
    return tagged(place, finding.kind)


def tagged(place: str, kind: Kind | None) -> str:
    """``place``, with ``[recorded]``, ``[mocked]`` or ``[pattern]`` after it when what was
    found there is of a kind left out by default (listed since ``--kinds`` asked for it)."""
    if kind in _LEFT_OUT_BY_DEFAULT:
        return f"{place} [{kind.value}]"
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
    if report.not_checked:
        known = count(words.known_one, words.known_many, len(report.not_checked))
        text += words.check_not_checked.format(known=known)
    if report.stats is not None:
        scanned = count(words.files_one, words.files_many, report.stats.files)
        text += words.check_scanned.format(files=scanned)
        if report.stats.skipped:
            skipped = len(report.stats.skipped)
            if report.skip_unreadable:
                text += words.check_unreadable_skipped.format(n=skipped)
            else:
                text += words.check_skipped.format(n=skipped)
    return text + left_out(report, lang)


def left_out(report: Report, lang: Lang = Lang.en) -> str:
    """``; 12 findings in recorded files not counted (--kinds to include them)``, and what
    names tested as patterns hold; or "" when nothing was found in what was left out."""
    kinds = [kind for kind, counts in report.left_out.items() if _any(counts)]
    words = messages(lang)
    files = [kind for kind in kinds if kind is not Kind.PATTERN]
    text = ""
    if files:
        what = _counted([report.left_out[kind] for kind in files], lang)
        where = words.joined.join(kind.value for kind in files)
        text += words.check_left_out.format(what=what, kinds=where)
    if Kind.PATTERN in kinds:
        what = _counted([report.left_out[Kind.PATTERN]], lang)
        text += words.check_patterns.format(what=what)
    return text


def _counted(counts: list[LeftOut], lang: Lang) -> str:
    """``12 findings, 2 not checked``: what ``counts`` hold between them."""
    words = messages(lang)
    findings = sum(each.findings for each in counts)
    unknown = sum(each.unknown for each in counts)
    unchecked = sum(each.not_checked for each in counts)
    what = [count(words.findings_one, words.findings_many, findings)]
    if unknown:
        what.append(count(words.unknown_one, words.unknown_many, unknown))
    if unchecked:
        what.append(words.check_not_checked_count.format(n=unchecked))
    return words.listed.join(what)


def _any(counts: LeftOut) -> bool:
    return bool(counts.findings or counts.unknown or counts.not_checked)
