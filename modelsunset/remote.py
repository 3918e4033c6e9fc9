"""Catalogue files from a URL (``--catalogue``/``--overlay https://...``), imported only
when a URL is given: ordinary runs never load urllib, ssl or hashlib.

Fetched: ``https://``; ``http://`` only with a pin (``URL#sha256=<64 hex>``), which any
content is checked against (a mismatch: exit 3); other schemes, a malformed pin and
credentials over http are usage errors (exit 2). Credentials (``user:password@``) go as
HTTP Basic to that host only, never to where it redirects, and are never shown: a URL is
named without them and without its fragment. Bounds: ``TIMEOUT`` for each wait and for the
whole download, ``loading.MAX_BYTES`` (20 MiB) as for a local file, redirects to https only.

The copy: each body fetched is kept in the cache folder as ``remote-<key>.body`` beside
``remote-<key>.json`` (URL, ETag, Last-Modified, SHA-256, size, when the server last vouched
for it), for conditional requests (a 304 uses it) and for when the network fails or
``MODELSUNSET_OFFLINE=1`` forbids it (used with a warning giving its age; without a copy,
exit 3). It is trusted as the catalogue cache is (see ``cache``), its metadata checked for
shape and its body for size and hash; anything else is no copy (``remote_copy`` keeps it).
NO_CACHE=1: no copy.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import IO, NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from modelsunset import __version__, cache
from modelsunset.errors import CatalogueError, Problem, UsageError
from modelsunset.loading import MAX_BYTES, TOO_BIG
from modelsunset.remote_copy import Copy, Store, age
from modelsunset.wording import visible

TIMEOUT = 10.0  # seconds: for each wait for the server, and for the whole download
SECURE = ("https",)  # schemes fetched without a pin (tests widen it: they have no TLS)
REDIRECTS = 5
CHUNK = 64 * 1024
_HEX = frozenset("0123456789abcdef")

Note = Callable[[str], None]


class Target(NamedTuple):
    """A URL taken apart: what is fetched, what is shown, and what is checked."""

    fetch: str  # the URL sent: no credentials, no fragment
    shown: str  # the URL in messages and as the file name in FILE:LINE
    user: str | None
    password: str | None
    pin: str | None  # lowercase hex SHA-256


def public(url: str) -> str:
    """The URL as it may be shown: without ``user:password@`` and without a fragment."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return visible(url.partition("#")[0].rpartition("@")[2])
    return visible(urlunsplit(parts._replace(netloc=_host_part(parts), fragment="")))


def _host_part(parts: SplitResult) -> str:
    return parts.netloc.rpartition("@")[2]


def target(url: str) -> Target:
    """The URL checked before anything is fetched: a usage error (exit 2) when it cannot
    or may not be fetched."""
    shown = public(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError as exc:
        raise UsageError(f"{shown} is not a usable URL ({exc})", hint="check the URL") from None
    scheme = parts.scheme.lower()
    pin = _pin(parts.fragment, shown)
    if scheme not in (*SECURE, "http"):
        raise UsageError(
            f"cannot fetch {shown}: only https:// URLs are fetched",
            hint="use an https:// URL (or http:// with a #sha256= pin), or give a local file",
        )
    if scheme not in SECURE and pin is None:
        raise UsageError(
            f"{shown} is not https: over plain http it is fetched only with a pin",
            hint="use https://, or add #sha256=<the file's SHA-256, 64 hex digits>",
        )
    if not parts.hostname:
        raise UsageError(f"{shown} names no host", hint="check the URL")
    user = password = None
    if "@" in parts.netloc:
        if scheme not in SECURE:
            raise UsageError(
                f"{shown}: credentials are sent over https only, never in the clear",
                hint="use https:// for a URL with user:password@",
            )
        user, password = unquote(parts.username or ""), unquote(parts.password or "")
    fetch = urlunsplit(parts._replace(netloc=_host_part(parts), fragment=""))
    return Target(fetch, shown, user, password, pin)


def _pin(fragment: str, shown: str) -> str | None:
    if not fragment:
        return None
    name, _, value = fragment.partition("=")
    value = value.lower()
    if name.lower() != "sha256" or len(value) != 64 or not set(value) <= _HEX:
        raise UsageError(
            f"{shown}: '#{visible(fragment)}' is not a pin",
            hint="the only fragment understood is #sha256=<the file's SHA-256, 64 hex digits>",
        )
    return value


def fetch(url: str, note: Note) -> tuple[str, bytes]:
    """The URL's name (as shown) and its bytes: fetched, or the kept copy when the server
    says it has not changed or cannot be reached (with a warning). CatalogueError (exit 3)
    when there is nothing usable; UsageError (exit 2) for a URL that may not be fetched."""
    where = target(url)
    store = Store(where.shown) if cache.enabled() else None
    copy = store.read() if store is not None else None
    mismatch = None
    if copy is not None and where.pin is not None and copy.sha256 != where.pin:
        mismatch, copy = copy, None  # kept for another pin: not this one's copy
    if os.environ.get("MODELSUNSET_OFFLINE", "") not in ("", "0"):
        if copy is None:
            hint = "unset MODELSUNSET_OFFLINE to fetch it (a copy is kept), or give a local file"
            raise _without_copy(where, "MODELSUNSET_OFFLINE is set", hint, mismatch, store)
        note(f"warning: MODELSUNSET_OFFLINE is set: using the copy of {where.shown} {age(copy)}")
        return where.shown, copy.body
    try:
        answer = _get(where, copy)
    except _Unreachable as exc:
        if copy is None:
            why, hint = f"cannot be fetched ({exc})", "check the network and the URL"
            raise _without_copy(where, why, hint, mismatch, store) from None
        note(f"warning: {where.shown} cannot be fetched ({exc}); using the copy {age(copy)}")
        return where.shown, copy.body
    except _Refused as exc:
        raise CatalogueError([Problem(where.shown, None, str(exc), exc.hint)]) from None
    if answer is None:  # 304: the copy is current
        assert copy is not None
        if store is not None:
            store.write(copy._replace(checked=time.time()), body=False)
        return where.shown, copy.body
    body, etag, modified = answer
    digest = hashlib.sha256(body).hexdigest()
    if where.pin is not None and digest != where.pin:
        raise CatalogueError([_mismatch(where, "does not match its pin", digest)])
    if store is not None:
        store.write(Copy(body, etag, modified, time.time(), digest), body=True)
    return where.shown, body


def _without_copy(
    where: Target, why: str, hint: str, mismatch: Copy | None, store: Store | None
) -> CatalogueError:
    if mismatch is not None:
        what = f"{why}, and its copy ({age(mismatch)}) does not match the pin"
        return CatalogueError([_mismatch(where, what, mismatch.sha256, hint)])
    reason = store.refused if store is not None else "MODELSUNSET_NO_CACHE is set"
    text = f"{why}, and there is no copy of it to use" + (f" ({reason})" if reason else "")
    return CatalogueError([Problem(where.shown, None, text, hint)])


def _mismatch(where: Target, what: str, got: str, hint: str | None = None) -> Problem:
    return Problem(
        where.shown,
        None,
        f"{what}: expected sha256 {where.pin}, got sha256 {got}",
        hint or "the file changed since it was pinned: check it, then pin the new hash",
    )


# -- the network ---------------------------------------------------------------------------


class _Unreachable(Exception):
    """The network or the server failed: a kept copy may stand in."""


class _Refused(Exception):
    """The server answered, but not with something to use: no copy stands in."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


def _get(where: Target, copy: Copy | None) -> tuple[bytes, str | None, str | None] | None:
    """(body, ETag, Last-Modified) of a 200, or None for a 304 to the conditional request
    made when there is a copy."""
    request = urllib.request.Request(
        where.fetch, headers={"User-Agent": f"modelsunset/{__version__}"}
    )
    if where.user is not None:
        import base64

        secret = base64.b64encode(f"{where.user}:{where.password or ''}".encode()).decode()
        # Not carried over to wherever the server redirects.
        request.add_unredirected_header("Authorization", f"Basic {secret}")
    if copy is not None:
        if copy.etag:
            request.add_header("If-None-Match", copy.etag)
        if copy.modified:
            request.add_header("If-Modified-Since", copy.modified)
    opener = urllib.request.build_opener(_Redirects(), _https())
    deadline = time.monotonic() + TIMEOUT
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            if response.status != 200:
                raise _Refused(f"the server answered {response.status} {response.reason}")
            size = response.headers.get("Content-Length", "")
            if size.isdigit() and int(size) > MAX_BYTES:
                raise _too_big()
            body = _read(response, deadline)
            return body, _header(response, "ETag"), _header(response, "Last-Modified")
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code == 304 and copy is not None:
            return None
        text = f"the server answered {exc.code} {visible(str(exc.reason))}"
        if exc.code >= 500 or exc.code in (408, 429):
            raise _Unreachable(text) from None
        raise _Refused(text, _status_hint(exc.code)) from None
    except (_Refused, _Unreachable):
        raise
    except urllib.error.URLError as exc:
        raise _Unreachable(_reason(exc.reason)) from None
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as exc:
        raise _Unreachable(_reason(exc)) from None


def _https() -> urllib.request.HTTPSHandler:
    import ssl

    return urllib.request.HTTPSHandler(context=ssl.create_default_context())


def _read(response: http.client.HTTPResponse, deadline: float) -> bytes:
    """The body, at most MAX_BYTES, all of it before the deadline."""
    chunks: list[bytes] = []
    total = 0
    # The socket, where it can be reached, waits no longer than what is left of the time
    # (each read1 is one wait at most), so a server that trickles is cut off in time.
    sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Unreachable(f"the download took longer than {TIMEOUT:g} s")
        if sock is not None:
            sock.settimeout(left)
        try:
            chunk = response.read1(CHUNK)
        except TimeoutError:
            if time.monotonic() < deadline:
                raise  # one wait of TIMEOUT seconds: no answer
            raise _Unreachable(f"the download took longer than {TIMEOUT:g} s") from None
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_BYTES:
            raise _too_big()
        chunks.append(chunk)


def _too_big() -> _Refused:
    return _Refused(TOO_BIG, "check the URL: a catalogue is a YAML file of a few hundred kB")


def _header(response: http.client.HTTPResponse, name: str) -> str | None:
    """A validator to send back, when it is one short line of visible ASCII."""
    value = response.headers.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= 512:
        return None
    return value if value.isascii() and value.isprintable() else None


def _status_hint(code: int) -> str:
    if code in (401, 403):
        return "check the credentials (https://user:token@host/...) and that they may read it"
    return "check the URL" if code == 404 else "check the URL and the server"


def _reason(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return visible(reason.strerror)
    return visible(str(reason)) or type(reason).__name__


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed to https URLs only."""

    max_redirections = REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in SECURE:
            fp.close()
            raise _Refused(
                f"redirects to {public(newurl)}, which is not https",
                "only redirects to https:// URLs are followed: use the URL it should be",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)
