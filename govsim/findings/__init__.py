"""Findings read from a replay: expectations, explanations and outcomes."""
