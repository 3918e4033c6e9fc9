"""Stopping ``check`` (and ``fix``) on a signal: SIGTERM raised as an error, so that the
command ends its worker processes and exits 143 with a message; and SIGINT and SIGTERM
held back while worker processes are forked or ended (``pool``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from modelsunset.errors import ModelsunsetError


@contextmanager
def held_signals() -> Iterator[None]:
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


def taken_as_a_worker() -> None:
    """How a process forked from the command (held back by ``held_signals``) takes signals:
    it ignores Ctrl-C, which signals the whole process group (the command, which takes it,
    ends the process: no traceback, no work going on), and SIGTERM ends it at once,
    without Python's handler the command had when it forked. Both are let through now."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


class Terminated(ModelsunsetError):
    """SIGTERM: the command stopped, its worker processes with it (exit 128 + 15, as a
    shell reports a command that SIGTERM ended)."""

    exit_code = 128 + 15

    def __init__(self) -> None:
        super().__init__("terminated")

    def render(self) -> str:
        return "terminated"


class _SigTerm(BaseException):
    """Raised by the SIGTERM handler; a BaseException, as KeyboardInterrupt is, so that no
    ``except Exception`` on the way takes it for an error to recover from."""


def _on_sigterm(signum: int, frame: object) -> None:
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one is enough: let the workers be ended
    raise _SigTerm


@contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM raises in the main thread instead of ending the process on the spot, so that
    the scan ends its worker processes (which would otherwise live on, orphaned) and the
    command exits 143 with a message. Where SIGTERM is ignored, it stays ignored."""
    import signal

    previous = signal.getsignal(signal.SIGTERM)
    taken = previous != signal.SIG_IGN
    if taken:
        try:
            signal.signal(signal.SIGTERM, _on_sigterm)
        except ValueError:  # not the main thread (a caller's own): no handler can be set
            taken = False
    if not taken:
        yield
        return
    try:
        yield
    except _SigTerm:
        raise Terminated from None
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
