"""The FAQ: parsing the shipped Markdown file, and a forgiving search over it.

The file holds one entry per `## ` heading (the question), then `id:`, `category:` and
`related:` lines, then the answer in Markdown. Search matches whole words, prefixes and words
one typo away, ranks question matches above answer matches, and reports which words matched
so the screen can highlight them.
"""

from __future__ import annotations

import re

from msgspec import Struct

_FIELD = re.compile(r"^(id|category|related):\s*(.*)$")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_COMMENT = re.compile(r"<!--.*?-->", re.S)

QUESTION_WEIGHT = 10
ANSWER_WEIGHT = 1
EXACT, PREFIX, TYPO = 3, 2, 1
MINIMUM_TYPO_LENGTH = 4


class FaqFormatError(ValueError):
    """The FAQ file breaks its documented structure; the message says where."""


class FaqEntry(Struct, frozen=True):
    """One question and its answer."""

    id: str
    question: str
    category: str
    answer: str
    related: tuple[str, ...] = ()
    # Derived from the question and the answer when the file is read, so search need not
    # split the text again at every keystroke.
    question_words: frozenset[str] = frozenset()
    answer_words: frozenset[str] = frozenset()


def words_of(text: str) -> list[str]:
    """Lower-case words of `text` (letters and digits, with an apostrophe inside a word)."""
    return _WORD.findall(text.lower())


def parse_faq(text: str) -> list[FaqEntry]:
    """Every entry of the FAQ file, in file order; raises `FaqFormatError` on any breach."""
    entries: list[FaqEntry] = []
    # A newline first, so an entry at the very top of the file is found like the others.
    blocks = ("\n" + _COMMENT.sub("", text)).split("\n## ")[1:]
    for number, block in enumerate(blocks, start=1):
        heading, _, body = block.partition("\n")
        question = heading.strip()
        fields: dict[str, str] = {}
        answer_lines: list[str] = []
        for line in body.splitlines():
            match = _FIELD.match(line.strip()) if not answer_lines else None
            if match:
                fields[match.group(1)] = match.group(2).strip()
            elif line.strip() or answer_lines:
                answer_lines.append(line)
        answer = "\n".join(answer_lines).strip()
        for name, value in (
            ("question", question),
            ("id", fields.get("id", "")),
            ("category", fields.get("category", "")),
            ("answer", answer),
        ):
            if not value:
                raise FaqFormatError(
                    f"FAQ entry {number} ({question or 'no question'}) has no {name}."
                )
        related = tuple(
            item.strip() for item in fields.get("related", "").split(",") if item.strip()
        )
        entries.append(
            FaqEntry(
                id=fields["id"],
                question=question,
                category=fields["category"],
                answer=answer,
                related=related,
                question_words=frozenset(words_of(question)),
                answer_words=frozenset(words_of(answer)),
            )
        )
    ids = [entry.id for entry in entries]
    duplicates = {entry_id for entry_id in ids if ids.count(entry_id) > 1}
    if duplicates:
        raise FaqFormatError(f"FAQ ids are used twice: {', '.join(sorted(duplicates))}.")
    for entry in entries:
        for related in entry.related:
            if related not in ids:
                raise FaqFormatError(f"FAQ entry {entry.id} links to a missing entry: {related}.")
    return entries


def load_faq() -> list[FaqEntry]:
    """The FAQ shipped with Attune."""
    from tui.paths import CONTENT_DIR

    return parse_faq((CONTENT_DIR / "faq.md").read_text(encoding="utf-8"))


def _one_edit_apart(first: str, second: str) -> bool:
    """True when one insertion, deletion or substitution turns `first` into `second`."""
    if abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    index = 0
    while index < len(first) and first[index] == second[index]:
        index += 1
    if len(first) == len(second):
        return first[index + 1 :] == second[index + 1 :]
    return first[index:] == second[index + 1 :]


def _match_strength(term: str, words: frozenset[str]) -> tuple[int, set[str]]:
    """How well `term` matches any of `words` (EXACT, PREFIX, TYPO or 0), and which ones."""
    if term in words:
        return EXACT, {term}
    prefixed = {word for word in words if word.startswith(term)}
    if prefixed:
        return PREFIX, prefixed
    if len(term) >= MINIMUM_TYPO_LENGTH:
        close = {word for word in words if _one_edit_apart(term, word)}
        if close:
            return TYPO, close
    return 0, set()


class SearchHit(Struct, frozen=True):
    """An entry that matched, its score, and the words of it that matched."""

    entry: FaqEntry
    score: int
    matched_words: frozenset[str]


def search(entries: list[FaqEntry], query: str) -> list[SearchHit]:
    """Entries matching every word of `query`, best first; all entries when it is empty.

    Each query word must appear in the question or the answer (exactly, as a prefix, or one
    typo away); a question match weighs ten times an answer match.
    """
    terms = words_of(query)
    if not terms:
        return [SearchHit(entry, 0, frozenset()) for entry in entries]
    hits = []
    for position, entry in enumerate(entries):
        score = 0
        matched: set[str] = set()
        for term in terms:
            in_question, question_words = _match_strength(term, entry.question_words)
            in_answer, answer_words = _match_strength(term, entry.answer_words)
            if not (in_question or in_answer):
                break
            score += in_question * QUESTION_WEIGHT + in_answer * ANSWER_WEIGHT
            matched |= question_words | answer_words
        else:
            hits.append((score, -position, SearchHit(entry, score, frozenset(matched))))
    return [hit for _score, _order, hit in sorted(hits, key=lambda item: item[:2], reverse=True)]
