"""``summary.md``: what a sweep found, in Markdown: the title, the sentences of
:mod:`model.words.sweep` (the space, the best, the trade-offs), the counts by check and number of
councils, the top groupings as a table, and where every curve comes from (they are illustrative).
A council name holding ``|`` is written ``\\|`` so the tables hold.
"""
from __future__ import annotations

from ..rules.formats import money, people, percent_places
from ..sweep.run import CHECKS, Sweep
from . import sweep as words
from .phrases import payback_period, sentence_start

#: the charts ``summary.md`` shows, by file name (written beside it)
CHART_FILES = {"top-groupings.png": "The top groupings by net present value",
               "trade-off.png": "Net present value against the largest council tax rise"}
COUNT_HEADINGS = {"not_contiguous": "Not in one piece", "below_floor": "Below the floor",
                  "above_ceiling": "Above the ceiling", "not_as_required": "Not as required", "kept": "Kept"}


def cell(text: str) -> str:
    """Text for a Markdown table cell: ``|`` escaped, line breaks as spaces."""
    return " ".join(str(text).split()).replace("|", "\\|")


def table(headings: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    rule = ["---:" if n in right else "---" for n in range(len(headings))]
    lines = [headings, rule] + rows
    return "\n".join("| " + " | ".join(cell(c) if line is not rule else c for c in line) + " |" for line in lines)


def counts_table(result: Sweep) -> str:
    rows = []
    for k, by in sorted(result.counts.items()):
        rows.append([words.counted(k, "council"), f"{sum(by.values()):,}", *(f"{by[c]:,}" for c in CHECKS)])
    rows.append(["All", f"{result.enumerated:,}", *(f"{result.total(c):,}" for c in CHECKS)])
    return table(["New councils", "Groupings", *(COUNT_HEADINGS[c] for c in CHECKS)], rows,
                 right=set(range(1, len(CHECKS) + 2)))


def top_table(result: Sweep, top: int = 10) -> str:
    f, area = result.figures, result.area
    labels = result.curves.year_labels
    rows = []
    for row, groups in enumerate(words.the_groupings(result, top)):
        index = int(f["payback_index"][row])
        payback = f"{labels[index]} ({payback_period(float(f['payback_years'][row]))})" if index >= 0 else \
            f"not by {labels[-1]}"
        where = area.councils[int(f["largest_rise_area"][row])].name
        rows.append([str(row + 1), str(len(groups)),
                     "; ".join(", ".join(area.councils[i].name for i in g) for g in groups),
                     money(f["npv"][row]), payback, f"{percent_places(f['largest_rise_pct'][row])} ({where})",
                     people(f["smallest_population"][row]), "Yes" if result.pareto[row] else "No"])
    return table(["Rank", "New councils", "Councils in each (; between new councils)", "NPV", "Pays back",
                  "Largest rise (where)", "Smallest council", "Pareto front"], rows, right={0, 1, 3})


def sources_list(result: Sweep) -> str:
    lines = [f"- The area: {result.area.source}."]
    lines.append(f"- The curves ({words.curves_file(result)}): {' '.join(result.curves.source.split())}.")
    lines += [f"- {sentence_start(path.replace('.', ', ').replace('_', ' '))}: {' '.join(text.split()).rstrip('.')}."
              for path, text in sorted(result.curves.sources.items())]
    return "\n".join(lines)


def summary(result: Sweep, top: int = 10) -> str:
    """The whole of ``summary.md``."""
    said = words.sentences(result)
    parts = [f"# {said['title']}", said["space"], "## The best grouping", said["best"], "## The trade-offs",
             said["trade_offs"], "## The groupings by check",
             "Each grouping is counted once, under the first check it fails, in the order of the columns.",
             counts_table(result)]
    if result.kept:
        shown = min(top, result.kept)
        parts += [f"## The top {words.number(shown)}" if shown > 1 else "## The grouping kept",
                  f"Net present value {words.illustrative(result)}; groupings.csv holds every grouping kept.",
                  top_table(result, top), "## Charts",
                  "\n".join(f"![{heading}]({name})" for name, heading in CHART_FILES.items())]
    parts += ["## Sources", ("Every figure on the curves is illustrative: the reference data holds no spending, "
              "so the curves show the shape of published analyses, not any council's own costs."),
              sources_list(result)]
    return "\n\n".join(parts) + "\n"
