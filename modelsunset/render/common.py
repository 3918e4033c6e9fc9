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
from modelsunset.wording import defused, inert
from modelsunset.wording import guarded as guarded  # for the formats

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


# What catalogues say, in the formats of status, resolve and notices. Catalogues are not
# trusted: whatever they hold, no line of output obeys it. Text is written with
# ``wording.defused`` (no control character, none that reorders or hides text, no
# ``##[``) and output is ``wording.guarded`` (no line that begins with ``::``), so that
# nothing restyles a terminal or is read as a GitHub workflow command.

_OLD_COMMAND = "##["


def text(value: object) -> str:
    """A value from a catalogue (or typed), as the text formats write it (``defused``);
    nothing for nothing."""
    return defused("" if value is None else str(value))


# Markdown (GitHub-flavoured).

_MARKDOWN = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "`": "\\`", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
)
_MARKDOWN_IN_CELL = str.maketrans(
    {"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;"}
)


def md_text(value: object, cell: bool = False) -> str:
    """A value as Markdown text: ``inert``, and ``\\``, ``|``, backticks, ``<``, ``>`` and
    ``&`` escaped, so that it can make no code span, no HTML and no new cell; ``##[`` and
    a leading ``::`` escaped too (they read the same). In a table cell (``cell``) whose
    whole text this is, a lone backtick opens nothing and is left as it is."""
    shown = inert("" if value is None else str(value))
    lone = cell and shown.count("`") == 1
    shown = shown.translate(_MARKDOWN_IN_CELL if lone else _MARKDOWN)
    if _OLD_COMMAND in shown:
        shown = shown.replace(_OLD_COMMAND, "#\\#[")
    rest = shown.lstrip()
    if rest.startswith("::"):
        shown = shown[: len(shown) - len(rest)] + "\\" + rest
    return shown


def md_code(value: str | None) -> str:
    """An id as code, in a table cell: as ``md_text`` where code would not hold it (a
    backtick ends it, a backslash cannot escape inside it: ``##[``), or where it is not
    plain (what ``inert`` writes out); nothing for nothing. A ``|`` is escaped, as
    GitHub's tables read it even in code."""
    if not value:
        return ""
    if "`" in value or _OLD_COMMAND in value or not value.isprintable():
        return md_text(value, cell=True)
    return f"`{value}`".replace("|", "\\|")


_URL_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&*+,-./:;=?@^_{}~"
)


def md_url(url: str) -> str:
    """A link's address with what could end it or change it (``(``, ``)``, ``<``, ``[``,
    blanks, quotes, backslashes, control and hidden characters) percent-encoded."""

    def safe(char: str) -> bool:
        return char in _URL_SAFE or (char > "\x7f" and char.isprintable())

    if all(safe(char) for char in url):
        return url
    return "".join(
        char if safe(char) else "".join(f"%{byte:02X}" for byte in char.encode(errors="replace"))
        for char in url
    )


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
