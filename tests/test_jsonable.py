"""jsonable: what the CLI's --json and the web API print for library results."""

from __future__ import annotations

from dataclasses import dataclass, field

from jidu.jsonable import jsonable


@dataclass
class Inner:
    name: str


@dataclass
class Outer:
    items: list[Inner] = field(default_factory=list)


def test_nested_dataclasses_and_lists() -> None:
    value = [Outer([Inner("a"), Inner("b")]), Outer()]
    assert jsonable(value) == [{"items": [{"name": "a"}, {"name": "b"}]}, {"items": []}]
    assert jsonable({"x": 1}) == {"x": 1} and jsonable("s") == "s"
    assert jsonable(Outer) is Outer  # a class is not an instance
