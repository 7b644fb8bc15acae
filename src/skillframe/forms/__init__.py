"""The self-check forms: a workbook out to each person, answers back into one staff table.

The roster is read for what the form needs (:func:`read_roster`), and may be handed out as one
workbook or split per 課 or per person (:func:`split_roster`;
:func:`skillframe.render.form_files.write_forms` writes the files).

>>> import skillframe
>>> cat = skillframe.load()
>>> [q.label for q in skillframe.forms.questions(cat, "DX推進員")][-2:]
['exp/dx_lead_years', 'exp/mentoring']
"""

from __future__ import annotations

from ._answers import CollectProblem, staff_columns
from ._collect import Collected, collect
from ._files import check_output
from ._questions import Question, questions
from ._roster import Roster, form_column, read_roster, roster_records
from ._split import NO_DEPARTMENT, SPLITS, FormFile, split_roster
from ._trainings import PARTLY_ANSWERED
from ._workbook import NAME_COLUMNS, NAME_HEADER, build_form, form_bytes, question_rows, staff_name

__all__ = [
    "NAME_COLUMNS",
    "NAME_HEADER",
    "NO_DEPARTMENT",
    "PARTLY_ANSWERED",
    "SPLITS",
    "CollectProblem",
    "Collected",
    "FormFile",
    "Question",
    "Roster",
    "build_form",
    "check_output",
    "collect",
    "form_bytes",
    "form_column",
    "question_rows",
    "questions",
    "read_roster",
    "roster_records",
    "split_roster",
    "staff_columns",
    "staff_name",
]
