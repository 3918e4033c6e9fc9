"""How ``check`` judges a match (contract section 8): on the one surface of a prefix or a
surface alias, whatever ``--surface`` says; known ids not offered where judged in
``not_checked``; ``elsewhere`` and ``resolved_retires`` on findings; unknown ids by the
beginnings of the catalogue's ids; suggestions worked out once per id, within bounds."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from format2 import JUDGING, format2
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples, write_tree
from support.check import D, check

from modelsunset.check import suggest as suggest_module
from modelsunset.check.match import Matcher, beginnings
from modelsunset.check.suggest import Suggestions, _close_matches, _Subsequence

SCHEMA = Path(__file__).parent / "schema" / "sarif-schema-2.1.0.json"

APP = """\
CHAT = "gpt-4o"
AZURE = "azure/gpt-4o"
MINI = "gpt-4o-mini"
INSTANT = "gpt-5-instant"
BEDROCK = "anthropic.claude-3-sonnet-20240229-v1:0"
US = "us.anthropic.claude-3-sonnet-20240229-v1:0"
OLD = "claude-3-sonnet-20240229"
NOWHERE = "azure/claude-sonnet-4-5"
"""


def repo_with(tmp: Path, files: dict[str, str | bytes] | None = None) -> Path:
    (tmp / "catalogue.yaml").write_text(JUDGING, encoding="utf-8")
    (tmp / "repo").mkdir()
    return write_tree(tmp / "repo", {"src/app.py": APP} if files is None else files)


def run_json(repo: Path, *args: str) -> dict[str, Any]:
    with format2():
        result = check(repo, "--date", D, "-f", "json", "--no-fail", *args)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def judged(document: dict[str, Any]) -> list[tuple[int, str, str, str]]:
    return [
        (finding["line"], finding["match"], finding["surface"], finding["level"])
        for finding in document["findings"]
    ]


def test_a_prefix_or_a_surface_alias_is_judged_on_its_surface_alone(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    expected = [
        (2, "azure/gpt-4o", "azure", "warning"),
        (3, "gpt-4o-mini", "api", "warning"),
        (5, "anthropic.claude-3-sonnet-20240229-v1:0", "bedrock", "warning"),
        (6, "us.anthropic.claude-3-sonnet-20240229-v1:0", "bedrock", "warning"),
        (7, "claude-3-sonnet-20240229", "api", "error"),
    ]
    assert judged(run_json(repo)) == expected
    # Whatever --surface says: the prefixed and aliased ones stay where they are.
    on_chatgpt = judged(run_json(repo, "--surface", "chatgpt"))
    assert [item for item in on_chatgpt if item[0] in (2, 5, 6)] == [
        item for item in expected if item[0] in (2, 5, 6)
    ]
    assert (1, "gpt-4o", "chatgpt", "error") in on_chatgpt


def test_a_surface_alias_named_as_a_repository_is_judged_only_where_it_holds(
    tmp_path: Path,
) -> None:
    """``acme/Claude-3-Sonnet`` (a hub's ``owner/name``) is not Bedrock's name: the model
    is offered on api, but that name is not, so it is not checked there. A Bedrock id
    (its ``:`` no repository's name has) stays Bedrock's after any path, as does the
    name down a URL's path or an ARN's."""
    aliases = {
        ("claude-3-sonnet-20240229", "bedrock"): (
            "anthropic.claude-3-sonnet-20240229-v1:0",
            "Claude-3-Sonnet",
        )
    }
    repo = repo_with(
        tmp_path,
        {
            "a.py": (
                'h = "acme/Claude-3-Sonnet"\n'
                'u = "https://bedrock.example/model/Claude-3-Sonnet/x"\n'
                'a = "arn:aws:bedrock:::foundation-model/Claude-3-Sonnet"\n'
                'r = "amazon-bedrock/anthropic.claude-3-sonnet-20240229-v1:0"\n'
                'd = "deployments/Claude-3-Sonnet"\n'
            )
        },
    )

    def run(*args: str) -> dict[str, Any]:
        with format2(aliases=aliases):
            result = check(repo, "--date", D, "-f", "json", "--no-fail", *args)
        document: dict[str, Any] = json.loads(result.stdout)
        return document

    document = run()
    assert judged(document) == [
        (2, "Claude-3-Sonnet", "bedrock", "warning"),
        (3, "Claude-3-Sonnet", "bedrock", "warning"),
        (4, "anthropic.claude-3-sonnet-20240229-v1:0", "bedrock", "warning"),
        (5, "Claude-3-Sonnet", "bedrock", "warning"),
    ]
    assert [
        (item["line"], item["model"], item["surface"], item["offered_on"])
        for item in document["not_checked"]
    ] == [(1, "claude-3-sonnet-20240229", "api", ["bedrock"])]
    # Checked where the name holds, it is judged there.
    on_bedrock = run("--surface", "bedrock")
    assert judged(on_bedrock)[0] == (1, "Claude-3-Sonnet", "bedrock", "warning")
    assert on_bedrock["not_checked"] == []


def test_prefixes_in_a_row_and_in_any_case(tmp_path: Path) -> None:
    repo = repo_with(
        tmp_path,
        {
            "a.py": (
                'x = "bedrock/us.anthropic.claude-3-sonnet-20240229-v1:0"\n'
                'y = "AZURE/gpt-4o"\n'
                'z = "myazure/gpt-4o"\n'  # no prefix: azure is inside a word
                'w = "status.anthropic.claude-3-sonnet-20240229-v1:0"\n'  # no token at all
            )
        },
    )
    document = run_json(repo)
    assert judged(document) == [
        (1, "bedrock/us.anthropic.claude-3-sonnet-20240229-v1:0", "bedrock", "warning"),
        (2, "AZURE/gpt-4o", "azure", "warning"),
    ]
    assert document["findings"][0]["column"] == 6


def test_a_known_id_not_offered_where_judged_is_not_checked(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    document = run_json(repo)
    assert document["not_checked"] == [
        {
            "path": "src/app.py",
            "line": 4,
            "column": 12,
            "match": "gpt-5-instant",
            "model": "gpt-5-instant",
            "surface": "api",
            "offered_on": ["chatgpt"],
            "text": 'INSTANT = "gpt-5-instant"',
            "kind": "code",
        },
        {
            "path": "src/app.py",
            "line": 8,
            "column": 12,
            "match": "azure/claude-sonnet-4-5",
            "model": "claude-sonnet-4-5",
            "surface": "azure",
            "offered_on": ["api", "bedrock"],
            "text": 'NOWHERE = "azure/claude-sonnet-4-5"',
            "kind": "code",
        },
    ]
    assert document["summary"]["not_checked"] == 2
    # Offered on one of the surfaces checked: checked there, so nothing to say.
    both = run_json(repo, "--surface", "api", "--surface", "chatgpt")
    assert [item["match"] for item in both["not_checked"]] == ["azure/claude-sonnet-4-5"]


def test_not_checked_never_fails_and_text_lists_them(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, {"a.py": 'INSTANT = "gpt-5-instant"\n'})
    with format2():
        result = check(repo, "--date", D)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    heading = lines.index("Known ids not offered on the surface judged (not checked):")
    assert lines[heading + 1] == "  gpt-5-instant  a.py:1:12  on api; offered on chatgpt"
    assert "1 known id not offered on the surface judged (not checked)" in lines[-1]


def test_a_model_option_is_judged_where_its_name_holds(tmp_path: Path) -> None:
    repo = repo_with(tmp_path, {})
    document = run_json(repo, "--model", "azure/gpt-4o", "--model", "gpt-5-instant")
    assert [(f["match"], f["surface"]) for f in document["findings"]] == [("azure/gpt-4o", "azure")]
    assert [(n["match"], n["path"], n["surface"]) for n in document["not_checked"]] == [
        ("gpt-5-instant", None, "api")
    ]
    with format2():
        result = check(repo, "--date", D, "--model", "gpt-5-instant")
    assert "warning: --model gpt-5-instant: gpt-5-instant is not offered on api" in result.stderr


def test_elsewhere_names_other_surfaces_where_an_available_model_goes(tmp_path: Path) -> None:
    document = run_json(repo_with(tmp_path))
    by_line = {finding["line"]: finding for finding in document["findings"]}
    assert by_line[2]["elsewhere"] == [
        {"surface": "chatgpt", "state": "retired", "retires": "2026-02-13", "not_before": None}
    ]
    assert by_line[3]["elsewhere"] == [
        {"surface": "azure", "state": "retiring", "retires": "2026-06-01", "not_before": None}
    ]
    assert by_line[5]["elsewhere"] == [
        {"surface": "api", "state": "retired", "retires": "2025-07-21", "not_before": None}
    ]
    # Retired where judged: not available, so nothing is said of other surfaces.
    assert by_line[7]["elsewhere"] == []


def test_resolved_retires_when_the_answer_itself_retires_soon(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    by_line = {finding["line"]: finding for finding in run_json(repo)["findings"]}
    # gpt-4o-mini goes on 2026-03-01; gpt-4.1-mini, which takes over, on 2026-04-01.
    assert by_line[3]["resolved_retires"] == "2026-04-01"
    assert by_line[3]["answer"] == "gpt-4.1-mini"
    assert by_line[7]["resolved_retires"] is None
    assert by_line[7]["answer"] is None
    narrow = {f["line"]: f for f in run_json(repo, "--warn-within", "30")["findings"]}
    assert narrow[3]["resolved_retires"] is None  # 46 days away: outside the window


def test_people_formats_show_what_a_finding_adds(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    with format2():
        text = check(repo, "--date", D).stdout
        markdown = check(repo, "--date", D, "-f", "markdown").stdout
    assert "          elsewhere: retiring on azure (2026-06-01)" in text
    assert "          answer: gpt-4.1-mini itself retires 2026-04-01, in 46 days" in text
    assert "| Level | Model | Surface | Retires | Days left | Successor | Where | Notes |" in (
        markdown
    )
    assert "gpt-4.1-mini, which answers for gpt-4o-mini, itself retires" in markdown
    assert "| `gpt-5-instant` | `gpt-5-instant` | `src/app.py:4:12` | api | chatgpt |" in markdown


COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def test_github_gives_notes_as_notices_never_errors(tmp_path: Path) -> None:
    repo = repo_with(tmp_path)
    with format2():
        result = check(repo, "--date", D, "-f", "github")
    lines = result.stdout.splitlines()
    parsed = [COMMAND.match(line) for line in lines]
    assert all(parsed), lines
    kinds = [match.group(1) for match in parsed if match]
    assert kinds.count("error") == 1  # the retired claude-3-sonnet on api, only
    notices = [line for line in lines if line.startswith("::notice")]
    assert any("not offered on api" in line for line in notices)
    assert any("title=Not checked%3A claude-sonnet-4-5 on azure" in line for line in notices)
    assert any("itself retires from api on 2026-04-01" in line for line in notices)


def test_sarif_gives_notes_and_still_validates(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    repo = repo_with(tmp_path)
    with format2():
        result = check(repo, ".", "--date", D, "-f", "sarif", "--model", "gpt-5-instant")
    log = json.loads(result.stdout)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft4Validator(schema).iter_errors(log)] == []
    run = log["runs"][0]
    rules = {result["ruleId"]: result["level"] for result in run["results"]}
    assert rules["model-not-checked"] == "note"
    assert rules["model-retirement-note"] == "note"
    levels = [r["level"] for r in run["results"] if r["ruleId"].startswith("model-retirement-e")]
    assert levels == ["error"]
    notified = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["descriptor"]["id"]) for n in notified] == [
        ("note", "model-not-checked")
    ]


# Unknown ids: the beginnings of the catalogue's own ids ----------------------------------


def test_beginnings_come_from_the_catalogues_ids() -> None:
    ids = [
        "gpt-4o",
        "gpt-image-1",
        "claude-opus-4-1",
        "claude-3-opus-20240229",
        "text-embedding-3-small",
        "text-davinci-003",
        "mistral-large-2411",
        "command-a-03-2025",
        "grok-4",
        "o3",
        "o3-mini-2025-01-31",
        "whisper-1",
        "anthropic.claude-v2:1",
    ]
    assert beginnings(ids) == [
        "claude",
        "command-a",
        "gpt",
        "grok",
        "mistral-large",
        "o3-mini",
        "text-davinci",
        "text-embedding",
        "whisper",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"text-embedding-4-large"', ["text-embedding-4-large"]),
        ('"mistral-large-2512"', ["mistral-large-2512"]),
        ('"grok-5"', ["grok-5"]),
        ('"command-a-04-2026"', ["command-a-04-2026"]),
        ("text-2xl text-red-500", []),  # `text` alone is no beginning
        ('"mistral-medium-3"', []),
        ('"gpt-image-9"', ["gpt-image-9"]),
        ("grok-beta", []),  # no digit after the beginning
    ],
)
def test_unknown_ids_start_like_catalogued_ids(text: str, expected: list[str]) -> None:
    names = {name: name for name in ("gpt-4o", "text-embedding-3-small", "grok-4")}
    names.update({"mistral-large-2411": "mistral-large-2411", "command-a-03-2025": "c"})
    hits = Matcher.for_names(names).find(text.encode())
    assert [hit.name for hit in hits if hit.model is None] == expected


# Suggestions: once per distinct id, and bounded -------------------------------------------


_ID_TEXT = st.text(alphabet="abcgpt-.0145o", max_size=14)


def _longest_common_subsequence(first: str, second: str) -> int:
    row = [0] * (len(second) + 1)
    for char in first:
        diagonal = 0
        for place, other in enumerate(second):
            above = row[place + 1]
            row[place + 1] = diagonal + 1 if char == other else max(above, row[place])
            diagonal = above
    return row[-1]


@settings(max_examples=examples(300))
@given(_ID_TEXT, _ID_TEXT)
def test_the_bound_on_a_ratio_is_the_longest_common_subsequence(first: str, second: str) -> None:
    assert _Subsequence(first).length(second) == _longest_common_subsequence(first, second)


@settings(max_examples=examples(300))
@given(_ID_TEXT, st.lists(_ID_TEXT, max_size=30))
def test_close_matches_are_difflibs(word: str, pool: list[str]) -> None:
    wanted = difflib.get_close_matches(word, pool, n=suggest_module.LIMIT, cutoff=0.6)
    assert _close_matches(word, pool) == wanted


def test_suggestions_are_worked_out_once_per_distinct_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = Suggestions._suggest

    def counted(self: Suggestions, needle: str) -> tuple[str, ...]:
        calls.append(needle)
        return real(self, needle)

    monkeypatch.setattr(Suggestions, "_suggest", counted)
    suggest = Suggestions(["gpt-4o", "gpt-4.5-preview", "claude-opus-4-1"])
    for _ in range(50):
        assert suggest("gpt-5.9-preview")[0] == "gpt-4.5-preview"
    assert calls == ["gpt-5.9-preview"]
    monkeypatch.setattr(suggest_module, "AT_MOST", 3)
    for number in range(10):
        suggest(f"gpt-{number}-x")
    assert len(calls) == 3
    assert suggest("gpt-9-x") == ()  # past the bound: no suggestion, no work


def test_each_id_is_compared_with_a_bounded_pool() -> None:
    # 10,000 ids sharing "gpt-", 100 of them "gpt-4.5-preview-".
    families = [f"gpt-{major}.{minor}-preview-" for major in range(10) for minor in range(10)]
    ids = [f"{family}{n:04d}" for family in families for n in range(100)]
    suggest = Suggestions(ids)
    for size in (5, 3, 0):
        assert len(suggest._pool("gpt-4.5-preview-0001", size)) <= suggest_module.POOL
    assert suggest("gpt-4.5-preview-00017")  # still finds close ones


@pytest.mark.parametrize(
    ("word", "first"),
    [
        # a name with its joins between digits written the other way: that name's model
        ("claude-sonnet-4.5", "claude-sonnet-4-5-20250929"),  # an alias of the model
        ("claude-opus-4.1", "claude-opus-4-1-20250805"),
        ("gemini-1-5-pro", "gemini-1.5-pro"),  # an id
        ("claude-3.5-haiku", "claude-3-5-haiku-20241022"),  # a surface's alias
    ],
)
def test_an_id_written_with_other_joins_suggests_that_names_model_first(
    word: str, first: str
) -> None:
    from modelsunset.model import Entry, Model
    from modelsunset.names import NameIndex

    def model(model_id: str, *aliases: str, vertex: tuple[str, ...] = ()) -> Model:
        entries = {"vertex": Entry(model_id, "vertex", aliases=vertex)} if vertex else {}
        return Model(model_id, model_id, "p", aliases, entries)

    models = {
        found.id: found
        for found in [
            model("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
            model("claude-sonnet-5-5"),
            model("claude-sonnet-5"),
            model("claude-opus-4-1-20250805", "claude-opus-4-1"),
            model("claude-opus-4-8"),
            model("gemini-1.5-pro"),
            model("gemini-2.5-pro"),
            model("claude-3-5-haiku-20241022", vertex=("claude-3-5-haiku",)),
        ]
    }
    assert Suggestions(models, NameIndex(models).model_of_normalised)(word)[0] == first


def test_a_word_that_begins_ids_suggests_them_before_ids_spelled_alike() -> None:
    ids = ["claude-1.3", "claude-2.1", "claude-2.0", "claude-3-opus-20240229"]
    ids += ["claude-3-haiku-20240307", "claude-3-5-sonnet-20241022"]
    assert Suggestions(ids)("claude-3") == (
        "claude-3-opus-20240229",
        "claude-3-haiku-20240307",
        "claude-3-5-sonnet-20241022",
    )
    # No id begins with ``claude-9-``: spelling alone.
    assert set(Suggestions(ids)("claude-9")) == {"claude-1.3", "claude-2.1", "claude-2.0"}


def test_a_tree_of_many_distinct_unknown_ids_bounds_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 distinct unknown ids, judged against the bundled catalogue (hundreds of ids):
    # suggestions are worked out for AT_MOST of them, each against at most POOL ids.
    worked: list[str] = []
    pools: list[int] = []
    real_suggest, real_pool = Suggestions._suggest, Suggestions._pool

    def suggest(self: Suggestions, needle: str) -> tuple[str, ...]:
        worked.append(needle)
        return real_suggest(self, needle)

    def pool(self: Suggestions, needle: str, size: int) -> list[str]:
        found = real_pool(self, needle, size)
        pools.append(len(found))
        return found

    monkeypatch.setattr(Suggestions, "_suggest", suggest)
    monkeypatch.setattr(Suggestions, "_pool", pool)
    lines = "".join(f'M{n} = "gpt-{n % 97}.{n}-preview-{n}"\n' for n in range(3000))
    repo = write_tree(tmp_path / "repo", {"ids.py": lines + lines})  # each id twice
    result = check(repo, "--date", D, "-f", "json", catalogue=False)
    document = json.loads(result.stdout)
    assert document["summary"]["unknown"] == 6000
    assert len(worked) == len(set(worked)) == suggest_module.AT_MOST
    assert max(pools) <= suggest_module.POOL
    assert all(item["suggestions"] for item in document["unknown"][: suggest_module.AT_MOST])


def test_a_prefix_and_a_surface_alias_that_disagree_go_by_the_prefix(tmp_path: Path) -> None:
    """The prefix says where the code runs the model (``azure/`` routes the call to Azure),
    a surface alias only how some surface names it: judged on the prefix's surface, where
    this model is not offered, so it is not checked (and never judged on Bedrock)."""
    repo = repo_with(tmp_path, {"a.py": 'P = "azure/anthropic.claude-3-sonnet-20240229-v1:0"\n'})
    document = run_json(repo)
    assert document["findings"] == []
    assert [(item["match"], item["surface"]) for item in document["not_checked"]] == [
        ("azure/anthropic.claude-3-sonnet-20240229-v1:0", "azure")
    ]
