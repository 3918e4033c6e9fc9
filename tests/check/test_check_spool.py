"""A report is held back until it is whole (``check/spool.py``): in memory, or past a
limit in a temporary file, and given again unchanged either way; or written straight into
a regular file, cut back to what it held should the making fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


def test_a_temporary_file_that_cannot_be_made_is_an_output_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(OutputError, match="No space left on device"):
        list(whole(["a" * 10, "b"], 5))


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


def test_encoded_a_temporary_file_that_cannot_be_made_is_an_output_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    with pytest.raises(OutputError, match="No space left on device"):
        list(whole_encoded(["a" * 10, "b"], _utf8, 5))


def _file_holding(tmp_path: Path, before: bytes, append: bool) -> tuple[int, Path]:
    path = tmp_path / "report.json"
    path.write_bytes(before)
    flags = os.O_WRONLY | (os.O_APPEND if append else 0)
    fd = os.open(path, flags)
    if not append:
        os.lseek(fd, len(before), os.SEEK_SET)  # as a shell's `>` leaves it, after a header
    return fd, path


@pytest.mark.parametrize("append", [False, True])
def test_into_a_file_goes_all_of_it(tmp_path: Path, append: bool) -> None:
    fd, path = _file_holding(tmp_path, b"before\n", append)
    try:
        into_file([b"a" * 10, "é".encode(), b""], fd)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"before\n" + b"a" * 10 + "é".encode()


@pytest.mark.parametrize("append", [False, True])
def test_into_a_file_a_fault_while_making_them_leaves_it_as_it_was(
    tmp_path: Path, append: bool
) -> None:
    def pieces() -> Iterator[bytes]:
        yield b"a" * 10
        yield b"b" * 10
        raise KeyError("fault")

    fd, path = _file_holding(tmp_path, b"before\n", append)
    try:
        with pytest.raises(KeyError):
            into_file(pieces(), fd)
        into_file([b"then"], fd)  # the next write goes where the first would have gone
    finally:
        os.close(fd)
    assert path.read_bytes() == b"before\nthen"


def test_into_a_file_that_cannot_be_written_is_an_output_error_and_cut_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fd, path = _file_holding(tmp_path, b"before\n", False)
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


def test_a_fault_while_the_report_is_written_to_a_file_leaves_the_file_as_it_was(
    tmp_path: Path,
) -> None:
    """stdout a regular file (``> report.json``, here ``>>``): written as made, and cut back
    to what it held when the command fails (exit 2, a message, no traceback)."""
    write_tree(tmp_path, {"many.py": 'x = "gpt-4-0613"\n' * 3000})
    report = tmp_path / "report.json"
    report.write_bytes(b"kept\n")
    with report.open("ab") as out:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                _FAULT_WHILE_WRITING,
                "check",
                str(tmp_path / "many.py"),
                "--format",
                "json",
                "--date",
                "2026-12-01",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=pinned_env(tmp_path),
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert "fault while writing" in done.stderr and "Traceback" not in done.stderr
    assert report.read_bytes() == b"kept\n"
    with report.open("ab") as out:  # and whole when nothing fails
        whole = subprocess.run(
            [
                *command(),
                "check",
                str(tmp_path / "many.py"),
                "--format",
                "json",
                "--no-fail",
                "--date",
                "2026-12-01",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            env=pinned_env(tmp_path),
            timeout=120,
        )
    assert whole.returncode == 0
    piped = run_installed(
        "check",
        tmp_path / "many.py",
        "--format",
        "json",
        "--no-fail",
        "--date",
        "2026-12-01",
        env=pinned_env(tmp_path),
    )
    assert report.read_bytes() == b"kept\n" + piped.stdout.encode()
    assert len(json.loads(piped.stdout)["findings"]) == 3000
