"""The FAQ: parsing the shipped Markdown file, and a forgiving, ranked search over it.

The file holds one entry per `## ` heading (the question), then `id:`, `category:` and
`related:` lines, then the answer in Markdown.

Search is written for people who type a whole sentence in distress ("she never asks about my
day"), not for people who know the FAQ's wording. Every query word may match, none must:
words without meaning are dropped, each remaining word is reduced to a plain form (British
spelling to American, "listening" and "listens" to "listen", doubled letters to one), widened
by a short list of synonyms, and forgiven a typo. Entries are ranked by how many of the query's
words they match, then by a BM25 score in which a match in the question weighs more than one in
the answer. Each hit reports the words of the entry that matched, so the screen can highlight
them.
"""

from __future__ import annotations

import bisect
import math
import re

from msgspec import Struct

_FIELD = re.compile(r"^(id|category|related):\s*(.*)$")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


class FaqFormatError(ValueError):
    """The FAQ file breaks its documented structure; the message says where."""


class FaqEntry(Struct, frozen=True):
    """One question and its answer."""

    id: str
    question: str
    category: str
    answer: str
    related: tuple[str, ...] = ()


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


# --- turning words into search terms ---------------------------------------------------------

STOP_WORDS = frozenset(
    """
    a about after again all also am an and any are as at be been before being but by can could
    did do does doing for from get gets got had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most much my myself of on once
    only or other our ours ourselves out over own really same she should so some such than that
    the their theirs them themselves then there these they this those through to too up us very
    was way we were what when where which while who whom why will with would you your yours
    yourself
    """.split()
)
"""Words that carry no meaning in a question. "no", "not", "never" and "alone" are kept on
purpose: "she never asks" and "he asks" are different questions."""

# Whole words whose British and American forms differ in a way no ending rule below covers.
_SPELLINGS = {
    "practise": "practice",
    "practised": "practiced",
    "practises": "practices",
    "practising": "practicing",
    "defence": "defense",
    "offence": "offense",
    "centre": "center",
    "judgement": "judgment",
    "dialogue": "dialog",
    "programme": "program",
    "mum": "mom",
}
# Endings that differ by spelling, rewritten to the American form: apologise/apologize,
# behaviour/behavior, analyse/analyze. (Doubled letters, counsellor/counselor, are evened out
# after stemming.) The look-behinds keep short words such as "wise", "hour" and "your" intact.
_BRITISH_ENDINGS = (
    (re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=\w\w\w)our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w)ys(e|ed|es|ing)$"), r"yz\1"),
)
_DOUBLED = re.compile(r"(.)\1")


def term_of(word: str) -> str:
    """The search term for one lower-case word: American spelling, no ending, no double letters.

    Deliberately crude (a few suffixes, not a dictionary stemmer): the same function reduces both
    the query and the FAQ, so two forms only need to land on the same term, not on a real word.
    """
    word = word.partition("'")[0] if word.endswith(("'s", "'d", "'ll", "'re", "'ve")) else word
    word = _SPELLINGS.get(word, word.replace("'", ""))
    for ending, american in _BRITISH_ENDINGS:
        word = ending.sub(american, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return _DOUBLED.sub(r"\1", word)


SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("fight", "argument", "argue", "conflict", "quarrel", "disagreement"),
    ("counsellor", "counselor", "counselling", "therapist", "therapy", "psychologist"),
    ("ignored", "unseen", "invisible", "unnoticed", "overlooked"),
    ("apologise", "apologize", "apology", "sorry"),
    ("afraid", "scared", "fear", "frightened", "frighten", "unsafe", "terrified"),
    ("lonely", "alone", "loneliness", "isolated"),
    ("depressed", "depression", "hopeless"),
    ("anxious", "anxiety", "worried"),
    ("partner", "husband", "wife", "boyfriend", "girlfriend", "spouse"),
    ("relationship", "marriage"),
    ("recover", "fix", "heal", "mend"),
    ("stay", "leave", "divorce", "separate"),
    ("anger", "angry", "furious", "heated", "shout", "yell"),
    ("log", "diary", "journal", "record"),
    ("meeting", "check"),  # "check-in" is read as "check" and the stop word "in"
    ("ritual", "habit", "routine"),
    ("agreement", "rule", "promise", "deal"),
    ("thank", "thanks", "appreciation", "gratitude", "grateful", "appreciate"),
    ("homework", "assignment", "exercise"),
    ("private", "privacy", "secret"),
    ("monitor", "track", "spy", "watch", "control"),
    ("distant", "distance", "withdrawn", "cold"),
)
"""Words people use for the same thing in this field; a query word finds its group's words too,
at a little less weight than itself. Kept short on purpose: each group widens every search that
uses one of its words."""

# A query word found only through a synonym, a prefix or a typo counts for less than the word
# itself, so an entry that uses the reader's own word comes first.
SYNONYM_WEIGHT = 0.8
PREFIX_WEIGHT = 0.8
TYPO_WEIGHT = 0.7
# A word in the question says what the entry is about; the same word in the answer may be an
# aside.
QUESTION_WEIGHT = 3.0
ANSWER_WEIGHT = 1.0
# BM25's usual constants; questions are all short, so their length says little and is damped.
K1 = 1.2
QUESTION_B = 0.3
ANSWER_B = 0.75
# Typo look-ups remembered, so a word retyped or extended costs nothing the second time.
TYPO_CACHE_SIZE = 4096


def _typo_limit(term: str) -> int:
    """How many edits (a transposition counts as one) a term of this length may be from a word."""
    if len(term) < 4:
        return 0  # "lov" one edit from "log" or "low": too short to guess
    return 1 if len(term) < 8 else 2


class _Field(Struct, frozen=True):
    """One part (question or answer) of every entry, counted for BM25."""

    counts: tuple[dict[str, int], ...]
    lengths: tuple[int, ...]
    average_length: float


class SearchIndex(Struct, frozen=True):
    """Everything search needs about a list of entries, worked out once rather than per key."""

    entries: tuple[FaqEntry, ...]
    question: _Field
    answer: _Field
    idf: dict[str, float]
    terms: tuple[str, ...]
    # The words of each entry that reduce to each term, for highlighting.
    surfaces: tuple[dict[str, frozenset[str]], ...]
    # Every distinct word of the FAQ, sorted, and its term: found by prefix while a word is typed.
    words: tuple[str, ...]
    word_terms: tuple[str, ...]
    synonyms: dict[str, frozenset[str]]
    typo_cache: dict[str, tuple[str, ...]]


def _field(texts: list[list[str]]) -> _Field:
    counts: list[dict[str, int]] = []
    for terms in texts:
        count: dict[str, int] = {}
        for term in terms:
            count[term] = count.get(term, 0) + 1
        counts.append(count)
    lengths = tuple(len(terms) for terms in texts)
    return _Field(tuple(counts), lengths, max(1.0, sum(lengths) / max(1, len(lengths))))


def build_index(entries: list[FaqEntry]) -> SearchIndex:
    """The search index of `entries`."""
    questions: list[list[str]] = []
    answers: list[list[str]] = []
    surfaces: list[dict[str, frozenset[str]]] = []
    every_word: dict[str, str] = {}
    for entry in entries:
        surface: dict[str, set[str]] = {}
        for text, terms in ((entry.question, questions), (entry.answer, answers)):
            found = []
            for word in words_of(text):
                if word in STOP_WORDS:
                    continue
                term = every_word.setdefault(word, term_of(word))
                found.append(term)
                surface.setdefault(term, set()).add(word)
            terms.append(found)
        surfaces.append({term: frozenset(words) for term, words in surface.items()})
    document_frequency: dict[str, int] = {}
    for surface in surfaces:
        for term in surface:
            document_frequency[term] = document_frequency.get(term, 0) + 1
    total = len(entries)
    idf = {
        term: math.log(1 + (total - count + 0.5) / (count + 0.5))
        for term, count in document_frequency.items()
    }
    synonyms: dict[str, frozenset[str]] = {}
    for group in SYNONYMS:
        terms = frozenset(term_of(word) for word in group)
        for term in terms:
            synonyms[term] = synonyms.get(term, frozenset()) | (terms - {term})
    words = tuple(sorted(every_word))
    return SearchIndex(
        entries=tuple(entries),
        question=_field(questions),
        answer=_field(answers),
        idf=idf,
        terms=tuple(idf),
        surfaces=tuple(surfaces),
        words=words,
        word_terms=tuple(every_word[word] for word in words),
        synonyms=synonyms,
        typo_cache={},
    )


def _typo_matches(index: SearchIndex, term: str) -> tuple[str, ...]:
    """Terms of the FAQ a few edits from `term`, which the FAQ does not use itself."""
    limit = _typo_limit(term)
    if not limit:
        return ()
    if term not in index.typo_cache:
        # Imported here, not at the top: the first search pays for it, start-up does not.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(index.typo_cache) >= TYPO_CACHE_SIZE:
            index.typo_cache.clear()  # a long session's old prefixes are not typed again
        close = process.extract(
            term, index.terms, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        index.typo_cache[term] = tuple(match for match, _distance, _position in close)
    return index.typo_cache[term]


def _prefix_matches(index: SearchIndex, word: str) -> set[str]:
    """Terms of FAQ words that begin with `word`, the word still being typed."""
    start = bisect.bisect_left(index.words, word)
    end = bisect.bisect_left(index.words, word + "\uffff", lo=start)
    return set(index.word_terms[start:end])


def _candidates(index: SearchIndex, word: str, typing: bool) -> dict[str, float]:
    """The FAQ terms that stand for one query word, each with how much a match counts."""
    term = term_of(word)
    found: dict[str, float] = {}
    if term in index.idf or term in index.synonyms:
        found[term] = 1.0
    else:
        found.update((match, TYPO_WEIGHT) for match in _typo_matches(index, term))
    if typing:
        for match in _prefix_matches(index, word):
            found.setdefault(match, PREFIX_WEIGHT)
    for match, weight in list(found.items()):
        for synonym in index.synonyms.get(match, ()):
            if found.get(synonym, 0) < weight * SYNONYM_WEIGHT:
                found[synonym] = weight * SYNONYM_WEIGHT
    return {match: weight for match, weight in found.items() if match in index.idf}


def _bm25(field: _Field, position: int, term: str, b: float) -> float:
    frequency = field.counts[position].get(term, 0)
    if not frequency:
        return 0.0
    length = field.lengths[position] / field.average_length
    return frequency * (K1 + 1) / (frequency + K1 * (1 - b + b * length))


class SearchHit(Struct, frozen=True):
    """An entry that matched, its score, and the words of it that matched."""

    entry: FaqEntry
    score: float
    matched_words: frozenset[str]


_cached: SearchIndex | None = None


def _index_of(entries: list[FaqEntry]) -> SearchIndex:
    """The index of `entries`, built on the first search and kept while they stay the same."""
    global _cached
    if (
        _cached is None
        or len(_cached.entries) != len(entries)
        or any(cached is not entry for cached, entry in zip(_cached.entries, entries, strict=True))
    ):
        _cached = build_index(entries)
    return _cached


def search(entries: list[FaqEntry], query: str) -> list[SearchHit]:
    """Entries matching any meaningful word of `query`, best first.

    An entry that matches more of the query's words ranks above one that matches fewer; among
    equals, the higher BM25 score wins (rarer words count more, a question match three times an
    answer match), then file order. An empty query, or one of stop words only, lists every entry.
    """
    raw = words_of(query)
    words = list(dict.fromkeys(word for word in raw if word not in STOP_WORDS))
    if not words:
        return [SearchHit(entry, 0.0, frozenset()) for entry in entries]
    index = _index_of(entries)
    # The last word may be unfinished while the user types, so it also matches as a prefix.
    typing = raw[-1] if not query[-1:].isspace() else None
    candidates = [_candidates(index, word, word == typing) for word in words]
    hits = []
    for position, entry in enumerate(index.entries):
        score = 0.0
        matched_count = 0
        matched: set[str] = set()
        for found in candidates:
            best = 0.0
            for term, weight in found.items():
                strength = QUESTION_WEIGHT * _bm25(
                    index.question, position, term, QUESTION_B
                ) + ANSWER_WEIGHT * _bm25(index.answer, position, term, ANSWER_B)
                if strength:
                    best = max(best, weight * index.idf[term] * strength)
                    matched |= index.surfaces[position][term]
            if best:
                matched_count += 1
                score += best
        if matched_count:
            hits.append(
                (matched_count, score, -position, SearchHit(entry, score, frozenset(matched)))
            )
    hits.sort(key=lambda hit: hit[:3], reverse=True)
    return [hit for *_rank, hit in hits]
