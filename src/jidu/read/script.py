"""Traditional or simplified script: detect it, and convert to simplified with OpenCC ``t2s``.

The record keeps the original script in ``source.script``; every text field is simplified so that
readouts of one meeting in two scripts compare equal.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def detect_script(text: str) -> str:
    """``hant`` when more characters change under t2s than under s2t, else ``hans``.

    Counting both directions keeps shared characters (most of any Chinese text) from deciding, and a
    simplified text quoting one traditional name stays ``hans``.  Characters are counted against the
    sets of characters OpenCC changes (:func:`_changed_by`), which gives the counts of converting the
    text both ways at a fraction of the cost.
    """
    sample = text[:20000]
    traditional = sum(map(len, _changed_by("t2s").findall(sample)))
    simplified = sum(map(len, _changed_by("s2t").findall(sample)))
    return "hant" if traditional > simplified else "hans"


_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=2)
def _changed_by(config: str) -> re.Pattern[str]:
    """A character class of every CJK character the OpenCC ``config`` converts to another character.

    The characters are converted once, one per line, so that OpenCC's phrase tables (which would
    match across neighbours) see each one alone.
    """
    chars = [chr(c) for low, high in _CJK_RANGES for c in range(low, high + 1)]
    converted = _converter(config).convert("\n".join(chars)).split("\n")
    changed = [c for c, d in zip(chars, converted, strict=True) if c != d]
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]+")
