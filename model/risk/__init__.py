"""Risk and appraisal: optimism bias, sensitivity with switching values, and Monte Carlo.

Everything here moves the engine's inputs and projects them again on the engine's leading draws
axis: one call projects every swing or every draw, never a Python loop over them.

* ``distributions.py``  sampling the distributions an assumption may carry (triangular, PERT, ...)
* ``green_book.py``     HM Treasury Green Book optimism bias categories (published uplifts)
* ``optimism_bias.py``  the uplift and haircut each initiative gets, and the adjusted inputs
* ``levers.py``         an assumption as a straight-line move of engine inputs; ``vary`` applies many
* ``sensitivity.py``    one-at-a-time swings (tornado) and switching values
* ``monte_carlo.py``    draws of every uncertain assumption, projected at once; percentiles
* ``outcomes.py``       what a risk or sensitivity run hands on, and its file columns

The modules are imported by name (``from model.risk import levers``): this package imports
nothing itself, because :mod:`model.case.assumptions` needs ``distributions`` and ``green_book``.
"""
