"""YAML nodes -> checked values, one reader per kind of value the format has.

Each ``read_*`` method takes a value's node, the line of its key and how to name it in a
message (``retires of model gpt-4o on api``), and returns the value, ``None`` for null,
or ``REPORTED`` after reporting what is wrong with it. ``schema.py`` says which field is
read by which.
"""

from __future__ import annotations

import re
from datetime import date

from yaml.nodes import Node, ScalarNode, SequenceNode

from modelsunset.catalogue.located import REPORTED, Wrong
from modelsunset.catalogue.safe_yaml import INT_TAG, NULL_TAG, SafeYaml, kind_of, line_of

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)  # HTTPS:// is https://
_DIGITS = re.compile(r"[0-9]+")
ID = re.compile(r"[^\s\x00-\x1f\x7f]+")

# The aliases of a model, each with the line it is written on.
Aliases = tuple[tuple[str, int], ...]


def _parses_as_url(text: str) -> bool:
    """Whether the address can be taken apart (``https://[::1`` cannot)."""
    from urllib.parse import urlsplit

    try:
        _ = urlsplit(text).port  # reading the port checks it
    except ValueError:
        return False
    return True


class Values(SafeYaml):
    """Reads the values of one file's fields."""

    def scalar(self, node: Node, line: int, what: str, expected: str) -> str | Wrong | None:
        """The text of a scalar; None for null; REPORTED otherwise."""
        if not self.visit(node, line):
            return REPORTED
        if not isinstance(node, ScalarNode):
            self.problem(line_of(node), f"{what} must be {expected}, not {kind_of(node)}")
            return REPORTED
        if node.tag == NULL_TAG:
            return None
        text: str = node.value
        if not text.strip():
            self.problem(line_of(node), f"{what} is empty", "give a value, or remove the key")
            return REPORTED
        return text

    def read_text(self, node: Node, line: int, what: str) -> str | Wrong | None:
        return self.scalar(node, line, what, "a string")

    def read_name(self, node: Node, line: int, what: str) -> str | Wrong | None:
        """Text of one line: names head table rows and start notices, so they hold nothing
        a terminal obeys."""
        text = self.scalar(node, line, what, "a string")
        if isinstance(text, str) and _NOT_ONE_LINE.search(text):
            self.problem(
                line_of(node),
                f"{what} is not one line of text: it holds a line break or control character",
                "write the name on one line",
            )
            return REPORTED
        return text

    def read_id(self, node: Node, line: int, what: str) -> str | Wrong | None:
        text = self.scalar(node, line, what, "an id")
        if isinstance(text, str) and not ID.fullmatch(text):
            self.problem(line_of(node), f"{what} '{text}' is not an id: ids have no spaces")
            return REPORTED
        return text

    def read_url(self, node: Node, line: int, what: str) -> str | Wrong | None:
        text = self.scalar(node, line, what, "an http(s) URL")
        if isinstance(text, str) and (not _URL.fullmatch(text) or not _parses_as_url(text)):
            self.problem(
                line_of(node),
                f"{what} '{text}' is not an http(s) URL",
                "write the whole address, starting with https://",
            )
            return REPORTED
        return text

    def read_date(self, node: Node, line: int, what: str) -> date | Wrong | None:
        text = self.scalar(node, line, what, "a date (YYYY-MM-DD)")
        if not isinstance(text, str):
            return text
        if not _DATE.fullmatch(text):
            hint = "write it as YYYY-MM-DD"
            if _DATE.match(text):
                hint = f"a date has no time of day here: write {text[:10]}"
            self.problem(line_of(node), f"{what} '{text}' is not a date", hint)
            return REPORTED
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problem(line_of(node), f"{what} {text} is not a real calendar date")
            return REPORTED

    def read_whole_number(self, node: Node, line: int, what: str) -> int | Wrong | None:
        text = self.scalar(node, line, what, "a whole number")
        if not isinstance(text, str):
            return text
        if node.tag != INT_TAG or not _DIGITS.fullmatch(text):
            self.problem(line_of(node), f"{what} must be a whole number, not {kind_of(node)}")
            return REPORTED
        return int(text)

    def read_aliases(self, node: Node, line: int, what: str) -> Aliases | Wrong | None:
        """A list of names; an empty or wrong one is reported and left out."""
        return self.read_names(node, line, what, "an alias")

    def read_prefixes(self, node: Node, line: int, what: str) -> Aliases | Wrong | None:
        """A surface's prefixes (``azure/``): a list of names, none empty."""
        return self.read_names(node, line, what, "a prefix")

    def read_versions(self, node: Node, line: int, what: str) -> Aliases | Wrong | None:
        """An entry's versions: a list of model ids (no spaces)."""
        names = self.read_names(node, line, what, "a version")
        if not isinstance(names, tuple):
            return names
        ids: list[tuple[str, int]] = []
        for name, at in names:
            if ID.fullmatch(name):
                ids.append((name, at))
            else:
                self.problem(at, f"a version in {what}, '{name}', is not an id: ids have no spaces")
        return tuple(ids)

    def read_names(self, node: Node, line: int, what: str, thing: str) -> Aliases | Wrong | None:
        """A list of names, each ``thing`` in messages; an empty or wrong one is reported and
        left out."""
        if not self.visit(node, line):
            return REPORTED
        if node.tag == NULL_TAG:
            return None
        if not isinstance(node, SequenceNode):
            self.problem(
                line_of(node),
                f"{what} must be a list of names, not {kind_of(node)}",
                "write it as [name, other-name]",
            )
            return REPORTED
        names: list[tuple[str, int]] = []
        items: list[Node] = node.value
        for entry in items:
            at = entry.start_mark.line + 1
            if isinstance(entry, ScalarNode) and (entry.tag == NULL_TAG or not entry.value.strip()):
                self.visit(entry, at)
                self.problem(at, f"{thing} in {what} is empty", "remove it from the list")
                continue
            text = self.scalar(entry, at, f"{thing} in {what}", "a name")
            if isinstance(text, str):
                names.append((text, at))
        return tuple(names)
