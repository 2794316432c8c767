"""Pydantic models of the three documents: organisation, rule book, scenario."""
