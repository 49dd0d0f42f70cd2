"""Attune's rules and models: plain Python, no Textual and no TinyDB."""
