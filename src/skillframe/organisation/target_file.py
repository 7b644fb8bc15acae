"""Reading a targets file (``format: skillframe-targets/1``, ``docs/targets.md``).

Safe YAML only; every problem is reported at once with file:line:column and a
machine-readable :attr:`~skillframe.Problem.code` (``format``, ``key.unknown``,
``type``, ``field.missing``, ``value``, ``ref.unknown``, ``file.unreadable``…), in a
:class:`~skillframe.TargetsError`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .._formats.structure import CONVERTER, code_of, problems_of
from .._formats.yaml import Path as YPath
from .._formats.yaml import parse
from ..errors import LookupFailed, Problem, TargetsError, bilingual
from .mic_levels import organisation_framework
from .targets import FORMAT, KINDS, Target, Targets

if TYPE_CHECKING:
    from .._catalog import Catalog

__all__ = ["read_targets"]

#: (path in the document, message, code, the framework a key names that is not loaded)
Found = list[tuple[YPath, str, str, str | None]]


def _check(t: Target, path: YPath, out: Found) -> None:
    def bad(field: str, ja: str, en: str, code: str = "value") -> None:
        out.append(((*path, field), bilingual(ja, en), code, None))

    if t.kind in ("count", "per_department", "step_rate") and t.persona is None:
        bad("persona", f"{t.kind} には persona が必要です", f"{t.kind} needs a persona", "field.missing")
    if t.kind == "step_rate" and t.step is None:
        bad("step", "step_rate には step が必要です", "step_rate needs a step", "field.missing")
    if t.kind == "mic_level" and t.type is None:
        bad("type", "mic_level には type が必要です", "mic_level needs a type", "field.missing")
    if KINDS[t.kind] == "rate":
        for field, v in (("value", t.value), ("baseline", t.baseline), ("actual", t.actual)):
            if v is not None and not 0 <= v <= 1:
                bad(field, f"割合は 0〜1 です: {v}", f"a rate is between 0 and 1 (0.5 = 50%): {v}")
    elif t.value < 0:
        bad("value", f"負の値です: {t.value}", f"negative value: {t.value}")
    if t.step is not None and t.step < 0:
        bad("step", f"負の値です: {t.step}", f"negative step: {t.step}")
    if t.baseline_from == "history" and t.kind not in ("count", "step_rate"):
        bad(
            "baseline",
            f"baseline: history は count / step_rate だけです（{t.kind}）",
            f"baseline: history is for count and step_rate only ({t.kind})",
        )


def _check_keys(t: Target, path: YPath, catalog: Catalog, framework: str | None, out: Found) -> None:
    for field, find in (("persona", catalog.persona), ("skill", catalog.skill)):
        key = getattr(t, field)
        if key is None:
            continue
        try:
            d = find(key, framework) if framework else find(key)
        except LookupFailed as exc:
            out.append(((*path, field), str(exc), "ref.unknown", exc.framework))
            continue
        if field == "persona" and t.step is not None:
            top = len(catalog.steps(d.id))
            if t.step > top:
                out.append(
                    (
                        (*path, "step"),
                        bilingual(f"{d.label} の段階は {top} までです", f"{d.label} has steps up to {top}")
                        + f": {t.step}",
                        "value",
                        None,
                    )
                )
    if t.type is not None:
        org = organisation_framework(catalog)
        try:
            if org is None:
                raise LookupFailed("type", t.type)
            catalog.persona(t.type, org)
        except LookupFailed as exc:
            out.append(((*path, "type"), str(exc), "ref.unknown", exc.framework))


def _history_baselines(data: dict[str, Any]) -> dict[str, Any]:
    """``baseline: history`` -> ``baseline_from: history`` (the baseline comes from the assessment history)."""
    for section in ("plan", "year"):
        part = data.get(section)
        items = part.get("targets") if isinstance(part, dict) else None
        if not isinstance(part, dict) or not isinstance(items, list):
            continue
        fixed = [
            {**{k: v for k, v in item.items() if k != "baseline"}, "baseline_from": "history"}
            if isinstance(item, dict) and item.get("baseline") == "history"
            else item
            for item in items
        ]
        data[section] = {**part, "targets": fixed}
    return data


def read_targets(path: str | Path, *, catalog: Catalog | None = None) -> Targets:
    """Read a targets file (YAML, safe-loaded) into :class:`~skillframe.Targets`.

    With ``catalog``, persona, skill and 総務省 type keys are checked too (a type is a
    persona of the framework that provides organisation levels). Raises
    :class:`~skillframe.TargetsError` listing every problem with file:line:column.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.yaml"
    >>> _ = p.write_text("format: skillframe-targets/1\\nyear:\\n  year: 2026\\n  targets:\\n"
    ...                  "    - {kind: step_rate, persona: DX推進員, step: 1, value: 1.5}\\n", encoding="utf-8")
    >>> try:
    ...     read_targets(p)
    ... except Exception as exc:
    ...     print(str(exc).splitlines()[1])  # doctest: +ELLIPSIS
    ...     print(exc.problems[0].code)
    /.../t.yaml:5:50: 割合は 0〜1 です: 1.5 / a rate is between 0 and 1 (0.5 = 50%): 1.5 (at $.year.targets[0].value)
    value
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise TargetsError(
            [
                Problem(
                    str(p),
                    bilingual("ファイルを読めません", "cannot read the file") + f": {exc}",
                    code="file.unreadable",
                )
            ]
        ) from None
    doc = parse(raw, str(p))
    if doc.problems:
        raise TargetsError(doc.problems)
    data = doc.data
    if not isinstance(data, dict):
        raise TargetsError(
            [doc.problem((), bilingual("マッピングではありません", "the file must be a mapping"), "type")]
        )
    if data.get("format") != FORMAT:
        raise TargetsError(
            [doc.problem(("format",), bilingual(f"format は {FORMAT} です", f"format must be {FORMAT}"), "format")]
        )
    data = _history_baselines(dict(data))
    as_of = data.pop("as_of", None)
    problems: Found = []
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            problems.append(
                (("as_of",), bilingual("日付ではありません（YYYY-MM-DD）", "not a date (YYYY-MM-DD)"), "value", None)
            )
            as_of = None
    if "file" in data:
        problems.append((("file",), bilingual("未知のキー 'file'", "unknown key 'file'"), "key.unknown", None))
        data.pop("file")
    targets: Targets | None = None
    try:
        targets = CONVERTER.structure(data, Targets)
    except Exception as exc:  # noqa: BLE001 - cattrs errors become located problems
        problems.extend((where, msg, code_of(msg), None) for where, msg in problems_of(exc))
    framework = data.get("framework") if isinstance(data.get("framework"), str) else None
    for section in ("plan", "year"):
        part = data.get(section)
        items = part.get("targets") if isinstance(part, dict) else None
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                t = CONVERTER.structure(item, Target)
            except Exception:  # noqa: BLE001 - already reported by the whole-file structuring
                continue
            _check(t, (section, "targets", i), problems)
            if catalog is not None:
                _check_keys(t, (section, "targets", i), catalog, framework, problems)
    if targets is not None:
        if targets.plan is not None and targets.plan.target_year < targets.plan.baseline_year:
            problems.append(
                (
                    ("plan", "target_year"),
                    bilingual("target_year が baseline_year より前です", "target_year is before baseline_year"),
                    "value",
                    None,
                )
            )
        if catalog is not None and targets.framework is not None:
            try:
                catalog.framework(targets.framework)
            except LookupFailed as exc:
                problems.append((("framework",), str(exc), "ref.unknown", exc.framework))
    if problems:
        raise TargetsError([doc.problem(where, msg, code, framework=fw) for where, msg, code, fw in problems])
    assert targets is not None
    return attrs.evolve(targets, as_of=as_of, file=str(p))
