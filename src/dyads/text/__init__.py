"""Text stage: blank-line blocks, boilerplate lines as skips, language checks."""

from .blocks import BoilerplateRules, iter_blocks, load_boilerplate
from .language import detect_language, is_english

__all__ = ["BoilerplateRules", "detect_language", "is_english", "iter_blocks",
           "load_boilerplate"]
