"""``modelsunset mcp``: the library's answers as Model Context Protocol tools, over stdio.

Four tools, ``status``, ``resolve``, ``notices`` and ``check_model``, each answering with
one text item: the JSON value of the library function of that name (``modelsunset.api``),
written as ``--format json`` writes it. A tool that cannot answer (an unknown model, a
date that names no day, an argument of the wrong type) returns an error result with the
message, and the server goes on serving.

The catalogue is the command line's (``--catalogue``, ``--overlay`` and the environment),
loaded once when the server starts; "today" is ``MODELSUNSET_DATE`` if set, else the day
in UTC at each call.

The ``mcp`` package is an optional extra (``modelsunset[mcp]``), imported only here, when
the server starts. Major versions 1 and 2 of the SDK register handlers differently; both
are served, and its modules are handled as ``Any`` so that either can be installed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from modelsunset.commands import Session, Sources
from modelsunset.errors import EXIT_OK, DomainError, ModelsunsetError, UsageError
from modelsunset.model import Catalogue

_DATE = {
    "type": "string",
    "description": (
        "The day to answer for: YYYY-MM-DD, 'today' or a date such as '14 Feb 2026'. "
        "Default: today (UTC)."
    ),
}
_MODEL = {
    "type": "string",
    "description": "A model id, alias, or name as people write it ('gpt-4o', 'GPT 4.1 mini').",
}


def _names(what: str) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}, "description": what}


def _days(what: str, default: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "default": default, "description": what}


def _schema(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(required),
        "additionalProperties": False,
    }


TOOLS: dict[str, tuple[str, dict[str, Any]]] = {
    "status": (
        "Models and their state (active, retiring, retired, upcoming) on each surface "
        "(chatgpt, api, azure, vertex, ...) on a date: the entries available then, or with "
        "include_all every entry. Each row has the retirement day, days left and successor.",
        _schema(
            {
                "date": _DATE,
                "surfaces": _names("Only these surfaces (ids such as 'chatgpt', 'api')."),
                "providers": _names("Only these providers' models ('openai', 'anthropic')."),
                "include_all": {
                    "type": "boolean",
                    "default": False,
                    "description": "Also list upcoming and retired entries.",
                },
            }
        ),
    ),
    "resolve": (
        "Which model serves a model on a surface on a date, following automatic fallbacks "
        "and recommended replacements of retired models. With a surface, one answer; "
        "without, one per surface the model is offered on. 'resolved' is null when no "
        "model is available; 'automatic' says whether every step was a fallback.",
        _schema(
            {
                "model": _MODEL,
                "surface": {
                    "type": "string",
                    "description": "Answer for this surface only ('chatgpt', 'api', ...).",
                },
                "date": _DATE,
            },
            ("model",),
        ),
    ),
    "notices": (
        "Migration notices for the models that retire within the given number of days "
        "of a date, soonest first: the model, surface, day, successor, whether the move "
        "is automatic, and a message to send to the people who use the model.",
        _schema(
            {
                "date": _DATE,
                "within": _days("Days ahead to look (the day itself counts).", 90),
                "surfaces": _names("Only these surfaces."),
                "providers": _names("Only these providers' models."),
            }
        ),
    ),
    "check_model": (
        "Judge one model as the CI gate does: an error when it is retired on the date or "
        "retires within fail_within days, a warning within warn_within days, with what "
        "to move to. Surfaces default to the provider's own developer API ('api').",
        _schema(
            {
                "model": _MODEL,
                "surfaces": _names("The surfaces to judge it on (default: ['api'])."),
                "date": _DATE,
                "fail_within": _days("Error for a model retiring within this many days.", 0),
                "warn_within": _days("Warning for a model retiring within this many days.", 90),
            },
            ("model",),
        ),
    ),
}


class ToolFailure(Exception):
    """A tool that cannot answer: its message is the error result's text."""


def _arguments(tool: str, given: object) -> dict[str, Any]:
    """The arguments of a call, checked against the tool's schema; null counts as not
    given."""
    schema = TOOLS[tool][1]
    properties: dict[str, Any] = schema["properties"]
    if given is not None and not isinstance(given, Mapping):
        raise ToolFailure(f"the arguments of {tool} are an object, not {given!r}")
    values = {key: value for key, value in (given or {}).items() if value is not None}
    for key in values:
        if key not in properties:
            raise ToolFailure(
                f"unknown argument '{key}' for {tool}; allowed: {', '.join(properties)}"
            )
    for key in schema["required"]:
        if key not in values:
            raise ToolFailure(f"{tool} needs the argument '{key}'")
    for key, value in values.items():
        kind = properties[key]["type"]
        if kind == "string":
            fits = isinstance(value, str)
        elif kind == "boolean":
            fits = isinstance(value, bool)
        elif kind == "integer":
            fits = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            kind = "whole number of 0 or more"
        else:
            fits = isinstance(value, list) and all(isinstance(item, str) for item in value)
            kind = "list of strings"
        if not fits:
            raise ToolFailure(f"argument '{key}' of {tool} must be a {kind}, not {value!r}")
    return values


Today = Callable[[bool], date]
"""Today's date; with ``True``, an error when ``MODELSUNSET_DATE`` names no day (it is
only needed where no date is given)."""


def call(catalogue: Catalogue, today: Today, tool: str, given: object) -> Any:
    """The JSON value a tool answers with; ``ToolFailure`` or modelsunset's errors when it
    cannot answer."""
    from modelsunset import api

    if tool not in TOOLS:
        raise ToolFailure(f"unknown tool '{tool}'; the tools are: {', '.join(TOOLS)}")
    args = _arguments(tool, given)
    on = _day(args.get("date"), today)
    if tool == "status":
        return api.status(
            catalogue,
            on,
            args.get("surfaces", ()),
            args.get("providers", ()),
            args.get("include_all", False),
        )
    if tool == "resolve":
        return api.resolve(catalogue, args["model"], on, args.get("surface"))
    if tool == "notices":
        return api.notices(
            catalogue,
            on,
            args.get("within", 90),
            args.get("surfaces", ()),
            args.get("providers", ()),
        )
    return api.check_model(
        catalogue,
        args["model"],
        on,
        args.get("surfaces") or ("api",),
        args.get("fail_within", 0),
        args.get("warn_within", 90),
    )


def _day(text: str | None, today: Today) -> date:
    from modelsunset.dates import parse_date

    return today(True) if text is None else parse_date(text, today(False))


def error_text(exc: Exception) -> str:
    """The text of an error result: what is wrong and, where there is one, what to do."""
    from modelsunset.commands import usage_error
    from modelsunset.errors import OnOneSurface

    if isinstance(exc, OnOneSurface):
        return f"{exc}\nhint: leave surface out, or ask for {exc.model} on {exc.surface}"
    if isinstance(exc, DomainError):
        exc = usage_error(exc, "date")
    if isinstance(exc, ModelsunsetError):
        return exc.message + (f"\nhint: {exc.hint}" if exc.hint else "")
    if isinstance(exc, ToolFailure):
        return str(exc)
    return f"internal error: {type(exc).__name__}: {exc}"


def answer(catalogue: Catalogue, today: Today, tool: str, given: object) -> tuple[str, bool]:
    """The text of a call's result, and whether it is an error. Never raises (but for
    ``BaseException``s such as a cancelled task): any error becomes an error result."""
    from modelsunset.render.json import dumps

    try:
        return dumps(call(catalogue, today, tool, given)), False
    except Exception as exc:
        return error_text(exc), True


def _clock(session: Session) -> Today:
    """Today: ``MODELSUNSET_DATE`` when set (as the session read it), else the day in UTC
    at each call, so a server running over midnight moves on with the date."""
    from datetime import UTC, datetime

    def today(needed: bool) -> date:
        if os.environ.get("MODELSUNSET_DATE"):
            if session.pinned_error is None:
                return session.today
            if needed:
                raise session.pinned_error
        return datetime.now(UTC).date()

    return today


def _import_sdk() -> Any:
    import importlib

    try:
        importlib.import_module("mcp")
        return importlib.import_module("mcp.server")
    except ImportError as exc:
        raise UsageError(
            f"`modelsunset mcp` needs the MCP Python SDK, which is not installed ({exc})",
            hint="install modelsunset[mcp]: pip install 'modelsunset[mcp]'",
        ) from None


def serve(session: Session, sources: Sources) -> int:
    """Serve the tools on stdin and stdout until the client closes the connection."""
    import importlib

    sdk = _import_sdk()
    catalogue = sources.load(session.err)
    today = _clock(session)
    types: Any = importlib.import_module("mcp.types")
    stdio: Any = importlib.import_module("mcp.server.stdio")
    anyio: Any = importlib.import_module("anyio")

    def tools() -> list[Any]:
        return [
            types.Tool.model_validate({"name": name, "description": text, "inputSchema": schema})
            for name, (text, schema) in TOOLS.items()
        ]

    def content(text: str) -> list[Any]:
        return [types.TextContent(type="text", text=text)]

    server = _server(sdk.Server, types, tools, content, catalogue, today)

    async def main() -> None:
        async with stdio.stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    anyio.run(main)
    return EXIT_OK


def _server(
    server_type: Any,
    types: Any,
    tools: Callable[[], list[Any]],
    content: Callable[[str], list[Any]],
    catalogue: Catalogue,
    today: Today,
) -> Any:
    """A low-level ``Server`` of either major version of the SDK, with the two handlers."""
    import inspect

    from modelsunset import __version__

    if "on_call_tool" in inspect.signature(server_type.__init__).parameters:
        # Version 2: handlers given to the constructor, taking (context, params).
        async def on_list_tools(ctx: Any, params: Any) -> Any:
            return types.ListToolsResult(tools=tools())

        async def on_call_tool(ctx: Any, params: Any) -> Any:
            text, failed = answer(catalogue, today, params.name, params.arguments)
            return types.CallToolResult.model_validate(
                {"content": content(text), "isError": failed}
            )

        return server_type(
            "modelsunset",
            version=__version__,
            on_list_tools=on_list_tools,
            on_call_tool=on_call_tool,
        )
    # Version 1: handlers registered by decorators; an exception raised by a tool becomes
    # an error result with its message.
    server = server_type("modelsunset")

    async def list_tools() -> list[Any]:
        return tools()

    async def call_tool(name: str, arguments: Any) -> list[Any]:
        text, failed = answer(catalogue, today, name, arguments)
        if failed:
            raise ToolFailure(text)
        return content(text)

    server.list_tools()(list_tools)
    server.call_tool()(call_tool)
    return server
