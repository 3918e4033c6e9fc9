"""Which files a scan leaves out: ignore files, ``--exclude`` patterns, version control.

* The rules of the ``.gitignore`` files in the tree, and, inside a git repository, those of
  the folders above PATH up to the repository root, and ``info/exclude`` of its git folder
  (for a worktree or a submodule, the folder its ``.git`` file names; for a worktree, the
  one shared by every worktree); ``--exclude`` patterns (gitignore syntax, matched against
  the path below PATH and the path shown).
* Never the folders of version control systems (``.git``, ``.hg``, ``.svn``, ...).

A folder given as PATH that the ignore files above it name is scanned (with the rules of
the ignore files inside it). A line of an ignore file that is no valid pattern is reported
through ``notes`` and left out, as git does. An ignore file is read only when it is a
regular file of at most ``IGNORE_FILE_LIMIT`` bytes, opened without blocking; a
``.gitignore`` that is a symbolic link is not followed (as git no longer follows one).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from modelsunset.check.gitignore import IgnoreSpec, compile_lines
from modelsunset.check.gitignore import pattern_problem as pattern_problem  # for scan
from modelsunset.check.paths import kind, posix, shown_outside
from modelsunset.files import read_regular

if TYPE_CHECKING:
    from modelsunset.check.read import Note

VCS_FOLDERS = frozenset({".git", ".hg", ".svn", ".bzr", "_darcs", "CVS", ".jj", ".pijul", ".sl"})
IGNORE_FILE_LIMIT = 1 << 20  # an ignore file larger than this (1 MiB) is left out, noted


PathSpec = IgnoreSpec  # the rules of one ignore file, or of the exclude patterns


class Rule(NamedTuple):
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
        return self.spec.verdict(sub + "/" if is_dir else sub)


def exclude_spec(patterns: Sequence[str]) -> PathSpec | None:
    """The rules of ``--exclude`` and ``exclude`` patterns, checked beforehand (one that
    cannot be used is a ``ValueError``)."""
    spec, problems = compile_lines(patterns)
    if problems:
        number, problem = problems[0]
        raise ValueError(f"{patterns[number - 1]!r} {problem}")
    return spec


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


def read_ignore(path: str, shown: str, note: Note, follow: bool = False) -> PathSpec | None:
    """The rules of one ignore file; a line that is no valid pattern is noted and left out.
    A ``.gitignore`` that is a symbolic link is not followed (``follow``: it is, for
    ``.git/info/exclude``, as git does)."""
    data = read_small_file(path, shown, note, follow)
    if data is None:
        return None
    lines = data.decode("utf-8", errors="replace").splitlines()
    spec, problems = compile_lines(lines)
    for number, problem in problems:
        note(f"warning: {shown}:{number}: {_line_text(lines[number - 1])} {problem}; left out")
    return spec


_LINE_SHOWN = 60  # characters of a line that cannot be used, at most, in its note


def _line_text(line: str) -> str:
    """A line in a note, as Python writes a string (``'x\\\\'``), cut when long."""
    if len(line) <= _LINE_SHOWN:
        return repr(line)
    return repr(line[: _LINE_SHOWN - 3]) + "..."


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
        shown = shown_outside(git)
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
    common = _first_line(commondir, shown_outside(commondir), note)
    return os.path.join(folder, common) if common else folder


def outer_rules(real_root: str, note: Note) -> list[Rule]:
    """Ignore files above the root, up to the git repository's root (none outside git)."""
    repo = _git_root(real_root)
    if repo is None:
        return []
    rules: list[Rule] = []
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
        exclude = read_ignore(info_exclude, shown_outside(info_exclude), note, follow=True)
    if exclude is not None:
        up = posix(os.path.relpath(real_root, repo))
        rules.append(Rule(exclude, up="" if up == "." else up))
    for folder in folders[:-1]:
        ignore_file = os.path.join(folder, ".gitignore")
        spec = read_ignore(ignore_file, shown_outside(ignore_file), note)
        if spec is not None:
            rules.append(Rule(spec, up=posix(os.path.relpath(real_root, folder))))
    # A PATH that these rules ignore was asked for by name: scan it, with its own rules.
    for rule in rules:
        parts = rule.up.split("/") if rule.up else []
        for depth in range(1, len(parts) + 1):
            if rule.spec.verdict("/".join(parts[:depth]) + "/"):
                return []
    return rules


def ignored(rules: Sequence[Rule], rel: str, is_dir: bool) -> bool:
    ignored = False
    for rule in rules:
        verdict = rule.verdict(rel, is_dir)
        if verdict is not None:
            ignored = verdict
    return ignored


def excluded(spec: PathSpec | None, rel: str, shown: str, is_dir: bool) -> bool:
    if spec is None:
        return False
    suffix = "/" if is_dir else ""
    return spec.match_file(rel + suffix) or (shown != rel and spec.match_file(shown + suffix))
