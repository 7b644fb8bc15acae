"""Catalog files → model definitions, with every problem reported at once.

The loader reads each file with :mod:`skillframe._yaml` (safe, with line marks),
structures each definition with the strict cattrs converter, qualifies ids
(``bpr`` → ``tokyo-wg-2025:bpr``), then checks references (with "did you mean"),
duplicate ids, inheritance cycles, step ranks, condition parameters and provenance
flags. Nothing is raised until everything has been looked at; then one
:class:`~skillframe.errors.CatalogError` carries every :class:`~skillframe.errors.Problem`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path as FsPath
from typing import Any

import attrs

from . import model as m
from ._overlay import apply_overlay, copy_framework
from ._structure import CONVERTER, problems_of, type_name
from ._yaml import Document, Path, parse
from .errors import CatalogError, Problem, bilingual

__all__ = [
    "CONDITION_KEYS",
    "FORMAT",
    "KINDS",
    "CatalogData",
    "Located",
    "build",
    "read_documents",
]

FORMAT = "skillframe-catalog/1"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

#: Top-level list keys and the class each item structures into.
KINDS: dict[str, type] = {
    "scales": m.Scale,
    "skills": m.Skill,
    "trainings": m.Training,
    "tools": m.Tool,
    "personas": m.Persona,
    "steps": m.Step,
}
TOP_KEYS = ("format", "framework", *KINDS, "overlay", "policy")  # policy: read by skillframe.policy
NUMBER_FIELDS = ("dx_project_years", "dx_lead_years", "dx_lead_count")
CONDITION_KEYS = ("all", "any", "not", "trained", "dsm", "tools", *NUMBER_FIELDS, "mentoring", "step", "custom")


def _no_condition_hook(value: object, _: object) -> None:
    # Step rules are parsed by the condition parser, never by cattrs.
    raise TypeError("conditions are parsed by the loader")


CONVERTER.register_structure_hook(m.Condition | None, _no_condition_hook)

#: A checker for custom-rule conditions: returns problem messages (empty when fine).
RuleChecker = Callable[[m.CustomRule], Sequence[str]]


@attrs.frozen
class Located:
    """Where a definition was written: its document and its path inside it."""

    doc: Document
    path: Path

    def problem(self, sub: Path, message: str) -> Problem:
        return self.doc.problem((*self.path, *sub), message)


@attrs.frozen
class CatalogData:
    """Everything a loaded set of files defines, in file order, with locations."""

    frameworks: dict[str, m.Framework]
    definitions: dict[str, dict[str, Any]]  # kind -> id -> definition
    located: dict[str, Located]  # id -> where it was written
    files: tuple[str, ...]
    copied_from: dict[str, str] = attrs.Factory(dict)  # overlay copy id -> base id
    merged_into: dict[str, str] = attrs.Factory(dict)  # merged persona id -> the persona it merged into


def read_documents(paths: Iterable[str | FsPath]) -> list[Document]:
    """Parse every file (a directory means its ``*.yaml`` / ``*.yml`` files, sorted, recursively)."""
    docs: list[Document] = []
    seen: set[FsPath] = set()
    for raw in paths:
        path = FsPath(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            files = [path]
        for file in files:
            if file.resolve() in seen:
                continue  # the same file named twice (e.g. a built-in given again) is read once
            seen.add(file.resolve())
            try:
                data = file.read_bytes()
            except OSError as exc:
                doc = Document(str(file))
                doc.problems.append(
                    Problem(str(file), bilingual("ファイルを読めません", "cannot read file") + f": {exc.strerror}")
                )
                docs.append(doc)
                continue
            docs.append(parse(data, str(file)))
    return docs


def suggest(key: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The nearest candidates to ``key`` (for "did you mean")."""
    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(key, pool, n=n, cutoff=0.6)


def _did_you_mean(key: str, candidates: Iterable[str]) -> str:
    near = suggest(key, candidates)
    return f" (もしかして / did you mean: {', '.join(near)})" if near else ""


class _Builder:
    def __init__(self, docs: Sequence[Document], rule_checker: RuleChecker | None) -> None:
        self.docs = docs
        self.rule_checker = rule_checker
        self.problems: list[Problem] = []
        self.frameworks: dict[str, m.Framework] = {}
        self.framework_loc: dict[str, Located] = {}
        self.defs: dict[str, dict[str, Any]] = {kind: {} for kind in (*KINDS, "levels", "variants")}
        self.located: dict[str, Located] = {}
        self.copied_from: dict[str, str] = {}
        self.merged_into: dict[str, str] = {}
        self.removed_refs: set[str] = set()
        self.overlay_docs: dict[str, Document] = {}

    # -- phase 1: files and frameworks ------------------------------------------------

    def check_top(self, doc: Document) -> bool:
        self.problems.extend(doc.problems)
        if doc.data is None:
            return False
        if not isinstance(doc.data, dict):
            self.problems.append(
                doc.problem(
                    (),
                    bilingual("最上位はマッピングでなければなりません", "top level must be a mapping")
                    + f"; got {type_name(doc.data)}",
                )
            )
            return False
        ok = True
        for key in doc.data:
            if key not in TOP_KEYS:
                self.problems.append(
                    doc.problem(
                        (key,), bilingual(f"未知のキー '{key}'", f"unknown key '{key}'") + _did_you_mean(key, TOP_KEYS)
                    )
                )
        fmt = doc.data.get("format")
        if fmt != FORMAT:
            what = "missing" if fmt is None else f"{fmt!r}"
            self.problems.append(
                doc.problem(
                    ("format",), bilingual(f"format は '{FORMAT}' です", f"format must be '{FORMAT}'") + f" ({what})"
                )
            )
            ok = False
        if "framework" not in doc.data:
            self.problems.append(doc.problem((), bilingual("framework がありません", "missing 'framework'")))
            ok = False
        return ok

    def define_framework(self, doc: Document) -> None:
        raw = doc.data["framework"]
        if not isinstance(raw, dict):
            return
        loc = Located(doc, ("framework",))
        fw = self.structure(raw, m.Framework, loc)
        if fw is None:
            return
        if not ID_RE.match(fw.id):
            self.problems.append(loc.problem(("id",), _bad_id(fw.id)))
            return
        q = _qualifier(fw.id)
        fw = attrs.evolve(fw, examples=tuple(attrs.evolve(e, id=q(e.id), framework=fw.id) for e in fw.examples))
        if fw.settings is not None and fw.settings.deployed_tools is not None:
            tools = tuple(t if ":" in t else _tool_ref(t) for t in fw.settings.deployed_tools)
            fw = attrs.evolve(fw, settings=attrs.evolve(fw.settings, deployed_tools=tools))
        if fw.id in self.frameworks:
            first = self.framework_loc[fw.id]
            self.problems.append(
                loc.problem(
                    ("id",),
                    bilingual(f"フレームワーク '{fw.id}' が重複しています", f"duplicate framework '{fw.id}'")
                    + f" (first defined at {first.doc.file}:{(first.doc.mark(first.path) or ('?',))[0]})",
                )
            )
            return
        self.frameworks[fw.id] = fw
        self.framework_loc[fw.id] = loc
        if fw.extends is not None or "overlay" in doc.data:
            self.overlay_docs[fw.id] = doc

    def assign_framework(self, doc: Document) -> str | None:
        raw = doc.data["framework"]
        if isinstance(raw, dict):
            fid = raw.get("id")
            return fid if isinstance(fid, str) and fid in self.frameworks else None
        if isinstance(raw, str):
            if raw in self.frameworks:
                return raw
            self.problems.append(
                doc.problem(
                    ("framework",),
                    bilingual(f"フレームワーク '{raw}' が定義されていません", f"unknown framework '{raw}'")
                    + _did_you_mean(raw, self.frameworks),
                )
            )
            return None
        self.problems.append(
            doc.problem(
                ("framework",),
                bilingual("framework は文字列かマッピングです", "framework must be an id or a mapping")
                + f"; got {type_name(raw)}",
            )
        )
        return None

    # -- phase 2: definitions ------------------------------------------------------------

    def structure(self, raw: dict[str, Any], cls: type, loc: Located) -> Any:
        try:
            return CONVERTER.structure(raw, cls)
        except Exception as exc:  # noqa: BLE001 - every structuring error becomes problems
            for sub, message in problems_of(exc):
                self.problems.append(loc.problem(sub, message))
            return None

    def add(self, kind: str, definition: Any, loc: Located) -> None:
        did = definition.id
        if did in self.located:
            first = self.located[did]
            line = (first.doc.mark(first.path) or ("?",))[0]
            self.problems.append(
                loc.problem(
                    ("id",),
                    bilingual(f"id '{did}' が重複しています", f"duplicate id '{did}'")
                    + f" (first at {first.doc.file}:{line})",
                )
            )
            return
        self.defs[kind][did] = definition
        self.located[did] = loc

    def read_items(self, doc: Document, fid: str) -> None:
        for kind, cls in KINDS.items():
            items = doc.data.get(kind)
            if items is None:
                continue
            if not isinstance(items, list):
                self.problems.append(
                    doc.problem(
                        (kind,),
                        bilingual(f"{kind} はリストです", f"'{kind}' must be a list") + f"; got {type_name(items)}",
                    )
                )
                continue
            for i, item in enumerate(items):
                loc = Located(doc, (kind, i))
                if not isinstance(item, dict):
                    self.problems.append(
                        loc.problem(
                            (),
                            bilingual("項目はマッピングです", "each item must be a mapping")
                            + f"; got {type_name(item)}",
                        )
                    )
                    continue
                self.read_item(kind, cls, dict(item), loc, fid)

    def read_item(self, kind: str, cls: type, raw: dict[str, Any], loc: Located, fid: str) -> None:
        for name in ("framework", "scale", "persona") if kind != "steps" else ("framework",):
            if name in raw and _is_derived(cls, name):
                self.problems.append(
                    loc.problem((name,), bilingual(f"'{name}' は自動で設定されます", f"'{name}' is derived; remove it"))
                )
                raw.pop(name)
        local = raw.get("id")
        if not isinstance(local, str) or not ID_RE.match(local):
            if isinstance(local, str):
                self.problems.append(loc.problem(("id",), _bad_id(local)))
                return
        else:
            raw["id"] = f"{fid}:{local}"
        raw["framework"] = fid
        rule_raw = raw.pop("rule", None) if kind == "steps" else None
        if kind == "scales" and "levels" in raw:
            raw["levels"] = self.prepare_children(raw["levels"], loc, ("levels",), fid, scale_local=local)
        if kind == "personas" and "variants" in raw:
            raw["variants"] = self.prepare_children(raw["variants"], loc, ("variants",), fid, persona_local=local)
        definition = self.structure(raw, cls, loc)
        if definition is None:
            return
        if kind == "steps" and rule_raw is not None:
            rule = self.parse_condition(rule_raw, loc, ("rule",))
            definition = attrs.evolve(definition, rule=rule)
        definition = self.qualify(kind, definition, fid)
        self.add(kind, definition, loc)
        if kind == "scales":
            for j, level in enumerate(definition.levels):
                self.add("levels", level, Located(loc.doc, (*loc.path, "levels", j)))
        if kind == "personas":
            for j, variant in enumerate(definition.variants):
                self.add("variants", variant, Located(loc.doc, (*loc.path, "variants", j)))

    def prepare_children(
        self,
        items: Any,
        loc: Located,
        sub: Path,
        fid: str,
        *,
        scale_local: str | None = None,
        persona_local: str | None = None,
    ) -> Any:
        if not isinstance(items, list):
            return items  # the converter reports the wrong type
        out: list[Any] = []
        for j, raw_item in enumerate(items):
            if not isinstance(raw_item, dict):
                out.append(raw_item)
                continue
            item = dict(raw_item)
            local = item.get("id")
            if isinstance(local, str):
                if not ID_RE.match(local):
                    self.problems.append(loc.problem((*sub, j, "id"), _bad_id(local)))
                item["id"] = f"{fid}:{scale_local}.{local}" if scale_local is not None else f"{fid}:{local}"
            for name in ("framework", "scale", "persona"):
                if name in item:
                    self.problems.append(
                        loc.problem(
                            (*sub, j, name),
                            bilingual(f"'{name}' は自動で設定されます", f"'{name}' is derived; remove it"),
                        )
                    )
            item["framework"] = fid
            if scale_local is not None:
                item["scale"] = f"{fid}:{scale_local}"
            if persona_local is not None:
                item["persona"] = f"{fid}:{persona_local}"
            out.append(item)
        return out

    def qualify(self, kind: str, d: Any, fid: str) -> Any:
        q = _qualifier(fid)
        if kind == "personas":
            reqs = tuple(attrs.evolve(r, skill=q(r.skill)) for r in d.requirements)
            return attrs.evolve(d, inherits=tuple(q(x) for x in d.inherits), requirements=reqs)
        if kind == "steps":
            return attrs.evolve(d, persona=q(d.persona), rule=_qualify_condition(d.rule, q))
        if kind == "trainings":
            return attrs.evolve(d, skills=tuple(q(x) for x in d.skills), persona=q(d.persona) if d.persona else None)
        if kind == "tools":
            return attrs.evolve(d, skill=q(d.skill) if d.skill else None)
        if kind == "scales":
            levels = tuple(
                attrs.evolve(lv, descriptors=tuple(attrs.evolve(t, subject=q(t.subject)) for t in lv.descriptors))
                for lv in d.levels
            )
            return attrs.evolve(d, levels=levels, superseded_by=q(d.superseded_by) if d.superseded_by else None)
        return d

    # -- conditions ----------------------------------------------------------------------

    def parse_condition(self, raw: Any, loc: Located, path: Path) -> m.Condition | None:
        bad = bilingual("条件は 1 つのキーを持つマッピングです", "a condition is a mapping with exactly one key")
        if not isinstance(raw, dict) or len(raw) != 1:
            self.problems.append(
                loc.problem(path, bad + f"; got {type_name(raw) if not isinstance(raw, dict) else list(raw)}")
            )
            return None
        ((key, value),) = raw.items()
        here = (*path, key)
        if key not in CONDITION_KEYS:
            self.problems.append(
                loc.problem(
                    here,
                    bilingual(f"未知の条件 '{key}'", f"unknown condition '{key}'") + _did_you_mean(key, CONDITION_KEYS),
                )
            )
            return None
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                self.problems.append(
                    loc.problem(here, bilingual(f"{key} は空でないリストです", f"'{key}' takes a non-empty list"))
                )
                return None
            subs = [self.parse_condition(v, loc, (*here, i)) for i, v in enumerate(value)]
            if any(s is None for s in subs):
                return None
            of = tuple(s for s in subs if s is not None)
            return m.All(of=of) if key == "all" else m.Any(of=of)
        if key == "not":
            sub = self.parse_condition(value, loc, here)
            return None if sub is None else m.Not(of=sub)
        if key == "trained" and isinstance(value, list):
            value = {"skills": value}
        if key == "mentoring":
            if not isinstance(value, bool):
                self.problems.append(
                    loc.problem(here, bilingual("mentoring は true/false です", "'mentoring' takes true or false"))
                )
                return None
            return m.Mentoring(value=value)
        if key in NUMBER_FIELDS:
            if not isinstance(value, dict):
                self.problems.append(
                    loc.problem(here, bilingual(f"{key} は {{min: n}} です", f"'{key}' takes {{min: n}}"))
                )
                return None
            value = {**value, "field": key}
        if key == "custom" and isinstance(value, dict):
            params = value.get("params", {})
            if not isinstance(params, dict):
                self.problems.append(
                    loc.problem((*here, "params"), bilingual("params はマッピングです", "'params' must be a mapping"))
                )
                return None
            value = {**value, "params": list(params.items())}
        cls: type = {
            "trained": m.Trained,
            "dsm": m.DsmLevel,
            "tools": m.ToolsAtLeast,
            "step": m.StepReached,
            "custom": m.CustomRule,
        }.get(key, m.NumberAtLeast)
        if not isinstance(value, dict):
            self.problems.append(
                loc.problem(
                    here,
                    bilingual(f"{key} の値はマッピングです", f"'{key}' takes a mapping") + f"; got {type_name(value)}",
                )
            )
            return None
        if key == "custom":
            if isinstance(value.get("rule"), str) and set(value) <= {"rule", "params"}:
                return m.CustomRule(rule=value["rule"], params=tuple(value["params"]))
            self._bad_custom(value, loc, here)
            return None
        cond: m.Condition | None = self.structure(value, cls, Located(loc.doc, (*loc.path, *here)))
        if cond is None:
            return None
        rng = {"dsm": (0, 3), "tools": (0, 3)}.get(key, (0, None))
        low, high = rng
        minimum = getattr(cond, "min", None)
        if minimum is not None and (minimum < low or (high is not None and minimum > high)):
            span = f"{low}..{high}" if high is not None else f">= {low}"
            self.problems.append(
                loc.problem(
                    (*here, "min"),
                    bilingual("min が範囲外です", "'min' out of range") + f": {minimum} (allowed {span})",
                )
            )
        if isinstance(cond, m.Trained) and not cond.skills and cond.skills_of is None:
            self.problems.append(
                loc.problem(
                    here, bilingual("skills か skills_of が必要です", "'trained' needs 'skills' or 'skills_of'")
                )
            )
        if isinstance(cond, m.ToolsAtLeast) and not cond.tools and not cond.deployed:
            self.problems.append(
                loc.problem(
                    here,
                    bilingual(
                        "tools か deployed: true が必要です", "'tools' needs a list of tools or 'deployed: true'"
                    ),
                )
            )
        return cond

    def _bad_custom(self, value: dict[str, Any], loc: Located, here: Path) -> None:
        if not isinstance(value.get("rule"), str):
            self.problems.append(
                loc.problem(
                    (*here, "rule"), bilingual("rule（登録名）が必要です", "'custom' needs 'rule' (a registered name)")
                )
            )
        for extra in sorted(set(value) - {"rule", "params"}):
            self.problems.append(
                loc.problem((*here, extra), bilingual(f"未知のキー '{extra}'", f"unknown key '{extra}'"))
            )

    # -- overlays ------------------------------------------------------------------------

    def apply_overlays(self) -> None:
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(fid: str) -> bool:
            if state.get(fid) == 2:
                return True
            if state.get(fid) == 1:
                return False
            state[fid] = 1
            base = self.frameworks[fid].extends
            ok = base is None or base not in self.frameworks or visit(base)
            state[fid] = 2
            if ok:
                order.append(fid)
            return ok

        for fid, doc in self.overlay_docs.items():
            fw = self.frameworks[fid]
            loc = self.framework_loc[fid]
            if fw.extends is None:
                self.problems.append(
                    Located(doc, ()).problem(
                        ("overlay",),
                        bilingual("overlay には framework.extends が必要です", "'overlay' needs 'framework.extends'"),
                    )
                )
                continue
            if fw.extends not in self.frameworks:
                self.problems.append(
                    loc.problem(
                        ("extends",),
                        bilingual(
                            f"基底フレームワーク '{fw.extends}' が見つかりません",
                            f"unknown base framework '{fw.extends}'",
                        )
                        + _did_you_mean(fw.extends, self.frameworks),
                    )
                )
                continue
            if not visit(fid):
                self.problems.append(
                    loc.problem(("extends",), bilingual("extends が循環しています", "'extends' forms a cycle"))
                )
        for fid in order:
            fw = self.frameworks[fid]
            if fw.extends is None:
                continue
            base = self.frameworks[fw.extends]
            # The overlay cites its base's sources too (the copies keep their provenance).
            known = {s.id for s in fw.sources}
            extra = tuple(s for s in base.sources if s.id not in known)
            self.frameworks[fid] = attrs.evolve(fw, sources=(*fw.sources, *extra))
            copy_framework(self, base, fid)
            doc = self.overlay_docs[fid]
            raw = doc.data.get("overlay")
            if raw is None:
                continue
            where = Located(doc, ("overlay",))
            if not isinstance(raw, dict):
                self.problems.append(
                    where.problem((), bilingual("overlay はマッピングです", "'overlay' must be a mapping"))
                )
                continue
            raw = dict(raw)
            rule_changes: list[tuple[m.RuleChange, Path]] = []
            rules_raw = raw.pop("rules", [])
            if not isinstance(rules_raw, list):
                self.problems.append(
                    where.problem(("rules",), bilingual("rules はリストです", "'rules' must be a list"))
                )
                rules_raw = []
            for i, item in enumerate(rules_raw):
                sub: Path = ("rules", i)
                if not isinstance(item, dict) or not isinstance(item.get("step"), str):
                    self.problems.append(
                        where.problem(
                            sub, bilingual("{step, replace|extend} です", "a rule change is {step, replace | extend}")
                        )
                    )
                    continue
                extra_keys = sorted(set(item) - {"step", "replace", "extend"})
                for k in extra_keys:
                    self.problems.append(where.problem((*sub, k), bilingual(f"未知のキー '{k}'", f"unknown key '{k}'")))
                parsed = {
                    k: _qualify_condition(self.parse_condition(item[k], where, (*sub, k)), _qualifier(fid))
                    for k in ("replace", "extend")
                    if k in item
                }
                if any(v is None for v in parsed.values()):
                    continue
                rule_changes.append((m.RuleChange(step=item["step"], **parsed), sub))
            spec = self.structure(raw, m.Overlay, where)
            if spec is not None:
                apply_overlay(self, fid, spec, rule_changes, where)

    # -- phase 3: references and consistency ----------------------------------------------

    def check(self) -> None:
        personas = self.defs["personas"]
        skills = self.defs["skills"]
        tools = self.defs["tools"]

        def ref(kind: str, pool: Mapping[str, Any], key: str, loc: Located, sub: Path) -> None:
            if key not in pool:
                near = _did_you_mean_ids(key, pool)
                self.problems.append(
                    loc.problem(sub, bilingual(f"{kind} '{key}' が見つかりません", f"unknown {kind} '{key}'") + near)
                )

        for pid, p in personas.items():
            loc = self.located[pid]
            for i, parent in enumerate(p.inherits):
                ref("persona", personas, parent, loc, ("inherits", i))
            for i, req in enumerate(p.requirements):
                ref("skill", skills, req.skill, loc, ("requirements", i, "skill"))
                self.check_provenance(req.provenance, loc, ("requirements", i, "provenance"))
        self.check_cycles()
        for tid, t in self.defs["trainings"].items():
            loc = self.located[tid]
            for i, s in enumerate(t.skills):
                ref("skill", skills, s, loc, ("skills", i))
            if t.persona:
                ref("persona", personas, t.persona, loc, ("persona",))
        for tid, tool in tools.items():
            loc = self.located[tid]
            if tool.skill:
                ref("skill", skills, tool.skill, loc, ("skill",))
            ranks = [lv.rank for lv in tool.levels]
            if len(set(ranks)) != len(ranks):
                self.problems.append(
                    loc.problem(("levels",), bilingual("レベルの rank が重複しています", "duplicate level ranks"))
                )
        for sid, sc in self.defs["scales"].items():
            loc = self.located[sid]
            ranks = [lv.rank for lv in sc.levels]
            if len(set(ranks)) != len(ranks):
                self.problems.append(
                    loc.problem(("levels",), bilingual("レベルの rank が重複しています", "duplicate level ranks"))
                )
            if sc.superseded_by:
                ref("scale", self.defs["scales"], sc.superseded_by, loc, ("superseded_by",))
            subjects = {**personas, **self.defs["variants"]}
            for j, lv in enumerate(sc.levels):
                for k, td in enumerate(lv.descriptors):
                    ref("persona", subjects, td.subject, loc, ("levels", j, "descriptors", k, "subject"))
        ladders: dict[str, list[tuple[int, str]]] = {}
        for sid, step in self.defs["steps"].items():
            loc = self.located[sid]
            ref("persona", personas, step.persona, loc, ("persona",))
            ladders.setdefault(step.persona, []).append((step.rank, sid))
            if step.rule is not None:
                self.check_condition(step.rule, step, loc, ("rule",))
        for pid, rungs in ladders.items():
            rungs.sort()
            for expected, (rank, sid) in enumerate(rungs, start=1):
                if rank != expected:
                    self.problems.append(
                        self.located[sid].problem(
                            ("rank",),
                            bilingual(
                                f"'{pid}' のステップは 1 から連番です", f"steps of '{pid}' must be numbered 1, 2, 3…"
                            )
                            + f"; expected {expected}, got {rank}",
                        )
                    )
                    break
        for fid, fw in self.frameworks.items():
            if fw.settings is not None and fw.settings.deployed_tools is not None:
                for i, t in enumerate(fw.settings.deployed_tools):
                    ref("tool", tools, t, self.framework_loc[fid], ("settings", "deployed_tools", i))
            if fw.settings is not None and not 0 < fw.settings.nearly_all <= 1:
                self.problems.append(
                    self.framework_loc[fid].problem(
                        ("settings", "nearly_all"),
                        bilingual("nearly_all は 0 より大きく 1 以下です", "'nearly_all' must be in (0, 1]"),
                    )
                )
            source_ids = {s.id for s in fw.sources}
            if source_ids and fw.source not in source_ids:
                self.problems.append(
                    self.framework_loc[fid].problem(
                        ("source",),
                        bilingual(
                            f"source '{fw.source}' が sources にありません", f"source '{fw.source}' is not in 'sources'"
                        )
                        + _did_you_mean(fw.source, source_ids),
                    )
                )
        for did, loc in self.located.items():
            d = self.find(did)
            self.check_provenance(getattr(d, "provenance", None), loc, ("provenance",))

    def find(self, did: str) -> Any:
        for pool in self.defs.values():
            if did in pool:
                return pool[did]
        return None

    def check_provenance(self, prov: m.Provenance | None, loc: Located, sub: Path) -> None:
        if prov is None:
            return
        if prov.flags and not (prov.note and prov.note.strip()):
            self.problems.append(
                loc.problem(
                    sub,
                    bilingual(
                        "interpretation/unverified には note（理由）が必要です",
                        "a flagged fact needs a 'note' saying why",
                    ),
                )
            )
        if prov.source is not None:
            fid = loc.doc.data.get("framework") if isinstance(loc.doc.data, dict) else None
            fid = fid.get("id") if isinstance(fid, dict) else fid
            fw = self.frameworks.get(fid) if isinstance(fid, str) else None
            if fw is not None:
                known = {s.id for s in fw.sources} | {fw.source}
                if prov.source not in known:
                    self.problems.append(
                        loc.problem(
                            (*sub, "source"),
                            bilingual(f"source '{prov.source}' が定義されていません", f"unknown source '{prov.source}'")
                            + _did_you_mean(prov.source, known),
                        )
                    )

    def check_condition(self, cond: m.Condition, step: m.Step, loc: Located, path: Path) -> None:
        skills, tools, personas = self.defs["skills"], self.defs["tools"], self.defs["personas"]

        def missing(kind: str, pool: Mapping[str, Any], key: str, sub: Path) -> None:
            if key not in pool and key not in self.removed_refs:  # removals report at the overlay
                self.problems.append(
                    loc.problem(
                        sub,
                        bilingual(f"{kind} '{key}' が見つかりません", f"unknown {kind} '{key}'")
                        + _did_you_mean_ids(key, pool),
                    )
                )

        if isinstance(cond, (m.All, m.Any)):
            key = "all" if isinstance(cond, m.All) else "any"
            for i, sub in enumerate(cond.of):
                self.check_condition(sub, step, loc, (*path, key, i))
        elif isinstance(cond, m.Not):
            self.check_condition(cond.of, step, loc, (*path, "not"))
        elif isinstance(cond, m.Trained):
            for i, s in enumerate(cond.skills):
                missing(
                    "skill",
                    skills,
                    s,
                    (*path, "trained", "skills", i) if cond.skills_of is not None else (*path, "trained", i),
                )
            if cond.skills_of not in (None, "self"):
                missing("persona", personas, cond.skills_of, (*path, "trained", "skills_of"))
        elif isinstance(cond, m.DsmLevel):
            for i, s in enumerate(cond.skills):
                missing("skill", skills, s, (*path, "dsm", "skills", i))
        elif isinstance(cond, m.ToolsAtLeast):
            for i, t in enumerate(cond.tools):
                missing("tool", tools, t, (*path, "tools", "tools", i))
        elif isinstance(cond, m.StepReached):
            missing("persona", personas, cond.persona, (*path, "step", "persona"))
        elif isinstance(cond, m.CustomRule) and self.rule_checker is not None:
            for message in self.rule_checker(cond):
                self.problems.append(loc.problem((*path, "custom"), message))

    def check_cycles(self) -> None:
        personas = self.defs["personas"]
        state: dict[str, int] = {}
        reported: set[frozenset[str]] = set()

        def visit(pid: str, stack: list[str]) -> None:
            state[pid] = 1
            stack.append(pid)
            for parent in personas[pid].inherits:
                if parent not in personas:
                    continue
                if state.get(parent) == 1:
                    cycle = [*stack[stack.index(parent) :], parent]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        self.problems.append(
                            self.located[pid].problem(
                                ("inherits",),
                                bilingual("継承が循環しています", "inheritance cycle") + ": " + " → ".join(cycle),
                            )
                        )
                elif state.get(parent) is None:
                    visit(parent, stack)
            stack.pop()
            state[pid] = 2

        for pid in personas:
            if pid not in state:
                visit(pid, [])

    def finish(self) -> CatalogData:
        scales_by_fw: dict[str, list[m.Scale]] = {}
        for sc in self.defs["scales"].values():
            scales_by_fw.setdefault(sc.framework, []).append(sc)
        frameworks = {
            fid: attrs.evolve(fw, scales=tuple(scales_by_fw.get(fid, ()))) for fid, fw in self.frameworks.items()
        }
        located = dict(self.located)
        for fid, loc in self.framework_loc.items():
            located.setdefault(fid, loc)
        return CatalogData(
            frameworks=frameworks,
            definitions=self.defs,
            located=located,
            files=tuple(d.file for d in self.docs),
            copied_from=dict(self.copied_from),
            merged_into=dict(self.merged_into),
        )


def _is_derived(cls: type, name: str) -> bool:
    fields = {f.name: f for f in attrs.fields(cls)}
    return name in fields and bool(fields[name].metadata.get("derived"))


def _bad_id(value: str) -> str:
    return (
        bilingual(f"id '{value}' が不正です", f"invalid id '{value}'")
        + ": use lower-case ASCII letters, digits, '.', '_' and '-'"
    )


def _qualifier(fid: str) -> Callable[[str], str]:
    def q(ref: str) -> str:
        return ref if ":" in ref else f"{fid}:{ref}"

    return q


def _qualify_condition(cond: m.Condition | None, q: Callable[[str], str]) -> m.Condition | None:
    if cond is None:
        return None
    if isinstance(cond, (m.All, m.Any)):
        subs = tuple(_qualify_condition(c, q) for c in cond.of)
        return attrs.evolve(cond, of=tuple(s for s in subs if s is not None))
    if isinstance(cond, m.Not):
        inner = _qualify_condition(cond.of, q)
        return cond if inner is None else m.Not(of=inner)
    if isinstance(cond, m.Trained):
        of = cond.skills_of if cond.skills_of in (None, "self") else q(cond.skills_of)
        return attrs.evolve(cond, skills=tuple(q(s) for s in cond.skills), skills_of=of)
    if isinstance(cond, m.DsmLevel):
        return attrs.evolve(cond, skills=tuple(q(s) for s in cond.skills))
    if isinstance(cond, m.ToolsAtLeast):
        return attrs.evolve(cond, tools=tuple(q(t) if ":" in t else _tool_ref(t) for t in cond.tools))
    if isinstance(cond, m.StepReached):
        return attrs.evolve(cond, persona=q(cond.persona))
    return cond


def _tool_ref(ref: str) -> str:
    # Tools are the DSM tool edition's: an unqualified tool name refers to tokyo-dsm.
    return f"tokyo-dsm:{ref}"


def _did_you_mean_ids(key: str, pool: Mapping[str, Any]) -> str:
    local = key.split(":", 1)[-1]
    same_fw = [i for i in pool if i.split(":", 1)[0] == key.split(":", 1)[0]]
    by_local = {i.split(":", 1)[-1]: i for i in same_fw or pool}
    near = suggest(local, by_local)
    if not near:
        labels = {getattr(pool[i], "label", ""): i for i in (same_fw or pool)}
        near_labels = suggest(local, labels)
        near = [f"{lab} ({labels[lab]})" for lab in near_labels]
        return f" (もしかして / did you mean: {', '.join(near)})" if near else ""
    return f" (もしかして / did you mean: {', '.join(by_local[n] for n in near)})"


def build(docs: Sequence[Document], *, rule_checker: RuleChecker | None = None) -> CatalogData:
    """Structure and check parsed documents; raise :class:`CatalogError` with every problem."""
    b = _Builder(docs, rule_checker)
    usable = [doc for doc in docs if b.check_top(doc)]
    for doc in usable:
        b.define_framework(doc)
    for doc in usable:
        fid = b.assign_framework(doc)
        if fid is not None:
            b.read_items(doc, fid)
    b.apply_overlays()
    b.check()
    if b.problems:
        raise CatalogError(_dedupe(b.problems))
    return b.finish()


def _dedupe(problems: Iterable[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
