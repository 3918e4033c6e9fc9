"""Responses an API description shows as examples, JSON in a YAML block scalar under
``response:`` or ``example:``, are recorded; the rest of the file keeps its kind
(``check/payloads.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.check import D, check, project

from modelsunset.check.kinds import Kind
from modelsunset.check.payloads import regions

SPEC = """\
paths:
  /responses:
    post:
      x-oaiMeta:
        examples:
          request:
            curl: |
              curl https://api.openai.com/v1/responses -d '{"model": "gpt-4.5-preview"}'
          response: |
            {
              "id": "resp_1",
              "model": "gpt-4.5-preview"
            }
      description: Create a response with gpt-4.5-preview.
components:
  schemas:
    Job:
      x-oaiMeta:
        example: >-
          [{"model": "gpt-4.5-preview"}]
        other: 1
"""


def kinds_of(text: str, word: str) -> list[Kind]:
    data = text.encode()
    found = regions(data, Kind.CONFIG)
    places = [at for at in range(len(data)) if data.startswith(word.encode(), at)]
    return [Kind.CONFIG if found is None else found.at(at) for at in places]


def test_payloads_are_recorded_and_the_rest_keeps_its_kind() -> None:
    assert kinds_of(SPEC, "gpt-4.5-preview") == [
        Kind.CONFIG,  # the request's code: what a reader copies
        Kind.RECORDED,
        Kind.CONFIG,  # the description
        Kind.RECORDED,
    ]
    assert kinds_of(SPEC, "other") == [Kind.CONFIG]  # after the block, by its indent


@pytest.mark.parametrize(
    "text",
    [
        "response: |\n  curl -d model=gpt-4o\n",  # no JSON: code or a command
        'responses: |\n  {"model": "gpt-4o"}\n',  # another key
        'x_response: |\n  {"model": "gpt-4o"}\n',
        'response: {"model": "gpt-4o"}\n',  # a flow value, not a block of text
        'note: the response: |\n  {"model": "gpt-4o"}\n',  # not the line's key
        "response:\n  model: gpt-4o\n",  # a mapping: configuration
    ],
)
def test_anything_else_keeps_its_kind(text: str) -> None:
    assert regions(text.encode(), Kind.CONFIG) is None


def test_a_list_item_and_comments_and_crlf() -> None:
    text = '- example: |  # shown\r\n    {"model": "gpt-4o"}\r\nnext: gpt-4o\r\n'
    assert kinds_of(text, "gpt-4o") == [Kind.RECORDED, Kind.CONFIG]


def test_check_counts_them_as_recorded(tmp_path: Path) -> None:
    repo = project(tmp_path, {"openapi.yaml": SPEC, "spec.json": '{"model": "gpt-4.5-preview"}'})
    document = json.loads(check(repo, "--date", D, "-f", "json").stdout)
    assert sorted((f["path"], f["line"]) for f in document["findings"]) == [
        ("openapi.yaml", 8),
        ("openapi.yaml", 14),
        ("spec.json", 1),
    ]
    assert document["summary"]["left_out"]["recorded"]["findings"] == 2


@given(
    st.lists(
        st.sampled_from(
            ["response: |", "example: >-", "- example: |", "  {", "  [1]", "x: 1", "", "  a", "#"]
        )
        | st.text(alphabet=" \t\r\n{}[]:|>-#abe", max_size=12)
    )
)
def test_any_text_gets_a_kind_at_every_byte(lines: list[str]) -> None:
    data = "\n".join(lines).encode()
    found = regions(data, Kind.CONFIG)
    if found is None:
        return
    kinds = {found.at(at) for at in range(len(data))}
    assert kinds <= {Kind.CONFIG, Kind.RECORDED}
    # Spans follow one another, none inside another.
    assert all(
        end <= start
        for (_, end, _), (start, _, _) in zip(found.spans, found.spans[1:], strict=False)
    )


@pytest.mark.parametrize(
    ("text", "recorded"),
    [
        # blank lines go on with the block; a line no deeper than the key ends it
        (
            '  response: |\n    {"a": 1,\n\n     "b": 2}\n  next: 1\n',
            '    {"a": 1,\n\n     "b": 2}',
        ),
        ('response: |\n  ["x"]\n   \n\t\nnext: 1\n', '  ["x"]\n   \n\t'),
        # the last line, with no line break: in the block, but for one of blanks alone
        ('response: |\n  {"a": 1}', '  {"a": 1'),
        ('response: |\n  {"a": 1}\n   ', '  {"a": 1}'),
        # a carriage return after blanks, then text, ends it whatever the indent
        ('response: |\n  {"a": 1}\n     \rx\n', '  {"a": 1}'),
        ('response: |\r\n  {"a": 1}\r\n  \r\nnext: 1\r\n', '  {"a": 1}\r\n  \r'),
    ],
)
def test_where_a_payload_ends(text: str, recorded: str) -> None:
    data = text.encode()
    found = regions(data, Kind.CONFIG)
    assert found is not None
    spans = [(start, end) for start, end, kind in found.spans if kind is Kind.RECORDED]
    assert [data[start:end].decode() for start, end in spans] == [recorded]
