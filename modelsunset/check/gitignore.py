"""Gitignore patterns, read and matched without regular expressions.

A line is read as pathspec's ``GitIgnoreSpec`` (0.12 to 1.x) reads it, and a path
matches where pathspec's would, with three exceptions where git itself is followed: a
bracket expression never matches ``/`` (``a[!x]b`` does not match ``a/b``), a line
break in a file name is a character like any other, and a line ending in ``/**`` matches
what is inside a folder, not the folder itself (``docker/**`` with ``!docker/*`` keeps
``docker/Dockerfile``, as git does, since the folder is entered). A pattern is cut at ``/`` into
segments, each matched against one segment of the path by a glob matcher that never
goes back more than to its last ``*`` (at most the length of the name times that of the
pattern), and ``**`` spans whole segments; no match can take more than polynomial
time, whatever the line. Plain names and paths (``build``, ``/docs/``, ``*.log``) are
looked up in tables, so that thousands of them cost no more than a few.

The last pattern that matches a path decides, as in pathspec: one that matches the path
itself (``STRONG``) over one that matches only a folder above it through a folder
pattern (``WEAK``), whatever their order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from modelsunset.check.globs import NOT_A_PATTERN, Glob, PatternError, Unclosed, segment_glob

NONE, WEAK, STRONG = 0, 1, 2  # how a pattern matches a path

_EVERY, _NESTED, _SEGMENTS = 0, 1, 2  # the forms of a pattern


_SPECIAL = "\\*?[/"  # what makes a line more than a name (with ``!`` or ``#`` first)


class Pattern:
    """One line, read. ``ignore``: a match ignores (False for ``!``, which takes back).

    ``_EVERY`` matches every path; ``_NESTED`` every path with a ``/``. ``_SEGMENTS``:
    ``chunks`` are runs of segment globs with ``**`` between them (and before the first,
    with ``leading``); with ``open_end`` the pattern ends with ``/**`` or ``/``. A match
    through an open end, or of ``_NESTED``, is ``level`` strong or weak. ``inside``: the
    line ends with ``/**``, which matches below a folder but not the folder itself."""

    __slots__ = (
        "anchor",
        "chunks",
        "form",
        "ignore",
        "inside",
        "leading",
        "level",
        "name",
        "open_end",
    )

    def __init__(
        self,
        ignore: bool,
        form: int,
        level: int = STRONG,
        leading: bool = False,
        chunks: tuple[tuple[Glob, ...], ...] = (),
        open_end: bool = False,
        inside: bool = False,
    ) -> None:
        self.ignore = ignore
        self.inside = inside
        self.form = form
        self.level = level
        self.leading = leading
        self.chunks = chunks
        self.open_end = open_end
        # A name at any depth (``*.log``, ``build``): matched without the general search.
        single = leading and not open_end and len(chunks) == 1 and len(chunks[0]) == 1
        self.name = chunks[0][0] if single else None
        # A path from the top whose first segment is a plain name (``examples/*.mp3``):
        # no other path's first segment can match.
        anchored = form == _SEGMENTS and not leading and bool(chunks) and bool(chunks[0])
        self.anchor = chunks[0][0].exact if anchored else None

    def match(self, parts: Sequence[str], path: str) -> int:
        """``NONE``, ``WEAK`` or ``STRONG`` for a path cut at ``/`` into ``parts``."""
        if self.name is not None:
            return self._name(parts)
        if self.form == _EVERY:
            return STRONG if path else NONE
        if self.form == _NESTED:
            if self.inside and path.endswith("/"):
                path = path[:-1]  # the folder itself is not inside it
            return self.level if "/" in path else NONE
        if self.anchor is not None and parts[0] != self.anchor:
            return NONE
        count = len(parts)
        ends = [0]
        for number, chunk in enumerate(self.chunks):
            if number or self.leading:
                # Any segments may come first, but one empty one (a ``**`` is ``.+/``).
                low = ends[0]
                starts = [
                    start
                    for start in range(low, count)
                    if start != low + 1 or parts[low] or (low + 1) in ends
                ]
            else:
                starts = [0]
            size = len(chunk)
            ends = [
                start + size
                for start in starts
                if start + size <= count
                and all(glob.match(parts[start + i]) for i, glob in enumerate(chunk))
            ]
            if not ends:
                return NONE
        if self.open_end:
            if self.inside and ends[0] == count - 1 and not parts[-1]:
                return NONE  # ``a/**`` and the folder ``a/`` itself
            return self.level if ends[0] < count else NONE
        if ends[-1] == count:
            return STRONG
        return WEAK if ends[0] < count else NONE

    def _name(self, parts: Sequence[str]) -> int:
        glob = self.name
        assert glob is not None
        last = len(parts) - 1
        # The name may follow any segments, but not one empty one alone (``.+/``).
        if (last != 1 or parts[0]) and glob.match(parts[last]):
            return STRONG
        for place in range(last):
            if (place != 1 or parts[0]) and glob.match(parts[place]):
                return WEAK
        return NONE


def read_pattern(line: str) -> Pattern | None:
    """A gitignore line, read; None for a line that matches nothing (blank, a comment, a
    ``[`` with no ``]``). ``PatternError`` for one that cannot be used."""
    text = line if line.endswith("\\ ") else line.rstrip()
    if not text or text.startswith("#") or text == "/":
        return None
    ignore = not text.startswith("!")
    if not ignore:
        text = text[1:]
    elif not any(char in text for char in _SPECIAL):  # a name at any depth: most lines
        return Pattern(True, _SEGMENTS, STRONG, True, ((Glob.plain(text),),))
    segments = text.split("/")
    folder = segments[-1] == ""
    if segments[0] == "":
        del segments[0]
    elif (len(segments) == 1 or (len(segments) == 2 and not segments[1])) and segments[0] != "**":
        segments.insert(0, "**")
    if not segments:
        raise PatternError(NOT_A_PATTERN)
    if segments[-1] == "":
        segments[-1] = "**"
    segments = [s for i, s in enumerate(segments) if not (s == "**" and i and segments[i - 1] == s)]
    if segments == ["**"]:
        return Pattern(ignore, _NESTED, WEAK) if folder else Pattern(ignore, _EVERY)
    if segments == ["**", "*"]:
        return Pattern(ignore, _EVERY)
    if segments == ["**", "*", "**"]:
        return Pattern(ignore, _NESTED, WEAK if folder else STRONG, inside=not folder)
    leading = segments[0] == "**"
    open_end = segments[-1] == "**"
    inner = segments[int(leading) : len(segments) - int(open_end)]
    chunks: list[tuple[Glob, ...]] = []
    run: list[Glob] = []
    bad = None
    try:
        for segment in inner:
            if segment == "**":
                chunks.append(tuple(run))
                run = []
                continue
            glob, wrong = segment_glob(segment)
            bad = bad or wrong
            run.append(glob)
    except Unclosed:
        return None
    chunks.append(tuple(run))
    if bad is not None:
        raise PatternError(f"is not a pattern modelsunset can read ({bad})")
    level = WEAK if open_end and folder else STRONG
    inside = open_end and not folder
    return Pattern(ignore, _SEGMENTS, level, leading, tuple(chunks), open_end, inside)


def pattern_problem(line: str) -> str | None:
    """What is wrong with a line, worded to follow it, or None when it can be used."""
    try:
        read_pattern(line)
    except PatternError as exc:
        return exc.problem
    return None


Hit = tuple[int, bool]  # the number of the pattern that matched, and its ``ignore``
_MISS: Hit = (-1, False)


def _later(best: Hit, hit: Hit | None) -> Hit:
    return hit if hit is not None and hit[0] > best[0] else best


_ANY_PATTERN, _NAME_ANYWHERE, _FOLDERS_ONLY = 0, 1, 2  # see ``_folder_levels``


def _rest_form(pattern: Pattern) -> int:
    if pattern.name is not None:
        return _NAME_ANYWHERE
    one = len(pattern.chunks) == 1 and len(pattern.chunks[0]) == 1
    # ``inside`` ones tell a folder from the paths in it: matched path by path.
    if (
        pattern.form == _SEGMENTS
        and pattern.leading
        and pattern.open_end
        and one
        and not pattern.inside
    ):
        return _FOLDERS_ONLY
    return _ANY_PATTERN


class IgnoreSpec:
    """The patterns of one ignore file, or of the ``--exclude`` patterns, in order.

    Plain patterns go to tables: a name anywhere (``build``, ``build/``, ``*.log``), or a
    path from the top (``/docs``, ``src/gen/``); the rest are matched one by one, from the
    last, until one that matches strongly or comes before a strong match found in the
    tables."""

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self.names: dict[str, Hit] = {}  # a name, as the path or a folder above it
        self.suffixes: dict[str, Hit] = {}  # a name's ending, as ``names``
        self.sizes: list[int] = []  # the lengths of ``suffixes``
        self.above: tuple[dict[str, Hit], dict[str, Hit]] = ({}, {})  # folders: weak, strong
        self.paths: dict[str, Hit] = {}  # a path, as the path or a folder above it
        self.tops: tuple[dict[str, Hit], dict[str, Hit]] = ({}, {})  # folders: weak, strong
        self.rest: list[tuple[int, Pattern]] = []
        # What ``names``, ``suffixes`` and ``above`` say of the folders of a path (the path
        # up to its last ``/``): (strong, weak).
        self._folders: dict[str, tuple[Hit, Hit]] = {}
        for number, pattern in enumerate(patterns):
            self._file(number, pattern)
        self.sizes = sorted({len(suffix) for suffix in self.suffixes})
        self._endings = tuple(self.suffixes)
        # How much of each pattern of ``rest`` the folders of a path decide, and what they
        # decide of each, for the paths in each folder (see ``_folder_levels``).
        self._rest_forms = [_rest_form(pattern) for _, pattern in self.rest]
        self._rest_folders: dict[str, tuple[int, ...]] = {}
        self._tops: dict[str, tuple[Hit, Hit]] = {}  # see ``_above_tops``

    def _file(self, number: int, pattern: Pattern) -> None:
        hit = (number, pattern.ignore)
        chunk = pattern.chunks[0] if len(pattern.chunks) == 1 else ()
        exact = [glob.exact for glob in chunk if glob.exact is not None]
        plain = bool(chunk) and len(exact) == len(chunk)
        strong = int(pattern.level == STRONG)
        if pattern.inside:
            # The tables say what a folder's name or path says of everything in it and of
            # the folder alike; ``a/**`` says something of the one, not of the other.
            self.rest.append((number, pattern))
            return
        if pattern.form == _SEGMENTS and pattern.leading and len(chunk) == 1:
            suffix = chunk[0].suffix
            if plain:
                table = self.above[strong] if pattern.open_end else self.names
                table[exact[0]] = hit
                return
            if suffix is not None and not pattern.open_end:
                self.suffixes[suffix] = hit
                return
        elif pattern.form == _SEGMENTS and not pattern.leading and plain:
            key = "/".join(exact)
            if pattern.open_end:
                self.tops[strong][key] = hit
            else:
                self.paths[key] = hit
            return
        self.rest.append((number, pattern))

    def _named(self, name: str, last: bool, strong: Hit, weak: Hit) -> tuple[Hit, Hit]:
        found = self.names.get(name)
        if self.sizes and name.endswith(self._endings):  # most names end with none
            for size in self.sizes:
                if size <= len(name):
                    found = _later(found or _MISS, self.suffixes.get(name[-size:]))
        if last:
            return _later(strong, found), weak
        weak = _later(_later(weak, found), self.above[0].get(name))
        return _later(strong, self.above[1].get(name)), weak

    def verdict(self, path: str) -> bool | None:
        """True: ignored; False: taken back by a ``!`` pattern; None: no pattern matches.
        A folder's path ends with ``/``."""
        if path.startswith("/"):
            path = path[1:]
        elif path.startswith("./"):
            path = path[2:]
        parts = path.split("/")
        count = len(parts)
        strong = weak = _MISS
        # What the folders above say is the same for every path in them: found once.
        above = path[: len(path) - len(parts[-1])]
        if self.names or self.suffixes or self.above[0] or self.above[1]:
            found = self._folders.get(above)
            if found is None:
                found = _MISS, _MISS
                for place in range(count - 1):
                    if place != 1 or parts[0]:  # no ``**`` stands for one empty segment
                        found = self._named(parts[place], False, *found)
                self._folders[above] = found
            strong, weak = found
            if count != 2 or parts[0]:
                strong, weak = self._named(parts[-1], True, strong, weak)
        if self.paths or self.tops[0] or self.tops[1]:
            strong = _later(strong, self.paths.get(path))
            # The folders above, each a path from the top: the same for every path in them.
            tops = self._tops.get(above)
            if tops is None:
                tops = self._tops[above] = self._above_tops(above)
            strong, weak = _later(strong, tops[0]), _later(weak, tops[1])
        rest = self.rest
        levels = self._rest_folders.get(above) if rest else ()
        if levels is None:
            levels = self._rest_folders[above] = _folder_levels(rest, self._rest_forms, parts, path)
        for place in range(len(rest) - 1, -1, -1):
            number, pattern = rest[place]
            if number < strong[0]:
                break
            form = self._rest_forms[place]
            glob = pattern.name
            if form == _ANY_PATTERN:
                level = pattern.match(parts, path)
            elif glob is not None and (count != 2 or parts[0]) and glob.match(parts[-1]):
                level = STRONG  # as ``Pattern._name`` finds it, the folders' part found once
            else:
                level = levels[place]
            if level == STRONG:
                strong = (number, pattern.ignore)
                break
            if level == WEAK:
                weak = _later(weak, (number, pattern.ignore))
        if strong[0] >= 0:
            return strong[1]
        return weak[1] if weak[0] >= 0 else None

    def _above_tops(self, above: str) -> tuple[Hit, Hit]:
        """What ``paths`` and ``tops`` say of the folders of ``above`` (``a/b/``: of ``a``
        and ``a/b``): (strong, weak)."""
        strong = weak = _MISS
        end = above.find("/")
        while end >= 0:
            top = above[:end]
            weak = _later(_later(weak, self.paths.get(top)), self.tops[0].get(top))
            strong = _later(strong, self.tops[1].get(top))
            end = above.find("/", end + 1)
        return strong, weak

    def match_file(self, path: str) -> bool:
        """Whether the path is ignored."""
        return self.verdict(path) is True


def _folder_levels(
    rest: list[tuple[int, Pattern]], forms: list[int], parts: list[str], path: str
) -> tuple[int, ...]:
    """For each pattern of ``rest`` (of ``forms``), what the folders of ``parts`` alone
    make of it, for every path in them: a folder pattern at any depth (``*.egg-info/``)
    matches there or not; a name at any depth (``*.py[cod]``) matches a folder (``WEAK``)
    or not. Others are matched path by path (``NONE`` here)."""
    levels: list[int] = []
    for (_, pattern), form in zip(rest, forms, strict=True):
        if form == _FOLDERS_ONLY:
            levels.append(pattern.match(parts, path))
        elif form == _NAME_ANYWHERE:
            glob = pattern.name
            assert glob is not None
            weak = any(
                (place != 1 or parts[0]) and glob.match(parts[place])
                for place in range(len(parts) - 1)
            )
            levels.append(WEAK if weak else NONE)
        else:
            levels.append(NONE)
    return tuple(levels)


def compile_lines(lines: Iterable[str]) -> tuple[IgnoreSpec | None, list[tuple[int, str]]]:
    """The rules of these lines (None when no line matches anything), and the lines that
    cannot be used: (number from 1, what is wrong), left out."""
    patterns: list[Pattern] = []
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        try:
            pattern = read_pattern(line)
        except PatternError as exc:
            problems.append((number, exc.problem))
            continue
        if pattern is not None:
            patterns.append(pattern)
    return (IgnoreSpec(patterns) if patterns else None), problems
