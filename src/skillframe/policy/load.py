"""Reading policy content: the built-in files, extra files, and an overlay's ``policy:`` section.

The built-in policy files live in ``catalogs/<framework>/policy/*.yaml`` in the
``skillframe-policy/1`` format (docs/policy.md); the catalog loader skips them. An overlay
(a municipality's catalog file) may hold a top-level ``policy:`` section that removes,
renames and adds measures::

    policy:
      remove: [ojt-07]
      rename:
        - {id: channel-govtech, label: GovTech東京の活用}
      measures:
        - id: town-mentor
          label: 庁内メンター制度
          kind: development
          mode: ojt
          cite: {document: town-policy, locator: "3.2"}

Every problem is reported at once with its file and line (:class:`PolicyError`).

>>> import skillframe
>>> pol = load_policy(skillframe.load())
>>> pol.decision("specialist-system").row("multiple").recommendation
'制度化を推奨'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs

from .._catalog import Catalog
from .._formats.structure import CONVERTER, problems_of, type_name
from .._formats.yaml import Document, parse
from .._load import builtin_catalog_paths
from ..errors import CatalogError, Problem, bilingual
from ..model import Profile
from .model import Comparison, Decision, Measure, PolicyFile, PolicyTable

__all__ = ["FORMAT", "Policy", "PolicyError", "builtin_policy_files", "load_policy"]

FORMAT = "skillframe-policy/1"
_OVERLAY_KEYS = ("remove", "rename", "measures")


class PolicyError(CatalogError):
    """Policy files or an overlay's ``policy:`` / ``profile`` are invalid.

    ``problems`` holds every problem (:class:`~skillframe.errors.Problem`: file, line, and
    a machine-readable ``code``); ``codes`` lists those codes in the same order
    (``yaml.*`` and ``file.*`` from reading the YAML, ``policy.format``, ``policy.structure``,
    ``policy.duplicate``, ``policy.unknown-measure``, ``policy.flag-without-note``, ``profile.negative``,
    ``profile.ambiguous-framework``).
    """

    code = "policy-invalid"

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems)

    @property
    def codes(self) -> tuple[str, ...]:
        """The ``code`` of every problem, in order."""
        return tuple(p.code for p in self.problems)

    def __str__(self) -> str:
        n = len(self.problems)
        head = bilingual(
            f"方針ファイルまたはプロファイルに {n} 件の誤りがあります", f"{n} problem(s) in policy or profile"
        )
        return head + "\n" + "\n".join(str(p) for p in self.problems)


@attrs.frozen
class Policy:
    """The policy content in force: the report's, changed by the overlay.

    ``origin`` maps a measure id to ``report`` (as the report says), ``renamed`` (the
    report's measure under the municipality's name) or ``municipality`` (added by it).
    """

    tables: tuple[PolicyTable, ...]
    comparisons: tuple[Comparison, ...]
    decisions: tuple[Decision, ...]
    measures: tuple[Measure, ...]
    origin: dict[str, str] = attrs.field(eq=False, repr=False)
    files: tuple[str, ...] = attrs.field(repr=False)

    def __repr__(self) -> str:
        return (
            f"<Policy {len(self.tables)} tables, {len(self.comparisons)} comparisons, "
            f"{len(self.decisions)} decisions, {len(self.measures)} measures>"
        )

    def table(self, table_id: str) -> PolicyTable:
        """The table with this id (``KeyError`` when there is none)."""
        return _by_id(self.tables, table_id)

    def comparison(self, comparison_id: str) -> Comparison:
        """The comparison with this id."""
        return _by_id(self.comparisons, comparison_id)

    def decision(self, decision_id: str) -> Decision:
        """The decision table with this id."""
        return _by_id(self.decisions, decision_id)

    def measure(self, measure_id: str) -> Measure:
        """The measure with this id."""
        return _by_id(self.measures, measure_id)

    def measures_of(self, *, kind: str | None = None, mode: str | None = None) -> tuple[Measure, ...]:
        """The measures of a kind (``securing``/``development``) and/or mode, in file order."""
        return tuple(m for m in self.measures if (kind is None or m.kind == kind) and (mode is None or m.mode == mode))


_T = TypeVar("_T", PolicyTable, Comparison, Decision, Measure)


def _by_id(items: Sequence[_T], key: str) -> _T:
    for item in items:
        if item.id == key:
            return item
    raise KeyError(key)


def builtin_policy_files() -> list[Path]:
    """The built-in policy files (``catalogs/*/policy/*.yaml``), sorted."""
    return [f for d in builtin_catalog_paths() for f in sorted((d / "policy").glob("*.yaml"))]


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.tables: list[PolicyTable] = []
        self.comparisons: list[Comparison] = []
        self.decisions: list[Decision] = []
        self.measures: list[Measure] = []
        self.origin: dict[str, str] = {}
        self.where: dict[tuple[str, str], str] = {}
        self.files: list[str] = []

    def add(self, code: str, doc: Document, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(doc.problem(path, message, code))

    def read_file(self, doc: Document) -> None:
        self.files.append(doc.file)
        self.problems.extend(doc.problems)  # their own codes: yaml.syntax, yaml.duplicate_key, file.encoding…
        if doc.data is None:
            return
        if not isinstance(doc.data, dict) or doc.data.get("format") != FORMAT:
            got = doc.data.get("format") if isinstance(doc.data, dict) else type_name(doc.data)
            self.add(
                "policy.format",
                doc,
                ("format",),
                bilingual(f"format は '{FORMAT}' です", f"format must be '{FORMAT}'") + f" ({got!r})",
            )
            return
        self.check_flags(doc, doc.data, ())
        try:
            pf = CONVERTER.structure(doc.data, PolicyFile)
        except Exception as exc:  # noqa: BLE001 - every structuring error becomes a problem
            for path, message in problems_of(exc):
                self.add("policy.structure", doc, path, message)
            return
        self.take("tables", pf.tables, self.tables, doc)
        self.take("comparisons", pf.comparisons, self.comparisons, doc)
        self.take("decisions", pf.decisions, self.decisions, doc)
        self.take("measures", pf.measures, self.measures, doc)
        for m in pf.measures:
            self.origin.setdefault(m.id, "report" if pf.document == "wg2025-report" else "municipality")

    def take(self, kind: str, items: Sequence[_T], pool: list[_T], doc: Document) -> None:
        for i, item in enumerate(items):
            if self.unique(kind, item.id, doc, (kind, i, "id")):
                pool.append(item)

    def check_flags(self, doc: Document, value: Any, path: tuple[str | int, ...]) -> None:
        """A cite flagged ``interpretation`` or ``unverified`` must say why (``note``)."""
        if isinstance(value, dict):
            flagged = value.get("interpretation") is True or value.get("unverified") is True
            if flagged and not (value.get("note") or value.get("note_ja")):
                self.add(
                    "policy.flag-without-note",
                    doc,
                    path,
                    bilingual(
                        "interpretation/unverified には note（日本語は note_ja）が必要です",
                        "a flagged cite needs a note (or note_ja)",
                    ),
                )
            for k, v in value.items():
                self.check_flags(doc, v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                self.check_flags(doc, v, (*path, i))

    def unique(self, kind: str, key: str, doc: Document, path: tuple[str | int, ...]) -> bool:
        first = self.where.get((kind, key))
        if first is not None:
            self.add(
                "policy.duplicate",
                doc,
                path,
                bilingual(f"'{key}' が重複しています", f"duplicate id '{key}'") + f" (first in {first})",
            )
            return False
        line = (doc.mark(path) or ("?",))[0]
        self.where[(kind, key)] = f"{doc.file}:{line}"
        return True

    def read_overlay(self, doc: Document) -> None:
        raw = doc.data.get("policy")
        self.files.append(doc.file)
        if not isinstance(raw, dict):
            self.add(
                "policy.structure",
                doc,
                ("policy",),
                bilingual("policy はマッピングです", "'policy' must be a mapping") + f"; got {type_name(raw)}",
            )
            return
        for key in raw:
            if key not in _OVERLAY_KEYS:
                self.add(
                    "policy.structure",
                    doc,
                    ("policy", key),
                    bilingual(f"未知のキー '{key}'", f"unknown key '{key}'")
                    + f" (expected: {', '.join(_OVERLAY_KEYS)})",
                )
        known = {m.id for m in self.measures}
        removed: set[str] = set()
        for i, key in enumerate(_list(self, doc, raw, "remove")):
            if not isinstance(key, str) or key not in known:
                self.unknown(doc, ("policy", "remove", i), key, known)
                continue
            removed.add(key)
        renames: dict[str, dict[str, Any]] = {}
        for i, item in enumerate(_list(self, doc, raw, "rename")):
            path: tuple[str | int, ...] = ("policy", "rename", i)
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("id"), str)
                or not isinstance(item.get("label"), str)
            ):
                self.add(
                    "policy.structure",
                    doc,
                    path,
                    bilingual("rename は {id, label, label_en} です", "rename takes {id, label, label_en}"),
                )
                continue
            extra = set(item) - {"id", "label", "label_en"}
            if extra:
                self.add(
                    "policy.structure",
                    doc,
                    (*path, sorted(extra)[0]),
                    bilingual("未知のキー", "unknown key") + f" {sorted(extra)}",
                )
                continue
            if item["id"] not in known:
                self.unknown(doc, (*path, "id"), item["id"], known)
                continue
            renames[item["id"]] = item
        added: list[Measure] = []
        for i, item in enumerate(_list(self, doc, raw, "measures")):
            path = ("policy", "measures", i)
            try:
                m = CONVERTER.structure(item, Measure)
            except Exception as exc:  # noqa: BLE001
                for sub, message in problems_of(exc):
                    self.add("policy.structure", doc, (*path, *sub), message)
                continue
            if self.unique("measures", m.id, doc, (*path, "id")):
                added.append(m)
                self.origin[m.id] = "municipality"
        out: list[Measure] = []
        for measure in self.measures:
            if measure.id in removed:
                self.origin.pop(measure.id, None)
                continue
            if measure.id in renames:
                r = renames[measure.id]
                self.origin[measure.id] = "renamed"
                out.append(attrs.evolve(measure, label=r["label"], label_en=r.get("label_en")))
            else:
                out.append(measure)
        self.measures = [*out, *added]

    def unknown(self, doc: Document, path: tuple[str | int, ...], key: object, known: set[str]) -> None:
        from .._text import suggest  # the shared did-you-mean

        near = suggest(str(key), known) if isinstance(key, str) else []
        hint = f" (did you mean: {', '.join(near)}?)" if near else ""
        self.add(
            "policy.unknown-measure",
            doc,
            path,
            bilingual(f"施策 '{key}' がありません", f"unknown measure '{key}'") + hint,
        )


def _list(reader: _Reader, doc: Document, raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        reader.add(
            "policy.structure",
            doc,
            ("policy", key),
            bilingual(f"{key} はリストです", f"'{key}' must be a list") + f"; got {type_name(value)}",
        )
        return []
    return value


def _overlay_documents(catalog: Catalog) -> list[Document]:
    """The catalog's own (non built-in) files, parsed again for their ``policy:`` sections and profiles."""
    builtin = {p.resolve() for d in builtin_catalog_paths() for p in d.rglob("*.yaml")}
    docs = []
    for file in catalog.files:
        path = Path(file)
        if path.resolve() in builtin:
            continue
        docs.append(parse(path.read_bytes(), file))
    return docs


def load_policy(catalog: Catalog, *files: str | Path, builtins: bool = True) -> Policy:
    """The policy content in force for ``catalog``: the built-in files, ``files``, then overlays.

    Raises :class:`PolicyError` with every problem (file:line) when a file or an overlay's
    ``policy:`` section is invalid.
    """
    reader = _Reader()
    paths = [*(builtin_policy_files() if builtins else []), *map(Path, files)]
    for path in paths:
        reader.read_file(parse(path.read_bytes(), str(path)))
    for doc in _overlay_documents(catalog):
        if isinstance(doc.data, dict) and "policy" in doc.data:
            reader.read_overlay(doc)
    if reader.problems:
        raise PolicyError(reader.problems)
    return Policy(
        tables=tuple(reader.tables),
        comparisons=tuple(reader.comparisons),
        decisions=tuple(reader.decisions),
        measures=tuple(reader.measures),
        origin=dict(reader.origin),
        files=tuple(reader.files),
    )


def profile_of(catalog: Catalog, framework: str | None = None) -> tuple[str | None, Profile]:
    """The framework whose profile applies and its :class:`~skillframe.model.Profile`.

    ``framework`` chooses; by default the one overlay (a framework that ``extends``
    another); with no overlay, an empty profile (every answer missing). Several overlays
    and no choice: :class:`PolicyError` (``profile.ambiguous-framework``). A negative
    ``population`` or ``it_staff``, or answers that contradict each other
    (:func:`profile_problems`), are a :class:`PolicyError` at the file and line.
    """
    if framework is not None:
        fw = catalog.framework(framework)
    else:
        overlays = [f for f in catalog.frameworks() if f.extends]
        if not overlays:
            return None, Profile()
        if len(overlays) > 1:
            ids = ", ".join(f.id for f in overlays)
            raise PolicyError(
                [
                    Problem(
                        "<catalog>",
                        bilingual(
                            f"上書きフレームワークが複数あります（{ids}）: framework を指定してください",
                            f"several overlays ({ids}): choose a framework",
                        ),
                        code="profile.ambiguous-framework",
                    )
                ]
            )
        fw = overlays[0]
    profile = fw.settings.profile if fw.settings is not None and fw.settings.profile is not None else Profile()
    found = profile_problems(profile)
    if found:
        problems = []
        for doc in _overlay_documents(catalog):
            data = doc.data if isinstance(doc.data, dict) else {}
            raw_fw = data.get("framework")
            if isinstance(raw_fw, dict) and raw_fw.get("id") == fw.id:
                for code, name, message in found:
                    path = ("framework", "settings", "profile", name)
                    problems.append(doc.problem(path, message, code))
        raise PolicyError(problems or [Problem("<profile>", message, code=code) for code, _, message in found])
    return fw.id, profile


#: What each IT arrangement means in people (the report's words: 単独配置, 1～2名体制, 複数名体制).
_ARRANGEMENT_STAFF = {"single": (0, 1, "単独配置"), "small": (1, 2, "1～2名体制"), "multiple": (2, None, "複数名体制")}


def profile_problems(profile: Profile) -> list[tuple[str, str, str]]:
    """The problems of a profile as ``(code, field, bilingual message)``: counts below zero
    (``profile.negative``) and an ``it_staff`` that contradicts ``it_arrangement``
    (``profile.contradiction``: 単独配置 is at most one person, 1～2名体制 one or two,
    複数名体制 two or more).

    >>> profile_problems(Profile(it_staff=5, it_arrangement="single"))[0][:2]
    ('profile.contradiction', 'it_staff')
    >>> profile_problems(Profile(it_staff=2, it_arrangement="small"))
    []
    """
    out: list[tuple[str, str, str]] = []
    for name in ("population", "it_staff"):
        value = getattr(profile, name)
        if value is not None and value < 0:
            out.append(
                (
                    "profile.negative",
                    name,
                    bilingual(f"{name} は0以上です", f"{name} must be 0 or more") + f"; got {value}",
                )
            )
    staff, arrangement = profile.it_staff, profile.it_arrangement
    if staff is not None and staff >= 0 and arrangement is not None:
        low, high, words = _ARRANGEMENT_STAFF[arrangement]
        if staff < low or (high is not None and staff > high):
            out.append(
                (
                    "profile.contradiction",
                    "it_staff",
                    bilingual(
                        f"it_staff {staff}名 は it_arrangement {arrangement}（{words}）と矛盾します。"
                        "どちらかを直してください",
                        f"it_staff {staff} contradicts it_arrangement {arrangement} ({words}); correct one of them",
                    ),
                )
            )
    return out
