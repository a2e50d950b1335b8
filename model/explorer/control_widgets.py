"""One control as widgets: its label with the plan value, source and allowed values; the box or
list to change it; a reset button; and the message line where a refusal or a note appears.

Numbers are typed in a text box (not a number widget), so that whatever an officer types reaches
the case's own rules and a mistake is answered in words (``4.2m``: write 4200000) rather than
silently turned into something else. Months, years and sharing keys are chosen from lists.
"""
from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as widgets

from ..whatif.controls import RAMP_SPEEDS, Control, in_words, written

LABEL_WIDTH = "15em"
BOX_WIDTH = "11em"


class ControlRow:
    """The widgets of one control, wired to ``on_change(control, value)`` and ``on_reset(control)``."""

    def __init__(self, control: Control, value: object, on_change: Callable[[Control, object], None],
                 on_reset: Callable[[Control], None]):
        self.control = control
        self.quiet = False
        details = [f"plan: {in_words(control.kind, control.plan)}", f"allowed: {control.allowed}"]
        if control.risk_range is not None:
            low, high = control.risk_range
            details.append(f"risk range: {in_words(control.kind, low)} to {in_words(control.kind, high)}")
        if control.source:
            details.append(f"source: {control.source}")
        self.label = widgets.HTML(
            f"<b>{escape(control.label)}</b><br><span style='color:#505A5F;font-size:11px'>"
            f"{escape('; '.join(details))}</span>", layout=widgets.Layout(width="100%"))
        if control.choices:
            self.box = widgets.Dropdown(options=list(control.choices), value=_choice(control, value),
                                        layout=widgets.Layout(width=BOX_WIDTH))
        else:
            self.box = widgets.Text(value=written(value), continuous_update=False,
                                    layout=widgets.Layout(width=BOX_WIDTH))
        self.box.add_class("wi-control")
        self.box.add_class(control.css)
        self.speed = None
        if control.kind == "ramp":
            self.speed = widgets.Dropdown(options=[("speed...", None)] + [(k, v) for k, v in RAMP_SPEEDS.items()],
                                          value=None, layout=widgets.Layout(width="9em"))
            self.speed.observe(self._speed, names="value")
        self.reset = widgets.Button(description="Reset", tooltip=f"back to the plan: {control.plan_in_words()}",
                                    layout=widgets.Layout(width="5em"))
        self.reset.on_click(lambda _: on_reset(self.control))
        self.message = widgets.HTML("")
        self.message.add_class("wi-message")
        self.on_change = on_change
        self.box.observe(self._changed, names="value")
        parts = [self.box] + ([self.speed] if self.speed is not None else []) + [self.reset]
        self.widget = widgets.VBox([self.label, widgets.HBox(parts), self.message],
                                   layout=widgets.Layout(margin="0 0 8px 0"))

    def _changed(self, change) -> None:
        if self.quiet:
            return
        value = change["new"]
        if self.control.kind == "ramp" and isinstance(value, str) and not value.strip().startswith("["):
            value = f"[{value}]"
        self.on_change(self.control, value)

    def _speed(self, change) -> None:
        if change["new"] is not None:
            self.box.value = written(change["new"])   # fires _changed
            self.speed.value = None

    def show(self, value: object, message: str = "", refused: bool = False) -> None:
        """Show ``value`` in the box without firing a change, and the message under it."""
        self.quiet = True
        try:
            if self.control.choices:
                self.box.value = _choice(self.control, value)
            else:
                self.box.value = written(value)
        finally:
            self.quiet = False
        self.note(message, refused)

    def note(self, message: str, refused: bool = False) -> None:
        colour = "#D4351C" if refused else "#505A5F"
        weight = "bold" if refused else "normal"
        self.message.value = (f"<span style='color:{colour};font-weight:{weight};font-size:11px'>"
                              f"{escape(message)}</span>" if message else "")


def _choice(control: Control, value: object) -> object:
    values = [v for _, v in control.choices]
    return value if value in values else values[0]
