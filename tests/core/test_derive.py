"""What a name served by versions takes from them (format 2): table-driven cases and
properties of ``derive``, on entries built directly (no YAML)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.builders import D

from modelsunset.derive import derive, derive_all
from modelsunset.model import Entry, State
from modelsunset.resolver import days_left, state_on


def version(model: str, **values: object) -> Entry:
    return Entry(model=model, surface="azure", **values)  # type: ignore[arg-type]


NAME = Entry(model="o3", surface="azure", versions=("o3-a", "o3-b"))
A = version("o3-a", since=D("2025-01-31"), announced=D("2025-06-01"), retires=D("2026-03-01"))
B = version(
    "o3-b",
    since=D("2025-04-16"),
    announced=D("2026-04-01"),
    retires=D("2026-10-21"),
    fallback="gpt-5",
)
OPEN = version("o3-c", since=D("2025-09-01"))
FLOOR = version("o3-d", since=D("2025-09-01"), not_before=D("2027-01-22"))


@pytest.mark.parametrize(
    ("written", "versions", "expected"),
    [
        # Every version retires: the last one to go gives dates, successor and its kind.
        (
            (),
            [A, B],
            {
                "since": D("2025-01-31"),
                "announced": D("2026-04-01"),
                "retires": D("2026-10-21"),
                "fallback": "gpt-5",
                "replacement": None,
                "not_before": None,
                "derived_from": "o3-b",
            },
        ),
        # The order they are listed in does not matter.
        ((), [B, A], {"retires": D("2026-10-21"), "derived_from": "o3-b"}),
        # A version with no end: the name has none either (since still derived).
        (
            (),
            [A, OPEN],
            {"retires": None, "not_before": None, "derived_from": None, "since": D("2025-01-31")},
        ),
        # A floor among them: the name has a floor at the latest day, no retirement.
        ((), [A, FLOOR], {"retires": None, "not_before": D("2027-01-22"), "derived_from": "o3-d"}),
        # The retirement is later than the floor: the floor is that day.
        (
            (),
            [B, version("o3-e", not_before=D("2026-05-01"))],
            {"retires": None, "not_before": D("2026-10-21"), "derived_from": "o3-b"},
        ),
        # The entry's own values always win.
        (("retires",), [A, B], {"retires": None, "announced": None, "derived_from": None}),
        (("not_before",), [A, B], {"retires": None, "derived_from": None}),
        (("since",), [A, B], {"since": None, "retires": D("2026-10-21")}),
        (("announced",), [A, B], {"announced": None, "retires": D("2026-10-21")}),
        (("replacement",), [A, B], {"fallback": None, "retires": D("2026-10-21")}),
        # No version known (all missing): nothing changes.
        ((), [], {"retires": None, "derived_from": None}),
    ],
)
def test_what_a_name_takes_from_its_versions(
    written: tuple[str, ...], versions: list[Entry], expected: dict[str, object]
) -> None:
    derived = derive(NAME, written, versions)
    for field, value in expected.items():
        assert getattr(derived, field) == value, field


def test_versions_of_versions_are_derived_first_and_loops_end() -> None:
    entries = {
        ("top", "azure"): Entry("top", "azure", versions=("mid",)),
        ("mid", "azure"): Entry("mid", "azure", versions=("low",)),
        ("low", "azure"): Entry("low", "azure", retires=D("2026-06-01"), replacement="new"),
        ("loop-a", "azure"): Entry("loop-a", "azure", versions=("loop-b",)),
        ("loop-b", "azure"): Entry("loop-b", "azure", versions=("loop-a",)),
    }
    derived = derive_all(entries, {})
    assert derived[("top", "azure")].retires == D("2026-06-01")
    assert derived[("top", "azure")].derived_from == "mid"
    assert derived[("mid", "azure")].derived_from == "low"
    assert derived[("top", "azure")].replacement == "new"
    assert derived[("loop-a", "azure")].retires is None


DAYS = st.integers(min_value=0, max_value=2000)
BASE = date(2025, 1, 1)


@st.composite
def versions_of(draw: st.DrawFn) -> list[Entry]:
    count = draw(st.integers(min_value=1, max_value=5))
    found = []
    for number in range(count):
        end = draw(st.one_of(st.none(), DAYS))
        kind = draw(st.sampled_from(["retires", "not_before"]))
        values: dict[str, object] = {}
        if end is not None:
            values[kind] = BASE + timedelta(days=end)
        found.append(version(f"v{number}", **values))
    return found


@given(versions_of())
def test_a_name_retires_on_the_day_its_last_version_does(versions: list[Entry]) -> None:
    derived = derive(NAME, (), versions)
    ends = [v.retires for v in versions]
    if all(end is not None for end in ends):
        assert derived.retires == max(end for end in ends if end is not None)
        assert derived.not_before is None
        assert derived.derived_from is not None
        source = next(v for v in versions if v.model == derived.derived_from)
        assert source.retires == derived.retires
    elif any(v.retires is None and v.not_before is None for v in versions):
        assert derived.retires is None
        assert derived.not_before is None
    else:
        assert derived.retires is None
        floors = [v.retires or v.not_before for v in versions]
        assert derived.not_before == max(day for day in floors if day is not None)


@given(versions_of(), DAYS)
def test_an_explicit_value_wins(versions: list[Entry], offset: int) -> None:
    own = BASE + timedelta(days=offset)
    mine = NAME._replace(retires=own)
    assert derive(mine, ("retires",), versions).retires == own
    mine = NAME._replace(not_before=own)
    derived = derive(mine, ("not_before",), versions)
    assert derived.not_before == own
    assert derived.retires is None


@given(versions_of(), DAYS)
def test_a_floor_never_makes_a_model_retired(versions: list[Entry], offset: int) -> None:
    on = BASE + timedelta(days=offset)
    floors_only = [v._replace(retires=None, not_before=v.retires or v.not_before) for v in versions]
    for entry in [*floors_only, derive(NAME, (), floors_only)]:
        assert state_on(entry, on) is not State.RETIRED
        if entry.not_before is not None:
            assert state_on(entry, on) is State.RETIRING
            assert days_left(entry, on) == (entry.not_before - on).days


def test_names_that_outlive_every_version_are_found_for_a_warning() -> None:
    from modelsunset.derive import outlived

    a, b = A._replace(surface="azure"), B._replace(surface="azure")
    cleared = NAME  # as if the entry wrote `retires: null`: no derived value
    floor = NAME._replace(model="o3-floor", not_before=D("2028-01-01"))
    derived = derive(NAME._replace(model="o3-derived"), (), [a, b])
    open_name = NAME._replace(model="o3-open", versions=("o3-a", "o3-c"))
    entries = {(e.model, "azure"): e for e in (a, b, OPEN, cleared, floor, derived, open_name)}
    found = {(entry.model, last.model) for entry, last in outlived(entries)}
    assert found == {("o3", "o3-b"), ("o3-floor", "o3-b")}
