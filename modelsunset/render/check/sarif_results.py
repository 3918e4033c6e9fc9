"""The results of a SARIF run (``sarif``): one per finding that has a place, one per note a
finding adds (once per model and surface), per unknown id and per known id not checked;
the rules they name, and their fingerprints.

``plan`` lists them in the order of the run, each with its level and how to make it, so
that a run can be cut to the results GitHub takes, and written a few thousand at a time,
without all of them being made at once. Each is made with the run's ``Fingerprints``, in
that order: a fingerprint counts the results alike before it.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any
from urllib.parse import quote

from modelsunset.check.report import Finding, Level, NotChecked, Report, Unknown, notes
from modelsunset.render.check.github import not_checked_sentence
from modelsunset.render.common import unknown_sentence
from modelsunset.render.fields import iso

FINGERPRINT = "modelsunset/v1"

RULES: list[dict[str, Any]] = [
    {
        "id": "model-retirement-error",
        "name": "ModelRetiredOrRetiringSoon",
        "shortDescription": {
            "text": "A model that is retired, or retires within --fail-within days"
        },
        "fullDescription": {
            "text": (
                "The code names a model that its provider has retired on this surface, or "
                "retires within the --fail-within window. Calls to a retired model fail "
                "unless the surface moves them to a fallback automatically."
            )
        },
        "help": {
            "text": "Move to the successor named in the message, then run modelsunset check again.",
            "markdown": (
                "Move to the successor named in the message, then run `modelsunset check` "
                "again. `modelsunset resolve MODEL` shows what serves the model on each "
                "surface on any date."
            ),
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["maintainability", "ai-models"], "precision": "very-high"},
    },
    {
        "id": "model-retirement-warning",
        "name": "ModelRetiring",
        "shortDescription": {"text": "A model that retires within --warn-within days"},
        "fullDescription": {
            "text": (
                "The code names a model whose retirement date on this surface falls within "
                "the --warn-within window."
            )
        },
        "help": {
            "text": "Plan the move to the successor named in the message before the date.",
            "markdown": "Plan the move to the successor named in the message before the date.",
        },
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["maintainability", "ai-models"], "precision": "very-high"},
    },
    {
        "id": "unknown-model-id",
        "name": "UnknownModelId",
        "shortDescription": {"text": "A model-like id that the catalogue does not know"},
        "fullDescription": {
            "text": (
                "The text looks like the id of a model family the catalogue knows, but the "
                "id itself is not in the catalogue, so its retirement could not be checked."
            )
        },
        "help": {
            "text": "Check the spelling, or add the model to a catalogue overlay.",
            "markdown": "Check the spelling, or add the model to a catalogue `--overlay`.",
        },
        "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["ai-models"], "precision": "medium"},
    },
    {
        "id": "model-not-checked",
        "name": "ModelNotOfferedOnSurface",
        "shortDescription": {"text": "A known model that is not offered on the surface judged"},
        "fullDescription": {
            "text": (
                "The code names a model of the catalogue on a surface it is not offered on "
                "(the surfaces checked, or the one its prefix or alias names), so its "
                "retirement could not be checked there."
            )
        },
        "help": {
            "text": "Check the surface with --surface, or add the entry in a catalogue overlay.",
            "markdown": (
                "Check the surface with `--surface`, or add the entry in a catalogue `--overlay`."
            ),
        },
        "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["ai-models"], "precision": "high"},
    },
    {
        "id": "model-retirement-note",
        "name": "ModelRetirementContext",
        "shortDescription": {
            "text": "More about a finding: other surfaces, or an answer that retires soon"
        },
        "fullDescription": {
            "text": (
                "The model is retired or retiring on another surface of its provider, or "
                "the model that answers for it itself retires within --warn-within days."
            )
        },
        "help": {
            "text": "Plan the move with these dates in mind.",
            "markdown": "Plan the move with these dates in mind.",
        },
        "defaultConfiguration": {"level": "note"},
        "properties": {"tags": ["ai-models"], "precision": "very-high"},
    },
]
_RULE_INDEX = {rule["id"]: number for number, rule in enumerate(RULES)}


# The names a report's files have, by the name each is shown with, where they differ
# (``Stats.names``: a name that is not UTF-8 is shown with U+FFFD).
Names = Mapping[str, str | None]
NO_NAMES: Names = {}


def uri(path: str, names: Names = NO_NAMES) -> str:
    """``path`` as a URI, percent-encoded: for a name that is not UTF-8, its very bytes
    (``bad%FFname.py``), which U+FFFD (``%EF%BF%BD``) would not give back."""
    data: str | bytes = path
    name = names.get(path) if names else None
    if name is None and names and path.endswith("/"):  # a folder skipped as unreadable
        folder = names.get(path[:-1])
        name = None if folder is None else folder + "/"
    if name is not None:
        with contextlib.suppress(UnicodeEncodeError):  # else not bytes: U+FFFD it is
            data = name.encode("utf-8", "surrogateescape")
    if path.startswith("/"):
        return "file://" + quote(data, safe="/")
    return quote(data, safe="/")


class Fingerprints:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], int] = {}

    def __call__(self, *parts: str) -> str:
        count = self._seen.get(parts, 0)
        self._seen[parts] = count + 1
        digest = hashlib.sha256("\0".join((*parts, str(count))).encode("utf-8"))
        return digest.hexdigest()


def artifact(path: str, names: Names = NO_NAMES) -> dict[str, str]:
    """Where a file is: below ``%SRCROOT%`` (the working folder) when it is; otherwise an
    absolute ``file://`` URI or a relative one without a base, since SARIF only allows a
    relative URI below a base, and ``../`` is not below it."""
    if path.startswith("/") or path == ".." or path.startswith("../"):
        return {"uri": uri(path, names)}
    return {"uri": uri(path, names), "uriBaseId": "%SRCROOT%"}


def _location(path: str, line: int, column: int, length: int, names: Names) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": artifact(path, names),
            "region": {"startLine": line, "startColumn": column, "endColumn": column + length},
        }
    }


def rule_of(finding: Finding) -> str:
    if finding.level is Level.ERROR:
        return "model-retirement-error"
    return "model-retirement-warning"


def _result(finding: Finding, fingerprint: Fingerprints, names: Names) -> dict[str, Any]:
    assert finding.path is not None and finding.line is not None and finding.column is not None
    judgement = finding.judgement
    rule = rule_of(finding)
    entry = judgement.entry
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": finding.level.value,
        "message": {"text": judgement.message},
        "locations": [
            _location(finding.path, finding.line, finding.column, len(finding.match), names)
        ],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(
                rule, finding.path, judgement.model.id, entry.surface, (finding.text or "").strip()
            )
        },
        "properties": {
            "model": judgement.model.id,
            "surface": entry.surface,
            "state": judgement.state.value,
            "retires": iso(entry.retires),
            "days_left": judgement.days_left,
            "resolved": judgement.resolution.resolved,
            "elsewhere": [
                {"surface": item.surface, "state": item.state.value, "retires": iso(item.retires)}
                for item in judgement.elsewhere
            ],
            "resolvedRetires": iso(judgement.answer_retires),
            "kind": finding.kind.value if finding.kind is not None else None,
        },
    }


def _note(
    finding: Finding, sentence: str, fingerprint: Fingerprints, names: Names
) -> dict[str, Any]:
    assert finding.path is not None and finding.line is not None and finding.column is not None
    rule = "model-retirement-note"
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": "note",
        "message": {"text": sentence},
        "locations": [
            _location(finding.path, finding.line, finding.column, len(finding.match), names)
        ],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(rule, finding.path, finding.model, finding.surface, sentence)
        },
    }


def _not_checked(item: NotChecked, fingerprint: Fingerprints, names: Names) -> dict[str, Any]:
    assert item.path is not None and item.line is not None and item.column is not None
    rule = "model-not-checked"
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": "note",
        "message": {"text": not_checked_sentence(item)},
        "locations": [_location(item.path, item.line, item.column, len(item.match), names)],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(
                rule, item.path, item.model, item.surface, (item.text or "").strip()
            )
        },
        "properties": {
            "model": item.model,
            "surface": item.surface,
            "offeredOn": list(item.offered_on),
            "kind": item.kind.value if item.kind is not None else None,
        },
    }


def _unknown(item: Unknown, fingerprint: Fingerprints, names: Names) -> dict[str, Any]:
    rule = "unknown-model-id"
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": "note",
        "message": {"text": unknown_sentence(item.match, item.suggestions)},
        "locations": [_location(item.path, item.line, item.column, len(item.match), names)],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(rule, item.path, item.match, item.text.strip())
        },
        "properties": {"kind": item.kind.value},
    }


# A result to be made: its level, and the function that makes it with the run's
# fingerprints.
Planned = tuple[str, Callable[[Fingerprints], dict[str, Any]]]


def plan(report: Report) -> list[Planned]:
    """The results of ``report``'s run, in order (see the module)."""
    planned: list[Planned] = []
    noted: set[tuple[str, str]] = set()
    names = report.stats.names if report.stats is not None else NO_NAMES
    for finding in report.findings:
        if finding.path is None:
            continue
        planned.append((finding.level.value, partial(_result, finding, names=names)))
        if (finding.model, finding.surface) not in noted:  # once per (model, surface)
            noted.add((finding.model, finding.surface))
            planned += [
                ("note", partial(_note, finding, sentence, names=names))
                for sentence in notes(finding.judgement, report.on)
            ]
    planned += [("note", partial(_unknown, item, names=names)) for item in report.unknown]
    planned += [
        ("note", partial(_not_checked, item, names=names))
        for item in report.not_checked
        if item.path
    ]
    return planned
