"""The output of ``check``, held back until it is whole.

JSON and SARIF are made a few thousand items at a time (``gate.shown_pieces``) so that a
large report is never one string. Written as they were made, a fault while making them
(exit 2) would leave half a document in ``report.json``; held here, stdout gets all of
it or nothing. Up to ``LIMIT`` characters are held in memory and the rest in an unnamed
temporary file, so a report of any size costs little memory either way.

A stdout that is a regular file written at its end, not in append mode (``> report.json``)
needs no holding: ``into_file`` writes the pieces there as they are made, and a fault or a
signal the command takes (SIGTERM, Ctrl-C) while making or writing them cuts the file back
to what it held before, so it gets all of the report or none of it here too. (A process
killed outright, SIGKILL, leaves what was written so far.)
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from typing import IO, AnyStr

LIMIT = 16 * 1024 * 1024
"""Characters held in memory (as text or as bytes) before the output goes on in a temporary
file."""

CHUNK = 1024 * 1024
"""Characters (or bytes) read back at a time from the temporary file."""


def whole(pieces: Iterable[str], limit: int = LIMIT) -> Iterator[str]:
    """``pieces`` again, once every one of them has been made: nothing is given while an
    exception can still end the making. Raises ``OutputError`` when the temporary file
    cannot be written (a full disk)."""
    return _held(((len(piece), piece) for piece in pieces), limit, _temporary)


def whole_encoded(
    pieces: Iterable[str], encode: Callable[[str], bytes], limit: int = LIMIT
) -> Iterator[bytes]:
    """``whole`` for a stdout that takes bytes: each piece encoded once, as it is made (by
    ``encode``, as stdout would encode it), then held as bytes (past ``limit`` characters,
    as ``whole`` counts them, in a temporary file). Text held in a temporary file is
    encoded on the way in, decoded on the way out, then encoded again for stdout: 0.2 to
    0.4 s of a report of 170 MB."""
    return _held(((len(piece), encode(piece)) for piece in pieces), limit, _temporary_bytes)


def into_file(pieces: Iterable[bytes], fd: int) -> None:
    """Writes ``pieces`` to the regular file open at ``fd`` (at its end: see
    ``console.stdout_file``) as they are made. Should the making or the writing fail (a
    fault, SIGTERM, Ctrl-C, a full disk), the file is cut back to the size it had, and
    the error raised (an ``OutputError`` for one of writing)."""
    import os

    from modelsunset.check.forked import write_all

    start = os.lseek(fd, 0, os.SEEK_CUR)
    try:
        for piece in pieces:
            try:
                write_all(fd, piece)
            except OSError as exc:
                raise _unwritten(exc) from None
    except BaseException:
        with suppress(OSError):  # the error that ended it is the one to tell
            os.ftruncate(fd, start)
            os.lseek(fd, start, os.SEEK_SET)
        raise


def _unwritten(exc: OSError) -> Exception:
    from modelsunset.errors import OutputError

    return OutputError(
        f"cannot write the output: {exc.strerror or exc}",
        "check where stdout goes (a full disk, a closed file)",
    )


def _held(
    pieces: Iterable[tuple[int, AnyStr]], limit: int, temporary: Callable[[], IO[AnyStr]]
) -> Iterator[AnyStr]:
    """The pieces, each given with its count of characters, held until the last is made."""
    held: list[AnyStr] = []
    size = 0
    spill: IO[AnyStr] | None = None
    try:
        for count, piece in pieces:
            if spill is not None:
                _write(spill, piece)
                continue
            held.append(piece)
            size += count
            if size > limit:
                spill = temporary()
                for earlier in held:
                    _write(spill, earlier)
                held = []
        if spill is None:
            yield from held
            return
        spill.seek(0)
        while chunk := spill.read(CHUNK):
            yield chunk
    finally:
        if spill is not None:
            spill.close()


def _temporary() -> IO[str]:
    import tempfile

    try:
        # surrogatepass: a lone surrogate (a file name that is not UTF-8, as Python holds
        # it) comes back as it went in, and stdout's own encoding decides what it becomes.
        return tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass", newline="")
    except OSError as exc:
        raise _cannot(exc) from None


def _temporary_bytes() -> IO[bytes]:
    import tempfile

    try:
        return tempfile.TemporaryFile("w+b")
    except OSError as exc:
        raise _cannot(exc) from None


def _write(spill: IO[AnyStr], text: AnyStr) -> None:
    try:
        spill.write(text)
    except OSError as exc:
        raise _cannot(exc) from None


def _cannot(exc: OSError) -> Exception:
    from modelsunset.errors import OutputError

    return OutputError(
        f"cannot hold the report until it is whole: {exc.strerror or exc}",
        "free some space in the temporary folder (TMPDIR), or ask for less (--kinds, a path)",
    )
