"""Mappings are read by a plan per shape (the keys, and the keys of nested ``dsm`` / ``tools``
/ ``tool_checks`` / ``extra`` mappings), remembered by a reader shared across calls: two
mappings whose nested keys sit under different fields are two shapes, whatever came before."""

from __future__ import annotations

import pytest

from skillframe.errors import StaffValueError
from skillframe.staff import StaffRecord


def test_nested_keys_under_different_fields_are_different_shapes() -> None:
    first = {"id": "a", "dsm": {"Excel": 2}, "tools": {}, "tool_checks": None, "extra": {}}
    again = {"id": "b", "dsm": None, "tools": {"Excel": 2}, "tool_checks": {}, "extra": {}}
    assert StaffRecord.from_mapping(first).dsm == {"Excel": 2}
    second = StaffRecord.from_mapping(again)  # once read under the first one's plan: "not text: {}"
    assert (second.dsm, second.tools, second.tool_checks, second.extra) == ({}, {"Excel": 2}, {}, {})
    for value in (5, "x"):  # no mapping: an error under any plan (never an extra column "dsm")
        with pytest.raises(StaffValueError) as info:
            StaffRecord.from_mapping({**again, "dsm": value})
        assert (info.value.code, info.value.column) == ("not-a-mapping", "dsm")
