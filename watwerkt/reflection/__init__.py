"""Reflection tools: hold one practice against the working principles of a dossier.

Generate a questionnaire from a dossier and its findings
(:func:`generate_tool`), render it as an offline HTML form, a printable
Markdown (or PDF) version and JSON with a JSON Schema (:func:`write_tool`),
read an answers file (:func:`read_answers`), score it (:func:`score`) and
report the profile (:func:`write_report`). The scoring rules live in
:mod:`watwerkt.reflection.rules`; the QuickScan and its mapping to the Dutch
recognition levels in :mod:`watwerkt.reflection.quickscan`.
"""
