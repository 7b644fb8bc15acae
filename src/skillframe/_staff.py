"""Staff records and the files they come in (CSV, JSON, XLSX).

A :class:`StaffRecord` is one member of staff: id, persona, department, the skills whose
recommended training is completed, DX project experience, mentoring, self-assessed DSM
levels, DSM tool levels and ticked tool checklist items. A value that is missing is
*unknown* (``None``), never zero: an unknown leaf is neither met nor failed.

Files: :func:`read_staff` returns a :class:`StaffTable` (``records`` and ``errors``);
:func:`iter_staff` streams the same items one by one without holding the file. Every
data row ends up either as a record or as one or more :class:`StaffRowError` (same
``row``): nothing is dropped.

CSV columns (the documented names; header case and width do not matter):

==========================  ==============================================================
column                      value
==========================  ==============================================================
``id``                      required; unique within the file
``persona``                 persona key (``DX推進員``, ``dx-promoter``…); may be empty
``department``              free text
``trainings``               ``;``-separated skill keys (``なし`` / ``-`` = none; empty = unknown)
``dx_project_years``        number (``１.5``, ``2年``)
``dx_lead_years``           number
``dx_lead_count``           number
``mentoring``               はい/いいえ, yes/no, true/false, ○/×, 1/0
``dsm:<skill key>``         DSM level 0–3 (``Lv.２`` → 2)
``tool:<tool key>``         DSM tool level 0–3
``check:<tool key>``        ``;``-separated ticked checklist items (id, text, or a choice
                            such as ``SUM`` / ``excel-2-1:SUM``)
anything else               kept as text in :attr:`StaffRecord.extra` (for custom rules)
==========================  ==============================================================

A file without an ``id`` column, or with no header at all, raises
:class:`~skillframe.StaffDataError` (the whole file is unusable); everything else is a
row error.

>>> parse_bool("はい"), parse_bool("×"), parse_bool("")
(True, False, None)
>>> parse_number("Lv.２"), parse_number("１.5年")
(2, 1.5)
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._text import normalize
from .errors import LookupFailed, StaffDataError, bilingual

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = [
    "KeyResolver",
    "StaffRecord",
    "StaffRowError",
    "StaffTable",
    "iter_staff",
    "parse_bool",
    "parse_number",
    "read_staff",
]

NUMBER_FIELDS = ("dx_project_years", "dx_lead_years", "dx_lead_count")
PLAIN_COLUMNS = ("id", "persona", "department", "trainings", *NUMBER_FIELDS, "mentoring")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes the codec could not decode (surrogateescape)
_NONE_WORDS = frozenset({"なし", "無し", "-", "－", "none", "—"})
_TRUE = frozenset({"はい", "yes", "y", "true", "t", "○", "〇", "◯", "1", "有", "あり", "済", "する"})
_FALSE = frozenset({"いいえ", "no", "n", "false", "f", "×", "x", "0", "無", "なし", "未", "しない"})


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_bool(value: object) -> bool | None:
    """はい/いいえ, yes/no, true/false, ○/×, 1/0 → bool; empty → ``None`` (unknown)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValueError(bilingual(f"真偽値ではありません: {value!r}", f"not a yes/no value: {value!r}"))
    text = normalize(str(value))
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(bilingual(f"はい/いいえ ではありません: {value!r}", f"not a yes/no value: {value!r}"))


def parse_number(value: object) -> float | int | None:
    """A number from text: full-width digits, ``Lv.２``, ``2年``, ``3件`` → int or float; empty → ``None``."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(bilingual(f"数値ではありません: {value!r}", f"not a number: {value!r}"))
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(bilingual(f"負の数です: {value!r}", f"negative number: {value!r}"))
        return value
    text = _nfkc(str(value)).casefold().replace(",", "")
    if not text:
        return None
    for prefix in ("lv.", "lv", "level", "レベル"):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    for suffix in ("年", "件", "回", "years", "year", "y"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    try:
        number = float(text)
    except ValueError:
        raise ValueError(bilingual(f"数値ではありません: {value!r}", f"not a number: {value!r}")) from None
    if number < 0 or math.isnan(number):
        raise ValueError(bilingual(f"負の数です: {value!r}", f"negative number: {value!r}"))
    return int(number) if number.is_integer() else number


def parse_level(value: object) -> int | None:
    """A level 0–3 (``Lv.２`` → 2); empty → ``None``."""
    number = parse_number(value)
    if number is None:
        return None
    if number not in (0, 1, 2, 3):
        raise ValueError(bilingual(f"レベルは 0〜3 です: {value!r}", f"a level is 0 to 3: {value!r}"))
    return int(number)


def parse_keys(value: object) -> tuple[str, ...] | None:
    """``;``-separated keys (also ``；``, ``、`` and newlines); empty → ``None``, ``なし`` → ``()``."""
    if value is None:
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(str(v) for v in value)
    text = _nfkc(str(value))
    if not text:
        return None
    if normalize(text) in _NONE_WORDS:
        return ()
    for sep in ("、", "\n"):
        text = text.replace(sep, ";")
    return tuple(k.strip() for k in text.split(";") if k.strip())


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _mapping(value: Any) -> dict[str, Any]:
    return dict(value) if value else {}


@attrs.frozen(kw_only=True)
class StaffRecord:
    """One member of staff. ``None`` means *unknown* (not zero, not "no").

    Keys (skills, tools, checklist items) are as written or as resolved by
    :func:`read_staff` with a catalog (qualified ids); evaluation resolves them either way.

    >>> r = StaffRecord(id="A01", persona="DX推進員", trainings=("bpr",), dx_lead_years=1.5)
    >>> r.mentoring is None, r.dsm
    (True, {})
    >>> StaffRecord.from_mapping({"id": 7, "mentoring": "はい", "dsm": {"bpr": "Lv.２"}}).dsm
    {'bpr': 2}
    """

    id: str
    persona: str | None = None
    department: str | None = None
    trainings: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    dx_project_years: float | None = None
    dx_lead_years: float | None = None
    dx_lead_count: float | None = None
    mentoring: bool | None = None
    dsm: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tools: dict[str, int] = attrs.field(factory=dict, converter=_mapping)
    tool_checks: dict[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_mapping)
    extra: dict[str, str] = attrs.field(factory=dict, converter=_mapping)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> StaffRecord:
        """A record from a plain mapping; text values are parsed as in a staff file."""
        if isinstance(data, StaffRecord):
            return data
        known = {f.name for f in attrs.fields(cls)}
        rid = data.get("id")
        return cls(
            id="" if rid is None else str(rid),
            persona=_opt_str(data.get("persona")),
            department=_opt_str(data.get("department")),
            trainings=parse_keys(data.get("trainings")),
            dx_project_years=parse_number(data.get("dx_project_years")),
            dx_lead_years=parse_number(data.get("dx_lead_years")),
            dx_lead_count=parse_number(data.get("dx_lead_count")),
            mentoring=parse_bool(data.get("mentoring")),
            dsm={k: v for k, v in ((k, parse_level(v)) for k, v in (data.get("dsm") or {}).items()) if v is not None},
            tools={
                k: v for k, v in ((k, parse_level(v)) for k, v in (data.get("tools") or {}).items()) if v is not None
            },
            tool_checks={
                k: v
                for k, v in ((k, parse_keys(v)) for k, v in (data.get("tool_checks") or {}).items())
                if v is not None
            },
            extra={**{k: str(v) for k, v in data.items() if k not in known}, **dict(data.get("extra") or {})},
        )


def _opt_str(value: object) -> str | None:
    if value is None:
        return None
    text = _nfkc(str(value))
    return text or None


@attrs.frozen
class StaffRowError:
    """A problem with one row of a staff file: ``row`` (1-based, the header is row 1 in CSV/XLSX;
    the item number in JSON), ``column`` (``None`` for the row as a whole) and ``message``."""

    row: int
    column: str | None
    message: str
    id: str | None = None

    def __str__(self) -> str:
        col = f", {self.column}" if self.column else ""
        return f"row {self.row}{col}: {self.message}"


@attrs.frozen
class StaffTable:
    """The records and the row errors of a staff file; ``rows`` counts the data rows read."""

    records: tuple[StaffRecord, ...]
    errors: tuple[StaffRowError, ...]
    rows: int

    @property
    def error_rows(self) -> tuple[int, ...]:
        """The rows that had errors, each once, in order."""
        return tuple(sorted({e.row for e in self.errors}))


# ---------------------------------------------------------------------------
# Key resolution (cached)


class KeyResolver:
    """Resolves skill, tool, persona and checklist-item keys against a catalog, once each.

    Keys resolve against the persona's framework first, then the whole catalog (labels,
    aliases, NFKC). Results (and failures) are cached per ``(framework, key)``.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._skills: dict[tuple[str | None, str], str | LookupFailed] = {}
        self._tools: dict[tuple[str | None, str], str | LookupFailed] = {}
        self._personas: dict[str, str | LookupFailed] = {}
        self._ticks: dict[str, dict[str, str]] = {}

    def frameworks_of(self, persona_id: str) -> tuple[str, ...]:
        """The frameworks keys of a persona's records resolve against: its own, then its ancestors'."""
        out = [persona_id.split(":", 1)[0]]
        for a in self.catalog.ancestors(persona_id):
            if a.framework not in out:
                out.append(a.framework)
        return tuple(out)

    def _resolve(
        self,
        cache: dict[tuple[str | None, str], str | LookupFailed],
        kind: str,
        key: str,
        frameworks: str | tuple[str, ...] | None,
    ) -> str:
        fws = (frameworks,) if isinstance(frameworks, str) else frameworks or ()
        ckey = (fws[0] if len(fws) == 1 else "|".join(fws)) if fws else None
        hit = cache.get((ckey, key))
        if hit is None:
            find = self.catalog.skill if kind == "skill" else self.catalog.tool
            for fw in fws:
                try:
                    hit = find(key, fw).id
                    break
                except LookupFailed:
                    continue
            if hit is None:
                try:
                    hit = find(key).id
                except LookupFailed as exc:
                    hit = exc
            cache[(ckey, key)] = hit
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def skill(self, key: str, frameworks: str | tuple[str, ...] | None = None) -> str:
        """The qualified id of a skill key (tried in ``frameworks`` first, then everywhere)."""
        return self._resolve(self._skills, "skill", key, frameworks)

    def tool(self, key: str, frameworks: str | tuple[str, ...] | None = None) -> str:
        """The qualified id of a tool key (tried in ``frameworks`` first, then everywhere)."""
        return self._resolve(self._tools, "tool", key, frameworks)

    def persona(self, key: str) -> str:
        """The qualified id of a persona key."""
        hit = self._personas.get(key)
        if hit is None:
            try:
                hit = self.catalog.persona(key).id
            except LookupFailed as exc:
                hit = exc
            self._personas[key] = hit
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def tick(self, tool_id: str, text: str) -> str:
        """A ticked checklist item as ``<item id>`` or ``<item id>:<choice>``."""
        index = self._ticks.get(tool_id)
        if index is None:
            index = {}
            for level in self.catalog.get(tool_id).levels:
                for item in level.checklist:
                    index.setdefault(normalize(item.id), item.id)
                    index.setdefault(normalize(item.text), item.id)
                    for choice in item.choices:
                        index.setdefault(normalize(f"{item.id}:{choice}"), f"{item.id}:{choice}")
                        index.setdefault(normalize(choice), f"{item.id}:{choice}")
            self._ticks[tool_id] = index
        found = index.get(normalize(text))
        if found is None:
            from ._load import suggest
            from .errors import UnknownKeyError

            raise UnknownKeyError("checklist item", text, suggestions=suggest(normalize(text), index))
        return found


# ---------------------------------------------------------------------------
# Reading files


def _detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8 (read in chunks), else ``cp932``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 16):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp932"
    return "utf-8-sig"


def _column_kind(header: str) -> tuple[str, str | None]:
    """``("dsm", "bpr")`` for ``dsm:bpr``; ``("id", None)`` for ``id``; ``("extra", name)`` otherwise."""
    text = _nfkc(header)
    if ":" in text:
        prefix, key = text.split(":", 1)
        prefix = prefix.strip().casefold()
        if prefix in ("dsm", "tool", "check"):
            return prefix, key.strip()
    name = text.casefold()
    if name in PLAIN_COLUMNS:
        return name, None
    return "extra", text


class _RowBuilder:
    """Turns one row (column → raw value) into a record or row errors."""

    def __init__(self, file: str, catalog: Catalog | None) -> None:
        self.file = file
        self.resolver = KeyResolver(catalog) if catalog is not None else None
        self.seen: dict[str, int] = {}

    def build(self, rownum: int, cells: list[tuple[str, str, object]]) -> StaffRecord | list[StaffRowError]:
        errors: list[StaffRowError] = []
        values: dict[str, Any] = {"dsm": {}, "tools": {}, "tool_checks": {}, "extra": {}}
        res = self.resolver

        def err(column: str | None, message: str) -> None:
            errors.append(StaffRowError(rownum, column, message, values.get("id")))

        undecoded = [h for h, _, raw in cells if isinstance(raw, str) and _UNDECODED.search(raw)]
        if undecoded:
            message = bilingual("文字コードを解読できません", "cannot decode the text (wrong encoding?)")
            return [StaffRowError(rownum, h, message) for h in undecoded]
        plain = {kind: raw for _, (kind, _key), raw in _kinds(cells) if kind in PLAIN_COLUMNS}
        rid = _opt_str(plain.get("id"))
        if rid is None:
            err("id", bilingual("id がありません", "missing id"))
        else:
            values["id"] = rid
            if rid in self.seen:
                err(
                    "id",
                    bilingual(f"id '{rid}' が重複しています", f"duplicate id '{rid}'") + f" (row {self.seen[rid]})",
                )
            else:
                self.seen[rid] = rownum
        persona = _opt_str(plain.get("persona"))
        framework: tuple[str, ...] | None = None
        if persona is not None and res is not None:
            try:
                persona = res.persona(persona)
                framework = res.frameworks_of(persona)
            except LookupFailed as exc:
                err("persona", str(exc))
        values["persona"] = persona
        values["department"] = _opt_str(plain.get("department"))
        for header, (kind, key), raw in _kinds(cells):
            try:
                if kind == "trainings":
                    keys = parse_keys(raw)
                    if keys is not None and res is not None:
                        keys = tuple(self._key(res.skill, k, framework, header, err) for k in keys)
                    values["trainings"] = keys
                elif kind in NUMBER_FIELDS:
                    values[kind] = parse_number(raw)
                elif kind == "mentoring":
                    values["mentoring"] = parse_bool(raw)
                elif kind in ("dsm", "tool"):
                    level = parse_level(raw)
                    if level is None or key is None:
                        continue
                    found = key
                    if res is not None:
                        found = self._key(res.skill if kind == "dsm" else res.tool, key, framework, header, err)
                    values["dsm" if kind == "dsm" else "tools"][found] = level
                elif kind == "check" and key is not None:
                    ticks = parse_keys(raw)
                    if ticks is None:
                        continue
                    tool = key
                    if res is not None:
                        tool = self._key(res.tool, key, framework, header, err)
                        if tool:
                            ticks = tuple(self._tick(res, tool, t, header, err) for t in ticks)
                    values["tool_checks"][tool] = ticks
                elif kind == "extra" and key is not None:
                    text = _opt_str(raw)
                    if text is not None:
                        values["extra"][key] = text
            except ValueError as exc:
                err(header, str(exc))
        if errors:
            return errors
        return StaffRecord(**values)

    @staticmethod
    def _tick(res: KeyResolver, tool: str, text: str, header: str, err: Any) -> str:
        try:
            return res.tick(tool, text)
        except LookupFailed as exc:
            err(header, str(exc))
            return ""

    @staticmethod
    def _key(find: Any, key: str, framework: tuple[str, ...] | None, header: str, err: Any) -> str:
        try:
            return str(find(key, framework))
        except LookupFailed as exc:
            err(header, str(exc))
            return ""


def _kinds(cells: list[tuple[str, str, object]]) -> Iterator[tuple[str, tuple[str, str | None], object]]:
    for header, _norm, raw in cells:
        yield header, _column_kind(header), raw


def _check_header(file: str, header: list[str]) -> list[str]:
    if not header or not any(h.strip() for h in header):
        raise StaffDataError(file, bilingual("空のファイルです（見出し行がありません）", "empty file (no header row)"))
    if any(_UNDECODED.search(h) for h in header):
        raise StaffDataError(
            file, bilingual("見出し行の文字コードを解読できません", "cannot decode the header row (wrong encoding?)")
        )
    kinds = [_column_kind(h)[0] for h in header]
    if "id" not in kinds:
        raise StaffDataError(
            file,
            bilingual("id 列がありません", "missing required column 'id'") + f" (columns: {', '.join(header)})",
        )
    seen: set[str] = set()
    for h in header:
        n = normalize(h)
        if n in seen:
            raise StaffDataError(file, bilingual(f"列 '{h}' が重複しています", f"duplicate column '{h}'"))
        seen.add(n)
    return header


def _csv_rows(path: Path, encoding: str | None) -> Iterator[tuple[int, list[str], list[str]]]:
    enc = encoding or _detect_encoding(path)
    if enc.replace("_", "-").casefold() in ("utf-8", "utf8"):
        enc = "utf-8-sig"
    with path.open("r", encoding=enc, errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        header = _check_header(str(path), [h.strip() for h in (header or [])])
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue  # a blank line is not a row
            yield reader.line_num, header, row


def _json_rows(path: Path, encoding: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    text = path.read_bytes()
    if not text.strip():
        raise StaffDataError(str(path), bilingual("空のファイルです", "empty file"))
    try:
        data = json.loads(text.decode(encoding or "utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StaffDataError(str(path), bilingual("JSON として読めません", "not valid JSON") + f": {exc}") from None
    if not isinstance(data, list):
        raise StaffDataError(str(path), bilingual("JSON はオブジェクトのリストです", "JSON must be a list of objects"))
    yield from enumerate(data, start=1)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str], list[object]]]:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - depends on the environment
        raise StaffDataError(
            str(path),
            bilingual("XLSX には openpyxl が必要です", "reading XLSX needs openpyxl")
            + ": pip install 'skillframe[xlsx]'",
        ) from None
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = wb.active.iter_rows(values_only=True) if wb.active is not None else iter(())
        first = next(rows, None)
        header = _check_header(str(path), ["" if h is None else str(h).strip() for h in (first or ())])
        for n, row in enumerate(rows, start=2):
            if all(c is None or str(c).strip() == "" for c in row):
                continue
            yield n, header, ["" if c is None else c for c in row]
    finally:
        wb.close()


def iter_staff(
    path: str | Path, *, encoding: str | None = None, catalog: Catalog | None = None
) -> Iterator[StaffRecord | StaffRowError]:
    """Stream the records and row errors of a staff file (CSV, JSON or XLSX), in file order.

    The encoding of a CSV file is detected (UTF-8 with or without BOM, else CP932 /
    Shift_JIS) unless ``encoding`` names it. With ``catalog``, persona, skill, tool and
    checklist keys are resolved to qualified ids and an unknown key is a row error;
    without, keys are kept as written (evaluation resolves them).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,mentoring,dx_lead_years\\nA,はい,１\\nB,たぶん,\\n", encoding="cp932")
    >>> for item in iter_staff(p):
    ...     print(item)  # doctest: +ELLIPSIS
    StaffRecord(id='A', ..., dx_lead_years=1, dx_lead_count=None, mentoring=True, ...)
    row 3, mentoring: はい/いいえ ではありません: 'たぶん' / not a yes/no value: 'たぶん'
    """
    p = Path(path)
    if not p.exists():
        raise StaffDataError(str(p), bilingual("ファイルがありません", "no such file"))
    builder = _RowBuilder(str(p), catalog)
    suffix = p.suffix.casefold()
    if suffix == ".json":
        for n, item in _json_rows(p, encoding):
            if not isinstance(item, dict):
                yield StaffRowError(n, None, bilingual("オブジェクトではありません", "not an object"))
                continue
            yield from _emit(builder.build(n, list(_flatten(item))))
        return
    if p.stat().st_size == 0:
        raise StaffDataError(str(p), bilingual("空のファイルです", "empty file"))
    rows: Iterable[tuple[int, list[str], list[Any]]] = (
        _xlsx_rows(p) if suffix in (".xlsx", ".xlsm") else _csv_rows(p, encoding)
    )
    for n, header, row in rows:
        if len(row) > len(header) and any(str(c).strip() for c in row[len(header) :]):
            yield StaffRowError(n, None, bilingual("列が見出しより多いです", "more cells than header columns"))
            continue
        cells = [(h, "", row[i] if i < len(row) else "") for i, h in enumerate(header)]
        yield from _emit(builder.build(n, cells))


def _emit(result: StaffRecord | list[StaffRowError]) -> Iterator[StaffRecord | StaffRowError]:
    if isinstance(result, StaffRecord):
        yield result
    else:
        yield from result


def _flatten(item: Mapping[str, Any]) -> Iterator[tuple[str, str, object]]:
    """A JSON object as CSV-like cells (``dsm`` / ``tools`` / ``tool_checks`` mappings expand)."""
    for key, value in item.items():
        if key in ("dsm", "tools", "tool_checks") and isinstance(value, Mapping):
            prefix = {"dsm": "dsm", "tools": "tool", "tool_checks": "check"}[key]
            for k, v in value.items():
                yield f"{prefix}:{k}", "", v
        elif key == "extra" and isinstance(value, Mapping):
            for k, v in value.items():
                yield str(k), "", v
        else:
            yield key, "", value


def read_staff(path: str | Path, *, encoding: str | None = None, catalog: Catalog | None = None) -> StaffTable:
    """Read a whole staff file: every data row becomes a record or row errors.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("id,dx_lead_count\\nA,2\\nA,3\\nB,many\\n", encoding="utf-8")
    >>> t = read_staff(p)
    >>> [r.id for r in t.records], [(e.row, e.column) for e in t.errors], t.rows
    (['A'], [(3, 'id'), (4, 'dx_lead_count')], 3)
    """
    records: list[StaffRecord] = []
    errors: list[StaffRowError] = []
    for item in iter_staff(path, encoding=encoding, catalog=catalog):
        if isinstance(item, StaffRecord):
            records.append(item)
        else:
            errors.append(item)
    return StaffTable(tuple(records), tuple(errors), len(records) + len({e.row for e in errors}))
