"""Running ``modelsunset fix`` in a project, with models the test catalogue lacks."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from support import Result, pinned_env, run
from support.check import D

# Models the test catalogue lacks: an embedding model, a move to another provider, a
# successor not out yet, a move made of fallbacks, an alias in Azure's spelling, a
# second surface that answers differently.
OVERLAY = """\
version: 1
surfaces:
  azure: {name: Azure OpenAI, provider: openai}
models:
  text-embedding-ada-002:
    provider: openai
    surfaces:
      api: {retires: 2025-06-01, replacement: gpt-4.1}
  claude-2.0:
    provider: anthropic
    surfaces:
      api: {retires: 2025-06-01, replacement: gpt-4.1}
  gpt-old:
    provider: openai
    surfaces:
      api: {retires: 2026-04-01, replacement: gpt-next}
  gpt-next:
    provider: openai
    surfaces:
      api: {since: 2026-03-01}
  gpt-auto:
    provider: openai
    surfaces:
      api: {retires: 2025-06-01, fallback: gpt-4.1}
  gpt-3.5-turbo-0301:
    provider: openai
    aliases: [gpt-35-turbo-0301]
    surfaces:
      api: {retires: 2024-06-01, replacement: gpt-3.5-turbo-0125}
  gpt-3.5-turbo-0125:
    provider: openai
    aliases: [gpt-35-turbo-0125]
    surfaces:
      api:
  gpt-split:
    provider: openai
    surfaces:
      api: {retires: 2025-06-01, replacement: gpt-4.1}
      azure: {retires: 2025-06-01, replacement: gpt-4.1-mini}
  gpt-4.1-mini:
    surfaces:
      azure:
"""


def fix(repo: Path, *args: str, env: Mapping[str, str] | None = None) -> Result:
    """``modelsunset fix ARGS`` in ``repo`` with the test catalogue and the overlay."""
    (repo.parent / "overlay.yaml").write_text(OVERLAY, encoding="utf-8")
    extra = ["--catalogue", str(repo.parent / "catalogue.yaml")]
    extra += ["--overlay", str(repo.parent / "overlay.yaml")]
    return run("fix", *args, *extra, env=env or pinned_env(MODELSUNSET_DATE=D), cwd=repo)
