"""A case: what it may contain, reading it from its folder, and checking it.

* ``assumptions.py``   the pydantic models of every case file (split by file; this module gathers them)
* ``names.py``         the one source of display names: councils, scenarios, initiatives, categories
* ``loader.py``        reading a case folder (YAML, CSV) into those models
* ``case_files.py``    which files a case folder may hold; reading only ordinary files inside it
* ``numbers.py``       how numbers are written (one grammar for YAML and CSV)
* ``yaml_reading.py``  the bounded YAML loader that reads numbers, dates and keys by those rules
* ``schema_problems.py`` pydantic's errors as problems in the user's words
* ``positions.py``     where a problem is, list items named by id (``initiatives 'x' .savings``)
* ``rounds.py``        all problems in one round: items one by one, then the checks across files
* ``references.py``, ``sharing_checks.py``, ``options_checks.py``  checks across files
* ``sources.py``       where each number came from; the assumptions register
"""
