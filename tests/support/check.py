"""Helpers for the tests of ``modelsunset check``: a small catalogue written into the
test's folder, a project of files beside it, and the command run there."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from support import Result, Runner, pinned_env, run, write_tree

D = "2026-02-14"

CATALOGUE = """\
version: 1
updated: 2026-02-01
providers:
  openai: {name: OpenAI}
  anthropic: {name: Anthropic}
surfaces:
  chatgpt: {name: ChatGPT, provider: openai}
  api: {name: Developer API}
models:
  gpt-4o:
    name: GPT-4o
    provider: openai
    aliases: [gpt4o]
    surfaces:
      chatgpt: {announced: 2026-01-29, retires: 2026-02-13, fallback: gpt-5.2}
      api:
  gpt-4o-mini:
    name: GPT-4o mini
    provider: openai
    surfaces:
      api: {announced: 2026-01-10, retires: 2026-03-01, replacement: gpt-4.1-mini}
  gpt-4.1:
    name: GPT-4.1
    provider: openai
    surfaces:
      api: {}
  gpt-4.1-mini:
    name: GPT-4.1 mini
    provider: openai
    surfaces:
      api:
  gpt-4.5-preview:
    name: GPT-4.5 Preview
    provider: openai
    surfaces:
      api: {announced: 2025-04-14, retires: 2025-07-14, replacement: gpt-4.1}
  gpt-5.2:
    name: GPT-5.2
    provider: openai
    surfaces:
      chatgpt: {since: 2025-12-11}
      api: {since: 2025-12-11}
  chatgpt-4o-latest:
    provider: openai
    surfaces:
      api: {announced: 2025-11-18, retires: 2026-02-17, replacement: gpt-5.2}
  gpt-4-0314:
    provider: openai
    surfaces:
      api: {announced: 2023-06-13, retires: 2024-06-13, replacement: gpt-4-0613}
  gpt-4-0613:
    provider: openai
    surfaces:
      api: {announced: 2024-06-06, retires: 2025-06-06, replacement: gpt-4.1}
  gpt-4-turbo:
    provider: openai
    surfaces:
      api: {announced: 2026-03-01, retires: 2026-09-01, replacement: gpt-4.1}
  davinci:
    provider: openai
    surfaces:
      api: {announced: 2023-07-06, retires: 2024-01-04, replacement: gpt-4.1-mini}
  o1-preview:
    name: OpenAI o1-preview
    provider: openai
    surfaces:
      api: {announced: 2025-04-28, retires: 2025-07-28, replacement: o3}
  o3:
    name: OpenAI o3
    provider: openai
    surfaces:
      api:
  claude-3-opus-20240229:
    name: Claude 3 Opus
    provider: anthropic
    aliases: [claude-3-opus-latest]
    surfaces:
      api: {announced: 2025-06-30, retires: 2026-01-05, replacement: claude-opus-4-1}
  claude-opus-4-1:
    name: Claude Opus 4.1
    provider: anthropic
    surfaces:
      api:
"""

APP = """\
import openai

MODEL = "gpt-4.5-preview"
"""


def project(tmp: Path, files: Mapping[str, str | bytes] | None = None) -> Path:
    """A folder with the test catalogue (``catalogue.yaml``, beside it, not in it) and a
    ``repo`` folder holding ``files`` (default: the acceptance example)."""
    (tmp / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    repo = tmp / "repo"
    repo.mkdir(exist_ok=True)
    write_tree(repo, {"src/app.py": APP} if files is None else files)
    return repo


def check(
    repo: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    catalogue: bool = True,
    cwd: Path | None = None,
    runner: Runner = run,
) -> Result:
    """``modelsunset check ARGS`` run in ``repo`` (or ``cwd``) with the test catalogue, in
    ``env`` (default: pinned, "today" being ``D``); in this process unless ``runner`` is
    ``run_installed``."""
    extra = ["--catalogue", str(repo.parent / "catalogue.yaml")] if catalogue else []
    env = env if env is not None else pinned_env(MODELSUNSET_DATE=D)
    return runner("check", *args, *extra, env=env, cwd=cwd or repo)


def run_command(*args: str, env: Mapping[str, str] | None = None) -> Result:
    """Any ``modelsunset`` command, in this process, pinned ("today" being ``D``)."""
    return run(*args, env=env if env is not None else pinned_env(MODELSUNSET_DATE=D))
