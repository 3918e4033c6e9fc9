"""Where catalogue files come from: the bundled catalogue, --catalogue/--overlay and
their environment variables. Reads the files and hands their bytes to ``catalogue.parse``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from modelsunset.errors import CatalogueError, Problem
from modelsunset.model import Catalogue

BUNDLED_NAME = "retirements.yaml"


def bundled_path() -> Path:
    """The catalogue shipped with the package.

    Installed wheels carry it as ``modelsunset/data/retirements.yaml``; an editable
    install of a checkout reads the top-level ``retirements.yaml`` beside the package.
    """
    from importlib.resources import files

    resource = files("modelsunset").joinpath("data", BUNDLED_NAME)
    candidate = Path(str(resource))
    if candidate.is_file():
        return candidate
    checkout = Path(__file__).resolve().parent.parent / BUNDLED_NAME
    if checkout.is_file():
        return checkout
    return candidate


def chosen_files(catalogue: str | None, overlays: Sequence[str]) -> list[str]:
    """The files to layer, in order: flags first, then environment, then the bundled file."""
    base = catalogue or os.environ.get("MODELSUNSET_CATALOGUE") or str(bundled_path())
    extra = list(overlays)
    if not extra:
        env = os.environ.get("MODELSUNSET_OVERLAY", "")
        extra = [path for path in env.split(os.pathsep) if path]
    return [base, *extra]


def read_sources(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """Read every file; an unreadable one is a catalogue problem (exit 3)."""
    sources: list[tuple[str, bytes]] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.append((path, Path(path).read_bytes()))
        except IsADirectoryError:
            problems.append(Problem(path, None, "is a folder, not a catalogue file"))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(
                Problem(path, None, f"cannot read the catalogue: {reason}", "check the path")
            )
    if problems:
        raise CatalogueError(problems)
    return sources


def load(paths: Sequence[str]) -> Catalogue:
    from modelsunset.catalogue import parse

    return parse(read_sources(paths))
