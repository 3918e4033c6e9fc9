"""The changes for the terminal: one line per change, its kind first, in colour only when
the context says so."""

from __future__ import annotations

from modelsunset.changes import Kind, Report, counts
from modelsunset.render import RenderContext
from modelsunset.render.changes_text import describe, nothing, title
from modelsunset.render.common import STRONG_STYLE, paint
from modelsunset.wording import plural, visible

KIND_STYLE = {
    Kind.ADDED: "green",
    Kind.REMOVED: "red",
    Kind.RETRACTED: "cyan",
    Kind.EARLIER: "bold red",
    Kind.LATER: "yellow",
    Kind.SUCCESSOR: "magenta",
}
WIDTH = max(len(kind.value) for kind in Kind)


def changes(report: Report, ctx: RenderContext) -> str:
    heading = visible(title(report))
    if not report.changes:
        return f"{paint(heading, STRONG_STYLE, ctx)}\n{nothing(report)}\n"
    if report.since is not None:
        count = plural(len(report.changes), "retirement")
        lines = [paint(f"{heading}: {count}", STRONG_STYLE, ctx), ""]
    else:
        found = counts(report.changes)
        summary = ", ".join(f"{n} {kind.value}" for kind, n in found.items() if n)
        count = plural(len(report.changes), "change")
        lines = [paint(f"{heading}: {count}", STRONG_STYLE, ctx), summary, ""]
    for change in report.changes:
        kind = paint(change.kind.value.ljust(WIDTH), KIND_STYLE[change.kind], ctx)
        lines.append(f"{kind}  {visible(describe(change))}")
    return "\n".join(lines) + "\n"
