"""Baselines: the findings of one day, recorded, so that a gate fails only on new ones.

``check --write-baseline FILE`` records every finding by its *fingerprint*: the path, the
name matched and the text of its line with runs of white space collapsed to one space
(``modelsunset.check.read`` keeps at most 200 characters of a line, around the name). No
line number, so a fingerprint stays the same when lines above it come and go; a line
moved to another file is a new finding. ``check --baseline FILE`` then passes the
findings whose fingerprint the file holds, and fails on the others as usual.

A fingerprint holds as many places as it had when recorded (``count``): the same line
written twice in a file is two places, and a third copy added later is new. The findings
of one place on several surfaces are one place.

Paths are stored relative to the folder of the baseline file, with ``/``, so that the
file works from any working folder. The file is JSON, sorted, one finding per entry:

```json
{
  "modelsunset": "baseline",
  "version": 1,
  "findings": [
    {"path": "src/app.py", "match": "gpt-4o", "text": "MODEL = \\"gpt-4o\\"", "count": 1}
  ]
}
```

Reading and writing the file are here; matching (``split``) is pure.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from modelsunset.errors import OutputError, UsageError
from modelsunset.wording import clipped, inert

if TYPE_CHECKING:
    from modelsunset.check.report import Finding

FORMAT = "baseline"
VERSION = 1
MAX_BYTES = 64 * 1024 * 1024

Fingerprint = tuple[str | None, str, str]  # (path, match, normalised text)


def normalised(text: str | None) -> str:
    """The text of a line with every run of white space made one space, and no white
    space at either end."""
    return " ".join((text or "").split())


def relative(path: str | None, base: str) -> str | None:
    """``path`` (as a finding shows it, from the working folder) relative to ``base``,
    with ``/``; None stays None (a ``--model`` finding)."""
    if path is None:
        return None
    absolute = os.path.abspath(path)
    try:
        return PurePath(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive on Windows
        return PurePath(absolute).as_posix()


def fingerprint(finding: Finding, base: str) -> Fingerprint:
    return (relative(finding.path, base), finding.match, normalised(finding.text))


def _places(findings: Iterable[Finding]) -> list[tuple[Finding, tuple[object, ...]]]:
    """Each finding with the place it stands for (one per occurrence, whatever the
    surfaces)."""
    return [(f, (f.path, f.line, f.column, f.match)) for f in findings]


class Baseline(NamedTuple):
    """Fingerprints and how many places each stands for; ``base`` is the folder that
    paths are relative to."""

    file: str
    base: str
    counts: Counter[Fingerprint]

    @classmethod
    def of(cls, findings: Iterable[Finding], file: str) -> Baseline:
        base = os.path.dirname(os.path.abspath(file))
        counts: Counter[Fingerprint] = Counter()
        seen: set[tuple[object, ...]] = set()
        for finding, place in _places(findings):
            if place not in seen:
                seen.add(place)
                counts[fingerprint(finding, base)] += 1
        return cls(file, base, counts)

    def split(self, findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding], int]:
        """(new findings, baselined findings, entries that matched nothing), each list in
        the order given. Places are taken in order: the first ``count`` places of a
        fingerprint are baselined."""
        left = Counter(self.counts)
        verdict: dict[tuple[object, ...], bool] = {}
        new: list[Finding] = []
        known: list[Finding] = []
        for finding, place in _places(findings):
            if place not in verdict:
                key = fingerprint(finding, self.base)
                verdict[place] = left[key] > 0
                if verdict[place]:
                    left[key] -= 1
            (known if verdict[place] else new).append(finding)
        unused = sum(1 for key, count in left.items() if count == self.counts[key] and count)
        return new, known, unused

    def document(self) -> dict[str, Any]:
        entries = sorted(
            self.counts.items(), key=lambda item: (item[0][0] or "", item[0][1], item[0][2])
        )
        return {
            "modelsunset": FORMAT,
            "version": VERSION,
            "findings": [
                {"path": path, "match": match, "text": text, "count": count}
                for (path, match, text), count in entries
            ],
        }


def write(baseline: Baseline) -> None:
    """The baseline written to its file, whole or not at all."""
    import json

    from modelsunset.files import write_atomic

    data = json.dumps(baseline.document(), indent=2, ensure_ascii=False) + "\n"
    try:
        write_atomic(baseline.file, data.encode("utf-8"))
    except OSError as exc:
        raise OutputError(
            f"--write-baseline: cannot write {inert(baseline.file)}: {exc.strerror or exc}",
            "give a file in a folder that exists and can be written to",
        ) from None


def read(file: str) -> Baseline:
    """The baseline in ``file``, or a usage error that says what is wrong with it."""
    import json

    from modelsunset.files import read_regular

    where = f"--baseline {inert(file)}"
    try:
        data = read_regular(file, MAX_BYTES)
    except FileNotFoundError:
        raise UsageError(
            f"{where}: no such file", hint=f"record one with --write-baseline {inert(file)}"
        ) from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot read it: {exc.strerror or exc}") from None
    if data is None:
        raise UsageError(f"{where}: not a regular file")
    if len(data) > MAX_BYTES:
        raise UsageError(f"{where}: larger than 64 MiB")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError(
            f"{where}: not a baseline (not JSON: {exc})",
            hint=f"record one with --write-baseline {inert(file)}",
        ) from None
    except RecursionError:
        raise UsageError(
            f"{where}: not a baseline (it nests lists or objects too deeply to be read)",
            hint=f"record one with --write-baseline {inert(file)}",
        ) from None
    return Baseline(file, os.path.dirname(os.path.abspath(file)), _counts(document, where))


def _counts(document: object, where: str) -> Counter[Fingerprint]:
    def wrong(what: str) -> UsageError:
        return UsageError(f"{where}: {what}", hint="record it again with --write-baseline")

    if not isinstance(document, dict) or document.get("modelsunset") != FORMAT:
        raise wrong('not a baseline (no "modelsunset": "baseline")')
    version = document.get("version")
    # true and 1.0 equal 1 in Python, but neither is the whole number a baseline is written with.
    if type(version) is not int or version != VERSION:
        import json

        scalar = version is None or isinstance(version, (bool, int, float, str))
        shown = clipped(json.dumps(version)) if scalar else f"of a {type(version).__name__}"
        raise wrong(f"version {shown} is not one this modelsunset reads")
    findings = document.get("findings")
    if not isinstance(findings, list):
        raise wrong('"findings" must be a list')
    counts: Counter[Fingerprint] = Counter()
    for number, item in enumerate(findings, 1):
        if not isinstance(item, dict):
            raise wrong(f"finding {number} is not an object")
        path, match, text = item.get("path"), item.get("match"), item.get("text", "")
        count = item.get("count", 1)
        if path is not None and not isinstance(path, str):
            raise wrong(f'finding {number}: "path" must be a string or null')
        if not isinstance(match, str) or not match:
            raise wrong(f'finding {number}: "match" must be a name')
        if not isinstance(text, str):
            raise wrong(f'finding {number}: "text" must be a string')
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise wrong(f'finding {number}: "count" must be a whole number, 1 or more')
        counts[(path, match, normalised(text))] += count
    return counts
