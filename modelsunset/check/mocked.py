"""Test files that put a fake in place of the provider: the kind ``mocked``.

An offline test names a model to have a name to give: a mocked client, a local server,
a patched call or a response made up in the test answer whatever the name is, and the
retirement of that model changes nothing in them. Such a file is ``mocked`` when both:

- its path is a test's (``is_test``): below a folder ``tests``, ``test``, ``__tests__``
  or ``spec``, or named so (``test_*.py``, ``*_test.py``, ``*_test.go``,
  ``*.test.ts``, ``*.spec.js``, ``conftest.py`` ...), and neither its folders nor its
  name say it reaches a provider (``integration``, ``e2e``, ``live``, ``smoke``,
  ``evals``, ``acceptance``, ``functional``, ``system``);
- its text holds a fake of the network or of a call (``fakes``): respx (and its forks,
  ``respx2``), responses,
  pytest-httpx, ``httpx.MockTransport``, aioresponses, requests-mock, ``unittest.mock``
  or pytest-mock, a server on this machine (``http://127.0.0.1``, ``localhost:8080``),
  ``vi.mock``/``jest.mock`` and their ``fn``/``spyOn``, sinon, nock, msw, a test
  server or mock model of the AI SDK, Go's ``httptest``. Recorded HTTP traffic (VCR
  cassettes) is no fake: it was recorded from the provider and must be again.

Only code files are judged so (a test's data files keep their kinds). Findings in them
are judged and counted like those of every kind, and fail the gate only when
``mocked`` is among the kinds asked for (``--kinds``).
"""

from __future__ import annotations

import re

_TEST_FOLDERS = frozenset({"tests", "test", "__tests__", "__test__", "spec", "specs", "unit_tests"})
_TEST_NAME = re.compile(
    r"test_.*\.py|.*_tests?\.py|conftest\.py|.*_test\.go"
    r"|.*\.(?:test|spec)\.(?:[cm]?[jt]sx?)|.*Tests?\.(?:java|kt|cs|swift)"
)
# Words of a folder or a file name that say the tests reach a provider.
_LIVE = re.compile(
    r"(?:^|[-_.])(?:integration|integrations|e2e|live|smoke|evals?|acceptance|functional"
    r"|system|end[-_]to[-_]end)(?:$|[-_.])"
)
_FAKES = re.compile(
    rb"\brespx\w*|^\s*(?:import|from)\s+responses\b|@responses\.activate"
    rb"|\bpytest_httpx\b|\bhttpx_mock\b|\bMockTransport\b|\baioresponses\b|\brequests_mock\b"
    rb"|\bunittest\.mock\b|^\s*(?:import|from)\s+mock\b|\bmocker\b"
    rb"|\bhttps?://(?:127\.0\.0\.1|localhost|0\.0\.0\.0)\b"
    rb"|\b(?:vi|jest)\.(?:mock|fn|spyOn)\(|\bsinon\.|\bnock\(|[\"']msw(?:/[\w/]*)?[\"']"
    rb"|\bcreateTestServer\(|\bMock(?:Language|Embedding|Image)Model|\bhttptest\.New",
    re.MULTILINE,
)


def is_test(path: str) -> bool:
    """Whether ``path`` (``/`` separators, below the PATH given) is an offline test's by
    its folders and name (see the module)."""
    parts = path.split("/")
    name = parts[-1]
    folders = [part.lower() for part in parts[:-1]]
    if not (_TEST_FOLDERS.intersection(folders) or _TEST_NAME.fullmatch(name)):
        return False
    return not any(_LIVE.search(part) for part in [*folders, name.lower()])


def fakes(data: bytes) -> bool:
    """Whether a test's text holds a fake of the network or of a call (see the module)."""
    return _FAKES.search(data) is not None
