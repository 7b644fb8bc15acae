"""SSSOM TSV in and out: a :class:`MappingSet` as a table with its YAML metadata block.

The metadata block is ``#``-prefixed YAML (``curie_map``, ``mapping_set_id``,
``license``, …); then one tab-separated row per mapping. Every prefix the file uses
is defined in its ``curie_map``: each framework id is a prefix whose IRI base is
``https://w3id.org/skillframe/<framework>/`` (a placeholder namespace, not a
resolving one). Reading refuses — with file and line — a prefix the file does not
define, a predicate that is not a SKOS mapping predicate, a bad confidence: rows
are never dropped silently. A prefix renamed by another tool is recognised by its
IRI base.

skillframe's own evidence travels in declared extension slots (SSSOM
``extension_definitions``): ``basis`` (stated / judgement), ``evidence_source``,
``evidence_locator``, ``evidence_quote``; and again in SSSOM's standard ``other``
column (``basis=stated|evidence_locator=…``, values percent-encoded), which tools
that drop undeclared slots (sssom-py) keep, so a file passed through them reads back
with the same evidence. ``other`` also carries ``comment_ja`` (the Japanese of
``comment``, which stays English: SSSOM has no language-tagged comment).

Multi-valued columns (``author_id``, ``author_label``, ``creator_id`` …) hold values
separated by ``|``; each ``author_id`` must be a CURIE (:attr:`MappingRecord.authors`
gives them as a tuple). Metadata may also stand in a file beside the table
(``NAME.sssom.yml`` for ``NAME.sssom.tsv``); the embedded block wins where both say
something. ``mapping_date`` must be an ISO date (``2025-10-01``): anything else is a
line error.

The rooms: ``columns`` (prefixes, columns, cell encodings), ``write``, ``read`` (metadata
and table) and ``row`` (one row as a record).

>>> import io
>>> import attrs
>>> from skillframe._crosswalk import MappingRecord, MappingSet
>>> r = MappingRecord(subject_id="tokyo-dsm:level.lv1", predicate_id="skos:closeMatch",
...                   object_id="ipa-dss:itss-level.lv2", basis="judgement", confidence=0.7, comment="指導")
>>> s = MappingSet(id="demo", title="Demo", license="https://spdx.org/licenses/MIT.html", mappings=(r,))
>>> buf = io.StringIO()
>>> write_sssom(s, buf)
>>> back = read_sssom(io.StringIO(buf.getvalue()), name="demo.sssom.tsv")
>>> back.mappings[0] == attrs.evolve(r, mapping_set="demo")
True
"""

from __future__ import annotations

from .columns import BASE, BUILTIN_PREFIXES, COLUMNS, SET_BASE, curie_map_for
from .read import read_sssom, read_sssom_lines
from .write import with_labels, write_sssom

__all__ = [
    "BASE",
    "BUILTIN_PREFIXES",
    "COLUMNS",
    "SET_BASE",
    "curie_map_for",
    "read_sssom",
    "read_sssom_lines",
    "with_labels",
    "write_sssom",
]
