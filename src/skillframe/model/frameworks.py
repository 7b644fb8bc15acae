"""A framework: its metadata, sources, editions, worked examples and a municipality's settings."""

from __future__ import annotations

from typing import Literal

import attrs

from .provenance import Edition, Provenance, Source, derived
from .scales import Scale

__all__ = ["Example", "Framework", "Profile", "Settings"]


@attrs.frozen(kw_only=True, repr=False)
class Example:
    """A worked example the source gives (e.g. a municipality's numeric target)."""

    id: str
    label: str
    label_en: str | None = None
    text: str
    provenance: Provenance = attrs.field(factory=Provenance)
    framework: str = attrs.field(default="", metadata=derived())


@attrs.frozen(kw_only=True, repr=False)
class Profile:
    """A municipality's answers that the policy advice reads (docs/policy.md).

    ``population`` (people), ``it_staff`` (全庁情報システム担当, people), ``it_arrangement``
    (単独配置 ``single`` / 1～2名体制 ``small`` / 複数名体制 ``multiple``), ``specialist_system``
    (a 専門職制度 exists), ``cio_adviser`` (任用（常勤） ``full-time`` / 任用（非常勤）
    ``part-time`` / 外部委託 ``outsourced`` / ``none``), ``pattern`` (the 策定パターン:
    ``new`` / ``revise-dx-plan`` / ``revise-hr-policy``), ``policy_exists`` (a policy is
    already in force: the 策定手順 for a revision applies). ``None``: not answered.
    """

    population: int | None = None
    it_staff: int | None = None
    it_arrangement: Literal["single", "small", "multiple"] | None = None
    specialist_system: bool | None = None
    cio_adviser: Literal["full-time", "part-time", "outsourced", "none"] | None = None
    pattern: Literal["new", "revise-dx-plan", "revise-hr-policy"] | None = None
    policy_exists: bool | None = None
    note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Settings:
    """A municipality's settings, held by its framework (an overlay).

    ``deployed_tools`` are the DSM tools it has deployed (``None``: all of them);
    ``departments`` its 課; ``nearly_all`` the share that counts as 総務省
    「ほぼ全ての者」 — a judgement, shown wherever it is used; ``coverage_persona``
    the persona (a key) whose placement per 課 and concentration the rollup shows
    (the WG framework sets DX推進員: §2 数値目標例「各課に○名」). A rollup reads
    ``coverage_persona`` along the ``extends`` chain, so a town's settings need not repeat it.
    """

    deployed_tools: tuple[str, ...] | None = None
    departments: tuple[str, ...] = ()
    nearly_all: float = 0.9
    note: str | None = None
    coverage_persona: str | None = None
    profile: Profile | None = None


@attrs.frozen(kw_only=True, repr=False)
class Framework:
    """A skill framework: its metadata and the scales it defines.

    A framework that ``extends`` another is an overlay: it starts as a copy of the
    base (copy on write: the base is never changed) and applies its ``overlay``
    operations; its ``settings`` hold the municipality's choices.

    ``provides`` names the roles the engine looks a framework up by, instead of by id:
    ``dsm_levels`` (the skill levels 0–3 and tools staff records give, as the Tokyo
    デジタルスキルマップ does; an unqualified tool name in a rule is one of its tools)
    and ``organisation_levels`` (the organisation-level personas rollups infer, as the
    総務省 guidebook does). The first loaded framework providing a role is used.

    ``status`` (``current`` / ``draft`` / ``superseded``) and ``verified`` (how far the
    catalog was checked against its source: ``full`` / ``partial`` / ``no``) are what the
    catalog file says; ``None`` where it says nothing — never assumed (an overlay does not
    take its base's: the town's document is not the standard).
    """

    id: str
    label: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()
    publisher: str
    version: str | None = None
    issued: str | None = None
    source: str
    sources: tuple[Source, ...] = ()
    licence: str | None = None
    attribution: str | None = None
    status: Literal["current", "draft", "superseded"] | None = None
    superseded_by: str | None = None
    verified: Literal["full", "partial", "no"] | None = None
    description: str | None = None
    history: tuple[Edition, ...] = ()
    examples: tuple[Example, ...] = ()
    extends: str | None = None
    settings: Settings | None = None
    provides: tuple[Literal["dsm_levels", "organisation_levels"], ...] = ()
    provenance: Provenance = attrs.field(factory=Provenance)
    scales: tuple[Scale, ...] = attrs.field(default=(), metadata=derived())

    @property
    def framework(self) -> str:
        """A framework belongs to itself (so every definition has ``.framework``)."""
        return self.id
