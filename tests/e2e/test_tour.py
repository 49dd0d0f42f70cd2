"""A person's tour of the installed app in a real terminal, at 80x24 and at 160x50.

Set up, a short check-in, a tick, an agreement signed by both, a FAQ search; quit; relaunch
and find everything as it was left. The large size runs with NO_COLOR set, as some people
(and some terminals) prefer: every state must still read in words and symbols.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
import pendulum
import pytest

from tui.clock import system_time_zone_name
from tui.core.checkins import due_in_words
from tui.core.days import logical_day
from tui.core.glance import next_checkin_date
from tui.core.models import DEFAULT_CHECKIN_WEEKDAY, SETTING_RANGES
from tui.panes.agreements import AgreementsPane
from tui.panes.faq import FaqPane
from tui.panes.rituals import RitualsPane

from ..functional.helpers import pane_key
from .conftest import ATTUNE
from .terminal import EXIT_MARKER, Terminal

SIZES = {"80x24": (80, 24, False), "160x50 without colour": (160, 50, True)}


def couples_today() -> pendulum.Date:
    """Today as the app counts it on the real clock: the machine's time zone (which the
    first-run setup offers) and the default rollover hour."""
    now = pendulum.now(system_time_zone_name())
    return logical_day(now, SETTING_RANGES["day_rollover_hour"][2])


def launch(terminal: Terminal, data: Path, columns: int, rows: int, no_color: bool) -> None:
    environment = ["env", "NO_COLOR=1"] if no_color else []
    terminal.start([*environment, str(ATTUNE), "--data", str(data)], columns, rows)


@pytest.mark.parametrize("columns,rows,no_color", SIZES.values(), ids=SIZES.keys())
def test_a_whole_tour_then_a_relaunch(
    terminal: Terminal, tmp_path: Path, columns: int, rows: int, no_color: bool
) -> None:
    data = tmp_path / "home" / "attune.json"
    launch(terminal, data, columns, rows, no_color)
    terminal.wait_for("Welcome to Attune")
    terminal.type("Sam")
    terminal.keys("Tab")
    terminal.wait_for_cursor("Second partner's name")
    terminal.type("Alex")
    terminal.keys("Enter")
    terminal.wait_for("This week's check-in")

    # A short weekly meeting, as a new couple's plan has it: every step of the agenda, one round
    # of the talk with each turn handed over at once and each reflect-back heard.
    terminal.keys("Down", "Down", "Left")
    terminal.wait_for("1 each")
    # The check-in counts for the day it starts; the tour may cross the rollover hour, so
    # either side of it is the truth.
    started_on = {couples_today()}
    terminal.keys("Space")
    started_on.add(couples_today())
    terminal.wait_for("Step 1 of 6")
    terminal.keys("w")
    terminal.wait_for("something they did that you valued")  # the form, not the step
    terminal.type("the tea in the morning")
    terminal.keys("C-s")
    terminal.wait_for("• the tea in the morning")
    terminal.keys("Enter")
    terminal.wait_for("Step 2 of 6")
    terminal.keys("Enter")
    terminal.wait_for("Sam speaks next")
    terminal.keys("Space")
    terminal.wait_for("Sam is speaking")
    terminal.keys("Enter")
    terminal.wait_for("Reflect-back: Alex")
    terminal.keys("Enter")
    terminal.wait_for("Alex is speaking")
    terminal.keys("Enter")
    terminal.wait_for("Reflect-back: Sam")
    terminal.keys("Enter")
    terminal.wait_for("Every turn is spoken")
    terminal.keys("Enter")
    terminal.wait_for("Step 4 of 6")
    terminal.keys("Enter")
    terminal.wait_for("Step 5 of 6")
    terminal.keys("r")
    terminal.wait_for("Sam, your rating")
    terminal.keys("4", "Tab")
    terminal.wait_for_cursor("A note, if you like")
    terminal.type("closer")
    terminal.keys("C-s")
    terminal.wait_for("Sam has answered")
    assert "4 of 5" not in terminal.text() and "closer" not in terminal.text()
    terminal.keys("r")
    terminal.wait_for("Alex, your rating")
    terminal.keys("5", "C-s")
    terminal.wait_for("Both are in")
    terminal.keys("Enter")
    terminal.wait_for("Step 6 of 6")
    terminal.keys("w")
    terminal.wait_for("Sam: one thing that would help")  # the form, not the step
    terminal.type("a walk on Sunday")
    terminal.keys("C-s")
    terminal.wait_for("Sam: a walk on Sunday")
    terminal.keys("Enter")
    terminal.wait_for("Check-in finished")
    terminal.wait_for("4 of 5")
    terminal.wait_for("closer")
    terminal.keys("Space")
    terminal.wait_for("This week's check-in")

    # Rituals: take the starter set, tick today's talk time, skip yesterday's.
    terminal.keys(pane_key(RitualsPane))
    terminal.wait_for("Start with a few rituals?")
    terminal.keys("y")
    terminal.wait_for("streak")
    terminal.keys("Space")
    terminal.wait_for("[✓]")
    terminal.keys("Left", "s")
    terminal.wait_for("[~]")

    # Agreements: propose one, both sign.
    terminal.keys(pane_key(AgreementsPane))
    terminal.wait_for("Start from a few example agreements?")
    terminal.keys("n")
    terminal.wait_for_gone("Start from a few example agreements?")
    terminal.keys("a")
    terminal.wait_for("What you both agree to do")
    terminal.type("We talk weekly, phones away")
    terminal.keys("Enter")
    terminal.wait_for("PROPOSED")
    terminal.keys("s")
    terminal.wait_for("Who is signing?")
    terminal.keys("1")
    terminal.wait_for("Signed by Sam")
    terminal.keys("s")
    terminal.wait_for("Who is signing?")
    terminal.keys("2")
    terminal.wait_for("ACTIVE")

    # FAQ: search, read, leave the search.
    terminal.keys(pane_key(FaqPane))
    terminal.wait_for("Emotional neglect is a pattern")  # the first answer: the pane is built
    terminal.keys("/")
    terminal.wait_for_cursor("Search the questions and answers")
    terminal.type("love langu")
    terminal.wait_for("What are love languages?")
    terminal.keys("Escape")
    terminal.wait_for("Search the questions and answers")  # the search emptied and left
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
    terminal.stop()

    stored = msgspec.json.decode(data.read_bytes())
    assert len(stored["checkins"]) == 1 and len(stored["agreements"]) == 1

    launch(terminal, data, columns, rows, no_color)
    terminal.wait_for("Sam & Alex")
    terminal.wait_for("4/5")
    screen = terminal.text()
    checkin_day = next(day for day in started_on if day.format("D MMM") in screen)
    assert "4/5" in screen and "5/5" in screen, screen
    due_phrases = set()
    for today in (couples_today(), checkin_day):
        due = next_checkin_date(today, DEFAULT_CHECKIN_WEEKDAY, checkin_day)
        due_phrases.add(f"Next check-in: {due_in_words(today, due)}")
    # The history card is the right one: its lines, read on their own, hold the phrase even
    # when it wraps (a check-in held early is due more than a week on).
    history_card = [line.split("│ │", 1)[1] for line in screen.splitlines() if "│ │" in line]
    history = " ".join(" ".join(history_card).replace("│", " ").split())
    assert any(phrase in history for phrase in due_phrases), (due_phrases, screen)
    assert "◀ Alex ▶" in screen, "whoever opened last week listens first this week"
    terminal.keys(pane_key(RitualsPane))
    # The legend under the grid shows its marks as soon as the pane is built; the streak
    # column, only once the rituals' rows are drawn.
    terminal.wait_for("1d")
    screen = terminal.text()
    assert "~" in screen and "✓" in screen, screen
    terminal.keys(pane_key(AgreementsPane))
    terminal.wait_for("ACTIVE")
    assert "We talk weekly" in terminal.text() and "Signed by Sam and Alex" in terminal.text()
    terminal.keys(pane_key(FaqPane))
    terminal.wait_for("What does emotional neglect mean between partners?")
    terminal.keys("q")
    terminal.wait_for(f"{EXIT_MARKER} 0]")
