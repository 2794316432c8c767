"""The version of govsim, kept in one place for the build backend."""

__version__ = "0.1.0"
