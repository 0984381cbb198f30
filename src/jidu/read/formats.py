"""Text to raw paragraphs, by format: front-matter Markdown with an HTML body, HTML, JSON, plain text.

Each reader returns a :class:`Raw`: the paragraphs in reading order (not yet normalized) and what the
file says of itself (title, outlet, publication time).  Format detection looks at the content, not
the file name, because scrapers save HTML as ``.txt`` and JSON as anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from jidu.read import html as html_reader
from jidu.read.dates import iso_published

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader (PyYAML's wheels ship it): the pure-Python one costs more than the rest of reading."""


class FormatError(ValueError):
    """The text claims a format (front matter, JSON) but does not hold to it."""


@dataclass
class Raw:
    format: str
    paragraphs: list[str]
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


_FRONT = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_TAG = re.compile(r"<\s*(p|div|br|html|body|article|span|font|h[1-6]|section|table|img|a)\b[^>]*>", re.I)
_TITLE_KEYS = ("title", "headline", "name")
_BODY_KEYS = ("body", "content", "text", "article", "html", "contents")
_DATE_KEYS = ("date", "published", "pubdate", "publish_time", "published_at", "time", "datetime", "pub_time")
_OUTLET_KEYS = ("source", "outlet", "site", "media", "publisher", "author")


def detect_format(text: str) -> str:
    stripped = text.lstrip()
    if _FRONT.match(text):
        return "markdown+html"
    if stripped[:1] in "{[":
        return "json"
    if len(_TAG.findall(text[:20000])) >= 2:
        return "html"
    return "text"


def read_text(text: str) -> list[Raw]:
    """Dispatch on the detected format; a JSON Lines file or JSON array may hold several readouts."""
    fmt = detect_format(text)
    if fmt == "markdown+html":
        return [_read_front_matter(text)]
    if fmt == "json":
        return _read_json(text)
    if fmt == "html":
        return [_read_html(text)]
    return [_read_plain(text)]


def _body_paragraphs(body: str) -> list[str]:
    if _TAG.search(body):
        return html_reader.html_paragraphs(body)
    return _plain_lines(body)


def _plain_lines(text: str) -> list[str]:
    return [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def _read_front_matter(text: str) -> Raw:
    match = _FRONT.match(text)
    assert match is not None
    try:
        meta = yaml.load(match.group(1), Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        raise FormatError(f"the front matter block is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise FormatError("the front matter block is not a mapping of keys to values")
    body = text[match.end():]
    return Raw(
        format="markdown+html",
        paragraphs=_body_paragraphs(body),
        title=_as_text(meta.get("title")),
        outlet=_as_text(meta.get("author") or meta.get("source")),
        published=iso_published(meta.get("date")),
        extra={"categories": meta.get("categories")},
    )


def _read_html(text: str) -> Raw:
    meta, paragraphs = html_reader.read_page(text)
    return Raw(
        format="html",
        paragraphs=paragraphs,
        title=meta["title"],
        outlet=meta["outlet"],
        published=iso_published(meta["published"]),
    )


def _pick(obj: dict, keys: tuple[str, ...]) -> object:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in keys:
        if lowered.get(key) not in (None, ""):
            return lowered[key]
    return None


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    text = str(value).strip()
    return text or None


def _read_json(text: str) -> list[Raw]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        objects = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                objects.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise FormatError(f"line {number} is not valid JSON ({exc.msg}, column {exc.colno})") from exc
        data = objects
    items = data if isinstance(data, list) else [data]
    if not items:
        raise FormatError("the JSON holds no readout object")
    return [_json_readout(item, index) for index, item in enumerate(items, 1)]


def _json_readout(data: object, index: int) -> Raw:
    where = f"item {index}" if index > 1 else "the JSON"
    if not isinstance(data, dict):
        raise FormatError(f"{where} is not an object with title and body fields")
    body = _pick(data, _BODY_KEYS)
    if not isinstance(body, str) or not body.strip():
        raise FormatError(f"{where} has no body/content/text field with the readout's text")
    return Raw(
        format="json",
        paragraphs=_body_paragraphs(body),
        title=_as_text(_pick(data, _TITLE_KEYS)),
        outlet=_as_text(_pick(data, _OUTLET_KEYS)),
        published=iso_published(_pick(data, _DATE_KEYS)),
    )


def _read_plain(text: str) -> Raw:
    lines = _plain_lines(text)
    title = None
    if lines:
        first = lines[0].strip()
        if len(first) <= 80 and not re.search(r"[。；]$", first) and not re.search(r"(举行|召开)。", first):
            title = first
            lines = lines[1:]
    return Raw(format="text", paragraphs=lines, title=title)
