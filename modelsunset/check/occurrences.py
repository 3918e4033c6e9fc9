"""The occurrences of a ``Matcher``'s hits in bytes: each with its line, its column (the
characters of the line before it, as UTF-8 reads them), at most ``EXCERPT`` characters of
its line around it, and its kind; less those a ``modelsunset: ignore`` comment on their
line leaves out (``suppress``). ``read`` gives it the bytes of a file, whole or a piece
at a time."""

from __future__ import annotations

from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from modelsunset.check.kinds import Kind
from modelsunset.check.suppress import Suppression, suppressed, suppression

if TYPE_CHECKING:
    from modelsunset.check.match import Hit, Matcher
    from modelsunset.check.notebook import Regions

EXCERPT = 200  # characters of a line kept with each occurrence, around the id
CONTINUATION = frozenset(range(0x80, 0xC0))  # bytes that continue a UTF-8 character
_START = itemgetter(0)  # of a hit
# A NamedTuple made from all its fields at once, in C (its own ``__new__`` is Python's):
# for each occurrence, 0.19 us against 0.11 us.
_new = tuple.__new__
_LIVE = frozenset({Kind.CODE, Kind.CONFIG, Kind.DOCS})


class Occurrence(NamedTuple):
    """A name found in a file (a tuple: small, quick to make and to send between
    processes). ``model`` is None for an id the catalogue does not know;
    ``surface`` is the one surface the name holds on (a surface's prefix before it, or a
    surface alias), else None. ``text`` is the line, or at most ``EXCERPT`` characters of
    it around the name (with ``…`` where it is cut); ``kind`` that of the file (of the
    cell, in a notebook), or ``pattern`` for a name tested as one."""

    path: str
    line: int
    column: int
    match: str
    model: str | None
    text: str
    surface: str | None = None
    kind: Kind = Kind.CODE


# Occurrences cross between processes as plain tuples, and are made again in C: a
# NamedTuple pickles through its Python ``__getnewargs__`` and unpickles through its Python
# ``__new__`` (1.9 us and 1.1 us each, against 0.7 us and 0.6 us so).
made_again = partial(tuple.__new__, Occurrence)


def occurrences(
    matcher: Matcher,
    data: bytes,
    shown: str,
    start: int,
    limit: int,
    line: int,
    column_before: int,
    bom: bool,
    kind: Kind,
    regions: Regions | None = None,
) -> list[Occurrence]:
    """Occurrences of ``matcher``'s hits starting in ``data[start:limit]``; ``data[0]`` is
    on ``line``; of ``kind``, or in a notebook of the kind its ``regions`` give each place.

    One pass over the hits, in order: the line, its start and end, its suppression
    comment and the column are carried from one hit to the next, so a line with many
    hits is read once, not once per hit."""
    tested: list[Hit] = []  # names tested as patterns: occurrences of their own kind
    hits = [hit for hit in matcher.find(data, tested) if start <= hit.start < limit]
    patterns: set[int] = set()
    if tested:
        tested = [hit for hit in tested if start <= hit.start < limit]
        patterns = {hit.start for hit in tested}
        hits = sorted([*hits, *tested], key=_START)
    if not hits:
        return []
    found: list[Occurrence] = []
    append = found.append
    counted_to = 0  # newlines before here are counted in ``line``
    line_start = line_end = -1  # the line of the previous hit: data[line_start:line_end]
    column = 0  # characters from line_start to counted_to
    suppress: Suppression = None
    whole: str | None = None  # the line's text, when short enough to be every excerpt
    for hit in hits:
        at = hit.start
        if at >= line_end:  # the first hit, or one on a later line
            newlines = data.count(b"\n", counted_to, at)
            if newlines or line_start < 0:
                line += newlines
                line_start = data.rfind(b"\n", 0 if line_start < 0 else counted_to, at)
                line_start += 1
                column = column_before if line_start == 0 else 0
                if bom and line_start == 0 and line == 1:
                    column -= 1
                counted_to = line_start
            line_end = data.find(b"\n", at)
            if line_end == -1:
                line_end = len(data)
            suppress = suppression(data, line_start, line_end)
            whole = _whole_line(data, line_start, line_end)
        segment = data[counted_to:at]
        if segment.isascii():
            column += len(segment)
        else:
            column += len(segment.decode("utf-8", errors="replace"))
        counted_to = at
        if suppress is not None and suppressed(suppress, hit):
            continue
        append(
            _new(
                Occurrence,
                (
                    shown,
                    line,
                    column + 1,
                    hit.name,
                    hit.model,
                    whole if whole is not None else _excerpt(data, line_start, line_end, hit),
                    hit.surface,
                    _kind_at(kind, regions, at, patterns),
                ),
            )
        )
    return found


def _kind_at(kind: Kind, regions: Regions | None, at: int, patterns: set[int]) -> Kind:
    """The kind of the place ``at``: the file's, or its notebook region's; ``pattern`` for
    a name tested as a pattern there, unless that place is recorded."""
    found = kind if regions is None else regions.at(at)
    if patterns and at in patterns and found in _LIVE:
        return Kind.PATTERN
    return found


def characters(data: bytes, start: int, end: int) -> int:
    """Characters in ``data[start:end]`` as UTF-8 reads them, a byte that is not UTF-8
    counting as one (as ``errors="replace"`` shows it)."""
    segment = data[start:end]
    if segment.isascii():
        return len(segment)
    return len(segment.decode("utf-8", errors="replace"))


def _whole_line(data: bytes, line_start: int, line_end: int) -> str | None:
    """The text of the line ``data[line_start:line_end]`` (less a ``\\r`` before its end),
    when it has at most ``EXCERPT`` bytes: then it is the excerpt of each of its hits."""
    if line_end > line_start and data[line_end - 1] == 0x0D:
        line_end -= 1
    if line_end - line_start <= EXCERPT:
        return data[line_start:line_end].decode("utf-8", errors="replace")
    return None


def _excerpt(data: bytes, line_start: int, line_end: int, hit: Hit) -> str:
    """At most ``EXCERPT`` characters of a line longer than that around the name ``hit``
    found on it, with ``…`` where the line is cut."""
    start, end = hit.start, hit.end
    if line_end > line_start and data[line_end - 1] == 0x0D:
        line_end -= 1
    room = max(0, EXCERPT - (end - start) - 2)
    before = room // 2
    after = room - before
    # A character is at most 4 bytes: these byte ranges hold enough characters.
    low = max(line_start, start - 4 * before - 4)
    while low > line_start and low < start and data[low] in CONTINUATION:
        low += 1
    head = data[low:start].decode("utf-8", errors="replace")
    cut_before = low > line_start
    if len(head) > before:
        head = head[len(head) - before :]
        cut_before = True
    high = min(line_end, end + 4 * after + 4)
    tail = data[end:high].decode("utf-8", errors="replace")
    cut_after = high < line_end
    if len(tail) > after:
        tail = tail[:after]
        cut_after = True
    name = data[start:end].decode("utf-8", errors="replace")
    return ("…" if cut_before else "") + head + name + tail + ("…" if cut_after else "")
