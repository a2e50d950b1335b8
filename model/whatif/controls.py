"""The assumptions an officer changes in the explorer, as controls: a field path, its plan value,
where the value came from, the values the case's rules allow, and any declared risk range.

Controls are listed for one council: the case's discount rate; the council's budget gap for
each year the case lists, its usable and minimum reserves; and, for each initiative that council
takes part in, its saving (rate or amount, whichever the case writes), start year and month,
ramp, posts removed and the share of the savings from them, each one-off and recurring cost,
and, where more than one council takes part, the sharing key and any fixed shares. The allowed
range is the field's own (money at least nothing, a rate between 0 and 1, a month from 1 to 12, a
start year inside the projection); the validation that decides is still the case's, when the
value is set.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..case import assumptions as a
from ..case import names
from ..case.field_paths import read_value
from ..rules import formats, years
from .session import WhatIf

MONTHS = ("April", "May", "June", "July", "August", "September", "October", "November", "December", "January",
          "February", "March")
#: ramp speeds offered beside the ramp profile: label -> share of full effect by year
RAMP_SPEEDS = {
    "at once": [1.0],
    "over 2 years": [0.5, 1.0],
    "over 3 years": [0.33, 0.67, 1.0],
    "over 4 years": [0.25, 0.5, 0.75, 1.0],
    "over 5 years": [0.2, 0.4, 0.6, 0.8, 1.0],
}
SHARING_KEYS = ("equal", "net_budget", "population", "in_scope_cost", "fixed")
SHARING_KEY_NAMES = {"equal": "equal shares", "net_budget": "by net budget", "population": "by population",
                     "in_scope_cost": "by in-scope cost", "fixed": "fixed shares"}


@dataclass(frozen=True)
class Control:
    path: str
    group: str                   # "Case", a council's name or an initiative's
    label: str                   # what it is, in words: "Savings a year at full effect"
    kind: str                    # "money", "rate", "fte", "month", "year", "ramp", "key"
    plan: object                 # the plan's value as the files give it (or the default)
    source: str
    allowed: str                 # the allowed values in words
    low: float | None = None     # allowed range for numbers
    high: float | None = None
    choices: tuple = ()          # (label, value) pairs for month, year and key
    risk_range: tuple[float, float] | None = None

    @property
    def css(self) -> str:
        """The control's CSS class: ``wi-path-`` and the path with anything outside [a-z0-9-] as ``_``."""
        return "wi-path-" + "".join(ch if ch.isascii() and (ch.isalnum() or ch == "-") else "_"
                                    for ch in self.path.lower())

    def shown(self, value: object) -> str:
        """A value as the control's box shows it: as it would be written in the file."""
        return written(value)

    def plan_in_words(self) -> str:
        return in_words(self.kind, self.plan)


def written(value: object) -> str:
    """A value as a case file would write it (``4200000``, ``0.06``, ``0.5, 1``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(written(v) for v in value)
    return "" if value is None else str(value)


def in_words(kind: str, value: object) -> str:
    """A value for a reader: £4.2m, 6.0%, October, 45.0 FTE."""
    if value is None:
        return "not set"
    if kind == "money" and isinstance(value, (int, float)):
        return formats.money(float(value))
    if kind == "rate" and isinstance(value, (int, float)):
        return rate(float(value))
    if kind == "fte" and isinstance(value, (int, float)):
        return formats.fte(float(value))
    if kind == "month" and isinstance(value, int) and 1 <= value <= 12:
        return MONTHS[(value - 4) % 12]
    if kind == "key":
        return SHARING_KEY_NAMES.get(str(value), str(value))
    if kind == "ramp" and isinstance(value, list):
        return ", ".join(rate(float(v)) for v in value if isinstance(v, (int, float)))
    return written(value)


def rate(share: float) -> str:
    """A rate to a tenth of a per cent where it has one: 3.5%, 12%, 0.25%."""
    text = f"{share * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def controls(session: WhatIf, council: str, scenarios: Iterable[str] | None = None) -> list[Control]:
    """Every control that moves ``council``'s figures in the given scenarios (default: all)."""
    case = session.plan_case
    shown = set(scenarios) if scenarios is not None else {s.id for s in case.scenarios}
    used = {ref for s in case.scenarios if s.id in shown for ref in s.initiatives}
    out = [_number(session, "case.discount_rate", "Case", "Discount rate (real, a year)", "rate",
                   case.case.discount_rate)]
    entry = next(c for c in case.councils if c.id == council)
    name = names.council_name(case, council)
    for label in sorted(entry.savings_required, key=years.parse_label):
        out.append(_number(session, f"councils.{council}.savings_required.{label}", name,
                           f"Budget gap a year from {label}", "money", entry.savings_required[label]))
    out.append(_number(session, f"councils.{council}.usable_reserves", name, "Usable reserves at the start", "money",
                       entry.usable_reserves))
    out.append(_number(session, f"councils.{council}.minimum_reserves", name, "Minimum reserves", "money",
                       entry.minimum_reserves))
    for item in case.initiatives:
        if item.id in used and council in (item.councils or case.council_ids):
            out += _initiative(session, case, item)
    return out


def _initiative(session: WhatIf, case: a.Case, item: a.Initiative) -> list[Control]:
    group = names.display(item)
    base = f"initiatives.{item.id}"
    out = []
    if item.savings is not None:
        if item.savings.rate is not None:
            out.append(_number(session, f"{base}.savings.rate", group, "Saving rate (of in-scope net cost)", "rate",
                               item.savings.rate))
        else:
            out.append(_number(session, f"{base}.savings.amount", group, "Savings a year at full effect", "money",
                               item.savings.amount))
    labels = case.year_labels
    plan_year = session.plan_value(f"{base}.start_year")
    out.append(Control(f"{base}.start_year", group, "Start year", "year", plan_year, item.source or "",
                       f"a financial year from {labels[0]} to {labels[-1]}",
                       choices=tuple((label, label) for label in labels)))
    month = session.plan_value(f"{base}.start_month")
    out.append(Control(f"{base}.start_month", group, "Start month", "month", month if month is not None else 4,
                       item.source or "", "a month, April to March",
                       choices=tuple((m, (n + 3) % 12 + 1) for n, m in enumerate(MONTHS))))
    ramp = session.plan_value(f"{base}.ramp")
    ramp = [r.value for r in item.ramp] if ramp is None else [_bare(r) for r in ramp]
    out.append(Control(f"{base}.ramp", group, "Ramp (share of full effect by year)", "ramp", ramp, item.source or "",
                       "shares from 0 to 1 that never fall, one a year (the last holds)", 0.0, 1.0))
    if item.fte_reduction is not None:
        if item.fte_reduction.rate is not None:
            out.append(_number(session, f"{base}.fte_reduction.rate", group, "Posts removed (share of in-scope FTE)",
                               "rate", item.fte_reduction.rate))
        else:
            out.append(_number(session, f"{base}.fte_reduction.amount", group, "Posts removed (FTE)", "fte",
                               item.fte_reduction.amount))
        if item.savings is not None:
            share = item.savings_from_posts or a.Fraction(value=item.share_of_savings_from_posts)
            out.append(_number(session, f"{base}.savings_from_posts", group,
                               "Share of the savings from the posts removed", "rate", share))
    for kind, entries, what in (("one_off_costs", item.one_off_costs, "one-off cost"),
                                ("recurring_costs", item.recurring_costs, "recurring cost a year")):
        for n, entry in enumerate(entries):
            same = [e for e in entries if e.category == entry.category]
            key = entry.category if len(same) == 1 else str(n + 1)
            label = names.category_name(entry.category) if kind == "one_off_costs" else (
                entry.description or entry.category.replace("_", " "))
            label = label[0].upper() + label[1:]
            if len(same) > 1:
                label += f" ({same.index(entry) + 1} of {len(same)})"
            out.append(_number(session, f"{base}.{kind}.{key}.amount", group, f"{label}: {what}", "money",
                               entry.amount))
    if len(item.councils or case.council_ids) > 1:
        out.append(Control(f"{base}.sharing_key", group, "Sharing key", "key", item.sharing_key, item.source or "",
                           "equal, net_budget, population, in_scope_cost or fixed",
                           choices=tuple((SHARING_KEY_NAMES[k], k) for k in SHARING_KEYS)))
        for council, share in (item.shares or {}).items():
            out.append(_number(session, f"{base}.shares.{council}", group,
                               f"{names.council_name(case, council)}'s share", "rate", share))
    return out


def _bare(value: object) -> object:
    return value.get("value") if isinstance(value, dict) else value


def _number(session: WhatIf, path: str, group: str, label: str, kind: str, number: a.Sourced) -> Control:
    low, high = type(number).domain
    plan = read_value(session.files.yaml, path)
    plan = number.value if plan is None else plan
    if kind == "money":
        allowed = "£0 or more"
    elif kind == "rate":
        allowed = "from 0 to 1 (0% to 100%)"
    else:
        allowed = "0 or more"
    spec = number.distribution
    risk = (float(spec.low), float(spec.high)) if spec is not None else None
    return Control(path, group, label, kind, plan, number.source or "", allowed, float(low), float(high),
                   risk_range=risk)


def beyond_risk_range(control: Control, value: object) -> str:
    """A note when a what-if is past the declared risk range (taken all the same), else ''."""
    if control.risk_range is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    low, high = control.risk_range
    if low <= value <= high:
        return ""
    return (f"Outside the case's risk range of {in_words(control.kind, low)} to {in_words(control.kind, high)}: "
            "taken all the same (the range describes uncertainty, not a limit); a saved version widens it.")
