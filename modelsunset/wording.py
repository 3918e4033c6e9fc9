"""The wording shared by notices, tables and check reports, in one place: English, or
the language asked for where a phrase takes one (its templates are in ``i18n``).

Pure: every phrase is built from catalogue values and the date it is about.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from modelsunset.i18n import Lang, day, days_from, messages
from modelsunset.model import Catalogue, Entry

STALE_AFTER_DAYS = 60  # a catalogue whose sources were read longer ago gets a warning


# C0 and C1 control characters and DEL, written out (``\x1b``, ``\n``) wherever text that
# came from outside (a file name, an id someone typed) is shown: shown, never obeyed.
_WRITTEN_OUT = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_WRITTEN_OUT.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_WRITTEN_OUT_BUT_LINES = {
    code: text for code, text in _WRITTEN_OUT.items() if code not in (ord("\n"), ord("\t"))
}


def visible(text: str, lines: bool = False) -> str:
    """``text`` with its control characters written out, so that it cannot restyle the
    terminal or forge a line; with ``lines``, line breaks and tabs stay (a message of
    several lines). Other characters, ``é`` or ``→``, are left as they are."""
    return text.translate(_WRITTEN_OUT_BUT_LINES if lines else _WRITTEN_OUT)


# Characters that are not seen but change what is: the bidirectional embeddings, overrides
# and isolates (U+202A to U+202E, U+2066 to U+2069) reorder the text around them, and the
# marks (U+200E, U+200F, U+061C) with them; zero-width spaces and joiners, the word joiner
# and the byte order mark (U+200B to U+200D, U+2060, U+FEFF) hide a difference between two
# names; line and paragraph separators (U+2028, U+2029) break lines for some readers.
HIDDEN = (0x061C, *range(0x200B, 0x2010), 0x2028, 0x2029, *range(0x202A, 0x202F), 0x2060)
HIDDEN += (*range(0x2066, 0x206A), 0xFEFF)
# And the rest of Unicode's default-ignorable characters, which show nothing either: the
# soft hyphen, the combining grapheme joiner, the Hangul and Khmer fillers, the Mongolian
# and other variation selectors, the deprecated format characters, interlinear
# annotation marks, musical formatting marks and the tag characters.
HIDDEN += (0x00AD, 0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164)
HIDDEN += (*range(0x2061, 0x2065), *range(0x206A, 0x2070), *range(0xFE00, 0xFE10), 0xFFA0)
HIDDEN += (*range(0xFFF0, 0xFFFC), *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE1000))


@cache
def _inert_tables() -> tuple[dict[int, str], dict[int, str]]:
    """What ``inert`` writes for each character, without and with ``lines``: made when
    first needed (its 4,300 entries take a millisecond, and most texts are plain ASCII)."""
    # ``\\u202e``; beyond U+FFFF ``\\U000e0041``, as Python writes them.
    hidden = {code: f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}" for code in HIDDEN}
    return {**_WRITTEN_OUT, **hidden}, {**_WRITTEN_OUT_BUT_LINES, **hidden}


def inert(text: str, lines: bool = False) -> str:
    """``text`` as ``visible`` writes it, with the characters of ``HIDDEN`` written out
    too (``\\u202e``): what is shown is what is there, in the order it is there."""
    if text.isascii() and text.isprintable():  # no control character: most texts
        return text
    return text.translate(_inert_tables()[lines])


# GitHub Actions reads a line of a job's log that begins (after blanks) with ``::``, and
# any line that holds ``##[``, as a workflow command (an annotation, a masked value, a
# group). Nothing from outside may make one, on stdout or stderr.
_OLD_COMMAND = "##["


def defused(text: str, lines: bool = False) -> str:
    """``text`` as ``inert`` writes it, with the second ``#`` of ``##[`` written out too
    (``#\\x23[``): a value from outside, as text formats and messages show it."""
    shown = inert(text, lines)
    return shown.replace(_OLD_COMMAND, "#\\x23[") if _OLD_COMMAND in shown else shown


def guarded(output: str, colon: str = "\\x3a") -> str:
    """``output`` with the first colon of any line that begins (after blanks) with ``::``
    written as ``colon``: such a line would be a workflow command. (A value that wraps
    onto a line of its own in a table, or follows a line break in a message, can begin
    one.)"""
    if "::" not in output:
        return output
    lines = output.split("\n")
    for number, line in enumerate(lines):
        rest = line.lstrip()
        if rest.startswith("::"):
            start = len(line) - len(rest)
            lines[number] = line[:start] + colon + line[start + 1 :]
    return "\n".join(lines)


QUOTED_LIMIT = 60  # characters of a value from outside that a message shows, at most


def clipped(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``text`` as ``defused`` writes it, cut to at most ``limit`` characters (ending in
    ``...`` where it is cut, and never inside a written-out character): a message shows
    a value from outside (a name typed, a catalogue's value, a file's line) without
    being flooded by it."""
    if len(text) <= limit:
        shown = defused(text)
        if len(shown) <= limit:
            return shown
    kept: list[str] = []
    size = 0
    for place, char in enumerate(text[:limit]):
        piece = inert(char)
        if char == "#" and place and text.startswith(_OLD_COMMAND, place - 1):
            piece = "\\x23"
        if size + len(piece) > limit - 3:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "..."


def quoted(text: str, limit: int = QUOTED_LIMIT) -> str:
    """``'text'`` as ``clipped`` writes it: how messages quote a value from outside."""
    return f"'{clipped(text, limit)}'"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``; ``many`` where the plural is not word + s."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def days_phrase(days: int) -> str:
    """``today``, ``in 1 day``, ``in 12 days``, ``1 day ago``, ``215 days ago``."""
    return days_from(Lang.en, days)


def model_label(catalogue: Catalogue, model_id: str) -> str:
    """``GPT-4o (gpt-4o)``, or the id alone when the name adds nothing."""
    model = catalogue.models.get(model_id)
    if model is None or model.name == model_id:
        return model_id
    return f"{model.name} ({model_id})"


def surface_name(catalogue: Catalogue, surface: str) -> str:
    found = catalogue.surfaces.get(surface)
    return found.name if found is not None else surface


def successor_text(entry: Entry) -> str:
    """``gpt-5.2 (automatic)``, ``gpt-4.1``, or empty when none is named."""
    if entry.fallback:
        return f"{entry.fallback} (automatic)"
    return entry.replacement or ""


def retirement_sentence(catalogue: Catalogue, entry: Entry, on: date, lang: Lang = Lang.en) -> str:
    """What happens to a model on a surface, when, and what to use instead, as of ``on``,
    in ``lang``.

    "GPT-4o (gpt-4o) retires from ChatGPT on 2026-02-13 (in 12 days). GPT-5.2 (gpt-5.2)
    takes its place automatically." The entry must have ``retires`` or a floor
    (``not_before``: see ``floor_sentence``).
    """
    if entry.retires is None:
        return floor_sentence(catalogue, entry, on, lang)
    words = messages(lang)
    days = (entry.retires - on).days
    gone = days <= 0
    text = (words.retired if days < 0 else words.retires).format(
        model=model_label(catalogue, entry.model),
        surface=surface_name(catalogue, entry.surface),
        day=day(lang, entry.retires),
        when=days_from(lang, days),
    )
    if entry.fallback is not None:
        # Said the same way for every surface: ChatGPT moves conversations, Azure upgrades
        # deployments, the Gemini API routes calls.
        took = words.took_place if days < 0 else words.takes_place
        then = took.format(successor=model_label(catalogue, entry.fallback))
    elif entry.replacement is not None:
        fail = words.calls_fail if gone else words.calls_will_fail
        then = fail.format(replacement=entry.replacement)
    else:
        then = words.no_successor if gone else words.no_successor_yet
    return text + words.gap + then


def floor_sentence(catalogue: Catalogue, entry: Entry, on: date, lang: Lang = Lang.en) -> str:
    """A floor is not a retirement: "Claude Sonnet 4 (claude-sonnet-4-0) may retire from
    Developer API from 2027-05-14 (in 164 days); no date is set yet." The entry must have
    ``not_before``."""
    assert entry.not_before is not None
    words = messages(lang)
    days = (entry.not_before - on).days
    text = words.may_retire.format(
        model=model_label(catalogue, entry.model),
        surface=surface_name(catalogue, entry.surface),
        day=day(lang, entry.not_before),
        when=days_from(lang, days),
    )
    if entry.fallback is not None:
        then = words.would_move.format(successor=model_label(catalogue, entry.fallback))
        text += words.gap + then
    elif entry.replacement is not None:
        text += words.gap + words.recommended.format(replacement=entry.replacement)
    return text


def catalogue_age(catalogue: Catalogue, today: date) -> tuple[int, str, date] | None:
    """How old the catalogue's data is on ``today``: (days, which date, the date), from
    ``verified`` (format 2: every source re-read), else ``updated``; None without either."""
    if catalogue.verified is not None:
        return (today - catalogue.verified).days, "verified", catalogue.verified
    if catalogue.updated is not None:
        return (today - catalogue.updated).days, "updated", catalogue.updated
    return None


def stale_warning(catalogue: Catalogue, today: date) -> str | None:
    """A warning when the catalogue was last checked against its sources more than
    ``STALE_AFTER_DAYS`` days before ``today``, else None. The day is ``verified`` (format
    2: every source re-read), else ``updated`` (the content last changed); the warning
    names which."""
    if catalogue.verified is not None:
        day, what = catalogue.verified, "verified"
    elif catalogue.updated is not None:
        day, what = catalogue.updated, "updated"
    else:
        return None
    age = (today - day).days
    if age <= STALE_AFTER_DAYS:
        return None
    return (
        f"the catalogue was last {what} {day.isoformat()}, {age} days ago; "
        "newer retirements may be missing (pip install --upgrade modelsunset, "
        "or use a fresher --catalogue)"
    )
