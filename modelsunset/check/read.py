"""Reading one file into occurrences of the names a ``Matcher`` finds, as bytes.

Files are read as bytes, whatever their encoding: ids are ASCII, so they are found in
UTF-8, Latin-1 or any other ASCII-compatible text alike. No binary file is read (a NUL
byte in the first ``BINARY_PROBE`` bytes). Columns count the characters of the line as
UTF-8 reads it, each byte that is not UTF-8 as one. Large files are read in pieces cut at
line ends, counting lines as the pieces go by; a line longer than ``LONG_LINE`` is
searched in parts that overlap by more than the longest pattern, so no id is lost. What
each piece holds is made into occurrences by ``occurrences``, each with at most
``EXCERPT`` characters of its line around the id, however long the line: memory stays
proportional to the number of hits, and the work on a line to its length. A file that
cannot be read is reported through ``note`` and skipped (and listed in
``Stats.skipped``, which the command makes an error unless ``--skip-unreadable``). Where
the command reads files itself with cores to spare (``beside=True``), a large file's
pieces are read two at a time, the second in a process beside it (``beside``): the same
pieces, so the same occurrences.

A file is opened without waiting and read only if it is still a regular file (one swapped
for a pipe since the walk would block the scan forever; it is left out with a note, as
the walk leaves out what is not a regular file), and only up to the size it had when
opened (one that grows meanwhile, a log being written, is read to that size, with a note).
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable, Iterator
from functools import partial
from io import FileIO
from typing import TYPE_CHECKING

from modelsunset.check.beside import beside
from modelsunset.check.kinds import Kind
from modelsunset.check.mocked import fakes
from modelsunset.check.occurrences import (
    CONTINUATION,
    Occurrence,
    characters,
    made_again,
    occurrences,
)
from modelsunset.check.paths import kind as what_is
from modelsunset.check.suppress import ignores_whole_file
from modelsunset.errors import ModelsunsetError, OutOfMemory, fault_text
from modelsunset.wording import inert

if TYPE_CHECKING:
    from modelsunset.check.match import Matcher
    from modelsunset.check.walk import Target

SKIPPED = "warning: skipped "  # how a note about a file or folder that cannot be read begins
NOT_REGULAR = "warning: not scanned: "  # a file that is no longer a regular file when opened
BINARY_PROBE = 8192
# A file larger than this has its first ``BINARY_PROBE`` bytes read on their own first: a
# binary one (images, archives, a tree's larger files) is then never read whole.
PROBE_ABOVE = 4 * BINARY_PROBE
PIECE = 4 * 1024 * 1024
_YAML = (".yaml", ".yml", ".YAML", ".YML")
LONG_LINE = 16 * 1024 * 1024  # a line longer than this is searched in overlapping parts
# A NamedTuple made from all its fields at once, in C (its own ``__new__`` is Python's):
# for each occurrence, 0.19 us against 0.11 us.
_new = tuple.__new__
_BOM = codecs.BOM_UTF8
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_pread = getattr(os, "pread", None)  # not on Windows


class Stats:
    """Counts of a scan; ``skipped`` holds the files and folders that could not be read,
    each with the reason (a folder's name ends in ``/``); ``names`` the name each file
    or folder of the walk is shown with (``paths.printable``: U+FFFD for a byte that is
    not UTF-8) and the name it has, where the two differ; None where two names that
    differ are shown alike. (A class of slots written out: a dataclass takes half a
    millisecond of every run to make.)"""

    __slots__ = ("binary", "bytes", "files", "ignored_files", "names", "skipped")

    def __init__(
        self,
        files: int = 0,
        bytes: int = 0,
        binary: int = 0,
        ignored_files: int = 0,
        skipped: list[tuple[str, str]] | None = None,
    ) -> None:
        self.files = files
        self.bytes = bytes
        self.binary = binary
        self.ignored_files = ignored_files
        self.skipped = [] if skipped is None else skipped
        self.names: dict[str, str | None] = {}

    def named(self, shown: str, name: str) -> None:
        """Records that the file or folder ``name`` is shown as ``shown``."""
        self.names[shown] = name if self.names.get(shown, name) == name else None

    def skip(self, shown: str, reason: str, note: Note) -> None:
        """Records a file or folder that cannot be read, and says so through ``note``."""
        self.skipped.append((shown, reason))
        note(f"{SKIPPED}{shown}: {reason}")


Note = Callable[[str], None]
Progress = Callable[[Stats], None]


class ScanFault(ModelsunsetError):
    """A file whose reading raised what no file should make ``check`` raise: a fault of
    modelsunset's own. The scan is incomplete, so the gate cannot judge (exit 2, never a
    pass, never a traceback); the message names the file and where the fault was met.
    Made of plain text, so that a worker process can send it as it is."""

    def __init__(self, shown: str, fault: str) -> None:
        super().__init__(
            f"check failed on {inert(shown)}: {fault}: the scan is incomplete",
            hint="this is a fault in modelsunset, not in the file: please report it "
            "(with the file, if you can); --exclude leaves the file out meanwhile",
        )
        self.shown = shown
        self.fault = fault

    def __reduce__(self) -> tuple[type[ScanFault], tuple[str, str]]:
        return type(self), (self.shown, self.fault)

    @classmethod
    def of(cls, shown: str, exc: Exception) -> ScanFault:
        return cls(shown, fault_text(exc))


class FileScanner:
    """Reads one file at a time and turns hits into occurrences."""

    def __init__(self, matcher: Matcher, stats: Stats, note: Note, beside: bool = False) -> None:
        self.matcher = matcher
        self.stats = stats
        self.note = note
        self.beside = beside  # may read a large file's pieces two at a time (``_stream``)
        self.margin = max(matcher.longest, 80) + 2

    def _skip(self, shown: str, reason: str) -> None:
        self.stats.skip(shown, reason, self.note)

    def scan(self, target: Target) -> list[Occurrence]:
        """The occurrences in one file. It is opened without waiting (a file swapped for a
        pipe since the walk would otherwise block the scan forever) and read only if the
        open descriptor is a regular file's, and only up to the size it had then."""
        try:
            with open(target.fs_path, "rb", buffering=0, opener=_without_waiting) as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    self.note(f"{NOT_REGULAR}{target.shown}: it is {what_is(info.st_mode)} now")
                    return []
                source = _Source(handle, info.st_size)
                if info.st_size > PROBE_ABOVE and _binary_start(handle):
                    self.stats.binary += 1
                    found = []
                    # As reading it would tell: its last piece is read a byte further.
                    if info.st_size <= PIECE:
                        source.grew = os.fstat(handle.fileno()).st_size > info.st_size
                else:
                    found = self._scan(source, target)
        except IsADirectoryError:  # open() itself tells a folder
            self.note(f"{NOT_REGULAR}{target.shown}: it is {what_is(stat.S_IFDIR)} now")
            return []
        except OSError as exc:
            self._skip(target.shown, f"cannot read it ({exc.strerror or exc})")
            return []
        except MemoryError:  # the machine's limit, not a fault (nor this file's alone)
            raise OutOfMemory from None
        except Exception as exc:  # a fault of modelsunset's own, met on this file
            raise ScanFault.of(target.shown, exc) from exc
        if source.grew:
            self.note(
                f"warning: {target.shown} grew while it was read: only its first "
                f"{info.st_size} bytes (its size when opened) were scanned"
            )
        return found

    def _scan(self, handle: _Source, target: Target) -> list[Occurrence]:
        data = handle.read(handle.piece)
        if b"\0" in data[:BINARY_PROBE]:
            self.stats.binary += 1
            return []
        self.stats.files += 1
        self.stats.bytes += len(data)
        if ignores_whole_file(data):
            return []
        found = self._found(handle, data, target)
        if found and target.test and fakes(_first_piece(handle, data)):
            # An offline test's (see ``mocked``), told by its first ``PIECE`` bytes; looked
            # for only once it holds a finding. A test is code, read with no regions.
            # A name tested as a pattern stays one (never rewritten by ``fix``).
            return [_new(Occurrence, (*each[:7], _mocked(each[7]))) for each in found]
        return found

    def _found(self, handle: _Source, data: bytes, target: Target) -> list[Occurrence]:
        """The occurrences in the file whose first piece is ``data``, of its kind (or of the
        kinds a notebook's cells or a YAML file's payloads give their places)."""
        shown, kind = target.shown, target.kind
        regions = None
        if target.notebook:
            # Read whole (a notebook is one JSON document), then cell by cell.
            from modelsunset.check.notebook import regions as notebook_regions

            rest = handle.read(None)
            self.stats.bytes += len(rest)
            data += rest
            regions = notebook_regions(data)
        elif kind is Kind.CONFIG and handle.left == 0 and shown.endswith(_YAML):
            from modelsunset.check.payloads import regions as payload_regions

            regions = payload_regions(data, kind)  # responses shown as examples: recorded
        if handle.left == 0 or target.notebook:
            bom = data.startswith(_BOM)
            return occurrences(self.matcher, data, shown, 0, len(data), 1, 0, bom, kind, regions)
        return self._stream(handle, data, shown, kind)

    def _stream(self, handle: _Source, data: bytes, shown: str, kind: Kind) -> list[Occurrence]:
        matcher = self.matcher

        def found_in(piece: _Piece) -> list[Occurrence]:
            data, skip, limit, line, column_before, bom = piece
            return occurrences(matcher, data, shown, skip, limit, line, column_before, bom, kind)

        pieces = self._pieces(handle, data)
        if self.beside:
            return _two_at_a_time(pieces, found_in)
        found: list[Occurrence] = []
        for piece in pieces:
            found += found_in(piece)
        return found

    def _pieces(self, handle: _Source, data: bytes) -> Iterator[_Piece]:
        """The pieces of a file read a piece at a time, ``data`` its first: each cut at a
        line end (a line longer than ``LONG_LINE`` in parts that overlap by ``margin``),
        with what ``occurrences`` needs to place what it finds there."""
        bom = data.startswith(_BOM)
        line = 1
        column_before = 0  # characters of the current line that lie before data[0]
        skip = 0  # data[:skip] is look-back context, already searched
        while True:
            more = handle.read(handle.piece)
            self.stats.bytes += len(more)
            at_end = not more
            if at_end:
                limit = len(data)
            else:
                newline = data.rfind(b"\n", skip)
                if newline != -1:
                    limit = newline + 1
                elif len(data) - skip > max(LONG_LINE, 2 * self.margin):
                    limit = len(data) - self.margin
                else:
                    data += more
                    continue
            yield data, skip, limit, line, column_before, bom
            if at_end:
                return
            # Keep two bytes before the cut (token edges look that far back), and never
            # cut inside a UTF-8 sequence, so that characters are counted whole.
            consumed = max(0, limit - 2)
            while consumed > 0 and limit - consumed < 6 and data[consumed] in CONTINUATION:
                consumed -= 1
            line += data.count(b"\n", 0, consumed)
            last_newline = data.rfind(b"\n", 0, consumed)
            if last_newline == -1:
                column_before += characters(data, 0, consumed)
            else:
                column_before = characters(data, last_newline + 1, consumed)
                bom = False
            data = data[consumed:] + more
            skip = limit - consumed


# A piece of a file: its bytes (look-back context first), where what is new in them
# begins and ends, the line of their first byte, the characters of that line before it,
# and whether a byte-order mark begins them.
_Piece = tuple[bytes, int, int, int, int, bool]


def _two_at_a_time(
    pieces: Iterator[_Piece], found_in: Callable[[_Piece], list[Occurrence]]
) -> list[Occurrence]:
    """What ``found_in`` finds in each piece, two pieces at a time: the second in a process
    beside this one (``beside``), as plain tuples, made again here."""
    found: list[Occurrence] = []
    for piece in pieces:
        following = next(pieces, None)
        if following is None:
            found += found_in(piece)
            break
        with beside(partial(_plain, found_in, following)) as side:
            found += found_in(piece)
            found += map(made_again, side.answer())
    return found


def _plain(
    found_in: Callable[[_Piece], list[Occurrence]], piece: _Piece
) -> list[tuple[object, ...]]:
    return [tuple(each) for each in found_in(piece)]


def _first_piece(handle: _Source, data: bytes) -> bytes:
    """The first ``PIECE`` bytes of a file whose first piece read was ``data`` (a large
    file's pieces may be smaller: ``piece_for``)."""
    if len(data) >= PIECE or _pread is None or handle.piece >= PIECE:
        return data[:PIECE]
    return bytes(_pread(handle.handle.fileno(), PIECE, 0))


def _mocked(kind: Kind) -> Kind:
    return kind if kind is Kind.PATTERN else Kind.MOCKED


def piece_for(size: int) -> int:
    """Bytes read at a time from a file of ``size`` bytes: ``PIECE``; but a file larger than
    that is read in an even number of pieces of about the same size (half of ``PIECE`` or
    more), so that pieces read two at a time share the work evenly."""
    if size <= PIECE:
        return PIECE
    count = 2 * -(-size // (2 * PIECE))
    return -(-size // count)


def _binary_start(handle: FileIO) -> bool:
    """Whether the file's first ``BINARY_PROBE`` bytes hold a NUL byte (read where they
    are, not moving the file's position; False where that cannot be done)."""
    if _pread is None:
        return False
    return b"\0" in _pread(handle.fileno(), BINARY_PROBE, 0)


def _without_waiting(path: str, flags: int) -> int:
    """Opens without waiting for a writer, should the file be a pipe by now."""
    return os.open(path, flags | _NONBLOCK)


class _Source:
    """The bytes of an open regular file, up to ``size`` (its size when opened): a file
    that grows while it is read (a log being written) is read to that size, and so always
    comes to an end. ``grew`` tells whether there was more."""

    __slots__ = ("grew", "handle", "left", "piece")

    def __init__(self, handle: FileIO, size: int) -> None:
        self.handle = handle
        self.left = size
        self.grew = False
        self.piece = piece_for(size)  # bytes read at a time

    def read(self, most: int | None) -> bytes:
        """At most ``most`` bytes (None: all that are left); b"" at the end."""
        if self.left <= 0:
            return b""
        if most is None or most >= self.left:
            # The last piece: one byte more than is left tells a file that grew; all
            # that is left, read at once, tells the end (another read would say b"").
            data = self._read(self.left + 1, enough=self.left)
            if len(data) > self.left:
                self.grew = True
                data = data[: self.left]
            self.left = 0
            return data
        data = self._read(most)
        self.left = self.left - most if len(data) == most else 0  # short: it shrank
        return data

    def _read(self, count: int, enough: int | None = None) -> bytes:
        """``count`` bytes, or fewer at the end; done once ``enough`` (else ``count``) are
        read."""
        enough = count if enough is None else enough
        data = self.handle.read(count)
        if len(data) >= enough or not data:
            return data
        pieces = [data]  # a short read: go on to the end, or to ``enough``
        got = len(data)
        while got < enough:
            more = self.handle.read(count - got)
            if not more:
                break
            pieces.append(more)
            got += len(more)
        return b"".join(pieces)
