"""The command registry: every key of Attune declared once, and everything that shows one.

Each command is declared with `key` and nowhere else: its id (`area.name`), its keys, its
action, a `description` (the footer's one or two words), a `tooltip` (a short phrase starting
with a verb: "Add a ritual"), whether the footer shows it and the key to show. `key` records
it in `COMMANDS` and hands back the `Binding` the owning pane, screen, dialog or widget lists
in its `BINDINGS`; a test fails on any binding that did not come from here. A hint line, a
help table or a palette command is built from those bindings, so renaming a key changes every
place at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.content import Content

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.widget import Widget
    from textual.widgets import Static


def bindings_of(owner: type[DOMNode] | DOMNode) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits), in order."""
    cls = owner if isinstance(owner, type) else type(owner)
    return [binding for binding in cls.__dict__.get("BINDINGS", []) if isinstance(binding, Binding)]


def is_enabled(node: DOMNode, binding: Binding) -> bool:
    """True when `node` would run the binding's action now (its `check_action` says so)."""
    _destination, name, parameters = parse(binding.action)
    return bool(node.check_action(name, parameters))


def key_label(app: App, binding: Binding) -> str:
    """The key as the footer shows it: `key_display`, else Textual's name for the first key."""
    first_key = binding.key.split(",")[0].strip()
    return binding.key_display or app.get_key_display(Binding(first_key, binding.action))


def key_of(node: DOMNode, action: str) -> str:
    """The key of one of `node`'s own actions, as the footer shows it, for a notice."""
    binding = next(binding for binding in bindings_of(node) if binding.action == action)
    return key_label(node.app, binding)


def help_rows(app: App, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """(key, what it does) for the help tables; every key of a binding, as typed."""
    rows = []
    for binding in bindings:
        keys = [app.get_key_display(Binding(key, binding.action)) for key in binding.key.split(",")]
        if binding.key_display and binding.key_display not in keys:
            keys = [binding.key_display, *keys]
        rows.append((" or ".join(dict.fromkeys(keys)), binding.tooltip or binding.description))
    return rows


def hint_line(node: DOMNode, bindings: Iterable[Binding] | None = None) -> str:
    """ "key what · key what" for the keys of `node` that work now, for a pane's hint line."""
    app = node.app
    chosen = bindings_of(node) if bindings is None else list(bindings)
    return " · ".join(
        f"{key_label(app, binding)} {binding.description.lower()}"
        for binding in chosen
        if is_enabled(node, binding)
    )


def show_hint_line(node: Widget, hint: Static) -> None:
    """Tell the footer, the palette and the `hint` line which keys of `node` work now."""
    node.refresh_bindings()
    line = hint_line(node)
    if hint.content != line:  # the same keys: no need to lay the screen out again
        hint.update(Content(line))


def palette_commands(node: DOMNode, area: str) -> Iterable[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for every action of `node` that works now: "Rituals: add a
    ritual", its key as the help. The callback runs the action on `node`, as the key would."""
    app = node.app
    for binding in bindings_of(node):
        if not binding.tooltip or not is_enabled(node, binding):
            continue
        phrase = binding.tooltip[0].lower() + binding.tooltip[1:]
        yield (
            f"{area}: {phrase}",
            f"Key {key_label(app, binding)}",
            lambda action=binding.action: node.run_action(action),
        )


def pane_bindings(pane: DOMNode) -> list[Binding]:
    """The keys of a pane and of Attune's own widgets inside it (a grid's arrows, a plan's
    arrows), each widget class once, for the help."""
    bindings = bindings_of(pane)
    seen: set[type] = {type(pane)}
    for widget in pane.query("*"):
        cls = type(widget)
        if cls in seen or not cls.__module__.startswith("tui."):
            continue
        seen.add(cls)
        bindings += bindings_of(cls)
    return bindings


COMMANDS: dict[str, Binding] = {}
"""Every command declared with `key`, by id: the one registry of Attune's keys."""


class TwoCommandsOneId(ValueError):
    """Two different commands were declared under one id: every id names one command."""


def key(
    area: str,
    keys: str,
    action: str,
    description: str,
    tooltip: str,
    *,
    name: str | None = None,
    footer: bool = False,
    key_display: str | None = None,
    priority: bool = False,
    group: Binding.Group | None = None,
) -> Binding:
    """Declare a command and return its binding, with everything the footer, help and palette
    need. Its id is "<area>.<name>", the name made from the description unless given
    ("rituals.skip_day"). In the footer only with `footer`; `priority` keys work even while a
    field has the focus."""
    name = name or re.sub(r"\W+", "_", description.lower()).strip("_")
    command_id = f"{area}.{name}"
    binding = Binding(
        keys,
        action,
        description,
        show=footer,
        key_display=key_display,
        priority=priority,
        tooltip=tooltip,
        id=command_id,
        group=group,
    )
    declared = COMMANDS.setdefault(command_id, binding)
    if declared != binding:
        raise TwoCommandsOneId(f"{command_id} is declared twice, differently")
    return declared


def key_again(
    declared: Binding,
    keys: str,
    action: str,
    *,
    footer: bool = False,
    key_display: str | None = None,
) -> Binding:
    """A command declared elsewhere, offered here too, perhaps on other keys (a screen with
    text fields needs a ctrl key where a pane takes a letter): its id and words stay the
    declared command's, so the footer, help and palette call it the same everywhere."""
    return Binding(
        keys,
        action,
        declared.description,
        show=footer,
        key_display=key_display,
        tooltip=declared.tooltip,
        id=declared.id,
    )
