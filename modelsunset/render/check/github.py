"""GitHub Actions workflow commands: one ``::error``/``::warning`` line per finding and
a ``::notice`` per unknown id, escaped as the Actions runner expects (``%``, CR and LF
everywhere; ``:`` and ``,`` too in properties). GitHub turns them into annotations on
the lines of the pull request."""

from __future__ import annotations

from modelsunset.check.report import Finding, Report, Unknown
from modelsunset.render import RenderContext
from modelsunset.render.common import unknown_sentence
from modelsunset.wording import days_phrase


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


def render(report: Report, ctx: RenderContext) -> str:
    lines = [_finding(finding) for finding in report.findings]
    lines += [_unknown(item) for item in report.unknown]
    return "".join(line + "\n" for line in lines)
