"""Running notebooks: papermill per council, in worker processes, with a manifest kept true on disk.

* ``batch.py``           ``python -m model batch``: plan, claim the folder, run every council
* ``notebook_runs.py``   one council's notebooks, with time limits
* ``workers.py``         worker processes that die with the batch, time limits, Ctrl-C
* ``manifest.py``        ``manifest.json``, kept true on disk while the batch runs
* ``notebook_files.py``  executed notebooks normalised so reruns give the same bytes
* ``kernel.py``          the project's Jupyter kernel, registered when missing
"""
