"""The Therapy pane: the plan, the sessions and their takeaways, practice in between with a
debrief after each attempt, and what to raise at the next session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tui.commands import WRITE_CALENDAR, WRITE_REPORT
from tui.core import therapy as rules
from tui.core.ids import new_id
from tui.core.text import InvalidText
from tui.dialogs.asking import ask, confirm
from tui.keys import key, key_of, show_hint_line
from tui.panes.base import ListingPane
from tui.widgets.therapy_detail import TherapyDetail
from tui.widgets.therapy_list import ASSIGNMENT, SESSION, TherapyList

if TYPE_CHECKING:
    from tui.dialogs.therapy import AssignmentDraft, AttemptDraft, SessionDraft

_key = partial(key, "therapy")


class TherapyPane(ListingPane):
    """Keep the therapy plan, the sessions and the practice in between, and write a report."""

    TITLE = "Therapy"
    PANE_ID = "therapy"
    STYLESHEET = "therapy"
    FAQ_TOPIC = "therapy-plan"
    BINDINGS = [
        _key("p", "plan", "Plan", "Edit the therapy plan: hopes, therapist, sessions", footer=True),
        _key("s", "session", "Session", "Note a session and what you took away", footer=True),
        _key("a", "add", "Practice", "Add practice between sessions", footer=True),
        _key("d", "debrief", "Debrief", "Debrief an attempt at the practice"),
        _key("e", "edit", "Edit session", "Edit the session's day or takeaways"),
        _key("delete", "delete", "Delete", "Delete the practice or session selected"),
        WRITE_REPORT,
        WRITE_CALENDAR,
    ]

    class SessionSoon(Message):
        """The next session, in words, when it starts within a day (else None): the tab shows it."""

        def __init__(self, words: str | None) -> None:
            super().__init__()
            self.words = words

    def on_mount(self) -> None:
        self.call_after_refresh(self.announce_session_soon)

    async def on_show(self) -> None:
        # Built when first shown, like the other panes after the first: start-up draws only
        # the Check-in pane.
        if await self.build_once():
            self.focus_primary()
        # Read again each visit: a check-in flagged "we got stuck" may have been added.
        self.reload()

    def settings_changed(self) -> None:
        # A new zone moves the next session on the couple's clock; the names head the hopes.
        if self._built:
            self.reload()
        else:
            self.announce_session_soon()

    def note_day_turned(self) -> None:
        if self._built:
            self.reload()  # assignments end and sessions come round with the day
        else:
            self.announce_session_soon()

    def _build(self) -> list[Widget]:
        return [
            Horizontal(
                TherapyList(id="therapy-list"),
                VerticalScroll(TherapyDetail(id="therapy-detail"), id="therapy-detail-box"),
                id="therapy-body",
            ),
            Static(id="therapy-keys", classes="hint"),
        ]

    def focus_primary(self) -> None:
        for listing in self.query("#therapy-list").results(TherapyList):
            listing.focus()

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        selected = self._selected_kind()
        if action == "debrief":
            return selected == ASSIGNMENT
        if action == "edit":
            return selected == SESSION
        if action == "delete":
            return selected is not None
        return True

    # --- reading ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the sessions and assignments and draw them again, keeping a selection."""
        listing = self.query_one(TherapyList)
        empty = f"No practice or sessions yet. Press {key_of(self, 'add')} to add practice."
        chosen = select
        if chosen is None and listing.selected is not None:
            chosen = ":".join(listing.selected)
        listing.show(
            self.store.assignments(),
            self.store.sessions(),
            self.today,
            self.store.settings().partners.names(),
            empty,
            chosen,
        )
        self._show_detail()
        self.announce_session_soon()

    def announce_session_soon(self) -> None:
        """Tell the screen whether the next session starts within a day, for the tab title."""
        words = rules.session_soon_words(self.store.therapy_plan(), self.clock.now())
        self.post_message(self.SessionSoon(words))

    def _selected_kind(self) -> str | None:
        if not self._built:
            return None
        selected = self.query_one(TherapyList).selected
        return None if selected is None else selected[0]

    def _selected(self) -> rules.Assignment | rules.Session | None:
        if not self._built:
            return None
        selected = self.query_one(TherapyList).selected
        if selected is None:
            return None
        kind, record_id = selected
        records = self.store.assignments() if kind == ASSIGNMENT else self.store.sessions()
        return next((record for record in records if record.id == record_id), None)

    def _stuck_to_raise(self) -> list[date]:
        settings = self.store.settings()
        return rules.stuck_to_raise(
            self.store.checkins(),
            self.store.sessions(),
            settings.time_zone,
            settings.day_rollover_hour,
        )

    @on(OptionList.OptionHighlighted, "#therapy-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        plan = self.store.therapy_plan()
        next_session = rules.next_session_start(plan, self.clock.now())
        self.query_one(TherapyDetail).show(
            self._selected(),
            plan,
            next_session,
            self._stuck_to_raise(),
            self.store.settings().partners.names(),
        )
        show_hint_line(self, self.query_one("#therapy-keys", Static))

    # --- changing ----------------------------------------------------------------------------

    def _commit(self, save: Callable[[], object], select: str | None, note: str = "") -> None:
        """Run `save`; show the result once it is on disk, or say plainly why it is not."""
        if not self.try_save(save, refusals=(InvalidText, KeyError)):
            return
        self.reload(select=select)
        if note:
            self.notify(note, markup=False)

    def action_plan(self) -> None:
        """Edit the therapy plan."""
        from tui.dialogs.therapy import PlanDialog

        dialog = PlanDialog(
            self.store.therapy_plan(), self.store.settings().partners, self.clock.now().tzinfo
        )
        ask(
            self,
            dialog,
            lambda changes: self._commit(lambda: self.store.update_therapy_plan(**changes), None),
        )

    def action_session(self) -> None:
        """Note a session held."""
        from tui.dialogs.therapy import SessionDialog

        ask(self, SessionDialog("Note a session", self.today), self._noted)

    def _noted(self, draft: SessionDraft) -> None:
        session = rules.new_session(new_id(), draft.on, draft.takeaways, self.today)
        self._commit(lambda: self.store.save_session(session), f"{SESSION}:{session.id}")

    def action_edit(self) -> None:
        """Change the selected session's day or takeaways."""
        from tui.dialogs.therapy import SessionDialog

        session = self._selected()
        if not isinstance(session, rules.Session):
            return
        dialog = SessionDialog("Edit the session", self.today, session.on, session.takeaways)

        def edited(draft: SessionDraft) -> None:
            changed = rules.edit_session(
                session, self.today, on=draft.on, takeaways=draft.takeaways
            )
            self._commit(lambda: self.store.save_session(changed), f"{SESSION}:{session.id}")

        ask(self, dialog, edited)

    def action_add(self) -> None:
        """Add practice between sessions."""
        from tui.dialogs.therapy import AssignmentDialog

        ask(self, AssignmentDialog(self.store.settings().partners, self.today), self._added)

    def _added(self, draft: AssignmentDraft) -> None:
        assignment = rules.new_assignment(new_id(), draft.who, draft.what, self.today, draft.until)
        note = f"Added. After each attempt, {key_of(self, 'debrief')} debriefs it."
        self._commit(
            lambda: self.store.save_assignment(assignment), f"{ASSIGNMENT}:{assignment.id}", note
        )

    def action_debrief(self) -> None:
        """Debrief an attempt at the selected practice."""
        from tui.dialogs.therapy import AttemptDialog

        assignment = self._selected()
        if not isinstance(assignment, rules.Assignment):
            return
        dialog = AttemptDialog(assignment.what, self.today, assignment.created)

        def debriefed(draft: AttemptDraft) -> None:
            self._commit(
                lambda: self.store.add_attempt(
                    assignment.id,
                    new_id(),
                    draft.on,
                    draft.how_it_went,
                    self.today,
                    draft.worked,
                    draft.adjust,
                ),
                f"{ASSIGNMENT}:{assignment.id}",
                "Debrief saved.",
            )

        ask(self, dialog, debriefed)

    def action_delete(self) -> None:
        """Delete the selected practice or session, after asking."""
        selected = self._selected()
        if selected is None:
            return
        if isinstance(selected, rules.Assignment):
            title, what = "Delete this practice and its debriefs?", selected.what
            delete: Callable[[], object] = partial(self.store.delete_assignment, selected.id)
        else:
            title, what = "Delete this session?", f"{selected.on:%A %d %B %Y}"
            delete = partial(self.store.delete_session, selected.id)
        confirm(self, title, what, "Delete", partial(self._commit, delete, None))

    def action_report(self) -> None:
        """Write a report of a period, for the next session."""
        from tui.dialogs.report import write_report

        write_report(self.app, self.store, self.clock)

    def action_calendar(self) -> None:
        """Write a calendar file of the weekly check-in and the next sessions."""
        from tui.dialogs.report import write_calendar

        write_calendar(self.app, self.store, self.clock)
