"""Phases 1 and 2 of a build: each file's top level and framework, then each definition
structured by the one converter with its ids qualified (``bpr`` → ``tokyo-wg-2025:bpr``).

:class:`Builder` holds the state of one build (definitions so far, where each was written,
problems); the checks (:mod:`.check`) and the overlays (:mod:`.extends`) read and extend it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .. import model as m
from .._formats.catalog_file import KINDS, bad_id, check_top, is_id
from .._formats.structure import CONVERTER, code_of, problems_of, type_name
from .._formats.yaml import Document, Path
from .._text import did_you_mean
from ..conditions.parse import parse_condition
from ..errors import Problem, bilingual
from .conditions import CodedRuleChecker, check_custom_rules, qualify_condition
from .state import CatalogData, Located, qualifier

__all__ = ["Builder"]


class Builder:
    """The state of one build: definitions so far, where each was written, problems."""

    def __init__(self, docs: Sequence[Document], rule_checker: CodedRuleChecker | None) -> None:
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
        ok, problems = check_top(doc)
        self.problems.extend(problems)
        return ok

    def provider(self, role: str) -> str | None:
        """The first framework (in load order) that ``provides`` ``role`` (``dsm_levels``…)."""
        return next((fid for fid, fw in self.frameworks.items() if role in fw.provides), None)

    def tool_ref(self, ref: str) -> str:
        """An unqualified tool name names a tool of the framework that provides the DSM levels."""
        if ":" in ref:
            return ref
        fid = self.provider("dsm_levels")
        return f"{fid}:{ref}" if fid is not None else ref

    def qualify_settings(self) -> None:
        for fid, fw in self.frameworks.items():
            if fw.settings is not None and fw.settings.deployed_tools is not None:
                tools = tuple(self.tool_ref(t) for t in fw.settings.deployed_tools)
                self.frameworks[fid] = attrs.evolve(fw, settings=attrs.evolve(fw.settings, deployed_tools=tools))

    def define_framework(self, doc: Document) -> None:
        raw = doc.data["framework"]
        if not isinstance(raw, dict):
            return
        loc = Located(doc, ("framework",))
        fw = self.structure(raw, m.Framework, loc)
        if fw is None:
            return
        if not is_id(fw.id):
            self.problems.append(loc.problem(("id",), bad_id(fw.id), "id.invalid"))
            return
        q = qualifier(fw.id)
        fw = attrs.evolve(fw, examples=tuple(attrs.evolve(e, id=q(e.id), framework=fw.id) for e in fw.examples))
        if fw.id in self.frameworks:
            first = self.framework_loc[fw.id]
            self.problems.append(
                loc.problem(
                    ("id",),
                    bilingual(f"フレームワーク '{fw.id}' が重複しています", f"duplicate framework '{fw.id}'")
                    + f" (first defined at {first.doc.file}:{first.line()})",
                    "id.duplicate",
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
                    + did_you_mean(raw, self.frameworks),
                    "ref.unknown",
                )
            )
            return None
        self.problems.append(
            doc.problem(
                ("framework",),
                bilingual("framework は文字列かマッピングです", "framework must be an id or a mapping")
                + f"; got {type_name(raw)}",
                "type",
            )
        )
        return None

    # -- phase 2: definitions ------------------------------------------------------------

    def structure(self, raw: dict[str, Any], cls: type, loc: Located) -> Any:
        try:
            return CONVERTER.structure(raw, cls)
        except Exception as exc:  # noqa: BLE001 - every structuring error becomes problems
            for sub, message in problems_of(exc):
                self.problems.append(loc.problem(sub, message, code_of(message)))
            return None

    def add(self, kind: str, definition: Any, loc: Located) -> None:
        did = definition.id
        if did in self.located:
            first = self.located[did]
            self.problems.append(
                loc.problem(
                    ("id",),
                    bilingual(f"id '{did}' が重複しています", f"duplicate id '{did}'")
                    + f" (first at {first.doc.file}:{first.line()})",
                    "id.duplicate",
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
                        "type",
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
                            "type",
                        )
                    )
                    continue
                self.read_item(kind, cls, dict(item), loc, fid)

    def read_item(self, kind: str, cls: type, raw: dict[str, Any], loc: Located, fid: str) -> None:
        for name in ("framework", "scale", "persona") if kind != "steps" else ("framework",):
            if name in raw and _is_derived(cls, name):
                self.problems.append(
                    loc.problem(
                        (name,),
                        bilingual(f"'{name}' は自動で設定されます", f"'{name}' is derived; remove it"),
                        "field.derived",
                    )
                )
                raw.pop(name)
        local = raw.get("id")
        if not is_id(local):
            if isinstance(local, str):
                self.problems.append(loc.problem(("id",), bad_id(local), "id.invalid"))
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
            rule = parse_condition(self, rule_raw, loc, ("rule",))
            check_custom_rules(self, rule, loc, ("rule",))
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
                if not is_id(local):
                    self.problems.append(loc.problem((*sub, j, "id"), bad_id(local), "id.invalid"))
                item["id"] = f"{fid}:{scale_local}.{local}" if scale_local is not None else f"{fid}:{local}"
            for name in ("framework", "scale", "persona"):
                if name in item:
                    self.problems.append(
                        loc.problem(
                            (*sub, j, name),
                            bilingual(f"'{name}' は自動で設定されます", f"'{name}' is derived; remove it"),
                            "field.derived",
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
        q = qualifier(fid)
        if kind == "personas":
            reqs = tuple(attrs.evolve(r, skill=q(r.skill)) for r in d.requirements)
            return attrs.evolve(d, inherits=tuple(q(x) for x in d.inherits), requirements=reqs)
        if kind == "steps":
            return attrs.evolve(d, persona=q(d.persona), rule=qualify_condition(d.rule, q, self.tool_ref))
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
