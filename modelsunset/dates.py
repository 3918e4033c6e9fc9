"""Reading the dates people type: ``YYYY-MM-DD``, ``today``, or anything python-dateutil
reads. Pure: "today" is an argument, never the clock. A text that names no date raises
``BadDate``, which the caller words with the name of the option or variable it came from."""

from __future__ import annotations

import re
from datetime import date, datetime

from modelsunset.errors import BadDate

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_AS_ISO = "write it as YYYY-MM-DD, for example 2026-02-14, or `today`"


def parse_date(text: str, today: date) -> date:
    """The calendar date ``text`` names; ``BadDate`` when it names none."""
    cleaned = text.strip()
    if _ISO.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise BadDate(
                cleaned,
                "is not a real calendar date",
                "check the month (1 to 12) and the day of that month",
                quoted=False,
            ) from None
    if cleaned.lower() == "today":
        return today
    if not cleaned:
        raise BadDate("", "is empty", "give a date such as 2026-02-14, or `today`")
    if cleaned[0] in "+-":
        # python-dateutil would read "-5" as the 5th of this month.
        raise BadDate(text, "is not a date: dates are not counted from today", _AS_ISO)
    # python-dateutil is only imported for dates that are not YYYY-MM-DD.
    from dateutil import parser

    try:
        # Only the calendar date matters: time zones are ignored (and never warned about).
        # Read twice with different default days and months: what changes with them was
        # not in the text ("Feb 2026" names no day), and is not filled in from today.
        moment = parser.parse(cleaned, default=datetime(today.year, 1, 1), ignoretz=True)
        # Both default months have 31 days, so a bare "31" is a day with no month.
        other = parser.parse(cleaned, default=datetime(today.year, 3, 3), ignoretz=True)
    except (ValueError, OverflowError, TypeError):
        raise BadDate(text, "is not a date I can read", _AS_ISO) from None
    if (moment.month, moment.day) != (other.month, other.day):
        missing = " and ".join(
            part
            for part, differs in (
                ("day", moment.day != other.day),
                ("month", moment.month != other.month),
            )
            if differs
        )
        raise BadDate(text, f"names no {missing}", "write the whole date, for example 2026-02-14")
    return moment.date()
