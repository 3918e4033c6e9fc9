"""The wording shared by notices, tables and check reports, in one place: English, or
the language asked for where a phrase takes one (its templates are in ``i18n``).

Pure: every phrase is built from catalogue values and the date it is about.
"""

from __future__ import annotations

from datetime import date

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
