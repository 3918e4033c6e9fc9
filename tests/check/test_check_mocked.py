"""Offline tests, which put a fake in place of the provider, are of the kind ``mocked``
(``check/mocked.py``): judged and counted, and failing the gate only when asked for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.check import D, check, project

from modelsunset.check.mocked import fakes, is_test


@pytest.mark.parametrize(
    ("path", "test"),
    [
        ("tests/test_client.py", True),
        ("test/client.py", True),
        ("src/__tests__/chat.ts", True),
        ("test_models.py", True),
        ("pkg/models_test.go", True),
        ("src/chat.test.ts", True),
        ("src/chat.spec.mjs", True),
        ("core/config/models.vitest.ts", True),
        ("tests/conftest.py", True),
        ("src/test/java/ChatTest.java", True),
        ("tests/integration/test_chat.py", False),  # reaches the provider
        ("tests/e2e/chat.test.ts", False),
        ("tests/live/test_chat.py", False),
        ("tests/evals/test_quality.py", False),
        ("tests/test_integration_openai.py", False),
        ("src/chat.e2e.test.ts", False),
        ("integration_tests/test_chat.py", False),
        ("src/app.py", False),
        ("src/testing.py", False),
        ("src/contest.py", False),
        ("latest/app.py", False),
    ],
)
def test_a_test_is_known_by_its_path(path: str, test: bool) -> None:
    assert is_test(path) is test


@pytest.mark.parametrize(
    ("text", "fake"),
    [
        ("import respx\n", True),
        ("def test_chat(respx_mock):\n", True),
        ("from tests.respx2 import MockRouter\n", True),
        ("import responses\n", True),
        ("@responses.activate\n", True),
        ("def test_chat(httpx_mock):\n", True),
        ("transport = httpx.MockTransport(handler)\n", True),
        ("from unittest.mock import patch\n", True),
        ("from unittest import mock\nmock.patch('x')\n", False),  # no unittest.mock
        ("import mock\n", True),
        ("def test_chat(mocker):\n", True),
        ('base_url = "http://127.0.0.1:4010"\n', True),
        ('base_url = "http://localhost:8080/v1"\n', True),
        ("vi.mock('openai')\n", True),
        ("const create = jest.fn()\n", True),
        ("import { http } from 'msw'\n", True),
        ("const server = createTestServer({})\n", True),
        ("const model = new MockLanguageModelV2({})\n", True),
        ("srv := httptest.NewServer(h)\n", True),
        ("nock('https://api.openai.com')\n", True),
        ("@pytest.mark.vcr\n", False),  # recorded from the provider: no fake
        ('client = OpenAI()\nclient.chat.completions.create(model="gpt-4o")\n', False),
        ("# how to mock the client is in the docs\n", False),
        ('url = "http://localhostess.example"\n', False),
    ],
)
def test_a_fake_is_known_by_the_text(text: str, fake: bool) -> None:
    assert fakes(text.encode()) is fake


MOCKED = 'import respx\n\ndef test_chat(respx_mock):\n    create(model="gpt-4.5-preview")\n'
LIVE = (
    'from openai import OpenAI\n\ndef test_chat():\n    OpenAI().create(model="gpt-4.5-preview")\n'
)
TREE = {
    "src/app.py": 'MODEL = "gpt-4.1"\n',
    "tests/test_offline.py": MOCKED,
    "tests/test_live_calls.py": LIVE,  # no fake in it: code
    "tests/integration/test_chat.py": MOCKED,  # a fake, but below integration/: code
    "src/mocks.py": "from unittest.mock import patch\nMODEL = 'gpt-4-0314'\n",  # no test
    "tests/fixtures/reply.json": '{"model": "gpt-4o-mini"}\n',  # data: recorded
}


def run_json(repo: Path, *args: str) -> dict[str, Any]:
    result = check(repo, "--date", D, "-f", "json", *args)
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_offline_tests_are_counted_and_left_out_of_the_gate(tmp_path: Path) -> None:
    repo = project(tmp_path, TREE)
    document = run_json(repo)
    assert sorted((f["path"], f["kind"]) for f in document["findings"]) == [
        ("src/mocks.py", "code"),
        ("tests/integration/test_chat.py", "code"),
        ("tests/test_live_calls.py", "code"),
    ]
    assert document["summary"]["left_out"]["mocked"] == {
        "findings": 1,
        "unknown": 0,
        "not_checked": 0,
    }
    text = check(repo, "--date", D).stdout
    assert "2 findings in recorded and mocked files not counted (--kinds to include them)" in text


def test_offline_tests_gate_when_asked_for(tmp_path: Path) -> None:
    repo = project(tmp_path, {"tests/test_offline.py": MOCKED})
    assert check(repo, "--date", D).returncode == 0
    asked = check(repo, "--date", D, "--kinds", "code,config,docs,mocked")
    assert asked.returncode == 1
    assert "tests/test_offline.py:4:19 [mocked]" in asked.stdout
    (repo / "pyproject.toml").write_text(
        '[tool.modelsunset]\nkinds = ["code", "mocked"]\n', encoding="utf-8"
    )
    document = run_json(repo)
    assert [(f["path"], f["kind"]) for f in document["findings"]] == [
        ("tests/test_offline.py", "mocked")
    ]


def test_a_fake_anywhere_in_the_first_piece_counts(tmp_path: Path) -> None:
    late = "x = 1\n" * 2000 + "def test_chat(mocker):\n    pass\n"
    repo = project(tmp_path, {"tests/test_late.py": 'MODEL = "gpt-4.5-preview"\n' + late})
    assert run_json(repo)["findings"] == []
