"""How the files of a scan are named in its findings and notes.

A file below a PATH is shown as the PATH given joined with the place below it, normalised,
with ``/`` separators; a file above the scan root (an ignore file of a folder above it) is
shown relative to the working folder. The bytes of a file name that are not UTF-8 are
shown as U+FFFD, so that every name can be written out.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable


def posix(path: str) -> str:
    """A path that ``os.path`` made (``normpath``, ``relpath``: normalised) with ``/``
    separators, as ``PurePath(path).as_posix()`` gives it, without importing pathlib."""
    return path if os.sep == "/" else path.replace(os.sep, "/")


def display(root_arg: str, rel: str) -> str:
    """The PATH given joined with the place below it, normalised, with ``/`` separators."""
    joined = os.path.normpath(os.path.join(root_arg, rel)) if rel else os.path.normpath(root_arg)
    return posix(joined)


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


def shower(root_arg: str) -> Callable[[str], str]:
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


def shown_outside(path: str) -> str:
    """How a file above the scan root is named in notes: relative to the working folder."""
    try:
        return printable(posix(os.path.relpath(path)))
    except ValueError:  # another drive on Windows
        return printable(path)


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


def inert(text: str) -> str:
    """``text`` as no CI runner reads it: GitHub Actions takes a line that begins with
    ``::`` (after any blanks) as a workflow command, and ``##[`` anywhere in a line as one
    of the older form, so a file name or catalogue text could otherwise forge an
    annotation, hide the log or end the job's commands. The ``:`` that begins such a line
    is written ``\\x3a`` and the ``[`` of ``##[`` ``\\x5b``, as control characters are
    written out (``visible``); every other character stays."""
    if "::" not in text and "##[" not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        line = line.replace("##[", "##\\x5b")
        body = line.lstrip()
        if body.startswith("::"):
            line = line[: len(line) - len(body)] + "\\x3a" + body[1:]
        lines[number] = line
    return "\n".join(lines)
