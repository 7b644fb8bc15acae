"""The command line sets the garbage collector for batch work while a command runs, and
leaves it as it was after (``skillframe.cli._collector``)."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator

import pytest

import skillframe.cli._list as list_command
from skillframe.cli import main
from skillframe.cli._collector import YOUNG_THRESHOLD, batch_collection


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*before)


def test_a_command_runs_with_the_young_threshold_raised_and_puts_it_back(
    thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    run = list_command.run

    def spy(args: argparse.Namespace, ctx: object) -> int:
        seen.append(gc.get_threshold())
        return run(args, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(list_command, "run", spy)
    assert main(["list", "personas"]) == 0
    assert seen == [(YOUNG_THRESHOLD, 10, 10)]  # the older generations as they were
    assert gc.get_threshold() == thresholds


def test_the_thresholds_are_put_back_after_an_error_and_an_exception(thresholds: tuple[int, int, int]) -> None:
    assert main(["evaluate", "no-such-file.csv"]) == 1
    assert gc.get_threshold() == thresholds
    with pytest.raises(RuntimeError), batch_collection():
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        raise RuntimeError
    assert gc.get_threshold() == thresholds


def test_a_higher_threshold_set_by_the_caller_is_kept(thresholds: tuple[int, int, int]) -> None:
    gc.set_threshold(10 * YOUNG_THRESHOLD, 5, 5)
    with batch_collection():
        assert gc.get_threshold() == (10 * YOUNG_THRESHOLD, 5, 5)
    assert gc.get_threshold() == (10 * YOUNG_THRESHOLD, 5, 5)
