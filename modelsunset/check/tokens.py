"""Where a token begins and ends, the contexts some names need, and unknown ids: the
rules ``match`` describes, applied to bytes at one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_WORD_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_WORD = bytes(1 if byte in _WORD_BYTES else 0 for byte in range(256))
_JOIN = bytes(1 if byte in b"-." else 0 for byte in range(256))
QUOTES = frozenset(b"\"'`")
_ESCAPES = frozenset(b"ntr")
_ESCAPED_JOINS = frozenset(b".-")
_BACKSLASH = ord("\\")
_HYPHEN = ord("-")
_STAR = ord("*")
# What a quoted pattern's name may be made of before its ``*`` (``"openai/gpt-4o*"``).
_RUN = bytes(1 if _WORD[byte] or byte in b"-./:@" else 0 for byte in range(256))
_RUN_LOOK = 256
_BASE64 = bytes(1 if byte in _WORD_BYTES.replace(b"_", b"") + b"+/" else 0 for byte in range(256))
_SLASHES = frozenset(b"+/")
_BASE64_RUN = 16
_BASE64_LOOK = 64
_CAPITALS = re.compile(rb"[A-Z]")
_SMALL = re.compile(rb"[a-z]")
_DIGITS = re.compile(rb"[0-9]")
# A token whose joins may be written escaped, as a regular expression writes them
# (``gpt-4\.1``, ``re.escape``'s ``gpt\-4o``), or a string holding one (``gpt\\-4o``).
_ESCAPED_TOKEN = re.compile(rb"[A-Za-z0-9_]+(?:(?:\\\\?)?[.-][A-Za-z0-9_]+)*")
_O_TOKEN = re.compile(rb"o[0-9]{1,2}(?:-[a-z0-9]+)*")
_FILE_NAME = re.compile(rb"\.[A-Za-z]+")
_MODEL_KEY = re.compile(rb"(?i)(?:model|engine|deployment)[A-Za-z0-9_-]*[\"']?\s*[:=]\s*[\"']?$")
_LONGEST_UNKNOWN = 80
_SLASH = ord("/")
_COLON = ord(":")
# What an owner's part of an ``owner/name`` path is made of (``meta-llama``, ``hf.co``).
_OWNER = bytes(1 if _WORD[byte] or byte in b"-." else 0 for byte in range(256))
_OWNER_LOOK = 100
# What an owner/name can follow: a hub, or a route to a host that serves a hub's models.
_HUBS: tuple[bytes, ...] = (b"huggingface.co/", b"hf.co/", b"huggingface/", b"together_ai/")
_HUBS += (b"deepinfra/", b"hosted_vllm/", b"openrouter/")
_ROUTE_LOOK = max(len(hub) for hub in _HUBS)
# Words of paths that name a kind of resource, never an owner (``deployments/NAME``).
_RESOURCES = frozenset({b"deployments", b"deployment", b"model", b"models", b"endpoints"})
_RESOURCES |= {b"foundation-model", b"inference-profile", b"publishers"}
_REPOSITORY_NAME = re.compile(rb"[A-Za-z0-9_.-]+")
_DECLARE = (b"const", b"let", b"var")


class Hit(NamedTuple):
    """A name found at ``data[start:end]``; ``model`` is None for an unknown id, ``surface``
    the one surface the name holds on (after a surface's prefix, or a surface alias)."""

    start: int
    end: int
    name: str
    model: str | None
    surface: str | None = None


def starts_token(data: bytes, start: int) -> bool:
    if start == 0:
        return True
    before = data[start - 1]
    if _WORD[before]:
        # The letter of an escape (``\\n``, ``\\t``, ``\\r``) written in JSON or code text.
        return before in _ESCAPES and _escaped(data, start - 1)
    return not (_JOIN[before] and start >= 2 and _WORD[data[start - 2]])


def after_owner(data: bytes, start: int, end: int) -> bool:
    """Whether the name at ``data[start:end]`` is the name part of a Hugging Face
    repository's ``owner/name`` (``meta-llama/Meta-Llama-3.1-8B-Instruct``): a name such a
    repository can have (letters, digits, ``_``, ``-``, ``.``: never a Bedrock id's ``:``
    nor a Vertex id's ``@``), right after a ``/`` (or JSON's ``\\/``) that an owner's name
    comes before, that owner being the first part of its path (``vllm serve
    meta-llama/...``, ``"meta-llama/..."``) or following a hub or a route to one
    (``huggingface.co/``, ``hf.co/``, LiteLLM's ``huggingface/``, ``together_ai/``,
    ``deepinfra/``, ``hosted_vllm/``, ``openrouter/``). Not a part further down another
    path (a URL's ``/model/anthropic.claude-...``), nor after a word that names a kind of
    resource (``deployments/``, ``model/``), nor after an ARN's ``:foundation-model/``."""
    if start < 2 or data[start - 1] != _SLASH or not _REPOSITORY_NAME.fullmatch(data, start, end):
        return False
    at = start - 2
    if data[at] == _BACKSLASH:  # ``meta-llama\/...`` in JSON text
        at -= 1
    last = at
    stop = max(-1, at - _OWNER_LOOK)
    while at > stop and _OWNER[data[at]]:
        at -= 1
    if at == last or (at == stop != -1 and _OWNER[data[at]]):  # no owner, or none so long
        return False
    if data[at + 1 : last + 1].lower() in _RESOURCES:
        return False
    if at < 0:
        return True
    before = data[at]
    if before == _SLASH:
        return data[max(0, at - _ROUTE_LOOK) : at + 1].lower().endswith(_HUBS)
    return before != _COLON


def _escaped(data: bytes, at: int) -> bool:
    """Whether ``data[at]`` follows an odd number of backslashes (``\\n``, not ``\\\\n``)."""
    first = at
    while first > 0 and data[first - 1] == _BACKSLASH:
        first -= 1
    return (at - first) % 2 == 1


def ends_token(data: bytes, end: int) -> bool:
    if end >= len(data):
        return True
    after = data[end]
    if _WORD[after] or after == _HYPHEN:
        return False
    if after == _STAR:
        return not _quoted_glob(data, end)
    if after == _BACKSLASH:
        # A join written escaped, as in a regular expression (``gpt-4\\.1``,
        # ``grok-4\\.20``), or in a string that holds one (``"gpt-4\\\\.1"``): the name
        # goes on.
        join = end + 2 if end + 1 < len(data) and data[end + 1] == _BACKSLASH else end + 1
        return not (join + 1 < len(data) and data[join] in _ESCAPED_JOINS and _WORD[data[join + 1]])
    return not (_JOIN[after] and end + 1 < len(data) and _WORD[data[end + 1]])


def escaped_name(data: bytes, start: int) -> tuple[int, str, str] | None:
    """The token at ``start`` when some of its joins are written escaped (``gpt-4\\-0314``,
    ``gpt\\-4o\\-mini``, ``"claude-2\\\\.1"``): where it ends, the text as written
    and the name it writes (backslashes left out); None when no join is escaped or the
    token does not end there."""
    token = _ESCAPED_TOKEN.match(data, start, start + _LONGEST_UNKNOWN + 1)
    if token is None:
        return None
    end = token.end()
    text = token.group()
    if _BACKSLASH not in text or end - start > _LONGEST_UNKNOWN or not ends_token(data, end):
        return None
    written = text.decode("ascii")
    return end, written, written.replace("\\", "")


def _quoted_glob(data: bytes, end: int) -> bool:
    """Whether the ``*`` at ``data[end]`` is in a quoted pattern: the name's run of
    characters (and more of them, or ``*``, after it, beginning with a letter or digit)
    between two like quotes
    (``'gpt-4*'``, ``"openai/gpt-4o*"``, ``"copilot/gpt-5*codex*"``), or like quotes
    both escaped (``\\"o1*\\"``, a pattern inside a JSON string): a wildcard for a family
    (gpt-4o and gpt-4.1 as well), no id. Every other ``*`` (``**gpt-4**``, a footnote's
    ``gpt-4o*``, a table's ``gpt-4-0613*``) leaves the name whole. Only ``_RUN_LOOK``
    bytes on either side are read."""
    close = end + 1
    # More after the ``*``, up to the quote, begins with a letter or digit (``*codex*``);
    # a ``*`` before a suffix or a path (``gpt-4-0314*.jsonl``, ``*-eval``, ``*/``) is one
    # model's files, and leaves the id whole.
    if close < len(data) and _WORD[data[close]]:
        ceiling = min(len(data), close + _RUN_LOOK)
        while close < ceiling and (_RUN[data[close]] or data[close] == _STAR):
            close += 1
    escaped = close + 1 < len(data) and data[close] == _BACKSLASH
    if escaped:
        close += 1
    if close >= len(data) or data[close] not in QUOTES:
        return False
    start = end
    floor = max(0, end - _RUN_LOOK)
    while start > floor and _RUN[data[start - 1]]:
        start -= 1
    if start == 0 or data[start - 1] != data[close]:
        return False
    return not escaped or (start >= 2 and data[start - 2] == _BACKSLASH)


def not_an_id(data: bytes, start: int, end: int) -> bool:
    """Whether a name made of letters and digits only (``o1``, ``davinci``) is no model id
    where it stands: inside base64 (``in_base64``), or a variable being declared
    (``const o1 = ...``, ``let o3``, ``var ada``), which names a value, not a model."""
    return in_base64(data, start, end) or _declared(data, start)


def _declared(data: bytes, start: int) -> bool:
    at, floor = start, max(0, start - 16)  # a few blanks at most: never a long walk back
    while at > floor and data[at - 1] in b" \t":
        at -= 1
    if at == start or at < 3:
        return False
    for keyword in _DECLARE:
        begin = at - len(keyword)
        if begin >= 0 and data.startswith(keyword, begin):
            return begin == 0 or not _WORD[data[begin - 1]]
    return False


def in_base64(data: bytes, start: int, end: int) -> bool:
    """Whether ``data[start:end]`` is next to a ``+`` or ``/`` and lies inside a run that looks
    like base64 rather than a path (``models/o3``) or a sum (``o3+o1``): at least
    ``_BASE64_RUN`` characters of the base64 alphabet around it, holding capitals, small
    letters and digits, with a ``+`` or long pieces between the ``/`` (paths have short
    words). Only ``_BASE64_LOOK`` bytes on either side are read."""
    if not (
        (start > 0 and data[start - 1] in _SLASHES) or (end < len(data) and data[end] in _SLASHES)
    ):
        return False
    low = start
    floor = max(0, start - _BASE64_LOOK)
    while low > floor and _BASE64[data[low - 1]]:
        low -= 1
    high = end
    ceiling = min(len(data), end + _BASE64_LOOK)
    while high < ceiling and _BASE64[data[high]]:
        high += 1
    around = data[low:start] + data[end:high]
    if len(around) < _BASE64_RUN:
        return False
    if not (_CAPITALS.search(around) and _SMALL.search(around) and _DIGITS.search(around)):
        return False
    if b"+" in around:
        return True
    pieces = [piece for piece in data[low:high].split(b"/") if piece]
    return sum(map(len, pieces)) >= 6 * len(pieces)


def _quoted(data: bytes, start: int, end: int) -> bool:
    return (
        start > 0 and end < len(data) and data[start - 1] in QUOTES and data[end] == data[start - 1]
    )


def in_model_context(data: bytes, start: int, end: int) -> bool:
    if _quoted(data, start, end):
        return True
    # The 120 bytes before the hit at most: without a line break in them (minified text,
    # a transcript of one long line), rfind answers -1, and the search must still not run
    # from the start of the file, once per hit.
    window = max(0, start - 120)
    line_start = max(window, data.rfind(b"\n", window, start) + 1)
    return _MODEL_KEY.search(data, line_start, start) is not None


def _in_url(data: bytes, start: int) -> bool:
    """Whether the token is part of a URL (``https://example.com/gpt-5-1/``)."""
    begin = max(0, start - 300)
    if data.find(b"://", begin, start) == -1:
        return False  # the common case, in one pass over at most 300 bytes
    for stop in (b" ", b"\t", b"\n", b'"', b"'", b"`", b"(", b"<", b"["):
        found = data.rfind(stop, begin, start)
        if found + 1 > begin:
            begin = found + 1
    return data.find(b"://", begin, start) != -1


def unknown_at(
    data: bytes,
    start: int,
    kind: int,
    family: str,
    lookup: Callable[[str], tuple[str, str | None] | None],
) -> Hit | None:
    """The unknown id that begins at ``start`` (after the quote of an o-series pattern),
    if the token there is one: not a known name (``lookup``), no file name, no URL. A
    token with joins written escaped (``gpt\\-4o``) is judged as the name it writes,
    and when that is a known one, it is the hit (with its model)."""
    if kind == 2:
        start += 1  # the pattern began with the opening quote
    if not starts_token(data, start):
        return None
    # Never read further than the longest unknown id could reach: a long run of
    # family starts (``gpt-1-gpt-1-...``) would otherwise be read once per start.
    token = _ESCAPED_TOKEN.match(data, start, start + _LONGEST_UNKNOWN + 1)
    if token is None:
        return None
    end = token.end()
    text = token.group()
    if end - start > _LONGEST_UNKNOWN or not ends_token(data, end):
        return None
    name = text.decode("ascii")
    escaped = _BACKSLASH in text
    if escaped:
        text = text.replace(b"\\", b"")  # judged as the name it writes (``gpt-4\\.9``)
    if _in_url(data, start) or data[max(0, start - 2) : start] == b"./":
        return None  # a relative path (``'./embedding-model-v2'``, ``../gpt-9/``) is no id
    found = lookup(text.decode("ascii"))
    if found is not None:
        return Hit(start, end, name, found[0], found[1]) if escaped else None
    if kind == 2:
        if not (_O_TOKEN.fullmatch(text) and _quoted(data, start, end)):
            return None
    else:
        rest = text[len(family) + 1 :]
        if _DIGITS.search(rest) is None:
            return None
        last = text.rfind(b".")
        if last != -1 and _FILE_NAME.fullmatch(text, last):
            return None
    return Hit(start, end, name, None)
