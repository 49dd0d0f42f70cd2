"""The four panes of the dashboard, one `TabPane` subclass each."""
