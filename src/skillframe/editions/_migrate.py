"""Carry staff records from one edition of a framework to the next (``skillframe migrate``).

Each key of a record — its persona, the skills whose training is completed, DSM levels,
tool levels and ticked checklist items — is resolved in the old edition and followed
through the :class:`~skillframe.editions.EditionMap`. A key is carried when a mapping
with a carrying predicate (default ``replacedBy``, ``skos:exactMatch``,
``skos:closeMatch``) and at least ``min_confidence`` leads to an item of the new
edition. Everything else is listed in :attr:`Migration.not_carried` with a
machine-readable ``code`` and why — never dropped:

``unknown-key``        the key names nothing in the old edition
``unmapped``           the map says nothing about the item (and ``same_ids`` does not carry it)
``removed``            the map says the item has no successor (``sssom:NoTermFound``)
``predicate``          only mappings whose predicate does not carry (broad, narrow, related…)
``low-confidence``     only mappings below ``min_confidence``
``ambiguous``          a persona mapped to several personas (a record has one persona)
``check-item``         a ticked checklist item the new tool's checklist does not have
``row``                a row of the staff file that could not be read at all

Numbers (years, counts), mentoring, department and extra columns are copied as they are.
DSM levels of several old skills mapped to one new skill: the highest is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from .._catalog import Catalog
from ..errors import LookupFailed, bilingual
from ..staff import StaffRecord, StaffRowError, StaffTable
from ._map import EditionMap

__all__ = ["CARRY", "Carried", "Migration", "NotCarried", "migrate"]

#: The predicates that carry a record's evidence to the new item by default.
CARRY = ("replacedBy", "skos:exactMatch", "skos:closeMatch")

Field = Literal["persona", "trainings", "dsm", "tools", "tool_checks", "row"]
_LOOKUP = {"persona": "persona", "trainings": "skill", "dsm": "skill", "tools": "tool", "tool_checks": "tool"}


@attrs.frozen
class Carried:
    """A key of a record carried to the new edition."""

    record: str
    field: Field
    key: str
    old_id: str
    new_ids: tuple[str, ...]
    predicate: str
    confidence: float


@attrs.frozen
class NotCarried:
    """A key of a record (or a whole row) that could not be carried, with a ``code`` and why (ja / en)."""

    record: str
    field: Field
    key: str
    code: str
    message: str
    old_id: str | None = None
    targets: tuple[str, ...] = ()


@attrs.frozen
class Migration:
    """The records in the new edition, what was carried, and every key that was not."""

    source: str
    target: str
    records: tuple[StaffRecord, ...]
    carried: tuple[Carried, ...]
    not_carried: tuple[NotCarried, ...]

    @property
    def rows_not_carried(self) -> tuple[NotCarried, ...]:
        """The rows of the staff file that could not be read at all (code ``row``), in input order.

        Empty when every row was read (keys of those rows may still be in :attr:`not_carried`);
        ``skillframe migrate`` exits 1 when it is not, as ``evaluate`` and ``record`` do for row errors.
        """
        return tuple(n for n in self.not_carried if n.code == "row")

    def __repr__(self) -> str:
        return (
            f"<Migration {self.source} → {self.target}: {len(self.records)} records, "
            f"{len(self.carried)} carried, {len(self.not_carried)} not carried>"
        )


class _Migrator:
    def __init__(self, catalog: Catalog, emap: EditionMap, carry: tuple[str, ...], min_confidence: float) -> None:
        self.catalog = catalog
        self.emap = emap
        self.old = emap.source.contents
        self.new = emap.target.contents
        self.carry = carry
        self.min_confidence = min_confidence
        self.carried: list[Carried] = []
        self.not_carried: list[NotCarried] = []

    def _no(  # noqa: PLR0917 - one call shape for every reason
        self,
        rid: str,
        field: Field,
        key: str,
        code: str,
        ja: str,
        en: str,
        old: str | None = None,
        targets: tuple[str, ...] = (),
    ) -> None:
        self.not_carried.append(NotCarried(rid, field, key, code, bilingual(ja, en), old, targets))

    def follow(self, rid: str, field: Field, key: str) -> list[str]:
        """The new ids a key leads to (empty: listed in not_carried)."""
        kind = _LOOKUP[field]
        try:
            d = getattr(self.catalog, kind)(key, framework=self.old)
        except LookupFailed:
            self._no(
                rid,
                field,
                key,
                "unknown-key",
                f"旧版 {self.old} に {key!r} がありません",
                f"{key!r} names no {kind} of the old edition {self.old}",
            )
            return []
        if d.framework != self.old:
            self._no(
                rid,
                field,
                key,
                "unknown-key",
                f"{key!r} は旧版 {self.old} の項目ではありません",
                f"{key!r} is not an item of the old edition {self.old}",
                d.id,
            )
            return []
        maps = self.emap.of(d.id)
        if not maps:
            same = f"{self.new}:{d.id.split(':', 1)[1]}"
            if self.emap.same_ids and same in self.catalog and self.catalog.get(same).framework == self.new:
                self.carried.append(Carried(rid, field, key, d.id, (same,), "same-id", 1.0))
                return [same]
            self._no(
                rid,
                field,
                key,
                "unmapped",
                f"{d.id} には新版への対応がありません",
                f"{d.id} has no mapping to the new edition",
                d.id,
            )
            return []
        gone = [x for x in maps if x.object is None]
        usable = [
            x
            for x in maps
            if x.object is not None and x.predicate in self.carry and x.confidence >= self.min_confidence
        ]
        if not usable:
            objects = tuple(x.object for x in maps if x.object is not None)
            if gone:
                why = gone[0].comment or ""
                self._no(
                    rid,
                    field,
                    key,
                    "removed",
                    f"{d.id} は新版で廃止（後継なし） {why}".strip(),
                    f"{d.id} has no successor in the new edition {why}".strip(),
                    d.id,
                )
            elif any(x.predicate in self.carry for x in maps if x.object is not None):
                self._no(
                    rid,
                    field,
                    key,
                    "low-confidence",
                    f"{d.id} の対応の確度が {self.min_confidence:g} 未満です",
                    f"{d.id}: every mapping is below confidence {self.min_confidence:g}",
                    d.id,
                    objects,
                )
            else:
                preds = ", ".join(sorted({x.predicate for x in maps if x.object is not None}))
                self._no(
                    rid,
                    field,
                    key,
                    "predicate",
                    f"{d.id} の対応（{preds}）では引き継げません",
                    f"{d.id}: its mappings ({preds}) do not carry evidence",
                    d.id,
                    objects,
                )
            return []
        if field == "persona" and len(usable) > 1:
            targets = tuple(str(x.object) for x in usable)
            self._no(
                rid,
                field,
                key,
                "ambiguous",
                f"{d.id} は複数の人材類型に対応します: {', '.join(targets)}",
                f"{d.id} maps to several personas: {', '.join(targets)}",
                d.id,
                targets,
            )
            return []
        ids = tuple(str(x.object) for x in usable)
        self.carried.append(Carried(rid, field, key, d.id, ids, usable[0].predicate, min(x.confidence for x in usable)))
        return list(ids)

    def record(self, r: StaffRecord) -> StaffRecord:
        rid = r.id
        persona = None
        if r.persona is not None:
            got = self.follow(rid, "persona", r.persona)
            persona = got[0] if got else None
        trainings = None
        if r.trainings is not None:
            before = len(self.not_carried)
            trainings = tuple(dict.fromkeys(n for k in r.trainings for n in self.follow(rid, "trainings", k)))
            if r.trainings and not trainings and any(x.code != "removed" for x in self.not_carried[before:]):
                # nothing carried and not because the skills were withdrawn: the new edition's
                # trainings are unknown (empty), never "none" (なし), which would be a claim
                trainings = None
        dsm: dict[str, int] = {}
        for k, level in r.dsm.items():
            for n in self.follow(rid, "dsm", k):
                dsm[n] = max(level, dsm.get(n, level))
        tools: dict[str, int] = {}
        for k, level in r.tools.items():
            for n in self.follow(rid, "tools", k):
                tools[n] = max(level, tools.get(n, level))
        checks: dict[str, tuple[str, ...]] = {}
        for k, ticked in r.tool_checks.items():
            for n in self.follow(rid, "tool_checks", k):
                checks[n] = tuple(dict.fromkeys([*checks.get(n, ()), *self._checks(rid, k, n, ticked)]))
        return attrs.evolve(r, persona=persona, trainings=trainings, dsm=dsm, tools=tools, tool_checks=checks)

    def _checks(self, rid: str, key: str, new_tool: str, ticked: tuple[str, ...]) -> list[str]:
        tool = self.catalog.get(new_tool)
        known: set[str] = set()
        for lv in tool.levels:
            for item in lv.checklist:
                known |= {item.id, item.id.split(":", 1)[-1], item.text, *item.choices}
        out = []
        for t in ticked:
            if t in known or t.split(":", 1)[0] in known:
                out.append(t)
            else:
                self._no(
                    rid,
                    "tool_checks",
                    f"{key}: {t}",
                    "check-item",
                    f"新版の {new_tool} のチェック項目に {t!r} がありません",
                    f"the new edition's {new_tool} checklist has no item {t!r}",
                )
        return out


def migrate(
    catalog: Catalog,
    records: Iterable[StaffRecord | Mapping[str, Any] | StaffRowError] | StaffTable,
    edition_map: EditionMap,
    *,
    carry: Iterable[str] = CARRY,
    min_confidence: float = 0.0,
) -> Migration:
    """Carry ``records`` (a :class:`StaffTable`, or any iterable of records, plain mappings or
    :class:`StaffRowError` items as :func:`~skillframe.iter_staff` yields them) from
    ``edition_map.source`` to ``edition_map.target``.

    Returns a :class:`Migration`: the records in the new edition (same order, same ids),
    every key carried, and every key — or unreadable row — that was not, with why.
    ``min_confidence`` is 0–1. To carry a 年度 of the assessment history, pass its stored
    records: ``[a.record for a in store.assessments(year, municipality=code)]`` (what
    ``skillframe migrate --db URL --year YYYY`` does; see docs/exchange.md).
    """
    m = _Migrator(catalog, edition_map, tuple(carry), min_confidence)
    items: Iterable[Any] = [*records.records, *records.errors] if isinstance(records, StaffTable) else records
    out: list[StaffRecord] = []
    for item in items:
        if isinstance(item, StaffRowError):
            m.not_carried.append(
                NotCarried(
                    item.id or "",
                    "row",
                    f"row {item.row}",
                    "row",
                    bilingual(f"{item.row} 行目を読めません", f"row {item.row} could not be read")
                    + f": {item.message}",
                )
            )
            continue
        out.append(m.record(item if isinstance(item, StaffRecord) else StaffRecord.from_mapping(item)))
    return Migration(
        source=edition_map.source.key,
        target=edition_map.target.key,
        records=tuple(out),
        carried=tuple(m.carried),
        not_carried=tuple(m.not_carried),
    )
