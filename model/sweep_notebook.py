"""What ``notebooks/sweep.ipynb`` calls: a sweep run from the notebook's parameters (as
``python -m model sweep`` reads its flags), its files written, its charts shown from the PNGs
written, and the command that turns a grouping into a full case. The words are
:mod:`model.words.sweep`'s; nothing here appraises.
"""
from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from .charts.export import saved_alt_text
from .files.paths import safe_name
from .files.sweep_outputs import write_sweep
from .publish import CaseProblems, output_folder
from .rules.errors import CaseError
from .sweep.areas import find_area
from .sweep.curves import read_curves
from .sweep.run import Sweep, sweep
from .sweep_commands import settings_of
from .words.sweep_summary import top_table

#: a chart shown at about the size it will have on an A4 page (as :mod:`model.publish` shows them)
DISPLAY_WIDTH_PX = 760


def folder(out: str, area: str, *parts: str) -> Path:
    """``out`` if given, else ``outputs/notebooks/sweep-<area>``; ``parts`` a folder inside it."""
    where = output_folder(out, f"sweep-{safe_name(area)}")
    for part in parts:
        where = where / safe_name(part)
    return where


def _required(require) -> list[str]:
    """``[["Dartford", "Sevenoaks"]]`` or ``["Dartford+Sevenoaks"]`` as the command line's ``A+B``."""
    return [item if isinstance(item, str) else "+".join(item) for item in require]


def run(area: str, include=(), unitaries: str = "1..5", floor: float | None = 500000, contiguous: bool = True,
        require=(), out: str | Path = "", ceiling: float | None = None, curves: str | None = None,
        land_only: bool = False) -> Sweep:
    """The sweep the parameters ask for, written into ``out`` (groupings.csv, summary.md, the
    charts, ...). A bad parameter stops the notebook with the problems, not a traceback."""
    args = argparse.Namespace(unitaries=str(unitaries), min_population=None if floor is None else str(floor),
                              max_population=None if ceiling is None else str(ceiling), contiguous=bool(contiguous),
                              require=_required(require))
    try:
        where = find_area(area, list(include), land_only=land_only)
        result = sweep(where, settings_of(args, where), read_curves(Path(curves) if curves else None))
        write_sweep(result, Path(out) if out else folder("", area))
    except CaseError as exc:
        raise CaseProblems(exc.problems) from None
    return result


def chart(out: str | Path, name: str):
    """A chart the sweep wrote (``top-groupings`` or ``trade-off``), shown with its alternative text."""
    from IPython.display import Image

    png = Path(out) / f"{name}.png"
    return Image(filename=str(png), width=DISPLAY_WIDTH_PX, alt=saved_alt_text(png))


def top(result: Sweep, count: int = 10):
    """The top groupings as a table for display."""
    from IPython.display import Markdown

    return Markdown(top_table(result, count))


def write_case_command(area: str, include=(), unitaries: str = "1..5", floor: float | None = 500000,
                       contiguous: bool = True, require=(), out: str | Path = "DIR", rank: int = 1) -> str:
    """The command that writes the grouping of ``rank`` as a reorganisation case folder for a full
    appraisal (``--write-case``)."""
    words = ["python", "-m", "model", "sweep", str(area)]
    for council in include:
        words += ["--include", council]
    words += ["--unitaries", str(unitaries)]
    if floor is not None:
        words += ["--min-population", str(int(floor)) if float(floor).is_integer() else str(floor)]
    if contiguous:
        words.append("--contiguous")
    for group in _required(require):
        words += ["--require", group]
    words += ["--out", str(out), "--write-case", str(rank)]
    return " ".join(shlex.quote(w) for w in words)


def next_step(area: str, include=(), unitaries: str = "1..5", floor: float | None = 500000, contiguous: bool = True,
              require=(), out: str | Path = "DIR", rank: int = 1) -> str:
    """The notebook's last paragraph: how a grouping becomes a full case."""
    command = write_case_command(area, include, unitaries, floor, contiguous, require, out, rank)
    return (f"**Next: a full appraisal of one grouping.** `{command}` writes the grouping of rank {rank} in "
            "groupings.csv as a reorganisation case folder (under `cases/` in the output folder), with the area's "
            "councils, their population, Band D and tax base, and the sweep's savings and costs as initiatives. "
            "`python -m model run <that folder> --out <folder>` then appraises it with the whole model: year by "
            "year, council by council, with council tax harmonisation, and the notebooks and committee report "
            "as for any case. Replace the illustrative curves' figures with the councils' own before relying "
            "on them.")
