"""The history keeps who (an id or its pseudonym) and what was assessed, never personal data.

A column whose header says name (the HR headers 職員氏名, 姓, 名, 氏名カナ, フルネーム, Full Name …),
birth date, address, telephone, e-mail or 個人番号 is never stored, in any store. A pseudonymised
store keeps no other extra column unless it is named (``keep_columns`` / ``--keep-column``);
a plain store keeps them (unchanged). What was not stored is said: ``RecordResult.dropped``
and, in the CLI, stderr in Japanese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import skillframe
from skillframe.cli import main
from skillframe.errors import HistoryError
from skillframe.history import DroppedColumn, personal_kind

pytest.importorskip("sqlalchemy")
from _history_helpers import MUNI_A, dump

STAFF = "職員番号,氏名,フリガナ,所属,人材像,研修,メモ\nA01,山田 太郎,ヤマダ タロウ,総務課,DX推進員,なし,在宅勤務\n"
#: The headers of a real HR export the narrow name list let through (hist/names.csv).
HR_NAMES = ("職員氏名", "姓", "名", "氏名カナ", "フルネーム", "Full Name")
HR_STAFF = (
    "id,職員氏名,姓,名,氏名カナ,フルネーム,Full Name,persona,department,雇用 形態,メモ\n"
    "N1,山田 太郎,山田,太郎,ヤマダタロウ,山田太郎,Taro Yamada,DX推進員,総務課,正規,在宅勤務\n"
)
NAME_VALUES = ("山田", "太郎", "ヤマダ", "Taro", "Yamada")
NAME_HEADERS = (
    *HR_NAMES,
    *("氏　名", "名前", "氏名（カナ）", "姓（カナ）", "名(ローマ字)", "ふりがな", "カナ氏名", "ＦＵＬＬ　ＮＡＭＥ"),
    *("first_name", "LastName", "given-name", "Family Name", "name", "name kana", "surname", "Nickname"),
)
#: Headers of work data, not of a person: kept in a plain store, and may be named to keep.
WORK_HEADERS = (
    *("所属名", "課名", "研修名", "役職名", "職名", "人材像名", "雇用形態", "メモ", "備考", "在籍年数", "tenure"),
    *("Department Name", "course name", "team name", "hotel", "携帯端末"),
)


def _raw_rows(db_url: str) -> list[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(sa.engine.make_url(db_url).set(drivername=_driver(db_url)))
    try:
        with engine.connect() as conn:
            return [" ".join(map(str, row)) for row in conn.execute(sa.text("SELECT * FROM skillframe_assessments"))]
    finally:
        engine.dispose()


def _driver(url: str) -> str:
    import sqlalchemy as sa

    return "postgresql+psycopg" if url.startswith("postgresql") else sa.engine.make_url(url).drivername


def _no_names(rows: list[str]) -> None:
    assert rows and not [v for v in NAME_VALUES for r in rows if v in r]


def _staff(tmp_path: Path, text: str = HR_STAFF) -> Path:
    path = tmp_path / "職員.csv"
    path.write_text(text, encoding="utf-8-sig")
    return path


@pytest.mark.parametrize("header", NAME_HEADERS)
def test_name_headers_are_personal(header: str) -> None:
    assert personal_kind(header) == "name"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("生年月日", "birth-date"),
        ("誕生日", "birth-date"),
        ("Date of Birth", "birth-date"),
        ("DOB", "birth-date"),
        ("住所", "address"),
        ("現住所", "address"),
        ("郵便番号", "address"),
        ("Address", "address"),
        ("電話番号", "phone"),
        ("携帯電話", "phone"),
        ("TEL", "phone"),
        ("Phone Number", "phone"),
        ("メールアドレス", "mail"),
        ("E-mail", "mail"),
        ("email address", "mail"),
        ("個人番号", "my-number"),
        ("マイナンバー", "my-number"),
    ],
)
def test_other_personal_headers(header: str, kind: str) -> None:
    assert personal_kind(header) == kind


@pytest.mark.parametrize("header", WORK_HEADERS)
def test_work_headers_are_not_personal(header: str) -> None:
    assert personal_kind(header) is None


def test_names_are_not_stored_even_with_pseudonyms(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = _staff(tmp_path, STAFF)
    monkeypatch.setenv("SKILLFRAME_PSEUDONYM_KEY", "k" * 32)
    code = main(["record", str(staff), "--year", "2025", "-m", MUNI_A, "--db", db_url, "--pseudonymise"])
    assert code == 0
    rows = _raw_rows(db_url)
    assert len(rows) == 1 and "A01" not in rows[0]  # the id is a pseudonym
    assert "山田" not in rows[0] and "ヤマダ" not in rows[0]  # the name and its reading are not stored
    assert "在宅勤務" not in rows[0]  # a free column is not kept in a pseudonymised store unless named
    err = capsys.readouterr().err
    assert "個人情報の列は保存しませんでした: 氏名（氏名）, フリガナ（氏名）" in err
    assert "personal-data columns were not stored: 氏名 (name), フリガナ (name)" in err
    assert "保存しなかった列: メモ" in err and "not stored: メモ" in err
    store = skillframe.open_history(db_url, create=False)
    try:
        (stored,) = store.assessments(2025, municipality=MUNI_A)
        assert stored.record.extra == {} and stored.department == "総務課"
    finally:
        store.close()


def test_my_number_is_never_the_staff_key_nor_stored(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """個人番号 is My Number (番号法), not a staff number: an HR export holding both columns is
    read with 職員番号 as the id (it was refused as 'the same column' twice), and 個人番号 is
    dropped as personal data; a file with 個人番号 alone has no id column."""
    staff = _staff(tmp_path, "職員番号,個人番号,所属,人材像\nA01,123456789018,総務課,DX推進員\n")
    assert main(["record", str(staff), "--year", "2025", "-m", MUNI_A, "--db", db_url]) == 0
    rows = _raw_rows(db_url)
    assert len(rows) == 1 and "A01" in rows[0] and "123456789018" not in rows[0]
    assert "個人情報の列は保存しませんでした: 個人番号（個人番号）" in capsys.readouterr().err
    alone = tmp_path / "alone.csv"
    alone.write_text("個人番号,人材像\n123456789018,DX推進員\n", encoding="utf-8")
    assert main(["record", str(alone), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 1
    assert "id 列（職員番号）がありません" in capsys.readouterr().err
    assert len(_raw_rows(db_url)) == 1


def test_cli_hr_name_headers_pseudonymised_keeps_only_named_columns(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = _staff(tmp_path)
    monkeypatch.setenv("SKILLFRAME_PSEUDONYM_KEY", "k")
    argv = ["record", str(staff), "--year", "2026", "-m", MUNI_A, "--db", db_url, "--pseudonymise"]
    assert main([*argv, "--keep-column", "雇用形態", "--keep-column", "雇用形体"]) == 0
    rows = _raw_rows(db_url)
    _no_names(rows)
    assert "正規" in rows[0] and "在宅勤務" not in rows[0]
    out, err = capsys.readouterr()
    assert "recorded 1 people" in out
    lines = [line for line in err.strip().splitlines() if "[no-answers]" not in line]  # HR_STAFF: no answers
    assert len(lines) == 3 and "Traceback" not in err
    listed = ", ".join(f"{h} (name)" for h in HR_NAMES)
    assert lines[0].endswith(f"personal-data columns were not stored: {listed}")
    assert "個人情報の列は保存しませんでした: " + ", ".join(f"{h}（氏名）" for h in HR_NAMES) in lines[0]
    assert "--keep-column で指定した列だけを保存します。保存しなかった列: メモ" in lines[1]
    assert (
        "a pseudonymised history stores only the extra columns named with --keep-column; not stored: メモ" in lines[1]
    )
    assert "'雇用形体' に当たる列がありません" in lines[2] and "'雇用形体' matches no column" in lines[2]


def test_api_hr_name_headers_pseudonymised(db_url: str, open_store: object) -> None:
    rec = dict(zip(HR_STAFF.splitlines()[0].split(","), HR_STAFF.splitlines()[1].split(","), strict=True))
    store = open_store()  # type: ignore[operator]
    cat = skillframe.load()
    r = store.record(cat, [rec], year=2026, municipality=MUNI_A, key="k")
    assert r.dropped == (*(DroppedColumn(h, "name") for h in HR_NAMES), DroppedColumn("雇用 形態", "not-kept"),
                         DroppedColumn("メモ", "not-kept"))  # fmt: skip
    assert store.assessments(2026)[0].record.extra == {}
    r = store.record(cat, [rec], year=2026, municipality=MUNI_A, key="k", keep_columns=["雇用形態", "メモ"])
    assert [d.column for d in r.dropped] == list(HR_NAMES) and r.keep_unmatched == ()
    assert store.assessments(2026)[0].record.extra == {"雇用 形態": "正規", "メモ": "在宅勤務"}
    _no_names(_raw_rows(db_url))


def test_plain_store_keeps_free_columns_and_drops_personal_ones(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HR_STAFF.replace("メモ\n", "メモ,生年月日,住所,電話番号,E-mail\n").rstrip("\n")
    staff = _staff(tmp_path, text + ",1980-01-02,東京都千代田区1-1,03-0000-0000,taro@example.jp\n")
    assert main(["record", str(staff), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 0
    rows = _raw_rows(db_url)
    _no_names(rows)
    assert "N1" in rows[0] and "正規" in rows[0] and "在宅勤務" in rows[0]  # unchanged: free columns are kept
    assert not [v for v in ("1980", "千代田区1-1", "03-0000", "example.jp") if v in rows[0]]
    err = capsys.readouterr().err
    assert len([line for line in err.strip().splitlines() if "[no-answers]" not in line]) == 1
    assert "生年月日 (birth date), 住所 (address), 電話番号 (telephone), E-mail (e-mail)" in err
    assert "生年月日（生年月日）, 住所（住所）, 電話番号（電話番号）, E-mail（メールアドレス）" in err


def test_plain_store_without_personal_columns_says_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    staff = _staff(tmp_path, "id,persona,department,trainings,メモ\nA1,DX推進員,総務課,なし,在宅\n")
    assert main(["record", str(staff), "--year", "2026", "-m", MUNI_A, "--db", db_url]) == 0
    assert capsys.readouterr().err == ""
    assert "在宅" in _raw_rows(db_url)[0]


def test_naming_a_personal_column_to_keep_is_refused_before_anything_is_written(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], open_store: object
) -> None:
    staff = _staff(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SKILLFRAME_PSEUDONYM_KEY", "k")
    local = f"sqlite:///{tmp_path / 'new.db'}"
    argv = ["record", str(staff), "--year", "2026", "-m", MUNI_A, "--db", local, "--pseudonymise"]
    assert main([*argv, "--keep-column", "雇用形態", "--keep-column", "氏名カナ"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "'氏名カナ' は個人情報（氏名）です" in err and "'氏名カナ' holds personal data (name)" in err
    assert not (tmp_path / "new.db").exists()  # refused before the store is created
    store = open_store()  # type: ignore[operator]
    before = dump(store)
    for keep in (["Full Name"], ["生年月日"], ["メモ", "E-mail"]):
        with pytest.raises(HistoryError) as info:
            store.record(skillframe.load(), [{"id": "A1", "persona": "DX推進員"}], year=2026, municipality=MUNI_A,
                         key="k", keep_columns=keep)  # fmt: skip
        assert info.value.code == "personal-column"
    assert dump(store) == before
