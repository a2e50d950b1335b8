"""The explorer's summary table: each scenario's figures for one council, plan beside what-if,
with the change where there is one (in words and in bold, so it shows in greyscale too).

Every figure cell carries ``data-scenario``, ``data-measure`` and ``data-version`` (``plan``,
``whatif``), so a browser test reads the figure a user sees.
"""
from __future__ import annotations

from html import escape

from ..rules.formats import SUPPRESSED, money, suppressed
from ..words.explorer import Figures

#: measure -> its column heading
MEASURES = {
    "npv": "NPV",
    "payback": "Payback",
    "final_gap": "Gap left in the final year",
    "one_off_costs": "One-off costs",
    "redundancies": "Redundancies",
}

STYLE = """<style>
.wi-table{border-collapse:collapse;font-family:'DejaVu Sans',Arial,sans-serif;font-size:12px;color:#0B0C0C}
.wi-table th,.wi-table td{border-bottom:1px solid #DDDDDD;padding:3px 6px;text-align:right;vertical-align:top;
white-space:nowrap;line-height:1.3}
.wi-table th{background:#F3F2F1;font-weight:bold}
.wi-table th.wi-name,.wi-table td.wi-name{text-align:left}
.wi-table td.wi-changed{font-weight:bold}
.wi-table td[data-measure="payback"]{white-space:normal;min-width:6.5em}
.wi-table .wi-change{color:#505A5F;font-size:11px}
</style>"""


def shown(measure: str, figures: Figures) -> str:
    """A figure as the table writes it."""
    value = getattr(figures, measure)
    if measure == "payback":
        return value
    if measure == "redundancies":
        count = suppressed(round(value, 1))
        return SUPPRESSED if count == SUPPRESSED else f"{round(float(count)):,}"
    return money(value)


def change(measure: str, plan: Figures, now: Figures) -> str:
    """The change in words, '' where there is none as shown."""
    if shown(measure, plan) == shown(measure, now):
        return ""
    if measure == "payback":
        return f"was {plan.payback}"
    if measure == "redundancies":
        return f"was {shown(measure, plan)}"
    difference = getattr(now, measure) - getattr(plan, measure)
    return ("+" if difference > 0 else "\u2212") + money(abs(difference))


def table(rows: list[tuple[str, str, Figures, Figures]], ranges: dict[str, tuple[float, float, float]] | None = None,
          caption: str = "") -> str:
    """``rows``: (scenario id, scenario name, plan, what-if). ``ranges``: scenario id -> the
    what-if's NPV at P10, P50 and P90, when the ranges are on."""
    head = "".join(f'<th colspan="2">{escape(MEASURES[m])}</th>' for m in MEASURES)
    sub = "".join("<th>Plan</th><th>What-if</th>" for _ in MEASURES)
    if ranges is not None:
        head += '<th colspan="3">What-if NPV: chances</th>'
        sub += "<th>P10</th><th>P50</th><th>P90</th>"
    body = []
    for scenario, name, plan, now in rows:
        cells = [f'<td class="wi-name">{escape(name)}</td>']
        for measure in MEASURES:
            moved = change(measure, plan, now)
            cells.append(f'<td data-scenario="{escape(scenario)}" data-measure="{measure}" data-version="plan">'
                         f"{escape(shown(measure, plan))}</td>")
            mark = ' class="wi-changed"' if moved else ""
            note = f'<br><span class="wi-change">{escape(moved)}</span>' if moved else ""
            cells.append(f'<td{mark} data-scenario="{escape(scenario)}" data-measure="{measure}" '
                         f'data-version="whatif">{escape(shown(measure, now))}{note}</td>')
        if ranges is not None:
            for label, value in zip(("p10", "p50", "p90"), ranges.get(scenario, (float("nan"),) * 3)):
                cells.append(f'<td data-scenario="{escape(scenario)}" data-measure="npv_{label}" '
                             f'data-version="whatif">{escape(money(value)) if value == value else "-"}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption style='text-align:left;caption-side:top'>{escape(caption)}</caption>" if caption else ""
    return (f'{STYLE}<div style="overflow-x:auto"><table class="wi-table">{cap}<thead><tr><th class="wi-name" rowspan="2">Scenario</th>{head}</tr>'
            f"<tr>{sub}</tr></thead><tbody>{''.join(body)}</tbody></table></div>")
