"""Tables for people: rich's Table, drawn directly when every cell is one short line.

rich's Table lays out any renderable in any cell: it measures every cell, wraps it to its
column and pads it, line by line. That costs about 0.3 ms a cell row, which for a
110-row ``status`` is as much again as starting the program. Our cells are short
strings; when each is one printable line and the whole table fits the width there is
nothing to wrap, and ``_Flat`` yields the very segments rich's Table would (the same
box characters, padding, alignment and styles) in one pass. Otherwise, a narrow terminal
say, the table is rich's own. ``tests/test_grid.py`` holds the two to the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.table import Table

_BOX = box.HEAVY_HEAD
_HEADER_STYLE = "bold"


class Column(NamedTuple):
    header: str
    justify: Literal["left", "right"] = "left"
    # How a cell too long for its column is wrapped (by rich, in either drawing).
    overflow: Literal["fold", "ellipsis"] = "ellipsis"
    no_wrap: bool = False


class Styled(NamedTuple):
    """A cell drawn in one style."""

    text: str
    style: str


Cell = str | Styled


def table(
    console: Console,
    title: str,
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
) -> RenderableType:
    """The table as a renderable for ``console``: drawn directly where it can be."""
    flat = _Flat.fit(console, title, caption, columns, rows)
    return flat if flat is not None else rich_table(title, caption, columns, rows)


def rich_table(
    title: str, caption: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]]
) -> Table:
    """The same table built with rich's Table, which can wrap and fold cells."""
    from rich.table import Table  # 5 ms to import (fractions, decimal): only when needed

    result = Table(title=title, caption=caption, header_style=_HEADER_STYLE, box=_BOX)
    for column in columns:
        result.add_column(
            column.header, justify=column.justify, overflow=column.overflow, no_wrap=column.no_wrap
        )
    for row in rows:
        result.add_row(*(Text(c.text, style=c.style) if isinstance(c, Styled) else c for c in row))
    return result


def _plain(cell: Cell) -> str:
    return cell.text if isinstance(cell, Styled) else cell


def _renderable(cell: Cell) -> str | Text:
    return Text(cell.text, style=cell.style) if isinstance(cell, Styled) else cell


class _Flat:
    """rich's Table for cells of one line each, drawn without measuring every cell.

    The column widths are rich's own, worked out from a few rows: a column's width depends
    only on its longest cell and its longest word, so the rows holding those give the
    same widths as all of them. A cell that fits its column is one padded segment; one
    that does not (a long id on a narrow terminal) is wrapped by rich, as it would be
    in rich's Table.
    """

    def __init__(
        self,
        title: str,
        caption: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        widths: list[int],
    ) -> None:
        self.title = title
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.widths = widths  # each column's, padding included

    @classmethod
    def fit(
        cls,
        console: Console,
        title: str,
        caption: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
    ) -> _Flat | None:
        """The flat table, or None for anything rich's Table should draw itself."""
        if not columns:
            return None  # rich draws no box at all
        count = len(columns)
        longest = [cell_len(column.header) for column in columns]
        longest_at = [-1] * count
        widest_word = [0] * count
        widest_word_at = [-1] * count
        texts = [title, caption, *(column.header for column in columns)]
        for number, row in enumerate(rows):
            if len(row) != count:
                return None
            for index, cell in enumerate(row):
                text = _plain(cell)
                texts.append(text)
                length = cell_len(text)
                if length > longest[index]:
                    longest[index], longest_at[index] = length, number
                if " " in text:  # the longest word (none in a cell of spaces alone)
                    length = max(map(cell_len, text.split()), default=0)
                if length > widest_word[index]:
                    widest_word[index], widest_word_at[index] = length, number
        if not all(text.isprintable() and text == text.strip() for text in texts):
            return None  # line breaks, tabs, edge spaces: rich's own rules apply
        widths: list[int] | None = [length + 2 for length in longest]
        if sum(longest) + 3 * count + 1 > console.width:
            widths = cls._rich_widths(console, columns, rows, {*longest_at, *widest_word_at})
        if widths is None or min(widths) < 3:
            return None  # columns narrower than their padding: leave that to rich
        return cls(title, caption, columns, rows, widths)

    @staticmethod
    def _rich_widths(
        console: Console,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        chosen: set[int],
    ) -> list[int] | None:
        """rich's widths for a table that must shrink, measured on the rows that matter."""
        sample = rich_table(
            "", "", columns, [rows[number] for number in sorted(chosen) if number >= 0]
        )
        calculate = getattr(sample, "_calculate_column_widths", None)
        extra = getattr(sample, "_extra_width", None)
        if calculate is None or not isinstance(extra, int):
            return None  # another rich: let its Table do everything
        widths = calculate(console, console.options.update_width(console.width - extra))
        return [int(width) for width in widths]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        line = Segment.line()
        edge = Style()  # rich draws the box in the table's style, which is empty
        frame = _BOX.substitute(options)  # ASCII for a stream that cannot take UTF-8
        width = sum(self.widths) + len(self.widths) + 1
        if self.title:
            yield from _annotation(console, options, self.title, width, "table.title")
        yield Segment(frame.get_top(self.widths), edge)
        yield line
        header = console.get_style(_HEADER_STYLE)
        heads: list[Cell] = [column.header for column in self.columns]
        yield from self._row(
            console,
            options,
            heads,
            header,
            (frame.head_left, frame.head_vertical, frame.head_right),
            header=True,
        )
        yield Segment(frame.get_row(self.widths, "head"), edge)
        yield line
        last = len(self.rows) - 1
        middle = (frame.mid_left, frame.mid_vertical, frame.mid_right)
        foot = (frame.foot_left, frame.foot_vertical, frame.foot_right)
        plain = Style()
        for number, row in enumerate(self.rows):
            # rich draws the last row's edges with the frame's foot characters
            yield from self._row(console, options, row, plain, foot if number == last else middle)
        yield Segment(frame.get_bottom(self.widths), edge)
        yield line
        if self.caption:
            yield from _annotation(console, options, self.caption, width, "table.caption")

    def _row(
        self,
        console: Console,
        options: ConsoleOptions,
        row: Sequence[Cell],
        style: Style,
        edges: tuple[str, str, str],
        header: bool = False,
    ) -> Iterator[Segment]:
        cells: list[list[list[Segment]]] = []
        for cell, column, width in zip(row, self.columns, self.widths, strict=True):
            text = _plain(cell)
            if cell_len(text) <= width - 2:
                own = console.get_style(cell.style) if isinstance(cell, Styled) else None
                if header:
                    own = style if own is None else style + own
                padded = _pad(text, width - 2, column.justify)
                cells.append([[Segment(" ", style), Segment(padded, own), Segment(" ", style)]])
            else:
                cells.append(
                    console.render_lines(
                        Padding(_renderable(cell), (0, 1)),
                        options.update(
                            width=width,
                            justify=column.justify,
                            no_wrap=column.no_wrap,
                            overflow=column.overflow,
                            height=None,
                            highlight=False,
                        ),
                        style=style,
                    )
                )
        height = max(len(lines) for lines in cells)
        if height > 1:
            align = Segment.align_bottom if header else Segment.align_top
            cells = [
                Segment.set_shape(align(lines, width, height, style), width, height)
                for lines, width in zip(cells, self.widths, strict=True)
            ]
        left, vertical, right = (Segment(edge, Style()) for edge in edges)
        for number in range(height):
            yield left
            for index, lines in enumerate(cells):
                if index:
                    yield vertical
                yield from lines[number]
            yield right
            yield Segment.line()


def _annotation(
    console: Console, options: ConsoleOptions, text: str, width: int, style: str
) -> Iterator[Segment]:
    """A title or caption, centred over the table (and wrapped) as rich's Table does."""
    yield from console.render(
        Text(text, style=console.get_style(style)),
        options.update(width=width, justify="center", highlight=False, height=None),
    )


def _pad(text: str, width: int, justify: Literal["left", "right"]) -> str:
    space = " " * (width - cell_len(text))
    return space + text if justify == "right" else text + space
