"""File to clean text: decode, read the format, convert the script, normalize, drop noise.

:func:`read_bytes` is the whole reading pipeline and the only entry the extractors need.  Its
result, a :class:`Document`, holds the normalized paragraphs and the single string they are joined
into (one paragraph per line), which every provenance span indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jidu.read.dates import find_datestamp
from jidu.read.decode import Decoded, DecodeError, decode
from jidu.read.formats import FormatError, Raw, read_text
from jidu.read.noise import Removed, remove_noise
from jidu.read.normalize import normalize_paragraphs
from jidu.read.script import detect_script, to_simplified

__all__ = ["DecodeError", "Document", "FormatError", "ReadError", "read_bytes", "read_decoded", "read_raw"]


class ReadError(ValueError):
    """The file cannot be read as a readout (encoding, format); the message says what and where."""


@dataclass
class Document:
    paragraphs: list[str]
    format: str
    script: str
    encoding: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    dateline: str | None = None
    removed: list[Removed] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    text: str = field(init=False, default="")
    """The paragraphs joined, one per line: what every provenance span indexes."""

    def __post_init__(self) -> None:
        # A document's paragraphs are fixed once it is made: offsets and text are computed here, once.
        self.starts, offset = [], 0
        for paragraph in self.paragraphs:
            self.starts.append(offset)
            offset += len(paragraph) + 1
        self.text = "\n".join(self.paragraphs)


def _clean_all(paragraphs: list[str], script: str) -> list[str]:
    """Each paragraph in simplified script and normalized (one OpenCC call, one pass of each step)."""
    if script == "hant":
        joined = to_simplified("\n".join(p.replace("\n", " ") for p in paragraphs))
        paragraphs = joined.split("\n")
    return normalize_paragraphs(paragraphs)


def read_raw(raw: Raw, encoding: str) -> Document:
    """Normalize one format reader's output into a Document."""
    sample = "\n".join([raw.title or "", *raw.paragraphs])
    script = detect_script(sample)
    # title, outlet and paragraphs cleaned together: one OpenCC call, one pass of each step
    title, outlet, *paragraphs = _clean_all([raw.title or "", raw.outlet or "", *raw.paragraphs], script)
    title = title if raw.title else None
    outlet = outlet if raw.outlet else None
    paragraphs = [p for p in paragraphs if p]
    kept, removed = remove_noise(paragraphs, title)
    dateline = None
    for item in removed:
        if item.reason in ("dateline", "credit line", "share or promotion line"):
            stamp = find_datestamp(item.line)
            if stamp:
                dateline = stamp[0]
                break
    return Document(
        paragraphs=kept,
        format=raw.format,
        script=script,
        encoding=encoding,
        title=title,
        outlet=outlet,
        published=raw.published,
        dateline=dateline,
        removed=removed,
    )


def read_bytes(data: bytes) -> list[Document]:
    """Every readout in a file (JSON Lines may hold several), or :class:`ReadError`."""
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise ReadError(f"cannot decode: {exc}") from exc
    return read_decoded(decoded)


def read_decoded(decoded: Decoded) -> list[Document]:
    """:func:`read_bytes` of bytes already decoded."""
    try:
        raws = read_text(decoded.text)
    except FormatError as exc:
        raise ReadError(f"cannot read the file's format: {exc}") from exc
    return [read_raw(raw, decoded.encoding) for raw in raws]
