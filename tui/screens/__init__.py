"""Whole-window screens: the first-run setup and the main dashboard."""
