"""What the first-run and Settings screens accept, and what a save of settings changes."""

from __future__ import annotations

import pendulum
import pytest

from tui.core.days import local_day
from tui.core.models import Partners
from tui.core.settings_rules import (
    ROLLOVER_EXPLANATION,
    changed_settings,
    checked_rollover_hour,
    checked_time_zone,
    known_time_zones,
    matching_time_zones,
    shown_settings,
)
from tui.core.text import InvalidText

from ..conftest import make_settings

ZONES = known_time_zones()


def test_the_computer_knows_the_usual_zones() -> None:
    assert {"Europe/London", "America/New_York", "Asia/Kolkata", "UTC"} <= ZONES


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Europe/London", "Europe/London"),
        ("  Europe/London ", "Europe/London"),
        ("america/new york", "America/New_York"),
        ("ASIA/KOLKATA", "Asia/Kolkata"),
    ],
)
def test_a_zone_is_taken_whatever_its_case_and_spaces(typed: str, expected: str) -> None:
    assert checked_time_zone(typed, ZONES) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "[red]Mars/Base",
        "../../etc/passwd",
        "/etc/localtime",
        "Europe/London\x00",
        "\x1b[2J\x1b[31m",
        "💞",
        "x" * 5000,
        "Europe",
    ],
)
def test_anything_else_is_refused_in_words_that_quote_it_safely(typed: str) -> None:
    with pytest.raises(InvalidText) as refusal:
        checked_time_zone(typed, ZONES)
    message = str(refusal.value)
    assert "is not a time zone Attune knows" in message
    assert "Europe/London or America/New_York" in message
    assert all(character.isprintable() for character in message)
    assert len(message) < 200


def test_an_empty_zone_asks_for_one() -> None:
    with pytest.raises(InvalidText, match="Please enter a time zone"):
        checked_time_zone("   ", ZONES)


def test_matches_put_the_exact_name_first_then_word_starts_then_the_rest() -> None:
    assert matching_time_zones("europe/london", ZONES)[0] == "Europe/London"
    found = matching_time_zones("new york", ZONES)
    assert found == ["America/New_York"]
    london = matching_time_zones("lon", ZONES)
    assert "Europe/London" in london[:3]
    # A word inside a name counts as a start: "spain" finds Port of Spain.
    assert matching_time_zones("spain", ZONES) == ["America/Port_of_Spain"]
    assert matching_time_zones("zzzz", ZONES) == []


def test_nothing_typed_lists_every_zone_in_order() -> None:
    assert matching_time_zones("", ZONES) == sorted(ZONES)


@pytest.mark.parametrize(("typed", "hour"), [("0", 0), (" 4 ", 4), ("12", 12)])
def test_the_rollover_hour_is_a_whole_number_in_range(typed: str, hour: int) -> None:
    assert checked_rollover_hour(typed) == hour


@pytest.mark.parametrize("typed", ["", "-1", "24", "99", "4.5", "²", "four", "[b]4", "4\x00"])
def test_anything_else_is_refused_with_the_range(typed: str) -> None:
    with pytest.raises(InvalidText, match="The hour a new day starts must be a whole number"):
        checked_rollover_hour(typed)


def test_the_explanation_says_what_the_hour_does() -> None:
    assert "a tick at 1 am still counts for the evening before" in ROLLOVER_EXPLANATION


def test_the_rollover_hour_decides_which_day_half_past_midnight_is() -> None:
    half_past_midnight = pendulum.datetime(2026, 11, 22, 0, 30, tz="Europe/London")
    assert local_day(half_past_midnight, "Europe/London", 4) == pendulum.date(2026, 11, 21)
    assert local_day(half_past_midnight, "Europe/London", 0) == pendulum.date(2026, 11, 22)


def test_a_zone_change_across_a_daylight_saving_change_uses_the_new_offset() -> None:
    # 07:30 UTC on 14 March 2027 is 03:30 in New York: the clocks went forward at 2 am. Had
    # the winter offset been used, it would be 02:30 and still count for the 13th.
    moment = pendulum.datetime(2027, 3, 14, 7, 30, tz="UTC")
    assert local_day(moment, "America/New_York", 3) == pendulum.date(2027, 3, 14)
    assert local_day(moment.subtract(hours=1), "America/New_York", 3) == pendulum.date(2027, 3, 13)
    assert local_day(moment, "Europe/London", 3) == pendulum.date(2027, 3, 14)


def test_only_the_fields_that_differ_are_changed() -> None:
    shown = shown_settings(make_settings(theme="nord"))
    wanted = {
        "partners": Partners("Sam", "Alex"),
        "time_zone": "Europe/London",
        "theme": "nord",
        "day_rollover_hour": 2,
        "week_start": "sunday",
    }
    assert changed_settings(shown, wanted) == {"day_rollover_hour": 2, "week_start": "sunday"}


def test_a_rename_is_a_change_of_partners() -> None:
    shown = shown_settings(make_settings())
    assert changed_settings(shown, {"partners": Partners("Sam", "Alexis")}) == {
        "partners": Partners("Sam", "Alexis")
    }


def test_a_field_that_is_no_setting_is_refused() -> None:
    with pytest.raises(KeyError, match="colour"):
        changed_settings(shown_settings(make_settings()), {"colour": "red"})
