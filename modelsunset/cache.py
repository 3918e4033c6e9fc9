"""A cache of checked catalogues, so that a warm run never parses YAML (or imports it).

What it stores: for each distinct set of catalogue files (by content), the checked
catalogue as JSON, in ``catalogue-<key>.json`` under the user cache folder
(``$XDG_CACHE_HOME/modelsunset`` or ``~/.cache/modelsunset`` on Linux; platformdirs'
choice elsewhere). The key is a BLAKE2b of the modelsunset version, the cache layout and
the bytes of every file layered, in order; the file's first line carries a BLAKE2b of the
rest. Only catalogues that passed every check are written. ``MODELSUNSET_NO_CACHE=1``
turns the cache off.

What it trusts, and why: the hash is a checksum, not a signature, and the key can be
computed by anyone who has the catalogue files, so a cache file is only as good as the
hands that could write it. A hit is therefore used only when the folder and the file are
this user's own and nobody else can write to them (the folder is made owner-only, files
are written owner-only); otherwise the cache is not used and a note says why. A hit is
also checked for shape and types, value by value; any failure is a miss. A file that is
missing, stale, unreadable or damaged is a miss too, and rewritten atomically (a temporary
file renamed into place). What it cannot protect against: a process running as the same
user, which could as well change the catalogue files or modelsunset itself.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from datetime import date
from typing import Any

from modelsunset import __version__
from modelsunset.files import private_folder, read_regular, write_owner_only
from modelsunset.model import Catalogue, Entry, Model, Provider, Surface

try:  # the same BLAKE2 as hashlib's, without loading OpenSSL (2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython builds without the module
    from hashlib import blake2b

MAGIC = "modelsunset-cache 3"  # the layout of the JSON below; a new layout never reads an old one
KEEP = 8  # cache files kept; older ones are removed when a new one is written


def enabled() -> bool:
    return os.environ.get("MODELSUNSET_NO_CACHE", "") in ("", "0")


def distrust(path: str | os.PathLike[str]) -> str | None:
    """Why a cache folder or file may not be trusted, or None when it is this user's own
    and nobody else can write to it. A path that does not exist is no reason."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - systems without owners and modes
        return None
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"it cannot be looked at ({exc.strerror or exc})"
    import stat

    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if info.st_uid != getuid():
        return "it belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "others can write to it"
    return None


def folder() -> str | None:
    """The user cache folder, as platformdirs defines it; None when there is none: no
    home folder is known (no ``HOME``, and a user id the system has no entry for, as a
    container run with ``--user 1001`` has), so there is no cache.

    On Linux that is the XDG rule (``$XDG_CACHE_HOME``, else ``~/.cache``), written out
    here because importing platformdirs costs about 3 ms, a twentieth of a warm run.
    """
    import sys

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not (base and os.path.isabs(base)):
            home = os.path.expanduser("~")
            if not os.path.isabs(home):  # "~" as it was: no home folder
                return None
            base = os.path.join(home, ".cache")
        return os.path.join(base, "modelsunset")
    from platformdirs import user_cache_dir

    found = user_cache_dir("modelsunset", appauthor=False)
    return found if os.path.isabs(found) else None


def key(sources: Sequence[tuple[str, bytes]]) -> str:
    digest = blake2b(f"{MAGIC}\0{__version__}\0".encode(), digest_size=32)
    for _, data in sources:
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _ordinal(value: date | None) -> int | None:
    return None if value is None else value.toordinal()


def dump(catalogue: Catalogue) -> list[Any]:
    """The catalogue as plain JSON values (dates as day ordinals)."""
    return [
        catalogue.version,
        _ordinal(catalogue.updated),
        [[p.id, p.name, p.url] for p in catalogue.providers.values()],
        [
            [s.id, s.name, s.provider, s.description, list(s.prefixes)]
            for s in catalogue.surfaces.values()
        ],
        [
            [
                m.id,
                m.name,
                m.provider,
                list(m.aliases),
                [_entry_row(e) for e in m.entries.values()],
            ]
            for m in catalogue.models.values()
        ],
        _ordinal(catalogue.verified),
    ]


def _entry_row(e: Entry) -> list[Any]:
    # Nine values, and four more only when one of the format-2 fields is set (few entries
    # set them): the file, and the work of reading it back, stay small.
    row: list[Any] = [
        e.surface,
        _ordinal(e.since),
        _ordinal(e.announced),
        _ordinal(e.retires),
        e.fallback,
        e.replacement,
        e.source,
        _ordinal(e.checked),
        e.note,
    ]
    if e.versions or e.not_before is not None or e.aliases or e.derived_from is not None:
        row += [list(e.versions), _ordinal(e.not_before), list(e.aliases), e.derived_from]
    return row


class Malformed(ValueError):
    """A cache file that does not have exactly the shape ``dump`` writes."""


def build(data: object) -> Catalogue:
    """The inverse of ``dump``, checking as it goes that ``data`` has exactly the shape
    ``dump`` writes, with values of its types (``Malformed`` otherwise): one pass, since a
    hit is read on every warm run."""
    if type(data) is not list or len(data) != 6:
        raise Malformed("not six parts")
    version, updated, providers, surfaces, models, verified = data
    if type(version) is not int or type(providers) is not list or type(surfaces) is not list:
        raise Malformed("version, providers or surfaces")
    if type(models) is not list:
        raise Malformed("models")
    days = _Days()
    return Catalogue(
        version=version,
        updated=days[updated],
        providers={row[0]: Provider(*row) for row in map(_provider, providers)},
        surfaces={row.id: row for row in map(_surface, surfaces)},
        models=_models(models, days),
        verified=days[verified],
    )


_MAX_DAY = date.max.toordinal()


class _Days(dict[int | None, date | None]):
    """Days by ordinal, each made once (a catalogue holds a few hundred distinct days);
    ``days[None]`` is None. A value that is not a day number in range is ``Malformed``.
    (A float equal to a day number already read finds that day: the same value.)"""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, value: object) -> date:
        if type(value) is not int or not 0 < value <= _MAX_DAY:
            raise Malformed("a day that is not a day number")
        found = self[value] = date.fromordinal(value)
        return found


def _text(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    raise Malformed("a text that is not a string")


def _name(value: object) -> str:
    if type(value) is str:
        return value
    raise Malformed("a name that is not a string")


def _names(value: object) -> tuple[str, ...]:
    if type(value) is not list or any(type(item) is not str for item in value):
        raise Malformed("a list that is not of strings")
    return tuple(value)


def _provider(row: object) -> tuple[str, str, str | None]:
    if type(row) is not list or len(row) != 3:
        raise Malformed("a provider")
    return _name(row[0]), _name(row[1]), _text(row[2])


def _surface(row: object) -> Surface:
    if type(row) is not list or len(row) != 5:
        raise Malformed("a surface")
    return Surface(_name(row[0]), _name(row[1]), _text(row[2]), _text(row[3]), _names(row[4]))


def _models(models: list[Any], days: _Days) -> dict[str, Model]:
    built: dict[str, Model] = {}
    for model in models:
        if type(model) is not list or len(model) != 5:
            raise Malformed("a model")
        model_id, name, provider, aliases, rows = model
        if type(model_id) is not str or type(name) is not str or type(provider) is not str:
            raise Malformed("a model's id, name or provider")
        if type(rows) is not list:
            raise Malformed("a model's entries")
        entries = {}
        for row in rows:
            entry = _entry(model_id, row, days)
            entries[entry.surface] = entry
        built[model_id] = Model(model_id, name, provider, _names(aliases), entries)
    return built


def _entry(model_id: str, row: object, days: _Days) -> Entry:
    # The hot loop of a hit (one call per entry): no helper calls inside it.
    if type(row) is not list:
        raise Malformed("an entry")
    if len(row) == 9:
        surface, since, announced, retires, fallback, replacement, source, checked, note = row
        versions, not_before, aliases, derived_from = (), None, (), None
    elif len(row) == 13:
        surface, since, announced, retires, fallback, replacement, source, checked, note = row[:9]
        listed, not_before, named, derived_from = row[9:]
        if type(listed) is not list or type(named) is not list:
            raise Malformed("an entry's versions or aliases")
        for text in (*listed, *named):
            if type(text) is not str:
                raise Malformed("an entry's versions or aliases")
        versions, aliases = tuple(listed), tuple(named)
    else:
        raise Malformed("an entry")
    if type(surface) is not str:
        raise Malformed("an entry's surface")
    for text in (fallback, replacement, source, note, derived_from):
        if text is not None and type(text) is not str:
            raise Malformed("an entry's text")
    return Entry(
        model_id,
        surface,
        days[since],
        days[announced],
        days[retires],
        fallback,
        replacement,
        source,
        days[checked],
        note,
        versions,
        days[not_before],
        aliases,
        derived_from,
    )


def read(cache_key: str) -> Catalogue | None:
    """The cached catalogue for this key, or None for any kind of miss (a folder that is
    not to be trusted included: ``distrust`` says why)."""
    try:
        target = folder()
        if target is None or distrust(target) is not None:
            return None
        path = os.path.join(target, f"catalogue-{cache_key}.json")
        # Only a regular file (a pipe put in its place would block every run), not through
        # a link, and this user's own.
        raw = read_regular(path, follow=False)
        if raw is None or distrust(path) is not None:
            return None
        header, _, payload = raw.partition(b"\n")
        if header != f"{MAGIC} {blake2b(payload, digest_size=32).hexdigest()}".encode():
            return None
        return build(json.loads(payload))
    except Exception:
        # Missing, unreadable, damaged, or written by something else: whatever is
        # wrong with a cache only means there is none; the catalogue is parsed again.
        return None


def write(cache_key: str, catalogue: Catalogue) -> None:
    """Store a checked catalogue; any failure only means there is no cache."""
    try:
        target = folder()
        if target is None:
            return
        private_folder(target)
        if distrust(target) is not None:
            return
        payload = json.dumps(dump(catalogue), separators=(",", ":"), ensure_ascii=False).encode()
        header = f"{MAGIC} {blake2b(payload, digest_size=32).hexdigest()}\n".encode()
        write_owner_only(os.path.join(target, f"catalogue-{cache_key}.json"), header + payload)
        _prune(target)
    except (OSError, RuntimeError):
        return


def _prune(target: str) -> None:
    with os.scandir(target) as listing:
        names = [
            entry.path
            for entry in listing
            if entry.name.startswith("catalogue-") and entry.name.endswith(".json")
        ]
    entries = sorted(names, key=lambda path: os.stat(path).st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(old)
