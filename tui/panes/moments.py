"""The Moments pane: a shared log of moments of connection, neglect and repair, found again by
word, tag, kind, partner or period, and the patterns it shows over the weeks."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from msgspec.structs import replace
from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input, Static

from tui.core.days import logical_day
from tui.core.moment_patterns import PatternPeriod, patterns
from tui.core.moments import (
    Moment,
    MomentFilter,
    MomentKind,
    filter_moments,
    marked_for_checkin,
    search_filter,
    suggest_tags,
)
from tui.keys import hint_line, key
from tui.panes.base import AttunePane
from tui.store import SaveFailed
from tui.widgets.moment_detail import MomentDetail
from tui.widgets.moment_list import KIND_LEGEND, MomentList
from tui.widgets.moment_patterns import MomentPatternsView
from tui.widgets.moment_tags import TagSuggester

_key = partial(key, "moments")
KINDS: tuple[MomentKind | None, ...] = (None, *MomentKind)
PARTNERS: tuple[str | None, ...] = (None, "a", "b")
LIST_PERIODS: tuple[PatternPeriod | None, ...] = (None, *PatternPeriod)
PATTERN_PERIODS = tuple(PatternPeriod)
_NEEDS_A_MOMENT = frozenset({"edit", "delete", "checkin"})
_LIST_ONLY = frozenset({"search", "tag", "kind", "who", "clear"})


def _next(choices: tuple, current: object) -> object:  # type: ignore[type-arg]
    return choices[(choices.index(current) + 1) % len(choices)]


class MomentsPane(AttunePane):
    """Note moments as they happen, find them again, and see their patterns."""

    TITLE = "Moments"
    PANE_ID = "moments"
    STYLESHEET = "moments"
    FAQ_TOPIC = "moments-log"
    BINDINGS = [
        _key("a", "add", "Add", "Note a moment"),
        _key("e", "edit", "Edit", "Change the selected moment"),
        _key("delete", "delete", "Delete", "Delete the selected moment (after asking)"),
        _key(
            "c", "checkin", "Check-in", "Bring the moment to the next check-in, or not", footer=True
        ),
        _key("slash", "search", "Search", "Search the moments' words and tags", key_display="/"),
        _key("t", "tag", "Tag", "Show only the moments with a tag (earlier tags are offered)"),
        _key("k", "kind", "Kind", "Show one kind of moment, then the next, then all"),
        _key("w", "who", "Who", "Show the moments one partner felt, then the other's, then all"),
        _key("d", "period", "Period", "Change the period shown (all, 4 weeks, 3 months, a year)"),
        _key("v", "patterns", "Patterns", "Show the patterns, or the list again", footer=True),
        _key("escape", "clear", "Clear", "Clear the search and the filters"),
    ]

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._built = False
        self._stale = False
        self._newest_first: list[Moment] = []
        self._criteria = MomentFilter()
        self._list_period: PatternPeriod | None = None
        self._pattern_period = PatternPeriod.FOUR_WEEKS
        self._showing_patterns = False

    async def on_show(self) -> None:
        # Built when first shown: start-up draws only the Check-in pane.
        if not self._built:
            self.load_stylesheet()
            await self.mount_all(self._build())
            self._built = True
            self.reload()
            self.focus_primary()
        elif self._stale:
            self.reload()

    def _build(self) -> list[Widget]:
        search = Input(
            placeholder="/ search words, or #tag",
            id="moment-search",
            compact=True,
            select_on_focus=False,
            suggester=TagSuggester(self._search_tags, hashed=True),
        )
        return [
            search,
            Static(id="moment-filters", classes="hint"),
            ContentSwitcher(
                Horizontal(
                    MomentList(id="moment-list"),
                    VerticalScroll(MomentDetail(id="moment-detail"), id="moment-detail-box"),
                    id="moments-log",
                ),
                VerticalScroll(MomentPatternsView(id="moment-patterns"), id="moments-patterns"),
                initial="moments-log",
                id="moments-views",
            ),
            Static(id="moment-keys", classes="hint"),
        ]

    def focus_primary(self) -> None:
        if not self._built:
            return
        target = "#moments-patterns" if self._showing_patterns else "#moment-list"
        self.query_one(target).focus()

    def note_day_turned(self) -> None:
        if self._built:
            self.reload()  # the periods end on the new day

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
    def _today(self) -> date:
        return logical_day(self.clock.now(), self._rollover)

    def _names(self) -> dict[str, str]:
        partners = self.store.settings().partners
        return {"a": partners.a, "b": partners.b, "both": "Both"}

    def reload(self, select: str | None = None) -> None:
        """Read the moments and show them as the filters and view say."""
        self._stale = False
        self._newest_first = self.store.moments()[::-1]
        self.show_moments(select)
        if self._showing_patterns:
            self._show_patterns()

    def show_moments(self, select: str | None = None) -> None:
        """Filter the moments read last and list them; the work of each search keystroke."""
        listing = self.query_one(MomentList)
        search = self.query_one("#moment-search", Input).value
        criteria = search_filter(search, self._criteria)
        if self._list_period is not None:
            first = self._today - timedelta(days=7 * self._list_period.weeks - 1)
            criteria = replace(criteria, first_day=first)
        shown = filter_moments(self._newest_first, criteria, self._rollover)
        if self._newest_first:
            empty = "No moments match. Press escape to clear the search and the filters."
        else:
            empty = "No moments yet. Press a (or m from any pane) to note one."
        listing.show(shown, self._names(), self._rollover, empty, select or self._selected_id())
        self._show_filters(len(shown))

    def _selected_id(self) -> str | None:
        moment = self._selected()
        return moment.id if moment else None

    def _selected(self) -> Moment | None:
        if not self._built:
            return None
        return self.query_one(MomentList).selected

    def _show_filters(self, count: int) -> None:
        names = self._names()
        parts = [f"{count:,} of {len(self._newest_first):,} moments"]
        if self._criteria.kind is not None:
            parts.append(f"kind: {self._criteria.kind.value}")
        if self._criteria.partner is not None:
            parts.append(f"felt by {names[self._criteria.partner]}")
        parts.append(self._list_period.last if self._list_period else "all time")
        line = Content(" · ".join(parts) + "   " + KIND_LEGEND)
        self.query_one("#moment-filters", Static).update(line)

    @on(MomentList.CursorMoved)
    def _cursor_moved(self) -> None:
        self.query_one(MomentDetail).show(self._selected(), self._names())
        self._show_keys()

    def _show_keys(self) -> None:
        self.refresh_bindings()
        self.query_one("#moment-keys", Static).update(Content(hint_line(self)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEEDS_A_MOMENT:
            return not self._showing_patterns and self._selected() is not None
        if action in _LIST_ONLY:
            if self._showing_patterns:
                return False
            return action != "clear" or self._filtered()
        return True

    def _filtered(self) -> bool:
        searching = self._built and bool(self.query_one("#moment-search", Input).value)
        return searching or self._criteria != MomentFilter() or self._list_period is not None

    # --- the search box ------------------------------------------------------------------

    def _search_tags(self, typed: str) -> list[str]:
        moments = self._newest_first
        return suggest_tags(moments, typed) + suggest_tags(moments, typed, helped=True)

    @on(Input.Changed, "#moment-search")
    def _search_changed(self) -> None:
        self.show_moments()

    @on(Input.Submitted, "#moment-search")
    def _search_done(self) -> None:
        self.query_one(MomentList).focus()
        self._show_keys()

    def on_key(self, event: Key) -> None:
        search = self.query_one("#moment-search", Input) if self._built else None
        if search is not None and search.has_focus and event.key in ("escape", "down"):
            event.stop()
            event.prevent_default()
            self.query_one(MomentList).focus()
            self._show_keys()

    # --- filters and views ---------------------------------------------------------------

    def action_search(self) -> None:
        """Type words (or a #tag) to search."""
        self.query_one("#moment-search", Input).focus()

    def action_tag(self) -> None:
        """Start a #tag in the search box; earlier tags are offered as it is typed."""
        search = self.query_one("#moment-search", Input)
        search.value = f"{search.value} #".lstrip()
        search.cursor_position = len(search.value)
        search.focus()

    def action_kind(self) -> None:
        """Show one kind, then the next, then all."""
        kind = _next(KINDS, self._criteria.kind)
        self._criteria = replace(self._criteria, kind=kind)
        self.show_moments()

    def action_who(self) -> None:
        """Show what one partner felt, then the other, then both."""
        partner = _next(PARTNERS, self._criteria.partner)
        self._criteria = replace(self._criteria, partner=partner)
        self.show_moments()

    def action_period(self) -> None:
        """Change the period of the list, or of the patterns."""
        if self._showing_patterns:
            self._pattern_period = _next(PATTERN_PERIODS, self._pattern_period)  # type: ignore[assignment]
            self._show_patterns()
            return
        self._list_period = _next(LIST_PERIODS, self._list_period)  # type: ignore[assignment]
        self.show_moments()

    def action_clear(self) -> None:
        """Clear the search and every filter."""
        self._criteria = MomentFilter()
        self._list_period = None
        search = self.query_one("#moment-search", Input)
        with search.prevent(Input.Changed):
            search.value = ""
        self.show_moments()
        self.query_one(MomentList).focus()

    def action_patterns(self) -> None:
        """Switch between the list and the patterns."""
        self._showing_patterns = not self._showing_patterns
        self.query_one(ContentSwitcher).current = (
            "moments-patterns" if self._showing_patterns else "moments-log"
        )
        if self._showing_patterns:
            self._show_patterns()
        self.focus_primary()
        self._show_keys()

    def _show_patterns(self) -> None:
        seen = patterns(self._newest_first, self._pattern_period, self._today, self._rollover)
        self.query_one(MomentPatternsView).show(seen)

    # --- changing ------------------------------------------------------------------------

    def _save(self, save: Callable[[], object], select: str | None, title: str = "") -> bool:
        """Run `save`; show the result once it is on disk, or say plainly that it is not."""
        try:
            save()
        except SaveFailed as problem:
            self.report_unsaved(problem, title or "Not saved")
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
            moment_id=uuid.uuid4().hex,
            tags_for=tags_for,
            moment=moment,
        )

    def note_moment(self) -> None:
        """Open the form for a new moment, now filled in; from this pane or from any other."""

        def saved(moment: Moment | None) -> None:
            if moment is not None and self._save(lambda: self.store.save_moment(moment), moment.id):
                self.notify("Moment noted.", markup=False)

        self.app.push_screen(self._dialog("Note a moment"), saved)

    def action_add(self) -> None:
        """Note a moment."""
        self.note_moment()

    def action_edit(self) -> None:
        """Change the selected moment."""
        moment = self._selected()
        if moment is None:
            return

        def saved(changed: Moment | None) -> None:
            if changed is not None:
                self._save(lambda: self.store.save_moment(changed), changed.id)

        self.app.push_screen(self._dialog("Change this moment", moment), saved)

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
        from tui.dialogs.confirm import ConfirmDialog

        moment = self._selected()
        if moment is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._save(lambda: self.store.delete_moment(moment.id), None, "Not deleted")

        dialog = ConfirmDialog("Delete this moment?", moment.what_happened, yes="Delete", no="Keep")
        self.app.push_screen(dialog, answered)
