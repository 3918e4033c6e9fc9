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

from modelsunset.check.kinds import Kind
from modelsunset.check.notebook import Regions

_KEYS = (b"response", b"example")
_BLANKS = b" \t"


def regions(data: bytes, kind: Kind) -> Regions | None:
    """The kinds of a YAML file's bytes when it holds payloads (``kind`` elsewhere), or
    None when it holds none."""
    spans: list[tuple[int, int, Kind]] = []
    for key in _KEYS:
        at = data.find(key)
        while at != -1:
            found = _payload(data, at, len(key))
            if found is not None:
                spans.append((*found, Kind.RECORDED))
            at = data.find(key, at + len(key))
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
    start = position = line_end + 1
    end = start
    first = None
    while position < len(data):
        next_line = data.find(b"\n", position)
        if next_line == -1:
            next_line = len(data)
        line = data[position:next_line].rstrip(b"\r")
        text = line.lstrip(_BLANKS)
        if text:
            if len(line) - len(text) <= indent:
                break  # the block ends where a line is no deeper than its key
            if first is None:
                first = text[:1]
        end = next_line
        position = next_line + 1
    if first not in (b"{", b"["):
        return None
    return start, end
