"""Reading files that must be regular files, without ever waiting on a pipe.

A catalogue, a cache file or an ignore file could be a FIFO or a device by accident (or
by mischief). Such a file is opened without blocking, so a pipe with no writer is never
waited on, and looked at once open, so a file swapped for a pipe in between is caught.
"""

from __future__ import annotations

import os
import stat

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_regular(
    path: str | os.PathLike[str], limit: int | None = None, follow: bool = True
) -> bytes | None:
    """The bytes of a regular file; None when it is anything else (a folder, a pipe, a
    device). With ``limit``, at most ``limit + 1`` bytes are read, so that the caller can
    tell a file over the limit. ``follow``: whether a symbolic link is followed. OSError as
    the system raises it (a missing file, no permission)."""
    flags = _FLAGS if follow else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except IsADirectoryError:  # where a folder cannot even be opened to be looked at
        return None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except BaseException:
        os.close(descriptor)
        raise
    if not regular:
        os.close(descriptor)
        return None
    with os.fdopen(descriptor, "rb") as source:
        return source.read() if limit is None else source.read(limit + 1)
