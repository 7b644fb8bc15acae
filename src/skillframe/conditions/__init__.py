"""The rule language of step rules, its only home.

:mod:`~skillframe.conditions.ast` (the condition classes and the one walker),
:mod:`~skillframe.conditions.spec` (each condition kind's parameters and ranges, once),
:mod:`~skillframe.conditions.parse` (YAML → conditions, with file:line problems),
:mod:`~skillframe.conditions.describe` (conditions in words, ja/en),
:mod:`~skillframe.conditions.data` (conditions as JSON data: the evaluation's leaves, whole rules) and
:mod:`~skillframe.conditions.registry` (custom rules and checklist aggregations).
This package imports nothing at import time, so the model can use its classes.
"""
