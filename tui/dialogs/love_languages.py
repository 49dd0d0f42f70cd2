"""Recording each partner's love language."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, Select, Static

from tui.core.models import LOVE_LANGUAGES, Partners
from tui.dialogs.base import FormDialog

LoveLanguages = tuple[str | None, str | None]


class LoveLanguageDialog(FormDialog[LoveLanguages]):
    """Returns (partner A's, partner B's) love language keys, or None when cancelled."""

    def __init__(self, partners: Partners, current: LoveLanguages) -> None:
        super().__init__("Love languages")
        self.partners = partners
        self.current = current

    def compose_fields(self) -> ComposeResult:
        options = [(label.capitalize(), key) for key, label in LOVE_LANGUAGES.items()]
        yield Static(
            "How does each of you most feel loved? The daily love-language ritual shows "
            "each of you the other's, so the small act lands.",
            classes="dialog-message",
        )
        for key, name, value in (
            ("a", self.partners.a, self.current[0]),
            ("b", self.partners.b, self.current[1]),
        ):
            yield Label(Text(f"{name} feels most loved through"))
            yield Select(
                options,
                value=Select.NULL if value is None else value,
                id=f"language-{key}",
                prompt="not chosen yet",
            )

    def result(self) -> LoveLanguages:
        chosen = [self.query_one(f"#language-{key}", Select).value for key in ("a", "b")]
        first, second = (value if isinstance(value, str) else None for value in chosen)
        return first, second
