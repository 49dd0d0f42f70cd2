"""Attune: a terminal dashboard for a couple rebuilding their emotional connection."""

__version__ = "0.1.0"
