"""The Moments pane: a shared log of moments of connection, neglect and repair, found again by
word, tag, kind, partner or period, and the patterns it shows over the weeks."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from tui.core.ids import new_id
from tui.core.moment_patterns import MomentsView, patterns
from tui.core.moments import (
    Moment,
    MomentFilter,
    filter_moments,
    marked_for_checkin,
    suggest_tags,
)
from tui.dialogs.asking import ask, confirm
from tui.keys import hint_line, show_hint_line
from tui.panes.base import ListingPane
from tui.panes.moments_keys import MOMENTS_BINDINGS
from tui.widgets.moment_detail import MomentDetail
from tui.widgets.moment_list import MomentList, filters_line
from tui.widgets.moment_patterns import MomentPatternsView
from tui.widgets.moment_tags import MomentSearch
from tui.widgets.moment_views import MomentViews


class MomentsPane(ListingPane):
    """Note moments as they happen, find them again, and see their patterns."""

    TITLE = "Moments"
    PANE_ID = "moments"
    STYLESHEET = "moments"
    FAQ_TOPIC = "moments-log"
    BINDINGS = MOMENTS_BINDINGS

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._stale = False
        self._newest_first: list[Moment] = []
        self._view = MomentsView()

    async def on_show(self) -> None:
        # Built when first shown: start-up draws only the Check-in pane.
        if await self.build_once():
            self.reload()
            self.focus_primary()
        elif self._stale:
            self.reload()

    def _build(self) -> list[Widget]:
        return [
            MomentSearch(self._search_tags, id="moment-search"),
            Static(id="moment-filters", classes="hint"),
            MomentViews(id="moments-views"),
            Static(id="moment-keys", classes="hint"),
        ]

    def focus_primary(self) -> None:
        if not self._built:
            return
        target = "#moments-patterns" if self._view.showing_patterns else "#moment-list"
        self.query_one(target).focus()

    def note_day_turned(self) -> None:
        if self._built:
            self.reload()  # the periods end on the new day

    def settings_changed(self) -> None:
        # A new zone or start of the day moves moments to other days and times.
        if self._built:
            self.reload()
        else:
            self._stale = True

    def note_moments_changed(self) -> None:
        """Moments were saved elsewhere (the quick note): show them when next shown."""
        self._stale = True
        if self._built and self.display:
            self.reload()

    # --- reading -------------------------------------------------------------------------

    @property
    def _rollover(self) -> int:
        return self.store.settings().day_rollover_hour

    @property
    def _zone(self) -> str:
        """The couple's time zone now: every moment's time and day is shown in it."""
        return self.clock.time_zone

    def reload(self, select: str | None = None) -> None:
        """Read the moments and show them as the filters and view say."""
        self._stale = False
        self._newest_first = self.store.moments()[::-1]
        self.show_moments(select)
        if self._view.showing_patterns:
            self._show_patterns()

    def show_moments(self, select: str | None = None) -> None:
        """Filter the moments read last and list them; the work of each search keystroke."""
        listing = self.query_one(MomentList)
        search = self.query_one(MomentSearch).search
        criteria = self._view.list_filter(search, self.today)
        shown = filter_moments(self._newest_first, criteria, self._zone, self._rollover)
        if self._newest_first:
            empty = "No moments match. Press escape to clear the search and the filters."
        else:
            empty = "No moments yet. Press a (or m from any pane) to note one."
        names, select = self._names(), select or self._selected_id()
        listing.show(shown, names, self._zone, self._rollover, empty, select)
        self._show_filters(len(shown), criteria)

    def _selected_id(self) -> str | None:
        moment = self._selected()
        return moment.id if moment else None

    def _selected(self) -> Moment | None:
        if not self._built:
            return None
        return self.query_one(MomentList).selected

    def _names(self) -> dict[str, str]:
        """How "a", "b" and "both" read now: read afresh at each drawing, so a rename shows."""
        return self.store.settings().partners.names(with_both=True)

    def _show_filters(self, count: int, criteria: MomentFilter) -> None:
        total, view, names = len(self._newest_first), self._view, self._names()
        line = filters_line(count, total, criteria, view.list_period, names)
        self.query_one("#moment-filters", Static).update(Content(line))

    @on(MomentList.CursorMoved)
    def _cursor_moved(self) -> None:
        detail = self.query_one(MomentDetail)
        detail.show(self._selected(), self._names(), self._zone)
        self._show_keys()

    def _show_keys(self) -> None:
        hint = self.query_one("#moment-keys", Static)
        search = self.query_one(MomentSearch)
        if search.has_focus:
            # Letters type here: the pane's keys work again from the list.
            self.refresh_bindings()
            hint.update(Content(f"type words, or # and a tag · {hint_line(search)}"))
        else:
            show_hint_line(self, hint)

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        searching = bool(self.query_one(MomentSearch).value)
        return self._view.allows(action, self._selected() is not None, searching)

    # --- the search box ------------------------------------------------------------------

    def _search_tags(self, typed: str) -> list[str]:
        moments = self._newest_first
        return suggest_tags(moments, typed) + suggest_tags(moments, typed, helped=True)

    @on(Input.Changed, "#moment-search")
    def _search_changed(self) -> None:
        self.show_moments()

    @on(MomentSearch.Done)
    def _search_done(self) -> None:
        self.query_one(MomentList).focus()

    def on_descendant_focus(self) -> None:
        self._show_keys()  # the search box has keys of its own

    def on_descendant_blur(self) -> None:
        self._show_keys()

    # --- filters and views ---------------------------------------------------------------

    def action_search(self) -> None:
        """Type words (or a #tag) to search."""
        self.query_one("#moment-search", Input).focus()

    def action_tag(self) -> None:
        """Start a #tag in the search box; earlier tags are offered as it is typed."""
        self.query_one(MomentSearch).start_tag()

    def action_kind(self) -> None:
        """Show one kind, then the next, then all."""
        self._view = self._view.next_kind()
        self.show_moments()

    def action_who(self) -> None:
        """Show what one partner felt, then the other, then both."""
        self._view = self._view.next_partner()
        self.show_moments()

    def action_period(self) -> None:
        """Change the period of the list, or of the patterns."""
        self._view = self._view.next_period()
        if self._view.showing_patterns:
            self._show_patterns()
        else:
            self.show_moments()

    def action_clear(self) -> None:
        """Clear the search and every filter."""
        self._view = self._view.cleared()
        self.query_one(MomentSearch).clear_quietly()
        self.show_moments()
        self.query_one(MomentList).focus()

    def action_patterns(self) -> None:
        """Switch between the list and the patterns."""
        self._view = self._view.switched()
        self.query_one(MomentViews).show_patterns(self._view.showing_patterns)
        if self._view.showing_patterns:
            self._show_patterns()
        self.focus_primary()
        self._show_keys()

    def _show_patterns(self) -> None:
        period, today = self._view.pattern_period, self.today
        seen = patterns(self._newest_first, period, today, self._zone, self._rollover)
        self.query_one(MomentPatternsView).show(seen)

    # --- changing ------------------------------------------------------------------------

    def _save(self, save: Callable[[], object], select: str | None, title: str = "") -> bool:
        """Run `save`; show the result once it is on disk, or say plainly that it is not."""
        if not self.try_save(save, title or "Not saved"):
            return False
        if self._built:
            self.reload(select=select)
        else:
            self._stale = True
        return True

    def _dialog(self, title: str, moment: Moment | None = None):  # type: ignore[no-untyped-def]
        from tui.dialogs.moment import MomentDialog

        def tags_for(typed: str, helped: bool) -> list[str]:
            return suggest_tags(self.store.moments(), typed, helped=helped)

        return MomentDialog(
            title,
            partners=self.store.settings().partners,
            now=self.clock.now(),
            moment_id=new_id(),
            tags_for=tags_for,
            moment=moment,
        )

    def note_moment(self) -> None:
        """Open the form for a new moment, now filled in; from this pane or from any other."""

        def saved(moment: Moment) -> None:
            if self._save(lambda: self.store.save_moment(moment), moment.id):
                self.notify("Moment noted.", markup=False)

        ask(self, self._dialog("Note a moment"), saved)

    def action_add(self) -> None:
        """Note a moment."""
        self.note_moment()

    def action_edit(self) -> None:
        """Change the selected moment."""
        moment = self._selected()
        if moment is None:
            return

        def saved(changed: Moment) -> None:
            self._save(lambda: self.store.save_moment(changed), changed.id)

        ask(self, self._dialog("Change this moment", moment), saved)

    def action_checkin(self) -> None:
        """Bring the selected moment to the next check-in, or take it off."""
        moment = self._selected()
        if moment is None:
            return
        changed = marked_for_checkin(moment, self.clock.now())
        if self._save(lambda: self.store.save_moment(changed), changed.id):
            note = "For the next check-in." if changed.for_checkin else "Not for the check-in."
            self.notify(note, markup=False)

    def action_delete(self) -> None:
        """Delete the selected moment, after asking."""
        moment = self._selected()
        if moment is None:
            return
        delete = partial(
            self._save, partial(self.store.delete_moment, moment.id), None, "Not deleted"
        )
        confirm(self, "Delete this moment?", moment.what_happened, "Delete", delete)
