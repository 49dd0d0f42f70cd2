"""The starter set a pane offers on its first visit (a few rituals, a few example agreements)."""

from __future__ import annotations

from collections.abc import Callable

from tui.panes.base import AttunePane


def offer_starters(
    pane: AttunePane,
    title: str,
    offer: str,
    setting: str,
    save_them: Callable[[], object],
    then: Callable[[bool | None], object],
) -> None:
    """Offer `pane`'s starter set, once: the answer is kept in the `setting` (with the set,
    saved by `save_them`, when taken). `then` gets the answer once saved, or None when the offer
    was put off or the answer could not be saved."""
    # Imported here: at start-up the dialogs would load for a screen that draws none.
    from tui.dialogs.confirm import ConfirmDialog

    def answered(take: bool | None) -> None:
        if take is None:
            then(None)
            return

        def save() -> None:
            with pane.store.batch():
                if take:
                    save_them()
                pane.store.update_settings(**{setting: True})

        then(take if pane.try_save(save) else None)

    dialog = ConfirmDialog(title, offer, yes="Add them", no="Start empty")
    pane.app.push_screen(dialog, answered)
