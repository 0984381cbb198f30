"""Screening: tell at a glance that a decoded file cannot be a quarterly work meeting readout.

A readout names its meeting: …季度工作会议, 季度工作点评会 (:data:`jidu.extract.lead.KIND`).  Most files
in a crawl of news never write 季 at all, and many that do (一季度经济运行…, a relay of a quarterly
meeting's spirit aside) never write the meeting's name.  For them, reading the whole file (HTML
parsing, script conversion, normalization, extraction) would be wasted: two searches of the decoded
text settle them in microseconds.

The screen must never turn a readout away, so it errs towards reading in full:

* the name is looked for with markup, entities, spaces and zero-width characters removed
  (季度<b>工作</b>会议, 季 度), in both scripts, and in a looser form than the extractor's;
* a text that may hold 季 in a form the reader turns into 季 later (an HTML character reference,
  a JSON ``\\u`` escape, the mojibake :mod:`jidu.read.normalize` repairs) is always read in full.
"""

from __future__ import annotations

import re

QUARTER = "季"
"""The character every quarterly meeting's name holds (季度), in either script."""

_ESCAPED = re.compile(r"&#(?:0*23395|[xX]0*5[bB]63);|\\[uU]5[bB]63")
_GARBLED = tuple(QUARTER.encode("utf-8").decode(wrong, errors="replace") for wrong in ("latin-1", "cp1252", "mac_roman"))
"""季's UTF-8 bytes read as Latin-1, CP1252 or Mac Roman: the mojibake the reader repairs."""

_INVISIBLE = re.compile(r"<[^>]*>|&[A-Za-z]+;|[\s\u200b-\u200d\u2060\ufeff]+")
_MEETING_NAME = re.compile(r"季度(?:重[点點])?工作(?:[会會]|[点點][评評]|[讲講][评評]|推[进進]|[总總][结結])")
"""A quarterly work meeting's name, looser than the extractor's (a superset of what it reads)."""


def hidden_quarter(text: str) -> bool:
    """True when 季 may hide in an escape or mojibake that only reading in full reveals."""
    if ("&#" in text or "\\u" in text or "\\U" in text) and _ESCAPED.search(text):
        return True
    return any(form in text for form in _GARBLED)


def turned_away(text: str) -> bool:
    """True when the decoded text cannot hold a quarterly work meeting readout."""
    if hidden_quarter(text):
        return False
    if QUARTER not in text:
        return True
    if _MEETING_NAME.search(text):  # as most readouts write it: no need to strip anything
        return False
    return not _MEETING_NAME.search(_INVISIBLE.sub("", text))
