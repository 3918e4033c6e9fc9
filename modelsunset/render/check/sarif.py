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
lines came before it in the file. The results are made in ``sarif_results``.

Code scanning needs a place in a file for every result, so ``--model`` findings (which
have none) are reported as tool notifications of the run instead; so are what the run
left out: files skipped as unreadable (``--skip-unreadable``), findings in kinds of file
not counted, and results past ``MAX_RESULTS``.

GitHub rejects a run of more than 25,000 results (and shows the first 5,000 by
severity), so a run keeps at most ``MAX_RESULTS`` of them: errors first, then warnings,
then notes, each in the report's order; a notification (and a warning on stderr, from the
command) says how many were left out. The exit code is the gate's, from every finding.

``pieces`` writes the run a few thousand results at a time, never holding all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from modelsunset.check.report import Report
from modelsunset.render import RenderContext
from modelsunset.render.check import left_out
from modelsunset.render.check.github import not_checked_sentence
from modelsunset.render.check.json import unreadable_as_command
from modelsunset.render.check.sarif_results import (
    NO_NAMES,
    RULES,
    Fingerprints,
    Planned,
    artifact,
    plan,
    rule_of,
)
from modelsunset.render.json import dumps
from modelsunset.wording import plural

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP_URI = "https://pypi.org/project/modelsunset/"
MAX_RESULTS = 25_000  # GitHub code scanning's limit of results in a run
CHUNK = 2000  # results encoded and written at a time
_RANK = {"error": 0, "warning": 1, "note": 2}
_RESULTS = '"results": []'  # where the results go in the run, as ``dumps`` writes it


def document(report: Report, ctx: RenderContext) -> dict[str, Any]:
    planned = plan(report)
    return _run(report, ctx, list(_made(planned, _kept(planned))), len(planned))


def render(report: Report, ctx: RenderContext) -> str:
    return unreadable_as_command(dumps(document(report, ctx)))


def pieces(report: Report, ctx: RenderContext) -> Iterator[str]:
    """The text of ``render``, the results ``CHUNK`` at a time."""
    from modelsunset.render.json import encode

    planned = plan(report)
    text = dumps(_run(report, ctx, [], len(planned)))
    # ``"results": []`` cannot be inside a string of the run: its quotes would be escaped.
    at = text.index(_RESULTS) + len(_RESULTS) - 1
    yield unreadable_as_command(text[:at])
    chunk: list[str] = []
    first = True
    for result in _made(planned, _kept(planned)):
        chunk.append(encode(result))
        if len(chunk) == CHUNK:
            yield unreadable_as_command(("" if first else ", ") + ", ".join(chunk))
            chunk, first = [], False
    if chunk:
        yield unreadable_as_command(("" if first else ", ") + ", ".join(chunk))
    yield unreadable_as_command(text[at:])


def result_count(report: Report) -> int:
    """How many results the run of ``report`` has before ``MAX_RESULTS`` cuts them (without
    making them): for the command's warning on stderr."""
    return len(plan(report))


def too_many(past: int) -> str:
    were = "was" if past == 1 else "were"
    return (
        f"{plural(past, 'more result')} {were} left out of this run: GitHub code scanning "
        f"rejects a run of more than {MAX_RESULTS} (errors come first, then warnings, then "
        "notes); --format json lists them all"
    )


def _kept(planned: list[Planned]) -> set[int] | None:
    """Which results the run keeps (see the module); None: all of them."""
    if len(planned) <= MAX_RESULTS:
        return None
    ranked = sorted(range(len(planned)), key=lambda index: _RANK[planned[index][0]])
    return set(ranked[:MAX_RESULTS])


def _made(planned: list[Planned], kept: set[int] | None) -> Iterator[dict[str, Any]]:
    """The results kept, made one at a time in order. Those left out are made too, and
    dropped: each fingerprint counts the results alike before it, kept or not."""
    fingerprint = Fingerprints()
    for index, (_, make) in enumerate(planned):
        result = make(fingerprint)
        if kept is None or index in kept:
            yield result


def _run(
    report: Report, ctx: RenderContext, results: list[dict[str, Any]], count: int
) -> dict[str, Any]:
    """The SARIF log of one run holding ``results``, of the ``count`` the report has."""
    notifications = [
        {
            "level": finding.level.value,
            "message": {"text": f"--model {finding.match}: {finding.judgement.message}"},
            "descriptor": {"id": rule_of(finding)},
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
    if count > MAX_RESULTS:
        notifications.append(
            {
                "level": "warning",
                "message": {"text": too_many(count - MAX_RESULTS)},
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


def _left_out(report: Report) -> list[dict[str, Any]]:
    """Notifications of what the run did not look at or did not count."""
    told: list[dict[str, Any]] = []
    stats = report.stats
    for path, reason in stats.skipped if stats is not None else ():
        where = artifact(path, stats.names if stats is not None else NO_NAMES)
        told.append(
            {
                "level": "warning",
                "message": {"text": f"not checked: {path}: {reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": where}}],
            }
        )
    kinds = left_out(report)
    if kinds:
        told.append({"level": "note", "message": {"text": kinds.lstrip("; ")}})
    return told
