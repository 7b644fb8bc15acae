"""Resolving the keys a staff record uses (persona, skill, training, tool, checklist item), once each.

>>> import skillframe
>>> res = KeyResolver(skillframe.load())
>>> res.trained("BPR研修")
('tokyo-wg-2025:bpr',)
>>> res.trained("業務分析/BPR")
('tokyo-wg-2025:bpr',)
>>> res.trained_many(("各種ガイド", "ドキュメントの説明会"))  # one training whose name has 、
('tokyo-wg-2025:it-governance',)
>>> res.ladder_persona("一般行政職員"), res.has_ladder("mic-guidebook-2024:general-staff")
('tokyo-wg-2025:general-staff', False)
>>> res.ladder_persona("DX推進リーダー")
Traceback (most recent call last):
...
skillframe._keys.AmbiguousPersonaError: 人材像 'DX推進リーダー' は複数の人材像に当たります: ...
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ._text import label_of, normalize
from .errors import AmbiguousKeyError, LookupFailed, UnknownKeyError, bilingual

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["AmbiguousPersonaError", "KeyResolver", "PersonaWithoutLadderError", "SeparatedNamesError", "split_name"]

# What separates the entries of a list cell (staff.structured.parse_keys splits on the same).
_SEPARATORS = re.compile("[;；、\n]")
# What people separate names with that is not a list separator (after NFKC: ・ , / and spaces).
# Only an entry that names nothing is split so, and only when every part is a known name:
# 業務分析/BPR is a skill's own name and resolves before this is looked at.
_OTHER_SEPARATORS = re.compile(r"[・,/\s]+")


def split_name(name: str) -> tuple[str, ...]:
    """A name as the list-cell splitter would cut it, normalised (``各種ガイド、ドキュメントの説明会``
    → two parts): how a multi-part name is recognised among split entries."""
    return tuple(normalize(p) for p in _SEPARATORS.split(name) if p.strip())


class SeparatedNamesError(UnknownKeyError):
    """A ``trainings`` entry that is no one name but several known names separated by ・, a
    comma, a slash or a space (``BPR研修・UX研修``): the list separators are 、 and ;. ``parts`` are the
    names as written (still a row error ``unknown-training``: nothing is guessed).

    >>> print(SeparatedNamesError("BPR研修・UX研修", ("BPR研修", "UX研修")))  # doctest: +NORMALIZE_WHITESPACE
    研修 'BPR研修・UX研修' は 1 つの名前ではありません。研修名は「、」か「;」で区切ってください: BPR研修、UX研修 /
    'BPR研修・UX研修' is not one name: separate trainings with 、 or ; — BPR研修; UX研修
    """

    def __init__(self, key: str, parts: tuple[str, ...]) -> None:
        super().__init__("skill or training", key)
        self.parts = parts

    def message(self) -> str:
        k = self.shown_key
        return bilingual(
            f"研修 '{k}' は 1 つの名前ではありません。研修名は「、」か「;」で区切ってください: {'、'.join(self.parts)}",
            f"'{k}' is not one name: separate trainings with 、 or ; — {'; '.join(self.parts)}",
        )


class AmbiguousPersonaError(AmbiguousKeyError):
    """A persona key names several personas and the catalog's precedence does not pick one
    with a ladder. ``candidates`` holds their ids; ``described`` each with its label, framework
    and whether it has a ladder (段階)."""

    def __init__(self, key: str, candidates: list[str], described: list[tuple[str, str]]) -> None:
        super().__init__("persona", key, candidates=candidates)
        self.described = tuple(described)

    def message(self) -> str:
        ja = "; ".join(j for j, _ in self.described)
        en = "; ".join(e for _, e in self.described)
        if any("段階あり" in j for j, _ in self.described):
            ask_ja, ask_en = (
                "段階のある人材像の名称か id で書いてください",
                "write the label or id of the one with a ladder",
            )
        else:
            ask_ja, ask_en = "id で書いてください", "write the id of the one meant"
        return bilingual(
            f"人材像 '{self.shown_key}' は複数の人材像に当たります: {ja}。{ask_ja}",
            f"persona '{self.shown_key}' names several personas: {en}; {ask_en}",
        )


class PersonaWithoutLadderError(LookupFailed):
    """A persona given to be evaluated against has no ladder (steps): ``code`` ``persona-without-ladder``."""

    code = "persona-without-ladder"

    def __init__(self, key: str, persona_id: str, label: str, near: list[str]) -> None:
        super().__init__("persona", key)
        self.persona_id = persona_id
        self.label = label
        self.suggestions = tuple(near)

    def message(self) -> str:
        hint = f" (もしかして / did you mean: {', '.join(self.suggestions)})" if self.suggestions else ""
        return (
            bilingual(
                f"人材像 '{self.shown_key}'（{self.label}、{self.persona_id}）には段階がないため評価できません",
                f"persona '{self.shown_key}' ({self.label}, {self.persona_id})"
                " has no ladder (steps) to evaluate against",
            )
            + hint
        )


class KeyResolver:
    """Resolves skill, tool, persona and checklist-item keys against a catalog, once each.

    Keys resolve against the persona's framework first, then the whole catalog (labels,
    aliases, NFKC). Results (and failures) are cached per ``(framework, key)``.
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._skills: dict[Any, dict[str, str | LookupFailed]] = {}
        self._tools: dict[Any, dict[str, str | LookupFailed]] = {}
        self._personas: dict[str, str | LookupFailed] = {}
        self._ticks: dict[str, dict[str, str]] = {}
        self._trained: dict[Any, dict[str, tuple[str, ...] | LookupFailed]] = {}
        self._ladder_personas: dict[str, str | LookupFailed] = {}
        self._laddered: dict[str, bool] = {}
        self._compound: dict[tuple[str, ...], str] | None = None

    def frameworks_of(self, persona_id: str) -> tuple[str, ...]:
        """The frameworks keys of a persona's records resolve against: its own, then its ancestors'."""
        out = [persona_id.split(":", 1)[0]]
        for a in self.catalog.ancestors(persona_id):
            if a.framework not in out:
                out.append(a.framework)
        return tuple(out)

    def _resolve(
        self,
        cache: dict[Any, dict[str, str | LookupFailed]],
        kind: str,
        key: str,
        frameworks: str | tuple[str, ...] | None,
    ) -> str:
        by_fw = cache.get(frameworks)  # one dict per frameworks value: no key built per call
        if by_fw is None:
            by_fw = cache[frameworks] = {}
        hit = by_fw.get(key)
        if hit is None:
            fws = (frameworks,) if isinstance(frameworks, str) else frameworks or ()
            find = self.catalog.skill if kind == "skill" else self.catalog.tool
            for fw in fws:
                try:
                    hit = find(key, fw).id
                    break
                except LookupFailed:
                    continue
            if hit is None:
                try:
                    hit = find(key).id
                except LookupFailed as exc:
                    hit = exc
            by_fw[key] = hit
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def skill(self, key: str, frameworks: str | tuple[str, ...] | None = None) -> str:
        """The qualified id of a skill key (tried in ``frameworks`` first, then everywhere)."""
        return self._resolve(self._skills, "skill", key, frameworks)

    def tool(self, key: str, frameworks: str | tuple[str, ...] | None = None) -> str:
        """The qualified id of a tool key (tried in ``frameworks`` first, then everywhere)."""
        return self._resolve(self._tools, "tool", key, frameworks)

    def trained(self, key: str, frameworks: str | tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The skills a ``trainings`` entry counts for: a skill key gives that skill; a training's
        id, label or alias gives the skills the training serves (the catalog's Off-JT table).

        An unknown key raises :class:`~skillframe.errors.UnknownKeyError` (kind ``skill or
        training``) with the nearest skills and trainings as "did you mean".
        """
        by_fw = self._trained.get(frameworks)
        if by_fw is None:
            by_fw = self._trained[frameworks] = {}
        hit = by_fw.get(key)
        if hit is None:
            fws = (frameworks,) if isinstance(frameworks, str) else frameworks or ()
            hit = by_fw[key] = self._find_trained(key, fws)
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def _find_trained(self, key: str, fws: tuple[str, ...]) -> tuple[str, ...] | LookupFailed:
        try:
            return (self.skill(key, fws),)
        except AmbiguousKeyError as exc:
            return exc
        except UnknownKeyError as exc:
            skill_error = exc
        training = None
        for fw in (*fws, None):
            try:
                training = self.catalog.training(key, fw)
                break
            except UnknownKeyError as exc:
                training_error: LookupFailed = exc
                continue
            except AmbiguousKeyError as exc:
                return exc
        if training is None:
            near = list(skill_error.suggestions)
            near += [s for s in getattr(training_error, "suggestions", ()) if s not in near]
            written = normalize(key)  # never suggest the very string written
            near = [s for s in near if normalize(s) != written]
            parts = tuple(p for p in _OTHER_SEPARATORS.split(normalize(key)) if p)
            if len(parts) > 1 and all(not isinstance(self._find_trained(p, fws), LookupFailed) for p in parts):
                shown = tuple(p for p in re.split(r"[・･，,/／\s\u3000]+", key) if p)
                return SeparatedNamesError(key, shown if len(shown) == len(parts) else parts)
            return UnknownKeyError("skill or training", key, suggestions=near[:4], framework=skill_error.framework)
        return tuple(training.skills)

    def trained_many(self, keys: tuple[str, ...], frameworks: str | tuple[str, ...] | None = None) -> tuple[str, ...]:
        """The skills a split ``trainings`` cell counts for, each once, in order.

        Entries are first joined back into the longest known training or skill name that the
        list separators cut (``各種ガイド``, ``ドキュメントの説明会`` → the training
        ``各種ガイド、ドキュメントの説明会``); the rest are resolved one by one with :meth:`trained`.
        An unknown entry raises :class:`~skillframe.errors.UnknownKeyError`.
        """
        out: list[str] = []
        for key in self.join_names(keys):
            out.extend(self.trained(key, frameworks))
        return tuple(dict.fromkeys(out))

    def join_names(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        """``keys`` with runs of entries that make one known training or skill name (a name
        containing a list separator) joined back into that name, longest match first."""
        compound = self._compound
        if compound is None:
            compound = self._compound = {}
            names: list[str] = []
            for t in self.catalog.trainings():
                names += [t.id.split(":", 1)[-1], t.label, *(getattr(t, "aliases", ()) or ())]
            for sk in self.catalog.skills():
                names += [sk.label, *(getattr(sk, "aliases", ()) or ())]
            for name in names:
                parts = split_name(name) if name else ()
                if len(parts) > 1:
                    compound.setdefault(parts, name)
        if not compound or len(keys) < 2:
            return keys
        longest = max(len(p) for p in compound)
        norm = [normalize(k) for k in keys]
        out: list[str] = []
        i = 0
        while i < len(keys):
            for j in range(min(len(keys), i + longest), i + 1, -1):
                joined = compound.get(tuple(norm[i:j]))
                if joined is not None:
                    out.append(joined)
                    i = j
                    break
            else:
                out.append(keys[i])
                i += 1
        return tuple(out)

    def has_ladder(self, persona_id: str) -> bool:
        """Whether a persona (qualified id) has steps to be evaluated against."""
        hit = self._laddered.get(persona_id)
        if hit is None:
            hit = self._laddered[persona_id] = bool(self.catalog.steps(persona_id))
        return hit

    def evaluable_persona(self, key: str) -> str:
        """:meth:`ladder_persona`, and :class:`PersonaWithoutLadderError` when that persona has no
        ladder (what an evaluation of every record against one persona needs)."""
        pid = self.ladder_persona(key)
        if not self.has_ladder(pid):
            raise PersonaWithoutLadderError(key, pid, str(self.catalog.persona(pid).label), self.laddered_near(key))
        return pid

    def laddered_near(self, key: str) -> list[str]:
        """Labels of personas with a ladder near ``key`` (``一般行政職`` → ``一般行政職員``), for hints."""
        from ._text import suggest

        labels = [p.label for p in self.catalog.personas() if self.has_ladder(p.id)]
        return [s for s in suggest(key, labels) if normalize(s) != normalize(key)]

    def ladder_persona(self, key: str) -> str:
        """The qualified id of the persona a staff record's ``persona`` value means.

        The catalog's precedence decides (an exact id; then an id, label or English label;
        then an alias; an overlay's copy before the definition it copies). When the persona it
        picks has no ladder but another persona the value also names has one (``DX推進リーダー``
        is the label of the 総務省 type and an alias of the WG's DX推進員), the value is
        ambiguous: :class:`AmbiguousPersonaError` lists every candidate with its framework. A
        persona without a ladder that is the only one named is returned (see :meth:`has_ladder`).
        """
        hit = self._ladder_personas.get(key)
        if hit is None:
            try:
                hit = self._find_ladder_persona(key)
            except LookupFailed as exc:
                hit = exc
            self._ladder_personas[key] = hit
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def _find_ladder_persona(self, key: str) -> str:
        cat = self.catalog
        try:
            best = cat.persona(key).id
        except AmbiguousKeyError as exc:
            raise self._ambiguous(key, list(exc.candidates)) from exc
        if self.has_ladder(best):
            return best
        named = [best]
        for fw in cat.frameworks():
            try:
                pid = cat.persona(key, fw).id
            except LookupFailed:
                continue
            if pid not in named:
                named.append(pid)
        shadowed = {cat.copied_from(p) for p in named}
        named = [p for p in named if p not in shadowed]
        if any(self.has_ladder(p) for p in named if p != best):
            raise self._ambiguous(key, named)
        return best

    def _ambiguous(self, key: str, ids: list[str]) -> AmbiguousPersonaError:
        described = []
        for pid in ids:
            p = self.catalog.persona(pid)
            ladder = self.has_ladder(pid)
            described.append(
                (
                    f"{label_of(p, 'ja')}（{pid}、{'段階あり' if ladder else '段階なし'}）",
                    f"{label_of(p, 'en')} ({pid}, {'has a ladder' if ladder else 'no ladder'})",
                )
            )
        return AmbiguousPersonaError(key, ids, described)

    def persona(self, key: str) -> str:
        """The qualified id of a persona key."""
        hit = self._personas.get(key)
        if hit is None:
            try:
                hit = self.catalog.persona(key).id
            except LookupFailed as exc:
                hit = exc
            self._personas[key] = hit
        if isinstance(hit, LookupFailed):
            raise hit
        return hit

    def tick(self, tool_id: str, text: str) -> str:
        """A ticked checklist item as ``<item id>`` or ``<item id>:<choice>``."""
        index = self._ticks.get(tool_id)
        if index is None:
            index = {}
            for level in self.catalog.get(tool_id).levels:
                for item in level.checklist:
                    index.setdefault(normalize(item.id), item.id)
                    index.setdefault(normalize(item.text), item.id)
                    for choice in item.choices:
                        index.setdefault(normalize(f"{item.id}:{choice}"), f"{item.id}:{choice}")
                        index.setdefault(normalize(choice), f"{item.id}:{choice}")
            self._ticks[tool_id] = index
        found = index.get(normalize(text))
        if found is None:
            from ._text import suggest

            raise UnknownKeyError("checklist item", text, suggestions=suggest(normalize(text), index))
        return found
