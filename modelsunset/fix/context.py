"""What around an id makes it no drop-in for ``fix`` (``plan``): a URL, the base of a
fine-tuned model, a regular expression, a name being tested (a key of a table is in
``keys``). Pure: bytes in, reasons out.

A *name test* asks what a name is: a quoted id given to a method or function that tests
text (``model.startswith("gpt-4")``, ``startsWith('o3')``, ``strings.HasPrefix(m,
"gpt-4")``, ``re.match(r"gpt-4", m)``), also in a tuple of names, after a first argument
that is a call itself (``HasPrefix(strings.ToLower(m), "gpt-4")``), or on a line after
the one the call opens on (as black writes a long call); or right before ``in`` / ``not
in`` (``"gpt-4" in model``). Another name would change the answer (``startsWith('gpt-4')``
holds for ``gpt-4o`` too), so such an id is left to people.

An id *written as a regular expression* would have to be written so again, its dots
escaped (``gpt-4.1`` as a pattern matches ``gpt-4x1`` too): an id with a backslash in it
(``gpt-4\\.1``); with anchors, alternatives or other syntax of patterns around it in its
string (``"^gpt-4$"``, ``"(gpt-4|o1)"``, ``"gpt-4.*"``; anchors count unquoted too); in a
JavaScript regular expression literal (``/^gpt-4/.test(m)``, ``m.match(/gpt-4/)``); or a
quoted id given to what makes a pattern (``re.compile``, ``new RegExp``,
``regexp.MustCompile``, ``re.sub``).

Only the line of the id is read, at most ``_LOOK`` bytes of it on either side, and for a
call opened on an earlier line the ``EARLIER`` bytes before the line at most.
"""

from __future__ import annotations

import re

from modelsunset.fix.keys import prefix_of

EARLIER = 400  # the bytes before an id's line that ``around`` reads, at most
_LOOK = 200  # the bytes of the line read on either side of a pattern, at most

# The arguments of a call before a quoted name, from its parenthesis: a plain argument
# (``model``, ``m.lower()``, ``strings.ToLower(m)``, ``names[0]``) or none, then a tuple
# or a list of names, or none; the name's string may have a prefix (``r"..."``).
_PREFIX = rb"[rRbBuUfF]{0,2}"
_STRING = _PREFIX + rb"(?:\"[^\"\n]*\"|'[^'\n]*'|`[^`\n]*`)"
_PLAIN = rb"[A-Za-z_][\w.]*(?:(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]\n]*\])[\w.]*)*"
_ARGUMENTS = rb"\(\s*(?:" + _PLAIN + rb"\s*,\s*)?[(\[]?\s*(?:" + _STRING + rb"\s*,\s*)*"
_ARGUMENTS += _PREFIX + rb"$"
# A quoted name tested by a method or function, as its first text argument, or in a tuple
# of names.
_TESTED_BY = re.compile(
    rb"\b(startswith|endswith|startsWith|endsWith|StartsWith|EndsWith|starts_with|ends_with"
    rb"|HasPrefix|HasSuffix|includes|contains|Contains|indexOf|find|rfind|index"
    rb"|match|fullmatch|search|fnmatch|IsMatch|Match)" + _ARGUMENTS
)
# A string made a pattern, as the first argument.
_COMPILED_BY = re.compile(
    rb"\b(compile|Compile|MustCompile|MatchString|RegExp|Regex::new|Regex"
    rb"|re\.sub|re\.subn|re\.findall|re\.finditer|re\.split)\(\s*" + _PREFIX + rb"$"
)
_TESTED_IN = re.compile(rb"\s+(not\s+)?in\s+[A-Za-z_(]")
_QUOTES = b"\"'`"
_ENDS_RUN = frozenset(b" \t\r\"'`")
# The syntax of patterns in the run of bytes around an id.
_ANCHORED = re.compile(rb"^(?:\^|\\A)|(?:\$|\\[zZ])$")
_SYNTAX = re.compile(rb"\||\(\?|\.[*+]|\\[bBdDwWsS]|\][*+?]")
# A JavaScript regular expression literal: a slash where an expression may begin, the
# pattern (no slash in it but escaped ones) and the closing slash with its flags.
_LITERAL_OPENS = re.compile(
    rb"(?:^|[(,=:\[!&|?{};+]|\breturn|\btypeof)\s*/(?![/*])(?:[^/\\\n]|\\.)*$"
)
_LITERAL_CLOSES = re.compile(rb"(?:[^/\\\n]|\\.)*/[dgimsuvy]*(?![\w$])")


def around(text: bytes, start: int, end: int, earlier: bytes = b"") -> str | None:
    """Why the id at ``text[start:end]`` of a line is not one to rewrite, or None;
    ``earlier`` holds the bytes before the line (its newline last), or some of them."""
    before = text[:start]
    if before.endswith(b"ft:"):
        return "the base of a fine-tuned model (ft:...), which keeps its own id"
    word = max(before.rfind(stop) for stop in (b" ", b"\t", b'"', b"'", b"`", b"(", b"<", b"["))
    if b"://" in before[word + 1 :]:
        return "part of a URL"
    pattern = _pattern(text, start, end, earlier)
    if pattern is not None:
        return f"written as a regular expression ({pattern}), as its new id would have to be"
    test = _name_test(text, start, end, earlier)
    if test is not None:
        return f"a test of a name ({test}), which another name would change"
    return None


def _pattern(text: bytes, start: int, end: int, earlier: bytes) -> str | None:
    """How the id at ``text[start:end]`` is written as a regular expression, if it is
    (see the module)."""
    if b"\\" in text[start:end]:
        return "gpt-4\\.1"
    first = start - len(prefix_of(text, start))
    left = first
    while left > 0 and text[left - 1] not in _ENDS_RUN and first - left < _LOOK:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _ENDS_RUN and right - end < _LOOK:
        right += 1
    run = text[left:right]
    if _ANCHORED.search(run):
        return "^ or $ around it"
    opened = left > 0 and text[left - 1] in _QUOTES  # the run begins its string
    if (opened or (right < len(text) and text[right] in _QUOTES)) and _SYNTAX.search(run):
        return "| or .* and the like around it in its string"
    opens = _LITERAL_OPENS.search(text, max(0, start - _LOOK), start)
    if opens is not None and _LITERAL_CLOSES.match(text, end, end + _LOOK) is not None:
        return "a /.../ literal"
    made = _call(_COMPILED_BY, text, left, earlier) if opened else None
    return None if made is None else f"made one by {made}"


def _quote_around(text: bytes, start: int, end: int) -> int | None:
    """The quote that opens and closes ``text[start:end]``, if the same one does both."""
    if start == 0 or end >= len(text) or text[start - 1] not in _QUOTES:
        return None
    return text[start - 1] if text[end] == text[start - 1] else None


def _call(calls: re.Pattern[bytes], text: bytes, first: int, earlier: bytes) -> str | None:
    """The function of ``calls`` whose arguments hold the string that the quote at
    ``text[first - 1]`` opens (see ``_ARGUMENTS``): read back from there, on the line
    and, where the line holds less than ``EARLIER`` bytes before it, on those before."""
    head = text[max(0, first - 1 - EARLIER) : first - 1]
    if len(head) < EARLIER and earlier:
        head = earlier[-(EARLIER - len(head)) :] + head
    found = calls.search(head)
    return None if found is None else found.group(1).decode("ascii")


def _name_test(text: bytes, start: int, end: int, earlier: bytes) -> str | None:
    """The test a quoted name at ``text[start:end]`` is in, if it is one (see the module)."""
    first = start - len(prefix_of(text, start))
    if _quote_around(text, first, end) is None:
        return None
    method = _call(_TESTED_BY, text, first, earlier)
    if method is not None:
        return method
    inside = _TESTED_IN.match(text, end + 1)
    if inside is not None:
        return "not in" if inside.group(1) else "in"
    return None
