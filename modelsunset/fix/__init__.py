"""``modelsunset fix``: rewrite retired and retiring model ids in code to what answers for
them, where that is a drop-in; list the rest for people to review.

The parts: ``kinds`` (what sort of model an id is: chat, completion, embedding, ...),
``recorded`` (files that record the past and are never rewritten), ``targets`` (what an
id on a surface should become, or why nothing), ``plan`` (pure: from ``check``'s
occurrences, the files' bytes and the catalogue to edits and a checklist),
``apply`` (the new bytes, a unified diff, and writing files whole), ``command`` (the
command itself) and ``cli`` (its options, as Typer declares them). ``modelsunset.cli``
imports only ``cli``; the others are imported when ``fix`` runs.
"""
