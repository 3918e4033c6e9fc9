"""``modelsunset check``: find model ids in files and judge them against the catalogue.

The parts: ``match`` (ids in bytes, as whole tokens; ``prefixes``: the surfaces' prefixes
before them), ``scan`` (walking trees and reading files), ``kinds`` (code, config, docs or
recorded; ``notebook``: the cells of a notebook), ``config`` (``[tool.modelsunset]``),
``judge`` (levels, and what a finding adds), ``report`` (findings, unknown ids and those
not checked; ``suggest``: "did you mean"), ``command`` (the command itself, ``options``
its Typer options, ``argv`` its command line read without Typer; ``pool`` and
``signals``: worker processes, and stopping them) and ``render/check`` (one module per
output format). They are
imported only by the ``check`` command, so the other commands never pay for them; this
module holds only the names of the formats, which the command line offers.
"""

from enum import StrEnum


class CheckFormat(StrEnum):
    """Formats of ``check``; each value names a module of ``modelsunset.check.formats``."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
