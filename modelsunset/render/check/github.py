"""GitHub Actions workflow commands: one ``::error``/``::warning`` line per finding, and
``::notice`` lines (never errors) for what a finding adds (the model retired elsewhere,
an answer that itself retires soon), for each unknown id and for each known id not
offered on the surface judged; a ``::warning`` for each file skipped as unreadable
(``--skip-unreadable``) and a ``::notice`` of what kinds of file were not counted;
escaped as the Actions runner expects (``%``, CR and LF
everywhere; ``:`` and ``,`` too in properties). GitHub turns them into annotations on
the lines of the pull request."""

from __future__ import annotations

from modelsunset.check.report import Finding, NotChecked, Report, Unknown, notes
from modelsunset.render import RenderContext
from modelsunset.render.check import left_out
from modelsunset.render.common import unknown_sentence
from modelsunset.wording import days_phrase, defused


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF as the runner reads them back; other
    control characters and the hidden ones written out, and ``##[`` defused (``wording``),
    so that a file name or a catalogue's text cannot restyle the log or forge a command."""
    shown = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return defused(shown)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    fields = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{kind}{' ' + fields if fields else ''}::{escape_data(message)}"


def _title(finding: Finding) -> str:
    judgement = finding.judgement
    days = judgement.days_left
    assert days is not None
    if judgement.entry.retires is None:
        verb = "may retire"  # a floor
    else:
        verb = "retired" if days <= 0 else "retires"
    return f"{judgement.model.id} {verb} {days_phrase(days)} ({judgement.entry.surface})"


def _finding(finding: Finding) -> str:
    return command(
        finding.level.value,
        finding.judgement.message,
        file=finding.path,
        line=finding.line,
        col=finding.column,
        title=_title(finding),
    )


def _unknown(item: Unknown) -> str:
    return command(
        "notice",
        unknown_sentence(item.match, item.suggestions),
        file=item.path,
        line=item.line,
        col=item.column,
        title=f"Unknown model id {item.match}",
    )


def _notes(finding: Finding, report: Report) -> list[str]:
    return [
        command(
            "notice",
            sentence,
            file=finding.path,
            line=finding.line,
            col=finding.column,
            title=f"More about {finding.model} ({finding.surface})",
        )
        for sentence in notes(finding.judgement, report.on)
    ]


def not_checked_sentence(item: NotChecked) -> str:
    offered = ", ".join(item.offered_on) or "no surface"
    name = item.match if item.match == item.model else f"{item.match} ({item.model})"
    return (
        f"{name} is not offered on {item.surface}, so its retirement was not checked there "
        f"(it is offered on {offered})."
    )


def _not_checked(item: NotChecked) -> str:
    return command(
        "notice",
        not_checked_sentence(item),
        file=item.path,
        line=item.line,
        col=item.column,
        title=f"Not checked: {item.model} on {item.surface}",
    )


def render(report: Report, ctx: RenderContext) -> str:
    lines: list[str] = []
    noted: set[tuple[str, str]] = set()
    for finding in report.findings:
        lines.append(_finding(finding))
        if (finding.model, finding.surface) not in noted:  # once per (model, surface)
            noted.add((finding.model, finding.surface))
            lines += _notes(finding, report)
    lines += [_unknown(item) for item in report.unknown]
    lines += [_not_checked(item) for item in report.not_checked]
    for path, reason in report.stats.skipped if report.stats is not None else ():
        # Only with --skip-unreadable: else the command stops before any report.
        sentence = f"{path} was not checked: {reason} (--skip-unreadable)."
        lines.append(command("warning", sentence, file=path, title="Not checked"))
    kinds = left_out(report)
    if kinds:
        lines.append(command("notice", kinds.lstrip("; ") + ".", title="Not counted"))
    return "".join(line + "\n" for line in lines)
