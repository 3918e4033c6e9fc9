"""`modelsunset calendar`: the iCalendar file, read back by two parsers (icalendar and
ics), its events, UIDs, alarms and escaping, and where it is written."""

from __future__ import annotations

import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import icalendar
import ics
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import WAVE, Cli, command, examples, pinned_env, run
from support.builders import D, catalogue
from test_golden import GOLDEN, unversioned

from modelsunset import calendar as ical
from modelsunset.resolver import status

WAVE_EVENTS = 6  # the ChatGPT wave of 2026-02-13


def _events(data: str | bytes) -> list[icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(data)
    return [c for c in parsed.walk() if c.name == "VEVENT"]  # type: ignore[misc]


def _control_free(data: bytes) -> bool:
    """No control character but the CRLF that ends each line."""
    lines = data.split(b"\r\n")
    return lines[-1] == b"" and not any(b < 0x20 or b == 0x7F for line in lines for b in line)


def test_the_file_written_is_the_golden_one_with_crlf_line_ends(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = cli("calendar", "--date", "2026-02-01", "--output", out)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"{WAVE_EVENTS} events written to {out}\n"
    data = out.read_bytes()
    golden = (GOLDEN / "calendar-2026-02-01.ics").read_text(encoding="utf-8")
    assert unversioned(data.decode()) == golden.replace("\n", "\r\n")
    assert _control_free(data)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded as RFC 5545 asks


def test_both_parsers_read_the_same_events(cli: Cli) -> None:
    text = cli("calendar", "--date", "2026-02-01").stdout
    events = _events(text)
    assert len(events) == WAVE_EVENTS
    other = ics.Calendar(text)
    assert len(other.events) == WAVE_EVENTS
    by_uid = {event.uid: event for event in other.events}
    for event in events:
        uid = str(event["UID"])
        assert uid.endswith("@modelsunset")
        assert event.decoded("DTSTART") == date(2026, 2, 13)
        assert event.decoded("DTEND") == date(2026, 2, 14)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["SUMMARY"]).endswith(" retires from ChatGPT")
        assert "Fallback: GPT-5.2 (gpt-5.2), automatic" in str(event["DESCRIPTION"])
        triggers = [alarm.decoded("TRIGGER") for alarm in event.subcomponents]
        assert triggers == [timedelta(days=-d) for d in (90, 30, 7, 0)]
        assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in event.subcomponents)
        seen = by_uid[uid]
        assert seen.all_day and seen.name == str(event["SUMMARY"])
        assert seen.begin.date() == date(2026, 2, 13)
        assert seen.url == str(event["URL"])
        assert seen.url.startswith("https://openai.com/index/")
        assert seen.description == str(event["DESCRIPTION"])
        assert len(seen.alarms) == 4
    gpt4o = next(e for e in events if str(e["SUMMARY"]) == "GPT-4o retires from ChatGPT")
    assert "Existing conversations continue on GPT-5.2." in str(gpt4o["DESCRIPTION"])


def test_the_calendar_and_its_stamp_do_not_change_with_the_day_asked(cli: Cli) -> None:
    early = cli("calendar", "--all", "--date", "2025-01-01").stdout
    late = cli("calendar", "--all", "--date", "2027-06-30", MODELSUNSET_DATE="2030-01-01").stdout
    assert early == late
    stamps = {str(event["DTSTAMP"].to_ical().decode()) for event in _events(early)}
    assert stamps == {"20260130T000000Z"}  # the catalogue's `updated`


def test_only_future_retirements_unless_all_and_within_bounds_them(cli: Cli) -> None:
    def summaries(*args: str) -> list[str]:
        result = cli("calendar", *args)
        assert result.returncode == 0, result.stderr
        return [str(event["SUMMARY"]) for event in _events(result.stdout)]

    assert len(summaries("-d", "2026-02-13")) == WAVE_EVENTS  # the day itself counts
    assert summaries("-d", "2026-02-14") == []
    past = summaries("-d", "2026-02-14", "--all")
    assert past[0] == "GPT-4.5 Preview retires from Developer API"  # soonest first
    assert len(past) == WAVE_EVENTS + 1
    assert summaries("-d", "2026-02-01", "--within", "11") == []
    assert len(summaries("-d", "2026-02-01", "--within", "12")) == WAVE_EVENTS
    assert len(summaries("-d", "2026-01-13", "--within", "1m")) == WAVE_EVENTS
    assert summaries("-d", "2026-02-01", "-s", "api") == []
    assert summaries("-d", "2026-02-01", "-m", "GPT 4o", "-m", "o4-mini") == [
        "GPT-4o retires from ChatGPT",
        "OpenAI o4-mini retires from ChatGPT",
    ]
    assert summaries("-d", "2026-02-01", "-p", "openai", "-m", "gpt-5.2") == []


def test_a_uid_comes_from_model_and_surface_only(cli: Cli, tmp_path: Path) -> None:
    moved = tmp_path / "moved.yaml"
    moved.write_text(
        "version: 1\nupdated: 2026-02-05\nmodels:\n  gpt-4o:\n    surfaces:\n"
        "      chatgpt: {retires: 2026-03-01}\n"
    )
    before = _events(cli("calendar", "-m", "gpt-4o").stdout)
    after = _events(cli("calendar", "-m", "gpt-4o", "--overlay", moved).stdout)
    assert [str(e["UID"]) for e in before] == [str(e["UID"]) for e in after]
    assert (before[0].decoded("DTSTART"), after[0].decoded("DTSTART")) == (
        date(2026, 2, 13),
        date(2026, 3, 1),
    )
    assert after[0]["DTSTAMP"].to_ical() == b"20260205T000000Z"  # later: clients update
    pairs = [("a", "b"), ("b", "a"), ("ab", "c"), ("a", "bc"), ("a-b", "c"), ("a", "b-c")]
    assert len({ical.uid(model, surface) for model, surface in pairs}) == len(pairs)
    assert ical.uid("a", "api") == ical.uid("a", "api")


@pytest.mark.parametrize(
    ("alarms", "triggers"),
    [("", []), ("7", [7]), ("0, 30,7,30", [30, 7, 0]), (" ", [])],
)
def test_alarms_are_configurable(cli: Cli, alarms: str, triggers: list[int]) -> None:
    result = cli("calendar", "-m", "gpt-4o", "--alarms", alarms)
    assert result.returncode == 0, result.stderr
    (event,) = _events(result.stdout)
    assert [a.decoded("TRIGGER") for a in event.subcomponents] == [
        timedelta(days=-d) for d in triggers
    ]
    descriptions = [str(a["DESCRIPTION"]) for a in event.subcomponents]
    if 0 in triggers:
        assert descriptions[-1] == "GPT-4o retires from ChatGPT today"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--alarms", "7,x"], "--alarms '7,x' has 'x', which is not a number of days"),
        (["--alarms", "7,,0"], "has an empty item"),
        (["--alarms", "-1"], "not a number of days"),
        (["--alarms", "99999"], "at most 3660"),
        (["--within", "soon"], "'soon' is not a number of days"),
        (["--model", "gpt-4p"], "did you mean 'gpt-4o'"),
        (["--surface", "chatgtp"], "did you mean 'chatgpt'"),
        (["--date", "-5"], "a count from today needs a unit"),
        (["--output", ""], "--output is empty"),
    ],
)
def test_usage_errors(cli: Cli, args: list[str], says: str) -> None:
    result = cli("calendar", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert says in " ".join(result.stderr.replace("│", " ").split()), result.stderr


def test_the_output_file_is_replaced_whole_and_keeps_its_mode(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    out.write_text("old")
    out.chmod(0o640)
    assert cli("calendar", "-o", out).returncode == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    link = tmp_path / "link.ics"
    link.symlink_to(out)
    assert cli("calendar", "-o", link, "--alarms", "").returncode == 0
    assert link.is_symlink() and b"VALARM" not in out.read_bytes()
    dash = cli("calendar", "-o", "-")
    assert dash.stdout.startswith("BEGIN:VCALENDAR\n") and dash.stderr == ""


@pytest.mark.parametrize("where", ["missing/plan.ics", ".", "/dev/null"])
def test_an_output_that_cannot_be_written_exits_2(cli: Cli, tmp_path: Path, where: str) -> None:
    result = cli("calendar", "-o", where)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: cannot write {where}: ")
    assert "Traceback" not in result.stderr
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_stdout_carries_the_crlf_bytes_and_other_commands_never_load_icalendar(
    tmp_path: Path,
) -> None:
    """A real process: its stdout is a pipe of bytes, and its imports are its own."""
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE), PYTHONIOENCODING="ascii")
    done = subprocess.run([*command(), "calendar"], capture_output=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    golden = (GOLDEN / "calendar-2026-02-01.ics").read_text(encoding="utf-8")
    assert unversioned(done.stdout.decode()) == golden.replace("\n", "\r\n")
    script = (
        "import sys\nfrom modelsunset.cli import main\nsys.argv[1:] = ['resolve', 'gpt-4o']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('icalendar' in sys.modules, file=sys.stderr)\n"
    )
    python = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert python.stderr.strip().endswith("False"), python.stderr


# -- the pure building, on catalogues the loader cannot write yet (floors) -------------


def _build(models: dict[str, dict[str, dict[str, object]]], on: str = "2026-02-01") -> bytes:
    built = catalogue(models, names={"a": "Model A", "b": "Model B"})
    rows = ical.select(status(built, D(on), include_all=True), D(on))
    return ical.build(built, rows, ical.Options(stamp=D(on), version="9.9"))


def test_a_floor_is_a_tentative_event_that_may_retire() -> None:
    data = _build(
        {
            "a": {"api": {"not_before": D("2026-06-01"), "replacement": "b"}},
            "b": {"api": {}},
        }
    )
    (event,) = _events(data)
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["SUMMARY"]) == "Model A may retire from Api"
    assert event.decoded("DTSTART") == date(2026, 6, 1)
    assert "no day is set yet" in str(event["DESCRIPTION"])
    assert "Replacement: Model B (b), not automatic" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == ical.uid("a", "api")  # the same when a day is set
    assert ics.Calendar(data.decode()).events.pop().status == "TENTATIVE"
    assert b"PRODID:-//modelsunset//modelsunset 9.9//EN\r\n" in data


def test_catalogue_text_is_escaped_and_loses_its_control_characters() -> None:
    note = "Red \x1b[31malert\x07; a, b \\ c\r\nnext line\u2028and\x85more\x00."
    data = _build(
        {
            "a": {
                "api": {
                    "retires": "2026-03-01",
                    "note": note,
                    "source": "https://example.com/a?b=1;c=2\r\nX-EVIL:1",
                }
            }
        }
    )
    assert _control_free(data)
    assert b"\r\nX-EVIL" not in data
    (event,) = _events(data)
    description = str(event["DESCRIPTION"])
    assert "Red [31malert; a, b \\ c next line and more." in description
    assert str(event["URL"]) == "https://example.com/a?b=1;c=2 X-EVIL:1"
    (other,) = ics.Calendar(data.decode()).events
    assert other.description == description


def test_an_entry_with_no_successor_says_so_and_a_lone_surrogate_is_replaced() -> None:
    data = _build({"a": {"api": {"retires": "2026-03-01", "note": "odd \ud800 text"}}})
    (event,) = _events(data)
    assert "No successor is named" in str(event["DESCRIPTION"])
    assert "odd \ufffd text" in str(event["DESCRIPTION"])
    assert "URL" not in event


def test_alarm_days_read_from_text() -> None:
    assert ical.parse_alarms("90,30,7,0") == (90, 30, 7, 0)
    assert ical.parse_alarms("7, 90 ,7") == (90, 7)
    assert ical.parse_alarms("") == ()
    for bad in ("x", "1,,2", "\uff13", "3661", "1" * 40):  # a full-width 3 is no number
        with pytest.raises(ValueError):
            ical.parse_alarms(bad)


def test_no_events_is_still_a_calendar(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    result = run("calendar", "--date", "2030-01-01", env=env)
    assert result.returncode == 0
    parsed = icalendar.Calendar.from_ical(result.stdout)
    assert _events(result.stdout) == [] and str(parsed["VERSION"]) == "2.0"
    assert ics.Calendar(result.stdout).events == set()


@settings(max_examples=examples(200), deadline=None)
@given(name=st.text(min_size=1, max_size=30), note=st.text(max_size=200), source=st.text())
def test_any_catalogue_text_makes_a_file_both_parsers_read(
    name: str, note: str, source: str
) -> None:
    built = catalogue(
        {"a": {"api": {"retires": "2026-03-01", "note": note, "source": source or None}}},
        names={"a": name},
    )
    rows = ical.select(status(built, D("2026-02-01"), include_all=True), D("2026-02-01"))
    data = ical.build(built, rows, ical.Options(stamp=D("2026-01-01"), version="1"))
    assert _control_free(data)
    (event,) = _events(data)
    assert str(event["SUMMARY"]) == ical.clean(f"{name} retires from Api")
    lines = str(event["DESCRIPTION"]).split("\n")
    if ical.clean(note):
        assert lines[2] == ical.clean(note)
    (other,) = ics.Calendar(data.decode()).events
    assert other.name == str(event["SUMMARY"]) and other.description == str(event["DESCRIPTION"])


@settings(max_examples=examples(100), deadline=None)
@given(
    day=st.one_of(st.sampled_from(["next friday", "+3m", "-5", "end of quarter"]), st.text()),
    within=st.one_of(st.sampled_from(["90", "3m", "-1", "1y", "99999999y"]), st.text()),
    alarms=st.one_of(st.sampled_from(["", "90,30", "7,,0", "x"]), st.text()),
)
def test_any_options_answer_or_are_usage_errors(day: str, within: str, alarms: str) -> None:
    env = pinned_env(None, MODELSUNSET_CATALOGUE=str(WAVE))
    for args in (
        ["calendar", "--date", day, "--within", within, "--alarms", alarms],
        ["notices", "--date", day, "--within", within],
    ):
        result = run(*args, env=env)
        assert result.returncode in (0, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr
        if result.returncode == 2:
            assert result.stdout == ""
