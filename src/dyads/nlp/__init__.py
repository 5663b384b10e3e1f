"""NLP stage: the spaCy model, loaded with only the pipes dyads needs."""

from .model import NEEDED_PIPES, load_model, needed_pipes, resolve_model_name

__all__ = ["NEEDED_PIPES", "load_model", "needed_pipes", "resolve_model_name"]
