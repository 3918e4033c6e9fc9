"""Waivers: findings a team has decided to live with for a while, on the record.

A waiver names a model (an id or an alias: it covers the model the name finds), and may
name a path pattern; it says why (``reason``), who answers for it (``owner``) and until
when (``expires``, a day). A finding of that model, in a file the pattern matches, does
not fail the gate until that day (included); the report says "waived until 2027-01-31 by
team-x: reason". From the day after, the waiver has expired: its findings fail again,
and the report says the waiver expired.

Waivers live in ``[tool.modelsunset]`` (``waivers = [{model = "gpt-4o", ...}]``) or in a
file given with ``--waivers FILE``: TOML (``[[waivers]]`` tables, or ``waivers = [...]``)
or, for a name ending in ``.json``, JSON (a list, or an object with a ``waivers`` list).
Both count when both are there.

Path patterns are read relative to the folder of the file that holds them, with ``/``:
``*`` is any part of a name, ``?`` one character, ``[abc]`` one of those, ``**`` any
number of folders; a pattern without ``/`` matches a name in any folder (``*.md``), and a
pattern that matches a folder matches everything in it (``legacy`` is ``legacy/**``).
No pattern: the model anywhere.

Keys other than ``model``, ``path``, ``reason``, ``owner`` and ``expires``, a missing or
empty one (all but ``path`` are needed), a day that is not a day and a model the
catalogue does not know are usage errors (exit 2) that name the file and the waiver.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from modelsunset.errors import UsageError
from modelsunset.wording import inert, quoted

if TYPE_CHECKING:
    from modelsunset.check.report import Finding
    from modelsunset.model import Catalogue

KEYS = ("model", "path", "reason", "owner", "expires")


class Placed(Protocol):
    """What a waiver is matched against: a finding, or an occurrence (for ``fix``)."""

    @property
    def path(self) -> str | None: ...
    @property
    def model(self) -> str | None: ...


MAX_BYTES = 16 * 1024 * 1024


class Waiver(NamedTuple):
    model: str
    path: str | None
    reason: str
    owner: str
    expires: date
    base: str  # the folder paths are relative to
    origin: str  # for messages: ``waivers.toml: waiver 2``

    def expired(self, on: date) -> bool:
        return on > self.expires

    def words(self, on: date) -> str:
        """``waived until 2027-01-31 by team-x: reason`` (or ``waiver expired ...``)."""
        if self.expired(on):
            return f"waiver expired on {self.expires.isoformat()} (by {self.owner}: {self.reason})"
        return f"waived until {self.expires.isoformat()} by {self.owner}: {self.reason}"

    def fields(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "path": self.path,
            "reason": self.reason,
            "owner": self.owner,
            "expires": self.expires.isoformat(),
        }


def parse(items: object, origin: str, base: str) -> tuple[Waiver, ...]:
    """The waivers of a list of tables; ``origin`` names their file for messages."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise UsageError(
            f"{origin}: 'waivers' must be a list of tables",
            hint='for example waivers = [{model = "gpt-4o", reason = "...", '
            'owner = "team-x", expires = 2027-01-31}]',
        )
    return tuple(
        _one(item, f"{origin}: waiver {number}", base) for number, item in enumerate(items, 1)
    )


def _one(item: object, where: str, base: str) -> Waiver:
    if not isinstance(item, dict):
        raise UsageError(f"{where} must be a table (model, path, reason, owner, expires)")
    for key in item:
        if key not in KEYS:
            raise UsageError(
                f"{where}: unknown key {quoted(key)}", hint=f"the keys are {', '.join(KEYS)}"
            )

    def text(key: str, needed: bool = True) -> str | None:
        value = item.get(key)
        if value is None and not needed:
            return None
        if not isinstance(value, str) or not value.strip():
            problem = "is missing" if value is None else "must be a text that is not empty"
            raise UsageError(f"{where}: '{key}' {problem}", hint=f"every waiver needs {key}")
        return value.strip()

    model, path = text("model"), text("path", needed=False)
    reason, owner = text("reason"), text("owner")
    assert model is not None and reason is not None and owner is not None
    _pattern(path, where)  # a pattern that cannot be read is an error now, not later
    return Waiver(model, path, reason, owner, _day(item.get("expires"), where), base, where)


def _day(value: object, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problem = "is missing" if value is None else f"must be a day (YYYY-MM-DD), not {value!r}"
    raise UsageError(f"{where}: 'expires' {problem}", hint="for example expires = 2027-01-31")


def read(file: str) -> tuple[Waiver, ...]:
    """The waivers of a ``--waivers`` file (TOML, or JSON for a ``.json`` name)."""
    import json
    import tomllib

    from modelsunset.files import read_regular

    where = f"--waivers {inert(file)}"
    try:
        data = read_regular(file, MAX_BYTES)
    except FileNotFoundError:
        raise UsageError(f"{where}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{where}: cannot read it: {exc.strerror or exc}") from None
    if data is None or len(data) > MAX_BYTES:
        raise UsageError(f"{where}: not a regular file of at most 16 MiB")
    try:
        text = data.decode("utf-8")
        document: object = json.loads(text) if file.endswith(".json") else tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError(f"{where}: not UTF-8 text") from None
    except ValueError as exc:  # JSONDecodeError and TOMLDecodeError are ValueErrors
        kind = "JSON" if file.endswith(".json") else "TOML"
        raise UsageError(f"{where}: not valid {kind}: {exc}") from None
    except RecursionError:
        raise UsageError(
            f"{where}: nests lists or tables too deeply to be read",
            hint="waivers are a flat list of tables of strings",
        ) from None
    if isinstance(document, dict):
        unknown = [key for key in document if key != "waivers"]
        if unknown:
            raise UsageError(
                f"{where}: unknown key {quoted(unknown[0])}", hint="the file holds a 'waivers' list"
            )
        document = document.get("waivers", [])
    return parse(document, inert(file), os.path.dirname(os.path.abspath(file)))


def resolved(waivers: Iterable[Waiver], catalogue: Catalogue) -> list[tuple[Waiver, str]]:
    """Each waiver with the id of the model it names; an unknown model is a usage error."""
    from modelsunset.names import NameIndex, did_you_mean, suggest

    waivers = list(waivers)
    if not waivers:
        return []
    index = NameIndex(catalogue.models)
    found: list[tuple[Waiver, str]] = []
    for waiver in waivers:
        model_id = index.lookup(waiver.model)
        if model_id is None:
            close = did_you_mean(suggest(waiver.model, [*catalogue.models, *index.by_alias]))
            raise UsageError(f"{waiver.origin}: unknown model {quoted(waiver.model)}", hint=close)
        found.append((waiver, model_id))
    return found


def apply(
    findings: Sequence[Finding], waivers: Sequence[tuple[Waiver, str]], on: date
) -> tuple[list[Finding], list[tuple[Finding, Waiver]], list[tuple[Finding, Waiver]]]:
    """(findings no waiver covers, waived findings, findings whose waiver expired). A
    finding two waivers match is waived by the first that has not expired."""
    left: list[Finding] = []
    waived: list[tuple[Finding, Waiver]] = []
    expired: list[tuple[Finding, Waiver]] = []
    for finding in findings:
        current, gone = covering(finding, waivers, on)
        if current is not None:
            waived.append((finding, current))
        elif gone is not None:
            expired.append((finding, gone))
        else:
            left.append(finding)
    return left, waived, expired


def covering(
    found: Placed, waivers: Sequence[tuple[Waiver, str]], on: date
) -> tuple[Waiver | None, Waiver | None]:
    """(the first waiver in force that covers ``found``, else None; the first expired one
    that covers it, else None)."""
    matching = [
        waiver
        for waiver, model_id in waivers
        if model_id == found.model and _covers(waiver, _pattern(waiver.path, waiver.origin), found)
    ]
    current = next((waiver for waiver in matching if not waiver.expired(on)), None)
    return current, (matching[0] if matching and current is None else None)


def _covers(waiver: Waiver, pattern: re.Pattern[str] | None, finding: Placed) -> bool:
    if pattern is None:
        return True
    if finding.path is None:
        return False
    from modelsunset.check.baseline import relative

    path = relative(finding.path, waiver.base)
    return path is not None and pattern.fullmatch(path) is not None


@functools.lru_cache(maxsize=256)
def _pattern(glob: str | None, where: str) -> re.Pattern[str] | None:
    """A path pattern as a regular expression over paths with ``/`` (see the module)."""
    if glob is None:
        return None
    text = glob.strip().replace("\\", "/")
    anchored = "/" in text.rstrip("/")
    text = text.strip("/") or "**"
    out = [] if anchored else ["(?:.*/)?"]
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if text.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[" and (close := text.find("]", index + 2)) != -1:
            inner = text[index + 1 : close]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            index = close + 1
            continue
        else:
            out.append(re.escape(char))
        index += 1
    try:
        return re.compile("".join(out) + "(?:/.*)?")
    except re.error:
        raise UsageError(
            f"{where}: 'path' {glob!r} is not a pattern modelsunset can read",
            hint="a pattern such as 'legacy/**', '*.md' or 'src/old_*.py'",
        ) from None


_HEADER = re.compile(r"\s*\[\[?\s*([^\]\s]+)\s*\]")


def table_lines(file: str) -> frozenset[int]:
    """The lines of the ``[tool.modelsunset]`` table (and its sub-tables) in a
    ``pyproject.toml``: from its header to the next header of another table."""
    from modelsunset.files import read_regular

    try:
        data = read_regular(file, MAX_BYTES)
    except OSError:
        return frozenset()
    return toml_lines(data or b"", lambda name: name == "tool.modelsunset")


def toml_lines(data: bytes, wanted: Callable[[str], bool]) -> frozenset[int]:
    """The lines of the TOML tables whose names ``wanted`` accepts (sub-tables included),
    each from its header to the next header of another table."""
    lines: set[int] = set()
    inside = False
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        header = _HEADER.match(line)
        if header is not None:
            name = header.group(1).replace('"', "").replace("'", "")
            inside = any(wanted(name[:cut]) for cut in _cuts(name))
        if inside:
            lines.add(number)
    return frozenset(lines)


def _cuts(name: str) -> list[int]:
    """Where a dotted table name can be cut to name a table it is inside of."""
    return [index for index, char in enumerate(name) if char == "."] + [len(name)]
