"""Every text field of every form is sorted (`tests/own_words_fields.py`): the couple's own
words, which the shareable report leaves out, or something else. A form or a field added
without being sorted fails here, so the words typed into it cannot slip into a summary meant to
be shared (`tests/unit/test_own_words.py` checks each field of words against the report).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, TextArea

from ..own_words_fields import NOT_WORDS, OWN_WORDS
from .forms import every_form_class, form_builders


async def test_every_text_field_of_every_form_is_sorted_into_own_words_or_not(
    tmp_path: Path,
) -> None:
    builders = form_builders(tmp_path)
    assert {form.__name__ for form in every_form_class()} == set(builders), "a form to sort"
    fields_found: dict[str, set[str]] = {}
    app = App()
    async with app.run_test(size=(100, 40)) as pilot:
        for open_form in builders.values():
            form = open_form()
            await app.push_screen(form)
            await pilot.pause()
            texts = [*form.query(Input), *form.query(TextArea)]
            assert all(field.id for field in texts), f"{type(form).__name__}: a field has no id"
            fields_found[type(form).__name__] = {str(field.id) for field in texts}
            form.dismiss(None)
            await pilot.pause()
    for name, found in fields_found.items():
        words, others = set(OWN_WORDS.get(name, {})), NOT_WORDS.get(name, set())
        assert not words & others, name
        unsorted, gone = found - words - others, (words | others) - found
        assert not unsorted, f"{name}: sort {sorted(unsorted)} into OWN_WORDS or NOT_WORDS"
        assert not gone, f"{name} has no field {sorted(gone)} any more"
    assert set(OWN_WORDS) | set(NOT_WORDS) <= set(fields_found), "a form that is no more"
