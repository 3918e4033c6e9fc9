"""One file's nodes -> a ``Layer`` of located values, read by the tables of ``schema.py``.

What is wrong within one file is reported here (keys not in the format, values of the
wrong kind, ids that are not ids, the format version); what takes the files together
(names, references, dates, successors) is for ``rules.py`` and ``successors.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yaml.nodes import MappingNode, Node, SequenceNode

from modelsunset.catalogue.located import REPORTED, Layer, Located, Obj
from modelsunset.catalogue.safe_yaml import NULL_TAG, kind_of, line_of
from modelsunset.catalogue.schema import FORMAT_VERSION, TOP, TOP_TABLES, VERSION, Field, Table
from modelsunset.catalogue.values import ID, Values, hostile
from modelsunset.errors import Problem
from modelsunset.names import did_you_mean, suggest
from modelsunset.wording import quoted


def read(file: str, data: bytes, problems: list[Problem]) -> Layer | None:
    """The layer one file adds; None when it is not a catalogue at all (reported)."""
    return Reader(file, problems).layer(data)


class Reader(Values):
    """Reads one file's nodes into a ``Layer``, collecting problems as it goes.

    ``version`` is the file's format version, read before anything else: keys of a later
    version are refused (a file without a usable version is read as the newest, so that
    its one problem is not buried under others)."""

    version = FORMAT_VERSION

    def layer(self, data: bytes) -> Layer | None:
        root = self.compose(data)
        if root is not None and root.tag == NULL_TAG and not isinstance(root, MappingNode):
            root = None  # a document with nothing in it (`---` alone)
        if not isinstance(root, MappingNode):
            _not_a_mapping(self, root)
            return None
        if self.seen is not None:
            self.seen.add(id(root))
        layer = Layer(self.file, {table.key: {} for table in TOP_TABLES})
        pairs = self.pairs(root, "the top level")
        if pairs and not any(key in TOP or key == VERSION.key for key, _, _ in pairs):
            # A mapping with none of a catalogue's keys is a file named by mistake (a
            # `.env`, a credentials file): not a word of it is shown, its keys included.
            _not_a_mapping(self, root)
            return None
        for key, line, value_node in pairs:
            if key == VERSION.key:
                version = VERSION.kind.read(self, value_node, line, key)
                layer.fields[key] = Located(version, self.file, line)
                if isinstance(version, int) and 1 <= version <= FORMAT_VERSION:
                    self.version = version
        for key, line, value_node in pairs:
            row = TOP.get(key)
            if key == VERSION.key:
                continue
            if row is None:
                self.unknown(key, line, "the top level", self.allowed(TOP))
            elif self.too_new(row, key, line, "the top level"):
                continue
            elif isinstance(row, Table):
                objs = self.table(value_node, line, key, row, f"{row.kind} ")
                layer.tables[key] = objs or {}
            else:
                value = row.kind.read(self, value_node, line, key)
                layer.fields[key] = Located(value, self.file, line)
        check_version(self, layer)
        return layer

    def table(
        self, node: Node, line: int, what: str, table: Table, label: str
    ) -> dict[str, Obj] | None:
        """A mapping of ids to objects (providers, surfaces, models, a model's entries),
        each named ``label + id`` in messages; None when it is not a mapping (reported)."""
        found: dict[str, Obj] = {}
        if not self.visit(node, line):
            return None
        if node.tag == NULL_TAG:
            return found
        kind = table.kind
        if not isinstance(node, MappingNode):
            self.problem(
                line_of(node),
                f"{what} must be a mapping of {kind} ids to {table.things}, not {kind_of(node)}",
            )
            return None
        for key, key_line, value_node in self.pairs(node, what):
            if not key.strip():
                self.problem(key_line, f"a {kind} id is empty", f"give the {kind} an id")
                continue
            if not ID.fullmatch(key):
                self.problem(key_line, f"{kind} id {quoted(key)} is not an id: ids have no spaces")
                continue
            bad = hostile(key)
            if bad is not None:
                self.problem(
                    key_line,
                    f"{kind} id holds a control or invisible character ({bad})",
                    "an id must read as it prints: remove it",
                )
                continue
            found[key] = self.obj(value_node, key_line, label + key, table)
        return found

    def obj(self, node: Node, line: int, where: str, table: Table) -> Obj:
        """One object of ``table``, named ``where`` in messages."""
        obj = Obj(self.file, line)
        if not self.visit(node, line):
            obj.broken = True
            return obj
        if node.tag == NULL_TAG:
            return obj
        keys = table.keys
        if not isinstance(node, MappingNode):
            self.problem(
                line_of(node),
                f"{where} must be a mapping of keys ({', '.join(self.allowed(keys))}), "
                f"not {kind_of(node)}",
            )
            obj.broken = True
            return obj
        for key, key_line, value_node in self.pairs(node, where):
            row = keys.get(key)
            if row is None:
                self.unknown(key, key_line, where, self.allowed(keys))
            elif self.too_new(row, key, key_line, where):
                continue
            elif isinstance(row, Table):
                entries = self.table(value_node, key_line, f"{key} of {where}", row, f"{where} on ")
                obj.entries = entries or {}
                read = True if entries is not None else REPORTED
                obj.fields[key] = Located(read, self.file, key_line)
            else:
                value = row.kind.read(self, value_node, key_line, f"{key} of {where}")
                obj.fields[key] = Located(value, self.file, key_line)
        return obj

    def allowed(self, rows: Mapping[str, Field[object] | Table]) -> list[str]:
        """The keys a file of this one's version may write."""
        return [key for key, row in rows.items() if row.since <= self.version]

    def too_new(self, row: Field[object] | Table, key: str, line: int, where: str) -> bool:
        """A key of a later format version than the file's: reported (True)."""
        if row.since <= self.version:
            return False
        self.problem(
            line,
            f"{quoted(key)} in {where} needs catalogue format version {row.since}; "
            f"this file is version {self.version}",
            f"write `version: {row.since}` at the top (version {row.since} reads every "
            f"version-{self.version} file as it is)",
        )
        return True

    def unknown(self, key: str, line: int, where: str, allowed: Sequence[str]) -> None:
        self.problem(
            line,
            f"unknown key {quoted(key)} in {where}; allowed: {', '.join(allowed)}",
            did_you_mean(suggest(key, allowed, limit=1)),
        )


def _not_a_mapping(reader: Reader, root: Node | None) -> None:
    """Say that the file is no catalogue: empty, text, a list, or a mapping with none of a
    catalogue's keys. Not a word of the file itself: a file named by mistake (a secret,
    say) is never shown."""
    if root is None:
        if not any(p.file == reader.file for p in reader.problems):
            reader.problem(
                1,
                "the catalogue is empty",
                "a catalogue starts with `version: 1`, then providers, surfaces and models",
            )
        return
    allowed = ", ".join(reader.allowed(TOP))
    if isinstance(root, MappingNode):
        what = f"none of the top-level keys is one a catalogue has ({allowed})"
    else:
        shape = "a list" if isinstance(root, SequenceNode) else "text"
        what = f"the top of a catalogue must be a mapping ({allowed}), not {shape}"
    reader.problem(line_of(root), f"{what}: this file is not a catalogue")


def check_version(reader: Reader, layer: Layer) -> None:
    """The file's ``version`` is one this modelsunset reads."""
    version = VERSION.of(layer)
    if version is None:
        reader.problem(1, "no `version`", "start the file with `version: 1`")
        return
    value = version.value
    if value is None:
        reader.problem(version.line, "version is empty", "write `version: 1`")
    elif value is not REPORTED and not 1 <= value <= FORMAT_VERSION:
        if value > FORMAT_VERSION:
            reader.problem(
                version.line,
                f"catalogue format version {value} needs a newer modelsunset "
                f"(this one reads version {FORMAT_VERSION})",
                "upgrade: pip install --upgrade modelsunset",
            )
        else:
            reader.problem(
                version.line,
                f"unknown catalogue format version {value}",
                f"write `version: {FORMAT_VERSION}`",
            )
