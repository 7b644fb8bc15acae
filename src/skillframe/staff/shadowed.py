"""Records that name a persona the loaded catalog holds an overlay's copy of (``persona-of-base-framework``).

A framework that ``extends`` another starts as a copy of it with new ids
(docs/catalog-format.md): with a town's catalog ``marumaru-town`` (``extends:
tokyo-wg-2025``) loaded, ``DX推進員`` is ``marumaru-town:dx-promoter``. A record that
names ``tokyo-wg-2025:dx-promoter`` by its qualified id means exactly that persona: it is
evaluated against the base's ladder and counted as the base's persona, never as the
town's, so the town's targets and settings do not see it. That is almost always a form,
roster or staff table made under another ``--catalog`` than the report: never silent,
a warning once per persona with the number of records and their first rows.

>>> import skillframe
>>> cat = skillframe.load("examples/overlays/small-town.yaml")
>>> watch = ShadowWatch(cat)
>>> for row, persona in [(2, "tokyo-wg-2025:dx-promoter"), (3, "example-town:dx-promoter")]:
...     watch.add(persona, row)
>>> watch.add("tokyo-wg-2025:dx-promoter", 4)
>>> [(s.persona, s.copies, s.count, s.rows, s.code) for s in watch.found()]
[('tokyo-wg-2025:dx-promoter', ('example-town:dx-promoter',), 2, (2, 4), 'persona-of-base-framework')]
>>> ShadowIndex(cat).copies("tokyo-wg-2025:dx-central")  # merged into it-central by the town
('example-town:it-central',)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar, TypeVar

import attrs

from ..errors import bilingual
from .record import StaffRecord, StaffWarning

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["CODE", "FIRST_ROWS", "ShadowIndex", "ShadowWatch", "ShadowedPersona", "watch_records"]

#: The machine-readable code of the warning.
CODE = "persona-of-base-framework"
#: How many rows a warning lists (the count says how many there are).
FIRST_ROWS = 5

_T = TypeVar("_T")


def _rows(rows: tuple[int, ...], count: int) -> tuple[str, str]:
    if not rows:
        return "", ""
    more = len(rows) < count
    shown = ", ".join(map(str, rows))
    return f"（行 {shown}{' ほか' if more else ''}）", f" (rows {shown}{', …' if more else ''})"


@attrs.frozen(kw_only=True)
class ShadowedPersona:
    """``count`` records (people) name ``persona``, a persona of a base framework that the
    catalog holds an overlay's copy of: ``copies`` (ids; usually one, the municipality's).
    They are evaluated and counted as ``persona``, not as the copy. ``rows`` are the first
    of their rows (spreadsheet rows, header = row 1; empty for records not read from a
    file), ``file`` the staff file when known, ``label``/``copy_labels`` the names (ja).
    ``code`` is ``persona-of-base-framework``; ``message`` (ja / en) names both ids and
    what to do; :meth:`warning` gives it as a :class:`~skillframe.StaffWarning`.
    """

    code: ClassVar[str] = CODE

    persona: str
    label: str
    copies: tuple[str, ...]
    copy_labels: tuple[str, ...]
    count: int
    rows: tuple[int, ...] = ()
    file: str | None = None

    @classmethod
    def of(
        cls,
        catalog: Catalog,
        persona: str,
        *,
        copies: tuple[str, ...],
        count: int,
        rows: Iterable[int] = (),
        file: str | None = None,
    ) -> ShadowedPersona:
        """The warning about ``persona`` (labels from ``catalog``)."""
        return cls(
            persona=persona,
            label=str(catalog.persona(persona).label),
            copies=copies,
            copy_labels=tuple(str(catalog.persona(c).label) for c in copies),
            count=count,
            rows=tuple(rows)[:FIRST_ROWS],
            file=file,
        )

    @property
    def message(self) -> str:
        fw = self.persona.split(":", 1)[0]
        copy = "、".join(f"{c}（{lb}）" for c, lb in zip(self.copies, self.copy_labels, strict=True))
        copy_en = ", ".join(f"{c} ({lb})" for c, lb in zip(self.copies, self.copy_labels, strict=True))
        name = "、".join(dict.fromkeys(self.copy_labels))
        rows_ja, rows_en = _rows(self.rows, self.count)
        return bilingual(
            f"人材像 {self.persona}（{self.label}）は基底フレームワーク {fw} のものです。読み込んだカタログには"
            f" extends による写し {copy} があり、この {self.count} 名{rows_ja}は基底の人材像として評価・集計され、"
            "写し（自治体の数値目標・設定が指す人材像）には数えていません。票・名簿・職員データは同じ --catalog で"
            f"作るか、人材像を名称（{name}）で書いてください",
            f"persona {self.persona} ({self.label}) is of the base framework {fw}; the catalog loaded holds "
            f"its copy {copy_en} (made by 'extends'), and these {self.count} record(s){rows_en} are evaluated "
            "and counted as the base persona, not as the copy (the persona the municipality's targets and "
            "settings mean). Make the forms, roster and staff data under the same --catalog, or write the "
            f"persona by name ({name})",
        )

    def warning(self) -> StaffWarning:
        """This warning as the staff readers give warnings (``row``: the first row)."""
        return StaffWarning(self.rows[0] if self.rows else None, "persona", self.message, CODE, self.file, self.rows)

    def __str__(self) -> str:
        return str(self.warning())


class ShadowIndex:
    """Which personas of a catalog an overlay copied: :meth:`copies`, found once per persona."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._copies: dict[str, tuple[str, ...]] = {}
        #: whether any framework loaded extends another (else nothing is ever shadowed)
        self.any = any(f.extends for f in catalog.frameworks())

    def copies(self, persona: str) -> tuple[str, ...]:
        """The copies that shadow ``persona`` (a qualified id), the last of each chain of
        ``extends`` (a town over a ward over the WG: the town's); empty when none does."""
        if not self.any:
            return ()
        hit = self._copies.get(persona)
        if hit is None:
            out: list[str] = []
            todo, seen = [persona], {persona}
            while todo:
                for c in self.catalog.copies(todo.pop()):
                    if c in seen:
                        continue
                    seen.add(c)
                    deeper = self.catalog.copies(c)
                    if deeper:
                        todo.append(c)
                    else:
                        out.append(c)
            hit = self._copies[persona] = tuple(out)
        return hit


class ShadowWatch:
    """Counts the records that name a shadowed persona (:meth:`add` each record's persona id)
    and gives one :class:`ShadowedPersona` per such persona (:meth:`found`)."""

    def __init__(self, catalog: Catalog, file: str | None = None, index: ShadowIndex | None = None) -> None:
        self.index = index if index is not None else ShadowIndex(catalog)
        self.file = file
        #: personas seen that nothing shadows (None: records without a persona)
        self.plain: set[str | None] = {None}
        self._seen: dict[str, tuple[list[int], list[int]]] = {}  # persona → ([count], first rows)

    def add(self, persona: str | None, row: int | None = None) -> None:
        """One record naming ``persona`` (a qualified id, or None) on ``row``."""
        if persona is None or persona in self.plain:
            return
        hit = self._seen.get(persona)
        if hit is None:
            if not self.index.copies(persona):
                self.plain.add(persona)
                return
            hit = self._seen[persona] = ([0], [])
        hit[0][0] += 1
        if row is not None and len(hit[1]) < FIRST_ROWS:
            hit[1].append(row)

    def found(self) -> tuple[ShadowedPersona, ...]:
        """One warning per shadowed persona named, in the order first seen."""
        cat = self.index.catalog
        return tuple(
            ShadowedPersona.of(cat, p, copies=self.index.copies(p), count=n[0], rows=rows, file=self.file)
            for p, (n, rows) in self._seen.items()
        )


def watch_records(items: Iterator[_T], catalog: Catalog, file: str | None) -> Iterator[_T | StaffWarning]:
    """``items`` (a staff stream) as they are, then a ``persona-of-base-framework`` warning per
    shadowed persona its records name (:class:`ShadowWatch`)."""
    watch = ShadowWatch(catalog, file)
    add, plain = watch.add, watch.plain
    for item in items:
        if isinstance(item, StaffRecord) and item.persona not in plain:  # one set look-up per usual record
            add(item.persona, item.row)
        yield item
    for found in watch.found():
        yield found.warning()
