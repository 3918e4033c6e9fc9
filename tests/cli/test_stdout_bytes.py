"""A report written as bytes (``console.stdout_encoder``, ``spool.whole_encoded``) is byte
for byte what the text writer (``console.writer("out")``) gives the same stdout."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelsunset import console

texts = st.text(st.characters(codec="utf-8") | st.sampled_from(["\udcff", "\ud800", "é", "😀"]))


def _stdout(encoding: str, errors: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors, newline="")


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
@given(text=texts)
def test_encoded_as_the_text_writer_writes_it(errors: str, text: str) -> None:
    stdout = _stdout("utf-8", errors)
    saved = sys.stdout
    sys.stdout = stdout
    try:
        encode = console.stdout_encoder()
        console.writer("out")(text)
    finally:
        sys.stdout = saved
    assert encode is not None
    assert encode(text) == stdout.buffer.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("encoding", "errors"), [("latin-1", "strict"), ("utf-8", "replace")])
def test_any_other_stdout_is_written_as_text(
    encoding: str, errors: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", _stdout(encoding, errors))
    assert console.stdout_encoder() is None


def test_a_stdout_with_no_bytes_beneath_is_written_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert console.stdout_encoder() is None
