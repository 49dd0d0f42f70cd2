"""Tags offered from earlier moments as they are typed: the last word of a field is completed
with the most used earlier tag that starts with it."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.suggester import Suggester
from textual.widgets import Input

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

    async def get_suggestion(self, value: str) -> str | None:
        word = _LAST_WORD.search(value).group()  # type: ignore[union-attr]
        lead = value[: len(value) - len(word)]
        if self._hashed and not word.startswith("#"):
            return None
        typed = word.lstrip("#").lower()
        if not typed:
            return None
        earlier = [tag for tag in self._tags_for(typed) if tag != typed]
        if not earlier:
            return None
        mark = "#" if word.startswith("#") else ""
        return f"{lead}{mark}{earlier[0]}"


class MomentSearch(Input):
    """The search box above the moments: words, or a "#tag" completed from earlier tags."""

    def __init__(self, tags_for: Callable[[str], list[str]], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(
            placeholder="/ search words, or #tag",
            id=id,
            compact=True,
            select_on_focus=False,
            suggester=TagSuggester(tags_for, hashed=True),
        )

    def start_tag(self) -> None:
        """Start a "#tag" after what is typed, and take the keyboard to finish it."""
        self.value = f"{self.value} #".lstrip()
        self.cursor_position = len(self.value)
        self.focus()

    def clear_quietly(self) -> None:
        """Empty the box without announcing a change: the caller redraws once, itself."""
        with self.prevent(Input.Changed):
            self.value = ""
