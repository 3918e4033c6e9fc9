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

import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from modelsunset import __version__
from modelsunset.files import read_regular
from modelsunset.model import Catalogue, Entry, Model, Provider, Surface

try:  # the same BLAKE2 as hashlib's, without loading OpenSSL (2 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython builds without the module
    from hashlib import blake2b

MAGIC = "modelsunset-cache 2"  # the layout of the JSON below; a new layout never reads an old one
KEEP = 8  # cache files kept; older ones are removed when a new one is written


def enabled() -> bool:
    return os.environ.get("MODELSUNSET_NO_CACHE", "") in ("", "0")


def distrust(path: Path) -> str | None:
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


def folder() -> Path:
    """The user cache folder, as platformdirs defines it.

    On Linux that is the XDG rule (``$XDG_CACHE_HOME``, else ``~/.cache``), written out
    here because importing platformdirs costs about 3 ms, a twentieth of a warm run.
    """
    import sys

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
        return root / "modelsunset"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("modelsunset", appauthor=False))


def key(sources: Sequence[tuple[str, bytes]]) -> str:
    digest = blake2b(f"{MAGIC}\0{__version__}\0".encode(), digest_size=32)
    for _, data in sources:
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _day(value: int | None) -> date | None:
    return None if value is None else date.fromordinal(value)


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
                [
                    [
                        e.surface,
                        _ordinal(e.since),
                        _ordinal(e.announced),
                        _ordinal(e.retires),
                        e.fallback,
                        e.replacement,
                        e.source,
                        _ordinal(e.checked),
                        e.note,
                        list(e.versions),
                        _ordinal(e.not_before),
                        list(e.aliases),
                        e.derived_from,
                    ]
                    for e in m.entries.values()
                ],
            ]
            for m in catalogue.models.values()
        ],
        _ordinal(catalogue.verified),
    ]


def build(data: list[Any]) -> Catalogue:
    """The inverse of ``dump``."""
    version, updated, providers, surfaces, models, verified = data
    built: dict[str, Model] = {}
    for model_id, name, provider, aliases, entries in models:
        built[model_id] = Model(
            model_id,
            name,
            provider,
            tuple(aliases),
            {row[0]: _entry(model_id, row) for row in entries},
        )
    return Catalogue(
        version=version,
        updated=_day(updated),
        providers={p[0]: Provider(*p) for p in providers},
        surfaces={s[0]: Surface(s[0], s[1], s[2], s[3], tuple(s[4])) for s in surfaces},
        models=built,
        verified=_day(verified),
    )


def _entry(model_id: str, row: list[Any]) -> Entry:
    (
        surface,
        since,
        announced,
        retires,
        fallback,
        replacement,
        source,
        checked,
        note,
        versions,
        not_before,
        aliases,
        derived_from,
    ) = row
    return Entry(
        model_id,
        surface,
        _day(since),
        _day(announced),
        _day(retires),
        fallback,
        replacement,
        source,
        _day(checked),
        note,
        tuple(versions),
        _day(not_before),
        tuple(aliases),
        derived_from,
    )


def read(cache_key: str) -> Catalogue | None:
    """The cached catalogue for this key, or None for any kind of miss (a folder that is
    not to be trusted included: ``distrust`` says why)."""
    try:
        target = folder()
        if distrust(target) is not None:
            return None
        path = target / f"catalogue-{cache_key}.json"
        # Only a regular file (a pipe put in its place would block every run), not through
        # a link, and this user's own.
        raw = read_regular(path, follow=False)
        if raw is None or distrust(path) is not None:
            return None
        header, _, payload = raw.partition(b"\n")
        if header != f"{MAGIC} {blake2b(payload, digest_size=32).hexdigest()}".encode():
            return None
        data = json.loads(payload)
        if not _well_formed(data):
            return None
        return build(data)
    except Exception:
        # Missing, unreadable, damaged, or written by something else: whatever is
        # wrong with a cache only means there is none; the catalogue is parsed again.
        return None


def write(cache_key: str, catalogue: Catalogue) -> None:
    """Store a checked catalogue; any failure only means there is no cache."""
    import tempfile

    try:
        target = folder()
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        if distrust(target) is not None:
            return
        payload = json.dumps(dump(catalogue), separators=(",", ":"), ensure_ascii=False).encode()
        header = f"{MAGIC} {blake2b(payload, digest_size=32).hexdigest()}\n".encode()
        handle, temporary = tempfile.mkstemp(prefix=".catalogue-", dir=target)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(header + payload)
            os.replace(temporary, target / f"catalogue-{cache_key}.json")
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(target)
    except (OSError, RuntimeError):
        return


def _prune(target: Path) -> None:
    entries = sorted(target.glob("catalogue-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


# -- the shape of a cache file, checked value by value before anything is built ----------

_MAX_DAY = date.max.toordinal()


def _text(value: object) -> bool:
    return value is None or type(value) is str


def _day_ok(value: object) -> bool:
    return value is None or (type(value) is int and 1 <= value <= _MAX_DAY)


def _texts(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _well_formed(data: object) -> bool:
    """Whether ``data`` has exactly the shape ``dump`` writes, with values of its types."""
    if type(data) is not list or len(data) != 6:
        return False
    version, updated, providers, surfaces, models, verified = data
    if type(version) is not int or not _day_ok(updated) or not _day_ok(verified):
        return False
    if type(providers) is not list or not all(
        type(p) is list and len(p) == 3 and type(p[0]) is str and type(p[1]) is str and _text(p[2])
        for p in providers
    ):
        return False
    if type(surfaces) is not list or not all(
        type(s) is list
        and len(s) == 5
        and type(s[0]) is str
        and type(s[1]) is str
        and _text(s[2])
        and _text(s[3])
        and _texts(s[4])
        for s in surfaces
    ):
        return False
    return type(models) is list and all(_model_ok(m) for m in models)


def _model_ok(model: object) -> bool:
    if type(model) is not list or len(model) != 5:
        return False
    model_id, name, provider, aliases, entries = model
    return (
        type(model_id) is str
        and type(name) is str
        and type(provider) is str
        and _texts(aliases)
        and type(entries) is list
        and all(_entry_ok(entry) for entry in entries)
    )


def _entry_ok(entry: object) -> bool:
    # The hot loop of a hit (one call per entry): no helper calls inside it.
    if type(entry) is not list or len(entry) != 13:
        return False
    surface, since, announced, retires, fallback, replacement, source, checked, note = entry[:9]
    versions, not_before, aliases, derived_from = entry[9:]
    for day in (since, announced, retires, checked, not_before):
        if day is not None and (type(day) is not int or not 0 < day <= _MAX_DAY):
            return False
    for text in (fallback, replacement, source, note, derived_from):
        if text is not None and type(text) is not str:
            return False
    return (
        type(surface) is str
        and type(versions) is list
        and type(aliases) is list
        and all(type(item) is str for item in versions)
        and all(type(item) is str for item in aliases)
    )
