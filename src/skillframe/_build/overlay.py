"""Overlays: a municipality's framework as a copy of its base, changed (copy on write).

A framework that ``extends`` a base starts with a copy of every base definition,
re-identified under its own id (``tokyo-wg-2025:bpr`` → ``town:bpr``) and keeping
its provenance; then the ``overlay`` operations apply in a fixed order — rename,
add requirements, remove requirements, remove, merge, rule changes — and the
overlay's own new definitions join. The base definitions are never touched: they
are frozen and the copies are new objects.

``copied_from`` records, for every copy, the base definition it came from; the
crosswalk uses it to tie the overlay to the base (and through it to every other
framework).

The way in is :func:`overlaid`, a pure function: base state + overlay → new state
(the state given is not changed). The order in which overlays apply, and reading the
``overlay:`` section of a file, are in :mod:`._build.extends`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import attrs

from .. import model as m
from .._formats.yaml import Path
from ..conditions.ast import map_refs, refs
from ..errors import Problem, bilingual, kind_ja
from .state import did_you_mean_ids

__all__ = [
    "OverlayHost",
    "OverlayState",
    "apply_overlay",
    "copy_framework",
    "overlaid",
    "requalify",
    "requalify_condition",
]

Defs = dict[str, dict[str, Any]]

_POOLS = {"skill": "skills", "tool": "tools", "persona": "personas"}


class Where(Protocol):
    """Something that can place a problem (a Located)."""

    def problem(self, sub: Path, message: str, code: str = ...) -> Problem: ...


class OverlayHost(Protocol):
    """What the loader lends an overlay: definitions, locations, problems, the condition parser."""

    defs: Defs
    located: dict[str, Any]
    problems: list[Problem]
    copied_from: dict[str, str]
    merged_into: dict[str, str]
    removed_refs: set[str]


def requalify(base: str, fid: str) -> Callable[[str], str]:
    prefix = base + ":"

    def q(ref: str) -> str:
        return fid + ":" + ref[len(prefix) :] if ref.startswith(prefix) else ref

    return q


def requalify_condition(cond: m.Condition | None, q: Callable[[str], str]) -> m.Condition | None:
    """``cond`` with every id it names passed through ``q``."""
    return None if cond is None else map_refs(cond, lambda _kind, ref: q(ref))


def _copy(kind: str, d: Any, q: Callable[[str], str], fid: str, base_source: str) -> Any:
    prov = d.provenance if d.provenance.source is not None else attrs.evolve(d.provenance, source=base_source)
    out = attrs.evolve(d, id=q(d.id), framework=fid, provenance=prov)
    if kind == "personas":
        variants = tuple(attrs.evolve(v, id=q(v.id), framework=fid, persona=q(v.persona)) for v in d.variants)
        reqs = tuple(attrs.evolve(r, skill=q(r.skill)) for r in d.requirements)
        out = attrs.evolve(out, inherits=tuple(map(q, d.inherits)), requirements=reqs, variants=variants)
    elif kind == "steps":
        out = attrs.evolve(out, persona=q(d.persona), rule=requalify_condition(d.rule, q))
    elif kind == "trainings":
        out = attrs.evolve(out, skills=tuple(map(q, d.skills)), persona=q(d.persona) if d.persona else None)
    elif kind == "tools":
        out = attrs.evolve(out, skill=q(d.skill) if d.skill else None)
    elif kind == "scales":
        levels = tuple(
            attrs.evolve(
                lv,
                id=q(lv.id),
                framework=fid,
                scale=q(lv.scale),
                descriptors=tuple(attrs.evolve(t, subject=q(t.subject)) for t in lv.descriptors),
            )
            for lv in d.levels
        )
        out = attrs.evolve(out, levels=levels, superseded_by=q(d.superseded_by) if d.superseded_by else None)
    return out


def copy_framework(host: OverlayHost, base: m.Framework, fid: str) -> None:
    """Copy every definition of ``base`` into framework ``fid`` (new ids, same provenance)."""
    q = requalify(base.id, fid)
    for kind in ("scales", "skills", "trainings", "tools", "personas", "steps"):
        pool = host.defs[kind]
        for d in [d for d in pool.values() if d.framework == base.id]:
            copy = _copy(kind, d, q, fid, base.source)
            if copy.id in host.located:
                host.problems.append(
                    host.located[copy.id].problem(
                        ("id",),
                        bilingual(
                            f"'{copy.id}' は基底フレームワークにあります（overlay.rename か別の id を使ってください）",
                            f"'{copy.id}' already comes from the base framework; use overlay.rename or another id",
                        ),
                        "id.duplicate",
                    )
                )
                continue
            pool[copy.id] = copy
            host.located[copy.id] = host.located[d.id]
            host.copied_from[copy.id] = d.id
            if kind == "scales":
                for lv, orig in zip(copy.levels, d.levels, strict=True):
                    host.defs["levels"][lv.id] = lv
                    host.located[lv.id] = host.located[orig.id]
                    host.copied_from[lv.id] = orig.id
            if kind == "personas":
                for v, orig_v in zip(copy.variants, d.variants, strict=True):
                    host.defs["variants"][v.id] = v
                    host.located[v.id] = host.located[orig_v.id]
                    host.copied_from[v.id] = orig_v.id


def _find(host: OverlayHost, ref: str, fid: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    did = ref if ":" in ref else f"{fid}:{ref}"
    for kind in kinds:
        if did in host.defs[kind]:
            return kind, did
    return None


def apply_overlay(
    host: OverlayHost,
    fid: str,
    spec: m.Overlay,
    rule_changes: list[tuple[m.RuleChange, Path]],
    where: Where,
) -> None:
    """Apply the operations of ``spec`` to framework ``fid`` (already a copy of its base)."""
    personas = host.defs["personas"]
    steps = host.defs["steps"]

    def bad(sub: Path, ja: str, en: str, code: str = "overlay") -> None:
        host.problems.append(where.problem(sub, bilingual(ja, en), code))

    def unknown(sub: Path, kind: str, ref: str) -> None:
        bad(sub, f"{kind_ja(kind)} '{ref}' が見つかりません", f"unknown {kind} '{ref}'", "ref.unknown")

    every_kind = ("skills", "personas", "steps", "trainings", "tools", "scales")
    for i, rn in enumerate(spec.rename):
        found = _find(host, rn.id, fid, (*every_kind, "variants"))
        if found is None:
            unknown(("rename", i, "id"), "definition", rn.id)
            continue
        kind, did = found
        d = host.defs[kind][did]
        aliases = list(d.aliases)
        if rn.label and rn.label != d.label:
            aliases.append(d.label)
        if rn.label_en and d.label_en and rn.label_en != d.label_en:
            aliases.append(d.label_en)
        aliases.extend(rn.aliases)
        host.defs[kind][did] = attrs.evolve(
            d,
            label=rn.label or d.label,
            label_en=rn.label_en or d.label_en,
            aliases=tuple(dict.fromkeys(a for a in aliases if a != (rn.label or d.label))),
        )

    def qualify(ref: str) -> str:
        return ref if ":" in ref else f"{fid}:{ref}"

    for i, rc in enumerate(spec.add_requirements):
        pid, sid = qualify(rc.persona), qualify(rc.skill)
        if pid not in personas:
            unknown(("add_requirements", i, "persona"), "persona", rc.persona)
            continue
        if sid not in host.defs["skills"]:
            unknown(("add_requirements", i, "skill"), "skill", rc.skill)
            continue
        p = personas[pid]
        if any(r.skill == sid for r in p.requirements):
            bad(
                ("add_requirements", i),
                f"'{pid}' は既に '{sid}' を要件としています",
                f"'{pid}' already requires '{sid}'",
            )
            continue
        req = attrs.evolve(rc.requirement(), skill=sid)
        personas[pid] = attrs.evolve(p, requirements=(*p.requirements, req))

    for i, rc in enumerate(spec.remove_requirements):
        pid, sid = qualify(rc.persona), qualify(rc.skill)
        p = personas.get(pid)
        if p is None:
            unknown(("remove_requirements", i, "persona"), "persona", rc.persona)
            continue
        kept = tuple(r for r in p.requirements if r.skill != sid)
        if len(kept) == len(p.requirements):
            bad(
                ("remove_requirements", i),
                f"'{pid}' に要件 '{sid}' はありません",
                f"'{pid}' has no own requirement '{sid}'",
            )
            continue
        personas[pid] = attrs.evolve(p, requirements=kept)

    removed: dict[str, Path] = {}
    for i, ref in enumerate(spec.remove):
        found = _find(host, ref, fid, every_kind)
        if found is None:
            unknown(("remove", i), "definition", ref)
            continue
        kind, did = found
        removed[did] = ("remove", i)
        _remove(host, kind, did)
    # What the removal leaves dangling: requirements and trainings drop the skill quietly
    # (that is what removing a skill means); a persona whose parent is gone is an error.
    for pid, p in list(personas.items()):
        if p.framework != fid:
            continue
        reqs = tuple(r for r in p.requirements if r.skill not in removed)
        gone = [x for x in p.inherits if x in removed]
        for parent in gone:
            bad(
                removed[parent],
                f"'{parent}' を削除すると '{pid}' の継承元がなくなります",
                f"removing '{parent}' leaves '{pid}' inheriting from nothing",
            )
        if len(reqs) != len(p.requirements):
            personas[pid] = attrs.evolve(p, requirements=reqs)
    added = {(qualify(rc.persona), qualify(rc.skill)): i for i, rc in enumerate(spec.add_requirements)}
    for (_, sid), i in added.items():
        if sid in removed:
            bad(
                ("add_requirements", i, "skill"),
                f"削除したスキル '{sid}' を参照しています",
                f"refers to removed skill '{sid}'",
            )
    for st in [st for st in steps.values() if st.framework == fid]:
        for ref in (r.key for r in refs(st.rule)):
            if ref in removed:
                host.removed_refs.add(ref)
                bad(
                    removed[ref],
                    f"'{ref}' を削除しましたが、ステップ '{st.id}' の条件が参照しています",
                    f"'{ref}' is removed but step '{st.id}' still names it (change that rule in overlay.rules)",
                )
    for tid, t in list(host.defs["trainings"].items()):
        if t.framework == fid and any(s in removed for s in t.skills):
            host.defs["trainings"][tid] = attrs.evolve(t, skills=tuple(s for s in t.skills if s not in removed))

    for i, mg in enumerate(spec.merge):
        into, merged = qualify(mg.into), qualify(mg.merged)
        if into not in personas:
            unknown(("merge", i, "into"), "persona", mg.into)
            continue
        if merged not in personas:
            unknown(("merge", i, "merged"), "persona", mg.merged)
            continue
        _merge(host, into=into, merged=merged, mg=mg, sub=("merge", i), bad=bad)

    for change, path in rule_changes:
        sid = qualify(change.step)
        st = steps.get(sid)
        if st is None:
            host.problems.append(
                where.problem(
                    (*path, "step"),
                    bilingual(f"育成段階 '{sid}' が見つかりません", f"unknown step '{sid}'"),
                    "ref.unknown",
                )
            )
            continue
        if (change.replace is None) == (change.extend is None):
            host.problems.append(
                where.problem(
                    path,
                    bilingual(
                        "replace か extend のどちらか一方を指定します", "give exactly one of 'replace' or 'extend'"
                    ),
                    "overlay",
                )
            )
            continue
        pool = {**host.defs["skills"], **host.defs["tools"], **host.defs["personas"]}
        written = (*path, "replace" if change.replace is not None else "extend")
        missing = [r for r in refs(change.replace or change.extend, written) if r.key not in pool]
        for named in missing:
            if named.key in removed:
                message = bilingual(f"削除した定義 '{named.key}' を参照しています", f"refers to removed '{named.key}'")
            else:
                message = bilingual(
                    f"{kind_ja(named.kind)} '{named.key}' が見つかりません", f"unknown {named.kind} '{named.key}'"
                ) + did_you_mean_ids(named.key, host.defs[_POOLS[named.kind]])
            host.problems.append(where.problem(named.path, message, "ref.unknown"))
        if missing:
            continue
        if change.replace is not None:
            rule: m.Condition | None = change.replace
        else:
            assert change.extend is not None
            rule = change.extend if st.rule is None else m.All(of=(st.rule, change.extend))
        steps[sid] = attrs.evolve(st, rule=rule)


def _remove(host: OverlayHost, kind: str, did: str) -> None:
    d = host.defs[kind].pop(did)
    if kind == "personas":
        for v in d.variants:
            host.defs["variants"].pop(v.id, None)
        for sid in [s.id for s in host.defs["steps"].values() if s.persona == did]:
            del host.defs["steps"][sid]
    if kind == "scales":
        for lv in d.levels:
            host.defs["levels"].pop(lv.id, None)


def _merge(
    host: OverlayHost,
    *,
    into: str,
    merged: str,
    mg: m.Merge,
    sub: Path,
    bad: Callable[[Path, str, str], None],
) -> None:
    personas = host.defs["personas"]
    a, b = personas[into], personas[merged]
    parents = [x for x in (*a.inherits, *b.inherits) if x not in (into, merged)]
    # A merge must not make the merged persona its own ancestor.
    for parent in parents:
        seen: set[str] = set()
        stack = [parent]
        while stack:
            cur = stack.pop()
            if cur in seen or cur not in personas:
                continue
            seen.add(cur)
            if cur in (into, merged):
                bad(
                    sub,
                    f"統合で継承が循環します: {into} ← {merged} ← … ← {parent}",
                    f"merge creates an inheritance cycle: {into} + {merged} would inherit from itself through {parent}",
                )
                return
            stack.extend(personas[cur].inherits)
    reqs = list(a.requirements)
    for r in b.requirements:
        if all(x.skill != r.skill for x in reqs):
            reqs.append(r)
    aliases = [*a.aliases, b.label, *b.aliases]
    if mg.label and mg.label != a.label:
        aliases.append(a.label)
    personas[into] = attrs.evolve(
        a,
        label=mg.label or a.label,
        label_en=mg.label_en or a.label_en,
        aliases=tuple(dict.fromkeys(x for x in aliases if x != (mg.label or a.label))),
        inherits=tuple(dict.fromkeys(parents)),
        requirements=tuple(reqs),
        variants=(*a.variants, *(attrs.evolve(v, persona=into) for v in b.variants)),
    )
    for v in b.variants:
        host.defs["variants"][v.id] = attrs.evolve(v, persona=into)
    del personas[merged]
    host.merged_into[merged] = into
    host.located.setdefault(merged, host.located[into])
    steps = host.defs["steps"]
    keep, drop = (into, merged) if mg.ladder == "into" else (merged, into)
    for sid, st in list(steps.items()):
        if st.persona == drop:
            del steps[sid]
        elif st.persona == keep and keep == merged:
            steps[sid] = attrs.evolve(st, persona=into)
    # Every reference to the merged persona now points at the persona it merged into.
    for pid, p in list(personas.items()):
        if merged in p.inherits:
            personas[pid] = attrs.evolve(
                p, inherits=tuple(dict.fromkeys(into if x == merged else x for x in p.inherits))
            )
    for tid, t in list(host.defs["trainings"].items()):
        if t.persona == merged:
            host.defs["trainings"][tid] = attrs.evolve(t, persona=into)
    for sid, st in list(steps.items()):
        steps[sid] = attrs.evolve(st, rule=requalify_condition(st.rule, lambda r: into if r == merged else r))


@attrs.define
class OverlayState:
    """What an overlay reads and changes: definitions by kind, where each was written, lineage.

    A value for :func:`overlaid`, which returns a new state and leaves its input as it was.
    """

    defs: Defs
    located: dict[str, Any]
    copied_from: dict[str, str]
    merged_into: dict[str, str]
    removed_refs: set[str]
    problems: list[Problem] = attrs.Factory(list)

    def copy(self) -> OverlayState:
        """A copy whose dicts can change without changing this state (definitions are frozen)."""
        return OverlayState(
            {kind: dict(pool) for kind, pool in self.defs.items()},
            dict(self.located),
            dict(self.copied_from),
            dict(self.merged_into),
            set(self.removed_refs),
            list(self.problems),
        )


def overlaid(
    state: OverlayState,
    base: m.Framework,
    fid: str,
    *,
    spec: m.Overlay | None,
    rule_changes: list[tuple[m.RuleChange, Path]],
    where: Where,
) -> OverlayState:
    """Base state + overlay → new state: framework ``fid`` as a copy of ``base`` with ``spec`` applied.

    ``state`` is not changed. The new state's ``problems`` holds what could not apply
    (unknown references, removed definitions still named…), located at ``where``.
    """
    new = state.copy()
    copy_framework(new, base, fid)
    if spec is not None:
        apply_overlay(new, fid, spec, rule_changes, where)
    return new
