"""Scanning in worker processes, and stopping them (with the command) on a signal.

Batches of ``BATCH`` files go to worker processes while the walk goes on; their answers
are taken in walk order, so that the result is the same as one process's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from modelsunset.check.read import FileScanner, Note, Occurrence, Progress, Stats
from modelsunset.errors import ModelsunsetError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.process import BaseProcess

    from modelsunset.check.match import Matcher
    from modelsunset.check.walk import Target

BATCH = 48  # files per job sent to a worker process
MAX_JOBS = 256  # the most ``--jobs`` accepts
PER_CORE = 4  # worker processes started at most per usable core, whatever ``--jobs`` asks


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_default() -> int:
    return max(1, min(usable_cores(), 8))


def workers_for(jobs: int | None) -> int:
    """Worker processes for ``--jobs N``: the default (one per core, at most 8) for None or
    0; else N, but never more than ``PER_CORE`` per usable core."""
    if not jobs:
        return jobs_default()
    return max(1, min(jobs, PER_CORE * usable_cores()))


_worker: FileScanner | None = None


def _start_worker(matcher: Matcher) -> None:
    """A worker process: its scanner; and signals as the parent stops workers.

    Ctrl-C signals the whole process group: a worker ignores it, and the parent, which
    takes it, ends the workers (so no worker prints a traceback, and none goes on with
    the work queued for it). SIGTERM ends a worker at once, without Python's handler the
    parent may have had when it forked. Both were held back from the fork (see
    ``held_signals``) until now."""
    import signal

    global _worker
    _worker = FileScanner(matcher, Stats(), lambda text: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


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


def _scan_batch(batch: list[Target]) -> tuple[list[Occurrence], Stats, list[str]]:
    assert _worker is not None
    notes: list[str] = []
    _worker.stats = Stats()
    _worker.note = notes.append
    found: list[Occurrence] = []
    for target in batch:
        found += _worker.scan(target)
    return found, _worker.stats, notes


def _batches(targets: Iterator[Target]) -> Iterator[list[Target]]:
    batch: list[Target] = []
    for target in targets:
        batch.append(target)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def in_parallel(
    targets: Iterator[Target],
    matcher: Matcher,
    workers: int,
    stats: Stats,
    note: Note,
    progress: Progress | None,
) -> list[Occurrence]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    found: list[Occurrence] = []
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(matcher,)
    )
    try:
        with held_signals():
            pool.submit(int)  # forks the workers (all of them, with "fork") now
        for occurrences, part, notes in pool.map(_scan_batch, _batches(targets)):
            found += occurrences
            stats.files += part.files
            stats.bytes += part.bytes
            stats.binary += part.binary
            stats.skipped += part.skipped
            for text in notes:
                note(text)
            if progress is not None:
                progress(stats)
    except BaseException:
        # Ctrl-C, SIGTERM (see ``stopped_by_sigterm``), an error of the walk: the workers go now,
        # not once they have done the work already queued for them, and never live on
        # after this process.
        with held_signals():
            _stop(pool, before)
        raise
    pool.shutdown()
    return found


def _stop(pool: ProcessPoolExecutor, before: set[BaseProcess]) -> None:
    """Ends the worker processes of ``pool`` (the children not in ``before``) at once."""
    import multiprocessing

    pool.shutdown(wait=False, cancel_futures=True)
    workers = [child for child in multiprocessing.active_children() if child not in before]
    for child in workers:
        child.kill()
    for child in workers:
        child.join(timeout=10)


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
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_IGN:
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    except _SigTerm:
        raise Terminated from None
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
