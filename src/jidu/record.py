"""The meeting record, ``jidu.meeting/1``: the contract between reader, ledger, exports and users.

The field names and meanings follow ``shared/docs/MEETING_RECORD.md``.  Two things are added on top,
both ignored by consumers that do not know them:

* ``text``: the normalized text of the readout (simplified script, noise removed, one paragraph per
  line).  Every span in the record indexes into this string.
* ``provenance``: a map from a field path (``date``, ``presider.name``, ``attendees[3]``,
  ``remarks[2].text``, ``deployment.items[0]``, ``terms[5]``) to the ``[start, end)`` character spans
  of ``text`` that the value was read from.  An interface can highlight a value's source with it.

Records are built by :mod:`jidu.extract` and never by hand-written literals elsewhere, so the
shape lives here once.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "jidu.meeting/1"

Span = tuple[int, int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Source(_Model):
    """Where a record came from: the file as named to the reader, and what the file said of itself."""

    file: str
    format: str | None = None
    script: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    encoding: str | None = None
    sha256: str | None = None


class Person(_Model):
    name: str
    title: str | None = None


class Opening(_Model):
    speaker: str | None = None
    text: str


class Remark(_Model):
    speaker: str
    heading: str | None = None
    text: str


class Deployment(_Model):
    speaker: str | None = None
    heading: str | None = None
    items: list[str] = Field(default_factory=list)


class Speeches(_Model):
    units: list[str] = Field(default_factory=list)
    topic: str | None = None


class MeetingRecord(_Model):
    """One readout's record.  ``is_meeting`` false records carry only ``source`` and ``reason``."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    source: Source
    is_meeting: bool
    reason: str | None = None
    organ: str | None = None
    city: str | None = None
    kind: str | None = None
    date: str | None = None
    date_basis: str | None = None
    time_of_day: str | None = None
    quarter: str | None = None
    form: str | None = None
    presider: Person | None = None
    deployer: Person | None = None
    also_present: list[Person] = Field(default_factory=list)
    attendees: list[str] = Field(default_factory=list)
    opening: Opening | None = None
    remarks: list[Remark] = Field(default_factory=list)
    deployment: Deployment | None = None
    speeches: Speeches = Field(default_factory=Speeches)
    terms: list[str] = Field(default_factory=list)
    text: str | None = None
    provenance: dict[str, list[Span]] = Field(default_factory=dict)

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_json(self, *, with_text: bool = True) -> dict[str, Any]:
        """The record as the JSON object of the contract (``schema`` key, nulls kept)."""
        data = self.model_dump(by_alias=True, mode="json")
        if not self.is_meeting:
            keep = {"schema", "source", "is_meeting", "reason", "text", "provenance"}
            data = {k: v for k, v in data.items() if k in keep}
        if not with_text:
            data.pop("text", None)
        return data


class ErrorRecord(_Model):
    """A file that could not be read at all: which file, and what went wrong."""

    source: Source
    error: str

    def to_json(self, *, with_text: bool = True) -> dict[str, Any]:
        return {"source": self.source.model_dump(mode="json", exclude_none=True), "error": self.error}


AnyRecord = MeetingRecord | ErrorRecord
