"""What the key monkey checks after its inputs, besides crashes: that no screen shows a rating
before both partners' are in, that no screen shows a partner's old name after a rename, and
that the lock and the cover show no name and no word the couple wrote.

Both are decided from the data file, never from what the screen says about itself: the store
tells which ratings are still hidden and what the names are now; the screen is only searched
for what must not be there.

A hidden rating is recognised on screen by its note, which does not depend on wording: every
note the monkey writes carries a word of random letters that appears nowhere else. A bare score
("3 of 5") is not searched for: a screen holds many small numbers (other weeks' ratings,
"step 3 of 5"). Whether a rating may show is the one rule every view reads,
`tui.core.checkins.ratings_revealed`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from textual.app import App
from textual.screen import Screen

from tui.core.checkins import CheckinRecord, Rating, ratings_revealed
from tui.store import Store

COVERS = frozenset({"UnlockScreen", "HiddenScreen"})
"""The screens that stand in front of everything when the screen is locked or hidden: nothing
of the couple's may show on them."""
LOOK_EVERY = 10
"""The screen is searched for hidden ratings and old names at every change of pane or dialog
and at every this many steps in between (reading the whole screen costs a frame)."""


@dataclass(frozen=True)
class HiddenRating:
    """A rating in the data file that no view may show yet."""

    checkin: CheckinRecord
    rating: Rating


def hidden_ratings(records: Iterable[CheckinRecord]) -> list[HiddenRating]:
    """Every rating of a check-in whose ratings are not revealed (the other partner has
    neither rated nor passed, or never will)."""
    return [
        HiddenRating(record, rating)
        for record in records
        if not ratings_revealed(record)
        for rating in record.ratings
    ]


def visible_screens(app: App) -> list[Screen]:
    """The screen on top and every screen that shows through behind it: a screen shows the
    one below only through a translucent background (as `Screen.render` draws it)."""
    stack = app.screen_stack
    shown = [stack[-1]]
    for below in reversed(stack[:-1]):
        if shown[-1].styles.background.a == 1:
            break
        shown.append(below)
    return shown[::-1]


def visible_text(app: App) -> str:
    """Every character the terminal shows now, screen by screen."""
    # The compositor is private, but it is exactly what the terminal receives.
    return "\n".join(
        strip.text
        for screen in visible_screens(app)
        for strip in screen._compositor.render_strips()
    )


class Watch:
    """Checks the screen against the data file after each step of a run."""

    def __init__(
        self, store: Store | None, tokens: Collection[str], distinctive_names: Collection[str]
    ) -> None:
        self.store = store
        """The open data file; None until the app has opened it (a protected file is opened
        by the app once the passphrase is typed)."""
        self.tokens = tokens
        """The random words the monkey has written into the app's fields."""
        self.distinctive_names = distinctive_names
        self._file_seen: tuple[int, int, int] | None = None
        self._hidden: list[HiddenRating] = []
        self._old_names: list[str] = []
        self._last_context = ""
        self._steps = 0

    def note_rename(self, old_name: str) -> None:
        """From now on, `old_name` must not show anywhere (if it is one of the distinctive
        names the run began with: a name the walk typed may be part of other text)."""
        if old_name in self.distinctive_names:
            self._old_names.append(old_name)

    def check(self, app: App, context: str) -> None:
        """Raise AssertionError when the screen shows what the data file says it must not."""
        self._steps += 1
        moved = context != self._last_context
        self._last_context = context
        if context in COVERS:
            self._check_cover(visible_text(app), context)
        if self.store is None or not (moved or self._steps % LOOK_EVERY == 0):
            return
        self._read_file_if_changed()
        words = self._hidden_words()
        if words or self._old_names:
            text = visible_text(app)
            self._check_ratings(text, words)
            self._check_names(text)

    def _read_file_if_changed(self) -> None:
        try:
            facts = os.stat(self.store.path)
        except FileNotFoundError:
            return
        seen = (facts.st_ino, facts.st_mtime_ns, facts.st_size)
        if seen == self._file_seen:
            return
        self._file_seen = seen
        self._hidden = hidden_ratings(self.store.checkins())

    def _hidden_words(self) -> set[tuple[HiddenRating, str]]:
        """(rating, word) for each of the monkey's words in the note of a hidden rating."""
        return {
            (hidden, word)
            for hidden in self._hidden
            for word in hidden.rating.note.split()
            if word in self.tokens
        }

    def _check_ratings(self, text: str, words: set[tuple[HiddenRating, str]]) -> None:
        for hidden, word in sorted(words, key=lambda pair: pair[1]):
            if word in text:
                raise AssertionError(
                    f"the screen shows partner {hidden.rating.partner}'s hidden rating (its "
                    f"note {hidden.rating.note!r}) of the check-in started "
                    f"{hidden.checkin.started_at} ({hidden.checkin.status}), while the other "
                    "partner has not rated"
                )

    def _check_cover(self, text: str, context: str) -> None:
        """No name, old or new, and no word the couple wrote on the lock or the cover (the
        names the walk itself types may be words any text holds: only the distinctive ones
        are searched for)."""
        private = [name for name in self.distinctive_names if name in text]
        private += [token for token in self.tokens if token in text]
        if private:
            raise AssertionError(f"the {context} shows {sorted(private)!r}")

    def _check_names(self, text: str) -> None:
        partners = self.store.settings().partners
        names = (partners.a, partners.b)
        stale = [old for old in self._old_names if not any(old in name for name in names)]
        for old in stale:
            if re.search(rf"(?<!\w){re.escape(old)}(?!\w)", text):
                line = next(line for line in text.splitlines() if old in line)
                raise AssertionError(
                    f"the screen still shows the old name {old!r} after the rename: "
                    f"{line.strip()!r}"
                )
