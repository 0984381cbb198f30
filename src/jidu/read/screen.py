"""Screening: tell at a glance, from the raw bytes, that a file cannot be a quarterly meeting readout.

Every readout names its meeting as a *quarterly* one (…季度工作会议, 季度工作点评会), so its text holds
the character 季.  Most files in a crawl of news do not, and for them reading the whole file (HTML
parsing, script conversion, normalization) would be wasted: looking for 季 in the bytes, in every
form the reader could turn into it, settles them in microseconds.

The forms are 季 in every encoding :mod:`jidu.read.decode` accepts, as an HTML character reference,
as a JSON ``\\u`` escape, and as the mojibake :mod:`jidu.read.normalize` repairs (UTF-8 read as
Latin-1, CP1252 or Mac Roman, then written as UTF-8 again).  The test can only be wrong in one
direction: a file that holds one of these byte strings is read in full even if it is not a readout.
Characters split by markup or spaces (季<b>度</b>, 季 度) still hold 季.  The form of the character
after decoding is the last word: :func:`jidu.parse.parse_all` reads a screened file in full after all
if its decoded text holds 季.
"""

from __future__ import annotations

import re

QUARTER = "季"
"""The character every quarterly meeting's name holds (季度), in either script."""


def _narrow_forms() -> tuple[bytes, ...]:
    forms = {QUARTER.encode(enc) for enc in ("utf-8", "gb18030", "big5", "big5hkscs")}
    utf8 = QUARTER.encode("utf-8")
    for wrong in ("latin-1", "cp1252", "mac_roman"):
        try:
            forms.add(utf8.decode(wrong).encode("utf-8"))
        except UnicodeDecodeError:  # a byte the wrong codec has no character for
            continue
    return tuple(sorted(forms))


NARROW_FORMS = _narrow_forms()
WIDE_FORMS = tuple(QUARTER.encode(enc) for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
"""UTF-16/32 forms: two ASCII bytes (``[c``), so they are looked for only in text that may be UTF-16/32."""
_ESCAPED = re.compile(rb"&#(?:0*23395|[xX]0*5[bB]63);|\\[uU]5[bB]63")


def may_be_readout(data: bytes) -> bool:
    """False when the bytes hold 季 in no form the reader could make of them: then no readout is here.

    UTF-16/32 forms count only in bytes with a NUL or a byte-order mark (text in them has NULs as
    soon as it has one ASCII character); :func:`jidu.parse.parse_all` checks the decoded text of a
    file turned away once more, so even a UTF-16 file of nothing but Chinese characters is not lost.
    """
    for form in NARROW_FORMS:
        if form in data:
            return True
    if (b"&#" in data or b"\\u" in data or b"\\U" in data) and _ESCAPED.search(data):
        return True
    if b"\x00" in data or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return any(form in data for form in WIDE_FORMS)
    return False


NO_QUARTER_REASON = "never mentions a quarter (季度): not a quarterly work meeting readout"
