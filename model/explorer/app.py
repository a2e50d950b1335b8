"""The explorer: change an assumption and see the gap, payback and summary move at once.

``Explorer(case, council)`` reads the case once (:class:`model.whatif.session.WhatIf`) and shows,
for one council: the controls, grouped by case, council and initiative; the gap-against-savings
and cumulative net benefit charts of one scenario, plan and what-if; and the summary table of
every scenario. A change is checked by the case's own rules; if they refuse it, the message
appears under the control and the last valid results stay on screen. Nothing is written to the
case folder, except by *Save as a new case version*.

Everything a change does runs in :meth:`Explorer.apply` (the callbacks call it), so a test or a
benchmark drives exactly what a click does.
"""
from __future__ import annotations

import time
from html import escape as _esc
from pathlib import Path

import ipywidgets as widgets

from ..case import names
from ..charts.style import prices_note
from ..charts.whatif import PlanWhatIfChart, image_html
from ..results import lineage
from ..results.outcomes import focus
from ..risk.monte_carlo import run_risk
from ..rules.errors import CaseError, Problem
from ..whatif.controls import Control, beyond_risk_range, controls
from ..whatif.session import WhatIf, short
from ..whatif.versions import save_version
from ..words import explorer as words
from .control_widgets import ControlRow
from .summary import table

QUICK_DRAWS = 2_000
SEED = 1


class Explorer:
    def __init__(self, case: str | Path, council: str = "", scenario: str = ""):
        self.session = WhatIf(case)
        plan_case = self.session.plan_case
        self.council = council or plan_case.council_ids[0]
        if self.council not in plan_case.council_ids:
            raise CaseError([Problem("explorer", "council", "is not a council of the case; choose one of "
                                     + ", ".join(plan_case.council_ids), value=self.council)])
        # the scenarios the council's pages show: not one that replaces it by a successor council
        ids = lineage.scenario_ids(self.session.plan, self.council)
        if scenario and scenario not in ids:
            known = [s.id for s in plan_case.scenarios]
            why = (f"replaces council {self.council!r} by a successor council, which the explorer does not show; "
                   if scenario in known else "is not a scenario of the case; ")
            raise CaseError([Problem("explorer", "scenario", why + "choose one of " + ", ".join(ids), value=scenario)])
        if not ids:
            raise CaseError([Problem("explorer", "council", "is replaced by a successor council in every scenario, "
                                     "which the explorer does not show", value=self.council)])
        self.scenario_ids = ids
        self.scenario = scenario or focus(self.session.plan, self.council)[0]
        self.adjusted = False
        self.ranges = False
        self.last_ms = 0.0
        self.on_saved = None      # called with a saved version's folder (the workspace lists it)
        self.controls = controls(self.session, self.council)
        self.rows: dict[str, ControlRow] = {}
        self._build()
        self.refresh()

    # -------------------------------------------------------------------------------- layout

    def _build(self) -> None:
        case = self.session.plan_case
        self.heading = widgets.HTML(f"<h3 style='margin:0'>{_esc(case.case.title)}: "
                                    f"{_esc(names.council_name(case, self.council, short=False))}</h3>")
        self.changed = widgets.HTML("")
        self.changed.add_class("wi-changed")
        self.status = widgets.HTML("")
        self.status.add_class("wi-status")
        groups: dict[str, list[widgets.Widget]] = {}
        for control in self.controls:
            row = ControlRow(control, self.session.value(control.path), self._on_change, self._on_reset)
            self.rows[control.path] = row
            groups.setdefault(control.group, []).append(row.widget)
        self.accordion = widgets.Accordion(children=[widgets.VBox(children) for children in groups.values()])
        for n, title in enumerate(groups):
            self.accordion.set_title(n, title)
        ids = self.scenario_ids
        self.scenario_box = widgets.Dropdown(options=[(names.scenario_name(case, s), s) for s in ids],
                                             value=self.scenario, description="Charts for")
        self.scenario_box.add_class("wi-scenario")
        self.scenario_box.observe(lambda c: self.choose(scenario=c["new"]), names="value")
        self.bias_box = widgets.Checkbox(value=False, description="Apply optimism bias (Green Book)", indent=False)
        self.bias_box.observe(lambda c: self.choose(adjusted=c["new"]), names="value")
        self.ranges_box = widgets.Dropdown(options=[("off", False), (f"P10, P50, P90 ({QUICK_DRAWS:,} draws)", True)],
                                           value=False, description="Ranges")
        self.ranges_box.observe(lambda c: self.choose(ranges=c["new"]), names="value")
        reset_all = widgets.Button(description="Reset all", tooltip="every value back to the plan")
        reset_all.on_click(lambda _: self.reset())
        years = case.year_labels
        source = (f"Source: {case.case.title}, council joint working model (explorer: plan and what-if); "
                  f"{prices_note(case.case)}")
        self.gap_chart = PlanWhatIfChart(years, "Budget gap", source, "Recurring savings against the budget gap, "
                                         "a year")
        self.cumulative_chart = PlanWhatIfChart(years, None, source, "Cumulative net benefit")
        self.gap_image = widgets.HTML()
        self.gap_image.add_class("wi-gap-chart")
        self.cumulative_image = widgets.HTML()
        self.cumulative_image.add_class("wi-cumulative-chart")
        self.summary = widgets.HTML(layout=widgets.Layout(width="100%", margin="0", overflow="auto"))  # scrolls, not the page
        self.summary.add_class("wi-summary")
        options = widgets.HBox([self.scenario_box, self.bias_box, self.ranges_box, reset_all],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.label_box = widgets.Text(placeholder="label, e.g. lower savings", description="Label",
                                      layout=widgets.Layout(width="22em"))
        self.label_box.add_class("wi-version-label")
        self.note_box = widgets.Text(placeholder="why: a sentence for CHANGES.md", description="Note",
                                     layout=widgets.Layout(width="30em"))
        self.note_box.add_class("wi-version-note")
        save = widgets.Button(description="Save as a new case version", layout=widgets.Layout(width="auto"),
                              tooltip="write a new case folder beside this one, with these what-ifs")
        save.add_class("wi-save")
        save.on_click(lambda _: self.save(self.label_box.value, self.note_box.value))
        self.saved = widgets.HTML("")
        self.saved.add_class("wi-saved")
        saving = widgets.VBox([widgets.HTML("<b>Keep this what-if</b>: a new case folder beside the case, "
                                            "with a CHANGES.md; the case itself is never changed."),
                               widgets.HBox([self.label_box, self.note_box, save],
                                            layout=widgets.Layout(flex_flow="row wrap")), self.saved])
        right = widgets.VBox([self.changed, options, self.gap_image, self.cumulative_image, self.summary, self.status,
                              saving],
                             layout=widgets.Layout(width="64%"))
        left = widgets.VBox([widgets.HTML("<b>Assumptions</b> (type a value and press Enter)"), self.accordion],
                            layout=widgets.Layout(width="36%", max_height="1400px", overflow="auto"))
        self.widget = widgets.VBox([self.heading, widgets.HBox([left, right])])
        self.widget.add_class("wi-explorer")

    def _ipython_display_(self):  # pragma: no cover - Jupyter's display hook
        from IPython.display import display
        display(self.widget)

    # ----------------------------------------------------------------------------- behaviour

    def _on_change(self, control: Control, value: object) -> None:
        self.apply(control.path, value)

    def _on_reset(self, control: Control) -> None:
        self.session.reset(control.path)
        self.rows[control.path].show(self.session.value(control.path))
        self.refresh()

    def apply(self, path: str, value: object) -> bool:
        """Set one value as the control does: True when taken (results updated), False when refused."""
        started = time.perf_counter()
        row = self.rows.get(path)
        refusal = self.session.set(path, value)
        if refusal is not None:
            message = "; ".join(refusal.messages)
            if row is not None:
                row.note(f"Not taken: {message}", refused=True)
            self.status.value = f"<span style='color:#D4351C'>Not taken: {_esc(message)}</span>"
            return False
        if row is not None:
            row.note(beyond_risk_range(row.control, self.session.value(path)))
        self.refresh(started)
        return True

    def reset(self) -> None:
        self.session.reset()
        for path, row in self.rows.items():
            row.show(self.session.value(path))
        self.refresh()

    def save(self, label: str, note: str) -> Path | None:
        """Save the what-ifs as a new case version; its folder, or ``None`` (and why, on screen)."""
        if not self.session.overrides:
            self.saved.value = "Nothing to save: no value differs from the plan."
            return None
        try:
            folder = save_version(self.session.files, list(self.session.overrides.values()), label, note)
        except CaseError as exc:
            self.saved.value = ("<span style='color:#D4351C'>Not saved: "
                                + _esc("; ".join(short(p) for p in exc.problems)) + "</span>")
            return None
        count = len(self.session.overrides)
        self.saved.value = (f"Saved {count} what-if{'s' if count > 1 else ''} as <code>{_esc(str(folder))}</code>, "
                            "with CHANGES.md; it validates, runs and batches like any other case.")
        if self.on_saved is not None:
            self.on_saved(folder)
        return folder

    def choose(self, scenario: str | None = None, adjusted: bool | None = None, ranges: bool | None = None) -> None:
        if scenario is not None:
            self.scenario = scenario
        if adjusted is not None:
            self.adjusted = adjusted
        if ranges is not None:
            self.ranges = ranges
        self.refresh()

    # ------------------------------------------------------------------------------- drawing

    def figures(self, scenario: str) -> tuple[words.Figures, words.Figures]:
        """(plan, what-if) figures of one scenario for the council, as shown."""
        return (words.figures(self.session.plan, scenario, self.council, self.adjusted),
                words.figures(self.session.current, scenario, self.council, self.adjusted))

    def refresh(self, started: float | None = None) -> None:
        started = time.perf_counter() if started is None else started
        plan, now = self.session.plan, self.session.current
        case = now.case
        changed = bool(self.session.overrides)
        self.changed.value = f"<b>{_esc(words.changed_line(len(self.session.overrides), len(self.session.widened)))}</b>"
        s = now.inputs.scenario_ids.index(self.scenario)
        c = now.inputs.council_ids.index(self.council)
        plan_arrays = plan.adjusted if self.adjusted else plan.arrays
        now_arrays = now.adjusted if self.adjusted else now.arrays
        name = names.scenario_name(case, self.scenario)
        council = names.council_name(case, self.council)
        years = case.year_labels
        p, n = self.figures(self.scenario)
        required = now_arrays.savings_required[s, c]
        plan_savings, now_savings = plan_arrays.recurring_savings[s, c], now_arrays.recurring_savings[s, c]
        self.gap_image.value = image_html(
            self.gap_chart.update(words.gap_title(name, council, years[-1], p, n, changed), plan_savings, now_savings,
                                  required, ""),
            words.alt_gap(name, council, years, list(required), list(plan_savings), list(now_savings)))
        plan_cum, now_cum = plan_arrays.cumulative_net_benefit[s, c], now_arrays.cumulative_net_benefit[s, c]
        self.cumulative_image.value = image_html(
            self.cumulative_chart.update(words.payback_title(name, p, n, changed), plan_cum, now_cum, None, ""),
            words.alt_cumulative(name, council, years, list(plan_cum), list(now_cum)))
        rows = [(sid, names.scenario_name(case, sid), *self.figures(sid)) for sid in self.scenario_ids]
        ranges = self._ranges() if self.ranges else None
        bias = "with optimism bias" if self.adjusted else "without optimism bias"
        self.summary.value = table(rows, ranges, caption=f"{council}: every scenario, plan and what-if, {bias}")
        self.last_ms = (time.perf_counter() - started) * 1000
        self.status.value = f"Updated in {self.last_ms:,.0f} ms."

    def _ranges(self) -> dict[str, tuple[float, float, float]]:
        results = self.session.results()
        risk = run_risk(results.case, QUICK_DRAWS, SEED, results=results)
        rows = risk.summary[risk.summary.council == self.council]
        return {r.scenario: (r.npv_p10, r.npv_p50, r.npv_p90) for r in rows.itertuples()}

