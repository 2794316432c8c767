"""The faces of govsim: the command line (and later reports and the pytest plugin)."""
