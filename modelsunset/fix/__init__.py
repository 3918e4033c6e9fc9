"""``modelsunset fix``: rewrite retired and retiring model ids in code to what answers for
them, where that is a drop-in; list the rest for people to review.

The parts: ``kinds`` (what sort of model an id is: chat, completion, embedding, ...),
``recorded`` (files that record the past and are never rewritten), ``plan`` (pure: from
``check``'s occurrences, the files' bytes and the catalogue to edits and a checklist),
``apply`` (the new bytes, a unified diff, and writing files whole) and ``command`` (the
command itself). Only the ``fix`` command imports them.
"""
