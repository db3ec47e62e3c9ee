"""Package metadata, kept apart so the build backend can read the version without importing spaCy."""

__version__ = "0.1.0"
