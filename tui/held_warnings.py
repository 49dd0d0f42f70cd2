"""Which notifications wait behind the lock screen, and which are dropped.

While the screen is locked or hidden nothing but the cover may show: a toast could quote a name
or the couple's words. Warnings and errors (a backup or a save that failed, a file changed
outside) call for something to be done, so they wait until the screen is uncovered; the rest is
news of the moment, and is dropped.
"""

from __future__ import annotations

from textual.notifications import Notification


def is_warning(notification: Notification) -> bool:
    """True for a warning or an error, which must not be lost behind the cover."""
    return notification.severity != "information"


class HeldWarnings:
    """The warnings on screen when it was covered, and those raised while it was, in order."""

    def __init__(self) -> None:
        self._shown: list[Notification] = []
        self._held: list[Notification] = []

    def shown(self, notification: Notification) -> None:
        """`notification` is shown on the uncovered screen: a warning is kept while it lasts."""
        self._shown = [warning for warning in self._shown if not warning.has_expired]
        if is_warning(notification):
            self._shown.append(notification)

    def cover(self) -> None:
        """The screen is covered and its toasts cleared: the warnings still up will come back."""
        self._held.extend(warning for warning in self._shown if not warning.has_expired)
        self._shown.clear()

    def raised_while_covered(self, notification: Notification) -> None:
        """`notification` was raised behind the cover: a warning waits, the rest is dropped."""
        if is_warning(notification):
            self._held.append(notification)

    def take(self) -> list[Notification]:
        """The warnings to show now that the screen is uncovered; none are kept after."""
        held, self._held = self._held, []
        return held
