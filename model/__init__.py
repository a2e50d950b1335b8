"""Joint working scenario model for UK councils.

Data flows one way: case files -> :func:`load_case` (validated, typed assumptions) ->
:func:`project_case` (numpy engine, tidy tables) -> outputs, charts and notebooks.

Where each number is computed:

* ``assumptions.py``  what a case may contain, with its validation rules
* ``loader.py``       reading case folders (YAML, CSV) into those models
* ``references.py``   checks across files (unknown ids, years outside the horizon, shares)
* ``sources.py``      where each number came from; the assumptions register
* ``sharing.py``      sharing keys: how a partnership splits an amount between councils
* ``engine_inputs.py`` assumptions -> arrays (in-scope costs, shares applied)
* ``engine.py``       the projection over scenarios x councils x years (draws-ready)
* ``appraisal.py``    NPV, payback, gap met
* ``results.py``      tidy projection / summary tables (the CSV contracts)
* ``workbook.py``, ``outputs.py``  Excel workbook; atomic writing of a run's files
* ``cli.py``          ``python -m model validate|run|cases``
"""
from .errors import CaseError, Problem
from .loader import example_case_ids, load_case
from .results import Results, project_case

__all__ = ["CaseError", "Problem", "Results", "example_case_ids", "load_case", "project_case"]
