"""The fields of rows, resolutions and notices as plain values, shared by the
machine-readable formats (JSON, CSV) and the text ones."""

from __future__ import annotations

from datetime import date
from typing import Any

from modelsunset.model import Catalogue, Notice, Resolution, StatusRow

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
)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def status_fields(row: StatusRow) -> dict[str, Any]:
    entry = row.entry
    return {
        "model": row.model.id,
        "name": row.model.name,
        "provider": row.model.provider,
        "surface": entry.surface,
        "state": row.state.value,
        "since": iso(entry.since),
        "announced": iso(entry.announced),
        "retires": iso(entry.retires),
        "days_left": row.days_left,
        "fallback": entry.fallback,
        "replacement": entry.replacement,
        "source": entry.source,
        "checked": iso(entry.checked),
        "note": entry.note,
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
    }


def notice_fields(notice: Notice) -> dict[str, Any]:
    row = notice.row
    entry = row.entry
    return {
        "model": row.model.id,
        "name": row.model.name,
        "provider": row.model.provider,
        "surface": entry.surface,
        "state": row.state.value,
        "retires": iso(entry.retires),
        "days_left": row.days_left,
        "fallback": entry.fallback,
        "replacement": entry.replacement,
        "automatic": entry.automatic,
        "source": entry.source,
        "checked": iso(entry.checked),
        "note": entry.note,
        "message": notice.message,
    }


def successor_text(row: StatusRow) -> str:
    """``gpt-5.2 (automatic)`` or ``gpt-4.1`` or empty."""
    entry = row.entry
    if entry.fallback:
        return f"{entry.fallback} (automatic)"
    return entry.replacement or ""


def days_text(days: int | None) -> str:
    return "" if days is None else str(days)


def freshness(catalogue: Catalogue, today: date) -> str:
    """ "catalogue updated 2026-11-25 (3 days ago)", for people's eyes only."""
    if catalogue.updated is None:
        return "catalogue date unknown (no `updated` in the catalogue)"
    age = (today - catalogue.updated).days
    if age == 0:
        ago = "today"
    elif age == 1:
        ago = "1 day ago"
    elif age > 0:
        ago = f"{age} days ago"
    else:
        ago = f"{-age} days ahead of today"
    return f"catalogue updated {catalogue.updated.isoformat()} ({ago})"


def surface_name(catalogue: Catalogue, surface: str) -> str:
    found = catalogue.surfaces.get(surface)
    return found.name if found is not None else surface
