"""What a worker process of the scan does (``pool`` starts them and hands them batches):
reads each batch of files it is given, and sends back the batch's answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from modelsunset.check.read import FileScanner, ScanFault, Stats
from modelsunset.errors import ModelsunsetError, OutOfMemory

if TYPE_CHECKING:
    from modelsunset.check.forked import Channel
    from modelsunset.check.match import Matcher
    from modelsunset.check.walk import Target

# A batch's answer: its occurrences (as plain tuples), its counts, and the notes and the
# skipped files of each of its files, with the file's place in the batch.
Answer = tuple[
    list[tuple[object, ...]], Stats, list[tuple[int, str]], list[tuple[int, tuple[str, str]]]
]


def work(matcher: Matcher, tasks: Channel, replies: Channel, inherited: list[Channel]) -> None:
    """A worker process: scans the batches of ``tasks`` until that pipe ends, and sends
    each one's answer to ``replies``.

    Ctrl-C signals the whole process group: a worker ignores it, and the command, which
    takes it, ends the workers (so no worker prints a traceback, and none goes on with
    the work handed to it). SIGTERM ends a worker at once, without Python's handler the
    command had when it forked. Both were held back from the fork until now."""
    import pickle

    from modelsunset.check.signals import taken_as_a_worker
    from modelsunset.check.walk import Target

    for connection in inherited:
        connection.close()
    taken_as_a_worker()
    scanner = FileScanner(matcher, Stats(), lambda text: None)
    while True:
        try:
            batch = [Target._make(plain) for plain in pickle.loads(tasks.recv_bytes())]
        except EOFError:  # the scan is over, or the command gone
            return
        reply: tuple[bool, Answer | Exception]
        try:
            reply = (True, scan_batch(scanner, batch))
        except ModelsunsetError as exc:  # a ScanFault, which names its file
            reply = (False, exc)
        except MemoryError:
            reply = (False, OutOfMemory())
        except Exception as exc:
            reply = (False, ScanFault.of(f"a batch of {len(batch)} files", exc))
        try:
            payload = pickle.dumps(reply, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an answer that cannot be pickled
            failure = ScanFault.of(f"a batch of {len(batch)} files", exc)
            payload = pickle.dumps((False, failure), pickle.HIGHEST_PROTOCOL)
        try:
            replies.send_bytes(payload)
        except OSError:  # the command is gone
            return


def scan_batch(scanner: FileScanner, batch: list[Target]) -> Answer:
    said: list[str] = []
    notes: list[tuple[int, str]] = []
    skipped: list[tuple[int, tuple[str, str]]] = []
    stats = scanner.stats = Stats()
    scanner.note = said.append
    found: list[tuple[object, ...]] = []
    for place, target in enumerate(batch):
        found += map(
            tuple, scanner.scan(target)
        )  # made again by ``pool``: see ``occurrences.made_again``
        if said:
            notes += [(place, text) for text in said]
            said.clear()
        if stats.skipped:
            skipped += [(place, entry) for entry in stats.skipped]
            stats.skipped.clear()
    return found, stats, notes, skipped
