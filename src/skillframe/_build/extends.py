"""Frameworks that ``extend`` others: in which order overlays apply, and reading each overlay section.

An overlay file's framework names its base in ``extends``; bases are applied before the
overlays that extend them (``extends`` chains are followed without recursion; a cycle
is reported). Each ``overlay:`` section is structured here (its rule changes parsed by
the condition parser) and applied by :func:`~skillframe._build.overlay.overlaid`, a
pure function of the state before it.
"""

from __future__ import annotations

from typing import Protocol

import attrs

from .. import model as m
from .._formats.document import Document, Path
from .._text import did_you_mean
from ..conditions.parse import parse_condition
from ..errors import bilingual
from .conditions import ConditionHost, check_custom_rules, qualify_condition
from .overlay import OverlayHost, OverlayState, overlaid
from .state import Located, qualifier

__all__ = ["BuildHost", "apply_overlays"]


class BuildHost(OverlayHost, ConditionHost, Protocol):
    """The whole build state the overlay driver reads and changes."""

    frameworks: dict[str, m.Framework]
    framework_loc: dict[str, Located]
    overlay_docs: dict[str, Document]

    def tool_ref(self, ref: str) -> str: ...


def apply_overlays(host: BuildHost) -> None:
    """Apply every overlay, bases before the overlays that extend them (``extends`` cycles reported)."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(fid: str) -> bool:
        # Follow the ``extends`` chain without recursion (any depth); bases join ``order`` first.
        chain: list[str] = []
        cur: str | None = fid
        while cur is not None and cur in host.frameworks and cur not in state:
            state[cur] = 1
            chain.append(cur)
            cur = host.frameworks[cur].extends
        ok = cur is None or cur not in host.frameworks or state[cur] == 2
        for f in reversed(chain):
            state[f] = 2
            if ok:
                order.append(f)
        return ok

    for fid, doc in host.overlay_docs.items():
        fw = host.frameworks[fid]
        loc = host.framework_loc[fid]
        if fw.extends is None:
            host.problems.append(
                Located(doc, ()).problem(
                    ("overlay",),
                    bilingual("overlay には framework.extends が必要です", "'overlay' needs 'framework.extends'"),
                    "field.missing",
                )
            )
            continue
        if fw.extends not in host.frameworks:
            host.problems.append(
                loc.problem(
                    ("extends",),
                    bilingual(
                        f"基底フレームワーク '{fw.extends}' が見つかりません",
                        f"unknown base framework '{fw.extends}'",
                    )
                    + did_you_mean(fw.extends, host.frameworks),
                    "ref.unknown",
                )
            )
            continue
        if not visit(fid):
            host.problems.append(
                loc.problem(("extends",), bilingual("extends が循環しています", "'extends' forms a cycle"), "cycle")
            )
    for fid in order:
        fw = host.frameworks[fid]
        if fw.extends is None:
            continue
        base = host.frameworks[fw.extends]
        # The overlay cites its base's sources too (the copies keep their provenance).
        known = {s.id for s in fw.sources}
        extra = tuple(s for s in base.sources if s.id not in known)
        host.frameworks[fid] = attrs.evolve(fw, sources=(*fw.sources, *extra))
        doc = host.overlay_docs[fid]
        spec, rule_changes, where = _read_overlay(host, fid, doc)
        _adopt(host, overlaid(_state_of(host), base, fid, spec=spec, rule_changes=rule_changes, where=where))


def _read_overlay(
    host: BuildHost, fid: str, doc: Document
) -> tuple[m.Overlay | None, list[tuple[m.RuleChange, Path]], Located]:
    """The ``overlay:`` section of an overlay file, structured (problems go to ``host``)."""
    where = Located(doc, ("overlay",))
    rule_changes: list[tuple[m.RuleChange, Path]] = []
    raw = doc.data.get("overlay")
    if raw is None:
        return None, rule_changes, where
    if not isinstance(raw, dict):
        host.problems.append(
            where.problem((), bilingual("overlay はマッピングです", "'overlay' must be a mapping"), "type")
        )
        return None, rule_changes, where
    raw = dict(raw)
    rules_raw = raw.pop("rules", [])
    if not isinstance(rules_raw, list):
        host.problems.append(
            where.problem(("rules",), bilingual("rules はリストです", "'rules' must be a list"), "type")
        )
        rules_raw = []
    for i, item in enumerate(rules_raw):
        sub: Path = ("rules", i)
        if not isinstance(item, dict) or not isinstance(item.get("step"), str):
            host.problems.append(
                where.problem(
                    sub,
                    bilingual("{step, replace|extend} です", "a rule change is {step, replace | extend}"),
                    "overlay",
                )
            )
            continue
        for k in sorted(set(item) - {"step", "replace", "extend"}):
            host.problems.append(
                where.problem((*sub, k), bilingual(f"未知のキー '{k}'", f"unknown key '{k}'"), "key.unknown")
            )
        parsed: dict[str, m.Condition | None] = {}
        for k in ("replace", "extend"):
            if k in item:
                cond = parse_condition(host, item[k], where, (*sub, k))
                check_custom_rules(host, cond, where, (*sub, k))
                parsed[k] = qualify_condition(cond, qualifier(fid), host.tool_ref)
        if any(v is None for v in parsed.values()):
            continue
        rule_changes.append((m.RuleChange(step=item["step"], **parsed), sub))
    spec: m.Overlay | None = host.structure(raw, m.Overlay, where)
    return spec, rule_changes, where


def _state_of(host: BuildHost) -> OverlayState:
    return OverlayState(host.defs, host.located, host.copied_from, host.merged_into, host.removed_refs, [])


def _adopt(host: BuildHost, new: OverlayState) -> None:
    for kind, pool in new.defs.items():
        host.defs[kind] = pool
    host.located.clear()
    host.located.update(new.located)
    host.copied_from.clear()
    host.copied_from.update(new.copied_from)
    host.merged_into.clear()
    host.merged_into.update(new.merged_into)
    host.removed_refs.clear()
    host.removed_refs.update(new.removed_refs)
    host.problems.extend(new.problems)
