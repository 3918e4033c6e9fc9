"""Text for people: one block per (model, surface) with its dates, successor and places.

Colour only when the command line says so; arrows in ASCII where the output cannot take
UTF-8. Control characters of file names and catalogue text are written out (``\x1b``),
and no line can read as a CI runner's command (``::`` at its start, ``##[`` anywhere:
see ``paths.inert``), whatever the names of the files hold.
"""

from __future__ import annotations

from modelsunset import i18n
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
from modelsunset.render.check import groups, placed, summary, tagged, where
from modelsunset.render.common import (
    ERROR_STYLE,
    QUIET_STYLE,
    STRONG_STYLE,
    WARNING_STYLE,
    chain,
    paint,
)
from modelsunset.wording import days_phrase, model_label, surface_name
from modelsunset.wording import inert as unhidden

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


def _wrap(line: str, ctx: RenderContext) -> str:
    """A line of people's text folded to the terminal's width, later lines indented under
    the first's text. Only at spaces: ids (``gpt-4o-2024-05-13``) and paths stay whole."""
    width = ctx.width or 0
    if width < 40 or len(line) <= width:
        return line
    import textwrap

    return textwrap.fill(
        line,
        width=width,
        subsequent_indent=_INDENT,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=True,
    )


def render(report: Report, ctx: RenderContext) -> str:
    lines: list[str] = []
    lang = ctx.lang
    words = i18n.messages(lang)
    for group in groups(report):
        judgement = group.judgement
        entry = judgement.entry
        error = group.level is Level.ERROR
        style = ERROR_STYLE if error else WARNING_STYLE
        label = paint(i18n.ljust(words.error if error else words.warning, 9), style, ctx)
        name = model_label(report.catalogue, judgement.model.id)
        assert judgement.days_left is not None
        surface = surface_name(report.catalogue, entry.surface)
        days = i18n.days_from(lang, judgement.days_left)
        if entry.retires is not None:
            # Past tense for the past only: a retirement after today is still to come, even
            # when the date checked is later still.
            gone = judgement.days_left <= 0 and entry.retires <= ctx.today
            verb = words.check_retired if gone else words.check_retires
            when = verb.format(day=i18n.day(lang, entry.retires))
            if judgement.days_left < 0 and not gone:
                days = words.check_before_asked.format(
                    n=-judgement.days_left, day=i18n.day(lang, report.on)
                )
        else:  # a floor: no date is set
            assert entry.not_before is not None
            when = words.check_may_retire.format(day=i18n.day(lang, entry.not_before))
        if entry.derived_from is not None:
            when += words.derived.format(version=entry.derived_from)
        head = words.check_head.format(
            level=label,
            name=paint(name, STRONG_STYLE, ctx),
            surface_id=entry.surface,
            surface=surface,
            when=when,
            days=days,
        )
        lines.append(_wrap(head, ctx))
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
        lines += [_wrap(line, ctx) for line in _notes(judgement, report)]
        if entry.note:
            # A note of several lines stays several lines, each indented.
            note = unhidden(entry.note.strip(), lines=True).replace("\n", "\n" + _INDENT)
            lines.append(_INDENT + paint(note, QUIET_STYLE, ctx))
        for finding in group.findings:
            lines.append(f"{_INDENT}{where(finding)}")
        lines.append("")
    if report.unknown:
        lines.append(paint(words.check_unknown_title, STRONG_STYLE, ctx) + words.check_unknown_hint)
        width = max(len(item.match) for item in report.unknown)
        for item in report.unknown:
            place = tagged(f"{unhidden(item.path)}:{item.line}:{item.column}", item.kind)
            line = f"  {item.match:<{width}}  {place}"
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
                unhidden(item.match),
                tagged(placed(item.path, item.line, item.column, item.match), item.kind),
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
        count = i18n.day_count(lang, report.warn_within)
        day = i18n.day(lang, report.on)
        lines.append(words.check_clean.format(count=count, surfaces=surfaces, day=day))
    lines.append(
        words.check_summary.format(summary=summary(report, lang), day=i18n.day(lang, report.on))
    )
    # No line may read as a workflow command, whatever file names and catalogue text hold.
    return inert("\n".join(lines)) + "\n"
