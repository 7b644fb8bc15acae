"""The cache of built catalogs: used when the files are unchanged, never stale, never in the way."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import skillframe
from skillframe import _cache

TOWN = """\
format: skillframe-catalog/1
framework: {id: town, label: 町, publisher: 町, source: plan, sources: [{id: plan, title: 方針}]}
skills:
  - {id: a, label: LABEL}
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("SKILLFRAME_CACHE_DIR", str(d))
    monkeypatch.delenv("SKILLFRAME_NO_CACHE", raising=False)
    return d


def _town(tmp_path: Path, label: str) -> Path:
    path = tmp_path / "town.yaml"
    path.write_text(TOWN.replace("LABEL", label), encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    path = _town(tmp_path, "スキルA")
    first = skillframe.load(path, builtins=False)
    (entry,) = cache_dir.glob("catalog-*.pickle")
    # Mark the cached copy, so that the next load shows where it came from.
    cached = pickle.loads(entry.read_bytes())
    cached._marker = "from cache"
    entry.write_bytes(pickle.dumps(cached))
    second = skillframe.load(path, builtins=False)
    assert getattr(second, "_marker", None) is None or second.__dict__.get("_marker") is None  # state is filtered
    assert second.skill("a").label == first.skill("a").label == "スキルA"
    assert second.where("town:a") == first.where("town:a")


def test_an_edited_file_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    path = _town(tmp_path, "スキルA")
    assert skillframe.load(path, builtins=False).skill("a").label == "スキルA"
    path.write_text(TOWN.replace("LABEL", "スキルB"), encoding="utf-8")  # same size, same second: content decides
    assert skillframe.load(path, builtins=False).skill("a").label == "スキルB"
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 2


def test_changed_code_builds_afresh(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another skillframe code under the same version (a development or git install) never
    gets a catalog pickled by the old code: its classes may have changed."""
    path = _town(tmp_path, "スキルA")
    key = _cache.key_for([path])
    skillframe.load(path, builtins=False)
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 1
    monkeypatch.setattr(_cache, "code_fingerprint", lambda: "other code")
    assert _cache.key_for([path]) != key
    assert skillframe.load(path, builtins=False).skill("a").label == "スキルA"
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 2


def test_code_fingerprint_follows_the_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every module of the package, in sub-packages too (its size and modification time):
    an edited module changes it; bytecode and other files do not."""
    pkg = tmp_path / "pkg"
    (pkg / "sub" / "__pycache__").mkdir(parents=True)
    for name in ("_cache.py", "sub/b.py"):
        (pkg / name).write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(_cache, "__file__", str(pkg / "_cache.py"))
    fingerprint = _cache.code_fingerprint.__wrapped__  # not the process's memo
    first = fingerprint()
    assert fingerprint() == first
    (pkg / "sub" / "__pycache__" / "b.cpython-311.pyc").write_bytes(b"")
    (pkg / "notes.txt").write_text("n", encoding="utf-8")
    assert fingerprint() == first
    st = (pkg / "sub" / "b.py").stat()
    os.utime(pkg / "sub" / "b.py", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert fingerprint() != first


def test_an_edited_file_that_became_wrong_raises(tmp_path: Path, cache_dir: Path) -> None:
    path = _town(tmp_path, "スキルA")
    skillframe.load(path, builtins=False)
    path.write_text(TOWN.replace("{id: a, label: LABEL}", "{id: a}"), encoding="utf-8")
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path, builtins=False)
    assert [p.code for p in info.value.problems] == ["field.missing"]


def test_a_moved_file_reports_its_new_place(tmp_path: Path, cache_dir: Path) -> None:
    path = _town(tmp_path, "スキルA")
    skillframe.load(path, builtins=False)
    moved = tmp_path / "moved.yaml"
    path.rename(moved)
    assert skillframe.load(moved, builtins=False).where("town:a")[0] == str(moved)


def test_a_file_named_otherwise_is_named_so(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same file, relative from its folder then absolute from another: each load names it as given
    path = _town(tmp_path, "スキルA")
    monkeypatch.chdir(tmp_path)
    assert skillframe.load("town.yaml", builtins=False).files == ("town.yaml",)
    monkeypatch.chdir(cache_dir.parent.parent)
    assert skillframe.load(path, builtins=False).files == (str(path),)


def test_a_corrupt_entry_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    path = _town(tmp_path, "スキルA")
    skillframe.load(path, builtins=False)
    for entry in cache_dir.glob("catalog-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert skillframe.load(path, builtins=False).skill("a").label == "スキルA"


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_an_unwritable_cache_never_fails_the_load(tmp_path: Path, cache_dir: Path) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert skillframe.load(_town(tmp_path, "スキルA"), builtins=False).skill("a").label == "スキルA"
    finally:
        cache_dir.chmod(stat.S_IRWXU)


def test_a_cache_dir_that_is_a_file_never_fails_the_load(tmp_path: Path, cache_dir: Path) -> None:
    cache_dir.write_text("a file where the cache directory should be", encoding="utf-8")
    assert skillframe.load(_town(tmp_path, "スキルA"), builtins=False).skill("a").label == "スキルA"


def test_no_cache_env_turns_it_off(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLFRAME_NO_CACHE", "1")
    skillframe.load(_town(tmp_path, "スキルA"), builtins=False)
    assert not cache_dir.exists()


def test_cache_false_turns_it_off(tmp_path: Path, cache_dir: Path) -> None:
    skillframe.load(_town(tmp_path, "スキルA"), builtins=False, cache=False)
    assert not cache_dir.exists()


def test_xdg_cache_home_is_respected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILLFRAME_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _cache.cache_dir() == tmp_path / "xdg" / "skillframe"


def test_custom_rules_are_checked_again_on_a_cache_hit(tmp_path: Path, cache_dir: Path) -> None:
    text = TOWN + (
        "personas:\n  - {id: p, label: 人, requirements: [{skill: a}]}\n"
        "steps:\n  - {id: p1, persona: p, rank: 1, label: S1, rule: {custom: {rule: no-such-rule}}}\n"
    )
    path = tmp_path / "custom.yaml"
    path.write_text(text, encoding="utf-8")
    registry = skillframe.Registry()

    @registry.rule("no-such-rule")
    def _ok(ctx: object) -> bool:
        return True

    skillframe.load(path, builtins=False, registry=registry)  # fine with this registry, and cached
    with pytest.raises(skillframe.CatalogError) as info:
        skillframe.load(path, builtins=False)  # the default registry does not know the rule
    assert [p.code for p in info.value.problems] == ["rule.unknown"]


def test_cached_load_in_a_fresh_process(tmp_path: Path, cache_dir: Path) -> None:
    code = "import skillframe; c = skillframe.load(); print(len(c.personas()), c.persona('DX推進員').id)"
    env = {**os.environ, "SKILLFRAME_CACHE_DIR": str(cache_dir)}
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True) for _ in "ab"
    ]
    assert runs[0].stdout == runs[1].stdout == "25 tokyo-wg-2025:dx-promoter\n"
    assert len(list(cache_dir.glob("catalog-*.pickle"))) == 1
    # The hit imports neither the YAML reader, cattrs, networkx nor the build: the load is an
    # unpickling, and a definition's file and line are kept without its document.
    probe = (
        "import sys, skillframe; c = skillframe.load(); "
        "print([m for m in ('cattrs', 'yaml', 'networkx', 'skillframe._build', 'skillframe._formats') "
        "if m in sys.modules], c.where('tokyo-wg-2025:bpr')[1] > 0)"
    )
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    assert out == "[] True\n"


def test_generated_code_is_compiled_once_and_never_stale(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled code of a generated source is stored once and read back; another source
    (or name) is another entry; a corrupt entry, or no cache, compiles the source."""
    first = _cache.compiled("x = 1\n", "<gen a>")
    (entry,) = cache_dir.glob("code-*.marshal")
    ns: dict[str, object] = {}
    exec(_cache.compiled("x = 1\n", "<gen a>"), ns)
    assert ns["x"] == 1 and first.co_filename == "<gen a>"
    calls: list[str] = []
    real = compile

    def counting(*a: object, **k: object) -> object:
        calls.append(str(a[1]))
        return real(*a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.compile", counting)
    _cache.compiled("x = 1\n", "<gen a>")
    assert calls == []  # read back, not compiled
    exec(_cache.compiled("x = 2\n", "<gen a>"), ns)
    exec(_cache.compiled("x = 1\n", "<gen b>"), {})
    assert ns["x"] == 2 and calls == ["<gen a>", "<gen b>"] and len(list(cache_dir.glob("code-*.marshal"))) == 3
    entry.write_bytes(b"\x00garbage")
    exec(_cache.compiled("x = 1\n", "<gen a>"), ns)
    assert ns["x"] == 1 and calls[-1] == "<gen a>"
    monkeypatch.setenv("SKILLFRAME_NO_CACHE", "1")
    _cache.compiled("y = 3\n", "<gen c>")
    assert len(list(cache_dir.glob("code-*.marshal"))) == 3
