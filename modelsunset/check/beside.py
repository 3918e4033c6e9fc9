"""Work done beside the command's own: a process forked to work out one part of a job
while this process works out another, its answer pickled into an unnamed temporary file.

For a job that one process would otherwise do alone on a machine of several cores: the
pieces of a large file that the command reads itself (``read``). Whatever goes wrong
beside (no ``fork`` here, other threads running in this process, no temporary file, the
process failing or killed, an answer that cannot be read back, SIGCHLD ignored) gives no
answer from it, and the part is worked out here instead: the answer is the same either
way, only later.

The forked process ignores Ctrl-C (the command takes it and ends the process) and dies
at once on SIGTERM; both are held back while it is forked, as for ``pool``'s workers. It
leaves with ``os._exit``: no exit handler of the command runs in it, and no buffer of the
command's is written twice. One that is still at work when the command stops (a fault, a
signal) is killed and reaped before the command goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")

_PIECE = 1 << 20  # bytes of the answer read back at a time


class Beside(Generic[T]):
    """``work``, done in a forked process if one could be started (``start``)."""

    __slots__ = ("_file", "_pid", "_work")

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid = 0
        self._file: IO[bytes] | None = None

    @property
    def started(self) -> bool:
        return self._pid > 0

    def start(self) -> None:
        """Forks the process that does the work, where one can be forked; else nothing
        (``answer`` then works it out here)."""
        from modelsunset.check.pool import threads_running
        from modelsunset.check.signals import held_signals

        if not hasattr(os, "fork") or threads_running():
            return
        try:
            import tempfile

            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by answer or end)
            with held_signals():
                pid = os.fork()
                if pid == 0:  # never returns into the command's code
                    _beside(self._work, self._file.fileno())
                # Known before a signal held meanwhile is taken, so that ``end`` kills it.
                self._pid = pid
        except OSError:
            self._close()

    def answer(self) -> T:
        """The work's answer: the forked process's, once it has ended well; else (none
        was started, it failed, its answer cannot be read back, or how it ended cannot be
        told: SIGCHLD ignored, so that it was reaped unseen) worked out here."""
        if self._pid > 0:
            try:
                _, status = os.waitpid(self._pid, 0)  # a signal meanwhile: ``end`` kills it
            except ChildProcessError:
                status = -1
            self._pid = 0
            spill, self._file = self._file, None
            if spill is not None:
                try:
                    if status >= 0 and os.waitstatus_to_exitcode(status) == 0:
                        return _read_back(spill)  # type: ignore[no-any-return]
                except Exception:  # read back wrong: worked out here
                    pass
                finally:
                    spill.close()
        return self._work()

    def end(self) -> None:
        """Kills the forked process if it is still at work, and reaps it."""
        if self._pid > 0:
            pid, self._pid = self._pid, 0
            with suppress(ProcessLookupError):  # gone meanwhile (not yet reaped)
                os.kill(pid, 9)  # SIGKILL
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self._close()

    def _close(self) -> None:
        if self._file is not None:
            spill, self._file = self._file, None
            spill.close()


@contextmanager
def beside(work: Callable[[], T]) -> Iterator[Beside[T]]:
    """``work`` started in a forked process meanwhile (if it can be): take its result
    with ``answer``. Leaving the block by a fault or a signal ends that process."""
    side = Beside(work)
    try:
        side.start()
        yield side
    finally:
        side.end()


def _beside(work: Callable[[], object], fd: int) -> None:
    """The forked process: ``work``'s answer, pickled, into ``fd``; exit code 0 once it is
    all written, else 1."""
    code = 1
    try:
        import pickle

        from modelsunset.check.forked import write_all
        from modelsunset.check.signals import taken_as_a_worker

        taken_as_a_worker()
        write_all(fd, pickle.dumps(work(), pickle.HIGHEST_PROTOCOL))
        code = 0
    except BaseException:  # said by no one: the command works the part out itself
        pass
    finally:
        os._exit(code)


def _read_back(spill: IO[bytes]) -> Any:
    import pickle

    fd = spill.fileno()
    os.lseek(fd, 0, os.SEEK_SET)
    pieces = []
    while piece := os.read(fd, _PIECE):
        pieces.append(piece)
    return pickle.loads(b"".join(pieces))
