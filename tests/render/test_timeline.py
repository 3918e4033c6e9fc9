"""`modelsunset timeline`: the segments of each entry (table-driven, and a property), the
rows chosen and their order, the range and its errors, the terminal table, and the SVG and
HTML files: well-formed, self-contained, ASCII, every catalogue string escaped. The pinned
pictures are golden files (``MODELSUNSET_UPDATE_GOLDEN=1`` regenerates them)."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import Cli, examples
from support.builders import D, catalogue
from test_golden import GOLDEN

from modelsunset import resolver
from modelsunset.model import Entry
from modelsunset.render import RenderContext
from modelsunset.render import timeline_table as table
from modelsunset.resolver import state_on
from modelsunset.timeline import Phase, build, months, segments
from modelsunset.timeline_command import months_from

SVG = "{http://www.w3.org/2000/svg}"

GOLDEN_CASES: dict[str, list[str]] = {
    "timeline-2026-02-01.table": ["timeline"],
    "timeline-2026-02-01.svg": ["timeline", "-f", "svg"],
    "timeline-2026-02-01.html": ["timeline", "-f", "html"],
    "timeline-chatgpt-q1.table": ["timeline", "-s", "chatgpt", "--from", "2026-01-01", "--to",
                                  "2026-03-31"],
    "timeline-chatgpt-q1.svg": ["timeline", "-s", "chatgpt", "--from", "2026-01-01", "--to",
                                "2026-03-31", "-f", "svg"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name: str, cli: Cli) -> None:
    result = cli(*GOLDEN_CASES[name])
    assert (result.returncode, result.stderr) == (0, "")
    path = GOLDEN / name
    if os.environ.get("MODELSUNSET_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def E(**fields: object) -> Entry:
    values = {k: D(v) if isinstance(v, str) and k != "fallback" else v for k, v in fields.items()}
    return Entry(model="m", surface="api", **values)  # type: ignore[arg-type]


START, END = D("2026-01-01"), D("2026-12-31")

SEGMENT_CASES = [
    ("nothing scheduled: the whole range", E(), ["2026-01-01 2027-01-01 active"]),
    ("offered from a day", E(since="2026-03-01"), ["2026-03-01 2027-01-01 active"]),
    ("offered after the range", E(since="2027-03-01"), []),
    (
        "announced, then retired",
        E(announced="2026-02-01", retires="2026-05-01"),
        [
            "2026-01-01 2026-02-01 active",
            "2026-02-01 2026-05-01 retiring",
            "2026-05-01 2027-01-01 retired",
        ],
    ),
    (
        "a retirement without announced is retiring from the start",
        E(retires="2026-05-01"),
        ["2026-01-01 2026-05-01 retiring", "2026-05-01 2027-01-01 retired"],
    ),
    ("retired before the range", E(retires="2025-05-01"), ["2026-01-01 2027-01-01 retired"]),
    (
        "a floor: retiring, then may retire",
        E(announced="2026-03-01", not_before="2026-06-01"),
        [
            "2026-01-01 2026-03-01 active",
            "2026-03-01 2026-06-01 retiring",
            "2026-06-01 2027-01-01 may_retire",
        ],
    ),
    (
        "since, announced and retires all inside",
        E(since="2026-02-01", announced="2026-04-01", retires="2026-06-01"),
        [
            "2026-02-01 2026-04-01 active",
            "2026-04-01 2026-06-01 retiring",
            "2026-06-01 2027-01-01 retired",
        ],
    ),
    (
        "retiring on the range's last day",
        E(announced="2025-01-01", retires="2026-12-31"),
        ["2026-01-01 2026-12-31 retiring", "2026-12-31 2027-01-01 retired"],
    ),
]


@pytest.mark.parametrize(
    ("entry", "expected"), [c[1:] for c in SEGMENT_CASES], ids=[c[0] for c in SEGMENT_CASES]
)
def test_segments(entry: Entry, expected: list[str]) -> None:
    got = [f"{s.start} {s.end} {s.phase.value}" for s in segments(entry, START, END)]
    assert got == expected


days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    since = draw(st.none() | days)
    end = draw(st.none() | days.filter(lambda d: since is None or d > since))
    floor = draw(st.booleans())
    announced = draw(st.none() | days.filter(lambda d: end is None or d <= end))
    return Entry(
        "m",
        "api",
        since=since,
        announced=announced,
        retires=None if floor else end,
        not_before=end if floor else None,
    )


@given(entries(), days, st.integers(min_value=0, max_value=900))
def test_segments_tile_the_range_in_the_states_of_each_day(
    entry: Entry, start: date, span: int
) -> None:
    end = start + timedelta(days=span)
    cut = segments(entry, start, end)
    for first, second in pairwise(cut):
        assert first.end == second.start and first.phase is not second.phase
    for piece in cut:
        assert start <= piece.start < piece.end <= end + timedelta(days=1)
        for day in {piece.start, piece.end - timedelta(days=1)}:
            state = state_on(entry, day)
            if piece.phase is Phase.MAY_RETIRE:
                assert entry.not_before is not None and day >= entry.not_before
            else:
                assert state.value == piece.phase.value
    drawn = sum((p.end - p.start).days for p in cut)
    upcoming = sum(1 for n in range(span + 1) if entry.since and start + timedelta(n) < entry.since)
    assert drawn == span + 1 - upcoming


def test_months_are_the_first_days_within_the_range() -> None:
    assert months(D("2026-01-15"), D("2026-04-01")) == [
        D("2026-02-01"),
        D("2026-03-01"),
        D("2026-04-01"),
    ]
    assert months(D("9999-11-15"), D("9999-12-31")) == [D("9999-12-01")]
    assert months(D("2026-01-02"), D("2026-01-30")) == []


def test_months_from_stays_in_the_calendar() -> None:
    assert months_from(D("2026-08-31"), -6) == D("2026-02-28")
    assert months_from(D("0001-03-01"), -6) == date.min
    assert months_from(D("9999-03-01"), 12) == date.max


TWO = catalogue(
    {
        "old": {"api": {"retires": "2025-01-01"}},  # gone before the range: left out
        "late": {"api": {"since": "2028-01-01"}},  # not yet there in the range: left out
        "b": {"api": {"retires": "2026-09-01"}, "cloud": {}},
        "a": {"api": {"retires": "2026-09-01"}, "cloud": {"retires": "2026-04-01"}},
        "c": {"api": {"not_before": D("2026-06-01")}},
    }
)


def _drawn(start: str = "2026-01-01", end: str = "2026-12-31", on: str = "2026-02-01") -> list[str]:
    rows = resolver.status(TWO, D(on), include_all=True)
    timeline = build(rows, D(start), D(end), D(on), {"acme": "Acme"})
    assert [g.name for g in timeline.groups] == ["Acme"]
    return [f"{r.model.id}/{r.entry.surface}" for r in timeline.rows]


def test_rows_soonest_end_first_then_model_and_surface_and_only_those_in_the_range() -> None:
    assert _drawn() == ["a/cloud", "c/api", "a/api", "b/api", "b/cloud"]
    assert _drawn("2026-05-01") == ["c/api", "a/api", "b/api", "b/cloud"]


def _ctx(**extra: object) -> RenderContext:
    on = D("2026-02-01")
    return RenderContext(on=on, today=on, catalogue=TWO, width=100)._replace(**extra)


def _table(**extra: object) -> str:
    ctx = _ctx(**extra)
    rows = resolver.status(TWO, ctx.on, include_all=True)
    return table.timeline(build(rows, START, END, ctx.on, {}), ctx)


def test_the_table_marks_the_day_asked_in_one_column_of_every_row() -> None:
    lines = _table().splitlines()
    rows = [line for line in lines[3:] if line.startswith("  ")]  # the rule, then the rows
    assert len(rows) == 1 + 5
    assert len({line.index("│") if "│" in line else line.index("┼") for line in rows}) == 1
    floor = next(line for line in lines if line.startswith("  c "))
    assert "┄" in floor and floor.rstrip().endswith("not before 2026-06-01")
    assert "┄┄ may retire" in lines[-3] + lines[-2]


def test_the_table_in_ascii_and_in_colour() -> None:
    text = _table(ascii_only=True)
    assert text.isascii() and "#" in text and "|" in text
    assert "\x1b[" not in _table()
    coloured = _table(colour=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == _table()


def test_the_table_folds_long_ids_in_the_middle_on_a_narrow_terminal() -> None:
    long = "claude-3-5-sonnet-with-a-long-name-20240620"
    cat = catalogue({long: {"api": {"retires": "2026-05-01"}}})
    on = D("2026-02-01")
    ctx = RenderContext(on=on, today=on, catalogue=cat, width=60)
    drawn = build(resolver.status(cat, on, include_all=True), START, END, on, {})
    lines = table.timeline(drawn, ctx).splitlines()
    row = next(line for line in lines if "…" in line)
    assert row.startswith("  claude-…0240620  api ")  # the date that tells snapshots apart
    assert all(len(line) <= 60 for line in lines)


def _hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        "version: 1\nupdated: 2026-01-30\n"
        "providers:\n  acme: {name: 'Acme <script>alert(1)</script> & \"Co\"'}\n"
        "surfaces:\n  api: {name: 'API & <b>more</b>'}\n"
        "models:\n"
        "  'x<y>':\n    name: 'X & <Y> é'\n    provider: acme\n"
        "    surfaces:\n      api: {retires: 2026-06-01, replacement: 'z&z'}\n"
        "  'z&z':\n    provider: acme\n    surfaces:\n      api:\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_files_are_self_contained_ascii_and_escape_every_catalogue_string(
    cli: Cli, tmp_path: Path, fmt: str
) -> None:
    result = cli("timeline", "--catalogue", _hostile(tmp_path), "-f", fmt)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.isascii()
    assert "<script" not in text.lower() and "<b>" not in text
    assert "&lt;script&gt;" in text and "X &amp; &lt;Y&gt; &#xe9;" in text
    assert not re.search(r"""(href|src)=["'](?!#)""", text), "no outside references"
    assert "@import" not in text and "url(http" not in text
    svg = text if fmt == "svg" else text[text.index("<svg") : text.index("</svg>") + 6]
    root = ET.fromstring(svg.encode())
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    tip = next(t for t in tips if t.startswith("X & <Y> \xe9 (x<y>) on API & <b>more</b>"))
    assert "retires 2026-06-01" in tip and "replacement: z&z (calls fail)" in tip
    if fmt == "html":
        _Checked().feed(text)


class _Checked(HTMLParser):
    """Fails on a script or an element that loads something."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag not in ("script", "link", "img", "iframe", "object")


def test_the_svg_has_a_tooltip_per_row_a_legend_and_the_day_asked(cli: Cli) -> None:
    root = ET.fromstring(cli("timeline", "-f", "svg").stdout.encode())
    rows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "row"]
    assert len(rows) == 12
    tip = rows[0].find(f"{SVG}title")
    assert tip is not None and tip.text == (
        "GPT-4.1 (gpt-4.1) on ChatGPT\nsince: not given\nannounced 2026-01-29\n"
        "retires 2026-02-13\nfallback: GPT-5.2 (gpt-5.2) (automatic)"
    )
    words = [t.text for t in root.iter(f"{SVG}text")]
    for legend in ("available", "retiring (a date is set)", "retired"):
        assert legend in words
    assert "2026-02-01, the date asked" in words and "2026-02-01" in words
    assert {"Aug", "Jan", "2026", "2027"} <= set(words)


def test_output_is_written_whole_and_stdout_stays_empty(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.svg"
    result = cli("timeline", "-f", "svg", "--output", out)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"timeline of 12 entries written to {out}\n"
    assert out.read_text(encoding="ascii") == (GOLDEN / "timeline-2026-02-01.svg").read_text()
    assert cli("timeline", "-o", "-").stdout == (GOLDEN / "timeline-2026-02-01.table").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-03-01", "--to", "2026-03-01"], "--from 2026-03-01 is not before --to"),
        (["--from", "soon"], "error: --from 'soon' is not a date I can read"),
        (["--to", "2026-02-30"], "error: --to 2026-02-30 is not a real calendar date"),
        (["--date", "nope"], "error: --date 'nope'"),
        (["--surface", "chatgtp"], "unknown surface 'chatgtp'"),
        (["--model", "gpt-4oo"], "unknown model 'gpt-4oo'"),
        (["--format", "png"], "Invalid value for '--format'"),
        (["--output", ""], "--output is empty"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli("timeline", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_folder_as_output_is_an_error_and_a_broken_catalogue_exit_3(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("timeline", "-o", tmp_path)
    assert result.returncode == 2 and "cannot write" in result.stderr
    (tmp_path / "bad.yaml").write_text("version: 1\nproviders: [\n", encoding="utf-8")
    result = cli("timeline", "--catalogue", "bad.yaml")
    assert result.returncode == 3 and result.stderr.startswith("bad.yaml:")


def test_filters_and_the_range_follow_the_date_asked(cli: Cli) -> None:
    text = cli("timeline", "-m", "gpt4o", "-d", "2026-02-14").stdout
    assert text.startswith("Model availability, 2025-08-14 to 2027-02-14\n")
    assert [line.split()[:2] for line in text.splitlines() if line.startswith("  gpt")] == [
        ["gpt-4o", "chatgpt"],
        ["gpt-4o", "api"],
    ]
    nothing = cli("timeline", "-m", "gpt-5.2", "-s", "chatgpt", "--to", "2025-12-10")
    assert (
        "No model matches: none is available between 2025-08-01 and 2025-12-10." in nothing.stdout
    )


@pytest.mark.parametrize("fmt", ["table", "svg", "html"])
@pytest.mark.parametrize(
    "args",
    [
        ["--from", "0001-01-01", "--to", "9999-12-31"],
        ["--date", "9999-10-01"],  # the default range is held within the calendar
        ["--date", "0001-03-01"],
        ["--from", "9999-12-30", "--to", "9999-12-31"],
    ],
)
def test_the_calendars_ends(cli: Cli, fmt: str, args: list[str]) -> None:
    result = cli("timeline", "-s", "api", "-f", fmt, *args)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    if fmt == "table":
        row = next(line for line in result.stdout.splitlines() if line.startswith("  gpt-4o "))
        assert row.endswith("█")  # to the last day drawn
    else:
        svg = result.stdout[result.stdout.index("<svg") : result.stdout.index("</svg>") + 6]
        ET.fromstring(svg)


DATE_TEXTS = st.one_of(
    st.sampled_from(["2026-02-01", "today", "+3m", "-2w", "9999-12-31", "0001-01-01", "x", ""]),
    st.dates().map(str),
    st.text(max_size=12),
)
TIMELINE_OPTIONS = {
    "--date": DATE_TEXTS,
    "--from": DATE_TEXTS,
    "--to": DATE_TEXTS,
    "--surface": st.sampled_from(["api", "chatgpt", "ChatGPT", "nope", ""]),
    "--provider": st.sampled_from(["openai", "OpenAI", "acme", ""]),
    "--model": st.sampled_from(["gpt-4o", "gpt4o", "GPT 4.1", "nope", ""]),
    "--format": st.sampled_from(["table", "svg", "html", "SVG", "png", ""]),
}


@settings(
    max_examples=examples(100),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_any_options_answer_or_are_usage_errors(cli: Cli, data: st.DataObject) -> None:
    names = data.draw(st.lists(st.sampled_from(sorted(TIMELINE_OPTIONS)), max_size=5))
    args = [part for name in names for part in (name, data.draw(TIMELINE_OPTIONS[name]))]
    result = cli("timeline", *args)
    assert result.returncode in (0, 2), (args, result.stderr)
    assert "Traceback" not in result.stderr
    if result.returncode:
        assert result.stdout == "" and result.stderr.startswith(("error: ", "Usage: "))
