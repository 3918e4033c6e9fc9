"""``modelsunset check``: find model ids in files and judge them against the catalogue.

Imported only by the ``check`` command, so the other commands never pay for it. The
parts: ``match`` (ids in bytes, as whole tokens), ``scan`` (walking trees and reading
files), ``config`` (``[tool.modelsunset]``), ``report`` (findings and levels),
``command`` (the command itself) and ``formats`` (one module per output format).
"""
