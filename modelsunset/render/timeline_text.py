"""The words the formats of ``timeline`` share: the title, the legend, a row's end."""

from __future__ import annotations

from modelsunset.model import Entry
from modelsunset.timeline import Phase, Timeline


def title(timeline: Timeline) -> str:
    return f"Model availability, {timeline.start.isoformat()} to {timeline.end.isoformat()}"


def legend_words(phase: Phase) -> str:
    return {
        Phase.ACTIVE: "available",
        Phase.RETIRING: "retiring (a date is set)",
        Phase.RETIRED: "retired",
        Phase.MAY_RETIRE: "may retire (a floor: no date set)",
    }[phase]


def end_words(entry: Entry) -> str:
    """When the entry goes: ``retires 2026-02-13``, ``not before 2027-01-22``, or empty."""
    if entry.retires is not None:
        return f"retires {entry.retires.isoformat()}"
    if entry.not_before is not None:
        return f"not before {entry.not_before.isoformat()}"
    return ""


def empty_words(timeline: Timeline) -> str:
    return (
        f"No model matches: none is available between {timeline.start.isoformat()} "
        f"and {timeline.end.isoformat()}."
    )
