"""Where catalogue files come from: the bundled catalogue, --catalogue/--overlay and
their environment variables. Reads the files (or fetches them: a URL is handed to
``remote``, imported only then) and hands their bytes to ``catalogue.parse``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from modelsunset.errors import CatalogueError, Problem, UsageError
from modelsunset.model import Catalogue

BUNDLED_NAME = "retirements.yaml"
MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: the most a catalogue file may be, read or fetched
TOO_BIG = "is larger than 20 MiB, the most a catalogue file may be"
# A catalogue larger than the default is refused unless this raises the limit, in MiB: a
# file that size takes seconds and gigabytes to check, so it has to be asked for.
MAX_ENV = "MODELSUNSET_MAX_CATALOGUE_MB"


def max_bytes() -> int:
    """The most a local catalogue file may hold: ``MAX_BYTES``, or ``MODELSUNSET_MAX_CATALOGUE_MB``
    MiB where that is set (a whole number from 1 to 4096; anything else is a usage error)."""
    text = os.environ.get(MAX_ENV, "").strip()
    if not text:
        return MAX_BYTES
    if not (text.isascii() and text.isdigit()) or len(text) > 4 or not 1 <= int(text) <= 4096:
        raise UsageError(
            f"{MAX_ENV} must be a whole number of MiB from 1 to 4096",
            hint=f"for example {MAX_ENV}=64, or leave it unset for 20",
        )
    return int(text) * 1024 * 1024


def bundled_path() -> str:
    """The catalogue shipped with the package.

    Installed wheels carry it as ``modelsunset/data/retirements.yaml`` (importlib.resources
    names that same file; it is only imported when the package is not a plain folder, which
    saves its import on every run). An editable install of a checkout reads the top-level
    ``retirements.yaml`` beside the package.
    """
    package = os.path.dirname(os.path.realpath(__file__))
    shipped = os.path.join(package, "data", BUNDLED_NAME)
    if os.path.isfile(shipped):
        return shipped
    checkout = os.path.join(os.path.dirname(package), BUNDLED_NAME)
    if os.path.isfile(checkout):
        return checkout
    from importlib.resources import files

    return str(files("modelsunset").joinpath("data", BUNDLED_NAME))


def chosen_files(catalogue: str | None, overlays: Sequence[str]) -> list[str]:
    """The files to layer, in order: flags first, then environment, then the bundled file."""
    if catalogue == "":
        raise UsageError("--catalogue is empty", hint="give a catalogue file, or leave it out")
    if any(path == "" for path in overlays):
        raise UsageError("--overlay is empty", hint="give an overlay file, or leave it out")
    base = catalogue or os.environ.get("MODELSUNSET_CATALOGUE") or str(bundled_path())
    extra = list(overlays)
    if not extra:
        extra = split_list(os.environ.get("MODELSUNSET_OVERLAY", ""))
    return [base, *extra]


def is_url(text: str) -> bool:
    """Whether ``text`` is a URL (``scheme://...``) rather than a path. A one-letter scheme
    is a Windows drive (``C://x``)."""
    scheme, found, _ = text.partition("://")
    return bool(found) and _is_scheme(scheme)


def _is_scheme(text: str) -> bool:
    return (
        len(text) > 1
        and text.isascii()
        and text[0].isalpha()
        and all(char.isalnum() or char in "+.-" for char in text)
    )


def split_list(text: str) -> list[str]:
    """MODELSUNSET_OVERLAY's entries. Where the separator is ``:``, the colons of a URL
    (``https:``, ``user:password@``, ``:8443``) do not split it; a colon in a URL's path
    must be written ``%3A`` there."""
    pieces = text.split(os.pathsep)
    if os.pathsep == ":":
        joined: list[str] = []
        for piece in pieces:
            if joined and _continues(joined[-1], piece):
                joined[-1] += ":" + piece
            else:
                joined.append(piece)
        pieces = joined
    return [piece for piece in pieces if piece]


def _continues(before: str, piece: str) -> bool:
    """Whether ``piece`` is the rest of the URL ``before`` (split at one of its colons)."""
    if _is_scheme(before) and piece.startswith("//"):
        return True
    if not is_url(before):
        return False
    authority = before.partition("://")[2]
    if authority.count("[") > authority.count("]"):
        return True  # inside an IPv6 address
    if any(mark in authority for mark in "/?#"):
        return False  # past the host: a colon there splits
    host = piece.split("/", 1)[0]
    port = host.split("?", 1)[0].split("#", 1)[0]
    return "@" in host or (port.isdigit() and port.isascii())


def shown(path: str) -> str:
    """How a catalogue file is named in messages: a URL without its credentials or pin."""
    if not is_url(path):
        return path
    from modelsunset.remote import public

    return public(path)


def read_sources(
    paths: Sequence[str], note: Callable[[str], None] | None = None
) -> list[tuple[str, bytes]]:
    """Read every file; one that cannot be read is a catalogue problem (exit 3).

    Only regular files are read: a FIFO or a device would block or never end. A file
    may be at most ``MAX_BYTES``. A URL is fetched (``remote``; ``note`` hears its
    warnings), after every URL has been checked (a usage error comes before any fetch).
    """
    from modelsunset.files import read_regular

    urls = [path for path in paths if is_url(path)]
    if urls:
        from modelsunset.remote import target

        for url in urls:
            target(url)
    sources: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        if is_url(path):
            from modelsunset.remote import fetch

            try:
                sources.append(fetch(path, note or _to_stderr))
            except CatalogueError as exc:
                problems.extend(exc.problems)
            continue
        try:
            if not path:
                raise ValueError("an empty path")
            limit = max_bytes()
            data = read_regular(path, limit)
            if data is None:
                kind = "a folder" if os.path.isdir(path) else "not a regular file"
                problems.append(Problem(path, None, f"is {kind}, not a catalogue file"))
                continue
            if len(data) > limit:
                size = f"{limit // (1024 * 1024)} MiB"
                problems.append(
                    Problem(
                        path,
                        None,
                        f"is larger than {size}, the most a catalogue file may be",
                        f"check the path, or raise the limit with {MAX_ENV}",
                    )
                )
                continue
            sources.append((path, data))
        except ValueError as exc:
            problems.append(
                Problem(path or "''", None, f"is not a usable path ({exc})", "check the path")
            )
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(
                Problem(path, None, f"cannot read the catalogue: {reason}", "check the path")
            )
    if problems:
        raise CatalogueError(problems)
    return sources


def _to_stderr(text: str) -> None:
    from modelsunset.console import writer

    writer("err")(text)


def load(
    paths: Sequence[str], use_cache: bool = True, note: Callable[[str], None] | None = None
) -> Catalogue:
    """The checked catalogue layered from these files: from the cache when it holds this
    exact content, else parsed (and then cached). ``note`` hears why a cache folder that
    cannot be trusted is not used."""
    import gc

    sources = read_sources(paths, note)
    # Building a catalogue allocates a node, a value and a record per field and makes no
    # reference cycles: the cyclic garbage collector would only walk the growing heap again
    # and again (more than half the time of a 10k-entry parse). Pause it meanwhile.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(sources, use_cache, note)
    finally:
        if paused:
            gc.enable()


def _load(
    sources: list[tuple[str, bytes]], use_cache: bool, note: Callable[[str], None] | None
) -> Catalogue:
    from modelsunset import cache

    where = cache.folder() if use_cache and cache.enabled() else None
    use_cache = where is not None  # no cache folder (no home folder known): no cache
    if where is not None:
        reason = cache.distrust(where)
        if reason is not None:
            use_cache = False
            if note is not None:
                note(f"warning: the catalogue cache {where} is not used: {reason}")
    if use_cache:
        cache_key = cache.key(sources)
        hit = cache.read(cache_key)
        if hit is not None:
            return hit
    from modelsunset.catalogue import parse

    catalogue = parse(sources)
    if use_cache:
        cache.write(cache_key, catalogue)
    return catalogue
