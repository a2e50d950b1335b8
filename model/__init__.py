"""Joint working scenario model for UK councils.

Data flows one way: case files -> :func:`load_case` (validated, typed assumptions) ->
:func:`project_case` (numpy engine, tidy tables) -> words, tables, charts, files and notebooks.

The package is in layers, one folder each; a module imports only from its own layer and the
layers above it here (``tests/test_layers.py`` checks every import):

* ``rules/``      errors, bounds, years, sharing keys, appraisal (NPV, payback, gap met and every
                  money threshold), distributions, Green Book tables, formats (money, %, FTE)
* ``workforce/``  the law: statutory redundancy pay, discretionary compensation, pension strain
* ``case/``       what a case may contain (``assumptions``, split by file), ``names`` (the one source
                  of display names), reading (``loader``, ``case_files``, ``numbers``,
                  ``yaml_reading``), checking (``rounds``, ``references``, ...), ``sources``
* ``engine/``     the case as arrays (``inputs``, ``profile``, ``costing``, ``optimism_bias``) and the
                  projection over [draws x] scenarios x councils x years
* ``results/``    ``frames`` (``project_case``: the CSV contracts) and ``outcomes`` (options,
                  baselines, comparisons, the best, the risk focus)
* ``risk/``, ``options/``  sensitivity, switching values, Monte Carlo; the options appraisal
* ``words/``      every sentence and title (``phrases``, ``titles``, ``conclusions``, ``risk``,
                  ``chances``, ``options``, ``workforce``, ``what_ifs``, ``explorer``; ``findings``
                  gathers them for notebooks)
* ``whatif/``     what-ifs of one case: ``session`` (changed by field path, projected at once),
                  ``controls`` (what the explorer offers), ``versions`` (saved as a new case folder)
* ``tables/``, ``charts/``  committee tables; house-style charts
* ``files/``      workbooks, a run's files, output folders, text made safe for spreadsheets
* ``runs/``, ``explorer/``  papermill per council in worker processes, the manifest, the kernel;
                  the ipywidgets explorer (``notebooks/explore.ipynb``)
* ``publish.py``, ``cli.py``  notebook helpers; ``python -m model ...``

Modules that lived at the top before the layers (``from model import findings``) are still found
by their old names (:data:`MOVED`).
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

