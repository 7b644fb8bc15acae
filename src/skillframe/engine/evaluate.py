"""Evaluating staff against the ladders: :func:`evaluate`, :func:`evaluate_many`, :func:`evaluate_ranks`.

Step k is reached when the rules of steps 1..k all hold; :attr:`Evaluation.rank` is the
highest step reached (0 = none). What is missing for the next step — every unmet or
unknown leaf, with what was expected and what the record has — is worked out only
when asked for (:attr:`Evaluation.unmet`, :meth:`Evaluation.explain`).

Every record is read completely before its rank is decided (every value parsed, every
key resolved): a bad value raises :class:`~skillframe.StaffDataError`, an unknown key
:class:`~skillframe.UnknownKeyError`, whatever rank the record would reach.

>>> import skillframe
>>> cat = skillframe.load()
>>> general = ["dx-necessity", "user-understanding", "gov-digital-basics", "security-literacy", "privacy"]
>>> own = ["project-management", "value-discovery", "data-literacy", "bpr", "service-validation", "it-governance"]
>>> ev = skillframe.evaluate(cat, "DX推進員", {"id": "A01", "trainings": general + own, "dx_lead_years": 1.5})
>>> ev.rank, ev.step.label, ev.next_step.label
(2, 'Step2 (OJT)', 'Step3 (指導)')
>>> [u.id for u in ev.unmet]
['dx_lead_count>=2', 'mentoring']
>>> print(ev.explain("en"))
A01: DX promoter — Step 2 (OJT) reached; for Step 3 (Mentoring):
  - DX projects led ≥ 2: unknown
  - mentors juniors: unknown
>>> skillframe.evaluate(cat, "DX推進員", {"id": "A02", "mentoring": "maybe"})
Traceback (most recent call last):
...
skillframe.errors.StaffDataError: record A02: mentoring: ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from .. import model as m
from ..conditions.registry import Registry, default_registry
from ..errors import LookupFailed, StaffDataError, StaffValueError, bilingual
from ..staff.columns import PLAIN_KEYS
from ..staff.record import StaffRecord
from ..staff.values import MAX_CELL_CHARS
from .facts import record_id
from .ladder import Ladder, compile_ladder
from .result import Evaluation
from .settings import EvaluationSettings

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["evaluate", "evaluate_many", "evaluate_ranks"]

Record = Any  # a StaffRecord or a mapping with the same keys (or the columns of a staff file)


def _settings(settings: EvaluationSettings | None, deployed_tools: Iterable[str] | None) -> EvaluationSettings:
    s = settings or EvaluationSettings()
    if deployed_tools is not None:
        s = EvaluationSettings(deployed_tools=tuple(str(t) for t in deployed_tools), aggregation=s.aggregation)
    return s


def evaluate(
    catalog: Catalog,
    persona: str | m.Persona | None,
    record: Record,
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
) -> Evaluation:
    """Evaluate one record against a persona's ladder.

    ``persona``: a key (``DX推進員``, ``dx-promoter``, a qualified id), a
    :class:`~skillframe.Persona`, or ``None`` for the record's own ``persona`` field.
    ``record``: a :class:`~skillframe.StaffRecord` or a mapping read like a staff-file
    row (``trainings``, ``dx_lead_years`` in years, ``dsm:<skill>`` levels 0–3…).
    ``deployed_tools`` (keys) overrides ``settings.deployed_tools``.

    Raises :class:`~skillframe.StaffDataError` for a bad value (or no persona),
    :class:`~skillframe.UnknownKeyError` for an unknown persona, skill or tool key,
    :class:`~skillframe.RuleError` when a custom rule raises.
    """
    reg = registry or default_registry
    s = _settings(settings, deployed_tools)
    if persona is not None:
        return compile_ladder(catalog, persona, registry=reg, settings=s).evaluate(record)
    return _record_ladder(catalog, _persona_of(record), record, reg, s).evaluate(record)


def evaluate_many(
    catalog: Catalog,
    persona: str | m.Persona | None,
    records: Iterable[Record],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
) -> Iterator[Evaluation]:
    """Evaluate records one by one: an iterator over any iterable (memory stays flat).

    Arguments and errors as :func:`evaluate`; ``persona=None`` takes each record's own
    ``persona``. The ladder is compiled once per catalog and persona and reused. A bad
    record raises when the iteration reaches it (the evaluations before it are handed out);
    so does a custom rule that raises for a record: :class:`~skillframe.RuleError` with
    ``.rule``, ``.record_id`` and ``.cause`` (``skillframe evaluate`` makes that record a
    row error, code ``rule-error``, and goes on).

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> rows = [{"id": "1", "persona": "DX推進員", "trainings": []}, {"id": "2", "persona": "一般行政職員"}]
    >>> [(e.record_id, e.persona.label, e.rank) for e in skillframe.evaluate_many(cat, None, rows)]
    [('1', 'DX推進員', 0), ('2', '一般行政職員', 0)]
    """
    reg = registry or default_registry
    s = _settings(settings, deployed_tools)
    if persona is not None:
        return compile_ladder(catalog, persona, registry=reg, settings=s).run_many(records)
    return _each_persona(catalog, records, reg, s)


def evaluate_ranks(
    catalog: Catalog,
    persona: str | m.Persona | None,
    records: Iterable[Record],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
) -> list[int]:
    """The rank (0 = no step) of each record, in record order, without Evaluation objects.

    Arguments and errors as :func:`evaluate_many` (an invalid record raises the same
    error; nothing is returned then).

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> skillframe.evaluate_ranks(cat, "DX推進員", [{"id": "1"}, {"id": "2", "trainings": "なし"}])
    [0, 0]
    """
    reg = registry or default_registry
    s = _settings(settings, deployed_tools)
    if persona is not None:
        return compile_ladder(catalog, persona, registry=reg, settings=s).ranks(records)
    return [ev.rank for ev in _each_persona(catalog, records, reg, s)]


#: A batch of records ranked by one ladder: the ladder, the records, ``(rank, leaf outcomes)`` of each.
Ranked = tuple[Ladder, list[Record], list[tuple[int, tuple[bool | None, ...]]]]


def ranked_batches(
    catalog: Catalog,
    persona: str | m.Persona | None,
    records: Iterable[Record],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
    size: int = 4096,
) -> Iterator[Ranked]:
    """Records ranked in batches of at most ``size``, grouped by ladder (for counting: the
    rollup). Each record gets its rank and the outcome of each leaf of its next step
    (:meth:`~skillframe.engine.ladder.Ladder.keyed`), with no Evaluation objects.

    Arguments and errors as :func:`evaluate_many`; a bad record raises when its batch is
    reached, and it is the first bad record in record order whose error is raised.
    """
    for groups, _, _ in _batches(catalog, persona, records, registry, settings, deployed_tools, size):
        for ladder, (rs, keys) in groups.items():
            yield ladder, rs, keys


#: The records of a batch grouped by ladder, each group ranked: ladder -> (records, keyed).
Groups = dict[Ladder, tuple[list[Record], list[tuple[int, tuple[bool | None, ...]]]]]


def _batches(  # noqa: PLR0917 - private
    catalog: Catalog,
    persona: str | m.Persona | None,
    records: Iterable[Record],
    registry: Registry | None,
    settings: EvaluationSettings | None,
    deployed_tools: Iterable[str] | None,
    size: int,
) -> Iterator[tuple[Groups, list[Ladder] | None, list[Record]]]:
    """Each batch of at most ``size`` records: its groups (:func:`_grouped`), the ladder of
    each record in order (``None``: one ladder, ``persona`` given) and the batch itself."""
    reg = registry or default_registry
    s = _settings(settings, deployed_tools)
    fixed = compile_ladder(catalog, persona, registry=reg, settings=s) if persona is not None else None
    ladders: dict[str, Ladder] = {}
    it = iter(records)
    while batch := list(islice(it, size)):
        groups, order = _grouped(catalog, batch, fixed, ladders, reg, s)
        yield groups, order, batch


def _grouped(  # noqa: PLR0917 - private
    catalog: Catalog,
    batch: list[Record],
    fixed: Ladder | None,
    ladders: dict[str, Ladder],
    reg: Registry,
    s: EvaluationSettings,
) -> tuple[Groups, list[Ladder] | None]:
    """The batch grouped by ladder, each group ranked (:meth:`Ladder.keyed`), and the ladder
    of each record in order (``None`` with one ``fixed`` ladder). A bad record raises: the
    first bad one in record order."""
    try:
        order: list[Ladder] | None = None
        groups: dict[Ladder, list[Record]]
        if fixed is not None:
            groups = {fixed: batch}
        else:
            groups = {}
            order = []
            known = ladders.get
            for r in batch:
                key = r.persona if r.__class__ is StaffRecord and r._parsed else None  # a reader's: as it is
                if not key:
                    key = _persona_of(r)
                ladder = known(key)
                if ladder is None:
                    ladder = ladders[key] = _record_ladder(catalog, key, r, reg, s)
                order.append(ladder)
                group = groups.get(ladder)
                if group is None:
                    group = groups[ladder] = []
                group.append(r)
        return {ladder: (rs, ladder.keyed(rs)) for ladder, rs in groups.items()}, order
    except Exception:
        if fixed is None:  # raise the error of the first bad record in order
            for r in batch:
                key = _persona_of(r)
                ladder = ladders.get(key) or _record_ladder(catalog, key, r, reg, s)
                ladder.evaluate(r)
        raise


#: A batch ranked, in record order: the ladder of each record, the records, and
#: ``(rank, leaf outcomes)`` of each (three lists of the same length).
RankedInOrder = tuple[list[Ladder], list[Record], list[tuple[int, tuple[bool | None, ...]]]]


def ranked_in_order(
    catalog: Catalog,
    persona: str | m.Persona | None,
    records: Iterable[Record],
    *,
    registry: Registry | None = None,
    settings: EvaluationSettings | None = None,
    deployed_tools: Iterable[str] | None = None,
    size: int = 4096,
) -> Iterator[RankedInOrder]:
    """As :func:`ranked_batches`, each batch in record order (for writing results row by
    row: the CLI): the ladder of each record, the records, and the rank and leaf outcomes
    (:meth:`~skillframe.engine.ladder.Ladder.keyed`) of each.

    Arguments and errors as :func:`evaluate_many`; a bad record raises when its batch is
    reached, and it is the first bad record in record order whose error is raised.
    """
    for groups, order, batch in _batches(catalog, persona, records, registry, settings, deployed_tools, size):
        if order is None or len(groups) == 1:
            ((ladder, (rs, keys)),) = groups.items()
            yield [ladder] * len(rs), rs, keys
            continue
        taken = {ladder: iter(keys) for ladder, (_, keys) in groups.items()}  # each group's, in its order
        yield order, batch, list(map(next, map(taken.__getitem__, order)))


#: Keys of a plain dict that say nothing of its persona (no alias of ``persona`` among them).
_NOT_PERSONA = PLAIN_KEYS - {"persona"}


#: Memos of two pure functions of what a record holds (bounded): sets of keys (as a tuple)
#: → ``persona`` is their only persona column; a persona text → it is kept as written.
_SHAPES: dict[tuple[Any, ...], bool] = {}
_TEXTS: dict[str, bool] = {}


def _plain_keys(record: dict[Any, Any]) -> bool:
    shape = tuple(record)
    plain = _SHAPES.get(shape)
    if plain is None:
        if len(_SHAPES) >= 1024:
            _SHAPES.clear()
        plain = _SHAPES[shape] = record.keys() - _NOT_PERSONA == {"persona"}
    return plain


def _plain_text(text: str) -> bool:
    plain = _TEXTS.get(text)
    if plain is None:
        if len(_TEXTS) >= 4096:
            _TEXTS.clear()
        plain = _TEXTS[text] = 0 < len(text) <= MAX_CELL_CHARS and text.isprintable() and text.strip() == text
    return plain


def persona_key(record: Record) -> str | None:
    """The persona of a record as the staff reader reads it (``人材像``, ``Persona``…; blank
    or NaN: ``None``). A plain dict whose ``persona`` is plain text and that has no other
    persona column is read directly; any other mapping (or a StaffRecord made by hand) is read by
    :meth:`~skillframe.StaffRecord.from_mapping` (:class:`~skillframe.StaffDataError` for a
    bad value, as evaluating it gives)."""
    if type(record) is dict:
        key = record.get("persona")
        if type(key) is str and _plain_text(key) and _plain_keys(record):
            return key
    elif isinstance(record, StaffRecord) and record._parsed:  # the staff reader's: as it is
        return record.persona
    if isinstance(record, Mapping | StaffRecord):  # a record made by hand: as the dict of its fields
        try:
            return StaffRecord.from_mapping(record).persona
        except StaffValueError as exc:
            raise StaffDataError(f"record {record_id(record)}", str(exc), code=exc.code) from None
    key = getattr(record, "persona", None)
    return None if key is None else str(key)


def _record_ladder(catalog: Catalog, key: str, record: Record, reg: Registry, s: EvaluationSettings) -> Ladder:
    """The ladder of the persona a record names (an unknown one: the error names the record)."""
    try:
        return compile_ladder(catalog, key, registry=reg, settings=s)
    except LookupFailed as exc:
        if exc.record_id is not None:
            raise
        raise exc.of_record(record_id(record)) from None


def _persona_of(record: Record) -> str:
    key = persona_key(record)
    if not key:
        raise StaffDataError(
            f"record {record_id(record)}",
            bilingual("人材像がありません（persona を指定してください）", "no persona (pass one to evaluate)"),
            code="missing-persona",
        )
    return key


def _each_persona(
    catalog: Catalog, records: Iterable[Record], reg: Registry, s: EvaluationSettings
) -> Iterator[Evaluation]:
    ladders: dict[str, Ladder] = {}
    for r in records:
        key = _persona_of(r)
        ladder = ladders.get(key)
        if ladder is None:
            ladder = ladders[key] = _record_ladder(catalog, key, r, reg, s)
        yield ladder.evaluate(r)
