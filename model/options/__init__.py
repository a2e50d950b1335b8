"""Options appraisal (seed 002's method): options rated against criteria, weighted per council and
jointly, totalled and ranked, with the financial case feeding the financial criteria and a
measure of how robust the ranking is to the weights.

* ``checks.py``      cross-file checks of ``options.yaml`` (ratings and weights complete, on the scale)
* ``scoring.py``     ratings -> scores (financial criteria rated from the projection), totals, ranks
* ``robustness.py``  the smallest change of weights that changes the top option; Dirichlet draws
* ``outcomes.py``    what an appraisal hands on, and the columns of its files

The file's own shape (criteria, options, scale, ratings, weights) is in :mod:`model.case.assumptions`.
"""
