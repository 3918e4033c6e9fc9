"""The words of ``changes`` that the text formats (table, Markdown) share: the title, and
one line per change."""

from __future__ import annotations

from collections.abc import Callable

from modelsunset.changes import Change, Kind, Report, Scope
from modelsunset.model import Entry


def title(report: Report, name: Callable[[str], str] = str) -> str:
    """What was compared; ``name`` writes a catalogue's name (as code, in Markdown)."""
    if report.since is not None:
        return f"Retirements announced on or after {report.since.isoformat()}"
    return f"Catalogue changes from {name(report.old or '')} to {name(report.new or '')}"


def nothing(report: Report) -> str:
    if report.since is not None:
        return "No retirement was announced since then."
    return "No changes: the retirements, successors and models are the same."


def _end(entry: Entry) -> str:
    if entry.retires is not None:
        return f"retires {entry.retires.isoformat()}"
    if entry.not_before is not None:
        return f"not before {entry.not_before.isoformat()}"
    return "nothing scheduled"


def _successor(entry: Entry, name: Callable[[str], str]) -> str:
    if entry.fallback is not None:
        return f"fallback {name(entry.fallback)}"
    if entry.replacement is not None:
        return f"replacement {name(entry.replacement)}"
    return "no successor"


def _then(entry: Entry, name: Callable[[str], str]) -> str:
    """``, replacement gpt-4.1``; nothing without a successor."""
    return "" if entry.successor is None else ", " + _successor(entry, name)


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def describe(change: Change, name: Callable[[str], str] = str) -> str:
    """One line: ``o3 on azure: retires 2026-10-21, was 2026-11-19 (earlier by 29 days)``.
    ``name`` writes a model id (as code, in Markdown)."""
    before, after = change.before, change.after
    head = f"{name(change.model)} on {name(change.surface)}: "
    if change.kind is Kind.ADDED:
        assert after is not None
        if change.scope in (Scope.MODEL, Scope.SURFACE):
            what = "new model" if change.scope is Scope.MODEL else "newly listed"
            return head + f"{what}; {_end(after)}{_then(after, name)}"
        if before is None:  # announced since a day: what it was is not known
            when = after.announced or after.checked
            word = "announced" if after.announced is not None else "checked"
            note = f"{word} {when.isoformat()}" if when is not None else "new"
        else:
            note = "new"
            if before.not_before is not None and change.scope is Scope.RETIREMENT:
                note += f"; was not before {before.not_before.isoformat()}"
        return head + f"{_end(after)} ({note}){_then(after, name)}"
    if change.kind is Kind.REMOVED:
        assert before is not None
        what = "model removed" if change.scope is Scope.MODEL else "no longer listed"
        return head + f"{what} (was: {_end(before)}{_then(before, name)})"
    if change.kind is Kind.RETRACTED:
        assert before is not None and after is not None
        if change.scope is Scope.RETIREMENT:
            assert before.retires is not None
            text = f"retirement on {before.retires.isoformat()} withdrawn"
            if after.not_before is not None:
                text += f"; now not before {after.not_before.isoformat()}"
            return head + text
        assert before.not_before is not None
        return head + f"floor withdrawn (was not before {before.not_before.isoformat()})"
    if change.kind in (Kind.EARLIER, Kind.LATER):
        assert before is not None and after is not None and before.end and after.end
        moved = change.days_moved or 0
        return head + (
            f"{_end(after)}, was {before.end.isoformat()} "
            f"({change.kind.value} by {_days(abs(moved))})"
        )
    assert before is not None and after is not None
    return head + (f"{_successor(after, name)}, was {_successor(before, name)} ({_end(after)})")


HEADINGS = {
    "added": "Added",
    "removed": "Removed",
    "retracted": "Retracted",
    "earlier": "Moved earlier",
    "later": "Moved later",
    "successor": "Successor changed",
}
