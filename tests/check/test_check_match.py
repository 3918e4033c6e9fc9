"""Ids as whole tokens: boundaries, longest match, generic words, unknown look-alikes,
and the matcher against a plain reference definition of a whole-token match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import examples

from modelsunset.check.match import Hit, Matcher, ends_token, starts_token

NAMES = {
    name: name
    for name in (
        "gpt-4",
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4.1",
        "o3",
        "davinci",
        "claude-3-opus-20240229",
    )
}
NAMES["gpt4o"] = "gpt-4o"
NAMES["claude-3-opus-latest"] = "claude-3-opus-20240229"


def found(text: str) -> list[str]:
    return [hit.name for hit in Matcher(NAMES).find(text.encode()) if hit.model is not None]


def unknown(text: str) -> list[str]:
    matcher = Matcher.for_names(NAMES)
    return [hit.name for hit in matcher.find(text.encode()) if hit.model is None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('model = "gpt-4o"', ["gpt-4o"]),
        ("gpt-4o-mini", ["gpt-4o-mini"]),
        ("xgpt-4o", []),
        ("gpt-4ox", []),
        ("gpt-4o_x", []),
        ("x_gpt-4o", []),
        ("my-gpt-4o", []),
        ("foo.gpt-4o", []),
        ("gpt-4.1", ["gpt-4.1"]),
        ("gpt-4.10", []),
        ("gpt-4.1.2", []),
        ("Use gpt-4o.", ["gpt-4o"]),
        ("gpt-4o-", []),
        ("gpt-4o.\n", ["gpt-4o"]),
        ("-gpt-4o", ["gpt-4o"]),
        ("(gpt-4o)", ["gpt-4o"]),
        ("openai/gpt-4o", ["gpt-4o"]),
        ("model:gpt-4o", ["gpt-4o"]),
        ("ft:gpt-4o:acme::x1", ["gpt-4o"]),
        ("gpt-4o@2024", ["gpt-4o"]),
        ("“gpt-4o”", ["gpt-4o"]),
        ("GPT-4o", []),
        ("gpt4o", ["gpt4o"]),
        ("gpt-4o gpt-4o-mini gpt-4", ["gpt-4o", "gpt-4o-mini", "gpt-4"]),
        ("gpt-4o,gpt-4o", ["gpt-4o", "gpt-4o"]),
        ("claude-3-opus-latest", ["claude-3-opus-latest"]),
        ("gpt-4o\n", ["gpt-4o"]),
        ("", []),
    ],
)
def test_whole_tokens(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("davinci", []),
        ("the davinci code", []),
        ('engine = "davinci"', ["davinci"]),
        ("'davinci'", ["davinci"]),
        ("`davinci`", ["davinci"]),
        ("\"davinci'", []),
        ("model: davinci", ["davinci"]),
        ("MODEL_NAME=davinci", ["davinci"]),
        ('"engine": "davinci"', ["davinci"]),
        ("metadata-davinci", []),
    ],
)
def test_plain_word_ids_need_a_model_context(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"gpt-9"', ["gpt-9"]),
        ("gpt-4o-mini-2099-01-01", ["gpt-4o-mini-2099-01-01"]),
        ("gpt-4o", []),
        ("gpt-image", []),
        ("chatgpt-5", []),  # "chatgpt" is no family of these names
        ("claude-sonnet-9", ["claude-sonnet-9"]),
        ('"o5-mini"', ["o5-mini"]),
        ("o5-mini", []),
        ("o3", []),
        ("foo1 = 2", []),
        ("see gpt-5.json", []),
        ("https://example.com/gpt-5-1/", []),
        ("xgpt-9", []),
        ("export * from './gpt-9-v2';", []),  # a relative path
        ('import x from "../claude-9/index"', []),
        ("models/gpt-9", ["gpt-9"]),
    ],
)
def test_unknown_ids(text: str, expected: list[str]) -> None:
    assert unknown(text) == expected


def test_an_unknown_id_is_at_most_80_characters() -> None:
    longest = "gpt-9" + "-x" * 37 + "9"  # 80 characters
    assert unknown(f'"{longest}"') == [longest]
    assert unknown(f'"{longest}9"') == []
    assert unknown(f'"{longest}-9"') == []
    assert unknown("gpt-1-" * 20_000) == []


def test_unknown_ids_never_overlap_known_ones() -> None:
    matcher = Matcher.for_names(NAMES)
    hits = matcher.find(b'a = "gpt-4o"; b = "gpt-4o-turbo-9"')
    assert [(hit.name, hit.model) for hit in hits] == [
        ("gpt-4o", "gpt-4o"),
        ("gpt-4o-turbo-9", None),
    ]


def test_aliases_find_their_model() -> None:
    hits = Matcher(NAMES).find(b"gpt4o claude-3-opus-latest")
    assert [(hit.name, hit.model) for hit in hits] == [
        ("gpt4o", "gpt-4o"),
        ("claude-3-opus-latest", "claude-3-opus-20240229"),
    ]


def test_hits_carry_byte_offsets() -> None:
    data = "é gpt-4o".encode()
    assert Matcher(NAMES).find(data) == [Hit(3, 9, "gpt-4o", "gpt-4o")]


def test_a_name_containing_a_separator_is_matched_whole() -> None:
    names = {"anthropic.claude-v2": "v2", "anthropic.claude-v2:1": "v2-1"}
    matcher = Matcher(names)
    assert [hit.name for hit in matcher.find(b"x anthropic.claude-v2:1 y")] == [
        "anthropic.claude-v2:1"
    ]
    assert [hit.name for hit in matcher.find(b"anthropic.claude-v2:10")] == ["anthropic.claude-v2"]


def test_empty_catalogue_finds_nothing() -> None:
    assert Matcher({}).find(b"gpt-4o") == []


# A reference: the definition of a whole-token match, written as plainly as possible.
WORD = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def reference(data: bytes, names: list[str]) -> list[tuple[int, str]]:
    result: list[tuple[int, str]] = []
    position = 0
    while position < len(data):
        best = None
        for name in sorted(names, key=len, reverse=True):
            raw = name.encode()
            if data.startswith(raw, position):
                end = position + len(raw)
                before_ok = (
                    position == 0
                    or _escape_letter(data, position - 1)
                    or (
                        data[position - 1] not in WORD
                        and not (
                            data[position - 1] in b"-."
                            and position >= 2
                            and data[position - 2] in WORD
                        )
                    )
                )
                after_ok = end == len(data) or (
                    data[end] not in WORD
                    and data[end] != ord("-")
                    and not (data[end] in b"." and end + 1 < len(data) and data[end + 1] in WORD)
                    and not (data[end] == ord("*") and _glob(data, end))
                    and not re.match(rb"\\\\{1,2}[.-][A-Za-z0-9_]", data[end : end + 4])
                )
                if before_ok and after_ok:
                    best = name
                    break
        if best is None:
            position += 1
        else:
            result.append((position, best))
            position += len(best.encode())
    return result


def _escape_letter(data: bytes, at: int) -> bool:
    """``data[at]`` is the letter of ``\\n``, ``\\t`` or ``\\r``: after an odd number of
    backslashes."""
    slashes = re.search(rb"\\*\Z", data[:at])
    assert slashes is not None
    return data[at] in b"ntr" and len(slashes.group()) % 2 == 1


_AFTER_STAR = re.compile(rb"(?:[A-Za-z0-9_][A-Za-z0-9_./:@*-]*)?")


def _glob(data: bytes, end: int) -> bool:
    """A ``*`` after a name is a wildcard when the run of name-like characters before it,
    and the run of them or of ``*`` after it (beginning with a letter, digit or ``_``), lie
    between like quotes, or like quotes both escaped (``'gpt-4*'``,
    ``"copilot/gpt-5*codex*"``, ``\\"o1*\\"``; not ``"gpt-4-0314*.jsonl"``)."""
    run = re.search(rb"[A-Za-z0-9_./:@-]*\Z", data[:end])
    after = _AFTER_STAR.match(data, end + 1)
    assert run is not None and after is not None
    marks = [escape + quote for escape in (b"", b"\\") for quote in (b'"', b"'", b"`")]
    return any(
        data.startswith(mark, after.end()) and data[: run.start()].endswith(mark) for mark in marks
    )


PLAIN = ["gpt-4", "gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3", "a-b", "b.c"]
_SEPARATORS = ["-", ".", "_", " ", "/", ":", "\n", "é", "*", "'", '"', "\\", "n"]
PIECES = st.sampled_from(["gpt-4", "o", "-mini", ".1", "o3", "a", "x", "b", *_SEPARATORS])


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_matches_agree_with_the_definition(text: str) -> None:
    data = text.encode()
    names = {name: name for name in PLAIN}
    hits = Matcher(names).find(data)
    # A name with a dot is found as a regular expression writes it too, in a string or not.
    written = [
        name.replace(".", escape + ".")
        for name in PLAIN
        if "." in name
        for escape in ("\\", "\\\\")
    ]
    assert [(hit.start, hit.name) for hit in hits] == reference(data, PLAIN + written)


def test_token_edges() -> None:
    data = b"a-gpt"
    assert not starts_token(data, 2)
    assert starts_token(b"--gpt", 2)
    assert not ends_token(b"gpt-", 3)  # a hyphen after an id starts a longer one
    assert not ends_token(b"gpt-x", 3)
    assert ends_token(b"gpt.", 3)
    assert starts_token(b"\\ngpt", 2)
    assert not starts_token(b"\\\\ngpt", 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a regular expression of gpt-4.1, or a string holding one: gpt-4.1, not gpt-4
        ("[/gpt-4\\.1/],", ["gpt-4\\.1"]),
        ('Pattern.compile("^gpt-4\\\\.1(-mini)?$")', ["gpt-4\\\\.1"]),
        ('re.compile(r"^gpt-4o\\.9$")', []),  # no such model: not gpt-4o
        ("/^gpt-4o\\-mini$/", ["gpt-4o\\-mini"]),  # the longer name, escaped: itself
        ('re.compile(r"^gpt-4\\-0314$")', []),  # gpt-4-0314 is no name here: not gpt-4
        ("gpt-4\\.1\\-x", []),  # the name it writes is none, nor any shorter one
        ("gpt-4\\.", ["gpt-4"]),
        ('"gpt-4o\\n"', ["gpt-4o"]),  # an escape after the name ends it
        ("gpt-4\\\\\\.1", ["gpt-4"]),  # three backslashes: no escape of the dot
    ],
)
def test_an_id_followed_by_an_escaped_join_is_the_start_of_a_longer_one(
    text: str, expected: list[str]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('re.compile(r"^gpt-4\\.9$")', ["gpt-4\\.9"]),  # no such model: an unknown id
        ("gpt\\-9", ["gpt\\-9"]),
        ('"claude-3\\\\.9\\\\-opus"', ["claude-3\\\\.9\\\\-opus"]),
        ("gpt\\-4o", []),  # known: a finding, not an unknown id
        ("gpt\\\\\\-9", []),  # three backslashes: no escape of the join
    ],
)
def test_an_unknown_id_written_escaped_is_still_unknown(text: str, expected: list[str]) -> None:
    assert unknown(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # re.escape's form, every join escaped (found from where an unknown id would
        # start), and a string holding it
        ("gpt\\-4o\\-mini", [("gpt\\-4o\\-mini", "gpt-4o-mini")]),
        ('"gpt\\\\-4o"', [("gpt\\\\-4o", "gpt-4o")]),
        ("claude\\-3\\-opus\\-latest", [("claude\\-3\\-opus\\-latest", "claude-3-opus-20240229")]),
        ("gpt\\-4o is gpt-4o", [("gpt\\-4o", "gpt-4o"), ("gpt-4o", "gpt-4o")]),
    ],
)
def test_an_id_with_every_join_escaped_is_found(text: str, expected: list[tuple[str, str]]) -> None:
    hits = Matcher.for_names(NAMES).find(text.encode())
    assert [(hit.name, hit.model) for hit in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('if "gpt-4-" in model:', []),
        ('model.startswith("o3-")', []),
        ("gpt-4o-", []),
        ("gpt-4o- ", []),
        ("gpt-4o--mini", []),
        ("-gpt-4o", ["gpt-4o"]),
        ('"gpt-4o-mini"', ["gpt-4o-mini"]),
        ("gpt-4o.", ["gpt-4o"]),
    ],
)
def test_an_id_followed_by_a_hyphen_is_the_start_of_longer_ids(
    text: str, expected: list[str]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The default is 20 for 'gpt-4*' models", []),
        ('fnmatch(name, "openai/gpt-4o*")', []),
        ('["gpt-4*", "o3*"]', []),
        ('create(**kwargs, allowed="gpt-4*")', []),
        ("`gpt-4o*`", []),
        ("**gpt-4**", ["gpt-4"]),
        ("*gpt-4o*", ["gpt-4o"]),
        ("**openai/gpt-4o** is the default", ["gpt-4o"]),
        ("- **58% gpt-4o**", ["gpt-4o"]),
        ("Our bot runs on gpt-4o* (see footnote).", ["gpt-4o"]),
        ("| gpt-4* | 58% |", ["gpt-4"]),
        ("*Retiring soon: gpt-4o and\ngpt-4*", ["gpt-4o", "gpt-4"]),
        ("all gpt-4* variants", ["gpt-4"]),  # a family, but not written as a pattern
        ("'gpt-4*\"", ["gpt-4"]),  # the quotes differ
        ("gpt-4 * 2", ["gpt-4"]),
        ('"copilot/gpt-4o*mini*"', []),  # a pattern with more after its first *
        ('"gpt-4*-turbo" and "x"', ["gpt-4"]),  # a suffix after the *: one model's
        ('glob.glob("results/gpt-4o*.jsonl")', ["gpt-4o"]),
        ('"gpt-4o*/"', ["gpt-4o"]),
        ('w = "[\\"copilot/o3*\\",\\"openai/gpt-4o*\\"]"', []),  # escaped, inside a string
        ('"gpt-4o*\\"', ["gpt-4o"]),  # only the closing quote escaped
        ("gpt-4o*mini", ["gpt-4o"]),
    ],
)
def test_an_id_that_ends_a_quoted_pattern_is_a_wildcard(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AAAAB3NzaC1yc2EAAAADAQABAAABAQ+o3+Bb8kQ", []),
        ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB/o3/Qz9Xk2LmN7pQ", []),
        ("data:image/png;base64,Zm9vYmFy/gpt4o+QmFzZTY0IGRhdGEx", []),
        ("openai/o3", ["o3"]),
        ("models/o3/config.yaml", ["o3"]),
        ("src/Models/Repo2/blob/main/o3", ["o3"]),
        ("o3+o3", ["o3", "o3"]),
        ("azure/gpt-4o+tools", ["gpt-4o"]),  # a hyphen: no base64 holds it
    ],
)
def test_plus_and_slash_inside_base64_separate_nothing(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("const o3 = compute();", []),
        ("let  o3 = 2;", []),
        ("var\to3", []),
        ("export const o3 = 1", []),
        ('const o3 = "o3";', ["o3"]),  # the value is the id
        ("const model = o3;", ["o3"]),
        ("o3 = foo()", ["o3"]),  # an assignment alone says too little: still found
        ("myconst o3", ["o3"]),
        ("constant o3", ["o3"]),
        ("const\n  o3", ["o3"]),  # another line
        ("const gpt-4o = 1", ["gpt-4o"]),  # not a name a variable can have
        ("const" + " " * 20 + "o3", ["o3"]),  # blanks are looked at only so far back
    ],
)
def test_a_variable_being_declared_is_no_id(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"prompt": "Use:\\ngpt-4o"}', ["gpt-4o"]),
        ('"\\tgpt-4o\\n"', ["gpt-4o"]),
        ('"\\r\\ngpt-4o"', ["gpt-4o"]),
        ('"\\\\ngpt-4o"', []),  # a backslash, then the letter n: one word ngpt-4o
        ('"\\\\\\ngpt-4o"', ["gpt-4o"]),
        ("ngpt-4o", []),
    ],
)
def test_escapes_of_json_text_separate_tokens(text: str, expected: list[str]) -> None:
    assert found(text) == expected


def test_unknown_ids_follow_the_same_edges() -> None:
    assert unknown('"gpt-9-" in model') == []
    assert unknown('"\\ngpt-9"') == ["gpt-9"]


@pytest.mark.parametrize(
    ("text", "holds_on"),
    [
        # A Hugging Face repository's owner/name: the name holds on no one surface.
        ("vllm serve meta-llama/Meta-Llama-3.1-8B-Instruct", None),
        ('model="meta-llama/Meta-Llama-3.1-8B-Instruct"', None),
        ("https://huggingface.co/meta-llama/Meta-Llama-3.1-8B-Instruct", None),
        ("hf.co/meta-llama/Meta-Llama-3.1-8B-Instruct", None),
        ("huggingface/meta-llama/Meta-Llama-3.1-8B-Instruct", None),
        # The surface's own name, bare, after a prefix, or down another path.
        ('"Meta-Llama-3.1-8B-Instruct"', "azure"),
        ("azure/Meta-Llama-3.1-8B-Instruct", "azure"),
        ("https://x.azure.com/openai/deployments/Meta-Llama-3.1-8B-Instruct/chat", "azure"),
        ("/Meta-Llama-3.1-8B-Instruct", "azure"),  # no owner
        ("arn:aws:bedrock:::foundation-model/Meta-Llama-3.1-8B-Instruct", "azure"),
        (f"{'a' * 120}/Meta-Llama-3.1-8B-Instruct", "azure"),  # no owner's name so long
        (f" {'a' * 100}/Meta-Llama-3.1-8B-Instruct", None),  # but one of 100 characters
        ("deployments/Meta-Llama-3.1-8B-Instruct", "azure"),  # a kind of resource
        ("together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct", None),  # a route to a host
        ("HuggingFace.co/meta-llama/Meta-Llama-3.1-8B-Instruct", None),
        ('"meta-llama\\/Meta-Llama-3.1-8B-Instruct"', None),  # JSON's escaped slash
        ("x/azure/Meta-Llama-3.1-8B-Instruct", "azure"),
    ],
)
def test_a_surface_alias_as_a_repositorys_name_holds_on_no_surface(
    text: str, holds_on: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from modelsunset.check import picking

    monkeypatch.setattr(picking, "LEFTMOST_AFTER", 1)  # a long text is read as a dense one
    matcher = Matcher(
        {"llama-3.1-8b-instruct": "llama-3.1-8b-instruct"},
        on_surface={"Meta-Llama-3.1-8B-Instruct": ("llama-3.1-8b-instruct", "azure")},
        prefixes=[("azure/", "azure")],
    )
    for data in (text.encode(), f"{text}\n".encode() * 40_000):  # one pass, and the dense one
        hits = matcher.find(data)
        assert hits
        assert {hit.surface for hit in hits} == {holds_on}
        assert {hit.model for hit in hits} == {"llama-3.1-8b-instruct"}
