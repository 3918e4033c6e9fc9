"""The catalogue format, rule by rule (contract section 2), and layering.

Every rule is a row of a table: a catalogue text with the offending line marked by a
``# <--`` comment, the words the message must contain and the hint it must carry. A
second ``# first`` mark stands for the earlier line a message refers back to.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date

import pytest

from modelsunset.catalogue import parse
from modelsunset.errors import CatalogueError, Problem
from modelsunset.model import Catalogue

MARK = "# <--"
FIRST = "# first"
NAME = "retirements.yaml"


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


UNCHECKED = _Unchecked()


def doc(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def line_of(text: str | bytes, mark: str = MARK) -> int:
    """The 1-based line holding ``mark``, which must appear exactly once."""
    decoded = text.decode("latin-1") if isinstance(text, bytes) else text
    found = [n for n, line in enumerate(decoded.split("\n"), 1) if mark in line]
    assert len(found) == 1, f"expected one {mark!r} in the test text, found {len(found)}"
    return found[0]


PRELUDE = doc(
    """
    version: 1
    providers:
      openai: {name: OpenAI}
      anthropic: {name: Anthropic}
    surfaces:
      api: {name: Developer API}
      chatgpt: {name: ChatGPT, provider: openai}
      claude-app: {name: Claude apps, provider: anthropic}
    models:
      gpt-5.2:
        provider: openai
        aliases: [gpt5.2]
        surfaces:
          api:
          chatgpt: {since: 2025-12-11}
      gpt-4.1:
        provider: openai
        surfaces:
          api: {since: 2025-04-14}
    """
)


def models(snippet: str) -> str:
    """The prelude (two providers, three surfaces, two models) plus more models."""
    return PRELUDE + textwrap.indent(doc(snippet), "  ")


def encode(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def parse_files(*files: tuple[str, str | bytes]) -> Catalogue:
    return parse([(name, encode(data)) for name, data in files])


def problems_of(*files: tuple[str, str | bytes]) -> tuple[Problem, ...]:
    with pytest.raises(CatalogueError) as caught:
        parse_files(*files)
    found = caught.value.problems
    assert found, "a CatalogueError must name at least one problem"
    return found


def describe(found: tuple[Problem, ...]) -> str:
    return "\n".join(p.render() for p in found)


@dataclass(frozen=True)
class Rule:
    """A catalogue that breaks one rule, and what the report must say about it."""

    text: str | bytes
    says: tuple[str, ...]
    hint: str | _Unchecked | None = UNCHECKED
    line: int | None = None  # default: the line marked `# <--`
    alone: bool = True  # the only problem reported

    def expected_line(self) -> int:
        return self.line if self.line is not None else line_of(self.text)

    def expected_words(self) -> list[str]:
        text = self.text.decode("latin-1") if isinstance(self.text, bytes) else self.text
        first = line_of(text, FIRST) if FIRST in text else None
        return [word.format(first=first) for word in self.says]


def rule(
    id: str,
    text: str | bytes,
    *says: str,
    hint: str | _Unchecked | None = UNCHECKED,
    line: int | None = None,
    alone: bool = True,
) -> object:
    return pytest.param(Rule(text, says, hint, line, alone), id=id)


def check_rule(case: Rule) -> None:
    found = problems_of((NAME, case.text))
    shown = describe(found)
    assert all(p.file == NAME for p in found), shown
    words = case.expected_words()
    matching = [p for p in found if all(word in p.message for word in words)]
    assert matching, f"no problem says {words}:\n{shown}"
    problem = matching[0]
    assert problem.line == case.expected_line(), shown
    if case.hint is None:
        assert problem.hint is None, shown
    elif isinstance(case.hint, str):
        assert problem.hint is not None and case.hint in problem.hint, shown
    if case.alone:
        assert len(found) == 1, f"expected only one problem:\n{shown}"


# -- reading: YAML, UTF-8, empty, the top ------------------------------------------------

READING = [
    rule(
        "not-yaml",
        doc(
            """
            version: 1
            providers:
              openai: name: OpenAI  # <--
            """
        ),
        "not valid YAML",
        hint="YAML syntax",
    ),
    rule(
        "two-documents",
        "version: 1\n---  # <--\nversion: 1\n",
        "not valid YAML",
        "document",
    ),
    rule(
        "tab-in-nested-indentation",
        models(
            """
            gpt-4o:
              provider: openai
            \tsurfaces: {api: }  # <--
            """
        ),
        "not valid YAML",
        "tab",
        hint="indent with spaces",
    ),
    rule(
        "tab-indenting-a-key",
        "version: 1\nproviders:\n\topenai: {name: OpenAI}  # <--\n",
        "not valid YAML",
        hint="indent with spaces",
    ),
    rule(
        "not-utf8-latin1",
        b"version: 1\nproviders:\n  openai: {name: Op\xe9nAI}  # <--\n",
        "not UTF-8",
        "0xe9",
        hint="UTF-8",
    ),
    rule(
        "not-utf8-utf16",
        "version: 1\n".encode("utf-16"),
        "not UTF-8",
        hint="UTF-8",
        line=1,
    ),
    rule("empty", "", "empty", hint="version: 1", line=1),
    rule("blank-lines-only", "\n\n   \n\n", "empty", line=1),
    rule("only-comments", "# a catalogue\n# to be written\n", "empty", line=1),
    rule(
        "list-at-top",
        "# a list is not a catalogue\n- version: 1  # <--\n- models: {}\n",
        "top of a catalogue must be a mapping",
        "not a list",
    ),
    rule(
        "scalar-at-top",
        "# words\njust some words  # <--\n",
        "top of a catalogue must be a mapping",
        "not text: this file is not a catalogue",
    ),
    rule(
        "control-character",
        "version: 1\nproviders:\n  openai: {name: \x07}  # <--\n",
        "not valid YAML",
        "control characters",
    ),
    rule(
        "control-character-after-accented-text",
        "version: 1\n# "
        + "\u00e9" * 200
        + "\nproviders:\n  openai: {name: \x07}  # <--\n"
        + "\n" * 300,
        "not valid YAML",
        "control characters",
    ),
    rule(
        "name-over-two-lines",
        models('x-model: {name: "Model\\nA", provider: openai, surfaces: {api: }}  # <--'),
        "name of model x-model is not one line of text",
        hint="write the name on one line",
    ),
    rule(
        "name-as-a-block",
        models(
            """
            x-model:
              name: |  # <--
                Model
                A
              provider: openai
              surfaces: {api: }
            """
        ),
        "name of model x-model is not one line of text",
    ),
    rule(
        "escape-sequence-in-a-name",
        'version: 1\nproviders:\n  openai: {name: "Open\\e[31mAI"}  # <--\n',
        "name of provider openai is not one line of text",
    ),
    rule(
        "empty-model-id",
        models('"": {name: X, provider: openai, surfaces: {api: }}  # <--'),
        "a model id is empty",
        hint="give the model an id",
    ),
    rule(
        "empty-alias",
        models('x-model: {name: X, provider: openai, aliases: [""], surfaces: {api: }}  # <--'),
        "an alias in aliases of model x-model is empty",
        hint="remove it from the list",
    ),
    rule(
        "nested-too-deeply",
        "version: 1\nproviders:\n  openai:\n    name: " + "[" * 3000 + "]" * 3000 + "  # <--\n",
        "not valid YAML",
        "nesting",
    ),
]


@pytest.mark.parametrize("case", READING)
def test_reading(case: Rule) -> None:
    check_rule(case)


# -- duplicate keys in every mapping ---------------------------------------------------------

DUPLICATES = [
    rule(
        "top",
        "version: 1  # first\nupdated: 2026-01-30\nversion: 1  # <--\n",
        "duplicate key 'version' in the top level",
        "first written at line {first}",
        hint="keep one of them",
    ),
    rule(
        "providers",
        doc(
            """
            version: 1
            providers:
              openai: {name: OpenAI}  # first
              openai: {name: OpenAI again}  # <--
            """
        ),
        "duplicate key 'openai' in providers",
        "first written at line {first}",
        hint="keep one of them",
    ),
    rule(
        "surfaces",
        doc(
            """
            version: 1
            surfaces:
              api: {name: API}  # first
              chatgpt: {name: ChatGPT}
              api: {name: API again}  # <--
            """
        ),
        "duplicate key 'api' in surfaces",
        "first written at line {first}",
    ),
    rule(
        "models",
        models(
            """
            gpt-4o:  # first
              provider: openai
              surfaces: {api: }
            gpt-4o:  # <--
              provider: openai
              surfaces: {chatgpt: }
            """
        ),
        "duplicate key 'gpt-4o' in models",
        "first written at line {first}",
    ),
    rule(
        "a-model",
        models(
            """
            gpt-4o:
              provider: openai  # first
              surfaces: {api: }
              provider: openai  # <--
            """
        ),
        "duplicate key 'provider' in model gpt-4o",
        "first written at line {first}",
    ),
    rule(
        "the-surfaces-of-a-model",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:  # first
                chatgpt:
                api: {retires: 2026-02-13}  # <--
            """
        ),
        "duplicate key 'api' in surfaces of model gpt-4o",
        "first written at line {first}",
    ),
    rule(
        "an-entry",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13  # first
                  note: Gone.
                  retires: 2026-03-13  # <--
            """
        ),
        "duplicate key 'retires' in model gpt-4o on api",
        "first written at line {first}",
    ),
    rule(
        "a-provider",
        "version: 1\nproviders:\n  openai:\n    name: OpenAI  # first\n    name: Open  # <--\n",
        "duplicate key 'name' in provider openai",
        "first written at line {first}",
    ),
    rule(
        "a-surface",
        "version: 1\nsurfaces:\n  api:\n    name: API  # first\n    name: Api  # <--\n",
        "duplicate key 'name' in surface api",
    ),
    rule(
        "ids-read-as-written-no-and-quoted-no",
        models(
            """
            no:  # first
              provider: openai
              surfaces: {api: }
            'no':  # <--
              provider: openai
              surfaces: {api: }
            """
        ),
        "duplicate key 'no' in models",
        "first written at line {first}",
    ),
]


@pytest.mark.parametrize("case", DUPLICATES)
def test_duplicate_key(case: Rule) -> None:
    check_rule(case)


# -- unknown keys at every level ------------------------------------------------------------

ENTRY_KEYS = "since, announced, retires, fallback, replacement, source, checked, note"

UNKNOWN_KEYS = [
    rule(
        "top-close",
        "version: 1\nmodel:  # <--\n  gpt-4o: {}\n",
        "unknown key 'model' in the top level",
        "allowed: version, updated, providers, surfaces, models",
        hint="did you mean 'models'?",
    ),
    rule(
        "top-far",
        "version: 1\ncolour: blue  # <--\n",
        "unknown key 'colour' in the top level",
        "allowed:",
        hint=None,
    ),
    rule(
        "provider",
        "version: 1\nproviders:\n  openai: {name: OpenAI, urls: https://openai.com}  # <--\n",
        "unknown key 'urls' in provider openai",
        "allowed: name, url",
        hint="did you mean 'url'?",
    ),
    rule(
        "surface",
        "version: 1\nsurfaces:\n  api:\n    name: API\n    descripton: The API  # <--\n",
        "unknown key 'descripton' in surface api",
        "allowed: name, provider, description",
        hint="did you mean 'description'?",
    ),
    rule(
        "model",
        models(
            """
            gpt-4o:
              provider: openai
              alias: [gpt4o]  # <--
              surfaces: {api: }
            """
        ),
        "unknown key 'alias' in model gpt-4o",
        "allowed: name, provider, aliases, surfaces",
        hint="did you mean 'aliases'?",
    ),
    rule(
        "entry-retire",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retire: 2026-02-13  # <--
            """
        ),
        "unknown key 'retire' in model gpt-4o on api",
        f"allowed: {ENTRY_KEYS}",
        hint="did you mean 'retires'?",
    ),
    rule(
        "entry-fallbak",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                chatgpt:
                  retires: 2026-02-13
                  fallbak: gpt-5.2  # <--
            """
        ),
        "unknown key 'fallbak'",
        hint="did you mean 'fallback'?",
    ),
    rule(
        "entry-far",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api: {colour: red}  # <--
            """
        ),
        "unknown key 'colour' in model gpt-4o on api",
        f"allowed: {ENTRY_KEYS}",
        hint=None,
    ),
]


@pytest.mark.parametrize("case", UNKNOWN_KEYS)
def test_unknown_key(case: Rule) -> None:
    check_rule(case)


# -- wrong types, empty values, impossible dates ----------------------------------------------


def entry(fields: str) -> str:
    """A model gpt-4o whose api entry holds ``fields`` (one line, marked)."""
    return models(
        f"""
        gpt-4o:
          provider: openai
          surfaces:
            api:
              {fields}  # <--
        """
    )


WRONG_TYPES = [
    *[
        rule(f"version-{label}", f"version: {value}  # <--\n", "version must be a whole number")
        for label, value in [
            ("quoted", "'1'"),
            ("float", "1.0"),
            ("bool", "yes"),
            ("list", "[1]"),
            ("mapping", "{v: 1}"),
            ("negative", "-1"),
        ]
    ],
    rule(
        "version-newer",
        "version: 3  # <--\n",
        "version 3 needs a newer modelsunset",
        hint="pip install --upgrade modelsunset",
    ),
    rule("version-zero", "version: 0  # <--\n", "unknown catalogue format version 0"),
    rule("version-null", "version:  # <--\n", "version is empty", hint="version: 1"),
    rule("version-missing", "updated: 2026-01-30\n", "no `version`", hint="version: 1", line=1),
    rule("updated-number", "version: 1\nupdated: 5  # <--\n", "updated '5' is not a date"),
    rule(
        "updated-not-real",
        "version: 1\nupdated: 2026-02-30  # <--\n",
        "updated 2026-02-30 is not a real calendar date",
    ),
    rule(
        "updated-list",
        "version: 1\nupdated: [2026-01-30]  # <--\n",
        "updated must be a date (YYYY-MM-DD), not a list",
    ),
    rule(
        "providers-list",
        "version: 1\nproviders: [openai]  # <--\n",
        "providers must be a mapping",
        "not a list",
    ),
    rule(
        "surfaces-scalar",
        "version: 1\nsurfaces: api  # <--\n",
        "surfaces must be a mapping",
        "not 'api'",
    ),
    rule("models-number", "version: 1\nmodels: 5  # <--\n", "models must be a mapping", "not '5'"),
    rule(
        "provider-name-list",
        "version: 1\nproviders:\n  openai: {name: [Open, AI]}  # <--\n",
        "name of provider openai must be a string, not a list",
    ),
    rule(
        "provider-name-empty",
        "version: 1\nproviders:\n  openai: {name: ''}  # <--\n",
        "name of provider openai is empty",
        hint="give a value",
    ),
    rule(
        "provider-no-name",
        "version: 1\nproviders:\n  openai: {url: https://openai.com}  # <--\n",
        "provider openai has no name",
        hint="name:",
    ),
    rule(
        "provider-url-ftp",
        "version: 1\nproviders:\n  openai: {name: OpenAI, url: ftp://openai.com}  # <--\n",
        "url of provider openai 'ftp://openai.com' is not an http(s) URL",
    ),
    rule(
        "provider-url-bare",
        "version: 1\nproviders:\n  openai:\n    name: OpenAI\n    url: openai.com  # <--\n",
        "'openai.com' is not an http(s) URL",
        hint="write the whole address, starting with https://",
    ),
    rule(
        "provider-url-that-does-not-parse",
        "version: 1\nproviders:\n  openai: {name: OpenAI, url: 'https://[::1'}  # <--\n",
        "'https://[::1' is not an http(s) URL",
    ),
    rule(
        "provider-id-with-space",
        "version: 1\nproviders:\n  open ai: {name: OpenAI}  # <--\n",
        "provider id 'open ai' is not an id",
    ),
    rule(
        "surface-no-name",
        "version: 1\nsurfaces:\n  api: {description: The API}  # <--\n",
        "surface api has no name",
    ),
    rule(
        "surface-provider-list",
        "version: 1\nsurfaces:\n  api: {name: API, provider: [openai]}  # <--\n",
        "provider of surface api must be an id, not a list",
    ),
    rule(
        "surface-description-mapping",
        "version: 1\nsurfaces:\n  api:\n    name: API\n    description: {a: b}  # <--\n",
        "description of surface api must be a string, not a mapping",
    ),
    rule(
        "model-name-list",
        models("gpt-4o:\n  name: [GPT, 4o]  # <--\n  provider: openai\n  surfaces: {api: }\n"),
        "name of model gpt-4o must be a string, not a list",
    ),
    rule(
        "model-name-empty",
        models("gpt-4o:\n  name: ''  # <--\n  provider: openai\n  surfaces: {api: }\n"),
        "name of model gpt-4o is empty",
    ),
    rule(
        "model-no-provider",
        models("gpt-4o:  # <--\n  surfaces: {api: }\n"),
        "model gpt-4o has no provider",
        hint="provider:",
    ),
    rule(
        "model-provider-list",
        models("gpt-4o:\n  provider: [openai]  # <--\n  surfaces: {api: }\n"),
        "provider of model gpt-4o must be an id, not a list",
    ),
    rule(
        "model-provider-with-space",
        models("gpt-4o:\n  provider: open ai  # <--\n  surfaces: {api: }\n"),
        "provider of model gpt-4o 'open ai' is not an id",
    ),
    rule(
        "model-id-with-space",
        models("gpt 4o:  # <--\n  provider: openai\n  surfaces: {api: }\n"),
        "model id 'gpt 4o' is not an id",
    ),
    rule(
        "aliases-scalar",
        models("gpt-4o:\n  provider: openai\n  aliases: gpt4o  # <--\n  surfaces: {api: }\n"),
        "aliases of model gpt-4o must be a list of names, not 'gpt4o'",
        hint="[name, other-name]",
    ),
    rule(
        "alias-list",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - gpt4o
                - [gpt, 4o]  # <--
              surfaces: {api: }
            """
        ),
        "an alias in aliases of model gpt-4o must be a name, not a list",
    ),
    rule(
        "alias-null",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - gpt4o
                -  # <--
              surfaces: {api: }
            """
        ),
        "an alias in aliases of model gpt-4o is empty",
    ),
    rule(
        "alias-empty-string",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - ''  # <--
              surfaces: {api: }
            """
        ),
        "an alias in aliases of model gpt-4o is empty",
    ),
    rule(
        "model-surfaces-empty",
        models("gpt-4o:  # <--\n  provider: openai\n  surfaces: {}\n"),
        "model gpt-4o is offered on no surface",
        hint="surfaces:",
    ),
    rule(
        "model-surfaces-missing",
        models("gpt-4o:  # <--\n  provider: openai\n"),
        "model gpt-4o is offered on no surface",
    ),
    rule(
        "model-surfaces-list",
        models("gpt-4o:\n  provider: openai\n  surfaces: [api]  # <--\n"),
        "surfaces of model gpt-4o must be a mapping of surface ids to entries, not a list",
        alone=False,
    ),
    rule(
        "surface-id-with-space",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    api:\n    chat gpt:  # <--\n"),
        "surface id 'chat gpt' is not an id",
    ),
    rule(
        "entry-scalar",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    api: 5  # <--\n"),
        "model gpt-4o on api must be a mapping of keys",
        "not '5'",
    ),
    rule(
        "entry-list",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    api: [2026-02-13]  # <--\n"),
        "model gpt-4o on api must be a mapping of keys",
        "not a list",
    ),
    rule(
        "since-words",
        entry("since: soon"),
        "since of model gpt-4o on api 'soon' is not a date",
        hint="YYYY-MM-DD",
    ),
    rule(
        "retires-a-number",
        entry("retires: 20260213"),
        "retires of model gpt-4o on api '20260213' is not a date",
        hint="YYYY-MM-DD",
    ),
    rule("retires-a-year", entry("retires: 2026"), "'2026' is not a date"),
    rule("retires-short-month", entry("retires: '2026-2-13'"), "'2026-2-13' is not a date"),
    rule(
        "retires-with-time",
        entry("retires: 2026-02-13T10:00:00"),
        "'2026-02-13T10:00:00' is not a date",
        hint="no time of day here: write 2026-02-13",
    ),
    rule(
        "retires-with-time-and-space",
        entry("retires: 2026-02-13 10:00:00"),
        "is not a date",
        hint="no time of day",
    ),
    rule(
        "retires-february-30",
        entry("retires: 2026-02-30"),
        "retires of model gpt-4o on api 2026-02-30 is not a real calendar date",
    ),
    rule(
        "retires-not-a-leap-year",
        entry("retires: '2025-02-29'"),
        "2025-02-29 is not a real calendar date",
    ),
    rule(
        "retires-month-13", entry("retires: 2026-13-01"), "2026-13-01 is not a real calendar date"
    ),
    rule("announced-list", entry("announced: [2026-01-29]"), "announced", "must be a date"),
    rule(
        "checked-bool", entry("checked: yes"), "checked of model gpt-4o on api 'yes' is not a date"
    ),
    rule("checked-day-zero", entry("checked: 2026-01-00"), "not a real calendar date"),
    rule(
        "fallback-list",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  fallback: [gpt-5.2]  # <--
            """
        ),
        "fallback of model gpt-4o on api must be an id, not a list",
    ),
    rule(
        "replacement-with-space",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  replacement: gpt 5.2  # <--
            """
        ),
        "replacement of model gpt-4o on api 'gpt 5.2' is not an id",
    ),
    rule(
        "source-ftp",
        entry("source: ftp://openai.com/notes"),
        "source of model gpt-4o on api 'ftp://openai.com/notes' is not an http(s) URL",
    ),
    rule("source-words", entry("source: see the docs"), "'see the docs' is not an http(s) URL"),
    rule("source-number", entry("source: 5"), "'5' is not an http(s) URL"),
    rule("note-list", entry("note: [a, b]"), "note of model gpt-4o on api must be a string"),
    rule(
        "note-empty", entry('note: ""'), "note of model gpt-4o on api is empty", hint="give a value"
    ),
]


@pytest.mark.parametrize("case", WRONG_TYPES)
def test_wrong_type(case: Rule) -> None:
    check_rule(case)


# -- references: providers, surfaces, dates, successors, names ----------------------------------

REFERENCES = [
    rule(
        "model-unknown-provider-close",
        models("gpt-4o:\n  provider: openia  # <--\n  surfaces: {api: }\n"),
        "model gpt-4o: unknown provider 'openia'",
        hint="did you mean 'openai'?",
    ),
    rule(
        "model-unknown-provider-far",
        models("mistral-large:\n  provider: mistral  # <--\n  surfaces: {api: }\n"),
        "model mistral-large: unknown provider 'mistral'",
        hint="declare it under `providers:`",
    ),
    rule(
        "surface-unknown-provider",
        "version: 1\nproviders:\n  openai: {name: OpenAI}\nsurfaces:\n"
        "  chatgpt:\n    name: ChatGPT\n    provider: opnai  # <--\n",
        "surface chatgpt: unknown provider 'opnai'",
        hint="did you mean 'openai'?",
    ),
    rule(
        "unknown-surface-close",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    api:\n    chatgtp:  # <--\n"),
        "model gpt-4o: unknown surface 'chatgtp'",
        hint="did you mean 'chatgpt'?",
    ),
    rule(
        "unknown-surface-far",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    bedrock: {}  # <--\n"),
        "model gpt-4o: unknown surface 'bedrock'",
        hint="declare it under `surfaces:`",
    ),
    rule(
        "surface-of-another-provider",
        models(
            "claude-opus-4:\n  provider: anthropic\n  surfaces:\n    api:\n    chatgpt:  # <--\n"
        ),
        "model claude-opus-4 is from anthropic, but surface chatgpt is bound to provider openai",
    ),
    rule(
        "announced-after-retires",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  announced: 2026-03-01  # <--
                  retires: 2026-02-13
            """
        ),
        "gpt-4o on api: announced 2026-03-01 is after retires 2026-02-13",
    ),
    rule(
        "since-on-retires",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  since: 2026-02-13  # <--
                  retires: 2026-02-13
            """
        ),
        "gpt-4o on api: since 2026-02-13 is not before retires 2026-02-13",
        hint="first day the model is gone",
    ),
    rule(
        "since-after-retires",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  since: '2026-06-01'  # <--
            """
        ),
        "since 2026-06-01 is not before retires 2026-02-13",
    ),
    rule(
        "fallback-and-replacement",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  fallback: gpt-5.2
                  replacement: gpt-4.1  # <--
            """
        ),
        "gpt-4o on api: both fallback and replacement are set",
        hint="`fallback` when the move is automatic",
    ),
    rule(
        "fallback-without-retires",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                chatgpt:
                  announced: 2026-01-29
                  fallback: gpt-5.2  # <--
            """
        ),
        "gpt-4o on chatgpt: fallback is set but `retires` is not",
        hint="add `retires:`",
    ),
    rule(
        "replacement-without-retires",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api: {replacement: gpt-4.1}  # <--
            """
        ),
        "gpt-4o on api: replacement is set but `retires` is not",
    ),
    rule(
        "successor-missing-close",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  replacement: gpt-4.2  # <--
            """
        ),
        "gpt-4o on api: replacement 'gpt-4.2' is not a model in the catalogue",
        hint="'gpt-4.1'",
    ),
    rule(
        "successor-missing-far",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  fallback: llama-3  # <--
            """
        ),
        "fallback 'llama-3' is not a model in the catalogue",
        hint="add the model, or fix the id",
    ),
    rule(
        "successor-is-itself",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  replacement: gpt-4o  # <--
            """
        ),
        "gpt-4o on api: replacement is the model itself",
    ),
    rule(
        "successor-is-itself-by-alias",
        models(
            """
            gpt-4o:
              provider: openai
              aliases: [gpt4o]
              surfaces:
                api:
                  retires: 2026-02-13
                  replacement: GPT4O  # <--
            """
        ),
        "gpt-4o on api: replacement is the model itself",
    ),
    rule(
        "successor-not-on-the-surface",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                chatgpt:
                  retires: 2026-02-13
                  fallback: gpt-4.1  # <--
            """
        ),
        "gpt-4o on chatgpt: fallback gpt-4.1 is not offered on chatgpt",
        hint="gpt-4.1 is offered on: api",
    ),
    rule(
        "successor-not-yet-offered",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                chatgpt:
                  retires: 2025-12-10
                  fallback: gpt-5.2  # <--
            """
        ),
        "gpt-4o on chatgpt: fallback gpt-5.2 is not yet offered on chatgpt on 2025-12-10",
        "it starts 2025-12-11",
    ),
    rule(
        "successor-already-retired",
        models(
            """
            gpt-4.5-preview:
              provider: openai
              surfaces:
                api:
                  retires: 2025-07-14
                  replacement: o1  # <--
            o1:
              provider: openai
              surfaces:
                api: {retires: 2025-07-14}
            """
        ),
        "gpt-4.5-preview on api: replacement o1 is no longer offered on api on 2025-07-14",
        "it retires 2025-07-14",
        hint="point gpt-4.5-preview at the model that replaced o1",
    ),
    rule(
        "cycle",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-13
                  replacement: o3  # <--
            o3:
              provider: openai
              surfaces:
                api:
                  retires: 2026-01-01
                  replacement: gpt-4o
            """
        ),
        "a cycle of successors on api: gpt-4o -> o3 -> gpt-4o",
        hint="must end at a model that stays",
        alone=False,
    ),
    rule(
        "cycle-on-one-surface-only",
        models(
            """
            a:
              provider: openai
              surfaces:
                api:
                chatgpt: {fallback: b}  # <--
            b:
              provider: openai
              surfaces:
                api:
                chatgpt: {fallback: c}
            c:
              provider: openai
              surfaces:
                api:
                chatgpt: {fallback: a}
            """
        ),
        "a cycle of successors on chatgpt: a -> b -> c -> a",
        alone=False,
    ),
    rule(
        "alias-of-two-models",
        models(
            """
            gpt-4o:
              provider: openai
              aliases: [omni]
              surfaces: {api: }
            gpt-4o-mini:
              provider: openai
              aliases:
                - omni  # <--
              surfaces: {api: }
            """
        ),
        "alias 'omni' of gpt-4o-mini would also find gpt-4o",
        hint="remove the alias or rename one of the models",
    ),
    rule(
        "alias-is-another-id",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - gpt-4.1  # <--
              surfaces: {api: }
            """
        ),
        "alias 'gpt-4.1' of gpt-4o would also find gpt-4.1",
    ),
    rule(
        "alias-reads-as-another-id",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - GPT 4.1  # <--
              surfaces: {api: }
            """
        ),
        "alias 'GPT 4.1' of gpt-4o would also find gpt-4.1",
        "reads the same as 'gpt-4.1'",
    ),
    rule(
        "alias-reads-as-another-alias",
        models(
            """
            gpt-4o:
              provider: openai
              aliases:
                - GPT5.2  # <--
              surfaces: {api: }
            """
        ),
        "alias 'GPT5.2' of gpt-4o would also find gpt-5.2",
        "reads the same as 'gpt5.2'",
    ),
    rule(
        "ids-that-read-the-same",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces: {api: }
            GPT_4o:  # <--
              provider: openai
              surfaces: {api: }
            """
        ),
        "GPT_4o",
        "gpt-4o",
    ),
]


@pytest.mark.parametrize("case", REFERENCES)
def test_reference(case: Rule) -> None:
    check_rule(case)


# -- beyond plain data: anchors, aliases, merge keys, tags -------------------------------------

PLAIN_DATA = [
    rule(
        "alias-of-a-scalar",
        doc(
            """
            version: 1
            providers:
              openai: {name: &n OpenAI}
              azure:
                name: *n  # <--
            """
        ),
        "YAML anchors and aliases (&name, *name) are not supported",
        hint="write the value out in full",
    ),
    rule(
        "alias-of-a-mapping",
        models(
            """
            gpt-4o: &m
              provider: openai
              surfaces: {api: }
            gpt-4o-copy: *m  # <--
            """
        ),
        "anchors and aliases",
        alone=False,
    ),
    rule(
        "alias-as-a-list-item",
        models(
            """
            gpt-4o:
              provider: openai
              aliases: [&a omni]
              surfaces: {api: }
            gpt-4o-mini:
              provider: openai
              aliases:
                - mini
                - *a  # <--
              surfaces: {api: }
            """
        ),
        "anchors and aliases",
    ),
    rule(
        "alias-after-a-byte-order-mark",
        # libyaml skips a byte-order mark at the start of any line: this is an alias.
        "version: 1\nproviders: &x\n  openai: {name: OpenAI}\nmodels:\n\ufeff*x  # <--\n",
        "anchors and aliases",
        "(here: *x)",
        alone=False,
    ),
    rule(
        "alias-after-an-anchor-under-an-unknown-key",
        doc(
            """
            version: 1
            x-defaults: &name OpenAI
            providers:
              openai:
                name: *name  # <--
            """
        ),
        "anchors and aliases",
        alone=False,
    ),
    rule(
        "merge-key",
        models(
            """
            gpt-4o: &base
              provider: openai
              surfaces: {api: }
            gpt-4o-mini:
              <<: *base  # <--
              provider: openai
              surfaces: {api: }
            """
        ),
        "merge keys (<<) are not supported",
        hint="write the keys out in full",
    ),
    rule(
        "python-object",
        "version: 1\nproviders: !!python/object:os.system {}  # <--\n",
        "the tag !!python/object:os.system is not allowed",
        hint="remove the tag",
    ),
    rule(
        "python-object-apply",
        entry("note: !!python/object/apply:os.system [echo hello]"),
        "the tag !!python/object/apply:os.system is not allowed",
    ),
    rule("binary", entry("note: !!binary aGVsbG8="), "the tag !!binary is not allowed"),
    rule("local-tag", entry("note: !shout hello"), "the tag !shout is not allowed"),
    rule(
        "set-tag",
        models(
            "gpt-4o:\n  provider: openai\n  aliases: !!set {a, b}  # <--\n  surfaces: {api: }\n"
        ),
        "the tag !!set is not allowed",
    ),
    rule("python-int", "version: !!python/int 1  # <--\n", "the tag !!python/int is not allowed"),
    rule(
        "tag-on-a-key",
        "version: 1\nproviders:\n  !!python/name:os.system openai: {name: OpenAI}  # <--\n",
        "the tag !!python/name:os.system is not allowed",
    ),
]


@pytest.mark.parametrize("case", PLAIN_DATA)
def test_plain_data_only(case: Rule) -> None:
    check_rule(case)


def test_a_billion_laughs_is_refused_without_expanding_it() -> None:
    lines = ["models:", "  lol0:", "    provider: openai", "    aliases: &l0 [a, b, c, d, e, f]"]
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines += [f"  lol{level}:", "    provider: openai", f"    aliases: &l{level} [{refs}]"]
    text = PRELUDE.replace("models:\n", "\n".join(lines) + "\n", 1)
    found = problems_of((NAME, text))
    alias_problems = [p for p in found if "anchors and aliases" in p.message]
    # Nine levels of nine references would expand to 6 * 9**9 aliases. Each reference is
    # refused once, and nothing is expanded.
    assert len(alias_problems) == text.count("*l") == 81
    assert {p.line for p in alias_problems} <= set(range(1, text.count("\n") + 2))


# -- a value already reported as wrong is reported once ------------------------------------------

REPORTED_ONCE = [
    rule(
        "provider-scalar",
        "version: 1\nproviders:\n  openai: OpenAI  # <--\n",
        "provider openai must be a mapping",
    ),
    rule(
        "provider-tagged",
        "version: 1\nproviders:\n  openai: !!python/object/apply:os.system [ls]  # <--\n",
        "not allowed",
    ),
    rule(
        "model-scalar",
        models("gpt-4o: 5  # <--\n"),
        "model gpt-4o must be a mapping",
    ),
    rule(
        "model-surfaces-list",
        models("gpt-4o:\n  provider: openai\n  surfaces: [api]  # <--\n"),
        "must be a mapping of surface ids",
    ),
    rule(
        "model-surfaces-tagged",
        models("gpt-4o:\n  provider: openai\n  surfaces: !!set {api}  # <--\n"),
        "the tag !!set is not allowed",
    ),
    rule(
        "retires-not-real-with-a-successor",
        models(
            """
            gpt-4o:
              provider: openai
              surfaces:
                api:
                  retires: 2026-02-30  # <--
                  replacement: gpt-4.1
            """
        ),
        "not a real calendar date",
    ),
    rule(
        "model-is-an-alias",
        models("gpt-4o: &m\n  provider: openai\n  surfaces: {api: }\ngpt-4o-copy: *m  # <--\n"),
        "anchors and aliases",
    ),
    rule(
        "entry-scalar",
        models("gpt-4o:\n  provider: openai\n  surfaces:\n    api: 5  # <--\n"),
        "must be a mapping of keys",
    ),
    rule(
        "provider-name-invalid",
        "version: 1\nproviders:\n  openai: {name: [a]}  # <--\n",
        "must be a string",
    ),
]


@pytest.mark.parametrize("case", REPORTED_ONCE)
def test_a_wrong_value_is_reported_once(case: Rule) -> None:
    check_rule(case)


@pytest.mark.parametrize("value", ["=", "<<"])
def test_an_unquoted_equals_sign_is_text_not_a_tag(value: str) -> None:
    """PyYAML resolves `=` and `<<` to YAML 1.1 implicit types; no tag was written."""
    text = models(f"gpt-4o:\n  provider: openai\n  surfaces:\n    api: {{note: {value}}}\n")
    assert parse_files((NAME, text)).models["gpt-4o"].entries["api"].note == value


# -- several problems at once, in order --------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once_in_line_order() -> None:
    text = models(
        """
        gpt-4o:
          provider: openia            # 1
          surfaces:
            api:
              retire: 2026-02-13      # 2
            chatgpt:
              since: 2026-13-01       # 3
              retires: 2026-02-13
              fallback: gpt-5         # 4
        gpt-4o:                       # 5
          provider: openai
        """
    )
    found = problems_of((NAME, text))
    lines = [line_of(text, f"# {n}") for n in range(1, 6)]
    assert [p.line for p in found] == lines, describe(found)
    assert [p.line for p in found] == sorted(p.line or 0 for p in found)
    words = [
        "unknown provider 'openia'",
        "unknown key 'retire'",
        "not a real calendar date",
        "fallback 'gpt-5' is not a model",
        "duplicate key 'gpt-4o'",
    ]
    for problem, word in zip(found, words, strict=True):
        assert word in problem.message


def test_no_file_at_all_is_a_catalogue_error() -> None:
    with pytest.raises(CatalogueError):
        parse([])


# -- a valid catalogue ---------------------------------------------------------------------

CONTRACT_EXAMPLE = doc(
    """
    version: 1
    updated: 2026-01-30
    providers:
      openai: {name: OpenAI, url: https://openai.com}
    surfaces:
      chatgpt: {name: ChatGPT, provider: openai}
      api: {name: Developer API, description: The provider's own API}
    models:
      gpt-4o:
        name: GPT-4o
        provider: openai
        aliases: [gpt4o]
        surfaces:
          chatgpt:
            since: 2024-05-13
            announced: 2026-01-29
            retires: 2026-02-13
            fallback: GPT_5.2
            source: https://openai.com/index/retiring-gpt-4o-and-older-models
            checked: "2026-01-30"
            note: Existing conversations continue on GPT-5.2.
          api:                      # offered, nothing scheduled (null or {})
      gpt-4.5-preview:
        name: GPT-4.5 Preview
        provider: openai
        surfaces:
          api: {announced: 2025-04-14, retires: '2025-07-14', replacement: four-one}
      gpt-5.2:
        provider: openai
        surfaces:
          chatgpt: {since: 2025-12-11}
          api: {}
      gpt-4.1:
        name: GPT-4.1
        provider: openai
        aliases: [four-one, gpt_4_1]
        surfaces:
          api:
    """
)


def test_a_valid_catalogue_parses_into_what_it_says() -> None:
    catalogue = parse_files((NAME, CONTRACT_EXAMPLE))
    assert catalogue.version == 1
    assert catalogue.updated == date(2026, 1, 30)
    assert list(catalogue.providers) == ["openai"]
    assert catalogue.providers["openai"].name == "OpenAI"
    assert catalogue.providers["openai"].url == "https://openai.com"
    assert {sid: (s.name, s.provider, s.description) for sid, s in catalogue.surfaces.items()} == {
        "chatgpt": ("ChatGPT", "openai", None),
        "api": ("Developer API", None, "The provider's own API"),
    }
    assert list(catalogue.models) == ["gpt-4o", "gpt-4.5-preview", "gpt-5.2", "gpt-4.1"]
    gpt4o = catalogue.models["gpt-4o"]
    assert (gpt4o.name, gpt4o.provider, gpt4o.aliases) == ("GPT-4o", "openai", ("gpt4o",))
    assert catalogue.models["gpt-5.2"].name == "gpt-5.2"  # the name defaults to the id
    assert catalogue.models["gpt-4.1"].aliases == ("four-one", "gpt_4_1")
    chatgpt = gpt4o.entries["chatgpt"]
    assert (chatgpt.model, chatgpt.surface) == ("gpt-4o", "chatgpt")
    assert chatgpt.since == date(2024, 5, 13)
    assert chatgpt.announced == date(2026, 1, 29)
    assert chatgpt.retires == date(2026, 2, 13)
    assert chatgpt.checked == date(2026, 1, 30)  # quoted or not, a date
    assert chatgpt.fallback == "gpt-5.2"  # `GPT_5.2`, normalised, is the id
    assert chatgpt.replacement is None
    assert chatgpt.source == "https://openai.com/index/retiring-gpt-4o-and-older-models"
    assert chatgpt.note == "Existing conversations continue on GPT-5.2."
    api = gpt4o.entries["api"]
    assert (api.since, api.retires, api.fallback, api.replacement, api.note) == (None,) * 5
    preview = catalogue.models["gpt-4.5-preview"].entries["api"]
    assert preview.retires == date(2025, 7, 14)
    assert preview.replacement == "gpt-4.1"  # the alias `four-one`, canonicalised
    assert preview.fallback is None
    assert catalogue.models["gpt-5.2"].entries["api"].since is None
    assert set(catalogue.models["gpt-5.2"].entries) == {"chatgpt", "api"}


def test_a_bom_and_crlf_line_ends_read_the_same() -> None:
    plain = parse_files((NAME, CONTRACT_EXAMPLE))
    dressed = b"\xef\xbb\xbf" + CONTRACT_EXAMPLE.replace("\n", "\r\n").encode()
    assert parse_files((NAME, dressed)).models == plain.models


def test_a_bom_and_crlf_keep_line_numbers() -> None:
    text = "version: 1\r\nproviders:\r\n  openai: {name: OpenAI, colour: red}\r\n"
    found = problems_of((NAME, b"\xef\xbb\xbf" + text.encode()))
    assert [(p.file, p.line) for p in found] == [(NAME, 3)]
    assert "unknown key 'colour'" in found[0].message


IDS_AS_WRITTEN = doc(
    """
    version: 1
    providers:
      yes: {name: Yes Inc}
    surfaces:
      off: {name: Off, provider: yes}
      'on': {name: On}
    models:
      no:
        name: 5.2
        provider: yes
        aliases: [true, 1.0, null-model]
        surfaces:
          off: {retires: 2026-02-13, fallback: 5.2}
          on:
      5.2:
        provider: yes
        surfaces: {off: , on: }
      1e3:
        provider: yes
        surfaces:
          on: {retires: 2026-02-13, replacement: 'NO'}
      0x1F:
        name: !!str 7
        provider: yes
        surfaces: {on: }
    """
)


def test_ids_are_read_as_written_not_as_booleans_or_numbers() -> None:
    catalogue = parse_files((NAME, IDS_AS_WRITTEN))
    assert list(catalogue.providers) == ["yes"]
    assert list(catalogue.surfaces) == ["off", "on"]
    assert catalogue.surfaces["off"].provider == "yes"
    assert list(catalogue.models) == ["no", "5.2", "1e3", "0x1F"]
    no = catalogue.models["no"]
    assert (no.name, no.provider, no.aliases) == ("5.2", "yes", ("true", "1.0", "null-model"))
    assert no.entries["off"].fallback == "5.2"
    assert catalogue.models["1e3"].entries["on"].replacement == "no"
    assert catalogue.models["0x1F"].name == "7"


def test_dates_quoted_or_not_are_the_same_and_a_leap_day_is_real() -> None:
    def retires(value: str) -> date | None:
        text = models(f"gpt-4o:\n  provider: openai\n  surfaces:\n    api: {{retires: {value}}}\n")
        return parse_files((NAME, text)).models["gpt-4o"].entries["api"].retires

    assert retires("2024-02-29") == retires("'2024-02-29'") == retires('"2024-02-29"')
    assert retires("2024-02-29") == date(2024, 2, 29)


def test_successor_boundaries_that_are_allowed() -> None:
    """A successor that starts on the day the model retires, or retires later, is fine."""
    text = models(
        """
        gpt-4o:
          provider: openai
          surfaces:
            chatgpt: {retires: 2025-12-11, fallback: gpt5.2}
            api: {announced: 2025-12-11, retires: 2025-12-11, replacement: o3}
        o3:
          provider: openai
          surfaces:
            api: {retires: 2025-12-12, replacement: gpt-4.1}
        """
    )
    catalogue = parse_files((NAME, text))
    assert catalogue.models["gpt-4o"].entries["chatgpt"].fallback == "gpt-5.2"
    assert catalogue.models["gpt-4o"].entries["api"].replacement == "o3"


# -- layering -------------------------------------------------------------------------------

BASE = "base.yaml"
OVERLAY = "overlay.yaml"
LAYER_BASE = models(
    """
    gpt-4o:
      name: GPT-4o
      provider: openai
      surfaces:
        chatgpt:
          since: 2024-05-13
          announced: 2026-01-29
          retires: 2026-02-13
          fallback: gpt-5.2
          source: https://openai.com/index/retiring-gpt-4o-and-older-models
          note: Existing conversations continue on GPT-5.2.
        api:
    """
)


def test_later_files_add_and_override_field_by_field() -> None:
    overlay = doc(
        """
        version: 1
        updated: 2026-02-01
        providers:
          google: {name: Google}
          openai: {url: https://openai.com}
        surfaces:
          vertex: {name: Vertex AI, provider: google}
        models:
          gemini-2.0-flash:
            provider: google
            surfaces:
              vertex: {retires: 2026-03-04}
          gpt-4o:
            aliases: [gpt4o]
            surfaces:
              chatgpt:
                retires: 2026-02-20
                note: null
              claude-app-never:
          gpt-4.1:
            surfaces:
              api: {}
              chatgpt: {since: 2025-04-14}
          gpt-5.2:
        """
    ).replace("      claude-app-never:\n", "")
    catalogue = parse_files((BASE, LAYER_BASE), (OVERLAY, overlay))
    assert catalogue.updated == date(2026, 2, 1)
    assert list(catalogue.providers) == ["openai", "anthropic", "google"]
    assert catalogue.providers["openai"].name == "OpenAI"  # kept from the base
    assert catalogue.providers["openai"].url == "https://openai.com"  # added by the overlay
    assert catalogue.surfaces["vertex"].provider == "google"
    assert catalogue.models["gemini-2.0-flash"].entries["vertex"].retires == date(2026, 3, 4)
    gpt4o = catalogue.models["gpt-4o"]
    assert gpt4o.name == "GPT-4o"
    assert gpt4o.aliases == ("gpt4o",)
    chatgpt = gpt4o.entries["chatgpt"]
    assert chatgpt.retires == date(2026, 2, 20)  # overridden
    assert chatgpt.since == date(2024, 5, 13)  # kept
    assert chatgpt.announced == date(2026, 1, 29)  # kept
    assert chatgpt.fallback == "gpt-5.2"  # kept
    assert chatgpt.note is None  # cleared by an explicit null
    assert set(gpt4o.entries) == {"chatgpt", "api"}
    gpt41 = catalogue.models["gpt-4.1"]
    assert set(gpt41.entries) == {"api", "chatgpt"}  # a surface added to a model
    assert gpt41.entries["api"].since == date(2025, 4, 14)  # `{}` changes nothing
    assert set(catalogue.models["gpt-5.2"].entries) == {"api", "chatgpt"}  # null: nothing


def test_an_overlay_null_clears_a_successor_and_a_date() -> None:
    overlay = doc(
        """
        version: 1
        models:
          gpt-4o:
            surfaces:
              chatgpt: {fallback: null, retires: null, announced: ~}
        """
    )
    entry_ = parse_files((BASE, LAYER_BASE), (OVERLAY, overlay)).models["gpt-4o"].entries["chatgpt"]
    assert (entry_.fallback, entry_.retires, entry_.announced) == (None, None, None)
    assert entry_.since == date(2024, 5, 13)


def test_an_overlay_may_turn_a_fallback_into_a_replacement() -> None:
    overlay = (
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      chatgpt:\n"
        "        fallback: null\n        replacement: gpt-5.2\n"
    )
    entry_ = parse_files((BASE, LAYER_BASE), (OVERLAY, overlay)).models["gpt-4o"].entries["chatgpt"]
    assert (entry_.fallback, entry_.replacement) == (None, "gpt-5.2")


LAYER_ERRORS = [
    pytest.param(
        doc(
            """
            version: 1
            models:
              gpt-4o:
                surfaces:
                  chatgpt:
                    announced: 2026-03-01  # <--
            """
        ),
        "announced 2026-03-01 is after retires 2026-02-13",
        id="announced-after-the-base-retires",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n"
        "      chatgpt: {fallback: gpt-5.3}  # <--\n",
        "fallback 'gpt-5.3' is not a model in the catalogue",
        id="successor-that-does-not-exist",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n"
        "      chatgpt: {replacement: gpt-5.2}  # <--\n",
        "both fallback (from base.yaml:",
        id="replacement-beside-the-base-fallback",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n"
        "      chatgpt: {retires: 2026-01-01}  # <--\n",
        "announced 2026-01-29 (from base.yaml:26) is after retires 2026-01-01",
        id="retires-before-the-base-announced",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      chatgpt: {retires: null}  # <--\n",
        "fallback (from base.yaml:",
        id="retirement-cancelled-but-not-its-successor",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-5.2:\n    surfaces:\n"
        "      chatgpt: {since: 2026-03-01}  # <--\n",
        "fallback gpt-5.2 (from base.yaml:28) is not yet offered on chatgpt on 2026-02-13 "
        "(from base.yaml:27)",
        id="successor-made-to-start-after-the-day",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    provider: anthropic  # <--\n",
        "model gpt-4o (from base.yaml:",
        id="provider-changed-against-the-base-surfaces",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt5.2:  # <--\n    provider: openai\n    surfaces: {api: }\n",
        "would also find gpt5.2",
        id="new-model-named-as-a-base-alias",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      bedrock: {}  # <--\n",
        "unknown surface 'bedrock'",
        id="unknown-surface",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      claude-app:  # <--\n",
        "surface claude-app is bound to provider anthropic",
        id="surface-of-another-provider",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      api: {retire: 2026-01-01}  # <--\n",
        "unknown key 'retire'",
        id="unknown-key",
    ),
    pytest.param("models: {}\n", "no `version`", id="no-version"),
    pytest.param("version: 3  # <--\n", "needs a newer modelsunset", id="newer-version"),
    pytest.param(
        "version: 1\nproviders:\n  openai:\n    name: null  # <--\n",
        "provider openai has no name",
        id="null-clears-a-required-name",
    ),
    pytest.param(
        "version: 1\nmodels:\n  gpt-4o:\n    provider: null  # <--\n",
        "model gpt-4o has no provider",
        id="null-clears-a-required-provider",
    ),
]


@pytest.mark.parametrize(("overlay", "says"), LAYER_ERRORS)
def test_an_error_from_an_overlay_names_the_overlay(overlay: str, says: str) -> None:
    found = problems_of((BASE, LAYER_BASE), (OVERLAY, overlay))
    shown = describe(found)
    assert [p.file for p in found] == [OVERLAY], shown
    assert says in found[0].message, shown
    assert found[0].line == (line_of(overlay) if MARK in overlay else 1), shown


def test_a_surface_rebound_by_an_overlay_is_reported_there_for_each_model() -> None:
    overlay = "version: 1\nsurfaces:\n  chatgpt: {provider: anthropic}\n"
    found = problems_of((BASE, LAYER_BASE), (OVERLAY, overlay))
    assert [(p.file, p.line) for p in found] == [(OVERLAY, 3)] * 2, describe(found)
    assert {p.message.split(" (from")[0] for p in found} == {"model gpt-5.2", "model gpt-4o"}


def test_a_cancelled_retirement_says_to_clear_its_successor_too() -> None:
    overlay = "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      chatgpt: {retires: null}\n"
    (problem,) = problems_of((BASE, LAYER_BASE), (OVERLAY, overlay))
    assert "is set but `retires` is cleared" in problem.message
    assert problem.hint == "to cancel a retirement, clear its successor too: `fallback: null`"
    fixed = overlay.replace("{retires: null}", "{retires: null, fallback: null}")
    entry_ = parse_files((BASE, LAYER_BASE), (OVERLAY, fixed)).models["gpt-4o"].entries["chatgpt"]
    assert (entry_.retires, entry_.fallback) == (None, None)


def test_an_error_from_the_base_names_the_base() -> None:
    base = LAYER_BASE.replace("note: Existing", "nota: Existing")
    overlay = (
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      chatgpt: {retires: 2026-02-20}\n"
    )
    found = problems_of((BASE, base), (OVERLAY, overlay))
    assert [(p.file, p.line) for p in found] == [(BASE, line_of(base, "nota:"))], describe(found)
    assert found[0].hint == "did you mean 'note'?"


def test_the_later_of_fallback_and_replacement_is_the_one_in_the_later_file() -> None:
    """Layering order decides which value came later, whatever the files are called."""
    base_name, overlay_name = "z-base.yaml", "a-overlay.yaml"
    overlay = (
        "version: 1\nmodels:\n  gpt-4o:\n    surfaces:\n      chatgpt: {replacement: gpt-5.2}\n"
    )
    found = problems_of((base_name, LAYER_BASE), (overlay_name, overlay))
    assert [(p.file, p.line) for p in found] == [(overlay_name, 5)], describe(found)


def test_problems_are_ordered_by_file_in_layering_order_then_line() -> None:
    base = LAYER_BASE + "  late:\n    provider: nobody\n    surfaces: {api: }\n"
    overlay = "version: 1\ncolour: red\n"
    found = problems_of(("z.yaml", base), ("a.yaml", overlay))
    assert [p.file for p in found] == ["z.yaml", "a.yaml"], describe(found)
    assert found[0].line == line_of(base, "provider: nobody")
    assert found[1].line == 2


def test_an_overlay_that_is_not_yaml_stops_checking_after_reading() -> None:
    base = LAYER_BASE.replace("provider: openai", "provider: nobody", 1) + "x-unknown: 1\n"
    found = problems_of((BASE, base), (OVERLAY, "version: 1\nmodels: [unclosed\n"))
    shown = describe(found)
    # The base's own reading problem stays; its cross-reference (unknown provider) is not
    # checked, as the whole cannot be put together.
    assert [p.file for p in found] == [BASE, OVERLAY], shown
    assert "unknown key 'x-unknown'" in found[0].message
    assert "not valid YAML" in found[1].message
    assert not any("unknown provider" in p.message for p in found), shown


def test_every_file_needs_its_version() -> None:
    found = problems_of((BASE, LAYER_BASE), (OVERLAY, "updated: 2026-02-01\n"), ("third.yaml", ""))
    assert [(p.file, p.line) for p in found] == [(OVERLAY, 1), ("third.yaml", 1)], describe(found)
    assert "no `version`" in found[0].message
    assert "empty" in found[1].message


def test_an_overlay_can_satisfy_a_base_reference() -> None:
    """The result is checked as a whole: a successor declared only in a later file is fine."""
    base = LAYER_BASE.replace("fallback: gpt-5.2", "fallback: gpt-5.3")
    overlay = "version: 1\nmodels:\n  gpt-5.3:\n    provider: openai\n    surfaces: {chatgpt: }\n"
    with pytest.raises(CatalogueError):
        parse_files((BASE, base))
    catalogue = parse_files((BASE, base), (OVERLAY, overlay))
    assert catalogue.models["gpt-4o"].entries["chatgpt"].fallback == "gpt-5.3"


def test_a_url_scheme_in_capitals_is_a_url() -> None:
    text = "version: 1\nproviders:\n  openai: {name: OpenAI, url: 'HTTPS://OPENAI.COM'}\n"
    assert parse_files(("c.yaml", text)).providers["openai"].url == "HTTPS://OPENAI.COM"


def test_braces_in_ids_are_only_text_in_messages() -> None:
    text = models(
        """
        "m{x}":
          provider: openai
          aliases: ["a{0}"]
          surfaces:
            api: {announced: 2026-05-01, retires: 2026-01-01}
        "n}{":
          provider: openai
          aliases: ["a{0}"]
          surfaces: {api: }
        """
    )
    found = problems_of(("c.yaml", text))
    messages = " / ".join(p.message for p in found)
    assert "m{x} on api: announced 2026-05-01 is after retires 2026-01-01" in messages
    assert "alias 'a{0}' of n}{ would also find m{x}" in messages
