"""Traditional or simplified script: detect it, and convert to simplified with OpenCC ``t2s``.

The record keeps the original script in ``source.script``; every text field is simplified so that
readouts of one meeting in two scripts compare equal.
"""

from __future__ import annotations

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
    simplified text quoting one traditional name stays ``hans``.
    """
    sample = text[:20000]
    to_s = _converter("t2s").convert(sample)
    to_t = _converter("s2t").convert(sample)
    traditional = sum(1 for a, b in zip(sample, to_s, strict=False) if a != b)
    simplified = sum(1 for a, b in zip(sample, to_t, strict=False) if a != b)
    return "hant" if traditional > simplified else "hans"
