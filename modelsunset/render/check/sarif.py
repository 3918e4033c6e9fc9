"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One rule per level (``model-retirement-error``, ``model-retirement-warning``), one for
ids not in the catalogue (``unknown-model-id``), one for known ids not offered on the
surface they are judged on (``model-not-checked``) and one for what a finding adds
(``model-retirement-note``: the model retired or retiring on another surface, an answer
that itself retires soon; once per model and surface); the last three at level ``note``,
never an error. Locations are relative
URIs below ``%SRCROOT%``; columns count Unicode code points (``columnKind``). Every
result carries a ``partialFingerprints`` value that does not change when lines move:
a hash of the rule, path, model, surface, the text of the line and how many identical
lines came before it in the file.

Code scanning needs a place in a file for every result, so ``--model`` findings (which
have none) are reported as tool notifications of the run instead; so are what the run
left out: files skipped as unreadable (``--skip-unreadable``), findings in kinds of file
not counted, and results past ``MAX_RESULTS``.

GitHub rejects a run of more than 25,000 results (and shows the first 5,000 by
severity), so a run keeps at most ``MAX_RESULTS`` of them: errors first, then warnings,
then notes, each in the report's order; a notification (and a warning on stderr, from the
command) says how many were left out. The exit code is the gate's, from every finding.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from modelsunset.check.report import Finding, Level, NotChecked, Report, Unknown, notes
from modelsunset.render import RenderContext
from modelsunset.render.check import left_out
from modelsunset.render.check.github import not_checked_sentence
from modelsunset.render.check.json import unreadable_as_command
from modelsunset.render.common import unknown_sentence
from modelsunset.render.fields import iso
from modelsunset.render.json import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000  # GitHub code scanning's limit of results in a run
_RANK = {"error": 0, "warning": 1, "note": 2}
FINGERPRINT = "modelsunset/v1"
HELP_URI = "https://pypi.org/project/modelsunset/"

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


def uri(path: str) -> str:
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


class _Fingerprints:
    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], int] = {}

    def __call__(self, *parts: str) -> str:
        count = self._seen.get(parts, 0)
        self._seen[parts] = count + 1
        digest = hashlib.sha256("\0".join((*parts, str(count))).encode("utf-8"))
        return digest.hexdigest()


def artifact(path: str) -> dict[str, str]:
    """Where a file is: below ``%SRCROOT%`` (the working folder) when it is; otherwise an
    absolute ``file://`` URI or a relative one without a base, since SARIF only allows a
    relative URI below a base, and ``../`` is not below it."""
    if path.startswith("/") or path == ".." or path.startswith("../"):
        return {"uri": uri(path)}
    return {"uri": uri(path), "uriBaseId": "%SRCROOT%"}


def _location(path: str, line: int, column: int, length: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": artifact(path),
            "region": {"startLine": line, "startColumn": column, "endColumn": column + length},
        }
    }


def _rule(finding: Finding) -> str:
    if finding.level is Level.ERROR:
        return "model-retirement-error"
    return "model-retirement-warning"


def _result(finding: Finding, fingerprint: _Fingerprints) -> dict[str, Any]:
    assert finding.path is not None and finding.line is not None and finding.column is not None
    judgement = finding.judgement
    rule = _rule(finding)
    entry = judgement.entry
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": finding.level.value,
        "message": {"text": judgement.message},
        "locations": [_location(finding.path, finding.line, finding.column, len(finding.match))],
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


def _notes(finding: Finding, report: Report, fingerprint: _Fingerprints) -> list[dict[str, Any]]:
    assert finding.path is not None and finding.line is not None and finding.column is not None
    rule = "model-retirement-note"
    return [
        {
            "ruleId": rule,
            "ruleIndex": _RULE_INDEX[rule],
            "level": "note",
            "message": {"text": sentence},
            "locations": [
                _location(finding.path, finding.line, finding.column, len(finding.match))
            ],
            "partialFingerprints": {
                FINGERPRINT: fingerprint(
                    rule, finding.path, finding.model, finding.surface, sentence
                )
            },
        }
        for sentence in notes(finding.judgement, report.on)
    ]


def _not_checked(item: NotChecked, fingerprint: _Fingerprints) -> dict[str, Any]:
    assert item.path is not None and item.line is not None and item.column is not None
    rule = "model-not-checked"
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": "note",
        "message": {"text": not_checked_sentence(item)},
        "locations": [_location(item.path, item.line, item.column, len(item.match))],
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


def _unknown(item: Unknown, fingerprint: _Fingerprints) -> dict[str, Any]:
    rule = "unknown-model-id"
    return {
        "ruleId": rule,
        "ruleIndex": _RULE_INDEX[rule],
        "level": "note",
        "message": {"text": unknown_sentence(item.match, item.suggestions)},
        "locations": [_location(item.path, item.line, item.column, len(item.match))],
        "partialFingerprints": {
            FINGERPRINT: fingerprint(rule, item.path, item.match, item.text.strip())
        },
        "properties": {"kind": item.kind.value},
    }


def document(report: Report, ctx: RenderContext) -> dict[str, Any]:
    fingerprint = _Fingerprints()
    results: list[dict[str, Any]] = []
    noted: set[tuple[str, str]] = set()
    for finding in report.findings:
        if finding.path is None:
            continue
        results.append(_result(finding, fingerprint))
        if (finding.model, finding.surface) not in noted:  # once per (model, surface)
            noted.add((finding.model, finding.surface))
            results += _notes(finding, report, fingerprint)
    results += [_unknown(item, fingerprint) for item in report.unknown]
    results += [_not_checked(item, fingerprint) for item in report.not_checked if item.path]
    notifications = [
        {
            "level": finding.level.value,
            "message": {"text": f"--model {finding.match}: {finding.judgement.message}"},
            "descriptor": {"id": _rule(finding)},
        }
        for finding in report.findings
        if finding.path is None
    ]
    notifications += [
        {
            "level": "note",
            "message": {"text": f"--model {item.match}: {not_checked_sentence(item)}"},
            "descriptor": {"id": "model-not-checked"},
        }
        for item in report.not_checked
        if item.path is None
    ]
    notifications += _left_out(report)
    results, past = capped(results)
    if past:
        notifications.append(
            {
                "level": "warning",
                "message": {"text": too_many(past)},
                "descriptor": {"id": "model-retirement-note"},
            }
        )
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {"name": "modelsunset", "informationUri": HELP_URI, "rules": RULES}
    if ctx.version:
        driver["version"] = ctx.version
        driver["semanticVersion"] = ctx.version
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "date": report.on.isoformat(),
                    "surfaces": list(report.surfaces),
                    "failWithin": report.fail_within,
                    "warnWithin": report.warn_within,
                },
            }
        ],
    }


def result_count(report: Report) -> int:
    """How many results ``document`` makes of ``report`` before ``capped`` (without making
    them): for the command's warning on stderr."""
    count = len(report.unknown) + sum(1 for item in report.not_checked if item.path)
    noted: set[tuple[str, str]] = set()
    for finding in report.findings:
        if finding.path is None:
            continue
        count += 1
        if (finding.model, finding.surface) not in noted:
            noted.add((finding.model, finding.surface))
            count += len(notes(finding.judgement, report.on))
    return count


def capped(results: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """At most ``MAX_RESULTS`` of ``results``, errors first, then warnings, then notes, in
    their order; and how many were left out."""
    if len(results) <= MAX_RESULTS:
        return results, 0
    ranked = sorted(range(len(results)), key=lambda index: _RANK[results[index]["level"]])
    kept = sorted(ranked[:MAX_RESULTS])
    return [results[index] for index in kept], len(results) - MAX_RESULTS


def too_many(past: int) -> str:
    return (
        f"{past} more results were left out of this run: GitHub code scanning rejects a run "
        f"of more than {MAX_RESULTS} (errors come first, then warnings, then notes); "
        "--format json lists them all"
    )


def _left_out(report: Report) -> list[dict[str, Any]]:
    """Notifications of what the run did not look at or did not count."""
    told: list[dict[str, Any]] = []
    for path, reason in report.stats.skipped if report.stats is not None else ():
        told.append(
            {
                "level": "warning",
                "message": {"text": f"not checked: {path}: {reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(path)}}],
            }
        )
    kinds = left_out(report)
    if kinds:
        told.append({"level": "note", "message": {"text": kinds.lstrip("; ")}})
    return told


def render(report: Report, ctx: RenderContext) -> str:
    return unreadable_as_command(dumps(document(report, ctx)))
