"""Help, as Typer draws it with rich: what happens when its reader goes away."""

from __future__ import annotations

import sys


def reader_that_left_is_no_error() -> None:
    """Help is drawn by rich, whose console exits 1 when the reader of stdout went away
    (``--help | head -n 3``): a CI job would read that as a finding. As for our own output,
    a reader that left is not an error, so help then exits 0. (Called for help only: rich
    is not imported otherwise.)"""
    from rich.console import Console

    def on_broken_pipe(self: Console) -> None:
        from modelsunset.console import quiet

        quiet(sys.stdout)
        raise SystemExit(0)

    setattr(Console, "on_broken_pipe", on_broken_pipe)  # noqa: B010 - a documented hook
