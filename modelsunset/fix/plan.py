"""From ``check``'s occurrences, the files' bytes and the catalogue to edits and a
checklist. Pure: no files, no clock, no terminal.

An occurrence is considered on the surfaces it is judged on, as ``check`` judges it: the
surface of a prefix right before it (``azure/gpt-4o``, for a catalogue whose surfaces
declare prefixes) or of a surface alias; else every surface checked (``--surface``,
default ``api``) that the model is offered on. It needs a change where ``check`` would
report it (retired, or retiring within ``warn_within`` days). Its target is the model at
the end of the chain: what answers on D for a retired model, what answers on the day it
goes for a retiring one (``gpt-4-0314 → gpt-4-0613 → gpt-4.1`` gives ``gpt-4.1``, not
the first step).

The id is rewritten only when that target is a drop-in; otherwise the occurrence goes on
the checklist with the reason. A drop-in is:

* the same answer on every surface the occurrence is judged on, and available (offered
  and not retired) on each of them on D, where the model still is too;
* of the same provider, and of the same kind (``kinds``: never a completion model to a
  chat model, nor an embedding model to a chat model);
* not itself retiring within ``fail_within`` days;
* with ``only_automatic``, reached by fallbacks alone (the provider moves calls there
  itself); by default a replacement counts too;
* an id on its own: not inside a URL, not the base of a fine-tuned model (``ft:gpt-...``).

Only the bytes of the id change: a prefix before it (``azure/``, ``openrouter/openai/``),
the quotes around it and everything else on the line stay. An alias is written in the
same spelling when the target has one (``gpt-35-turbo-0301`` on Azure gives
``gpt-35-turbo-0125``, not ``gpt-3.5-turbo-0125``); a surface alias gives the target's
alias on that surface.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from modelsunset.check.match import ends_token, starts_token
from modelsunset.fix.recorded import is_notebook, notebook_source_lines, own_lines, recorded
from modelsunset.fix.targets import Settings, Targets, spelled

if TYPE_CHECKING:
    from modelsunset.check.scan import Occurrence
    from modelsunset.model import Catalogue, Model

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Edit:
    """``old`` at byte ``start`` of line ``line`` (as read: ``text``) becomes ``new``."""

    path: str
    line: int
    column: int
    start: int
    old: str
    new: str
    model: str
    text: bytes  # the whole line as it was read, without its newline


@dataclass(frozen=True, slots=True)
class Review:
    """An occurrence left for people, and why (``gpt-4.5-preview -> gpt-4.1: ...``)."""

    path: str
    line: int
    column: int
    reason: str


@dataclass(slots=True)
class Plan:
    edits: list[Edit] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)
    recorded: dict[str, tuple[str, int]] = field(default_factory=dict)  # path: (what, ids)


class Planner:
    def __init__(self, catalogue: Catalogue, settings: Settings) -> None:
        from modelsunset.names import NameIndex

        self.catalogue = catalogue
        self.settings = settings
        self.index = NameIndex(catalogue.models, catalogue.surfaces)
        self.prefixes = self.index.prefixes
        self.targets = Targets(catalogue, settings)
        self._lines: dict[str, Lines] = {}

    def plan(self, occurrences: Sequence[Occurrence], contents: Mapping[str, bytes | None]) -> Plan:
        from modelsunset.check.waivers import covering

        result = Plan()
        notebooks: dict[str, frozenset[int]] = {}
        own: dict[str, tuple[str, frozenset[int] | None] | None] = {}
        for found in occurrences:
            if found.model is None:
                continue
            what = recorded(found.path)
            data = contents.get(found.path)
            if what is None and data is not None:
                if found.path not in own:
                    own[found.path] = own_lines(found.path, data)
                mine = own[found.path]
                if mine is not None and (mine[1] is None or found.line in mine[1]):
                    what = mine[0]
            if what is None and is_notebook(found.path) and data is not None:
                if found.path not in notebooks:
                    notebooks[found.path] = notebook_source_lines(data)
                if found.line not in notebooks[found.path]:
                    what = "a notebook's outputs or metadata"
            waiver = covering(found, self.settings.waivers, self.settings.on)[0]
            if what is None and waiver is not None:
                reason = f"{found.model}: {waiver.words(self.settings.on)}; not rewritten"
                result.review.append(Review(found.path, found.line, found.column, reason))
                continue
            if what is not None:
                _, count = result.recorded.get(found.path, (what, 0))
                result.recorded[found.path] = (what, count + 1)
                continue
            outcome = self._one(found, data)
            if isinstance(outcome, Edit):
                result.edits.append(outcome)
            elif outcome is not None:
                result.review.append(Review(found.path, found.line, found.column, outcome))
        return result

    def _one(self, found: Occurrence, data: bytes | None) -> Edit | str | None:
        """The edit for one occurrence, the reason it gets none, or None (nothing to do)."""
        assert found.model is not None
        model = self.catalogue.models[found.model]
        if data is None:
            return f"{found.match}: {found.path} could not be read again; not rewritten"
        if found.path not in self._lines:
            self._lines[found.path] = Lines(data)
        place = _locate(self._lines[found.path], found)
        if place is None:
            return f"{found.match}: the line changed since the scan; not rewritten"
        text, start = place
        surfaces = self._judged(found, model, text[:start])
        verdicts = {surface: self.targets.verdict(model.id, surface) for surface in surfaces}
        flagged = {surface: v for surface, v in verdicts.items() if v.flagged}
        if not flagged:
            return None
        for verdict in flagged.values():
            if verdict.reason is not None:
                return verdict.reason
        targets = {surface: v.target for surface, v in flagged.items()}
        if len(set(targets.values())) > 1:
            each = ", ".join(f"{surface}: {target}" for surface, target in targets.items())
            return f"{model.id}: the answer differs by surface ({each}), review"
        target = next(iter(targets.values()))
        assert target is not None
        for surface in surfaces:
            if surface not in flagged and not self.targets.available(target, surface):
                return (
                    f"{model.id} -> {target}: {target} is not available on {surface}, "
                    f"where {model.id} still is, review"
                )
        context = _context(text, start, start + len(found.match.encode("utf-8")))
        if context is not None:
            return f"{model.id} -> {target}: {context}, review"
        only = next(iter(flagged)) if len(flagged) == 1 else None
        new = spelled(self.catalogue, self.index, found.match, model, target, only)
        return Edit(found.path, found.line, found.column, start, found.match, new, model.id, text)

    def _judged(self, found: Occurrence, model: Model, before: bytes) -> list[str]:
        """The surfaces an occurrence is judged on (see the module)."""
        own = getattr(found, "surface", None)  # where check itself says so
        if isinstance(own, str):
            return [own] if own in model.entries else []
        held = self.index.on_surface.get(found.match)
        if held is not None and held[0] == model.id:
            return [held[1]]
        lowered = before.decode("utf-8", "replace").lower()
        for prefix, surface in self.prefixes:
            if lowered.endswith(prefix.lower()):
                return [surface] if surface in model.entries else []
        return [surface for surface in self.settings.surfaces if surface in model.entries]


def plan(
    catalogue: Catalogue,
    settings: Settings,
    occurrences: Sequence[Occurrence],
    contents: Mapping[str, bytes | None],
) -> Plan:
    """The edits and the checklist for these occurrences, whose files hold ``contents``."""
    return Planner(catalogue, settings).plan(occurrences, contents)


class Lines:
    """The lines of some bytes, found by number (from 1) without reading from the start
    each time; a line is given without its newline (a CR stays)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0]
        found = data.find(b"\n")
        while found != -1:
            self.starts.append(found + 1)
            found = data.find(b"\n", found + 1)

    def __getitem__(self, number: int) -> bytes | None:
        if not 1 <= number <= len(self.starts):
            return None
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.data)
        return self.data[start:end]


def _characters(data: bytes) -> int:
    return len(data) if data.isascii() else len(data.decode("utf-8", errors="replace"))


def _locate(lines: Lines, found: Occurrence) -> tuple[bytes, int] | None:
    """The line of an occurrence and the byte where its name starts, if the line still
    reads as the scan saw it: the name at its column, as a whole token, and the text
    the scan kept the same."""
    text = lines[found.line]
    if text is None:
        return None
    name = found.match.encode()
    skip = len(_BOM) if found.line == 1 and text.startswith(_BOM) else 0
    start = text.find(name, skip)
    while start != -1:
        if (
            _characters(text[skip:start]) + 1 == found.column
            and starts_token(text, start)
            and ends_token(text, start + len(name))
        ):
            break
        start = text.find(name, start + 1)
    if start == -1:
        return None
    shown = text.rstrip(b"\r").decode("utf-8", errors="replace")
    kept = found.text.strip("…")
    if (shown != found.text) if kept == found.text else (kept not in shown):
        return None
    return text, start


def _context(text: bytes, start: int, end: int) -> str | None:
    """Why the id at ``text[start:end]`` is not one to rewrite: in a URL, the base of a
    fine-tuned model, or a test of a name (the model's name is what is tested, not what
    is called: another name would test something else)."""
    before = text[:start]
    if before.endswith(b"ft:"):
        return "the base of a fine-tuned model (ft:...), which keeps its own id"
    word = max(before.rfind(stop) for stop in (b" ", b"\t", b'"', b"'", b"`", b"(", b"<", b"["))
    if b"://" in before[word + 1 :]:
        return "part of a URL"
    test = _name_test(text, start, end)
    if test is not None:
        return f"a test of a name ({test}), which another name would change"
    return None


# A quoted name tested by a method or operator: `model.startswith("gpt-4")` (also in a
# tuple of names, `startswith(("o1", "o3"))`), `"gpt-4" in model`, `name.includes('o3')`.
_TESTED_BY = re.compile(
    rb"\b(startswith|endswith|startsWith|endsWith|includes|contains|indexOf)"
    rb"\(\s*[(\[]?\s*(?:(?:\"[^\"\n]*\"|'[^'\n]*')\s*,\s*)*$"
)
_TESTED_IN = re.compile(rb"\s+(not\s+)?in\s+[A-Za-z_]")


def _name_test(text: bytes, start: int, end: int) -> str | None:
    """The test a quoted name at ``text[start:end]`` is in, if it is one (see above)."""
    if (
        start == 0
        or end >= len(text)
        or text[start - 1] not in b"\"'"
        or text[end] != text[start - 1]
    ):
        return None
    method = _TESTED_BY.search(text, max(0, start - 200), start - 1)
    if method is not None:
        return method.group(1).decode("ascii")
    inside = _TESTED_IN.match(text, end + 1)
    if inside is not None:
        return "not in" if inside.group(1) else "in"
    return None
