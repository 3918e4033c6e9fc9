"""Properties under generated input.

1. The catalogue reader: generated catalogues (valid ones, the same ones mutated, and
   arbitrary YAML-ish text or bytes) either give a Catalogue or raise CatalogueError,
   nothing else, each within a deadline; a valid one reads back exactly as generated; every
   problem names a given file and a line inside it, in order.
2. The command line: random dates, model, surface, provider and format names and option
   mixes never give a traceback nor an exit code outside 0-3. Most examples run in-process;
   a few through the installed command. The date is always pinned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from malformed import CORPUS, PINNED_DATE, run, run_installed
from support import examples
from typer.testing import CliRunner

from modelsunset.catalogue import parse
from modelsunset.catalogue.values import HOSTILE
from modelsunset.cli import _only, app
from modelsunset.errors import CatalogueError
from modelsunset.model import Catalogue

PARSE_DEADLINE = timedelta(seconds=3)
CLI_DEADLINE = timedelta(seconds=10)

# -- generating catalogues ---------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*")
_NULLISH = {"null", "Null", "NULL", "~"}
_SEPARATORS = re.compile(r"[\s_]+")


def normal(name: str) -> str:
    """Names as the contract finds them: case-insensitive, spaces and underscores as hyphens."""
    return _SEPARATORS.sub("-", name.strip()).lower()


class Quoted(str):
    """A value always written double-quoted."""


def scalar(value: Any) -> str:
    if isinstance(value, Quoted):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value not in _NULLISH:
            return value  # ids are read as written: `no`, `5.2`, `1e3` stay as they are
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(value)


def emit(mapping: dict[str, Any], indent: int = 0) -> list[str]:
    """Block-style YAML for nested mappings of scalars, lists of scalars and nulls."""
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        head = f"{pad}{scalar(key)}:"
        if isinstance(value, dict):
            if value:
                lines.append(head)
                lines += emit(value, indent + 2)
            else:
                lines.append(head + " {}")
        elif isinstance(value, list):
            lines.append(head + " [" + ", ".join(scalar(item) for item in value) + "]")
        elif value is None:
            lines.append(head)
        else:
            lines.append(f"{head} {scalar(value)}")
    return lines


IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}(\.[0-9])?", fullmatch=True),
    # What YAML 1.1 would read as booleans, numbers or dates when written plainly.
    st.sampled_from(
        [
            "no",
            "on",
            "off",
            "yes",
            "y",
            "n",
            "True",
            "5.2",
            "1e3",
            "0x1F",
            "0o17",
            "1_000",
            "2026-01-01",
            "-1",
            ".5",
            "12:30",
        ]
    ),
)
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Cf", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(
    # text of spaces alone is an empty value; characters that show nothing are refused
    lambda text: bool(text.strip()) and HOSTILE.search(text) is None
)
DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))
URLS = st.sampled_from(
    ["https://openai.com/index/deprecations", "http://example.test/a?b=c#d", "https://x.test"]
)


def written_date(draw: st.DrawFn, day: date) -> Any:
    """Dates plain (YAML reads them as dates) or quoted (YAML reads them as text)."""
    return Quoted(day.isoformat()) if draw(st.booleans()) else day


@dataclass
class Expected:
    providers: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    surfaces: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    models: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    entries: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


@st.composite
def valid_catalogues(draw: st.DrawFn) -> tuple[str, Expected]:
    """A catalogue that keeps every rule, as YAML text, and what it must read as."""
    expected = Expected()
    taken: set[str] = set()

    def fresh(strategy: st.SearchStrategy[str]) -> str:
        return draw(strategy.filter(lambda name: normal(name) not in taken))

    provider_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    surface_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    doc: dict[str, Any] = {"version": "1"}
    if draw(st.booleans()):
        doc["updated"] = written_date(draw, draw(DATES))
    doc["providers"] = {}
    for pid in provider_ids:
        name, url = draw(TEXT), draw(st.none() | URLS)
        doc["providers"][pid] = {"name": Quoted(name)} | ({"url": url} if url else {})
        expected.providers[pid] = (name, url)
    doc["surfaces"] = {}
    for index, sid in enumerate(surface_ids):
        name = draw(TEXT)
        bound = None if index == 0 else draw(st.none() | st.sampled_from(provider_ids))
        doc["surfaces"][sid] = {"name": Quoted(name)} | ({"provider": bound} if bound else {})
        expected.surfaces[sid] = (name, bound)

    count = draw(st.integers(min_value=1, max_value=6))
    model_ids: list[str] = []
    aliases: dict[str, list[str]] = {}
    for _ in range(count):
        mid = fresh(IDS)
        taken.add(normal(mid))
        model_ids.append(mid)
        aliases[mid] = []
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            alias = fresh(IDS | TEXT)
            taken.add(normal(alias))
            aliases[mid].append(alias)

    models: dict[str, Any] = {}
    # Successors point to later models only, so there is never a cycle; models are built
    # last first, so a successor's dates are known when a model picks its retirement day.
    for index in reversed(range(count)):
        mid = model_ids[index]
        provider = draw(st.sampled_from(provider_ids))
        allowed = [s for s in surface_ids if expected.surfaces[s][1] in (None, provider)]
        offered = draw(st.lists(st.sampled_from(allowed), min_size=1, unique=True))
        body: dict[str, Any] = {}
        name = draw(st.none() | TEXT)
        if name is not None:
            body["name"] = Quoted(name)
        body["provider"] = provider
        if aliases[mid]:
            body["aliases"] = list(aliases[mid])
        body["surfaces"] = {}
        for sid in offered:
            written, values = draw_entry(draw, sid, model_ids[index + 1 :], expected, aliases)
            body["surfaces"][sid] = written
            expected.entries[(mid, sid)] = values
        models[mid] = body
        expected.models[mid] = (name if name is not None else mid, provider, tuple(aliases[mid]))
    doc["models"] = {mid: models[mid] for mid in model_ids}
    return "\n".join(emit(doc)) + "\n", expected


def draw_entry(
    draw: st.DrawFn,
    sid: str,
    later: list[str],
    expected: Expected,
    aliases: dict[str, list[str]],
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    values: dict[str, Any] = dict.fromkeys(
        ("since", "announced", "retires", "fallback", "replacement", "source", "checked", "note")
    )
    since = draw(st.none() | DATES)
    values["since"] = since
    candidates = [m for m in later if (m, sid) in expected.entries]
    target = draw(st.none() | st.sampled_from(candidates)) if candidates else None
    if target is not None:
        # The successor must be offered on the day this model retires.
        theirs = expected.entries[(target, sid)]
        low = max(
            d
            for d in (
                date(2019, 1, 1),
                theirs["since"],
                since + timedelta(days=1) if since else None,
            )
            if d is not None
        )
        high = theirs["retires"] - timedelta(days=1) if theirs["retires"] else date(2040, 1, 1)
        if low <= high:
            values["retires"] = draw(st.dates(min_value=low, max_value=high))
            key = draw(st.sampled_from(["fallback", "replacement"]))
            values[key] = target
        else:
            target = None
    if target is None and draw(st.booleans()):
        low = since + timedelta(days=1) if since else date(2019, 1, 1)
        values["retires"] = draw(st.dates(min_value=low, max_value=date(2040, 1, 1)))
    if draw(st.booleans()):
        top = values["retires"] or date(2040, 1, 1)
        values["announced"] = draw(st.dates(min_value=date(2015, 1, 1), max_value=top))
    if draw(st.booleans()):
        values["checked"] = draw(DATES)
    if draw(st.booleans()):
        values["source"] = draw(URLS)
    if draw(st.booleans()):
        values["note"] = draw(TEXT)

    written: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            if draw(st.integers(0, 9)) == 0:
                written[key] = None  # an explicit null is the same as leaving it out
            continue
        if isinstance(value, date):
            written[key] = written_date(draw, value)
        elif key in ("fallback", "replacement"):
            # Successors may be named by id, alias or a name that reads the same.
            names = [value, value.upper(), *aliases[value]]
            written[key] = draw(st.sampled_from([n for n in names if not re.search(r"\s", n)]))
        elif key == "note":
            written[key] = Quoted(value)
        else:
            written[key] = value
    if not written:
        return draw(st.sampled_from([None, {}])), values
    return written, values


def check_matches(catalogue: Catalogue, expected: Expected) -> None:
    assert catalogue.version == 1
    assert {k: (p.name, p.url) for k, p in catalogue.providers.items()} == expected.providers
    assert {k: (s.name, s.provider) for k, s in catalogue.surfaces.items()} == expected.surfaces
    assert {
        k: (m.name, m.provider, m.aliases) for k, m in catalogue.models.items()
    } == expected.models
    found = {
        (mid, sid): {
            "since": e.since,
            "announced": e.announced,
            "retires": e.retires,
            "fallback": e.fallback,
            "replacement": e.replacement,
            "source": e.source,
            "checked": e.checked,
            "note": e.note,
        }
        for mid, m in catalogue.models.items()
        for sid, e in m.entries.items()
    }
    assert found == expected.entries


@pytest.mark.slow
@settings(
    max_examples=examples(300),
    deadline=PARSE_DEADLINE,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(valid_catalogues())
def test_a_valid_generated_catalogue_reads_back_as_generated(
    generated: tuple[str, Expected],
) -> None:
    text, expected = generated
    try:
        catalogue = parse([("gen.yaml", text.encode())])
    except CatalogueError as exc:  # say what was refused, and the text
        shown = "\n".join(p.render() for p in exc.problems)
        raise AssertionError(f"{shown}\n---\n{text}") from None
    check_matches(catalogue, expected)


# -- mutations and arbitrary text ------------------------------------------------------------

# fmt: off
TOKENS = [
    ":", ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "&b ", "*b",
    "!!python/object:os.system ", "!!binary ", "!local ", "!!str ", "<<: ", "? ", "|", ">",
    "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n", "\t", "  ", "\n", "\r\n", "\r", "~",
    "null", "yes", "no", "2026-02-30", "20260213", "2026-02-13T10:00:00", "version: 2\n",
    "version: 1\n", "\ufeff", "\u00e9", "\u2028", "\x00", "\x07", "=", "retires: ",
    "fallback: ", "replacement: ", "since: ", "surfaces:\n", "models:\n",
]
# fmt: on


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["drop", "copy", "swap", "insert", "indent", "cut", "word"]))
        if not lines:
            break
        if action == "drop":
            del lines[at]
        elif action == "copy":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "insert":
            line = lines[at]
            where = draw(st.integers(min_value=0, max_value=len(line)))
            lines[at] = line[:where] + draw(st.sampled_from(TOKENS)) + line[where:]
        elif action == "indent":
            lines[at] = " " * draw(st.integers(min_value=0, max_value=8)) + lines[at].lstrip(" ")
        elif action == "cut":
            lines = lines[: at + 1]
            lines[-1] = lines[-1][: draw(st.integers(min_value=0, max_value=len(lines[-1])))]
        else:
            line = lines[at]
            if ": " in line:
                head = line.split(": ", 1)[0]
                value = draw(
                    st.sampled_from(["[]", "{}", "", "''", "~", "5", "1.5", "yes", "gpt-4o"])
                    | st.sampled_from(TOKENS)
                )
                lines[at] = f"{head}: {value}"
    return "\n".join(lines)


YAMLISH = st.lists(
    st.sampled_from(TOKENS) | st.sampled_from(["a", "b", "gpt-4o", "api", "openai", " ", "1"]),
    max_size=60,
).map("".join)

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def check_problems(exc: CatalogueError, sources: list[tuple[str, bytes]]) -> None:
    """Every problem names one of the files and a line inside it; they come in order."""
    order = {name: index for index, (name, _) in enumerate(sources)}
    sizes = {
        name: len(_BREAKS.split(data.decode("utf-8", errors="replace"))) for name, data in sources
    }
    assert exc.problems
    for problem in exc.problems:
        assert problem.file in order, problem
        assert isinstance(problem.line, int), problem
        assert 1 <= problem.line <= sizes[problem.file] + 1, problem
        assert problem.message.strip(), problem
        assert "Traceback" not in problem.render()
    keys = [(order[p.file], p.line) for p in exc.problems]
    assert keys == sorted(keys)


def parse_or_error(sources: list[tuple[str, bytes]]) -> Catalogue | None:
    try:
        return parse(sources)
    except CatalogueError as exc:
        check_problems(exc, sources)
        return None


@pytest.mark.slow
@settings(
    max_examples=examples(300),
    deadline=PARSE_DEADLINE,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_a_mutated_catalogue_reads_or_says_why(data: st.DataObject) -> None:
    text, _ = data.draw(valid_catalogues())
    broken = data.draw(mutated(text))
    parse_or_error([("mutated.yaml", broken.encode("utf-8", errors="surrogatepass"))])


@pytest.mark.slow
@settings(
    max_examples=examples(150),
    deadline=PARSE_DEADLINE,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_a_mutated_overlay_reads_or_says_why(data: st.DataObject) -> None:
    base, _ = data.draw(valid_catalogues())
    overlay, _ = data.draw(valid_catalogues())
    broken = data.draw(mutated(overlay))
    parse_or_error([("base.yaml", base.encode()), ("overlay.yaml", broken.encode())])


@settings(max_examples=examples(400), deadline=PARSE_DEADLINE)
@given(st.one_of(YAMLISH, st.text(max_size=200)).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_yamlish_text_reads_or_says_why(data: bytes) -> None:
    parse_or_error([("any.yaml", data)])


@settings(max_examples=examples(200), deadline=PARSE_DEADLINE)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_read_or_say_why(data: bytes) -> None:
    parse_or_error([("bytes.yaml", data)])


@settings(max_examples=examples(200), deadline=PARSE_DEADLINE)
@given(st.binary(max_size=80), st.sampled_from([b"version: 1\n", b"\xef\xbb\xbfversion: 1\r\n"]))
def test_prefixed_bytes_read_or_say_why(tail: bytes, head: bytes) -> None:
    parse_or_error([("prefixed.yaml", head + tail)])


# -- the command line ----------------------------------------------------------------------------

FUZZ_CATALOGUE = """\
version: 1
updated: 2026-01-30
providers:
  openai: {name: OpenAI, url: https://openai.com}
  acme: {name: "[bold]Acme[/bold] [/]"}
surfaces:
  chatgpt: {name: ChatGPT, provider: openai}
  api: {name: "Developer API [red]"}
models:
  gpt-4o:
    name: GPT-4o
    provider: openai
    aliases: [gpt4o]
    surfaces:
      chatgpt: {since: 2024-05-13, announced: 2026-01-29, retires: 2026-02-13, fallback: gpt-5.2}
      api:
  gpt-5.2:
    name: "GPT-5.2 [link=https://x]"
    provider: openai
    surfaces:
      chatgpt: {since: 2025-12-11}
      api:
  gpt-4.5-preview:
    provider: openai
    surfaces:
      api: {announced: 2025-04-14, retires: 2025-07-14, replacement: gpt-4.1}
  gpt-4.1:
    name: "GPT-4.1 ,; \\"quoted\\" \\u00e9"
    provider: openai
    surfaces:
      api: {retires: 2026-10-14, note: "Line one. Line two, with a comma"}
  no:
    name: "[/]"
    provider: acme
    aliases: [5.2, "on"]
    surfaces:
      api: {since: 2026-03-01, retires: 2026-04-01}
"""
FUZZ_OVERLAY = "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api: {retires: 2026-03-01}\n"


@pytest.fixture(scope="module")
def cli_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("cli-fuzz")
    (folder / "catalogue.yaml").write_text(FUZZ_CATALOGUE)
    (folder / "overlay.yaml").write_text(FUZZ_OVERLAY)
    (folder / "broken.yaml").write_text("version: 1\nmodels: [\n")
    (folder / "folder.yaml").mkdir()
    parse([("catalogue.yaml", FUZZ_CATALOGUE.encode()), ("overlay.yaml", FUZZ_OVERLAY.encode())])
    names = ["catalogue.yaml", "overlay.yaml", "broken.yaml", "folder.yaml", "missing.yaml"]
    return {name: str(folder / name) for name in names}


NAMES = ["gpt-4o", "gpt4o", "GPT-4o", "GPT 4o", "gpt_4o", "gpt-5.2", "GPT-5.2", "no", "5.2", "on"]
NAMES += ["gpt-4.5-preview", "gpt-4.1", "GPT-4.1 mini", "gpt", "4o", "[/]", "", " ", "-", "--"]
DATE_WORDS = ["today", "tomorrow", "2026-02-30", "Feb 14 2026", "14/02/2026", "", " ", "0"]
DATE_WORDS += ["9999-12-31", "0001-01-01", "2026-02-14T10:00", "2026-W07", "1e10", "99999999999"]
CLI_DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(DATE_WORDS),
    st.text(max_size=20),
)
CLI_NAMES = st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), st.text(max_size=20))
CLI_SURFACES = st.one_of(
    st.sampled_from(["api", "chatgpt", "API", "ChatGPT", "bedrock", "", "chat gpt"]),
    st.text(max_size=12),
)
CLI_PROVIDERS = st.one_of(
    st.sampled_from(["openai", "OpenAI", "acme", "google", ""]), st.text(max_size=12)
)
KNOWN_FORMATS = st.sampled_from(["table", "json", "plain", "markdown", "csv", "JSON", "Plain"])
CLI_FORMATS = st.one_of(
    KNOWN_FORMATS, KNOWN_FORMATS, st.sampled_from(["xml", ""]), st.text(max_size=8)
)
CLI_NUMBERS = st.one_of(st.integers(min_value=-5, max_value=10**7).map(str), st.text(max_size=6))


COMMON_OPTIONS = ["--catalogue", "--overlay"]
COMMAND_OPTIONS = {
    "status": ["--date", "-d", "--surface", "-s", "--provider", "-p", "--all", "-a", "--format"],
    "resolve": ["--surface", "-s", "--date", "-d", "--format", "-f"],
    "notices": ["--date", "--within", "-w", "--surface", "--provider", "--format", "-f"],
    "validate": [],
}
STRAY_OPTIONS = ["--bogus", "--help", "--", "-", "--all", "--within", "--version", "-x"]


@st.composite
def cli_args(draw: st.DrawFn, files: dict[str, str]) -> list[str]:
    """A command with a mix of its own options, now and then a stray one."""
    command = draw(st.sampled_from(sorted(COMMAND_OPTIONS)))
    args = [command]
    if command == "resolve":
        args.append(draw(CLI_NAMES))
    if command == "validate":
        args += draw(st.lists(st.sampled_from(list(files.values())), max_size=3))
    values: dict[str, st.SearchStrategy[str] | None] = {
        "--date": CLI_DATES,
        "-d": CLI_DATES,
        "--surface": CLI_SURFACES,
        "-s": CLI_SURFACES,
        "--provider": CLI_PROVIDERS,
        "-p": CLI_PROVIDERS,
        "--format": CLI_FORMATS,
        "-f": CLI_FORMATS,
        "--within": CLI_NUMBERS,
        "-w": CLI_NUMBERS,
        "--overlay": st.sampled_from(list(files.values())),
        "--catalogue": st.sampled_from(list(files.values())),
    }
    if draw(st.integers(0, 4)):
        args += ["--catalogue", files["catalogue.yaml"]]
    if command != "validate" and draw(st.booleans()):
        args += ["--date", draw(CLI_DATES)]
    own = st.sampled_from(COMMAND_OPTIONS[command] + COMMON_OPTIONS)
    for name in draw(st.lists(own, max_size=4)):
        args.append(name)
        strategy = values.get(name)
        if strategy is not None:
            args.append(draw(strategy))
    if draw(st.integers(0, 7)) == 0:
        args.insert(draw(st.integers(1, len(args))), draw(st.sampled_from(STRAY_OPTIONS)))
    return args


def cli_runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # newer Click keeps stderr apart by itself
        return CliRunner()


CLI_ENV = {
    "MODELSUNSET_DATE": PINNED_DATE,
    "MODELSUNSET_CATALOGUE": None,
    "MODELSUNSET_OVERLAY": None,
    "NO_COLOR": "1",
    "COLUMNS": "100",
}


@settings(
    max_examples=examples(500),
    deadline=CLI_DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_cli_never_tracebacks_in_process(cli_files: dict[str, str], data: st.DataObject) -> None:
    args = data.draw(cli_args(cli_files))
    # The app `main()` would run: just the named command, else the whole app.
    target = _only(args) or app
    result = cli_runner().invoke(target, args, env=CLI_ENV, catch_exceptions=True)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"{args!r} raised {result.exception!r}"
    assert result.exit_code in (0, 1, 2, 3), (args, result.exit_code, result.output)
    stderr = result.stderr
    assert "Traceback" not in stderr
    if result.exit_code in (2, 3):
        assert result.stdout == "", (args, result.stdout)


SHELL_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF), max_size=15
)


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    command=st.sampled_from(["status", "resolve", "notices"]),
    day=st.one_of(st.dates().map(date.isoformat), SHELL_TEXT),
    name=st.one_of(st.sampled_from(NAMES), SHELL_TEXT),
    surface=st.one_of(st.sampled_from(["api", "chatgpt", "CHATGPT"]), SHELL_TEXT),
    fmt=st.sampled_from(["table", "json", "plain", "markdown", "csv", "yaml"]),
)
def test_cli_never_tracebacks_through_the_installed_command(
    command: str, day: str, name: str, surface: str, fmt: str
) -> None:
    args = [command, *([name] if command == "resolve" else [])]
    args += ["--catalogue", str(CORPUS / "dates-as-strings.yaml"), "--date", day]
    args += ["--surface", surface, "--format", fmt]
    result = run_installed(*args)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2, 3), result.stderr
    if result.returncode in (2, 3):
        assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--date", "2026-02-30"],
        ["resolve", "gpt-4o", "--surface", "bedrock"],
        ["notices", "--within", "-1"],
        ["status", "--format", "yaml"],
        ["resolve", "no-such-model"],
    ],
    ids=[
        "impossible-date",
        "unknown-surface",
        "negative-within",
        "unknown-format",
        "unknown-model",
    ],
)
def test_usage_errors_exit_2_with_an_empty_stdout(args: list[str]) -> None:
    result = run(*args, "--catalogue", str(CORPUS / "dates-as-strings.yaml"))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_a_catalogue_error_exits_3_for_every_command() -> None:
    broken = str(CORPUS / "duplicate-provider.yaml")
    for args in (["status"], ["resolve", "gpt-4o"], ["notices"], ["validate"]):
        result = run(*args, "--catalogue", broken)
        assert result.returncode == 3, (args, result.stderr)
        assert result.stdout == ""
        assert "duplicate-provider.yaml:5: duplicate key 'openai'" in result.stderr


def test_a_date_with_an_unknown_zone_prints_no_python_warning() -> None:
    # A real process: in this one, pytest would catch the warning before stderr.
    result = run_installed(
        "status",
        "--catalogue",
        str(CORPUS / "dates-as-strings.yaml"),
        "--date",
        "2026-02-14 10:00 XYZ",
        "--format",
        "plain",
    )
    assert result.returncode in (0, 2)
    assert "Warning" not in result.stderr, result.stderr
