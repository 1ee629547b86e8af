"""Actors: recognition from the dictionaries, actor codes, one name per actor, people, discourse reference."""
