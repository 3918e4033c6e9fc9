"""Reading the dates people type: ``YYYY-MM-DD``, ``today``, words and counts from today
(``tomorrow``, ``+30d``, ``in 3 months``, ``next friday``, ``end of quarter``), or anything
python-dateutil reads; and the spans ``--within`` takes (``90``, ``12w``, ``3m``).

Pure: "today" is an argument, never the clock. A text that names no date raises
``BadDate``, which the caller words with the name of the option or variable it came from.
Months and years are counted with python-dateutil's ``relativedelta``: a month after
January 31 is the last day of February.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import cache
from typing import NamedTuple

from modelsunset.errors import BadDate
from modelsunset.wording import clipped

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_AS_ISO = (
    "write it as YYYY-MM-DD (2026-02-14), or as `today`, `tomorrow`, `+30d`, `-2w`, "
    "`in 3 months`, `2 weeks ago`, `next friday` or `end of quarter`"
)

# The units a count from today may take: d, w, m, y or the words.
_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "year": "years",
    "years": "years",
}
_COUNT = r"([0-9]+|an?|one)"
_WEEKDAYS = {
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
}


class _Patterns(NamedTuple):
    offset: re.Pattern[str]  # +30d, -2w
    ahead: re.Pattern[str]  # in 3 months
    ago: re.Pattern[str]  # 3 days ago
    weekday: re.Pattern[str]  # next friday, last mon
    edge: re.Pattern[str]  # end of quarter, start of next month
    span: re.Pattern[str]  # 90, 12w, 3 months


@cache
def _patterns() -> _Patterns:
    """Compiled on first use: most runs read a YYYY-MM-DD date or none (compiling these
    takes longer than the rest of importing this module)."""
    unit = "(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")"
    return _Patterns(
        offset=re.compile(r"([+-]) ?([0-9]+) ?" + unit),
        ahead=re.compile(r"in " + _COUNT + " " + unit),
        ago=re.compile(_COUNT + " " + unit + " ago"),
        weekday=re.compile(r"(next|last) (" + "|".join(_WEEKDAYS) + ")"),
        edge=re.compile(
            r"(?:the )?(start|beginning|end) of (?:the )?(?:(this|next|last) )?"
            r"(month|quarter|year)"
        ),
        span=re.compile(r"([0-9]+) ?" + unit + "?"),
    )


class Span(NamedTuple):
    """A length of time as written: ``number`` days, weeks, months or years (``unit``)."""

    number: int
    unit: str = "days"

    def days(self, start: date) -> int:
        """How many days the span covers from ``start``: days as written, weeks of seven
        days, and to the same day ``number`` months later for ``3m`` (or that month's last
        day: 89 days from 2026-01-31, to 2026-04-30). Months or years that reach beyond the
        calendar (year 9999) cover every day up to its end."""
        if self.unit in ("days", "weeks"):
            return self.number * (7 if self.unit == "weeks" else 1)
        try:
            return (_shift(start, self.number, self.unit) - start).days
        except BadDate:
            return (date.max - start).days


def _shift(start: date, count: int, unit: str) -> date:
    """``start`` moved by ``count`` (negative: back) days, weeks, months or years."""
    from dateutil.relativedelta import relativedelta

    try:
        if unit in ("days", "weeks"):
            return start + timedelta(**{unit: count})
        return start + relativedelta(**{unit: count})  # type: ignore[arg-type]
    except (OverflowError, ValueError):
        raise BadDate(
            f"{count:+d} {unit}",
            "is beyond the calendar (years 1 to 9999)",
            "count less far from today",
        ) from None


# More digits than any count within the calendar (3,652,058 days) needs.
_MAX_DIGITS = 9
# Days ahead are taken as written (--within 10000000 is as good as any), up to this.
_MAX_SPAN_DIGITS = 4000


def _count(word: str) -> int:
    """A count as written; one beyond the calendar stays beyond it (and is never handed to
    ``int``, which refuses texts of thousands of digits)."""
    if word in ("a", "an", "one"):
        return 1
    return int(word) if len(word) <= _MAX_DIGITS else 10**_MAX_DIGITS


def _month_end(year: int, month: int) -> date:
    """The last day of a month (``month`` may run past 12 or below 1)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _edge(today: date, which: str, shift: str | None, period: str) -> date:
    """The first or last day of this, the next or the last month, quarter or year."""
    step = {None: 0, "this": 0, "next": 1, "last": -1}[shift]
    if period == "year":
        year = today.year + step
        return date(year, 1, 1) if which != "end" else date(year, 12, 31)
    size = 3 if period == "quarter" else 1
    first = (today.month - 1) // size * size + 1 + step * size  # may run past 12 or below 1
    if which == "end":
        return _month_end(today.year, first + size - 1)
    year, month = today.year + (first - 1) // 12, (first - 1) % 12 + 1
    return date(year, month, 1)


def _words(text: str, today: date) -> date | None:
    """The date a phrase counted from today names, or None when the text is no such
    phrase. ``text`` is in lower case with single spaces."""
    if text in ("tomorrow", "yesterday"):
        return _shift(today, 1 if text == "tomorrow" else -1, "days")
    patterns = _patterns()
    if match := patterns.offset.fullmatch(text):
        sign, count, unit = match.groups()
        return _shift(today, _count(count) * (-1 if sign == "-" else 1), _UNITS[unit])
    if match := patterns.ahead.fullmatch(text):
        return _shift(today, _count(match[1]), _UNITS[match[2]])
    if match := patterns.ago.fullmatch(text):
        return _shift(today, -_count(match[1]), _UNITS[match[2]])
    if match := patterns.weekday.fullmatch(text):
        weekday = _WEEKDAYS[match[2]]
        if match[1] == "next":  # the next one after today, never today itself
            return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    if match := patterns.edge.fullmatch(text):
        which, shift, period = match.groups()
        try:
            return _edge(today, which, shift, period)
        except (OverflowError, ValueError):
            raise BadDate(text, "is beyond the calendar (years 1 to 9999)", _AS_ISO) from None
    return None


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
    if not cleaned:
        raise BadDate("", "is empty", "give a date such as 2026-02-14, or `today`")
    words = " ".join(cleaned.lower().split())
    if words == "today":
        return today
    try:
        found = _words(words, today)
    except BadDate as exc:
        raise BadDate(text, exc.problem, exc.hint) from None
    if found is not None:
        return found
    if re.fullmatch(r"[+-] ?[0-9]+", words):
        # python-dateutil would read "-5" as the 5th of this month.
        raise BadDate(
            text,
            "is not a date: a count from today needs a unit",
            f"write {clipped(words.replace(' ', ''))}d for days; w, m and y count weeks, "
            "months and years",
        )
    if cleaned[0] in "+-":
        raise BadDate(text, "is not a date I can read", _AS_ISO)
    return _dateutil(text, cleaned, today)


def _dateutil(text: str, cleaned: str, today: date) -> date:
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


def parse_span(text: str) -> Span:
    """A span as ``--within`` takes it: days (``90``, ``90d``), weeks (``12w``), months
    (``3m``) or years (``1y``); ``BadDate`` for anything else, a negative count among
    them."""
    words = " ".join(text.lower().split())
    match = _patterns().span.fullmatch(words)
    if match is None:
        negative = re.fullmatch(r"- ?[0-9]+ ?[a-z]*", words) is not None
        raise BadDate(
            text,
            "is negative: count days ahead" if negative else "is not a number of days",
            "give days (90 or 90d), weeks (12w), months (3m) or years (1y)",
        )
    count, unit = match.groups()
    if len(count) > _MAX_SPAN_DIGITS:  # more than int() reads; far more than any need
        raise BadDate(text, "is too long a number", "give at most a few digits")
    return Span(int(count), _UNITS[unit] if unit else "days")
