"""The changes as JSON: a list of ``{"kind", "model", "surface", "before", "after"}`` (and
``scope``, ``provider``, ``days_moved``), each side the entry's dates and successor, or
null where the entry is not there (or, for ``--since``, not known)."""

from __future__ import annotations

from typing import Any

from modelsunset.changes import Change, Report
from modelsunset.model import Entry
from modelsunset.render import RenderContext
from modelsunset.render.fields import iso
from modelsunset.render.json import dumps


def side(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "since": iso(entry.since),
        "announced": iso(entry.announced),
        "retires": iso(entry.retires),
        "not_before": iso(entry.not_before),
        "fallback": entry.fallback,
        "replacement": entry.replacement,
        "source": entry.source,
        "checked": iso(entry.checked),
    }


def change_fields(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "scope": change.scope.value,
        "model": change.model,
        "surface": change.surface,
        "provider": change.provider,
        "before": side(change.before),
        "after": side(change.after),
        "days_moved": change.days_moved,
    }


def changes(report: Report, ctx: RenderContext) -> str:
    return dumps([change_fields(change) for change in report.changes])
