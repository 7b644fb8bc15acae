"""Which extra columns the history stores: never personal data, and in a pseudonymised store
only the columns the user names.

The history needs who (the id, or its pseudonym) and what was assessed. A column whose header
says it holds a person's name (``氏名``, ``姓``, ``名``, ``フリガナ``, ``Full Name`` …), birth
date, address, telephone number, e-mail address or 個人番号 is never stored, in any store
(:func:`personal_kind`; headers are matched after NFKC, case folding and removing spaces and
brackets, so ``氏　名（カナ）`` and ``ＦＵＬＬ　ＮＡＭＥ`` are seen). A pseudonymised store keeps
no other extra column either unless it is named (``keep``): any free column (メモ, 備考) may
hold personal data, and the pseudonym is worth nothing next to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ..errors import HistoryError
from ..staff.columns import header_key, is_name_column
from ..staff.values import match_key

__all__ = ["KINDS", "ColumnPolicy", "DroppedColumn", "check_keep_columns", "personal_kind"]

#: Why a column was not stored: a kind of personal data, or ``not-kept`` (a pseudonymised store
#: keeps only the columns named). Japanese and English, as messages show them.
KINDS: dict[str, tuple[str, str]] = {
    "name": ("氏名", "name"),
    "birth-date": ("生年月日", "birth date"),
    "address": ("住所", "address"),
    "phone": ("電話番号", "telephone"),
    "mail": ("メールアドレス", "e-mail"),
    "my-number": ("個人番号", "My Number"),
    "not-kept": ("指定されていない列", "not named to keep"),
}

# Japanese: the header (without its bracketed parts: 姓（カナ） is 姓) equal to one of these …
_JA_EXACT = {
    "name": ("姓", "名", "氏", "苗字", "名字", "旧姓", "よみ", "ヨミ", "読み", "セイ", "メイ"),
}
# … or containing one of these (氏名カナ, 職員氏名, 職員名, フルネーム, 携帯電話番号 …).
_JA_PART = {
    "name": ("氏名", "名前", "姓名", "職員名", "社員名", "フリガナ", "ふりがな", "よみがな", "カナ", "ネーム"),
    "birth-date": ("生年月日", "誕生日", "生まれ"),
    "address": ("住所", "郵便番号", "〒"),
    "phone": ("電話", "携帯番号", "ファックス", "ファクス"),
    "mail": ("メール",),
    "my-number": ("個人番号", "マイナンバー"),
}
# English (the header split into words: ``Full_Name``, ``firstName`` → full name, first name):
# one of these words …
_EN_WORDS = {
    "name": (
        *("surname", "forename", "firstname", "lastname", "givenname", "familyname", "fullname", "middlename"),
        *("nickname", "maidenname", "displayname", "username", "staffname", "employeename", "furigana", "kana"),
    ),
    "birth-date": ("birthday", "birthdate", "dob", "birth"),
    "mail": ("email", "mail"),
    "address": ("address", "postcode", "zipcode", "zip"),
    "phone": ("phone", "telephone", "tel", "cellphone", "fax"),
    "my-number": ("mynumber",),
}
# … or the whole header one of these …
_EN_WHOLE = {"born": "birth-date", "postalcode": "address", "mobile": "phone", "mobilenumber": "phone"}
# … or "name" alone or after these words only (full name, first name, name kana), never after
# another word (department name, course name are not a person's).
_NAME_BEFORE = frozenset(
    (
        *("full", "first", "last", "given", "family", "middle", "staff", "employee", "person", "personal", "user"),
        *("nick", "display", "real", "legal", "maiden", "preferred", "sur", "fore", "romaji", "english", "japanese"),
    )
)
_BRACKETS = re.compile(r"[(（\[［【〔].*?[)）\]］】〕]")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_SPLIT = re.compile(r"[^0-9a-z]+")


def personal_kind(header: str) -> str | None:
    """The kind of personal data a column's header says it holds (a key of :data:`KINDS`), or ``None``.

    >>> [personal_kind(h) for h in ["職員氏名", "姓", "名", "氏名カナ", "フルネーム", "Full Name"]]
    ['name', 'name', 'name', 'name', 'name', 'name']
    >>> [personal_kind(h) for h in ["生年月日", "現住所", "携帯電話", "E-mail", "firstName", "ＤＯＢ"]]
    ['birth-date', 'address', 'phone', 'mail', 'name', 'birth-date']
    >>> [personal_kind(h) for h in ["所属名", "研修名", "Department Name", "雇用形態", "メモ", "tenure"]]
    [None, None, None, None, None, None]
    """
    if is_name_column(header):
        return "name"
    key = header_key(header)
    bare = _BRACKETS.sub("", key)
    for kind, exact in _JA_EXACT.items():
        if key in exact or bare in exact:
            return kind
    for kind, parts in _JA_PART.items():
        if any(p in key for p in parts):
            return kind
    words = [w for w in _SPLIT.split(match_key(_CAMEL.sub(r"\1 \2", header))) if w]
    for kind, names in _EN_WORDS.items():
        if any(w in names for w in words):
            return kind
    whole = _EN_WHOLE.get("".join(words))
    if whole is not None:
        return whole
    if "name" in words and all(w in _NAME_BEFORE for w in words[: words.index("name")]):
        return "name"
    return None


def check_keep_columns(keep: Iterable[str]) -> tuple[str, ...]:
    """The columns named to keep, refused when one holds personal data (:class:`~skillframe.HistoryError`
    ``personal-column``: the history never stores it).

    >>> check_keep_columns(["雇用形態"])
    ('雇用形態',)
    >>> try:
    ...     check_keep_columns(["雇用形態", "氏名カナ"])
    ... except HistoryError as e:
    ...     print(e.code, e.en)
    personal-column column '氏名カナ' holds personal data (name), which the history never stores: do not name it to keep
    """
    names = (keep,) if isinstance(keep, str) else tuple(keep)
    for k in names:
        kind = personal_kind(k)
        if kind is not None:
            ja, en = KINDS[kind]
            raise HistoryError(
                "personal-column",
                f"列 '{k}' は個人情報（{ja}）です。評価履歴には保存しません: 保存する列から外してください",
                f"column '{k}' holds personal data ({en}), which the history never stores: do not name it to keep",
            )
    return names


@attrs.frozen
class DroppedColumn:
    """An extra column of the staff data that was not stored: its header as written, and why
    (a key of :data:`KINDS`: the kind of personal data, or ``not-kept``)."""

    column: str
    reason: str

    def describe(self, lang: str = "ja") -> str:
        """``姓（氏名）`` / ``姓 (name)``."""
        ja, en = KINDS[self.reason]
        return f"{self.column}（{ja}）" if lang == "ja" else f"{self.column} ({en})"


class ColumnPolicy:
    """Decides, once per header, whether an extra column is stored; remembers what it dropped.

    ``pseudonymised``: keep only the columns named in ``keep`` (matched as headers are);
    otherwise every column but personal data (``keep``, when given, narrows it to those named).
    A column in ``keep`` that holds personal data is refused (``HistoryError`` ``personal-column``).

    >>> policy = ColumnPolicy(pseudonymised=True, keep=["雇用 形態"])
    >>> [policy.stores(c) for c in ["氏名", "雇用形態", "メモ"]]
    [False, True, False]
    >>> [d.describe("en") for d in policy.dropped]
    ['氏名 (name)', 'メモ (not named to keep)']
    """

    def __init__(self, *, pseudonymised: bool, keep: Iterable[str] | None = None) -> None:
        self.keep = None if keep is None else check_keep_columns(keep)
        self._keep = None if self.keep is None else {header_key(k) for k in self.keep}
        self._only_named = pseudonymised or self.keep is not None
        self._seen: dict[str, bool] = {}
        self.dropped: list[DroppedColumn] = []

    def stores(self, column: str) -> bool:
        """Whether ``column`` is stored (the first time a column is seen, a drop is remembered)."""
        hit = self._seen.get(column)
        if hit is None:
            kind = personal_kind(column)
            if kind is None and self._only_named and header_key(column) not in (self._keep or ()):
                kind = "not-kept"
            hit = self._seen[column] = kind is None
            if kind is not None:
                self.dropped.append(DroppedColumn(column, kind))
        return hit

    def unmatched(self) -> tuple[str, ...]:
        """The columns named in ``keep`` that no column seen matched (a typo, or not in the data)."""
        seen = {header_key(c) for c in self._seen}
        return tuple(k for k in self.keep or () if header_key(k) not in seen)
