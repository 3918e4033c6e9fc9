"""The fields of rows, resolutions and notices as plain values, as the machine-readable
formats (JSON, CSV) write them; the text formats use some of them too."""

from __future__ import annotations

from datetime import date
from typing import Any

from modelsunset.model import Notice, Resolution, StatusRow

STATUS_KEYS = (
    "model",
    "name",
    "provider",
    "surface",
    "state",
    "since",
    "announced",
    "retires",
    "days_left",
    "fallback",
    "replacement",
    "source",
    "checked",
    "note",
    "next",
    "not_before",
    "derived_from",
)
RESOLUTION_KEYS = (
    "query",
    "model",
    "surface",
    "date",
    "state",
    "resolved",
    "chain",
    "automatic",
    "retires",
    "days_left",
    "next",
    "not_before",
    "derived_from",
)
NOTICE_KEYS = (
    "model",
    "name",
    "provider",
    "surface",
    "state",
    "retires",
    "days_left",
    "fallback",
    "replacement",
    "automatic",
    "source",
    "checked",
    "note",
    "message",
    "not_before",
    "derived_from",
)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def status_fields(row: StatusRow) -> dict[str, Any]:
    # One call per row of ``status --all``: the days are written out here, not by ``iso``.
    entry = row.entry
    model = row.model
    since, announced, retires = entry.since, entry.announced, entry.retires
    checked, not_before = entry.checked, entry.not_before
    return {
        "model": model.id,
        "name": model.name,
        "provider": model.provider,
        "surface": entry.surface,
        "state": row.state.value,
        "since": None if since is None else since.isoformat(),
        "announced": None if announced is None else announced.isoformat(),
        "retires": None if retires is None else retires.isoformat(),
        "days_left": row.days_left,
        "fallback": entry.fallback,
        "replacement": entry.replacement,
        "source": entry.source,
        "checked": None if checked is None else checked.isoformat(),
        "note": entry.note,
        "next": entry.replacement if entry.fallback is None else entry.fallback,
        "not_before": None if not_before is None else not_before.isoformat(),
        "derived_from": entry.derived_from,
    }


def resolution_fields(resolution: Resolution) -> dict[str, Any]:
    return {
        "query": resolution.query,
        "model": resolution.model,
        "surface": resolution.surface,
        "date": resolution.on.isoformat(),
        "state": resolution.state.value,
        "resolved": resolution.resolved,
        "chain": list(resolution.chain),
        "automatic": resolution.automatic,
        "retires": iso(resolution.retires),
        "days_left": resolution.days_left,
        "next": resolution.next,
        "not_before": iso(resolution.not_before),
        "derived_from": resolution.derived_from,
    }


def notice_fields(notice: Notice) -> dict[str, Any]:
    fields = status_fields(notice.row)
    fields["automatic"] = notice.row.entry.automatic
    fields["message"] = notice.message
    return {key: fields[key] for key in NOTICE_KEYS}
