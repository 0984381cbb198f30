"""Paragraph normalization: the text every extractor and every gold record assumes.

Simplified script is applied before this (see :mod:`jidu.read.script`).  Here: odd spaces and
zero-width characters go, 「」 become “”, half-width punctuation inside Chinese text becomes
full-width, spaces between Chinese characters disappear, conversion debris (pinyin glosses, empty
image placeholders, mojibake) is repaired or removed.  Each step is a small pure function so a
new kind of debris gets a new step, not a special case somewhere else.
"""

from __future__ import annotations

import re

import ftfy

_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】…—·「」『』"
_WIDE = f"{_HAN}{_CJK_PUNCT}"

_ODD_SPACES = re.compile(r"[\u3000\u00a0\u2000-\u200a\u202f\u205f\t]")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_PINYIN = re.compile(  # (preceded by a Chinese character: checked by the caller, see _drop_pinyin)
    r"[^\S\n]*[（(][^\S\n]*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]*[）)]"
)
_MOJIBAKE_HINT = re.compile(r"[ÃÂåæçèéäï][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a]")
_SPACES = re.compile(r"[^\S\n]+")
_WIDE_CHAR = re.compile(f"[{_WIDE}]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_PAREN = re.compile(rf"\(([^()\n]*[{_HAN}][^()\n]*)\)")
_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
# Each pattern starts with the character it replaces and looks behind from there: a pattern that
# starts with a look-behind is tried at every position of the text, ten times slower.
_HALF_AFTER_HAN = re.compile(rf"([,:;!?])(?:(?<=[{_WIDE}\d].)(?!\d)|(?<=[{_WIDE}][,;!?]))")
_PERIOD = re.compile(rf"\.(?<=[{_HAN}”）]\.)(?=$|[{_WIDE}\s])")


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Latin-1/CP1252 (``å¸å§``) is put back; clean text is left untouched."""
    if _MOJIBAKE_HINT.search(text):
        return ftfy.fix_encoding(text)
    return text


def corner_quotes(text: str) -> str:
    return text.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")


def straight_quotes(text: str) -> str:
    """``"…"`` around Chinese words becomes “…” when the quotes pair up."""
    if '"' not in text or text.count('"') % 2 or not re.search(f"[{_HAN}]", text):
        return text
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def full_width_punctuation(text: str) -> str:
    """``,`` ``:`` ``;`` ``!`` ``?`` ``.`` and ``( )`` inside Chinese text become their full-width forms.

    Numbers keep theirs: ``20:32``, ``1,000`` and ``3.5`` are untouched.
    """
    if "(" in text:
        text = _PAREN.sub(r"（\1）", text)
    text = _HALF_AFTER_HAN.sub(lambda m: _FULL[m.group(1)], text)
    if "." in text:
        text = _PERIOD.sub("。", text)
    return text


def _drop_pinyin(text: str) -> str:
    """Pinyin glosses right after a Chinese character: 龚正（gōng zhèng） -> 龚正."""

    def keep_unless_after_han(m: re.Match[str]) -> str:
        return "" if m.start() and _HAN_CHAR.match(text, m.start() - 1) else m.group(0)

    return _PINYIN.sub(keep_unless_after_han, text)


def _drop_spaces_beside_wide(text: str) -> str:
    """A run of spaces goes when a Chinese character or full-width punctuation is on either side."""

    def keep_unless_beside_wide(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        if (start and _WIDE_CHAR.match(text, start - 1)) or _WIDE_CHAR.match(text, end):
            return ""
        return m.group(0)

    return _SPACES.sub(keep_unless_beside_wide, text)


def normalize_paragraph(text: str) -> str:
    return normalize_paragraphs([text])[0]


def normalize_paragraphs(paragraphs: list[str]) -> list[str]:
    """Each paragraph normalized (empty ones stay, as empty strings).

    The steps run over the paragraphs joined by line breaks, once per document rather than once per
    paragraph, which is why no pattern above crosses a line break (a break inside a paragraph is a
    space).  The steps that look at a whole paragraph (mojibake, straight quotes) run per paragraph,
    and only where they have work.
    """
    text = "\n".join(p.replace("\n", " ") for p in paragraphs)
    if _MOJIBAKE_HINT.search(text):
        text = "\n".join(repair_mojibake(p) for p in text.split("\n"))
    text = _ZERO_WIDTH.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    if "![" in text:
        text = _IMAGE.sub("", text)
    text = corner_quotes(text)
    if '"' in text:
        text = "\n".join(straight_quotes(p) for p in text.split("\n"))
    if "(" in text or "（" in text:
        text = _drop_pinyin(text)
    text = full_width_punctuation(text)
    text = _drop_spaces_beside_wide(text)
    if "  " in text:
        text = re.sub(r" {2,}", " ", text)
    return [p.strip() for p in text.split("\n")]
