"""The Requests pane: a hurt turned into a need and a doable request, answered, and kept."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from msgspec.structs import asdict
from textual import on
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static

from tui.core import requests as rules
from tui.core.agreements import IllegalTransition, propose
from tui.core.ids import new_id
from tui.core.mark_book import MarkBook
from tui.core.request_words import ritual_draft_for
from tui.core.requests import Request, StepKind
from tui.core.rituals import RitualList
from tui.core.text import InvalidText
from tui.core.wins import wins_of_requests
from tui.dialogs.asking import ask, confirm
from tui.keys import key_of, show_hint_line
from tui.panes.base import ListingPane
from tui.panes.requests_keys import CONFIRMATIONS, REQUESTS_BINDINGS, STEP_OF_ACTION
from tui.widgets.request_detail import (
    Linked,
    RequestDetail,
    linked_agreement,
    linked_ritual,
    moment_choices,
    moment_line,
)
from tui.widgets.request_list import RequestList
from tui.widgets.request_wins import RequestWins

if TYPE_CHECKING:
    from tui.core.rituals import RitualDraft
    from tui.dialogs.agreement import AgreementDraft
    from tui.dialogs.request import AlternativeDraft, AnswerDraft, RequestDraft

RECENT_MOMENTS = 12


class RequestsPane(ListingPane):
    """Ask for what you need, answer kindly, find an alternative, and keep what you agree."""

    TITLE = "Requests"
    PANE_ID = "requests"
    STYLESHEET = "requests"
    FAQ_TOPIC = "hurt-into-request"
    BINDINGS = REQUESTS_BINDINGS

    class RitualAdded(Message):
        """A request became a ritual: the Rituals pane should read its rituals again."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._requests: list[Request] = []
        self._show_closed = False
        self._book: MarkBook | None = None

    async def on_show(self) -> None:
        # Built when first shown, like the other panes: start-up draws only the Check-in pane.
        if await self.build_once():
            self.focus_primary()
        # Ticks in the Rituals pane move a ritual's streak: read again on every visit.
        self._book = None
        self.reload()

    def note_day_turned(self) -> None:
        if self._built:
            self.reload()  # answers fall due and a new month starts its count of wins

    def settings_changed(self) -> None:
        # The names in the detail; each visit reads everything again anyway.
        if self._built and self.display:
            self.reload()

    def _build(self) -> list[Widget]:
        return [
            RequestWins(id="request-wins"),
            Horizontal(
                RequestList(id="request-list"),
                VerticalScroll(RequestDetail(id="request-detail"), id="request-detail-box"),
                id="requests-body",
            ),
            Static(id="request-keys", classes="hint"),
        ]

    def focus_primary(self) -> None:
        for listing in self.query("#request-list").results(RequestList):
            listing.focus()

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            request = self._selected()
            return request is not None and rules.can_delete(request)
        kind = StepKind(str(parameters[0])) if action == "confirm" else STEP_OF_ACTION.get(action)
        if kind is None:
            return True
        request = self._selected()
        return request is not None and rules.answer_taker(request, kind, self.today) is not None

    # --- reading ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the requests and redraw the wins, the list and the selection."""
        today = self.today
        every = self.store.requests()
        if self._book is None:
            self._book = self.store.mark_book()
        wins = wins_of_requests(every, self._book, self.store.agreements())
        self.query_one(RequestWins).show_wins(wins, today)
        self._requests = rules.requests_to_list(every, today, self._show_closed)
        listing = self.query_one(RequestList)
        if every and not self._requests:
            empty = (
                f"Nothing open. {key_of(self, 'toggle_closed')} shows kept and withdrawn requests."
            )
        else:
            empty = f"No requests yet. Press {key_of(self, 'add')} to turn a hurt into a request."
        listing.show(self._requests, today, empty, select or listing.selected_id)
        self._show_detail()

    def _selected(self) -> Request | None:
        if not self._built:
            return None
        selected = self.query_one(RequestList).selected_id
        return next((r for r in self._requests if r.id == selected), None)

    @on(OptionList.OptionHighlighted, "#request-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        request = self._selected()
        moments = self.store.moments() if request and request.moment_id else []
        rollover_hour = self.store.settings().day_rollover_hour
        moment = (
            moment_line(request.moment_id, moments, self.clock.time_zone, rollover_hour)
            if request
            else ""
        )
        linked = self._linked(request) if request else None
        names = self.store.settings().partners.names()
        self.query_one(RequestDetail).show(request, self.today, names, moment, linked)
        # What can be done depends on the request selected: the footer, this hint line and
        # the palette offer only that.
        show_hint_line(self, self.query_one("#request-keys", Static))

    def _linked(self, request: Request) -> Linked | None:
        if request.became is None:
            return None
        if request.became is StepKind.AGREEMENT:
            return linked_agreement(request, self.store.agreements())
        if self._book is None:
            self._book = self.store.mark_book()
        settings = self.store.settings()
        return linked_ritual(request, self.store.rituals(), self._book, self.today, settings)

    # --- changing ----------------------------------------------------------------------------

    def _commit(self, save: Callable[[], object], select: str | None, note: str = "") -> bool:
        """Run `save`; show the result once it is on disk, or say plainly why it is not."""
        if not self.try_save(save, refusals=(IllegalTransition, InvalidText)):
            return False
        self.reload(select=select)
        if note:
            self.notify(note, markup=False)
        return True

    def _step(self, request: Request, kind: StepKind, by: str, note: str = "", **details) -> bool:  # type: ignore[no-untyped-def]
        day = self.today
        save = lambda: self.store.add_step(request.id, kind, by, day, **details)  # noqa: E731
        return self._commit(save, request.id, note)

    def action_add(self) -> None:
        """Ask: a hurt turned into a need and a request."""
        from tui.dialogs.request import RequestDialog

        recent = self.store.moments()[-RECENT_MOMENTS:][::-1]
        settings = self.store.settings()
        choices = moment_choices(recent, self.clock.time_zone, settings.day_rollover_hour)
        ask(self, RequestDialog(settings.partners, choices), self._added)

    def _added(self, draft: RequestDraft) -> None:
        # The form's fields are the request's own: asker, need, ask, hurt and moment.
        request = rules.new_request(new_id(), day=self.today, **asdict(draft))
        self._commit(lambda: self.store.save_request(request), request.id)

    def action_answer(self) -> None:
        """The partner asked answers."""
        from tui.dialogs.request import AnswerDialog

        request = self._current
        name = getattr(self.store.settings().partners, request.asked)
        ask(self, AnswerDialog(request, name, self.today), partial(self._answered, request))

    def _answered(self, request: Request, draft: AnswerDraft) -> None:
        note = "Agreed." if draft.kind is StepKind.DOABLE else "Noted."
        details = {"text": draft.reason, "answer_by": draft.answer_by}
        self._step(request, draft.kind, request.asked, note, **details)

    def action_alternative(self) -> None:
        """Offer an alternative that meets the same need."""
        from tui.dialogs.request import AlternativeDialog

        request = self._current
        offered_by, able = rules.alternative_offerers(request, self.today)
        dialog = AlternativeDialog(request, self.store.settings().partners, offered_by, able)
        ask(self, dialog, lambda draft: self._offered(request, draft))

    def _offered(self, request: Request, draft: AlternativeDraft) -> None:
        self._step(request, StepKind.ALTERNATIVE, draft.by, "Offered.", text=draft.text)

    def action_confirm(self, kind_name: str) -> None:
        """Accept an alternative, mark a request kept, or withdraw it, after asking."""
        request, kind = self._current, StepKind(kind_name)
        title, yes, note = CONFIRMATIONS[kind]
        by = rules.answer_taker(request, kind, self.today)
        latest = request.latest_alternative
        text = latest.text if kind is StepKind.ACCEPTED and latest else request.headline
        step = partial(self._step, request, kind, by, note)  # type: ignore[arg-type]
        confirm(self, title, text, yes, step, no="Not yet")

    def action_ritual(self) -> None:
        """Turn the agreed request into a ritual: the ritual form opens filled in."""
        from tui.dialogs.ritual import RitualDialog

        request = self._current
        dialog = RitualDialog("Make it a ritual", ritual_draft_for(request))
        ask(self, dialog, lambda draft: self._made_ritual(request, draft))

    def _made_ritual(self, request: Request, draft: RitualDraft) -> None:
        ritual = RitualList(self.store.rituals()).new_ritual(draft, self.today)
        save = partial(self.store.save_rituals, [ritual])
        note = "A ritual now, in the Rituals pane: the first time it is done is a win."
        if self._became(request, StepKind.RITUAL, save, ritual.id, note):
            self.post_message(self.RitualAdded())

    def _became(
        self, request: Request, kind: StepKind, save: Callable[[], object], made: str, note: str
    ) -> bool:
        """Save the ritual or agreement `made` from the request, with the step that says so."""
        day, by = self.today, rules.answer_taker(request, kind, self.today) or request.asker

        def save_both() -> None:
            with self.store.batch():
                save()
                self.store.add_step(request.id, kind, by, day, linked_id=made)

        return self._commit(save_both, request.id, note)

    def action_agreement(self) -> None:
        """Turn the agreed request into an agreement proposal: the form opens filled in."""
        from tui.dialogs.agreement import AgreementDialog

        request = self._current
        partners = self.store.settings().partners
        wording = request.headline
        dialog = AgreementDialog("Propose it as an agreement", wording, partners=partners)
        ask(self, dialog, lambda draft: self._proposed(request, draft))

    def _proposed(self, request: Request, draft: AgreementDraft) -> None:
        day, repair = self.today, draft.repair
        agreement = propose(
            new_id(), draft.wording, draft.proposed_by, day, repair, draft.review_after_days
        )
        save = partial(self.store.save_agreement, agreement)
        note = "Proposed in the Agreements pane: once you have both signed it, it is a win."
        self._became(request, StepKind.AGREEMENT, save, agreement.id, note)

    def action_delete(self) -> None:
        """Delete a request nobody has answered yet, after asking."""
        request = self._current
        confirm(
            self, "Delete this request?", request.ask, "Delete", partial(self._deleted, request.id)
        )

    def _deleted(self, request_id: str) -> None:
        self._commit(lambda: self.store.delete_request(request_id), None)

    def action_toggle_closed(self) -> None:
        """Show or hide kept and withdrawn requests."""
        self._show_closed = not self._show_closed
        self.reload()
