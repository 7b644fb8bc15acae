"""The self-check forms: a workbook out to each person, answers back into one staff table.

>>> import skillframe
>>> cat = skillframe.load()
>>> [q.label for q in skillframe.forms.questions(cat, "DX推進員")][-2:]
['exp/dx_lead_years', 'exp/mentoring']
"""

from __future__ import annotations

from ._collect import Collected, CollectProblem, collect, staff_columns
from ._questions import Question, questions
from ._workbook import NAME_COLUMNS, NAME_HEADER, build_form, form_bytes, question_rows, staff_name

__all__ = [
    "NAME_COLUMNS",
    "NAME_HEADER",
    "CollectProblem",
    "Collected",
    "Question",
    "build_form",
    "collect",
    "form_bytes",
    "question_rows",
    "questions",
    "staff_columns",
    "staff_name",
]
