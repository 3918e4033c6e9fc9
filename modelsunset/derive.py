"""What a name served by versions takes from them (catalogue format 2, ``versions``).

Pure, and run once, when a catalogue is built (the result is what is cached): the
resolver, ``status``, ``notices`` and ``check`` only ever see derived entries.

The rule, for an entry that lists ``versions`` on its surface:
- Its retirement comes from the versions unless the entry writes ``retires`` or
  ``not_before`` itself (an entry's own value always wins). When every version retires,
  the entry takes ``announced``, ``retires`` and the successor (with its kind, fallback or
  replacement) from the version that retires last. When a version has neither a date nor
  a floor, the name has no retirement: it is served as long as that version is. When
  every version has a date or a floor and one has a floor, the name has a floor
  (``not_before``) at the latest of them: it is served at least that long, and no day is
  set. ``derived_from`` names the version the values came from.
- ``since`` is the earliest version's, unless the entry writes its own (or a version has
  none: it may be older than any date known).
- A version may itself list versions; they are derived first. Versions that form a loop
  are reported by the catalogue's rules and ignored here, so this always terminates.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date

from modelsunset.model import Entry

Key = tuple[str, str]  # (model id, surface id)

# The fields an entry takes from the version it derives from.
_RETIREMENT = ("announced", "retires", "fallback", "replacement", "not_before")


def derive_all(
    entries: Mapping[Key, Entry], written: Mapping[Key, Collection[str]]
) -> dict[Key, Entry]:
    """Every entry, with what its versions give it filled in.

    ``written`` names, per entry, the fields the catalogue wrote for it (a field written as
    null counts: it was set to nothing on purpose).
    """
    done: dict[Key, Entry] = {}
    visiting: set[Key] = set()

    def visit(key: Key) -> Entry:
        found = done.get(key)
        if found is not None:
            return found
        entry = entries[key]
        if not entry.versions:
            done[key] = entry
            return entry
        visiting.add(key)
        versions = []
        for version in entry.versions:
            version_key = (version, key[1])
            if version_key in entries and version_key not in visiting:
                versions.append(visit(version_key))
        visiting.discard(key)
        result = derive(entry, written.get(key, ()), versions)
        done[key] = result
        return result

    for key in entries:
        visit(key)
    return done


def derive(entry: Entry, written: Collection[str], versions: list[Entry]) -> Entry:
    """One entry with what its (already derived) versions give it."""
    if not versions:
        return entry
    changes: dict[str, object] = {}
    if "since" not in written:
        starts = [version.since for version in versions]
        if all(start is not None for start in starts):
            changes["since"] = min(start for start in starts if start is not None)
    if "retires" not in written and "not_before" not in written:
        source = _last_to_go(versions)
        if source is not None:
            floor = any(version.not_before is not None for version in versions)
            values = {
                "announced": source.announced,
                "retires": None if floor else source.retires,
                "not_before": (source.retires or source.not_before) if floor else None,
                "fallback": source.fallback,
                "replacement": source.replacement,
            }
            if "fallback" in written or "replacement" in written:
                # The entry names its own successor: it wins, of either kind.
                del values["fallback"], values["replacement"]
            for field in _RETIREMENT:
                if field in values and field not in written:
                    changes[field] = values[field]
            changes["derived_from"] = source.model
    return entry._replace(**changes) if changes else entry  # type: ignore[arg-type]


def _last_to_go(versions: list[Entry]) -> Entry | None:
    """The version that is served longest, or None when one has no end (no date, no floor).

    On a tie the version listed first wins, so the answer never depends on anything but
    the catalogue's text."""
    best: Entry | None = None
    best_day: date | None = None
    for version in versions:
        day = version.retires or version.not_before
        if day is None:
            return None
        if best_day is None or day > best_day:
            best, best_day = version, day
    return best


def outlived(entries: Mapping[Key, Entry]) -> list[tuple[Entry, Entry]]:
    """Names that never retire although every version they list does: each with the
    version that retires last. Only an entry's own value (``retires: null``, or a floor of
    its own) can do that; ``validate`` warns about it, as it is more often a slip than a
    promise."""
    found: list[tuple[Entry, Entry]] = []
    for (_, surface), entry in entries.items():
        if not entry.versions or entry.retires is not None:
            continue
        versions = [entries.get((version, surface)) for version in entry.versions]
        known = [version for version in versions if version is not None]
        if known and len(known) == len(versions) and all(v.retires is not None for v in known):
            found.append((entry, max(known, key=lambda v: v.retires or date.min)))
    return found
