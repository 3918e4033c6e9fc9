"""The pure core: states at every boundary, days left, resolution, status rows, notices."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples
from support.builders import D, catalogue, to_yaml

from modelsunset import resolver
from modelsunset.catalogue import parse
from modelsunset.commands import usage_error
from modelsunset.errors import NotOffered
from modelsunset.model import Entry, State

FULL = Entry(
    model="m",
    surface="api",
    since=D("2026-01-10"),
    announced=D("2026-02-01"),
    retires=D("2026-03-01"),
)


@pytest.mark.parametrize(
    ("day", "state", "left"),
    [
        ("2026-01-09", State.UPCOMING, 51),  # day before since
        ("2026-01-10", State.ACTIVE, 50),  # day of since
        ("2026-01-11", State.ACTIVE, 49),  # day after since
        ("2026-01-31", State.ACTIVE, 29),  # day before announced
        ("2026-02-01", State.RETIRING, 28),  # day of announced
        ("2026-02-02", State.RETIRING, 27),  # day after announced
        ("2026-02-28", State.RETIRING, 1),  # day before retires
        ("2026-03-01", State.RETIRED, 0),  # day of retires: the first day it is gone
        ("2026-03-02", State.RETIRED, -1),  # day after retires
        ("2027-03-01", State.RETIRED, -365),
    ],
)
def test_state_at_every_boundary(day: str, state: State, left: int) -> None:
    assert resolver.state_on(FULL, D(day)) is state
    assert resolver.days_left(FULL, D(day)) == left
    assert resolver.is_available(FULL, D(day)) == (state in (State.ACTIVE, State.RETIRING))


@pytest.mark.parametrize(
    ("fields", "day", "state"),
    [
        ({}, "1990-01-01", State.ACTIVE),
        ({}, "2100-01-01", State.ACTIVE),
        ({"retires": "2026-03-01"}, "2020-01-01", State.RETIRING),  # no announced: retiring
        ({"retires": "2026-03-01"}, "2026-03-01", State.RETIRED),
        (
            {"announced": "2026-02-01"},
            "2026-02-05",
            State.ACTIVE,
        ),  # announced alone changes nothing
        ({"since": "2026-01-10"}, "2026-01-09", State.UPCOMING),
        ({"since": "2026-01-10"}, "2030-01-01", State.ACTIVE),
        # upcoming wins over retiring while the model is not offered yet
        ({"since": "2026-01-10", "retires": "2026-03-01"}, "2026-01-01", State.UPCOMING),
    ],
)
def test_state_with_partial_dates(fields: dict[str, str], day: str, state: State) -> None:
    values: dict[str, Any] = {key: D(value) for key, value in fields.items()}
    entry = Entry(model="m", surface="api", **values)
    assert resolver.state_on(entry, D(day)) is state


def test_days_left_is_none_without_retires() -> None:
    assert resolver.days_left(Entry(model="m", surface="api"), D("2026-01-01")) is None


CHAINS = catalogue(
    {
        # a -> b -> c by fallbacks on chatgpt; c stays
        "a": {
            "chatgpt": {"retires": "2026-02-13", "fallback": "b"},
            "api": {"retires": "2026-06-01", "replacement": "c"},
        },
        "b": {"chatgpt": {"retires": "2026-06-12", "fallback": "c"}},
        "c": {"chatgpt": {}, "api": {}},
        # d -> e (replacement) -> c (fallback): not automatic
        "d": {"chatgpt": {"retires": "2026-01-01", "replacement": "e"}},
        "e": {"chatgpt": {"retires": "2026-04-01", "fallback": "c"}},
        # f -> g, and g retires with no successor: a dead end
        "f": {"api": {"retires": "2026-01-01", "replacement": "g"}},
        "g": {"api": {"retires": "2026-05-01"}},
        "h": {"api": {"since": "2026-09-01"}},
    }
)


@pytest.mark.parametrize(
    ("model", "surface", "day", "resolved", "chain", "automatic", "state"),
    [
        ("a", "chatgpt", "2026-02-12", "a", ("a",), None, State.RETIRING),
        ("a", "chatgpt", "2026-02-13", "b", ("a", "b"), True, State.RETIRED),
        ("a", "chatgpt", "2026-06-11", "b", ("a", "b"), True, State.RETIRED),
        ("a", "chatgpt", "2026-06-12", "c", ("a", "b", "c"), True, State.RETIRED),
        ("a", "api", "2026-05-31", "a", ("a",), None, State.RETIRING),
        ("a", "api", "2026-06-01", "c", ("a", "c"), False, State.RETIRED),
        ("d", "chatgpt", "2026-02-01", "e", ("d", "e"), False, State.RETIRED),
        ("d", "chatgpt", "2026-04-01", "c", ("d", "e", "c"), False, State.RETIRED),
        ("e", "chatgpt", "2026-04-01", "c", ("e", "c"), True, State.RETIRED),
        ("f", "api", "2026-04-30", "g", ("f", "g"), False, State.RETIRED),
        ("f", "api", "2026-05-01", None, ("f", "g"), False, State.RETIRED),
        ("g", "api", "2026-05-01", None, ("g",), None, State.RETIRED),
        ("h", "api", "2026-08-31", None, ("h",), None, State.UPCOMING),
        ("h", "api", "2026-09-01", "h", ("h",), None, State.ACTIVE),
    ],
)
def test_resolution_chains(
    model: str,
    surface: str,
    day: str,
    resolved: str | None,
    chain: tuple[str, ...],
    automatic: bool | None,
    state: State,
) -> None:
    answer = resolver.resolve(CHAINS, model, surface, D(day), query=model.upper())
    assert answer.resolved == resolved
    assert answer.chain == chain
    assert answer.automatic is automatic
    assert answer.state is state
    assert answer.query == model.upper()
    assert answer.model == model
    assert answer.on == D(day)


def test_a_model_not_offered_on_the_surface_is_an_error() -> None:
    with pytest.raises(NotOffered, match="not offered on surface 'api'") as caught:
        resolver.resolve(CHAINS, "b", "api", D("2026-01-01"))
    assert caught.value.offered == ("chatgpt",)
    assert usage_error(caught.value).hint == "it is offered on: chatgpt"


def test_resolution_terminates_on_unchecked_cycles_and_missing_successors() -> None:
    loose = catalogue(
        {
            "x": {"api": {"retires": "2026-01-01", "replacement": "y"}},
            "y": {"api": {"retires": "2026-01-01", "replacement": "x"}},
            "z": {"api": {"retires": "2026-01-01", "replacement": "nowhere"}},
            "w": {"api": {"retires": "2026-01-01", "replacement": "v"}},
            "v": {"chatgpt": {}},
        }
    )
    assert resolver.resolve(loose, "x", "api", D("2026-02-01")).chain == ("x", "y")
    assert resolver.resolve(loose, "z", "api", D("2026-02-01")).chain == ("z",)
    assert resolver.resolve(loose, "w", "api", D("2026-02-01")).resolved is None


def test_status_lists_available_entries_sorted_and_all_adds_the_rest() -> None:
    day = D("2026-03-01")
    rows = resolver.status(CHAINS, day)
    assert [(r.model.id, r.entry.surface) for r in rows] == [
        ("a", "api"),
        ("b", "chatgpt"),
        ("c", "api"),
        ("c", "chatgpt"),
        ("e", "chatgpt"),
        ("g", "api"),
    ]
    everything = resolver.status(CHAINS, day, include_all=True)
    assert len(everything) == sum(len(m.entries) for m in CHAINS.models.values())
    assert {r.state for r in everything} == {
        State.RETIRED,
        State.RETIRING,
        State.ACTIVE,
        State.UPCOMING,
    }
    assert [r.entry.surface for r in resolver.status(CHAINS, day, surfaces=["api"])] == ["api"] * 3
    assert resolver.status(CHAINS, day, providers=["other"]) == []


def test_notices_are_soonest_first_within_the_window_inclusive() -> None:
    day = D("2026-02-13")
    found = resolver.notices(CHAINS, day, within=60)
    assert [(n.row.model.id, n.row.entry.surface, n.row.days_left) for n in found] == [
        ("a", "chatgpt", 0),  # retires today: days_left 0 is included
        ("e", "chatgpt", 47),
    ]
    assert [n.row.model.id for n in resolver.notices(CHAINS, day, within=47)] == ["a", "e"]
    assert [n.row.model.id for n in resolver.notices(CHAINS, day, within=46)] == ["a"]
    assert resolver.notices(CHAINS, day + timedelta(days=1), within=0) == []


def test_notice_messages_say_automatic_or_manual_and_when() -> None:
    named = catalogue(
        {
            "old": {
                "chatgpt": {"retires": "2026-02-13", "fallback": "new", "note": "Chats carry on."},
                "api": {"retires": "2026-02-14", "replacement": "new"},
            },
            "new": {"chatgpt": {}, "api": {}},
            "lone": {"api": {"retires": "2026-02-20"}},
        },
        names={"old": "Old Model", "new": "New Model"},
    )
    messages = [n.message for n in resolver.notices(named, D("2026-02-13"), within=30)]
    assert messages == [
        "Old Model (old) retires from Chatgpt on 2026-02-13 (today). "
        "New Model (new) takes its place automatically. Chats carry on.",
        "Old Model (old) retires from Api on 2026-02-14 (in 1 day). "
        "Calls will fail; switch to new.",
        "lone retires from Api on 2026-02-20 (in 7 days). "
        "No successor is named; calls will fail, so choose another model before then.",
    ]


def test_a_note_over_several_lines_makes_a_one_line_message() -> None:
    noted = catalogue(
        {"old": {"api": {"retires": "2026-02-14", "note": "Line one.\n  Line two.\tEnd.\n"}}}
    )
    (notice,) = resolver.notices(noted, D("2026-02-13"), within=30)
    assert "\n" not in notice.message and "\t" not in notice.message
    assert notice.message.endswith(" Line one. Line two. End.")


# -- properties over generated valid catalogues -------------------------------------------

BASE = date(2026, 1, 1)
SURFACES = ("api", "chatgpt")


@st.composite
def valid_catalogues(draw: st.DrawFn) -> dict[str, dict[str, dict[str, Any]]]:
    """Catalogues that obey every rule: successors are offered on the same surface and
    available on the day the model retires (which also rules out cycles)."""
    count = draw(st.integers(min_value=1, max_value=8))
    spec: dict[str, dict[str, dict[str, Any]]] = {}
    for index in range(count):
        entries: dict[str, dict[str, Any]] = {}
        for surface in draw(
            st.lists(st.sampled_from(SURFACES), min_size=1, max_size=2, unique=True)
        ):
            fields: dict[str, Any] = {}
            since = draw(st.none() | st.integers(0, 300))
            retires = draw(st.none() | st.integers(1, 400))
            if since is not None and retires is not None and since >= retires:
                since = None
            if since is not None:
                fields["since"] = BASE + timedelta(days=since)
            if retires is not None:
                fields["retires"] = BASE + timedelta(days=retires)
                announced = draw(st.none() | st.integers(0, retires))
                if announced is not None:
                    fields["announced"] = BASE + timedelta(days=announced)
            entries[surface] = fields
        spec[f"m{index}"] = entries
    # Successors: only models available on that surface on the day the model retires.
    probe = catalogue(spec)
    for model_id, entries in spec.items():
        for surface, fields in entries.items():
            day = fields.get("retires")
            if day is None:
                continue
            candidates = [
                other
                for other, model in probe.models.items()
                if other != model_id
                and surface in model.entries
                and resolver.is_available(model.entries[surface], day)
            ]
            if candidates and draw(st.booleans()):
                kind = draw(st.sampled_from(("fallback", "replacement")))
                fields[kind] = draw(st.sampled_from(candidates))
    return spec


@settings(max_examples=examples(300), deadline=None)
@given(spec=valid_catalogues(), offset=st.integers(-30, 450), data=st.data())
def test_resolution_properties(
    spec: dict[str, dict[str, dict[str, Any]]], offset: int, data: st.DataObject
) -> None:
    # Every generated catalogue is valid: the loader accepts its YAML.
    loaded = parse([("generated.yaml", to_yaml(spec).encode())])
    model_id = data.draw(st.sampled_from(sorted(loaded.models)))
    surface = data.draw(st.sampled_from(sorted(loaded.models[model_id].entries)))
    day = BASE + timedelta(days=offset)

    answer = resolver.resolve(loaded, model_id, surface, day)

    chain = answer.chain
    assert chain[0] == model_id
    assert len(set(chain)) == len(chain)
    automatic = True
    for previous, following in pairwise(chain):
        entry = loaded.models[previous].entries[surface]
        assert entry.successor == following
        assert not resolver.is_available(entry, day)
        automatic = automatic and entry.automatic
    # No step: nothing moved, so neither automatic nor manual (contract section 7).
    assert answer.automatic is (automatic if len(chain) > 1 else None)
    assert answer.next == loaded.models[model_id].entries[surface].successor
    last = loaded.models[chain[-1]].entries[surface]
    if answer.resolved is not None:
        assert answer.resolved == chain[-1]
        assert resolver.is_available(last, day)
    else:
        assert not resolver.is_available(last, day)
        assert last.successor is None
