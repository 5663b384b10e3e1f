"""Is this text English? A cheap function-word test first, py3langid when in doubt."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by was were are be at from has have had "
    "it its this which an not but their said will would after over against".split()
)
SAMPLE_CHARS = 3000
MIN_WORDS = 6


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


CONFIDENT = 0.9


def is_english(text: str) -> tuple[bool, str]:
    """(verdict, detected language). Text is judged not English only when the detector is
    confident: short English sentences full of names ('Sudanese militias razed Chadian
    villages.') fool it, and wrongly dropping English text costs more than coding a short
    foreign line, which yields no events."""
    lang, prob = detect_language(text)
    return lang == "en" or prob < CONFIDENT, lang


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). Short texts are taken as English: too short to tell."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return "en", 0.0
    share = sum(w in _FUNCTION_WORDS for w in words) / len(words)
    if share >= 0.12:
        return "en", share
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)
