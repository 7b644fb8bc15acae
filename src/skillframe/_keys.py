"""Resolving the keys a staff record uses (persona, skill, training, tool, checklist item), once each.

>>> import skillframe
>>> res = KeyResolver(skillframe.load())
>>> res.trained("BPR研修")
('tokyo-wg-2025:bpr',)
>>> res.trained("業務分析/BPR")
('tokyo-wg-2025:bpr',)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._text import normalize
from .errors import AmbiguousKeyError, LookupFailed, UnknownKeyError

if TYPE_CHECKING:
    from ._catalog import Catalog

__all__ = ["KeyResolver"]


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
            return UnknownKeyError("skill or training", key, suggestions=near[:4])
        return tuple(training.skills)

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
