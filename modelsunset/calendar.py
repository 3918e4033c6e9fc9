"""Retirements as an iCalendar file (RFC 5545), for a calendar people already look at.

Pure: rows and options in, the file's bytes out (built with the ``icalendar`` library,
imported only here). One all-day event per (model, surface) entry with a retirement day
or a floor:

- ``UID`` comes from the model id and the surface id alone, so that a calendar that
  imports the file again (or subscribes to it) moves an event whose day moved rather
  than adding a second one.
- A retirement is ``CONFIRMED`` on its ``retires`` day; a floor (``not_before``: "not
  before this day", no day set) is ``TENTATIVE`` on its floor, "may retire".
- ``DTSTAMP`` is the catalogue's ``updated`` day (or the day asked), never the clock: the
  same catalogue and options give the same bytes on every run.
- No text depends on the day asked (no "in 12 days"), so only what is selected does.

Text from the catalogue is joined into one line per part and loses any control
character; icalendar escapes the rest (commas, semicolons, backslashes, line breaks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from modelsunset.model import Catalogue, Entry, Order, StatusRow
from modelsunset.wording import (
    clipped,
    days_phrase,
    inert,
    model_label,
    plural,
    quoted,
    surface_name,
)

DEFAULT_ALARMS = (90, 30, 7, 0)
MAX_ALARM_DAYS = 3660  # ten years (and their leap days) ahead is the earliest reminder
CALENDAR_NAME = "AI model retirements"

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Options(NamedTuple):
    """How the file is written: its stamp, the version named in PRODID, the reminders."""

    stamp: date  # DTSTAMP: the catalogue's `updated` day, else the day asked
    version: str  # modelsunset's version, for PRODID
    alarms: tuple[int, ...] = DEFAULT_ALARMS  # reminders, in days before the day


def day_of(entry: Entry) -> date | None:
    """The day an entry's event is on: its retirement, else its floor, else none."""
    return entry.retires if entry.retires is not None else entry.not_before


def select(
    rows: Sequence[StatusRow], on: date, within: int | None = None, past: bool = False
) -> list[StatusRow]:
    """The rows that make events: a retirement or a floor on ``on`` or later (earlier
    ones too with ``past``), at most ``within`` days after ``on`` (None: any), soonest
    first."""
    from modelsunset.resolver import sort_key

    chosen = []
    for row in rows:
        day = day_of(row.entry)
        if day is None:
            continue
        left = (day - on).days
        if (past or left >= 0) and (within is None or left <= within):
            chosen.append(row)
    chosen.sort(key=sort_key(Order.date))
    return chosen


def parse_alarms(text: str) -> tuple[int, ...]:
    """``90,30,7,0`` -> (90, 30, 7, 0): reminders in days before the day, earliest first,
    each once; empty: none. ``ValueError`` for anything else, its message a phrase that
    follows the text (``has an empty item``)."""
    if not text.strip():
        return ()
    days: set[int] = set()
    for part in text.split(","):
        word = part.strip()
        if not word:
            raise ValueError("has an empty item")
        if not word.isdigit() or not word.isascii():
            raise ValueError(f"has {quoted(word)}, which is not a number of days")
        if len(word) > 5 or int(word) > MAX_ALARM_DAYS:
            raise ValueError(
                f"asks for a reminder {clipped(word)} days ahead; at most {MAX_ALARM_DAYS}"
            )
        days.add(int(word))
    return tuple(sorted(days, reverse=True))


def uid(model: str, surface: str) -> str:
    """The event's UID: from the model id and the surface id only."""
    import uuid

    namespace = uuid.uuid5(uuid.NAMESPACE_DNS, "modelsunset")
    name = model + "\n" + surface  # ids are one line each: the pair reads one way only
    return f"{uuid.uuid5(namespace, name)}@modelsunset"


def clean(text: str) -> str:
    """One line of text with no control character (and no lone surrogate, which UTF-8
    cannot hold): what an event may carry."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", " ".join(text.split())))


def summary(catalogue: Catalogue, row: StatusRow) -> str:
    """``GPT-4o retires from ChatGPT``; a floor: ``GPT-4o may retire from ChatGPT``."""
    verb = "retires" if row.entry.retires is not None else "may retire"
    return clean(f"{row.model.name} {verb} from {surface_name(catalogue, row.entry.surface)}")


def description(catalogue: Catalogue, row: StatusRow) -> str:
    """What happens on the day, what takes the model's place, the note and the source,
    one line each."""
    entry = row.entry
    label = model_label(catalogue, entry.model)
    where = surface_name(catalogue, entry.surface)
    if entry.retires is not None:
        lines = [
            f"{label} retires from {where} on {entry.retires.isoformat()}, the first day it "
            "is no longer offered there."
        ]
    else:
        assert entry.not_before is not None
        lines = [
            f"{label} may retire from {where} from {entry.not_before.isoformat()}: it is "
            "offered at least until the day before, and no day is set yet."
        ]
    if entry.fallback is not None:
        lines.append(
            f"Fallback: {model_label(catalogue, entry.fallback)}, automatic: it takes over "
            f"when {entry.model} retires."
        )
    elif entry.replacement is not None:
        lines.append(
            f"Replacement: {model_label(catalogue, entry.replacement)}, not automatic: calls "
            f"to {entry.model} fail once it retires; switch before then."
        )
    else:
        lines.append("No successor is named: choose another model before then.")
    if entry.note:
        lines.append(entry.note)
    if entry.source:
        checked = f" (read {entry.checked.isoformat()})" if entry.checked else ""
        lines.append(f"Source{checked}: {entry.source}")
    return "\n".join(clean(line) for line in lines)


def build(catalogue: Catalogue, rows: Sequence[StatusRow], options: Options) -> bytes:
    """The iCalendar file of ``rows`` (those with a day: see ``select``), in their order."""
    from icalendar import Alarm, Calendar, Event

    stamp = datetime(options.stamp.year, options.stamp.month, options.stamp.day, tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", f"-//modelsunset//modelsunset {clean(options.version)}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    if catalogue.updated is not None:
        calendar.add("x-wr-caldesc", f"From the modelsunset catalogue updated {catalogue.updated}.")
    for row in rows:
        day = day_of(row.entry)
        if day is None:
            continue
        title = summary(catalogue, row)
        event = Event()
        event.add("uid", uid(row.model.id, row.entry.surface))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", title)
        event.add("description", description(catalogue, row))
        event.add("status", "CONFIRMED" if row.entry.retires is not None else "TENTATIVE")
        event.add("transp", "TRANSPARENT")  # a day to plan for, not a busy day
        if row.entry.source:
            event.add("url", clean(row.entry.source))
        for before in options.alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            when = f" ({day.isoformat()})" if before else ""
            alarm.add("description", f"{title} {days_phrase(before)}{when}")
            alarm.add("trigger", timedelta(days=-before))
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def written(count: int, path: str) -> str:
    """The line said on stderr once the file is written."""
    return f"{plural(count, 'event')} written to {inert(path)}"
