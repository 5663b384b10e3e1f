"""Actors stage: the actor dictionary and finding its names in parsed text."""

from .dictionary import ActorDictionary, ActorEntry, load_actors
from .matcher import ActorMatcher, Mention

__all__ = ["ActorDictionary", "ActorEntry", "ActorMatcher", "Mention", "load_actors"]
