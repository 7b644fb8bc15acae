"""The kinds of fault behind the fresh-user trial (notes/user-trial.md items 5, 6, 7, 20), each
through the Python API (read_staff / RowReader / evaluate_many) and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe._keys import AmbiguousPersonaError, KeyResolver, PersonaWithoutLadderError
from skillframe._text import normalize
from skillframe.cli import main
from skillframe.errors import AmbiguousKeyError, StaffDataError, UnknownKeyError
from skillframe.staff import RowReader, StaffRecord
from skillframe.staff.columns import classify, classify_header, near_miss

GUIDE = "各種ガイド、ドキュメントの説明会"  # as `skillframe list trainings` prints it
TOWN = Path(__file__).parents[1] / "data" / "rollup-town.yaml"


def write(tmp_path: Path, text: str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- item 7: headers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("職員　番号", "id"),  # full-width space
        ("職員 番号", "id"),
        ("DX リード 年数", "dx_lead_years"),
        ("ＤＸリード年数", "dx_lead_years"),  # full-width letters
        ("dx リード 年数", "dx_lead_years"),
        (" Dx_Lead_Years ", "dx_lead_years"),
        ("研修受講履歴", "trainings"),
        ("ツール ： Excel", "tool"),
    ],
)
def test_headers_ignore_white_space_width_and_case(header: str, kind: str) -> None:
    assert classify(header)[0] == kind


@pytest.mark.parametrize(
    ("header", "suggested"),
    [
        ("後輩指導の有無", "mentoring"),
        ("受講した研修名", "trainings"),
        ("所属課名", "department"),
        ("mentorng", "mentoring"),
        ("DX Lead Years", "dx_lead_years"),
    ],
)
def test_japanese_near_miss_headers_are_suggested(header: str, suggested: str) -> None:
    assert classify(header)[0] == "extra"
    assert near_miss(header) == suggested


def test_a_column_already_present_is_not_suggested() -> None:
    _, warnings = classify_header("f.csv", ["職員番号", "電話番号", "後輩指導", "後輩指導の有無"])
    assert [w.column for w in warnings] == []  # id and mentoring are there already


def test_near_miss_header_warns_in_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "職員　番号,人材像,研修の受講,後輩指導の有無\nA,DX推進員,BPR研修,はい\n")
    assert main(["evaluate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "'研修の受講'" in err and "trainings / 研修" in err
    assert "'後輩指導の有無'" in err and "mentoring / メンタリング" in err and "[column-near-miss]" in err


# -- item 20: title rows and blank rows ----------------------------------------------


def test_title_row_is_skipped_with_a_warning(tmp_path: Path, cat: skillframe.Catalog) -> None:
    path = write(
        tmp_path, "令和7年度 職員名簿,,\n\n職員番号,人材像,所属\nA,DX推進員,総務課\n,,\nB,DX推進員,税務課\n,,\n"
    )
    table = skillframe.read_staff(path, catalog=cat)
    assert [(r.id, r.row) for r in table.records] == [("A", 4), ("B", 6)]
    assert [(w.code, w.row, w.rows) for w in table.warnings] == [
        ("title-rows-skipped", 1, (1,)),
        ("blank-rows-skipped", 5, (5,)),
    ]
    assert "3 行目を見出し行として" in table.warnings[0].message and "row 3 as the header" in table.warnings[0].message
    assert table.blank_rows == (5,) and table.rows == 2


def test_rows_above_an_id_header_that_are_not_a_title_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "氏名,所属,年齢,メモ\n職員番号,所属\n1,総務課\n")
    with pytest.raises(StaffDataError) as info:
        skillframe.read_staff(path)
    assert info.value.code == "missing-id-column"
    assert "見出し行は1行目に" in str(info.value) and "an id header is in row 2" in str(info.value)


def test_no_id_header_says_put_the_header_in_row_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "氏名,所属\n山田,総務課\n")
    with pytest.raises(StaffDataError) as info:
        skillframe.read_staff(path)
    assert info.value.code == "missing-id-column" and "put the header in row 1" in str(info.value)
    assert main(["evaluate", str(path)]) not in (0, None)
    assert "見出し行は1行目に置いてください" in capsys.readouterr().err


def test_blank_rows_are_reported_in_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "id,persona\nA,DX推進員\n,\n\nB,DX推進員\n\n")
    assert main(["evaluate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "[blank-rows-skipped]" in err and "3-4" in err


# -- item 6: a training whose name has the list separator ------------------------------


def test_training_with_separator_reads_as_one(tmp_path: Path, cat: skillframe.Catalog) -> None:
    assert GUIDE in {t.label for t in cat.trainings()}
    path = write(tmp_path, f"id,persona,受講研修\nA,DX推進員,{GUIDE}\nB,DX推進員,BPR研修、{GUIDE}\n")
    table = skillframe.read_staff(path, catalog=cat)
    assert table.errors == ()
    served = tuple(cat.training(GUIDE).skills)
    assert [r.trainings for r in table.records] == [served, ("tokyo-wg-2025:bpr", *served)]


def test_training_with_separator_through_evaluate_many(cat: skillframe.Catalog) -> None:
    """A dict (and a record read without a catalog, split at 、) counts the training once."""
    joined = {"id": "A", "persona": "DX推進員", "trainings": f"BPR研修、{GUIDE}"}
    plain = {"id": "A", "persona": "DX推進員", "trainings": "BPR研修"}
    unread = StaffRecord.from_mapping(joined)
    assert unread.trainings == ("BPR研修", "各種ガイド", "ドキュメントの説明会")  # kept as written
    evs = list(skillframe.evaluate_many(cat, None, [joined, unread, plain]))
    assert evs[0].unmet_key == evs[1].unmet_key
    assert len(evs[0].unmet) == len(evs[2].unmet) - len(cat.training(GUIDE).skills)


def test_training_with_separator_in_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, f"職員番号,人材像,受講研修\n1,DX推進員,{GUIDE}\n")
    assert main(["evaluate", str(path)]) == 0
    assert "unknown-training" not in capsys.readouterr().err


@pytest.mark.parametrize("key", ["各種ガイド", "ドキュメントの説明会", "BPR研習", "各種ガイド、ドキュメント"])
def test_did_you_mean_never_suggests_the_string_written(cat: skillframe.Catalog, key: str) -> None:
    with pytest.raises(UnknownKeyError) as info:
        KeyResolver(cat).trained(key)
    assert normalize(key) not in {normalize(s) for s in info.value.suggestions}


# -- item 5: personas and ladders ---------------------------------------------------


def test_persona_naming_a_ladder_and_a_type_without_one_is_ambiguous(cat: skillframe.Catalog) -> None:
    res = KeyResolver(cat)
    with pytest.raises(AmbiguousPersonaError) as info:
        res.ladder_persona("DX推進リーダー")
    assert info.value.candidates == ("mic-guidebook-2024:dx-leader", "tokyo-wg-2025:dx-promoter")
    text = str(info.value)
    assert "段階なし" in text and "段階あり" in text and "no ladder" in text and "has a ladder" in text
    # the label of the WG persona (with a ladder) wins over an alias of the 総務省 type
    assert res.ladder_persona("一般行政職員") == "tokyo-wg-2025:general-staff"
    # the only persona named, without a ladder: returned (a rollup counts such staff)
    assert res.ladder_persona("一般行政職") == "mic-guidebook-2024:general-staff"
    assert not res.has_ladder("mic-guidebook-2024:general-staff")


def test_reader_gives_row_errors_for_personas(cat: skillframe.Catalog) -> None:
    lenient, strict = RowReader(catalog=cat), RowReader(catalog=cat, require_ladder=True)
    bad = lenient.read_mapping({"職員番号": "1", "人材像": "DX推進リーダー"}, row=2)
    assert isinstance(bad, list) and [(e.row, e.column, e.code) for e in bad] == [(2, "人材像", "ambiguous-persona")]
    assert "mic-guidebook-2024:dx-leader" in bad[0].ja and "tokyo-wg-2025:dx-promoter" in bad[0].en
    ok = lenient.read_mapping({"職員番号": "4", "人材像": "一般行政職"}, row=3)
    assert isinstance(ok, StaffRecord) and ok.persona == "mic-guidebook-2024:general-staff"
    none = strict.read_mapping({"職員番号": "4", "人材像": "一般行政職"}, row=3)
    assert isinstance(none, list) and [e.code for e in none] == ["persona-without-ladder"]
    assert "段階がない" in none[0].ja and "no ladder" in none[0].en and "一般行政職" in none[0].en
    assert "did you mean: 一般行政職員" in none[0].message  # the WG persona with a ladder
    good = strict.read_mapping({"職員番号": "5", "人材像": "一般行政職員"}, row=4)
    assert isinstance(good, StaffRecord) and good.persona == "tokyo-wg-2025:general-staff"


def test_evaluate_many_refuses_an_ambiguous_persona(cat: skillframe.Catalog) -> None:
    with pytest.raises(AmbiguousKeyError):
        list(skillframe.evaluate_many(cat, None, [{"id": "1", "persona": "DX推進リーダー"}]))
    with pytest.raises(AmbiguousKeyError):
        list(skillframe.evaluate_many(cat, "DX推進リーダー", [{"id": "1"}]))
    ev = next(skillframe.evaluate_many(cat, None, [{"id": "6", "persona": "一般行政職員"}]))
    assert ev.persona.id == "tokyo-wg-2025:general-staff" and ev.next_step is not None


def test_an_overlay_copy_does_not_make_its_base_a_candidate() -> None:
    town = skillframe.load(TOWN)
    res = KeyResolver(town)
    assert res.ladder_persona("DX推進員") == "fixture-town:dx-promoter"
    with pytest.raises(AmbiguousPersonaError) as info:
        res.ladder_persona("DX推進リーダー")
    assert info.value.candidates == ("mic-guidebook-2024:dx-leader", "fixture-town:dx-promoter")


def test_cli_reports_ambiguous_and_ladderless_personas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "職員番号,所属,人材像\n1,総務課,DX推進リーダー\n4,総務課,一般行政職\n5,総務課,DX推進員\n")
    errors = tmp_path / "errors.csv"
    assert main(["evaluate", str(path), "--errors", str(errors)]) == 1
    cap = capsys.readouterr()
    # only the DX推進員 row is evaluated; the 総務省 type (no ladder) is shown as not evaluated, not an error
    assert "Step未満" in cap.out and out_count(cap.out, "評価対象外（段階なし）") == 1
    assert "[not-evaluated-no-ladder]" in cap.err and "もしかして: 一般行政職員" in cap.err
    listed = errors.read_text(encoding="utf-8-sig")
    assert "ambiguous-persona" in listed and "persona-without-ladder" not in listed
    assert "2,人材像" in listed and "3,人材像" not in listed


def out_count(text: str, word: str) -> int:
    return text.count(word)


def test_cli_persona_option_without_a_ladder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "id,人材像\nA,一般行政職\n")
    assert main(["evaluate", str(path), "--persona", "一般行政職"]) == 1
    err = capsys.readouterr().err
    assert "段階がないため評価できません" in err and "did you mean: 一般行政職員" in err
    # --persona names the ladder for every row: the persona column is not checked then
    assert main(["evaluate", str(path), "--persona", "一般行政職員"]) == 0


def test_evaluable_persona(cat: skillframe.Catalog) -> None:
    res = KeyResolver(cat)
    assert res.evaluable_persona("一般行政職員") == "tokyo-wg-2025:general-staff"
    with pytest.raises(PersonaWithoutLadderError) as info:
        res.evaluable_persona("CIO補佐官")
    assert info.value.code == "persona-without-ladder" and "no ladder" in str(info.value)
    with pytest.raises(AmbiguousPersonaError) as amb:  # a label of two personas, neither with a ladder
        res.evaluable_persona("高度専門人材")
    assert "write the id of the one meant" in str(amb.value) and "段階あり" not in str(amb.value)


def test_a_quote_never_closed_is_a_file_error_not_one_huge_cell(tmp_path: Path) -> None:
    """An opening quote never closed: csv.reader reads the rest of the file into that cell
    and ends without a word (rows silently gone): a file error naming the row."""
    rows = [f"S{i},DX推進員,課{i}" for i in range(2, 40)]
    f = tmp_path / "staff.csv"
    text = "\n".join(["id,persona,department", *rows[:10], 'S12,DX推進員,"総務課', *rows[11:]]) + "\n"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(skillframe.StaffDataError) as info:
        list(skillframe.iter_staff(f))
    assert info.value.code == "unclosed-quote" and "12 行目" in str(info.value) and "row 12" in str(info.value)
    out = tmp_path / "result.csv"
    assert main(["evaluate", str(f), "-o", str(out)]) == 1 and not out.exists()  # nothing half-written
    # a cell with a line break, closed (Alt+Enter), last in the file: read as it is
    f.write_text('id,persona,department\nA1,DX推進員,"総務\n課"\n', encoding="utf-8")
    (rec,) = skillframe.read_staff(f).records
    assert rec.department == "総務\n課" and rec.row == 2


def test_a_duplicate_id_names_the_first_row_in_both_languages(tmp_path: Path) -> None:
    """The Japanese message says which row the id was first on, as the English one does
    (the two ids may be written differently: Ｘ１ and X1)."""
    f = tmp_path / "d.csv"
    f.write_text("id,persona\nX1,DX推進員\nＸ１,DX推進員\n", encoding="utf-8")
    [err] = skillframe.read_staff(f).errors
    assert (err.row, err.code) == (3, "duplicate-id")
    assert "（2 行目と同じ）" in str(err) and "(row 2)" in str(err)
