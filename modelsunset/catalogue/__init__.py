"""Catalogue text -> Catalogue: safe YAML, layering, every rule of the format.

Only imported when a catalogue must be parsed (a cache miss), so PyYAML is imported at
the top of its modules and nowhere on the warm path.

Pure: ``parse`` takes the bytes of each file (with the name to report it by) and returns
a checked ``Catalogue`` or raises ``CatalogueError`` listing every problem as
``FILE:LINE: message``. Reading files, the bundled catalogue and the cache live in
``loading.py``.

What lives where, in the order a file goes through:

- ``safe_yaml.py``: bytes -> YAML nodes (UTF-8, the C safe loader), refusing tags,
  anchors and aliases, merge keys and duplicate keys;
- ``schema.py``: the format as tables of typed rows: which keys go where, of which kind,
  since which format version;
- ``values.py``: one reader per kind of value (names, ids, URLs, dates, ...);
- ``located.py``: the values as read, each with its file and line, or ``REPORTED``;
- ``reader.py``: one file's nodes -> a ``Layer``, by the tables of ``schema.py``;
- ``layers.py``: the layers merged into one;
- ``rules.py``, ``successors.py``: the rules that take the files as a whole, and
  ``places.py``, how they name the places of values from different files;
- ``build.py``: ``parse``, running all of these and building the records.
"""

from modelsunset.catalogue.build import parse
from modelsunset.catalogue.schema import FORMAT_VERSION

__all__ = ["FORMAT_VERSION", "parse"]
