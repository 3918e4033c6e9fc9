"""The changes as Markdown, for the pull request that updates a catalogue or the team's
wiki: a heading per kind, one bullet per change, model ids as code."""

from __future__ import annotations

from itertools import groupby

from modelsunset.changes import BUNDLED, Report
from modelsunset.render import RenderContext
from modelsunset.render.changes_text import HEADINGS, describe, nothing, title
from modelsunset.render.common import code
from modelsunset.wording import visible


def _name(catalogue: str) -> str:
    return catalogue if catalogue == BUNDLED else code(catalogue)


def changes(report: Report, ctx: RenderContext) -> str:
    lines = [f"## {visible(title(report, _name))}", ""]
    if not report.changes:
        lines.append(nothing(report))
    for kind, group in groupby(report.changes, key=lambda c: c.kind):
        members = list(group)
        lines += [f"### {HEADINGS[kind.value]} ({len(members)})", ""]
        lines += [f"- {describe(change, code)}" for change in members]
        lines.append("")
    if lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
