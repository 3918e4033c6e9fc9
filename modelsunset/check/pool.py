"""Scanning in worker processes (the signals that stop them with the command: ``signals``).

Batches of ``BATCH`` files go to worker processes (each running ``worker.work``) while the
walk goes on; their answers are taken in walk order, so that the result is the same as
one process's.

This module owns the workers' whole life, with no thread and nothing left for the
interpreter's exit to clean up. It forks them where processes can be forked (with
``forked``: no import of ``multiprocessing``, which is used only to spawn them
elsewhere), each with a pipe of batches to it and one of answers from it; it hands a
worker a batch when the worker has none, or has one and the next fits in its pipe (so
that the two never wait for each other). At the end of a scan it closes the pipes of
batches (a worker leaves when its pipe ends); on Ctrl-C, SIGTERM or an error it kills
the workers at once. Either way it reaps them, then closes the pipes of answers.
(``ProcessPoolExecutor`` of Python 3.11, used before, left a thread and a wake-up pipe
behind whose closing raced with its exit handler, which then printed "Exception ignored
... Bad file descriptor".)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING

from modelsunset.check import worker as worker_side
from modelsunset.check.occurrences import Occurrence, made_again
from modelsunset.check.read import FileScanner, Note, Progress, Stats
from modelsunset.check.signals import held_signals
from modelsunset.check.worker import Answer, scan_batch
from modelsunset.errors import ModelsunsetError

if TYPE_CHECKING:
    from modelsunset.check.forked import Channel, Worker
    from modelsunset.check.match import Matcher
    from modelsunset.check.walk import Target

BATCH = 48  # files per batch sent to a worker process
MAX_JOBS = 256  # the most ``--jobs`` accepts
PER_CORE = 4  # worker processes started at most per usable core, whatever ``--jobs`` asks
REAP_WITHIN = 10.0  # seconds to wait for a killed worker to be gone


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def jobs_default() -> int:
    return max(1, min(usable_cores(), 8))


def workers_for(jobs: int | None) -> int:
    """Worker processes for ``--jobs N``: the default (one per core, at most 8) for None or
    0; else N, but never more than ``PER_CORE`` per usable core. One (this process reads
    every file) while other threads run here (see ``threads_running``)."""
    if threads_running():
        return 1
    if not jobs:
        return jobs_default()
    return max(1, min(jobs, PER_CORE * usable_cores()))


def threads_running() -> bool:
    """Whether other threads run in this process (a library caller's): a process forked
    now would hold whatever locks they held, an import's or a buffer's, never to be let go,
    and could wait on one forever; so no worker is forked then. (``threading`` tells them,
    if it was ever imported; without it no thread was started but through ``_thread``.)"""
    import sys

    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


class WalkNotes:
    """The walk's notes (a folder it cannot read, an ignore file's bad line): said at once
    while the scan reads files in this process; once batches go to workers, held with
    their place in the walk (the files walked before them), so that ``in_parallel`` says
    them, and records what they skip, in walk order among the notes of the files."""

    __slots__ = ("held", "note", "seen", "stats", "walked")

    def __init__(self, note: Note, stats: Stats) -> None:
        self.note = note
        self.stats = stats
        self.held: list[tuple[int, str, tuple[str, str] | None]] | None = None
        self.walked = 0  # files walked since the notes were held
        self.seen = 0  # entries of stats.skipped then

    def __call__(self, text: str) -> None:
        if self.held is None:
            self.note(text)
            return
        skipped = self.stats.skipped
        # ``Stats.skip`` records a skipped folder or file, then says so.
        entry = skipped[-1] if len(skipped) > self.seen else None
        self.seen = len(skipped)
        self.held.append((self.walked, text, entry))

    def hold(self) -> None:
        self.held = []
        self.seen = len(self.stats.skipped)


def in_parallel(
    targets: Iterator[Target],
    matcher: Matcher,
    workers: int,
    stats: Stats,
    walk_notes: WalkNotes,
    progress: Progress | None,
    share_until: tuple[int, int] | None = None,
) -> list[Occurrence]:
    """The occurrences in ``targets``, found by ``workers`` worker processes; their counts
    are added to ``stats``, their notes (and the walk's, held meanwhile) given to the
    walk's ``note`` in walk order, as one process would say them, and their skipped files
    recorded in that order.

    ``share_until``: start with one worker, this process scanning too, until so many more
    files are walked, or bytes read (files, bytes); then the other workers start, and this
    process only walks (on two cores, a tree of a few thousand files is scanned sooner by
    two processes than by three, and a big one sooner by workers that a walk keeps busy)."""
    found: list[Occurrence] = []
    here = None if share_until is None else FileScanner(matcher, Stats(), walk_notes.note)
    pool = Workers(matcher, workers, here, share_until or (0, 0))
    # (place in the walk, 0 for the walk's own and 1 for a file's, what): sorted, stably.
    notes: list[tuple[int, int, str]] = []
    skipped: list[tuple[int, int, tuple[str, str]]] = []
    walk_notes.hold()
    kept = len(stats.skipped)
    try:
        pool.start()
        answers = pool.answers(_batches(targets, walk_notes))
        for number, (occurrences, part, said, left) in enumerate(answers):
            found += map(made_again, occurrences)
            stats.files += part.files
            stats.bytes += part.bytes
            stats.binary += part.binary
            first = number * BATCH  # every batch but the last holds BATCH files
            notes += [(first + place, 1, text) for place, text in said]
            skipped += [(first + place, 1, entry) for place, entry in left]
            if progress is not None:
                progress(stats)
        pool.end(kill=False)
    except BaseException:
        # Ctrl-C, SIGTERM (see ``stopped_by_sigterm``), an error of the walk: the workers
        # go now, not once they have done the work already handed to them, and never
        # live on after this process.
        with held_signals():
            pool.end(kill=True)
        raise
    for place, text, entry in walk_notes.held or ():
        notes.append((place, 0, text))
        if entry is not None:
            skipped.append((place, 0, entry))
    notes.sort(key=itemgetter(0, 1))
    skipped.sort(key=itemgetter(0, 1))
    del stats.skipped[kept:]  # the walk's, recorded again in their places
    stats.skipped += [entry for _, _, entry in skipped]
    for _, _, text in notes:
        walk_notes.note(text)
    return found


def _batches(targets: Iterator[Target], walk_notes: WalkNotes) -> Iterator[list[Target]]:
    batch: list[Target] = []
    for target in targets:
        walk_notes.walked += 1
        batch.append(target)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class Workers:
    """Worker processes, each with a pipe of batches to it and one of answers from it."""

    def __init__(
        self,
        matcher: Matcher,
        count: int,
        here: FileScanner | None = None,
        until: tuple[int, int] = (0, 0),
    ) -> None:
        self.matcher = matcher
        self.count = count
        # With ``here``: one worker first, and this process scans the batches no worker
        # can take now, until ``until`` files are walked; then the other workers start.
        self.here = here
        self.until = until  # (files walked, bytes read)
        self.read = 0  # bytes read by the answers taken so far
        self.processes: list[Worker] = []
        self.tasks: list[Channel] = []  # this process writes batches to these
        self.replies: list[Channel] = []  # and reads answers from these
        self._wait: Callable[[list[Channel], float | None], list[Channel]] | None = None
        self.room: list[int] = []  # bytes each pipe of batches holds
        self.queued: list[deque[int]] = []  # the numbers of the batches each one has

    def start(self) -> None:
        """Starts the workers (all of them now, with "fork"), with SIGINT and SIGTERM held
        back meanwhile, so that no signal ends one half-started, or comes before this
        process knows of every one it must end."""
        self._start(1 if self.here is not None else self.count)

    def _start(self, count: int) -> None:
        with held_signals():
            for _ in range(count):
                self._start_one()

    def _start_one(self) -> None:
        process, task_writer, reply_reader, self._wait = _started(
            self.matcher, [*self.tasks, *self.replies]
        )
        self.tasks.append(task_writer)
        self.replies.append(reply_reader)
        self.processes.append(process)
        self.room.append(_pipe_room(task_writer))
        self.queued.append(deque())

    def answers(self, batches: Iterator[list[Target]]) -> Iterator[Answer]:
        """The answers to ``batches``, in their order, once the walk that makes them is
        over (so that the walk's own notes come first); meanwhile batches are handed out
        as the walk makes them and answers taken as they come, so that the workers are
        busy while the walk goes on."""
        import pickle

        waiting: deque[tuple[int, bytes, list[Target]]] = deque()
        done: dict[int, Answer] = {}
        count = walked = 0
        for batch in batches:
            # As plain tuples, which pickle in a tenth of the time.
            plain = [tuple(target) for target in batch]
            waiting.append((count, pickle.dumps(plain, pickle.HIGHEST_PROTOCOL), batch))
            count += 1
            walked += len(batch)
            if self.here is not None and (walked >= self.until[0] or self.read >= self.until[1]):
                self.here = None  # a big tree: every worker, and this process walks
                self._start(self.count - len(self.processes))
            self._take(done, 0)
            self._hand_out(waiting)
            self._scan_here(waiting, done)
        for number in range(count):
            while number not in done:
                self._hand_out(waiting)
                if not self._scan_here(waiting, done):
                    self._take(done, None)
            yield done.pop(number)

    def _scan_here(
        self, waiting: deque[tuple[int, bytes, list[Target]]], done: dict[int, Answer]
    ) -> bool:
        """Scans in this process the next batch that no worker could take (when it shares
        the work); answers whether it did."""
        if self.here is None or not waiting:
            return False
        number, _, batch = waiting.popleft()
        done[number] = answer = scan_batch(self.here, batch)
        self.read += answer[1].bytes
        return True

    def _hand_out(self, waiting: deque[tuple[int, bytes, list[Target]]]) -> None:
        """Batches to the workers that have none; then one more to each that has one, if it
        fits in its pipe: that worker has read its batch, or reads it now, so the write
        cannot wait for it while it waits to send an answer this process is not reading."""
        for held in (0, 1):
            for worker, queued in enumerate(self.queued):
                if not waiting:
                    return
                if len(queued) != held:
                    continue
                number, payload, _ = waiting[0]
                if held and len(payload) + 16 > self.room[worker]:
                    continue
                waiting.popleft()
                try:
                    self.tasks[worker].send_bytes(payload)
                except OSError:  # its end of the pipe is closed: it is gone
                    raise WorkerLost from None
                queued.append(number)

    def _take(self, done: dict[int, Answer], timeout: float | None) -> None:
        """The answers that have come (within ``timeout`` seconds if none has; None: wait
        for one)."""
        import pickle

        busy = [worker for worker, queued in enumerate(self.queued) if queued]
        if not busy or self._wait is None:
            return
        owner = {id(self.replies[worker]): worker for worker in busy}
        for ready in self._wait([self.replies[worker] for worker in busy], timeout):
            worker = owner[id(ready)]
            try:
                ok, answer = pickle.loads(self.replies[worker].recv_bytes())
            except (EOFError, OSError):  # gone, before or while it answered
                raise WorkerLost from None
            if not ok:
                raise answer
            done[self.queued[worker].popleft()] = answer
            self.read += answer[1].bytes

    def end(self, kill: bool) -> None:
        """Ends the workers, reaps them, then closes the pipes. ``kill``: at once, none
        going on with the batches it has; else (each has answered all of its batches) by
        closing the pipes of batches, each worker leaving when its pipe ends."""
        if kill:
            for process in self.processes:
                process.kill()
        for connection in self.tasks:
            connection.close()
        for process in self.processes:
            process.join(REAP_WITHIN if kill else None)
        for connection in self.replies:
            connection.close()
        while self.processes and self.processes[-1].exitcode is not None:
            self.processes.pop().close()


def _started(
    matcher: Matcher, ours: list[Channel]
) -> tuple[Worker, Channel, Channel, Callable[[list[Channel], float | None], list[Channel]]]:
    """A worker process started, with the end of its pipe of batches that this process
    writes to and the end of its pipe of answers that it reads from, and how those ends
    are waited on. ``ours``: this process's ends of the pipes of the workers started
    before it (a forked worker closes its copies of them, and of its own)."""
    forked, pipe, wait, process_of = _processes()
    try:
        task_reader, task_writer = pipe()
    except OSError as exc:  # no descriptor left: too many files open
        raise WorkerNotStarted(exc) from None
    try:
        reply_reader, reply_writer = pipe()
    except OSError as exc:
        task_reader.close()
        task_writer.close()
        raise WorkerNotStarted(exc) from None
    # A forked worker closes its copies of this process's ends of every pipe, so that each
    # pipe of batches ends when this process closes it, or is gone.
    inherited = [*ours, task_writer, reply_reader] if forked else []
    arguments = (matcher, task_reader, reply_writer, inherited)
    try:
        process = process_of(worker_side.work, arguments)
        process.start()
    except OSError as exc:  # a limit of processes or of memory (EAGAIN, ENOMEM)
        task_writer.close()
        reply_reader.close()
        raise WorkerNotStarted(exc) from None
    finally:
        task_reader.close()
        reply_writer.close()
    return process, task_writer, reply_reader, wait


def _processes() -> tuple[
    bool,
    Callable[[], tuple[Channel, Channel]],
    Callable[[list[Channel], float | None], list[Channel]],
    Callable[[Callable[..., None], tuple[object, ...]], Worker],
]:
    """How workers are made here: whether they are forked, how a pipe is made, how its
    ends are waited on, and how a process is made to run a target. Forked with
    ``forked`` (no import of multiprocessing) where processes can be forked; else (Windows)
    spawned afresh by multiprocessing, each with the matcher pickled."""
    if hasattr(os, "fork"):
        from modelsunset.check import forked

        return True, forked.pipe, forked.wait, forked.Forked
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("spawn")

    def process_of(target: Callable[..., None], arguments: tuple[object, ...]) -> Worker:
        return context.Process(target=target, args=arguments, daemon=True)

    pipe = partial(context.Pipe, duplex=False)
    return False, pipe, wait, process_of  # type: ignore[return-value]  # Connections are Channels


def _pipe_room(connection: Channel) -> int:
    """The bytes a pipe holds: so many can be written without waiting for its reader."""
    try:
        import fcntl

        return int(fcntl.fcntl(connection.fileno(), fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError):  # not Linux: the least a pipe holds
        import select

        return int(getattr(select, "PIPE_BUF", 0))


class WorkerLost(ModelsunsetError):
    """A worker process ended before it answered (killed: out of memory, a signal): the
    scan is incomplete, so the gate cannot judge (exit 2, never a pass)."""

    def __init__(self) -> None:
        super().__init__(
            "a worker process of the scan ended before it answered: the scan is incomplete",
            hint="run check again; with --jobs 1 it reads every file in one process",
        )


class WorkerNotStarted(ModelsunsetError):
    """A worker process could not be started (a limit of processes, memory or open files):
    the scan cannot go on as asked, so the gate cannot judge (exit 2, never a pass)."""

    def __init__(self, exc: OSError) -> None:
        super().__init__(
            f"cannot start a worker process of the scan: {exc.strerror or exc}",
            hint="run check again; with --jobs 1 it reads every file in one process",
        )
