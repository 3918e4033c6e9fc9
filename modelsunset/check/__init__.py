"""``modelsunset check``: find model ids in files and judge them against the catalogue.

The parts: ``match`` (ids in bytes, as whole tokens), ``scan`` (walking trees and reading
files), ``config`` (``[tool.modelsunset]``), ``report`` (findings and levels),
``command`` (the command itself) and ``formats`` (one module per output format). They
are imported only by the ``check`` command, so the other commands never pay for them;
this module holds only the names of the formats, which the command line offers.
"""

from enum import StrEnum


class CheckFormat(StrEnum):
    """Formats of ``check``; each value names a module of ``modelsunset.check.formats``."""

    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
