"""Short prompts shown during a check-in, in Attune's own words.

They rotate every half minute so the speaker has something to lean on and the listener a gentle
reminder of their job. `{speaker}` and `{listener}` are filled with the partners' names.
"""

from __future__ import annotations

ROTATION_MS = 30_000

FOR_THE_SPEAKER = (
    "How did this week feel to you? A word or two is enough to begin.",
    "Describe one moment this week when you felt close.",
    "Was there a moment you felt alone or unseen? Describe it without judging it.",
    "What would help you next week? Try to phrase it as a request.",
    "Is there a disappointment you have not said out loud yet?",
    "Begin with “I felt…” rather than “You always…”.",
    "Which small act of care from your partner did you notice?",
    "Stay with this week; old grievances can wait for another time.",
)

FOR_THE_LISTENER = (
    "Listen to understand, not to reply: you will say back what you heard.",
    "No interrupting and no correcting. Your turn will come.",
    "Notice the feeling underneath the words.",
    "If you feel defensive, breathe out slowly and keep listening.",
    "You do not have to agree in order to understand.",
)

FOR_THE_REFLECT_BACK = (
    "{listener}, say back in your own words what you heard {speaker} say and feel.",
    "{listener}, name the feeling you heard, not only the facts.",
    "{listener}, check: “Did I get that right?”",
)

WHILE_COOLING_OFF = (
    "Step away from the topic for a while: a walk, a glass of water, slow breaths.",
    "Nobody has to win this. You are on the same side.",
    "When you come back, start from what you both heard so far.",
)


def rotating(prompts: tuple[str, ...], elapsed_ms: int) -> str:
    """The prompt for this half minute, cycling through `prompts`."""
    return prompts[(max(0, elapsed_ms) // ROTATION_MS) % len(prompts)]
