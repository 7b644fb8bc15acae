"""The schema's version: run the Alembic scripts shipped in ``migrations/``, read the revision.

A store whose revision this skillframe does not know — made by a newer skillframe, or with a
version table changed by hand — is refused before anything is written (never upgraded, never
downgraded): :class:`~skillframe.HistoryError` ``store-too-new`` or ``store-unknown-revision``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..errors import HistoryError
from ._schema import VERSION_TABLE

if TYPE_CHECKING:
    import sqlalchemy

__all__ = ["check_revision", "known_revisions", "migrate", "revision"]

_SCRIPTS = Path(__file__).parent / "migrations"
_NUMBERED = re.compile(r"(\d{4})(?:_\w*)?")


def _config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    return cfg


def known_revisions() -> tuple[str, ...]:
    """The revisions this skillframe's migrations know, oldest first (``('0001',)``)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    return tuple(reversed([str(s.revision) for s in scripts.walk_revisions()]))


def _shown(revision: str) -> str:
    """A revision as a message shows it: printable characters only, at most 40."""
    text = "".join(c if c.isprintable() else "?" for c in revision)
    return text if len(text) <= 40 else text[:39] + "…"


def check_revision(conn: sqlalchemy.Connection) -> str | None:
    """The store's revision (``None``: no skillframe schema yet) when this skillframe knows it;
    otherwise :class:`~skillframe.HistoryError` — ``store-too-new`` when it is a later numbered
    revision (a newer skillframe made the store: upgrade skillframe), ``store-unknown-revision``
    for any other. Reads only."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_heads()
    known = known_revisions()
    unknown = [str(h) for h in heads if h not in known]
    where = conn.engine.url.render_as_string(hide_password=True)
    if unknown:
        rev = _shown(unknown[0])
        newest = known[-1]
        m = _NUMBERED.fullmatch(unknown[0])
        if m is not None and int(m.group(1)) > max(int(k[:4]) for k in known if k[:4].isdigit()):
            raise HistoryError(
                "store-too-new",
                f"評価履歴 {where} は新しい版の skillframe で作られています（スキーマ版 '{rev}'。"
                f"この skillframe {__version__} はスキーマ版 '{newest}' までです）。skillframe を更新してください"
                "（pip install -U 'skillframe[history]'）。データベースは変更していません",
                f"the assessment history {where} was made by a newer skillframe (schema revision '{rev}'; "
                f"this skillframe {__version__} knows revisions up to '{newest}'): upgrade skillframe "
                "(pip install -U 'skillframe[history]'); the database was not changed",
            )
        raise HistoryError(
            "store-unknown-revision",
            f"評価履歴 {where} のスキーマ版 '{rev}' はこの skillframe {__version__} の知らない版です"
            f"（知っている版: {', '.join(known)}）。新しい skillframe で作られたか、表 {VERSION_TABLE} が"
            "書き換えられています。データベースは変更していません",
            f"the assessment history {where} is at schema revision '{rev}', which this skillframe "
            f"{__version__} does not know (it knows: {', '.join(known)}): a newer skillframe made it, or "
            f"the table {VERSION_TABLE} was changed; the database was not changed",
        )
    if len(heads) > 1:
        raise HistoryError(
            "store-unknown-revision",
            f"評価履歴 {where} の表 {VERSION_TABLE} に複数の版があります: {', '.join(map(str, heads))}。"
            "データベースは変更していません",
            f"the assessment history {where} has several revisions in {VERSION_TABLE}: "
            f"{', '.join(map(str, heads))}; the database was not changed",
        )
    return None if not heads else str(heads[0])


def migrate(engine: sqlalchemy.Engine) -> None:
    """Bring the schema to this version's (Alembic ``upgrade head``); safe to repeat.

    A store at a revision this skillframe does not know is refused first (:func:`check_revision`).
    """
    from alembic import command
    from alembic.util.exc import CommandError

    cfg = _config()
    with engine.begin() as conn:
        check_revision(conn)
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        except CommandError as exc:  # pragma: no cover - check_revision refuses what Alembic cannot place
            first = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0]
            raise HistoryError(
                "store-unknown-revision",
                f"評価履歴のスキーマを更新できません: {first}",
                f"cannot bring the history's schema up to date: {first}",
            ) from exc


def revision(engine: sqlalchemy.Engine) -> str | None:
    """The Alembic revision the database is at (``None``: empty database); a revision this
    skillframe does not know is refused as by :func:`check_revision`."""
    with engine.connect() as conn:
        return check_revision(conn)
