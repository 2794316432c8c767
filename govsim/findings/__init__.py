"""Findings read from a replay: expectations and explanations."""
