"""Every format of every command, compared with golden files.

The environment is pinned: the test catalogue, width 100, no colour, and "today" fixed
by MODELSUNSET_DATE. Regenerate after an intended change with
``MODELSUNSET_UPDATE_GOLDEN=1 pytest tests/render/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import Cli

GOLDEN = Path(__file__).parent.parent / "golden"
FORMATS = ("table", "json", "plain", "markdown", "csv")

CASES: dict[str, list[str]] = {}
for fmt in FORMATS:
    CASES[f"status-all-2026-02-14.{fmt}"] = ["status", "--all", "--date", "2026-02-14", "-f", fmt]
    CASES[f"resolve-gpt-4o-2026-02-13.{fmt}"] = [
        "resolve",
        "GPT-4o",
        "--date",
        "2026-02-13",
        "-f",
        fmt,
    ]
    CASES[f"resolve-gpt-4o-chatgpt-2026-02-13.{fmt}"] = [
        "resolve",
        "gpt-4o",
        "--surface",
        "chatgpt",
        "--date",
        "2026-02-13",
        "-f",
        fmt,
    ]
    CASES[f"notices-2026-02-01-within-30.{fmt}"] = [
        "notices",
        "--date",
        "2026-02-01",
        "--within",
        "30",
        "-f",
        fmt,
    ]
    CASES[f"notices-none.{fmt}"] = ["notices", "--date", "2026-03-01", "-f", fmt]
CASES["status-2026-02-01.table"] = ["status", "--date", "2026-02-01"]
CASES["status-api-provider-2026-02-01.markdown"] = [
    "status",
    "--surface",
    "api",
    "--provider",
    "openai",
    "--date",
    "2026-02-01",
    "-f",
    "markdown",
]
CASES["resolve-gpt-4.5-preview-2026-02-14.table"] = [
    "resolve",
    "gpt-4.5-preview",
    "--date",
    "2026-02-14",
]
CASES["validate.txt"] = ["validate"]
# iCalendar files, line ends read as "\n" here (test_calendar compares the CRLF bytes).
CASES["calendar-2026-02-01.ics"] = ["calendar", "--date", "2026-02-01"]
CASES["calendar-all-api-no-alarms.ics"] = ["calendar", "--all", "-s", "api", "--alarms", ""]
CASES["calendar-gpt4o-within-30.ics"] = ["calendar", "-m", "gpt4o", "-w", "30", "--alarms", "7"]
CASES["status-all-2026-02-14-narrow.table"] = ["status", "--all", "-d", "2026-02-14", "COLUMNS=80"]
CASES["resolve-gpt-4o-2026-02-13-narrow.table"] = [
    "resolve",
    "gpt-4o",
    "-d",
    "2026-02-13",
    "COLUMNS=60",
]
CASES["status-all-2026-02-14-wide.table"] = [
    "status",
    "--all",
    "--date",
    "2026-02-14",
    "COLUMNS=130",
]

# Format 2: derived dates, floors, surface aliases and prefixes (tests/fixtures/format2.yaml).
FORMAT2 = f"MODELSUNSET_CATALOGUE={Path(__file__).parent.parent / 'fixtures' / 'format2.yaml'}"
for fmt in FORMATS:
    CASES[f"v2-status-all-2026-10-01.{fmt}"] = ["status", "--all", "-d", "2026-10-01", "-f", fmt]
    CASES[f"v2-resolve-o3-2026-12-01.{fmt}"] = ["resolve", "o3", "-d", "2026-12-01", "-f", fmt]
    CASES[f"v2-notices-2026-10-01.{fmt}"] = ["notices", "-d", "2026-10-01", "-f", fmt]
CASES["v2-resolve-bedrock-id-2026-07-01.table"] = [
    "resolve",
    "anthropic.claude-3-sonnet-20240229-v1:0",
    "-d",
    "2026-07-01",
]
CASES["v2-resolve-azure-prefix-2026-10-01.json"] = [
    "resolve",
    "azure/o3",
    "-d",
    "2026-10-01",
    "-f",
    "json",
]
# Chinese (--lang zh): notices and resolve, dates and day counts as babel writes them.
for fmt in ("table", "json", "plain", "markdown"):
    CASES[f"zh-notices-2026-02-01-within-30.{fmt}"] = [
        "notices",
        "--date",
        "2026-02-01",
        "--within",
        "30",
        "--lang",
        "zh",
        "-f",
        fmt,
    ]
for fmt in ("table", "json", "markdown"):
    CASES[f"zh-resolve-gpt-4o-2026-02-13.{fmt}"] = ["resolve", "GPT-4o", "-d", "2026-02-13"]
    CASES[f"zh-resolve-gpt-4o-2026-02-13.{fmt}"] += ["--lang", "zh", "-f", fmt]
CASES["zh-notices-none.table"] = ["notices", "--date", "2026-03-01", "--lang", "zh"]
CASES["zh-resolve-gpt-4.5-preview-2026-02-14.table"] = [
    "resolve",
    "gpt-4.5-preview",
    "--date",
    "2026-02-14",
    "MODELSUNSET_LANG=zh",
]
for fmt in ("table", "markdown"):
    CASES[f"v2-zh-notices-2026-10-01.{fmt}"] = ["notices", "-d", "2026-10-01", "-f", fmt]
    CASES[f"v2-zh-notices-2026-10-01.{fmt}"] += ["--lang", "zh"]
CASES["v2-zh-resolve-o3-2026-12-01.table"] = ["resolve", "o3", "-d", "2026-12-01", "--lang", "zh"]
for name in [case for case in CASES if case.startswith("v2-")]:
    CASES[name] += [FORMAT2, "MODELSUNSET_DATE=2026-12-01"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, cli: Cli) -> None:
    args = [arg for arg in CASES[name] if "=" not in arg]
    env = dict(arg.split("=", 1) for arg in CASES[name] if "=" in arg)
    result = cli(*args, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    path = GOLDEN / name
    got = result.stdout
    if name.endswith(".ics"):  # PRODID names the version: the files outlive a release
        got = unversioned(got)
    if os.environ.get("MODELSUNSET_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def unversioned(text: str) -> str:
    from modelsunset import __version__

    return text.replace(f"//modelsunset {__version__}//", "//modelsunset VERSION//")
