"""Schema extensions, one per module."""
