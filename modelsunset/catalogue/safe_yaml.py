"""Catalogue bytes -> YAML nodes, and nothing YAML can do beyond plain data.

The text is decoded as UTF-8 and composed into nodes by the C safe loader (the pure-Python
one where PyYAML was built without libyaml); nodes are never constructed into Python
objects, so a tag such as ``!!python/object`` is refused rather than run, and every value
keeps the line it was written on. Refused as they are met: tags, anchors and aliases
(``&name``, ``*name``), merge keys (``<<``) and duplicate keys. Text that is not UTF-8 or
not YAML is a ``Problem`` with its line, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from modelsunset.errors import Problem
from modelsunset.wording import quoted

_T = "tag:yaml.org,2002:"
NULL_TAG = _T + "null"
INT_TAG = _T + "int"
_MERGE_TAG = _T + "merge"
_DATA_TAGS = frozenset(
    _T + name for name in ("null", "str", "int", "float", "bool", "timestamp", "map", "seq")
)
# What YAML's resolver calls a plain `=` and `<<`; as values they are just text.
_PLAIN_TEXT_TAGS = frozenset({_T + "value", _MERGE_TAG})
# Something that may be an alias: `*name` after a space, a flow indicator or a byte-order
# mark (libyaml skips one at the start of any line).
_ALIAS_LIKE = re.compile(r"(?:^|[\s\[\]{},:\ufeff])\*[^\s,\[\]{}]", re.MULTILINE)

_ALIASES_REFUSED = "YAML anchors and aliases (&name, *name) are not supported in a catalogue"


def kind_of(node: Node) -> str:
    """How a value is named in messages: ``a mapping``, ``'text'``."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL_TAG:
        return "empty (null)"
    from modelsunset.wording import quoted

    return quoted(str(node.value))  # at most about 60 characters of it


def line_of(node: Node) -> int:
    """The line a node starts on, counted from 1."""
    return int(node.start_mark.line) + 1


def _line_of_offset(text: bytes | str, offset: int) -> int:
    if isinstance(text, bytes):
        return text.count(b"\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1


class SafeYaml:
    """One file's YAML, composed and walked safely; problems go to ``problems``."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        # Nodes met so far, by id, when the text may hold an alias (it has a `*`).
        self.seen: set[int] | None = None
        self.aliased = False
        self.alias_problems: dict[int | None, Problem] = {}

    def problem(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, hint))

    def compose(self, data: bytes) -> Node | None:
        """The root node of the file; None when it is not UTF-8 or not YAML (reported)."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            self.problem(
                _line_of_offset(data, exc.start),
                f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
                "save the file as UTF-8",
            )
            return None
        loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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

    def refuse_aliases(self, events: Iterable[yaml.Event]) -> None:
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
                    f"{_ALIASES_REFUSED} (here: *{event.anchor})",
                    "write the value out in full",
                )
                self.alias_problems[line] = self.problems[-1]

    def visit(self, node: Node, line: int) -> bool:
        """Refuse anything beyond plain data: tags and anchors/aliases."""
        if self.seen is not None:
            if id(node) in self.seen:
                # A node met twice is an alias; it was reported where it is written (and
                # is never walked twice, so a "billion laughs" is not expanded).
                if not self.aliased:
                    self.problem(line, _ALIASES_REFUSED, "write the value out in full")
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

    def pairs(self, node: MappingNode, where: str) -> list[tuple[str, int, Node]]:
        """The (key, line, value node) pairs of a mapping; duplicate keys are errors."""
        found: list[tuple[str, int, Node]] = []
        first: dict[str, int] = {}
        items: list[tuple[Node, Node]] = node.value
        for key_node, value_node in items:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
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
                        line, f"a key in {where} must be a plain name, not {kind_of(key_node)}"
                    )
                continue
            key: str = key_node.value
            if key in first:
                self.problem(
                    line,
                    f"duplicate key {quoted(key)} in {where} (first written at line {first[key]})",
                    "keep one of them; YAML would silently drop the first",
                )
                continue
            first[key] = line
            found.append((key, line, value_node))
        return found
