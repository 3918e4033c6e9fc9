"""JSON (contract sections 6 and 8): one object with ``findings``, ``unknown``,
``not_checked`` and ``summary``.

Every key the contract names is there; more keys follow them. Dates are YYYY-MM-DD
strings and missing values null.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from modelsunset.check.report import Finding, NotChecked, Report, Unknown, moves_by_itself
from modelsunset.render import RenderContext
from modelsunset.render.fields import iso
from modelsunset.render.json import dumps, inert

CHUNK = 2000  # items of a list written in one piece by ``pieces``
_Item = TypeVar("_Item", Finding, Unknown, NotChecked)


def finding_fields(
    finding: Finding, known: dict[int, tuple[dict[str, Any], dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """The fields of a finding. ``known`` keeps the fields of each judgement (those of its
    model on its surface) once worked out, for the many findings that share one."""
    judgement = finding.judgement
    parts = None if known is None else known.get(id(judgement))
    if parts is None:
        parts = _judgement_fields(finding)
        if known is not None:
            known[id(judgement)] = parts
    head, tail = parts
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "match": finding.match,
        **head,
        "text": finding.text,
        **tail,
        "kind": finding.kind.value if finding.kind is not None else None,
    }


def _judgement_fields(finding: Finding) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields of a finding that its judgement gives: those before its text, and those
    after it."""
    judgement = finding.judgement
    entry = judgement.entry
    resolution = judgement.resolution
    head = {
        "model": judgement.model.id,
        "surface": entry.surface,
        "state": judgement.state.value,
        "retires": iso(entry.retires),
        "days_left": judgement.days_left,
        "resolved": resolution.resolved,
        "level": judgement.level.value,
        "name": judgement.model.name,
        "provider": judgement.model.provider,
        "fallback": entry.fallback,
        "replacement": entry.replacement,
        "automatic": moves_by_itself(judgement),
        "chain": list(resolution.chain),
        "source": entry.source,
        "message": judgement.message,
    }
    tail = {
        "next": entry.successor,
        "not_before": iso(entry.not_before),
        "derived_from": entry.derived_from,
        "elsewhere": [
            {
                "surface": item.surface,
                "state": item.state.value,
                "retires": iso(item.retires),
                "not_before": iso(item.not_before),
            }
            for item in judgement.elsewhere
        ],
        "resolved_retires": iso(judgement.answer_retires),
        "answer": judgement.answer,
    }
    return head, tail


def unknown_fields(item: Unknown) -> dict[str, Any]:
    return {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "match": item.match,
        "suggestions": list(item.suggestions),
        "text": item.text,
        "kind": item.kind.value,
    }


def not_checked_fields(item: NotChecked) -> dict[str, Any]:
    return {
        "path": item.path,
        "line": item.line,
        "column": item.column,
        "match": item.match,
        "model": item.model,
        "surface": item.surface,
        "offered_on": list(item.offered_on),
        "text": item.text,
        "kind": item.kind.value if item.kind is not None else None,
    }


def _summary(report: Report) -> dict[str, Any]:
    stats = report.stats
    return {
        "errors": report.errors,
        "warnings": report.warnings,
        "unknown": len(report.unknown),
        "not_checked": len(report.not_checked),
        "files": stats.files if stats is not None else 0,
        "skipped": [
            {"path": path, "reason": reason}
            for path, reason in (stats.skipped if stats is not None else [])
        ],
        "left_out": {
            kind.value: {
                "findings": counts.findings,
                "unknown": counts.unknown,
                "not_checked": counts.not_checked,
            }
            for kind, counts in report.left_out.items()
        },
    }


def _head(report: Report) -> dict[str, Any]:
    return {
        "date": report.on.isoformat(),
        "surfaces": list(report.surfaces),
        "fail_within": report.fail_within,
        "warn_within": report.warn_within,
        "kinds": [kind.value for kind in report.kinds],
    }


def document(report: Report) -> dict[str, Any]:
    known: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    return {
        **_head(report),
        "findings": [finding_fields(finding, known) for finding in report.findings],
        "unknown": [unknown_fields(item) for item in report.unknown],
        "not_checked": [not_checked_fields(item) for item in report.not_checked],
        "summary": _summary(report),
    }


def render(report: Report, ctx: RenderContext) -> str:
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """The text of ``render``, in pieces of at most ``CHUNK`` items each: the same as
    ``dumps(document(report))`` (with ``unreadable_as_command``), written without building
    the document. Each item is encoded by the json module's C encoder, or from parts it
    encoded once (a judgement's fields, a path, a name)."""
    from modelsunset.render.check.encode import Encoder

    encoder = Encoder()
    head = dumps(_head(report))
    yield unreadable_as_command(head[: head.rindex("\n}")])
    yield from _listed("findings", report.findings, encoder.finding)
    yield from _listed("unknown", report.unknown, encoder.unknown)
    yield from _listed("not_checked", report.not_checked, encoder.not_checked)
    summary = dumps({"summary": _summary(report)})
    yield unreadable_as_command(",\n" + summary[2:])


def _listed(key: str, items: Sequence[_Item], encode: Callable[[_Item], str]) -> Iterator[str]:
    """``,\\n  "key": [...]``, one item a line, in pieces of ``CHUNK`` items."""
    if not items:
        yield f',\n  "{key}": []'
        return
    yield f',\n  "{key}": [\n'
    for start in range(0, len(items), CHUNK):
        # Inert already: ``Encoder`` makes each part of an item inert as it encodes it.
        part = ",\n".join([encode(item) for item in items[start : start + CHUNK]])
        yield part if start == 0 else ",\n" + part
    yield "\n  ]"


def unreadable_as_command(text: str) -> str:
    """JSON text with every ``##[`` (which a CI log reads as a command wherever it is in a
    line, as a file's line text may hold it) written ``##\\u005b``, and the characters a
    terminal or a CI log would obey or hide (C1 controls, DEL, the bidirectional and
    zero-width ones: ``render.json.inert``) escaped: the same JSON value."""
    return inert(text.replace("##[", "##\\u005b"))
