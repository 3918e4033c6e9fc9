"""What the formats of every command share: phrases, ASCII stand-ins, Markdown escaping and
the colours.

Colours are rich styles, named here once: tables hand them to rich's console, check's
text turns them into ANSI codes with rich's ``Style`` (imported only when there is
colour to draw). Where the output cannot take UTF-8 (``ascii_only``), arrows and bullets
are written in ASCII.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from modelsunset.i18n import Lang, day, day_count, days_from, messages
from modelsunset.model import Catalogue, Entry, Resolution, State
from modelsunset.render import RenderContext

# The colours (rich style names).
STATE_STYLE = {
    State.UPCOMING: "cyan",
    State.ACTIVE: "green",
    State.RETIRING: "yellow",
    State.RETIRED: "red",
}
ERROR_STYLE = "bold red"  # a retired model, an error-level finding
WARNING_STYLE = "bold yellow"  # a model retiring soon, a warning-level finding
STRONG_STYLE = "bold"  # headings, names, answers
MISSING_STYLE = "red"  # no answer
QUIET_STYLE = "dim"  # captions, sources, notes


def paint(text: str, style: str, ctx: RenderContext) -> str:
    """``text`` in ``style`` as ANSI codes when the output has colour, else as it is."""
    if not ctx.colour:
        return text
    from rich.color import ColorSystem
    from rich.style import Style

    return Style.parse(style).render(text, color_system=ColorSystem.STANDARD)


def arrow(ctx: RenderContext) -> str:
    """What stands between the steps of a chain."""
    return " -> " if ctx.ascii_only else " → "


def chain(names: Iterable[str], ctx: RenderContext) -> str:
    """``gpt-4o → gpt-5.2`` (``gpt-4o -> gpt-5.2`` in ASCII)."""
    return arrow(ctx).join(names)


def bullet(ctx: RenderContext) -> str:
    return "*" if ctx.ascii_only else "•"


def unknown_sentence(match: str, suggestions: Sequence[str]) -> str:
    """What check says of an id that is not in the catalogue."""
    text = f"{match} is not in the modelsunset catalogue, so its retirement was not checked."
    if suggestions:
        text += " Did you mean " + " or ".join(suggestions) + "?"
    return text


def days_text(days: int | None) -> str:
    return "" if days is None else str(days)


def end_text(entry: Entry, lang: Lang = Lang.en) -> str:
    """When the entry goes, for people: ``2026-02-13``, a floor as ``not before
    2027-01-22``, and a value taken from a version with it: ``2026-11-19 (from
    o3-2025-04-16)``; empty when nothing is scheduled."""
    words = messages(lang)
    if entry.retires is not None:
        text = day(lang, entry.retires)
    elif entry.not_before is not None:
        text = words.not_before.format(day=day(lang, entry.not_before))
    else:
        return ""
    if entry.derived_from is not None:
        text += words.derived.format(version=entry.derived_from)
    return text


def first_entry(item: Resolution, catalogue: Catalogue) -> Entry:
    """The entry a resolution starts from."""
    return catalogue.models[item.model].entries[item.surface]


def freshness(catalogue: Catalogue, today: date, lang: Lang = Lang.en) -> str:
    """ "catalogue updated 2026-11-25 (3 days ago)", for people's eyes only."""
    words = messages(lang)
    if catalogue.updated is None:
        return words.freshness_unknown
    age = (today - catalogue.updated).days
    return words.freshness.format(day=day(lang, catalogue.updated), when=days_from(lang, -age))


def notices_title(on: date, within: int, lang: Lang = Lang.en) -> str:
    return messages(lang).notices_title.format(day=day(lang, on), count=day_count(lang, within))


def no_notices(within: int, lang: Lang = Lang.en) -> str:
    return messages(lang).no_notices.format(count=day_count(lang, within))


def notice_day(day_of: date, left: int, floor: bool, lang: Lang) -> str:
    """A notices' day heading: ``2026-02-13 (in 12 days)``, a floor ``not before ...``."""
    words = messages(lang)
    heading = words.floor_heading if floor else words.day_heading
    return heading.format(day=day(lang, day_of), when=days_from(lang, left))


# Markdown (GitHub-flavoured).


def cell(value: object) -> str:
    """A table cell: backslashes and pipes escaped, line breaks as spaces."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def code(value: str | None) -> str:
    """An id or a place as code; as plain text when it holds a backtick, which would end
    the code (a file name may); nothing for nothing."""
    if not value:
        return ""
    return f"`{value}`" if "`" not in value else value


def code_cell(value: str) -> str:
    """A table cell of ``code(value)``. Inside code a backslash is itself (``\\x1b`` of a
    file name stays one backslash); only ``|`` is escaped, as GitHub's tables read it."""
    if "`" in value or "\n" in value:
        return cell(code(value))
    return code(value).replace("|", "\\|")
