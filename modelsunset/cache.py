"""A cache of checked catalogues, so that a warm run never parses YAML (or imports it).

What it stores: for each distinct set of catalogue files (by content), the checked
catalogue as JSON, in ``catalogue-<key>.json`` under the user cache folder
(``$XDG_CACHE_HOME/modelsunset`` or ``~/.cache/modelsunset`` on Linux; platformdirs'
choice elsewhere). The key is a BLAKE2b of the modelsunset version, the catalogue format
version and the bytes of every file layered, in order; the file's first line carries a
BLAKE2b of the rest. Only catalogues that passed every check are written, so a hit can
neither change an answer nor hide a validation error. A file that is missing, stale,
unreadable or corrupt is ignored (and rewritten, atomically: a temporary file renamed into
place). ``MODELSUNSET_NO_CACHE=1`` turns the cache off.
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
    """The cached catalogue for this key, or None for any kind of miss."""
    try:
        # Only a regular file: a pipe put in its place would block every run.
        raw = read_regular(folder() / f"catalogue-{cache_key}.json")
        if raw is None:
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
    import tempfile

    try:
        target = folder()
        target.mkdir(parents=True, exist_ok=True)
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
