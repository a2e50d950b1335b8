"""Joint working scenario model for UK councils.

Data flows one way: case files -> :func:`load_case` (validated, typed assumptions) ->
:func:`project_case` (numpy engine, tidy tables) -> outputs, charts and notebooks.

Where each number is computed:

* ``bounds.py``       the documented limits on every number, and the check that results are finite
* ``positions.py``    where a problem is, list items named by id (``initiatives 'x' .savings``)
* ``assumptions.py``  what a case may contain, with its validation rules
* ``schema_problems.py`` pydantic's errors as problems in the user's words
* ``loader.py``       reading case folders (YAML, CSV) into those models
* ``case_files.py``   which files a case folder may hold; reading only ordinary files inside it
* ``numbers.py``      how numbers are written (one grammar for YAML and CSV)
* ``yaml_reading.py`` the bounded YAML loader that reads numbers, dates and keys by those rules
* ``rounds.py``       all problems in one round: items validated one by one, then the checks across files
* ``references.py``, ``sharing_checks.py``  checks across files (unknown ids, years outside the
                      horizon, shares and sharing keys)
* ``sources.py``      where each number came from; the assumptions register
* ``sharing.py``      sharing keys: how a partnership splits an amount between councils
* ``engine_inputs.py`` assumptions -> arrays (in-scope costs, shares applied)
* ``workforce/``      redundancy law (statutory.py, compensation.py, pension_strain.py), the staff
                      profile (profile.py) and the cost per post removed (costing.py)
* ``engine.py``       the projection over scenarios x councils x years (draws-ready)
* ``appraisal.py``    NPV, payback, gap met
* ``results.py``      tidy projection / summary tables (the CSV contracts)
* ``tables.py``, ``findings.py``, ``workforce_findings.py``, ``risk_tables.py``, ``risk_findings.py``
                      committee tables and sentences
* ``charts/``, ``publish.py``  house-style charts; notebook helpers
* ``workbook.py``, ``outputs.py``  Excel workbook; atomic writing of a run's files
* ``cell_safety.py``  text that a spreadsheet would read as a formula, neutralised in every CSV and workbook
* ``out_folder.py``   which ``--out`` may be written: checks, the marker, the lock, stale leftovers
* ``batch.py``, ``notebook_runs.py``, ``kernel.py``  papermill runs per council
* ``workers.py``      worker processes that die with the batch, time limits, Ctrl-C
* ``manifest.py``     ``manifest.json``, kept true on disk while the batch runs
* ``notebook_files.py`` executed notebooks normalised so reruns give the same bytes
* ``memory.py``       the memory a risk run may use, read from the machine
* ``risk/``           optimism bias, sensitivity and switching values, Monte Carlo (see its docstring)
* ``options/``        options appraisal: scores, weights, ranks and their robustness (see its docstring)
* ``cli.py``          ``python -m model validate|run|batch|cases|redundancy|sensitivity|risk|options``
"""
from .rules.errors import CaseError, Problem
from .case.loader import example_case_ids, load_case
from .results.frames import Results, project_case

__all__ = ["CaseError", "Problem", "Results", "example_case_ids", "load_case", "project_case"]

#: modules that lived at the top of the package before the layers (issue 13), so that notebooks
#: and scripts written as ``from model import findings`` keep working
MOVED = {
    "findings": "model.words.findings",
    "risk_findings": "model.words.risk",
    "options_findings": "model.words.options",
    "workforce_findings": "model.words.workforce",
    "risk_tables": "model.tables.risk",
    "options_tables": "model.tables.options",
    "formatting": "model.rules.formats",
    "appraisal": "model.rules.appraisal",
    "assumptions": "model.case.assumptions",
    "loader": "model.case.loader",
    "sources": "model.case.sources",
    "workbook": "model.files.workbook",
    "batch": "model.runs.batch",
}


def __getattr__(name: str):
    """``from model import findings`` and friends: the module in its new home."""
    if name in MOVED:
        import importlib

        return importlib.import_module(MOVED[name])
    raise AttributeError(f"module 'model' has no attribute {name!r}")

