"""The SSSOM TSV skillframe reads and writes: prefixes, columns, and the encodings of cells.

>>> curie_map_for([])
{'skillframe': 'https://w3id.org/skillframe/', 'semapv': 'https://w3id.org/semapv/vocab/', 'skos': 'http://www.w3.org/2004/02/skos/core#'}
"""

from __future__ import annotations

import datetime
import re
import urllib.parse
from collections.abc import Iterable

from .._cells import is_dangerous
from .._crosswalk import MappingRecord

__all__ = [
    "BASE",
    "BUILTIN_PREFIXES",
    "COLUMNS",
    "CURIE",
    "EXTENSIONS",
    "FREE_TEXT",
    "REQUIRED",
    "SET_BASE",
    "curie_map_for",
    "is_iso_date",
    "other_cell",
    "plain",
    "read_other",
]

#: The IRI base of every framework prefix (a placeholder namespace).
BASE = "https://w3id.org/skillframe/"
#: The IRI base of mapping-set ids.
SET_BASE = BASE + "mappings/"

#: Prefixes SSSOM defines itself (a file need not declare them).
BUILTIN_PREFIXES: dict[str, str] = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
}

#: Columns written, in order (extension slots last).
COLUMNS: tuple[str, ...] = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "author_label",
    "subject_source",
    "object_source",
    "mapping_date",
    "comment",
    "basis",
    "evidence_source",
    "evidence_locator",
    "evidence_quote",
    "other",
)
#: skillframe's extension slots (declared in ``extension_definitions``).
EXTENSIONS: tuple[str, ...] = ("basis", "evidence_source", "evidence_locator", "evidence_quote")
#: Columns a file must have.
REQUIRED = ("subject_id", "predicate_id", "object_id", "mapping_justification")
#: ``prefix:local``.
CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(\S*)$")


def curie_map_for(records: Iterable[MappingRecord]) -> dict[str, str]:
    """The prefixes a set of records uses, each framework with its placeholder IRI base."""
    out: dict[str, str] = {}
    for r in records:
        for curie in (r.subject_id, r.object_id, *(r.author_id or "").split("|")):
            prefix = curie.split(":", 1)[0] if ":" in curie else None
            if prefix and prefix not in BUILTIN_PREFIXES and prefix != "skillframe":
                out.setdefault(prefix, f"{BASE}{prefix}/")
    out.setdefault("skillframe", BASE)
    return {**dict(sorted(out.items())), "semapv": BUILTIN_PREFIXES["semapv"], "skos": BUILTIN_PREFIXES["skos"]}


#: Columns of free text: a spreadsheet opening the TSV must not run them (a leading ``'``, removed on reading).
FREE_TEXT = frozenset(
    {"subject_label", "object_label", "author_label", "comment", "evidence_quote", "evidence_locator"}
)


def plain(text: str) -> str:
    """A free-text cell as written before :func:`neutralise`."""
    return text[1:] if text.startswith("'") and is_dangerous(text[1:]) else text


def other_cell(r: MappingRecord) -> str:
    """The evidence as SSSOM ``other``: ``key=value`` pairs joined by ``|``, values percent-encoded.

    ``comment_ja`` (the Japanese of ``comment``, which SSSOM has no slot for) travels here too.
    """
    pairs = {
        "basis": r.basis,
        "evidence_source": r.source,
        "evidence_locator": r.locator,
        "evidence_quote": r.quote,
        "comment_ja": r.comment_ja,
    }
    return "|".join(f"{k}={urllib.parse.quote(v, safe='')}" for k, v in pairs.items() if v)


def read_other(text: str) -> dict[str, str]:
    """SSSOM ``other`` back as ``{key: value}`` (values percent-decoded).

    >>> read_other("basis=stated|evidence_locator=%E8%A1%A8%201")
    {'basis': 'stated', 'evidence_locator': '表 1'}
    """
    out: dict[str, str] = {}
    for part in text.split("|"):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            out[key.strip()] = urllib.parse.unquote(value)
    return out


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is an ISO date (``2025-10-01``)."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
