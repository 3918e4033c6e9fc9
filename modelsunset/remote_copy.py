"""The copy of a catalogue fetched from a URL, kept in the cache folder (``remote``
fetches; this keeps): ``remote-<key>.body`` beside ``remote-<key>.json`` (URL, ETag,
Last-Modified, SHA-256, size, when the server last vouched for it). Trusted as the
catalogue cache is (see ``cache``): its metadata checked for shape and its body for size
and hash; anything else is no copy. No cache folder (no home folder known): no copy.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import NamedTuple

from modelsunset import cache
from modelsunset.files import private_folder, read_regular, write_owner_only
from modelsunset.loading import MAX_BYTES
from modelsunset.wording import visible

LAYOUT = "modelsunset-remote 1"  # the layout of the metadata file
_HEX = frozenset("0123456789abcdef")


class Copy(NamedTuple):
    body: bytes
    etag: str | None
    modified: str | None
    checked: float  # when the server last vouched for it (seconds since the epoch)
    sha256: str


class Store:
    """The copy of one URL in the cache folder (see the module text for what is trusted)."""

    def __init__(self, shown: str) -> None:
        self.url = shown
        found = cache.folder()
        # None: no cache folder (no home folder is known), so no copy is read or kept.
        self.folder = None if found is None else Path(found)
        self.key = hashlib.blake2b(shown.encode(), digest_size=16).hexdigest()
        self.refused: str | None = "no home folder is known to keep a copy in"
        if found is not None:
            why = cache.distrust(found)
            where = visible(found)
            self.refused = None if why is None else f"the cache folder {where} is not used: {why}"

    def _file(self, ending: str) -> Path:
        """``remote-<key>.json`` (the metadata) or ``.body`` in the cache folder."""
        assert self.folder is not None  # asked only where there is one
        return self.folder / f"remote-{self.key}.{ending}"

    def read(self) -> Copy | None:
        if self.refused is not None:
            return None
        try:
            meta = self._own(self._file("json"), 64 * 1024)
            if meta is None:
                return None
            fields = json.loads(meta)
            if not _meta_ok(fields) or fields["url"] != self.url:
                return None
            body = self._own(self._file("body"), MAX_BYTES)
            if body is None or len(body) != fields["size"]:
                return None
            if hashlib.sha256(body).hexdigest() != fields["sha256"]:
                return None
            return Copy(
                body, fields["etag"], fields["modified"], float(fields["checked"]), fields["sha256"]
            )
        except Exception:
            # Missing, unreadable, damaged or written by something else: no copy.
            return None

    @staticmethod
    def _own(path: Path, limit: int) -> bytes | None:
        raw = read_regular(path, limit, follow=False)
        if raw is None or len(raw) > limit or cache.distrust(path) is not None:
            return None
        return raw

    def write(self, copy: Copy, body: bool) -> None:
        """Keep the copy (the body too, or only its metadata); any failure only means no copy."""
        meta = {
            "layout": LAYOUT,
            "url": self.url,
            "etag": copy.etag,
            "modified": copy.modified,
            "checked": copy.checked,
            "sha256": copy.sha256,
            "size": len(copy.body),
        }
        if self.folder is None:
            return
        try:
            private_folder(str(self.folder))
            if cache.distrust(self.folder) is not None:
                return
            if body:
                write_owner_only(str(self._file("body")), copy.body)
            write_owner_only(str(self._file("json")), json.dumps(meta).encode())
        except (OSError, RuntimeError):
            return


_META = frozenset(("layout", "url", "etag", "modified", "checked", "sha256", "size"))


def _meta_ok(fields: object) -> bool:
    """Whether the metadata has exactly the shape ``Store.write`` gives it."""
    if type(fields) is not dict or set(fields) != _META:
        return False
    checked, digest, size = fields["checked"], fields["sha256"], fields["size"]
    return (
        fields["layout"] == LAYOUT
        and type(fields["url"]) is str
        and all(type(fields[key]) in (str, type(None)) for key in ("etag", "modified"))
        and type(checked) in (int, float)
        and 0 <= checked < 1e11
        and type(digest) is str
        and len(digest) == 64
        and set(digest) <= _HEX
        and type(size) is int
        and 0 <= size <= MAX_BYTES
    )


def age(copy: Copy, now: float | None = None) -> str:
    """``fetched 2026-02-01 09:30 UTC (3 hours ago)``: when the server last vouched for it."""
    from datetime import UTC, datetime

    when = datetime.fromtimestamp(copy.checked, UTC).strftime("%Y-%m-%d %H:%M UTC")
    seconds = max(0, int((time.time() if now is None else now) - copy.checked))
    if seconds < 60:
        ago = "just now"
    elif seconds < 3600:
        ago = _ago(seconds // 60, "minute")
    elif seconds < 2 * 86400:
        ago = _ago(seconds // 3600, "hour")
    else:
        ago = _ago(seconds // 86400, "day")
    return f"fetched {when} ({ago})"


def _ago(count: int, unit: str) -> str:
    return f"{count} {unit}{'' if count == 1 else 's'} ago"
