"""Readout file(s) to meeting record(s): the library entry point of ``jidu parse``.

Nothing here raises on bad input: a file that cannot be read becomes an :class:`ErrorRecord` naming
the file and the problem, so a folder of a thousand readouts is never stopped by one bad file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from jidu.extract import extract
from jidu.extract.lead import not_meeting_reason
from jidu.read import ReadError, read_decoded, screen
from jidu.read.decode import Decoded, DecodeError, decode
from jidu.read.formats import detect_format
from jidu.read.script import detect_script
from jidu.record import AnyRecord, ErrorRecord, MeetingRecord, Source

# Files that sit beside readouts in a folder but are about them, not readouts themselves.
NOT_READOUTS = re.compile(r"^(readme|license|licence|changelog|notice|authors|contributing)([._-].*)?$", re.I)
READOUT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".text", ""}


def parse_all(data: bytes, name: str) -> list[AnyRecord]:
    """Every record a file's bytes hold: one per readout (a JSON Lines file may hold several).

    A file the screen turns away (:mod:`jidu.read.screen`: it never names a quarterly work
    meeting) gets its record at once, without being read in full: see :func:`_turned_away`.
    """
    sha = hashlib.sha256(data).hexdigest()
    try:
        decoded = decode(data)
    except DecodeError as exc:
        return [ErrorRecord(source=Source(file=name, sha256=sha), error=f"cannot decode: {exc}")]
    if screen.turned_away(decoded.text):
        return [_turned_away(decoded, name, sha)]
    try:
        documents = read_decoded(decoded)
    except ReadError as exc:
        return [ErrorRecord(source=Source(file=name, sha256=sha), error=str(exc))]
    except Exception as exc:  # noqa: BLE001 - a reader bug must not lose the other files
        return [ErrorRecord(source=Source(file=name, sha256=sha), error=f"internal error while reading: {exc!r}")]
    records: list[AnyRecord] = []
    for number, doc in enumerate(documents, 1):
        file = name if len(documents) == 1 else f"{name}#{number}"
        source = Source(
            file=file,
            format=doc.format,
            script=doc.script,
            title=doc.title,
            outlet=doc.outlet,
            published=doc.published,
            encoding=doc.encoding,
            sha256=sha if len(documents) == 1 else hashlib.sha256(doc.text.encode()).hexdigest(),
        )
        try:
            records.append(extract(doc, source))
        except Exception as exc:  # noqa: BLE001
            records.append(ErrorRecord(source=source, error=f"internal error while extracting: {exc!r}"))
    return records


def _turned_away(decoded: Decoded, name: str, sha: str) -> MeetingRecord:
    """The record of a file that cannot be a readout: its format, script and encoding, and what kind
    of news its first lines say it is; no title and no text, since it was not read in full.  One
    record for the file, even a JSON Lines file of several items."""
    head = _head(decoded.text)
    source = Source(file=name, format=detect_format(decoded.text), script=detect_script(head[:300]),
                    encoding=decoded.encoding, sha256=sha)
    return MeetingRecord(source=source, is_meeting=False, reason=not_meeting_reason([head], None))


_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_MARKUP = re.compile(r"<[^>]*>|&\w+;|\s+")


def _head(text: str) -> str:
    """The start of a file's visible text, tags dropped roughly: enough to say what kind of news it is."""
    return _MARKUP.sub(" ", _SCRIPT_OR_STYLE.sub(" ", text[:4000]))[:600]


def parse_bytes(data: bytes, name: str) -> AnyRecord:
    """The record of a one-readout file (the first, for a JSON Lines file; see :func:`parse_all`)."""
    return parse_all(data, name)[0]


def parse_path(path: Path, name: str | None = None) -> list[AnyRecord]:
    name = name if name is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return [ErrorRecord(source=Source(file=name), error=f"cannot open the file: {exc.strerror or exc}")]
    return parse_all(data, name)


def parse_file(path: Path, name: str | None = None) -> AnyRecord:
    return parse_path(path, name)[0]


def iter_readout_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the readout files below directories (recursive, sorted).

    In directories, hidden files and a folder's documentation (README, LICENSE…) are skipped; a file
    named explicitly is always read.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    if child.suffix.lower() in READOUT_SUFFIXES and not NOT_READOUTS.match(child.name):
                        yield child
        else:
            yield path
