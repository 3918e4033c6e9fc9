"""The directly drawn table gives the very bytes rich's Table gives, at every width.

``render/grid.py`` draws tables of one-line cells without rich's per-cell layout, and
falls back to rich's Table for anything else. These tests draw each table both ways, in
colour and without, and compare the output byte for byte; they also check that the
direct path is really taken, so that a silent fallback cannot pass for equality.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from support import examples

from modelsunset import resolver
from modelsunset.loading import bundled_path, load
from modelsunset.render import grid
from modelsunset.render.grid import Cell, Column, Styled


class _Ascii(io.StringIO):
    """A buffer standing for a stream that cannot take UTF-8: rich draws ASCII boxes."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "ascii"


def _console(width: int, colour: bool, ascii_only: bool = False) -> Console:
    return Console(
        file=_Ascii() if ascii_only else io.StringIO(),
        width=width,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
    )


def _draw(
    renderable: RenderableType, width: int, colour: bool, ascii_only: bool, direct: bool = False
) -> str:
    """The drawing by ``console.print``, or (``direct``) by ``grid.draw``, as status uses."""
    console = _console(width, colour, ascii_only)
    if direct:
        grid.draw(console, renderable)
    else:
        console.print(renderable)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def _both(
    title: str,
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    width: int,
    colour: bool,
    ascii_only: bool = False,
) -> tuple[str, str, bool]:
    """(direct drawing, rich's Table's drawing, whether the direct path was taken)."""
    console = _console(width, colour, ascii_only)
    chosen = grid.table(console, title, caption, columns, rows)
    direct = not isinstance(chosen, type(grid.rich_table("", "", columns, [])))
    drawn = _draw(chosen, width, colour, ascii_only, direct=True)
    # grid.draw writes a direct table itself: what console.print gives of it, to the byte.
    assert drawn == _draw(chosen, width, colour, ascii_only)
    return (
        drawn,
        _draw(grid.rich_table(title, caption, columns, rows), width, colour, ascii_only),
        direct,
    )


STATUS_COLUMNS = [
    Column("Model", overflow="fold"),
    Column("Surface", overflow="fold"),
    Column("State", no_wrap=True),
    Column("Retires", no_wrap=True),
    Column("Days left", justify="right"),
    Column("Successor", overflow="fold"),
]


def _bundled_rows() -> list[list[Cell]]:
    catalogue = load([str(bundled_path())])
    rows = resolver.status(catalogue, date(2026, 11, 25), include_all=True)
    return [
        [
            row.model.id,
            row.entry.surface,
            Styled(row.state.value, "green"),
            row.entry.retires.isoformat() if row.entry.retires else "",
            "" if row.days_left is None else str(row.days_left),
            row.entry.replacement or row.entry.fallback or "",
        ]
        for row in rows
    ]


@pytest.fixture(scope="module")
def bundled_rows() -> list[list[Cell]]:
    return _bundled_rows()


@pytest.mark.parametrize(("colour", "ascii_only"), [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("width", [60, 80, 100, 114, 120, 160, 250])
def test_bundled_status_the_same_at_every_width(
    bundled_rows: list[list[Cell]], width: int, colour: bool, ascii_only: bool
) -> None:
    direct, rich, taken = _both(
        "All models on 2026-11-25",
        "Catalogue updated",
        STATUS_COLUMNS,
        bundled_rows,
        width,
        colour,
        ascii_only,
    )
    assert taken
    assert direct == rich
    assert direct.isascii() == ascii_only


def test_a_table_that_fits_is_drawn_directly() -> None:
    rows: list[list[Cell]] = [["gpt-4o", Styled("retired", "red"), "-1"]]
    columns = [Column("Model"), Column("State"), Column("Days left", justify="right")]
    direct, rich, taken = _both("Title", "Caption", columns, rows, 80, True)
    assert taken
    assert direct == rich
    assert "\x1b[31mretired\x1b[0m" in direct  # the style survives the direct path


@pytest.mark.parametrize(
    "cell",
    ["two\nlines", "a\ttab", " edge", "edge ", "bell\a", "   ", " "],
)
def test_cells_rich_must_interpret_go_to_rich(cell: str) -> None:
    columns = [Column("Model"), Column("Note")]
    direct, rich, taken = _both("T", "C", columns, [["gpt-4o", cell]], 80, False)
    assert not taken
    assert direct == rich


def test_columns_too_narrow_for_their_padding_go_to_rich() -> None:
    columns = [Column(name, overflow="fold") for name in "abcdefghij"]
    rows: list[list[Cell]] = [["x" * 12] * 10]
    direct, rich, taken = _both("", "", columns, rows, 24, False)
    assert not taken
    assert direct == rich


def test_no_rows_is_a_header_alone() -> None:
    direct, rich, taken = _both("Empty", "", STATUS_COLUMNS, [], 100, False)
    assert taken
    assert direct == rich


_words = st.text(
    alphabet=st.sampled_from("abcxyz019-._→模型é"),
    min_size=1,
    max_size=14,
)
_texts = st.lists(_words, min_size=0, max_size=4).map(" ".join)
_cells: st.SearchStrategy[Cell] = st.one_of(
    _texts,
    st.builds(Styled, _words, st.sampled_from(["bold", "red", "green", "dim italic"])),
)
_columns = st.builds(
    Column,
    _words,
    justify=st.sampled_from(["left", "right"]),
    overflow=st.sampled_from(["fold", "ellipsis"]),
    no_wrap=st.booleans(),
)


@st.composite
def _tables(
    draw: st.DrawFn,
) -> tuple[str, str, list[Column], list[list[Cell]], int, bool, bool]:
    columns = draw(st.lists(_columns, min_size=1, max_size=7))
    rows = draw(
        st.lists(
            st.lists(_cells, min_size=len(columns), max_size=len(columns)),
            max_size=12,
        )
    )
    return (
        draw(_texts),
        draw(_texts),
        columns,
        rows,
        draw(st.integers(min_value=8, max_value=160)),
        draw(st.booleans()),
        draw(st.booleans()),
    )


@settings(max_examples=examples(300), deadline=None)
@given(_tables())
def test_any_table_is_drawn_as_rich_draws_it(
    case: tuple[str, str, list[Column], list[list[Cell]], int, bool, bool],
) -> None:
    title, caption, columns, rows, width, colour, ascii_only = case
    direct, rich, taken = _both(title, caption, columns, rows, width, colour, ascii_only)
    event("drawn directly" if taken else "drawn by rich's Table")
    assert direct == rich
