"""Walking the trees under each PATH and finding ids in the files, read as bytes.

The parts, each in a module of its own:

* ``walk``: every regular file under each PATH, in name order, no symbolic link below
  PATH, except what ``ignore`` leaves out: the rules of ``.gitignore`` files (in the tree
  and, inside a git repository, above it) and of ``info/exclude``, ``--exclude`` patterns
  and the folders of version control systems; ``paths``: how files are named;
* ``read``: one file's occurrences, found in its bytes (binary files left out, large files
  streamed, each occurrence with an excerpt of its line); ``suppress``: the
  ``modelsunset: ignore`` comments that leave some of them out;
* ``pool``: worker processes for large trees, and stopping them on a signal; ``worker``:
  what each of them does; ``forked``: how they are forked, and their pipes; ``beside``: a
  process forked to read every second piece of a large file this process reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from modelsunset.check.ignore import pattern_problem
from modelsunset.check.occurrences import Occurrence
from modelsunset.check.pool import WalkNotes, in_parallel, usable_cores, workers_for
from modelsunset.check.read import FileScanner, Note, Progress, Stats
from modelsunset.check.walk import targets

if TYPE_CHECKING:
    from modelsunset.check.match import Matcher

__all__ = ["PARALLEL_AFTER", "Occurrence", "Stats", "collector_paused", "pattern_problem", "scan"]

PARALLEL_AFTER = 2000  # files walked before every worker process is started
# Or so many files once so many bytes are read: the work of a tree with large files is
# shared sooner. A tree of a few hundred files is read by this process alone (starting a
# worker costs more); past ``SHARE_AFTER`` files (and fewer bytes), by this process and
# one worker, until the walk reaches ``PARALLEL_AFTER`` files or they have read
# ``PARALLEL_BYTES`` more.
PARALLEL_SOONER = 300
PARALLEL_BYTES = 16 << 20
SHARE_AFTER = 300


def scan(
    paths: Sequence[str],
    matcher: Matcher,
    excludes: Sequence[str],
    gitignore: bool,
    note: Note,
    progress: Progress | None = None,
    skip: Sequence[str] = (),
    jobs: int | None = None,
    freeze: bool = False,
) -> tuple[list[Occurrence], Stats]:
    """Every occurrence under ``paths``; each file once, even if two PATHs reach it.

    ``skip`` names files never to scan (the catalogue files in use). Small trees are read
    in this process; once a walk passes ``PARALLEL_AFTER`` files (or ``PARALLEL_SOONER``
    files and ``PARALLEL_BYTES`` bytes read), batches of files go to ``jobs`` worker
    processes (default: one per core, at most 8; never more than ``PER_CORE`` per core)
    while the walk goes on. The answer is the same either way; notes about skipped files
    come in walk order. ``freeze``: see ``collector_paused``."""
    with collector_paused(freeze):
        stats = Stats()
        walk_notes = WalkNotes(note, stats)
        walked = targets(paths, excludes, gitignore, stats, walk_notes, skip)
        workers = workers_for(jobs)
        # With cores to spare, a large file's pieces are read two at a time.
        scanner = FileScanner(matcher, stats, note, beside=workers > 1 and usable_cores() > 1)
        found: list[Occurrence] = []
        for number, target in enumerate(walked):
            found += scanner.scan(target)
            if progress is not None:
                progress(stats)
            walked_past = number + 1 >= PARALLEL_AFTER or (
                number + 1 >= PARALLEL_SOONER and stats.bytes >= PARALLEL_BYTES
            )
            if workers > 1 and (walked_past or number + 1 >= SHARE_AFTER):
                # Past SHARE_AFTER only: one worker and this process, until the tree
                # proves big.
                more = (PARALLEL_AFTER - number - 1, PARALLEL_BYTES - stats.bytes)
                share = None if walked_past else more
                found += in_parallel(walked, matcher, workers, stats, walk_notes, progress, share)
                break
        return found, stats


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (and in the worker processes forked
    meanwhile). A scan and the report built from it make an object or more per
    occurrence, and no reference cycles: the collector would only walk the growing heap
    again and again (0.3 s of the scan and 0.4 s of the report of 370,000 occurrences).
    With ``freeze`` (the command line, whose process ends soon after), what was made is
    then frozen (kept where no collection walks it; freed as ever once unused) before the
    collector is back on: else its next collection would walk all of it once (20 ms after
    the scan of a tree of 900 MB). Not for a library call: freezing takes every object of
    the process out of the collector's reach, so a caller's reference cycles would never
    be freed."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            if freeze:
                gc.freeze()
            gc.enable()
