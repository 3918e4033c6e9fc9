"""Markdown for pull requests and job summaries (GitHub-flavoured tables); arrows in
ASCII where the output cannot take UTF-8.

With ``--format github`` the same text is appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from modelsunset.check.report import Report, final_answer, manual_later, notes
from modelsunset.render import RenderContext
from modelsunset.render.check import groups, placed, summary, where
from modelsunset.render.common import arrow, cell, chain, code, code_cell
from modelsunset.render.fields import iso
from modelsunset.wording import plural, successor_text, visible

MAX_PLACES = 10


def render(report: Report, ctx: RenderContext) -> str:
    lines = ["## Model retirements (modelsunset check)", ""]
    day = report.on.isoformat()
    lines.append(
        f"**{plural(report.errors, 'error')}**, {plural(report.warnings, 'warning')} on {day} "
        f"(surfaces: {', '.join(report.surfaces)}; errors: retired or retiring within "
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
            successor = successor_text(entry) or "none named"
            final = final_answer(judgement)
            if entry.successor is not None and final.resolved != entry.successor:
                successor += f"{arrow(ctx)}{final.resolved or 'none available'}"
                successor += f" ({chain(final.chain, ctx)})"
                if manual_later(entry, final):
                    successor += " (not automatic)"
            places = [code_cell(where(finding)) for finding in group.findings[:MAX_PLACES]]
            if len(group.findings) > MAX_PLACES:
                places.append(f"and {len(group.findings) - MAX_PLACES} more")
            cells = [
                cell(value)
                for value in (
                    group.level.value,
                    code(judgement.model.id),
                    entry.surface,
                    iso(entry.retires),
                    judgement.days_left,
                    successor,
                )
            ]
            cells.append("<br>".join(places))
            if noted:
                cells.append(cell(" ".join(notes(judgement, report.on))))
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
            place = code_cell(f"{visible(item.path)}:{item.line}")
            lines.append(
                f"| {cell(code(item.match))} | {place} | {cell(', '.join(item.suggestions))} |"
            )
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
                cell(code(unchecked.match)),
                cell(code(unchecked.model)),
                code_cell(placed(*where_found)),
                cell(unchecked.surface),
                cell(", ".join(unchecked.offered_on) or "no surface"),
            ]
            lines.append("| " + " | ".join(row) + " |")
        if len(report.not_checked) > MAX_PLACES * 5:
            lines.append(f"| and {len(report.not_checked) - MAX_PLACES * 5} more | | | | |")
        lines.append("")
    lines.append(f"_{summary(report)}._")
    return "\n".join(lines) + "\n"
