"""One row of an SSSOM table as a mapping record: CURIEs against the file's prefixes, values checked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._crosswalk import PREDICATES, MappingRecord
from ..errors import Problem, bilingual
from .columns import CURIE, FREE_TEXT, is_iso_date, plain, read_other

__all__ = ["read_row"]


def read_row(
    cells: dict[str, str],
    *,
    header: Sequence[str],
    prefixes: dict[str, str],
    rename: dict[str, str],
    file: str,
    line: int,
    set_id: str,
    meta: dict[str, Any],
    problems: list[Problem],
) -> MappingRecord | None:
    """One table row as a :class:`MappingRecord`, or None with its problems added to ``problems``
    (each with file, line, column and the column's name)."""
    before = len(problems)

    def bad(column: str, message: str) -> None:
        col = header.index(column) + 1 if column in header else None
        problems.append(Problem(file, message, line=line, column=col, path=column))

    def curie(column: str, *, framework: bool, given: str | None = None) -> str:
        value = cells.get(column, "").strip() if given is None else given
        m = CURIE.match(value)
        if m is None:
            bad(column, bilingual(f"'{value}' は CURIE ではありません", f"'{value}' is not a CURIE (prefix:local)"))
            return value
        prefix, local = m.groups()
        # a framework prefix a tool dropped from curie_map is still named by our subject/object_source column
        sources = {cells.get(c, "").strip().removeprefix("skillframe:") for c in ("subject_source", "object_source")}
        if prefix not in prefixes and not (framework and prefix in sources):
            bad(
                column,
                bilingual(
                    f"接頭辞 '{prefix}' が curie_map にありません", f"prefix '{prefix}' is not defined in curie_map"
                )
                + f" ({value})",
            )
            return value
        if framework and prefix in rename:
            return f"{rename[prefix]}:{local}"
        return value

    subject = curie("subject_id", framework=True)
    obj = curie("object_id", framework=True)
    before_predicate = len(problems)
    predicate = curie("predicate_id", framework=False)
    if predicate not in PREDICATES and len(problems) == before_predicate:
        bad(
            "predicate_id",
            bilingual(f"述語 '{predicate}' は扱えません", f"unsupported predicate '{predicate}'")
            + f"; expected one of {', '.join(PREDICATES)}",
        )
    justification = curie("mapping_justification", framework=False)
    author = cells.get("author_id", "").strip() or None
    if author is not None:  # multi-valued: CURIEs separated by |
        author = "|".join(curie("author_id", framework=False, given=one.strip()) for one in author.split("|"))
    other = read_other(cells.get("other", ""))
    for key in ("basis", "evidence_source", "evidence_locator", "evidence_quote"):
        if not cells.get(key, "").strip() and other.get(key):
            cells[key] = other[key]
    raw_date = cells.get("mapping_date", "").strip()
    if raw_date and not is_iso_date(raw_date):
        bad(
            "mapping_date",
            bilingual(f"mapping_date '{raw_date}' は ISO 形式の日付ではありません", f"mapping_date '{raw_date}' "
                      "is not an ISO date (YYYY-MM-DD)"),
        )  # fmt: skip
    modifier = cells.get("predicate_modifier", "").strip()
    if modifier not in ("", "Not"):
        bad(
            "predicate_modifier",
            bilingual("predicate_modifier は Not のみ", "predicate_modifier must be 'Not' or empty"),
        )
    confidence = 1.0
    raw_conf = cells.get("confidence", "").strip()
    if raw_conf:
        try:
            confidence = float(raw_conf)
        except ValueError:
            bad("confidence", bilingual("confidence は数値です", "confidence must be a number") + f": {raw_conf!r}")
        else:
            if not 0.0 <= confidence <= 1.0:
                bad("confidence", bilingual("confidence は 0〜1 です", "confidence must be between 0 and 1"))
    basis = cells.get("basis", "").strip() or "judgement"
    if basis not in ("stated", "judgement"):
        bad("basis", bilingual("basis は stated か judgement", "basis must be 'stated' or 'judgement'"))
    if len(problems) > before:
        return None

    def opt(column: str) -> str | None:
        value = cells.get(column, "").strip() or None
        return plain(value) if value is not None and column in FREE_TEXT else value

    return MappingRecord(
        subject_id=subject,
        predicate_id=predicate,
        object_id=obj,
        basis="stated" if basis == "stated" else "judgement",
        justification=justification,
        confidence=confidence,
        negated=modifier == "Not",
        author_id=author,
        author_label=opt("author_label"),
        source=opt("evidence_source"),
        locator=opt("evidence_locator"),
        quote=opt("evidence_quote"),
        comment=opt("comment"),
        comment_ja=other.get("comment_ja") or None,
        mapping_date=opt("mapping_date") or (str(meta["mapping_date"]) if meta.get("mapping_date") else None),
        subject_label=opt("subject_label"),
        object_label=opt("object_label"),
        mapping_set=set_id,
    )
