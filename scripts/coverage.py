"""How many real model ids the catalogue finds, and which it misses.

Run from a checkout, with the package installed (``pip install -e .``):

    python scripts/coverage.py                      # the bundled catalogue
    python scripts/coverage.py --catalogue FILE --overlay MORE.yaml
    python scripts/coverage.py --summary            # the figures without the misses

The ids are those of ``tests/data/real-ids.tsv`` (its header says where they come from and
which rule chose them); each is looked up as ``resolve`` looks names up. Each miss is
shown with why it is one, from ``tests/data/real-ids-misses.tsv``. The test
``tests/data/test_corpus_coverage.py`` keeps the figure from falling below its floor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.coverage import CORPUS, MISSES, measure, read_corpus, read_misses, report

from modelsunset import api
from modelsunset.errors import CatalogueError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogue", help="catalogue file (default: the bundled one)")
    parser.add_argument("--overlay", action="append", default=[], help="file layered on top")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="ids file (TSV)")
    parser.add_argument("--summary", action="store_true", help="leave out the missed ids")
    args = parser.parse_args(argv)
    try:
        catalogue = api.load(args.catalogue, args.overlay, cache=False)
    except CatalogueError as error:
        print(error.render(), file=sys.stderr)
        return 3
    explained = read_misses() if MISSES.exists() else None
    coverage = measure(catalogue, read_corpus(args.corpus))
    print(report(coverage, show_misses=not args.summary, explained=explained))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
