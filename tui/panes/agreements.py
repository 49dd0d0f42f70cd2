"""The Agreements pane: the boundaries both partners signed, lapses, repairs and reviews."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.days import logical_day
from tui.panes.base import AttunePane
from tui.store import SaveFailed
from tui.widgets.option_list import PagedOptionList

if TYPE_CHECKING:
    from tui.core.agreements import Agreement
    from tui.dialogs.agreement import AgreementDraft, LapseDraft, ReviewDraft


class AgreementsPane(AttunePane):
    """Agree, sign, notice a lapse without blame, repair, review."""

    TITLE = "Agreements"
    PANE_ID = "agreements"
    STYLESHEET = "agreements"
    FAQ_TOPIC = "restorative-consequences"
    HELP = (
        "Agreements are the few behaviours you both choose to hold yourselves to. One of you "
        "proposes the wording; it becomes active once you have both signed it. Changing the "
        "wording later keeps the old one in the history and asks you both to sign again.\n\n"
        "When one of you slips, log the lapse without blame: what happened and what was "
        "needed. The follow-up is a repair, not a punishment: by default 20 minutes of "
        "focused attention every day for a week, done by the partner who lapsed. It appears "
        "as a daily ritual in the Rituals pane until it ends, and then a joint review is due, "
        "where you decide together to keep, reword or retire the agreement."
    )
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit", show=False),
        Binding("s", "sign", "Sign"),
        Binding("l", "lapse", "Lapse"),
        Binding("r", "review", "Review"),
        Binding("x", "retire", "Retire", show=False),
        Binding("u", "restore", "Restore", show=False),
        Binding("delete", "delete", "Delete", show=False),
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
        self._built = False

    def on_mount(self) -> None:
        self.call_after_refresh(self.announce_reviews_due)

    async def on_show(self) -> None:
        # The widgets are built when the pane is first shown: start-up draws only the
        # Check-in pane, and every widget mounted before the first frame delays it.
        first_time = not self._built
        if first_time:
            self.load_stylesheet()
            await self.mount_all(self._build())
            self._built = True
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

    def _build(self) -> list[Widget]:
        return [
            Horizontal(
                PagedOptionList(id="agreement-list"),
                VerticalScroll(Static(id="agreement-detail"), id="agreement-detail-box"),
                id="agreements-body",
            ),
            Static(
                "a add · e reword · s sign · l log a lapse · r review · x retire · "
                "u restore · delete (unsigned only)",
                classes="hint",
            ),
        ]

    def focus_primary(self) -> None:
        for listing in self.query("#agreement-list").results(OptionList):
            listing.focus()

    # --- reading ---------------------------------------------------------------------------

    @property
    def _today(self) -> date:
        return logical_day(self.clock.now(), self.store.settings().day_rollover_hour)

    def reload(self, select: str | None = None) -> None:
        """Read the agreements and redraw the list, keeping (or moving to) a selection."""
        self._agreements = self.store.agreements()
        listing = self.query_one("#agreement-list", OptionList)
        keep = select or self._selected_id()
        listing.clear_options()
        today = self._today
        for agreement in self._agreements:
            status = agreement.status(today)
            lapses = agreement.lapses_within(30, today)
            label = Text.assemble(
                (f"{status.value.upper():<13}", "bold"),
                agreement.wording,
                (
                    f"  · {lapses} lapse{'s' if lapses != 1 else ''} in 30 days" if lapses else "",
                    "dim",
                ),
            )
            listing.add_option(Option(label, id=agreement.id))
        if not self._agreements:
            listing.add_option(
                Option(Text("No agreements yet. Press a to propose one.", "dim"), disabled=True)
            )
        elif keep is not None and keep in {a.id for a in self._agreements}:
            listing.highlighted = listing.get_option_index(keep)
        else:
            listing.highlighted = 0
        self._show_detail()
        self.announce_reviews_due()

    def announce_reviews_due(self) -> None:
        """Tell the screen how many reviews are due, so the tab title can show it."""
        today = self._today
        from tui.core.agreements import AgreementStatus

        agreements = self._agreements if self._built else self.store.agreements()
        due = sum(1 for a in agreements if a.status(today) is AgreementStatus.REVIEW_DUE)
        self.post_message(self.ReviewsDue(due))

    def _selected_id(self) -> str | None:
        listing = self.query_one("#agreement-list", OptionList)
        if listing.highlighted is None or not self._agreements:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _selected(self) -> Agreement | None:
        selected = self._selected_id()
        return next((a for a in self._agreements if a.id == selected), None)

    @on(OptionList.OptionHighlighted, "#agreement-list")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        from tui.core.agreements import repair_progress

        detail = self.query_one("#agreement-detail", Static)
        agreement = self._selected()
        if agreement is None:
            detail.update("")
            return
        partners = self.store.settings().partners
        names = {"a": partners.a, "b": partners.b}
        today = self._today
        text = Text.assemble(
            (agreement.wording, "bold"),
            "\n\n",
            ("Status: ", "dim"),
            (agreement.status(today).value, "bold"),
            "\n",
            ("Proposed by ", "dim"),
            agreement.proposer(names),
            "\n",
            ("Signed by ", "dim"),
            " and ".join(names[p] for p in sorted(agreement.signatures)) or "nobody yet",
            "\n",
            ("After a lapse: ", "dim"),
            agreement.repair.describe(),
            f", then a joint review on day {agreement.review_after_days + 1}.\n",
        )
        if len(agreement.wordings) > 1:
            text.append("\nEarlier wordings\n", "bold")
            for wording in agreement.wordings[:-1]:
                text.append(f"  {wording.since}  ", "dim")
                text.append(wording.text + "\n")
        if agreement.lapses:
            text.append("\nLapses and repairs\n", "bold")
            for lapse in reversed(agreement.lapses):
                done = {
                    date.fromisoformat(day)
                    for day in self.store.done_days(
                        lapse.id, lapse.partner, [d.isoformat() for d in lapse.repair_days]
                    )
                }
                ticked, total = repair_progress(lapse, done)
                text.append(f"  {lapse.day}  ", "dim")
                text.append(names[lapse.partner], "bold")
                text.append(f": repair {ticked} of {total} days done")
                text.append(f"; review due {lapse.review_day.isoformat()}\n", "dim")
                if lapse.note:
                    text.append("    ")
                    text.append(lapse.note + "\n", "italic")
        if agreement.reviews:
            text.append("\nReviews\n", "bold")
            for review in reversed(agreement.reviews):
                text.append(f"  {review.day}  {review.outcome.value}", "dim")
                text.append(f"  {review.note}\n" if review.note else "\n")
        detail.update(text)

    # --- changing ----------------------------------------------------------------------------

    def _save(self, agreement: Agreement, note: str | None = None) -> bool:
        try:
            self.store.save_agreement(agreement)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return False
        self.reload(select=agreement.id)
        if note:
            self.notify(note, markup=False)
        return True

    def _apply(self, change, note: str | None = None) -> None:  # type: ignore[no-untyped-def]
        from tui.core.agreements import IllegalTransition
        from tui.core.text import InvalidText

        agreement = self._selected()
        if agreement is None:
            return
        try:
            changed = change(agreement)
        except (IllegalTransition, InvalidText) as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return
        self._save(changed, note)

    def action_add(self) -> None:
        """Propose an agreement."""
        from tui.dialogs.agreement import AgreementDialog

        self.app.push_screen(
            AgreementDialog("Propose an agreement", partners=self.store.settings().partners),
            self._added,
        )

    def _added(self, draft: AgreementDraft | None) -> None:
        if draft is None:
            return
        from tui.core.agreements import propose

        agreement = propose(
            uuid.uuid4().hex,
            draft.wording,
            draft.proposed_by,
            self._today,
            draft.repair,
            draft.review_after_days,
        )
        self._save(agreement, "Proposed. It becomes active once you have both signed it (s).")

    def action_edit(self) -> None:
        """Reword the selected agreement; both sign again."""
        from tui.dialogs.agreement import AgreementDialog

        agreement = self._selected()
        if agreement is not None:
            self.app.push_screen(
                AgreementDialog("Reword the agreement", agreement.wording, rewording=True),
                self._reworded,
            )

    def _reworded(self, draft: AgreementDraft | None) -> None:
        if draft is not None:
            from tui.core.agreements import reword

            self._apply(
                lambda a: reword(a, draft.wording, self._today),
                "Reworded: the old wording is kept; please both sign again.",
            )

    def action_sign(self) -> None:
        """Sign the selected agreement (asks which partner)."""
        from tui.dialogs.agreement import PartnerDialog

        if self._selected() is not None:
            self.app.push_screen(
                PartnerDialog("Who is signing?", self.store.settings().partners), self._signed
            )

    def _signed(self, partner: str | None) -> None:
        if partner is not None:
            from tui.core.agreements import sign

            self._apply(lambda a: sign(a, partner))

    def action_lapse(self) -> None:
        """Log a lapse; its repair starts as a daily ritual for the partner who lapsed."""
        from tui.dialogs.agreement import LapseDialog

        if self._selected() is not None:
            self.app.push_screen(
                LapseDialog(self.store.settings().partners, self._today), self._lapsed
            )

    def _lapsed(self, draft: LapseDraft | None) -> None:
        from tui.core.agreements import IllegalTransition, log_lapse
        from tui.core.rituals import Cadence, Ritual, RitualKind, Who

        agreement = self._selected()
        if draft is None or agreement is None:
            return
        lapse_id = uuid.uuid4().hex
        try:
            changed = log_lapse(
                agreement, lapse_id, draft.partner, draft.day, self._today, draft.note
            )
        except IllegalTransition as refusal:
            self.notify(str(refusal), severity="warning", markup=False)
            return
        repair = changed.lapses[-1].repair
        ritual = Ritual(
            id=lapse_id,
            name=f"Repair: {repair.minutes_per_day} min of {repair.what}",
            cadence=Cadence.daily(),
            who=Who.EACH,
            position=10_000,
            created=draft.day.isoformat(),
            kind=RitualKind.REPAIR,
            only=draft.partner,
            ends=(draft.day + timedelta(days=repair.days - 1)).isoformat(),
        )
        try:
            self.store.save_lapse(changed, ritual)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return
        self.reload(select=changed.id)
        self.post_message(self.RepairStarted())
        self.notify("Lapse logged. The repair is in the Rituals pane until it ends.", markup=False)

    def action_review(self) -> None:
        """Record the joint review after a repair."""
        from tui.dialogs.agreement import ReviewDialog

        agreement = self._selected()
        if agreement is not None:
            self.app.push_screen(ReviewDialog(agreement.wording), self._reviewed)

    def _reviewed(self, draft: ReviewDraft | None) -> None:
        if draft is not None:
            from tui.core.agreements import record_review

            self._apply(
                lambda a: record_review(
                    a, self._today, draft.note, draft.outcome, draft.new_wording
                ),
                "Review recorded.",
            )

    def action_retire(self) -> None:
        """Retire the selected agreement; its history stays."""
        from tui.core.agreements import retire

        self._apply(retire, "Retired. u restores it.")

    def action_restore(self) -> None:
        """Restore a retired agreement."""
        from tui.core.agreements import restore

        self._apply(restore, "Restored.")

    def action_delete(self) -> None:
        """Delete an agreement nobody signed, after asking."""
        from tui.core.agreements import can_delete
        from tui.dialogs.confirm import ConfirmDialog

        agreement = self._selected()
        if agreement is None:
            return
        if not can_delete(agreement):
            self.notify(
                "Only an agreement nobody has signed can be deleted; retire it (x).",
                severity="warning",
                markup=False,
            )
            return
        self.app.push_screen(
            ConfirmDialog("Delete this proposal?", agreement.wording, yes="Delete", no="Keep"),
            lambda answer: self._deleted(agreement, answer),
        )

    def _deleted(self, agreement: Agreement, answer: bool | None) -> None:
        if not answer:
            return
        try:
            self.store.delete_agreement(agreement.id)
        except SaveFailed as problem:
            self.report_unsaved(problem, "Not deleted")
            return
        self.reload()

    # --- examples on first use -----------------------------------------------------------------

    def _offer_examples(self) -> None:
        from tui.core.agreements import STARTER_AGREEMENTS
        from tui.dialogs.confirm import ConfirmDialog

        listing = "\n".join(f"• {text}" for text in STARTER_AGREEMENTS)
        self.app.push_screen(
            ConfirmDialog(
                "Start from a few example agreements?",
                f"They are added as proposals you can sign, reword or delete:\n\n{listing}",
                yes="Add them",
                no="Start empty",
            ),
            self._examples_answered,
        )

    def _examples_answered(self, answer: bool | None) -> None:
        from tui.core.agreements import PROPOSED_TOGETHER, STARTER_AGREEMENTS, Repair, propose

        if answer is None:
            return
        agreements = (
            [
                propose(uuid.uuid4().hex, text, PROPOSED_TOGETHER, self._today, Repair(), 7)
                for text in STARTER_AGREEMENTS
            ]
            if answer
            else []
        )
        try:
            with self.store.batch():
                self.store.save_agreements(agreements)
                self.store.update_settings(starter_agreements_offered=True)
        except SaveFailed as problem:
            self.report_unsaved(problem)
            return
        self.reload()
