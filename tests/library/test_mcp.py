"""``modelsunset mcp``: the server as a client sees it, through the MCP SDK's own client
over stdio (``python -m modelsunset mcp`` as a real process, on the test catalogue), and
its tools called directly. Skipped where the ``mcp`` package is not installed, except for
what the command says then."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from support import TODAY, WAVE, pinned_env, run

HAS_MCP = importlib.util.find_spec("mcp") is not None
needs_mcp = pytest.mark.skipif(
    not HAS_MCP, reason="the mcp package (the modelsunset[mcp] extra) is not installed"
)
TOOLS = {"status", "resolve", "notices", "check_model"}


def _session(tmp: Path, calls: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Start the server, initialize, list the tools and make ``calls``: what came back,
    as plain JSON values (camelCase keys, whichever version of the SDK is installed)."""
    import anyio
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "modelsunset", "mcp"],
        env=pinned_env(tmp, MODELSUNSET_CATALOGUE=str(WAVE)),
        cwd=str(tmp),
    )

    async def talk() -> dict[str, Any]:
        with anyio.fail_after(90):
            async with (
                stdio_client(params) as (read, write),
                ClientSession(read, write) as session,
            ):
                init = await session.initialize()
                listed = await session.list_tools()
                results = [await session.call_tool(name, args) for name, args in calls]
        return {
            "init": init.model_dump(mode="json", by_alias=True),
            "tools": [tool.model_dump(mode="json", by_alias=True) for tool in listed.tools],
            "results": [result.model_dump(mode="json", by_alias=True) for result in results],
        }

    out: dict[str, Any] = anyio.run(talk)
    return out


def _text(result: dict[str, Any]) -> str:
    (item,) = result["content"]
    assert item["type"] == "text"
    text: str = item["text"]
    return text


@needs_mcp
def test_a_client_lists_the_tools_and_resolves_over_stdio(tmp_path: Path) -> None:
    done = _session(
        tmp_path,
        [
            ("resolve", {"model": "gpt-4o", "surface": "chatgpt", "date": "2026-02-14"}),
            ("resolve", {"model": "gpt-4oo", "date": "2026-02-14"}),
            ("status", {"surfaces": ["chatgpt"], "date": "2026-02-14"}),
            ("resolve", {"model": "gpt-4o", "surface": "api"}),
        ],
    )
    assert done["init"]["serverInfo"]["name"] == "modelsunset"
    tools = {tool["name"]: tool for tool in done["tools"]}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool["description"]
        assert tool["inputSchema"]["type"] == "object"
    assert tools["resolve"]["inputSchema"]["required"] == ["model"]
    assert set(tools["resolve"]["inputSchema"]["properties"]) == {"model", "surface", "date"}
    assert tools["notices"]["inputSchema"]["properties"]["within"]["type"] == "integer"

    resolved, unknown, status, today = done["results"]
    assert not resolved.get("isError")
    answer = json.loads(_text(resolved))
    assert answer["resolved"] == "gpt-5.2"
    assert answer["chain"] == ["gpt-4o", "gpt-5.2"]
    assert answer["automatic"] is True
    # An error is a result with the message, and the server goes on answering.
    assert unknown["isError"] is True
    assert "unknown model 'gpt-4oo'" in _text(unknown)
    assert "gpt-4o" in _text(unknown).split("hint:")[1]
    assert [row["model"] for row in json.loads(_text(status))] == ["gpt-5.2"]
    # No date: "today", which MODELSUNSET_DATE pins (support.TODAY).
    assert json.loads(_text(today))["date"] == TODAY


@needs_mcp
def test_the_tools_answer_what_the_json_output_says(tmp_path: Path) -> None:
    """Each tool's text is the command's ``--format json`` output, byte for byte."""
    calls: list[tuple[str, dict[str, Any], list[str]]] = [
        ("status", {"date": "2026-02-14", "include_all": True}, ["status", "--all"]),
        ("resolve", {"model": "gpt-4o", "date": "2026-02-13"}, ["resolve", "gpt-4o"]),
        (
            "notices",
            {"date": "2026-02-01", "within": 30, "providers": ["openai"]},
            ["notices", "--within", "30", "--provider", "openai"],
        ),
        (
            "check_model",
            {"model": "gpt-4.5-preview", "date": "2026-02-14"},
            ["check", "--model", "gpt-4.5-preview"],
        ),
    ]
    done = _session(tmp_path, [(name, args) for name, args, _ in calls])
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    for (name, args, command), result in zip(calls, done["results"], strict=True):
        cli = run(*command, "--date", args["date"], "--format", "json", env=env)
        assert not result.get("isError"), _text(result)
        assert _text(result) == cli.stdout, name


def _catalogue() -> Any:
    from modelsunset import api

    return api.load(WAVE)


def _today(needed: bool) -> date:
    return date(2026, 2, 1)


@pytest.mark.parametrize(
    ("tool", "args", "message"),
    [
        ("resolve", {}, "resolve needs the argument 'model'"),
        ("resolve", {"model": 4}, "argument 'model' of resolve must be a string"),
        ("resolve", {"model": "gpt-4o", "colour": "red"}, "unknown argument 'colour'"),
        ("notices", {"within": -1}, "must be a whole number of 0 or more"),
        ("notices", {"within": True}, "must be a whole number of 0 or more"),
        ("status", {"surfaces": "chatgpt"}, "must be a list of strings"),
        ("status", {"date": "soon"}, "date 'soon' is not a date I can read"),
        ("status", {"surfaces": ["chatgtp"]}, "unknown surface 'chatgtp'"),
        ("resolve", {"model": "gpt-4.5-preview", "surface": "chatgpt"}, "not offered"),
        ("check_model", {"model": "gpt-5-instant"}, "not offered on surface 'api'"),
        ("teleport", {}, "unknown tool 'teleport'"),
    ],
)
def test_a_tool_that_cannot_answer_says_why(tool: str, args: dict[str, Any], message: str) -> None:
    from modelsunset.mcp_server import answer

    text, failed = answer(_catalogue(), _today, tool, args)
    assert failed
    assert message in text


def test_arguments_are_an_object() -> None:
    from modelsunset.mcp_server import answer

    text, failed = answer(_catalogue(), _today, "status", ["2026-02-14"])
    assert failed
    assert text == "the arguments of status are an object, not ['2026-02-14']"


def test_today_is_the_pinned_date_and_a_bad_one_is_an_error_without_a_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from modelsunset import console
    from modelsunset.mcp_server import _clock, answer

    monkeypatch.setenv("MODELSUNSET_DATE", "2026-02-14")
    pinned = _clock(console.session())
    text, _ = answer(_catalogue(), pinned, "resolve", {"model": "gpt-4o", "surface": "api"})
    assert json.loads(text)["date"] == "2026-02-14"
    monkeypatch.setenv("MODELSUNSET_DATE", "someday")
    broken = _clock(console.session())
    text, failed = answer(_catalogue(), broken, "status", {})
    assert failed
    assert text.startswith("MODELSUNSET_DATE 'someday' is not a date I can read")
    text, failed = answer(_catalogue(), broken, "status", {"date": "2026-02-14"})
    assert not failed


def test_null_arguments_count_as_not_given() -> None:
    from modelsunset.mcp_server import answer

    text, failed = answer(_catalogue(), _today, "notices", {"within": None, "date": None})
    assert not failed
    assert json.loads(text)[0]["retires"] == "2026-02-13"


def test_an_unexpected_error_is_an_error_result_too() -> None:
    from modelsunset import mcp_server

    with mock.patch.object(mcp_server, "call", side_effect=RuntimeError("boom")):
        text, failed = mcp_server.answer(_catalogue(), _today, "status", {})
    assert failed
    assert text == "internal error: RuntimeError: boom"


def test_the_examples_of_the_mcp_page_are_what_the_tools_answer() -> None:
    """docs/mcp.md shows a result and an error result of ``resolve`` (bundled catalogue)."""
    import re

    from modelsunset import api
    from modelsunset.mcp_server import answer

    page = (Path(__file__).resolve().parent.parent.parent / "docs" / "mcp.md").read_text("utf-8")
    *_, result = re.findall(r"^```json\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)
    (failure,) = re.findall(r"^```text\n(.*?)^```$", page, re.MULTILINE | re.DOTALL)
    bundled = api.load()
    asked = {"model": "gpt-4o", "surface": "chatgpt", "date": "2026-02-14"}
    assert answer(bundled, _today, "resolve", asked) == (result, False)
    asked = {"model": "gpt-5-instant", "surface": "api"}
    assert answer(bundled, _today, "resolve", asked) == (failure.rstrip("\n"), True)


def test_without_the_sdk_the_command_says_which_extra_to_install(tmp_path: Path) -> None:
    env = pinned_env(tmp_path, MODELSUNSET_CATALOGUE=str(WAVE))
    with mock.patch.dict(sys.modules, {"mcp": None}):
        done = run("mcp", env=env)
    assert done.returncode == 2
    assert "install modelsunset[mcp]" in done.stderr
    assert done.stdout == ""
