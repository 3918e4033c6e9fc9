"""Test files that put a fake in place of the provider: the kind ``mocked``.

An offline test names a model to have a name to give: a mocked client, a local server,
a patched call or a response made up in the test answer whatever the name is, and the
retirement of that model changes nothing in them. Such a file is ``mocked`` when both:

- its path is a test's (``is_test``): below a folder ``tests``, ``test``, ``__tests__``
  or ``spec``, or named so (``test_*.py``, ``*_test.py``, ``*_test.go``,
  ``*.test.ts``, ``*.spec.js``, ``*.vitest.ts``, ``conftest.py`` ...), and neither its
  folders nor its name say it reaches a provider (``integration``, ``e2e``, ``live``, ``smoke``,
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

import ahocorasick_rs

_TEST_FOLDERS = frozenset({"tests", "test", "__tests__", "__test__", "spec", "specs", "unit_tests"})
_TEST_NAME = re.compile(
    r"test_.*\.py|.*_tests?\.py|conftest\.py|.*_test\.go"
    r"|.*\.(?:test|spec|vitest)\.(?:[cm]?[jt]sx?)|.*Tests?\.(?:java|kt|cs|swift)"
)
# Words of a folder or a file name that say the tests reach a provider.
_LIVE = re.compile(
    r"(?:^|[-_.])(?:integration|integrations|e2e|live|smoke|evals?|acceptance|functional"
    r"|system|end[-_]to[-_]end)(?:$|[-_.])"
)
# Each fake by a word of it, found with one automaton over the text (a regular expression
# of them all tries every alternative at every byte: 2 ms for a test of 100 KB), and what
# must stand around that word (``_AROUND``).
_WORD = 0  # the word alone: no letter, digit or _ on either side
_START = 1  # no letter, digit or _ before it
_IMPORTED = 2  # a module imported, first on its line: `import mock`, `from responses import`
_SERVER = 3  # after http:// or https://, before no letter or digit
_QUOTED = 4  # a module's name just after a quote, 'msw' or "msw/node"
_MARKS: dict[bytes, int] = {
    b"respx": _START,  # respx, respx_mock, and forks of it: respx2
    b"responses": _IMPORTED,
    b"@responses.activate": _WORD,
    b"pytest_httpx": _WORD,
    b"httpx_mock": _WORD,
    b"MockTransport": _WORD,
    b"aioresponses": _WORD,
    b"requests_mock": _WORD,
    b"unittest.mock": _WORD,
    b"mock": _IMPORTED,
    b"mocker": _WORD,
    b"127.0.0.1": _SERVER,
    b"localhost": _SERVER,
    b"0.0.0.0": _SERVER,
    b"msw": _QUOTED,
    b"sinon.": _START,
    b"nock(": _START,
    b"createTestServer(": _START,
    b"MockLanguageModel": _START,
    b"MockEmbeddingModel": _START,
    b"MockImageModel": _START,
    b"httptest.New": _START,
    **{
        f"{test}.{call}(".encode(): _START
        for test in ("vi", "jest")
        for call in ("mock", "fn", "spyOn")
    },
}
_WORDS = list(_MARKS)
_IMPORT_BEFORE = re.compile(rb"(?:^|\n)[ \t]*(?:import|from)[ \t]+\Z")
_AUTOMATON: ahocorasick_rs.BytesAhoCorasick | None = None


def _word_byte(data: bytes, at: int) -> bool:
    return 0 <= at < len(data) and (data[at : at + 1].isalnum() or data[at] == 95)


def _around(data: bytes, start: int, end: int, how: int) -> bool:
    if how == _QUOTED:
        return start > 0 and data[start - 1] in b"\"'" and end < len(data) and data[end] in b"\"'/"
    if how == _SERVER:
        return data.endswith((b"http://", b"https://"), 0, start) and not _word_byte(data, end)
    if _word_byte(data, start - 1) and data[start] != 64:  # @responses: the @ begins it
        return False
    if how == _START:
        return True
    if _word_byte(data, end):
        return False
    return how == _WORD or _IMPORT_BEFORE.search(data, max(0, start - 40), start) is not None


def is_test(path: str) -> bool:
    """Whether ``path`` (``/`` separators, below the PATH given) is an offline test's by
    its folders and name (see the module)."""
    name = path.rpartition("/")[2]
    above = path[: len(path) - len(name)]  # its folders, each followed by ``/``
    facts = _FOLDERS.get(above)
    if facts is None:
        facts = _folder_facts(above)
    tests, live = facts
    if live or not (tests or _TEST_NAME.fullmatch(name)):
        return False
    return not _LIVE.search(name.lower())


# What the folders of a path say (a test's folder, one that reaches a provider), the
# same for every file in them: found once, and kept for the last ``_KEPT`` folders.
_KEPT = 256
_FOLDERS: dict[str, tuple[bool, bool]] = {}


def _folder_facts(above: str) -> tuple[bool, bool]:
    folders = [part.lower() for part in above.split("/")[:-1]]
    facts = (
        not _TEST_FOLDERS.isdisjoint(folders),
        any(_LIVE.search(folder) for folder in folders),
    )
    if len(_FOLDERS) >= _KEPT:
        _FOLDERS.clear()
    _FOLDERS[above] = facts
    return facts


def fakes(data: bytes) -> bool:
    """Whether a test's text holds a fake of the network or of a call (see the module)."""
    global _AUTOMATON
    if _AUTOMATON is None:
        _AUTOMATON = ahocorasick_rs.BytesAhoCorasick(_WORDS)
    for index, start, end in _AUTOMATON.find_matches_as_indexes(data, overlapping=True):
        if _around(data, start, end, _MARKS[_WORDS[index]]):
            return True
    return False
