"""Modal dialogs, each typed by the value it returns."""
