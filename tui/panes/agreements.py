"""The Agreements pane: the boundaries both partners signed, lapses, repairs and reviews."""

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

from tui.core import agreements as rules
from tui.core.agreements import Agreement, Change
from tui.core.ids import new_id
from tui.core.text import InvalidText
from tui.dialogs.asking import ask, confirm
from tui.keys import key, key_of, show_hint_line
from tui.panes.base import ListingPane
from tui.panes.starters import offer_starters
from tui.widgets.agreement_detail import AgreementDetail
from tui.widgets.agreement_list import AgreementList

if TYPE_CHECKING:
    from tui.dialogs.agreement import AgreementDraft, LapseDraft, ReviewDraft

CHANGE_OF_ACTION = {
    "edit": Change.REWORD,
    "sign": Change.SIGN,
    "lapse": Change.LOG_LAPSE,
    "review": Change.REVIEW,
    "retire": Change.RETIRE,
    "restore": Change.RESTORE,
    "delete": Change.DELETE,
}
"""The actions that change the selected agreement: each is offered only when it applies."""


_key = partial(key, "agreements")


class AgreementsPane(ListingPane):
    """Agree, sign, notice a lapse without blame, repair, review."""

    TITLE = "Agreements"
    PANE_ID = "agreements"
    STYLESHEET = "agreements"
    FAQ_TOPIC = "restorative-consequences"
    BINDINGS = [
        _key("a", "add", "Add", "Propose an agreement", footer=True),
        _key("e", "edit", "Reword", "Reword the agreement (you both sign again)"),
        _key("s", "sign", "Sign", "Sign the agreement", footer=True),
        _key(
            "l", "lapse", "Log lapse", "Log a lapse, without blame; its repair starts", footer=True
        ),
        _key("r", "review", "Review", "Record the joint review after a repair", footer=True),
        _key("x", "retire", "Retire", "Retire the agreement; its history stays"),
        _key("u", "restore", "Restore", "Restore a retired agreement"),
        _key("delete", "delete", "Delete", "Delete a proposal nobody signed"),
    ]

    class ReviewsDue(Message):
        """How many joint reviews are due, for the tab title."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    class RepairStarted(Message):
        """A lapse started a repair ritual: the Rituals pane should read its rituals again."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._agreements: list[Agreement] = []

    def on_mount(self) -> None:
        self.call_after_refresh(self.announce_reviews_due)

    async def on_show(self) -> None:
        first_time = await self.build_once()
        if first_time:
            self.focus_primary()
        # Read again each time: repairs are ticked in the Rituals pane, and a few agreements
        # are cheap to read.
        self.reload()
        # A file opened only to look can't keep the answer: asking would repeat on each visit.
        offered = self.store.settings().starter_agreements_offered or self.store.read_only
        if first_time and not self._agreements and not offered:
            self.call_after_refresh(self._offer_examples)

    def note_day_turned(self) -> None:
        if self._built:
            self.reload()  # repairs end and reviews fall due with the day

    def settings_changed(self) -> None:
        if self._built:
            self.reload()  # the names, and "today" for what is due

    def _build(self) -> list[Widget]:
        return [
            Horizontal(
                AgreementList(id="agreement-list"),
                VerticalScroll(AgreementDetail(id="agreement-detail"), id="agreement-detail-box"),
                id="agreements-body",
            ),
            Static(id="agreement-keys", classes="hint"),
        ]

    def focus_primary(self) -> None:
        for listing in self.query("#agreement-list").results(AgreementList):
            listing.focus()

    def can_run(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        change = CHANGE_OF_ACTION.get(action)
        if change is None:
            return True
        agreement = self._selected()
        return agreement is not None and change in rules.changes_allowed(agreement, self.today)

    # --- reading ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the agreements and redraw the list, keeping (or moving to) a selection."""
        self._agreements = self.store.agreements()
        listing = self.query_one(AgreementList)
        empty = f"No agreements yet. Press {key_of(self, 'add')} to propose one."
        listing.show(self._agreements, self.today, empty, select or listing.selected_id)
        self._show_detail()
        self.announce_reviews_due()

    def announce_reviews_due(self) -> None:
        """Tell the screen how many reviews are due, so the tab title can show it."""
        agreements = self._agreements if self._built else self.store.agreements()
        self.post_message(self.ReviewsDue(rules.reviews_due(agreements, self.today)))

    def _selected(self) -> Agreement | None:
        if not self._built:
            return None
        selected = self.query_one(AgreementList).selected_id
        return next((a for a in self._agreements if a.id == selected), None)

    @on(OptionList.OptionHighlighted, "#agreement-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        agreement = self._selected()
        repairs = (
            {lapse.id: self._repair_done(lapse) for lapse in agreement.lapses} if agreement else {}
        )
        detail = self.query_one(AgreementDetail)
        detail.show(agreement, self.today, self.store.settings().partners.names(), repairs)
        # What can be done depends on the agreement selected: the footer, this hint line and
        # the palette offer only that.
        show_hint_line(self, self.query_one("#agreement-keys", Static))

    def _repair_done(self, lapse: rules.Lapse) -> tuple[int, int]:
        days = [day.isoformat() for day in lapse.repair_days]
        done = self.store.done_days(lapse.id, lapse.partner, days)
        return rules.repair_progress(lapse, {date.fromisoformat(day) for day in done})

    # --- changing ----------------------------------------------------------------------------

    def _commit(
        self, save: Callable[[], object], select: str | None, note: str = "", title: str = ""
    ) -> bool:
        """Run `save`; show the result once it is on disk, or say plainly why it is not."""
        if not self.try_save(save, title or "Not saved", (rules.IllegalTransition, InvalidText)):
            return False
        self.reload(select=select)
        if note:
            self.notify(note, markup=False)
        return True

    def _apply(self, change: Callable[[Agreement], Agreement], note: str = "") -> None:
        """Change the selected agreement and save it; a change that can't apply says why."""
        agreement = self._selected()
        if agreement is not None:
            self._commit(lambda: self.store.save_agreement(change(agreement)), agreement.id, note)

    # Dialogs are imported where they open (here and in `_offer_examples`): at start-up they
    # would load the dialogs package and its radio buttons, which the first screen never draws,
    # some 4 ms of it (timed after the first screen's own imports: bench/startup.py's runs vary
    # by more than that on a shared machine).

    def action_add(self) -> None:
        """Propose an agreement."""
        from tui.dialogs.agreement import AgreementDialog

        partners = self.store.settings().partners
        ask(self, AgreementDialog("Propose an agreement", partners=partners), self._added)

    def _added(self, draft: AgreementDraft) -> None:
        day, repair = self.today, draft.repair
        agreement = rules.propose(
            new_id(), draft.wording, draft.proposed_by, day, repair, draft.review_after_days
        )
        note = f"Proposed. It becomes active once you have both signed it ({key_of(self, 'sign')})."
        self._commit(lambda: self.store.save_agreement(agreement), agreement.id, note)

    def action_edit(self) -> None:
        """Reword the selected agreement; both sign again."""
        from tui.dialogs.agreement import AgreementDialog

        wording = self._current.wording
        ask(self, AgreementDialog("Reword the agreement", wording, rewording=True), self._reworded)

    def _reworded(self, draft: AgreementDraft) -> None:
        self._apply(
            lambda agreement: rules.reword(agreement, draft.wording, self.today),
            "Reworded: the old wording is kept; please both sign again.",
        )

    def action_sign(self) -> None:
        """Sign the selected agreement (asks which partner)."""
        from tui.dialogs.agreement import PartnerDialog

        partners = self.store.settings().partners
        ask(
            self,
            PartnerDialog("Who is signing?", partners),
            lambda partner: self._apply(lambda agreement: rules.sign(agreement, partner)),
        )

    def action_lapse(self) -> None:
        """Log a lapse; its repair starts as a daily ritual for the partner who lapsed."""
        from tui.dialogs.agreement import LapseDialog

        ask(self, LapseDialog(self.store.settings().partners, self.today), self._lapsed)

    def _lapsed(self, draft: LapseDraft) -> None:
        agreement, day, rituals = self._selected(), self.today, self.store.rituals()
        if agreement is None:
            return

        def save() -> None:
            self.store.save_lapse(
                *rules.log_lapse_with_repair(
                    agreement, new_id(), draft.partner, draft.day, day, draft.note, rituals
                )
            )

        note = "Lapse logged. The repair is in the Rituals pane until it ends."
        if self._commit(save, agreement.id, note):
            self.post_message(self.RepairStarted())

    def action_review(self) -> None:
        """Record the joint review after a repair."""
        from tui.dialogs.agreement import ReviewDialog

        ask(self, ReviewDialog(self._current.wording), self._reviewed)

    def _reviewed(self, draft: ReviewDraft) -> None:
        day, note, outcome, wording = self.today, draft.note, draft.outcome, draft.new_wording
        self._apply(
            lambda agreement: rules.record_review(agreement, day, note, outcome, wording),
            "Review recorded.",
        )

    def action_retire(self) -> None:
        """Retire the selected agreement; its history stays."""
        self._apply(rules.retire, f"Retired. {key_of(self, 'restore')} restores it.")

    def action_restore(self) -> None:
        """Restore a retired agreement."""
        self._apply(rules.restore, "Restored.")

    def action_delete(self) -> None:
        """Delete an agreement nobody signed, after asking."""
        agreement = self._current
        confirm(
            self,
            "Delete this proposal?",
            agreement.wording,
            "Delete",
            partial(self._deleted, agreement.id),
        )

    def _deleted(self, agreement_id: str) -> None:
        self._commit(lambda: self.store.delete_agreement(agreement_id), None, title="Not deleted")

    # --- examples on first use -----------------------------------------------------------------

    def _offer_examples(self) -> None:
        offer_starters(
            self,
            "Start from a few example agreements?",
            rules.starter_offer(),
            "starter_agreements_offered",
            lambda: self.store.save_agreements(rules.starter_agreements(self.today, new_id)),
            lambda answer: answer is None or self.reload(),
        )
