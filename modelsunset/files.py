"""Reading files that must be regular files, without ever waiting on a pipe; and writing
one whole or not at all.

A catalogue, a cache file or an ignore file could be a FIFO or a device by accident (or
by mischief). Such a file is opened without blocking, so a pipe with no writer is never
waited on, and looked at once open, so a file swapped for a pipe in between is caught.
"""

from __future__ import annotations

import os
import stat

_PIECE = 1 << 20  # bytes read at a time up to a limit
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
        if limit is None:
            return source.read()
        # In pieces: ``read(limit + 1)`` would take room for the whole limit first (20 MiB,
        # or the gigabytes a raised limit allows) for a file of a few hundred KB, and fail
        # under a memory limit that the file itself fits in.
        pieces: list[bytes] = []
        left = limit + 1
        while left > 0:
            piece = source.read(min(left, _PIECE))
            if not piece:
                break
            pieces.append(piece)
            left -= len(piece)
        return b"".join(pieces)


def private_folder(path: str) -> None:
    """``path`` made, if it is not a folder yet, with the folders above it that are missing:
    each with what the umask allows and always its owner's reading, writing and entering
    (under ``umask 777`` a folder would be made with no permission at all, unusable by
    this command and by every other that shares it, as ``~/.cache`` is shared); ``path``
    itself for its owner alone (0700). OSError as the system raises it."""
    missing: list[str] = []
    current = os.path.abspath(path)
    while not os.path.isdir(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for folder in reversed(missing):
        private = folder == missing[0]
        try:
            os.mkdir(folder, 0o700 if private else 0o777)
        except FileExistsError:  # made meanwhile, by another run
            continue
        mode = stat.S_IMODE(os.lstat(folder).st_mode)
        if mode & 0o700 != 0o700:
            os.chmod(folder, mode | 0o700)


def write_owner_only(path: str, data: bytes) -> None:
    """``data`` written to ``path`` whole or not at all (a temporary file beside it, renamed
    into place), readable and writable by its owner alone: 0600 whatever the umask
    (``tempfile.mkstemp`` asks for 0600, which ``umask 777`` would take to 0000). For the
    cache, whose files are this user's own. OSError as the system raises it."""
    import tempfile

    folder, name = os.path.split(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_atomic(path: str, data: bytes) -> None:
    """``data`` written to ``path`` whole or not at all: into a new file beside it, then
    renamed over it, so a reader never sees half a file. A symbolic link is followed (the
    file it names is replaced). The file keeps the permissions of the one it replaces, else
    gets the usual ones (0666 less the umask). Only a regular file is replaced: anything
    else there (a folder, a pipe, a device) is an OSError, as are the system's own."""
    import contextlib
    import errno
    import tempfile

    target = os.path.realpath(path)
    try:
        found = os.stat(target)
    except FileNotFoundError:
        mode = None
    else:
        if not stat.S_ISREG(found.st_mode):
            kind = "a folder" if stat.S_ISDIR(found.st_mode) else "not a regular file"
            raise OSError(errno.EEXIST, f"it is {kind}", path)
        mode = stat.S_IMODE(found.st_mode)
    folder, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is None:
            umask = os.umask(0o022)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
