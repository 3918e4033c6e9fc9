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
from modelsunset.wording import quoted

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)  # HTTPS:// is https://
_DIGITS = re.compile(r"[0-9]+")
ID = re.compile(r"[^\s\x00-\x1f\x7f]+")
# Characters no catalogue string may hold: C0 controls but tab and line breaks (which the
# kinds of value rule on themselves), DEL, C1, the Unicode line and paragraph separators,
# zero-width characters and marks, direction overrides and isolates, and the byte-order
# mark. Catalogue text reaches terminals and CI logs; none of these has a place there.
HOSTILE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    # the other default-ignorable characters (``wording.HIDDEN``): they show nothing
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\u206a-\u206f"
    "\ufe00-\ufe0f\uffa0\ufff0-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_LINE_BREAK = re.compile("[\r\n\t]")
_MAX_DIGITS = 9  # a whole number of the format (the version) is small


def hostile(text: str) -> str | None:
    """How the first character a catalogue string may not hold is written (``U+202E``),
    or None."""
    found = HOSTILE.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"


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


class Lists(SafeYaml):
    """Reads scalars, and the values of a file's fields that are lists of names (aliases,
    a surface's prefixes, an entry's versions); ``Values`` reads the other kinds."""

    def scalar(
        self, node: Node, line: int, what: str, expected: str, plain: bool = True
    ) -> str | Wrong | None:
        """The text of a scalar; None for null; REPORTED otherwise. ``plain``: refuse the
        characters no catalogue string may hold (``HOSTILE``)."""
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
        bad = hostile(text) if plain else None
        if bad is not None:
            self.problem(
                line_of(node),
                f"{what} holds a control or invisible character ({bad})",
                "catalogue text is plain text: remove it (it would reach terminals and CI "
                "logs, where it can hide or restyle what is shown)",
            )
            return REPORTED
        return text

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
                self.problem(
                    at, f"a version in {what}, {quoted(name)}, is not an id: ids have no spaces"
                )
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


class Values(Lists):
    """Reads the values of one file's fields."""

    def read_text(self, node: Node, line: int, what: str) -> str | Wrong | None:
        """Text of one paragraph (a trailing line break, as a YAML block leaves, is fine)."""
        text = self.scalar(node, line, what, "a string")
        if isinstance(text, str) and _LINE_BREAK.search(text.rstrip("\n")):
            self.problem(
                line_of(node),
                f"{what} holds a line break or tab: catalogue text is one paragraph",
                "write it on one line (a plain value written over several lines is folded "
                "into one by YAML; a `|` block keeps its line breaks)",
            )
            return REPORTED
        return text

    def read_name(self, node: Node, line: int, what: str) -> str | Wrong | None:
        """Text of one line: names head table rows and start notices, so they hold nothing
        a terminal obeys."""
        text = self.scalar(node, line, what, "a string", plain=False)
        if isinstance(text, str) and _NOT_ONE_LINE.search(text):
            self.problem(
                line_of(node),
                f"{what} is not one line of text: it holds a line break or control character",
                "write the name on one line",
            )
            return REPORTED
        bad = hostile(text) if isinstance(text, str) else None
        if bad is not None:
            self.problem(
                line_of(node),
                f"{what} holds an invisible character ({bad})",
                "a name must read as it prints: remove it",
            )
            return REPORTED
        return text

    def read_id(self, node: Node, line: int, what: str) -> str | Wrong | None:
        text = self.scalar(node, line, what, "an id")
        if isinstance(text, str) and not ID.fullmatch(text):
            self.problem(line_of(node), f"{what} {quoted(text)} is not an id: ids have no spaces")
            return REPORTED
        return text

    def read_url(self, node: Node, line: int, what: str) -> str | Wrong | None:
        text = self.scalar(node, line, what, "an http(s) URL")
        if isinstance(text, str) and (not _URL.fullmatch(text) or not _parses_as_url(text)):
            self.problem(
                line_of(node),
                f"{what} {quoted(text)} is not an http(s) URL",
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
            self.problem(line_of(node), f"{what} {quoted(text)} is not a date", hint)
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
        if len(text) > _MAX_DIGITS:
            self.problem(
                line_of(node),
                f"{what} is a whole number of {len(text)} digits, far too large",
                "the format version is a small number: write `version: 2`",
            )
            return REPORTED
        return int(text)
