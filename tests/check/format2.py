"""Format 2's surface prefixes and entry aliases for the tests of ``check``, until the
YAML reader for format 2 reads them: a catalogue written in format 1 is loaded as usual,
then given these values (``modelsunset.loading.load`` patched for in-process runs).

``JUDGING`` is a catalogue whose models are offered on several surfaces: ``azure`` with
the prefix ``azure/``, ``bedrock`` with ``bedrock/`` and ``us.`` and a Bedrock id as an
entry alias.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from unittest import mock

from modelsunset.model import Catalogue

JUDGING = """\
version: 1
updated: 2026-02-01
providers:
  openai: {name: OpenAI}
  anthropic: {name: Anthropic}
surfaces:
  api: {name: Developer API}
  chatgpt: {name: ChatGPT, provider: openai}
  azure: {name: Azure OpenAI, provider: openai}
  bedrock: {name: Amazon Bedrock, provider: anthropic}
models:
  gpt-4o:
    name: GPT-4o
    provider: openai
    surfaces:
      chatgpt: {announced: 2026-01-29, retires: 2026-02-13, fallback: gpt-5.2}
      api:
      azure: {announced: 2026-01-15, retires: 2026-03-31, replacement: gpt-4.1}
  gpt-4o-mini:
    provider: openai
    surfaces:
      api: {announced: 2026-01-10, retires: 2026-03-01, replacement: gpt-4.1-mini}
      azure: {announced: 2026-01-10, retires: 2026-06-01, replacement: gpt-4.1-mini}
  gpt-4.1:
    provider: openai
    surfaces:
      api:
      azure:
  gpt-4.1-mini:
    provider: openai
    surfaces:
      api: {announced: 2026-01-01, retires: 2026-04-01, replacement: gpt-5.2}
      azure:
  gpt-5.2:
    provider: openai
    surfaces:
      api:
      chatgpt:
      azure:
  gpt-5-instant:
    provider: openai
    surfaces:
      chatgpt: {announced: 2025-11-12, retires: 2026-02-13, fallback: gpt-5.2}
  claude-3-sonnet-20240229:
    name: Claude 3 Sonnet
    provider: anthropic
    surfaces:
      api: {announced: 2025-01-21, retires: 2025-07-21, replacement: claude-sonnet-4-5}
      bedrock: {announced: 2025-06-01, retires: 2026-03-01, replacement: claude-sonnet-4-5}
  claude-sonnet-4-5:
    provider: anthropic
    surfaces:
      api:
      bedrock:
"""

PREFIXES = {"azure": ("azure/",), "bedrock": ("bedrock/", "us.")}
ALIASES = {("claude-3-sonnet-20240229", "bedrock"): ("anthropic.claude-3-sonnet-20240229-v1:0",)}


def with_format2(
    catalogue: Catalogue,
    prefixes: Mapping[str, tuple[str, ...]],
    aliases: Mapping[tuple[str, str], tuple[str, ...]],
) -> Catalogue:
    """``catalogue`` with these surface prefixes and entry aliases."""
    surfaces = {
        sid: surface._replace(prefixes=prefixes.get(sid, surface.prefixes))
        for sid, surface in catalogue.surfaces.items()
    }
    models = {
        mid: model._replace(
            entries={
                sid: entry._replace(aliases=aliases.get((mid, sid), entry.aliases))
                for sid, entry in model.entries.items()
            }
        )
        for mid, model in catalogue.models.items()
    }
    return catalogue._replace(surfaces=surfaces, models=models)


@contextmanager
def format2(
    prefixes: Mapping[str, tuple[str, ...]] = PREFIXES,
    aliases: Mapping[tuple[str, str], tuple[str, ...]] = ALIASES,
) -> Iterator[None]:
    """Every catalogue loaded meanwhile (in this process) has these values too."""
    from modelsunset import loading

    real: Callable[..., Catalogue] = loading.load

    def load(*args: Any, **kwargs: Any) -> Catalogue:
        return with_format2(real(*args, **kwargs), prefixes, aliases)

    with mock.patch.object(loading, "load", load):
        yield
