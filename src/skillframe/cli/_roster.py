"""``--roster FILE`` of ``report`` and ``policy``: the roster's people with no row in the staff
file are counted as not answered (データ不足), in the headcount and their 課.

The roster is read as ``form`` and ``record --roster`` read it (id, persona, 課:
:func:`skillframe.forms.roster_records`; a CSV roster in ``--roster-encoding``, not in the staff
file's ``--encoding``: :func:`roster_option`); a roster with a problem refuses (``roster-errors``,
exit 1) before anything is written. :class:`RosterCount` watches the staff file's ids go by and
then gives the roster's missing people as records with no answer (the data is
:class:`~skillframe.organisation.AbsentStaff`; its words are in ``render/absent``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StaffDataError, bilingual
from ..organisation import AbsentStaff, absent_from
from ..staff.files import ambiguous_encoding
from ..staff.values import id_key
from ._options import UsageError

if TYPE_CHECKING:
    from .. import Catalog
    from ..staff import StaffRecord

ROSTER_HELP = (
    "名簿（票を作った職員ファイル）: ファイルにいない職員を回答なし（データ不足）として数える"
    " / the roster (the staff file the forms were made from): its people not in the staff file are "
    "counted as not answered (unknown data)"
)


ROSTER_ENCODING_HELP = (
    "名簿の文字コード（職員ファイルの --encoding とは別）/ encoding of a CSV or TSV roster (not the staff "
    "file's --encoding; default: detect UTF-8 / CP932 / UTF-16)"
)


def add_roster_option(p: argparse.ArgumentParser, help: str = ROSTER_HELP) -> None:
    """``--roster FILE`` (``help``: what the command does with it) and ``--roster-encoding ENC``."""
    p.add_argument("--roster", metavar="FILE", help=help)
    p.add_argument("--roster-encoding", metavar="ENC", help=ROSTER_ENCODING_HELP)


def roster_option(catalog: Catalog, path: str | None, encoding: str | None) -> list[StaffRecord] | None:
    """The people of the roster ``path`` (``None``: no roster) in ``encoding``, as
    :func:`skillframe.forms.roster_records` reads them. A roster that reads both as UTF-8 and as
    CP932 is refused with advice naming ``--roster-encoding`` (``--encoding`` is the staff
    file's); ``--roster-encoding`` without ``--roster`` is a :class:`UsageError`."""
    if not path:
        if encoding:
            raise UsageError(
                bilingual("--roster-encoding は --roster と一緒に指定します", "--roster-encoding needs --roster")
            )
        return None
    from ..forms import roster_records

    try:
        return roster_records(catalog, path, encoding=encoding)
    except StaffDataError as e:
        if e.code != "ambiguous-encoding":
            raise
        raise ambiguous_encoding(e.file, "--roster-encoding") from None


class RosterCount:
    """The staff file's ids (:meth:`see`, by :func:`~skillframe.staff.values.id_key`) and, at
    the end of the file, the roster's people not among them (:meth:`missing`).

    ``path``: the roster file (``None``: no roster, :meth:`missing` yields nobody), read in
    ``encoding`` (:func:`roster_option`); ``track``: keep the ids even without a roster
    (``report --db`` compares them with a recorded year). :attr:`seen` is ``None`` when neither
    asks for the ids; :attr:`absent` holds the roster's missing people once :meth:`missing` has
    run. Raises :class:`~skillframe.FormError` (``roster-errors``, ``form-input``) for a roster
    with a problem, when made."""

    def __init__(self, catalog: Catalog, path: str | None, *, encoding: str | None = None, track: bool = False) -> None:
        self.source = Path(path).name if path else None
        # read as the forms read it (id, persona, 課); any problem refuses, before the output
        self.roster: list[StaffRecord] | None = roster_option(catalog, path, encoding)
        self.seen: set[str] | None = set() if self.roster is not None or track else None
        self.absent: list[AbsentStaff] = []

    def see(self, sid: str | None) -> None:
        """Note one id of the staff file (a record's, or an unreadable row's: in the file, not missing)."""
        if self.seen is not None and sid:
            self.seen.add(id_key(sid))

    def missing(self) -> Iterator[StaffRecord]:
        """The roster's people not seen, as records with no answer (id, persona, 課), to be
        counted after the file's; they are noted in :attr:`absent` and :attr:`seen`."""
        if self.roster is None or self.seen is None:
            return
        people = absent_from(self.seen, self.roster)
        if people:
            self.absent.append(AbsentStaff(people, counted=True, source=self.source))
            self.seen.update(id_key(p.id) for p in people)
            yield from people
