"""The Rituals pane: a grid of the last days, one keystroke per tick, streaks and a year view."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from tui.core.agenda import wishes_for_this_week
from tui.core.checkins import checkin_day
from tui.core.mark_book import MarkBook
from tui.core.rituals import (
    Mark,
    Ritual,
    RitualDraft,
    RitualList,
    Track,
    archive_toggled,
    edited,
    starter_offer,
    starter_rituals,
    toggled_mark,
)
from tui.dialogs.asking import ask
from tui.keys import hint_line, is_enabled, key_of
from tui.panes.base import ListingPane
from tui.panes.rituals_keys import RITUALS_BINDINGS
from tui.panes.starters import offer_starters
from tui.widgets.ritual_board import RitualBoard
from tui.widgets.ritual_grid import RitualGrid
from tui.widgets.ritual_text import archive_notice

if TYPE_CHECKING:
    from tui.dialogs.love_languages import LoveLanguages

_NEEDS_A_RITUAL = frozenset({"mark", "edit", "archive", "reorder"})


class RitualsPane(ListingPane):
    """Tick rituals day by day, see streaks, and manage the list."""

    TITLE = "Rituals"
    PANE_ID = "rituals"
    STYLESHEET = "rituals"
    FAQ_TOPIC = "love-languages"
    BINDINGS = RITUALS_BINDINGS

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._stale = False
        self._rituals = RitualList()
        self._book = MarkBook()
        self._tracks: list[Track] = []
        self._today: date = date.min
        self._show_archived = False
        self._starter_offer_open = False
        self._keys_allowed: tuple[bool, ...] = ()
        self._board: RitualBoard | None = None

    # --- loading and drawing -------------------------------------------------------------

    async def on_show(self) -> None:
        # Built and loaded when first shown, not at start-up: neither these widgets nor ten
        # years of days need delay the first screen, which is the Check-in pane.
        if self._board is None:
            self.load_stylesheet()
            empty = f"No rituals yet. Press {key_of(self, 'add')} to add one."
            self._board = RitualBoard(empty, key_of(self, "love_languages"), id="ritual-board")
            await self.mount(self._board)
            self.reload()
            self.focus_primary()
        elif self._stale:
            self.reload()
        else:
            # The window may have been resized while another pane was showing.
            self._board.fit_to_width()

    def reload(self) -> None:
        """Read the rituals and every mark from the store and redraw."""
        self._stale = False
        self._rituals = RitualList(self.store.rituals())
        self._book = self.store.mark_book()
        self._rebuild()
        self._show_wishes()
        # A file opened only to look can't keep the answer: asking would repeat on each visit.
        offered = self.store.settings().starter_rituals_offered or self.store.read_only
        if not offered and not self._rituals.rituals:
            self.call_after_refresh(self._offer_starter_rituals)

    def _show_wishes(self) -> None:
        """Remind the couple through the week of what each asked for at the last check-in."""
        zone, rollover_hour = self.clock.time_zone, self.store.settings().day_rollover_hour
        found = wishes_for_this_week(
            self.store.checkins(),
            self._today,
            lambda record: checkin_day(record, zone, rollover_hour),
        )
        self.board.show_wishes(found, self.store.settings().partners.names())

    def focus_primary(self) -> None:
        if self._board is not None:
            self._board.grid.focus()

    @property
    def board(self) -> RitualBoard:
        """Everything the pane shows (there once the pane was first shown)."""
        assert self._board is not None, "the Rituals pane is built when first shown"
        return self._board

    @property
    def grid(self) -> RitualGrid:
        """The grid of ticks, which holds the cursor."""
        return self.board.grid

    def _rebuild(self, cursor_on: str | None = None) -> None:
        """Draw afresh (after loading, adding, reordering or archiving); with `cursor_on`, the
        cursor goes to that ritual's first row."""
        settings, self._today = self.store.settings(), self.today
        self._tracks = self._rituals.tracks(include_archived=self._show_archived, today=self._today)
        self.board.show(self._tracks, self._book, self._today, settings, cursor_on)
        self._refresh_keys()

    # --- the keys that work now ------------------------------------------------------------

    def on_ritual_grid_cursor_moved(self, message: RitualGrid.CursorMoved) -> None:  # noqa: ARG002
        self._refresh_keys()

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in _NEEDS_A_RITUAL:
            return True
        track = self._selected()
        if track is not None and action == "reorder":
            return self._rituals.can_move(track.ritual.id, int(str(parameters[0])))
        return track is not None

    def _selected(self) -> Track | None:
        return None if self._board is None else self._board.grid.track_under_cursor

    def _refresh_keys(self) -> None:
        """Tell the footer, the palette and the hint line which keys work now, when that
        changed (moving onto the first ritual takes "move up" away, for instance)."""
        allowed = tuple(is_enabled(self, binding) for binding in self.BINDINGS)
        if allowed != self._keys_allowed:
            self._keys_allowed = allowed
            self.refresh_bindings()
            self.board.show_keys(hint_line(self))

    # --- ticking ---------------------------------------------------------------------------

    def action_mark(self, mark_name: str) -> None:
        """Toggle the mark under the cursor: tick, skip or not done (again to clear)."""
        if self.today != self._today:
            # The day turned since the grid was drawn (the timer may not have fired yet): a
            # tick on "today" counts for the day the key was pressed.
            self._rebuild()
        cell = self.board.cell_under_cursor()
        if cell is None:
            return
        row, day = cell
        ritual_id, person = row.track.ritual.id, row.track.person
        if day > self._today:
            self.notify("That day has not come yet.", severity="warning")
            return
        new = toggled_mark(self._book.get(day, ritual_id, person), Mark(mark_name))
        if not self.try_save(lambda: self.store.set_mark(day.isoformat(), ritual_id, person, new)):
            return
        self._book.set(day, ritual_id, person, new)
        # The cell first, once the write is durable; streaks over years of days and the year
        # view follow a frame later, so the tick itself appears without waiting for them.
        self.grid.redraw_cells(row)
        self.call_after_refresh(self.board.redraw_row, row)

    def note_day_turned(self) -> None:
        if self._board is None:
            return
        if self.display:
            self.reload()
        else:
            self._stale = True

    def settings_changed(self) -> None:
        # Names, love languages, the day's start and the week's first day all show here.
        self.note_day_turned()

    def note_marks_changed(self) -> None:
        """Another pane wrote rituals or marks (a finished check-in, a lapse's repair).

        They are read again when this pane is next shown, not now: a hidden pane has no width,
        and a grid built then would be sized to nothing.
        """
        if self._board is not None:
            self._stale = True

    # --- managing the list -----------------------------------------------------------------

    def action_add(self) -> None:
        """Add a ritual."""
        from tui.dialogs.ritual import RitualDialog

        ask(self, RitualDialog("Add a ritual"), self._added)

    def _added(self, draft: RitualDraft) -> None:
        self._save_and_show(self._rituals.new_ritual(draft, self._today), cursor_on=True)

    def action_edit(self) -> None:
        """Rename the ritual under the cursor, or change its cadence or who does it."""
        from tui.dialogs.ritual import RitualDialog

        ritual = self._current.ritual
        draft = RitualDraft(ritual.name, ritual.cadence, ritual.who)
        dialog = RitualDialog("Edit the ritual", draft)
        ask(self, dialog, lambda answer: self._save_and_show(edited(ritual, answer)))

    def action_reorder(self, step: int) -> None:
        """Move the ritual under the cursor up or down the list."""
        track = self._selected()
        if track is None or not self._rituals.can_move(track.ritual.id, step):
            return
        renumbered = self._rituals.moved(track.ritual.id, step)
        if self._save(renumbered):
            self._rituals = RitualList(renumbered)
            self._rebuild(cursor_on=track.ritual.id)

    def action_archive(self) -> None:
        """Archive the ritual under the cursor (its history stays), or restore an archived one."""
        changed = archive_toggled(self._current.ritual)
        if self._save_and_show(changed):
            self.notify(archive_notice(changed, key_of(self, "toggle_archived")), markup=False)

    def action_toggle_archived(self) -> None:
        """Show or hide archived rituals."""
        self._show_archived = not self._show_archived
        self._rebuild()

    def action_love_languages(self) -> None:
        """Record each partner's love language."""
        from tui.dialogs.love_languages import LoveLanguageDialog

        settings = self.store.settings()
        current: LoveLanguages = (settings.love_language_a, settings.love_language_b)
        ask(self, LoveLanguageDialog(settings.partners, current), self._love_languages_chosen)

    def _love_languages_chosen(self, chosen: LoveLanguages) -> None:
        languages = {"love_language_a": chosen[0], "love_language_b": chosen[1]}
        if self.try_save(lambda: self.store.update_settings(**languages)):
            self.board.show_detail(self.store.settings())

    def _save_and_show(self, changed: Ritual, cursor_on: bool = False) -> bool:
        """Save one new or changed ritual and redraw, the cursor on it if `cursor_on`; False
        when it could not be saved."""
        if not self._save([changed]):
            return False
        self._rituals = self._rituals.with_changed(changed)
        self._rebuild(cursor_on=changed.id if cursor_on else None)
        return True

    def _save(self, rituals: list[Ritual]) -> bool:
        return self.try_save(lambda: self.store.save_rituals(rituals))

    # --- the starter set -------------------------------------------------------------------

    def _offer_starter_rituals(self) -> None:
        if self._starter_offer_open:
            return
        self._starter_offer_open = True
        rituals = starter_rituals(self._today)
        save = partial(self.store.save_rituals, rituals)
        then = partial(self._starter_answered, rituals)
        offer_starters(
            self,
            "Start with a few rituals?",
            starter_offer(),
            "starter_rituals_offered",
            save,
            then,
        )

    def _starter_answered(self, rituals: list[Ritual], taken: bool | None) -> None:
        self._starter_offer_open = False
        if taken is None:
            return
        if taken:
            self._rituals = RitualList(rituals)
        self._rebuild()
