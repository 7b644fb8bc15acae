"""SSSOM that survives the reference tool (sssom-py, in the ``test`` extra: never skipped).

A file exported by ``skillframe export sssom`` is parsed and written again by sssom-py;
skillframe reads it back with the same mappings and the same evidence (carried in
SSSOM's standard ``other`` column, which sssom-py keeps). Also: multi-valued
``author_id``, metadata in a ``.sssom.yml`` beside the table, a non-ISO
``mapping_date`` reported at its line, a prefix a tool dropped from ``curie_map``.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest

import skillframe
from skillframe._sssom import read_sssom
from skillframe.cli import main


def _through_sssom_py(src: Path, dest: Path) -> None:
    with warnings.catch_warnings():  # sssom-py's own deprecation noise is not ours
        warnings.simplefilter("ignore")
        from sssom.parsers import parse_sssom_table
        from sssom.writers import write_table

        msdf = parse_sssom_table(str(src))
        with dest.open("w", encoding="utf-8") as fh:
            write_table(msdf, fh)


def _evidence(ms: skillframe.MappingSet) -> dict[tuple[str, str, str, bool], tuple[object, ...]]:
    return {
        m.key: (m.basis, m.source, m.locator, m.quote, m.confidence, m.comment, m.justification, m.authors)
        for m in ms.mappings
    }


@pytest.mark.parametrize("extra", [(), ("--derived",)])
def test_export_survives_sssom_py(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...]) -> None:
    exported = tmp_path / "all.sssom.tsv"
    assert main(["export", "sssom", *extra, "-o", str(exported)]) == 0
    capsys.readouterr()
    again = tmp_path / "again.sssom.tsv"
    _through_sssom_py(exported, again)
    assert again.read_text(encoding="utf-8") != exported.read_text(encoding="utf-8")  # it really rewrote it
    before, after = read_sssom(exported), read_sssom(again)
    assert len(before.mappings) >= 60
    assert _evidence(after) == _evidence(before)
    assert {m.basis for m in after.mappings} == {"stated", "judgement"}


def test_a_prefix_dropped_from_curie_map_is_known_by_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "all.sssom.tsv"
    assert main(["export", "sssom", "-o", str(exported)]) == 0
    capsys.readouterr()
    text = exported.read_text(encoding="utf-8")
    dropped = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#  ipa-dss:"))
    assert dropped != text
    (tmp_path / "dropped.sssom.tsv").write_text(dropped, encoding="utf-8")
    assert _evidence(read_sssom(tmp_path / "dropped.sssom.tsv")) == _evidence(read_sssom(exported))


HEADER = "subject_id\tpredicate_id\tobject_id\tmapping_justification\tauthor_id\tmapping_date\n"


def test_multi_valued_author_and_external_metadata(tmp_path: Path) -> None:
    table = tmp_path / "town.sssom.tsv"
    table.write_text(
        HEADER + "a:x\tskos:exactMatch\tb:y\tsemapv:ManualMappingCuration\torcid:1|orcid:2\t2025-10-01\n",
        encoding="utf-8",
    )
    (tmp_path / "town.sssom.yml").write_text(
        "curie_map:\n  a: https://example.org/a/\n  b: https://example.org/b/\n  orcid: https://orcid.org/\n"
        "mapping_set_id: https://example.org/town\nlicense: https://creativecommons.org/licenses/by/4.0/\n"
        "mapping_set_title: 町の対応表\n",
        encoding="utf-8",
    )
    ms = read_sssom(table)
    assert ms.title == "町の対応表"
    assert ms.mappings[0].authors == ("orcid:1", "orcid:2")
    assert ms.mappings[0].mapping_date == "2025-10-01"


def test_bad_author_and_non_iso_date_are_line_errors(tmp_path: Path) -> None:
    text = (
        "#curie_map:\n#  a: https://example.org/a/\n#  b: https://example.org/b/\n#  orcid: https://orcid.org/\n"
        + HEADER
        + "a:x\tskos:exactMatch\tb:y\tsemapv:ManualMappingCuration\torcid:1|nobody\t2025-10-01\n"
        + "a:z\tskos:exactMatch\tb:w\tsemapv:ManualMappingCuration\t\t01/10/2025\n"
    )
    with pytest.raises(skillframe.MappingError) as info:
        read_sssom(io.StringIO(text), name="bad.sssom.tsv")
    problems = {(p.line, p.path) for p in info.value.problems}
    assert (6, "author_id") in problems
    assert (7, "mapping_date") in problems
    assert "01/10/2025" in str(info.value)
