"""An option list whose page keys are safe between a rebuild of its options and its layout."""

from __future__ import annotations

from textual.widgets import OptionList


class PagedOptionList(OptionList):
    """Textual's `OptionList`, but page up / page down do nothing until its lines are known.

    Textual's own paging looks the highlighted option up in a line map that is only filled in
    at layout, so a page key pressed between `clear_options()` and the next layout (or while
    the list's pane is hidden) raises `KeyError` and ends the app. The key monkey found it.
    """

    def _move_page(self, direction: int) -> None:  # type: ignore[override]
        # Private parts of OptionList, as its own scroll_to_highlight uses them.
        self._update_lines()
        if (self.highlighted or 0) not in self._index_to_line:
            return
        super()._move_page(direction)  # type: ignore[arg-type]
