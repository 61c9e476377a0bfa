"""JSON Schema 2020-12 as the portal speaks it, for answers and for definitions.

What the spec asks and Python's defaults do not give: ``pattern`` and ``patternProperties``
in ECMA-262 syntax and semantics (the same as the browser's Ajv), ``multipleOf`` in exact
decimal arithmetic, formats checked by light, local code, and references that resolve only
inside the document (nothing is ever fetched).
"""
