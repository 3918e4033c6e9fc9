"""The glob of one segment of a gitignore pattern (``*.log``, ``v[0-9]?``), matched by
hand, without regular expressions: a match takes at most the length of the name times
that of the glob, whatever the glob.

``*`` matches any run of characters, ``?`` any one, ``[...]`` one of a set (``!`` or
``^`` first: one not in it), ``\\`` makes the next character itself. A segment holds no
``/``, so neither can anything that matches it. Sets are read as pathspec handed them to
Python's regular expressions (no escapes inside, ranges by code point), and a range
that runs backwards (``[z-a]``) is refused with the words Python used for it.
"""

from __future__ import annotations

from collections.abc import Sequence

NOT_A_PATTERN = "is not a gitignore pattern"


class PatternError(ValueError):
    """A line that is no usable pattern; ``problem`` follows the line in messages."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class Unclosed(Exception):
    """A ``[`` with no ``]``: the whole line is left out, as git does."""


class CharSet:
    """A bracket expression: ``[a-z_]``, ``[!0-9]`` (``[^0-9]``)."""

    __slots__ = ("chars", "negated", "ranges")

    def __init__(self, chars: frozenset[str], ranges: tuple[tuple[int, int], ...], negated: bool):
        self.chars = chars
        self.ranges = ranges
        self.negated = negated

    def matches(self, char: str) -> bool:
        code = ord(char)
        inside = char in self.chars or any(lo <= code <= hi for lo, hi in self.ranges)
        return inside != self.negated


Token = str | CharSet | None  # one character: itself, one of a set, or any (``?``)


class Piece:
    """Tokens of one character each, between two ``*`` of a glob."""

    __slots__ = ("literal", "size", "tokens")

    def __init__(self, tokens: Sequence[Token], literal: str | None = None) -> None:
        """``literal``: the tokens, all characters, as one text (or given alone)."""
        self.tokens = tuple(tokens)
        self.literal = literal
        self.size = len(literal) if literal is not None else len(self.tokens)

    def at(self, text: str, start: int) -> bool:
        """Whether the piece matches ``text`` from ``start`` (which leaves room for it)."""
        if self.literal is not None:
            return text.startswith(self.literal, start)
        for offset, token in enumerate(self.tokens):
            char = text[start + offset]
            if token is None:
                continue
            if isinstance(token, str):
                if token != char:
                    return False
            elif not token.matches(char):
                return False
        return True

    def find(self, text: str, start: int, end: int) -> int:
        """The first place from ``start`` where the piece lies whole before ``end``."""
        if self.literal is not None:
            return text.find(self.literal, start, end)
        for place in range(start, end - self.size + 1):
            if self.at(text, place):
                return place
        return -1


class Glob:
    """The glob of one segment. ``*`` matches any run of characters; a leftmost match of
    each piece between stars is as good as any, so no choice is ever taken back."""

    __slots__ = ("exact", "head", "middle", "minimum", "nonempty", "star", "tail")

    def __init__(self, pieces: Sequence[Piece], nonempty: bool = False) -> None:
        self.nonempty = nonempty  # ``*`` alone: any name but the empty one
        self.star = len(pieces) > 1
        self.head, self.tail = pieces[0], pieces[-1]
        self.middle = tuple(piece for piece in pieces[1:-1] if piece.size)
        self.minimum = sum(piece.size for piece in pieces)
        self.exact = None if self.star or nonempty else self.head.literal

    @classmethod
    def plain(cls, text: str) -> Glob:
        """The glob of a name with no wildcard in it."""
        return cls([Piece((), text)])

    def match(self, text: str) -> bool:
        if self.exact is not None:
            return text == self.exact
        if self.nonempty:
            return text != ""
        if not self.star:
            return len(text) == self.head.size and self.head.at(text, 0)
        size = len(text)
        if size < self.minimum or not self.head.at(text, 0):
            return False
        if not self.tail.at(text, size - self.tail.size):
            return False
        place, end = self.head.size, size - self.tail.size
        for piece in self.middle:
            found = piece.find(text, place, end)
            if found < 0:
                return False
            place = found + piece.size
        return True

    @property
    def suffix(self) -> str | None:
        """``log`` of ``*log``: the glob is "ends with" that, or None."""
        if self.star and not self.middle and self.head.size == 0 and self.tail.size:
            return self.tail.literal
        return None


_WILD = "\\*?["  # what makes a segment more than a name


def _range_text(char: str) -> str:
    # As Python's regular expressions named a range, where pathspec wrote ``\`` as ``\\``.
    return "\\\\" if char == "\\" else char


def _char_set(content: str, negated: bool) -> tuple[CharSet, str | None]:
    """The set between the brackets (read as pathspec handed it to Python's regular
    expressions: no escapes, ranges ``a-z``), and the first bad range, if any."""
    chars: set[str] = set()
    ranges: list[tuple[int, int]] = []
    bad = None
    place, size = 0, len(content)
    while place < size:
        char = content[place]
        place += 1
        if place < size and content[place] == "-":
            if place + 1 == size:  # ``a-`` at the end: both are themselves
                chars.update((char, "-"))
                break
            end = content[place + 1]
            place += 2
            if ord(end) < ord(char):
                if bad is None:
                    bad = f"bad character range {_range_text(char)}-{_range_text(end)}"
            else:
                ranges.append((ord(char), ord(end)))
        else:
            chars.add(char)
    return CharSet(frozenset(chars), tuple(ranges), negated), bad


def segment_glob(segment: str) -> tuple[Glob, str | None]:
    """A segment's glob, and its first bad range (reported once the whole line is read,
    as pathspec's regular expression would be compiled). ``Unclosed`` for a ``[`` with
    no ``]``, ``PatternError`` for a ``\\`` at the end."""
    if segment == "*":
        return Glob([Piece(())], nonempty=True), None
    if not any(char in segment for char in _WILD):
        return Glob.plain(segment), None
    pieces: list[Piece] = []
    tokens: list[Token] = []
    bad = None

    def piece() -> Piece:
        chars = [token for token in tokens if isinstance(token, str)]
        return Piece(tokens, "".join(chars) if len(chars) == len(tokens) else None)

    place, size = 0, len(segment)
    while place < size:
        char = segment[place]
        place += 1
        if char == "\\":
            if place == size:
                raise PatternError(NOT_A_PATTERN)
            tokens.append(segment[place])
            place += 1
        elif char == "*":
            pieces.append(piece())
            tokens = []
        elif char == "?":
            tokens.append(None)
        elif char == "[":
            end = place
            if end < size and segment[end] in "!^":
                end += 1
            if end < size and segment[end] == "]":
                end += 1
            end = segment.find("]", end)
            if end < 0:
                raise Unclosed
            negated = segment[place] in "!^"
            found, wrong = _char_set(segment[place + negated : end], negated)
            bad = bad or wrong
            tokens.append(found)
            place = end + 1
        else:
            tokens.append(char)
    pieces.append(piece())
    return Glob(pieces), bad
