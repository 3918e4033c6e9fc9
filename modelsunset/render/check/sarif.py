"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One rule per level (``model-retirement-error``, ``model-retirement-warning``) and one for
ids not in the catalogue (``unknown-model-id``, level ``note``). Locations are relative
URIs below ``%SRCROOT%``; columns count Unicode code points (``columnKind``). Every
result carries a ``partialFingerprints`` value that does not change when lines move:
a hash of the rule, path, model, surface, the text of the line and how many identical
lines came before it in the file.

Code scanning needs a place in a file for every result, so ``--model`` findings (which
have none) are reported as tool notifications of the run instead.
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import quote

from modelsunset.check.report import Finding, Level, Report, Unknown
from modelsunset.render import RenderContext
from modelsunset.render.common import unknown_sentence
from modelsunset.render.fields import iso
from modelsunset.render.json import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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
    }


def document(report: Report, ctx: RenderContext) -> dict[str, Any]:
    fingerprint = _Fingerprints()
    results = [_result(f, fingerprint) for f in report.findings if f.path is not None]
    results += [_unknown(item, fingerprint) for item in report.unknown]
    notifications = [
        {
            "level": finding.level.value,
            "message": {"text": f"--model {finding.match}: {finding.judgement.message}"},
            "descriptor": {"id": _rule(finding)},
        }
        for finding in report.findings
        if finding.path is None
    ]
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


def render(report: Report, ctx: RenderContext) -> str:
    return dumps(document(report, ctx))
