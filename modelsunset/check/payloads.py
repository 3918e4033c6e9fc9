"""Responses written down in YAML: the payloads an API description shows as examples.

An OpenAPI description (``openapi.yaml``, the ``x-oaiMeta`` of OpenAI's) shows what an
operation answers as JSON text in a block scalar: ``response: |`` after the request's
code, or ``example: |`` of an object. The model named there is the one that answered on
the day the example was recorded (``"model": "o1-2024-12-17"``), so those lines are
``recorded``, as a recorded response in a fixture is; the rest of the file keeps its kind,
and so does an example whose text is no JSON (code, a command line).

Only YAML files read whole are looked at (not those read in pieces, over 4 MB).
"""

from __future__ import annotations

import re

import ahocorasick_rs

from modelsunset.check.kinds import Kind
from modelsunset.check.notebook import Regions

# Each key as a block scalar's (YAML wants a blank after the colon of a key), and the
# size of the key; found in one pass.
_WRITTEN = {
    key + block: len(key) for key in (b"response", b"example") for block in (b": |", b": >")
}
_SIZES = list(_WRITTEN.values())
_AUTOMATON: ahocorasick_rs.BytesAhoCorasick | None = None
_BLANKS = b" \t"
_BLOCKS: dict[int, re.Pattern[bytes]] = {}


def regions(data: bytes, kind: Kind) -> Regions | None:
    """The kinds of a YAML file's bytes when it holds payloads (``kind`` elsewhere), or
    None when it holds none."""
    global _AUTOMATON
    if _AUTOMATON is None:
        _AUTOMATON = ahocorasick_rs.BytesAhoCorasick(list(_WRITTEN))
    spans: list[tuple[int, int, Kind]] = []
    for index, at, _ in _AUTOMATON.find_matches_as_indexes(data):
        found = _payload(data, at, _SIZES[index])
        if found is not None:
            spans.append((*found, Kind.RECORDED))
    if not spans:
        return None
    spans.sort()
    whole: list[tuple[int, int, Kind]] = []
    last = 0
    for start, end, recorded in spans:
        if start < last:
            continue  # inside one already (an "example" key in the text of a payload)
        whole.append((last, start, kind))
        whole.append((start, end, recorded))
        last = end
    whole.append((last, len(data), kind))
    return Regions(whole)


def _payload(data: bytes, at: int, size: int) -> tuple[int, int] | None:
    """The span of the block scalar whose key is at ``data[at:at + size]``, if the key
    begins its line (after blanks, or ``- ``), is followed by ``: |`` or ``: >`` and the
    block's text begins with ``{`` or ``[``."""
    line_start = data.rfind(b"\n", 0, at) + 1
    before = data[line_start:at]
    indent = len(before) - len(before.lstrip(_BLANKS))
    if before.strip(_BLANKS) not in (b"", b"-"):
        return None
    line_end = data.find(b"\n", at)
    if line_end == -1:
        return None
    rest = data[at + size : line_end].split(b"#", 1)[0].strip(_BLANKS + b"\r")
    if not rest.startswith(b":") or rest[1:].strip(_BLANKS)[:1] not in (b"|", b">"):
        return None
    start = line_end + 1
    # The block ends where a line is no deeper than its key; blank lines go on with it.
    after = _after_block(indent).search(data, line_end)
    if after is not None:
        end = after.start() + 1
    else:  # the block goes on to the end, but for a last line of blanks with no break
        end = data.rfind(b"\n") + 1
        if not data[end:] or data[end:].strip(b" \t\r"):
            end = len(data)
    first = data[start:end].lstrip(b" \t\r\n")[:1]
    if first not in (b"{", b"["):
        return None
    return start, max(start, end - 1)


def _after_block(indent: int) -> re.Pattern[bytes]:
    """The line break before the first line that is neither blank nor deeper than
    ``indent`` (at most ``indent`` blanks, then text; or blanks, a carriage return and
    more on the line). Searched for, it is found by its line break in C, where matching
    the block's lines one by one took a step of the expression for each."""
    found = _BLOCKS.get(indent)
    if found is None:
        found = _BLOCKS[indent] = re.compile(rb"\n(?:[ \t]{0,%d}[^ \t\r\n]|[ \t]*\r[^\n])" % indent)
    return found
