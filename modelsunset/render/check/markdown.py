"""Markdown for pull requests and job summaries (GitHub-flavoured tables); arrows in
ASCII where the output cannot take UTF-8.

With ``--format github`` the same text is appended to ``$GITHUB_STEP_SUMMARY``.

File names and catalogue text never become markup: as code (``text``), unless they hold
a backtick or a line break, where the code would end, or ``##[``, which a CI log would
read as a command; otherwise as text with backslashes, backticks, pipes and the other
characters that mark Markdown up escaped, and ``<``, ``>`` and ``&`` as HTML entities.
"""

from __future__ import annotations

from modelsunset.check.report import Report, final_answer, manual_later, notes
from modelsunset.render import RenderContext
from modelsunset.render.check import groups, placed, summary, tagged, where
from modelsunset.render.common import arrow, chain
from modelsunset.render.fields import iso
from modelsunset.wording import inert as unhidden
from modelsunset.wording import plural, successor_text

MAX_PLACES = 10
_ESCAPED = {ord(char): "\\" + char for char in "\\`*_[]|~"}
_ESCAPED.update({ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;"})
_ESCAPED.update({ord("\n"): " ", ord("\r"): " "})


def text(value: object) -> str:
    """A value as plain text in a table cell: nothing in it marks Markdown or HTML up."""
    return ("" if value is None else str(value)).translate(_ESCAPED)


def code(value: str | None) -> str:
    """A value as code in a table cell (``|`` escaped, as GitHub's tables read it), or as
    plain text where code cannot hold it."""
    if not value:
        return ""
    if "`" in value or "\n" in value or "\r" in value or "##[" in value:
        return text(value)
    return "`" + value.replace("|", "\\|") + "`"


def render(report: Report, ctx: RenderContext) -> str:
    lines = ["## Model retirements (modelsunset check)", ""]
    day = report.on.isoformat()
    lines.append(
        f"**{plural(report.errors, 'error')}**, {plural(report.warnings, 'warning')} on {day} "
        f"(surfaces: {text(', '.join(report.surfaces))}; errors: retired or retiring within "
        f"{plural(report.fail_within, 'day')}; warnings: within "
        f"{plural(report.warn_within, 'day')})."
    )
    lines.append("")
    found = groups(report)
    noted = any(notes(group.judgement, report.on) for group in found)
    if found:
        header = "| Level | Model | Surface | Retires | Days left | Successor | Where |"
        lines.append(header + (" Notes |" if noted else ""))
        lines.append("| --- | --- | --- | --- | --- | --- | --- |" + (" --- |" if noted else ""))
        for group in found:
            judgement = group.judgement
            entry = judgement.entry
            # Catalogue ids escaped one by one, the arrows between them not.
            successor = text(successor_text(entry) or "none named")
            final = final_answer(judgement)
            if entry.successor is not None and final.resolved != entry.successor:
                successor += f"{arrow(ctx)}{text(final.resolved or 'none available')}"
                successor += f" ({chain((text(step) for step in final.chain), ctx)})"
                if manual_later(entry, final):
                    successor += " (not automatic)"
            places = [code(where(finding)) for finding in group.findings[:MAX_PLACES]]
            if len(group.findings) > MAX_PLACES:
                places.append(f"and {len(group.findings) - MAX_PLACES} more")
            cells = [
                group.level.value,
                code(judgement.model.id),
                text(entry.surface),
                iso(entry.retires) or "",
                text(judgement.days_left),
                successor,
                "<br>".join(places),
            ]
            if noted:
                cells.append(text(" ".join(notes(judgement, report.on))))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    else:
        lines += ["No retired or retiring model found.", ""]
    if report.unknown:
        lines += [
            f"### {plural(len(report.unknown), 'model id')} not in the catalogue (not checked)",
            "",
            "| Id | Where | Did you mean |",
            "| --- | --- | --- |",
        ]
        for item in report.unknown[: MAX_PLACES * 5]:
            place = code(tagged(f"{unhidden(item.path)}:{item.line}", item.kind))
            lines.append(f"| {code(item.match)} | {place} | {text(', '.join(item.suggestions))} |")
        if len(report.unknown) > MAX_PLACES * 5:
            lines.append(f"| and {len(report.unknown) - MAX_PLACES * 5} more | | |")
        lines.append("")
    if report.not_checked:
        lines += [
            f"### {plural(len(report.not_checked), 'known id')} not offered on the surface "
            "judged (not checked)",
            "",
            "| Id | Model | Where | Judged on | Offered on |",
            "| --- | --- | --- | --- | --- |",
        ]
        for unchecked in report.not_checked[: MAX_PLACES * 5]:
            where_found = (unchecked.path, unchecked.line, unchecked.column, unchecked.match)
            row = [
                code(unhidden(unchecked.match)),
                code(unchecked.model),
                code(tagged(placed(*where_found), unchecked.kind)),
                text(unchecked.surface),
                text(", ".join(unchecked.offered_on) or "no surface"),
            ]
            lines.append("| " + " | ".join(row) + " |")
        if len(report.not_checked) > MAX_PLACES * 5:
            lines.append(f"| and {len(report.not_checked) - MAX_PLACES * 5} more | | | | |")
        lines.append("")
    lines.append(f"_{summary(report)}._")
    return "\n".join(lines) + "\n"
