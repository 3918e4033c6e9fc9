"""Where a rule broken by the files together is reported, and how it names each place.

A rule that takes several values (``announced`` after ``retires``) may find them in
different files once files are layered: the problem is reported in the latest of those
files (an overlay's change, usually), and each value from another file is named
" (from FILE:LINE)".
"""

from __future__ import annotations

from modelsunset.catalogue.located import Located, Obj
from modelsunset.errors import Problem
from modelsunset.wording import inert


class Report:
    """The problems found so far, and the order the files are layered in."""

    def __init__(self, problems: list[Problem], order: dict[str, int]) -> None:
        self.problems = problems
        self.order = order  # file -> its place in the layering

    def problem(self, at: Located[object] | Obj, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(at.file, at.line, message, hint))

    def later(self, *locs: Located[object]) -> Located[object]:
        """The value written last: in the later file, then further down."""
        return max(locs, key=lambda loc: (self.order.get(loc.file, -1), loc.line))

    def placed(
        self, *locs: Located[object], later_line: bool = False
    ) -> tuple[Located[object], list[str]]:
        """Where to report a rule broken by values together, and how to name each value's
        place: within one file, at the first of them (or, with ``later_line``, at the one
        furthest down); across files, in the latest file, each value from another file
        named " (from FILE:LINE)", the others "".
        """
        one_file = len({loc.file for loc in locs}) == 1
        at = locs[0] if one_file and not later_line else self.later(*locs)
        places = [
            "" if loc is at or loc.file == at.file else f" (from {inert(loc.file)}:{loc.line})"
            for loc in locs
        ]
        return at, places
