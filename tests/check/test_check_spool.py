"""A report is held back until it is whole (``check/spool.py``): in memory, or past a
limit in a temporary file, and given again unchanged either way; or written straight into
a regular file, cut back to what it held should the making fail."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import command, pinned_env, run_installed, write_tree

from modelsunset.check.spool import into_file, whole, whole_encoded
from modelsunset.errors import OutputError

texts = st.lists(st.text(st.characters(codec="utf-8") | st.sampled_from("\udcff\r\n")))


@given(pieces=texts, limit=st.integers(0, 40))
def test_what_comes_out_is_what_went_in(pieces: list[str], limit: int) -> None:
    assert "".join(whole(pieces, limit)) == "".join(pieces)


def test_nothing_comes_out_before_the_last_piece_is_made() -> None:
    made: list[int] = []

    def pieces() -> Iterator[str]:
        for number in range(3):
            made.append(number)
            yield str(number) * 10

    for limit in (1000, 5):
        made.clear()
        out = whole(pieces(), limit)
        assert next(out) and made == [0, 1, 2]


@pytest.mark.parametrize("limit", [1000, 5])
def test_a_fault_while_making_them_gives_nothing(limit: int) -> None:
    def pieces() -> Iterator[str]:
        yield "a" * 10
        raise KeyError("fault")

    given_out: list[str] = []
    with pytest.raises(KeyError):
        given_out.extend(whole(pieces(), limit))
    assert given_out == []


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


@given(pieces=texts, limit=st.integers(0, 40))
def test_encoded_what_comes_out_is_each_piece_encoded(pieces: list[str], limit: int) -> None:
    assert b"".join(whole_encoded(pieces, _utf8, limit)) == b"".join(map(_utf8, pieces))


@pytest.mark.parametrize("limit", [1000, 5])
def test_encoded_a_fault_while_making_them_gives_nothing(limit: int) -> None:
    def pieces() -> Iterator[str]:
        yield "a" * 10
        yield "b" * 10
        raise KeyError("fault")

    given_out: list[bytes] = []
    with pytest.raises(KeyError):
        given_out.extend(whole_encoded(pieces(), _utf8, limit))
    assert given_out == []


@pytest.mark.parametrize("encoded", [False, True])
def test_a_temporary_file_that_cannot_be_made_is_an_output_error(
    monkeypatch: pytest.MonkeyPatch, encoded: bool
) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    pieces = ["a" * 10, "b"]
    with pytest.raises(OutputError, match="No space left on device"):
        list(whole_encoded(pieces, _utf8, 5) if encoded else whole(pieces, 5))


def _file_holding(tmp_path: Path, before: bytes) -> tuple[int, Path]:
    path = tmp_path / "report.json"
    path.write_bytes(before)
    fd = os.open(path, os.O_WRONLY)
    os.lseek(fd, len(before), os.SEEK_SET)  # at its end, as `1<>file` after a header
    return fd, path


def test_into_a_file_goes_all_of_it(tmp_path: Path) -> None:
    fd, path = _file_holding(tmp_path, b"before\n")
    try:
        into_file([b"a" * 10, "é".encode(), b""], fd)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"before\n" + b"a" * 10 + "é".encode()


def test_into_a_file_a_fault_while_making_them_leaves_it_as_it_was(tmp_path: Path) -> None:
    def pieces() -> Iterator[bytes]:
        yield b"a" * 10
        yield b"b" * 10
        raise KeyError("fault")

    fd, path = _file_holding(tmp_path, b"before\n")
    try:
        with pytest.raises(KeyError):
            into_file(pieces(), fd)
        into_file([b"then"], fd)  # the next write goes where the first would have gone
    finally:
        os.close(fd)
    assert path.read_bytes() == b"before\nthen"


def test_a_file_that_cannot_be_cut_back_still_tells_what_went_wrong(tmp_path: Path) -> None:
    """A descriptor open for reading only: writing fails, and so does cutting back; the
    error told is the first (cannot write), not the second."""
    path = tmp_path / "report.json"
    path.write_bytes(b"kept\n")
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(OutputError, match="cannot write the output"):
            into_file([b"a" * 10], fd)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"kept\n"


def test_into_a_file_that_cannot_be_written_is_an_output_error_and_cut_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fd, path = _file_holding(tmp_path, b"before\n")
    real_write = os.write
    calls: list[int] = []

    def full(to: int, data: bytes) -> int:
        calls.append(to)
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return real_write(to, data)

    monkeypatch.setattr(os, "write", full)
    try:
        with pytest.raises(OutputError, match="No space left on device"):
            into_file([b"a" * 10, b"b" * 10], fd)
    finally:
        monkeypatch.undo()
        os.close(fd)
    assert path.read_bytes() == b"before\n"


_FAULT_WHILE_WRITING = """
import sys
from modelsunset.render.check import encode
made = []
real = encode.Encoder.finding
def finding(self, item):
    made.append(item)
    if len(made) > 2500:  # in the second piece of findings
        raise RuntimeError("fault while writing")
    return real(self, item)
encode.Encoder.finding = finding
from modelsunset.__main__ import main
sys.argv = ["modelsunset", *sys.argv[1:]]
main()
"""


def _opened(report: Path, mode: str) -> BinaryIO:
    out = report.open(mode)
    out.seek(0, os.SEEK_END)
    return out


@pytest.mark.parametrize("mode", ["r+b", "ab"])
def test_a_fault_while_the_report_is_written_to_a_file_leaves_the_file_as_it_was(
    tmp_path: Path, mode: str
) -> None:
    """stdout a regular file at its end (``> report.json``; here ``1<>report.json`` after
    what it held): written as made, and cut back to what it held when the command fails
    (exit 2, a message, no traceback). ``>>`` (a log others may write to) is held until
    whole, and so left as it was too."""
    write_tree(tmp_path, {"many.py": 'x = "gpt-4-0613"\n' * 3000})
    report = tmp_path / "report.json"
    report.write_bytes(b"kept\n")
    args = ["check", str(tmp_path / "many.py"), "--format", "json", "--date", "2026-12-01"]
    with _opened(report, mode) as out:
        done = subprocess.run(
            [sys.executable, "-c", _FAULT_WHILE_WRITING, *args],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=pinned_env(tmp_path),
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert "fault while writing" in done.stderr and "Traceback" not in done.stderr
    assert report.read_bytes() == b"kept\n"
    with _opened(report, mode) as out:  # and whole when nothing fails
        whole = subprocess.run(
            [*command(), *args, "--no-fail"],
            stdout=out,
            stderr=subprocess.PIPE,
            env=pinned_env(tmp_path),
            timeout=120,
        )
    assert whole.returncode == 0
    piped = run_installed(*args, "--no-fail", env=pinned_env(tmp_path))
    assert report.read_bytes() == b"kept\n" + piped.stdout.encode()
    assert len(json.loads(piped.stdout)["findings"]) == 3000


def _stdout_file_of(path: Path, mode: str, at: int | None = None) -> int | None:
    from modelsunset import console

    path.write_bytes(b"kept\n")
    with path.open(mode) as out:
        if at is not None:
            out.seek(at)
        saved = sys.stdout
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        try:
            return console.stdout_file()
        finally:
            sys.stdout.detach()
            sys.stdout = saved


def test_only_a_file_written_at_its_end_takes_the_report_as_made(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    assert _stdout_file_of(path, "wb") is not None  # `>`: emptied, written from its start
    assert _stdout_file_of(path, "r+b", at=5) is not None  # `1<>` at its end
    assert _stdout_file_of(path, "r+b", at=0) is None  # `1<>` before its end: not cut back
    assert _stdout_file_of(path, "ab") is None  # `>>`: others may append meanwhile
    assert _stdout_file_of(path, "rb") is None  # cannot be written
