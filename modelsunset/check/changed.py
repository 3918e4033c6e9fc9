"""``check --changed BASE``: only the lines added or changed since a git revision.

For a pull-request gate: an id that was already there before the change is not the
change's to answer for. The lines come from git itself, run as a command (never a
library): ``git diff --unified=0 BASE`` in the repository of each PATH gives the lines
of every file that differ from BASE in the working tree (committed since, staged or not),
read from its hunk headers (``@@ -12,3 +14,5 @@``: lines 14 to 18 are new or changed);
files git does not track yet, unless ignored (``git ls-files --others
--exclude-standard``), are new as a whole. A file moved since BASE counts only for the
lines that changed in the move. ``git diff --numstat`` tells which files changed: one
that git diffs as binary (``-diff`` or ``binary`` in ``.gitattributes``), so that it
shows no lines of it, counts as new as a whole, as does one with lines added that the
diff's hunks did not give (never left out for want of them).

A PATH that is in no git repository, a BASE that names no commit, git missing or taking
longer than ``TIMEOUT`` seconds (all its calls together) are usage errors (exit 2), so a
gate never passes having looked at nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from modelsunset.errors import UsageError
from modelsunset.wording import inert

if TYPE_CHECKING:
    from modelsunset.check.scan import Occurrence

TIMEOUT = 60.0
_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# Settings that would change what ``git diff`` prints, put back to git's defaults.
_PLAIN = (
    "-c",
    "core.quotePath=false",
    "-c",
    "diff.relative=false",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    # Renames, not copies: with copies, a file copied (or made from one deleted) would
    # count only for the lines that differ from its source.
    "-c",
    "diff.renames=true",
)

# Lines new or changed in each file (real absolute paths); None: the whole file is new.
Changed = Mapping[str, frozenset[int] | None]


class Lines:
    """The lines new or changed since a revision, and the occurrences on them."""

    def __init__(self, changed: Changed) -> None:
        self.changed = changed

    def only(self, occurrences: Iterable[Occurrence]) -> list[Occurrence]:
        return only_changed(occurrences, self.changed)


def _as_shown(changed: Changed) -> tuple[dict[str, frozenset[int] | None], list[str]]:
    """``changed`` by the names occurrences carry (``paths.printable``: a byte of a name
    that is not UTF-8 is U+FFFD there), two names that read alike merged; and the folders
    among them (a submodule added or moved to another commit), whose every file counts."""
    from modelsunset.check.paths import printable

    merged: dict[str, frozenset[int] | None] = {}
    folders: list[str] = []
    for path, lines in changed.items():
        shown = printable(path)
        if os.path.isdir(path):
            folders.append(shown.rstrip(os.sep) + os.sep)
            lines = None
        if shown in merged:
            before = merged[shown]
            lines = None if before is None or lines is None else before | lines
        merged[shown] = lines
    return merged, folders


def since(base: str | None, paths: Sequence[str]) -> Lines | None:
    """``--changed BASE``: the lines new or changed in the repositories of ``paths``;
    None without ``--changed`` (every line counts)."""
    return None if base is None else Lines(changed_lines(base, paths))


def _git(
    args: Sequence[str], folder: str, base: str, deadline: float
) -> subprocess.CompletedProcess[bytes]:
    """A git command in ``folder``, given until ``deadline`` (of ``time.monotonic``): the
    calls of one ``--changed`` share ``TIMEOUT`` seconds, so that git made to wait (a
    hook, a setting) stalls the gate that long at most, not that long for each call."""
    import time

    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-C", folder, *_PLAIN, *args],
            capture_output=True,
            timeout=max(0.0, deadline - time.monotonic()),
            env=env,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            f"{_named(base)}: git is not installed (or not on PATH)",
            hint="install git, or leave --changed out to check every line",
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(
            f"{_named(base)}: git did not answer within {TIMEOUT:.0f} seconds, all its calls "
            f"together (the last: git {' '.join(args[:1])} in {folder})",
            hint="run that git command there by hand: a setting of the repository's or of "
            "yours (core.fsmonitor, a hook, a file it reads) may make it wait; or leave "
            "--changed out to check every line",
        ) from None
    except OSError as exc:
        raise UsageError(
            f"{_named(base)}: cannot run git: {exc.strerror or exc}",
            hint="check that git runs here (git --version), or leave --changed out to check "
            "every line",
        ) from None


def _named(base: str) -> str:
    """``--changed BASE`` as messages begin, BASE with its control characters written out."""
    return f"--changed {inert(base)}"


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "no message"


def changed_lines(base: str, paths: Sequence[str]) -> dict[str, frozenset[int] | None]:
    """The lines new or changed since ``base`` in the repositories of ``paths``."""
    if not base.strip() or base.startswith("-"):
        raise UsageError(
            f"--changed {base!r} is not a revision",
            hint="a branch, tag or commit: --changed origin/main",
        )
    import time

    deadline = time.monotonic() + TIMEOUT
    tops: list[str] = []
    for path in paths:
        folder = path if os.path.isdir(path) else (os.path.dirname(path) or ".")
        done = _git(["rev-parse", "--show-toplevel"], folder, base, deadline)
        if done.returncode != 0:
            raise UsageError(
                f"{_named(base)}: {inert(path)} is not in a git repository "
                f"({_first_line(done.stderr)})",
                hint="run in a git checkout, or leave --changed out to check every line",
            )
        top = os.path.realpath(os.fsdecode(done.stdout.rstrip(b"\r\n")))
        if top not in tops:
            tops.append(top)
    changed: dict[str, frozenset[int] | None] = {}
    for top in tops:
        known = _git(
            ["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], top, base, deadline
        )
        if known.returncode != 0:
            raise UsageError(
                f"{_named(base)}: unknown revision '{inert(base)}' in {inert(top)}",
                hint="name a branch, tag or commit that this clone has "
                "(in CI, fetch it first: git fetch origin main)",
            )
        # Every submodule's change shows, whatever .gitmodules (ignore = all) or the
        # user's diff.ignoreSubmodules say: a submodule added or moved counts whole.
        plain = [
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "--ignore-submodules=none",
            base,
            "--",
        ]
        diff = _git(
            ["diff", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/", *plain],
            top,
            base,
            deadline,
        )
        counts = _git(["diff", "--numstat", "-z", *plain], top, base, deadline)
        for done in (diff, counts):
            if done.returncode != 0:
                raise UsageError(f"{_named(base)}: git diff failed ({_first_line(done.stderr)})")
        lines_of = parse_diff(diff.stdout)
        for name, added in parse_numstat(counts.stdout).items():
            # A file git shows no lines of (binary to git: `-diff` or `binary` in
            # .gitattributes) or whose lines could not be read from the diff counts as
            # new as a whole: never left out for want of its hunks.
            if added is None or (added and not lines_of.get(name)):
                changed[os.path.join(top, name)] = None
            elif added:
                changed[os.path.join(top, name)] = lines_of[name]
        others = _git(["ls-files", "--others", "--exclude-standard", "-z"], top, base, deadline)
        if others.returncode != 0:
            raise UsageError(f"{_named(base)}: git ls-files failed ({_first_line(others.stderr)})")
        for raw in others.stdout.split(b"\0"):
            if raw:
                changed[os.path.join(top, os.fsdecode(raw))] = None
    return changed


def parse_diff(output: bytes) -> dict[str, frozenset[int]]:
    """Lines added or changed per file (paths as git names them, below the repository)
    in the output of ``git diff --unified=0``. Hunk bodies are skipped by their counts,
    so a removed line that reads ``-- x`` (shown as ``--- x``) is never a file name."""
    found: dict[str, set[int]] = {}
    current: set[int] | None = None
    old_left = new_left = 0
    for line in output.split(b"\n"):
        if old_left or new_left:
            if line.startswith(b"-") and old_left:
                old_left -= 1
                continue
            if line.startswith(b"+") and new_left:
                new_left -= 1
                continue
            if line.startswith(b"\\"):
                continue
            old_left = new_left = 0  # a malformed hunk: read headers again
        if line.startswith(b"\\"):
            continue
        if line.startswith(b"diff --git ") or line.startswith(b"diff --cc "):
            current = None
        elif line.startswith(b"+++ "):
            name = _path(line[4:])
            current = None if name is None else found.setdefault(name, set())
        elif line.startswith(b"@@ "):
            hunk = _HUNK.match(line)
            if hunk is None:
                continue
            old_left = int(hunk.group(2)) if hunk.group(2) is not None else 1
            start = int(hunk.group(3))
            new_left = int(hunk.group(4)) if hunk.group(4) is not None else 1
            if current is not None:
                current.update(range(start, start + new_left))
    return {name: frozenset(lines) for name, lines in found.items()}


def parse_numstat(output: bytes) -> dict[str, int | None]:
    """The lines added per file (None: a file git diffs as binary) in the output of ``git
    diff --numstat -z``: ``ADDED TAB DELETED TAB PATH NUL``, or for a file moved
    ``ADDED TAB DELETED TAB NUL OLD NUL NEW NUL``; names as they are, never quoted."""
    found: dict[str, int | None] = {}
    fields = output.split(b"\0")
    index = 0
    while index < len(fields):
        counts = fields[index].split(b"\t", 2)
        index += 1
        if len(counts) != 3:
            continue
        added, _, name = counts
        if not name:  # moved: the old name, then the new one
            name = fields[index + 1] if index + 1 < len(fields) else b""
            index += 2
        if name:
            found[os.fsdecode(name)] = None if added == b"-" else int(added or 0)
    return found


_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13}


def _path(raw: bytes) -> str | None:
    """The file a ``+++`` line names, below the repository; None for ``/dev/null``. Git
    ends the line with a tab when the name holds a space (as GNU diff does); a name that
    itself ends with a tab is quoted."""
    raw = raw.rstrip(b"\r")
    if raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2:
        raw = _unquote(raw[1:-1])
    elif raw.endswith(b"\t"):
        raw = raw[:-1]
    if raw == b"/dev/null" or not raw.startswith(b"b/"):
        return None
    return os.fsdecode(raw[2:])


def _unquote(text: bytes) -> bytes:
    """A name git quoted C-style (``\\"``, ``\\\\``, ``\\t``, ``\\303\\251``)."""
    out = bytearray()
    index = 0
    while index < len(text):
        byte = text[index : index + 1]
        if byte != b"\\" or index + 1 >= len(text):
            out += byte
            index += 1
            continue
        escaped = text[index + 1 : index + 2]
        if escaped in _ESCAPES:
            out.append(_ESCAPES[escaped])
            index += 2
        elif escaped.isdigit() and re.fullmatch(rb"[0-7]{3}", text[index + 1 : index + 4]):
            out.append(int(text[index + 1 : index + 4], 8))
            index += 4
        else:
            out += escaped
            index += 2
    return bytes(out)


def only_changed(occurrences: Iterable[Occurrence], changed: Changed) -> list[Occurrence]:
    """The occurrences on lines that are new or changed."""
    shown, folders = _as_shown(changed)
    real: dict[str, str] = {}
    kept: list[Occurrence] = []
    for found in occurrences:
        if found.path not in real:
            real[found.path] = os.path.realpath(found.path)
        path = real[found.path]
        lines = shown.get(path, frozenset())
        if lines is not None and folders and path.startswith(tuple(folders)):
            lines = None
        if lines is None or found.line in lines:
            kept.append(found)
    return kept
