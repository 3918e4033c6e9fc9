"""What kind of file a finding is in: ``code``, ``config``, ``docs``, ``recorded`` or
``mocked``.

*Recorded* files hold what was said or done once, not what runs: test cassettes and VCR
recordings, snapshots (``__snapshots__/``, ``*.snap``, approval tests' ``*.approved.*``
and ``*.received.*``), fixtures of recorded responses (data files in ``fixtures/``, every
file in Jest's ``__fixtures__/``; in YAML, the responses an API description shows as
examples: ``payloads``), server-sent event streams (``*.sse``), datasets
(``*.jsonl``, ``*.csv``, ``*.parquet`` ...), HTTP archives, lockfiles, logs (``*.log``),
changelogs (``CHANGELOG*``, ``HISTORY*``, ``NEWS*``, ``RELEASES*``, and folders of them:
``changelog.d/``, ``release-notes/`` ...), dated documents (a Markdown, reST or text file
whose name begins with its day, ``notes/2024-05-13-gpt-4o.md``: a blog post, a release
note, a decision record, kept as it was written on that day; and anything below a blog's
``_posts/``), the frozen documentation of past releases (Markdown, reST or text below
``versioned_docs/``, Docusaurus's copies of each version, or below a folder named after a
full release number, ``docs/v1.14.3/``: kept as that release shipped, edited in the live
copy instead) and pictures drawn as SVG (``*.svg``: a chart of past results, a diagram; a
name in one is a label, never a call). ``fix`` never rewrites what is recorded.
Datasets and results kept as JSON, YAML or XML are recorded too, by two rules that only
ever apply to those data files (code, docs, TOML and INI files keep their kinds):

- below a folder of data, ``data/``, ``_data/`` (Jekyll, Hugo), ``dataset(s)/``,
  ``leaderboard(s)/`` or ``results/`` (also ``eval_results/``, ``benchmark-results/``:
  any name ending in ``_results`` or ``-results``), unless the file's name contains ``model``: a
  ``data/models.json`` is most likely a registry of the models a program offers, and
  stays config;
- whatever the folder, when the name says ``results``, ``result``, ``leaderboard`` or
  ``dataset`` as a word (``retrieval_results.json``, ``polyglot_leaderboard.yml``,
  ``docs_evaluation_dataset.json``), or begins with ``sitemap`` (a generated site map
  or page summary: ``sitemap.yaml``, ``sitemap-0.xml``).

Neither rule applies below a hidden folder (``.github/workflows/results.yml`` is a
workflow: config). A file they make recorded that is read as live data still gates when
recorded is among the kinds asked for, or when its folder is given as PATH.

*Docs* are Markdown, reST, AsciiDoc and plain text; *config* is YAML, TOML, INI, JSON and
``.env`` files; everything else is *code*. A notebook (``.ipynb``) is read cell by cell:
its source cells are code (Markdown cells docs), its outputs recorded (``notebook``).

The kind comes from the path below the PATH given (the folder names of the PATH itself
say nothing about the files in it), or from the path of a file given as PATH below the
current folder (``walk._place_of_file``).
*Mocked* files are code files of offline tests, which put a fake in place of the
provider (``mocked``): found by their text as well as their path, when they are read.
*Pattern* is the kind of a name that code tests as a pattern of names, not as one
(``model.startswith("gpt-4")``, ``"gpt-4" in model``: ``patterns``), in code, config,
docs or an offline test (in a recorded file it stays recorded): it names a family, and
its retirement changes nothing there, but it is never passed in silence either (counted,
and listed when ``pattern`` is among the kinds asked for).

By default only code, config and docs can fail the gate (``DEFAULT``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum


class Kind(StrEnum):
    CODE = "code"
    CONFIG = "config"
    DOCS = "docs"
    RECORDED = "recorded"
    MOCKED = "mocked"
    PATTERN = "pattern"


KINDS = tuple(Kind)
DEFAULT = (Kind.CODE, Kind.CONFIG, Kind.DOCS)

_RECORDED_FOLDERS = frozenset(
    {
        "cassettes",
        "cassette",
        "vcr_cassettes",
        "__cassettes__",
        "__snapshots__",
        "snapshots",
        "_snapshots",
        "__recordings__",
        "recordings",
        # Jest's folders of test input (``__fixtures__``; jscodeshift's ``__testfixtures__``):
        # every file in them, code included, is a sample a test reads, never what runs.
        "__fixtures__",
        "__testfixtures__",
        "changelog.d",
        "changes.d",
        "changelogs",
        "newsfragments",
        "release-notes",
        "release_notes",
        "releasenotes",
        "_posts",  # a blog's posts, each of its day
    }
)
_FIXTURE_FOLDERS = frozenset({"fixtures"})
# Files of data under a fixtures folder are recordings (responses, transcripts), Markdown
# and text ones included: a chat transcript kept as a fixture is not documentation.
_FIXTURE_DATA = frozenset(
    {"json", "jsonl", "ndjson", "yaml", "yml", "txt", "xml", "html", "csv", "tsv", "har"}
    | {"md", "markdown", "rst", "log"}
)
_DATASETS = frozenset(
    {"jsonl", "ndjson", "csv", "tsv", "parquet", "arrow", "feather", "avro", "orc", "har"}
)
_SNAPSHOTS = frozenset({"snap", "ambr"})
# Lockfiles, logs, pictures, and server-sent event streams kept as they came (``*.sse``).
_RECORDS = frozenset({"lock", "lockb", "log", "svg", "sse"})
# Data files that a folder of data or a name of results makes recorded (the datasets
# above are recorded wherever they are).
_DATA = frozenset({"json", "yaml", "yml", "xml"})
_DATA_FOLDERS = re.compile(r"_?data|datasets?|leaderboards?|(?:.*[-_])?results")
_DATA_WORDS = frozenset({"result", "results", "leaderboard", "leaderboards", "dataset", "datasets"})
_LOCKFILES = frozenset(
    {
        "package-lock.json",
        "npm-shrinkwrap.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "go.sum",
        "conda-lock.yml",
        "packages.lock.json",
    }
)
# Generated lockfiles by their names' endings: ``*-lock.json``, and ``*.lock.yml`` (a
# workflow compiled from its source, ``DO NOT EDIT``: GitHub's agentic workflows).
_LOCK_ENDINGS = ("-lock.json", "-lock.yaml", ".lock.json", ".lock.yml", ".lock.yaml")
_DOCS = frozenset({"md", "mdx", "markdown", "rst", "txt", "adoc", "asciidoc"})
_DOC_NAMES = frozenset({"readme", "contributing", "authors", "maintainers"})
_CONFIG = frozenset(
    {"yaml", "yml", "toml", "ini", "cfg", "conf", "json", "jsonc", "json5", "properties", "env"}
)
_CHANGELOG = re.compile(
    r"(?:changelog|changes|history|news|releases|releases?[-_ ]?notes)(?:[-_.].*)?"
)
# A folder of one release's documentation, frozen: v1.14.3, 2.0.0, v3.1.0-beta.2 (three
# numbers: v1 or v2.0 name a version of an API, as often live).
_RELEASE = re.compile(r"v?\d+\.\d+\.\d+(?:[-+][0-9a-z.-]+)?")
# A document named after its day: 2024-05-13-title.md, 2024-05-13.md, 2024_05_13_notes.rst.
_DATED = re.compile(r"(?:19|20)\d\d([-_])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])(?:[-_. ].*)?")


def kind_of(path: str) -> tuple[Kind, bool]:
    """The kind of the file at ``path`` (``/`` separators), and whether it is a notebook
    (whose cells have kinds of their own)."""
    name = path.rpartition("/")[2]
    above = path[: len(path) - len(name)]  # its folders, each followed by ``/``
    facts = _FOLDERS.get(above)
    if facts is None:
        facts = _folder_facts(above)
    recorded, frozen, fixtures, hidden, data = facts
    lower = name.lower()
    stem, dot, extension = lower.rpartition(".")
    if not dot:
        stem, extension = lower, ""
    if recorded or _recorded_name(lower, stem, extension):
        return Kind.RECORDED, False
    if extension in _DOCS and frozen:
        return Kind.RECORDED, False
    if extension in _FIXTURE_DATA and fixtures:
        return Kind.RECORDED, False
    if extension in _DATA and not hidden and _recorded_data(stem, data):
        return Kind.RECORDED, False
    if extension == "ipynb":
        return Kind.CODE, True
    if extension in _DOCS or (not extension and lower in _DOC_NAMES):
        return Kind.DOCS, False
    if extension in _CONFIG or lower == ".env" or lower.startswith(".env.") or lower == ".envrc":
        return Kind.CONFIG, False
    return Kind.CODE, False


# What the folders of a path say, the same for every file in them (a walk asks for many
# files of one folder in a row): found once, and kept for the last ``_KEPT`` folders.
_KEPT = 256
_FOLDERS: dict[str, tuple[bool, bool, bool, bool, bool]] = {}


def _folder_facts(above: str) -> tuple[bool, bool, bool, bool, bool]:
    """For the folders of ``above`` (each followed by ``/``): whether one is a folder of
    recordings, of frozen docs (see the module), of fixtures, hidden, of data."""
    folders = {part.lower() for part in above.split("/")[:-1]}
    facts = (
        not folders.isdisjoint(_RECORDED_FOLDERS),
        "versioned_docs" in folders or any(_RELEASE.fullmatch(folder) for folder in folders),
        not folders.isdisjoint(_FIXTURE_FOLDERS),
        # .github/, .circleci/: a tool's configuration, never results
        any(folder.startswith(".") for folder in folders),
        any(_DATA_FOLDERS.fullmatch(folder) for folder in folders),
    )
    if len(_FOLDERS) >= _KEPT:
        _FOLDERS.clear()
    _FOLDERS[above] = facts
    return facts


def _recorded_name(lower: str, stem: str, extension: str) -> bool:
    if extension in _DATASETS or extension in _SNAPSHOTS or extension in _RECORDS:
        return True
    if lower in _LOCKFILES or lower.endswith(_LOCK_ENDINGS):
        return True
    if ".approved." in lower or ".received." in lower:  # approval tests' snapshots
        return True
    if extension in _DOCS or extension == "org":
        return _CHANGELOG.fullmatch(stem) is not None or _DATED.fullmatch(stem) is not None
    return not extension and _CHANGELOG.fullmatch(lower) is not None


def _recorded_data(stem: str, data_folder: bool) -> bool:
    """Whether a JSON, YAML or XML file (not below a hidden folder) holds results or a
    dataset: by its name, or by a folder of data (``data_folder``) unless its name says
    it holds models."""
    if stem.startswith("sitemap") or not _DATA_WORDS.isdisjoint(re.split(r"[-_. ]+", stem)):
        return True
    return data_folder and "model" not in stem


def parse(values: Iterable[str]) -> tuple[Kind, ...]:
    """Kinds from ``code,config`` and the like (each value may list several); in the
    order of ``KINDS``. ``ValueError`` says what is wrong: no kind, or an unknown one."""
    wanted: set[Kind] = set()
    for value in values:
        for word in value.split(","):
            word = word.strip().lower()
            if not word:
                continue
            try:
                wanted.add(Kind(word))
            except ValueError:
                raise ValueError(word) from None
    if not wanted:
        raise ValueError("")
    return tuple(kind for kind in KINDS if kind in wanted)
