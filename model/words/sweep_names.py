"""How a sweep names things: counts (words under ten), the curves file, the area, and a grouping
in plain English ("one council for the whole of Kent and Medway"; "two councils: Dartford,
Sevenoaks and Swale together; and the rest of Kent") or in short for a chart label. Names are
shown as the data gives them, never cut.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..case import names
from ..sweep.areas import Area
from ..sweep.curves import DEFAULT
from ..sweep.run import Sweep
from ..sweep.tables import members
from .phrases import join

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number(n: int) -> str:
    """A count as the house writes it: "no", "one" ... "nine", then "10", "39,824"."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else f"{n:,}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """"one grouping", "two groupings", "39,824 groupings"."""
    return f"{number(n)} {singular if n == 1 else (plural or singular + 's')}"


def curves_file(result: Sweep) -> str:
    """The curves file as a reader finds it: ``data/sweep/curves.yaml`` for the bundled one."""
    path = Path(result.curves.path)
    return "data/sweep/curves.yaml" if path.resolve() == DEFAULT.resolve() else path.name


def illustrative(result: Sweep) -> str:
    """"on the illustrative savings and cost curves (data/sweep/curves.yaml)"."""
    return f"on the illustrative savings and cost curves ({curves_file(result)})"


# ------------------------------------------------------------------------------------- names


def called(name: str) -> str:
    return names.in_sentence(name)


def area_name(area: Area) -> str:
    """"Kent and Medway": the county and any unitaries joining it."""
    return join([called(area.county.name)] + [called(c.name) for c in area.included])


def whole_area(area: Area) -> str:
    return f"one council for the whole of {area_name(area)}"


def unitary_words(area: Area, group: Sequence[int]) -> str:
    """One unitary: its councils joined ("Dartford, Sevenoaks and Swale together"), "Stevenage on its own",
    or the whole area."""
    if len(group) == len(area.councils):
        return whole_area(area)
    if len(group) == 1:
        return f"{called(area.councils[group[0]].name)} on its own"
    return f"{join([called(area.councils[i].name) for i in group])} together"


def the_rest(area: Area, groups: Sequence[Sequence[int]]) -> int | None:
    """The unitary a grouping calls "the rest": the largest (the first of equals), where it holds
    more than half of the councils and at least three; None where none does."""
    largest = max(range(len(groups)), key=lambda u: (len(groups[u]), -u))
    held = len(groups[largest])
    return largest if len(groups) > 1 and held > len(area.councils) / 2 and held >= 3 else None


def grouping_words(area: Area, groups: Sequence[Sequence[int]]) -> str:
    """A grouping in plain English: "one council for the whole of Kent and Medway"; "two councils:
    Dartford, Sevenoaks, Tonbridge and Malling and Tunbridge Wells together; and the rest of Kent
    and Medway" (unitaries apart by semicolons, as their councils are joined by commas and "and")."""
    if len(groups) == 1:
        return whole_area(area)
    if len(groups) == len(area.councils):
        return f"{counted(len(groups), 'council')}: each of today's councils on its own"
    rest = the_rest(area, groups)
    parts = [unitary_words(area, g) for u, g in enumerate(groups) if u != rest]
    if rest is not None:
        parts.append(f"the rest of {area_name(area)}")
    listed = f"{'; '.join(parts[:-1])}; and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{counted(len(groups), 'council')}: {listed}"


def short_grouping(area: Area, groups: Sequence[Sequence[int]], most: int = 60) -> str:
    """A grouping in short for a chart label: "2 councils: Medway, Ashford, ... | Dover, ..." (each
    unitary's first councils, cut at a council's name, never inside one; a name's own spaces are
    no-break spaces, so a chart wraps between names), "2 councils: Stevenage | the rest", "1 council:
    the whole area"."""
    if len(groups) == 1:
        return "1 council: the whole area"
    rest = the_rest(area, groups)
    share = max(most // len(groups), 12)
    shown = []
    for u, group in enumerate(groups):
        if u == rest:
            continue
        text = ""
        for n, i in enumerate(group):
            name = area.councils[i].name.replace(" ", "\u00a0")
            if n and len(text) + len(name) + 2 > share:
                text += ", ..."
                break
            text = f"{text}, {name}" if n else name
        shown.append(text)
    if rest is not None:
        shown.append("the\u00a0rest")
    return f"{len(groups)} councils: " + " | ".join(shown)


def the_groupings(result: Sweep, top: int | None = None) -> list[list[list[int]]]:
    """The groupings kept (the first ``top``), best first, each as its unitaries' council indexes."""
    return members(result.masks[:top], len(result.area.councils))


def grouping(result: Sweep, row: int) -> list[list[int]]:
    """One grouping kept (``row`` 0 the best) as its unitaries' council indexes."""
    return members(result.masks[row:row + 1], len(result.area.councils))[0]


def ordinal(n: int) -> str:
    """"2nd", "29th", "111th"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"
