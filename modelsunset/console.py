"""The process's streams and terminal: how output is written, and what the commands may
know about where they run (a ``Session``).

stdout carries only data; stderr carries messages, with control characters shown rather
than obeyed. Output that cannot be written is an ``OutputError`` (exit 2), a reader that
went away (``| head``) is not an error, and a stdout that cannot take UTF-8 gets the
characters it cannot hold escaped.
"""

import os
import sys
from collections.abc import Callable
from typing import TextIO

from modelsunset.commands import Session
from modelsunset.i18n import Lang


def _escape(error: UnicodeError) -> tuple[str, int]:
    """Characters an encoding cannot hold, as JSON writes them: \\u2192, and a character
    beyond U+FFFF as its surrogate pair. JSON output stays valid and nothing is lost."""
    assert isinstance(error, UnicodeEncodeError)
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _unicode(target: object) -> bool:
    """Whether a stream writes Unicode (UTF-8, or UTF-16 as asked for): every character."""
    encoding = getattr(target, "encoding", None) or "ascii"
    return encoding.lower().replace("_", "-").startswith("utf")


def _escaped(text: str, encoding: str) -> str:
    """``text`` with the characters ``encoding`` cannot hold written as JSON escapes them."""
    import codecs

    codecs.register_error("modelsunset.escape", _escape)
    return text.encode(encoding, "modelsunset.escape").decode(encoding)


def writer(stream: str) -> Callable[[str], None]:
    def write(text: str) -> None:
        target = sys.stdout if stream == "out" else sys.stderr
        if stream == "err":
            if target is None:
                return  # stderr is closed: nowhere to say anything
            from modelsunset.wording import defused, guarded

            # What people typed (an id with an escape sequence) is shown, never obeyed;
            # characters that reorder or hide text are written out too, and nothing can
            # be read as a GitHub workflow command (``##[``, a line that begins ``::``).
            text = guarded(defused(text, lines=True))
            if not text.endswith("\n"):
                text += "\n"
        elif target is None:
            from modelsunset.errors import OutputError

            raise OutputError("cannot write the output: stdout is closed")
        try:
            # An 8-bit stream (latin-1, cp1252) would take some characters as bytes that
            # are not UTF-8 (JSON that is no JSON): what is not ASCII is escaped there.
            unicode = text.isascii() or stream != "out" or _unicode(target)
            try:
                if not unicode:
                    target.write(_escaped(text, "ascii"))
                else:
                    target.write(text)
            except UnicodeEncodeError:
                # stdout cannot take UTF-8 (LANG=C, PYTHONIOENCODING=ascii). Nothing was
                # written yet: write it again with the characters it cannot hold escaped.
                target.write(_escaped(text, target.encoding or "ascii"))
            target.flush()
        except BrokenPipeError:
            quiet(target)
        except OSError as exc:
            if stream == "err":
                return
            from modelsunset.errors import OutputError

            quiet(target)
            raise OutputError(
                f"cannot write the output: {exc.strerror or exc}",
                "check where stdout goes (a full disk, a closed file)",
            ) from None

    return write


def stdout_encoder() -> Callable[[str], bytes] | None:
    """How ``writer("out")`` turns a piece of text into bytes, for a UTF-8 stdout with bytes
    beneath it: as stdout encodes it, or, should that fail (a lone surrogate), with the
    characters it cannot hold escaped, as ``writer`` does then. None for any other stdout
    (its text is written with ``writer``)."""
    target = sys.stdout
    if target is None or getattr(target, "buffer", None) is None:
        return None
    encoding = (getattr(target, "encoding", None) or "").lower().replace("_", "-")
    errors = getattr(target, "errors", None) or "strict"
    if encoding not in ("utf-8", "utf8") or errors not in ("strict", "surrogateescape"):
        return None

    def encode(text: str) -> bytes:
        try:
            return text.encode("utf-8", errors)
        except UnicodeEncodeError:
            return _escaped(text, "utf-8").encode("utf-8", errors)

    return encode


def stdout_file() -> int | None:
    """stdout's file descriptor, its text written out, if the report may go straight into
    it (``spool.into_file``): a regular file open for writing, not in append mode, whose
    position is its end (``> report.json``; POSIX only). Else None: ``>>`` (a log others
    may write to), ``1<>file`` at another place, a pipe or a terminal are held until the
    report is whole."""
    import stat

    target = sys.stdout
    if target is None or sys.platform == "win32" or getattr(target, "buffer", None) is None:
        return None
    try:
        import fcntl

        fd = target.fileno()
        target.flush()
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or flags & os.O_APPEND
            or flags & os.O_ACCMODE == os.O_RDONLY
            or os.lseek(fd, 0, os.SEEK_CUR) != info.st_size
        ):
            return None
    except (AttributeError, ValueError, OSError):  # no descriptor beneath (a test's stream)
        return None
    return fd


def binary_writer() -> Callable[[bytes], None]:
    """stdout for bytes that must arrive as they are: an iCalendar file's CRLF line ends,
    in UTF-8 whatever the locale. Errors as for text (``writer``)."""
    text = writer("out")

    def write(data: bytes) -> None:
        target = sys.stdout
        buffer = getattr(target, "buffer", None)
        if buffer is None:  # no stdout (an error), or one with no bytes beneath it
            text(data.decode("utf-8", "replace"))
            return
        try:
            target.flush()
            buffer.write(data)
            buffer.flush()
        except BrokenPipeError:
            quiet(target)
        except OSError as exc:
            from modelsunset.errors import OutputError

            quiet(target)
            raise OutputError(
                f"cannot write the output: {exc.strerror or exc}",
                "check where stdout goes (a full disk, a closed file)",
            ) from None

    return write


def quiet(target: TextIO) -> None:
    """Send what is left for a stream that failed to /dev/null, so that Python's own flush
    at exit does not fail again. (A reader that went away, `| head`, is not an error.)"""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, target.fileno())
    except (OSError, ValueError):
        pass


def session(lang: Lang | None = None) -> Session:
    """What a command may know of this process: today, the terminal, the streams and the
    language (``lang`` as --lang asked, else as the environment asks: ``i18n.lang_of``)."""
    from datetime import UTC, datetime

    from modelsunset.dates import parse_date
    from modelsunset.errors import BadDate
    from modelsunset.i18n import lang_of

    now = datetime.now(UTC).date()
    pinned = os.environ.get("MODELSUNSET_DATE")
    today, pinned_error = now, None
    try:
        today = parse_date(pinned, now) if pinned else now
    except BadDate as exc:
        from modelsunset.commands import usage_error

        # An error only for a command that needs the date and is given no --date.
        pinned_error = usage_error(exc, "MODELSUNSET_DATE")
    terminal = sys.stdout is not None and sys.stdout.isatty()
    return Session(
        today=today,
        colour=terminal and "NO_COLOR" not in os.environ,  # set, even empty: no colour
        width=_width(),
        out=writer("out"),
        err=writer("err"),
        out_bytes=binary_writer(),
        out_encode=stdout_encoder(),
        out_file=stdout_file,
        ascii_only=not (getattr(sys.stdout, "encoding", None) or "utf-8").lower().startswith("utf"),
        pinned_error=pinned_error,
        lang=lang if lang is not None else lang_of(os.environ),
    )


MIN_WIDTH = 60  # the least width tables are drawn at: narrower, ids fold to nothing


def _width() -> int:
    """COLUMNS when it is a positive number, else the terminal's width, else 80: the order
    of ``shutil.get_terminal_size`` (whose module, with its compression libraries, costs
    more to import than this), so COLUMNS=0 or junk does not make tables vanish; but never
    less than ``MIN_WIDTH`` (the terminal wraps the longer lines, and nothing is lost)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns, MIN_WIDTH)
