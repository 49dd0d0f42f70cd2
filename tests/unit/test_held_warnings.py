"""What waits behind the lock screen: warnings and errors, in order; never news of the moment."""

from __future__ import annotations

from textual.notifications import Notification

from tui.held_warnings import HeldWarnings


def test_warnings_raised_while_covered_wait_and_news_is_dropped() -> None:
    held = HeldWarnings()
    news = Notification("Saved.", severity="information")
    warning = Notification("The backup failed.", severity="warning")
    error = Notification("Not saved.", severity="error")
    for notification in (news, warning, error):
        held.raised_while_covered(notification)
    assert held.take() == [warning, error]
    assert held.take() == [], "shown once, then forgotten"


def test_the_warnings_on_screen_when_covered_come_back_unless_their_time_was_up() -> None:
    held = HeldWarnings()
    lasting = Notification("The backup failed.", severity="warning", timeout=3600)
    gone = Notification("Not reloaded.", severity="error", timeout=0)
    news = Notification("Saved.", severity="information", timeout=3600)
    for notification in (gone, lasting, news):
        held.shown(notification)
    held.cover()
    later = Notification("Not saved.", severity="error")
    held.raised_while_covered(later)
    assert held.take() == [lasting, later]
    held.cover()
    assert held.take() == [], "a warning comes back once, not at every lock"
