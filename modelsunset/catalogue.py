"""Catalogue text -> Catalogue: safe YAML, layering, every rule of the format.

Only imported when a catalogue must be parsed (a cache miss), so PyYAML is imported at
the top here and nowhere on the warm path.

Pure: takes the bytes of each file (with the name to report it by) and returns a
checked ``Catalogue`` or raises ``CatalogueError`` listing every problem as
``FILE:LINE: message``. Reading files, the bundled catalogue and the cache live in
``loading.py``.

YAML is composed into nodes (never constructed into Python objects), so tags such as
``!!python/object`` are refused rather than run, duplicate keys are caught, and every
value keeps the line it was written on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from modelsunset.errors import CatalogueError, Problem
from modelsunset.model import Catalogue, Entry, Model, Provider, Surface
from modelsunset.names import did_you_mean, normalise, suggest

FORMAT_VERSION = 1

_T = "tag:yaml.org,2002:"
_NULL, _STR, _INT, _FLOAT, _BOOL, _TIMESTAMP = (
    _T + "null",
    _T + "str",
    _T + "int",
    _T + "float",
    _T + "bool",
    _T + "timestamp",
)
_MAP, _SEQ, _MERGE = _T + "map", _T + "seq", _T + "merge"
_SCALAR_TAGS = frozenset({_NULL, _STR, _INT, _FLOAT, _BOOL, _TIMESTAMP})
_DATA_TAGS = _SCALAR_TAGS | {_MAP, _SEQ}
# What YAML's resolver calls a plain `=` and `<<`; as values they are just text.
_PLAIN_TEXT_TAGS = frozenset({_T + "value", _MERGE})
# Something that may be an alias: `*name` after a space, a flow indicator or a byte-order
# mark (libyaml skips one at the start of any line).
_ALIAS_LIKE = re.compile(r"(?:^|[\s\[\]{},:\ufeff])\*[^\s,\[\]{}]", re.MULTILINE)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)  # HTTPS:// is https://
_DIGITS = re.compile(r"[0-9]+")
_ID = re.compile(r"[^\s\x00-\x1f\x7f]+")

TOP_KEYS = ("version", "updated", "providers", "surfaces", "models")
PROVIDER_FIELDS = {"name": "name", "url": "url"}
SURFACE_FIELDS = {"name": "name", "provider": "id", "description": "text"}
MODEL_FIELDS = {"name": "name", "provider": "id", "aliases": "aliases", "surfaces": "entries"}
ENTRY_FIELDS = {
    "since": "date",
    "announced": "date",
    "retires": "date",
    "fallback": "id",
    "replacement": "id",
    "source": "url",
    "checked": "date",
    "note": "text",
}
DATE_FIELDS = ("since", "announced", "retires", "checked")


class _Invalid:
    """Marks a value that was reported as wrong, so later checks stay quiet about it."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = _Invalid()


@dataclass(slots=True)
class Loc:
    """A value (``None`` when written as null) and the place it was written."""

    value: Any
    file: str
    line: int


@dataclass(slots=True)
class Obj:
    """A provider, surface, model or entry as written: its fields and where it starts."""

    file: str
    line: int
    fields: dict[str, Loc] = field(default_factory=dict)
    entries: dict[str, Obj] = field(default_factory=dict)
    broken: bool = False  # written as something other than a mapping (and reported)


@dataclass(slots=True)
class Layer:
    """One file's contribution, before layering."""

    file: str
    version: Loc | None = None
    updated: Loc | None = None
    providers: dict[str, Obj] = field(default_factory=dict)
    surfaces: dict[str, Obj] = field(default_factory=dict)
    models: dict[str, Obj] = field(default_factory=dict)


def _kind(node: Any) -> str:

    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "empty (null)"
    return f"'{node.value}'"


_EXPECTED = {
    "text": "a string",
    "name": "a string",
    "id": "an id",
    "url": "an http(s) URL",
    "date": "a date (YYYY-MM-DD)",
    "int": "a whole number",
}


def _labelled(kind: str) -> Callable[[str], str]:
    """How an object of the top-level tables is named in messages: ``model gpt-4o``."""
    return lambda key: f"{kind} {key}"


def _line(node: Any) -> int:
    """The line a node starts on, counted from 1."""
    return int(node.start_mark.line) + 1


def _parses_as_url(text: str) -> bool:
    """Whether the address can be taken apart (``https://[::1`` cannot)."""
    from urllib.parse import urlsplit

    try:
        _ = urlsplit(text).port  # reading the port checks it
    except ValueError:
        return False
    return True


def _line_of_offset(text: bytes | str, offset: int) -> int:
    newline: Any = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, offset) + 1


class _Reader:
    """Reads one file's nodes into a ``Layer``, collecting problems as it goes."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        # Nodes met so far, by id, when the text may hold an alias (it has a `*`).
        self.seen: set[int] | None = None
        self.aliased = False
        self.alias_problems: dict[int | None, Problem] = {}

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, hint))

    # -- reading YAML -----------------------------------------------------------------

    def compose(self, data: bytes) -> Any:

        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.problem(
                _line_of_offset(data, exc.start),
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
                "save the file as UTF-8",
            )
            return None
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        last_line = text.count("\n") + 1
        try:
            root = yaml.compose(text, Loader=loader)
            if "*" in text:  # `in` first: a hundred times faster than the search
                # Only an alias (`*name`) makes one node appear twice: from here on every
                # node is remembered, so none is walked twice.
                self.seen = set()
            if self.seen is not None and _ALIAS_LIKE.search(text):
                self.refuse_aliases(yaml.parse(text, Loader=loader))
            return root
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = min(mark.line + 1, last_line) if mark is not None else None
            what = exc.problem or exc.context or "not valid YAML"
            lines = text.splitlines()
            at_tab = mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]
            hint = (
                "indent with spaces; YAML does not allow tabs"
                if at_tab or "tab" in what
                else "check the YAML syntax near this line"
            )
            self.problem(line, f"not valid YAML: {what}", hint)
        except yaml.YAMLError as exc:
            position = getattr(exc, "position", None)
            line = None
            if isinstance(position, int):
                # libyaml counts bytes of UTF-8, the pure-Python reader characters.
                counted = text.encode() if loader is not yaml.SafeLoader else text
                line = min(_line_of_offset(counted, position), last_line)
            reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
            self.problem(line, f"not valid YAML: {reason}", "check the YAML syntax near this line")
        except RecursionError:
            self.problem(None, "not a catalogue: values are nested too deeply")
        return None

    def refuse_aliases(self, events: Any) -> None:
        """Report every alias (``*name``) where it is written.

        Composed nodes cannot tell an alias from the value it repeats, so the events are
        read once more, only for files that contain something that looks like an alias.
        """

        for event in events:
            if isinstance(event, yaml.AliasEvent):
                self.aliased = True
                mark = event.start_mark
                line = mark.line + 1 if mark is not None else None
                self.problem(
                    line,
                    "YAML anchors and aliases (&name, *name) are not supported in a "
                    f"catalogue (here: *{event.anchor})",
                    "write the value out in full",
                )
                self.alias_problems[line] = self.problems[-1]

    def visit(self, node: Any, line: int) -> bool:
        """Refuse anything beyond plain data: tags and anchors/aliases."""
        if self.seen is not None:
            if id(node) in self.seen:
                # A node met twice is an alias; it was reported where it is written (and
                # is never walked twice, so a "billion laughs" is not expanded).
                if not self.aliased:
                    self.problem(
                        line,
                        "YAML anchors and aliases (&name, *name) are not supported in a catalogue",
                        "write the value out in full",
                    )
                return False
            self.seen.add(id(node))
        if node.tag in _DATA_TAGS:
            return True
        if node.tag in _PLAIN_TEXT_TAGS and not getattr(node, "style", None):
            return True  # a plain `=` or `<<` value is text; only a `<<` key merges
        tag = node.tag.replace(_T, "!!")
        self.problem(
            node.start_mark.line + 1,
            f"the tag {tag} is not allowed: a catalogue is plain data",
            "remove the tag",
        )
        return False

    def pairs(self, node: Any, where: str) -> list[tuple[str, int, Any]]:
        """The (key, line, value node) pairs of a mapping; duplicate keys are errors."""

        found: list[tuple[str, int, Any]] = []
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE:
                # `<<: *base` is one thing wrong, the merge, not an alias besides.
                aliased = self.alias_problems.pop(line, None)
                if aliased is not None:
                    self.problems.remove(aliased)
                self.problem(
                    line, "merge keys (<<) are not supported", "write the keys out in full"
                )
                continue
            if not isinstance(key_node, ScalarNode) or not self.visit(key_node, line):
                if not isinstance(key_node, ScalarNode):
                    self.problem(
                        line, f"a key in {where} must be a plain name, not {_kind(key_node)}"
                    )
                continue
            key = key_node.value
            if key in first:
                self.problem(
                    line,
                    f"duplicate key '{key}' in {where} (first written at line {first[key]})",
                    "keep one of them; YAML would silently drop the first",
                )
                continue
            first[key] = line
            found.append((key, line, value_node))
        return found

    def unknown(self, key: str, line: int, where: str, allowed: Sequence[str]) -> None:
        self.problem(
            line,
            f"unknown key '{key}' in {where}; allowed: {', '.join(allowed)}",
            did_you_mean(suggest(key, allowed, limit=1)),
        )

    # -- values -----------------------------------------------------------------------

    def scalar(self, node: Any, line: int, what: str, expected: str) -> str | _Invalid | None:
        """The text of a scalar; None for null; INVALID (reported) otherwise."""

        if not self.visit(node, line):
            return INVALID
        if not isinstance(node, ScalarNode):
            self.problem(node.start_mark.line + 1, f"{what} must be {expected}, not {_kind(node)}")
            return INVALID
        if node.tag == _NULL:
            return None
        text: str = node.value
        if not text.strip():
            self.problem(
                node.start_mark.line + 1,
                f"{what} is empty",
                "give a value, or remove the key",
            )
            return INVALID
        return text

    def value(self, kind: str, node: Any, line: int, what: str) -> Any:
        """Check a field value by its kind; returns the value, None or INVALID."""
        if kind == "aliases":
            return self.aliases(node, line, what)
        text = self.scalar(node, line, what, _EXPECTED[kind])
        if text is None or text is INVALID or kind == "text":
            return text
        assert isinstance(text, str)
        if kind == "name":
            # Names head table rows and start notices: one line, nothing a terminal obeys.
            if _NOT_ONE_LINE.search(text):
                self.problem(
                    _line(node),
                    f"{what} is not one line of text: it holds a line break or control character",
                    "write the name on one line",
                )
                return INVALID
            return text
        if kind == "date":
            return self.date(text, node, what)
        if kind == "id":
            if not _ID.fullmatch(text):
                self.problem(_line(node), f"{what} '{text}' is not an id: ids have no spaces")
                return INVALID
            return text
        if kind == "url":
            if not _URL.fullmatch(text) or not _parses_as_url(text):
                self.problem(
                    _line(node),
                    f"{what} '{text}' is not an http(s) URL",
                    "write the whole address, starting with https://",
                )
                return INVALID
            return text
        if node.tag != _INT or not _DIGITS.fullmatch(text):
            self.problem(_line(node), f"{what} must be a whole number, not {_kind(node)}")
            return INVALID
        return int(text)

    def date(self, text: str, node: Any, what: str) -> date | _Invalid:
        if not _DATE.fullmatch(text):
            hint = "write it as YYYY-MM-DD"
            if _DATE.match(text):
                hint = f"a date has no time of day here: write {text[:10]}"
            self.problem(_line(node), f"{what} '{text}' is not a date", hint)
            return INVALID
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problem(_line(node), f"{what} {text} is not a real calendar date")
            return INVALID

    def aliases(self, node: Any, line: int, what: str) -> Any:

        if not self.visit(node, line):
            return INVALID
        if node.tag == _NULL:
            return None
        if not isinstance(node, SequenceNode):
            self.problem(
                node.start_mark.line + 1,
                f"{what} must be a list of names, not {_kind(node)}",
                "write it as [name, other-name]",
            )
            return INVALID
        names: list[tuple[str, int]] = []
        for item in node.value:
            at = item.start_mark.line + 1
            if isinstance(item, ScalarNode) and (item.tag == _NULL or not item.value.strip()):
                self.visit(item, at)
                self.problem(at, f"an alias in {what} is empty", "remove it from the list")
                continue
            text = self.scalar(item, at, f"an alias in {what}", "a name")
            if isinstance(text, str):
                names.append((text, at))
        return tuple(names)

    # -- structure --------------------------------------------------------------------

    def fields(self, node: Any, line: int, where: str, schema: dict[str, str]) -> Obj:

        obj = Obj(self.file, line)
        if not self.visit(node, line):
            obj.broken = True
            return obj
        if node.tag == _NULL:
            return obj
        if not isinstance(node, MappingNode):
            self.problem(
                node.start_mark.line + 1,
                f"{where} must be a mapping of keys ({', '.join(schema)}), not {_kind(node)}",
            )
            obj.broken = True
            return obj
        for key, key_line, value_node in self.pairs(node, where):
            kind = schema.get(key)
            if kind is None:
                self.unknown(key, key_line, where, list(schema))
            elif kind == "entries":
                entries = self.table(
                    value_node,
                    key_line,
                    f"surfaces of {where}",
                    "surface",
                    "entries",
                    ENTRY_FIELDS,
                    lambda surface: f"{where} on {surface}",
                )
                obj.entries = entries or {}
                obj.fields[key] = Loc(True if entries is not None else INVALID, self.file, key_line)
            else:
                value = self.value(kind, value_node, key_line, f"{key} of {where}")
                obj.fields[key] = Loc(value, self.file, key_line)
        return obj

    def table(
        self,
        node: Any,
        line: int,
        what: str,
        kind: str,
        things: str,
        schema: dict[str, str],
        label: Callable[[str], str],
    ) -> dict[str, Obj] | None:
        """A mapping of ids to objects of ``schema`` (providers, surfaces, models, a
        model's entries); None when the value is not a mapping (reported)."""
        found: dict[str, Obj] = {}
        if not self.visit(node, line):
            return None
        if node.tag == _NULL:
            return found
        if not isinstance(node, MappingNode):
            self.problem(
                _line(node),
                f"{what} must be a mapping of {kind} ids to {things}, not {_kind(node)}",
            )
            return None
        for key, key_line, value_node in self.pairs(node, what):
            if not key.strip():
                self.problem(key_line, f"a {kind} id is empty", f"give the {kind} an id")
                continue
            if not _ID.fullmatch(key):
                self.problem(key_line, f"{kind} id '{key}' is not an id: ids have no spaces")
                continue
            found[key] = self.fields(value_node, key_line, label(key), schema)
        return found

    def layer(self, data: bytes) -> Layer | None:

        root = self.compose(data)
        if root is not None and root.tag == _NULL and not isinstance(root, MappingNode):
            root = None  # a document with nothing in it (`---` alone)
        if root is None:
            if not any(p.file == self.file for p in self.problems):
                self.problem(
                    1,
                    "the catalogue is empty",
                    "a catalogue starts with `version: 1`, then providers, surfaces and models",
                )
            return None
        if not isinstance(root, MappingNode):
            self.problem(
                root.start_mark.line + 1,
                f"the top of a catalogue must be a mapping ({', '.join(TOP_KEYS)}), "
                f"not {_kind(root)}",
            )
            return None
        if self.seen is not None:
            self.seen.add(id(root))
        layer = Layer(self.file)
        for key, line, value_node in self.pairs(root, "the top level"):
            if key == "version":
                layer.version = Loc(self.value("int", value_node, line, "version"), self.file, line)
            elif key == "updated":
                layer.updated = Loc(
                    self.value("date", value_node, line, "updated"), self.file, line
                )
            elif key == "providers":
                layer.providers = (
                    self.table(
                        value_node,
                        line,
                        "providers",
                        "provider",
                        "providers",
                        PROVIDER_FIELDS,
                        _labelled("provider"),
                    )
                    or {}
                )
            elif key == "surfaces":
                layer.surfaces = (
                    self.table(
                        value_node,
                        line,
                        "surfaces",
                        "surface",
                        "surfaces",
                        SURFACE_FIELDS,
                        _labelled("surface"),
                    )
                    or {}
                )
            elif key == "models":
                layer.models = (
                    self.table(
                        value_node,
                        line,
                        "models",
                        "model",
                        "models",
                        MODEL_FIELDS,
                        _labelled("model"),
                    )
                    or {}
                )
            else:
                self.unknown(key, line, "the top level", TOP_KEYS)
        self.check_version(layer)
        return layer

    def check_version(self, layer: Layer) -> None:
        version = layer.version
        if version is None:
            self.problem(1, "no `version`", "start the file with `version: 1`")
        elif version.value is None:
            self.problem(version.line, "version is empty", "write `version: 1`")
        elif version.value is not INVALID and version.value != FORMAT_VERSION:
            if version.value > FORMAT_VERSION:
                self.problem(
                    version.line,
                    f"catalogue format version {version.value} needs a newer modelsunset "
                    f"(this one reads version {FORMAT_VERSION})",
                    "upgrade: pip install --upgrade modelsunset",
                )
            else:
                self.problem(
                    version.line,
                    f"unknown catalogue format version {version.value}",
                    f"write `version: {FORMAT_VERSION}`",
                )


# -- layering ---------------------------------------------------------------------------


def _merge_obj(target: Obj, extra: Obj) -> None:
    """Later fields win, one by one; an entry written as null changes nothing."""
    target.broken = target.broken or extra.broken
    target.fields.update(extra.fields)
    for surface, entry in extra.entries.items():
        if surface in target.entries:
            target.entries[surface].fields.update(entry.fields)
        else:
            target.entries[surface] = entry


def _merge(layers: Sequence[Layer]) -> Layer:
    merged = Layer(layers[0].file)
    for layer in layers:
        if layer.updated is not None:
            merged.updated = layer.updated
        for table in ("providers", "surfaces", "models"):
            target: dict[str, Obj] = getattr(merged, table)
            for key, obj in getattr(layer, table).items():
                if key in target:
                    _merge_obj(target[key], obj)
                else:
                    target[key] = Obj(
                        obj.file,
                        obj.line,
                        dict(obj.fields),
                        {
                            s: Obj(e.file, e.line, dict(e.fields), broken=e.broken)
                            for s, e in obj.entries.items()
                        },
                        broken=obj.broken,
                    )
    return merged


# -- checking the whole -----------------------------------------------------------------


def _get(obj: Obj, key: str) -> Any:
    loc = obj.fields.get(key)
    return None if loc is None else loc.value


def _ok(value: Any) -> bool:
    return value is not None and value is not INVALID


class _Checker:
    def __init__(self, merged: Layer, problems: list[Problem], order: dict[str, int]) -> None:
        self.merged = merged
        self.problems = problems
        self.order = order  # file -> its place in the layering

    def later(self, *locs: Loc) -> Loc:
        """The value written last: in the later file, then further down."""
        return max(locs, key=lambda loc: (self.order.get(loc.file, -1), loc.line))

    def problem(self, loc: Loc | Obj, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(loc.file, loc.line, message, hint))

    def placed(self, *locs: Loc, later_line: bool = False) -> tuple[Loc, list[str]]:
        """Where to report a rule broken by values together, and how to name each value's
        place: within one file, at the first of them (or, with ``later_line``, at the one
        furthest down); across files, in the latest file (an overlay's change, usually),
        each value from another file named " (from FILE:LINE)", the others "".
        """
        one_file = len({loc.file for loc in locs}) == 1
        at = locs[0] if one_file and not later_line else self.later(*locs)
        places = [
            "" if loc is at or loc.file == at.file else f" (from {loc.file}:{loc.line})"
            for loc in locs
        ]
        return at, places

    def required_name(self, obj: Obj, what: str) -> str:
        loc = obj.fields.get("name")
        if loc is None:
            if not obj.broken:
                self.problem(obj, f"{what} has no name", "add `name: ...`")
            return ""
        if loc.value is None:
            self.problem(loc, f"{what} has no name", "a null name is no name; give one")
            return ""
        return str(loc.value) if loc.value is not INVALID else ""

    def known(self, loc: Loc, kind: str, table: dict[str, Obj], what: str) -> bool:
        value = loc.value
        if value in table:
            return True
        self.problem(
            loc,
            f"{what}: unknown {kind} '{value}'",
            did_you_mean(suggest(value, table)) or f"declare it under `{kind}s:`",
        )
        return False

    def build(self) -> Catalogue:
        merged = self.merged
        providers: dict[str, Provider] = {}
        for pid, obj in merged.providers.items():
            url = _get(obj, "url")
            providers[pid] = Provider(
                pid, self.required_name(obj, f"provider {pid}"), url if _ok(url) else None
            )
        surfaces: dict[str, Surface] = {}
        for sid, obj in merged.surfaces.items():
            bound = obj.fields.get("provider")
            provider = None
            if (
                bound is not None
                and _ok(bound.value)
                and self.known(bound, "provider", merged.providers, f"surface {sid}")
            ):
                provider = bound.value
            description = _get(obj, "description")
            surfaces[sid] = Surface(
                sid,
                self.required_name(obj, f"surface {sid}"),
                provider,
                description if _ok(description) else None,
            )

        names = self.check_names()
        raw: dict[str, dict[str, dict[str, Any]]] = {}
        models: dict[str, Model] = {}
        for mid, obj in merged.models.items():
            provider_loc = obj.fields.get("provider")
            provider = ""
            if provider_loc is None:
                if not obj.broken:
                    self.problem(obj, f"model {mid} has no provider", "add `provider: <id>`")
            elif provider_loc.value is None:
                self.problem(provider_loc, f"model {mid} has no provider", "give the provider's id")
            elif provider_loc.value is not INVALID and self.known(
                provider_loc, "provider", merged.providers, f"model {mid}"
            ):
                provider = provider_loc.value
            surfaces_loc = obj.fields.get("surfaces")
            written_wrong = obj.broken or (
                surfaces_loc is not None and surfaces_loc.value is INVALID
            )
            if not obj.entries and not written_wrong:
                self.problem(
                    obj,
                    f"model {mid} is offered on no surface",
                    "add `surfaces:` with at least one surface id",
                )
            raw[mid] = {}
            for sid, entry in obj.entries.items():
                if sid not in merged.surfaces:
                    self.problem(
                        entry,
                        f"model {mid}: unknown surface '{sid}'",
                        did_you_mean(suggest(sid, merged.surfaces))
                        or "declare it under `surfaces:`",
                    )
                else:
                    bound_to = surfaces[sid].provider
                    if bound_to is not None and provider and bound_to != provider:
                        assert provider_loc is not None  # a provider was read from it
                        at, of = self.placed(
                            Loc(None, entry.file, entry.line),
                            provider_loc,
                            merged.surfaces[sid].fields["provider"],
                        )
                        self.problem(
                            at,
                            (
                                f"model {mid}{of[0]} is from {provider}{of[1]}, but surface "
                                f"{sid} is bound to provider {bound_to}{of[2]}"
                            ),
                            "offer the model on a surface of its own provider",
                        )
                raw[mid][sid] = self.check_entry(mid, sid, entry)
            name = _get(obj, "name")
            aliases = _get(obj, "aliases")
            models[mid] = Model(
                mid,
                name if _ok(name) else mid,
                provider,
                tuple(a for a, _ in aliases) if _ok(aliases) else (),
                {},
            )

        self.check_successors(raw, names)
        final: dict[str, Model] = {}
        for mid, model in models.items():
            entries = {
                sid: Entry(model=mid, surface=sid, **values) for sid, values in raw[mid].items()
            }
            final[mid] = Model(model.id, model.name, model.provider, model.aliases, entries)
        updated = merged.updated.value if merged.updated is not None else None
        return Catalogue(
            version=FORMAT_VERSION,
            updated=updated if _ok(updated) else None,
            providers=providers,
            surfaces=surfaces,
            models=final,
        )

    def check_entry(self, mid: str, sid: str, entry: Obj) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key in ENTRY_FIELDS:
            value = _get(entry, key)
            values[key] = value if _ok(value) else None
        where = f"{mid} on {sid}"
        retires = values["retires"]
        retires_at = entry.fields.get("retires")
        if retires is not None and retires_at is not None:
            announced = values["announced"]
            if announced is not None and announced > retires:
                at, of = self.placed(entry.fields["announced"], retires_at)
                self.problem(
                    at,
                    f"{where}: announced {announced}{of[0]} is after retires {retires}{of[1]}",
                    "`announced` is the day the retirement was made known, before it",
                )
            since = values["since"]
            if since is not None and since >= retires:
                at, of = self.placed(entry.fields["since"], retires_at)
                self.problem(
                    at,
                    f"{where}: since {since}{of[0]} is not before retires {retires}{of[1]}",
                    "`retires` is the first day the model is gone",
                )
        fallback, replacement = entry.fields.get("fallback"), entry.fields.get("replacement")
        if (
            fallback is not None
            and replacement is not None
            and _ok(fallback.value)
            and _ok(replacement.value)
        ):
            at, of = self.placed(fallback, replacement, later_line=True)
            self.problem(
                at,
                f"{where}: both fallback{of[0]} and replacement{of[1]} are set",
                "use `fallback` when the move is automatic, `replacement` when calls fail",
            )
        no_retires = retires_at is None or retires_at.value is None
        for loc in (fallback, replacement):
            if loc is not None and _ok(loc.value) and no_retires:
                key = "fallback" if loc is fallback else "replacement"
                if retires_at is None:
                    self.problem(
                        loc,
                        f"{where}: {key} is set but `retires` is not",
                        "a successor takes over on the day a model retires; add `retires:`",
                    )
                else:  # written as null: most likely a retirement being cancelled
                    at, of = self.placed(loc, retires_at)
                    self.problem(
                        at,
                        f"{where}: {key}{of[0]} is set but `retires` is cleared{of[1]}",
                        f"to cancel a retirement, clear its successor too: `{key}: null`",
                    )
        return values

    def check_names(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every id and alias, normalised, must find one model.

        Returns two look-ups for successors: exact id or alias -> model id, and
        normalised name -> model id.
        """
        # normalised name -> (model id, the name as written, where it is written)
        owner: dict[str, tuple[str, str, Loc]] = {}
        exact: dict[str, str] = {}
        for mid, obj in self.merged.models.items():
            exact[mid] = mid
            key = normalise(mid)
            place = Loc(None, obj.file, obj.line)
            held = owner.get(key)
            if held is not None:
                at, of = self.placed(place, held[2])
                self.problem(
                    at,
                    (
                        f"model id '{mid}'{of[0]} would also find {held[0]}{of[1]} (they read "
                        "the same, ignoring case, spaces and underscores)"
                    ),
                    "use one id, and an alias for the other spelling",
                )
                continue
            owner[key] = (mid, mid, place)
        for mid, obj in self.merged.models.items():
            aliases = _get(obj, "aliases")
            if not _ok(aliases):
                continue
            loc = obj.fields["aliases"]
            for alias, line in aliases:
                key = normalise(alias)
                place = Loc(None, loc.file, line)
                held = owner.get(key)
                if held is not None and held[0] != mid:
                    other, as_written, there = held
                    same = "is" if as_written == alias else f"reads the same as '{as_written}'"
                    at, of = self.placed(place, there)
                    self.problem(
                        at,
                        (
                            f"alias '{alias}' of {mid}{of[0]} would also find {other}{of[1]} "
                            f"(it {same}, ignoring case, spaces and underscores)"
                        ),
                        "remove the alias or rename one of the models",
                    )
                    continue
                owner[key] = (mid, alias, place)
                exact.setdefault(alias, mid)
        return exact, {key: held[0] for key, held in owner.items()}

    def check_successors(
        self,
        raw: dict[str, dict[str, dict[str, Any]]],
        names: tuple[dict[str, str], dict[str, str]],
    ) -> None:
        """Point every fallback and replacement at a model id, or clear it (reported)."""
        for mid, entries in raw.items():
            for sid, values in entries.items():
                for key in ("fallback", "replacement"):
                    if values[key] is not None:
                        values[key] = self.successor(raw, names, mid, sid, key)
        self.check_cycles(raw)

    def successor(
        self,
        raw: dict[str, dict[str, dict[str, Any]]],
        names: tuple[dict[str, str], dict[str, str]],
        mid: str,
        sid: str,
        key: str,
    ) -> str | None:
        """The model id a successor names, if it may take over on that surface that day."""
        exact, by_norm = names
        name = raw[mid][sid][key]
        loc = self.merged.models[mid].entries[sid].fields[key]
        where = f"{mid} on {sid}"
        target = exact.get(name) or by_norm.get(normalise(name))
        if target is None:
            self.problem(
                loc,
                f"{where}: {key} '{name}' is not a model in the catalogue",
                did_you_mean(suggest(name, exact)) or "add the model, or fix the id",
            )
            return None
        if target == mid:
            self.problem(
                loc,
                f"{where}: {key} is the model itself",
                "name the model that takes over, or remove the key",
            )
            return None
        successor = raw.get(target, {}).get(sid)
        if successor is None:
            offered = ", ".join(sorted(raw.get(target, {}))) or "no surface"
            self.problem(
                loc,
                f"{where}: {key} {target} is not offered on {sid}",
                f"{target} is offered on: {offered}",
            )
            return None
        day = raw[mid][sid]["retires"]
        since, gone = successor["since"], successor["retires"]
        fields = self.merged.models[mid].entries[sid].fields
        theirs = self.merged.models[target].entries[sid].fields
        if day is not None and since is not None and since > day:
            at, of = self.placed(loc, fields["retires"], theirs["since"])
            self.problem(
                at,
                f"{where}: {key} {target}{of[0]} is not yet offered on {sid} on {day}{of[1]}, "
                f"the day {mid} retires; it starts {since}{of[2]}",
                f"point {mid} at a model offered on {sid} by then",
            )
        elif day is not None and gone is not None and gone <= day:
            at, of = self.placed(loc, fields["retires"], theirs["retires"])
            self.problem(
                at,
                f"{where}: {key} {target}{of[0]} is no longer offered on {sid} on {day}{of[1]}, "
                f"the day {mid} retires; it retires {gone}{of[2]}",
                f"point {mid} at the model that replaced {target}",
            )
        return target

    def check_cycles(self, raw: dict[str, dict[str, dict[str, Any]]]) -> None:
        models = self.merged.models
        surfaces = {sid for entries in raw.values() for sid in entries}
        for sid in sorted(surfaces):
            done: set[str] = set()
            for start in raw:
                if start in done or sid not in raw[start]:
                    continue
                path: list[str] = []
                on_path: dict[str, int] = {}
                current: str | None = start
                while current is not None and current not in done and current not in on_path:
                    on_path[current] = len(path)
                    path.append(current)
                    values = raw.get(current, {}).get(sid)
                    current = (
                        None if values is None else (values["fallback"] or values["replacement"])
                    )
                if current is not None and current in on_path:
                    cycle = path[on_path[current] :]
                    first = cycle[0]
                    entry = models[first].entries[sid]
                    loc = entry.fields.get("fallback") or entry.fields.get("replacement")
                    self.problem(
                        loc or entry,
                        f"a cycle of successors on {sid}: {' -> '.join([*cycle, cycle[0]])}",
                        "a chain of successors must end at a model that stays",
                    )
                    for member in cycle:
                        raw[member][sid]["fallback"] = raw[member][sid]["replacement"] = None
                done.update(path)


def parse(sources: Sequence[tuple[str, bytes]]) -> Catalogue:
    """Layer the given files (name, bytes), in order, into one checked catalogue."""
    if not sources:
        raise CatalogueError([Problem("(none)", None, "no catalogue file given")])
    order = {file: index for index, (file, _) in enumerate(sources)}
    problems: list[Problem] = []
    layers = [_Reader(file, problems).layer(data) for file, data in sources]
    if None in layers:
        # A file that is not YAML at all: checking the rest would only add noise.
        raise CatalogueError(_ordered(problems, order))
    catalogue = _Checker(_merge([layer for layer in layers if layer]), problems, order).build()
    if problems:
        raise CatalogueError(_ordered(problems, order))
    return catalogue


def _ordered(problems: list[Problem], order: dict[str, int]) -> list[Problem]:
    """Problems by file, in layering order, then by line."""
    return sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line or 0))
