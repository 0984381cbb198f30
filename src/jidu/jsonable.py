"""Library results as JSON-ready data, for every interface that prints or serves JSON.

Queries return dataclasses (nested, in lists) so that Python callers get attributes and types;
the CLI's ``--json`` and the web API both need plain dicts and lists of the same shape.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def jsonable(value: Any) -> Any:
    """Dataclass instances (nested, in lists) as dicts; anything else unchanged."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value
