"""A cache of built catalogs, keyed on what they were built from; never stale, never in the way.

The key is a SHA-256 over the skillframe and Python versions, skillframe's own code (each
module's size and modification time: :func:`code_fingerprint`) and, for every file a
``load()`` reads (in order), its resolved path and its bytes: an edited, added,
removed or moved file gives another key, so a stale catalog is never served. The
entry is a pickle of the :class:`~skillframe.Catalog` written atomically (a temporary
file, then ``os.replace``). Anything that goes wrong (no permission, a full disk, a
corrupt or foreign entry) means "no cache": ``load()`` builds the catalog as if there
were none and never fails because of the cache.

The same folder holds the compiled code of generated sources (:func:`compiled`: the
engine's ladders, the staff row readers), keyed on the source, its name and the Python
version — like Python's own ``__pycache__`` for the code skillframe writes at run time.

Where: ``$SKILLFRAME_CACHE_DIR``, else ``$XDG_CACHE_HOME/skillframe``, else
``%LOCALAPPDATA%\\skillframe\\Cache`` on Windows, ``~/Library/Caches/skillframe`` on macOS,
``~/.cache/skillframe`` elsewhere. ``SKILLFRAME_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from types import CodeType
from typing import Any

from ._version import __version__

__all__ = ["cache_dir", "compiled", "enabled", "get", "key_for", "put"]

_SUFFIXES = (".yaml", ".yml", ".tsv")
_MAX_ENTRIES = 16
_MAX_CODE_ENTRIES = 512


def enabled() -> bool:
    """False when ``SKILLFRAME_NO_CACHE`` is set to anything but ``""`` / ``0``."""
    return os.environ.get("SKILLFRAME_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """The directory of the cache (not created here)."""
    explicit = os.environ.get("SKILLFRAME_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "skillframe"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "skillframe" / "Cache" if base else Path.home() / "AppData" / "Local" / "skillframe"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "skillframe"
    return Path.home() / ".cache" / "skillframe"


def _files(sources: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for raw in sources:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in _SUFFIXES and p.is_file()))
        else:
            out.append(path)
    return out


@functools.cache
def code_fingerprint() -> str:
    """skillframe's own code as it is installed: the path, size and modification time of each
    of its modules (a change of code under the same version — a development or git install —
    builds catalogs afresh: a pickle of another code's classes is never served). Once per
    process; a stat per module, no reading."""
    parts: list[str] = []
    todo = [os.path.dirname(os.path.abspath(__file__))]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue
        for e in entries:
            try:
                if e.name.endswith(".py") and e.is_file():
                    st = e.stat()
                    parts.append(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}")
                elif e.is_dir() and e.name != "__pycache__":
                    todo.append(e.path)
            except OSError:
                continue
    parts.sort()
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def key_for(sources: Iterable[str | Path]) -> str | None:
    """The cache key of a load of ``sources``; ``None`` when a file cannot be read (no caching)."""
    h = hashlib.sha256()
    h.update(f"skillframe {__version__} {code_fingerprint()} python {sys.version}\0".encode())
    try:
        for file in _files(sources):
            data = file.read_bytes()
            # the path as given too: a catalog keeps its files as given (``files``, where()),
            # so town.yaml and /abs/town.yaml are two loads, never one served for the other
            h.update(str(file).encode("utf-8", "surrogateescape") + b"\0")
            h.update(str(file.resolve()).encode("utf-8", "surrogateescape") + b"\0")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    except (OSError, ValueError):
        return None  # let the loader report the file; never cache a failure
    return h.hexdigest()


def get(key: str) -> Any:
    """The cached object for ``key``, or ``None`` (missing, unreadable or corrupt)."""
    try:
        with open(cache_dir() / f"catalog-{key}.pickle", "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - any failure means "not cached"
        return None


def put(key: str, value: object) -> None:
    """Store ``value`` under ``key``, atomically; silently does nothing when it cannot."""
    try:
        import tempfile

        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, directory / f"catalog-{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(directory)
    except Exception:  # noqa: BLE001 - the cache must never fail a load
        return


def _prune(directory: Path, pattern: str = "catalog-*.pickle", keep: int = _MAX_ENTRIES) -> None:
    """Keep the most recent entries only."""
    entries = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, read from the cache when this source was
    compiled before (by this Python version), else compiled and stored (atomically; a
    cache that cannot be read or written is no cache: the source is compiled)."""
    if not enabled():
        return compile(source, filename, "exec")
    h = hashlib.sha256(f"python {sys.version}\0{filename}\0".encode("utf-8", "surrogateescape"))
    h.update(source.encode("utf-8", "surrogateescape"))
    directory = cache_dir()
    path = directory / f"code-{h.hexdigest()}.marshal"
    try:
        code = marshal.loads(path.read_bytes())
        if isinstance(code, CodeType) and code.co_filename == filename:
            return code
    except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: compile it
        pass
    code = compile(source, filename, "exec")
    try:
        import tempfile

        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".code-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(code))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(directory, "code-*.marshal", _MAX_CODE_ENTRIES)
    except Exception:  # noqa: BLE001 - the cache must never fail a run
        pass
    return code
