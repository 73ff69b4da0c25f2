"""storytrace: trace news stories across outlets back to their sources."""

__version__ = "0.1.0"
