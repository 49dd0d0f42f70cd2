"""The baseline for start-up: a bare Textual app with Attune's header, seven tabs and footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane


class BareApp(App[None]):
    """Nothing but the chrome Attune shows on its first full screen."""

    TITLE = "Attune"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent():
            for title in (
                "Check-in",
                "Rituals",
                "Requests",
                "Agreements",
                "Moments",
                "Therapy",
                "FAQ",
            ):
                with TabPane(title):
                    yield Static(title)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
