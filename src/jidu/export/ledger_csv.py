"""The ledger as CSV: one file per table (``meetings.csv``, ``remarks.csv``, ``items.csv``,
``attendance.csv``, ``speeches.csv``, ``terms.csv``, ``sources.csv``) in a directory, or in a
zip archive when the output path ends in ``.zip``.

Files are UTF-8 with a byte-order mark so that Excel and WPS open the Chinese text correctly,
and have one header row of the English column names (stable keys for scripts); the Chinese
labels are in the workbook export and in ``docs/ledger.md``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from sqlalchemy.orm import Session

from jidu.export.tables import Table, ledger_tables

ENCODING = "utf-8-sig"


def table_csv(table: Table) -> str:
    """One table as CSV text: a header of column keys, then its rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    writer.writerows(["" if v is None else v for v in row] for row in table.values())
    return buffer.getvalue()


def write_csv(session: Session, out: Path, start: str | None = None, end: str | None = None) -> list[Path]:
    """Write every table; returns the paths written (inside the zip, for an archive)."""
    tables = ledger_tables(session, start, end)
    if out.suffix.lower() == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in tables:
                archive.writestr(f"{table.name}.csv", table_csv(table).encode(ENCODING))
        return [Path(f"{t.name}.csv") for t in tables]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = out / f"{table.name}.csv"
        path.write_text(table_csv(table), encoding=ENCODING)
        written.append(path)
    return written
