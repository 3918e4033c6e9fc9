"""Output of status, resolve and notices from catalogues nobody checked, in every format: no
line begins with ``::`` or holds ``##[`` (GitHub workflow commands), a control character,
or a character that reorders or hides text; JSON reads back the values as they were.

The loader may refuse such values before a renderer sees them; the renderers do not rely
on it, so these tests hand them records built directly."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

import pytest
from hostile_support import HOSTILE, assert_inert
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples, pinned_env, run

from modelsunset.model import (
    Catalogue,
    Entry,
    Model,
    Notice,
    Provider,
    Resolution,
    State,
    StatusRow,
    Surface,
)
from modelsunset.render import Format, RenderContext, renderer
from modelsunset.render import plain as plain_format
from modelsunset.render.common import md_text, md_url, text
from modelsunset.wording import retirement_sentence

ON = date(2026, 2, 1)


class World(NamedTuple):
    ctx: RenderContext
    row: StatusRow
    resolution: Resolution
    notice: Notice


@st.composite
def worlds(draw: st.DrawFn) -> World:
    """One model on one surface, its successor, and every text of them hostile."""
    mid, successor, sid, pid = draw(st.lists(HOSTILE, min_size=4, max_size=4, unique=True))
    retires = ON + timedelta(days=draw(st.integers(-30, 30)))
    automatic = draw(st.booleans())
    entry = Entry(
        model=mid,
        surface=sid,
        since=ON - timedelta(days=400),
        retires=retires,
        fallback=successor if automatic else None,
        replacement=None if automatic else successor,
        source=draw(HOSTILE),
        note=draw(HOSTILE),
        derived_from=draw(st.none() | HOSTILE),
    )
    model = Model(mid, draw(HOSTILE), pid, (draw(HOSTILE),), {sid: entry})
    after = Model(successor, draw(HOSTILE), pid, (), {sid: Entry(successor, sid)})
    catalogue = Catalogue(
        version=2,
        updated=ON,
        providers={pid: Provider(pid, draw(HOSTILE))},
        surfaces={sid: Surface(sid, draw(HOSTILE))},
        models={mid: model, successor: after},
    )
    state = State.RETIRED if retires <= ON else State.RETIRING
    days = (retires - ON).days
    row = StatusRow(model, entry, state, days)
    resolution = Resolution(
        query=draw(HOSTILE),
        model=mid,
        surface=sid,
        on=ON,
        state=state,
        retires=retires,
        days_left=days,
        resolved=successor,
        chain=(mid, successor),
        automatic=automatic,
        next=successor,
        derived_from=entry.derived_from,
    )
    message = retirement_sentence(catalogue, entry, ON) + " " + draw(HOSTILE)
    ctx = RenderContext(
        on=ON,
        today=ON,
        catalogue=catalogue,
        width=draw(st.integers(20, 160)),
        ascii_only=draw(st.booleans()),
    )
    return World(ctx, row, resolution, Notice(row, message))


def outputs(world: World, fmt: Format) -> list[str]:
    formats = renderer(fmt)
    return [
        formats.status([world.row], world.ctx, all_rows=True),
        formats.resolutions([world.resolution], world.ctx, single=True),
        formats.resolutions([world.resolution, world.resolution], world.ctx, single=False),
        formats.notices([world.notice], world.ctx, within=30),
    ]


@pytest.mark.parametrize("fmt", list(Format))
@settings(max_examples=examples(150), deadline=None)
@given(world=worlds())
def test_no_output_line_acts(fmt: Format, world: World) -> None:
    for output in outputs(world, fmt):
        assert_inert(output, tabs=fmt is Format.plain)


@settings(max_examples=examples(150), deadline=None)
@given(world=worlds())
def test_plain_answers_of_several_models_do_not_act(world: World) -> None:
    groups = [[world.resolution], [world.resolution]]
    assert_inert(plain_format.answers(groups, single=True), tabs=True)
    assert_inert(plain_format.answers(groups, single=False), tabs=True)


@settings(max_examples=examples(150), deadline=None)
@given(world=worlds())
def test_json_reads_back_what_the_catalogue_held(world: World) -> None:
    formats = renderer(Format.json)
    (status,) = json.loads(formats.status([world.row], world.ctx, all_rows=True))
    assert status["model"] == world.row.model.id
    assert status["name"] == world.row.model.name
    assert status["note"] == world.row.entry.note
    assert status["source"] == world.row.entry.source
    one = json.loads(formats.resolutions([world.resolution], world.ctx, single=True))
    assert one["query"] == world.resolution.query
    assert one["chain"] == list(world.resolution.chain)
    (notice,) = json.loads(formats.notices([world.notice], world.ctx, within=30))
    assert notice["message"] == world.notice.message


@settings(max_examples=examples(150), deadline=None)
@given(world=worlds())
def test_csv_keeps_one_record_a_line_and_its_columns(world: World) -> None:
    output = renderer(Format.csv).status([world.row], world.ctx, all_rows=True)
    assert output.count("\n") == 2  # the header and the row
    header, row = list(csv.reader(io.StringIO(output)))
    assert len(row) == len(header)
    assert row[0] == text(world.row.model.id)
    assert row[header.index("note")] == text(world.row.entry.note)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("a|b", "a\\|b"),
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("R&D", "R&amp;D"),
        ("`code`", "\\`code\\`"),
        ("::error::x", "\\::error::x"),
        ("x ##[error]y", "x #\\#[error]y"),
        ("a\x1b[2Jb", "a\\\\x1b[2Jb"),
        ("a\u202eb", "a\\\\u202eb"),
    ],
)
def test_markdown_escapes(value: str, shown: str) -> None:
    assert md_text(value) == shown


def test_a_lone_backtick_in_a_cell_opens_nothing() -> None:
    assert md_text("m`x", cell=True) == "m`x"
    assert md_text("m`x`", cell=True) == "m\\`x\\`"


def test_link_addresses_cannot_end_the_link() -> None:
    assert md_url("https://e.test/a_(b)") == "https://e.test/a_%28b%29"
    assert md_url("https://e.test/x)![t](https://t.test/p.png") == (
        "https://e.test/x%29!%5Bt%5D%28https://t.test/p.png"
    )
    assert md_url("https://e.test/?a=1&b=2#top") == "https://e.test/?a=1&b=2#top"


def test_a_first_csv_cell_that_begins_a_command_is_quoted(tmp_path: Path) -> None:
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(
        "version: 1\nproviders:\n  p: {name: P}\nsurfaces:\n  api: {name: API}\nmodels:\n"
        "  '::error::x': {name: '::warning::y', provider: p, surfaces: {api: }}\n",
        encoding="utf-8",
    )
    result = run("status", "--catalogue", catalogue, "-f", "csv", env=pinned_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith('"::error::x","::warning::y",')
    assert_inert(result.stdout)


# YAML's own escapes: a YAML file may hold no raw control character.
HOSTILE_CATALOGUE = r"""
version: 1
updated: 2026-01-20
providers:
  p: {name: "##[error]Provider"}
surfaces:
  api: {name: "::warning::API"}
models:
  "::error::m\x9b\u202e":
    name: "\u202eM ##[group]x"
    provider: p
    aliases: ["a\u200bb"]
    surfaces:
      api:
        retires: 2026-02-10
        replacement: "next\x9b31m"
        source: "https://e.test/x)##[error]\u202e"
        note: "line\n::error::forged\n##[error]x \e[2J"
  "next\x9b31m":
    name: "Next ::x"
    provider: p
    surfaces: {api: }
"""


@pytest.mark.parametrize("fmt", [fmt.value for fmt in Format])
@pytest.mark.parametrize(
    "args",
    [
        ["status", "--all"],
        ["resolve", "::error::m\x9b\u202e"],
        ["resolve", "::error::m\x9b\u202e", "--surface", "api"],
        ["notices", "--within", "30"],
    ],
)
def test_a_hostile_catalogue_through_the_commands(
    tmp_path: Path, fmt: str, args: list[str]
) -> None:
    catalogue = tmp_path / "hostile.yaml"
    catalogue.write_text(HOSTILE_CATALOGUE, encoding="utf-8")
    env = pinned_env(tmp_path, COLUMNS="60")
    result = run(*args, "--catalogue", catalogue, "-f", fmt, env=env, cwd=tmp_path)
    # A stricter loader may refuse the file (exit 3); what it says must not act either.
    assert result.returncode in (0, 3), result.stderr
    assert_inert(result.stdout, tabs=fmt == "plain")
    assert_inert(result.stderr)
