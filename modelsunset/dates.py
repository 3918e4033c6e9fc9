"""Reading the dates people type: ``YYYY-MM-DD``, ``today``, or anything python-dateutil
reads. Pure: "today" is an argument, never the clock."""

from __future__ import annotations

import re
from datetime import date, datetime

from modelsunset.errors import UsageError

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(text: str, today: date, what: str = "--date") -> date:
    """The calendar date ``text`` names; a usage error when it names none."""
    cleaned = text.strip()
    if _ISO.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise UsageError(f"{what} {cleaned} is not a real calendar date") from None
    if cleaned.lower() == "today":
        return today
    if not cleaned:
        raise UsageError(f"{what} is empty", hint="give a date such as 2026-02-14, or `today`")
    if cleaned[0] in "+-":
        # python-dateutil would read "-5" as the 5th of this month.
        raise UsageError(
            f"{what} '{text}' is not a date: dates are not counted from today",
            hint="write it as YYYY-MM-DD, for example 2026-02-14, or `today`",
        )
    # python-dateutil is only imported for dates that are not YYYY-MM-DD.
    from dateutil import parser

    try:
        # Only the calendar date matters: time zones are ignored (and never warned about).
        moment = parser.parse(
            cleaned, default=datetime(today.year, today.month, today.day), ignoretz=True
        )
    except (ValueError, OverflowError, TypeError):
        raise UsageError(
            f"{what} '{text}' is not a date I can read",
            hint="write it as YYYY-MM-DD, for example 2026-02-14, or `today`",
        ) from None
    return moment.date()
