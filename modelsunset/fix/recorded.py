"""Files that record the past, which ``fix`` never rewrites.

A changelog says which model a release used; a cassette or a snapshot holds what a
provider answered, and a test compares against it; a lockfile is written by a tool. An id
in such a file is a fact about the past, not a call to make: rewriting it would falsify
the record (or break the test that replays it). ``check`` still reports them; ``fix``
names them in its checklist and leaves them as they are.

Recorded files, told by their path alone (names compared in lower case):

* cassettes (recorded HTTP traffic): anything below a folder named ``cassettes``,
  ``cassette``, ``vcr_cassettes``, ``__cassettes__`` or ``recordings``; ``*.har``;
* snapshots: below ``__snapshots__``, ``snapshots`` or ``_snapshots``; ``*.snap``,
  ``*.ambr``, ``*.approved.*``, ``*.received.*``;
* lockfiles: ``*.lock``, ``*.lockb``, ``package-lock.json``, ``npm-shrinkwrap.json``,
  ``pnpm-lock.yaml``, ``go.sum``;
* changelogs: files named ``CHANGELOG``, ``CHANGES``, ``HISTORY``, ``NEWS``,
  ``RELEASES`` or ``RELEASE_NOTES`` (``RELEASE-NOTES``, ``RELEASENOTES``), bare or as
  text (``.md``, ``.markdown``, ``.rst``, ``.txt``, ``.adoc``, ``.asciidoc``, ``.org``;
  ``history.py`` is code); anything below ``changelog.d``, ``changes.d``, ``newsfragments``,
  ``changelogs``, ``release-notes``, ``release_notes`` or ``releasenotes``;
* logs and records: ``*.log``, ``*.jsonl`` (JSON Lines: logs, transcripts, samples);
* dated posts: below ``_posts`` (a blog's posts, each of its day);
* pictures: ``*.svg`` (a chart drawn from results).

Notebooks (``*.ipynb``) are read line by line: only the lines of a cell's ``source`` may
be rewritten; outputs and metadata are recorded (``notebook_source_lines``).
"""

from __future__ import annotations

from pathlib import PurePosixPath

_CASSETTES = frozenset({"cassettes", "cassette", "vcr_cassettes", "__cassettes__", "recordings"})
_SNAPSHOTS = frozenset({"__snapshots__", "snapshots", "_snapshots"})
_LOCKFILES = frozenset({"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "go.sum"})
_CHANGELOGS = frozenset(
    {"changelog", "changes", "history", "news", "releases", "release_notes", "release-notes"}
    | {"releasenotes"}
)
_TEXT = frozenset({"", "md", "markdown", "rst", "txt", "adoc", "asciidoc", "org"})
_CHANGELOG_FOLDERS = frozenset(
    {"changelog.d", "changes.d", "newsfragments", "changelogs", "release-notes"}
    | {"release_notes", "releasenotes"}
)


def recorded(path: str) -> str | None:
    """What the file at ``path`` records (``a changelog``), or None when it may be
    rewritten. ``path`` as a finding shows it, with ``/``."""
    parts = [part.lower() for part in PurePosixPath(path.replace("\\", "/")).parts]
    if not parts:
        return None
    name, folders = parts[-1], set(parts[:-1])
    if folders & _CASSETTES or name.endswith(".har"):
        return "a cassette (recorded HTTP traffic)"
    if (
        folders & _SNAPSHOTS
        or name.endswith((".snap", ".ambr"))
        or ".approved." in name
        or ".received." in name
    ):
        return "a snapshot"
    if name in _LOCKFILES or name.endswith((".lock", ".lockb")):
        return "a lockfile"
    stem, _, extension = name.partition(".")
    if (stem in _CHANGELOGS and extension in _TEXT) or folders & _CHANGELOG_FOLDERS:
        return "a changelog"
    if name.endswith((".log", ".jsonl")):
        return "a log or record"
    if "_posts" in folders:
        return "a dated post"
    if name.endswith(".svg"):
        return "a picture"
    return None


def is_notebook(path: str) -> bool:
    return path.lower().endswith(".ipynb")


def notebook_source_lines(data: bytes) -> frozenset[int]:
    """The lines of a notebook (JSON) that hold only text of cells' ``source``: every
    string on them is part of a ``source`` value (keys aside). Lines that also hold
    outputs or metadata (a notebook written on one line) are not among them."""
    text = data.decode("utf-8", "replace")
    source: set[int] = set()
    other: set[int] = set()
    stack: list[str | None] = []  # for each open container, the key it is the value of
    key: str | None = None  # the key whose value comes next
    line = 1
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == '"':
            end = index + 1
            while end < length and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            value = text[index + 1 : end]
            after = end + 1
            while after < length and text[after] in " \t\r\n":
                after += 1
            is_key = after < length and text[after] == ":" and bool(stack) and stack[-1] == "{"
            if not is_key:
                inside = key == "source" or any(item == "source" for item in stack[::2])
                (source if inside else other).add(line)
            line += value.count("\n")
            index = end + 1
            if is_key:
                key = value
            continue
        if char in "[{":
            stack += [key, char]
            key = None
        elif char in "]}":
            del stack[-2:]
            key = None
        elif char == ",":
            key = None
        elif char == "\n":
            line += 1
        index += 1
    return frozenset(source - other)


def own_lines(path: str, data: bytes) -> tuple[str, frozenset[int] | None] | None:
    """modelsunset's own words in a file: (what they are, their lines, or None for the
    whole file); None when the file holds none."""
    from modelsunset.check.waivers import toml_lines

    if b'"modelsunset": "baseline"' in data[:512]:
        return "a modelsunset baseline", None
    name = PurePosixPath(path.replace("\\", "/")).name.lower()
    if name == "pyproject.toml" and b"modelsunset" in data:
        lines = toml_lines(data, lambda table: table == "tool.modelsunset")
        return ("modelsunset's settings", lines) if lines else None
    if b"waivers" in data and name.endswith(".toml"):
        lines = toml_lines(data, lambda table: table == "waivers")
        return ("modelsunset waivers", lines) if lines else None
    return None
