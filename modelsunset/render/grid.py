"""Tables for people: rich's Table, drawn directly when every cell is one short line.

rich's Table lays out any renderable in any cell: it measures every cell, wraps it to its
column and pads it, line by line. That costs about 0.3 ms a cell row, which for a
110-row ``status`` is as much again as starting the program. Our cells are short
strings; when each is one printable line there is nothing to lay out, and ``_Flat``
yields the very segments rich's Table would (the same column widths, box characters,
padding, alignment and styles) in one pass; a cell too long for its column is still
wrapped by rich. Anything else (line breaks in a cell, columns narrower than their
padding) is drawn by rich's Table itself. ``tests/test_grid.py`` holds the two to the
same bytes.

Only rich's public interface is used: the widths of a table that must shrink are worked
out here (``shrunk_widths``) by the rules of rich's Table, whose own methods for them are
private.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
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


def draw(console: Console, renderable: RenderableType) -> None:
    """Print ``renderable`` on ``console`` as ``console.print`` would.

    A table drawn directly is written out here, segment by segment, each in its style as
    rich writes it: its lines are already as wide as they may be, so the splitting and
    cropping of every segment that ``print`` does (most of the time of a long table)
    would change nothing. Anything else is printed by rich.
    """
    if not isinstance(renderable, _Flat):
        console.print(renderable)
        return
    from rich.color import ColorSystem

    system = _COLOR_SYSTEMS.get(console.color_system or "")
    segments: Iterable[Segment] = renderable.__rich_console__(console, console.options)
    if console.no_color and system is not None:
        segments = Segment.remove_color(segments)
    if system is None:
        text = "".join(segment.text for segment in segments if not segment.control)
    else:
        color_system = ColorSystem[system]
        text = "".join(
            style.render(piece, color_system=color_system, legacy_windows=console.legacy_windows)
            if style
            else piece
            for piece, style, control in segments
            if style or not control
        )
    console.file.write(text)


# ``Console.color_system`` names the colour system; ``ColorSystem`` holds its members.
_COLOR_SYSTEMS = {
    "standard": "STANDARD",
    "256": "EIGHT_BIT",
    "truecolor": "TRUECOLOR",
    "windows": "WINDOWS",
}


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

    The column widths are rich's, worked out from a few rows: a column's width depends
    only on its longest cell and longest word, so the rows holding those give the widths
    of all. A cell that fits is one padded segment; one that does not is wrapped by rich.
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
        widths = [length + 2 for length in longest]
        if sum(longest) + 3 * count + 1 > console.width:
            chosen = sorted(number for number in {*longest_at, *widest_word_at} if number >= 0)
            sample = [
                [column.header, *(_plain(rows[number][index]) for number in chosen)]
                for index, column in enumerate(columns)
            ]
            widths = shrunk_widths(console, columns, sample)
        if min(widths) < 3:
            return None  # columns narrower than their padding: leave that to rich
        return cls(title, caption, columns, rows, widths)

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


# Column widths as rich's Table works them out for a table wider than the console, with
# rich's public measuring (pyproject.toml pins the rich versions tests/test_grid.py
# holds this to: 13.7 to 15).


def shrunk_widths(
    console: Console, columns: Sequence[Column], sample: Sequence[Sequence[str]]
) -> list[int]:
    """The width of each column, its padding included, when the table must shrink to the
    console's width: each column's widest cells go first, towards the next widest, and
    where that is not enough every column gives some. ``sample`` holds the texts of each
    column, its header first; only the longest cell and the one with the longest word
    matter, so a sample of those gives the widths of the whole column.
    """
    # What the box takes: an edge at either side and a line between columns.
    room = console.width - (len(columns) + 1)
    options = console.options.update_width(room)
    widths = [_measure(console, options, texts).maximum or 1 for texts in sample]
    if sum(widths) > room:
        widths = _collapse(widths, [not column.no_wrap for column in columns], room)
        if sum(widths) > room:
            widths = _take(sum(widths) - room, [True] * len(widths), widths, widths)
        widths = [
            _measure(console, options.update_width(width), texts).maximum or 0
            for width, texts in zip(widths, sample, strict=True)
        ]
    return widths


def _measure(console: Console, options: ConsoleOptions, texts: Sequence[str]) -> Measurement:
    """The narrowest and widest a column of these cells can be, padding included."""
    if options.max_width < 1:
        return Measurement(0, 0)
    found = [Measurement.get(console, options, Padding(Text(text), (0, 1))) for text in texts]
    widest = Measurement(max(each.minimum for each in found), max(each.maximum for each in found))
    return widest.with_maximum(options.max_width)


def _collapse(widths: list[int], wrappable: list[bool], room: int) -> list[int]:
    """Narrow the widest columns that may wrap, down to the next widest, until the table
    fits in ``room`` or they are all as wide as each other."""
    if not any(wrappable):
        return widths
    while sum(widths) and sum(widths) > room:
        excess = sum(widths) - room
        widest = max(width for width, ok in zip(widths, wrappable, strict=True) if ok)
        next_widest = max(
            (width for width, ok in zip(widths, wrappable, strict=True) if ok and width != widest),
            default=0,
        )
        if widest == next_widest:
            break
        chosen = [ok and width == widest for width, ok in zip(widths, wrappable, strict=True)]
        most = min(excess, widest - next_widest)
        widths = _take(excess, chosen, [most] * len(widths), widths)
    return widths


def _take(total: int, chosen: list[bool], most: list[int], widths: list[int]) -> list[int]:
    """``widths`` less ``total`` shared evenly among the chosen columns (the rounding
    going column by column, left to right), no column giving more than its ``most``."""
    givers = [pick and bool(limit) for pick, limit in zip(chosen, most, strict=True)]
    left, count = total, sum(givers)
    result = []
    for gives, limit, width in zip(givers, most, widths, strict=True):
        if gives:
            given = min(limit, round(left / count))
            result.append(width - given)
            left -= given
            count -= 1
        else:
            result.append(width)
    return result


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
