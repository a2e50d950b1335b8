"""What the notebooks call to put a chart, a table or a finding where a reader will find it.

Each function saves to the run's output folder and returns something Jupyter displays, so a
notebook cell is one line: ``publish.chart(charts.gap_vs_savings(...), out, "gap-vs-savings")``.
Charts are shown from the PNG just saved, not drawn a second time. :func:`tables_workbook` returns
the workbook's path, which is not for display: a notebook assigns it rather than end a cell on it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from os import PathLike
from pathlib import Path

import pandas as pd

from .case import what_ifs
from .case.what_ifs import WhatIfCase
from .files import workbook
from .files.paths import safe_name
from .files.print_setup import PageHeading
from .results.frames import Results
from .rules.errors import CaseError
from .words.what_ifs import what_if_sentence

#: a 16 cm chart shown at about the size it will have on an A4 page
DISPLAY_WIDTH_PX = 760
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def output_folder(out_dir: str, case_id: str, council: str = "") -> Path:
    """``out_dir`` if given; otherwise ``outputs/notebooks/<case>/<council>`` in the project (or the
    working folder when the package is installed elsewhere). Created if missing."""
    if out_dir:
        folder = Path(out_dir)
    else:
        root = PACKAGE_PARENT if (PACKAGE_PARENT / "data" / "cases").is_dir() else Path.cwd()
        folder = root / "outputs" / "notebooks" / safe_name(case_id)
        if council:
            folder /= safe_name(council)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def outputs_line(out: str | PathLike, batch_folder: str = "", workbook_name: str = "") -> str:
    """Where this notebook's outputs are, as one line of Markdown for its heading.

    Run by hand, the output folder as the notebook sees it (``out``); run by a batch, which sets the
    ``batch_folder`` parameter to the council's folder relative to the batch folder, that folder:
    ``Outputs: `south-somerset/` in the batch folder: charts in `south-somerset/charts/`, tables in
    `south-somerset/council-scenarios.xlsx`.`` ``workbook_name`` is the workbook's name without ``.xlsx``
    (none: no tables line).
    """
    if batch_folder:
        inside, sep, where = f"{str(batch_folder).rstrip('/')}/", "/", " in the batch folder"
    else:
        inside, sep, where = os.path.join(str(out), ""), os.sep, ""
    places = [f"charts in `{inside}charts{sep}`"]
    if workbook_name:
        places.append(f"tables in `{inside}{workbook_name}.xlsx`")
    return f"Outputs: `{inside}`{where}: {', '.join(places)}."


class CaseProblems(CaseError):
    """A case (or its what-ifs) that cannot be used, shown in a notebook as its problems, one a
    line, instead of a traceback through the model (IPython shows ``_render_traceback_``)."""

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)

    def _render_traceback_(self) -> list[str]:
        fix = "this problem" if len(self.problems) == 1 else f"these {len(self.problems)} problems"
        return [f"The case cannot be used: fix {fix} and run the notebook again.",
                *(f"  {p}" for p in self.problems)]


def load_case(case: str, overrides: dict | None = None) -> WhatIfCase:
    """The notebook's case with its what-ifs (the ``overrides`` parameter: ``{field path: value}``,
    see :mod:`model.case.overrides`; empty for the plan). Its ``.case`` is the validated case. A case
    or a what-if that cannot be used stops the notebook with the problems, not a traceback."""
    try:
        return what_ifs.load(case, what_ifs.mapping(overrides, origin="overrides"))
    except CaseError as exc:
        raise CaseProblems(exc.problems) from None


def what_if_line(loaded: WhatIfCase) -> str:
    """For the notebook's first line: the what-ifs these results carry, as a paragraph of its own
    (empty for the plan)."""
    sentence = what_if_sentence(loaded)
    return f"{sentence}\n\n" if sentence else ""


def run_date(text: str = "") -> dt.date:
    """The date shown on charts: ``YYYY-MM-DD``, or today when empty."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ValueError(f"run_date is written YYYY-MM-DD, e.g. 2026-11-23, not {text!r}") from None


def council_name(results: Results, council: str) -> str:
    """The council's name (a successor council's too), or a clear error naming the councils the case has."""
    for c in list(results.case.councils) + results.case.successors:
        if c.id == council:
            return c.name
    known = ", ".join(c.id for c in list(results.case.councils) + results.case.successors)
    raise ValueError(f"council {council!r} is not in case {results.case.id}; its councils are: {known}")


def chart(figure, folder: Path, name: str):
    """Save a chart as PNG (300 dpi) and SVG under ``folder/charts`` and return it for display, with
    its alternative text (the finding in its title, what it draws, its notes), which an HTML
    export of the notebook writes on the image."""
    from IPython.display import Image

    from .charts import save
    from .charts.export import alt_text

    paths = save(figure, Path(folder) / "charts", name)
    png = next(p for p in paths if p.suffix == ".png")
    return Image(filename=str(png), width=DISPLAY_WIDTH_PX, alt=alt_text(figure))


def text(markdown: str):
    """A finding for display as formatted text."""
    from IPython.display import Markdown

    return Markdown(markdown)


def tables(frames: dict[str, pd.DataFrame]):
    """Show several tables, each under its heading (a notebook cell may not loop)."""
    from IPython.display import display

    for heading, frame in frames.items():
        display(text(f"**{heading}**"))
        display(table(frame))


def table(frame: pd.DataFrame):
    """A table for display, each column by its format (:mod:`model.tables.cell_formats`): money
    as £ with thousands separators, shares as percentages, chances as the sentences write them,
    an assumption's values in its row's unit; text and blanks as they are."""
    from .tables.cell_formats import UNIT, UNIT_COLUMN, UNITS

    formats = frame.attrs.get("formats", {})
    styler = frame.style.format({c: _shown(SHOWN[f]) for c, f in formats.items() if f in SHOWN})
    for column in [c for c, f in formats.items() if f == UNIT and c in frame.columns]:
        units = frame[UNIT_COLUMN] if UNIT_COLUMN in frame.columns else pd.Series("", index=frame.index)
        for unit in units.fillna("").unique():
            rows = frame.index[units.fillna("") == unit]
            styler = styler.format(_shown(_unit_shower(UNITS.get(unit, ("", ""))[1])),
                                   subset=pd.IndexSlice[rows, [column]])
    if UNIT in formats.values() and UNIT_COLUMN in frame.columns:   # each figure carries its unit
        styler = styler.hide(subset=[UNIT_COLUMN], axis="columns")
    return styler.hide(axis="index").set_uuid(table_uuid(frame))


def table_uuid(frame: pd.DataFrame) -> str:
    """The HTML id of a displayed table, from its contents: pandas would pick a random one, so an
    executed notebook would differ on every rerun."""
    digest = hashlib.sha1(frame.to_csv().encode("utf-8"))
    digest.update(repr(sorted(frame.attrs.get("formats", {}).items())).encode("utf-8"))
    return digest.hexdigest()[:10]


def _shown(show):
    """A cell shown by ``show`` if it is a figure; text as it is, a blank for a missing figure."""
    def cell(value):
        if isinstance(value, str):
            return value
        if value is None or value != value:
            return ""
        return show(value)
    return cell


def _gbp(value: float) -> str:
    return f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}"


def _gbp_pence(value: float) -> str:
    from .rules.formats import pounds_and_pence

    return pounds_and_pence(value)


def _fte(value: float) -> str:
    return f"{value:,.1f}"


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _percent(value: float) -> str:
    from .rules.formats import percent_places

    return percent_places(value, 1)


def _chance(value: float) -> str:
    from .words.chances import chance

    return chance(value)


def _years(value: float) -> str:
    from .words.phrases import payback_period

    return payback_period(value)


def _number(value: float) -> str:
    from .words.chances import number_text

    return number_text(value)


def _unit_shower(unit: str):
    """How a notebook shows a figure in ``unit`` (the words' unit: "rate", "GBP", "months")."""
    from .words.chances import value_text

    return lambda value: value_text(value, unit)


#: a format key -> how a notebook shows a figure of it
SHOWN = {"gbp": _gbp, "gbp_pence": _gbp_pence, "fte": _fte, "percent": _percent, "chance": _chance,
         "count": _count, "years": _years, "number": _number}


def tables_workbook(results: Results, tables: dict[str, pd.DataFrame], folder: Path, name: str,
                    date: dt.date, council: str = "", what_if: WhatIfCase | None = None) -> Path:
    """Write ``folder/<name>.xlsx``: an About sheet, then one sheet per table. The workbook is dated
    ``date`` (the run date), so a rerun with the same date gives the same bytes. A what-if
    (``what_if`` with overrides) says so first on the About sheet."""
    extra = [("Council", council_name(results, council))] if council else []
    if what_if is not None and what_if.is_what_if:
        extra.insert(0, ("What-if", what_if_sentence(what_if, markdown=False)))
    extra.append(("Date on the charts", date.isoformat()))
    about = workbook.about_table(results, date.isoformat(), extra)
    heading = PageHeading(results.case.case.title, council_name(results, council) if council else "", date.isoformat())
    return workbook.write_tables(Path(folder) / f"{name}.xlsx", about, tables, run_date=date, heading=heading,
                                 charts=workbook_charts(results, council, tables))


#: a table's ``attrs["chart"]`` -> its chart's y axis title
CHART_AXES = {"gap": "Recurring savings and budget gap, £ a year", "cumulative_net_benefit": "Cumulative net benefit, £"}


def workbook_charts(results: Results, council: str, tables: dict[str, pd.DataFrame]) -> tuple:
    """The native Excel charts of a council's tables that ask for one (``attrs["chart"]``): the
    gap (each scenario's recurring savings against the budget gap, by year) and cumulative net
    benefit, each titled with its finding, as the notebook's chart is."""
    from .files.excel_charts import LineChartSpec
    from .words import titles

    if not council:
        return ()
    title = {"gap": titles.gap_title, "cumulative_net_benefit": titles.payback_title}
    specs = []
    for name, frame in tables.items():
        kind = frame.attrs.get("chart")
        if kind in CHART_AXES:
            specs.append(LineChartSpec(data_sheet=name[:31], title=title[kind](results, council),
                                       y_title=CHART_AXES[kind]))
    return tuple(specs)


# ------------------------------------------------------------------------------ reorganisation


def reorganised_council(results: Results, council: str = "") -> str:
    """The council a reorganisation notebook looks at closely: ``council`` if the results have it
    (a successor or a council of the case), else the case's first successor."""
    known = results.inputs.result_council_ids
    if not council:
        if not results.case.successors:
            raise ValueError(f"case {results.case.id} has no option that replaces councils (no scenario has a "
                             "reorganisation); the reorganisation notebook is for cases that do")
        return results.case.successors[0].id
    if council not in known:
        raise ValueError(f"council {council!r} is not in case {results.case.id}; its councils, new ones "
                         f"included, are: {', '.join(known)}")
    return council


def council_tax_views(results: Results, run_date: dt.date | None = None) -> list:
    """Each successor's council tax, scenario by scenario: a heading, the findings, the Band D chart
    and the table (:mod:`model.report.views`)."""
    from .report.views import council_tax_views as views

    return views(results, run_date)


def reorganisation_workbook(results: Results, risk=None, council: str | None = None) -> dict[str, pd.DataFrame]:
    """The reorganisation notebook's tables by sheet name (:mod:`model.report.views`)."""
    from .report.views import reorganisation_workbook as sheets

    return sheets(results, risk, council)


def council_tax(results: Results, folder: Path, date: dt.date | None = None) -> None:
    """Show each new council's council tax in turn (a heading and the findings, the Band D chart
    saved under ``folder/charts``, the table), for a notebook: one call for however many new
    councils the case has. Shows a sentence instead where no new council has a council tax policy."""
    from IPython.display import display

    views = council_tax_views(results, date)
    if not views:
        display(text("No new council in this case has a council tax policy, so council tax is not harmonised here."))
    for view in views:
        display(text(f"### {view.heading}\n\n" + " ".join(view.sentences)))
        display(chart(view.chart, folder, view.file_name))
        display(table(view.table))


# ------------------------------------------------------------------------------ committee report


def committee_report(results: Results, council: str, folder: Path, date: dt.date | None = None, *, risk=None,
                     swings=None, meeting: str = "", meeting_date: str = "", what_if: WhatIfCase | None = None,
                     batch_folder: str = ""):
    """Write the council's committee report, ``folder/committee-report.docx`` (:mod:`model.report`),
    from the figures this notebook has (its risk draws and sensitivity), with the charts already saved
    under ``folder/charts`` (those not yet there are drawn). Returns a line saying where it is. The
    PDF is made by ``python -m model report`` or a batch (one LibreOffice call for many reports). A
    what-if (``what_if`` with overrides) says so before anything else in the report. Run by a batch
    (``batch_folder`` set), the line names the report's place in the batch folder."""
    from .report.committee import appraisal_for, write_one
    from .report.contents import Meeting

    path = write_one(results, council, Path(folder), risk=risk, swings=swings,
                     appraisal=appraisal_for(results, council), meeting=Meeting(meeting, meeting_date),
                     run_date=date, reuse_charts=Path(folder) / "charts",
                     lead=what_if_sentence(what_if, markdown=False) if what_if is not None else "")
    where = (f"`{str(batch_folder).rstrip('/')}/{path.name}` in the batch folder" if batch_folder else f"`{path}`")
    return text(f"The committee report for {council_name(results, council)} is in {where}. Fill in the "
                "sections marked *For the author* before it goes to committee.")


def progress(results: Results, as_of: str = ""):
    """Progress against the business case (:func:`model.results.progress.track`): plan against actual,
    status and the re-forecasts, to ``as_of`` (empty: the case's)."""
    from .results.progress import track

    return track(results, as_of or None)


def progress_tables(case, progress, council: str) -> dict[str, pd.DataFrame]:
    """The progress notebook's workbook: the actuals against plan, each initiative to date, and the
    re-forecasts (the council's rows)."""
    from .tables import progress as tables

    actuals = progress.table[progress.table.council == council]
    return {"Actuals against plan": actuals.reset_index(drop=True),
            "Initiatives to date": tables.to_date_table(case, progress, council),
            "Re-forecasts": tables.reforecast_table(progress, council)}
