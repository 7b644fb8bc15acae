"""A staff record as stored: compact JSON of exactly the fields read, and back."""

from __future__ import annotations

import json
import operator
from typing import TYPE_CHECKING, Any

from ..staff.columns import NESTED_FIELDS, STANDARD_COLUMNS
from ._personal import ColumnPolicy

if TYPE_CHECKING:
    from ..staff import StaffRecord

__all__ = ["RecordJson", "record_from_json"]

_FIELDS = (*STANDARD_COLUMNS, *NESTED_FIELDS, "extra")  # a StaffRecord's fields, in its order


class RecordJson:
    """Records as compact JSON, with only the extra columns ``columns`` stores (by default every
    one but personal data: a name, birth date, address…, see :class:`~skillframe.history._personal.ColumnPolicy`);
    each distinct text, list or mapping value is encoded once (a file repeats the same 課,
    trainings, levels and extras many times), so storing costs about one evaluation. Keys are
    per field and typed, so ``0``, ``False`` and ``0.0`` never share.

    >>> import skillframe
    >>> to_json = RecordJson()
    >>> rec = skillframe.StaffRecord(id="A1", persona="DX推進員", mentoring=True, extra={"姓": "山田", "メモ": "x"})
    >>> text = to_json(rec, "k1")
    >>> text
    '{"id":"k1","persona":"DX推進員","mentoring":true,"extra":{"メモ":"x"}}'
    >>> record_from_json(text).mentoring, [d.column for d in to_json.columns.dropped]
    (True, ['姓'])
    """

    _SCALARS = frozenset({"dx_project_years", "dx_lead_years", "dx_lead_count", "mentoring"})

    def __init__(self, columns: ColumnPolicy | None = None) -> None:
        self.columns = columns if columns is not None else ColumnPolicy(pseudonymised=False)
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self._get = operator.attrgetter(*_FIELDS[1:])
        self._plan = [
            (f',"{f}":', f in self._SCALARS, f in ("dsm", "tools", "tool_checks", "extra"), f == "extra")
            for f in _FIELDS[1:]
        ]
        self._cache: dict[Any, str] = {}

    def __call__(self, record: StaffRecord, key: str) -> str:
        enc, cache, stores = self._encode, self._cache, self.columns.stores
        out = ['{"id":', enc(key)]
        for (head, scalar, mapping, extra), value in zip(self._plan, self._get(record), strict=True):
            v = value
            if extra and v:  # never personal data; in a pseudonymised store only the columns named
                v = {c: x for c, x in v.items() if stores(c)}
            if v is None:
                continue
            if scalar:
                text = "true" if v is True else "false" if v is False else repr(v)
            else:
                if mapping:
                    if not v:
                        continue
                    k: Any = (head, *v.items())
                else:
                    k = (head, v)
                text = cache.get(k)  # type: ignore[assignment]
                if text is None:
                    if len(cache) > 100_000:
                        cache.clear()
                    text = cache[k] = enc(v)
            out.append(head)
            out.append(text)
        out.append("}")
        return "".join(out)


def record_from_json(text: str) -> StaffRecord:
    """A stored record back as a :class:`~skillframe.StaffRecord` (exactly the fields stored)."""
    from ..staff import StaffRecord

    data = json.loads(text)
    return StaffRecord(
        id=data["id"],
        persona=data.get("persona"),
        department=data.get("department"),
        trainings=None if data.get("trainings") is None else tuple(data["trainings"]),
        dx_project_years=data.get("dx_project_years"),
        dx_lead_years=data.get("dx_lead_years"),
        dx_lead_count=data.get("dx_lead_count"),
        mentoring=data.get("mentoring"),
        dsm=data.get("dsm") or {},
        tools=data.get("tools") or {},
        tool_checks={k: tuple(v) for k, v in (data.get("tool_checks") or {}).items()},
        extra=data.get("extra") or {},
    )
