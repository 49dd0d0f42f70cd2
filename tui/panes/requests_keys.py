"""The keys of the Requests pane: asking, each step of the thread, and the list.

A key that adds a step is live only when that step is open to someone for the request
selected (the pane's `check_action` asks `tui.core.requests.answer_taker`), and the footer,
the hint line and the palette show only those.
"""

from __future__ import annotations

from functools import partial

from tui.core.requests import StepKind
from tui.keys import key

_key = partial(key, "requests")

REQUESTS_BINDINGS = [
    _key("a", "add", "Ask", "Turn a hurt into a request", footer=True),
    _key("r", "answer", "Answer", "Answer: doable, not as asked, or let me think", footer=True),
    _key("o", "alternative", "Alternative", "Offer an alternative for the same need", footer=True),
    _key("y", "confirm('accepted')", "Accept", "Accept the alternative on the table", footer=True),
    _key("k", "confirm('kept')", "Kept", "Mark an agreed one-off request as kept", footer=True),
    _key("t", "ritual", "Make ritual", "Turn the agreed request into a ritual to tick"),
    _key("p", "agreement", "Propose agreement", "Turn the agreed request into an agreement"),
    _key("w", "confirm('withdrawn')", "Withdraw", "Withdraw the request (its thread stays)"),
    _key("delete", "delete", "Delete", "Delete a request nobody has answered yet"),
    _key("v", "toggle_closed", "Show closed", "Show or hide kept and withdrawn requests"),
]

STEP_OF_ACTION = {
    "answer": StepKind.DOABLE,
    "alternative": StepKind.ALTERNATIVE,
    "ritual": StepKind.RITUAL,
    "agreement": StepKind.AGREEMENT,
}
"""The actions that add a step to the selected request (`confirm` names its own): each is
offered only when it applies ("answer" stands for any of the three answers)."""
CONFIRMATIONS = {
    StepKind.ACCEPTED: ("Accept this alternative?", "Accept", "Agreed."),
    StepKind.KEPT: ("Was this kept?", "Kept", "Kept: one more win."),
    StepKind.WITHDRAWN: ("Withdraw this request?", "Withdraw", "Withdrawn."),
}
"""Steps that can't be taken back are asked about first: the question, its yes, the notice."""
