"""Option lists whose page keys are safe before their lines are laid out."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList


def lines_laid_out(listing: OptionList) -> bool:
    """True when `listing` knows which line its highlighted option is on, so it can page.

    Textual's own paging looks the highlighted option up in a line map that is only filled in
    at layout, so a page key pressed between `clear_options()` and the next layout, while the
    list has no height, or the moment the command palette opens, raises `KeyError` and ends
    the app. The key monkey found it. (Private parts of OptionList, as its own
    `scroll_to_highlight` uses them.)
    """
    listing._update_lines()
    return (listing.highlighted or 0) in listing._index_to_line


class PagedOptionList(OptionList):
    """Textual's `OptionList`, but page up / page down do nothing until its lines are known."""

    def _move_page(self, direction: int) -> None:  # type: ignore[override]
        if lines_laid_out(self):
            super()._move_page(direction)  # type: ignore[arg-type]


class PagedCommandPalette(CommandPalette):
    """Textual's command palette, whose page keys wait for its list's lines likewise."""

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down") and not lines_laid_out(self.query_one(CommandList)):
            return
        super()._action_command_list(action)
