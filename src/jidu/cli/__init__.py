"""The ``jidu`` command: a thin Typer layer over the library.

Each concern registers its commands from its own module, so the CLI grows without one file
becoming everyone's.  A module exposes ``register(app)``.
"""

from __future__ import annotations

import typer

from jidu.cli import common, ledger_cmd, parse_cmd, web_cmd, work_cmd

app = typer.Typer(
    name="jidu",
    help="jidu (季度): read quarterly work meeting readouts, keep the key-work ledger, follow work across quarters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

@app.callback()
def _root(
    db: str | None = typer.Option(
        None, "--db", envvar="JIDU_DB", help="Database: an SQLite file or any SQLAlchemy URL (default jidu.db)."
    ),
) -> None:
    common.set_db(db)


for _module in (parse_cmd, ledger_cmd, work_cmd, web_cmd):
    _module.register(app)


def main() -> None:
    app()
