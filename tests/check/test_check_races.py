"""Files that change under the scan: one swapped for a pipe (or another file that is not
a regular file) between the walk and the read is never waited on, and one that grows
while it is read is read to the size it had when opened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import write_tree

from modelsunset.check import read as read_module
from modelsunset.check.match import Matcher
from modelsunset.check.scan import Occurrence, Stats, scan

NAMES = {"gpt-4o": "gpt-4o", "gpt-4o-mini": "gpt-4o-mini"}

# Run in a process of its own, with a timeout: before the fix, opening the pipe waited
# for a writer forever. The walk is wrapped so that b.py becomes a pipe (or a folder)
# after the walk has yielded it as a regular file and before it is read.
SWAPPED = """
import json, os, sys
from modelsunset.check import pool, scan as scan_module
from modelsunset.check.match import Matcher

into, workers = sys.argv[1], int(sys.argv[2])
real = scan_module.targets

def swapping(*args, **kwargs):
    for target in real(*args, **kwargs):
        if target.fs_path.endswith("b.py"):
            os.unlink(target.fs_path)
            os.mkfifo(target.fs_path) if into == "pipe" else os.mkdir(target.fs_path)
        yield target

scan_module.targets = swapping
if workers > 1:
    scan_module.PARALLEL_AFTER = 1
    pool.BATCH = 1
notes = []
matcher = Matcher.for_names({"gpt-4o": "gpt-4o"})
found, stats = scan_module.scan(["."], matcher, [], True, notes.append, jobs=workers)
print(json.dumps({"found": sorted(item.path for item in found), "notes": notes,
                  "files": stats.files, "skipped": stats.skipped}))
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("into", ["pipe", "folder"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_swapped_for_a_pipe_after_the_walk_is_never_waited_on(
    tmp_path: Path, into: str, workers: int
) -> None:
    write_tree(tmp_path, {"a.py": "gpt-4o\n", "b.py": "gpt-4o\n", "c.py": "gpt-4o\n"})
    done = subprocess.run(
        [sys.executable, "-c", SWAPPED, into, str(workers)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout)
    assert answer["found"] == ["a.py", "c.py"]
    what = "a pipe" if into == "pipe" else "a folder"
    assert answer["notes"] == [f"warning: not scanned: b.py: it is {what} now"]
    # Left out as the walk leaves out what is not a regular file: no unreadable file.
    assert answer["skipped"] == []
    assert answer["files"] == 2


def run_scan(root: Path) -> tuple[list[Occurrence], Stats, list[str]]:
    notes: list[str] = []
    found, stats = scan([str(root)], Matcher.for_names(NAMES), [], True, notes.append, jobs=1)
    return found, stats, notes


class Growing:
    """A file that grows by ``GROWTH`` each time it is read (at most ``TIMES`` times, so
    that a scan reading to the end of the file, as before, still ends, if late)."""

    GROWTH = b"gpt-4o-mini\n" * 100
    TIMES = 200

    def __init__(self, path: str, inner: Any) -> None:
        self.path = path
        self.inner = inner
        self.reads = 0

    def read(self, count: int = -1) -> bytes:
        if self.reads < self.TIMES:
            with open(self.path, "ab") as out:
                out.write(self.GROWTH)
        self.reads += 1
        data: bytes = self.inner.read(count)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> Growing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.close()


@pytest.mark.parametrize("piece", [16, 4 * 1024 * 1024])
@pytest.mark.parametrize("name", ["log.txt", "run.ipynb"])
def test_a_file_that_grows_while_it_is_read_is_read_to_its_size_when_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int, name: str
) -> None:
    text = "first gpt-4o\nthen gpt-4o again\n"
    write_tree(tmp_path, {"a.py": "gpt-4o\n", name: text})
    real_open = open
    opened: list[Growing] = []

    def growing(path: str, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, *args, **kwargs)
        if not str(path).endswith(name):
            return handle
        opened.append(Growing(str(path), handle))
        return opened[-1]

    monkeypatch.setattr(read_module, "PIECE", piece)
    monkeypatch.setattr(read_module, "open", growing, raising=False)
    found, stats, notes = run_scan(tmp_path)
    assert [(item.path.rsplit("/", 1)[-1], item.line, item.match) for item in found] == [
        ("a.py", 1, "gpt-4o"),
        (name, 1, "gpt-4o"),
        (name, 2, "gpt-4o"),
    ]
    size = len(text.encode())
    assert stats.bytes == size + len("gpt-4o\n")
    assert notes == [
        f"warning: {tmp_path.as_posix()}/{name} grew while it was read: only its first "
        f"{size} bytes (its size when opened) were scanned"
    ]
    assert opened[0].reads < Growing.TIMES  # it never read on to what was added


def test_a_file_that_shrinks_while_it_is_read_ends_where_it_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "gpt-4o\n" * 40
    write_tree(tmp_path, {"log.txt": text})
    real_open = open

    def shrinking(path: str, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(path, *args, **kwargs)
        os.truncate(path, 7 * 3)
        return handle

    monkeypatch.setattr(read_module, "PIECE", 50)
    monkeypatch.setattr(read_module, "open", shrinking, raising=False)
    found, stats, notes = run_scan(tmp_path)
    assert [item.line for item in found] == [1, 2, 3]
    assert (stats.bytes, notes) == (21, [])
