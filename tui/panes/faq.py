"""The FAQ pane: search, questions by category, the answer beside them, related entries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.keys import key
from tui.panes.base import AttunePane
from tui.widgets.option_list import PagedOptionList

if TYPE_CHECKING:
    from tui.core.faq import FaqEntry, SearchHit

NARROW_WIDTH = 100
"""Below this many columns of pane, padding included, the answer goes under the questions."""


def highlighted(question: str, words: frozenset[str]) -> Text:
    """`question` with each matched word emphasised (bold and underlined, not only coloured)."""
    text = Text(question)
    for word in words:
        for match in re.finditer(rf"\b{re.escape(word)}\b", question, flags=re.IGNORECASE):
            text.stylize("bold underline", match.start(), match.end())
    return text


class FaqPane(AttunePane):
    """Answers about emotional neglect and healing, searchable from the keyboard."""

    TITLE = "FAQ"
    PANE_ID = "faq"
    STYLESHEET = "faq"
    BINDINGS = [
        key(
            "faq",
            "slash",
            "focus_search",
            "Search",
            "Type a question or a few words to search the FAQ",
            footer=True,
            key_display="/",
        ),
        key(
            "faq",
            "escape",
            "clear_search",
            "Clear search",
            "Clear the search and list every entry",
            name="clear",
        ),
    ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._entries: list[FaqEntry] = []
        self._by_id: dict[str, FaqEntry] = {}
        self._shown: list[str] = []
        self._pending: str | None = None
        self._answered: str | None = None

    def compose(self) -> ComposeResult:
        yield Vertical(id="faq-root")

    async def on_show(self) -> None:
        # Built when first shown: the Markdown widget and the content are not needed at start-up.
        if self._entries:
            return
        from textual.widgets import Markdown

        from tui.core.faq import load_faq

        self.load_stylesheet()
        self._entries = load_faq()
        self._by_id = {entry.id: entry for entry in self._entries}
        root = self.query_one("#faq-root")
        await root.mount_all(
            [
                Input(placeholder="Search the questions and answers  ( / )", id="faq-search"),
                Horizontal(
                    PagedOptionList(id="faq-list"),
                    VerticalScroll(
                        Markdown(id="faq-answer"),
                        Static("Related questions (Enter opens one)", id="faq-related-title"),
                        PagedOptionList(id="faq-related"),
                        id="faq-answer-box",
                    ),
                    id="faq-body",
                ),
            ]
        )
        self._show_results("")
        if self._pending:
            self.open_entry(self._pending)
        else:
            self.focus_primary()

    def focus_primary(self) -> None:
        # The list, not the search field: with the field focused, 1-4 and q would type text
        # instead of switching panes or quitting. "/" goes to the search.
        for listing in self.query("#faq-list"):
            listing.focus()

    def on_resize(self, event: events.Resize) -> None:
        # Chosen here only, from the outer width the event carries: Textual sends a pane a
        # Resize with its real size each time it is shown, before Show, so every visit at one
        # window size measures alike. (`size` is the width inside the padding, 4 columns less.)
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")

    # --- searching ---------------------------------------------------------------------------

    @on(Input.Changed, "#faq-search")
    def _query_changed(self, event: Input.Changed) -> None:
        self._show_results(event.value)

    @on(Input.Submitted, "#faq-search")
    def _query_submitted(self) -> None:
        self.query_one("#faq-list", OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.app.focused is self.query_one("#faq-search", Input):
            self.query_one("#faq-list", OptionList).focus()
            event.stop()

    def action_focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.query_one("#faq-search", Input).focus()

    def action_clear_search(self) -> None:
        """Empty the search, list every question again, and go back to the list."""
        self.query_one("#faq-search", Input).value = ""
        self.focus_primary()

    def _show_results(self, query: str) -> None:
        from tui.core.faq import search  # loaded with the entries, on the first visit

        hits = search(self._entries, query)
        options: list[Option] = []
        self._shown = []
        if query.strip():
            for hit in hits:
                options.append(self._option(hit, with_category=True))
        else:
            category = None
            for hit in sorted(hits, key=lambda hit: self._category_order(hit.entry.category)):
                if hit.entry.category != category:
                    category = hit.entry.category
                    options.append(Option(Text(category.upper(), style="bold dim"), disabled=True))
                options.append(self._option(hit, with_category=False))
        listing = self.query_one("#faq-list", OptionList)
        listing.clear_options()
        listing.add_options(options)
        if not self._shown:
            listing.add_option(
                Option(Text("Nothing matches; try other words.", "dim"), disabled=True)
            )
            return
        listing.highlighted = next(
            index for index, option in enumerate(listing.options) if not option.disabled
        )

    def _category_order(self, category: str) -> int:
        order = list(dict.fromkeys(entry.category for entry in self._entries))
        return order.index(category)

    def _option(self, hit: SearchHit, with_category: bool) -> Option:
        label = highlighted(hit.entry.question, hit.matched_words)
        if with_category:
            label.append(f"  · {hit.entry.category}", "dim")
        self._shown.append(hit.entry.id)
        return Option(label, id=hit.entry.id)

    # --- reading -----------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#faq-list")
    def _entry_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show_answer(self._by_id[event.option.id])

    @on(OptionList.OptionSelected, "#faq-list")
    def _entry_selected(self) -> None:
        related = self.query_one("#faq-related", OptionList)
        if related.option_count:
            related.highlighted = 0  # so Enter at once opens the first related question
            related.focus()

    @on(OptionList.OptionSelected, "#faq-related")
    def _related_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_entry(event.option.id)

    def _show_answer(self, entry: FaqEntry) -> None:
        from textual.widgets import Markdown

        self.query_one("#faq-answer", Markdown).update(f"# {entry.question}\n\n{entry.answer}")
        if entry.id != self._answered:
            # A new answer opens at its question, not at the previous one's scroll position;
            # the same answer shown again (the list rebuilt by a search) keeps its place.
            self.query_one("#faq-answer-box", VerticalScroll).scroll_home(
                animate=False, immediate=True
            )
            self._answered = entry.id
        related = self.query_one("#faq-related", OptionList)
        related.clear_options()
        related.add_options(
            Option(Text(self._by_id[other].question), id=other) for other in entry.related
        )

    def open_entry(self, entry_id: str) -> None:
        """Show `entry_id` (clearing a search that hides it), with the list on its question."""
        if not self._entries:
            self._pending = entry_id  # opened before the pane was first built
            return
        self._pending = None
        self._answered = None  # opened on purpose: at its question, even if already on screen
        if entry_id not in self._shown:
            field = self.query_one("#faq-search", Input)
            with field.prevent(Input.Changed):  # the list is rebuilt right here instead
                field.value = ""
            self._show_results("")
        listing = self.query_one("#faq-list", OptionList)
        listing.highlighted = listing.get_option_index(entry_id)
        self._show_answer(self._by_id[entry_id])
        listing.focus()
