"""One count of wins, every view: a set of requests stated once, and which of them came true,
read the same in the Requests pane, the check-in's wins step, its summary, past weeks and the
report (Markdown and JSON). A request agreed with an alternative is shown by what was agreed,
with what was first asked still there.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tui.clock import FixedClock
from tui.core.agreements import Agreement, Repair, propose, sign
from tui.core.report import Period, render_json, render_markdown
from tui.core.requests import Request, StepKind, add_step, new_request
from tui.core.rituals import Cadence, Mark, Ritual, Who
from tui.dialogs.past_meetings import PastMeetingsDialog
from tui.exports import gather_report
from tui.panes.requests import RequestsPane
from tui.store import Store
from tui.widgets.request_list import RequestList

from ..conftest import Launcher
from .helpers import pane_key, screen_text, widget_text
from .test_agenda import save_last_weeks_checkin, settle, start_meeting, step_line

CAME_TRUE = {
    "kept": ("Call me at lunch on Wednesdays", "kept"),
    "alternative": ("Phones away at dinner on weekdays", "kept"),
    "ritual-done": ("A walk after dinner", "done as a ritual"),
    "agreement-signed": ("No phones in the bedroom", "signed as an agreement"),
}
"""The requests that came true since last week's check-in: what was agreed, and how."""
NOT_YET = {
    "ritual-not-done": "Read to each other at night",
    "agreement-unsigned": "Ask before making plans for us both",
    "open": "Plan a day out together this month",
}
"""Agreed but not done or signed yet, or not answered: no win, in any view."""
FIRST_ASKED = "Phones in the drawer every evening"
"""What "alternative" asked for before the alternative was agreed."""
COUNTED = "4 requests came true (2 kept, 1 done as a ritual, 1 signed as an agreement)"


def agreed(request_id: str, ask: str, day: date) -> Request:
    asked = new_request(request_id, asker="a", need="to feel close", ask=ask, day=day)
    return add_step(asked, StepKind.DOABLE, "b", day)


def write_the_requests(store: Store, today: date) -> None:
    """The requests of `CAME_TRUE` and `NOT_YET`, with the rituals and agreements they became
    and the ticks since, all in the week since last week's check-in."""
    day = today - timedelta(days=5)
    kept = add_step(agreed("kept", CAME_TRUE["kept"][0], day), StepKind.KEPT, "b", day)
    asked = new_request("alternative", asker="a", need="attention", ask=FIRST_ASKED, day=day)
    offered = add_step(
        add_step(asked, StepKind.NOT_AS_ASKED, "b", day),
        StepKind.ALTERNATIVE,
        "b",
        day,
        text=CAME_TRUE["alternative"][0],
    )
    alternative = add_step(
        add_step(offered, StepKind.ACCEPTED, "a", day), StepKind.KEPT, "b", today
    )
    rituals, requests = [], [kept, alternative]
    for number, request_id in enumerate(("ritual-done", "ritual-not-done")):
        what = CAME_TRUE.get(request_id, ("", ""))[0] or NOT_YET[request_id]
        ritual = Ritual(request_id, what, Cadence.daily(), Who.TOGETHER, number, day.isoformat())
        rituals.append(ritual)
        requests.append(
            add_step(agreed(request_id, what, day), StepKind.RITUAL, "a", day, linked_id=ritual.id)
        )
    agreements: list[Agreement] = []
    for request_id, signers in (("agreement-signed", "ab"), ("agreement-unsigned", "a")):
        what = CAME_TRUE.get(request_id, ("", ""))[0] or NOT_YET[request_id]
        agreement = propose(request_id, what, "a", day, Repair(), 7)
        for partner in signers:
            agreement = sign(agreement, partner)
        agreements.append(agreement)
        made = add_step(
            agreed(request_id, what, day), StepKind.AGREEMENT, "a", day, linked_id=request_id
        )
        requests.append(made)
    requests.append(new_request("open", asker="b", need="fun", ask=NOT_YET["open"], day=day))
    store.save_rituals(rituals)
    store.set_mark((today - timedelta(days=2)).isoformat(), "ritual-done", "together", Mark.DONE)
    store.save_agreements(agreements)
    for request in requests:
        store.save_request(request)


def flat(text: str) -> str:
    return " ".join(text.split())


def text_within(app, selector: str) -> str:
    """What the screen shows inside one widget, line by line, as a person would read it."""
    region = app.screen.query_one(selector).content_region
    lines = screen_text(app).split("\n")[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def assert_names_the_wins(text: str, with_how: bool = True) -> None:
    for what, how in CAME_TRUE.values():
        assert what in text, what
        assert not with_how or f"{what} ({how})" in text, (what, how)
    for what in (*NOT_YET.values(), FIRST_ASKED):
        assert what not in text, what


async def test_the_requests_that_came_true_are_counted_one_way_in_every_view(
    set_up_path: Path, clock: FixedClock, launch: Launcher
) -> None:
    today = clock.now().date()
    save_last_weeks_checkin(set_up_path, clock, (3, 4))
    with Store.open(set_up_path, clock) as store:
        write_the_requests(store, today)
    app = launch(set_up_path)
    async with app.run_test(size=(160, 50)) as pilot:
        # The Requests pane: this month's wins; a request agreed with an alternative is listed
        # and headed by what was agreed, what was first asked beneath it.
        await pilot.pause()
        await pilot.press(pane_key(RequestsPane))
        await settle(pilot)
        wins_line = flat(widget_text(app, "#request-wins"))
        assert wins_line.startswith(f"Wins this month: {len(CAME_TRUE)}. Latest: ")
        assert not any(what in wins_line for what in (*NOT_YET.values(), FIRST_ASKED))
        await pilot.press("v")  # the closed ones too
        await settle(pilot)
        listing = app.screen.query_one(RequestList)
        lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        (line,) = [line for line in lines if CAME_TRUE["alternative"][0] in line]
        assert FIRST_ASKED not in " ".join(lines)
        for _ in range(lines.index(line)):
            await pilot.press("down")
        detail = widget_text(app, "#request-detail")
        assert detail.startswith(CAME_TRUE["alternative"][0])
        assert f"First asked: {FIRST_ASKED}" in detail

        # The check-in: the wins step names each, then the summary and past weeks count them.
        await pilot.press(pane_key(type(app.screen.query_one("CheckinPane"))))
        await start_meeting(app, pilot)
        await pilot.press("enter")
        assert step_line(app).startswith("Step 2 of 6 · Wins and moments")
        assert_names_the_wins(flat(screen_text(app)))
        await pilot.press("enter", *"ssss")  # past the talk, requests, ratings, looking ahead
        await settle(pilot)
        summary = flat(screen_text(app))
        assert "Check-in finished" in summary
        assert f"{COUNTED[0].upper()}{COUNTED[1:]}; 0 ritual streaks running" in summary
        assert summary.count("came true") == 1, "said once, by the wins step's line"
        await pilot.press("space", "p")  # to the plan, then the past weeks
        await settle(pilot)
        assert isinstance(app.screen, PastMeetingsDialog)
        past = flat(text_within(app, "#past-summary"))
        assert f"{COUNTED[0].upper()}{COUNTED[1:]}; 0 ritual streaks running" in past

    # The report: the same wins, each by what was agreed and how it came true.
    with Store.peek(set_up_path, clock) as store:
        period = Period(today - timedelta(days=30), today)
        report = gather_report(store, period, clock.now(), True)
    markdown = render_markdown(report)
    wins_part = markdown[markdown.index("Wins: ") :].split("\n\n")[0]
    assert wins_part.startswith(f"Wins: {len(CAME_TRUE)}.")
    assert_names_the_wins(wins_part)
    assert f"**{CAME_TRUE['alternative'][0]}** (kept)" in markdown
    assert f"  - First asked: {FIRST_ASKED}" in markdown
    document = json.loads(render_json(report))
    assert {win["request_id"]: (win["what"], win["how"]) for win in document["wins"]} == CAME_TRUE
    (entry,) = [r for r in document["requests"] if r["id"] == "alternative"]
    assert (entry["ask"], entry["agreed"]) == (FIRST_ASKED, CAME_TRUE["alternative"][0])
