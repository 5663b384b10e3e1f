"""Events stage: the ontology, the trigger lexicon, and the coder that applies them."""

from .coder import EventCoder
from .lexicon import Cues, Lexicon, LexiconEntry, load_cues, load_lexicon
from .ontology import CameoCode, Ontology, load_ontology

__all__ = ["CameoCode", "Cues", "EventCoder", "Lexicon", "LexiconEntry", "Ontology",
           "load_cues", "load_lexicon", "load_ontology"]
