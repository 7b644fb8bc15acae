"""Phase 3 of a build: references and consistency.

Every reference is resolved (an unknown one with "did you mean"); duplicate level ranks, step
ranks that are not 1, 2, 3…, framework settings and sources, provenance flags without a note
and inheritance cycles (iteratively: any depth) are found. Problems are added to the build's
list; nothing is raised here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .. import model as m
from .._formats.yaml import Path
from .._text import did_you_mean
from ..errors import bilingual, kind_ja
from .conditions import check_condition
from .state import Located, did_you_mean_ids

if TYPE_CHECKING:
    from .collect import Builder

__all__ = ["check"]


def check(b: Builder) -> None:
    """Phase 3: every reference resolved (with "did you mean"), ranks, settings, sources and
    provenance flags checked, inheritance cycles found; problems added to ``b.problems``."""
    personas = b.defs["personas"]
    skills = b.defs["skills"]
    tools = b.defs["tools"]

    def ref(kind: str, pool: Mapping[str, Any], key: str, loc: Located, sub: Path) -> None:
        if key not in pool:
            near = did_you_mean_ids(key, pool)
            b.problems.append(
                loc.problem(
                    sub,
                    bilingual(f"{kind_ja(kind)} '{key}' が見つかりません", f"unknown {kind} '{key}'") + near,
                    "ref.unknown",
                )
            )

    for pid, p in personas.items():
        loc = b.located[pid]
        for i, parent in enumerate(p.inherits):
            ref("persona", personas, parent, loc, ("inherits", i))
        for i, req in enumerate(p.requirements):
            ref("skill", skills, req.skill, loc, ("requirements", i, "skill"))
            _check_provenance(b, req.provenance, loc, ("requirements", i, "provenance"))
    _check_cycles(b)
    for tid, t in b.defs["trainings"].items():
        loc = b.located[tid]
        for i, s in enumerate(t.skills):
            ref("skill", skills, s, loc, ("skills", i))
        if t.persona:
            ref("persona", personas, t.persona, loc, ("persona",))
    for tid, tool in tools.items():
        loc = b.located[tid]
        if tool.skill:
            ref("skill", skills, tool.skill, loc, ("skill",))
        ranks = [lv.rank for lv in tool.levels]
        if len(set(ranks)) != len(ranks):
            b.problems.append(
                loc.problem(("levels",), bilingual("レベルの rank が重複しています", "duplicate level ranks"), "rank")
            )
    for sid, sc in b.defs["scales"].items():
        loc = b.located[sid]
        ranks = [lv.rank for lv in sc.levels]
        if len(set(ranks)) != len(ranks):
            b.problems.append(
                loc.problem(("levels",), bilingual("レベルの rank が重複しています", "duplicate level ranks"), "rank")
            )
        if sc.superseded_by:
            ref("scale", b.defs["scales"], sc.superseded_by, loc, ("superseded_by",))
        subjects = {**personas, **b.defs["variants"]}
        for j, lv in enumerate(sc.levels):
            for k, td in enumerate(lv.descriptors):
                ref("persona", subjects, td.subject, loc, ("levels", j, "descriptors", k, "subject"))
    ladders: dict[str, list[tuple[int, str]]] = {}
    for sid, step in b.defs["steps"].items():
        loc = b.located[sid]
        ref("persona", personas, step.persona, loc, ("persona",))
        ladders.setdefault(step.persona, []).append((step.rank, sid))
        if step.rule is not None:
            check_condition(b, step.rule, step, loc, ("rule",))
    for pid, rungs in ladders.items():
        rungs.sort()
        for expected, (rank, sid) in enumerate(rungs, start=1):
            if rank != expected:
                b.problems.append(
                    b.located[sid].problem(
                        ("rank",),
                        bilingual(f"'{pid}' のステップは 1 から連番です", f"steps of '{pid}' must be numbered 1, 2, 3…")
                        + f"; expected {expected}, got {rank}",
                        "rank",
                    )
                )
                break
    for fid, fw in b.frameworks.items():
        if fw.settings is not None and fw.settings.deployed_tools is not None:
            for i, t in enumerate(fw.settings.deployed_tools):
                ref("tool", tools, t, b.framework_loc[fid], ("settings", "deployed_tools", i))
        if fw.settings is not None and not 0 < fw.settings.nearly_all <= 1:
            b.problems.append(
                b.framework_loc[fid].problem(
                    ("settings", "nearly_all"),
                    bilingual("nearly_all は 0 より大きく 1 以下です", "'nearly_all' must be in (0, 1]"),
                    "value",
                )
            )
        source_ids = {s.id for s in fw.sources}
        if source_ids and fw.source not in source_ids:
            b.problems.append(
                b.framework_loc[fid].problem(
                    ("source",),
                    bilingual(
                        f"source '{fw.source}' が sources にありません", f"source '{fw.source}' is not in 'sources'"
                    )
                    + did_you_mean(fw.source, source_ids),
                    "provenance",
                )
            )
    for did, loc in b.located.items():
        d = _find(b, did)
        _check_provenance(b, getattr(d, "provenance", None), loc, ("provenance",))


def _find(b: Builder, did: str) -> Any:
    for pool in b.defs.values():
        if did in pool:
            return pool[did]
    return None


def _check_provenance(b: Builder, prov: m.Provenance | None, loc: Located, sub: Path) -> None:
    if prov is None:
        return
    if prov.flags and not any(text and text.strip() for text in (prov.note, prov.note_ja)):
        b.problems.append(
            loc.problem(
                sub,
                bilingual(
                    "interpretation/unverified には note（理由。日本語は note_ja）が必要です",
                    "a flagged fact needs a 'note' (or 'note_ja') saying why",
                ),
                "provenance",
            )
        )
    if prov.source is not None:
        fid = loc.doc.data.get("framework") if isinstance(loc.doc.data, dict) else None
        fid = fid.get("id") if isinstance(fid, dict) else fid
        fw = b.frameworks.get(fid) if isinstance(fid, str) else None
        if fw is not None:
            known = {s.id for s in fw.sources} | {fw.source}
            if prov.source not in known:
                b.problems.append(
                    loc.problem(
                        (*sub, "source"),
                        bilingual(f"source '{prov.source}' が定義されていません", f"unknown source '{prov.source}'")
                        + did_you_mean(prov.source, known),
                        "provenance",
                    )
                )


def _check_cycles(b: Builder) -> None:
    """Report each inheritance cycle once, named persona by persona (iterative: any depth)."""
    personas = b.defs["personas"]
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()
    for root in personas:
        if root in state:
            continue
        stack: list[str] = [root]
        frames: list[Iterator[str]] = [iter(personas[root].inherits)]
        state[root] = 1
        while frames:
            parent = next(frames[-1], None)
            if parent is None:
                frames.pop()
                state[stack.pop()] = 2
                continue
            if parent not in personas:
                continue
            if state.get(parent) == 1:
                cycle = [*stack[stack.index(parent) :], parent]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    b.problems.append(
                        b.located[stack[-1]].problem(
                            ("inherits",),
                            bilingual("継承が循環しています", "inheritance cycle") + ": " + _chain(cycle),
                            "cycle",
                        )
                    )
            elif parent not in state:
                state[parent] = 1
                stack.append(parent)
                frames.append(iter(personas[parent].inherits))


def _chain(ids: list[str], limit: int = 12) -> str:
    """``a → b → a``; a long cycle shows its first and last members."""
    if len(ids) <= limit:
        return " → ".join(ids)
    return " → ".join(ids[: limit // 2]) + f" → … ({len(ids) - limit} more) → " + " → ".join(ids[-limit // 2 :])
