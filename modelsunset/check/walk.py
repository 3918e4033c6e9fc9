"""Walking the trees under each PATH: the files to scan, in name order.

Every regular file under each PATH is scanned, except those ``ignore`` leaves out. No
symbolic link below PATH is followed: a link whose target lies inside the tree would scan
the target a second time (it is scanned under its own path), and one that leaves the tree
is outside what was asked for. So loops cannot happen. A PATH that is itself a link is
followed.

A file given as PATH is scanned even when ``.gitignore`` names it (``--exclude`` still
applies, as pre-commit passes files one by one). A folder that cannot be listed (no
permission, a path too long for the system) and an entry whose type cannot be told are
reported through ``note`` and recorded in ``Stats.skipped``. A PATH that is neither a
file nor a folder (a pipe, a device) is a usage error: the gate must not pass having
scanned nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from modelsunset.check.ignore import (
    VCS_FOLDERS,
    PathSpec,
    Rule,
    exclude_spec,
    excluded,
    ignored,
    outer_rules,
    read_ignore,
)
from modelsunset.check.kinds import Kind, kind_of
from modelsunset.check.mocked import is_test
from modelsunset.check.paths import display, kind, printable, shower
from modelsunset.errors import UsageError
from modelsunset.wording import inert

if TYPE_CHECKING:
    from modelsunset.check.read import Note, Stats


class Target(NamedTuple):
    """A file to scan: its name in findings, its path, and its kind (of the path below
    PATH, or of the path of a file given as PATH: see ``_place_of_file``). A tuple: quick
    to make, and to send to a worker process as a plain one."""

    shown: str
    fs_path: str
    kind: Kind = Kind.CODE
    notebook: bool = False
    test: bool = False  # code of a test, mocked if its text fakes the provider (``mocked``)

    @classmethod
    def of(cls, shown: str, fs_path: str, place: str) -> Target:
        kind, notebook = kind_of(place)
        test = kind is Kind.CODE and not notebook and is_test(place)
        return cls(shown, fs_path, kind, notebook, test)


def _place_of_file(shown: str) -> str:
    """The path a file given as PATH takes its kind from: as given, when it lies below
    the current folder (``tests/cassettes/a.json``); else its name alone, for the folders
    above a checkout (``/data/``, ``/builds/2.0.0/``) say nothing about the files in it."""
    if not os.path.isabs(shown) and not shown.startswith("../") and shown != "..":
        return shown
    try:
        below = os.path.relpath(os.path.abspath(shown))
    except (OSError, ValueError):  # no current folder, or another drive (Windows)
        below = ""
    if below and not below.startswith(".."):
        return below.replace(os.sep, "/")
    return shown.rsplit("/", 1)[-1]


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
            f"no such file or folder: {inert(printable(root_arg)) or repr(root_arg)}",
            hint="check the path; it is read from the working folder",
        ) from None
    except OSError as exc:
        raise UsageError(
            f"cannot read {inert(printable(root_arg))}: {exc.strerror or exc}",
            hint="check the path and its permissions; check reads it as the user it runs as",
        ) from None
    except ValueError:  # a NUL character
        raise UsageError(f"not a usable path: {printable(root_arg)!r}") from None
    if not stat.S_ISDIR(info.st_mode):
        named = display(root_arg, "")
        shown = printable(named)
        if shown is not named:  # a name that is not UTF-8: SARIF's URIs give its bytes
            stats.named(shown, named)
        if not stat.S_ISREG(info.st_mode):
            # A pipe (``check <(...)``, /dev/stdin) or a device: nothing can be scanned,
            # and passing with "0 files scanned" would let the gate pass unchecked.
            raise UsageError(
                f"cannot scan {inert(printable(root_arg))}: it is {kind(info.st_mode)}, "
                "not a file or folder",
                hint="check scans files and folders; --model ID checks ids without scanning",
            )
        if not excluded(excludes, shown, shown, False):
            yield Target.of(shown, root_arg, _place_of_file(shown))
        return
    show_rel = shower(root_arg)

    def show(rel: str) -> str:
        named = show_rel(rel)
        shown = printable(named)
        if shown is not named:  # a name that is not UTF-8: SARIF's URIs give its bytes
            stats.named(shown, named)
        return shown

    real_root = os.path.realpath(root_arg)
    rules = outer_rules(real_root, note) if gitignore else []
    stack: list[tuple[str, str, list[Rule]]] = [(root_arg, "", rules)]
    while stack:
        folder, rel_folder, inherited = stack.pop()
        rules = inherited
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            where = show(rel_folder) if rel_folder else printable(display(root_arg, ""))
            stats.skip(where + "/", exc.strerror or str(exc), note)
            continue
        if gitignore and any(entry.name == ".gitignore" for entry in entries):
            ignore_rel = f"{rel_folder}/.gitignore" if rel_folder else ".gitignore"
            spec = read_ignore(os.path.join(folder, ".gitignore"), show(ignore_rel), note)
            if spec is not None:
                rules = [*inherited, Rule(spec, base=rel_folder)]
        folders: list[tuple[str, str, list[Rule]]] = []
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
            except OSError as exc:  # what it is cannot be told: never passed in silence
                stats.skip(show(rel), f"cannot tell what it is ({exc.strerror or exc})", note)
                continue
            if rules and ignored(rules, rel, is_dir):
                if not is_dir:
                    stats.ignored_files += 1
                continue
            shown = show(rel)
            if excluded(excludes, rel, shown, is_dir):
                if not is_dir:
                    stats.ignored_files += 1
                continue
            if is_dir:
                folders.append((entry.path, rel, rules))
            else:
                yield Target.of(shown, entry.path, rel)
        stack.extend(reversed(folders))


def targets(
    paths: Sequence[str],
    excludes: Sequence[str],
    gitignore: bool,
    stats: Stats,
    note: Note,
    skip: Sequence[str],
) -> Iterator[Target]:
    """The files to scan under every PATH, each once (even if two PATHs reach it), but
    those of ``skip``."""
    # A catalogue named through a link is the file the link points at: both are skipped.
    skip_paths = {os.path.abspath(path) for path in skip}
    skip_paths |= {os.path.realpath(path) for path in skip}
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
            if os.path.basename(target.fs_path) in skip_names and (
                os.path.abspath(target.fs_path) in skip_paths
                or os.path.realpath(target.fs_path) in skip_paths
            ):
                continue
            yield target
