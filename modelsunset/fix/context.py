"""What around an id makes it no drop-in for ``fix`` (``plan``): a URL, the base of a
fine-tuned model, a regular expression, a name being tested (a key of a table is in
``keys``). Pure: bytes in, reasons out.

A *name test* asks what a name is: a quoted id given to a method or function that tests
text (``model.startswith("gpt-4")``, ``startsWith('o3')``, ``strings.HasPrefix(m,
"gpt-4")``, ``re.match("gpt-4", m)``, also in a tuple of names), or right before ``in``
/ ``not in`` (``"gpt-4" in model``). Another name would change the answer
(``startsWith('gpt-4')`` holds for ``gpt-4o`` too), so such an id is left to people.
"""

from __future__ import annotations

import re

# A quoted name tested by a method or function, as its first text argument (after one
# plain argument, as in `strings.HasPrefix(model, "gpt-4")`), or in a tuple of names.
_TESTED_BY = re.compile(
    rb"\b(startswith|endswith|startsWith|endsWith|StartsWith|EndsWith|starts_with|ends_with"
    rb"|HasPrefix|HasSuffix|includes|contains|Contains|indexOf|find|rfind|index"
    rb"|match|fullmatch|search|fnmatch|IsMatch|Match)"
    rb"\(\s*(?:[A-Za-z_][\w.]*(?:\(\))?\s*,\s*)?[(\[]?\s*"
    rb"(?:(?:\"[^\"\n]*\"|'[^'\n]*'|`[^`\n]*`)\s*,\s*)*$"
)
_TESTED_IN = re.compile(rb"\s+(not\s+)?in\s+[A-Za-z_(]")
_QUOTES = b"\"'`"


def around(text: bytes, start: int, end: int) -> str | None:
    """Why the id at ``text[start:end]`` of a line is not one to rewrite, or None."""
    before = text[:start]
    if before.endswith(b"ft:"):
        return "the base of a fine-tuned model (ft:...), which keeps its own id"
    word = max(before.rfind(stop) for stop in (b" ", b"\t", b'"', b"'", b"`", b"(", b"<", b"["))
    if b"://" in before[word + 1 :]:
        return "part of a URL"
    if b"\\" in text[start:end]:
        return "written as a regular expression (gpt-4\\.1), as its new id would have to be"
    test = _name_test(text, start, end)
    if test is not None:
        return f"a test of a name ({test}), which another name would change"
    return None


def _quote_around(text: bytes, start: int, end: int) -> int | None:
    """The quote that opens and closes ``text[start:end]``, if the same one does both."""
    if start == 0 or end >= len(text) or text[start - 1] not in _QUOTES:
        return None
    return text[start - 1] if text[end] == text[start - 1] else None


def _name_test(text: bytes, start: int, end: int) -> str | None:
    """The test a quoted name at ``text[start:end]`` is in, if it is one (see the module)."""
    if _quote_around(text, start, end) is None:
        return None
    method = _TESTED_BY.search(text, max(0, start - 200), start - 1)
    if method is not None:
        return method.group(1).decode("ascii")
    inside = _TESTED_IN.match(text, end + 1)
    if inside is not None:
        return "not in" if inside.group(1) else "in"
    return None
