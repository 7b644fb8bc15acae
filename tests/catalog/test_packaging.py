"""A non-editable install, run from another folder, finds the built-in catalogs."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None, reason="hatchling (the build backend) is not installed"
)
def test_wheel_ships_catalogs_and_schema(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("skillframe-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import skillframe, pathlib\n"
        "cat = skillframe.load()\n"
        "print(pathlib.Path(skillframe.__file__).parent)\n"
        "print(cat.files[0])\n"
        "print(len(cat.personas('tokyo-wg-2025')))\n"
        "print((pathlib.Path(skillframe.__file__).parent / 'schema' / 'catalog.schema.json').is_file())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    )
    pkg, first_file, personas, schema = out.stdout.split("\n")[:4]
    assert pkg.startswith(str(target)), pkg
    assert first_file.startswith(str(target)), first_file  # catalogs came from inside the wheel
    assert int(personas) == 7
    assert schema == "True"


@pytest.mark.skipif(
    importlib.util.find_spec("hatchling") is None, reason="hatchling (the build backend) is not installed"
)
def test_non_editable_install_validates_the_source_catalogs(tmp_path: Path) -> None:
    # The installed package carries its own copy of the built-in catalogs; validating the
    # source tree's copy must not read them twice (it gave 73 duplicate ids).
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("skillframe-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "SKILLFRAME_NO_CACHE": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "skillframe", "validate", str(ROOT / "catalogs" / "tokyo-wg-2025")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert "duplicate" not in out.stderr


def test_same_content_at_another_path_is_read_once(tmp_path: Path) -> None:
    import shutil

    import skillframe

    copy = tmp_path / "tokyo-wg-2025"
    shutil.copytree(ROOT / "catalogs" / "tokyo-wg-2025", copy)
    cat = skillframe.load(copy, cache=False)  # the built-ins plus an identical copy of one of them
    assert len(cat.personas("tokyo-wg-2025")) == 7
    assert all(not f.startswith(str(copy)) for f in cat.files)
