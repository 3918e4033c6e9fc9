"""Worker processes made by ``os.fork``, and pipes of whole messages between them: all
that ``pool`` needs of ``multiprocessing`` where processes can be forked. Importing
``multiprocessing`` and its connections takes 11 to 14 ms (it imports sockets, pickle,
tempfile, shutil, subprocess ...), as long as a worker saves on a tree of a few thousand
files; these need ``os`` and ``select`` only.

A message is its length (8 bytes, big-endian), then its bytes. A pipe whose writer is gone
ends: ``recv_bytes`` raises ``EOFError`` (also for a message cut short), and a write to a
pipe whose reader is gone raises ``OSError`` (Python ignores SIGPIPE).

A forked process runs its target, then leaves with ``os._exit``: no exit handler of the
command runs in it, and no buffer the command had not written yet is written again. A
target that raises ends the process with exit code 1, and says nothing: the command sees
its pipe end before it answered (``pool.WorkerLost``)."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable, Sequence
from typing import Protocol

_LENGTH = 8  # bytes of a message's length
_PIECE = 1 << 20  # bytes read at once, at most


class Channel(Protocol):
    """One end of a pipe of messages (``End`` here, a ``Connection`` of
    ``multiprocessing`` where processes are spawned)."""

    def fileno(self) -> int: ...

    def send_bytes(self, data: bytes) -> None: ...

    def recv_bytes(self) -> bytes: ...

    def close(self) -> None: ...


class Worker(Protocol):
    """A worker process (``Forked`` here, a ``multiprocessing`` process elsewhere)."""

    @property
    def exitcode(self) -> int | None: ...

    def start(self) -> None: ...

    def kill(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...

    def close(self) -> None: ...


class End:
    """One end of a pipe (a file descriptor, closed once)."""

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        if self.fd < 0:
            raise OSError("the pipe is closed")
        return self.fd

    def close(self) -> None:
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            os.close(fd)

    def send_bytes(self, data: bytes) -> None:
        fd = self.fileno()
        write_all(fd, len(data).to_bytes(_LENGTH, "big"))
        write_all(fd, data)

    def recv_bytes(self) -> bytes:
        fd = self.fileno()
        size = int.from_bytes(_read_exactly(fd, _LENGTH), "big")
        return _read_exactly(fd, size)


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` written to ``fd`` (a write may take part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exactly(fd: int, size: int) -> bytes:
    pieces: list[bytes] = []
    left = size
    while left:
        piece = os.read(fd, min(left, _PIECE))
        if not piece:
            raise EOFError("the pipe ended")
        pieces.append(piece)
        left -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def pipe() -> tuple[End, End]:
    """A pipe: the end to read from, and the end to write to."""
    reader, writer = os.pipe()
    return End(reader), End(writer)


def wait(ends: Sequence[Channel], timeout: float | None) -> list[Channel]:
    """The ends of ``ends`` that have a message or have ended, once one has (within
    ``timeout`` seconds; None: however long it takes)."""
    if not hasattr(select, "poll"):
        ready, _, _ = select.select(list(ends), [], [], timeout)
        return ready
    poller = select.poll()
    by_fd = {}
    for end in ends:
        by_fd[end.fileno()] = end
        poller.register(end.fileno(), select.POLLIN)
    waited = None if timeout is None else max(0, int(timeout * 1000))
    return [by_fd[fd] for fd, _ in poller.poll(waited)]


class Forked:
    """A process forked from this one to run ``target(*args)``."""

    def __init__(self, target: Callable[..., object], args: tuple[object, ...]) -> None:
        self._target = target
        self._args = args
        self.pid = 0
        self._code: int | None = None

    def start(self) -> None:
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the command's code
            code = 1
            try:
                self._target(*self._args)
                code = 0
            except BaseException:  # said by the command: its pipe ends unanswered
                pass
            finally:
                os._exit(code)
        self.pid = pid

    @property
    def exitcode(self) -> int | None:
        """Its exit code (a signal that ended it as its negative), None while it runs."""
        if self._code is None and self.pid:
            self._reap(os.WNOHANG)
        return self._code

    def _reap(self, flags: int) -> None:
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:  # reaped already
            self._code = -1 if self._code is None else self._code
            return
        if pid:
            self._code = os.waitstatus_to_exitcode(status)

    def kill(self) -> None:
        if self.exitcode is None:
            try:
                os.kill(self.pid, 9)  # SIGKILL
            except ProcessLookupError:  # gone meanwhile
                return

    def join(self, timeout: float | None = None) -> None:
        """Waits until it has ended (at most ``timeout`` seconds), and reaps it."""
        if self._code is not None or not self.pid:
            return
        if timeout is None:
            self._reap(0)
            return
        deadline = time.monotonic() + timeout
        pause = 0.0005
        while self.exitcode is None and time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.05)

    def close(self) -> None:
        """Nothing to free: a process that was reaped holds nothing of this one's."""
