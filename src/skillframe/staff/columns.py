"""The columns of a staff file: standard names, their Japanese aliases, header classification.

A header is classified once per file (:func:`classify_header`); a mapping key once per
reader. Matching uses :func:`header_key`: case, width (NFKC) and every white space,
full-width ``　`` included, do not matter; the header is kept as written for messages.

>>> classify("職員番号"), classify("DSM：ITストラテジー"), classify("ツール:Excel"), classify("備考")
(('id', None), ('dsm', 'ITストラテジー'), ('tool', 'Excel'), ('extra', '備考'))
>>> classify("職員　番号"), classify("DX リード 年数")
(('id', None), ('dx_lead_years', None))
>>> near_miss("後輩指導の有無"), near_miss("mentorng"), near_miss("電話番号", present={"id"})
('mentoring', 'mentoring', None)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence

import attrs

from ..errors import StaffDataError, bilingual
from .values import match_key

__all__ = [
    "HEADER_SCAN",
    "KEYED_PREFIXES",
    "NAME_COLUMNS",
    "NESTED_FIELDS",
    "NUMBER_FIELDS",
    "PARTLY_ANSWERED",
    "PLAIN_KEYS",
    "STANDARD_COLUMNS",
    "Column",
    "HeaderWarning",
    "classify",
    "classify_header",
    "has_id",
    "header_key",
    "header_of",
    "is_name_column",
    "keyed_near_miss",
    "near_miss",
    "same_key",
]

NUMBER_FIELDS = ("dx_project_years", "dx_lead_years", "dx_lead_count")

#: Every standard column and the other names accepted for it (the first is the documented name).
STANDARD_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "職員番号", "職員id", "職員コード", "社員番号", "番号"),
    "persona": ("persona", "人材像", "ペルソナ", "育成対象", "人材タイプ"),
    "department": ("department", "所属", "所属課", "部署", "課", "所属部署", "部課"),
    "trainings": (
        "trainings",
        "研修",
        "受講研修",
        "受講済研修",
        "受講済み研修",
        "修了研修",
        "研修受講履歴",
        "受講履歴",
        "training",
    ),
    "dx_project_years": ("dx_project_years", "dxプロジェクト経験年数", "dx経験年数", "dxプロジェクト年数"),
    "dx_lead_years": ("dx_lead_years", "dxリード経験年数", "dxリード年数", "dx推進リード年数"),
    "dx_lead_count": ("dx_lead_count", "dxリード件数", "dxリード回数", "dx推進リード件数"),
    "mentoring": ("mentoring", "メンタリング", "メンター経験", "指導経験", "後輩指導"),
}
#: Prefixes of keyed columns (``dsm:<skill>``, ``tool:<tool>``, ``check:<tool>``) and their aliases.
#: A plain record's own keys: the standard columns under their own names, and the nested
#: mappings of a record (``dsm``, ``tools``, ``tool_checks``). A mapping with no other key has
#: no alias column (``人材像``, ``部署``…) beside them: its values are read under these names.
NESTED_FIELDS = ("dsm", "tools", "tool_checks")
PLAIN_KEYS = frozenset((*STANDARD_COLUMNS, *NESTED_FIELDS))
#: The extra column of a collected staff table (``skillframe collect``) holding the training
#: answers of a person who answered only some training questions; ``trainings`` is then blank
#: (unknown). Never evaluated; ``record`` counts it as answered (not an empty form).
PARTLY_ANSWERED = "研修（一部回答）"

KEYED_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "dsm": ("dsm", "スキル", "skill"),
    "tool": ("tool", "ツール"),
    "check": ("check", "チェック", "実務経験"),
}
#: Rows looked at for the header (a title row or two above it is common in office files).
HEADER_SCAN = 10
_WHITE = re.compile(r"\s+")


def header_key(text: str) -> str:
    """The form of a header used to match column names: :func:`~skillframe.staff.values.match_key`
    without any white space (``職員　番号`` = ``職員番号``, ``DX リード 年数`` = ``DXリード年数``)."""
    return _WHITE.sub("", match_key(text))


#: Extra columns that hold a person's name (matched as headers are: ``氏 名`` is ``氏名``). The
#: self-check form shows it; the assessment history never stores it (data minimisation: the
#: history needs who — the id or its pseudonym — not the name).
NAME_COLUMNS = ("氏名", "名前", "職員名", "name", "氏名（漢字）", "氏名（カナ）", "フリガナ", "ふりがな", "カナ氏名")
_NAME_KEYS = frozenset(header_key(n) for n in NAME_COLUMNS)


def is_name_column(header: str) -> bool:
    """Whether an extra column holds a person's name (:data:`NAME_COLUMNS`).

    >>> is_name_column("氏　名"), is_name_column("Name"), is_name_column("所属")
    (True, True, False)
    """
    return header_key(header) in _NAME_KEYS


_NAMES = {header_key(alias): kind for kind, aliases in STANDARD_COLUMNS.items() for alias in aliases}
_PREFIXES = {header_key(alias): kind for kind, aliases in KEYED_PREFIXES.items() for alias in aliases}
# near-miss candidates: every name, also with "_" as a space ("dx lead years"), and the
# Japanese aliases of two or more characters (contained in a longer header: 後輩指導の有無)
_NEAR = {**{match_key(a).replace("_", " "): k for k, al in STANDARD_COLUMNS.items() for a in al}, **_NAMES}
_CONTAINED = sorted(
    ((header_key(a), k) for k, al in STANDARD_COLUMNS.items() for a in al if len(a) >= 2 and not a.isascii()),
    key=lambda x: -len(x[0]),
)


@attrs.frozen
class Column:
    """One column: its position, the header as written, its ``kind`` and, for a keyed
    column, the key as written (``dsm:ITストラテジー`` → ``("dsm", "ITストラテジー")``)."""

    index: int
    header: str
    kind: str
    key: str | None = None


@attrs.frozen
class HeaderWarning:
    """A header that is probably a misspelt standard column (kept as an extra column)."""

    column: str
    suggestion: str
    code: str = "column-near-miss"

    @property
    def message(self) -> str:
        return bilingual(
            f"列 '{self.column}' は標準の列ではありません（もしかして: {self.suggestion}）。追加の列として扱います",
            f"column '{self.column}' is not a standard column (did you mean: {self.suggestion}?); kept as extra",
        )


#: Headers naming a record's nested field (:data:`~skillframe.staff.structured.NESTED_MAPPINGS`),
#: matched as headers are and without ``_`` ``-`` (``DSM``, ``Tool Checks``): kind ``nested``.
#: A file cell is never a mapping, so a value under such a column is the row error
#: ``not-a-mapping`` (a dict's ``"dsm": "2"`` too), never an extra column ``dsm``.
_NESTED_NAMES = {"dsm": "dsm", "tools": "tools", "toolchecks": "tool_checks", "extra": "extra"}


def classify(header: str) -> tuple[str, str | None]:
    """``(kind, key)`` of a header: a standard column, a keyed column, ``("nested", field)``
    for a record's nested field (``dsm``, ``tools``, ``tool_checks``, ``extra``) or
    ``("extra", header)``.

    >>> classify("DSM"), classify("tool checks"), classify("dsm:"), classify("tools:Excel")
    (('nested', 'dsm'), ('nested', 'tool_checks'), ('extra', 'dsm:'), ('extra', 'tools:Excel'))
    """
    name = header_key(header)
    kind = _NAMES.get(name)
    if kind is not None:
        return kind, None
    nested = _NESTED_NAMES.get(name.replace("_", "").replace("-", ""))
    if nested is not None:
        return "nested", nested
    for sep in (":", "："):
        if sep in header:
            prefix, key = header.split(sep, 1)
            found = _PREFIXES.get(header_key(prefix))
            if found is not None and key.strip():
                return found, key.strip()
    return "extra", header.strip()


def near_miss(header: str, present: Collection[str] = ()) -> str | None:
    """The standard column a header is probably meant as (``mentorng`` → ``mentoring``,
    ``後輩指導の有無`` → ``mentoring``), or ``None``. Columns in ``present`` (kinds the header
    row has already) are never suggested.

    Close spelling (difflib on the NFKC text, ratio ≥ 0.8; for Japanese headers ≥ 0.6, as
    one character is a larger part of a short word), or a Japanese alias of two or more
    characters contained in the header (``研修受講状況`` contains ``研修``).
    """
    name = match_key(header).replace("_", " ").replace("-", " ")
    pool = {n: k for n, k in _NEAR.items() if k not in present}
    cutoff = 0.8 if name.isascii() else 0.6
    hits = difflib.get_close_matches(name, list(pool), n=1, cutoff=cutoff)
    if hits:
        return pool[hits[0]]
    compact = header_key(header)
    for alias, kind in _CONTAINED:
        if kind not in present and alias in compact:
            return kind
    return None


#: Prefixes a user may write for a keyed column that are not one (``tools:Excel``, ``skills:…``),
#: matched as :data:`KEYED_PREFIXES`, and the keyed kind each is near.
_NEAR_PREFIXES = {
    **{header_key(a): k for k, al in KEYED_PREFIXES.items() for a in al},
    "tools": "tool",
    "skills": "dsm",
    "toolchecks": "check",
    "tool_checks": "check",
    "checks": "check",
    "checklist": "check",
    "チェックリスト": "check",
}
_PLACEHOLDERS = {"dsm": ("スキル名", "skill"), "tool": ("ツール名", "tool"), "check": ("ツール名", "tool")}


def keyed_near_miss(header: str) -> str | None:
    """The keyed column (``dsm:<skill>``, ``tool:<tool>``, ``check:<tool>``) a header kept as an
    extra column is probably meant as, or ``None``: a prefix without a key (``dsm:``,
    ``ツール``, ``skill``), or a near prefix with one (``tools:Excel`` → ``tool:Excel``).

    >>> keyed_near_miss("tools:Excel"), keyed_near_miss("スキル"), keyed_near_miss("dsm："), keyed_near_miss("備考")
    ('tool:Excel', 'スキル:<スキル名>', 'dsm:<skill>', None)
    """
    prefix, _, key = header.replace("：", ":").partition(":")
    name = header_key(prefix)
    kind = _NEAR_PREFIXES.get(name) or _NEAR_PREFIXES.get(name.replace("-", "_"))
    if kind is None:
        return None
    key = key.strip()
    if key:
        return f"{KEYED_PREFIXES[kind][0]}:{key}"
    ja, en = _PLACEHOLDERS[kind]
    shown = prefix.strip() if name in _PREFIXES else KEYED_PREFIXES[kind][0]
    return f"{shown}:<{en if shown.isascii() else ja}>"


def same_key(first: str, second: str, ident: str) -> str:
    """The message of two keyed columns (or two keys of a record's ``dsm`` / ``tools`` /
    ``tool_checks``) naming one skill or tool (``duplicate-skill-column``).

    >>> same_key("dsm:bpr", "dsm:BPR研修", "wg:bpr")
    "列 'dsm:bpr' と 'dsm:BPR研修' は同じ wg:bpr です / columns 'dsm:bpr' and 'dsm:BPR研修' both name wg:bpr"
    """
    return bilingual(
        f"列 '{first}' と '{second}' は同じ {ident} です", f"columns '{first}' and '{second}' both name {ident}"
    )


def header_of(columns: Sequence[Column], kind: str) -> str:
    """The header of the first column of ``kind`` as the file writes it (``人材像``…), else the
    standard name ``kind`` (no such column, or no header read: ``[]``).

    >>> header_of([Column(0, "職員番号", "id"), Column(1, "人材像", "persona")], "persona")
    '人材像'
    >>> header_of([], "persona")
    'persona'
    """
    return next((c.header for c in columns if c.kind == kind), kind)


def has_id(cells: Sequence[object]) -> bool:
    """Whether a row has a cell naming the ``id`` column (a header row)."""
    return any(c is not None and classify(str(c))[0] == "id" for c in cells)


def classify_header(file: str, header: Sequence[object]) -> tuple[list[Column], list[HeaderWarning]]:
    """The columns of a header row, once per file, and warnings for near-miss names.

    Raises :class:`~skillframe.StaffDataError` when there is no header, no ``id`` column, or a
    column appears twice (``persona`` and ``人材像``, ``dsm:bpr`` and ``dsm:BPR``).
    """
    names = ["" if h is None else str(h).strip() for h in header]
    if not any(names):
        raise StaffDataError(
            file, bilingual("空のファイルです（見出し行がありません）", "empty file (no header row)"), code="no-header"
        )
    if any(any(0xD800 <= ord(c) <= 0xDFFF or c == "\x00" for c in n) for n in names):
        raise StaffDataError(
            file,
            bilingual("見出し行の文字コードを解読できません", "cannot decode the header row (wrong encoding?)"),
            code="undecodable-header",
        )
    columns: list[Column] = []
    warnings: list[HeaderWarning] = []
    seen: dict[tuple[str, str], str] = {}
    for i, name in enumerate(names):
        if not name:
            columns.append(Column(i, name, "blank"))
            continue
        kind, key = classify(name)
        ident = (kind, header_key(key) if key is not None else "")
        if ident in seen:
            raise StaffDataError(
                file,
                bilingual(
                    f"列 '{seen[ident]}' と '{name}' は同じ列です", f"columns '{seen[ident]}' and '{name}' are the same"
                ),
                code="duplicate-column",
            )
        seen[ident] = name
        columns.append(Column(i, name, kind, key))
    present = {c.kind for c in columns}
    for c in columns:
        if c.kind == "extra":
            keyed = keyed_near_miss(c.header)
            near = near_miss(c.header, present) if keyed is None else None
            if keyed is not None or near is not None:
                warnings.append(HeaderWarning(c.header, keyed or _shown(near or "")))
    if not any(c.kind == "id" for c in columns):
        raise StaffDataError(
            file,
            bilingual(
                "id 列（職員番号）がありません。見出し行は1行目に置いてください",
                "missing required column 'id' (職員番号); put the header in row 1",
            )
            + f" (columns: {', '.join(names)})",
            code="missing-id-column",
        )
    return columns, warnings


def _shown(kind: str) -> str:
    """A standard column as suggested to a user: its name and its first Japanese alias."""
    ja = next((a for a in STANDARD_COLUMNS[kind] if not a.isascii()), None)
    return f"{kind} / {ja}" if ja else kind
