"""Text for people: one block per (model, surface) with its dates, successor and places.

Colour (ANSI) only when the command line says so.
"""

from __future__ import annotations

from modelsunset.check.formats import Options, groups, summary, where
from modelsunset.check.report import Level, Report, chain_text, final_answer, manual_later
from modelsunset.wording import days_phrase, model_label, plural, surface_name, visible

_RED = "\033[1;31m"
_YELLOW = "\033[1;33m"
_DIM = "\033[2m"
_BOLD = "\033[1m"
_RESET = "\033[0m"
_INDENT = " " * 10


def _paint(text: str, style: str, options: Options) -> str:
    return f"{style}{text}{_RESET}" if options.colour else text


def render(report: Report, options: Options) -> str:
    lines: list[str] = []
    for group in groups(report):
        judgement = group.judgement
        entry = judgement.entry
        level = group.level.value
        style = _RED if group.level is Level.ERROR else _YELLOW
        label = _paint(f"{level:<9}", style, options)
        name = model_label(report.catalogue, judgement.model.id)
        assert entry.retires is not None and judgement.days_left is not None
        verb = "retired" if judgement.days_left <= 0 else "retires"
        surface = surface_name(report.catalogue, entry.surface)
        lines.append(
            f"{label} {_paint(name, _BOLD, options)} on {entry.surface} ({surface}): "
            f"{verb} {entry.retires.isoformat()}, {days_phrase(judgement.days_left)}"
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
            lines.append(f"{_INDENT}leads to: {answer} ({chain_text(final)}){manual}")
        if entry.note:
            lines.append(_INDENT + _paint(entry.note.strip(), _DIM, options))
        for finding in group.findings:
            lines.append(f"{_INDENT}{where(finding)}")
        lines.append("")
    if report.unknown:
        lines.append(
            _paint("Model ids not in the catalogue", _BOLD, options)
            + " (not checked; an overlay can add them):"
        )
        width = max(len(item.match) for item in report.unknown)
        for item in report.unknown:
            line = f"  {item.match:<{width}}  {visible(item.path)}:{item.line}:{item.column}"
            if item.suggestions:
                line += "  (did you mean " + " or ".join(item.suggestions) + "?)"
            lines.append(line)
        lines.append("")
    if not report.findings:
        surfaces = ", ".join(report.surfaces)
        lines.append(
            f"No retired model, and none retiring within {plural(report.warn_within, 'day')}, "
            f"on {surfaces} on {report.on.isoformat()}."
        )
    lines.append(f"{summary(report)} (on {report.on.isoformat()}).")
    return "\n".join(lines) + "\n"
