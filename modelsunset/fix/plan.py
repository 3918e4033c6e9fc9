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
* an id on its own: not inside a URL, not the base of a fine-tuned model (``ft:gpt-...``),
  not written as a regular expression (``gpt-4\\.1``), not a name being tested
  (``startswith("gpt-4")``), and not a key that would then be in its table twice (see
  ``context`` and ``keys``).

Only the bytes of the id change: a prefix before it (``azure/``, ``openrouter/openai/``),
the quotes around it and everything else on the line stay. An alias is written in the
same spelling when the target has one (``gpt-35-turbo-0301`` on Azure gives
``gpt-35-turbo-0125``, not ``gpt-3.5-turbo-0125``); a surface alias gives the target's
alias on that surface.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from modelsunset.check.kinds import Kind
from modelsunset.check.match import ends_token, starts_token
from modelsunset.fix.context import EARLIER, around
from modelsunset.fix.keys import is_key, keys_of, prefix_of
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
    key: bool = False  # a key of a table (``fix.keys``)


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
            if what is None and found.kind is Kind.RECORDED:
                # What check counts as recorded, by the rules of ``check.kinds`` (a
                # dataset, results, fixtures, an API description's example response):
                # never rewritten, as check never gates on it by default.
                what = "recorded data (check's kind: recorded)"
            if what is None and found.kind is Kind.PATTERN:
                # ``startswith("gpt-4")`` tests a family of names: another name there
                # would change what the code does.
                what = "a name tested as a pattern (check's kind: pattern)"
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
        _twice(result, contents)
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
        end = start + len(found.match.encode("utf-8"))
        context = around(text, start, end, self._lines[found.path].before(found.line, EARLIER))
        if context is not None:
            return f"{model.id} -> {target}: {context}, review"
        only = next(iter(flagged)) if len(flagged) == 1 else None
        new = spelled(self.catalogue, self.index, found.match, model, target, only)
        key = is_key(text, start, end)
        return Edit(
            found.path, found.line, found.column, start, found.match, new, model.id, text, key
        )

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


def _twice(result: Plan, contents: Mapping[str, bytes | None]) -> None:
    """Moves to the checklist the edits of keys that would give a table one key twice: two
    keys of a file rewritten to one, or a key rewritten to one the file has already (the
    prefix before the id kept: ``openai/gpt-4``; see ``fix.keys``)."""
    groups: dict[tuple[str, str], list[Edit]] = {}
    for edit in result.edits:
        if edit.key:
            prefix = prefix_of(edit.text, edit.start).decode("utf-8", "replace")
            groups.setdefault((edit.path, prefix + edit.new), []).append(edit)
    moved: set[int] = set()
    for (path, key), edits in groups.items():
        if len(edits) > 1:
            why = f"{len(edits)} keys of this file would all become {key}"
        elif keys_of(contents.get(path) or b"", key):
            why = f"{key} is a key in this file already"
        else:
            continue
        for edit in edits:
            moved.add(id(edit))
            reason = f"{edit.model} -> {edit.new}: {why}, which a table would hold twice, review"
            result.review.append(Review(edit.path, edit.line, edit.column, reason))
    if moved:
        result.edits = [edit for edit in result.edits if id(edit) not in moved]


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

    def before(self, number: int, most: int) -> bytes:
        """The ``most`` bytes before line ``number`` (fewer at the start of the data)."""
        start = self.starts[number - 1]
        return self.data[max(0, start - most) : start]

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
