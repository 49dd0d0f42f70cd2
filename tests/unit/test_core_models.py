"""Names and settings: what can be kept, and the plain words for what cannot."""

from __future__ import annotations

import pytest

from tui.core.models import InvalidSetting, Partners, Settings, partner_options
from tui.core.text import InvalidText, clean_single_line


def test_names_are_trimmed_and_markup_is_just_text() -> None:
    assert Partners.from_names("  [bold]Sam[/] ", "Alex\\") == Partners("[bold]Sam[/]", "Alex\\")


@pytest.mark.parametrize(
    "first,second,field,message",
    [
        ("", "Alex", "first", "Please enter the first partner's name."),
        ("Sam", "   ", "second", "Please enter the second partner's name."),
        ("S" * 41, "Alex", "first", "at most 40 characters (this one has 41)"),
        ("Sam", "Al\x1b[31mex", "second", "can't contain control characters"),
        ("Sam", "sAM", "second", "need to differ"),
    ],
)
def test_unusable_names_say_which_field_and_why(
    first: str, second: str, field: str, message: str
) -> None:
    with pytest.raises(InvalidText) as refusal:
        Partners.from_names(first, second)
    assert refusal.value.field == field
    assert message in str(refusal.value)


def test_wide_and_combining_characters_are_fine() -> None:
    assert clean_single_line("Zoë 🌷 田中", label="a name", max_length=40) == "Zoë 🌷 田中"


def test_settings_have_sensible_defaults() -> None:
    settings = Settings(Partners("Sam", "Alex"), time_zone="Europe/London")
    assert (settings.turn_minutes, settings.cooling_off_minutes) == (5, 20)
    assert (settings.day_rollover_hour, settings.week_start) == (4, "monday")


@pytest.mark.parametrize(
    "changes",
    [
        {"turn_minutes": 0},
        {"turn_minutes": 31},
        {"cooling_off_minutes": -5},
        {"day_rollover_hour": 24},
        {"turn_minutes": True},
        {"turn_minutes": "5"},
        {"week_start": "someday"},
    ],
)
def test_impossible_settings_are_refused(changes: dict) -> None:
    with pytest.raises(InvalidSetting):
        Settings(Partners("Sam", "Alex"), time_zone="UTC", **changes)


def test_a_choice_of_partner_lists_the_first_the_second_then_both() -> None:
    partners = Partners("[b]Sam", "Alex")
    assert partner_options(partners) == (("a", "[b]Sam"), ("b", "Alex"))
    assert partner_options(partners, both="both") == (
        ("a", "[b]Sam"),
        ("b", "Alex"),
        ("both", "Both of us"),
    )
    assert [key for key, _ in partner_options(partners, both="together")] == [
        "a",
        "b",
        "together",
    ]
