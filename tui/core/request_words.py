"""Helping a request along in words: nudges while it is typed, the ritual an agreed one
suggests (its name and rhythm guessed from the words), and that ritual's streak in words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.core.mark_book import MarkBook
from tui.core.models import WEEKDAYS, Settings
from tui.core.requests import Request
from tui.core.rituals import RITUAL_NAME_MAX_LENGTH, Cadence, Ritual, RitualDraft, Track, Who
from tui.core.streaks import progress

if TYPE_CHECKING:
    from pendulum import Date

# Words that say when or how often; a request without one is easy to agree to and to forget.
_WHEN = re.compile(
    r"\b(?:daily|nightly|weekly|monthly|weekends?|weekdays?|every|each|once|twice|tonight|"
    r"today|tomorrow|mornings?|afternoons?|evenings?|nights?|always|whenever|when|before|"
    r"after|until|during|times|days?|weeks?|months?|hours?|minutes?|mins?|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|"
    r"[0-9]+(?::[0-9]{2})?\s*(?:am|pm|h)?)\b",
    re.IGNORECASE,
)
# Wishes about feelings or character: nobody can tell when they have been done.
_VAGUE = re.compile(
    r"\b(?:more|less|better|nicer|kinder|be there|care|understand|notice me|support me|"
    r"attention|appreciate|respect|love me|listen more|be more|try harder|stop being)\b",
    re.IGNORECASE,
)
_ACTION = re.compile(
    r"\b(?:ask|tell|say|put|turn|call|text|message|hug|kiss|sit|walk|cook|plan|take|give|"
    r"write|read|book|join|come|go|spend|check|look|switch|leave|keep|make|help|clean|"
    r"share|talk|listen|hold|send|bring|pick|thank)\b",
    re.IGNORECASE,
)


def request_nudges(ask: str) -> list[str]:
    """Gentle hints when a request may be hard to act on; they never refuse it.

    Simple word rules: a request reads clear when it names something to do and when or how
    often to do it ("put the phones in the drawer at dinner, most evenings").
    """
    nudges = []
    text = ask.strip()
    if not text:
        return nudges
    if _VAGUE.search(text) and not _ACTION.search(text):
        nudges.append(
            "It may help to name something your partner can do, so you both know when it "
            "has happened."
        )
    if not _WHEN.search(text):
        nudges.append(
            'It may help to say when or how often: "tonight", "every evening", "once a week", '
            '"by Friday".'
        )
    return nudges


_TIMES_A_WEEK = re.compile(
    r"\b(once|twice|one|two|three|four|five|six|[1-6])(?:\s+times?)?\s+(?:a|per|each)\s+week\b",
    re.IGNORECASE,
)
_NUMBERS = {"once": 1, "one": 1, "twice": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_WEEKLY = re.compile(r"\b(?:weekly|every week|each week|a week)\b", re.IGNORECASE)


def guessed_cadence(text: str) -> Cadence:
    """How often an agreed request seems to happen, for a ritual's first draft: named days of
    the week, weekends or weekdays, "twice a week", "weekly"; otherwise every day."""
    lowered = text.lower()
    named = [n for n, day in enumerate(WEEKDAYS) if re.search(rf"\b{day}s?\b", lowered)]
    if named:
        return Cadence.on(*named)
    if re.search(r"\bweekends?\b", lowered):
        return Cadence.on(5, 6)
    if re.search(r"\bweekdays\b", lowered):
        return Cadence.on(0, 1, 2, 3, 4)
    times = _TIMES_A_WEEK.search(lowered)
    if times:
        word = times.group(1)
        return Cadence.weekly(int(word) if word.isdigit() else _NUMBERS[word])
    if _WEEKLY.search(lowered):
        return Cadence.weekly(1)
    return Cadence.daily()


def ritual_draft_for(request: Request) -> RitualDraft:
    """The ritual an agreed request suggests: what was agreed as its name (shortened to fit),
    its rhythm guessed from the words, done together (one tick when it happened)."""
    agreed = request.headline
    name = agreed
    if len(name) > RITUAL_NAME_MAX_LENGTH:
        name = name[: RITUAL_NAME_MAX_LENGTH - 1].rstrip() + "\u2026"
    return RitualDraft(name, guessed_cadence(agreed), Who.TOGETHER)


def describe_streaks(ritual: Ritual, book: MarkBook, today: Date, settings: Settings) -> str:
    """The streak of the ritual a request became, per row of it: "streak 4 d (best 9)", or
    "Sam streak 2 d (best 3), Alex streak 0 d (best 1)" for a ritual each partner ticks."""
    names = settings.partners.names()
    streaks = []
    for person in ritual.people():
        done = progress(Track(ritual, person), book, today, settings.week_start)
        streak = f"streak {done.current} {done.unit} (best {done.best})"
        streaks.append(f"{names[person]} {streak}" if person in names else streak)
    return ", ".join(streaks)
