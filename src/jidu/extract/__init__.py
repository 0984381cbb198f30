"""Clean text to meeting record: classify, then read the lead, the roles and the body.

:func:`extract` takes a :class:`jidu.read.Document` and returns a :class:`MeetingRecord` whose every
value carries its span(s) in ``record.text`` (``record.provenance``).  Paragraphs before the lead
paragraph are a lede (a summary repeating the opening) and are not read as remarks or terms.
"""

from __future__ import annotations

import re

from jidu.extract import body, lead, roles
from jidu.extract.people import Named
from jidu.read import Document
from jidu.record import Deployment, MeetingRecord, Opening, Person, Remark, Source, Speeches

_GENERIC_SPEAKER = re.compile(
    r"^(?:“[^”]{1,400}”[。！？]?)?[\u4e00-\u9fff]{2,4}(?:同志)?(?:在讲话中|在会上)?(?:就[^。]{0,80}?)?"
    r"(?:指出|强调|要求|表示)[，：]"
)


class _Spans:
    """Collects provenance: field path -> absolute [start, end) spans in the document text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.map: dict[str, list[tuple[int, int]]] = {}

    def add(self, path: str, paragraph: int, start: int, end: int) -> None:
        if end <= start:
            return
        base = self.doc.starts[paragraph]
        self.map.setdefault(path, []).append((base + start, base + end))


def _lead_block_end(paragraphs: list[str], lead_index: int) -> int:
    """The lead block runs from the lead paragraph to the first heading or speaker's paragraph."""
    for index in range(lead_index + 1, min(len(paragraphs), lead_index + 5)):
        text = paragraphs[index]
        if _GENERIC_SPEAKER.match(text) or body.is_heading_like(text) or body.is_speeches_or_form(text):
            return index
    return min(len(paragraphs), lead_index + 5)


def _person(named: Named | None) -> Person | None:
    return Person(name=named.name, title=named.title) if named else None


def extract(doc: Document, source: Source) -> MeetingRecord:
    """The meeting record of one readout (``is_meeting`` false with a reason for other news)."""
    paragraphs = doc.paragraphs
    spans = _Spans(doc)
    found = lead.find_lead(paragraphs)
    if found is None or found.reason:
        reason = found.reason if found and found.reason else lead.not_meeting_reason(paragraphs, doc.title)
        return MeetingRecord(source=source, is_meeting=False, reason=reason, text=doc.text)

    lead_text = paragraphs[found.paragraph]
    spans.add("kind", found.paragraph, found.name_span[0], found.name_span[1])
    city = lead.find_city(found.organ, doc.title, doc.text)
    organ = lead.full_organ(found.organ, city)
    if found.organ_span:
        spans.add("organ", found.paragraph, *found.organ_span)
    else:
        spans.add("organ", found.paragraph, *found.name_span)

    when = lead.find_when(lead_text, found.sentence, doc.published, doc.dateline, doc.text)
    for key, (start, end) in when.spans.items():
        spans.add(key, found.paragraph, start, end)
    for cue in when.cues:
        spans.map.setdefault("date.year", []).append(cue.span)

    block_end = _lead_block_end(paragraphs, found.paragraph)
    who = roles.find_roles(paragraphs, found.paragraph, block_end)
    roles.find_attendance(paragraphs, found.paragraph, block_end, who)
    for path, where in who.spans.items():
        spans.add(path, *where)

    block = [(i, paragraphs[i]) for i in range(found.paragraph, block_end)]
    year_hint = None
    if when.date is None:
        inferred = lead.infer_year(doc.text)
        year_hint = inferred[0] if inferred else None
    quarter, quarter_where = lead.deployed_quarter(found, block, when.date, year_hint)
    if quarter_where:
        spans.add("quarter", *quarter_where)

    form = lead.find_form(paragraphs[found.paragraph:])
    if form:
        spans.add("form", found.paragraph + form[1], *form[2])

    opening = None
    if who.opening_speaker and who.opening_text and who.opening_paragraph is not None and who.opening_text[1] > who.opening_text[0]:
        start, end = who.opening_text
        opening = Opening(speaker=who.opening_speaker.name, text=paragraphs[who.opening_paragraph][start:end])
        spans.add("opening.text", who.opening_paragraph, start, end)

    deployer_name = who.deployer.name if who.deployer else None
    named = [p for p in (who.presider, who.speaker, *who.also_present, *who.deployers, *who.attendees) if p]
    others = {p.name for p in named}
    principal_name = _principal(who, paragraphs, found.paragraph + 1, deployer_name, others)
    blocks = body.read_blocks(paragraphs, found.paragraph + 1, principal_name, deployer_name, others)

    remarks = []
    deployment = None
    for b in blocks:
        if b.kind == "remark":
            number = len(remarks)
            remarks.append(Remark(speaker=b.speaker, heading=b.heading[1] if b.heading else None, text=body.block_text(b, paragraphs)))
            for index, start, end in b.parts:
                spans.add(f"remarks[{number}].text", index, start, end)
            if b.heading:
                spans.add(f"remarks[{number}].heading", b.heading[0], 0, len(b.heading[1]))
        elif b.kind == "deployment" and deployment is None:
            items = body.deployment_items(b, paragraphs)
            deployment = Deployment(speaker=b.speaker, heading=b.heading[1] if b.heading else None, items=[i[0] for i in items])
            for number, (_, index, start, end) in enumerate(items):
                spans.add(f"deployment.items[{number}]", index, start, end)
            if b.heading:
                spans.add("deployment.heading", b.heading[0], 0, len(b.heading[1]))

    speeches = Speeches()
    found_speeches = body.find_speeches(paragraphs, found.paragraph)
    comments = []
    if found_speeches:
        speeches = Speeches(units=[u[0] for u in found_speeches.units], topic=found_speeches.topic[0] if found_speeches.topic else None)
        for number, (_, start, end) in enumerate(found_speeches.units):
            spans.add(f"speeches.units[{number}]", found_speeches.paragraph, start, end)
        if found_speeches.topic:
            spans.add("speeches.topic", found_speeches.paragraph, found_speeches.topic[1], found_speeches.topic[2])
        for number, (unit, index) in enumerate(body.unit_comments(paragraphs, found_speeches)):
            comments.append({"unit": unit, "text": paragraphs[index]})
            spans.add(f"speeches.comments[{number}]", index, 0, len(paragraphs[index]))

    terms = body.find_terms(paragraphs, found.paragraph)
    for number, (_, index, start, end) in enumerate(terms):
        spans.add(f"terms[{number}]", index, start, end)

    record = MeetingRecord(
        source=source,
        is_meeting=True,
        organ=organ,
        city=city,
        kind=found.kind,
        date=when.date,
        date_basis=when.basis,
        time_of_day=when.time_of_day,
        quarter=quarter,
        form=form[0] if form else None,
        presider=_person(who.presider),
        deployer=_person(who.deployer),
        also_present=[Person(name=p.name, title=p.title) for p in who.also_present],
        attendees=[p.name for p in who.attendees],
        opening=opening,
        remarks=remarks,
        deployment=deployment,
        speeches=speeches,
        terms=[t[0] for t in terms],
        text=doc.text,
        provenance=spans.map,
    )
    if comments:
        record.speeches.comments = comments  # type: ignore[attr-defined]
    if when.cues:
        record.date_evidence = [c.cue for c in when.cues]  # type: ignore[attr-defined]
    if who.deployers:
        record.deployers = [Person(name=p.name, title=p.title) for p in who.deployers]  # type: ignore[attr-defined]
    return record


def _principal(who: roles.Roles, paragraphs: list[str], start: int, deployer: str | None, names: set[str]) -> str | None:
    """The principal speaker: the one with the opening statement, else the one said to speak (讲话),
    else whoever opens the most remark paragraphs, else the presider."""
    if who.opening_speaker:
        return who.opening_speaker.name
    if who.speaker:
        return who.speaker.name
    counts: dict[str, int] = {}
    for paragraph in paragraphs[start:]:
        found = body.speaker_of(paragraph, names - {deployer} if deployer else names)
        if found:
            counts[found[0]] = counts.get(found[0], 0) + 1
    if counts:
        return max(counts, key=lambda n: counts[n])
    return who.presider.name if who.presider else None
