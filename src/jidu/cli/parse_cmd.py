"""``jidu parse``: readout files to meeting records on stdout (JSON Lines)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jidu.cli.common import err_console
from jidu.parse import iter_readout_files, parse_path
from jidu.record import ErrorRecord


def parse(
    paths: list[Path] = typer.Argument(..., help="Readout files or directories (searched recursively)."),
    pretty: bool = typer.Option(False, "--pretty", help="Indented JSON for people, instead of JSON Lines."),
    text: bool = typer.Option(True, "--text/--no-text", help="Include the normalized text and provenance spans."),
) -> None:
    """Read readouts into meeting records (jidu.meeting/1), one JSON record per readout."""
    failed = 0
    for path in iter_readout_files(paths):
        for record in parse_path(path):
            data = record.to_json(with_text=text)
            if not text:
                data.pop("provenance", None)
            if isinstance(record, ErrorRecord):
                failed += 1
                err_console.print(f"[red]error[/red] {record.source.file}: {record.error}", highlight=False)
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("parse")(parse)
