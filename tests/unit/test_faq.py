"""The FAQ content and its search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.faq import (
    STOP_WORDS,
    SYNONYMS,
    FaqFormatError,
    load_faq,
    parse_faq,
    search,
    term_of,
    words_of,
)

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TOPICS = {
    "what-is-neglect",
    "how-to-know",
    "signs",
    "unintentional",
    "abuse",
    "mental-health",
    "can-recover",
    "how-long",
    "worth-staying",
    "raise-without-blame",
    "therapy-types",
    "hurt-into-request",
    "cooling-off",
    "restorative-consequences",
    "connection-log",
    "love-languages",
    "needs-versus-neglect",
    # What the app does now, and what people ask most when they first search.
    "never-asks",
    "listening",
    "apologise",
    "feeling-afraid",
    "need-therapist",
    "weekly-agenda",
    "agreements-how",
    "log-without-score",
    "log-as-control",
    "request-declined",
    "therapy-plan",
    "therapist-report",
}
# The entries the panes open with g (their FAQ_TOPIC): renaming one breaks that key.
PANE_TOPICS = {"cooling-off", "love-languages", "restorative-consequences"}
# Runs of six words that the FAQ may share with the source articles, each with why it is not
# copying: there is no other plain way to say it.
ALLOWED_RUNS = {
    # The default repair the Agreements pane schedules, stated as a plain fact.
    "20 minutes of focused attention daily",
}


def test_the_shipped_content_parses_with_every_topic() -> None:
    entries = load_faq()
    assert len(entries) >= 30
    assert TOPICS | PANE_TOPICS <= {entry.id for entry in entries}
    for entry in entries:
        assert entry.question and entry.category and entry.answer


def test_every_related_link_resolves() -> None:
    entries = load_faq()
    ids = {entry.id for entry in entries}
    assert all(set(entry.related) <= ids for entry in entries)
    assert all(entry.related for entry in entries), "every entry leads somewhere else"


def test_the_abuse_entry_says_when_to_get_help() -> None:
    abuse = next(entry for entry in load_faq() if entry.id == "abuse")
    assert "emergency number" in abuse.answer and "helpline" in abuse.answer


def test_the_table_and_the_signs_are_entries() -> None:
    entries = {entry.id: entry for entry in load_faq()}
    assert "| Need |" in entries["needs-versus-neglect"].answer
    assert entries["signs"].answer.count("\n- ") >= 4


def test_structure_errors_are_reported() -> None:
    with pytest.raises(FaqFormatError, match="no category"):
        parse_faq("## A question?\nid: a\n\nAn answer.")
    with pytest.raises(FaqFormatError, match="missing entry: nowhere"):
        parse_faq("## Q?\nid: a\ncategory: C\nrelated: nowhere\n\nAnswer.")
    with pytest.raises(FaqFormatError, match="used twice"):
        parse_faq("## Q?\nid: a\ncategory: C\n\nA.\n\n## R?\nid: a\ncategory: C\n\nB.")


@pytest.mark.parametrize(
    "query,expected_first",
    [
        ("abuse", "abuse"),
        ("therapy", "therapy-types"),
        ("how long", "how-long"),
        ("therepy", "therapy-types"),
        ("LOVE languages", "love-languages"),
        ("cooling", "cooling-off"),
    ],
)
def test_search_finds_the_topic_first(query: str, expected_first: str) -> None:
    hits = search(load_faq(), query)
    assert hits and hits[0].entry.id == expected_first


def test_question_matches_rank_above_answer_matches() -> None:
    hits = search(load_faq(), "abuse")
    assert hits[0].entry.id == "abuse"
    in_question = ["abuse" in hit.entry.question.lower() for hit in hits]
    assert in_question == sorted(in_question, reverse=True)


def test_matched_words_are_reported_and_empty_query_lists_everything() -> None:
    (first, *_rest) = search(load_faq(), "therepy")
    assert "therapy" in first.matched_words
    assert len(search(load_faq(), "  ")) == len(load_faq())
    assert len(search(load_faq(), "how do I")) == len(load_faq()), "stop words only"
    assert search(load_faq(), "zzzqqq") == []


@pytest.mark.parametrize(
    "forms",
    [
        ("listen", "listens", "listening", "listened"),
        ("apologise", "apologize", "apologising", "apologizing", "apologised"),
        ("counsellor", "counselor"),
        ("counselling", "counseling"),
        ("behaviour", "behavior", "behaviours"),
        ("analyse", "analyze"),
        ("practise", "practice"),
        ("boundary", "boundaries"),
        ("ignore", "ignored", "ignores", "ignoring"),
        ("partner", "partner's", "partners"),
    ],
)
def test_spellings_and_word_forms_meet_on_one_term(forms: tuple[str, ...]) -> None:
    assert len({term_of(form) for form in forms}) == 1, {form: term_of(form) for form in forms}


@pytest.mark.parametrize(
    "short,other", [("hour", "hor"), ("wise", "wize"), ("need", "ne"), ("feel", "fe")]
)
def test_short_words_are_not_mistaken_for_spellings_or_endings(short: str, other: str) -> None:
    assert term_of(short) != term_of(other)


def test_every_word_of_a_synonym_group_matters() -> None:
    grouped = [word for group in SYNONYMS for word in group]
    assert not set(grouped) & STOP_WORDS
    assert {"never", "no", "not", "alone"}.isdisjoint(STOP_WORDS)


def test_any_word_matches_and_more_matched_words_rank_higher() -> None:
    entries = parse_faq(
        "## About rituals?\nid: one\ncategory: C\n\nRituals.\n\n"
        "## About rituals and streaks?\nid: two\ncategory: C\n\nStreaks and rituals."
    )
    hits = search(entries, "rituals streaks volcano")
    assert [hit.entry.id for hit in hits] == ["two", "one"]


def test_a_synonym_finds_the_entry_and_highlights_its_own_word() -> None:
    entries = {entry.id: entry for entry in load_faq()}
    (hit,) = search([entries["same-fight"]], "arguments")
    assert "argument" in hit.matched_words or "conflict" in hit.matched_words
    (hit,) = search([entries["apologise"]], "sorry")
    assert "apologise" in hit.matched_words


def test_a_word_being_typed_matches_as_a_prefix() -> None:
    hits = search(load_faq(), "listeni")
    assert hits[0].entry.id == "listening"
    assert "listen" in hits[0].matched_words


def test_typo_tolerance_comes_from_rapidfuzz_only_when_searching() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tui.core.faq import load_faq, search; entries = load_faq(); "
        "print('rapidfuzz' in sys.modules); search(entries, 'therepy'); "
        "print('rapidfuzz' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are absent")
def test_no_run_of_six_words_is_shared_with_the_articles() -> None:
    article_runs: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        words = words_of(path.read_text())
        article_runs |= {" ".join(words[start : start + 6]) for start in range(len(words) - 5)}
    assert ALLOWED_RUNS <= article_runs, "an allowed run no longer occurs in the articles"
    content = re.sub(
        r"<!--.*?-->",
        "",
        (Path(__file__).resolve().parents[2] / "tui" / "content" / "faq.md").read_text(),
        flags=re.S,
    )
    words = words_of(content)
    shared = {
        " ".join(words[start : start + 6])
        for start in range(len(words) - 5)
        if " ".join(words[start : start + 6]) in article_runs
    }
    assert shared - ALLOWED_RUNS == set()


def test_an_entry_at_the_very_top_of_the_file_is_read() -> None:
    (entry,) = parse_faq("## First?\nid: first\ncategory: C\n\nThe answer.")
    assert (entry.id, entry.question, entry.answer) == ("first", "First?", "The answer.")
