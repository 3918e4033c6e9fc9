"""A report is held back until it is whole (``check/spool.py``): in memory, or past a
limit in a temporary file, and given again unchanged either way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from modelsunset.check.spool import whole, whole_encoded
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
