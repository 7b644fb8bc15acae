"""placeholder"""

from __future__ import annotations

import argparse
from typing import Any

NAME = "collect"
HELP = "x"
EXAMPLE = ""


def configure(p: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace, ctx: Any) -> int:
    return 0
