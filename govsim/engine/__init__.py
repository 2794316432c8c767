"""The replay engine: SimPy world, act handlers, powers, requirements, verdicts."""
