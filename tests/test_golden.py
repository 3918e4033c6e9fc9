"""Every format of every command, compared with golden files.

The environment is pinned: the test catalogue, width 100, no colour, and "today" fixed
by MODELSUNSET_DATE. Regenerate after an intended change with
``MODELSUNSET_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import Cli

GOLDEN = Path(__file__).parent / "golden"
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, cli: Cli) -> None:
    args = [arg for arg in CASES[name] if "=" not in arg]
    env = dict(arg.split("=", 1) for arg in CASES[name] if "=" in arg)
    result = cli(*args, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    path = GOLDEN / name
    if os.environ.get("MODELSUNSET_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
