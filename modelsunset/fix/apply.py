"""Edits made: the new bytes of a file, the unified diff that shows them, and writing.

Files are changed as bytes, only where an id stands: the encoding, a byte-order mark,
line endings (CRLF stays CRLF, a last line without a newline stays so) and every other
byte are kept. A file is written whole or not at all (``files.write_atomic``: a new file
beside it renamed over it, with the permissions of the one it replaces).

Before writing, the file is read again, and each line to change is compared with the line
the plan was made from: a line that changed meanwhile is left as it now is, and reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from modelsunset.fix.plan import Edit

_NO_NEWLINE = "\\ No newline at end of file\n"


def rewritten(data: bytes, edits: Sequence[Edit]) -> bytes:
    """``data`` with the edits made (those of one file), right to left on each line."""
    lines = data.split(b"\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.start), reverse=True):
        line = lines[edit.line - 1]
        old, new = edit.old.encode(), edit.new.encode()
        assert line[edit.start : edit.start + len(old)] == old
        lines[edit.line - 1] = line[: edit.start] + new + line[edit.start + len(old) :]
    return b"\n".join(lines)


def diff(path: str, old: bytes, new: bytes, context: int = 3) -> bytes:
    """A unified diff from ``old`` to ``new``, as ``diff -u`` and ``difflib`` write it
    (``a/PATH``, ``b/PATH`` for a relative path, ``context`` lines around each change),
    which ``patch`` and ``git apply`` read, byte for byte: lines that are not UTF-8 come
    out as they are in the file. Names are written as git writes them (``_header``).

    Edits change lines in place, never their number, so the changed lines are known and
    the hunks are cut around them directly: ``difflib.SequenceMatcher`` would search
    for them, in time that grows with the square of a large file's changes."""
    before, after = _lines(old), _lines(new)
    assert len(before) == len(after)
    changed = [index for index, line in enumerate(before) if line != after[index]]
    if not changed:
        return b""
    out = [f"--- {_header(path, 'a/')}\n", f"+++ {_header(path, 'b/')}\n"]
    groups: list[list[int]] = [[changed[0]]]
    for index in changed[1:]:
        if index - groups[-1][-1] - 1 > 2 * context:  # more equal lines than two contexts
            groups.append([])
        groups[-1].append(index)
    for group in groups:
        first, last = max(0, group[0] - context), min(len(before), group[-1] + context + 1)
        span = difflib_range(first, last)
        out.append(f"@@ -{span} +{span} @@\n")
        index = first
        while index < last:
            if before[index] == after[index]:
                out.append(_ended(" " + before[index]))
                index += 1
                continue
            end = index
            while end < last and before[end] != after[end]:
                end += 1
            out += [_ended("-" + line) for line in before[index:end]]
            out += [_ended("+" + line) for line in after[index:end]]
            index = end
    return "".join(out).encode("utf-8", "surrogateescape")


def _header(path: str, side: str) -> str:
    """The name on a ``---`` or ``+++`` line, as git writes it: ``side`` before a relative
    path, quoted when it must be, a tab after a name with a space (so that ``patch``
    knows where it ends)."""
    import os

    name = quoted_name(path if os.path.isabs(path) else side + path)
    return name + "\t" if " " in name else name


# The bytes a name in a diff header shows as escapes, as git writes them (its C style).
_NAMED = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r"}
_NAMED |= {ord('"'): '\\"', ord("\\"): "\\\\"}


def quoted_name(name: str) -> str:
    """``name`` as git writes it in the header of a diff: as it is when every byte is
    printable ASCII other than ``"`` and ``\\``; else in double quotes, ``"``, ``\\``, tab,
    newline and the like as C escapes and every other control or non-ASCII byte as an
    octal one (``\\033``, ``caf\\303\\251``), as with ``core.quotePath``. So a name
    cannot end a header early or start another one (a newline then ``+++ x``), nor
    reach a terminal raw; ``patch`` and ``git apply`` read the name back."""
    import os

    raw = os.fsencode(name)
    if all(0x20 <= byte < 0x7F and byte not in _NAMED for byte in raw):
        return name
    shown = (
        _NAMED.get(byte) or (chr(byte) if 0x20 <= byte < 0x7F else f"\\{byte:03o}") for byte in raw
    )
    return '"' + "".join(shown) + '"'


def difflib_range(start: int, stop: int) -> str:
    """A range of a hunk header as ``difflib.unified_diff`` writes it."""
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"


def _ended(line: str) -> str:
    """A line of a diff, with the marker ``patch`` reads after a last line that has no
    newline."""
    return line if line.endswith("\n") else line + "\n" + _NO_NEWLINE


def _lines(data: bytes) -> list[str]:
    """The lines of ``data``, each with its newline; only LF ends a line (as for
    ``check``), so a CR, a form feed or a U+2028 stays inside its line."""
    pieces = data.decode("utf-8", "surrogateescape").split("\n")
    lines = [piece + "\n" for piece in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


@dataclass(slots=True)
class Written:
    """What writing one file did."""

    path: str
    made: list[Edit] = field(default_factory=list)
    stale: list[Edit] = field(default_factory=list)  # lines that changed since the scan
    error: str | None = None


def write(path: str, edits: Sequence[Edit]) -> Written:
    """The edits of one file made on disk, except on lines that changed since."""
    from modelsunset.files import read_regular, write_atomic
    from modelsunset.fix.plan import Lines

    done = Written(path)
    try:
        current = read_regular(path)
    except OSError as exc:
        done.error = f"cannot read it again: {exc.strerror or exc}"
        return done
    if current is None:
        done.error = "it is no longer a regular file"
        return done
    lines = Lines(current)
    for edit in edits:
        (done.made if lines[edit.line] == edit.text else done.stale).append(edit)
    if not done.made:
        return done
    try:
        write_atomic(path, rewritten(current, done.made))
    except OSError as exc:
        done.error = f"cannot write it: {exc.strerror or exc}"
        done.made = []
    return done
