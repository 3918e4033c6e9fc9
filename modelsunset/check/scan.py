"""Walking the trees under each PATH and finding ids in the files, read as bytes.

What is scanned:

* every regular file under each PATH, in name order, except ignored ones: rules of the
  ``.gitignore`` files in the tree (and, inside a git repository, those of the folders
  above PATH up to the repository root, and ``.git/info/exclude``), and ``--exclude``
  patterns (gitignore syntax, matched against the path below PATH and the path shown);
* never the folders of version control systems (``.git``, ``.hg``, ``.svn``, ...);
* no binary file (a NUL byte in the first 8 KiB);
* no symbolic link below PATH: a link whose target lies inside the tree would scan the
  target a second time (it is scanned under its own path), and one that leaves the tree
  is outside what was asked for. So loops cannot happen. A PATH that is itself a link
  is followed.

A file given as PATH is scanned even when ``.gitignore`` names it (``--exclude`` still
applies, as pre-commit passes files one by one), and so is a folder given as PATH that
the ignore files above it name (with the rules of the ignore files inside it). Files
that cannot be read are reported through ``notes`` and skipped. A line of an ignore file
that is no valid pattern is reported through ``notes`` and left out, as git does. An
ignore file is read only when it is a regular file of at most ``IGNORE_FILE_LIMIT``
bytes, opened without blocking; a ``.gitignore`` that is a symbolic link is not followed
(as git no longer follows one). A PATH that is neither a file nor a folder (a pipe, a
device) is a usage error: the gate must not pass having scanned nothing.

Files are read as bytes, whatever their encoding: ids are ASCII, so they are found in
UTF-8, Latin-1 or any other ASCII-compatible text alike. Columns count the characters
of the line as UTF-8 reads it, each byte that is not UTF-8 as one. Large files are read
in pieces cut at line ends, counting lines as the pieces go by; a line longer than
``LONG_LINE`` is searched in parts that overlap by more than the longest pattern, so no
id is lost. Each occurrence keeps at most ``EXCERPT`` characters of its line, around the
id, however long the line: memory stays proportional to the number of hits, and the
work on a line to its length.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any, Protocol

from modelsunset.check.match import Hit, Matcher
from modelsunset.errors import UsageError
from modelsunset.files import read_regular

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

VCS_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj", ".pijul", ".sl"})
BINARY_PROBE = 8192
PIECE = 4 * 1024 * 1024
LONG_LINE = 16 * 1024 * 1024  # a line longer than this is searched in overlapping parts
IGNORE_FILE_LINES = 10
IGNORE_FILE_LIMIT = 1 << 20  # an ignore file larger than this (1 MiB) is left out, noted
EXCERPT = 200  # characters of a line kept with each occurrence, around the id
_CONTINUATION = frozenset(range(0x80, 0xC0))
_BOM = codecs.BOM_UTF8
# `ignore` is a word of its own (not `ignored`, `ignore-next`, though `ignore-->` closes an
# HTML comment); a list may follow a space, and once written it is what counts (atomic).
_SUPPRESS = re.compile(rb"modelsunset:[ \t]*ignore(?>(?:[ \t]*\[([^\]\n]*)\])?)(?!\w|-\w)")
_SUPPRESS_FILE = re.compile(rb"modelsunset:[ \t]*ignore-file\b")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A name found in a file. ``model`` is None for an id the catalogue does not know.
    ``text`` is the line, or at most ``EXCERPT`` characters of it around the name (with
    ``…`` where it is cut)."""

    path: str
    line: int
    column: int
    match: str
    model: str | None
    text: str


@dataclass(slots=True)
class Stats:
    files: int = 0
    bytes: int = 0
    binary: int = 0
    ignored_files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)


Note = Callable[[str], None]
Progress = Callable[[Stats], None]


class PathSpec(Protocol):
    """What is used of ``pathspec.GitIgnoreSpec`` (generic in some versions, not others)."""

    def match_file(self, file: str) -> bool: ...

    def check_file(self, file: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class _Rule:
    """One ignore file: ``base`` is its folder below the scan root ("" for the root);
    ``up`` is the way from its folder down to the root when it lies above the root."""

    spec: PathSpec
    base: str = ""
    up: str = ""

    def verdict(self, rel: str, is_dir: bool) -> bool | None:
        if self.up:
            sub = f"{self.up}/{rel}"
        elif self.base:
            if not rel.startswith(self.base + "/"):
                return None
            sub = rel[len(self.base) + 1 :]
        else:
            sub = rel
        include: bool | None = self.spec.check_file(sub + "/" if is_dir else sub).include
        return include


def _spec(lines: Sequence[str]) -> PathSpec | None:
    """The rules of these gitignore lines; every line must be a valid pattern (else
    ``ValueError``, or ``re.error`` for one Python cannot compile, such as ``[z-a]``)."""
    import warnings

    from pathspec import GitIgnoreSpec

    cleaned = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not cleaned:
        return None
    with warnings.catch_warnings():
        # ``[[x]`` compiles, with a FutureWarning about nested sets that is no concern of
        # the person running the check (and an error under ``-W error``).
        warnings.simplefilter("ignore", FutureWarning)
        spec: PathSpec = GitIgnoreSpec.from_lines(lines)
    return spec


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with this gitignore line, worded to follow it (``'!' is not a
    gitignore pattern``), or None when it can be used."""
    try:
        _spec([pattern])
    except ValueError:  # pathspec's own pattern errors: ``!`` alone, a lone ``\\``
        return "is not a gitignore pattern"
    except re.error as exc:
        # Git reads ``[z-a]`` as a range of nothing; Python's regular expressions, into
        # which pathspec turns patterns, refuse it.
        return f"is not a pattern modelsunset can read ({exc.msg})"
    return None


def exclude_spec(patterns: Sequence[str]) -> PathSpec | None:
    """The rules of ``--exclude`` and ``exclude`` patterns, checked beforehand."""
    return _spec(list(patterns))


def kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages: ``a pipe``, ``a folder``."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISLNK, "a symbolic link"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def _size(count: int) -> str:
    return f"{count >> 20} MiB" if count and count % (1 << 20) == 0 else f"{count} bytes"


def read_small_file(path: str, shown: str, note: Note, follow: bool) -> bytes | None:
    """The bytes of a small regular file, or None: when it does not exist (quietly), and
    when it is not a regular file, is larger than ``IGNORE_FILE_LIMIT`` or cannot be read
    (with a note). ``follow``: whether a symbolic link is followed.

    A pipe is never opened in a way that waits for a writer, nor a device read: the file
    is looked at first, opened without blocking (and, unless ``follow``, without following
    a link), and looked at again once open, in case it was replaced in between."""
    missing = (FileNotFoundError, NotADirectoryError)
    try:
        info = os.stat(path, follow_symlinks=follow)
    except missing:
        return None
    except OSError as exc:
        note(f"warning: cannot read {shown}: {exc.strerror or exc}")
        return None
    if stat.S_ISLNK(info.st_mode):
        note(f"warning: {shown} is a symbolic link; left out (git does not follow it either)")
        return None
    if not stat.S_ISREG(info.st_mode):
        note(f"warning: {shown} is not a regular file ({kind(info.st_mode)}); left out")
        return None
    too_large = f"warning: {shown} is larger than {_size(IGNORE_FILE_LIMIT)}; left out"
    if info.st_size > IGNORE_FILE_LIMIT:
        note(too_large)
        return None
    try:
        data = read_regular(path, IGNORE_FILE_LIMIT, follow)
    except missing:
        return None
    except OSError as exc:
        note(f"warning: cannot read {shown}: {exc.strerror or exc}")
        return None
    if data is None:  # replaced by something else since it was looked at
        note(f"warning: {shown} is not a regular file; left out")
    elif len(data) > IGNORE_FILE_LIMIT:  # grew since it was looked at
        note(too_large)
    else:
        return data
    return None


def _read_ignore(path: str, shown: str, note: Note, follow: bool = False) -> PathSpec | None:
    """The rules of one ignore file; a line that is no valid pattern is noted and left out.
    A ``.gitignore`` that is a symbolic link is not followed (``follow``: it is, for
    ``.git/info/exclude``, as git does)."""
    data = read_small_file(path, shown, note, follow)
    if data is None:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    try:
        return _spec(lines)
    except (ValueError, re.error):
        pass
    kept: list[str] = []
    for number, line in enumerate(lines, start=1):
        problem = pattern_problem(line)
        if problem is None:
            kept.append(line)
        else:
            note(f"warning: {shown}:{number}: {line!r} {problem}; left out")
    return _spec(kept)


def _git_root(start: str) -> str | None:
    current = start
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _first_line(path: str, shown: str, note: Note) -> str | None:
    data = read_small_file(path, shown, note, follow=True)
    if data is None:
        return None
    lines = data.decode("utf-8", errors="surrogateescape").splitlines()
    return lines[0].strip() if lines else ""


def _common_git_folder(repo: str, note: Note) -> str | None:
    """The git folder of the repository whose work tree is ``repo``, where ``info/exclude``
    lives: ``.git`` itself, or, where ``.git`` is a file (a worktree, a submodule), the
    folder its ``gitdir:`` line names (relative to ``repo``); and for a worktree, the
    folder that one's ``commondir`` names (relative to it), shared by every worktree.
    None when there is none to be found (noted when the ``.git`` file says nothing)."""
    git = os.path.join(repo, ".git")
    if os.path.isdir(git):
        folder = git
    else:
        shown = _shown_outside(git)
        line = _first_line(git, shown, note)
        if line is None:
            return None
        key, _, value = line.partition(":")
        if key != "gitdir" or not value.strip():
            note(
                f"warning: {shown} does not say where its git folder is ('gitdir: PATH'); "
                "its info/exclude is not read"
            )
            return None
        folder = os.path.join(repo, value.strip())  # an absolute path stays as it is
    commondir = os.path.join(folder, "commondir")
    common = _first_line(commondir, _shown_outside(commondir), note)
    return os.path.join(folder, common) if common else folder


def _shown_outside(path: str) -> str:
    """How a file above the scan root is named in notes: relative to the working folder."""
    try:
        return printable(PurePath(os.path.relpath(path)).as_posix())
    except ValueError:  # another drive on Windows
        return printable(path)


def _outer_rules(real_root: str, note: Note) -> list[_Rule]:
    """Ignore files above the root, up to the git repository's root (none outside git)."""
    repo = _git_root(real_root)
    if repo is None:
        return []
    rules: list[_Rule] = []
    folders = []
    current = real_root
    while True:
        folders.append(current)
        if current == repo:
            break
        current = os.path.dirname(current)
    folders.reverse()
    common = _common_git_folder(repo, note)
    info_exclude = os.path.join(common, "info", "exclude") if common is not None else None
    exclude = None
    if info_exclude is not None:
        exclude = _read_ignore(info_exclude, _shown_outside(info_exclude), note, follow=True)
    if exclude is not None:
        up = PurePath(os.path.relpath(real_root, repo)).as_posix()
        rules.append(_Rule(exclude, up="" if up == "." else up))
    for folder in folders[:-1]:
        ignore_file = os.path.join(folder, ".gitignore")
        spec = _read_ignore(ignore_file, _shown_outside(ignore_file), note)
        if spec is not None:
            rules.append(_Rule(spec, up=PurePath(os.path.relpath(real_root, folder)).as_posix()))
    # A PATH that these rules ignore was asked for by name: scan it, with its own rules.
    for rule in rules:
        parts = rule.up.split("/") if rule.up else []
        for depth in range(1, len(parts) + 1):
            if rule.spec.check_file("/".join(parts[:depth]) + "/").include:
                return []
    return rules


def _ignored(rules: Sequence[_Rule], rel: str, is_dir: bool) -> bool:
    ignored = False
    for rule in rules:
        verdict = rule.verdict(rel, is_dir)
        if verdict is not None:
            ignored = verdict
    return ignored


def _excluded(spec: PathSpec | None, rel: str, shown: str, is_dir: bool) -> bool:
    if spec is None:
        return False
    suffix = "/" if is_dir else ""
    return spec.match_file(rel + suffix) or (shown != rel and spec.match_file(shown + suffix))


def display(root_arg: str, rel: str) -> str:
    """The PATH given joined with the place below it, normalised, with ``/`` separators."""
    joined = os.path.normpath(os.path.join(root_arg, rel)) if rel else os.path.normpath(root_arg)
    return PurePath(joined).as_posix()


def printable(path: str) -> str:
    """A path as it can be written out: the bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = path.encode("utf-8", "replace")
        return raw.decode("utf-8", "replace")
    return path


def _shower(root_arg: str) -> Callable[[str], str]:
    """A fast ``display`` for one root: ``rel`` never holds ``.`` or ``..`` parts."""
    base = display(root_arg, "")
    if base == ".":
        return lambda rel: rel
    if base == "/":
        return lambda rel: "/" + rel
    if base.endswith("/.."):
        return lambda rel: display(root_arg, rel)
    prefix = base + "/"
    return lambda rel: prefix + rel


@dataclass(frozen=True, slots=True)
class Target:
    shown: str
    fs_path: str


def walk(
    root_arg: str,
    excludes: PathSpec | None,
    gitignore: bool,
    stats: Stats,
    note: Note,
) -> Iterator[Target]:
    """The files to scan under one PATH, in a stable order."""
    try:
        info = os.stat(root_arg)
    except FileNotFoundError:
        raise UsageError(
            f"no such file or folder: {printable(root_arg) or repr(root_arg)}",
            hint="check the path; it is read from the working folder",
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot read {printable(root_arg)}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character
        raise UsageError(f"not a usable path: {printable(root_arg)!r}") from None
    if not stat.S_ISDIR(info.st_mode):
        shown = printable(display(root_arg, ""))
        if not stat.S_ISREG(info.st_mode):
            # A pipe (``check <(...)``, /dev/stdin) or a device: nothing can be scanned,
            # and passing with "0 files scanned" would let the gate pass unchecked.
            raise UsageError(
                f"cannot scan {printable(root_arg)}: it is {kind(info.st_mode)}, "
                "not a file or folder",
                hint="check scans files and folders; --model ID checks ids without scanning",
            )
        if not _excluded(excludes, shown, shown, False):
            yield Target(shown, root_arg)
        return
    shower = _shower(root_arg)

    def show(rel: str) -> str:
        return printable(shower(rel))

    real_root = os.path.realpath(root_arg)
    rules = _outer_rules(real_root, note) if gitignore else []
    stack: list[tuple[str, str, list[_Rule]]] = [(root_arg, "", rules)]
    while stack:
        folder, rel_folder, inherited = stack.pop()
        rules = inherited
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            where = show(rel_folder) if rel_folder else printable(display(root_arg, ""))
            stats.skipped.append((where + "/", exc.strerror or str(exc)))
            note(f"warning: skipped {where}/: {exc.strerror or exc}")
            continue
        if gitignore and any(entry.name == ".gitignore" for entry in entries):
            ignore_rel = f"{rel_folder}/.gitignore" if rel_folder else ".gitignore"
            spec = _read_ignore(os.path.join(folder, ".gitignore"), show(ignore_rel), note)
            if spec is not None:
                rules = [*inherited, _Rule(spec, base=rel_folder)]
        folders: list[tuple[str, str, list[_Rule]]] = []
        for entry in entries:
            if entry.name in VCS_FOLDERS:  # a folder, or a file (``.git`` of a worktree)
                continue
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            try:
                if entry.is_symlink():
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
                if not is_dir and not entry.is_file(follow_symlinks=False):
                    continue
            except OSError:
                continue
            if rules and _ignored(rules, rel, is_dir):
                if not is_dir:
                    stats.ignored_files += 1
                continue
            shown = show(rel)
            if _excluded(excludes, rel, shown, is_dir):
                if not is_dir:
                    stats.ignored_files += 1
                continue
            if is_dir:
                folders.append((entry.path, rel, rules))
            else:
                yield Target(shown, entry.path)
        stack.extend(reversed(folders))


class FileScanner:
    """Reads one file at a time and turns hits into occurrences."""

    def __init__(self, matcher: Matcher, stats: Stats, note: Note) -> None:
        self.matcher = matcher
        self.stats = stats
        self.note = note
        self.margin = max(matcher.longest, 80) + 2

    def _skip(self, shown: str, reason: str) -> None:
        self.stats.skipped.append((shown, reason))
        self.note(f"warning: skipped {shown}: {reason}")

    def scan(self, target: Target) -> list[Occurrence]:
        try:
            with open(target.fs_path, "rb") as handle:
                return self._scan(handle, target.shown)
        except OSError as exc:
            self._skip(target.shown, f"cannot read it ({exc.strerror or exc})")
        return []

    def _scan(self, handle: IO[bytes], shown: str) -> list[Occurrence]:
        data = handle.read(PIECE)
        if b"\0" in data[:BINARY_PROBE]:
            self.stats.binary += 1
            return []
        self.stats.files += 1
        self.stats.bytes += len(data)
        if _ignores_whole_file(data):
            return []
        if len(data) < PIECE:
            return self._occurrences(data, shown, 0, len(data), 1, 0, data.startswith(_BOM))
        return self._stream(handle, data, shown)

    def _stream(self, handle: IO[bytes], data: bytes, shown: str) -> list[Occurrence]:
        found: list[Occurrence] = []
        bom = data.startswith(_BOM)
        line = 1
        column_before = 0  # characters of the current line that lie before data[0]
        skip = 0  # data[:skip] is look-back context, already searched
        while True:
            more = handle.read(PIECE)
            self.stats.bytes += len(more)
            at_end = not more
            if at_end:
                limit = len(data)
            else:
                newline = data.rfind(b"\n", skip)
                if newline != -1:
                    limit = newline + 1
                elif len(data) - skip > max(LONG_LINE, 2 * self.margin):
                    limit = len(data) - self.margin
                else:
                    data += more
                    continue
            found += self._occurrences(data, shown, skip, limit, line, column_before, bom)
            if at_end:
                return found
            # Keep two bytes before the cut (token edges look that far back), and never
            # cut inside a UTF-8 sequence, so that characters are counted whole.
            consumed = max(0, limit - 2)
            while consumed > 0 and limit - consumed < 6 and data[consumed] in _CONTINUATION:
                consumed -= 1
            line += data.count(b"\n", 0, consumed)
            last_newline = data.rfind(b"\n", 0, consumed)
            if last_newline == -1:
                column_before += _characters(data, 0, consumed)
            else:
                column_before = _characters(data, last_newline + 1, consumed)
                bom = False
            data = data[consumed:] + more
            skip = limit - consumed

    def _occurrences(
        self,
        data: bytes,
        shown: str,
        start: int,
        limit: int,
        line: int,
        column_before: int,
        bom: bool,
    ) -> list[Occurrence]:
        """Occurrences of hits starting in ``data[start:limit]``; ``data[0]`` is on ``line``.

        One pass over the hits, in order: the line, its start and end, its suppression
        comment and the column are carried from one hit to the next, so a line with many
        hits is read once, not once per hit."""
        hits = [hit for hit in self.matcher.find(data) if start <= hit.start < limit]
        if not hits:
            return []
        found: list[Occurrence] = []
        counted_to = 0  # newlines before here are counted in ``line``
        line_start = line_end = -1  # the line of the previous hit: data[line_start:line_end]
        column = 0  # characters from line_start to counted_to
        suppress: _Suppression = None
        for hit in hits:
            if hit.start >= line_end:  # the first hit, or one on a later line
                newlines = data.count(b"\n", counted_to, hit.start)
                if newlines or line_start < 0:
                    line += newlines
                    line_start = data.rfind(b"\n", 0 if line_start < 0 else counted_to, hit.start)
                    line_start += 1
                    column = column_before if line_start == 0 else 0
                    if bom and line_start == 0 and line == 1:
                        column -= 1
                    counted_to = line_start
                line_end = data.find(b"\n", hit.start)
                if line_end == -1:
                    line_end = len(data)
                suppress = _suppression(data, line_start, line_end)
            column += _characters(data, counted_to, hit.start)
            counted_to = hit.start
            if suppress is not None and _suppressed(suppress, hit):
                continue
            found.append(
                Occurrence(
                    path=shown,
                    line=line,
                    column=column + 1,
                    match=hit.name,
                    model=hit.model,
                    text=_excerpt(data, line_start, line_end, hit.start, hit.end),
                )
            )
        return found


def _characters(data: bytes, start: int, end: int) -> int:
    """Characters in ``data[start:end]`` as UTF-8 reads them, a byte that is not UTF-8
    counting as one (as ``errors="replace"`` shows it)."""
    segment = data[start:end]
    if segment.isascii():
        return len(segment)
    return len(segment.decode("utf-8", errors="replace"))


def _excerpt(data: bytes, line_start: int, line_end: int, start: int, end: int) -> str:
    """The line of ``data[start:end]``, or at most ``EXCERPT`` characters of it around
    that name, with ``…`` where the line is cut."""
    if line_end > line_start and data[line_end - 1] == 0x0D:
        line_end -= 1
    if line_end - line_start <= EXCERPT:
        return data[line_start:line_end].decode("utf-8", errors="replace")
    room = max(0, EXCERPT - (end - start) - 2)
    before = room // 2
    after = room - before
    # A character is at most 4 bytes: these byte ranges hold enough characters.
    low = max(line_start, start - 4 * before - 4)
    while low > line_start and low < start and data[low] in _CONTINUATION:
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


def _ignores_whole_file(data: bytes) -> bool:
    """``modelsunset: ignore-file`` in one of the first lines."""
    end = 0
    for _ in range(IGNORE_FILE_LINES):
        end = data.find(b"\n", end) + 1
        if end == 0:
            end = len(data)
            break
    if data.find(b"modelsunset", 0, end) == -1:
        return False
    return _SUPPRESS_FILE.search(data, 0, end) is not None


# What a line's ``modelsunset: ignore`` comments say: None (no comment), True (every id)
# or the names and ids they list.
_Suppression = bool | frozenset[str] | None


def _suppression(data: bytes, line_start: int, line_end: int) -> _Suppression:
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


def _suppressed(suppress: bool | frozenset[str], hit: Hit) -> bool:
    if isinstance(suppress, frozenset):
        return hit.name in suppress or (hit.model is not None and hit.model in suppress)
    return suppress


BATCH = 48  # files per job sent to a worker process
PARALLEL_AFTER = 400  # files walked before worker processes are started


MAX_JOBS = 256  # the most ``--jobs`` accepts
PER_CORE = 4  # worker processes started at most per usable core, whatever ``--jobs`` asks


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_default() -> int:
    return max(1, min(usable_cores(), 8))


def workers_for(jobs: int | None) -> int:
    """Worker processes for ``--jobs N``: the default (one per core, at most 8) for None or
    0; else N, but never more than ``PER_CORE`` per usable core."""
    if not jobs:
        return jobs_default()
    return max(1, min(jobs, PER_CORE * usable_cores()))


def scan(
    paths: Sequence[str],
    matcher: Matcher,
    excludes: Sequence[str],
    gitignore: bool,
    note: Note,
    progress: Progress | None = None,
    skip: Sequence[str] = (),
    jobs: int | None = None,
) -> tuple[list[Occurrence], Stats]:
    """Every occurrence under ``paths``; each file once, even if two PATHs reach it.

    ``skip`` names files never to scan (the catalogue files in use). Small trees are read
    in this process; once a walk passes ``PARALLEL_AFTER`` files, batches of files go to
    ``jobs`` worker processes (default: one per core, at most 8; never more than
    ``PER_CORE`` per core) while the walk goes on. The answer
    is the same either way; notes about skipped files come in walk order."""
    stats = Stats()
    targets = _targets(paths, excludes, gitignore, stats, note, skip)
    workers = workers_for(jobs)
    scanner = FileScanner(matcher, stats, note)
    found: list[Occurrence] = []
    for number, target in enumerate(targets):
        found += scanner.scan(target)
        if progress is not None:
            progress(stats)
        if workers > 1 and number + 1 >= PARALLEL_AFTER:
            found += _in_parallel(targets, matcher, workers, stats, note, progress)
            break
    return found, stats


def _targets(
    paths: Sequence[str],
    excludes: Sequence[str],
    gitignore: bool,
    stats: Stats,
    note: Note,
    skip: Sequence[str],
) -> Iterator[Target]:
    skip_paths = {os.path.abspath(path) for path in skip}
    skip_names = {os.path.basename(path) for path in skip_paths}
    spec = exclude_spec(excludes)
    seen: set[str] = set()
    for root in paths:
        for target in walk(root, spec, gitignore, stats, note):
            if len(paths) > 1:
                key = os.path.realpath(target.fs_path)
                if key in seen:
                    continue
                seen.add(key)
            if (
                os.path.basename(target.fs_path) in skip_names
                and os.path.abspath(target.fs_path) in skip_paths
            ):
                continue
            yield target


_worker: FileScanner | None = None


def _start_worker(matcher: Matcher) -> None:
    """A worker process: its scanner; and signals as the parent stops workers.

    Ctrl-C signals the whole process group: a worker ignores it, and the parent, which
    takes it, ends the workers (so no worker prints a traceback, and none goes on with
    the work queued for it). SIGTERM ends a worker at once, without Python's handler the
    parent may have had when it forked. Both were held back from the fork (see
    ``_held_signals``) until now."""
    import signal

    global _worker
    _worker = FileScanner(matcher, Stats(), lambda text: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


@contextmanager
def _held_signals() -> Iterator[None]:
    """SIGINT and SIGTERM wait (blocked) meanwhile, to be taken afterwards. Worker
    processes forked meanwhile start with them blocked, so that a signal cannot end one
    half-started (with a traceback) before it has chosen how to take them."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):  # Windows: workers are spawned afresh
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _scan_batch(batch: list[Target]) -> tuple[list[Occurrence], Stats, list[str]]:
    assert _worker is not None
    notes: list[str] = []
    _worker.stats = Stats()
    _worker.note = notes.append
    found: list[Occurrence] = []
    for target in batch:
        found += _worker.scan(target)
    return found, _worker.stats, notes


def _batches(targets: Iterator[Target]) -> Iterator[list[Target]]:
    batch: list[Target] = []
    for target in targets:
        batch.append(target)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _in_parallel(
    targets: Iterator[Target],
    matcher: Matcher,
    workers: int,
    stats: Stats,
    note: Note,
    progress: Progress | None,
) -> list[Occurrence]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    found: list[Occurrence] = []
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(matcher,)
    )
    try:
        with _held_signals():
            pool.submit(int)  # forks the workers (all of them, with "fork") now
        for occurrences, part, notes in pool.map(_scan_batch, _batches(targets)):
            found += occurrences
            stats.files += part.files
            stats.bytes += part.bytes
            stats.binary += part.binary
            stats.skipped += part.skipped
            for text in notes:
                note(text)
            if progress is not None:
                progress(stats)
    except BaseException:
        # Ctrl-C, SIGTERM (see ``command``), an error of the walk: the workers go now,
        # not once they have done the work already queued for them, and never live on
        # after this process.
        with _held_signals():
            _stop(pool, before)
        raise
    pool.shutdown()
    return found


def _stop(pool: ProcessPoolExecutor, before: set[BaseProcess]) -> None:
    """Ends the worker processes of ``pool`` (the children not in ``before``) at once."""
    import multiprocessing

    pool.shutdown(wait=False, cancel_futures=True)
    workers = [child for child in multiprocessing.active_children() if child not in before]
    for child in workers:
        child.kill()
    for child in workers:
        child.join(timeout=10)
