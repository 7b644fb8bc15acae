"""One error hierarchy for skillframe.

Every error the library raises on purpose derives from :class:`SkillframeError`
and also from the built-in exception that fits, so ``except ValueError`` keeps
working for callers that do not know skillframe::

    SkillframeError
    ├── CatalogError(ValueError)        a catalog file is wrong (all problems at once)
    ├── LookupFailed(KeyError)          a key names nothing, or more than one thing
    │   ├── UnknownKeyError             nothing matches (with "did you mean")
    │   └── AmbiguousKeyError           several definitions match (lists them)
    ├── StaffDataError(ValueError)      a staff file is wrong as a whole
    ├── StaffValueError(ValueError)     a value of a staff record cannot be read
    ├── TargetsError(ValueError)        a targets file is wrong (all problems at once)
    ├── RuleError(RuntimeError)         a custom rule raised while evaluating a record
    ├── MappingError(ValueError)        a mapping file (SSSOM) cannot be read
    ├── OutputError(ValueError)         an output cannot be written (over an input, wrong format)
    ├── EditionError(ValueError)        an edition or an edition map is wrong (with a ``code``)
    ├── HistoryError(ValueError)        the assessment history refuses (``code`` says why)
    ├── FormError(ValueError)           a self-check form cannot be made or read (``code``)
    └── MissingDependencyError(ImportError)  an optional extra is not installed

Messages that users read are given in Japanese and English (``日本語 / English``).
Fields are structured: code can read ``problems``, ``key``, ``candidates`` ... and
never has to parse the message.

>>> err = UnknownKeyError("skill", "BRP", suggestions=("業務分析/BPR",))
>>> isinstance(err, KeyError), err.key, err.kind
(True, 'BRP', 'skill')
>>> print(err)
スキル 'BRP' が見つかりません / unknown skill 'BRP' (もしかして / did you mean: 業務分析/BPR)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "KIND_JA",
    "AmbiguousKeyError",
    "CatalogError",
    "EditionError",
    "FormError",
    "HistoryError",
    "LookupFailed",
    "MappingError",
    "MissingDependencyError",
    "OutputError",
    "Problem",
    "RuleError",
    "SkillframeError",
    "StaffDataError",
    "StaffValueError",
    "TargetsError",
    "UnknownKeyError",
    "bilingual",
    "kind_ja",
]


def bilingual(ja: str, en: str) -> str:
    """Join a Japanese and an English message the way every user-facing message is shown.

    >>> bilingual("不明なキー", "unknown key")
    '不明なキー / unknown key'
    """
    return f"{ja} / {en}"


@attrs.frozen
class Problem:
    """One thing wrong in an input file, with where it is.

    ``line`` and ``column`` are 1-based; ``path`` is the place inside the document
    (``$.skills[3].label``); ``message`` is bilingual (``日本語 / English``); ``code`` is
    machine-readable and stable, for programs and tests (never parse the message):

    ==================  =========================================================
    code                meaning
    ==================  =========================================================
    file.unreadable     the file cannot be read (missing, permissions)
    file.encoding       the file is not UTF-8
    file.empty          the file holds no document
    yaml.syntax         YAML syntax error
    yaml.tag            a tag that catalogs never use (``!!python/...``)
    yaml.duplicate_key  a key written twice in one mapping
    yaml.merge_key      a merge key (``<<``)
    yaml.key            a key that is not a plain scalar
    yaml.too_large      alias expansion too large (an alias bomb)
    yaml.number         a YAML 1.1 number form (``1_0``, ``1:30``): quote it or write it plainly
    number.not_finite   ``.nan`` / ``.inf`` where a number is read
    text.control        a control character (ESC, NUL…; tab or line feed outside prose fields)
    text.bidi           a bidi embedding/override/isolate character (U+202A–E, U+2066–9)
    format              missing or wrong ``format:``
    key.unknown         a key the format does not have (with "did you mean")
    type                a value of the wrong type
    value               a value outside what the field allows
    field.missing       a required field is missing
    field.derived       a field the loader sets itself was written
    id.invalid          an id that is not lower-case ASCII (``[a-z0-9][a-z0-9._-]*``)
    id.duplicate        an id defined twice
    ref.unknown         a reference to nothing (with "did you mean")
    cycle               inheritance (or ``extends``) forms a cycle
    rank                step or level ranks are not 1, 2, 3… / are duplicated
    provenance          a flagged fact without a note, or an unknown source
    condition           a step rule that is not a valid condition
    rule.unknown        a ``custom:`` rule nobody registered (with how to load rules)
    rule.params         ``custom:`` parameters that do not fit the rule's class
    overlay             an overlay operation that cannot apply
    mapping             a mapping (crosswalk) problem
    invalid             anything else
    ==================  =========================================================

    >>> p = Problem("a.yaml", "重複 / duplicate", line=3, column=5, path="$.skills[1].id", code="id.duplicate")
    >>> print(p)
    a.yaml:3:5: 重複 / duplicate (at $.skills[1].id)
    >>> p.code
    'id.duplicate'

    ``framework``: for a ``ref.unknown`` whose key is qualified with a framework the catalog
    does not have (``town:dx-promoter``), that framework's id
    (:attr:`LookupFailed.framework`); else ``None``.
    """

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str | None = None
    code: str = "invalid"
    framework: str | None = attrs.field(default=None, kw_only=True)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.path and self.path != "$":
            text += f" (at {self.path})"
        return _escape_controls(text)


# Control and bidi-override characters a message may quote from the input (a key, a value):
# shown as \uXXXX so that printing a problem never acts on the terminal or reorders the line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_controls(text: str) -> str:
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SkillframeError(Exception):
    """Base of every error skillframe raises on purpose.

    Every error has a machine-readable ``code`` (kebab-case, stable: test ``.code``, never
    the message): a class-wide one (``unknown-key``, ``catalog-invalid``…) or, for the
    errors that say why in more detail (:class:`StaffValueError`, :class:`HistoryError`…),
    the instance's own.

    >>> UnknownKeyError("persona", "X").code, CatalogError([]).code
    ('unknown-key', 'catalog-invalid')
    """

    code: str = "error"


class CatalogError(ValueError, SkillframeError):
    """One or more catalog files are invalid; ``problems`` holds every problem found
    (each with its own ``code``)."""

    code = "catalog-invalid"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        n = len(self.problems)
        head = bilingual(f"カタログに {n} 件の誤りがあります", f"{n} problem(s) in catalog")
        return head + "\n" + "\n".join(str(p) for p in self.problems)


#: The Japanese name of each kind of key, for the Japanese half of look-up messages
#: (the field's terms: 人材像, 育成段階…); a kind not listed is shown as it is.
KIND_JA: dict[str, str] = {
    "framework": "フレームワーク",
    "persona": "人材像",
    "skill": "スキル",
    "scale": "尺度",
    "step": "育成段階",
    "training": "研修",
    "tool": "ツール",
    "level": "レベル",
    "variant": "役割区分",
    "skill or training": "スキルまたは研修",
    "checklist item": "チェック項目",
    "department": "部署",
    "aspect": "観点",
    "mapping set": "マッピングセット",
    "definition": "定義",
    "rule": "ルール",
    "aggregation": "集計方法",
    "ladder": "育成段階",
    "format": "形式",
    "lang": "言語",
    "type": "種類",
}


def kind_ja(kind: str) -> str:
    """The Japanese name of a kind of key (:data:`KIND_JA`).

    >>> kind_ja("persona"), kind_ja("widget")
    ('人材像', 'widget')
    """
    return KIND_JA.get(kind, kind)


class LookupFailed(KeyError, SkillframeError):
    """A key could not be resolved to exactly one definition. ``record_id`` is the id of the
    staff record whose value it is, when a record's key failed (the message starts with it).
    ``framework`` is the framework id an unknown key is qualified with (``town`` of
    ``town:dx-promoter``) when the catalog it was looked up in has no such framework (its
    catalog file was most likely not given), else ``None``: set where the look-up fails, never
    read back from the message."""

    record_id: str | None = None
    framework: str | None = None
    code = "lookup-failed"

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(key)

    def __str__(self) -> str:  # KeyError quotes its argument; we want the message.
        text = self.message()
        return text if self.record_id is None else f"record {self.record_id}: {text}"

    def of_record(self, record_id: str | None) -> LookupFailed:
        """This error about a staff record's value: a copy naming the record (look-ups may
        hand out one error object for a key they failed to resolve before)."""
        new = _restore_lookup(type(self), self.args, self.__dict__)
        new.record_id = record_id
        return new

    def __reduce__(self) -> tuple[Any, ...]:  # picklable (its __init__ takes other arguments)
        return (_restore_lookup, (type(self), self.args, dict(self.__dict__)))

    def message(self) -> str:
        k = self.shown_key
        return bilingual(f"{kind_ja(self.kind)} '{k}' を解決できません", f"cannot resolve {self.kind} '{k}'")

    @property
    def shown_key(self) -> str:
        """The key as messages show it: on one line, at most 60 characters."""
        from ._text import short

        return short(str(self.key), 60)


def _restore_lookup(cls: type[LookupFailed], args: tuple[Any, ...], state: dict[str, Any]) -> LookupFailed:
    new = cls.__new__(cls)
    new.args = args
    new.__dict__.update(state)
    return new


class UnknownKeyError(LookupFailed):
    """No definition matches the key; ``suggestions`` holds the nearest labels, ``framework``
    the framework the key names that the catalog does not have (see :class:`LookupFailed`)."""

    code = "unknown-key"

    def __init__(self, kind: str, key: str, *, suggestions: Sequence[str] = (), framework: str | None = None) -> None:
        super().__init__(kind, key)
        self.suggestions = tuple(suggestions)
        self.framework = framework

    def message(self) -> str:
        k = self.shown_key
        text = bilingual(f"{kind_ja(self.kind)} '{k}' が見つかりません", f"unknown {self.kind} '{k}'")
        if self.suggestions:
            text += f" (もしかして / did you mean: {', '.join(self.suggestions)})"
        return text


class AmbiguousKeyError(LookupFailed):
    """Several definitions match the key; ``candidates`` holds their ids."""

    code = "ambiguous-key"

    def __init__(self, kind: str, key: str, *, candidates: Sequence[str]) -> None:
        super().__init__(kind, key)
        self.candidates = tuple(candidates)

    def message(self) -> str:
        return (
            bilingual(
                f"{kind_ja(self.kind)} '{self.shown_key}' は複数に該当します",
                f"{self.kind} '{self.shown_key}' is ambiguous",
            )
            + f": {', '.join(self.candidates)}"
        )


class StaffDataError(ValueError, SkillframeError):
    """A staff file cannot be read at all (row-level problems go to ``StaffTable.errors``).

    ``code`` is machine-readable (``xlsx-encrypted``, ``unknown-encoding``…; see docs/staff-files.md);
    ``sheets``: the workbook's sheets in question (``xlsx-several-sheets``), else ``()``.
    """

    def __init__(self, file: str, message: str, *, code: str = "staff-file", sheets: Sequence[str] = ()) -> None:
        self.file = file
        self.code = code
        self.sheets = tuple(sheets)
        super().__init__(f"{file}: {message}")


class StaffValueError(ValueError, SkillframeError):
    """A value of a staff record (a file cell or a mapping entry) cannot be read.

    ``code`` is machine-readable (``not-a-number``, ``ambiguous-decimal-comma``…), ``ja`` and
    ``en`` are the message; ``column`` and ``errors`` (every problem of the row, as
    :class:`~skillframe.StaffRowError`) are set when a whole record was read.

    >>> print(StaffValueError("not-a-number", "数値ではありません", "not a number", column="dx_lead_years"))
    dx_lead_years: 数値ではありません / not a number
    """

    def __init__(
        self, code: str, ja: str, en: str, *, column: str | None = None, errors: Sequence[object] = ()
    ) -> None:
        self.code = code
        self.ja = ja
        self.en = en
        self.column = column
        self.errors = tuple(errors)
        super().__init__(code)

    def __str__(self) -> str:
        where = f"{self.column}: " if self.column else ""
        return where + bilingual(self.ja, self.en)


class TargetsError(ValueError, SkillframeError):
    """A targets file is invalid; ``problems`` holds every problem found (file, line, column)."""

    code = "targets-invalid"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        n = len(self.problems)
        head = bilingual(f"目標ファイルに {n} 件の誤りがあります", f"{n} problem(s) in targets file")
        return head + "\n" + "\n".join(str(p) for p in self.problems)


class RuleError(RuntimeError, SkillframeError):
    """A rule raised while evaluating a record; names the rule and the record."""

    code = "rule-failed"

    def __init__(self, rule: str, record_id: str | None, cause: BaseException) -> None:
        self.rule = rule
        self.record_id = record_id
        self.cause = cause
        super().__init__(
            bilingual(
                f"ルール '{rule}' が職員 '{record_id}' の評価中に失敗しました",
                f"rule '{rule}' failed on record '{record_id}'",
            )
            + f": {type(cause).__name__}: {cause}"
        )


class MappingError(ValueError, SkillframeError):
    """A mapping set (for example an SSSOM file) cannot be read."""

    code = "mapping-invalid"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(ValueError, SkillframeError):
    """An output cannot be written as asked; nothing was written.

    ``code`` is ``output-is-input`` (the output path is one of the inputs),
    ``output-in-input-folder`` (inside a folder being read, as ``collect``'s), ``format`` (a
    format the command cannot produce), ``encoding`` (text the chosen encoding cannot hold),
    ``no-such-folder`` (the output's folder does not exist, or is a file: folders are never
    created), ``output-is-folder`` (the output path is a folder) or ``cannot-write`` (the
    folder may not be written); ``path`` is the output path when there is one.

    >>> OutputError("output-is-input", "staff.csv と同じ / same as staff.csv", path="staff.csv").code
    'output-is-input'
    """

    def __init__(self, code: str, message: str, *, path: str | None = None) -> None:
        self.code = code
        self.path = path
        super().__init__(message)


class EditionError(ValueError, SkillframeError):
    """An edition cannot be used, or an edition map file is wrong.

    ``code`` is machine-readable: ``edition-syntax`` (not ``FRAMEWORK@VERSION``),
    ``edition-unknown`` (no such edition), ``edition-not-carried`` (the edition is
    recorded but its contents are not in the catalog), ``edition-map-invalid`` (the
    map file; ``problems`` lists every problem with file and line), ``edition-map-mismatch``
    (the map joins other editions than the ones asked for).

    >>> err = EditionError("edition-unknown", "版がありません", "no such edition")
    >>> err.code, str(err)
    ('edition-unknown', '版がありません / no such edition')
    """

    def __init__(self, code: str, ja: str, en: str, problems: Iterable[Problem] = ()) -> None:
        self.code = code
        self.problems: tuple[Problem, ...] = tuple(problems)
        text = bilingual(ja, en)
        if self.problems:
            text += "\n" + "\n".join(str(p) for p in self.problems)
        super().__init__(text)


class MissingDependencyError(ImportError, SkillframeError):
    """An optional feature needs a package that is not installed: names the packages of its
    extra (:data:`EXTRAS`, as in ``pyproject.toml``), which ``pip install`` finds wherever
    skillframe itself came from (a checkout: ``pip install '.[xlsx]'`` does the same).

    >>> print(MissingDependencyError("openpyxl", "xlsx"))  # doctest: +NORMALIZE_WHITESPACE
    openpyxl が必要です: pip install openpyxl defusedxml pathvalidate（追加機能 xlsx） /
    this needs openpyxl: pip install openpyxl defusedxml pathvalidate (the xlsx extra)
    """

    code = "missing-dependency"

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        hint = "pip install " + " ".join(f'"{p}"' if "[" in p else p for p in EXTRAS.get(extra, (package,)))
        super().__init__(
            bilingual(
                f"{package} が必要です: {hint}（追加機能 {extra}）", f"this needs {package}: {hint} (the {extra} extra)"
            ),
            name=package,
        )


#: The packages of each optional extra (pyproject.toml's ``optional-dependencies``; a test
#: keeps the two the same), named in :class:`MissingDependencyError`.
EXTRAS: dict[str, tuple[str, ...]] = {
    "xlsx": ("openpyxl", "defusedxml", "pathvalidate"),
    "rdf": ("rdflib",),
    "docx": ("python-docx",),
    "history": ("sqlalchemy", "alembic"),
    "postgresql": ("sqlalchemy", "alembic", "psycopg[binary]"),
}


class _CodedError(ValueError, SkillframeError):
    """An error with a machine-readable ``code`` (kebab-case, stable: test ``.code``, never the
    message) and a one-line message in Japanese (``ja``) and English (``en``), as
    :class:`OutputError` and :class:`EditionError`."""

    def __init__(self, code: str, ja: str, en: str) -> None:
        self.code = code
        self.ja = " ".join(ja.split())
        self.en = " ".join(en.split())
        super().__init__(bilingual(self.ja, self.en))


class HistoryError(_CodedError):
    """The assessment history cannot do what was asked (``code``: ``municipality-code``,
    ``catalog-versions-mixed``, ``pseudonym-key``, ``duplicate-person``, ``staff-errors``, ``database`` …).

    >>> e = HistoryError("database", "開けません", "cannot open")
    >>> e.code, str(e)
    ('database', '開けません / cannot open')
    """


class FormError(_CodedError):
    """A self-check form cannot be made, or a returned form cannot be read at all (``code``:
    ``form-input``, ``roster-errors``, ``no-input``, ``no-such-file`` …; a problem in one returned file is a
    :class:`skillframe.forms.CollectProblem`, not an exception).

    >>> FormError("no-input", "集めるファイルがありません", "no files to collect").code
    'no-input'
    """
