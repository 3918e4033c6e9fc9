"""Every format of ``check``, compared with golden files under ``golden/``.

The environment is pinned (``COLUMNS=100``, ``NO_COLOR=1``, ``--date`` always given, the
test catalogue). After an intended change, regenerate with
``MODELSUNSET_UPDATE_GOLDEN=1 pytest tests/check/test_check_golden.py`` and review the diff.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from format2 import JUDGING, format2
from support.check import D, check, project

from modelsunset import __version__

GOLDEN = Path(__file__).parent / "golden"
FORMATS = ("text", "json", "markdown", "github", "sarif")

REPO = {
    "src/app.py": (
        "import openai\n"
        "\n"
        'MODEL = "gpt-4.5-preview"\n'
        'FALLBACK = "gpt-4o-mini"  # retires soon\n'
        'LEGACY = "gpt-4-0314"\n'
        'CHAT = "gpt-4o"\n'
        'NEXT = "gpt-5.9-preview"\n'
        'IGNORED = "gpt-4.5-preview"  # modelsunset: ignore\n'
        'TITLE = "100%, done: gpt-4o-mini,\\r"\n'
        'CHEAP = model.startswith("gpt-4o")  # a pattern: not counted\n'
    ),
    "config/models.yaml": (
        "default: chatgpt-4o-latest\nvision: claude-3-opus-latest\nengine: davinci\n"
    ),
    "docs/odd, name%.txt": "gpt4o in the ChatGPT app\n",
    "README.md": "We moved from gpt-4o to gpt-5.2 (see https://example.com/gpt-5-1/).\n",
    ".gitignore": "build/\n",
    "CHANGELOG.md": "- Dropped gpt-4-0314 and gpt-4.5-preview.\n",  # recorded: not counted
    "build/out.py": 'MODEL = "gpt-4.5-preview"\n',
    "assets/logo.bin": b"\x89PNG\x00\x00gpt-4.5-preview",
}

CASES: dict[str, tuple[dict[str, str | bytes], list[str], int]] = {}
for fmt in FORMATS:
    CASES[f"findings.{fmt}"] = (
        REPO,
        [".", "--surface", "api", "--surface", "chatgpt", "--date", D, "-f", fmt],
        1,
    )
    CASES[f"clean.{fmt}"] = ({"src/ok.py": 'MODEL = "gpt-4.1"\n'}, ["--date", D, "-f", fmt], 0)
    CASES[f"model-option.{fmt}"] = (
        {},
        ["--model", "GPT-4.5 Preview", "--model", "chatgpt-4o-latest", "--date", D, "-f", fmt],
        1,
    )
    CASES[f"judging.{fmt}"] = (
        {
            "src/app.py": (
                'CHAT = "gpt-4o"\n'
                'AZURE = "azure/gpt-4o"\n'
                'MINI = "gpt-4o-mini"\n'
                'INSTANT = "gpt-5-instant"\n'
                'BEDROCK = "anthropic.claude-3-sonnet-20240229-v1:0"\n'
                'US = "us.anthropic.claude-3-sonnet-20240229-v1:0"\n'
                'OLD = "claude-3-sonnet-20240229"\n'
                'NOWHERE = "azure/claude-sonnet-4-5"\n'
                'NEXT = "claude-sonnet-9"\n'
            )
        },
        [".", "--model", "gpt-5-instant", "--date", D, "-f", fmt],
        1,
    )
# Cases with a catalogue of their own, read with format 2's prefixes and entry aliases.
JUDGED = {name for name in CASES if name.startswith("judging.")}
# Chinese (--lang zh): the head of each block, the headings and the summary line.
for name in ("findings", "clean"):
    files, args, code = CASES[f"{name}.text"]
    CASES[f"zh-{name}.text"] = (files, [*args, "--lang", "zh"], code)


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str, tmp_path: Path) -> None:
    files, args, code = CASES[name]
    repo = project(tmp_path, files)
    values = contextlib.nullcontext()
    if name in JUDGED:
        (tmp_path / "catalogue.yaml").write_text(JUDGING, encoding="utf-8")
        values = format2()
    with values:
        result = check(repo, *args)
    assert result.returncode == code, result.stderr
    output = result.stdout.replace(__version__, "VERSION")
    golden = GOLDEN / name
    if os.environ.get("MODELSUNSET_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}; run with MODELSUNSET_UPDATE_GOLDEN=1"
    assert output == golden.read_text(encoding="utf-8")
