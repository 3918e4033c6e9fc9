"""Text for people: one block per (model, surface) with its dates, successor and places.

Colour only when the command line says so; arrows in ASCII where the output cannot take
UTF-8. Control characters of file names and catalogue text are written out (``\x1b``),
and no line can read as a CI runner's command (``::`` at its start, ``##[`` anywhere:
see ``paths.inert``), whatever the names of the files hold.
"""

from __future__ import annotations

from modelsunset.check.paths import inert
from modelsunset.check.report import (
    Judgement,
    Level,
    Report,
    elsewhere_phrase,
    final_answer,
    manual_later,
)
from modelsunset.render import RenderContext
from modelsunset.render.check import groups, placed, summary, where
from modelsunset.render.common import (
    ERROR_STYLE,
    QUIET_STYLE,
    STRONG_STYLE,
    WARNING_STYLE,
    chain,
    paint,
)
from modelsunset.wording import days_phrase, model_label, plural, surface_name, visible

_INDENT = " " * 10


def _notes(judgement: Judgement, report: Report) -> list[str]:
    """The other surfaces where the model is retired or retiring, and the answer's own
    retirement."""
    lines: list[str] = []
    if judgement.elsewhere:
        places = "; ".join(elsewhere_phrase(item) for item in judgement.elsewhere)
        lines.append(f"{_INDENT}elsewhere: {places}")
    if judgement.answer is not None and judgement.answer_retires is not None:
        days = (judgement.answer_retires - report.on).days
        lines.append(
            f"{_INDENT}answer: {judgement.answer} itself retires "
            f"{judgement.answer_retires.isoformat()}, {days_phrase(days)}"
        )
    return lines


def render(report: Report, ctx: RenderContext) -> str:
    lines: list[str] = []
    for group in groups(report):
        judgement = group.judgement
        entry = judgement.entry
        level = group.level.value
        style = ERROR_STYLE if group.level is Level.ERROR else WARNING_STYLE
        label = paint(f"{level:<9}", style, ctx)
        name = model_label(report.catalogue, judgement.model.id)
        assert judgement.days_left is not None
        surface = surface_name(report.catalogue, entry.surface)
        if entry.retires is not None:
            verb = "retired" if judgement.days_left <= 0 else "retires"
            when = f"{verb} {entry.retires.isoformat()}"
        else:  # a floor: no date is set
            assert entry.not_before is not None
            when = f"may retire from {entry.not_before.isoformat()} (no date set yet)"
        if entry.derived_from is not None:
            when += f" (from {entry.derived_from})"
        lines.append(
            f"{label} {paint(name, STRONG_STYLE, ctx)} on {entry.surface} ({surface}): "
            f"{when}, {days_phrase(judgement.days_left)}"
        )
        if entry.fallback:
            lines.append(f"{_INDENT}fallback: {entry.fallback} (automatic)")
        elif entry.replacement:
            lines.append(f"{_INDENT}replacement: {entry.replacement} (not automatic: calls fail)")
        else:
            lines.append(f"{_INDENT}no successor named")
        final = final_answer(judgement)
        if entry.successor is not None and final.resolved != entry.successor:
            answer = final.resolved or "none available"
            manual = " (not automatic)" if manual_later(entry, final) else ""
            lines.append(f"{_INDENT}leads to: {answer} ({chain(final.chain, ctx)}){manual}")
        lines += _notes(judgement, report)
        if entry.note:
            # A note of several lines stays several lines, each indented.
            note = visible(entry.note.strip(), lines=True).replace("\n", "\n" + _INDENT)
            lines.append(_INDENT + paint(note, QUIET_STYLE, ctx))
        for finding in group.findings:
            lines.append(f"{_INDENT}{where(finding)}")
        lines.append("")
    if report.unknown:
        lines.append(
            paint("Model ids not in the catalogue", STRONG_STYLE, ctx)
            + " (not checked; an overlay can add them):"
        )
        width = max(len(item.match) for item in report.unknown)
        for item in report.unknown:
            line = f"  {item.match:<{width}}  {visible(item.path)}:{item.line}:{item.column}"
            if item.suggestions:
                line += "  (did you mean " + " or ".join(item.suggestions) + "?)"
            lines.append(line)
        lines.append("")
    if report.not_checked:
        lines.append(
            paint("Known ids not offered on the surface judged", STRONG_STYLE, ctx)
            + " (not checked):"
        )
        shown = [
            (
                visible(item.match),
                placed(item.path, item.line, item.column, item.match),
                f"on {item.surface}; offered on {', '.join(item.offered_on) or 'no surface'}",
            )
            for item in report.not_checked
        ]
        first = max(len(match) for match, _, _ in shown)
        second = max(len(place) for _, place, _ in shown)
        for match, place, offered in shown:
            lines.append(f"  {match:<{first}}  {place:<{second}}  {offered}")
        lines.append("")
    if not report.findings:
        surfaces = ", ".join(report.surfaces)
        lines.append(
            f"No retired model, and none retiring within {plural(report.warn_within, 'day')}, "
            f"on {surfaces} on {report.on.isoformat()}."
        )
    lines.append(f"{summary(report)} (on {report.on.isoformat()}).")
    # No line may read as a workflow command, whatever file names and catalogue text hold.
    return inert("\n".join(lines)) + "\n"
