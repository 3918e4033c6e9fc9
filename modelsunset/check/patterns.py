"""A quoted id used as a pattern of names, not as a name: the prefix or the part of a
name that code tests for.

``model.startswith("gpt-4")``, ``name.startsWith('o3')``, ``strings.HasPrefix(model,
"gpt-4")`` and ``starts_with("o1")`` hold for every id that begins so (gpt-4o and
gpt-4.1 as well as gpt-4); ``"gpt-4" in model``, ``model.includes("gpt-4")`` and
``strings.Contains(model, "gpt-4")`` for every id that holds it. Such code picks
settings for a family of names, and the retirement of the one model the pattern also
names changes nothing in it: it is no finding of that model, as ``"gpt-4-" in model``
and the glob ``"gpt-4*"`` are none (``tokens.ends_token``).

Only tests of a single name count: the text tested is a variable whose name says it
holds one (``model``, ``model_name``, ``self.model_id``, ``name``, ``engine``, optionally
``.lower()``). ``"gpt-4" in MODELS``, ``models.includes("gpt-4")`` and ``model in
("gpt-4", "o1")`` ask whether a list holds the model, which is a reference to it, and
stay findings; so does every test of equality.
"""

from __future__ import annotations

import re

from modelsunset.check.tokens import QUOTES

# A variable that holds one name: its last part (a word ending in model, name, id,
# engine or deployment; never a plural), then perhaps .lower() or .casefold().
_ONE_NAME = (
    rb"(?:[A-Za-z_]\w*\.)*(?:\w*_)?"
    rb"(?:[Mm]odel|MODEL|[Mm]odel_?(?:[Nn]ame|[Ii]d|[Ss]tr)|[Nn]ame|NAME|[Ee]ngine|[Dd]eployment)"
    rb"(?:\.(?:lower|casefold)\(\))?"
)
_QUOTED = rb"(?:\"[^\"\n]*\"|'[^'\n]*')"  # another name before it in a tuple of prefixes
# Before the opening quote: a prefix test (any receiver), or a substring test of one name.
_BEFORE = re.compile(
    rb"(?:\.(?:startswith|startsWith|StartsWith|starts_with)\(\s*[(\[]?\s*"
    rb"(?:" + _QUOTED + rb"\s*,\s*)*"
    rb"|\b(?:HasPrefix|Contains)\(\s*" + _ONE_NAME + rb"\s*,\s*"
    rb"|\b" + _ONE_NAME + rb"\.(?:includes|contains)\(\s*)\Z"
)
# After the closing quote: `in` (or `not in`) and one name, which the expression ends at.
_AFTER = re.compile(rb"\s+(?:not\s+)?in\s+" + _ONE_NAME + rb"(?![\w.(\[])")
_LOOK = 120  # bytes read before the opening quote, at most
_BLANKS = (b" ", b"\t")
_DOUBLE = ord('"')
_BACKSLASH = ord("\\")
_BLANKS_AND_BREAKS = b" \t\r\n"


def is_pattern(data: bytes, start: int, end: int) -> bool:
    """Whether the id at ``data[start:end]`` is, between its own quotes, the pattern of a
    prefix or substring test of one name (see the module)."""
    if start == 0 or end >= len(data):
        return False
    quote = data[start - 1]
    opening, closing = start - 1, end  # where the quotes are
    if quote not in QUOTES:
        return False
    if quote == _DOUBLE and start >= 2 and data[start - 2] == _BACKSLASH:
        # Quotes escaped in a JSON string: the source of a notebook's cell holds
        # ``model.startswith(\"gpt-4\")``.
        if data[end : end + 2] != b'\\"':
            return False
        opening, closing = start - 2, end + 1
    elif data[end] != quote:
        return False
    after = closing + 1
    if data[after : after + 1] in _BLANKS and _AFTER.match(data, after) is not None:
        return True
    # Every test before the name opens a call: the quote follows a "(", or a "," or "["
    # of its arguments, and perhaps blanks (most quoted ids follow "=", ":" or "[").
    at = opening
    floor = max(0, at - 16)
    while at > floor and data[at - 1] in _BLANKS_AND_BREAKS:
        at -= 1
    if at == 0 or data[at - 1] not in b"(,[":
        return False
    # ``_BEFORE`` needs one of its words (startswith and its kin, HasPrefix, Contains,
    # includes, contains): a window holding no part of any is told by four finds in C,
    # not by a search of ``_BEFORE`` from each of its bytes.
    low, high = max(0, opening - _LOOK), opening
    find = data.find
    if (
        find(b"tart", low, high) == -1
        and find(b"Prefix", low, high) == -1
        and find(b"ontains", low, high) == -1
        and find(b"ncludes", low, high) == -1
    ):
        return False
    return _BEFORE.search(data, low, high) is not None
