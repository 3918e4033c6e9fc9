"""``python -m modelsunset``: the same as the ``modelsunset`` command."""

from modelsunset.cli import main

main()
