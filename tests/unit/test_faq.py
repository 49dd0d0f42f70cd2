"""The FAQ content and its search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.core.faq import FaqFormatError, load_faq, parse_faq, search, words_of

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
}


def test_the_shipped_content_parses_with_every_topic() -> None:
    entries = load_faq()
    assert len(entries) >= 20
    assert TOPICS <= {entry.id for entry in entries}
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
    assert search(load_faq(), "zzzqqq") == []


def _normalised(text: str) -> str:
    return " ".join(words_of(text))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles (../shared/seeds) are absent")
def test_no_sentence_of_the_articles_is_copied() -> None:
    articles = " ".join(_normalised(path.read_text()) for path in SEEDS.glob("*.txt"))
    content = re.sub(
        r"<!--.*?-->",
        "",
        (Path(__file__).resolve().parents[2] / "tui" / "content" / "faq.md").read_text(),
        flags=re.S,
    )
    copied = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n", content):
        words = words_of(sentence)
        if len(words) > 8 and " ".join(words) in articles:
            copied.append(sentence.strip())
    assert copied == []
    # Stricter than asked: no run of ten words in a row is shared either.
    content_words = words_of(content)
    shared = {
        " ".join(content_words[start : start + 10])
        for start in range(len(content_words) - 9)
        if " ".join(content_words[start : start + 10]) in articles
    }
    assert shared == set()


def test_an_entry_at_the_very_top_of_the_file_is_read() -> None:
    (entry,) = parse_faq("## First?\nid: first\ncategory: C\n\nThe answer.")
    assert (entry.id, entry.question, entry.answer) == ("first", "First?", "The answer.")
