"""The 方針 workbench: the report's policy content as data, advice, and draft policies.

- :func:`load_policy` reads the policy content (built-in ``catalogs/*/policy/*.yaml``
  plus an overlay's ``policy:`` section) into a :class:`Policy`;
- :func:`advise` lists the report's recommendations that apply to a municipality's
  profile (``settings.profile`` of its overlay), and the answers still missing;
- :func:`draft` builds a draft 基本方針 / 年度計画 (:class:`Draft`), written as Word by
  :func:`skillframe.render.docx.draft_docx` or as Markdown by
  :func:`skillframe.render.drafts.draft_markdown` (policy builds data; render presents it).

See docs/policy.md.

>>> import skillframe
>>> from skillframe import policy
>>> policy.load_policy(skillframe.load()).comparison("cio-adviser").criteria[0].label
'各課との連携の柔軟性'
"""

from __future__ import annotations

from .advice import QUESTIONS, Advice, MissingAnswer, Recommendation, advise
from .blocks import Block, Draft, Figures, placeholder
from .drafts import draft
from .load import FORMAT, Policy, PolicyError, builtin_policy_files, load_policy, profile_of
from .model import (
    Cell,
    Cite,
    Column,
    Comparison,
    Criterion,
    Decision,
    DecisionRow,
    Guidance,
    Mark,
    Measure,
    Option,
    PolicyFile,
    PolicyTable,
    Risk,
    Row,
)

__all__ = [
    "FORMAT",
    "QUESTIONS",
    "Advice",
    "Block",
    "Cell",
    "Cite",
    "Column",
    "Comparison",
    "Criterion",
    "Decision",
    "DecisionRow",
    "Draft",
    "Figures",
    "Guidance",
    "Mark",
    "Measure",
    "MissingAnswer",
    "Option",
    "Policy",
    "PolicyError",
    "PolicyFile",
    "PolicyTable",
    "Recommendation",
    "Risk",
    "Row",
    "advise",
    "builtin_policy_files",
    "draft",
    "load_policy",
    "placeholder",
    "profile_of",
]
