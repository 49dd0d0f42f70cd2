"""The Rituals pane: a grid of the last days, one keystroke per tick, streaks and a year view."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from msgspec.structs import replace
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from tui.core.days import logical_day
from tui.core.models import LOVE_LANGUAGES
from tui.core.rituals import (
    STARTER_RITUALS,
    TOGETHER,
    CellState,
    Mark,
    MarkBook,
    Ritual,
    RitualDraft,
    RitualKind,
    RitualList,
    Track,
    cell_state,
    progress,
)
from tui.panes.base import AttunePane
from tui.store import SaveFailed
from tui.widgets.ritual_grid import (
    CELL_WIDTH,
    LABEL_WIDTH,
    LEGEND,
    MIN_LABEL_WIDTH,
    DayHeader,
    RitualRow,
    RowView,
    describe_progress_in_words,
    track_label,
)
from tui.widgets.year_heatmap import YearHeatmap

if TYPE_CHECKING:
    from tui.dialogs.love_languages import LoveLanguages

STATS_WIDTH = 25
MIN_DAYS, MAX_DAYS = 7, 28


class RitualGrid(Vertical, can_focus=True):
    """The focusable grid; its arrow keys ask the pane, which owns the rows, to move."""

    BINDINGS = [
        Binding("up,k", "move(-1, 0)", "Up", show=False),
        Binding("down,j", "move(1, 0)", "Down", show=False),
        Binding("left,h", "move(0, -1)", "Earlier day", show=False),
        Binding("right,l", "move(0, 1)", "Later day", show=False),
    ]

    class MoveRequested(Message):
        """An arrow key: move the cursor by `rows` and `columns`."""

        def __init__(self, rows: int, columns: int) -> None:
            super().__init__()
            self.rows = rows
            self.columns = columns

    def action_move(self, rows: int, columns: int) -> None:
        """Ask for the cursor to move."""
        self.post_message(self.MoveRequested(rows, columns))


class RitualsPane(AttunePane):
    """Tick rituals day by day, see streaks, and manage the list."""

    TITLE = "Rituals"
    PANE_ID = "rituals"
    STYLESHEET = "rituals"
    FAQ_TOPIC = "love-languages"
    HELP = (
        "Rituals are the small, reliable habits that rebuild closeness: talk time without "
        "phones, a question about feelings rather than logistics, one act a day in your "
        "partner's love language, a word of thanks, cooking together.\n\n"
        "Each row is a ritual (rituals you each do have a row per partner); each column is a "
        "day, today on the right. Tick the cell under the cursor with space. Forgot yesterday? "
        "Move left and tick it: past days are fine, days to come are not. Mark a day you "
        "could not do it (ill, apart) as skipped with s: it neither counts nor breaks a streak. "
        'x records an explicit "not done", which stays different from nothing entered.\n\n'
        "Streaks count in each ritual's own rhythm: days for daily rituals, weeks for rituals "
        "done a number of times a week. A day ends at the rollover hour (04:00 unless you "
        "changed it), so a tick after midnight still counts for the evening before."
    )
    BINDINGS = [
        Binding("space", "mark('done')", "Tick", id="rituals.tick"),
        Binding("s", "mark('skipped')", "Skip day"),
        Binding("x", "mark('not_done')", "Not done", show=False),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit", show=False),
        Binding("shift+up,K", "reorder(-1)", "Move up", show=False),
        Binding("shift+down,J", "reorder(1)", "Move down", show=False),
        Binding("z", "archive", "Archive/restore", show=False),
        Binding("v", "toggle_archived", "Show archived", show=False),
        Binding("L", "love_languages", "Love languages", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._loaded = False
        self._stale = False
        self._rituals = RitualList()
        self._book = MarkBook()
        self._tracks: list[Track] = []
        self._rows: list[RitualRow] = []
        self._days: list[date] = []
        self._today: date = date.min
        self._cursor_row = 0
        self._cursor_column = 0
        self._show_archived = False
        self._starter_offer_open = False

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="rituals-body")

    # --- loading -------------------------------------------------------------------------

    async def on_show(self) -> None:
        # Built and loaded when first shown, not at start-up: neither these widgets nor ten
        # years of days need delay the first screen, which is the Check-in pane.
        if not self._loaded:
            self.load_stylesheet()
            await self.query_one("#rituals-body").mount_all(
                [
                    DayHeader(),
                    RitualGrid(id="ritual-grid"),
                    Static(id="ritual-empty"),
                    Static(id="ritual-detail"),
                    YearHeatmap(id="ritual-heatmap"),
                    Static(LEGEND, id="ritual-legend", classes="hint"),
                    Static(
                        "space tick · s skip · x not done · a add · e edit · K/J move · "
                        "z archive · v archived · L love languages",
                        classes="hint",
                    ),
                ]
            )
            self.reload()
            self.focus_primary()
        elif self._stale:
            self.reload()
        elif self._size_changed():
            # The window was resized while another pane was showing.
            self._rebuild()

    def reload(self) -> None:
        """Read the rituals and every mark from the store and redraw."""
        self._loaded = True
        self._stale = False
        self._rituals = RitualList(self.store.rituals())
        self._book = self.store.mark_book()
        self._rebuild()
        # A file opened only to look can't keep the answer: asking would repeat on each visit.
        offered = self.store.settings().starter_rituals_offered or self.store.read_only
        if not offered and not self._rituals.rituals:
            self.call_after_refresh(self._offer_starter_rituals)

    def focus_primary(self) -> None:
        for grid in self.query(RitualGrid):
            grid.focus()

    def on_resize(self, event: events.Resize) -> None:  # noqa: ARG002
        if self._loaded and self.display and self._size_changed():
            self._rebuild()

    def _size_changed(self) -> bool:
        """True when the grid drawn no longer fits the pane's width."""
        count = self._column_count()
        if count != len(self._days):
            return True
        return self.query_one(DayHeader).label_width != self._label_width()

    def _column_count(self) -> int:
        room = self.size.width - LABEL_WIDTH - STATS_WIDTH - 6
        return max(MIN_DAYS, min(MAX_DAYS, room // CELL_WIDTH))

    def _label_width(self) -> int:
        # At 80 columns a full-width name would push the streaks off the screen: the name
        # gives way first, down to MIN_LABEL_WIDTH.
        room = self.size.width - len(self._days) * CELL_WIDTH - STATS_WIDTH - 4
        return max(MIN_LABEL_WIDTH, min(LABEL_WIDTH, room))

    def _rebuild(self) -> None:
        """Recreate the rows (after loading, adding, reordering, archiving or a resize)."""
        self._today = logical_day(self.clock.now(), self.store.settings().day_rollover_hour)
        count = self._column_count()
        self._days = [
            date.fromordinal(self._today.toordinal() - offset)
            for offset in range(count - 1, -1, -1)
        ]
        self._tracks = self._rituals.tracks(include_archived=self._show_archived, today=self._today)
        grid = self.query_one(RitualGrid)
        grid.remove_children()
        self._rows = [RitualRow(track, self._row_view(track)) for track in self._tracks]
        grid.mount_all(self._rows)
        self.query_one(DayHeader).show(self._days, self._today, self._label_width())
        self._cursor_row = min(self._cursor_row, max(0, len(self._rows) - 1))
        self._cursor_column = len(self._days) - 1
        self.query_one("#ritual-empty", Static).update(
            Text("No rituals yet. Press a to add one.", style="dim") if not self._rows else ""
        )
        self._show_cursor()

    def _created(self, ritual: Ritual) -> date:
        return date.fromisoformat(ritual.created)

    def _cell_states(self, track: Track) -> list[CellState]:
        created = self._created(track.ritual)
        return [cell_state(track, self._book, day, self._today, created) for day in self._days]

    def _row_view(self, track: Track) -> RowView:
        width = self._label_width()
        label = track_label(track, self._names(), width=width)
        repair_day = self._repair_day(track.ritual)
        if repair_day is not None:
            suffix = f" {repair_day[0]}/{repair_day[1]}"
            label = track_label(track, self._names(), width=width - len(suffix)) + suffix
        return RowView(
            label=label,
            states=self._cell_states(track),
            progress=progress(track, self._book, self._today, self.store.settings().week_start),
            archived=track.ritual.archived,
            label_width=width,
        )

    def _repair_day(self, ritual: Ritual) -> tuple[int, int] | None:
        """(day N, of M days) of a running repair ritual, else None."""
        if ritual.kind is not RitualKind.REPAIR or ritual.ends is None:
            return None
        created = self._created(ritual)
        total = (date.fromisoformat(ritual.ends) - created).days + 1
        return min(total, (self._today - created).days + 1), total

    def _names(self) -> dict[str, str]:
        partners = self.store.settings().partners
        return {"a": partners.a, "b": partners.b}

    # --- cursor and detail ---------------------------------------------------------------

    def on_ritual_grid_move_requested(self, message: RitualGrid.MoveRequested) -> None:
        self.move_cursor(message.rows, message.columns)

    def move_cursor(self, rows: int, columns: int) -> None:
        """Move within the grid; the cursor stops at the edges."""
        if not self._rows:
            return
        self._cursor_row = max(0, min(len(self._rows) - 1, self._cursor_row + rows))
        self._cursor_column = max(0, min(len(self._days) - 1, self._cursor_column + columns))
        self._show_cursor()

    def _show_cursor(self) -> None:
        for index, row in enumerate(self._rows):
            row.place_cursor(self._cursor_column if index == self._cursor_row else None)
        if self._rows:
            self._rows[self._cursor_row].scroll_visible()
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#ritual-detail", Static)
        heatmap = self.query_one(YearHeatmap)
        if not self._rows:
            detail.update("")
            heatmap.display = False
            return
        heatmap.display = True
        track = self._tracks[self._cursor_row]
        ritual = track.ritual
        view = self._rows[self._cursor_row].view
        day = self._days[self._cursor_column]
        text = Text.assemble(
            (track_label(track, self._names()), "bold"),
            f" · {ritual.cadence.describe()}",
            " · together" if track.person == TOGETHER else "",
            " · archived" if ritual.archived else "",
            f"\n{day.strftime('%A %d %B')}: {_STATE_WORDS[view.states[self._cursor_column]]}",
            f" · {describe_progress_in_words(view.progress)}",
        )
        repair_day = self._repair_day(ritual)
        if repair_day is not None:
            text.append(
                f"\nRepair, day {repair_day[0]} of {repair_day[1]}: it ends by itself, "
                "then the joint review is due in the Agreements pane."
            )
        hint = self._love_language_hint(track)
        if hint is not None:
            text.append("\n")
            text.append_text(hint)
        detail.update(text)
        heatmap.show(
            track, self._book, self._today, self.store.settings().week_start, self._created(ritual)
        )

    def _love_language_hint(self, track: Track) -> Text | None:
        if track.ritual.kind is not RitualKind.LOVE_LANGUAGE or track.person == TOGETHER:
            return None
        other = "b" if track.person == "a" else "a"
        names = self._names()
        language = self.store.settings().love_language_of(other)
        if language is None:
            return Text.assemble(
                "Hint: ", (names[other], "bold"), "'s love language is not recorded yet (L)."
            )
        return Text.assemble(
            "Hint: ",
            (names[other], "bold"),
            " feels most loved through ",
            (LOVE_LANGUAGES[language], "bold"),
            ".",
        )

    # --- ticking ---------------------------------------------------------------------------

    def action_mark(self, mark_name: str) -> None:
        """Toggle the mark under the cursor: tick, skip or not done (again to clear)."""
        if not self._rows:
            return
        if logical_day(self.clock.now(), self.store.settings().day_rollover_hour) != self._today:
            # The day turned since the grid was drawn (the timer may not have fired yet): a
            # tick on "today" counts for the day the key was pressed.
            self._rebuild()
        track = self._tracks[self._cursor_row]
        day = self._days[self._cursor_column]
        if day > self._today:
            self.notify("That day has not come yet.", severity="warning")
            return
        wanted = Mark(mark_name)
        current = self._book.get(day, track.ritual.id, track.person)
        new = None if current is wanted else wanted
        try:
            self.store.set_mark(day.isoformat(), track.ritual.id, track.person, new)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return
        self._book.set(day, track.ritual.id, track.person, new)
        # The cell first, once the write is durable; streaks over years of days and the year
        # view follow a frame later, so the tick itself appears without waiting for them.
        row = self._rows[self._cursor_row]
        row.show(replace(row.view, states=self._cell_states(track)))
        self.call_after_refresh(self._refresh_row, row)

    def _refresh_row(self, row: RitualRow) -> None:
        if row in self._rows:
            row.show(self._row_view(row.track))
            self._show_detail()

    def note_day_turned(self) -> None:
        if not self._loaded:
            return
        if self.display:
            self.reload()
        else:
            self._stale = True

    def note_marks_changed(self) -> None:
        """Another pane wrote rituals or marks (a finished check-in, a lapse's repair).

        They are read again when this pane is next shown, not now: a hidden pane has no width,
        and a grid built then would be sized to nothing.
        """
        if self._loaded:
            self._stale = True

    # --- managing the list -----------------------------------------------------------------

    def action_add(self) -> None:
        """Add a ritual."""
        from tui.dialogs.ritual import RitualDialog

        self.app.push_screen(RitualDialog("Add a ritual"), self._added)

    def _added(self, draft: RitualDraft | None) -> None:
        if draft is None:
            return
        ritual = Ritual(
            id=uuid.uuid4().hex,
            name=draft.name,
            cadence=draft.cadence,
            who=draft.who,
            position=max((ritual.position for ritual in self._rituals.rituals), default=-1) + 1,
            created=self._today.isoformat(),
        )
        if self._save([ritual]):
            self._rituals.rituals.append(ritual)
            self._rebuild()
            self._cursor_row = len(self._rows) - len(ritual.people())
            self._show_cursor()

    def action_edit(self) -> None:
        """Rename the ritual under the cursor, or change its cadence or who does it."""
        if not self._rows:
            return
        ritual = self._tracks[self._cursor_row].ritual
        draft = RitualDraft(ritual.name, ritual.cadence, ritual.who)
        from tui.dialogs.ritual import RitualDialog

        self.app.push_screen(
            RitualDialog("Edit the ritual", draft), lambda answer: self._edited(ritual, answer)
        )

    def _edited(self, ritual: Ritual, draft: RitualDraft | None) -> None:
        if draft is None:
            return
        changed = replace(ritual, name=draft.name, cadence=draft.cadence, who=draft.who)
        if self._save([changed]):
            self._replace(changed)

    def action_reorder(self, step: int) -> None:
        """Move the ritual under the cursor up or down the list."""
        if not self._rows:
            return
        order = list(self._rituals.rituals)
        ritual = self._tracks[self._cursor_row].ritual
        index = order.index(ritual)
        target = index + step
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        renumbered = [replace(item, position=position) for position, item in enumerate(order)]
        if self._save(renumbered):
            self._rituals = RitualList(renumbered)
            moved = renumbered[target]
            self._rebuild()
            self._cursor_row = next(
                index for index, track in enumerate(self._tracks) if track.ritual.id == moved.id
            )
            self._show_cursor()

    def action_archive(self) -> None:
        """Archive the ritual under the cursor (its history stays), or restore an archived one."""
        if not self._rows:
            return
        ritual = self._tracks[self._cursor_row].ritual
        changed = replace(ritual, archived=not ritual.archived)
        if self._save([changed]):
            self._replace(changed)
            verb = "archived (v shows archived rituals)" if changed.archived else "restored"
            self.notify(f"{ritual.name} {verb}.", markup=False)

    def action_toggle_archived(self) -> None:
        """Show or hide archived rituals."""
        self._show_archived = not self._show_archived
        self._rebuild()

    def action_love_languages(self) -> None:
        """Record each partner's love language."""
        from tui.dialogs.love_languages import LoveLanguageDialog

        settings = self.store.settings()
        current: LoveLanguages = (settings.love_language_a, settings.love_language_b)
        self.app.push_screen(
            LoveLanguageDialog(settings.partners, current), self._love_languages_chosen
        )

    def _love_languages_chosen(self, chosen: LoveLanguages | None) -> None:
        if chosen is None:
            return
        try:
            self.store.update_settings(love_language_a=chosen[0], love_language_b=chosen[1])
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return
        self._show_detail()

    def _replace(self, changed: Ritual) -> None:
        self._rituals = RitualList(
            [changed if ritual.id == changed.id else ritual for ritual in self._rituals.rituals]
        )
        self._rebuild()

    def _save(self, rituals: list[Ritual]) -> bool:
        try:
            self.store.save_rituals(rituals)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return False
        return True

    # --- the starter set -------------------------------------------------------------------

    def _offer_starter_rituals(self) -> None:
        if self._starter_offer_open:
            return
        self._starter_offer_open = True
        from tui.dialogs.confirm import ConfirmDialog

        listing = "\n".join(
            f"• {starter.name} ({starter.cadence.describe()})" for starter in STARTER_RITUALS
        )
        self.app.push_screen(
            ConfirmDialog(
                "Start with a few rituals?",
                f"These small habits help couples reconnect:\n\n{listing}\n\nYou can rename, "
                "change or archive any of them later.",
                yes="Add them",
                no="Start empty",
            ),
            self._starter_answered,
        )

    def _starter_answered(self, answer: bool | None) -> None:
        self._starter_offer_open = False
        if answer is None:
            return
        rituals = [
            Ritual(
                id=uuid.uuid4().hex,
                name=starter.name,
                cadence=starter.cadence,
                who=starter.who,
                position=position,
                created=self._today.isoformat(),
                kind=starter.kind,
            )
            for position, starter in enumerate(STARTER_RITUALS)
        ]
        try:
            with self.store.batch():
                if answer:
                    self.store.save_rituals(rituals)
                self.store.update_settings(starter_rituals_offered=True)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return
        if answer:
            self._rituals = RitualList(rituals)
        self._rebuild()


_STATE_WORDS = {
    CellState.DONE: "done",
    CellState.SKIPPED: "skipped",
    CellState.NOT_DONE: "not done",
    CellState.MISSED: "nothing entered",
    CellState.OPEN: "nothing entered yet",
    CellState.NOT_DUE: "not due",
    CellState.FUTURE: "still to come",
    CellState.BEFORE: "before this ritual began",
}
