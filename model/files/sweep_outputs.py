"""Writing a sweep: ``groupings.csv``, ``pareto.csv``, ``counts.csv`` and ``sweep.json`` (the area,
the settings, the curves with their sources and the counts), ``summary.md`` (what the sweep found,
:mod:`model.words.sweep_summary`) and its two charts (:mod:`model.charts.sweep`, PNG at 300 dpi and
SVG, each carrying its alternative text), all into a hidden folder first and
moved into place (:func:`model.files.outputs.write_atomically`), so a failed run leaves what was
there. The same sweep gives the same bytes: nothing here records the time, and the charts carry no date
or software tag (:func:`model.charts.export.save`).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..charts.export import save
from ..charts.sweep import top_groupings, trade_off
from ..sweep.run import Sweep
from ..sweep.tables import counts_frame, groupings_frame, pareto_frame
from ..words.sweep_summary import summary
from .cell_safety import write_csv
from .out_folder import claim
from .outputs import write_atomically

#: the charts written beside summary.md, by file name without its suffix
SWEEP_CHARTS = ("top-groupings", "trade-off")
SWEEP_FILES = ["groupings.csv", "pareto.csv", "counts.csv", "sweep.json", "summary.md",
               *(f"{name}.{suffix}" for name in SWEEP_CHARTS for suffix in ("png", "svg"))]


def describe(result: Sweep) -> dict:
    """What ``sweep.json`` holds: enough to say what was swept, with what, and what came of it."""
    area, curves, settings = result.area, result.curves, result.settings
    return {
        "area": {"ons_code": area.county.code, "name": area.county.name, "source": area.source,
                 "councils": [{"ons_code": c.code, "name": c.name, "type": c.kind, "population": c.population,
                               "band_d": c.band_d, "tax_base": c.tax_base} for c in area.councils],
                 "neighbours": [[area.codes[i], area.codes[j]] for i, j in area.pairs],
                 "land_boundaries_only": area.land_only},
        "settings": {**asdict(settings), "require": [list(g) for g in settings.require],
                     "min_population": settings.floor(curves)},
        "curves": {"file": Path(curves.path).name, "source": curves.source, "sources": curves.sources,
                   "first_year": curves.year_labels[0], "vesting": curves.year_labels[curves.vesting],
                   "horizon_years": curves.horizon_years, "discount_rate": curves.discount_rate,
                   "council_tax_policy": curves.policy},
        "counts": {str(k): by for k, by in sorted(result.counts.items())},
        "enumerated": result.enumerated, "kept": result.kept,
    }


def write_sweep_files(result: Sweep, folder: Path) -> None:
    """The sweep's files into ``folder`` (which exists), as they are."""
    groupings = groupings_frame(result)
    write_csv(groupings, folder / "groupings.csv")
    write_csv(pareto_frame(groupings), folder / "pareto.csv")
    write_csv(counts_frame(result), folder / "counts.csv")
    text = json.dumps(describe(result), indent=2, ensure_ascii=False, allow_nan=False)
    (folder / "sweep.json").write_text(text + "\n", encoding="utf-8")
    (folder / "summary.md").write_text(summary(result), encoding="utf-8")
    for name, draw in zip(SWEEP_CHARTS, (top_groupings, trade_off)):
        save(draw(result), folder, name)


def write_sweep(result: Sweep, out: Path) -> list[Path]:
    """Claim ``out`` and write the sweep's files into it, each moved into place when all are ready."""
    with claim(out, files=SWEEP_FILES):
        return write_atomically(out, lambda tmp: write_sweep_files(result, tmp))
