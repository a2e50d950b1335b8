"""``python -m model sweep AREA --out DIR``: every grouping of a two-tier county's councils into
unitaries, appraised and ranked (:mod:`model.sweep`), written by :mod:`model.files.sweep_outputs`.

Bad input (an area that is not a county, a number of unitaries that is not one, a population
written ambiguously, a council named in ``--require`` that is not in the area) raises
:class:`model.rules.errors.CaseError` before anything is read from the curves or written.
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import time
from pathlib import Path

from .case import numbers
from .files.out_folder import check_out_paths
from .files.sweep_case import case_id, write_grouping_case
from .files.sweep_outputs import write_sweep
from .rules.errors import CaseError, Problem, relative
from .save_version_command import day
from .sweep.areas import Area, find_area
from .sweep.curves import read_curves
from .sweep.partitions import MAX_COUNCILS
from .sweep.run import Settings, Sweep, sweep

MAX_UNITARIES = 10


def add_parsers(commands) -> None:
    run = commands.add_parser("sweep", help="every grouping of a county's councils into unitaries, appraised "
                                            "and ranked")
    run.add_argument("area", help="a two-tier county: its ONS code or name (e.g. E10000016 or Kent), or a folder "
                                  "holding councils.csv and adjacency.csv of the same columns as data/england")
    run.add_argument("--out", required=True, type=Path, help="the folder to write groupings.csv, pareto.csv, "
                                                             "counts.csv, sweep.json, summary.md and the charts into")
    add_sweep_options(run)
    run.add_argument("--top", default="10", help="how many of the best groupings to list on screen (default 10)")
    run.add_argument("--workers", default="1", help="processes to share the work (default 1)")
    run.add_argument("--write-case", action="append", default=[], metavar="RANK",
                     help="write the grouping of this rank in groupings.csv as a reorganisation case folder, "
                          "OUT/cases/<area>-sweep-rank-RANK, for a full appraisal (repeatable; never over a folder)")
    run.add_argument("--date", type=day, default=None, help="the date the written case says it was written, "
                                                            "YYYY-MM-DD (default: today)")


def add_sweep_options(parser) -> None:
    parser.add_argument("--unitaries", default="1..5", help="the numbers of unitaries, e.g. 2..5 or 3 "
                                                           "(default 1..5)")
    parser.add_argument("--min-population", default=None, help="every unitary at least this many people (default: "
                                                               "the curves file's 500,000, the government's guide)")
    parser.add_argument("--max-population", default=None, help="every unitary at most this many people (default: "
                                                               "no ceiling)")
    parser.add_argument("--contiguous", action="store_true", help="only groupings whose every unitary is one "
                                                                  "connected piece of land")
    parser.add_argument("--land-only", action="store_true", help="with --contiguous, count only shared land "
                                                                 "boundaries (not councils that meet across an "
                                                                 "estuary)")
    parser.add_argument("--include", action="append", default=[], metavar="COUNCIL",
                        help="a neighbouring unitary that joins the area (repeatable)")
    parser.add_argument("--require", action="append", default=[], metavar="A+B",
                        help="councils that must be in the same unitary, joined by + (repeatable)")
    parser.add_argument("--curves", type=Path, default=None, help="the savings and cost curves (default: "
                                                                  "data/sweep/curves.yaml)")


def settings_of(args: argparse.Namespace, area: Area, workers: int = 1) -> Settings:
    problems: list[Problem] = []
    lowest, highest = _unitaries(args.unitaries, problems)
    floor = _population("--min-population", args.min_population, problems)
    ceiling = _population("--max-population", args.max_population, problems)
    if floor is not None and ceiling is not None and ceiling < floor:
        problems.append(Problem("--max-population", "population", "is below --min-population", args.max_population))
    require = []
    for text in args.require:
        group = []
        for name in (part.strip() for part in text.split("+")):
            code = _in_area(area, name)
            if code is None:
                problems.append(Problem("--require", "council", f"is not one of {area.county.name}'s councils in this "
                                        "sweep (name them by ONS code or name, joined by +)", name))
            else:
                group.append(code)
        if len(group) < 2 and not problems:
            problems.append(Problem("--require", "councils", "names two or more councils joined by +", text))
        require.append(tuple(group))
    if problems:
        raise CaseError(problems)
    return Settings(lowest, highest, floor, ceiling, args.contiguous, tuple(require), workers)


def run(args: argparse.Namespace) -> int:
    problems: list[Problem] = []
    top = whole("--top", args.top, 0, 10_000, problems)
    workers = whole("--workers", args.workers, 1, 64, problems)
    ranks = [whole("--write-case", text, 1, 10**9, problems) for text in args.write_case]
    if problems:
        raise CaseError(problems)
    check_out_paths([args.out])
    area = find_area(args.area, args.include, land_only=args.land_only)
    if len(area.councils) > MAX_COUNCILS:
        raise CaseError([Problem("AREA", "councils", f"a sweep groups at most {MAX_COUNCILS} councils",
                                 len(area.councils))])
    settings = settings_of(args, area, workers)
    curves = read_curves(args.curves)
    started = time.perf_counter()
    result = sweep(area, settings, curves)
    seconds = time.perf_counter() - started
    cases = {rank: Path(args.out) / "cases" / case_id(result, rank) for rank in dict.fromkeys(ranks)}
    problems = [Problem("--write-case", "rank", f"is not a rank in groupings.csv, which has {result.kept:,} "
                        "groupings", rank) for rank in cases if rank > result.kept]
    problems += [Problem(relative(folder), "", "already exists; --write-case never writes into a case folder (move "
                         "it away, or choose another --out)", has_value=False) for folder in cases.values()
                 if folder.exists()]
    if problems:
        raise CaseError(problems)
    write_sweep(result, args.out)
    print(headline(result, seconds))
    for line in best_lines(result, top):
        print(line)
    on = args.date or dt.date.today()
    for rank, folder in cases.items():
        folder.parent.mkdir(exist_ok=True)
        write_grouping_case(result, rank, folder, on)
        print(f"  rank {rank} written as a case: {relative(folder)} (python -m model run {relative(folder)} "
              "--out DIR for the full appraisal)")
    return 0


def headline(result: Sweep, seconds: float) -> str:
    kept = result.kept
    return (f"{result.area.county.name}: {result.enumerated:,} groupings of {len(result.area.councils)} councils "
            f"into {result.settings.lowest} to {min(result.settings.highest, len(result.area.councils))} unitaries, "
            f"{kept:,} kept ({result.total('not_contiguous'):,} not contiguous, {result.total('below_floor'):,} "
            f"below the population floor, {result.total('above_ceiling'):,} above the ceiling, "
            f"{result.total('not_as_required'):,} not as required) in {seconds:.1f} s")


def best_lines(result: Sweep, top: int) -> list[str]:
    from .sweep.tables import UNITARY_SEPARATOR, members
    names = [c.name for c in result.area.councils]
    lines = []
    for rank, groups in enumerate(members(result.masks[:top], len(names)), start=1):
        npv = result.figures["npv"][rank - 1]
        shown = UNITARY_SEPARATOR.join(", ".join(names[i] for i in g) for g in groups)
        lines.append(f"  {rank:>3}. NPV {npv / 1e6:,.1f}m: {shown}")
    return lines


def _unitaries(text: str, problems: list[Problem]) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,2})\s*(?:(?:\.\.|-|to)\s*(\d{1,2}))?\s*", str(text))
    if match:
        lowest = int(match.group(1))
        highest = int(match.group(2) or lowest)
        if 1 <= lowest <= highest <= MAX_UNITARIES:
            return lowest, highest
    problems.append(Problem("--unitaries", "numbers", f"must be a number of unitaries or a range such as 2..5, "
                            f"from 1 to {MAX_UNITARIES}", text))
    return 1, 1


def _population(flag: str, text: str | None, problems: list[Problem]) -> float | None:
    if text is None:
        return None
    value = numbers.parse(str(text))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1e8:
        return float(value)
    why = f": {value.advice}" if isinstance(value, numbers.Refused) else ""
    problems.append(Problem(flag, "population", f"must be a number of people, such as 500000{why}", text))
    return None


def whole(flag: str, text: str, low: int, high: int, problems: list[Problem]) -> int:
    if re.fullmatch(r"\s*\d{1,6}\s*", str(text)) and low <= int(text) <= high:
        return int(text)
    problems.append(Problem(flag, "number", f"must be a whole number from {low} to {high}", text))
    return low


def _in_area(area: Area, name: str) -> str | None:
    wanted = name.casefold()
    for council in area.councils:
        if wanted in (council.code.casefold(), council.name.casefold()):
            return council.code
    return None
