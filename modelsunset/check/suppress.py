"""``modelsunset: ignore`` comments: what a line, or a whole file, asks to leave out.

``modelsunset: ignore`` on a line leaves out every id on it; ``modelsunset: ignore[a, b]``
the names and ids it lists. ``modelsunset: ignore-file`` in one of the first
``IGNORE_FILE_LINES`` lines leaves out the whole file.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from modelsunset.check.match import Hit

IGNORE_FILE_LINES = 10
# `ignore` is a word of its own (not `ignored`, `ignore-next`, though `ignore-->` closes an
# HTML comment); a list may follow a space, and once written it is what counts (atomic).
_SUPPRESS = re.compile(rb"modelsunset:[ \t]*ignore(?>(?:[ \t]*\[([^\]\n]*)\])?)(?!\w|-\w)")
_SUPPRESS_FILE = re.compile(rb"modelsunset:[ \t]*ignore-file\b")


def ignores_whole_file(data: bytes) -> bool:
    """``modelsunset: ignore-file`` in one of the first lines. Only those lines are
    searched (a search of the whole file cost a tenth of the scan of a large tree)."""
    end = 0
    for _ in range(IGNORE_FILE_LINES):
        end = data.find(b"\n", end) + 1
        if end == 0:
            end = len(data)
            break
    if data.find(b"modelsunset", 0, end) == -1:  # most files never name it
        return False
    return _SUPPRESS_FILE.search(data, 0, end) is not None


# What a line's ``modelsunset: ignore`` comments say: None (no comment), True (every id)
# or the names and ids they list.
Suppression = bool | frozenset[str] | None


def suppression(data: bytes, line_start: int, line_end: int) -> Suppression:
    if data.find(b"modelsunset", line_start, line_end) == -1:
        return None
    wanted: set[str] = set()
    found_any = False
    for found in _SUPPRESS.finditer(data, line_start, line_end):
        found_any = True
        names = found.group(1)
        if names is None:
            return True
        wanted.update(name.strip() for name in names.decode("utf-8", "replace").split(","))
    return frozenset(wanted) if found_any else None


def suppressed(suppress: bool | frozenset[str], hit: Hit) -> bool:
    if isinstance(suppress, frozenset):
        return hit.name in suppress or (hit.model is not None and hit.model in suppress)
    return suppress
