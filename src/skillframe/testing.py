"""Helpers for testing ladders and custom rules with cases written as data.

A case file is YAML: a list of cases (or a mapping with ``cases:``), each with
``name``, ``persona``, ``record`` (a staff record as a mapping), the expected ``rank``
and, optionally, the expected ``unmet`` list — the stable ids of every unmet or
unknown leaf of the next step, asserted whole — and ``deployed_tools``.

.. code-block:: yaml

    - name: DX推進員 Step1 without BPR training
      persona: DX推進員
      record: {id: t1, trainings: [dx-necessity, ...]}
      rank: 0
      unmet: [trained:tokyo-wg-2025:bpr]

A municipality tests its own rules the same way:

>>> import skillframe, skillframe.testing
>>> cat = skillframe.load()
>>> cases = [{"name": "nothing known", "persona": "DX推進員", "record": {"id": "x"}, "rank": 0}]
>>> [r.ok for r in skillframe.testing.run_cases(cat, cases)]
[True]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import yaml

from .conditions.registry import Registry
from .engine.evaluate import evaluate
from .engine.settings import EvaluationSettings

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["Case", "CaseResult", "assert_case", "load_cases", "run_cases"]


@attrs.frozen(kw_only=True)
class Case:
    """One case: a record, the persona whose ladder it meets, and what is expected."""

    name: str
    persona: str
    record: Mapping[str, Any]
    rank: int
    unmet: tuple[str, ...] | None = None
    deployed_tools: tuple[str, ...] | None = None
    source: str | None = None


@attrs.frozen(kw_only=True)
class CaseResult:
    """The outcome of one case: ``ok`` and, when not, what differed."""

    case: Case
    rank: int
    unmet: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the rank (and the unmet list, when given) are as expected."""
        return self.rank == self.case.rank and (self.case.unmet is None or self.unmet == self.case.unmet)

    def message(self) -> str:
        """What differed, for an assertion message."""
        where = f" ({self.case.source})" if self.case.source else ""
        lines = [f"case {self.case.name!r}{where}:"]
        if self.rank != self.case.rank:
            lines.append(f"  rank: expected {self.case.rank}, got {self.rank}")
        if self.case.unmet is not None and self.unmet != self.case.unmet:
            lines.append(f"  unmet: expected {list(self.case.unmet)}")
            lines.append(f"         got      {list(self.unmet)}")
        return "\n".join(lines)


def _case(raw: Mapping[str, Any] | Case, source: str | None) -> Case:
    if isinstance(raw, Case):
        return raw
    unmet = raw.get("unmet")
    tools = raw.get("deployed_tools")
    return Case(
        name=str(raw["name"]),
        persona=str(raw["persona"]),
        record=dict(raw.get("record") or {}),
        rank=int(raw["rank"]),
        unmet=None if unmet is None else tuple(str(u) for u in unmet),
        deployed_tools=None if tools is None else tuple(tools),
        source=source,
    )


def load_cases(source: str | Path | Iterable[Mapping[str, Any] | Case]) -> list[Case]:
    """Cases from a YAML file, a directory of ``*.yaml`` files, or a list of mappings."""
    if isinstance(source, str | Path):
        path = Path(source)
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        out: list[Case] = []
        for f in files:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            items = data.get("cases", []) if isinstance(data, dict) else data or []
            out.extend(_case(c, f.name) for c in items)
        return out
    return [_case(c, None) for c in source]


def run_case(
    catalog: Catalog, case: Case, *, registry: Registry | None = None, settings: EvaluationSettings | None = None
) -> CaseResult:
    """Evaluate one case."""
    ev = evaluate(
        catalog, case.persona, case.record, registry=registry, settings=settings, deployed_tools=case.deployed_tools
    )
    return CaseResult(case=case, rank=ev.rank, unmet=tuple(ev.unmet_ids))


def run_cases(
    catalog: Catalog,
    cases: str | Path | Sequence[Mapping[str, Any] | Case],
    registry: Registry | None = None,
    *,
    settings: EvaluationSettings | None = None,
) -> list[CaseResult]:
    """Evaluate every case; the results say which passed (nothing is raised for a failed case)."""
    return [run_case(catalog, c, registry=registry, settings=settings) for c in load_cases(cases)]


def assert_case(
    catalog: Catalog,
    case: Mapping[str, Any] | Case,
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
) -> None:
    """Assert one case (pytest shows the difference).

    >>> import skillframe
    >>> assert_case(skillframe.load(), {"name": "x", "persona": "DX推進員", "record": {"id": "x"}, "rank": 1})
    Traceback (most recent call last):
    ...
    AssertionError: case 'x':
      rank: expected 1, got 0
    """
    result = run_case(catalog, _case(case, None), registry=registry, settings=settings)
    if not result.ok:
        raise AssertionError(result.message())
