"""Tags offered from earlier moments as they are typed: the last word of a field is completed
with the most used earlier tag that starts with it, unless it is an earlier tag already."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input

from tui.keys import key

_LAST_WORD = re.compile(r"[^\s,]*$")


class TagSuggester(Suggester):
    """Completes the last word of an Input from earlier tags.

    `tags_for(prefix)` returns earlier tags starting with `prefix`, the most used first (see
    `tui.core.moments.suggest_tags`). With `hashed`, only a word starting with "#" is completed,
    as in the search box, where other words are plain search words.
    """

    def __init__(self, tags_for: Callable[[str], list[str]], *, hashed: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags_for = tags_for
        self._hashed = hashed

    def completion(self, value: str) -> str | None:
        """`value` with its last word completed, as the field shows it in grey; None when
        nothing is offered. A word that is an earlier tag already stays as it is."""
        word = _LAST_WORD.search(value).group()  # type: ignore[union-attr]
        lead = value[: len(value) - len(word)]
        if self._hashed and not word.startswith("#"):
            return None
        typed = word.lstrip("#").lower()
        if not typed:
            return None
        earlier = self._tags_for(typed)
        if not earlier or typed in earlier:
            return None
        mark = "#" if word.startswith("#") else ""
        return f"{lead}{mark}{earlier[0]}"

    async def get_suggestion(self, value: str) -> str | None:
        return self.completion(value)


class MomentSearch(Input):
    """The search box above the moments: words, or a "#tag" completed from earlier tags.

    What it shows is what the list is filtered by: a tag completed in grey already filters
    the list, and stays when the box is left.
    """

    BINDINGS = [
        key(
            "moment-search",
            "enter,down,escape",
            "done",
            "Back to the list",
            "Go back to the list, keeping the search",
            name="done",
            footer=True,
            key_display="↓",
        )
    ]

    class Done(Message):
        """The couple is done typing: the list takes the keyboard again."""

    def __init__(self, tags_for: Callable[[str], list[str]], *, id: str | None = None) -> None:  # noqa: A002
        self._tags = TagSuggester(tags_for, hashed=True)
        super().__init__(
            placeholder="/ search words, or #tag",
            id=id,
            compact=True,
            select_on_focus=False,
            suggester=self._tags,
        )

    @property
    def search(self) -> str:
        """The search as the box shows it: what is typed, and a tag completed in grey."""
        if not self.has_focus:
            return self.value  # the grey completion shows only in the box being typed in
        return self._tags.completion(self.value) or self.value

    def action_done(self) -> None:
        """Hand the keyboard back to the list."""
        self.post_message(self.Done())

    def on_blur(self) -> None:
        # Leaving the box keeps the tag the list was filtered by, which would otherwise
        # vanish with its grey completion.
        completed = self._tags.completion(self.value)
        if completed is not None:
            self.value = completed
            self.cursor_position = len(completed)

    def start_tag(self) -> None:
        """Start a "#tag" after what is typed, and take the keyboard to finish it."""
        self.value = f"{self.value} #".lstrip()
        self.cursor_position = len(self.value)
        self.focus()

    def clear_quietly(self) -> None:
        """Empty the box without announcing a change: the caller redraws once, itself."""
        with self.prevent(Input.Changed):
            self.value = ""
