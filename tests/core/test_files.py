"""Reading files that must be regular: never waiting on a pipe, never reading a device."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from modelsunset.files import read_regular


def test_a_regular_file_is_read_whole_or_up_to_one_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789")
    assert read_regular(path) == b"0123456789"
    assert read_regular(path, limit=4) == b"01234"  # one more than the limit: "too large"
    assert read_regular(path, limit=10) == b"0123456789"


def test_anything_else_is_none_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes: a blocking open would wait forever
    assert read_regular(fifo) is None
    assert read_regular(tmp_path) is None
    assert read_regular("/dev/zero") is None


def test_a_link_is_followed_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.write_bytes(b"x")
    link = tmp_path / "link"
    link.symlink_to(target)
    assert read_regular(link) == b"x"
    with pytest.raises(OSError):
        read_regular(link, follow=False)


def test_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "nope")
