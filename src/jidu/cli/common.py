"""What every command shares: which database, and how to print JSON or Rich output."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from rich.console import Console

DEFAULT_DB = "sqlite:///jidu.db"

console = Console()
err_console = Console(stderr=True)

_state: dict[str, str | None] = {"db": None}


def set_db(value: str | None) -> None:
    _state["db"] = value


def db_url() -> str:
    """The database to use: ``--db``, else ``JIDU_DB``, else ``jidu.db`` in the working folder.

    A bare path is taken as an SQLite file; anything with ``://`` is an SQLAlchemy URL.
    """
    value = _state["db"] or os.environ.get("JIDU_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{value}"


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
