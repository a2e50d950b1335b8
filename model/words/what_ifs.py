"""What a what-if says about itself, so that nobody mistakes it for the plan.

:func:`what_if_sentence` is the line a notebook run with ``overrides`` shows first; it names each
field changed by its path, the value in the case's files and the what-if's value (Markdown, the
paths and values as code). :func:`shown_value` writes one value for it.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..case.what_ifs import Change, WhatIfCase
from ..rules.errors import clip

#: at most this many changes are listed one by one; the rest are counted
LISTED = 8
VALUE_CHARS = 40


def shown_value(value: object) -> str:
    """A value as a reader would write it in a case file: ``0.06``, ``5,000,000``, ``[0.5, 1]``,
    ``true``; text as it is, cut to :data:`VALUE_CHARS` characters."""
    return clip(_plain(value), VALUE_CHARS)


def _plain(value: object, depth: int = 0) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return _plain(int(value))
        return f"{value:,}" if abs(value) >= 10_000 else repr(value)
    if depth > 2:
        return "..."
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_plain(v, depth + 1)}" for k, v in list(value.items())[:6]) + "}"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(_plain(v, depth + 1) for v in list(value)[:8]) + "]"
    return str(value)


def _as_code(text: str) -> str:
    """``text`` as inline code: a backquote inside would end it, so it is shown as a quote."""
    return f"`{clip(text, 120).replace('`', chr(39))}`"


def _as_text(text: str) -> str:
    return clip(text, 120)


def _change(change: Change, code) -> str:
    what_if = code(shown_value(change.what_if))
    if change.plan is None:
        return f"{code(change.path)} set to {what_if} (the files do not write it)"
    return f"{code(change.path)} from {code(shown_value(change.plan))} to {what_if}"


def what_if_sentence(what_if: WhatIfCase, markdown: bool = True) -> str:
    """"What-if: these results change 2 values of the case: `path` from `0.08` to `0.06`; ... The
    case's files are unchanged, ..."; empty for the plan. ``markdown=False``: plain text, for a
    workbook's About sheet."""
    code = _as_code if markdown else _as_text
    changes = what_if.changes
    if not changes:
        return ""
    count = "1 value" if len(changes) == 1 else f"{len(changes):,} values"
    listed = [_change(c, code) for c in changes[:LISTED]]
    if len(changes) > LISTED:
        listed.append(f"and {len(changes) - LISTED:,} more")
    sentence = (f"{'**What-if:**' if markdown else 'What-if:'} these results change {count} of the case: {'; '.join(listed)}. "
                "The case's files are unchanged, so these are not the plan's figures.")
    widened = list(what_if.widened)
    if len(widened) == 1:
        w = widened[0]
        sentence += (f" The declared risk range of {code(w.path)} now runs from {code(shown_value(w.new_low))} to "
                     f"{code(shown_value(w.new_high))}, widened to hold the what-if: a range describes "
                     "uncertainty, not a limit.")
    elif widened:
        ranges = [f"{code(w.path)} now runs from {code(shown_value(w.new_low))} to {code(shown_value(w.new_high))}"
                  for w in widened[:LISTED]]
        if len(widened) > LISTED:
            ranges.append(f"and {len(widened) - LISTED:,} more")
        sentence += (" The declared risk ranges were widened to hold the what-ifs, as a range describes "
                     f"uncertainty, not a limit: {'; '.join(ranges)}.")
    return sentence
