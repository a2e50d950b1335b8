"""``python -m model report``: the committee reports of a case, as Word and PDF.

For one council (``--council``): ``DIR/committee-report.docx`` and ``.pdf``. For the case: the
partnership's report in ``DIR`` and each council's (successor councils too) in ``DIR/<council>/``,
the layout of a batch folder. The case is projected once, and the risk (the risk notebook's draws
and seed), the sensitivity and any options appraisal are run once for all its councils; all the
documents go to PDF in one LibreOffice call. A report is written under a temporary name and moved
into place, so a failed run leaves what was there before.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..case.assumptions import Case
from ..files.paths import safe_name
from ..results.frames import Results, project_case
from ..rules.errors import CaseError, Problem
from .chart_files import ChartFiles
from .contents import Meeting, council_report
from .pdf import missing_note, to_pdf
from .word import write_docx

REPORT_NAME = "committee-report"
#: the risk notebook's defaults, so the report's chances are the risk pages' chances
DRAWS, SEED = 10_000, 1


@dataclass
class Written:
    documents: list[Path] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pdf_note: str = ""


def check_template(template: Path | None) -> None:
    """A template must be a Word document (``.docx``) that python-docx can open; bad input otherwise."""
    if template is None:
        return
    path = Path(template)
    problem = None
    if not path.is_file():
        problem = "no such file"
    elif path.suffix.lower() != ".docx":
        problem = "a template is a Word document saved as .docx (not .doc, .dotx or .odt)"
    else:
        try:
            with zipfile.ZipFile(path) as package:
                if "word/document.xml" not in package.namelist():
                    problem = "not a Word document: it has no word/document.xml"
        except (zipfile.BadZipFile, OSError):
            problem = "not a Word document (.docx is a zip package; this file is not one)"
    if problem is None:
        try:
            from docx import Document

            Document(str(path))
        except Exception as exc:  # python-docx raises many kinds on a broken package
            problem = f"Word could not read it: {type(exc).__name__}"
    if problem:
        raise CaseError([Problem(str(path), "--template", problem, has_value=False)])


def appraisal_for(results: Results, council: str | None = None):
    """The options appraisal a report shows: where the case has options, for the partnership (None)
    or a council of the case (a new council has no weighting of its own); else None."""
    if results.case.options is None or council not in (None, *results.case.council_ids):
        return None
    from ..options.scoring import appraise_options

    return appraise_options(results.case, results)


def analyses(results: Results, draws: int = DRAWS, seed: int = SEED):
    """The risk, the sensitivity and (where the case has options) the options appraisal, once."""
    from ..risk.monte_carlo import run_risk
    from ..risk.sensitivity import run_sensitivity

    risk = run_risk(results.case, draws, seed, results=results)
    swings = run_sensitivity(results.case, results=results)
    return risk, swings, appraisal_for(results)


def write_one(results: Results, council: str | None, folder: Path, *, risk=None, swings=None, appraisal=None,
              template: Path | None = None, meeting: Meeting = Meeting(), run_date: dt.date | None = None,
              reuse_charts: Path | None = None, lead: str = "") -> Path:
    """One report, ``folder/committee-report.docx``; charts it draws go to ``folder/charts``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    charts = ChartFiles(folder / "charts", reuse_charts, run_date)
    shows_appraisal = appraisal is not None and (council is None or council in results.case.council_ids)
    report = council_report(results, council, charts, risk=risk, swings=swings,
                            appraisal=appraisal if shows_appraisal else None, meeting=meeting, run_date=run_date,
                            lead=lead)
    target = folder / f"{REPORT_NAME}.docx"
    staged = folder / f".{REPORT_NAME}.docx.new"
    try:
        write_docx(report, staged, template, run_date)
        staged.replace(target)
    finally:
        staged.unlink(missing_ok=True)
    return target


def write_reports(case: Case, out_dir: Path, council: str | None = None, *, template: Path | None = None,
                  meeting: Meeting = Meeting(), run_date: dt.date | None = None, draws: int = DRAWS,
                  seed: int = SEED, pdf: bool = True, lead: str = "") -> Written:
    """The command: one council's report, or the case's and every council's."""
    check_template(template)
    results = project_case(case)
    known = results.inputs.result_council_ids
    if council is not None and council not in known:
        raise CaseError([Problem("--council", "", f"no council {council!r} in case {case.id} (its councils: "
                                 f"{', '.join(known)})", has_value=False)])
    risk, swings, appraisal = analyses(results, draws, seed)
    out = Path(out_dir)
    targets = [(council, out)] if council else [(None, out)] + [(c, out / safe_name(c)) for c in known]
    written = Written()
    for who, folder in targets:
        written.documents.append(write_one(results, who, folder, risk=risk, swings=swings, appraisal=appraisal,
                                           template=template, meeting=meeting, run_date=run_date, lead=lead))
    if pdf:
        converted = to_pdf(written.documents)
        written.pdfs = [p for p in converted.values() if p is not None]
        written.pdf_note = missing_note(converted)
    return written
