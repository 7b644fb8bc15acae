"""``load()``: the built-in catalogs plus the user's files, as one :class:`~skillframe.Catalog`.

The way in: files are read by :mod:`._formats` (safe YAML with line marks, the one
cattrs converter), linked by :mod:`._build` (ids qualified, references, cycles,
overlays), and owned by the :class:`~skillframe.Catalog`. A built catalog is kept in a
cache keyed on the content and path of every file it was read from and on the
skillframe and Python versions (:mod:`._cache`), so a second ``load()`` of unchanged
files unpickles it instead of building it again; an edited file is always read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import _cache
from ._catalog import Catalog

if TYPE_CHECKING:
    from ._build.conditions import RuleChecker
    from ._formats.document import Document
    from .conditions.registry import Registry

__all__ = ["builtin_catalog_paths", "load"]


def _catalog_root() -> Path:
    """Where the built-in catalogs are: inside the installed package, else the source tree."""
    here = Path(__file__).resolve().parent
    packaged = here / "catalogs"  # a wheel carries them inside the package
    return packaged if packaged.is_dir() else here.parents[1] / "catalogs"


def builtin_catalog_paths() -> list[Path]:
    """The directories of the built-in catalogs (one per framework, and the crosswalks), sorted.

    >>> [p.name for p in builtin_catalog_paths()]
    ['crosswalks', 'ipa-dss', 'mic-guidebook-2024', 'tokyo-dsm', 'tokyo-wg-2025']
    """
    root = _catalog_root()
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def load(
    *paths: str | Path,
    builtins: bool = True,
    registry: Registry | None = None,
    rule_checker: RuleChecker | None = None,
    cache: bool = True,
) -> Catalog:
    """Load the built-in catalogs (unless ``builtins=False``) plus any given files or directories.

    ``paths``: catalog files (``*.yaml``), mapping-set files, SSSOM TSV files
    (``*.sssom.tsv``) or directories of them (read recursively, sorted). A file named
    twice, or the same content at two paths, is read once. ``custom:`` step rules are
    checked against ``registry`` (default: the default registry): an unknown rule name
    or parameters that don't fit its class are errors.

    ``cache``: use the cache of built catalogs (see :mod:`skillframe._cache`; the
    environment variable ``SKILLFRAME_NO_CACHE=1`` turns it off, ``SKILLFRAME_CACHE_DIR``
    or ``XDG_CACHE_HOME`` move it). The cache never changes the result.

    Raises :class:`~skillframe.CatalogError` listing every problem (file, line, column,
    ``code``) when a file is invalid, :class:`~skillframe.MappingError` when a mapping
    set is; nothing is read before this is called.

    >>> import skillframe
    >>> cat = skillframe.load()
    >>> cat.framework("tokyo-wg-2025").publisher
    '東京都 / GovTech東京'
    """
    sources: list[str | Path] = [*builtin_catalog_paths()] if builtins else []
    sources.extend(paths)
    key = _cache.key_for(sources) if cache and rule_checker is None and _cache.enabled() else None
    if key is not None:
        hit = _cache.get(key)
        if isinstance(hit, Catalog) and not _custom_rule_problems(hit, registry):
            return hit
    catalog = _build(sources, registry, rule_checker)
    if key is not None:
        _cache.put(key, catalog)
    return catalog


def _build(sources: Sequence[str | Path], registry: Registry | None, rule_checker: RuleChecker | None) -> Catalog:
    from ._build.link import build
    from ._formats.catalog_file import read_documents
    from ._formats.mapping_file import is_mapping_document, load_crosswalks, split_sources
    from .conditions.registry import default_registry

    yaml_sources, sssom_files = split_sources(sources)
    docs = read_documents(yaml_sources)
    mapping_docs = [d for d in docs if is_mapping_document(d)]  # crosswalks: format skillframe-mappings/1
    # policy content (format skillframe-policy/1) is read by skillframe.policy, not here
    docs = [d for d in docs if not is_mapping_document(d) and not _is_policy_document(d)]
    data = build(docs, rule_checker=rule_checker, registry=registry or default_registry)
    known = {**data.frameworks, **{i: d for pool in data.definitions.values() for i, d in pool.items()}}
    return Catalog(data, mapping_sets=load_crosswalks(mapping_docs, sssom_files, known))


def _is_policy_document(doc: Document) -> bool:
    return isinstance(doc.data, dict) and doc.data.get("format") == "skillframe-policy/1"


def _custom_rule_problems(catalog: Catalog, registry: Registry | None) -> bool:
    """True when a cached catalog's ``custom:`` rules do not check against the registry now.

    Rules are registered at run time, so a cached catalog is checked again (cheaply: only
    its custom rules); any problem means a full build, which reports it.
    """
    customs = catalog.custom_rules()
    if not customs:
        return False
    from .conditions.registry import default_registry

    checker = (registry or default_registry).checker()
    return any(checker(c) for c in customs)
