"""`modelsunset changes`: the comparison (table-driven cases, the order, and properties: a
catalogue has no changes from itself, and the comparison read backwards is the mirror
image), the words of every kind of change, the JSON shape, and the command line: two
files, one file against the catalogue in use, --since, overlays on both, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import WAVE, Cli, examples
from support.builders import D, catalogue

from modelsunset.changes import Kind, Scope, announced_since, compare
from modelsunset.render.changes_text import describe

Spec = dict[str, dict[str, dict[str, Any]]]

# (name, old, new, expected changes as "kind scope model/surface")
CASES: list[tuple[str, Spec, Spec, list[str]]] = [
    ("the same", {"a": {"api": {}}}, {"a": {"api": {}}}, []),
    ("a model added", {}, {"a": {"api": {}, "web": {}}},
     ["added model a/api", "added model a/web"]),
    ("a model removed", {"a": {"api": {"retires": "2026-01-01"}}}, {}, ["removed model a/api"]),
    ("a surface added", {"a": {"api": {}}}, {"a": {"api": {}, "web": {}}}, ["added surface a/web"]),
    ("a surface removed", {"a": {"api": {}, "web": {}}}, {"a": {"api": {}}},
     ["removed surface a/web"]),
    (
        "a retirement added, with its successor",
        {"a": {"api": {}}},
        {"a": {"api": {"retires": "2026-05-01", "replacement": "b"}}},
        ["added retirement a/api"],
    ),
    (
        "a retirement withdrawn, with its successor",
        {"a": {"api": {"retires": "2026-05-01", "fallback": "b"}}},
        {"a": {"api": {}}},
        ["retracted retirement a/api"],
    ),
    (
        "moved earlier",
        {"a": {"api": {"retires": "2026-05-01"}}},
        {"a": {"api": {"retires": "2026-04-01"}}},
        ["earlier retirement a/api"],
    ),
    (
        "moved later, and a new successor",
        {"a": {"api": {"retires": "2026-05-01", "replacement": "b"}}},
        {"a": {"api": {"retires": "2026-06-01", "replacement": "c"}}},
        ["later retirement a/api", "successor successor a/api"],
    ),
    (
        "a replacement become a fallback",
        {"a": {"api": {"retires": "2026-05-01", "replacement": "b"}}},
        {"a": {"api": {"retires": "2026-05-01", "fallback": "b"}}},
        ["successor successor a/api"],
    ),
    (
        "a floor set",
        {"a": {"api": {}}},
        {"a": {"api": {"not_before": D("2027-01-01")}}},
        ["added floor a/api"],
    ),
    (
        "a floor moved",
        {"a": {"api": {"not_before": D("2027-01-01")}}},
        {"a": {"api": {"not_before": D("2026-12-01")}}},
        ["earlier floor a/api"],
    ),
    (
        "a floor become a day: a retirement added",
        {"a": {"api": {"not_before": D("2027-01-01")}}},
        {"a": {"api": {"retires": "2027-01-01"}}},
        ["added retirement a/api"],
    ),
    (
        "a day become a floor: the retirement withdrawn",
        {"a": {"api": {"retires": "2027-01-01"}}},
        {"a": {"api": {"not_before": D("2027-01-01")}}},
        ["retracted retirement a/api"],
    ),
    (
        "a floor withdrawn",
        {"a": {"api": {"not_before": D("2027-01-01")}}},
        {"a": {"api": {}}},
        ["retracted floor a/api"],
    ),
    (
        "notes, sources and announcements are not changes",
        {"a": {"api": {"retires": "2026-05-01", "note": "x", "announced": "2026-01-01"}}},
        {"a": {"api": {"retires": "2026-05-01", "note": "y", "source": "https://example.com"}}},
        [],
    ),
]  # fmt: skip


def _lines(old: Spec, new: Spec) -> list[str]:
    found = compare(catalogue(old), catalogue(new))
    return [f"{c.kind.value} {c.scope.value} {c.model}/{c.surface}" for c in found]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_compare(old: Spec, new: Spec, expected: list[str]) -> None:
    assert _lines(old, new) == expected


def test_changes_come_by_kind_then_day_then_model() -> None:
    old: Spec = {
        "x": {"api": {"retires": "2026-09-01"}},
        "y": {"api": {"retires": "2026-09-01"}},
        "z": {"api": {"retires": "2026-09-01"}},
        "gone": {"api": {}},
    }
    new: Spec = {
        "x": {"api": {"retires": "2026-03-01"}},
        "y": {"api": {"retires": "2026-10-01"}},
        "z": {"api": {"retires": "2026-02-01"}},
        "new": {"api": {"retires": "2026-12-01"}, "web": {}},
    }
    assert _lines(old, new) == [
        "added model new/api",  # a day first, then none
        "added model new/web",
        "removed model gone/api",
        "earlier retirement z/api",  # 2026-02-01, then 2026-03-01
        "earlier retirement x/api",
        "later retirement y/api",
    ]


DESCRIBED: list[tuple[Spec, Spec, str]] = [
    ({}, {"o3": {"azure": {"retires": "2026-11-19", "replacement": "gpt-5"}}},
     "o3 on azure: new model; retires 2026-11-19, replacement gpt-5"),
    ({"o3": {"api": {}}}, {"o3": {"api": {}, "azure": {}}},
     "o3 on azure: newly listed; nothing scheduled"),
    ({"o3": {"azure": {"retires": "2025-01-01", "fallback": "o4"}}}, {},
     "o3 on azure: model removed (was: retires 2025-01-01, fallback o4)"),
    ({"o3": {"api": {}, "azure": {}}}, {"o3": {"api": {}}},
     "o3 on azure: no longer listed (was: nothing scheduled)"),
    ({"o3": {"azure": {"not_before": D("2026-10-01")}}},
     {"o3": {"azure": {"retires": "2026-11-19"}}},
     "o3 on azure: retires 2026-11-19 (new; was not before 2026-10-01)"),
    ({"o3": {"azure": {}}},
     {"o3": {"azure": {"not_before": D("2027-01-22"), "fallback": "o4"}}},
     "o3 on azure: not before 2027-01-22 (new), fallback o4"),
    ({"o3": {"azure": {"retires": "2026-11-19"}}},
     {"o3": {"azure": {"not_before": D("2027-01-01")}}},
     "o3 on azure: retirement on 2026-11-19 withdrawn; now not before 2027-01-01"),
    ({"o3": {"azure": {"not_before": D("2027-01-22")}}}, {"o3": {"azure": {}}},
     "o3 on azure: floor withdrawn (was not before 2027-01-22)"),
    ({"o3": {"azure": {"retires": "2026-11-19"}}}, {"o3": {"azure": {"retires": "2026-10-21"}}},
     "o3 on azure: retires 2026-10-21, was 2026-11-19 (earlier by 29 days)"),
    ({"o3": {"azure": {"retires": "2026-11-19"}}}, {"o3": {"azure": {"retires": "2026-11-20"}}},
     "o3 on azure: retires 2026-11-20, was 2026-11-19 (later by 1 day)"),
    ({"o3": {"azure": {"not_before": D("2027-01-22")}}},
     {"o3": {"azure": {"not_before": D("2027-02-01")}}},
     "o3 on azure: not before 2027-02-01, was 2027-01-22 (later by 10 days)"),
    ({"o3": {"azure": {"retires": "2026-11-19", "replacement": "gpt-5"}}},
     {"o3": {"azure": {"retires": "2026-11-19", "fallback": "gpt-5.1"}}},
     "o3 on azure: fallback gpt-5.1, was replacement gpt-5 (retires 2026-11-19)"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "line"), DESCRIBED, ids=[d[2] for d in DESCRIBED])
def test_each_change_reads_as_one_line(old: Spec, new: Spec, line: str) -> None:
    (change,) = compare(catalogue(old), catalogue(new))
    assert describe(change) == line


def test_announced_since_counts_from_announced_else_checked() -> None:
    cat = catalogue(
        {
            "a": {"api": {"retires": "2026-05-01", "announced": "2026-02-01"}},
            "b": {
                "api": {"retires": "2026-04-01", "announced": "2025-12-01", "checked": "2026-03-01"}
            },
            "c": {"api": {"retires": "2026-06-01", "checked": "2026-02-10"}},
            "d": {"api": {"retires": "2026-06-01"}},  # no day to tell: never listed
            "g": {"api": {"retires": "2025-06-01", "checked": "2026-03-01"}},  # long past
            "e": {"api": {"not_before": D("2027-01-01"), "announced": "2026-02-01"}},
            "f": {"api": {"announced": "2026-03-01", "checked": "2026-03-01"}},  # nothing to end
        }
    )
    found = announced_since(cat, D("2026-02-01"))
    assert [(c.model, c.kind, c.scope) for c in found] == [
        ("a", Kind.ADDED, Scope.RETIREMENT),
        ("c", Kind.ADDED, Scope.RETIREMENT),
        ("e", Kind.ADDED, Scope.FLOOR),
    ]
    assert [describe(c) for c in found][:2] == [
        "a on api: retires 2026-05-01 (announced 2026-02-01)",
        "c on api: retires 2026-06-01 (checked 2026-02-10)",
    ]
    assert announced_since(cat, D("2026-02-02")) == found[1:2]


entry_specs = st.fixed_dictionaries(
    {},
    optional={
        "retires": st.sampled_from(["2026-03-01", "2026-06-01"]),
        "fallback": st.sampled_from(["a", "b"]),
        "since": st.sampled_from(["2025-01-01"]),
    },
).map(lambda spec: spec if "retires" in spec else {k: v for k, v in spec.items() if k == "since"})
floors = st.sampled_from([{}, {"not_before": D("2027-01-01")}, {"not_before": D("2027-02-01")}])
entries = st.one_of(entry_specs, floors)
specs = st.dictionaries(
    st.sampled_from(["a", "b", "c"]),
    st.dictionaries(st.sampled_from(["api", "web"]), entries, min_size=1),
)
MIRROR = {
    Kind.ADDED: Kind.REMOVED,
    Kind.REMOVED: Kind.ADDED,
    Kind.EARLIER: Kind.LATER,
    Kind.LATER: Kind.EARLIER,
    Kind.SUCCESSOR: Kind.SUCCESSOR,
}


@given(specs)
def test_a_catalogue_has_no_changes_from_itself(spec: Spec) -> None:
    assert compare(catalogue(spec), catalogue(spec)) == []


@given(specs, specs)
def test_the_comparison_read_backwards_is_its_mirror_image(old: Spec, new: Spec) -> None:
    def mirror(kind: Kind, scope: Scope) -> Kind:
        if scope in (Scope.RETIREMENT, Scope.FLOOR) and kind in (Kind.ADDED, Kind.RETRACTED):
            return Kind.RETRACTED if kind is Kind.ADDED else Kind.ADDED
        return MIRROR[kind]

    forwards = compare(catalogue(old), catalogue(new))
    backwards = compare(catalogue(new), catalogue(old))
    assert sorted(
        (mirror(c.kind, c.scope), c.scope, c.model, c.surface) for c in forwards
    ) == sorted((c.kind, c.scope, c.model, c.surface) for c in backwards)
    for change in forwards:
        assert (change.kind is Kind.ADDED and change.scope in (Scope.MODEL, Scope.SURFACE)) == (
            change.before is None
        )
        moved = change.days_moved
        assert (moved is not None) == (change.kind in (Kind.EARLIER, Kind.LATER))
        assert moved is None or (moved < 0) == (change.kind is Kind.EARLIER)


# The command line, on the test catalogue and an older copy of it.


def _old(tmp_path: Path) -> Path:
    """An older wave.yaml: GPT-4.5 Preview retiring later with another replacement, GPT-4.1
    mini's ChatGPT day later and an API retirement since withdrawn, o4-mini not yet on
    ChatGPT, and a model since removed."""
    text = WAVE.read_text(encoding="utf-8")
    swaps = [
        ("retires: 2025-07-14, replacement: gpt-4.1", "retires: 2025-08-01, replacement: gpt-5.2"),
        (r"(name: GPT-4.1 mini\n.*\n.*\n      chatgpt: .*?)2026-02-13(.*)\n      api:\n",
         r"\g<1>2026-03-13\2\n      api: {retires: 2026-09-01, replacement: gpt-5.2}\n"),
        (r"(name: OpenAI o4-mini\n.*\n.*\n)      chatgpt: .*\n", r"\1"),
        ("models:\n", "models:\n  gpt-3.5:\n    provider: openai\n    surfaces:\n"
         "      api: {retires: 2025-01-01}\n"),
    ]  # fmt: skip
    for pattern, replacement in swaps:
        text, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, pattern
    path = tmp_path / "old.yaml"
    path.write_text(text, encoding="utf-8")
    return path


EXPECTED_TABLE = """\
Catalogue changes from old.yaml to wave.yaml: 6 changes
1 added, 1 removed, 1 retracted, 2 earlier, 1 successor

added      o4-mini on chatgpt: newly listed; retires 2026-02-13, fallback gpt-5.2
removed    gpt-3.5 on api: model removed (was: retires 2025-01-01)
retracted  gpt-4.1-mini on api: retirement on 2026-09-01 withdrawn
earlier    gpt-4.5-preview on api: retires 2025-07-14, was 2025-08-01 (earlier by 18 days)
earlier    gpt-4.1-mini on chatgpt: retires 2026-02-13, was 2026-03-13 (earlier by 28 days)
successor  gpt-4.5-preview on api: replacement gpt-4.1, was replacement gpt-5.2 (retires 2025-07-14)
"""


def test_two_files_as_a_table(cli: Cli, tmp_path: Path) -> None:
    _old(tmp_path)
    result = cli("changes", "old.yaml", "wave.yaml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == EXPECTED_TABLE
    # One file: against the catalogue in use (MODELSUNSET_CATALOGUE, or --catalogue).
    assert cli("changes", "old.yaml").stdout == result.stdout
    assert cli("changes", "wave.yaml", "--catalogue", "old.yaml").stdout.startswith(
        "Catalogue changes from wave.yaml to old.yaml: 6 changes\n"
        "2 added, 1 removed, 2 later, 1 successor\n"
    )
    assert cli("changes", "wave.yaml", "wave.yaml").stdout == (
        "Catalogue changes from wave.yaml to wave.yaml\n"
        "No changes: the retirements, successors and models are the same.\n"
    )


def test_two_files_as_markdown(cli: Cli, tmp_path: Path) -> None:
    _old(tmp_path)
    result = cli("changes", "old.yaml", "wave.yaml", "-f", "markdown")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:9] == [
        "## Catalogue changes from `old.yaml` to `wave.yaml`",
        "",
        "### Added (1)",
        "",
        "- `o4-mini` on `chatgpt`: newly listed; retires 2026-02-13, fallback `gpt-5.2`",
        "",
        "### Removed (1)",
        "",
        "- `gpt-3.5` on `api`: model removed (was: retires 2025-01-01)",
    ]
    assert "### Moved earlier (2)" in result.stdout and "### Successor changed (1)" in result.stdout


def test_two_files_as_json(cli: Cli, tmp_path: Path) -> None:
    _old(tmp_path)
    result = cli("changes", "old.yaml", "wave.yaml", "-f", "json")
    items = json.loads(result.stdout)
    assert [item["kind"] for item in items] == [
        "added",
        "removed",
        "retracted",
        "earlier",
        "earlier",
        "successor",
    ]
    for item in items:
        assert {"kind", "model", "surface", "before", "after"} <= set(item)
        for side in (item["before"], item["after"]):
            assert side is None or {"retires", "not_before", "fallback", "replacement"} <= set(side)
            for key in ("since", "announced", "retires", "not_before", "checked"):
                value = (side or {}).get(key)
                assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    earlier = items[3]
    assert earlier["model"] == "gpt-4.5-preview" and earlier["days_moved"] == -18
    assert (earlier["before"]["retires"], earlier["after"]["retires"]) == (
        "2025-08-01",
        "2025-07-14",
    )
    assert items[0]["before"] is None and items[1]["after"] is None
    assert cli("changes", "wave.yaml", "wave.yaml", "-f", "json").stdout == "[]\n"


def test_since_lists_what_was_announced_from_that_day(cli: Cli) -> None:
    result = cli("changes", "--since", "2026-01-01")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:3] == [
        "Retirements announced on or after 2026-01-01: 4 retirements",
        "",
        "added      gpt-4.1 on chatgpt: retires 2026-02-13 (announced 2026-01-29), "
        "fallback gpt-5.2",
    ]
    # Dates as --date reads them: a month before the pinned today (2026-02-01).
    assert cli("changes", "--since", "-1m").stdout == result.stdout
    items = json.loads(cli("changes", "--since", "2025-11-01", "-f", "json").stdout)
    assert len(items) == 6 and all(i["before"] is None for i in items)
    empty = cli("changes", "--since", "2026-02-01", "-f", "markdown").stdout
    assert empty == (
        "## Retirements announced on or after 2026-02-01\n\n"
        "No retirement was announced since then.\n"
    )


def test_overlays_in_use_are_layered_on_both(cli: Cli, tmp_path: Path) -> None:
    _old(tmp_path)
    (tmp_path / "ours.yaml").write_text(
        "version: 1\nmodels:\n  gpt-4.5-preview:\n    surfaces:\n"
        "      api: {retires: 2025-12-31, replacement: gpt-4.1}\n",
        encoding="utf-8",
    )
    lines = cli("changes", "old.yaml", "wave.yaml", "--overlay", "ours.yaml").stdout.splitlines()
    assert not any("gpt-4.5-preview" in line for line in lines)
    env = cli("changes", "old.yaml", "wave.yaml", MODELSUNSET_OVERLAY="ours.yaml").stdout
    assert env.splitlines() == lines


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give two catalogues to compare (OLD NEW)"),
        (["a.yaml", "b.yaml", "c.yaml"], "give two catalogues to compare"),
        (["wave.yaml", "--since", "2026-01-01"], "give two catalogues to compare"),
        (["wave.yaml", "wave.yaml", "--catalogue", "wave.yaml"], "as OLD NEW or with --catalogue"),
        (["--since", "someday"], "error: --since 'someday' is not a date I can read"),
        (["wave.yaml", "wave.yaml", "-f", "csv"], "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli("changes", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_broken_or_missing_catalogue_exits_3_naming_it(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("version: 1\nproviders: [\n", encoding="utf-8")
    result = cli("changes", "bad.yaml", "wave.yaml")
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr.startswith("bad.yaml:")
    result = cli("changes", "wave.yaml", "missing.yaml")
    assert result.returncode == 3 and result.stderr.startswith("missing.yaml: cannot read")


def test_the_bundled_catalogue_is_named_so(cli: Cli) -> None:
    from modelsunset.loading import bundled_path

    result = cli("changes", "wave.yaml", str(bundled_path()), "-f", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "## Catalogue changes from `wave.yaml` to the bundled catalogue\n"
    )
    assert "gpt-4o` on `chatgpt`" not in result.stdout  # the same day in both: no change


CHANGES_ARGS = st.one_of(
    st.sampled_from(["wave.yaml", "old.yaml", "missing.yaml", "", "-", "--since", "-f"]),
    st.sampled_from(["--since", "--format", "--catalogue", "--overlay"]).flatmap(
        lambda name: st.tuples(
            st.just(name),
            st.sampled_from(["2026-01-01", "-1m", "x", "", "wave.yaml", "json", "markdown"]),
        )
    ),
)


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(CHANGES_ARGS, max_size=4))
def test_any_arguments_answer_or_say_why(cli: Cli, tmp_path: Path, parts: list[Any]) -> None:
    if not (tmp_path / "old.yaml").exists():
        _old(tmp_path)
    args = [p for part in parts for p in (part if isinstance(part, tuple) else (part,))]
    result = cli("changes", *args)
    assert result.returncode in (0, 2, 3), (args, result.stderr)
    assert "Traceback" not in result.stderr
    if result.returncode:
        assert result.stdout == "", args
