"""The report as Markdown for people: what it contains first, then each part in turn.

Drawn from the gathered `Report` alone. In the shareable summary the couple's own words are
empty (see `tui.core.own_words`): a line that holds only their words is left out, and a name
they gave (a ritual's, an agreement's wording, a request) is told by what it is instead.
"""

from __future__ import annotations

from datetime import date, datetime

from tui.core.checkins import format_duration
from tui.core.report.model import Rated, Report

CHART_WIDTH = 20


def render_markdown(report: Report) -> str:
    """The report as Markdown for people: what it contains first, then each part in turn."""
    names = report.couple
    lines = [
        f"# Attune report: {names['a']} & {names['b']}",
        "",
        f"{_long_day(report.period.first)} to {_long_day(report.period.last)}.",
        "",
        _what_it_contains(report),
        "",
    ]
    for part in (
        _markdown_progress,
        _markdown_checkins,
        _markdown_rituals,
        _markdown_agreements,
        _markdown_moments,
        _markdown_requests,
        _markdown_therapy,
    ):
        lines.extend(part(report))
        lines.append("")
    lines.append(f"Written by Attune on {report.generated:%Y-%m-%d at %H:%M} ({report.time_zone}).")
    return "\n".join(lines) + "\n"


def _what_it_contains(report: Report) -> str:
    parts = ", ".join(report.contains[:-1]) + f" and {report.contains[-1]}"
    if report.notes_included:
        privacy = (
            "It includes everything you wrote in your own words: share it only with people "
            "you both trust, such as your therapist."
        )
    else:
        privacy = (
            "Everything you wrote in your own words is left out (notes, what happened and "
            "what helped, requests and hopes, the names you gave rituals and practice, the "
            "wording of agreements, tags): a summary to share."
        )
    return f"This report holds your {parts} for the period. {privacy}"


def minute_words(at: datetime) -> str:
    """ "2026-11-22 19:05": the text of strftime's "%Y-%m-%d %H:%M", written for every moment
    of years of them at a third of its cost (and without asking the zone for an offset).
    strftime writes a year before 1000 without its leading zeros, which `isoformat` keeps:
    such a year is left to strftime."""
    if at.year < 1000:
        return f"{at:%Y-%m-%d %H:%M}"
    return f"{at.date().isoformat()} {at.hour:02}:{at.minute:02}"


def _long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _name(report: Report, who: str) -> str:
    if who == "together":
        return "together"
    if who == "both":
        return "both of you"
    return report.couple.get(who, who)


def _cell(text: str) -> str:
    """Text for a table cell: one line, its pipes kept as text."""
    return " ".join(text.split()).replace("|", "\\|")


def _words(text: str, stand_in: str) -> str:
    """The couple's `text` for a table cell or a heading, or what it is when it is left out."""
    return _cell(text) if text else stand_in


def _quote(text: str) -> list[str]:
    if not text:
        return []
    return [f"  > {line}" if line else "  >" for line in text.splitlines()]


def _rated_words(rated: Rated | None) -> str:
    return "–" if rated is None else f"{rated.score} ({rated.label})"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def _markdown_progress(report: Report) -> list[str]:
    """The Progress view's sentences, each on its line: the period at a glance."""
    said = report.progress.sentences
    return [
        "## Progress at a glance",
        "",
        *(
            f"- {sentence}"
            for sentence in (
                said.connection,
                said.talk,
                said.rituals,
                said.moments,
                said.requests,
                said.agreements,
                said.therapy,
            )
        ),
    ]


def _markdown_checkins(report: Report) -> list[str]:
    a, b = report.couple["a"], report.couple["b"]
    lines = ["## Weekly check-ins", ""]
    if not report.checkin_weeks:
        return [*lines, "No check-ins in this period."]
    held = len(report.checkins)
    stuck = sum(1 for entry in report.checkins if entry.stuck)
    lines += [
        f"{held} check-in{'s' if held != 1 else ''} held; {stuck} flagged “we got stuck”.",
        "",
        f"| Week of | Talk share {_cell(a)} / {_cell(b)} | Overtime {_cell(a)} / {_cell(b)} "
        f"| Felt connected {_cell(a)} | Felt connected {_cell(b)} | Stuck |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for week in report.checkin_weeks:
        share_b = None if week.talk_share_a is None else 1 - week.talk_share_a
        overtime = " / ".join(format_duration(week.overtime_ms[p]) for p in ("a", "b"))
        lines.append(
            f"| {week.week_of.isoformat()} | {_percent(week.talk_share_a)} / {_percent(share_b)} "
            f"| {overtime} "
            f"| {_rated_words(week.ratings['a'])} | {_rated_words(week.ratings['b'])} "
            f"| {'stuck' if week.stuck else 'no'} |"
        )
    lines += ["", "Talk share and how connected each of you felt, week by week:", "", "```"]
    width = max(len(a), len(b))
    for week in report.checkin_weeks:
        lines.append(f"{week.week_of.isoformat()}  {_share_bar(week.talk_share_a)}")
        for partner, name in (("a", a), ("b", b)):
            rated = week.ratings[partner]
            bar = "–" if rated is None else "●" * rated.score + "○" * (5 - rated.score)
            lines.append(f"    {name:<{width}}  {bar}")
    lines += ["```", f"(█ {a} talking, ░ {b} talking; ● felt connected, out of 5)"]
    return lines + _markdown_checkin_words(report)


def _markdown_checkin_words(report: Report) -> list[str]:
    """What each partner wrote at the check-ins: the note beside a rating, appreciations and
    the wish for the week ahead."""
    lines = []
    names = {partner: _name(report, partner) for partner in ("a", "b")}
    for entry in report.checkins:
        day = entry.day.isoformat()  # once for the check-in, not for each thing written
        for partner, name in names.items():
            note = entry.notes.get(partner, "")
            if note:
                lines.append(f"- {day}, {name}:")
                lines += _quote(note)
            for appreciation in entry.appreciations.get(partner, []):
                lines.append(f"- {day}, {name} appreciated:")
                lines += _quote(appreciation)
            wish = entry.wishes.get(partner, "")
            if wish:
                lines.append(f"- {day}, {name}'s wish for the week:")
                lines += _quote(wish)
    return ["", "Notes:", *lines] if lines else []


def _share_bar(share_a: float | None) -> str:
    if share_a is None:
        return "(no talk time recorded)"
    filled = round(share_a * CHART_WIDTH)
    return f"{'█' * filled}{'░' * (CHART_WIDTH - filled)}  {_percent(share_a)}"


def _markdown_rituals(report: Report) -> list[str]:
    lines = ["## Rituals", ""]
    if not report.rituals:
        return [*lines, "No rituals in this period."]
    lines += [
        "| Ritual | Who | How often | Done | Completion | Streak at the end (best) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    # A ritual each of you does has a row each: its number is the ritual's, not the row's.
    numbers = {
        ritual_id: n for n, ritual_id in enumerate(dict.fromkeys(r.id for r in report.rituals), 1)
    }
    for entry in report.rituals:
        unit = entry.streak_unit if entry.streak != 1 else entry.streak_unit[:-1]
        name = _words(entry.name, f"Ritual {numbers[entry.id]}")
        lines.append(
            f"| {name} | {_cell(_name(report, entry.person))} | {entry.cadence} "
            f"| {entry.done} | {_percent(entry.completion)} "
            f"| {entry.streak} {unit} ({entry.best_streak}) |"
        )
    return lines


def _markdown_agreements(report: Report) -> list[str]:
    lines = ["## Agreements", ""]
    if not report.agreements:
        return [*lines, "No agreements in this period."]
    active = sum(1 for entry in report.agreements if entry.status == "active")
    lapses = sum(len(entry.lapses) for entry in report.agreements)
    reviews = sum(len(entry.reviews) for entry in report.agreements)
    lines += [
        f"{active} active at the end of the period; {lapses} lapse{'s' if lapses != 1 else ''} "
        f"and {reviews} review{'s' if reviews != 1 else ''} in it.",
        "",
    ]
    for number, entry in enumerate(report.agreements, start=1):
        repair = entry.repair
        lines.append(f"- **{_words(entry.wording, f'Agreement {number}')}** ({entry.status})")
        repair_words = f"of {_cell(repair.what)} " if repair.what else ""
        lines.append(
            f"  - After a lapse: {repair.minutes_per_day} min {repair_words}daily for "
            f"{repair.days} days"
        )
        for lapse in entry.lapses:
            lines.append(
                f"  - Lapse on {lapse.day.isoformat()} ({_name(report, lapse.partner)}): repair "
                f"kept {lapse.repair_days_done} of {lapse.repair_days} days"
            )
            lines += ["  " + line for line in _quote(lapse.note)]
        for review in entry.reviews:
            lines.append(f"  - Review on {review.day.isoformat()}: {review.outcome}")
            lines += ["  " + line for line in _quote(review.note)]
    return lines


def _markdown_moments(report: Report) -> list[str]:
    summary = report.moments
    lines = ["## Moments", ""]
    if not summary.moments:
        return [*lines, "No moments logged in this period."]
    counts = ", ".join(f"{count} of {kind}" for kind, count in summary.counts.items())
    lines += [f"Logged: {counts}."]
    for kind, tags in summary.top_tags.items():
        if tags:
            lines.append(f"Most common with {kind}: {', '.join(tags)}.")
    lines.append("")
    for entry in summary.moments:
        strength = f", felt {entry.strength.label}" if entry.strength else ""
        tags = f" [{', '.join(entry.tags)}]" if entry.tags else ""
        heading = f"- {minute_words(entry.at)}, {entry.kind}, "
        lines.append(f"{heading}{_name(report, entry.who)}{strength}{tags}")
        helped = entry.helped
        if entry.helped_tags:
            helped = " ".join((helped, *(f"[{tag}]" for tag in entry.helped_tags))).strip()
        for label, text in (
            ("What happened", entry.what_happened),
            ("What led to it", entry.triggers),
            ("What helped", helped),
        ):
            if text:
                lines.append(f"  - {label}: {_cell(text)}")
    return lines


def _markdown_requests(report: Report) -> list[str]:
    lines = ["## Requests", ""]
    if not report.requests:
        return [*lines, "No requests in this period."]
    for entry in report.requests:
        lines.append(
            f"- {entry.created.isoformat()}, {_name(report, entry.asker)} asked "
            f"{_name(report, entry.asked)}: **{_words(entry.headline, 'a request')}** "
            f"({entry.status})"
        )
        if entry.headline != entry.ask:
            lines.append(f"  - First asked: {_cell(entry.ask)}")
        if entry.need:
            lines.append(f"  - The need: {_cell(entry.need)}")
        if entry.hurt:
            lines.append(f"  - The hurt: {_cell(entry.hurt)}")
        for step in entry.steps:
            text = f": {_cell(step.text)}" if step.text else ""
            lines.append(f"  - {step.day.isoformat()}, {_name(report, step.by)}: {step.kind}{text}")
    if report.wins:
        lines += ["", f"Wins: {len(report.wins)}."]
        lines += [
            f"- {win.day.isoformat()}: {_words(win.what, 'a request')} ({win.how})"
            for win in report.wins
        ]
    return lines


def _markdown_therapy(report: Report) -> list[str]:
    therapy = report.therapy
    plan = therapy.plan
    lines = ["## Therapy", ""]
    for partner in ("a", "b"):
        hopes = plan.hopes.get(partner, [])
        if hopes:
            lines.append(f"{_name(report, partner)} hopes:")
            lines += [f"- {_cell(hope)}" for hope in hopes]
            lines.append("")
    details = [
        ("Therapist", plan.therapist),
        ("Approach", plan.approach),
        ("Contact", plan.contact),
        (
            "Sessions",
            f"every {plan.session_every_weeks} week{'s' if plan.session_every_weeks != 1 else ''}"
            if plan.session_every_weeks
            else "",
        ),
        ("Next session", f"{plan.next_session:%Y-%m-%d %H:%M}" if plan.next_session else ""),
    ]
    lines += [f"- {label}: {_cell(value)}" for label, value in details if value]
    lines += ["", "### Sessions", ""]
    if therapy.sessions:
        for session in therapy.sessions:
            lines.append(f"- {session.day.isoformat()}")
            lines += _quote(session.takeaways)
    else:
        lines.append("No sessions in this period.")
    return lines + _markdown_practice(report)


def _markdown_practice(report: Report) -> list[str]:
    therapy = report.therapy
    lines = ["", "### Practice between sessions", ""]
    if not therapy.assignments:
        lines.append("No practice in this period.")
    for assignment in therapy.assignments:
        until = f", until {assignment.until.isoformat()}" if assignment.until else ""
        tries = len(assignment.attempts)
        lines.append(
            f"- **{_words(assignment.what, 'Practice')}** ({_name(report, assignment.who)}, given "
            f"{assignment.given.isoformat()}{until}): {tries} attempt{'s' if tries != 1 else ''}"
        )
        for attempt in assignment.attempts:
            lines.append(
                f"  - {attempt.day.isoformat()}: went {attempt.how_it_went.score} of 5 "
                f"({attempt.how_it_went.label})"
            )
            if attempt.worked:
                lines.append(f"    - What worked: {_cell(attempt.worked)}")
            if attempt.adjust:
                lines.append(f"    - What to adjust: {_cell(attempt.adjust)}")
    lines += ["", "### To raise at the next session", ""]
    if therapy.stuck_to_raise:
        lines += [
            f"- The check-in of {_long_day(day)}: we got stuck." for day in therapy.stuck_to_raise
        ]
    else:
        lines.append("No check-in since the last session was flagged “we got stuck”.")
    return lines
