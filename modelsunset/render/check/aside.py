"""What each format of ``check`` adds about the findings the gate set aside (baselined,
waived) and the waivers that have expired: ``modelsunset.check.gate``.

The report of the findings that still count is rendered as usual; this adds, after it,
a section for people (``text``, ``markdown``), keys (``json``: ``baselined``, ``waived``,
a ``waiver`` on each finding whose waiver has expired, and counts in ``summary``),
notices (``github``) or notifications of the run (``sarif``: how many findings the
baseline and the waivers kept out of its results). ``notes`` are the lines for stderr, in
every format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from modelsunset.check import CheckFormat
from modelsunset.check.gate import Aside
from modelsunset.check.report import Finding, Report
from modelsunset.check.waivers import Waiver
from modelsunset.render.check import where
from modelsunset.wording import plural, visible

_INDENT = "    "


def _by_model(findings: Iterable[Finding]) -> str:
    counts = Counter(f"{finding.model} on {finding.surface}" for finding in findings)
    return ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))


def _grouped(items: Iterable[tuple[Finding, Waiver]], on: date) -> list[tuple[str, list[Finding]]]:
    """(``gpt-4o on api: waived until ...``, its findings), in the order first met."""
    groups: dict[tuple[int, str, str], tuple[str, list[Finding]]] = {}
    for finding, waiver in items:
        key = (id(waiver), finding.model, finding.surface)
        if key not in groups:
            head = f"{finding.model} on {finding.surface}: {waiver.words(on)}"
            groups[key] = (head, [])
        groups[key][1].append(finding)
    return list(groups.values())


def _baselined_line(aside: Aside, file: str) -> str:
    count = len(aside.baselined)
    text = f"{plural(count, 'finding')} baselined (in {file}; not failing)"
    return text + (f": {_by_model(aside.baselined)}" if count else "")


def text(aside: Aside) -> str:
    lines: list[str] = []
    if aside.baseline is not None:
        lines.append(_baselined_line(aside, visible(aside.baseline)) + ".")
    for title, items in (
        ("Waived (not failing):", aside.waived),
        ("Waivers expired (failing again):", aside.expired),
    ):
        if items:
            lines.append(title)
            for head, findings in _grouped(items, aside.on):
                lines.append(f"  {visible(head)}")
                lines += [f"{_INDENT}{where(finding)}" for finding in findings]
    return "".join(line + "\n" for line in lines)


def markdown(aside: Aside) -> str:
    from modelsunset.render.check.markdown import code
    from modelsunset.wording import inert

    lines: list[str] = []
    if aside.baseline is not None:
        shown = code(inert(aside.baseline))  # a line break in it cannot end the line
        lines += [f"**Baselined**: {_baselined_line(aside, shown)}.", ""]
    for title, items in (
        ("**Waived** (not failing):", aside.waived),
        ("**Waivers expired** (failing again):", aside.expired),
    ):
        if items:
            lines += [title, ""]
            for head, findings in _grouped(items, aside.on):
                places = ", ".join(f"`{where(finding)}`" for finding in findings)
                lines.append(f"- {head}: {places}")
            lines.append("")
    return "".join(line + "\n" for line in lines)


def json(document: dict[str, Any], report: Report, aside: Aside) -> dict[str, Any]:
    from modelsunset.render.check.json import finding_fields

    expired = {id(finding): waiver for finding, waiver in aside.expired}
    for finding, fields in zip(report.findings, document["findings"], strict=True):
        waiver = expired.get(id(finding))
        if waiver is not None:
            fields["waiver"] = {**waiver.fields(), "expired": True}
    document["baselined"] = [finding_fields(finding) for finding in aside.baselined]
    document["waived"] = [
        {**finding_fields(finding), "waiver": {**waiver.fields(), "expired": False}}
        for finding, waiver in aside.waived
    ]
    document["summary"].update(
        baselined=len(aside.baselined), waived=len(aside.waived), expired=len(aside.expired)
    )
    return document


def sarif(document: dict[str, Any], aside: Aside) -> dict[str, Any]:
    """The SARIF log with a notification (level note) for the findings the baseline held
    back, and one for those waived: they are not among its results, as code scanning
    would show them as alerts."""
    said: list[str] = []
    if aside.baseline is not None and aside.baselined:
        said.append(
            f"{plural(len(aside.baselined), 'finding')} held back by the baseline "
            f"{visible(aside.baseline)} (not failing, not among the results): "
            f"{_by_model(aside.baselined)}"
        )
    if aside.waived:
        findings = [finding for finding, _ in aside.waived]
        said.append(
            f"{plural(len(findings), 'finding')} waived (not failing, not among the results): "
            f"{_by_model(findings)}"
        )
    told = [{"level": "note", "message": {"text": text}} for text in said]
    if told:
        invocation = document["runs"][0]["invocations"][0]
        invocation.setdefault("toolExecutionNotifications", []).extend(told)
    return document


def github(aside: Aside) -> str:
    from modelsunset.render.check.github import command

    lines: list[str] = []
    if aside.baseline is not None and aside.baselined:
        lines.append(command("notice", _baselined_line(aside, aside.baseline)))
    for title, items in (("Waived", aside.waived), ("Waiver expired", aside.expired)):
        for finding, waiver in items:
            lines.append(
                command(
                    "notice",
                    waiver.words(aside.on),
                    file=finding.path,
                    line=finding.line,
                    col=finding.column,
                    title=f"{title}: {finding.model} ({finding.surface})",
                )
            )
    return "".join(line + "\n" for line in lines)


def added(rendered: str, fmt: CheckFormat, report: Report, aside: Aside) -> str:
    """The output of ``fmt`` with what the gate set aside."""
    if fmt is CheckFormat.text:
        return rendered + text(aside)
    if fmt is CheckFormat.markdown:
        return rendered + ("\n" if not rendered.endswith("\n\n") else "") + markdown(aside)
    if fmt is CheckFormat.json:
        import json as json_module

        from modelsunset.render.json import dumps

        return dumps(json(json_module.loads(rendered), report, aside))
    if fmt is CheckFormat.github:
        return rendered + github(aside)
    if fmt is CheckFormat.sarif:
        import json as json_module

        from modelsunset.render.check.json import unreadable_as_command
        from modelsunset.render.json import dumps

        return unreadable_as_command(dumps(sarif(json_module.loads(rendered), aside)))
    return rendered


def notes(aside: Aside) -> list[str]:
    """Lines for stderr: a baseline written, entries that match nothing, expired waivers."""
    lines: list[str] = []
    if aside.written is not None and aside.baseline is not None:
        lines.append(
            f"wrote {plural(aside.written, 'place')} with findings to the baseline "
            f"{visible(aside.baseline)}"
        )
    elif aside.unused:
        verb = "matches" if aside.unused == 1 else "match"
        lines.append(
            f"note: {plural(aside.unused, 'entry', 'entries')} of the baseline "
            f"{visible(aside.baseline or '')} {verb} nothing any more (fixed?); "
            f"record it again with --write-baseline to drop them"
        )
    for head, findings in _grouped(aside.expired, aside.on):
        verb = "fails" if len(findings) == 1 else "fail"
        lines.append(f"error: {visible(head)}: {plural(len(findings), 'finding')} {verb} again")
    return lines
